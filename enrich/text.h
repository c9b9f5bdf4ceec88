#pragma once
// Text basics for the enricher: UTF-8 decoding, code-point offsets, a
// tokenizer and a sentence splitter tuned for English news and comments
// (curly quotes, dashes, hyphenated Arabic names, abbreviations, numbers).
//
// Everything here is a pure function of its input and thread-safe. Invalid
// UTF-8 never crashes: a bad byte decodes as U+FFFD and counts as one code
// point (callers that need strictness validate first, see IsValidUtf8).

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/utf8.h"

namespace tidings::enrich {

// Decodes the code point at `text[*pos]` and advances *pos past it. A bad or
// truncated sequence yields U+FFFD and advances by one byte. Requires
// *pos < text.size().
char32_t DecodeUtf8Slow(std::string_view text, size_t* pos);
inline char32_t DecodeUtf8(std::string_view text, size_t* pos) {
  const unsigned char b = static_cast<unsigned char>(text[*pos]);
  if (b < 0x80) {
    ++*pos;
    return b;
  }
  return DecodeUtf8Slow(text, pos);
}

// True when `text` is well-formed UTF-8 (base/utf8.h).
using base::IsValidUtf8;

// Number of code points in `text` (as DecodeUtf8 counts them).
uint32_t CountCodePoints(std::string_view text);

// Maps byte offsets to code-point offsets and back for one text. The text must
// outlive the index. O(n) to build; lookups O(1). For pure ASCII the maps are
// the identity and take no memory.
class CodePointIndex {
 public:
  explicit CodePointIndex(std::string_view text);

  // Code-point index of the character starting at or containing `byte`;
  // `byte == text.size()` maps to the code-point count.
  uint32_t ToCodePoint(size_t byte) const;
  // Byte offset of code point `cp`; `cp >= count` maps to text.size().
  size_t ToByte(uint32_t cp) const;
  uint32_t size() const { return count_; }

 private:
  // Sparse: for each block of kBlock bytes, the first code point starting at
  // or after the block start (byte offset and code-point index). Lookups
  // decode forward from there (at most kBlock bytes). Built in one pass with
  // an 8-bytes-at-a-time ASCII fast path; ~n/4 bytes of memory unless ascii_.
  static constexpr size_t kBlockBits = 5;
  std::string_view text_;
  size_t bytes_ = 0;
  uint32_t count_ = 0;
  bool ascii_ = true;
  // Every non-ASCII sequence well-formed: code points then start exactly at
  // the bytes that are not continuation bytes (counted 8 at a time).
  bool well_formed_ = true;
  std::vector<uint32_t> block_byte_;  // unless ascii_
  std::vector<uint32_t> block_cp_;    // unless ascii_
};

// A sentence as byte offsets into the UTF-8 text and as code-point offsets.
// Leading and trailing white space is excluded; end is exclusive.
struct Sentence {
  size_t begin_byte, end_byte;
  uint32_t begin, end;
};

// Splits `text` into sentences: at '.', '!', '?', '…' (with any closing
// quotes or brackets) followed by white space and a plausible sentence start,
// and at every line break. A full stop after a known abbreviation ("Mr",
// "Dr", "St", "U.S.", a single initial) or inside a number does not end a
// sentence. Never returns empty sentences.
std::vector<Sentence> SplitSentences(std::string_view text);
// The same with an index the caller already has for `text`.
std::vector<Sentence> SplitSentences(std::string_view text, const CodePointIndex& cps);

enum class TokenKind : uint8_t {
  kWord,    // letters and digits with inner apostrophes ("don’t", "Hay'at"); hyphens
            // split words ("al", "-", "Assad") so that names match inside compounds
  kNumber,  // digits with inner , . : / ("1,200", "3.5", "9/11") and ordinals ("21st")
  kPunct,   // a single punctuation or symbol code point
};

// A token as byte offsets. `upper` when the first letter is upper case;
// `all_caps` when every letter is (and there are at least two). The flags
// are bits of one byte: a token stays 12 bytes.
struct Token {
  uint32_t begin_byte, end_byte;
  TokenKind kind;
  bool upper : 1 = false;
  bool all_caps : 1 = false;
  bool sentence_start : 1 = false;  // first word token of a sentence/line
  // A line break ('\n') between the token before (or the text's start)
  // and this one: what NewlineBetween asks of neighbours, kept by Tokenize.
  bool line_break_before : 1 = false;
};

// The bytes of `t` in the text it was cut from.
inline std::string_view TokenText(std::string_view text, const Token& t) {
  return text.substr(t.begin_byte, t.end_byte - t.begin_byte);
}

// Tokenizes `text`. Words keep inner apostrophes (ASCII and U+2019) but a
// possessive "’s" is split off as punctuation tokens; hyphens are their own
// tokens; dotted abbreviations ("U.S.") are one word.
// Spaces and controls (including NUL) are skipped. Bounded: O(n).
std::vector<Token> Tokenize(std::string_view text);

// Character classes on code points (ASCII-fast, Latin-1/Latin Extended aware;
// everything else that is not space or punctuation counts as a letter).
bool IsLetter(char32_t c);
// The lower case of a capital of Latin Extended-A ("Ş" -> "ş", "Ł" -> "ł")
// and of Romanian's comma letters ("Ș" -> "ș"); any other code point as it is
// ("İ", whose lower case is two code points, too).
char32_t LowerLatinExtended(char32_t c);
bool IsUpper(char32_t c);
bool IsDigit(char32_t c);
bool IsSpace(char32_t c);
// Apostrophe-like: ' U+2019 U+2018 U+02BC.
bool IsApostrophe(char32_t c);
// A time zone's abbreviation as a token's key, lower case ("gmt", "est",
// "aedt", "wib"): after a clock time, or in a dateline's brackets where an
// agency would stand.
bool IsTimeZoneKey(std::string_view key);
// Dash-like joining hyphen inside words: '-' U+2010 U+2011.
bool IsHyphen(char32_t c);
// A punctuation token of `text` that begins with such a hyphen. Read for
// most tokens by the name steps: the bytes are compared, nothing decoded
// (U+2010, U+2011 are E2 80 90, E2 80 91).
inline bool IsHyphenToken(std::string_view text, const Token& t) {
  if (t.kind != TokenKind::kPunct) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + t.begin_byte;
  if (p[0] == '-') return true;
  return p[0] == 0xE2 && t.end_byte - t.begin_byte >= 3 && p[1] == 0x80 && (p[2] == 0x90 || p[2] == 0x91);
}
// Token k touches token k - 1.
inline bool Glued(const std::vector<Token>& tokens, size_t k) {
  return k > 0 && k < tokens.size() && tokens[k].begin_byte == tokens[k - 1].end_byte;
}

// Token k is an Arabic article in lower case glued by a hyphen to a
// capitalised word ("al-Shabaab", "el-Sisi", "al-Hashd al-Shaabi"): the
// name's capital is that word's, and the article is the name's (the
// guidelines' "Jabhat al-Nusra"; every gold mention after one begins with it).
// Not after a capitalised word, whose name it goes on ("Dumat al-Jandal").
inline bool ArticleBeforeCapital(std::string_view text, const std::vector<Token>& tokens, size_t k) {
  if (k + 2 >= tokens.size() || tokens[k].upper || tokens[k].end_byte - tokens[k].begin_byte != 2 ||
      (k > 0 && tokens[k - 1].kind == TokenKind::kWord && tokens[k - 1].upper))
    return false;
  const char a = text[tokens[k].begin_byte], l = text[tokens[k].begin_byte + 1];
  return (a == 'a' || a == 'e') && l == 'l' && tokens[k + 1].end_byte == tokens[k + 1].begin_byte + 1 &&
         text[tokens[k + 1].begin_byte] == '-' && Glued(tokens, k + 1) && Glued(tokens, k + 2) &&
         tokens[k + 2].kind == TokenKind::kWord && tokens[k + 2].upper;
}

// Token k is an initial: one byte with a full stop glued after it ("G" of
// "G. Thorpe").
inline bool InitialAt(std::string_view text, const std::vector<Token>& tokens, size_t k) {
  return k + 1 < tokens.size() && tokens[k].end_byte - tokens[k].begin_byte == 1 &&
         TokenText(text, tokens[k + 1]) == "." && Glued(tokens, k + 1);
}

// The value of `s` when it is ASCII digits only, nine at most ("88"); -1
// otherwise ("2e", "1,200", "").
inline int WholeNumber(std::string_view s) {
  if (s.empty() || s.size() > 9) return -1;
  int v = 0;
  for (const char ch : s) {
    if (ch < '0' || ch > '9') return -1;
    v = v * 10 + (ch - '0');
  }
  return v;
}

// Whether `s` holds `lower` (lower-case ASCII) in any case. ASCII letters
// are folded in place (no locale call per byte: this reads the head of
// every document).
bool HasIgnoringCase(std::string_view s, std::string_view lower);

// The non-empty lines of `all` (a word list compiled into the binary), as
// views into it.
std::unordered_set<std::string_view> LinesOf(std::string_view all);

}  // namespace tidings::enrich
