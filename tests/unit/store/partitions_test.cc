// PartitionTable, the store instance's view of its partitions (GET
// /v1/partitions): where an assignment starts (the store's own offset, or
// the beginning for a partition never held), held and revoked partitions,
// first and next offsets that agree with the store after the loop writes,
// lags, and the JSON.
#include "store/partitions.h"

#include <deque>

#include <gtest/gtest.h>

#include "store/loop.h"
#include "tests/unit/store/store_test_util.h"

namespace tidings::store {
namespace {

using testutil::Doc;
using testutil::TempDir;

constexpr char kTopic[] = "enriched";

std::unique_ptr<Store> OpenOrDie(const std::string& path) {
  auto s = Store::Open(path);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(*s) : nullptr;
}

std::vector<runtime::TopicPartition> Parts(std::initializer_list<int32_t> ps) {
  std::vector<runtime::TopicPartition> out;
  for (int32_t p : ps) out.push_back({kTopic, p});
  return out;
}

TEST(PartitionTable, ResumesFromTheStoresOffsetElseFromTheBeginning) {
  TempDir dir;
  auto store = OpenOrDie(dir.path() + "/db");
  ASSERT_TRUE(store->WriteBatch({Doc("a1", 1)}, {{kTopic, 1, 42, 30}}).ok());
  PartitionTable table(kTopic);
  ASSERT_TRUE(table.Load(*store).ok());

  auto parts = Parts({0, 1});
  parts.push_back({"another-topic", 0});
  ASSERT_TRUE(table.SetStartOffsets(*store, parts).ok());
  EXPECT_EQ(parts[0].offset, RdKafka::Topic::OFFSET_BEGINNING);  // never held here
  EXPECT_EQ(parts[1].offset, 42);                                 // its own stored offset
  EXPECT_EQ(parts[2].offset, runtime::TopicPartition().offset);   // not the store's topic: untouched

  const auto t0 = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
  table.Assigned(Parts({0, 1}), t0);
  EXPECT_TRUE(table.Held(0));
  EXPECT_TRUE(table.Held(1));
  EXPECT_FALSE(table.Held(2));
  auto snap = table.Snapshot();
  ASSERT_EQ(snap.size(), 2u);
  EXPECT_EQ(snap[0].assigned_at, t0);
  EXPECT_FALSE(snap[0].start_offset.has_value());  // from the beginning
  EXPECT_FALSE(snap[0].next_offset.has_value());
  EXPECT_EQ(snap[1].start_offset, 42);
  EXPECT_EQ(snap[1].first_offset, 30);
  EXPECT_EQ(snap[1].next_offset, 42);
}

TEST(PartitionTable, RevokedPartitionsStayListedNotHeld) {
  PartitionTable table(kTopic);
  const uint64_t g0 = table.generation();
  table.Assigned(Parts({0, 1, 2}), std::chrono::system_clock::now());
  const uint64_t g1 = table.generation();
  EXPECT_NE(g1, g0);
  table.SetLags({{{kTopic, 0}, 5}, {{kTopic, 1}, 0}});
  table.Revoked(Parts({1}));
  EXPECT_NE(table.generation(), g1);
  EXPECT_EQ(table.HeldPartitions(), (std::vector<int32_t>{0, 2}));
  auto snap = table.Snapshot();
  ASSERT_EQ(snap.size(), 3u);
  EXPECT_FALSE(snap[1].held);
  EXPECT_FALSE(snap[1].lag.has_value());  // a partition not held has no lag
  EXPECT_EQ(snap[0].lag, 5);
  EXPECT_FALSE(snap[2].lag.has_value());  // not reported yet
}

class NoDeadLetters : public DeadLetterSink {
 public:
  Status Write(const runtime::Message&, ErrorCode, const std::string&) override { return Status::Ok(); }
  Status Flush() override { return Status::Ok(); }
};

// The table follows what the loop stores, and a table loaded afresh from the
// store (a restart) sees the same offsets.
TEST(PartitionTable, AgreesWithTheStoreAfterTheLoopWrites) {
  TempDir dir;
  auto store = OpenOrDie(dir.path() + "/db");
  PartitionTable table(kTopic);
  testutil::FakeSource source;
  NoDeadLetters dlq;
  prometheus::Registry registry;
  StoreProbe probe(registry);
  runtime::Shutdown shutdown;
  LoopOptions opts;
  opts.batch_max_records = 2;
  opts.batch_max_wait = std::chrono::milliseconds(20);
  opts.poll_timeout = std::chrono::milliseconds(1);
  opts.on_stored = [&table](const std::vector<PartitionOffset>& o) { table.Stored(o); };
  StoreLoop loop(*store, source, dlq, probe, shutdown, opts);
  // Partition 3 starts at 100 (the topic's older records are gone), 5 at 0.
  source.Add(Doc("a1", 1), 3, 100);
  source.Add(Doc("a2", 1), 5, 0);
  source.Add(Doc("a3", 1), 3, 101);
  source.Add(Doc("a4", 1), 5, 1);
  source.Add(Doc("a5", 1), 3, 102);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(loop.RunOnce().ok());

  auto snap = table.Snapshot();
  ASSERT_EQ(snap.size(), 2u);
  EXPECT_EQ(snap[0].first_offset, 100);
  EXPECT_EQ(snap[0].next_offset, 103);
  EXPECT_EQ(snap[1].first_offset, 0);
  EXPECT_EQ(snap[1].next_offset, 2);
  PartitionTable reloaded(kTopic);
  ASSERT_TRUE(reloaded.Load(*store).ok());
  auto again = reloaded.Snapshot();
  ASSERT_EQ(again.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(again[i].partition, snap[i].partition);
    EXPECT_EQ(again[i].first_offset, snap[i].first_offset);
    EXPECT_EQ(again[i].next_offset, snap[i].next_offset);
  }
}

TEST(PartitionTable, Json) {
  PartitionTable table(kTopic);
  table.Stored({{kTopic, 2, 7, 0}});
  table.Assigned(Parts({0}), std::chrono::system_clock::time_point(std::chrono::milliseconds(1700000000123)));
  table.SetLags({{{kTopic, 0}, 3}});
  EXPECT_EQ(PartitionsJson(kTopic, "10.0.0.5:9476", table.Snapshot()),
            "{\"topic\":\"enriched\",\"advertised\":\"10.0.0.5:9476\",\"partitions\":["
            "{\"partition\":0,\"held\":true,\"assigned_at\":\"2023-11-14T22:13:20.123Z\",\"start_offset\":null,"
            "\"first_offset\":null,\"next_offset\":null,\"lag\":3},"
            "{\"partition\":2,\"held\":false,\"assigned_at\":null,\"start_offset\":null,"
            "\"first_offset\":0,\"next_offset\":7,\"lag\":null}]}");
}

}  // namespace
}  // namespace tidings::store
