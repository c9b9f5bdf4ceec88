// The stage loop (runtime/stage.h) over fakes of its source and sink:
// aborted, fatal and unabortable transactions are recovered in process and
// the batch is published once; revokes, too-large outputs and poison records
// never block the partition; counters count committed work only.
#include <gtest/gtest.h>

#include <algorithm>

#include "runtime/stage.h"
#include "tests/unit/runtime/fake_stage_io.h"
#include "tidings/v1/dead_letter.pb.h"

namespace tidings::runtime {
namespace {

using fake::FakeCluster;
using fake::FakeSource;
using fake::StageHarness;

// Emits "out:<value>" to topic "out" per record, counting calls.
struct Echo {
  int calls = 0;
  Outcome operator()(const Message& m) {
    ++calls;
    Outcome o;
    o.emits.push_back({"out", m.key, "out:" + m.value, {}});
    return o;
  }
};

std::vector<std::string> Values(const std::vector<Emit>& emits) {
  std::vector<std::string> v;
  for (const auto& e : emits) v.push_back(e.value);
  return v;
}

// An idle source stops the loop once topic "out" has a record (or after
// many idle polls, so that a test that never gets one ends).
void StopOnceOutput(StageHarness& h, FakeSource& src) {
  src.on_idle = [&h, &src] {
    if (!h.cluster().OutputTo("out").empty() || src.polls() > 100000) h.shutdown().Request();
  };
}

void Fill(FakeCluster& c, int n, int32_t partition = 0) {
  for (int i = 0; i < n; ++i)
    c.Append("in", partition, "k" + std::to_string(i), "p" + std::to_string(partition) + "-" + std::to_string(i));
}

std::vector<std::string> Expected(int n, int32_t partition = 0) {
  std::vector<std::string> v;
  for (int i = 0; i < n; ++i) v.push_back("out:p" + std::to_string(partition) + "-" + std::to_string(i));
  return v;
}

TEST(StageLoop, PublishesEachRecordOnceAndCommitsTheOffsets) {
  StageHarness h;
  Fill(h.cluster(), 7);
  Echo echo;
  ASSERT_TRUE(h.Run(std::ref(echo)).ok());
  EXPECT_EQ(Values(h.cluster().OutputTo("out")), Expected(7));
  EXPECT_EQ((h.cluster().committed[{"in", 0}]), 7);
  EXPECT_EQ(h.Metric("tidings_test_records_total", "outcome", "published"), 7);
  EXPECT_EQ(h.cluster().sinks_made, 1);
}

TEST(StageLoop, AbortableCommitErrorAbortsRewindsAndReplaysTheBatchOnce) {
  StageHarness h;
  Fill(h.cluster(), 10);
  h.cluster().abortable_commits = 1;
  int commits = 0, aborts = 0;
  h.opts().on_commit = [&] { ++commits; };
  h.opts().on_abort = [&] { ++aborts; };
  Echo echo;
  ASSERT_TRUE(h.Run(std::ref(echo)).ok());
  EXPECT_EQ(Values(h.cluster().OutputTo("out")), Expected(10));  // once, in order
  EXPECT_EQ(h.cluster().aborts, 1);
  EXPECT_EQ(h.cluster().sinks_made, 1);  // an abortable error keeps the producer
  EXPECT_EQ(echo.calls, 20);             // the batch was processed twice...
  EXPECT_EQ(aborts, 1);
  EXPECT_GE(commits, 1);
  // ... and counted once: only committed work counts.
  EXPECT_EQ(h.Metric("tidings_test_records_total", "outcome", "published"), 10);
  EXPECT_EQ(h.Metric("tidings_test_transactions_total", "result", "aborted"), 1);
}

TEST(StageLoop, TimesTheStepsOfCommittedTransactionsOnly) {
  StageHarness h;
  Fill(h.cluster(), 10);
  h.cluster().abortable_commits = 1;
  Echo echo;
  ASSERT_TRUE(h.Run(std::ref(echo)).ok());
  const double committed = h.Metric("tidings_test_transactions_total", "result", "committed");
  ASSERT_GE(committed, 1);
  for (const char* step : {"process", "send_offsets", "commit"}) {
    const auto [n, secs] = h.Histogram("tidings_test_transaction_seconds", "step", step);
    EXPECT_EQ(n, committed) << step;  // the aborted attempt is not timed
    EXPECT_GE(secs, 0) << step;
  }
  const auto [batches, records] = h.Histogram("tidings_test_batch_records");
  EXPECT_EQ(batches, committed);
  EXPECT_EQ(records, 10);  // each record once, though processed twice
}

TEST(StageLoop, FatalProducerErrorRebuildsTheProducerAndReplaysWithoutExiting) {
  StageHarness h;
  Fill(h.cluster(), 10);
  h.cluster().fatal_commits = 1;
  Echo echo;
  Status st = h.Run(std::ref(echo));
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(Values(h.cluster().OutputTo("out")), Expected(10));
  EXPECT_EQ(h.cluster().sinks_made, 2);  // a new producer, same transactional id
  EXPECT_EQ(h.Metric("tidings_test_records_total", "outcome", "published"), 10);
}

TEST(StageLoop, AbortFailingWithInvalidTxnStateRebuildsTheProducer) {
  // The field case: a broker outage catches a transaction open, the commit
  // fails and so does the abort ("cannot abort transaction ...
  // INVALID_TXN_STATE"); the broker is still down for the first two
  // attempts at a new producer.
  StageHarness h;
  Fill(h.cluster(), 10);
  h.cluster().abortable_commits = 1;
  h.cluster().failing_aborts = 1;
  FakeSource src(h.cluster());
  src.before_poll = [&](FakeSource&, int n) {
    if (n == 1) h.cluster().failing_inits = 2;  // after the start-up
  };
  Echo echo;
  Status st = h.Run(std::ref(echo), 1, &src);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(Values(h.cluster().OutputTo("out")), Expected(10));
  EXPECT_EQ(h.cluster().sinks_made, 4);  // the first, two that could not start, the one that did
  EXPECT_EQ(h.Metric("tidings_test_records_total", "outcome", "published"), 10);
}

TEST(StageLoop, ManyFailedAttemptsStillEndInOneCopy) {
  StageHarness h;
  Fill(h.cluster(), 5);
  Fill(h.cluster(), 5, 1);
  h.cluster().abortable_commits = 3;
  h.cluster().fatal_commits = 2;
  Echo echo;
  ASSERT_TRUE(h.Run(std::ref(echo), 2).ok());
  auto out = Values(h.cluster().OutputTo("out"));
  auto want = Expected(5);
  for (auto& v : Expected(5, 1)) want.push_back(v);
  std::sort(out.begin(), out.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(out, want);
  EXPECT_EQ(h.Metric("tidings_test_records_total", "outcome", "published"), 10);
}

TEST(StageLoop, FencedByAnotherInstanceStops) {
  StageHarness h;
  Fill(h.cluster(), 3);
  FakeSource src(h.cluster());
  src.before_poll = [&](FakeSource&, int n) {
    if (n == 2) h.cluster().epoch += 1;  // another instance initialised the same id
  };
  Echo echo;
  Status st = h.Run(std::ref(echo), 1, &src);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("fenced"), std::string::npos) << st.ToString();
  EXPECT_TRUE(h.cluster().OutputTo("out").empty());
}

TEST(StageLoop, FencedAfterABrokerOutageRebuildsTheProducer) {
  // The field case: the broker dies with a transaction open; on its return
  // the coordinator aborts that transaction and bumps the epoch, so the
  // producer is told it is fenced though no other instance runs.
  StageHarness h;
  Fill(h.cluster(), 3);
  FakeSource src(h.cluster());
  src.before_poll = [&](FakeSource&, int n) {
    if (n == 2) {
      h.cluster().broker_trouble = "2/2 brokers are down";
      h.cluster().epoch += 1;
    }
    if (h.cluster().sinks_made >= 2) h.cluster().broker_trouble.clear();  // back after the new producer
  };
  Echo echo;
  Status st = h.Run(std::ref(echo), 1, &src);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(Values(h.cluster().OutputTo("out")), Expected(3));
  EXPECT_GE(h.cluster().sinks_made, 2);
  EXPECT_EQ(h.Metric("tidings_test_records_total", "outcome", "published"), 3);
}

TEST(StageLoop, RevokeMidBatchDropsTheRevokedRecordsAndCommitsTheRest) {
  StageHarness h;
  Fill(h.cluster(), 5, 0);
  Fill(h.cluster(), 5, 1);
  FakeSource src(h.cluster());
  src.before_poll = [&](FakeSource& s, int n) {
    if (n == 3) s.Revoke({{"in", 0, -1001}});  // two records of partition 0 are in the batch
  };
  Echo echo;
  ASSERT_TRUE(h.Run(std::ref(echo), 2, &src).ok());
  EXPECT_EQ(Values(h.cluster().OutputTo("out")), Expected(5, 1));
  EXPECT_EQ(h.cluster().committed.count({"in", 0}), 0u);  // left to the next owner
  EXPECT_EQ((h.cluster().committed[{"in", 1}]), 5);
}

TEST(StageLoop, NotReadyOnceEveryPartitionIsRevoked) {
  StageHarness h;
  Fill(h.cluster(), 3);
  FakeSource src(h.cluster());
  std::string why;
  bool ready_after_revoke = true;
  src.before_poll = [&](FakeSource& s, int n) {
    if (n == 2) s.Revoke({{"in", 0, -1001}});
    if (n == 3) ready_after_revoke = h.ctx().Ready(&why);
  };
  src.on_idle = [&] {
    if (src.polls() > 3) h.shutdown().Request();
  };
  Echo echo;
  ASSERT_TRUE(h.Run(std::ref(echo), 1, &src).ok());
  EXPECT_FALSE(ready_after_revoke);
  EXPECT_NE(why.find("no partitions assigned"), std::string::npos) << why;
  EXPECT_TRUE(h.cluster().OutputTo("out").empty());
}

TEST(StageLoop, TooLargeOutputIsDeadLetteredMinimallyWhenEvenTheLetterIsRefused) {
  StageHarness h;
  FakeCluster& c = h.cluster();
  c.max_record_bytes = 64 * 1024;   // what the producer says
  c.refuse_over_bytes = 4 * 1024;   // what the topic really takes
  c.Append("in", 0, "k0", "small");
  c.Append("in", 0, std::string(2000, 'k'), std::string(10 * 1024, 'v'));  // output 100 KiB
  c.Append("in", 0, "k2", "small too");
  auto process = [](const Message& m) {
    Outcome o;
    o.emits.push_back({"out", m.key, m.value.size() > 1000 ? std::string(100 * 1024, 'x') : m.value, {}});
    return o;
  };
  ASSERT_TRUE(h.Run(process).ok());
  EXPECT_EQ(Values(c.OutputTo("out")), (std::vector<std::string>{"small", "small too"}));
  auto dlq = c.OutputTo("dlq");
  ASSERT_EQ(dlq.size(), 1u);
  v1::DeadLetter dl;
  ASSERT_TRUE(dl.ParseFromString(dlq[0].value));
  EXPECT_TRUE(dl.minimal());
  EXPECT_EQ(dl.error_code(), "too_large");
  EXPECT_EQ(dl.source_offset(), 1);
  EXPECT_EQ(dl.original_size(), 10u * 1024);
  EXPECT_TRUE(dlq[0].key.empty());
  EXPECT_EQ((c.committed[{"in", 0}]), 3);
  EXPECT_EQ(h.Metric("tidings_dlq_records_total", "reason", "too_large"), 1);
}

TEST(StageLoop, TooLargeOutputKeepsTheOriginalWhenTheLetterFits) {
  StageHarness h;
  FakeCluster& c = h.cluster();
  c.max_record_bytes = 64 * 1024;
  c.Append("in", 0, "k", std::string(20 * 1024, 'v'));
  auto process = [](const Message& m) {
    Outcome o;
    o.emits.push_back({"out", m.key, std::string(100 * 1024, 'x'), {}});
    return o;
  };
  ASSERT_TRUE(h.Run(process).ok());
  auto dlq = c.OutputTo("dlq");
  ASSERT_EQ(dlq.size(), 1u);
  v1::DeadLetter dl;
  ASSERT_TRUE(dl.ParseFromString(dlq[0].value));
  EXPECT_FALSE(dl.minimal());
  EXPECT_EQ(dl.original(), std::string(20 * 1024, 'v'));
  EXPECT_TRUE(c.OutputTo("out").empty());
}

TEST(StageLoop, PoisonRecordsAreDeadLetteredAndTheRestPublishedAndCountedOnce) {
  StageHarness h;
  FakeCluster& c = h.cluster();
  for (const char* v : {"a", "throws", "b", "bad", "c"}) c.Append("in", 0, "k", v);
  c.abortable_commits = 1;  // the first attempt's counts must not stay
  auto process = [](const Message& m) -> Outcome {
    if (m.value == "throws") throw std::runtime_error("boom");
    if (m.value == "bad") return Outcome::DeadLetter(ErrorCode::kInvalidJson, "not JSON", "id-1");
    Outcome o;
    o.emits.push_back({"out", m.key, m.value, {}});
    return o;
  };
  ASSERT_TRUE(h.Run(process).ok());
  EXPECT_EQ(Values(c.OutputTo("out")), (std::vector<std::string>{"a", "b", "c"}));
  auto dlq = c.OutputTo("dlq");
  ASSERT_EQ(dlq.size(), 2u);
  v1::DeadLetter first, second;
  ASSERT_TRUE(first.ParseFromString(dlq[0].value));
  ASSERT_TRUE(second.ParseFromString(dlq[1].value));
  EXPECT_EQ(first.error_code(), "internal");
  EXPECT_NE(first.message().find("boom"), std::string::npos);
  EXPECT_EQ(second.error_code(), "invalid_json");
  EXPECT_EQ(second.document_id(), "id-1");
  EXPECT_EQ((c.committed[{"in", 0}]), 5);
  EXPECT_EQ(h.Metric("tidings_test_records_total", "outcome", "published"), 3);
  EXPECT_EQ(h.Metric("tidings_test_records_total", "outcome", "dead_letter"), 2);
  EXPECT_EQ(h.Metric("tidings_dlq_records_total", "reason", "internal"), 1);
  EXPECT_EQ(h.Metric("tidings_dlq_records_total", "reason", "invalid_json"), 1);
}

TEST(StageLoop, RetryOutcomeAbortsAndReplaysLater) {
  StageHarness h;
  Fill(h.cluster(), 4);
  int calls = 0;
  auto process = [&](const Message& m) {
    ++calls;
    if (m.offset == 2 && calls < 6) return Outcome::Retry("store busy");
    Outcome o;
    o.emits.push_back({"out", m.key, "out:" + m.value, {}});
    return o;
  };
  ASSERT_TRUE(h.Run(process).ok());
  EXPECT_EQ(Values(h.cluster().OutputTo("out")), Expected(4));
  EXPECT_EQ(h.Metric("tidings_test_records_total", "outcome", "retry"), -1);
}

}  // namespace
}  // namespace tidings::runtime

namespace tidings::runtime {
namespace {

TEST(StageLoop, AStageThatCannotCommitIsNotReadyAndCountsNothing) {
  // The field stall: every commit fails. /readyz must say so once no commit
  // happened for ready_max_commit_age_ms with input waiting, and the record
  // counters must not rise with the attempts.
  StageHarness h({"--ready_max_commit_age_ms=1000"});
  Fill(h.cluster(), 3);
  h.cluster().abortable_commits = 1 << 30;
  FakeSource src(h.cluster());
  auto start = std::chrono::steady_clock::now();
  std::string why;
  bool ready = true;
  src.before_poll = [&](FakeSource&, int) {
    if (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(2500)) return;
    ready = h.ctx().Ready(&why);
    h.shutdown().Request();
  };
  Echo echo;
  ASSERT_TRUE(h.Run(std::ref(echo), 1, &src).ok());
  EXPECT_FALSE(ready);
  EXPECT_NE(why.find("no commit for"), std::string::npos) << why;
  EXPECT_NE(why.find("3 records waiting"), std::string::npos) << why;
  EXPECT_TRUE(h.cluster().OutputTo("out").empty());
  EXPECT_GT(h.Metric("tidings_test_transactions_total", "result", "aborted"), 1);
  EXPECT_EQ(h.Metric("tidings_test_records_total", "outcome", "published"), -1);
  EXPECT_GE(h.Metric("tidings_stage_last_commit_age_seconds", "stage", "test"), 1);
}

}  // namespace
}  // namespace tidings::runtime

// The hooks a stateful ProcessFn needs (enrich's thread join): emits to a
// chosen partition and tombstones, ticks that publish without input, and
// assign/revoke events around the records of a partition.
namespace tidings::runtime {
namespace {

TEST(StageLoop, EmitsCarryTheirPartitionAndTombstones) {
  StageHarness h;
  Fill(h.cluster(), 2, 0);
  Fill(h.cluster(), 2, 1);
  auto process = [](const Message& m) {
    Outcome o;
    o.emits.push_back({"log", m.key, m.value, {}, m.partition});
    o.emits.push_back({"log", m.key, "", {}, m.partition, /*tombstone=*/true});
    return o;
  };
  ASSERT_TRUE(h.Run(process, 2).ok());
  auto log = h.cluster().OutputTo("log");
  ASSERT_EQ(log.size(), 8u);
  for (size_t i = 0; i < log.size(); i += 2) {
    EXPECT_EQ(log[i].partition, log[i].value[1] - '0') << log[i].value;  // "p<partition>-<n>"
    EXPECT_FALSE(log[i].tombstone);
    EXPECT_EQ(log[i + 1].partition, log[i].partition);
    EXPECT_TRUE(log[i + 1].tombstone);
  }
}

TEST(StageLoop, TickPublishesInATransactionOfItsOwnWhenNoRecordCame) {
  StageHarness h;
  h.opts().tick_interval_ms = 1;
  int ticks = 0, commits = 0;
  h.opts().on_commit = [&] { ++commits; };
  h.opts().on_tick = [&]() -> Result<std::vector<Emit>> {
    ++ticks;
    std::vector<Emit> out;
    if (ticks == 3) out.push_back({"out", "k", "ticked", {}});
    return out;
  };
  FakeSource src(h.cluster());
  StopOnceOutput(h, src);
  Echo echo;
  ASSERT_TRUE(h.Run(std::ref(echo), 1, &src).ok());
  EXPECT_EQ(Values(h.cluster().OutputTo("out")), (std::vector<std::string>{"ticked"}));
  EXPECT_EQ(h.cluster().commits, 1);  // ticks with nothing to publish made no transaction
  EXPECT_GE(commits, 3);              // but their (empty) state was kept
  EXPECT_EQ(echo.calls, 0);
}

TEST(StageLoop, TickEmitsShareTheBatchTransactionAndAbortWithIt) {
  StageHarness h;
  Fill(h.cluster(), 3);
  h.cluster().abortable_commits = 1;
  h.opts().tick_interval_ms = 1;
  int ticks = 0, aborts = 0;
  // The first tick's emit is aborted with the batch; the state behind it
  // (here: `released`) comes back on abort, so a later tick emits it again.
  bool released = false;
  h.opts().on_tick = [&]() -> Result<std::vector<Emit>> {
    ++ticks;
    std::vector<Emit> out;
    if (!released) out.push_back({"out", "t", "ticked", {}});
    released = true;
    return out;
  };
  h.opts().on_abort = [&] {
    ++aborts;
    released = false;
  };
  Echo echo;
  ASSERT_TRUE(h.Run(std::ref(echo)).ok());
  auto out = Values(h.cluster().OutputTo("out"));
  EXPECT_EQ(std::count(out.begin(), out.end(), "ticked"), 1);
  EXPECT_EQ(out.size(), 4u);
  EXPECT_EQ(aborts, 1);
  EXPECT_GE(ticks, 2);
}

TEST(StageLoop, AFailingTickIsRetriedLikeAFailedTransaction) {
  StageHarness h;
  h.opts().tick_interval_ms = 1;
  int ticks = 0;
  h.opts().on_tick = [&]() -> Result<std::vector<Emit>> {
    if (++ticks == 1) return Status(ErrorCode::kIo, "state store: disk full");
    // The retry publishes; later ticks (every millisecond, until the loop
    // sees the stop) have nothing to add, so that a slow machine's extra
    // tick is not taken for a duplicate.
    if (ticks == 2) return std::vector<Emit>{{"out", "k", "ticked", {}}};
    return std::vector<Emit>{};
  };
  FakeSource src(h.cluster());
  StopOnceOutput(h, src);
  Echo echo;
  ASSERT_TRUE(h.Run(std::ref(echo), 1, &src).ok());
  EXPECT_EQ(Values(h.cluster().OutputTo("out")), (std::vector<std::string>{"ticked"}));
  EXPECT_EQ(h.cluster().sinks_made, 1);  // no transaction was open: nothing to abort or rebuild
  EXPECT_EQ(h.Metric("tidings_test_transactions_total", "result", "aborted"), 1);
}

TEST(StageLoop, AssignRunsBeforeThePartitionsRecordsAndRevokeAfterThem) {
  StageHarness h;
  Fill(h.cluster(), 3, 0);
  Fill(h.cluster(), 3, 1);
  std::vector<std::string> events;
  h.opts().on_assigned = [&](const std::vector<TopicPartition>& parts) {
    for (const auto& p : parts) events.push_back("assigned " + std::to_string(p.partition));
    return Status::Ok();
  };
  h.opts().on_revoked = [&](const std::vector<TopicPartition>& parts) {
    for (const auto& p : parts) events.push_back("revoked " + std::to_string(p.partition));
  };
  auto process = [&](const Message& m) {
    events.push_back("record " + std::to_string(m.partition));
    Outcome o;
    o.emits.push_back({"out", m.key, m.value, {}});
    return o;
  };
  ASSERT_TRUE(h.Run(process, 2).ok());
  ASSERT_GE(events.size(), 8u);
  EXPECT_EQ(events[0], "assigned 0");
  EXPECT_EQ(events[1], "assigned 1");
  EXPECT_EQ(std::count(events.begin(), events.end(), "record 0"), 3);
  EXPECT_EQ(events[events.size() - 2], "revoked 0");  // at close
  EXPECT_EQ(events.back(), "revoked 1");
}

TEST(StageLoop, OnBatchSeesEachBatchBeforeItsRecordsAgainAfterAnAbort) {
  StageHarness h;
  Fill(h.cluster(), 6);
  h.cluster().abortable_commits = 1;
  std::vector<std::string> events;
  h.opts().on_batch = [&](std::span<const Message> batch) {
    std::string e = "batch";
    for (const Message& m : batch) e += " " + m.value;
    events.push_back(e);
  };
  auto process = [&](const Message& m) {
    events.push_back("record " + m.value);
    Outcome o;
    o.emits.push_back({"out", m.key, m.value, {}});
    return o;
  };
  ASSERT_TRUE(h.Run(process).ok());
  const std::vector<std::string> once = {"batch p0-0 p0-1 p0-2 p0-3 p0-4 p0-5", "record p0-0", "record p0-1",
                                         "record p0-2", "record p0-3", "record p0-4", "record p0-5"};
  std::vector<std::string> twice = once;  // the first commit aborts: the batch is read and processed again
  twice.insert(twice.end(), once.begin(), once.end());
  EXPECT_EQ(events, twice);
  EXPECT_EQ(Values(h.cluster().OutputTo("out")), (std::vector<std::string>{"p0-0", "p0-1", "p0-2", "p0-3", "p0-4", "p0-5"}));
}

TEST(StageLoop, AThrowingOnBatchOnlyCostsItsWorkAhead) {
  StageHarness h;
  Fill(h.cluster(), 4);
  h.opts().on_batch = [](std::span<const Message>) { throw std::runtime_error("out of threads"); };
  Echo echo;
  ASSERT_TRUE(h.Run(std::ref(echo)).ok());
  EXPECT_EQ(Values(h.cluster().OutputTo("out")), Expected(4));
  EXPECT_EQ(h.cluster().aborts, 0);
}

TEST(StageLoop, AFailedAssignStopsTheLoopWithItsError) {
  StageHarness h;
  Fill(h.cluster(), 3);
  h.opts().on_assigned = [](const std::vector<TopicPartition>&) {
    return Status(ErrorCode::kNotFound, "changelog partition 0 does not exist");
  };
  Echo echo;
  Status st = h.Run(std::ref(echo));
  EXPECT_EQ(st.code(), ErrorCode::kNotFound) << st.ToString();
  EXPECT_EQ(echo.calls, 0);
  EXPECT_TRUE(h.cluster().OutputTo("out").empty());
}

}  // namespace
}  // namespace tidings::runtime
