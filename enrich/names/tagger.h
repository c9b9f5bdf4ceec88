#pragma once
// The learned name tagger: an averaged structured perceptron over the
// features of enrich/names/features.h, decoded with Viterbi over B-/I-/O
// labels of the five contract types, one region at a time.
//
// Built once (from the model compiled into the binary or from a model
// directory an operator trained with `tidings train ner`) and immutable
// afterwards; Decide() is const and thread-safe.

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "enrich/entities.h"
#include "enrich/learn/model.h"
#include "enrich/names/features.h"
#include "runtime/status.h"

namespace tidings::enrich::names {

class NameModel {
 public:
  // Checks that `model` is a name model of this feature set and labels, and
  // that `clusters` are the word clusters it was trained with (its manifest's
  // clusters_checksum; null for a model trained without, whose features
  // then leave clusters out).
  [[nodiscard]] static Result<std::unique_ptr<NameModel>> FromModel(
      learn::LinearModel model, std::shared_ptr<const learn::WordClusters> clusters, std::string_view what);
  // A model directory (its model.bin, and clusters.bin when the model was
  // trained with word clusters) or a model file (clusters.bin beside it).
  [[nodiscard]] static Result<std::unique_ptr<NameModel>> Load(const std::string& path);
  // The model shipped in the repository (enrich/models/ner), compiled into
  // the binary; kNotFound when this build has none.
  [[nodiscard]] static Result<std::unique_ptr<NameModel>> BuiltIn();
  // The word clusters shipped beside it (enrich/models/ner/clusters.bin),
  // parsed once per process and shared (the stance model reads them too);
  // kNotFound when this build has none.
  [[nodiscard]] static Result<std::shared_ptr<const learn::WordClusters>> BuiltInClusters();

  // The label of every token (0 = O for tokens outside the regions) and, for
  // tokens in a region, the margin of its label over the best other label.
  // `forced` (empty, or a label or -1 per token) fixes labels the decoding
  // must keep; the model decides the tokens around them.
  void Label(const NameFeatures& features, size_t n_tokens, const std::vector<int>& forced,
             std::vector<int>* labels, std::vector<float>* margins) const;

  // The document's mentions as the model sees them, linked. Matches of the
  // curated and the operator's knowledge base are kept as they are (they are
  // the operator's word on those names); the model decides everything else,
  // reading the rules' other candidates as features. Linking: a span the rules
  // found with the same type keeps the rules' name and KB entity; another
  // span that is exactly a KB alias of that type links to it; the rest get
  // their text as name (an id is derived later). `rule_cands` from
  // EntityTagger; new names are kept in *store. With `debug`, each mention's
  // rule carries the features that weighed most.
  std::vector<NameCandidate> Decide(std::string_view text, const std::vector<Token>& tokens,
                                    const KeyViews& keys, const DocWords& words,
                                    const KnowledgeBase& kb,
                                    const std::vector<NameCandidate>& rule_cands,
                                    std::deque<std::string>* store, bool debug = false) const;

  // "name:+w name:+w ..." for the `top` features that weighed most for
  // `label` at token `i` of region `r`.
  std::string Explain(const NameFeatures& features, const Region& r, size_t i, int label,
                      size_t top) const;

  const learn::LinearModel& model() const { return model_; }
  // The word clusters the model reads (null: none).
  const learn::WordClusters* clusters() const { return clusters_.get(); }

 private:
  NameModel(learn::LinearModel model, std::shared_ptr<const learn::WordClusters> clusters);
  learn::LinearModel model_;
  std::shared_ptr<const learn::WordClusters> clusters_;
  std::vector<float> trans_;  // (labels + 1) x labels, -inf where a step is forbidden
  float margin_scale_ = 10.f;  // the manifest's margin_scale
};

// A token Decide() must put in some name, of the model's type (a forced
// label's value, with -1 for "free").
inline constexpr int kNamed = -2;

// The labels Decide() keeps fixed: the knowledge base's matches, except
// generated.tsv's one-word places other than countries and its one-word
// names followed by another capitalised word (which are often something
// else); kNamed for the name that begins a line of figures ("Tiger Woods
// 68 70") and for both parts of a particle compound ("Mazar-i-Sharif",
// "Lashkar-e-Taiba"); -1 elsewhere.
std::vector<int> ForcedLabels(std::string_view text, const std::vector<NameCandidate>& rule_cands,
                              const std::vector<Token>& tokens, const KeyViews& keys);

// Fixes one token's emission scores (num_labels of them) to its forced
// label: every other label forbidden for a label >= 0, O forbidden for
// kNamed, untouched for -1.
void ApplyForced(int forced, size_t num_labels, float* emissions);
// The allowed-step mask of B/I/O labels: I-X only after B-X or I-X.
bool StepAllowed(size_t prev, size_t cur, size_t num_labels);
// A word-cluster checksum as a model's manifest records it (16 hex digits).
std::string ChecksumHex(uint64_t checksum);
// The model's transition weights, (labels + 1) x labels with the start row
// last, -infinity where StepAllowed forbids the step: what Viterbi takes.
std::vector<float> AllowedTransitions(const learn::LinearModel& model);

}  // namespace tidings::enrich::names
