// Unit tests of the stance tagger: data files, target file parsing, the
// tokenizer, golden cases (tests/data/stance/cases.jsonl: adding a case adds
// data, not C++) and the reply-stance contract.
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "enrich/stance/stance.h"
#include "enrich/stance/stance_lexicon.h"
#include "enrich/stance/stance_text.h"
#include "proto/json_codec.h"

namespace tidings::enrich {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::string kSrc = TIDINGS_SOURCE_DIR;

// The built-in data is the data files, byte for byte (embedded at build time).
TEST(StanceData, BuiltInDataIsTheDataFiles) {
  EXPECT_EQ(stance::DefaultTargetsText(), ReadFile(kSrc + "/enrich/stance/data/targets.default.ini"));
  EXPECT_EQ(stance::DefaultCuesText(), ReadFile(kSrc + "/enrich/stance/data/cues.ini"));
  EXPECT_EQ(stance::DefaultSentimentText(), ReadFile(kSrc + "/enrich/stance/data/sentiment.tsv"));
}

TEST(StanceData, DefaultTargetsAreTheContractSet) {
  auto t = stance::ParseTargets(stance::DefaultTargetsText(), "default");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  std::vector<std::string> ids;
  for (const auto& x : t.value()) ids.push_back(x.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"assad_government", "russia", "united_states", "syrian_opposition",
                                           "jihadist_groups", "western_left"}));
}

TEST(StanceTargets, ErrorsNameFileAndLine) {
  auto bad_key = stance::ParseTargets("[a]\naliases = x\ncolour = red\n", "t.ini");
  ASSERT_FALSE(bad_key.ok());
  EXPECT_EQ(bad_key.status().code(), ErrorCode::kConfig);
  EXPECT_NE(bad_key.status().message().find("t.ini:3"), std::string::npos) << bad_key.status().message();
  auto bad_weight = stance::ParseTargets("[a]\naliases = x\nfavor = good:zero\n", "t.ini");
  ASSERT_FALSE(bad_weight.ok());
  EXPECT_NE(bad_weight.status().message().find("t.ini:3"), std::string::npos);
  EXPECT_FALSE(stance::ParseTargets("[Bad Id]\naliases = x\n", "t.ini").ok());
  EXPECT_FALSE(stance::ParseTargets("[a]\naliases = x\n[a]\naliases = y\n", "t.ini").ok());
  EXPECT_FALSE(stance::ParseTargets("[a]\naliases = x\nrivals = nobody\n", "t.ini").ok());
  EXPECT_FALSE(stance::ParseTargets("[a]\nname = only a name\n", "t.ini").ok());
  EXPECT_FALSE(stance::ParseTargets("# nothing\n", "t.ini").ok());
  EXPECT_FALSE(StanceTagger::Create("/nonexistent/targets.ini", false).ok());
}

TEST(StanceText, QuotesPossessivesAndCodePoints) {
  // "é" is one code point: offsets after it are code points, not bytes.
  auto tt = stance::Tokenize("Café: Russia’s “rebels” said \"no way at all, really now\". Next?");
  ASSERT_GE(tt.tokens.size(), 8u);
  EXPECT_EQ(tt.tokens[0].norm, "café");
  EXPECT_EQ(tt.tokens[1].norm, "russia");
  EXPECT_TRUE(tt.tokens[1].possessive);
  EXPECT_EQ(tt.tokens[1].begin, 6u);
  EXPECT_EQ(tt.tokens[2].norm, "rebels");
  EXPECT_EQ(tt.tokens[2].quote_len, 1u);  // scare quotes
  EXPECT_EQ(tt.tokens[3].quote_len, 0u);
  EXPECT_EQ(tt.tokens[4].quote_len, 6u);  // a quotation
  ASSERT_EQ(tt.sentences.size(), 2u);
  EXPECT_TRUE(tt.sentences[1].question);
  EXPECT_EQ(stance::PhraseWords("So-called  Moderate"), (std::vector<std::string>{"so", "called", "moderate"}));
}

// Golden cases. Extra fields: expect_stances "t=LABEL,...", expect_absent
// "t,...", expect_reply "LABEL", parent_text.
std::string Extra(const v1::Document& d, const std::string& key) {
  auto it = d.extra().find(key);
  if (it == d.extra().end()) return "";
  std::string v = it->second;
  if (v.size() >= 2 && v.front() == '"') v = v.substr(1, v.size() - 2);
  return v;
}
std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

// The cases' expect_stances and expect_reply are the rules' contract
// (stance_model and reply_model "none"); the learned models have their own
// tests (learned_test.cc).
StanceOptions RulesOnly(bool debug) {
  StanceOptions o;
  o.stance_model = "none";
  o.reply_model = "none";
  o.debug = debug;
  return o;
}

TEST(StanceGolden, Cases) {
  auto tagger = StanceTagger::Create(RulesOnly(true));
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  std::ifstream in(kSrc + "/tests/data/stance/cases.jsonl");
  ASSERT_TRUE(in);
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto doc = proto::ParseDocumentJson(line);
    ASSERT_TRUE(doc.ok()) << doc.status().ToString();
    SCOPED_TRACE(doc->id());
    ++cases;
    v1::EnrichedDocument out;
    *out.mutable_document() = doc.value();
    v1::EnrichedDocument parent;
    ThreadDoc summary;
    ThreadContext ctx;
    if (std::string pt = Extra(doc.value(), "parent_text"); !pt.empty()) {
      parent.mutable_document()->set_id(doc->parent_id());
      parent.mutable_document()->set_text(pt);
      (*tagger)->Tag({}, &parent);
      summary = ThreadDoc::Of(parent);
      ctx.parent = &summary;
    }
    (*tagger)->Tag(ctx, &out);
    std::map<std::string, const v1::Stance*> got;
    for (const auto& s : out.stances()) got[s.target()] = &s;
    const std::string json = proto::EnrichedToJson(out, {.debug = true});
    for (const auto& kv : SplitComma(Extra(doc.value(), "expect_stances"))) {
      const auto eq = kv.find('=');
      const std::string target = kv.substr(0, eq), label = kv.substr(eq + 1);
      ASSERT_TRUE(got.count(target)) << target << " missing in " << json;
      EXPECT_EQ(v1::StanceLabel_Name(got[target]->label()), label) << target << " in " << json;
      if (label != "NONE") {
        EXPECT_GT(got[target]->evidence_size(), 0);
        EXPECT_GT(got[target]->cues_size(), 0);
      }
      for (const auto& sp : got[target]->evidence()) EXPECT_LE(sp.end(), out.document().text().size());
    }
    for (const auto& target : SplitComma(Extra(doc.value(), "expect_absent")))
      EXPECT_FALSE(got.count(target)) << target << " in " << json;
    if (std::string r = Extra(doc.value(), "expect_reply"); !r.empty()) {
      ASSERT_TRUE(out.has_reply_stance()) << json;
      EXPECT_EQ(v1::ReplyLabel_Name(out.reply_stance().label()), r) << json;
      EXPECT_TRUE(out.reply_stance().reason().empty());
    }
  }
  EXPECT_GE(cases, 10);
}

TEST(StanceReply, MissingParentStillLabelledWithReason) {
  auto tagger = StanceTagger::Create(RulesOnly(false));
  ASSERT_TRUE(tagger.ok());
  v1::EnrichedDocument out;
  out.mutable_document()->set_id("c1");
  out.mutable_document()->set_kind("comment");
  out.mutable_document()->set_parent_id("gone");
  out.mutable_document()->set_text("Utter nonsense and propaganda. The regime's barrel bombs killed them.");
  (*tagger)->Tag({}, &out);
  ASSERT_TRUE(out.has_reply_stance());
  EXPECT_EQ(out.reply_stance().reason(), "parent_missing");
  EXPECT_EQ(out.reply_stance().label(), v1::DENY);
  EXPECT_EQ(out.reply_stance().cues_size(), 0);  // no cues without debug
  ASSERT_GE(out.stances_size(), 1);
  EXPECT_EQ(out.stances(0).cues_size(), 0);
}

TEST(StanceReply, ArticlesGetNoReplyStance) {
  auto tagger = StanceTagger::Create("", false);
  ASSERT_TRUE(tagger.ok());
  v1::EnrichedDocument out;
  out.mutable_document()->set_kind("article");
  out.mutable_document()->set_text("Spot on. What nonsense.");
  (*tagger)->Tag({}, &out);
  EXPECT_FALSE(out.has_reply_stance());
}

TEST(StanceTargets, OperatorFileForAnotherTopic) {
  auto tagger = StanceTagger::Create(kSrc + "/tests/data/stance/targets.energy.ini", true);
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  v1::EnrichedDocument out;
  out.mutable_document()->set_kind("article");
  out.mutable_document()->set_text(
      "Coal plants fill our cities with smog and pollution. Modern reactors are safe, reliable and low-carbon.");
  (*tagger)->Tag({}, &out);
  std::map<std::string, v1::StanceLabel> got;
  for (const auto& s : out.stances()) got[s.target()] = s.label();
  EXPECT_EQ(got["coal"], v1::AGAINST);
  EXPECT_EQ(got["nuclear_power"], v1::FAVOR);
  EXPECT_EQ(out.stances_size(), 2);
}

TEST(StanceEntities, LinkedEntityCountsAsMention) {
  StanceOptions rules;  // the rules' behaviour (no stance model)
  rules.stance_model = "none";
  auto tagger = StanceTagger::Create(rules);
  ASSERT_TRUE(tagger.ok());
  v1::EnrichedDocument out;
  out.mutable_document()->set_kind("article");
  // "the Baathist leader" is no alias; the entity link makes it a mention.
  out.mutable_document()->set_text("Zed the tyrant butchered thousands; the dictator must face a war crimes court.");
  auto* e = out.add_entities();
  e->set_begin(0);
  e->set_end(3);
  e->set_name("Bashar al-Assad");
  (*tagger)->Tag({}, &out);
  ASSERT_EQ(out.stances_size(), 1);
  EXPECT_EQ(out.stances(0).target(), "assad_government");
  EXPECT_EQ(out.stances(0).label(), v1::AGAINST);
}

}  // namespace
}  // namespace tidings::enrich
