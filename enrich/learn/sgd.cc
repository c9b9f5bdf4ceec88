#include "enrich/learn/sgd.h"

#include <algorithm>
#include <cmath>

namespace tidings::enrich::learn {

Result<Loss> ParseLoss(std::string_view name) {
  if (name == "logistic") return Loss::kLogistic;
  if (name == "hinge") return Loss::kHinge;
  return Status(ErrorCode::kConfig, "unknown loss '" + std::string(name) + "' (want logistic or hinge)");
}

std::string_view LossName(Loss loss) { return loss == Loss::kLogistic ? "logistic" : "hinge"; }

SgdTrainer::SgdTrainer(std::vector<std::string> labels, uint32_t bits, SgdOptions options)
    : labels_(std::move(labels)), bits_(bits), mask_((uint64_t{1} << bits) - 1), o_(options) {
  v_.assign((size_t{1} << bits) * labels_.size(), 0.f);
  sc_.resize(labels_.size());
  p_.resize(labels_.size());
}

void SgdTrainer::Scores(const uint64_t* features, size_t n, float* out) const {
  const size_t l = labels_.size();
  std::vector<double>& sum = acc_;
  sum.assign(l, 0.0);
  for (size_t f = 0; f < n; ++f) {
    const float* row = &v_[(features[f] & mask_) * l];
    for (size_t k = 0; k < l; ++k) sum[k] += row[k];
  }
  for (size_t k = 0; k < l; ++k) out[k] = static_cast<float>(sum[k] * scale_);
}

void SgdTrainer::Add(const uint64_t* features, size_t n, size_t label, double delta) {
  const size_t l = labels_.size();
  const double dv = delta / scale_;
  for (size_t f = 0; f < n; ++f) {
    const size_t at = (features[f] & mask_) * l + label;
    v_[at] += static_cast<float>(dv);
    if (averaging_) u_[at] += dv * scale_sum_;
  }
}

size_t SgdTrainer::Step(const uint64_t* features, size_t n, size_t gold, float weight) {
  const size_t l = labels_.size();
  if (l < 2 || gold >= l) return 0;
  std::vector<float>& sc = sc_;
  Scores(features, n, sc.data());
  size_t pred = 0;
  for (size_t k = 1; k < l; ++k)
    if (sc[k] > sc[pred]) pred = k;
  const double eta = o_.eta0 / (1 + o_.l2 * o_.eta0 * t_);
  t_ += 1;
  // The penalty's shrinking first (w <- (1 - eta * l2) w), then the loss's step.
  scale_ *= std::max(1e-3, 1 - eta * o_.l2);
  if (o_.loss == Loss::kLogistic) {
    const float mx = *std::max_element(sc.begin(), sc.end());
    double z = 0;
    for (size_t k = 0; k < l; ++k) z += p_[k] = std::exp(static_cast<double>(sc[k] - mx));
    for (size_t k = 0; k < l; ++k) {
      const double g = (p_[k] / z - (k == gold ? 1.0 : 0.0)) * weight;
      if (g != 0) Add(features, n, k, -eta * g);
    }
  } else {
    // Multiclass hinge: the gold label's score should beat the best other by 1.
    size_t other = gold == 0 ? 1 : 0;
    for (size_t k = 0; k < l; ++k)
      if (k != gold && sc[k] > sc[other]) other = k;
    if (sc[gold] - sc[other] < 1) {
      Add(features, n, gold, eta * weight);
      Add(features, n, other, -eta * weight);
    }
  }
  if (averaging_) {
    scale_sum_ += scale_;
    averaged_ += 1;
  } else if (scale_ < 1e-4) {
    // Fold the scale into the weights before it loses precision.
    for (float& x : v_) x = static_cast<float>(x * scale_);
    scale_ = 1;
  }
  return pred;
}

void SgdTrainer::StartAveraging() {
  if (averaging_) return;
  averaging_ = true;
  u_.assign(v_.size(), 0.0);
}

LinearModel SgdTrainer::Finish(Manifest manifest) const {
  LinearModel m(labels_, bits_, false);
  std::vector<float> w(v_.size());
  for (size_t i = 0; i < v_.size(); ++i) {
    w[i] = averaged_ > 0 ? static_cast<float>((scale_sum_ * v_[i] - u_[i]) / averaged_)
                         : static_cast<float>(scale_ * v_[i]);
  }
  m.SetWeights(w, {});
  m.mutable_manifest() = std::move(manifest);
  return m;
}

}  // namespace tidings::enrich::learn
