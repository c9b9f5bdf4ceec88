// tidings-enrich's thread join (enrich/thread_join.h) on the real broker:
// comments before their article wait and are released by it, a comment
// whose parent never comes is released after parent_wait_ms with
// parent_missing, the state goes to tidings.enrich-state beside each input
// partition (compacted away once released), and a restart restores it.
#include <gtest/gtest.h>
#include <signal.h>

#include <map>
#include <vector>

#include "enrich/engine.h"
#include "enrich/thread_join.h"
#include "runtime/kafka.h"
#include "tests/integration/broker_env.h"
#include "tests/integration/stack_util.h"
#include "tidings/v1/enriched.pb.h"

namespace tidings {
namespace {

using namespace std::chrono_literals;

v1::Document Doc(const std::string& id, const std::string& parent, const std::string& thread,
                 const std::string& text) {
  return testing::MakeDocument(id, parent, thread, text);
}

// The enriched documents on the topic, by id (the last copy), and copies.
std::map<std::string, v1::EnrichedDocument> Enriched(const std::string& brokers, const std::string& topic,
                                                     std::map<std::string, int>* copies) {
  runtime::KafkaOptions ko;
  ko.brokers = brokers;
  std::map<std::string, v1::EnrichedDocument> out;
  EXPECT_TRUE(runtime::ReadTopic(ko, topic,
                                 [&](const runtime::Message& m) {
                                   v1::EnrichedDocument d;
                                   EXPECT_TRUE(d.ParseFromString(m.value));
                                   ++(*copies)[d.document().id()];
                                   out[d.document().id()] = d;
                                   return true;
                                 },
                                 30000)
                  .ok());
  return out;
}

// Waits until `n` documents are on the topic; *out and *copies as Enriched().
bool WaitForEnriched(const std::string& brokers, const std::string& topic, size_t n,
                     std::map<std::string, v1::EnrichedDocument>* out, std::map<std::string, int>* copies) {
  return testing::WaitUntil(
      [&] {
        copies->clear();
        *out = Enriched(brokers, topic, copies);
        return out->size() == n;
      },
      std::chrono::seconds(90));
}

TEST(ThreadJoinDaemon, CommentsWaitAreReleasedChangeloggedAndRestored) {
  TIDINGS_REQUIRE_BROKER(brokers);
  const std::string prefix = testing::UniquePrefix();
  ASSERT_TRUE(testing::CreateTopics(brokers, prefix).ok());
  testing::TempDir dir;
  testing::DaemonProcess enrich("enrich", brokers, prefix, dir.path(), {"--parent_wait_ms", "15000"});
  std::string why;
  ASSERT_TRUE(enrich.Start());
  ASSERT_TRUE(enrich.WaitReady(60s, &why)) << why;

  runtime::KafkaOptions ko;
  ko.brokers = brokers;
  auto producer = runtime::Producer::Create(ko);
  ASSERT_TRUE(producer.ok());
  auto send = [&](const v1::Document& d) {
    ASSERT_TRUE((*producer)->Produce(prefix + "tidings.documents", d.thread_id(), d.SerializeAsString(), {}, nullptr).ok());
    ASSERT_TRUE((*producer)->Flush(10000).ok());
  };
  // Two comments before their article, and one whose parent never comes.
  send(Doc("c1", "a1", "a1", "I disagree with this article about the Syrian war. Nonsense."));
  send(Doc("r1", "c1", "a1", "Why do you say that? It is well sourced."));
  send(Doc("o1", "gone", "t-gone", "An orphan comment."));
  auto waiting = [&] { return enrich.Metric("tidings_enrich_waiting_comments"); };
  ASSERT_TRUE(testing::WaitUntil([&] { return waiting() == 3; }, 60s)) << waiting() << "\n" << enrich.Log();

  // Each change is on the changelog, in the partition of its input record.
  std::map<std::string, int32_t> doc_partition;
  ASSERT_TRUE(runtime::ReadTopic(ko, prefix + "tidings.documents", [&](const runtime::Message& m) {
                v1::Document d;
                EXPECT_TRUE(d.ParseFromString(m.value));
                doc_partition[d.id()] = m.partition;
                return true;
              }, 30000).ok());
  size_t changes = 0;
  ASSERT_TRUE(runtime::ReadTopic(ko, prefix + "tidings.enrich-state", [&](const runtime::Message& m) {
                ++changes;
                const bool c1 = m.key == enrich::ThreadJoin::WaitingKey("a1", "c1");
                const bool o1 = m.key == enrich::ThreadJoin::WaitingKey("gone", "o1");
                if (c1) {
                  EXPECT_EQ(m.partition, doc_partition["c1"]);
                }
                if (o1) {
                  EXPECT_EQ(m.partition, doc_partition["o1"]);
                }
                return true;
              }, 30000).ok());
  EXPECT_EQ(changes, 3u);

  // Restarted, it restores the three from the changelog.
  enrich.child().Signal(SIGTERM);
  ASSERT_EQ(enrich.child().Wait(30s), 0) << enrich.Log();
  ASSERT_TRUE(enrich.Start());
  ASSERT_TRUE(enrich.WaitReady(60s, &why)) << why;
  // (The orphan waits 15 s from when it was first read, restarts or not.)
  ASSERT_TRUE(testing::WaitUntil([&] { return waiting() == 3; }, 30s)) << enrich.Log();
  EXPECT_NE(enrich.Log().find("restored from"), std::string::npos) << enrich.Log();

  // The article releases its comment and the reply to it.
  send(Doc("a1", "", "a1", "Syria's war goes on. President Bashar al-Assad spoke in Damascus on Monday."));
  std::map<std::string, int> copies;
  std::map<std::string, v1::EnrichedDocument> out;
  ASSERT_TRUE(WaitForEnriched(brokers, prefix + "tidings.enriched", 4, &out, &copies))
      << out.size() << " enriched\n" << enrich.Log();
  EXPECT_NE(out["c1"].reply_stance().reason(), "parent_missing");
  EXPECT_NE(out["r1"].reply_stance().reason(), "parent_missing");
  EXPECT_EQ(out["o1"].reply_stance().reason(), "parent_missing");  // after parent_wait_ms
  for (const auto& [id, n] : copies) EXPECT_EQ(n, 1) << id;
  ASSERT_TRUE(testing::WaitUntil([&] { return waiting() == 0; }, 10s));
  EXPECT_EQ(enrich.Metric("tidings_enrich_released_total", "reason=\"parent_arrived\""), 2);
  EXPECT_EQ(enrich.Metric("tidings_enrich_released_total", "reason=\"parent_wait\""), 1);

  // What compaction keeps: the four summaries, no waiting comment.
  std::map<std::string, bool> last;  // key -> has a value
  ASSERT_TRUE(runtime::ReadTopic(ko, prefix + "tidings.enrich-state", [&](const runtime::Message& m) {
                last[m.key] = !m.value.empty();
                return true;
              }, 30000).ok());
  size_t live = 0;
  for (const auto& [k, has] : last) live += has;
  EXPECT_EQ(live, 4u);
  for (const char* id : {"a1", "c1", "r1", "o1"}) EXPECT_TRUE(last[enrich::ThreadJoin::SummaryKey(id)]) << id;

  enrich.child().Signal(SIGTERM);
  EXPECT_EQ(enrich.child().Wait(30s), 0) << enrich.Log();
}

// With enrich_threads, what a batch's documents will be enriched with is
// foreseen and they are enriched on a pool ahead of the batch (the
// articles, and the replies after them; not the comments that wait for
// their article): the outputs are the engine's own, each published once,
// and every comment gets its parent.
TEST(ThreadJoinDaemon, ArticlesEnrichedAheadOnThreadsAreTheEnginesOwnOutputs) {
  TIDINGS_REQUIRE_BROKER(brokers);
  const std::string prefix = testing::UniquePrefix();
  ASSERT_TRUE(testing::CreateTopics(brokers, prefix).ok());
  testing::TempDir dir;
  runtime::KafkaOptions ko;
  ko.brokers = brokers;
  auto producer = runtime::Producer::Create(ko);
  ASSERT_TRUE(producer.ok());
  // Sent before the daemon starts, so that they come in few batches.
  std::vector<v1::Document> docs;
  for (int t = 0; t < 12; ++t) {
    const std::string a = "a" + std::to_string(t);
    docs.push_back(Doc("c-" + a, a, a, "I disagree with this. Who paid for it?"));  // ahead of its article
    docs.push_back(Doc(a, "", a,
                       "Syria's war goes on. President Bashar al-Assad spoke in Damascus on Monday; the United "
                       "Nations met in Geneva on 3 March 2016. Story " + std::to_string(t) + "."));
    docs.push_back(Doc("r-" + a, a, a, "Well said. The West is to blame for the war in Syria."));
  }
  for (const auto& d : docs)
    ASSERT_TRUE((*producer)->Produce(prefix + "tidings.documents", d.thread_id(), d.SerializeAsString(), {}, nullptr).ok());
  ASSERT_TRUE((*producer)->Flush(10000).ok());

  testing::DaemonProcess enrich("enrich", brokers, prefix, dir.path(), {"--enrich_threads", "3"});
  std::string why;
  ASSERT_TRUE(enrich.Start());
  ASSERT_TRUE(enrich.WaitReady(60s, &why)) << why;
  std::map<std::string, int> copies;
  std::map<std::string, v1::EnrichedDocument> out;
  ASSERT_TRUE(WaitForEnriched(brokers, prefix + "tidings.enriched", docs.size(), &out, &copies))
      << out.size() << " enriched\n" << enrich.Log();
  for (const auto& [id, n] : copies) EXPECT_EQ(n, 1) << id;
  EXPECT_EQ(enrich.Metric("tidings_enrich_enriched_ahead_total"), 24) << enrich.Log();

  auto engine = enrich::Engine::Create({});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  for (const auto& d : docs) {
    v1::EnrichedDocument got = out[d.id()];
    // The engine's output with the context the join gives: the parent's
    // and root's summaries (made from their outputs).
    enrich::ThreadDoc parent, root;
    enrich::ThreadContext ctx;
    if (!d.parent_id().empty()) {
      parent = enrich::ThreadDoc::Of(out[d.parent_id()]);
      root = enrich::ThreadDoc::Of(out[d.thread_id()]);
      ctx = {&parent, &root};
      EXPECT_NE(got.reply_stance().reason(), "parent_missing") << d.id();
    }
    auto want = (*engine)->Enrich(d, ctx);
    ASSERT_TRUE(want.ok());
    got.clear_timings();
    want->clear_timings();
    EXPECT_EQ(got.SerializeAsString(), want->SerializeAsString()) << d.id();
  }
  enrich.child().Signal(SIGTERM);
  EXPECT_EQ(enrich.child().Wait(30s), 0) << enrich.Log();
}

}  // namespace
}  // namespace tidings
