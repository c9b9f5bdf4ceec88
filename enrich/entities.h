#pragma once
// Entity tagging. Two layers:
//  - the rules: knowledge-base matches (longest match, case rules) and names
//    the knowledge base does not know (capitalised sequences with
//    connectors, typed by cues); they give NameCandidates;
//  - the learned name tagger (enrich/names/), when a model is given: it reads
//    the tokens and the rules' candidates as features and decides the spans
//    and types; the candidates then only serve linking.
// Then in-document resolution of partial names, and linking: a KB id where
// the knowledge base has the entity, else a document-level id shared by the
// name's variants.
//
// Immutable after construction; Tag() is const and thread-safe.

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "enrich/kb.h"
#include "enrich/text.h"
#include "tidings/v1/enriched.pb.h"

namespace tidings::enrich {

namespace names {
class NameModel;
}

// Word-list memberships of a token key (bit set), used by the rules and as
// features of the learned tagger.
enum NameWordFlag : uint32_t {
  kStopWord = 1,      // capitalised function words: never a name alone
  kTitleWord = 2,     // "Mr", "President": the next name is a person
  kOrgWord = 4,       // "Party", "Committee": a name ending so is an ORG
  kPlaceWord = 8,     // "Road", "Square": a name ending so is a LOC
  kPlacePrepWord = 16,  // "in", "near": a lone name after it is a place
  kConnectorWord = 32,  // "al", "bin", "de": inside names
  kAcronymCueWord = 64,  // "fighters", "spokesman" after an acronym: ORG
  kPersonVerbWord = 128,  // "said", "told" after a name: PERSON
};
uint32_t NameWordFlags(std::string_view key);

// Per-document facts about words seen capitalised, keyed by the token key:
// how often mid-sentence, and whether the word also occurs in lower case.
class DocWords {
 public:
  // Built from one document's tokens and keys (one pass each).
  DocWords(const std::vector<Token>& tokens, const KeyViews& keys);
  bool LowerSeen(std::string_view k) const;
  // Capitalised mid-sentence occurrences (0 when none).
  int UpperMid(std::string_view k) const;
  // The capitalised word tokens, in order.
  const std::vector<uint32_t>& cap_at() const { return cap_at_; }

 private:
  struct Slot {
    std::string_view key;
    uint32_t hash = 0;
    int32_t upper_mid = 0;
    bool used = false;
    bool lower = false;
  };
  void AddCap(std::string_view k, bool mid);
  void AddLower(std::string_view k);
  const Slot* Get(std::string_view k) const;
  void Grow();
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
  std::vector<uint32_t> cap_at_;
};

// A name found by the rules or the model, as a token range. Names and ids are
// views into the KB, the thread context or the tagging pass's own store.
struct NameCandidate {
  uint32_t first, end;  // token range
  ::tidings::v1::EntityType type;
  float score;
  std::string_view name, id;
  std::string_view rule;  // "ner:..." or empty for KB matches
  const KbEntity* kb;     // the KB entity of a KB match
  bool from_kb;
  bool typed_by_cue;
  bool resolved = false;
  // The KB match's alternates (KnowledgeBase::Match), for the linker.
  const std::vector<int32_t>* kb_alternates = nullptr;
  bool by_context = false;  // the linker chose `kb` among alternates
};

class EntityTagger {
 public:
  // `kb` (and `model`, when given) must outlive the tagger. Without a model
  // the rules decide alone.
  explicit EntityTagger(const KnowledgeBase* kb, const names::NameModel* model = nullptr)
      : kb_(kb), model_(model) {}

  // Appends the entity mentions of `text` to `out`, in text order, with
  // code-point offsets from `cps`. `tokens` is Tokenize(text) with
  // sentence_start set per SplitSentences. Fills `rule` when `debug`.
  // `keys` is TokenKeys(text, tokens).
  void Tag(std::string_view text, const std::vector<Token>& tokens,
           const std::vector<std::string>& keys, const CodePointIndex& cps,
           bool debug, ::google::protobuf::RepeatedPtrField<::tidings::v1::EntityMention>* out,
           const std::vector<std::string>* context_names = nullptr) const;
  // The same with keys as views (TokenKeyViews), as the engine calls it.
  void Tag(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
           const CodePointIndex& cps, bool debug,
           ::google::protobuf::RepeatedPtrField<::tidings::v1::EntityMention>* out,
           const std::vector<std::string>* context_names = nullptr) const;
  // `context_names`: full person names known from the thread (authors and
  // person mentions of the parent and root); a lone first or last name that
  // matches one of them ("Dave" for "Dave Brownz") takes it.

  // The rules' candidates alone (no model, no resolution), in text order;
  // names the rules build are kept in *store. For training the model.
  std::vector<NameCandidate> RuleCandidates(std::string_view text, const std::vector<Token>& tokens,
                                            const KeyViews& keys, const DocWords& words,
                                            std::deque<std::string>* store) const;

  const KnowledgeBase* kb() const { return kb_; }

 private:
  const KnowledgeBase* kb_;
  const names::NameModel* model_;
};

// Marks Token::sentence_start on the first word or number token of each sentence.
void MarkSentenceStarts(const std::vector<Sentence>& sentences, std::vector<Token>* tokens);

// The text of tokens [first, end) as a name: words apart in the text joined
// by one space, touching ones glued ("AT&T", "U.S"), hyphens glued
// ("al-Assad").
std::string NameOf(std::string_view text, const std::vector<Token>& tokens, size_t first, size_t end);

// "tidings:" + a lower-case slug of the name: a document-level id.
std::string NameSlug(std::string_view name);

// The passes that add mentions after the tagger (names written in lower
// case: thread_names.h, kb_exact.h). Whether code points [begin, end)
// overlap a mention of `mentions`:
bool OverlapsMention(const ::google::protobuf::RepeatedPtrField<::tidings::v1::EntityMention>& mentions,
                     uint32_t begin, uint32_t end);
// Moves `found` into `out` and keeps `out` in text order (equal begins keep
// their order).
void AddMentionsInOrder(std::vector<::tidings::v1::EntityMention>* found,
                        ::google::protobuf::RepeatedPtrField<::tidings::v1::EntityMention>* out);

}  // namespace tidings::enrich
