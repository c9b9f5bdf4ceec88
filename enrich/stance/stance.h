#pragma once
// Stance toward configured targets, and reply stance (SDQC) of comments.
// Built once, immutable afterwards; Tag() is const and thread-safe.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "enrich/engine.h"
#include "enrich/learn/clusters.h"

namespace tidings::enrich {

// What the stance tagger loads at start-up.
struct StanceOptions {
  // Target file; empty for the built-in default targets. Ignored when
  // `stance_model` is set (the model directory carries its targets).
  std::string targets_path;
  // Directory written by `tidings train stance`; empty for the built-in
  // model (enrich/models/stance, trained "rules first") when `targets_path`
  // is empty too, else for the rules over `targets_path`; "none" for the
  // rules alone.
  std::string stance_model = {};
  // Reply model: empty for the one built in (enrich/models/reply), "none"
  // for the cue rules alone, else a directory written by `tidings train reply`.
  std::string reply_model = {};
  // Fill Stance.cues and ReplyStance.cues.
  bool debug = false;
};

// Which of the document stance model's features a model reads (its
// manifest; enrich/stance/learned.h).
struct StanceFeatureSettings {
  // The words' character 3- and 4-grams (manifest char_grams; `tidings
  // train stance --char-grams`).
  bool char_grams = true;
  // The words' clusters (null: none; manifest clusters_checksum,
  // `--word-clusters`).
  const learn::WordClusters* clusters = nullptr;
  // The rules' verdicts on the target's allies and rivals (stance-v2).
  bool camps = false;
};

class StanceTagger {
 public:
  virtual ~StanceTagger() = default;

  // Loads targets, lexicons and models. kConfig naming the file (and line)
  // when one is bad, corrupt or of another format version.
  [[nodiscard]] static Result<std::unique_ptr<StanceTagger>> Create(const StanceOptions& opts);

  // Loads the target file (empty path: the built-in default targets) and
  // the lexicons. kConfig naming the file and line when one is bad.
  [[nodiscard]] static Result<std::unique_ptr<StanceTagger>> Create(const std::string& targets_path,
                                                                    bool debug);

  // Fills out->stances and, for comments with a parent_id, out->reply_stance.
  // `out` already holds the document, its entities and dates (code-point
  // offsets). The parent, when known, comes through `ctx`.
  virtual void Tag(const ThreadContext& ctx, v1::EnrichedDocument* out) const = 0;

  // For the trainers (enrich/stance/train.h): the targets, and the hashed
  // features the learned models see. `out` is a document as Tag left it
  // (entities, stances); ReplyFeatures fills `names` too when it is set.
  virtual size_t num_targets() const = 0;
  virtual const std::string& target_id(size_t t) const = 0;
  virtual void ReplyFeatures(const ThreadContext& ctx, const v1::EnrichedDocument& out, std::vector<uint64_t>* f,
                             std::vector<std::string>* names) const = 0;
  virtual void StanceFeatures(const v1::EnrichedDocument& out, const StanceFeatureSettings& settings,
                              std::vector<std::vector<uint64_t>>* per_target) const = 0;
};

}  // namespace tidings::enrich
