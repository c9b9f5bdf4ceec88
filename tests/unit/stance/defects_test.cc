// Regression tests of the four defects of issue 10: each fails without its fix.
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "enrich/stance/stance.h"
#include "enrich/stance/stance_lexicon.h"
#include "tests/unit/stance/reply_util.h"

namespace tidings::enrich {
namespace {

const std::string kSrc = TIDINGS_SOURCE_DIR;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The reply label of the cue rules for `text` replying to `parent_text`.
v1::ReplyLabel RuleReply(const std::string& text, const std::string& parent_text) {
  StanceOptions so;
  so.reply_model = "none";
  auto tagger = StanceTagger::Create(so);
  EXPECT_TRUE(tagger.ok()) << tagger.status().ToString();
  const v1::EnrichedDocument out = testing::TagReply(**tagger, text, parent_text);
  EXPECT_TRUE(out.has_reply_stance());
  return out.reply_stance().label();
}

// (a) "no," and "really?" keep their punctuation when cues.ini is read.
TEST(StanceDefects, PunctuatedDenyCuesNeedTheirPunctuation) {
  auto cues = stance::ParseCues(stance::DefaultCuesText(), "cues.ini");
  ASSERT_TRUE(cues.ok()) << cues.status().ToString();
  bool no_comma = false, really_q = false;
  for (const auto& p : cues->deny) {
    if (p.words == std::vector<std::string>{"no"}) no_comma = p.follow == ',';
    if (p.words == std::vector<std::string>{"really"}) really_q = p.follow == '?';
  }
  EXPECT_TRUE(no_comma);
  EXPECT_TRUE(really_q);
  const std::string parent = "The ceasefire will hold this time, officials say.";
  EXPECT_NE(RuleReply("There is no doubt about it.", parent), v1::DENY);
  EXPECT_EQ(RuleReply("No, that is simply wrong and you know it.", parent), v1::DENY);
}

// (b) Support cues inside a question do not agree: "Is this true?".
TEST(StanceDefects, SupportCuesInsideQuestionsDoNotCount) {
  const std::string parent = "The ceasefire will hold this time, officials say.";
  EXPECT_NE(RuleReply("Is this true?", parent), v1::SUPPORT);
  EXPECT_EQ(RuleReply("Spot on. So true.", parent), v1::SUPPORT);
}

// (c) The example target file of enrich/stance/README.md loads as shown.
TEST(StanceDefects, ReadmeExampleTargetFileLoads) {
  const std::string readme = Slurp(kSrc + "/enrich/stance/README.md");
  const size_t sec = readme.find("## Writing a target file");
  ASSERT_NE(sec, std::string::npos);
  const size_t b = readme.find("```ini\n", sec);
  ASSERT_NE(b, std::string::npos);
  const size_t e = readme.find("```", b + 7);
  ASSERT_NE(e, std::string::npos);
  const std::string example = readme.substr(b + 7, e - b - 7);
  ASSERT_NE(example.find(" # "), std::string::npos) << "the example shows inline comments";
  auto t = stance::ParseTargets(example, "README example");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_GE(t->size(), 1u);
  EXPECT_EQ((*t)[0].id, "nuclear_power");
  EXPECT_EQ((*t)[0].name, "Nuclear power");
  ASSERT_EQ((*t)[0].entities.size(), 2u);
  EXPECT_EQ((*t)[0].entities[1], "international atomic energy agency");
  // A hashtag is a value, not a comment.
  auto h = stance::ParseTargets("[x]\naliases = #SemST | x # comment\n", "h.ini");
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(h->at(0).aliases.size(), 2u);
}

// (d) targets.default.ini says what the code does: framing cues are no
// mention; a text with only a framing cue gets no record for that target.
TEST(StanceDefects, DefaultTargetsFileAgreesOnFramingCues) {
  const std::string ini(stance::DefaultTargetsText());
  EXPECT_EQ(ini.find("also count as a mention"), std::string::npos);
  EXPECT_NE(ini.find("Framing cues count only in sentences that mention the target"), std::string::npos);
  StanceOptions rules;  // the rules' behaviour (no stance model)
  rules.stance_model = "none";
  auto tagger = StanceTagger::Create(rules);
  ASSERT_TRUE(tagger.ok());
  v1::EnrichedDocument out;
  out.mutable_document()->set_kind("article");
  out.mutable_document()->set_text("Barrel bombs and sarin are war crimes.");  // assad_government cues only
  (*tagger)->Tag({}, &out);
  for (const auto& s : out.stances()) EXPECT_NE(s.target(), "assad_government");
}

}  // namespace
}  // namespace tidings::enrich
