#include <gtest/gtest.h>

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

}  // namespace
}  // namespace tidings::ingest
