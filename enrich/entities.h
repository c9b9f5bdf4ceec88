#pragma once
// Entity tagging: knowledge-base matches (longest match, case rules), names
// the knowledge base does not know (capitalised sequences with connectors,
// typed by cues), and in-document resolution of partial names.
//
// Immutable after construction; Tag() is const and thread-safe.

#include <vector>

#include "enrich/kb.h"
#include "enrich/text.h"
#include "tidings/v1/enriched.pb.h"

namespace tidings::enrich {

class EntityTagger {
 public:
  // `kb` must outlive the tagger.
  explicit EntityTagger(const KnowledgeBase* kb) : kb_(kb) {}

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

 private:
  const KnowledgeBase* kb_;
};

// Marks Token::sentence_start on the first word or number token of each sentence.
void MarkSentenceStarts(const std::vector<Sentence>& sentences, std::vector<Token>* tokens);

}  // namespace tidings::enrich
