#pragma once
// Linear models for every learned tagger in tidings (names, stance, reply
// stance): a table of weights indexed by hashed feature and label, optional
// label-to-label transition weights for sequence models, and a manifest that
// says what the model is and how it was made.
//
// A LinearModel is immutable once built or loaded; every const method is
// thread-safe. Weights are stored as int16 with one scale per model
// (weight = q * scale), in rows padded to 16 labels (one 32-byte block): a
// model of 2^18 buckets is 8 MiB in memory and smaller on disk, where rows
// are not padded and all-zero rows are left out.
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
    if (stride_ != kRowStride) return ScoresSlow(features, n, scores);
    // Rows of kRowStride int16 (one 32-byte block each): fixed-width loops
    // that the compiler turns into vector adds.
    int32_t sum[kRowStride] = {};
    for (size_t f = 0; f < n; ++f) {
      const int16_t* row = Row(features[f] & mask_);
      for (size_t k = 0; k < kRowStride; ++k) sum[k] += row[k];
    }
    for (size_t k = 0; k < l; ++k) scores[k] = static_cast<float>(sum[k]) * scale_;
  }
  // Asks the CPU to bring the weights of the features into cache (call a
  // few hundred features ahead of Scores: the rows are random reads).
  void Prefetch(const uint64_t* features, size_t n) const {
    for (size_t f = 0; f < n; ++f) __builtin_prefetch(Row(features[f] & mask_));
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
  // In memory a row holds kRowStride weights (the labels, then zeros) when
  // there are at most that many labels, else exactly the labels; on disk
  // exactly the labels.
  static constexpr size_t kRowStride = 16;
  void ScoresSlow(const uint64_t* features, size_t n, float* scores) const;
  size_t StrideFor(size_t labels) const { return labels <= kRowStride ? kRowStride : labels; }
  const int16_t* Row(size_t r) const { return q_.data() + q_off_ + r * stride_; }
  int16_t* MutableRow(size_t r) { return q_.data() + q_off_ + r * stride_; }
  // Sizes q_ for `rows` zero rows, the first at a 64-byte boundary (a row
  // then never straddles two cache lines).
  void AllocateRows(size_t rows);
  std::vector<std::string> labels_;
  uint32_t bits_ = 0;
  uint64_t mask_ = 0;
  size_t stride_ = 0;
  float scale_ = 1.f;
  std::vector<int16_t> q_;
  size_t q_off_ = 0;  // elements before the first row (alignment)
  std::vector<float> trans_;
  Manifest manifest_;
};

// The manifest as a JSON object of strings (manifest.json beside a model
// file, for people and tools).
std::string ManifestJson(const Manifest& m);

// Reads a whole file into *out (kIo naming the path when it cannot).
[[nodiscard]] Status ReadFile(const std::string& path, std::string* out);
// Writes `bytes` to `path` through a temporary file and a rename, so a
// reader never sees half a file.
[[nodiscard]] Status WriteFileAtomically(const std::string& path, std::string_view bytes);

}  // namespace tidings::enrich::learn
