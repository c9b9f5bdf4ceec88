// BatchPrefetch (enrich/batch_prefetch.h): a batch's documents whose
// context can be foreseen (none, the state's summaries, or those of
// documents earlier in the batch), enriched on a pool in waves, give
// exactly what the engine gives one by one with that context; comments
// that will wait are left to the caller, and an output is only taken with
// its own context.
#include "enrich/batch_prefetch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "tests/support/test_support.h"
#include "tests/unit/enrich/default_engine.h"

namespace tidings::enrich {
namespace {

const Engine& TheEngine() { return testing::DefaultEngine(); }

v1::Document Doc(const std::string& id, const std::string& parent, const std::string& thread,
                 const std::string& text) {
  return tidings::testing::MakeDocument(id, parent, thread, text, "2016-10-20T00:00:00Z");
}

// The engine's output without its timings (which differ run to run).
std::string Comparable(v1::EnrichedDocument d) {
  d.clear_timings();
  return d.SerializeAsString();
}

const std::string kText =
    "President Bashar al-Assad met Vladimir Putin in Moscow on Tuesday. The United Nations said on 3 March 2016 "
    "that the war in Syria had displaced millions.";

TEST(BatchPrefetch, EnrichesWhatItCanForeseeAsTheEngineDoesWithTheSameContext) {
  // Summaries the state holds before the batch: two earlier articles.
  std::map<std::string, ThreadDoc> state;
  for (const char* id : {"old1", "old2"}) {
    auto e = TheEngine().Enrich(Doc(id, "", id, kText));
    ASSERT_TRUE(e.ok());
    state[id] = ThreadDoc::Of(*e);
  }
  std::vector<v1::Document> docs;
  for (int i = 0; i < 30; ++i)
    docs.push_back(Doc("a" + std::to_string(i), "", i % 2 ? "a" + std::to_string(i) : "",
                       kText + " Story " + std::to_string(i) + "."));
  docs.push_back(Doc("c-old1", "old1", "old1", "I disagree. Assad is to blame, not Putin."));  // 30: parent known
  docs.push_back(Doc("c-old2", "c-x", "old2", "Is that so? Who says?"));  // 31: parent unknown: it will wait
  docs.push_back(Doc("c-a1", "a1", "a1", "Well said."));                 // 32: parent earlier in the batch
  docs.push_back(Doc("c-r", "old1", "a3", "Agreed."));                   // 33: root earlier in the batch
  docs.push_back(Doc("c-z", "z", "z", "First!"));                        // 34: parent later: it will wait
  docs.push_back(Doc("z", "", "z", kText));                              // 35
  docs.push_back(Doc("r-c-a1", "c-a1", "a1", "Indeed."));                // 36: a reply to 32 (a second wave)
  std::vector<std::string> bytes;
  for (const auto& d : docs) bytes.push_back(d.SerializeAsString());
  bytes.push_back("not a document \xff");                                   // 37
  bytes.push_back(Doc("bad-utf8", "", "", "caf\xe9").SerializeAsString());  // 38
  std::vector<std::string_view> views(bytes.begin(), bytes.end());

  std::vector<std::string> asked;
  auto summary = [&](size_t, const std::string& id) -> std::optional<ThreadDoc> {
    asked.push_back(id);
    auto it = state.find(id);
    return it == state.end() ? std::nullopt : std::optional<ThreadDoc>(it->second);
  };
  // What the engine gives each, with the context the join would give.
  auto of = [&](size_t i) { return ThreadDoc::Of(*TheEngine().Enrich(docs[i])); };
  const ThreadDoc a1 = of(1), a3 = of(3);
  auto reply_of_a1 = TheEngine().Enrich(docs[32], {&a1, &a1});
  ASSERT_TRUE(reply_of_a1.ok());
  const ThreadDoc c_a1 = ThreadDoc::Of(*reply_of_a1);
  std::map<size_t, ThreadContext> contexts = {
      {30, {&state["old1"], &state["old1"]}}, {32, {&a1, &a1}}, {33, {&state["old1"], &a3}}, {36, {&c_a1, &a1}}};

  BatchPrefetch prefetch(TheEngine(), 3);
  for (int round = 0; round < 2; ++round) {  // slots are reused
    asked.clear();
    prefetch.Run(views, summary);
    EXPECT_EQ(prefetch.enriched(), 35u);
    for (const char* in_batch : {"a1", "a3", "c-a1"})
      EXPECT_EQ(std::count(asked.begin(), asked.end(), in_batch), 0) << in_batch;
    for (size_t i = 0; i < docs.size(); ++i) {
      BatchPrefetch::Ahead* got = prefetch.Get(i);
      if (i == 31 || i == 34) {
        EXPECT_EQ(got, nullptr) << i;
        continue;
      }
      ASSERT_NE(got, nullptr) << i;
      const ThreadContext ctx = contexts.count(i) ? contexts[i] : ThreadContext{};
      EXPECT_TRUE(got->Fits(docs[i], ctx)) << i;
      auto want = TheEngine().Enrich(docs[i], ctx);
      ASSERT_TRUE(want.ok());
      EXPECT_EQ(Comparable(got->out), Comparable(*want)) << docs[i].id();
    }
    for (size_t i = docs.size(); i < views.size() + 2; ++i) EXPECT_EQ(prefetch.Get(i), nullptr) << i;
  }
  // Taken only with the context it was made with (whenever it was stored).
  BatchPrefetch::Ahead* reply = prefetch.Get(30);
  ASSERT_NE(reply, nullptr);
  ThreadDoc stored = state["old1"], changed = state["old1"];
  stored.stored_ms = 1234;
  changed.version += 1;
  EXPECT_TRUE(reply->Fits(docs[30], ThreadContext{&stored, &stored}));
  EXPECT_FALSE(reply->Fits(docs[30], ThreadContext{}));
  EXPECT_FALSE(reply->Fits(docs[30], ThreadContext{&changed, &changed}));
  EXPECT_FALSE(reply->Fits(docs[0], ThreadContext{&state["old1"], &state["old1"]}));  // another document
  EXPECT_FALSE(prefetch.Get(0)->Fits(docs[0], ThreadContext{nullptr, &state["old2"]}));

  // A smaller batch: nothing of the last one shows through.
  prefetch.Run(std::span(views).subspan(37, 2), summary);
  EXPECT_EQ(prefetch.enriched(), 0u);
  EXPECT_EQ(prefetch.Get(0), nullptr);
  EXPECT_EQ(prefetch.Get(2), nullptr);
  prefetch.Run({}, summary);
  EXPECT_EQ(prefetch.Get(0), nullptr);
}

}  // namespace
}  // namespace tidings::enrich
