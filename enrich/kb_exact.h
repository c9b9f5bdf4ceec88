#pragma once
// Entity tagging for text the English rules do not apply to (a document in
// German, Arabic, ...): knowledge-base names written exactly as in the
// knowledge base, nothing else. No capitalised-run heuristics, no cue words,
// no in-document resolution: those read English.
//
// Stateless; thread-safe as the knowledge base is.

#include <vector>

#include "enrich/kb.h"
#include "enrich/text.h"
#include "tidings/v1/enriched.pb.h"

namespace tidings::enrich {

// Appends to `out`, in text order and without overlaps, the longest
// exact-case knowledge-base matches (KnowledgeBase::LongestExactCaseMatch),
// scanned left to right, each with the entity's name, id and type, score
// 0.95 and code-point offsets from `cps`; `rule` ("kb:<file>:<line>+exact")
// when `debug`. `tokens` is Tokenize(text), `keys` TokenKeyViews of them.
void TagExactKbNames(const KnowledgeBase& kb, std::string_view text,
                     const std::vector<Token>& tokens, const KeyViews& keys,
                     const CodePointIndex& cps, bool debug,
                     ::google::protobuf::RepeatedPtrField<::tidings::v1::EntityMention>* out);

}  // namespace tidings::enrich
