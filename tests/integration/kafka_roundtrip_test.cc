// The runtime's Kafka wrappers against the real broker.
#include <gtest/gtest.h>

#include <atomic>
#include <map>

#include "runtime/kafka.h"
#include "tests/integration/broker_env.h"

namespace tidings::runtime {
namespace {

TEST(KafkaRoundTrip, ProduceConsumeCommitAndResume) {
  TIDINGS_REQUIRE_BROKER(brokers);
  const std::string prefix = testing::UniquePrefix();
  ASSERT_TRUE(testing::CreateTopics(brokers, prefix).ok());
  const std::string topic = prefix + "tidings.documents";
  KafkaOptions ko;
  ko.brokers = brokers;

  auto producer = Producer::Create(ko);
  ASSERT_TRUE(producer.ok()) << producer.status().ToString();
  std::atomic<int> delivered{0};
  constexpr int kRecords = 200;
  for (int i = 0; i < kRecords; ++i) {
    ASSERT_TRUE((*producer)
                    ->Produce(topic, "thread-" + std::to_string(i % 7), "value-" + std::to_string(i),
                              {{"content-type", "text/plain"}},
                              [&](const Status& st, int32_t, int64_t off) {
                                if (st.ok() && off >= 0) ++delivered;
                              })
                    .ok());
  }
  ASSERT_TRUE((*producer)->Flush(30000).ok());
  EXPECT_EQ(delivered.load(), kRecords);

  // Consume half, commit, close; a new consumer of the group resumes after.
  std::map<std::string, int> seen;
  std::vector<TopicPartition> commit;
  {
    auto c = Consumer::Create(ko, prefix + "group", {topic});
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    std::map<int32_t, int64_t> next;
    ASSERT_TRUE(testing::WaitUntil(
        [&] {
          auto m = (*c)->Poll(100);
          if (m.ok() && m->has_value()) {
            const Message& msg = **m;
            ++seen[msg.value];
            EXPECT_EQ(msg.HeaderValue("content-type").value_or(""), "text/plain");
            next[msg.partition] = msg.offset + 1;
          }
          return static_cast<int>(seen.size()) >= kRecords / 2;
        },
        std::chrono::seconds(60)));
    for (const auto& [p, off] : next) commit.push_back({topic, p, off});
    ASSERT_TRUE((*c)->Commit(commit).ok());
    (*c)->Close();
  }
  {
    auto c = Consumer::Create(ko, prefix + "group", {topic});
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE(testing::WaitUntil(
        [&] {
          auto m = (*c)->Poll(100);
          if (m.ok() && m->has_value()) ++seen[(*m)->value];
          return static_cast<int>(seen.size()) >= kRecords;
        },
        std::chrono::seconds(60)));
    (*c)->Close();
  }
  EXPECT_EQ(static_cast<int>(seen.size()), kRecords);
  // Records of one key share a partition, so committed offsets are exact:
  // nothing after a commit point was read twice across the two consumers.
  int twice = 0;
  for (const auto& [v, n] : seen) twice += n > 1;
  EXPECT_EQ(twice, 0);

  // ReadTopic reads everything to the end.
  int read = 0;
  ASSERT_TRUE(ReadTopic(ko, topic, [&](const Message&) { return ++read, true; }, 30000).ok());
  EXPECT_EQ(read, kRecords);
}

TEST(KafkaRoundTrip, UnreachableBrokerIsAnError) {
  KafkaOptions ko;
  ko.brokers = "127.0.0.1:1";
  Status st = CheckBrokers(ko, 1000);
  EXPECT_EQ(st.code(), ErrorCode::kKafka);
  EXPECT_NE(st.message().find("127.0.0.1:1"), std::string::npos);
}

}  // namespace
}  // namespace tidings::runtime
