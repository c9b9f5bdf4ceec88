// The thread join's store (enrich/join_store.h) against a plain model of
// what it must hold: random writes, deletes, commits, aborts, restores and
// dropped partitions, read back by Get and Scan (whole, by prefix, stopped
// early), through the overlay and RocksDB's memtable and table files.
#include "enrich/join_store.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/test_support.h"

namespace tidings::enrich {
namespace {

using Key = std::pair<int32_t, std::string>;

// What the store must answer: committed values and this batch's changes.
struct Model {
  std::map<Key, std::string> committed;
  std::map<Key, std::optional<std::string>> staged;

  std::optional<std::string> Get(int32_t p, const std::string& k) const {
    if (auto it = staged.find({p, k}); it != staged.end()) return it->second;
    if (auto it = committed.find({p, k}); it != committed.end()) return it->second;
    return std::nullopt;
  }
  std::vector<std::pair<std::string, std::string>> Scan(int32_t p, const std::string& prefix) const {
    std::map<std::string, std::optional<std::string>> all;
    for (const auto& [k, v] : committed)
      if (k.first == p && k.second.starts_with(prefix)) all[k.second] = v;
    for (const auto& [k, v] : staged)
      if (k.first == p && k.second.starts_with(prefix)) all[k.second] = v;
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [k, v] : all)
      if (v) out.emplace_back(k, *v);
    return out;
  }
  void Commit() {
    for (auto& [k, v] : staged) {
      if (v) committed[k] = *v;
      else committed.erase(k);
    }
    staged.clear();
  }
};

std::vector<std::pair<std::string, std::string>> ScanAll(JoinStore& s, int32_t p, const std::string& prefix,
                                                         size_t stop_after = SIZE_MAX) {
  std::vector<std::pair<std::string, std::string>> out;
  Status st = s.Scan(p, prefix, [&](std::string_view k, std::string_view v) {
    out.emplace_back(k, v);
    return out.size() < stop_after;
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return out;
}

// Keys from a small alphabet, so that they share prefixes and collide;
// 0xff exercises the end of a prefix's range.
std::string RandomKey(std::mt19937& rng) {
  static const char kChars[] = {'a', 'b', '\xff'};
  std::string k;
  const int n = 1 + static_cast<int>(rng() % 4);
  for (int i = 0; i < n; ++i) k.push_back(kChars[rng() % 3]);
  return k;
}

// Keys starting with 'a' as a run for the memtable's insert hints (written
// in any order here: a hint must never change what is stored).
size_t RunOfA(std::string_view key) { return !key.empty() && key[0] == 'a' ? 1 : 0; }

void RunRandomOps(uint32_t seed, JoinStore::AscendingFn ascending = nullptr) {
  testing::TempDir dir;
  auto opened = JoinStore::Open(dir.path() + "/state", 1 << 20, ascending);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  JoinStore& s = **opened;
  Model m;
  std::mt19937 rng(seed);
  for (int step = 0; step < 4000; ++step) {
    const int32_t p = static_cast<int32_t>(rng() % 3);
    const std::string k = RandomKey(rng);
    switch (rng() % 20) {
      case 0: case 1: case 2: case 3: case 4: case 5: {
        std::string v = "v" + std::to_string(step) + std::string(rng() % 40, 'x');
        s.Put(p, k, v);
        m.staged[{p, k}] = v;
        break;
      }
      case 6: case 7: case 8:
        s.Delete(p, k);
        m.staged[{p, k}] = std::nullopt;
        break;
      case 9: case 10:
        ASSERT_TRUE(s.Commit().ok());
        m.Commit();
        ASSERT_EQ(s.staged(), 0u);
        break;
      case 11:
        s.Abort();
        m.staged.clear();
        break;
      case 12: {  // restore writes: between transactions only
        ASSERT_TRUE(s.Commit().ok());
        m.Commit();
        const bool del = rng() % 3 == 0;
        const std::string v = "r" + std::to_string(step);
        ASSERT_TRUE(s.ApplyRestored(p, k, del ? std::nullopt : std::optional<std::string_view>(v)).ok());
        if (del) m.committed.erase({p, k});
        else m.committed[{p, k}] = v;
        break;
      }
      case 13:
        if (rng() % 8 == 0) {  // a revoked partition, rarely
          ASSERT_TRUE(s.Commit().ok());
          m.Commit();
          ASSERT_TRUE(s.DropPartition(p).ok());
          std::erase_if(m.committed, [&](const auto& e) { return e.first.first == p; });
        }
        break;
      case 14: case 15: {
        const std::string prefix = k.substr(0, rng() % (k.size() + 1));
        ASSERT_EQ(ScanAll(s, p, prefix), m.Scan(p, prefix)) << "step " << step << " prefix size " << prefix.size();
        break;
      }
      case 16: {  // a scan its callback stops
        auto want = m.Scan(p, "");
        want.resize(std::min<size_t>(want.size(), 2));
        ASSERT_EQ(ScanAll(s, p, "", 2), want) << "step " << step;
        break;
      }
      default: {
        auto got = s.Get(p, k);
        ASSERT_TRUE(got.ok());
        ASSERT_EQ(*got, m.Get(p, k)) << "step " << step;
      }
    }
  }
  for (int32_t p = 0; p < 3; ++p) ASSERT_EQ(ScanAll(s, p, ""), m.Scan(p, ""));
}

TEST(JoinStore, HoldsWhatAModelOfItHolds) {
  for (uint32_t seed : {1u, 2u, 3u, 4u, 5u}) {
    SCOPED_TRACE(seed);
    RunRandomOps(seed);
    RunRandomOps(seed, &RunOfA);
  }
}

// Past a memtable's worth of writes the store reads from its table files:
// a key deleted after that stays hidden, and a scan merges both.
TEST(JoinStore, ReadsAcrossFlushedTables) {
  testing::TempDir dir;
  auto opened = JoinStore::Open(dir.path() + "/state", 1 << 20);
  ASSERT_TRUE(opened.ok());
  JoinStore& s = **opened;
  const std::string big(64 << 10, 'x');
  for (int i = 0; i < 1200; ++i) {  // 75 MB: past two 32 MB memtables
    s.Put(0, "k" + std::to_string(100000 + i), big);
    if (i % 100 == 99) {
      ASSERT_TRUE(s.Commit().ok());
    }
  }
  ASSERT_TRUE(s.Commit().ok());
  s.Delete(0, "k100000");
  s.Put(0, "k100000a", "new");
  ASSERT_TRUE(s.Commit().ok());
  auto gone = s.Get(0, "k100000");
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
  auto kept = s.Get(0, "k100001");
  ASSERT_TRUE(kept.ok());
  ASSERT_TRUE(kept->has_value());
  EXPECT_EQ((*kept)->size(), big.size());
  auto first = ScanAll(s, 0, "k10000", 3);
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first[0].first, "k100000a");
  EXPECT_EQ(first[0].second, "new");
  EXPECT_EQ(first[1].first, "k100001");
  EXPECT_EQ(first[2].first, "k100002");
}

}  // namespace
}  // namespace tidings::enrich
