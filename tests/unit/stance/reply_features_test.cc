// Tests of the reply model's features (feature set reply-v2): words about a
// claim's truth and their negation, contradiction of the parent, the
// leading @mentions of a tweet left out of the mention count, the depth
// conjunctions; the cue file's checks for the new keys; and the trainer's
// class weighting default and --domain-max-tokens.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "enrich/learn/model.h"
#include "enrich/stance/learned.h"
#include "enrich/stance/stance.h"
#include "enrich/stance/stance_lexicon.h"
#include "enrich/stance/train.h"

namespace tidings::enrich {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<StanceTagger> Rules() {
  StanceOptions o;
  o.reply_model = "none";
  auto t = StanceTagger::Create(o);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return std::move(t).value();
}

// The names of the reply features of `text` replying to `parent_text`
// (which replies to something itself when `parent_is_reply`).
std::vector<std::string> Names(const StanceTagger& tagger, const std::string& text, const std::string& parent_text,
                               bool parent_is_reply = false) {
  v1::EnrichedDocument parent;
  parent.mutable_document()->set_id("p");
  parent.mutable_document()->set_kind(parent_is_reply ? "comment" : "article");
  if (parent_is_reply) parent.mutable_document()->set_parent_id("root");
  parent.mutable_document()->set_text(parent_text);
  tagger.Tag({}, &parent);
  const ThreadDoc summary = ThreadDoc::Of(parent);
  v1::EnrichedDocument out;
  out.mutable_document()->set_id("c");
  out.mutable_document()->set_kind("comment");
  out.mutable_document()->set_parent_id("p");
  out.mutable_document()->set_text(text);
  ThreadContext ctx;
  ctx.parent = &summary;
  tagger.Tag(ctx, &out);
  std::vector<uint64_t> f;
  std::vector<std::string> names;
  tagger.ReplyFeatures(ctx, out, &f, &names);
  EXPECT_EQ(f.size(), names.size());
  return names;
}

bool Has(const std::vector<std::string>& v, const std::string& name) {
  return std::find(v.begin(), v.end(), name) != v.end();
}

std::string Dump(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& n : v) s += n + " ";
  return s;
}

const char kClaim[] = "Police say the gunman is dead after the siege.";

// Reply stance reads the documents' stances as the target file's rules gave
// them (the reply model was trained on those): a label a learned stance
// model gave counts as its rules_label, in the reply and in the parent's
// summary.
TEST(ReplyFeatures, TheStancesReadAreTheRules) {
  auto tagger = Rules();
  v1::EnrichedDocument parent;
  parent.mutable_document()->set_id("p");
  parent.mutable_document()->set_kind("article");
  parent.mutable_document()->set_text("The campaign goes on.");
  auto add = [](v1::EnrichedDocument* d, const char* target, v1::StanceLabel label, v1::StanceLabel rules) {
    auto* s = d->add_stances();
    s->set_target(target);
    s->set_label(label);
    s->set_rules_label(rules);
  };
  add(&parent, "russia", v1::AGAINST, v1::NONE);  // the model's AGAINST, the rules' NONE
  add(&parent, "united_states", v1::AGAINST, v1::STANCE_LABEL_UNSPECIFIED);  // the rules'
  const ThreadDoc summary = ThreadDoc::Of(parent);
  ASSERT_EQ(summary.stances.size(), 2u);
  EXPECT_EQ(summary.stances[0].second, v1::NONE);
  EXPECT_EQ(summary.stances[1].second, v1::AGAINST);
  v1::EnrichedDocument out;
  out.mutable_document()->set_id("c");
  out.mutable_document()->set_kind("comment");
  out.mutable_document()->set_parent_id("p");
  out.mutable_document()->set_text("Agreed, every word.");
  add(&out, "russia", v1::AGAINST, v1::NONE);
  add(&out, "united_states", v1::AGAINST, v1::STANCE_LABEL_UNSPECIFIED);
  ThreadContext ctx;
  ctx.parent = &summary;
  std::vector<uint64_t> f;
  std::vector<std::string> names;
  tagger->ReplyFeatures(ctx, out, &f, &names);
  EXPECT_EQ(std::count(names.begin(), names.end(), "stance:same"), 1) << Dump(names);
  EXPECT_EQ(std::count(names.begin(), names.end(), "stance:mine:AGAINST"), 1) << Dump(names);
  EXPECT_EQ(std::count(names.begin(), names.end(), "stance:parent:AGAINST"), 1) << Dump(names);
}

TEST(ReplyFeatures, TruthWordsAndTheirNegation) {
  auto t = Rules();
  auto n = Names(*t, "This is fake.", kClaim);
  EXPECT_TRUE(Has(n, "lex:doubt:fake")) << Dump(n);
  EXPECT_TRUE(Has(n, "lex:doubt1")) << Dump(n);
  EXPECT_TRUE(Has(n, "lex:doubt_only")) << Dump(n);
  EXPECT_FALSE(Has(n, "lex:affirm1")) << Dump(n);

  // "not true" doubts; "no hoax" affirms.
  n = Names(*t, "That is not true at all.", kClaim);
  EXPECT_TRUE(Has(n, "lex:neg_affirm:true")) << Dump(n);
  EXPECT_TRUE(Has(n, "lex:doubt1")) << Dump(n);
  EXPECT_FALSE(Has(n, "lex:affirm1")) << Dump(n);
  n = Names(*t, "No hoax, it happened.", kClaim);
  EXPECT_TRUE(Has(n, "lex:neg_doubt:hoax")) << Dump(n);
  EXPECT_TRUE(Has(n, "lex:affirm_only")) << Dump(n);

  // A negator in the previous sentence does not flip.
  n = Names(*t, "No. Confirmed by the police.", kClaim);
  EXPECT_TRUE(Has(n, "lex:affirm:confirmed")) << Dump(n);
  EXPECT_FALSE(Has(n, "lex:neg_affirm:confirmed")) << Dump(n);

  // Both kinds: neither "_only" feature.
  n = Names(*t, "Confirmed? Looks fake to me.", kClaim);
  EXPECT_TRUE(Has(n, "lex:doubt1") && Has(n, "lex:affirm1")) << Dump(n);
  EXPECT_FALSE(Has(n, "lex:doubt_only") || Has(n, "lex:affirm_only")) << Dump(n);
}

TEST(ReplyFeatures, NegatingTheParentsWords) {
  auto t = Rules();
  auto n = Names(*t, "The gunman is not dead, he was arrested.", kClaim);
  EXPECT_TRUE(Has(n, "parent:negates_parent")) << Dump(n);
  // Negation elsewhere, or the parent's words without a negator: no.
  n = Names(*t, "The gunman is dead, I never liked sieges.", kClaim);
  EXPECT_FALSE(Has(n, "parent:negates_parent")) << Dump(n);
  n = Names(*t, "The gunman is dead.", kClaim);
  EXPECT_FALSE(Has(n, "parent:negates_parent")) << Dump(n);
  // Short words (under four letters) are not content words.
  n = Names(*t, "It is not the end.", "The end of the siege.");
  EXPECT_FALSE(Has(n, "parent:negates_parent")) << Dump(n);
}

TEST(ReplyFeatures, LeadingMentionsAreAddressingNotMentions) {
  auto t = Rules();
  auto n = Names(*t, "@bbc @police Is this confirmed?", kClaim);
  EXPECT_TRUE(Has(n, "shape:mentions0")) << Dump(n);
  n = Names(*t, "@bbc ask @police about it", kClaim);
  EXPECT_TRUE(Has(n, "shape:mentions1")) << Dump(n);
  n = Names(*t, "Ask @police and @mayor about it", kClaim);
  EXPECT_TRUE(Has(n, "shape:mentions2")) << Dump(n);
}

TEST(ReplyFeatures, DepthConjunctions) {
  auto t = Rules();
  auto n = Names(*t, "This is fake.", kClaim);
  EXPECT_TRUE(Has(n, "parent:depth1")) << Dump(n);
  EXPECT_TRUE(Has(n, "parent:depth1_doubt")) << Dump(n);
  n = Names(*t, "This is fake.", "I heard the gunman is dead.", /*parent_is_reply=*/true);
  EXPECT_TRUE(Has(n, "parent:depth2+")) << Dump(n);
  EXPECT_TRUE(Has(n, "parent:depth2+_doubt")) << Dump(n);
  bool rule_pair = false;
  for (const auto& s : n) rule_pair |= s.rfind("parent:depth2+_rule:", 0) == 0;
  EXPECT_TRUE(rule_pair) << Dump(n);
}

TEST(ReplyFeatures, TruthWordListsTakeSingleWords) {
  auto ok = stance::ParseCues("[reply]\ndoubt = fake | hoax\naffirm = confirmed\n", "cues.ini");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->doubt.size(), 2u);
  EXPECT_EQ(ok->affirm.size(), 1u);
  auto bad = stance::ParseCues("[reply]\ndoubt = fake | made up\n", "cues.ini");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("cues.ini:2"), std::string::npos) << bad.status().message();
  EXPECT_NE(bad.status().message().find("made up"), std::string::npos) << bad.status().message();
  EXPECT_FALSE(stance::ParseCues("[reply]\naffirm = confirm*\n", "cues.ini").ok());
  // The built-in lists parse.
  auto def = stance::ParseCues(stance::DefaultCuesText(), "cues.ini");
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  EXPECT_FALSE(def->doubt.empty());
  EXPECT_FALSE(def->affirm.empty());
}

TEST(ReplyFeatures, TrainerDefaultsAndDomainOption) {
  const stance::ReplyTrainOptions defaults;
  EXPECT_FLOAT_EQ(defaults.class_weight_power, 0.5f);
  EXPECT_EQ(defaults.domain_max_tokens, 0u);

  const std::string dir = (fs::temp_directory_path() / ("tidings-reply-features-" + std::to_string(::getpid()))).string();
  fs::create_directories(dir);
  {
    std::ofstream out(dir + "/t.jsonl");
    for (int i = 0; i < 12; ++i) {
      const std::string t = "t" + std::to_string(i);
      out << "{\"id\": \"" << t << "\", \"kind\": \"article\", \"thread_id\": \"" << t
          << "\", \"text\": \"The bridge collapsed.\"}\n";
      out << "{\"id\": \"" << t << "a\", \"kind\": \"comment\", \"thread_id\": \"" << t << "\", \"parent_id\": \""
          << t << "\", \"text\": \"Fake, a hoax, it never happened at all, nothing fell, nothing.\", "
          << "\"gold\": {\"reply_stance\": \"DENY\"}}\n";
      out << "{\"id\": \"" << t << "b\", \"kind\": \"comment\", \"thread_id\": \"" << t << "\", \"parent_id\": \""
          << t << "\", \"text\": \"Nice weather.\", \"gold\": {\"reply_stance\": \"COMMENT\"}}\n";
    }
  }
  for (size_t given : {size_t{0}, size_t{7}}) {
    stance::ReplyTrainOptions o;
    o.examples = dir + "/t.jsonl";
    o.output = dir + "/m" + std::to_string(given);
    o.bits = 12;
    o.domain_max_tokens = given;
    o.version = "test";
    std::FILE* log = std::tmpfile();
    Status st = stance::TrainReply(o, log);
    std::fclose(log);
    ASSERT_TRUE(st.ok()) << st.ToString();
    auto m = learn::LinearModel::Load(o.output + "/model.bin");
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    // Automatic: 1.5 x the 99th percentile of the replies' length + 1 (11 words -> 17).
    EXPECT_EQ(m->manifest().at("domain_max_tokens"), given ? "7" : "17");
    EXPECT_EQ(m->manifest().at("class_weight_power"), "0.500000");
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tidings::enrich
