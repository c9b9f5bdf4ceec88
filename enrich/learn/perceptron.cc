#include "enrich/learn/perceptron.h"

#include <limits>

#include "enrich/learn/hash.h"

namespace tidings::enrich::learn {

void Viterbi(const float* emissions, size_t n, size_t num_labels, const float* trans, int* out) {
  const size_t l = num_labels;
  if (n == 1) {  // a one-word region: the best start, no tables
    size_t arg = 0;
    for (size_t k = 1; k < l; ++k)
      if (emissions[k] + trans[l * l + k] > emissions[arg] + trans[l * l + arg]) arg = k;
    out[0] = static_cast<int>(arg);
    return;
  }
  constexpr float kNone = -std::numeric_limits<float>::infinity();
  thread_local std::vector<float> best;
  thread_local std::vector<int> back;
  best.assign(n * l, kNone);
  back.assign(n * l, 0);
  for (size_t k = 0; k < l; ++k) best[k] = emissions[k] + trans[l * l + k];
  for (size_t i = 1; i < n; ++i) {
    const float* prev = &best[(i - 1) * l];
    for (size_t k = 0; k < l; ++k) {
      float b = kNone;
      int arg = 0;
      for (size_t p = 0; p < l; ++p) {
        const float s = prev[p] + trans[p * l + k];
        if (s > b) b = s, arg = static_cast<int>(p);
      }
      best[i * l + k] = b + emissions[i * l + k];
      back[i * l + k] = arg;
    }
  }
  size_t last = 0;
  for (size_t k = 1; k < l; ++k) {
    if (best[(n - 1) * l + k] > best[(n - 1) * l + last]) last = k;
  }
  out[n - 1] = static_cast<int>(last);
  for (size_t i = n - 1; i > 0; --i) out[i - 1] = back[i * l + static_cast<size_t>(out[i])];
}

PerceptronTrainer::PerceptronTrainer(std::vector<std::string> labels, uint32_t bits,
                                     bool transitions)
    : labels_(std::move(labels)), bits_(bits), mask_((uint64_t{1} << bits) - 1) {
  const size_t l = labels_.size();
  w_.assign((size_t{1} << bits) * l, 0.f);
  u_.assign(w_.size(), 0.0);
  if (transitions) {
    trans_.assign((l + 1) * l, 0.f);
    trans_u_.assign(trans_.size(), 0.0);
  }
}

void PerceptronTrainer::Scores(const uint64_t* features, size_t n, float* out) const {
  const size_t l = labels_.size();
  for (size_t k = 0; k < l; ++k) out[k] = 0.f;
  for (size_t f = 0; f < n; ++f) {
    const float* row = &w_[(features[f] & mask_) * l];
    for (size_t k = 0; k < l; ++k) out[k] += row[k];
  }
}

void PerceptronTrainer::Update(const uint64_t* features, size_t n, size_t label, float delta) {
  const size_t l = labels_.size();
  for (size_t f = 0; f < n; ++f) {
    const size_t at = (features[f] & mask_) * l + label;
    w_[at] += delta;
    u_[at] += clock_ * delta;
  }
}

void PerceptronTrainer::UpdateTransition(size_t prev, size_t cur, float delta) {
  const size_t at = prev * labels_.size() + cur;
  trans_[at] += delta;
  trans_u_[at] += clock_ * delta;
}

size_t PerceptronTrainer::TrainOne(const std::vector<uint64_t>& features, size_t gold) {
  std::vector<float> s(labels_.size());
  Scores(features.data(), features.size(), s.data());
  size_t pred = 0;
  for (size_t k = 1; k < s.size(); ++k) {
    if (s[k] > s[pred]) pred = k;
  }
  if (pred != gold) {
    Update(features.data(), features.size(), gold, 1.f);
    Update(features.data(), features.size(), pred, -1.f);
  }
  Tick();
  return pred;
}

void PerceptronTrainer::Averaged(std::vector<float>* weights, std::vector<float>* transitions) const {
  weights->resize(w_.size());
  for (size_t i = 0; i < w_.size(); ++i) (*weights)[i] = static_cast<float>(w_[i] - u_[i] / clock_);
  transitions->resize(trans_.size());
  for (size_t i = 0; i < trans_.size(); ++i) {
    (*transitions)[i] = static_cast<float>(trans_[i] - trans_u_[i] / clock_);
  }
}

LinearModel PerceptronTrainer::Finish(Manifest manifest) const {
  LinearModel m(labels_, bits_, !trans_.empty());
  std::vector<float> avg, tavg;
  Averaged(&avg, &tavg);
  m.SetWeights(avg, tavg);
  m.mutable_manifest() = std::move(manifest);
  return m;
}

size_t FoldOf(std::string_view key, size_t k) { return k == 0 ? 0 : HashBytes(key) % k; }

}  // namespace tidings::enrich::learn
