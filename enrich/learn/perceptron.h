#pragma once
// Averaged perceptron training for LinearModel: multiclass (one label per
// example) and structured (a label sequence per example, decoded with
// Viterbi over the model's transitions). The averaged weights are what a
// trained model keeps; they generalise far better than the last weights.
//
// One trainer per training run; not thread-safe. Deterministic: the same
// examples in the same order give the same model.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "enrich/learn/model.h"

namespace tidings::enrich::learn {

// The best label sequence for `n` positions: emissions[i * L + k] is the
// score of label k at position i; trans[prev * L + cur] the score of a step,
// row L being the start of the sequence, -infinity forbidding the step (e.g.
// O -> I-PER). Writes n labels to out[0..n); requires n > 0 and that some
// sequence is allowed. Thread-safe (scratch is per thread).
void Viterbi(const float* emissions, size_t n, size_t num_labels, const float* trans, int* out);

class PerceptronTrainer {
 public:
  // Weights for 2^bits buckets x labels; transitions for sequence models.
  PerceptronTrainer(std::vector<std::string> labels, uint32_t bits, bool transitions);

  size_t num_labels() const { return labels_.size(); }
  // Scores of every label under the current (not averaged) weights.
  void Scores(const uint64_t* features, size_t n, float* out) const;
  float Transition(size_t prev, size_t cur) const { return trans_[prev * labels_.size() + cur]; }

  // Adds `delta` to the weights of the features for `label`.
  void Update(const uint64_t* features, size_t n, size_t label, float delta);
  void UpdateTransition(size_t prev, size_t cur, float delta);
  // Ends one example: the averaging clock.
  void Tick() { ++clock_; }

  // Multiclass step: predicts, updates on a mistake, ticks. Returns the
  // predicted label (before the update).
  size_t TrainOne(const std::vector<uint64_t>& features, size_t gold);

  // The averaged weights as a model (with `manifest`).
  LinearModel Finish(Manifest manifest) const;
  // The averaged weights themselves (features x labels, then transitions).
  void Averaged(std::vector<float>* weights, std::vector<float>* transitions) const;

 private:
  std::vector<std::string> labels_;
  uint32_t bits_;
  uint64_t mask_;
  // Daume's averaging: avg = w - u / clock, u accumulating clock * delta.
  std::vector<float> w_;
  std::vector<double> u_;
  std::vector<float> trans_;
  std::vector<double> trans_u_;
  double clock_ = 1;
};

// Deterministic fold of an example for k-fold evaluation, from a stable key
// (a document id): 0 .. k-1.
size_t FoldOf(std::string_view key, size_t k);

// Precision, recall and F1 counts for one class or span type.
struct Prf {
  double tp = 0, fp = 0, fn = 0;
  double P() const { return tp + fp > 0 ? tp / (tp + fp) : 0; }
  double R() const { return tp + fn > 0 ? tp / (tp + fn) : 0; }
  double F1() const { return P() + R() > 0 ? 2 * P() * R() / (P() + R()) : 0; }
};

}  // namespace tidings::enrich::learn
