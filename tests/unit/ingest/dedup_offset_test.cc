#include <gtest/gtest.h>

#include "ingest/dedup.h"
#include "ingest/offset_tracker.h"

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

TEST(OffsetTracker, ContiguousDonePrefix) {
  OffsetTracker t;
  EXPECT_FALSE(t.CommittableOffset());
  for (int o = 10; o < 15; ++o) ASSERT_TRUE(t.Begin(o).ok());
  EXPECT_EQ(t.InFlight(), 5u);
  ASSERT_TRUE(t.MarkDone(10).ok());
  EXPECT_EQ(t.CommittableOffset(), 11);
  ASSERT_TRUE(t.MarkDone(11).ok());
  EXPECT_EQ(t.CommittableOffset(), 12);
}

TEST(OffsetTracker, NeverPastAGap) {
  OffsetTracker t;
  for (int o = 0; o < 5; ++o) ASSERT_TRUE(t.Begin(o).ok());
  ASSERT_TRUE(t.MarkDone(1).ok());
  ASSERT_TRUE(t.MarkDone(2).ok());
  ASSERT_TRUE(t.MarkDone(4).ok());
  EXPECT_FALSE(t.CommittableOffset());  // 0 still in flight
  EXPECT_EQ(t.InFlight(), 2u);
  ASSERT_TRUE(t.MarkDone(0).ok());
  EXPECT_EQ(t.CommittableOffset(), 3);  // 3 still in flight
  ASSERT_TRUE(t.MarkDone(3).ok());
  EXPECT_EQ(t.CommittableOffset(), 5);
  EXPECT_EQ(t.InFlight(), 0u);
}

TEST(OffsetTracker, OffsetsNeverBegunDoNotHoldItBack) {
  OffsetTracker t;  // 101..104 compacted away
  ASSERT_TRUE(t.Begin(100).ok());
  ASSERT_TRUE(t.Begin(105).ok());
  ASSERT_TRUE(t.MarkDone(105).ok());
  EXPECT_FALSE(t.CommittableOffset());
  ASSERT_TRUE(t.MarkDone(100).ok());
  EXPECT_EQ(t.CommittableOffset(), 106);
}

TEST(OffsetTracker, Misuse) {
  OffsetTracker t;
  ASSERT_TRUE(t.Begin(5).ok());
  EXPECT_EQ(t.Begin(5).code(), ErrorCode::kInternal);
  EXPECT_EQ(t.Begin(3).code(), ErrorCode::kInternal);
  EXPECT_EQ(t.MarkDone(7).code(), ErrorCode::kNotFound);
  ASSERT_TRUE(t.MarkDone(5).ok());
  EXPECT_EQ(t.MarkDone(5).code(), ErrorCode::kNotFound);
  t.Reset();
  EXPECT_FALSE(t.CommittableOffset());
  EXPECT_TRUE(t.Begin(1).ok());
}

TEST(PartitionOffsets, PerPartition) {
  PartitionOffsets p;
  ASSERT_TRUE(p.Of("raw", 0).Begin(0).ok());
  ASSERT_TRUE(p.Of("raw", 1).Begin(7).ok());
  ASSERT_TRUE(p.Of("raw", 1).MarkDone(7).ok());
  auto c = p.Committable();
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ((c[{"raw", 1}]), 8);
  p.Remove("raw", 1);
  EXPECT_TRUE(p.Committable().empty());
}

}  // namespace
}  // namespace tidings::ingest
