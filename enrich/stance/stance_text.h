#pragma once
// Word tokens and sentences for the stance tagger, with the state stance
// needs and the general tokenizer does not keep: lower-cased forms, quotation
// state (inside “...”, "..." or ‘...’ and the length of that quotation),
// and code-point offsets. Pure functions; thread-safe.
//
// Words are views, not strings: into the text itself where the form is the
// text as written (ASCII words; a lower-case ASCII word is its own norm), else
// into the TokenizedText's own buffer. The text must outlive the result.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tidings::enrich::stance {

// One word. Hyphens split words ("so-called" -> "so", "called"); inner
// apostrophes stay ("don't", typographic ’ folded to '); a possessive 's is
// dropped ("Russia’s" -> "russia", possessive = true).
struct WordToken {
  std::string_view norm;   // lower-cased, apostrophes folded
  std::string_view raw;    // as written (possessive dropped)
  uint32_t begin = 0;      // code points into the text, end exclusive
  uint32_t end = 0;
  uint32_t sentence = 0;   // index into the sentence list
  uint32_t quote_len = 0;  // words in the enclosing quotation; 0 = not quoted
  bool possessive = false;
};

// A sentence as code-point offsets, end exclusive, white space trimmed, and
// the range of its words [first_token, end_token).
struct StanceSentence {
  uint32_t begin = 0, end = 0;
  uint32_t first_token = 0, end_token = 0;
  bool question = false;   // ends with '?'
  bool quoted_line = false;  // the line starts with a quote mark or '>'
};

struct TokenizedText {
  std::vector<WordToken> tokens;
  std::vector<StanceSentence> sentences;
  // Backing store of the word forms that are not slices of the text. A
  // vector keeps its buffer when moved, so the views survive a move; a copy
  // would not, hence move-only.
  std::vector<char> chars;

  TokenizedText() = default;
  TokenizedText(TokenizedText&&) = default;
  TokenizedText& operator=(TokenizedText&&) = default;
  TokenizedText(const TokenizedText&) = delete;
  TokenizedText& operator=(const TokenizedText&) = delete;
};

// Splits `text` (UTF-8; bad bytes count as one code point) into sentences
// at . ! ? followed by white space, and at line breaks; then into words.
// Quotation state resets at a blank line. The words view `text`: keep it
// alive (and unchanged) while the result is used.
TokenizedText Tokenize(std::string_view text);

// The normalised words of a phrase as Tokenize would produce them.
std::vector<std::string> PhraseWords(std::string_view phrase);

}  // namespace tidings::enrich::stance
