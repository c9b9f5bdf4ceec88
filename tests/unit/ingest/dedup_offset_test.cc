#include <gtest/gtest.h>

#include <list>
#include <map>
#include <random>
#include <string>

#include "base/sha256.h"

#include "ingest/dedup.h"

namespace tidings::ingest {
namespace {

DedupEntry Entry(std::string hash, std::uint32_t version, std::int64_t offset = 0) {
  return DedupEntry{std::move(hash), version, "t", 0, offset};
}

TEST(LruDedupStore, RemembersLatestEntry) {
  LruDedupStore store(10);
  EXPECT_FALSE(store.Lookup("a"));
  store.Put("a", Entry("h1", 1));
  store.Put("a", Entry("h2", 2));
  auto e = store.Lookup("a");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->content_hash, "h2");
  EXPECT_EQ(e->version, 2u);
  EXPECT_EQ(store.Size(), 1u);
}

TEST(LruDedupStore, EvictsLeastRecentlyUsed) {
  LruDedupStore store(2);
  store.Put("a", Entry("ha", 1));
  store.Put("b", Entry("hb", 1));
  ASSERT_TRUE(store.Lookup("a"));  // a is now most recent
  store.Put("c", Entry("hc", 1));  // evicts b
  EXPECT_TRUE(store.Lookup("a"));
  EXPECT_FALSE(store.Lookup("b"));
  EXPECT_TRUE(store.Lookup("c"));
  EXPECT_EQ(store.Size(), 2u);
  EXPECT_EQ(store.Evictions(), 1u);
}

TEST(LruDedupStore, ZeroCapacityRemembersNothing) {
  LruDedupStore store(0);
  store.Put("a", Entry("ha", 1));
  EXPECT_FALSE(store.Lookup("a"));
}

// Against a reference LRU (a list and a map), through a long random run
// with a small capacity: every entry comes back as it was put (SHA-256 hex
// hashes as ingest makes them, short and long other ones, several topics),
// and the same ids are forgotten in the same order.
TEST(LruDedupStore, MatchesAReferenceLruThroughEvictionsAndReuse) {
  constexpr size_t kCapacity = 50;
  LruDedupStore store(kCapacity);
  std::list<std::pair<std::string, DedupEntry>> ref;  // front: most recent
  auto find = [&](const std::string& id) {
    for (auto it = ref.begin(); it != ref.end(); ++it)
      if (it->first == id) return it;
    return ref.end();
  };
  std::mt19937 rng(7);
  const std::vector<std::string> topics = {"tidings.raw.articles", "tidings.raw.comments", "tidings.documents"};
  uint64_t evicted = 0;
  for (int step = 0; step < 20000; ++step) {
    // Ids of all lengths, some longer than a short string holds, one empty.
    const int n = static_cast<int>(rng() % 120);
    std::string id = n == 0 ? "" : "doc-" + std::to_string(n) + std::string(n % 3 == 0 ? 40 : 0, 'x');
    if (rng() % 3 == 0) {
      auto got = store.Lookup(id);
      auto it = find(id);
      ASSERT_EQ(got.has_value(), it != ref.end()) << id;
      if (got) {
        EXPECT_EQ(got->content_hash, it->second.content_hash);
        EXPECT_EQ(got->version, it->second.version);
        EXPECT_EQ(got->source_topic, it->second.source_topic);
        EXPECT_EQ(got->source_partition, it->second.source_partition);
        EXPECT_EQ(got->source_offset, it->second.source_offset);
        ref.splice(ref.begin(), ref, it);
      }
      continue;
    }
    DedupEntry e;
    switch (rng() % 4) {
      case 0: e.content_hash = "short-" + std::to_string(step); break;
      case 1: e.content_hash = std::string(70, static_cast<char>('a' + step % 26)); break;  // long, not hex
      case 2: e.content_hash = std::string(64, 'F'); break;                                   // upper-case hex
      default: e.content_hash = base::Sha256Hex(std::to_string(step)); break;
    }
    e.version = static_cast<uint32_t>(step);
    e.source_topic = topics[rng() % topics.size()];
    e.source_partition = static_cast<int32_t>(rng() % 8);
    e.source_offset = static_cast<int64_t>(rng());
    store.Put(id, e);
    if (auto it = find(id); it != ref.end()) ref.erase(it);
    ref.emplace_front(id, e);
    if (ref.size() > kCapacity) {
      ref.pop_back();
      ++evicted;
    }
    ASSERT_EQ(store.Size(), ref.size());
  }
  EXPECT_EQ(store.Evictions(), evicted);
  for (const auto& [id, e] : ref) {
    auto got = store.Lookup(id);
    ASSERT_TRUE(got) << id;
    EXPECT_EQ(got->content_hash, e.content_hash);
    EXPECT_EQ(got->version, e.version);
  }
}

// A million ids of ingest's kind cost about 140 bytes each (the
// daemon's peak RSS at a million documents: docs/benchmarks.md).
TEST(LruDedupStore, AMillionIdsTakeAbout140BytesEach) {
  constexpr size_t kIds = 1'000'000;
  LruDedupStore store(kIds);
  for (size_t i = 0; i < kIds; ++i)
    store.Put("comment-" + std::to_string(i * 7919),
              DedupEntry{base::Sha256Hex(std::to_string(i)), 1, "tidings.raw.comments", 3, static_cast<int64_t>(i)});
  ASSERT_EQ(store.Size(), kIds);
  EXPECT_LT(store.MemoryBytes(), kIds * 160) << store.MemoryBytes();
  auto e = store.Lookup("comment-" + std::to_string(12345 * 7919));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->content_hash, base::Sha256Hex("12345"));
  EXPECT_EQ(e->source_offset, 12345);
  store.Put("one more", DedupEntry{"h", 1, "t", 0, 0});  // evicts the oldest
  EXPECT_FALSE(store.Lookup("comment-0"));
  EXPECT_EQ(store.Evictions(), 1u);
}

}  // namespace
}  // namespace tidings::ingest
