#pragma once
// The enrichment engine: Document in, EnrichedDocument out. No Kafka here.
//
// An Engine is built once (it compiles the knowledge base, the date rules and
// the stance targets) and is then immutable: Enrich() is const and may be
// called from any number of threads at once, all sharing the one read-only
// knowledge base.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <google/protobuf/arena.h>

#include "enrich/thread_names.h"
#include "proto/json_codec.h"
#include "runtime/status.h"

namespace tidings::enrich {

namespace v1 = ::tidings::v1;

struct EngineOptions {
  // Extra knowledge-base file(s) of the operator's (see enrich/kb/README.md);
  // empty for the built-in knowledge base only.
  std::string kb_extra_path;
  // Stance target file; empty for the built-in default targets.
  std::string targets_path;
  // The name model: empty for the one built in (enrich/models/ner), "none"
  // for the rules alone, else a directory written by `tidings train ner`.
  std::string ner_model;
  // Learned document stance: a directory written by `tidings train stance`
  // (it carries its targets; targets_path is then unused). Empty: the one
  // built in (enrich/models/stance) for the built-in targets, the rules for
  // an operator's target file. "none": the rules alone.
  std::string stance_model = {};
  // Reply stance model: empty for the one built in (enrich/models/reply),
  // "none" for the cue rules alone, else a `tidings train reply` directory.
  std::string reply_model = {};
  // Fill EntityMention.rule, DateMention.rule, Stance.cues, ReplyStance.cues.
  bool debug = false;
};

// The label of a stance record as the target file's rules gave it: its
// rules_label where a learned stance model decided, else its label. Reply
// stance reads this (its model was trained on the rules' stances).
inline v1::StanceLabel RulesStanceLabel(const v1::Stance& s) {
  return s.rules_label() != v1::STANCE_LABEL_UNSPECIFIED ? s.rules_label() : s.label();
}

// What a comment needs of the document it replies to and of its thread's
// root, kept instead of the whole enriched document (a thread cache holds
// one per recent document, so it is kept small): its date anchor, author,
// full person names and stances, whether it is itself a reply or asks, and
// the head of its text that the reply-stance model compares with the reply.
struct ThreadDoc {
  // The head of the text kept: the reply-stance model reads no more.
  static constexpr size_t kTextHeadBytes = 2400;
  // Mentions whose full person names (and names) are kept.
  static constexpr size_t kMaxNameMentions = 256;
  // Names kept at most.
  static constexpr size_t kMaxNames = 40;

  std::string id;
  int64_t version = 0;  // the document's ingest version
  std::string anchor;   // EnrichedDocument.anchor.value
  std::string author;
  bool is_reply = false;      // it has a parent_id
  bool has_question = false;  // its text has a '?'
  std::string text_head;      // the text's first kTextHeadBytes bytes
  // Multi-word PERSON names, each once, from the first kMaxNameMentions
  // PERSON mentions.
  std::vector<std::string> person_names;
  // Names written in title case (ThreadNames::TitleCaseName), each surface
  // once, from the first kMaxNameMentions mentions, at most kMaxNames: what
  // a reply may write in lower case ("putin" after "Putin").
  ThreadNames names;
  // Target, the rules' label (RulesStanceLabel): what reply stance reads.
  std::vector<std::pair<std::string, v1::StanceLabel>> stances;
  int64_t stored_ms = 0;  // when the thread join stored it (Unix ms); 0: unknown

  // The same summary, whenever it was stored (the engine does not read
  // stored_ms).
  bool SameContent(const ThreadDoc& o) const {
    return id == o.id && version == o.version && anchor == o.anchor && author == o.author &&
           is_reply == o.is_reply && has_question == o.has_question && text_head == o.text_head &&
           person_names == o.person_names && names == o.names && stances == o.stances;
  }

  // The summary of an enriched document.
  static ThreadDoc Of(const v1::EnrichedDocument& doc);
  // Its compact form (a tidings.v1.ThreadSummary, thread_state.proto), as
  // the thread join stores it, and back: kInvalidProtobuf for bytes that
  // are no summary of this format.
  std::string Serialize() const;
  [[nodiscard]] static Result<ThreadDoc> Parse(std::string_view bytes);
  // About the memory it holds, in bytes.
  size_t Bytes() const;
};

// What the engine knows of a comment's thread. Where the parent came from
// (earlier in a file, a thread-context store) is the caller's business.
struct ThreadContext {
  // The already-enriched document this one replies to, or null if unknown.
  const ThreadDoc* parent = nullptr;
  // The enriched thread root (the article), or null if unknown. Its anchor
  // serves comments that have no published_at.
  const ThreadDoc* root = nullptr;
};

class Engine {
 public:
  virtual ~Engine() = default;

  // Builds an engine; kConfig with the path and line when a data file is bad.
  [[nodiscard]] static Result<std::unique_ptr<Engine>> Create(const EngineOptions& opts);

  // Tags one document. Never throws; kEnrichFailed only for documents that
  // cannot be processed at all (e.g. invalid UTF-8). Thread-safe.
  [[nodiscard]] Result<v1::EnrichedDocument> Enrich(const v1::Document& doc,
                                                    const ThreadContext& ctx = {}) const {
    v1::EnrichedDocument out;
    TIDINGS_RETURN_IF_ERROR(EnrichInto(doc, ctx, &out));
    return out;
  }

  // The same into *out, which is cleared first. `out` may live on a
  // protobuf Arena (see OutputArena): the mentions then cost no heap
  // allocations, which is most of what building the output costs.
  [[nodiscard]] virtual Status EnrichInto(const v1::Document& doc, const ThreadContext& ctx,
                                          v1::EnrichedDocument* out) const = 0;

  // Version string recorded in EnrichedDocument.enricher_version.
  virtual std::string Version() const = 0;
};

// A protobuf Arena for one document's output at a time, whose first block is
// kept and reused: Document() resets the arena (invalidating the previous
// document) and returns an empty EnrichedDocument on it. Not thread-safe; one
// per thread.
class OutputArena {
 public:
  explicit OutputArena(size_t first_block_bytes = 64 * 1024);
  OutputArena(const OutputArena&) = delete;
  OutputArena& operator=(const OutputArena&) = delete;

  v1::EnrichedDocument* Document();

 private:
  std::unique_ptr<char[]> block_;
  std::unique_ptr<google::protobuf::Arena> arena_;
};

}  // namespace tidings::enrich
