#pragma once
// Stance toward configured targets, and reply stance (SDQC) of comments.
// Built once, immutable afterwards; Tag() is const and thread-safe.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "enrich/engine.h"

namespace tidings::enrich {

// What the stance tagger loads at start-up.
struct StanceOptions {
  // Target file; empty for the built-in default targets.
  std::string targets_path;
  // Reply stance: "none" for the cue rules alone (the only kind so far).
  std::string reply_model;
  // Fill Stance.cues and ReplyStance.cues.
  bool debug = false;
};

class StanceTagger {
 public:
  virtual ~StanceTagger() = default;

  // Loads targets and lexicons. kConfig naming the file and line when one is bad.
  [[nodiscard]] static Result<std::unique_ptr<StanceTagger>> Create(const StanceOptions& opts);

  // Loads the target file (empty path: the built-in default targets) and
  // the lexicons. kConfig naming the file and line when one is bad.
  [[nodiscard]] static Result<std::unique_ptr<StanceTagger>> Create(const std::string& targets_path,
                                                                    bool debug);

  // Fills out->stances and, for comments with a parent_id, out->reply_stance.
  // `out` already holds the document, its entities and dates (code-point
  // offsets). The parent, when known, comes through `ctx`.
  virtual void Tag(const ThreadContext& ctx, v1::EnrichedDocument* out) const = 0;
};

}  // namespace tidings::enrich
