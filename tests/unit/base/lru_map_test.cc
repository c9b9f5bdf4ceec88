// base::LruMap: the one bounded cache (ingest's dedup memory, enrich's
// thread cache).
#include <gtest/gtest.h>

#include <string>

#include "base/lru_map.h"

namespace tidings::base {
namespace {

TEST(LruMap, EvictsTheLeastRecentlyUsedBeyondCapacity) {
  LruMap<int> m(2);
  m.Put("a", 1);
  m.Put("b", 2);
  ASSERT_NE(m.Find("a"), nullptr);  // a is now the most recent
  m.Put("c", 3);
  EXPECT_EQ(m.Find("b"), nullptr);
  EXPECT_EQ(*m.Find("a"), 1);
  EXPECT_EQ(*m.Find("c"), 3);
  EXPECT_EQ(m.evictions(), 1u);
  m.Put("a", 10);  // a replacement is no eviction
  EXPECT_EQ(*m.Find("a"), 10);
  EXPECT_EQ(m.size(), 2u);
  EXPECT_EQ(m.evictions(), 1u);
}

TEST(LruMap, ACostCapKeepsTheNewestAtLeast) {
  LruMap<std::string> m(100, 10);
  m.Put("a", "x", 4);
  m.Put("b", "y", 4);
  EXPECT_EQ(m.cost(), 8u);
  m.Put("c", "z", 4);  // 12 > 10: a goes
  EXPECT_EQ(m.Find("a"), nullptr);
  EXPECT_EQ(m.cost(), 8u);
  m.Put("big", "w", 50);  // over the cap alone: kept, the rest go
  EXPECT_EQ(m.size(), 1u);
  EXPECT_NE(m.Find("big"), nullptr);
  m.Put("big", "v", 1);  // replacing gives its cost back
  EXPECT_EQ(m.cost(), 1u);
}

TEST(LruMap, CapacityZeroKeepsNothing) {
  LruMap<int> m(0);
  m.Put("a", 1);
  EXPECT_EQ(m.Find("a"), nullptr);
  EXPECT_EQ(m.size(), 0u);
  EXPECT_EQ(m.evictions(), 0u);
}

}  // namespace
}  // namespace tidings::base
