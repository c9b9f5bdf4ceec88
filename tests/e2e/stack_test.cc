// The whole stack as an operator runs it: tidings load -> tidings-ingest ->
// tidings-enrich -> tidings-store, with the enricher and the store killed
// with SIGKILL in the middle and restarted. Afterwards every document is in
// the store, enriched, and the enriched topic holds each document exactly
// once (read_committed): nothing lost, nothing duplicated.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "runtime/kafka.h"
#include "store/store.h"
#include "tests/integration/broker_env.h"
#include "tests/integration/stack_util.h"

namespace tidings {
namespace {

using namespace std::chrono_literals;

// Every path of docs/api/openapi.yaml answers 200 with JSON holding the
// top-level fields its 200 schema requires (the first `required:` list
// after the path; `{id}` is a stored article, `target`/`entity` get a
// value).
void ExpectApiMatchesOpenApi(int port, const std::string& article_id) {
  std::istringstream spec(testing::ReadFile(std::string(TIDINGS_SOURCE_DIR) + "/docs/api/openapi.yaml"));
  std::vector<std::pair<std::string, std::string>> paths;  // path, required line
  for (std::string line; std::getline(spec, line);) {
    if (line.rfind("components:", 0) == 0) break;
    if (line.rfind("  /v1/", 0) == 0) paths.emplace_back(line.substr(2, line.find(':') - 2), "");
    if (line.find("\"200\": {$ref: \"#/components/responses/Ranking\"}") != std::string::npos)
      paths.back().second = "entities, partial";  // the Ranking response's required fields
    const auto r = line.find("required: [");
    if (r != std::string::npos && !paths.empty() && paths.back().second.empty())
      paths.back().second = line.substr(r + 11, line.find(']', r) - r - 11);
  }
  ASSERT_GE(paths.size(), 6u);
  for (auto [path, required] : paths) {
    if (auto b = path.find("{id}"); b != std::string::npos) path.replace(b, 4, article_id);
    if (path == "/v1/stats/stance") path += "?target=assad";
    if (path == "/v1/stats/cooccurrence") path += "?entity=Syria";
    std::string body;
    ASSERT_EQ(testing::HttpGet(port, path, &body), 200) << path << ": " << body;
    ASSERT_EQ(body.front(), '{') << path;
    std::istringstream fields(required);
    for (std::string f; std::getline(fields, f, ',');) {
      f.erase(0, f.find_first_not_of(' '));
      EXPECT_NE(body.find("\"" + f + "\":"), std::string::npos) << path << " lacks " << f;
    }
  }
}

TEST(Stack, SurvivesKillNineWithNothingLostOrDuplicated) {
  TIDINGS_REQUIRE_BROKER(brokers);
  const std::string prefix = testing::UniquePrefix();
  ASSERT_TRUE(testing::CreateTopics(brokers, prefix).ok());
  testing::TempDir dir;
  const std::string corpus = dir.path() + "/corpus.jsonl";
  const std::set<std::string> ids = testing::WriteSeedCorpus(corpus, 15);
  ASSERT_GT(ids.size(), 500u);

  // Small batches so that a kill lands between many transactions.
  const std::vector<std::string> small = {"--batch_max_records", "20"};
  testing::DaemonProcess ingest("ingest", brokers, prefix, dir.path(), small);
  testing::DaemonProcess enrich("enrich", brokers, prefix, dir.path(), small);
  testing::DaemonProcess store("store", brokers, prefix, dir.path(), {"--batch_max_records", "25"});
  std::string why;
  for (auto* d : {&ingest, &enrich, &store}) ASSERT_TRUE(d->Start());
  for (auto* d : {&ingest, &enrich, &store}) ASSERT_TRUE(d->WaitReady(90s, &why)) << why;

  testing::Child load;
  ASSERT_TRUE(load.Start({testing::Bin("tidings"), "load", "--brokers", brokers, "--topic-prefix", prefix, corpus},
                         dir.path() + "/load.log"));
  ASSERT_EQ(load.Wait(120s), 0) << testing::ReadFile(dir.path() + "/load.log");

  const std::string db = dir.path() + "/db";
  // Kill the enricher once it has made progress, then the store.
  ASSERT_TRUE(testing::WaitUntil([&] { return enrich.Metric("tidings_enrich_records_total") >= 100; }, 120s))
      << enrich.Log();
  // The seed corpus is English: its documents are counted under "en" (a
  // bounded poll: the record counter may move before the first article is
  // enriched, comments waiting for it being records too).
  EXPECT_TRUE(testing::WaitUntil(
      [&] { return enrich.Metric("tidings_enrich_documents_by_language_total", "language=\"en\"") > 0; }, 60s))
      << enrich.Log();
  // The seed articles take sides: the rules' records and the built-in
  // model's (where the rules say nothing) are counted.
  EXPECT_TRUE(testing::WaitUntil(
      [&] {
        return enrich.Metric("tidings_enrich_stances_total", "decided_by=\"rules\",label=\"AGAINST\"") > 0 &&
               enrich.Metric("tidings_enrich_stances_total", "decided_by=\"model\"") > 0;
      },
      60s))
      << enrich.Log();
  enrich.child().Signal(SIGKILL);
  EXPECT_EQ(enrich.child().Wait(10s), 128 + SIGKILL);
  ASSERT_TRUE(enrich.Start());
  ASSERT_TRUE(testing::WaitUntil([&] { return testing::StoredCount(db) >= 150; }, 180s)) << store.Log();
  store.child().Signal(SIGKILL);
  EXPECT_EQ(store.child().Wait(10s), 128 + SIGKILL);
  ASSERT_TRUE(store.Start());
  ASSERT_TRUE(enrich.WaitReady(90s, &why)) << why;
  ASSERT_TRUE(store.WaitReady(90s, &why)) << why;

  ASSERT_TRUE(testing::WaitUntil([&] { return testing::StoredCount(db) >= ids.size(); }, 300s))
      << "stored " << testing::StoredCount(db) << " of " << ids.size() << "\n"
      << store.Log();

  // The store has every document, enriched.
  auto s = store::Store::OpenReadOnly(db);
  ASSERT_TRUE(s.ok());
  std::set<std::string> stored;
  size_t with_entities = 0, parent_missing = 0;
  ASSERT_TRUE((*s)->ScanAll([&](const v1::EnrichedDocument& d) {
                    stored.insert(d.document().id());
                    with_entities += d.entities_size() > 0;
                    // Comments find their parents, also after the enricher's restart.
                    if (d.document().kind() == "comment") {
                      EXPECT_TRUE(d.has_reply_stance()) << d.document().id();
                      parent_missing += d.reply_stance().reason() == "parent_missing";
                    }
                    EXPECT_FALSE(d.enricher_version().empty());
                    return true;
                  })
                  .ok());
  EXPECT_EQ(stored, ids);
  EXPECT_GT(with_entities, ids.size() / 2);
  EXPECT_EQ(parent_missing, 0u);

  // The enriched topic holds each document exactly once.
  const auto copies = testing::EnrichedCopies(brokers, prefix + "tidings.enriched");
  EXPECT_EQ(copies.size(), ids.size());
  int dup = 0;
  for (const auto& [id, n] : copies) dup += n > 1;
  EXPECT_EQ(dup, 0) << "documents published more than once";

  // The store's query API answers from what it stored, in the shapes of
  // docs/api/openapi.yaml, and serves the analyst page.
  const int api = std::atoi(testing::ReadFile(dir.path() + "/api.port").c_str());
  ASSERT_GT(api, 0);
  std::string body;
  ASSERT_EQ(testing::HttpGet(api, "/v1/documents?count=true", &body), 200);
  EXPECT_EQ(body, "{\"count\":" + std::to_string(ids.size()) + ",\"partial\":false}");
  const auto article = std::find_if(ids.begin(), ids.end(), [](const std::string& id) { return id.find("-a") != std::string::npos; });
  ASSERT_NE(article, ids.end());
  ExpectApiMatchesOpenApi(api, *article);
  ASSERT_EQ(testing::HttpGet(api, "/", &body), 200);
  EXPECT_NE(body.find("<title>tidings"), std::string::npos);

  for (auto* d : {&ingest, &enrich, &store}) {
    d->child().Signal(SIGTERM);
    EXPECT_EQ(d->child().Wait(30s), 0) << d->Log();
  }
}

}  // namespace
}  // namespace tidings
