#pragma once
// Linear models for every learned tagger in tidings (names, stance, reply
// stance): a table of weights indexed by hashed feature and label, optional
// label-to-label transition weights for sequence models, and a manifest that
// says what the model is and how it was made.
//
// A LinearModel is immutable once built or loaded; every const method is
// thread-safe. Weights are stored as int16 with one scale per model
// (weight = q * scale), so a model of 2^20 buckets and 11 labels is 22 MiB in
// memory and smaller on disk, where all-zero rows are left out.
//
// File format (little-endian), version kFormatVersion:
//   "TIDLRN\r\n"  u32 version  u32 len + manifest ("key=value\n" lines)
//   u32 n_labels, each u16 len + bytes   u32 bits   f32 scale
//   u32 n_transitions + f32 each   u64 n_rows, each (u32 row, n_labels x i16)
//   u64 checksum of everything before it (learn::HashBytes)
// A file of another version, truncated or corrupt fails to load with a
// message that says which; it is never read half-way.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/status.h"

namespace tidings::enrich::learn {

// Bumped whenever the file layout, the hashing (hash.h) or the meaning of a
// stored field changes.
constexpr uint32_t kFormatVersion = 1;

// What a model is and how it was made: "kind", "labels", "feature_set",
// "training_data_sha256", "tidings_version", ... Ordered by key.
using Manifest = std::map<std::string, std::string>;

class LinearModel {
 public:
  LinearModel() = default;
  // An all-zero model (what a trainer fills).
  LinearModel(std::vector<std::string> labels, uint32_t bits, bool transitions);

  // Parses a model file's bytes; `what` names the file in errors. kConfig
  // ("... is corrupt: checksum mismatch", "... has format version 3; this
  // tidings reads version 1") on any defect.
  [[nodiscard]] static Result<LinearModel> Parse(std::string_view bytes, std::string_view what);
  [[nodiscard]] static Result<LinearModel> Load(const std::string& path);
  // The file's bytes (see the header comment); Parse(Serialize()) == *this.
  std::string Serialize() const;
  [[nodiscard]] Status Save(const std::string& path) const;

  const std::vector<std::string>& labels() const { return labels_; }
  size_t num_labels() const { return labels_.size(); }
  uint32_t bits() const { return bits_; }
  const Manifest& manifest() const { return manifest_; }
  Manifest& mutable_manifest() { return manifest_; }
  // Index of `label`, or -1.
  int LabelIndex(std::string_view label) const;

  // The weights of one feature, num_labels() values, already scaled.
  void RowOf(uint64_t feature, float* out) const;
  // Sets scores[num_labels()] to the sums of the features' weights.
  void Scores(const uint64_t* features, size_t n, float* scores) const {
    const size_t l = labels_.size();
    int32_t sum[kMaxInlineLabels] = {};
    if (l > kMaxInlineLabels) return ScoresSlow(features, n, scores);
    for (size_t f = 0; f < n; ++f) {
      const int16_t* row = &q_[(features[f] & mask_) * l];
      for (size_t k = 0; k < l; ++k) sum[k] += row[k];
    }
    for (size_t k = 0; k < l; ++k) scores[k] = static_cast<float>(sum[k]) * scale_;
  }
  // Asks the CPU to bring the weights of the features into cache (call a
  // few hundred features ahead of Scores: the rows are random reads).
  void Prefetch(const uint64_t* features, size_t n) const {
    const size_t l = labels_.size();
    for (size_t f = 0; f < n; ++f) __builtin_prefetch(&q_[(features[f] & mask_) * l]);
  }
  // Transition weight from label `prev` (num_labels() for the start of a
  // sequence) to `cur`; 0 for models without transitions.
  float Transition(size_t prev, size_t cur) const {
    return trans_.empty() ? 0.f : trans_[prev * labels_.size() + cur];
  }
  bool has_transitions() const { return !trans_.empty(); }

  // Sets the weights from float values (what a trainer does at the end):
  // chooses the scale from the largest magnitude. `w` has 2^bits x labels
  // values; `trans` is empty or (labels + 1) x labels.
  void SetWeights(const std::vector<float>& w, const std::vector<float>& trans);
  // Rows with a non-zero weight (for the manifest and size reports).
  size_t NonZeroRows() const;

 private:
  static constexpr size_t kMaxInlineLabels = 32;
  void ScoresSlow(const uint64_t* features, size_t n, float* scores) const;
  std::vector<std::string> labels_;
  uint32_t bits_ = 0;
  uint64_t mask_ = 0;
  float scale_ = 1.f;
  std::vector<int16_t> q_;
  std::vector<float> trans_;
  Manifest manifest_;
};

// Reads a whole file into *out (kIo naming the path when it cannot).
[[nodiscard]] Status ReadFile(const std::string& path, std::string* out);
// Writes `bytes` to `path` through a temporary file and a rename, so a
// reader never sees half a file.
[[nodiscard]] Status WriteFileAtomically(const std::string& path, std::string_view bytes);
// Hex SHA-256 of a file's bytes, streamed (for training-data provenance).
[[nodiscard]] Result<std::string> Sha256File(const std::string& path);

}  // namespace tidings::enrich::learn
