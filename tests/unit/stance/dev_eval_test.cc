// Development measurement: runs the stance tagger over enriched JSONL (e.g.
// gold entities from tests/data/stance/gold_to_input.py), parents before
// their replies, and writes JSONL for the gold's scorer (score_enrich.py). Runs only
// when TIDINGS_STANCE_DEV_IN and TIDINGS_STANCE_DEV_OUT are set.
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "enrich/stance/stance.h"
#include "proto/json_codec.h"

namespace tidings::enrich {
namespace {

TEST(StanceDev, TagFile) {
  const char* in_path = std::getenv("TIDINGS_STANCE_DEV_IN");
  const char* out_path = std::getenv("TIDINGS_STANCE_DEV_OUT");
  if (in_path == nullptr || out_path == nullptr) GTEST_SKIP() << "TIDINGS_STANCE_DEV_IN/OUT not set";
  const char* dbg = std::getenv("TIDINGS_STANCE_DEV_DEBUG");
  auto tagger = StanceTagger::Create("", dbg != nullptr);
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  std::ifstream in(in_path);
  std::ofstream out(out_path);
  ASSERT_TRUE(in && out);
  std::map<std::string, ThreadDoc> seen;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto doc = proto::ParseEnrichedJson(line);
    ASSERT_TRUE(doc.ok()) << doc.status().ToString();
    ThreadContext ctx;
    if (auto it = seen.find(doc->document().parent_id()); it != seen.end()) ctx.parent = &it->second;
    if (auto it = seen.find(doc->document().thread_id()); it != seen.end()) ctx.root = &it->second;
    (*tagger)->Tag(ctx, &doc.value());
    out << proto::EnrichedToJson(doc.value(), {.debug = dbg != nullptr}) << "\n";
    seen[doc->document().id()] = ThreadDoc::Of(*doc);
  }
}

}  // namespace
}  // namespace tidings::enrich
