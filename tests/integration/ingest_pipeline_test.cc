// tidings-ingest on the real broker: the seed corpus loaded with `tidings
// load` comes out of tidings.documents as the expected articles and
// comments with their parents; every error code is exercised by a real
// malformed record that ends in tidings.dlq with that code; and records in =
// documents out + duplicates + dead letters.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <map>
#include <set>

#include "ingest/splitter.h"
#include "proto/json_codec.h"
#include "runtime/kafka.h"
#include "tests/integration/broker_env.h"
#include "tests/integration/stack_util.h"

namespace tidings {
namespace {

using namespace std::chrono_literals;

std::vector<std::string> SeedFiles() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(std::string(TIDINGS_SOURCE_DIR) + "/tests/data/seeds"))
    if (e.path().extension() == ".txt") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<runtime::Message> ReadAll(const std::string& brokers, const std::string& topic, size_t want,
                                      std::chrono::seconds timeout) {
  std::vector<runtime::Message> out;
  runtime::KafkaOptions ko;
  ko.brokers = brokers;
  testing::WaitUntil(
      [&] {
        out.clear();
        (void)runtime::ReadTopic(ko, topic, [&](const runtime::Message& m) { return out.push_back(m), true; }, 10000);
        return out.size() >= want;
      },
      timeout);
  return out;
}

class IngestPipeline : public ::testing::Test {
 protected:
  void SetUp() override {
    brokers_ = testing::TestBrokers();
    if (brokers_.empty()) GTEST_SKIP() << "TIDINGS_TEST_BROKERS not set (run through ctest)";
    prefix_ = testing::UniquePrefix();
    ASSERT_TRUE(testing::CreateTopics(brokers_, prefix_).ok());
    // A text limit below Kafka's 1 MB record limit, so that a too_large
    // record can reach the daemon at all.
    ingest_ = std::make_unique<testing::DaemonProcess>("ingest", brokers_, prefix_, dir_.path(),
                                                       std::vector<std::string>{"--max_text_bytes", "200000"});
    ASSERT_TRUE(ingest_->Start());
    std::string why;
    ASSERT_TRUE(ingest_->WaitReady(60s, &why)) << why;
  }
  std::string brokers_, prefix_;
  testing::TempDir dir_;
  std::unique_ptr<testing::DaemonProcess> ingest_;
};

TEST_F(IngestPipeline, SeedCorpusComesOutAsDocumentsWithParents) {
  // What the splitter makes of the seeds is the expectation.
  std::map<std::string, v1::Document> expected;
  for (const auto& f : SeedFiles()) {
    ingest::SplitOptions so;
    so.id_prefix = ingest::DefaultIdPrefix(f);
    for (auto& d : ingest::SplitDump(testing::ReadFile(f), so)) expected[d.id()] = d;
  }
  ASSERT_GT(expected.size(), 30u);

  std::vector<std::string> argv = {testing::Bin("tidings"), "load", "--brokers", brokers_, "--topic-prefix", prefix_};
  for (const auto& f : SeedFiles()) argv.push_back(f);
  testing::Child load;
  ASSERT_TRUE(load.Start(argv, dir_.path() + "/load.log"));
  ASSERT_EQ(load.Wait(120s), 0) << testing::ReadFile(dir_.path() + "/load.log");
  EXPECT_NE(testing::ReadFile(dir_.path() + "/load.log").find("failed 0"), std::string::npos);

  auto out = ReadAll(brokers_, prefix_ + "tidings.documents", expected.size(), 90s);
  ASSERT_EQ(out.size(), expected.size());
  std::map<std::string, int32_t> thread_partition;
  std::set<std::string> seen;
  for (const auto& m : out) {
    v1::Document d;
    ASSERT_TRUE(d.ParseFromString(m.value));
    ASSERT_TRUE(expected.count(d.id())) << d.id();
    const auto& want = expected[d.id()];
    EXPECT_TRUE(seen.insert(d.id()).second) << "twice: " << d.id();
    EXPECT_EQ(d.kind(), want.kind()) << d.id();
    EXPECT_EQ(d.parent_id(), want.parent_id()) << d.id();
    EXPECT_EQ(d.thread_id(), want.thread_id()) << d.id();
    const std::string thread = d.thread_id().empty() ? d.id() : d.thread_id();
    EXPECT_EQ(m.key, thread);
    auto [it, fresh] = thread_partition.emplace(thread, m.partition);
    EXPECT_EQ(it->second, m.partition) << "thread " << thread << " spans partitions";
    EXPECT_EQ(d.ingest().version(), 1u);
    EXPECT_EQ(d.ingest().content_hash().size(), 64u);
    EXPECT_FALSE(d.ingest().received_at().empty());
  }
  EXPECT_EQ(ingest_->Metric("tidings_ingest_records_total", "outcome=\"published\""),
            static_cast<double>(expected.size()));
}

TEST_F(IngestPipeline, EveryErrorCodeEndsInTheDlqAndNothingIsLost) {
  const std::string big(300 * 1024, 'x');  // over the daemon's 200000-byte limit
  struct Case {
    std::string code;
    std::string value;
    std::string content_type = "application/json";
  };
  std::vector<Case> cases = {
      {"invalid_json", R"({"id": "j1", "kind": "article", "text": )"},
      {"wrong_type", R"({"id": "w1", "kind": "article", "text": ["not", "a", "string"]})"},
      {"missing_field", R"({"kind": "article", "text": "No id here."})"},
      {"unknown_kind", R"({"id": "k1", "kind": "tweet", "text": "Hello."})"},
      {"missing_thread", R"({"id": "m1", "kind": "comment", "text": "Orphan reply."})"},
      {"invalid_utf8", "{\"id\": \"u1\", \"kind\": \"article\", \"text\": \"caf\xC3\x28\"}"},
      {"too_large", R"({"id": "b1", "kind": "article", "text": ")" + big + R"("})"},
      {"empty_text", R"({"id": "e1", "kind": "article", "text": "  \n\n  "})"},
      {"bad_timestamp", R"({"id": "t1", "kind": "article", "text": "Hi.", "published_at": "yesterday"})"},
      {"bad_id", "{\"id\": \"a\\u0007b\", \"kind\": \"article\", \"text\": \"Bell.\"}"},
      {"invalid_protobuf", std::string("\xff\xff\xff\x01garbage", 11), "application/x-protobuf"},
  };
  const std::string good = R"({"id": "ok1", "kind": "article", "text": "Aleppo, 20 December 2016.", "x_custom": 7})";
  const std::string updated = R"({"id": "ok1", "kind": "article", "text": "Aleppo, 21 December 2016."})";

  runtime::KafkaOptions ko;
  ko.brokers = brokers_;
  auto producer = runtime::Producer::Create(ko);
  ASSERT_TRUE(producer.ok());
  std::atomic<int> acked{0};
  auto send = [&](const std::string& value, const std::string& ct) {
    ASSERT_TRUE((*producer)
                    ->Produce(prefix_ + "tidings.raw.articles", "", value, {{"content-type", ct}},
                              [&](const Status& st, int32_t, int64_t) { acked += st.ok(); }, 0)
                    .ok());
  };
  for (const auto& c : cases) send(c.value, c.content_type);
  send(good, "application/json");
  send(good, "application/json");  // duplicate
  send(updated, "application/json");  // update
  ASSERT_TRUE((*producer)->Flush(30000).ok());
  const int records_in = static_cast<int>(cases.size()) + 3;
  ASSERT_EQ(acked.load(), records_in);

  auto dlq = ReadAll(brokers_, prefix_ + "tidings.dlq", cases.size(), 90s);
  ASSERT_EQ(dlq.size(), cases.size());
  std::map<std::string, v1::DeadLetter> by_code;
  for (const auto& m : dlq) {
    v1::DeadLetter dl;
    ASSERT_TRUE(dl.ParseFromString(m.value));
    EXPECT_EQ(m.HeaderValue("tidings-error").value_or(""), dl.error_code());
    EXPECT_EQ(dl.stage(), "ingest");
    EXPECT_EQ(dl.source_topic(), prefix_ + "tidings.raw.articles");
    EXPECT_FALSE(dl.message().empty());
    by_code[dl.error_code()] = dl;
  }
  for (const auto& c : cases) {
    ASSERT_TRUE(by_code.count(c.code)) << "no dead letter with code " << c.code;
    EXPECT_EQ(by_code[c.code].original(), c.value) << c.code;
  }

  auto docs = ReadAll(brokers_, prefix_ + "tidings.documents", 2, 60s);
  ASSERT_EQ(docs.size(), 2u);  // the good one and its update; the duplicate is dropped
  v1::Document first, second;
  ASSERT_TRUE(first.ParseFromString(docs[0].value));
  ASSERT_TRUE(second.ParseFromString(docs[1].value));
  EXPECT_EQ(first.ingest().version(), 1u);
  EXPECT_EQ(first.extra().at("x_custom"), "7");  // unknown fields kept
  EXPECT_EQ(second.ingest().version(), 2u);
  EXPECT_NE(first.ingest().content_hash(), second.ingest().content_hash());

  // Records in = documents out + duplicates + dead letters, in the metrics too.
  ASSERT_TRUE(testing::WaitUntil(
      [&] { return ingest_->Metric("tidings_ingest_records_total") == records_in; }, 30s));
  double out = ingest_->Metric("tidings_ingest_records_total", "outcome=\"published\"") +
               ingest_->Metric("tidings_ingest_records_total", "outcome=\"updated\"");
  double dups = ingest_->Metric("tidings_ingest_records_total", "outcome=\"duplicate\"");
  double dead = ingest_->Metric("tidings_dlq_records_total");
  EXPECT_EQ(out, 2);
  EXPECT_EQ(dups, 1);
  EXPECT_EQ(dead, static_cast<double>(cases.size()));
  EXPECT_EQ(out + dups + dead, records_in);
}

// Issue 11, item 1: a 4.5 MiB key with invalid JSON made a dead letter of
// over 9 MiB (the key twice), refused for ever, and stalled the partition.
// Its dead letter is now bounded and the next record gets through.
TEST_F(IngestPipeline, AHugeKeyIsDeadLetteredAndDoesNotStallThePartition) {
  const std::string huge_key(4 * 1024 * 1024 + 512 * 1024, 'k');
  const std::string bad = R"({"id": "h1", "kind": )";
  const std::string good = R"({"id": "h2", "kind": "article", "text": "After the huge key."})";
  runtime::KafkaOptions ko;
  ko.brokers = brokers_;
  auto producer = runtime::Producer::Create(ko);
  ASSERT_TRUE(producer.ok());
  std::atomic<int> acked{0};
  auto on_ack = [&](const Status& st, int32_t, int64_t) { acked += st.ok(); };
  const std::string raw = prefix_ + "tidings.raw.articles";
  ASSERT_TRUE((*producer)->Produce(raw, huge_key, bad, {{"content-type", "application/json"}}, on_ack, 0).ok());
  ASSERT_TRUE((*producer)->Produce(raw, "h2", good, {{"content-type", "application/json"}}, on_ack, 0).ok());
  ASSERT_TRUE((*producer)->Flush(30000).ok());
  ASSERT_EQ(acked.load(), 2);

  auto dlq = ReadAll(brokers_, prefix_ + "tidings.dlq", 1, 90s);
  ASSERT_EQ(dlq.size(), 1u) << ingest_->Log();
  v1::DeadLetter dl;
  ASSERT_TRUE(dl.ParseFromString(dlq[0].value));
  EXPECT_EQ(dl.error_code(), "invalid_json");
  EXPECT_EQ(dl.original(), bad);
  EXPECT_TRUE(dl.original_key_truncated());
  EXPECT_EQ(dl.original_key_size(), huge_key.size());
  EXPECT_EQ(dl.original_key().size(), 1024u);
  EXPECT_EQ(dlq[0].key.size(), 1024u);
  EXPECT_EQ(dl.source_partition(), 0);
  EXPECT_LT(dlq[0].key.size() + dlq[0].value.size(), 8u * 1024 * 1024);

  auto docs = ReadAll(brokers_, prefix_ + "tidings.documents", 1, 60s);
  ASSERT_EQ(docs.size(), 1u) << ingest_->Log();
  v1::Document doc;
  ASSERT_TRUE(doc.ParseFromString(docs[0].value));
  EXPECT_EQ(doc.id(), "h2");
}

TEST_F(IngestPipeline, DuplicatesAndVersionsAreRecognisedAcrossARestart) {
  runtime::KafkaOptions ko;
  ko.brokers = brokers_;
  auto producer = runtime::Producer::Create(ko);
  ASSERT_TRUE(producer.ok());
  auto send = [&](const std::string& value) {
    ASSERT_TRUE((*producer)
                    ->Produce(prefix_ + "tidings.raw.articles", "r1", value, {{"content-type", "application/json"}},
                              nullptr)
                    .ok());
    ASSERT_TRUE((*producer)->Flush(30000).ok());
  };
  const std::string v1_json = R"({"id": "r1", "kind": "article", "text": "Idlib, 5 May 2017."})";
  send(v1_json);
  ASSERT_EQ(ReadAll(brokers_, prefix_ + "tidings.documents", 1, 60s).size(), 1u);

  ingest_->child().Signal(SIGTERM);
  ASSERT_EQ(ingest_->child().Wait(30s), 0) << ingest_->Log();
  ASSERT_TRUE(ingest_->Start());
  std::string why;
  ASSERT_TRUE(ingest_->WaitReady(60s, &why)) << why;
  EXPECT_NE(ingest_->Log().find("dedup memory restored"), std::string::npos) << ingest_->Log();

  send(v1_json);  // the same content again: a duplicate, also after the restart
  send(R"({"id": "r1", "kind": "article", "text": "Idlib, 6 May 2017."})");  // new content
  auto docs = ReadAll(brokers_, prefix_ + "tidings.documents", 2, 60s);
  ASSERT_EQ(docs.size(), 2u);
  v1::Document second;
  ASSERT_TRUE(second.ParseFromString(docs[1].value));
  EXPECT_EQ(second.ingest().version(), 2u);
  ASSERT_TRUE(testing::WaitUntil([&] { return ingest_->Metric("tidings_ingest_records_total") == 2; }, 30s));
  EXPECT_EQ(ingest_->Metric("tidings_ingest_records_total", "outcome=\"duplicate\""), 1);
}

}  // namespace
}  // namespace tidings
