// The store's index through RocksDB: written with the documents, replaced
// versions' entries gone, read through a snapshot view, rebuilt for a store
// written before the index.
#include <gtest/gtest.h>

#include <random>

#include <rocksdb/db.h>

#include "store/store.h"
#include "tests/unit/store/memory_index.h"
#include "tests/unit/store/store_test_util.h"

namespace tidings::store {
namespace {

v1::EnrichedDocument Tagged(const std::string& id, uint32_t version, const std::string& entity,
                            const std::string& published) {
  auto d = testutil::Doc(id, version);
  d.mutable_document()->set_published_at(published);
  auto* e = d.add_entities();
  e->set_id(entity);
  e->set_name("Name of " + entity);
  e->set_type(v1::PERSON);
  return d;
}

size_t Count(const Store& s, const std::string& entity) {
  auto view = s.View();
  EXPECT_TRUE(view.ok()) << view.status().ToString();
  if (!view.ok()) return 0;
  Query q;
  q.entity = entity;
  auto c = CountDocuments(**view, q);
  EXPECT_TRUE(c.ok());
  return c.ok() ? c->documents : 0;
}

// Every entry key the view gives for `prefix` from `start`.
std::vector<std::string> Scan(const IndexReader& r, const std::string& prefix, const std::string& start) {
  std::vector<std::string> out;
  EXPECT_TRUE(r.ScanIndex(prefix, start, [&](std::string_view k) { return out.emplace_back(k), true; }).ok());
  return out;
}

// The postings (store/index.h) read back as exactly the entry keys of the
// documents stored, whatever the batches, the buckets and the versions: the
// store's view against the in-memory model the query tests use; and each
// stored document is the model's. `batch_docs` documents a batch, 12
// batches.
void CheckPostingsAgainstTheModel(int batch_docs) {
  testutil::TempDir dir;
  auto s = Store::Open(dir.path() + "/db");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  MemoryIndex model;
  std::mt19937 rng(7);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  // Q1 and Q2 share a name; mentions without an id store their name.
  const std::pair<std::string, std::string> entities[] = {
      {"Q1", "Same Name"}, {"Q2", "Same Name"}, {"Q3", "Third"}, {"Q4", "Fourth"}, {"", "No Id"}};
  std::map<std::string, uint32_t> versions;
  std::set<std::string> prefixes;
  int64_t offset = 0;
  for (int batch = 0; batch < 12; ++batch) {
    std::vector<v1::EnrichedDocument> docs;
    for (int i = 0; i < batch_docs; ++i) {
      const std::string id = "d" + std::to_string(pick(batch_docs * 5));  // replaced ones among them
      auto d = testutil::Doc(id, ++versions[id]);
      // Times over ~20 days, some the same, some missing.
      if (pick(10) > 0)
        d.mutable_document()->set_published_at(DayOf(1476950400000 - pick(20) * 86400000LL) + "T0" +
                                               std::to_string(pick(3)) + ":00:00Z");
      d.mutable_document()->set_source("src" + std::to_string(pick(3)));
      d.mutable_document()->set_kind(pick(2) ? "article" : "comment");
      for (int k = pick(4); k > 0; --k) {
        const auto& [eid, name] = entities[pick(5)];
        auto* m = d.add_entities();
        m->set_id(eid);
        m->set_name(name);
      }
      if (pick(2)) {
        auto* date = d.add_dates();
        date->set_type(v1::DATE);
        date->set_value("2016-10-" + std::to_string(10 + pick(5)));
      }
      for (const auto& k : IndexKeys(d)) prefixes.insert(k.substr(0, EntryPrefixSize(k)));
      docs.push_back(std::move(d));
    }
    ASSERT_TRUE((*s)->WriteBatch(docs, {{"t", 0, offset += batch_docs}}).ok());
    // The model keeps the highest version of each id, as the store does.
    for (const auto& d : docs) model.Put(d);
    if (batch == 5) {
      ASSERT_TRUE((*s)->Flush().ok());  // some postings in files, some in the memtable
    }
  }
  auto view = (*s)->View();
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  size_t compared = 0;
  for (const auto& prefix : prefixes) {
    const auto all = Scan(model, prefix, prefix);
    ASSERT_EQ(Scan(**view, prefix, prefix), all) << prefix;
    // From within: at every key, just after it, and at its time alone.
    for (const auto& k : all) {
      EXPECT_EQ(Scan(**view, prefix, k), Scan(model, prefix, k));
      EXPECT_EQ(Scan(**view, prefix, k + '\0'), Scan(model, prefix, k + '\0'));
      const std::string at_time = k.substr(0, prefix.size() + 8);
      EXPECT_EQ(Scan(**view, prefix, at_time), Scan(model, prefix, at_time));
      ++compared;
    }
  }
  EXPECT_GT(compared, 500u);
  // A value nothing has.
  EXPECT_TRUE(Scan(**view, IndexPrefix(IndexField::kEntity, "Q9"), IndexPrefix(IndexField::kEntity, "Q9")).empty());
  for (int n = 0; n < batch_docs * 5; ++n) {
    const std::string id = "d" + std::to_string(n);
    auto want = model.GetDocument(id);
    auto got = (*s)->Get(id);
    ASSERT_TRUE(want.ok() && got.ok()) << id;
    ASSERT_EQ(got->has_value(), want->has_value()) << id;
    if (want->has_value()) {
      EXPECT_EQ((*got)->SerializeAsString(), (*want)->SerializeAsString()) << id;
    }
  }
}

// Small batches: one thread serializes the documents and builds the index.
TEST(StoreIndexDb, PostingsReadAsTheEntryKeysOfTheDocuments) { CheckPostingsAgainstTheModel(25); }

// Large batches: a second thread serializes the documents while the
// writing one builds their index (Store::WriteBatch).
TEST(StoreIndexDb, PostingsAndDocumentsOfLargeBatches) { CheckPostingsAgainstTheModel(150); }

// The index's memtable is a hash of value prefixes and its reads are
// prefix seeks (store.cc, IndexOptions): values that are prefixes of one
// another, or sort next to one another, never leak into each other's
// scans, whether their postings are in the memtable, in files, or both.
TEST(StoreIndexDb, ValuesThatArePrefixesOfOneAnotherStayApart) {
  testutil::TempDir dir;
  auto s = Store::Open(dir.path() + "/db");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  const std::vector<std::string> ids = {"Q1", "Q10", "Q1\x01", "Q2", "Q", "R1"};
  std::map<std::string, size_t> expected;
  int64_t offset = 0;
  for (int round = 0; round < 3; ++round) {
    std::vector<v1::EnrichedDocument> docs;
    for (size_t k = 0; k < ids.size(); ++k)
      for (size_t n = 0; n <= k; ++n) {  // a different count for each id
        const std::string id = "r" + std::to_string(round) + "-" + std::to_string(k) + "-" + std::to_string(n);
        docs.push_back(Tagged(id, 1, ids[k], "2016-10-0" + std::to_string(1 + round) + "T00:00:00Z"));
        ++expected[ids[k]];
      }
    offset += static_cast<int64_t>(docs.size());
    ASSERT_TRUE((*s)->WriteBatch(docs, {{"t", 0, offset}}).ok());
    if (round == 0) {
      ASSERT_TRUE((*s)->Flush().ok());  // round 0 in files, the others in the memtable
    }
    for (const auto& id : ids) EXPECT_EQ(Count(**s, id), expected[id]) << "round " << round << " " << id;
    // By name (the name table, then the ids' postings).
    for (const auto& id : ids) EXPECT_EQ(Count(**s, "Name of " + id), expected[id]) << id;
  }
  EXPECT_EQ(Count(**s, "Q3"), 0u);
}

// An entity renamed in the knowledge base: its documents are found by the
// name they carry, not by the one it had.
TEST(StoreIndexDb, AQueryByNameChecksTheNameOnTheDocument) {
  testutil::TempDir dir;
  auto s = Store::Open(dir.path() + "/db");
  ASSERT_TRUE(s.ok());
  auto a = Tagged("a", 1, "Q1", "2016-10-01T00:00:00Z");
  a.mutable_entities(0)->set_name("Old Name");
  auto b = Tagged("b", 1, "Q1", "2016-10-02T00:00:00Z");
  b.mutable_entities(0)->set_name("New Name");
  ASSERT_TRUE((*s)->WriteBatch({a, b}, {{"t", 0, 2}}).ok());
  auto view = (*s)->View();
  ASSERT_TRUE(view.ok());
  for (const char* name : {"Old Name", "New Name"}) {
    Query q;
    q.entity = name;
    auto page = FindDocuments(**view, q);
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->documents.size(), 1u) << name;
    EXPECT_EQ(page->documents[0].document().id(), name[0] == 'O' ? "a" : "b");
    auto c = CountDocuments(**view, q);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->documents, 1u) << name;
  }
}

// Rewrites the closed store at `path` as an older release left it: the
// index version marker set to `marker` (removed when null), the index
// column family dropped and, when `keys` is given, made again with those
// keys (a key per entry, as layout 1 wrote them).
void RewriteIndex(const std::string& path, const char* marker, const std::vector<std::string>* keys) {
  std::vector<rocksdb::ColumnFamilyDescriptor> cfd;
  for (const char* n : {"default", "docs", "threads", "offsets", "index"}) cfd.push_back({n, {}});
  std::vector<rocksdb::ColumnFamilyHandle*> h;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), path, cfd, &h, &raw).ok());
  if (marker != nullptr) ASSERT_TRUE(raw->Put(rocksdb::WriteOptions(), h[0], "tidings:index_version", marker).ok());
  else ASSERT_TRUE(raw->Delete(rocksdb::WriteOptions(), h[0], "tidings:index_version").ok());
  ASSERT_TRUE(raw->DropColumnFamily(h[4]).ok());
  if (keys != nullptr) {
    (void)raw->DestroyColumnFamilyHandle(h[4]);
    ASSERT_TRUE(raw->CreateColumnFamily({}, "index", &h[4]).ok());
    for (const auto& k : *keys) ASSERT_TRUE(raw->Put(rocksdb::WriteOptions(), h[4], k, "").ok());
  }
  for (auto* x : h) (void)raw->DestroyColumnFamilyHandle(x);
  delete raw;
}

// A store whose index follows the layout before postings (a key per entry)
// is refused by a read-only view, naming the fix, and rebuilt by the next
// writable open.
TEST(StoreIndexDb, AnIndexOfTheOlderLayoutIsRebuilt) {
  testutil::TempDir dir;
  const std::string path = dir.path() + "/db";
  {
    auto s = Store::Open(path);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->WriteBatch({Tagged("a", 1, "Q1", "2016-10-01T00:00:00Z")}, {{"t", 0, 1}}).ok());
  }
  // As layout 1 left it: a key per entry, marker "1".
  const auto layout1 = IndexKeys(Tagged("a", 1, "Q1", "2016-10-01T00:00:00Z"));
  ASSERT_NO_FATAL_FAILURE(RewriteIndex(path, "1", &layout1));
  {
    auto ro = Store::OpenReadOnly(path);
    ASSERT_TRUE(ro.ok()) << ro.status().ToString();
    auto v = (*ro)->View();
    ASSERT_FALSE(v.ok());
    EXPECT_NE(v.status().message().find("another layout (1, this is 2)"), std::string::npos) << v.status().message();
    EXPECT_NE(v.status().message().find("start tidings-store once to rebuild it"), std::string::npos);
  }
  auto s = Store::Open(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(Count(**s, "Q1"), 1u);
  EXPECT_EQ(Count(**s, "Name of Q1"), 1u);
}

TEST(StoreIndexDb, EntriesFollowTheDocumentsVersions) {
  testutil::TempDir dir;
  auto s = Store::Open(dir.path() + "/db");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_TRUE((*s)->WriteBatch({Tagged("a", 1, "Q1", "2016-10-01T00:00:00Z"),
                                Tagged("b", 1, "Q1", "2016-10-02T00:00:00Z")},
                               {{"t", 0, 2}})
                  .ok());
  EXPECT_EQ(Count(**s, "Q1"), 2u);
  // v2 of a links another entity: its Q1 entry goes.
  ASSERT_TRUE((*s)->WriteBatch({Tagged("a", 2, "Q2", "2016-10-01T00:00:00Z")}, {{"t", 0, 3}}).ok());
  EXPECT_EQ(Count(**s, "Q1"), 1u);
  EXPECT_EQ(Count(**s, "Q2"), 1u);
  // A stale v1 changes nothing.
  ASSERT_TRUE((*s)->WriteBatch({Tagged("a", 1, "Q1", "2016-10-01T00:00:00Z")}, {{"t", 0, 4}}).ok());
  EXPECT_EQ(Count(**s, "Q1"), 1u);
  // A view is a snapshot: a write after it is not seen through it.
  auto view = (*s)->View();
  ASSERT_TRUE(view.ok());
  ASSERT_TRUE((*s)->WriteBatch({Tagged("c", 1, "Q2", "2016-10-03T00:00:00Z")}, {{"t", 0, 5}}).ok());
  Query q;
  q.entity = "Q2";
  auto page = FindDocuments(**view, q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->documents.size(), 1u);
  EXPECT_EQ(page->documents[0].document().id(), "a");
  view->reset();
  EXPECT_EQ(Count(**s, "Q2"), 2u);
}

TEST(StoreIndexDb, ReadOnlyViewAndThreads) {
  testutil::TempDir dir;
  {
    auto s = Store::Open(dir.path() + "/db");
    ASSERT_TRUE(s.ok());
    auto c = Tagged("c1", 1, "Q1", "2016-10-02T00:00:00Z");
    c.mutable_document()->set_kind("comment");
    c.mutable_document()->set_thread_id("a");
    ASSERT_TRUE((*s)->WriteBatch({Tagged("a", 1, "Q1", "2016-10-01T00:00:00Z"), c}, {{"t", 0, 2}}).ok());
  }
  auto ro = Store::OpenReadOnly(dir.path() + "/db");
  ASSERT_TRUE(ro.ok()) << ro.status().ToString();
  EXPECT_EQ(Count(**ro, "Q1"), 2u);
  auto view = (*ro)->View();
  ASSERT_TRUE(view.ok());
  std::vector<std::string> ids;
  ASSERT_TRUE((*view)->ScanThread("a", [&](const v1::EnrichedDocument& d) { return ids.push_back(d.document().id()), true; }).ok());
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "c1"}));
}

TEST(StoreIndexDb, AStoreWrittenBeforeTheIndexIsIndexedOnOpen) {
  testutil::TempDir dir;
  const std::string path = dir.path() + "/db";
  {
    auto s = Store::Open(path);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->WriteBatch({Tagged("a", 1, "Q1", "2016-10-01T00:00:00Z")}, {{"t", 0, 1}}).ok());
  }
  // Take the index away as a store of the previous release would lack it.
  ASSERT_NO_FATAL_FAILURE(RewriteIndex(path, nullptr, nullptr));
  {
    auto ro = Store::OpenReadOnly(path);
    ASSERT_TRUE(ro.ok()) << ro.status().ToString();
    auto v = (*ro)->View();
    ASSERT_FALSE(v.ok());
    EXPECT_NE(v.status().message().find("start tidings-store once"), std::string::npos);
  }
  auto s = Store::Open(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(Count(**s, "Q1"), 1u);
}

TEST(StoreIndexDb, CompactKeepsTheDocumentsAndTheIndex) {
  testutil::TempDir dir;
  auto s = Store::Open(dir.path() + "/db");
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE((*s)->WriteBatch({Tagged("a", 1, "Q1", "2016-10-01T00:00:00Z")}, {{"t", 0, 1}}).ok());
  ASSERT_TRUE((*s)->Flush().ok());
  ASSERT_TRUE((*s)->WriteBatch({Tagged("b", 1, "Q1", "2016-10-02T00:00:00Z"),
                                Tagged("a", 2, "Q2", "2016-10-01T00:00:00Z")},
                               {{"t", 0, 3}})
                  .ok());
  ASSERT_TRUE((*s)->Compact().ok());
  auto a = (*s)->Get("a");
  ASSERT_TRUE(a.ok() && a->has_value());
  EXPECT_EQ((**a).document().ingest().version(), 2u);
  EXPECT_EQ(Count(**s, "Q1"), 1u);
  EXPECT_EQ(Count(**s, "Q2"), 1u);
}

TEST(StoreIndexDb, WithoutTheIndexNothingIsIndexedAndTheNextOpenBuildsIt) {
  testutil::TempDir dir;
  const std::string path = dir.path() + "/db";
  {
    auto s = Store::Open(path);  // an indexed store first: its marker must go
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->WriteBatch({Tagged("a", 1, "Q1", "2016-10-01T00:00:00Z")}, {{"t", 0, 1}}).ok());
  }
  {
    StoreOptions o;
    o.write_index = false;
    auto s = Store::Open(path, o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ASSERT_TRUE((*s)->WriteBatch({Tagged("b", 1, "Q1", "2016-10-02T00:00:00Z"),
                                  Tagged("a", 2, "Q2", "2016-10-01T00:00:00Z")},
                                 {{"t", 0, 3}})
                    .ok());
    auto got = (*s)->Get("b");
    ASSERT_TRUE(got.ok() && got->has_value());
    auto v = (*s)->View();
    ASSERT_FALSE(v.ok());
    EXPECT_NE(v.status().message().find("write_index"), std::string::npos);
  }
  auto s = Store::Open(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(Count(**s, "Q1"), 1u);  // b; a's v1 entry is gone with the rebuild
  EXPECT_EQ(Count(**s, "Q2"), 1u);
}

}  // namespace
}  // namespace tidings::store
