#pragma once
// A regularised linear classifier trained by stochastic gradient descent,
// the learning core's second trainer beside the averaged perceptron
// (perceptron.h): multiclass, one label per example, L2-regularised
// logistic (softmax) or multiclass hinge loss (Crammer and Singer), each
// example's loss weighted (class weights). The perceptron stops moving once
// the training data is separated, which on a few thousand short texts and a
// million features is after an epoch or two, with every feature a training
// text had keeping its weight; the penalty here keeps rare features small.
//
// Steps follow Bottou's schedule, eta_t = eta0 / (1 + l2 * eta0 * t). The
// penalty's shrinking of every weight is one scale factor (w = s * v), so a
// step costs the example's features; the model kept is the average of the
// weights over the last epoch (Polyak averaging, with the same
// accumulation trick as the perceptron's averaging, weighted by s).
//
// One trainer per training run; not thread-safe. Deterministic: the same
// examples in the same order give the same model.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "enrich/learn/model.h"
#include "runtime/status.h"

namespace tidings::enrich::learn {

enum class Loss { kLogistic, kHinge };

struct SgdOptions {
  Loss loss = Loss::kLogistic;
  double l2 = 1e-4;   // penalty lambda / 2 * |w|^2 per example
  double eta0 = 0.5;  // first step
};

// "logistic" / "hinge"; kConfig naming the accepted values otherwise.
[[nodiscard]] Result<Loss> ParseLoss(std::string_view name);
std::string_view LossName(Loss loss);

class SgdTrainer {
 public:
  // Two labels or more (fewer: every step is a no-op).
  SgdTrainer(std::vector<std::string> labels, uint32_t bits, SgdOptions options);

  size_t num_labels() const { return labels_.size(); }
  // Scores of every label under the current (not averaged) weights.
  void Scores(const uint64_t* features, size_t n, float* out) const;
  // One step on an example of label `gold` whose loss counts `weight` times.
  // Returns the label predicted before the step.
  size_t Step(const uint64_t* features, size_t n, size_t gold, float weight);
  // Starts averaging: the model kept is the mean of the weights after each
  // step from here on (call before the last epoch). Without a call, the
  // last weights.
  void StartAveraging();

  // The averaged weights as a model (with `manifest`).
  LinearModel Finish(Manifest manifest) const;

 private:
  void Add(const uint64_t* features, size_t n, size_t label, double delta);
  std::vector<std::string> labels_;
  uint32_t bits_;
  uint64_t mask_;
  SgdOptions o_;
  std::vector<float> v_;   // w = scale_ * v_
  // Averaging (allocated by StartAveraging): the sum over the averaged
  // steps of each change of v_ times the sum of the scales before it.
  std::vector<double> u_;
  std::vector<float> sc_;  // per-step scratch: scores, probabilities, sums
  std::vector<double> p_;
  mutable std::vector<double> acc_;
  double scale_ = 1;
  double t_ = 0;           // steps taken
  bool averaging_ = false;
  double scale_sum_ = 0;   // sum of scale_ after each averaged step
  double averaged_ = 0;    // steps averaged
};

}  // namespace tidings::enrich::learn
