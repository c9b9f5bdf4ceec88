#pragma once
// The learned stance models on enrich/learn: the feature templates of the
// document stance model (one multiclass model over FAVOR/AGAINST/NONE whose
// features are conjoined with the target) and of the reply stance model
// (SUPPORT/DENY/QUERY/COMMENT over the reply and its parent), the checks a
// model file must pass to be used, and the models shipped for replies and
// for the default targets.
//
// Everything here is pure and thread-safe. Changing a template, a bucket
// or a limit changes what the features mean: bump kStanceFeatureSet /
// kReplyFeatureSet, so that old model files are refused, never misread.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "enrich/learn/clusters.h"
#include "enrich/learn/hash.h"
#include "enrich/learn/model.h"
#include "runtime/status.h"

namespace tidings::enrich::stance {

inline constexpr std::string_view kStanceFeatureSet = "stance-v1";
// The same features under the manifest's settings `char_grams` and
// `rules_first`: a model trained with either set otherwise says so, so that a
// tidings built before those settings refuses it instead of reading it as
// stance-v1 (with character n-grams, the model alone).
inline constexpr std::string_view kStanceSettingsFeatureSet = "stance-v1-settings";
// What `tidings train stance` writes now: the features of stance-v1 (under
// the settings above) plus the rules' verdicts on the target's allies and
// rivals, and, when the manifest names `clusters_checksum` (the built-in
// word clusters the model was trained with; learn/clusters.h), the words'
// clusters.
inline constexpr std::string_view kStanceV2FeatureSet = "stance-v2";
inline constexpr std::string_view kReplyFeatureSet = "reply-v2";
// The same features, with a bias added to COMMENT's score (manifest
// comment_bias) before the label is chosen.
inline constexpr std::string_view kReplyBiasFeatureSet = "reply-v2-bias";
inline constexpr std::string_view kStanceKind = "stance";
inline constexpr std::string_view kReplyKind = "reply";

// Label orders of the model files (names of v1::StanceLabel / v1::ReplyLabel).
const std::vector<std::string>& StanceLabels();  // FAVOR, AGAINST, NONE
const std::vector<std::string>& ReplyLabels();   // SUPPORT, DENY, QUERY, COMMENT

// Checks that `m` is a model of `kind` with this tidings' feature set and
// labels; kConfig naming `what` otherwise ("... was trained with feature set
// 'x'; this tidings computes 'y' (retrain it)").
[[nodiscard]] Status CheckModel(const learn::LinearModel& m, std::string_view kind, std::string_view what);

// The word clusters a stance model's features read: null for a model
// trained without (no `clusters_checksum`, or a stance-v1 model), else the built-in clusters when
// their checksum is the manifest's; kConfig naming `what` otherwise.
[[nodiscard]] Result<std::shared_ptr<const learn::WordClusters>> StanceClusters(const learn::LinearModel& m,
                                                                               std::string_view what);

// Loads DIR/model.bin and checks it (CheckModel).
[[nodiscard]] Result<learn::LinearModel> LoadModelDir(const std::string& dir, std::string_view kind);

// The reply model compiled into the binary (enrich/models/reply/model.bin);
// kNotFound when the build has none.
[[nodiscard]] Result<learn::LinearModel> BuiltInReplyModel();

// The document stance model for the built-in default targets, compiled in
// (enrich/models/stance/model.bin); kNotFound when the build has none.
[[nodiscard]] Result<learn::LinearModel> BuiltInStanceModel();

// The manifest as a JSON object, one "key": "value" per line.

namespace features {

// Feature templates (ids are part of the feature set: never renumber).
enum Template : uint32_t {
  kBias = 1, kWord, kBigram, kChar, kHashtag, kShape, kLexicon, kQuestion, kFirst, kCue, kRule,
  kParent, kStance, kMention, kCluster, kCamp,
};
inline constexpr const char* kTemplateNames[] = {"", "bias", "w", "w2", "c", "#", "shape", "lex", "q",
                                                 "first", "cue", "rule", "parent", "stance", "target", "cl",
                                                 "camp"};
// COMMENT's index in ReplyLabels().
inline constexpr size_t kCommentLabel = 3;
// Reply cue classes of the rules (RuleReply hits).
inline constexpr const char* kReplyCueClass[] = {"support", "deny", "query", "rhetorical", "not_support"};

inline constexpr size_t kMaxStanceTokens = 400;  // words of a text that give n-gram features
inline constexpr size_t kMaxReplyTokens = 120;
inline constexpr size_t kMaxParentTokens = 300;   // parent words compared with the reply
inline constexpr size_t kMaxParentBytes = 2400;
inline constexpr size_t kMaxExplained = 8;       // features listed per decision with debug

// Appends hashed features (and, when `names` is set, their names for
// explanations) to a list.
struct Adder {
  std::vector<uint64_t>* f;
  std::vector<std::string>* names;

  void Word(uint32_t tmpl, std::string_view v) {
    f->push_back(learn::Feature(tmpl, v));
    if (names) names->push_back(std::string(kTemplateNames[tmpl]) + ":" + std::string(v));
  }
  void Pair(uint32_t tmpl, std::string_view a, std::string_view b) {
    f->push_back(learn::Feature(tmpl, learn::HashBytes(a), learn::HashBytes(b)));
    if (names) names->push_back(std::string(kTemplateNames[tmpl]) + ":" + std::string(a) + "_" + std::string(b));
  }
  // A feature of one target only (not conjoined later).
  void Target(uint64_t target_hash, uint32_t tmpl, std::string_view v) {
    f->push_back(learn::HashMix(target_hash, learn::Feature(tmpl, v)));
    if (names) names->push_back(std::string(kTemplateNames[tmpl]) + ":" + std::string(v));
  }
  // Character 3- and 4-grams of "<word>" (words of 2..20 bytes).
  void CharGrams(std::string_view w) {
    if (w.size() < 2 || w.size() > 20) return;
    char buf[24];
    buf[0] = '<';
    for (size_t i = 0; i < w.size(); ++i) buf[i + 1] = w[i];
    buf[w.size() + 1] = '>';
    const std::string_view p(buf, w.size() + 2);
    for (size_t len = 3; len <= 4; ++len)
      for (size_t i = 0; i + len <= p.size(); ++i) Word(kChar, p.substr(i, len));
  }
};

// Index of the first bound `v` is below (0 .. bounds.size()).
inline int Bucket(float v, std::initializer_list<float> bounds) {
  int k = 0;
  for (float b : bounds) {
    if (v < b) return k;
    ++k;
  }
  return k;
}

// Calls f(tag) for each hashtag of `text`, lower-cased ASCII, without '#'.
template <typename F>
void Hashtags(std::string_view text, F&& f) {
  std::string tag;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '#' || (i > 0 && text[i - 1] != ' ' && text[i - 1] != '\n' && text[i - 1] != '(')) continue;
    tag.clear();
    size_t k = i + 1;
    for (; k < text.size(); ++k) {
      const unsigned char c = static_cast<unsigned char>(text[k]);
      if (!(std::isalnum(c) || c == '_')) break;
      tag += static_cast<char>(std::tolower(c));
    }
    if (!tag.empty()) f(std::string_view(tag));
    i = k - 1;
  }
}

inline size_t Argmax(const float* s, size_t n) {
  size_t best = 0;
  for (size_t k = 1; k < n; ++k)
    if (s[k] > s[best]) best = k;
  return best;
}

// exp(s[k]) / sum exp(s): the score the contract reports for a learned label.
inline float Softmax(const float* s, size_t n, size_t k) {
  float mx = s[0];
  for (size_t i = 1; i < n; ++i) mx = std::max(mx, s[i]);
  float sum = 0;
  for (size_t i = 0; i < n; ++i) sum += std::exp(s[i] - mx);
  return std::exp(s[k] - mx) / sum;
}

// The label (index into StanceLabels()) of a model trained "rules first"
// (manifest rules_first = min_p) from its `scores` and the rules' label
// `rules`: the rules' FAVOR (0) or AGAINST (1) stands; else, for a text that
// names the target, the model's label; for one that does not, the model's
// FAVOR or AGAINST when its probability under temperature `temp` is at
// least min_p (1: never); else NONE (2). The trainer's figures and the
// tagger's decisions both come of this.
inline size_t RulesFirstLabel(const float* scores, size_t rules, bool named, float temp, float min_p) {
  if (rules == 0 || rules == 1) return rules;
  const size_t best = Argmax(scores, 3);
  if (named || best == 2) return best;
  float scaled[3];
  for (size_t k = 0; k < 3; ++k) scaled[k] = scores[k] / temp;
  return min_p < 1 && Softmax(scaled, 3, best) >= min_p ? best : 2;
}

// "name(+w)" of the `max` features that weigh most toward `label` (their
// weight for it minus the mean of the others), strongest first.
std::vector<std::string> TopFeatures(const learn::LinearModel& m, const std::vector<uint64_t>& f,
                                     const std::vector<std::string>& names, size_t label, size_t max);

}  // namespace features
}  // namespace tidings::enrich::stance
