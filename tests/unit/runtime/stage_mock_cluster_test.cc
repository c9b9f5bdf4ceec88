// The stage loop's Kafka side (runtime/stage_kafka.cc) against librdkafka's
// in-process mock cluster (loopback only, no broker needed), for what a fake
// can't vouch for: that librdkafka's producer really is fatal after the
// coordinator refuses to end a transaction (INVALID_TXN_STATE, as after the
// field's broker outage) and a new one with the same transactional id
// carries on, without an exit; and that a broker that goes down and comes
// back shows in BrokerTrouble().
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <set>
#include <thread>

#include "runtime/stage.h"
#include "runtime/stage_io.h"
#include "tests/support/test_support.h"
#include "tests/unit/runtime/fake_stage_io.h"

namespace tidings::runtime {
namespace {

using namespace std::chrono_literals;

constexpr int16_t kApiEndTxn = 26;  // Kafka protocol ApiKey of EndTxn

// A mock cluster of one broker, owned by a plain producer handle.
class MockCluster {
 public:
  MockCluster() {
    char err[256];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "test.mock.num.brokers", "1", err, sizeof err);
    rk_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    mock_ = rd_kafka_handle_mock_cluster(rk_);
    bootstraps_ = rd_kafka_mock_cluster_bootstraps(mock_);
  }
  ~MockCluster() { rd_kafka_destroy(rk_); }
  rd_kafka_mock_cluster_t* mock() { return mock_; }
  const std::string& bootstraps() const { return bootstraps_; }
  void CreateTopic(const std::string& name, int partitions) {
    ASSERT_EQ(rd_kafka_mock_topic_create(mock_, name.c_str(), partitions, 1), RD_KAFKA_RESP_ERR_NO_ERROR);
  }

 private:
  rd_kafka_t* rk_ = nullptr;
  rd_kafka_mock_cluster_t* mock_ = nullptr;
  std::string bootstraps_;
};

KafkaOptions Options(const std::string& brokers) {
  KafkaOptions o;
  o.brokers = brokers;
  return o;
}

std::vector<std::string> ReadValues(const std::string& brokers, const std::string& topic) {
  std::vector<std::string> v;
  Status st = ReadTopic(Options(brokers), topic, [&](const Message& m) {
    v.push_back(m.value);
    return true;
  }, 10000);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return v;
}

TEST(StageOnMockCluster, ACommitThatCannotBeAbortedIsRecoveredByANewProducer) {
  MockCluster cluster;
  cluster.CreateTopic("in", 1);
  cluster.CreateTopic("out", 1);
  cluster.CreateTopic("dlq", 1);
  auto producer = Producer::Create(Options(cluster.bootstraps()));
  ASSERT_TRUE(producer.ok()) << producer.status().ToString();
  constexpr int kRecords = 20;
  for (int i = 0; i < kRecords; ++i)
    ASSERT_TRUE((*producer)->Produce("in", "k", "r" + std::to_string(i), {}, nullptr).ok());
  ASSERT_TRUE((*producer)->Flush(10000).ok());

  // The first transaction's EndTxn fails as the field's did, and so does the
  // abort that follows: the producer must be replaced.
  rd_kafka_mock_push_request_errors(cluster.mock(), kApiEndTxn, 2, RD_KAFKA_RESP_ERR_INVALID_TXN_STATE,
                                    RD_KAFKA_RESP_ERR_INVALID_TXN_STATE);

  fake::StageHarness h({"--brokers=" + cluster.bootstraps(), "--group_id=mock-group"});
  h.opts().retry_backoff_min_ms = 100;
  h.opts().retry_backoff_max_ms = 200;
  int calls = 0;
  auto process = [&](const Message& m) {
    ++calls;
    Outcome o;
    o.emits.push_back({"out", m.key, "out:" + m.value, {}});
    return o;
  };
  Status result;
  std::thread loop([&] { result = RunStage(h.ctx(), h.opts(), process); });
  bool done = testing::WaitUntil(
      [&] { return h.Metric("tidings_test_records_total", "outcome", "published") >= kRecords; }, 60s);
  h.shutdown().Request();
  loop.join();
  ASSERT_TRUE(done) << "published " << h.Metric("tidings_test_records_total", "outcome", "published");
  EXPECT_TRUE(result.ok()) << result.ToString();
  EXPECT_GE(h.Metric("tidings_test_transactions_total", "result", "aborted"), 1);
  EXPECT_GT(calls, kRecords);  // replayed

  EXPECT_GE(h.Metric("tidings_test_transactions_total", "result", "committed"), 1);
  EXPECT_EQ(h.Metric("tidings_test_records_total", "outcome", "published"), kRecords);
  // Every record made it out. (The mock cluster writes no transaction
  // markers, so a read_committed reader also sees the failed attempts'
  // records here; that each record is published once across an abort is
  // tested with the fake in stage_loop_test.cc.)
  auto out = ReadValues(cluster.bootstraps(), "out");
  std::set<std::string> distinct(out.begin(), out.end());
  for (int i = 0; i < kRecords; ++i) EXPECT_EQ(distinct.count("out:r" + std::to_string(i)), 1u) << i;
}

TEST(StageOnMockCluster, BrokerTroubleWhileTheBrokerIsDownAndNotAfter) {
  MockCluster cluster;
  cluster.CreateTopic("in", 1);
  auto source = MakeKafkaSource(Options(cluster.bootstraps()), "mock-health", {"in"});
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  bool assigned = false;
  (*source)->SetEvents({[&](const std::vector<TopicPartition>&) { assigned = true; }, nullptr});
  ASSERT_TRUE(testing::WaitUntil([&] {
    (void)(*source)->Poll(100);
    return assigned;
  }, 30s));
  EXPECT_EQ((*source)->BrokerTrouble(), "");

  rd_kafka_mock_broker_set_down(cluster.mock(), 1);
  EXPECT_TRUE(testing::WaitUntil([&] {
    (void)(*source)->Poll(100);
    return !(*source)->BrokerTrouble().empty();
  }, 30s));

  rd_kafka_mock_broker_set_up(cluster.mock(), 1);
  EXPECT_TRUE(testing::WaitUntil([&] {
    (void)(*source)->Poll(100);
    return (*source)->BrokerTrouble().empty();
  }, 30s));
  (*source)->Close();
}

}  // namespace
}  // namespace tidings::runtime
