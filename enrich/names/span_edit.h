// Editing the name tagger's spans after Viterbi: the helpers the
// post-rules of tagger.cc and tables.cc share.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "enrich/names/features.h"
#include "enrich/text.h"

namespace tidings::enrich::names {

// Whether the line of token k is in title case (a headline's; tagger.cc).
bool TitleCaseLine(std::string_view text, const std::vector<Token>& tokens, size_t k);

// Whether token k is a lower-case noun of a thing named after an event
// ("the Velvet Revolution bar", "the Citizens' Revolution movement").
bool NamedAfterAnEvent(const std::vector<Token>& tokens, const KeyViews& keys, size_t k);

// Nouns after which a hyphenated compound names two ("the Trump-Vance
// ticket", "the Alcaraz-Sinner final"): the key in lower case.
bool IsPairNoun(std::string_view key);

// Token k follows token k - 1 after one space, on the same line (a line
// break between neighbours is the token's line_break_before, as
// NewlineBetween reads it). Inline: the span steps ask it of most tokens.
inline bool SpacedOnLine([[maybe_unused]] std::string_view text, const std::vector<Token>& tokens, size_t k) {
  return k > 0 && k < tokens.size() && tokens[k].begin_byte == tokens[k - 1].end_byte + 1 &&
         !tokens[k].line_break_before;
}
// The same, and token k is a capitalised word.
inline bool CapitalisedNextOnLine(std::string_view text, const std::vector<Token>& tokens, size_t k) {
  return SpacedOnLine(text, tokens, k) && tokens[k].kind == TokenKind::kWord && tokens[k].upper;
}
// *at[k] = the index of the span over token k, -1 where none.
void MapSpans(const std::vector<Span>& spans, size_t n_tokens, std::vector<int32_t>* at);
// Adds spans (each overlapping none of `spans`) in text order, in one merge.
void InsertSpans(std::vector<Span> add, std::vector<Span>* spans);
// Puts spans among `spans` (sorted by first token), in one pass over both:
// each of `add` takes the place of the spans it overlaps, with the largest of their
// margins if larger, unless one of them is the same span (which then stays
// as it is); an added span overlapping an earlier added one is dropped.
void PutSpans(std::vector<Span> add, std::vector<Span>* spans);

// Joins neighbouring spans in one pass: each pair (a, b) that `join`
// accepts becomes the one span it returns, and a joined span is not joined
// again. Linear: no erase in the middle of the vector.
template <typename JoinFn>
void JoinNeighbours(std::vector<Span>* spans, const JoinFn& join) {
  std::vector<Span>& s = *spans;
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    if (i + 1 < s.size()) {
      if (const std::optional<Span> m = join(s[i], s[i + 1])) {
        s[w++] = *m;
        i += 2;
        continue;
      }
    }
    s[w++] = s[i++];
  }
  s.resize(w);
}

}  // namespace tidings::enrich::names
