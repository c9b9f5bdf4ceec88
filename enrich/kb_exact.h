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

// Whether `key` (a token's key: lower case) is the one-word English name
// of one of ISO 639-2's languages ("swahili", "igbo"; enrich/kb/languages.txt,
// written by enrich/kb/tools/languages.py).
bool IsLanguageName(std::string_view key);

// Whether `key` is a word of the knowledge base's names that is also an
// ordinary lower-case English word ("jersey", "sporting";
// enrich/kb/ordinary_words.txt, written by enrich/kb/tools/ordinary_words.py).
bool OrdinaryWord(std::string_view key);

// A writer who writes names in lower case ("fuel is 1,200 a litre in ikeja",
// "a meltdown on fox news"): at least 6 words, at most one in 20 of them
// written with a capital first and lower case after (read from the start:
// a fourth such word that comes before the 80th word ends the reading, as
// for most texts). The engine then adds the knowledge base's names found
// regardless of case.
bool WritesInLowerCase(std::string_view text, const std::vector<Token>& tokens);

// For a document of such a writer (WritesInLowerCase): appends, in text order
// with `out` kept sorted, knowledge-base matches written all in lower case
// that overlap no mention of `out` ("new york city", "in mumbai", "from
// lagos"). Not those that lower case makes doubtful: one word alone not
// after a place's preposition ("my friend jordan"), a one-word name of a
// person or a people, a curated one-word organisation ("labour"), a
// function word, a month or a weekday, a word under four letters, an
// ordinary English word (enrich/kb/ordinary_words.txt: "jersey",
// "turkey"), a longer name of ordinary words only ("white house"), an alias
// matched only exactly ("NNPC"). Score 0.6; `rule` "kb:<file>:<line>+lowercase"
// when `debug`.
void TagKbNamesInLowerCase(const KnowledgeBase& kb, std::string_view text, const std::vector<Token>& tokens,
                           const KeyViews& keys, const CodePointIndex& cps, bool debug,
                           ::google::protobuf::RepeatedPtrField<::tidings::v1::EntityMention>* out);

}  // namespace tidings::enrich
