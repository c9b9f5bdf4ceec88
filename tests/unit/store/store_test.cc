// store::Store without a broker: versions, offsets in the same batch, error
// kinds, recovery after a full disk, corruption, file modes, the WAL.
#include "store/store.h"

#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <random>
#include <thread>

#include <gtest/gtest.h>
#include <rocksdb/status.h>

#include "tests/unit/store/store_test_util.h"

namespace tidings::store {
namespace {

using testutil::Doc;
using testutil::TempDir;

std::unique_ptr<Store> OpenOrDie(const std::string& path, const StoreOptions& o = {}) {
  auto s = Store::Open(path, o);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(*s) : nullptr;
}

uint32_t StoredVersion(const Store& s, const std::string& id) {
  auto d = s.Get(id);
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return d.ok() && d->has_value() ? (*d)->document().ingest().version() : 0;
}

TEST(Store, WritesDocumentsAndOffsetsTogether) {
  TempDir dir;
  auto s = OpenOrDie(dir.path() + "/db");
  WriteReport r;
  ASSERT_TRUE(s->WriteBatch({Doc("a1", 1), Doc("c1", 1, "reply", "a1")}, {{"t", 3, 42}}, &r).ok());
  EXPECT_EQ(r.written, 2u);
  EXPECT_EQ(r.stale, 0u);
  auto off = s->NextOffset("t", 3);
  ASSERT_TRUE(off.ok());
  EXPECT_EQ(off->value_or(-1), 42);
  EXPECT_FALSE(s->NextOffset("t", 4)->has_value());
  std::vector<std::string> thread;
  ASSERT_TRUE(s->ScanThread("a1", [&](const v1::EnrichedDocument& d) {
                 thread.push_back(d.document().id());
                 return true;
               }).ok());
  EXPECT_EQ(thread, (std::vector<std::string>{"a1", "c1"}));
}

// Issue 13 item 5: the store records, per partition, the first record it
// ever stored, beside the next offset, in the same batch.
TEST(Store, KeepsEachPartitionsFirstOffset) {
  TempDir dir;
  auto s = OpenOrDie(dir.path() + "/db");
  ASSERT_TRUE(s->WriteBatch({Doc("a1", 1)}, {{"t", 0, 11, 10}, {"t", 2, 5, 0}}).ok());
  ASSERT_TRUE(s->WriteBatch({Doc("a2", 1)}, {{"t", 0, 20, 11}, {"other", 1, 3, 0}}).ok());
  // Without a first offset (-1: not known), as a store written before first
  // offsets were kept: it stays unknown, also after later batches.
  ASSERT_TRUE(s->WriteBatch({}, {{"t", 4, 7}}).ok());
  ASSERT_TRUE(s->WriteBatch({}, {{"t", 4, 9, 7}}).ok());
  auto parts = s->Partitions("t");
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_EQ((*parts)[0].partition, 0);
  EXPECT_EQ((*parts)[0].next_offset, 20);
  EXPECT_EQ((*parts)[0].first_offset, 10);  // the first batch's, kept
  EXPECT_EQ((*parts)[1].partition, 2);
  EXPECT_EQ((*parts)[1].first_offset, 0);
  EXPECT_EQ((*parts)[2].partition, 4);
  EXPECT_EQ((*parts)[2].next_offset, 9);
  EXPECT_FALSE((*parts)[2].first_offset.has_value());
  EXPECT_EQ(s->NextOffset("t", 0)->value_or(-1), 20);  // NextOffset reads either value form
  EXPECT_EQ(s->Partitions("other")->size(), 1u);
  EXPECT_TRUE(s->Partitions("none")->empty());
  // Durable: a read-only open reads the same.
  s.reset();
  auto ro = Store::OpenReadOnly(dir.path() + "/db");
  ASSERT_TRUE(ro.ok());
  EXPECT_EQ((*(*ro)->Partitions("t"))[0].first_offset, 10);
}

// Issue 11 item 3: comment C v1 is deferred (parent missing), then the
// parent and C v2 are enriched; tidings.enriched holds v2 and then the
// deferred copy of v1. The store keeps v2, and still stores the offsets.
TEST(Store, NeverReplacesAHigherVersion) {
  TempDir dir;
  auto s = OpenOrDie(dir.path() + "/db");
  ASSERT_TRUE(s->WriteBatch({Doc("a1", 1), Doc("c1", 2, "v2", "a1")}, {{"t", 0, 2}}).ok());
  WriteReport r;
  ASSERT_TRUE(s->WriteBatch({Doc("c1", 1, "v1", "a1")}, {{"t", 0, 3}}, &r).ok());
  EXPECT_EQ(r.written, 0u);
  EXPECT_EQ(r.stale, 1u);
  EXPECT_EQ(StoredVersion(*s, "c1"), 2u);
  EXPECT_EQ((*s->Get("c1"))->document().text(), "v2");
  EXPECT_EQ(s->NextOffset("t", 0)->value_or(-1), 3);
  // A higher version and the same version (a replay) do replace.
  ASSERT_TRUE(s->WriteBatch({Doc("c1", 3, "v3", "a1")}, {}).ok());
  EXPECT_EQ(StoredVersion(*s, "c1"), 3u);
  ASSERT_TRUE(s->WriteBatch({Doc("c1", 3, "v3 again", "a1")}, {}).ok());
  EXPECT_EQ((*s->Get("c1"))->document().text(), "v3 again");
}

TEST(Store, WithinABatchTheHighestVersionWins) {
  TempDir dir;
  auto s = OpenOrDie(dir.path() + "/db");
  WriteReport r;
  ASSERT_TRUE(s->WriteBatch({Doc("c1", 2, "v2"), Doc("c1", 1, "v1"), Doc("c2", 1, "a"), Doc("c2", 1, "b")}, {}, &r)
                  .ok());
  EXPECT_EQ(r.written, 2u);
  EXPECT_EQ(r.stale, 2u);
  EXPECT_EQ((*s->Get("c1"))->document().text(), "v2");
  EXPECT_EQ((*s->Get("c2"))->document().text(), "b");  // the later of equal versions
}

TEST(Store, VersionsSurviveAReopen) {
  TempDir dir;
  {
    auto s = OpenOrDie(dir.path() + "/db");
    ASSERT_TRUE(s->WriteBatch({Doc("c1", 5, "v5")}, {}).ok());
    ASSERT_TRUE(s->Flush().ok());
  }
  auto s = OpenOrDie(dir.path() + "/db");
  ASSERT_TRUE(s->WriteBatch({Doc("c1", 4, "v4")}, {}).ok());
  EXPECT_EQ(StoredVersion(*s, "c1"), 5u);
}

TEST(Store, DirectoryAndFilesAreTheOwnersOnly) {
  TempDir dir;
  const std::string path = dir.path() + "/var/store";
  auto s = OpenOrDie(path);
  ASSERT_TRUE(s->WriteBatch({Doc("a1", 1)}, {}).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u) << std::oct << (st.st_mode & 0777);
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(path)) {
    ASSERT_EQ(::stat(e.path().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 077, 0u) << e.path() << " mode " << std::oct << (st.st_mode & 0777);
    ++files;
  }
  EXPECT_GT(files, 3);
}

TEST(Store, RecoversFromAFullDiskOnceSpaceIsBack) {
  TempDir dir;
  testutil::FaultEnv fault;
  StoreOptions o;
  o.env = fault.env.get();
  auto s = OpenOrDie(dir.path() + "/db", o);
  ASSERT_TRUE(s->WriteBatch({Doc("a1", 1)}, {{"t", 0, 1}}).ok());

  fault.fs->no_space = true;
  WriteReport r;
  Status st = s->WriteBatch({Doc("a2", 1)}, {{"t", 0, 2}}, &r);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(r.error, ErrorKind::kNoSpace) << st.ToString();
  EXPECT_TRUE(Retriable(r.error));
  EXPECT_NE(st.message().find("subcode=NoSpace"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("severity="), std::string::npos) << st.message();
  ErrorKind kind = ErrorKind::kNone;
  // Still full: not recovered, and the kind says to retry (Busy while
  // RocksDB's own recovery runs, else NoSpace).
  EXPECT_FALSE(s->Recover(&kind).ok());
  EXPECT_TRUE(Retriable(kind)) << ErrorKindName(kind);

  fault.fs->no_space = false;  // space freed: no restart needed
  bool recovered = false;
  for (int i = 0; i < 100 && !recovered; ++i) {
    recovered = s->Recover(&kind).ok() && s->WriteBatch({Doc("a2", 1)}, {{"t", 0, 2}}, &r).ok();
    if (!recovered) std::this_thread::sleep_for(std::chrono::milliseconds(20));  // Busy: auto-recovery running
  }
  ASSERT_TRUE(recovered) << ErrorKindName(kind);
  EXPECT_TRUE((*s->Get("a2")).has_value());
  EXPECT_EQ(s->NextOffset("t", 0)->value_or(-1), 2);
}

// Eight bytes overwritten in a data file: reads fail with a corruption
// error that names the file, and the kind says so.
TEST(Store, CorruptionIsAnErrorNamingTheFile) {
  TempDir dir;
  const std::string path = dir.path() + "/db";
  {
    auto s = OpenOrDie(path);
    std::vector<v1::EnrichedDocument> docs;
    for (int i = 0; i < 500; ++i) docs.push_back(Doc("d" + std::to_string(i), 1, std::string(200, 'a' + i % 26)));
    ASSERT_TRUE(s->WriteBatch(docs, {}).ok());
    ASSERT_TRUE(s->Flush().ok());
  }
  std::filesystem::path biggest;
  uintmax_t size = 0;
  for (const auto& e : std::filesystem::directory_iterator(path))
    if (e.path().extension() == ".sst" && e.file_size() > size) size = e.file_size(), biggest = e.path();
  ASSERT_GT(size, 1000u);
  {
    std::fstream f(biggest, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    f.write("CORRUPT!", 8);
  }
  auto s = Store::OpenReadOnly(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  Status st = (*s)->ScanAll([](const v1::EnrichedDocument&) { return true; });
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("code=Corruption"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find(biggest.filename().string()), std::string::npos) << st.message();
  EXPECT_EQ(st.message().find('\n'), std::string::npos);
}

std::string RandomText(std::mt19937& rng, size_t n) {
  std::string s(n, ' ');
  for (auto& c : s) c = static_cast<char>('a' + rng() % 26);
  return s;
}

// Issue 12 item 4: with every column family flushing together, the live
// WAL stays bounded however much is written (it used to keep every file).
TEST(Store, WriteAheadLogStaysBounded) {
  TempDir dir;
  const std::string path = dir.path() + "/db";
  std::mt19937 rng(7);
  uint64_t written = 0;
  {
    auto s = OpenOrDie(path);
    for (int b = 0; b < 120; ++b) {
      std::vector<v1::EnrichedDocument> docs;
      for (int i = 0; i < 500; ++i) docs.push_back(Doc("d" + std::to_string(b * 500 + i), 1, RandomText(rng, 2000)));
      ASSERT_TRUE(s->WriteBatch(docs, {{"t", 0, (b + 1) * 500}}).ok());
      written += 500 * 2000;
    }
    auto wal = s->Wal();
    ASSERT_TRUE(wal.ok()) << wal.status().ToString();
    EXPECT_LT(wal->bytes, 64u << 20) << "written " << written << " bytes, WAL files " << wal->files;
    ASSERT_TRUE(s->Flush().ok());
    wal = s->Wal();
    ASSERT_TRUE(wal.ok());
    EXPECT_LE(wal->files, 1u);
    EXPECT_LT(wal->bytes, 1u << 20);
  }
  auto t0 = std::chrono::steady_clock::now();
  auto ro = Store::OpenReadOnly(path);
  ASSERT_TRUE(ro.ok());
  std::printf("read-only open after %llu MB: %.1f ms\n", static_cast<unsigned long long>(written >> 20),
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  EXPECT_EQ((*ro)->NextOffset("t", 0)->value_or(-1), 60000);
}

}  // namespace
}  // namespace tidings::store
