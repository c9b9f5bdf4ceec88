// Tests of the learned stance and reply models: the trainers separate tiny
// synthetic data whose signal is known, model directories load and are
// checked, bad input is a one-line error naming file:line with nothing
// written, and --debug explains decisions by their features.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/sha256.h"
#include "enrich/learn/model.h"
#include "enrich/names/tagger.h"
#include "enrich/stance/learned.h"
#include "enrich/stance/stance.h"
#include "enrich/stance/stance_lexicon.h"
#include "enrich/stance/train.h"
#include "tests/unit/stance/reply_util.h"

namespace tidings::enrich {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "tidings-stance-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void Write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string Read(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string Json(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Threads whose replies carry the label in the features the model sees (cue
// lexicon hits, first words, question forms): SUPPORT agrees,
// DENY calls it false, QUERY asks for a source, COMMENT talks of the weather.
std::string SyntheticThreads(int n) {
  const char* fill[] = {"today", "again", "folks", "here", "now", "really", "guys", "though"};
  std::string out;
  for (int i = 0; i < n; ++i) {
    const std::string t = "t" + std::to_string(i);
    out += "{\"id\": " + Json(t) + ", \"kind\": \"article\", \"thread_id\": " + Json(t) +
           ", \"text\": \"The bridge in the old town collapsed this morning.\"}\n";
    const std::string f = fill[i % 8];
    const std::pair<const char*, std::string> replies[] = {
        {"SUPPORT", "Confirmed, I agree, saw it myself " + f + "."},
        {"DENY", "Fake story, total hoax, it never happened " + f + "."},
        {"QUERY", "Any source for this " + f + "? Who reported it?"},
        {"COMMENT", "Lovely sunny weather for a walk " + f + "."},
    };
    int k = 0;
    for (const auto& [label, text] : replies) {
      out += "{\"id\": " + Json(t + "-" + std::to_string(k++)) + ", \"kind\": \"comment\", \"thread_id\": " +
             Json(t) + ", \"parent_id\": " + Json(t) + ", \"text\": " + Json(text) +
             ", \"event\": \"e" + std::to_string(i % 3) + "\", \"gold\": {\"reply_stance\": \"" + label + "\"}}\n";
    }
  }
  return out;
}

v1::EnrichedDocument TagReply(const StanceTagger& tagger, const std::string& text) {
  return testing::TagReply(tagger, text, "The bridge in the old town collapsed this morning.");
}

StanceOptions Opts(const std::string& stance_model, const std::string& reply_model, bool debug) {
  StanceOptions o;
  o.stance_model = stance_model;
  o.reply_model = reply_model;
  o.debug = debug;
  return o;
}

// Options to train a reply model on 24 synthetic threads written to
// d/threads.jsonl, into d/<output>.
stance::ReplyTrainOptions SyntheticReplyOptions(const TempDir& d, const std::string& output) {
  Write(d / "threads.jsonl", SyntheticThreads(24));
  stance::ReplyTrainOptions o;
  o.examples = d / "threads.jsonl";
  o.output = d / output;
  o.bits = 14;
  o.epochs = 10;
  o.version = "test";
  return o;
}

TEST(StanceLearned, ReplyTrainerSeparatesSyntheticData) {
  TempDir d;
  stance::ReplyTrainOptions o = SyntheticReplyOptions(d, "model");
  o.leave_out = "event";
  std::FILE* log = std::tmpfile();
  Status st = stance::TrainReply(o, log);
  ASSERT_TRUE(st.ok()) << st.ToString();
  // The log reports cross-validated scores.
  std::rewind(log);
  char buf[4096];
  const size_t n = std::fread(buf, 1, sizeof buf - 1, log);
  buf[n] = 0;
  std::fclose(log);
  EXPECT_NE(std::string(buf).find("cross-validated model"), std::string::npos) << buf;
  ASSERT_TRUE(fs::exists(d / "model/model.bin"));
  ASSERT_TRUE(fs::exists(d / "model/manifest.json"));
  auto m = learn::LinearModel::Load(d / "model/model.bin");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->manifest().at("kind"), "reply");
  EXPECT_EQ(m->manifest().at("training_data_sha256").size(), 64u);
  EXPECT_EQ(m->manifest().at("feature_set"), std::string(stance::kReplyFeatureSet));

  auto tagger = StanceTagger::Create(Opts("", d / "model", true));
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  EXPECT_EQ(TagReply(**tagger, "I agree, confirmed.").reply_stance().label(), v1::SUPPORT);
  EXPECT_EQ(TagReply(**tagger, "Fake, a hoax, it never happened.").reply_stance().label(), v1::DENY);
  EXPECT_EQ(TagReply(**tagger, "Any source at all? Who reported it?").reply_stance().label(), v1::QUERY);
  const v1::EnrichedDocument c = TagReply(**tagger, "Sunny weather, lovely walk.");
  EXPECT_EQ(c.reply_stance().label(), v1::COMMENT);
  // --debug: the model's verdict and the features that weighed most.
  ASSERT_GE(c.reply_stance().cues_size(), 2);
  bool model_line = false, feature = false;
  for (const auto& cue : c.reply_stance().cues()) {
    model_line |= cue.rfind("model COMMENT", 0) == 0;
    feature |= cue.find("(+") != std::string::npos;
  }
  EXPECT_TRUE(model_line);
  EXPECT_TRUE(feature);
  EXPECT_GT(c.reply_stance().score(), 0.25f);
  EXPECT_LE(c.reply_stance().score(), 1.0f);
}

// A COMMENT bias (train reply --comment-bias) is added to COMMENT's score
// before the label is chosen, says so in the model's feature set, and is
// chosen on held-out scores when not given (0 for data the model separates).
TEST(StanceLearned, ReplyModelsCommentBiasTipsCloseCallsToComment) {
  TempDir d;
  stance::ReplyTrainOptions o = SyntheticReplyOptions(d, "biased");
  o.comment_bias = 1000;  // more than any score: every reply comments
  std::FILE* log = std::tmpfile();
  ASSERT_TRUE(stance::TrainReply(o, log).ok());
  std::fclose(log);
  auto m = learn::LinearModel::Load(d / "biased/model.bin");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->manifest().at("feature_set"), std::string(stance::kReplyBiasFeatureSet));
  EXPECT_EQ(m->manifest().at("comment_bias"), "1000");
  auto tagger = StanceTagger::Create(Opts("", d / "biased", true));
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  const v1::EnrichedDocument q = TagReply(**tagger, "Any source at all? Who reported it?");
  EXPECT_EQ(q.reply_stance().label(), v1::COMMENT);
  bool said = false;
  for (const auto& cue : q.reply_stance().cues()) said |= cue.find("(COMMENT +1000)") != std::string::npos;
  EXPECT_TRUE(said);
  // Chosen on leave-one-event-out scores of separable data: none.
  o.output = d / "chosen";
  o.comment_bias = -1;
  o.leave_out = "event";
  log = std::tmpfile();
  ASSERT_TRUE(stance::TrainReply(o, log).ok());
  std::fclose(log);
  auto c = learn::LinearModel::Load(d / "chosen/model.bin");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->manifest().count("comment_bias"), 0u);
  EXPECT_EQ(c->manifest().at("feature_set"), std::string(stance::kReplyFeatureSet));
}

const char kPetTargets[] =
    "[cats]                 # a target the texts below never name\n"
    "aliases = cats | cat\n"
    "\n"
    "[dogs]\n"
    "aliases = dogs | dog\n";

std::string SyntheticStance(int n) {
  const char* fill[] = {"today", "again", "folks", "here", "now", "honestly", "always", "though"};
  std::string out;
  for (int i = 0; i < n; ++i) {
    const std::string f = fill[i % 8];
    const std::pair<std::string, std::string> docs[] = {
        {"Purring fluffy friends on my lap " + f + " #whiskers", "{\"cats\": \"FAVOR\"}"},
        {"Hairballs and litter boxes everywhere " + f + " #allergy", "{\"cats\": \"AGAINST\"}"},
        {"The train was late " + f, "{\"cats\": \"NONE\", \"dogs\": \"NONE\"}"},
        {"Fetch in the park and a wagging tail " + f, "{\"dogs\": \"FAVOR\"}"},
        {"Barking all night and muddy paws " + f, "{\"dogs\": \"AGAINST\"}"},
    };
    int k = 0;
    for (const auto& [text, gold] : docs)
      out += "{\"id\": \"d" + std::to_string(i) + "-" + std::to_string(k++) + "\", \"kind\": \"article\", \"text\": " +
             Json(text) + ", \"gold\": {\"stances\": " + gold + "}}\n";
  }
  return out;
}

TEST(StanceLearned, StanceTrainerLearnsImplicitStance) {
  TempDir d;
  Write(d / "targets.ini", kPetTargets);
  Write(d / "train.jsonl", SyntheticStance(20));
  stance::StanceTrainOptions o;
  o.targets = d / "targets.ini";
  o.examples = d / "train.jsonl";
  o.output = d / "model";
  o.bits = 16;
  o.folds = 3;
  o.version = "test";
  // The averaged perceptron (the default is the logistic learner, tested
  // below): it weighs the one sentence that favours the target above the
  // sentence like the neutral examples.
  o.learner = "perceptron";
  o.class_weight_power = 0.5f;
  std::FILE* log = std::tmpfile();
  Status st = stance::TrainStance(o, log);
  std::fclose(log);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_TRUE(fs::exists(d / "model/targets.ini"));
  auto tagger = StanceTagger::Create(Opts(d / "model", "none", true));
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  v1::EnrichedDocument out;
  out.mutable_document()->set_kind("article");
  out.mutable_document()->set_text("Nothing beats a purring fluffy friend. The bus was late.");
  (*tagger)->Tag({}, &out);
  std::map<std::string, const v1::Stance*> got;
  for (const auto& s : out.stances()) got[s.target()] = &s;
  ASSERT_TRUE(got.count("cats"));  // never named, still FAVOR
  EXPECT_EQ(got["cats"]->label(), v1::FAVOR);
  EXPECT_GT(got["cats"]->score(), 0.34f);
  ASSERT_EQ(got["cats"]->evidence_size(), 1);  // the sentence that weighed most
  EXPECT_EQ(got["cats"]->evidence(0).begin(), 0u);
  ASSERT_GE(got["cats"]->cues_size(), 2);
  EXPECT_EQ(got["cats"]->cues(0).rfind("model FAVOR", 0), 0u);
}

TEST(StanceLearned, DefaultLogisticLearnerLearnsImplicitStance) {
  TempDir d;
  Write(d / "targets.ini", kPetTargets);
  Write(d / "train.jsonl", SyntheticStance(20));
  stance::StanceTrainOptions o;  // logistic, L2 0.02, balanced class weights
  EXPECT_EQ(o.learner, "logistic");
  o.targets = d / "targets.ini";
  o.examples = d / "train.jsonl";
  o.output = d / "model";
  o.bits = 16;
  o.version = "test";
  std::FILE* log = std::tmpfile();
  ASSERT_TRUE(stance::TrainStance(o, log).ok());
  std::fclose(log);
  // A learner the core does not have is a clear error.
  stance::StanceTrainOptions bad = o;
  bad.learner = "forest";
  bad.output = d / "bad";
  log = std::tmpfile();
  Status st = stance::TrainStance(bad, log);
  std::fclose(log);
  EXPECT_NE(st.message().find("unknown learner 'forest' (want perceptron, logistic or hinge)"), std::string::npos)
      << st.ToString();
  EXPECT_FALSE(fs::exists(d / "bad"));
  const std::string manifest = Read(d / "model/manifest.json");
  EXPECT_NE(manifest.find("logistic loss"), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("\"l2\": \"0.02\""), std::string::npos) << manifest;
  auto tagger = StanceTagger::Create(Opts(d / "model", "none", false));
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  // Texts that never name a target, each like one kind of example.
  auto cats = [&](const std::string& text) {
    v1::EnrichedDocument out;
    out.mutable_document()->set_kind("article");
    out.mutable_document()->set_text(text);
    (*tagger)->Tag({}, &out);
    for (const auto& s : out.stances())
      if (s.target() == "cats") return s.label();
    return v1::NONE;
  };
  EXPECT_EQ(cats("Nothing beats a purring fluffy friend on my lap."), v1::FAVOR);
  EXPECT_EQ(cats("So many hairballs in the litter boxes."), v1::AGAINST);
  EXPECT_EQ(cats("The train was late again."), v1::NONE);
}

// A word no training text had weighs as the words it clusters with: in the
// built-in word clusters "cats" is with "dogs" and "trains" with "buses"
// (GloVe's neighbours), so a model trained on dogs and buses tells the
// other two apart with its clusters, and cannot without them.
TEST(StanceLearned, WordClustersCarryAWordNoTrainingTextHad) {
  auto clusters = names::NameModel::BuiltInClusters();
  if (!clusters.ok()) GTEST_SKIP() << "this build has no built-in word clusters";
  const uint16_t* dogs = (*clusters)->Find("dogs");
  const uint16_t* cats = (*clusters)->Find("cats");
  const uint16_t* buses = (*clusters)->Find("buses");
  const uint16_t* trains = (*clusters)->Find("trains");
  ASSERT_TRUE(dogs && cats && buses && trains);
  ASSERT_EQ(dogs[0], cats[0]);
  ASSERT_EQ(buses[0], trains[0]);
  ASSERT_NE(dogs[0], buses[0]);
  TempDir d;
  Write(d / "targets.ini", "[walks]\naliases = walks\n");
  const char* fill[] = {"today", "again", "here", "now", "honestly", "always"};
  std::string train;
  for (int i = 0; i < 24; ++i) {
    const std::string f = fill[i % 6], id = std::to_string(i);
    train += "{\"id\": \"f" + id + "\", \"kind\": \"article\", \"text\": \"We saw the dogs " + f +
             ".\", \"gold\": {\"stances\": {\"walks\": \"FAVOR\"}}}\n";
    train += "{\"id\": \"a" + id + "\", \"kind\": \"article\", \"text\": \"We saw the buses " + f +
             ".\", \"gold\": {\"stances\": {\"walks\": \"AGAINST\"}}}\n";
  }
  Write(d / "train.jsonl", train);
  auto label_of = [&](const std::string& model, const std::string& text) {
    auto tagger = StanceTagger::Create(Opts(model, "none", false));
    EXPECT_TRUE(tagger.ok()) << tagger.status().ToString();
    if (!tagger.ok()) return v1::STANCE_LABEL_UNSPECIFIED;
    v1::EnrichedDocument out;
    out.mutable_document()->set_kind("article");
    out.mutable_document()->set_text(text);
    (*tagger)->Tag({}, &out);
    for (const auto& s : out.stances())
      if (s.target() == "walks") return s.label();
    return v1::NONE;
  };
  for (bool with : {true, false}) {
    stance::StanceTrainOptions o;
    o.targets = d / "targets.ini";
    o.examples = d / "train.jsonl";
    o.output = d / (with ? "with" : "without");
    o.bits = 16;
    o.version = "test";
    o.word_clusters = with;
    std::FILE* log = std::tmpfile();
    Status st = stance::TrainStance(o, log);
    std::fclose(log);
    ASSERT_TRUE(st.ok()) << st.ToString();
    const std::string manifest = Read(o.output + "/manifest.json");
    EXPECT_EQ(manifest.find("clusters_checksum") != std::string::npos, with) << manifest;
    const v1::StanceLabel c = label_of(o.output, "We saw the cats now.");
    const v1::StanceLabel t = label_of(o.output, "We saw the trains now.");
    if (with) {
      EXPECT_EQ(c, v1::FAVOR);
      EXPECT_EQ(t, v1::AGAINST);
    } else {
      EXPECT_EQ(c, t);  // the same features but for a word no weight knows
    }
  }
  // A model whose clusters are not this build's fails to load, saying so.
  auto m = learn::LinearModel::Load(d / "with/model.bin");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  m->mutable_manifest()["clusters_checksum"] = "0123456789abcdef";
  fs::create_directories(d / "other");
  ASSERT_TRUE(m->Save(d / "other/model.bin").ok());
  fs::copy_file(d / "with/targets.ini", d / "other/targets.ini");
  auto other = StanceTagger::Create(Opts(d / "other", "none", false));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), ErrorCode::kConfig);
  EXPECT_NE(other.status().message().find("word clusters of checksum 0123456789abcdef"), std::string::npos)
      << other.status().message();
}

// Cat and dog texts again, with framing cues the rules read.
const char kPetTargetsWithCues[] =
    "[cats]\n"
    "aliases = cats | cat\n"
    "favor = adorable:2\n"
    "against = vermin:2\n"
    "\n"
    "[dogs]\n"
    "aliases = dogs | dog\n";

// A model trained "rules first" (train stance --rules-first P) answers after
// the target file's rules: their FAVOR or AGAINST stands; where they say
// NONE of a text that names the target, the model's label; where the text
// never names it, the model's FAVOR or AGAINST only at probability P or more.
TEST(StanceLearned, ARulesFirstModelKeepsTheRulesVerdictsAndDecidesTheRest) {
  TempDir d;
  Write(d / "targets.ini", kPetTargetsWithCues);
  Write(d / "train.jsonl", SyntheticStance(20));
  auto train = [&](float rules_first, const std::string& out, bool char_grams = true, bool word_clusters = true) {
    stance::StanceTrainOptions o;
    o.targets = d / "targets.ini";
    o.examples = d / "train.jsonl";
    o.output = out;
    o.bits = 16;
    o.folds = 3;
    o.rules_first = rules_first;
    o.char_grams = char_grams;
    o.word_clusters = word_clusters;
    o.version = "test";
    std::FILE* log = std::tmpfile();
    Status st = stance::TrainStance(o, log);
    std::rewind(log);
    char buf[8192];
    const size_t n = std::fread(buf, 1, sizeof buf - 1, log);
    buf[n] = 0;
    std::fclose(log);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return std::string(buf);
  };
  const std::string log = train(0.5f, d / "low", /*char_grams=*/false, /*word_clusters=*/false);
  // Cross-validation scores the rules alone and the model after them too.
  EXPECT_NE(log.find("rules alone"), std::string::npos) << log;
  EXPECT_NE(log.find("cross-validated, rules first"), std::string::npos) << log;
  // The settings are in the manifest, under a feature set a tidings built
  // before them refuses.
  const std::string manifest = Read(d / "low/manifest.json");
  EXPECT_NE(manifest.find("\"rules_first\": \"0.5\""), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("\"char_grams\": \"0\""), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("\"feature_set\": \"stance-v2\""), std::string::npos) << manifest;
  EXPECT_EQ(manifest.find("clusters_checksum"), std::string::npos) << manifest;
  // With word clusters (the default) the manifest names them.
  train(0.5f, d / "clustered", /*char_grams=*/false);
  EXPECT_NE(Read(d / "clustered/manifest.json").find("clusters_checksum"), std::string::npos);
  train(1.0f, d / "high");  // never for a text that does not name the target
  // Rules first needs held-out scores to calibrate its probability.
  stance::StanceTrainOptions bare;
  bare.targets = d / "targets.ini";
  bare.examples = d / "train.jsonl";
  bare.output = d / "bare";
  bare.rules_first = 0.5f;
  std::FILE* null_log = std::tmpfile();
  Status st = stance::TrainStance(bare, null_log);
  std::fclose(null_log);
  EXPECT_NE(st.message().find("--rules-first needs --folds"), std::string::npos) << st.ToString();
  EXPECT_FALSE(fs::exists(d / "bare"));

  auto cats = [&](const std::string& model, const std::string& text) {
    auto tagger = StanceTagger::Create(Opts(model, "none", true));
    EXPECT_TRUE(tagger.ok()) << tagger.status().ToString();
    v1::EnrichedDocument out;
    out.mutable_document()->set_kind("article");
    out.mutable_document()->set_text(text);
    (*tagger)->Tag({}, &out);
    for (const auto& s : out.stances())
      if (s.target() == "cats") return std::make_pair(s.label(), s.cues_size() > 0 ? s.cues(0) : std::string());
    return std::make_pair(v1::NONE, std::string("no record"));
  };
  // The rules' verdict stands, with the rules' explanation.
  auto v = cats(d / "low", "Cats are vermin. Purring fluffy friends on my lap.");
  EXPECT_EQ(v.first, v1::AGAINST);
  EXPECT_EQ(v.second.rfind("z=", 0), 0u) << v.second;
  // Named, no cue: the model's label, and it says the rules had none.
  v = cats(d / "low", "My cat: purring fluffy friends on my lap.");
  EXPECT_EQ(v.first, v1::FAVOR);
  EXPECT_EQ(v.second.rfind("model FAVOR", 0), 0u) << v.second;
  EXPECT_NE(v.second.find("(rules NONE)"), std::string::npos) << v.second;
  // Never named: FAVOR at the low threshold, nothing at the high one.
  EXPECT_EQ(cats(d / "low", "Nothing beats a purring fluffy friend on my lap.").first, v1::FAVOR);
  v = cats(d / "high", "Nothing beats a purring fluffy friend on my lap.");
  EXPECT_EQ(v.first, v1::NONE);
  EXPECT_EQ(v.second, "no record");
  // The high model still decides a named target the rules leave open.
  EXPECT_EQ(cats(d / "high", "My cat: purring fluffy friends on my lap.").first, v1::FAVOR);
}

TEST(StanceLearned, CorruptOrWrongModelDirIsAClearError) {
  TempDir d;
  fs::create_directories(d / "bad");
  Write(d / "bad/model.bin", "TIDLRN\r\nnot a model at all");
  Write(d / "bad/targets.ini", kPetTargets);
  auto r = StanceTagger::Create(Opts("", d / "bad", false));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kConfig);
  EXPECT_NE(r.status().message().find(d / "bad/model.bin"), std::string::npos) << r.status().message();
  auto s = StanceTagger::Create(Opts(d / "bad", "none", false));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), ErrorCode::kConfig);
  auto missing = StanceTagger::Create(Opts(d / "nothing-here", "none", false));
  ASSERT_FALSE(missing.ok());
  // A reply model is no stance model.
  Write(d / "threads.jsonl", SyntheticThreads(3));
  stance::ReplyTrainOptions o;
  o.examples = d / "threads.jsonl";
  o.output = d / "reply";
  o.bits = 12;
  std::FILE* log = std::tmpfile();
  ASSERT_TRUE(stance::TrainReply(o, log).ok());
  std::fclose(log);
  Write(d / "reply/targets.ini", kPetTargets);
  auto wrong = StanceTagger::Create(Opts(d / "reply", "none", false));
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("is not a stance model"), std::string::npos) << wrong.status().message();
}

// Each bad input: kConfig, one line, naming file:line where there is one, no model left.
TEST(StanceLearned, BadTrainingInputIsOneLineErrorAndWritesNothing) {
  TempDir d;
  Write(d / "targets.ini", kPetTargets);
  struct Case {
    const char* name;
    bool stance;
    std::string jsonl;
    std::string want;
  };
  const std::string good_article = "{\"id\": \"a\", \"kind\": \"article\", \"text\": \"x\"}\n";
  const std::vector<Case> cases = {
      {"invalid json", false, good_article + "{\"id\": \"b\", \"text\": \n", "bad.jsonl:2: invalid JSON"},
      {"bad reply label", false,
       good_article + "{\"id\": \"b\", \"kind\": \"comment\", \"parent_id\": \"a\", \"text\": \"y\", "
                      "\"gold\": {\"reply_stance\": \"AGREE\"}}\n",
       "bad.jsonl:2: bad reply_stance label 'AGREE'"},
      {"no replies", false, good_article, "no examples"},
      {"unknown target", true, "{\"id\": \"a\", \"text\": \"x\", \"gold\": {\"stances\": {\"birds\": \"FAVOR\"}}}\n",
       "bad.jsonl:1: unknown target 'birds'"},
      {"bad stance label", true, "{\"id\": \"a\", \"text\": \"x\", \"gold\": {\"stances\": {\"cats\": \"PRO\"}}}\n",
       "bad.jsonl:1: bad stance label 'PRO'"},
      {"target without examples", true,
       "{\"id\": \"a\", \"text\": \"x\", \"gold\": {\"stances\": {\"cats\": \"FAVOR\"}}}\n",
       "target 'dogs' has no labelled examples"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Write(d / "bad.jsonl", c.jsonl);
    std::FILE* log = std::tmpfile();
    Status st;
    if (c.stance) {
      stance::StanceTrainOptions o;
      o.targets = d / "targets.ini";
      o.examples = d / "bad.jsonl";
      o.output = d / "out";
      o.bits = 12;
      st = stance::TrainStance(o, log);
    } else {
      stance::ReplyTrainOptions o;
      o.examples = d / "bad.jsonl";
      o.output = d / "out";
      o.bits = 12;
      st = stance::TrainReply(o, log);
    }
    std::fclose(log);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.code(), ErrorCode::kConfig);
    EXPECT_NE(st.message().find(c.want), std::string::npos) << st.message();
    EXPECT_EQ(st.message().find('\n'), std::string::npos) << st.message();
    EXPECT_FALSE(fs::exists(d / "out")) << "a partial model was left behind";
  }
}

// The default targets get the built-in stance model, trained rules first on
// the targets as they are now; "none" gives the rules alone; an operator's
// target file (even a copy of the default one) the rules too.
TEST(StanceLearned, BuiltInStanceModelServesTheDefaultTargetsAfterTheirRules) {
  auto m = stance::BuiltInStanceModel();
  if (!m.ok() && m.status().code() == ErrorCode::kNotFound) GTEST_SKIP() << "build without a stance model";
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->manifest().at("kind"), "stance");
  EXPECT_GT(std::stof(m->manifest().at("rules_first")), 0.0f);
  // Trained on today's default targets (their cues are features): retrain
  // after editing them (enrich/stance/tools/train_shipped_stance_model.sh).
  EXPECT_EQ(m->manifest().at("targets_sha256"), base::Sha256Hex(stance::DefaultTargetsText()));
  // Texts on which the rules give some target NONE or nothing and the model
  // may speak; the rules' verdict on the first stands.
  const std::vector<std::string> texts = {
      "The regime's barrel bombs fell on Aleppo again. Assad, the butcher of Damascus, will answer for this.",
      "They shelled the hospital again while the world watched. Shame on Moscow.",
      "The SAA finally cleared the city and the families are going home.",
      "Another week, another Pentagon press briefing about the coalition's strikes near Raqqa.",
  };
  auto tag = [&](const StanceOptions& o, const std::string& text) {
    auto tagger = StanceTagger::Create(o);
    EXPECT_TRUE(tagger.ok()) << tagger.status().ToString();
    v1::EnrichedDocument out;
    out.mutable_document()->set_kind("article");
    out.mutable_document()->set_text(text);
    (*tagger)->Tag({}, &out);
    return out;
  };
  TempDir d;
  Write(d / "targets.ini", std::string(stance::DefaultTargetsText()));
  StanceOptions operator_file = Opts("", "none", true);
  operator_file.targets_path = d / "targets.ini";
  int model_decisions = 0;
  for (const auto& opts : {Opts("", "none", true), Opts("none", "none", true), operator_file}) {
    const bool builtin = opts.stance_model.empty() && opts.targets_path.empty();
    for (const auto& text : texts) {
      const v1::EnrichedDocument out = tag(opts, text);
      for (const auto& s : out.stances()) {
        ASSERT_GT(s.cues_size(), 0);
        const bool model = s.cues(0).rfind("model ", 0) == 0;
        if (!builtin) {
          EXPECT_FALSE(model) << s.target() << ": " << s.cues(0);
        }
        if (model) {
          ++model_decisions;
          EXPECT_NE(s.cues(0).find("(rules "), std::string::npos) << s.cues(0);
          EXPECT_NE(s.rules_label(), v1::STANCE_LABEL_UNSPECIFIED);
          if (s.label() != v1::NONE) {
            EXPECT_GT(s.evidence_size(), 0) << s.target();  // never without evidence
          }
        } else {
          EXPECT_EQ(s.rules_label(), v1::STANCE_LABEL_UNSPECIFIED);
        }
        if (s.target() == "assad_government" && text == texts[0]) {
          EXPECT_EQ(s.label(), v1::AGAINST);
          EXPECT_FALSE(model);  // the rules' verdict
        }
      }
    }
  }
  EXPECT_GT(model_decisions, 0);  // the built-in model spoke somewhere
  // A title without a text: no sentence to show, so no learned label.
  auto tagger = StanceTagger::Create(Opts("", "none", true));
  ASSERT_TRUE(tagger.ok());
  v1::EnrichedDocument titled;
  titled.mutable_document()->set_kind("article");
  titled.mutable_document()->set_title("Assad regime butchers Aleppo");
  (*tagger)->Tag({}, &titled);
  for (const auto& s : titled.stances()) {
    EXPECT_EQ(s.rules_label(), v1::STANCE_LABEL_UNSPECIFIED) << s.target();
    if (s.label() != v1::NONE) {
      EXPECT_GT(s.evidence_size(), 0) << s.target();
    }
  }
}

TEST(StanceLearned, BuiltInReplyModelLoadsAndExplains) {
  auto m = stance::BuiltInReplyModel();
  if (!m.ok() && m.status().code() == ErrorCode::kNotFound) GTEST_SKIP() << "build without a reply model";
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->manifest().at("kind"), "reply");
  auto tagger = StanceTagger::Create(Opts("", "", true));
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  const v1::EnrichedDocument out = TagReply(**tagger, "Is there any source for this? Who confirmed it?");
  EXPECT_EQ(out.reply_stance().label(), v1::QUERY);
  bool model_line = false;
  for (const auto& c : out.reply_stance().cues()) model_line |= c.rfind("model ", 0) == 0;
  EXPECT_TRUE(model_line);
}

}  // namespace
}  // namespace tidings::enrich
