#include "enrich/text.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

namespace tidings::enrich {

char32_t DecodeUtf8Slow(std::string_view s, size_t* pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = *pos;
  const size_t n = s.size();
  unsigned char c = p[i];
  if (c < 0x80) {
    *pos = i + 1;
    return c;
  }
  int len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    *pos = i + 1;
    return 0xFFFD;
  }
  if (i + len > n) {
    *pos = i + 1;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    unsigned char cc = p[i + k];
    if ((cc & 0xC0) != 0x80) {
      *pos = i + 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    *pos = i + 1;
    return 0xFFFD;
  }
  *pos = i + len;
  return cp;
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t before = i;
    char32_t c = DecodeUtf8(s, &i);
    if (c == 0xFFFD && i == before + 1) return false;
  }
  return true;
}

uint32_t CountCodePoints(std::string_view s) {
  uint32_t n = 0;
  size_t i = 0;
  while (i < s.size()) {
    DecodeUtf8(s, &i);
    ++n;
  }
  return n;
}

namespace {

// True when the 8 bytes at p are all ASCII.
inline bool Ascii8(const unsigned char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return (w & 0x8080808080808080ull) == 0;
}

// True when all 8 bytes are printable ASCII or ' ' and none is '.', '!' or
// '?': bytes SplitSentences passes over inside a run (tabs and the other
// ASCII spaces take the byte loop).
inline bool PlainOrSpace8(const unsigned char* p) {
  constexpr uint64_t k01 = 0x0101010101010101ull, k80 = 0x8080808080808080ull;
  uint64_t w;
  std::memcpy(&w, p, 8);
  if (w & k80) return false;                    // a byte >= 0x80
  if ((w - 0x20 * k01) & ~w & k80) return false;  // a byte < 0x20
  const uint64_t dot = w ^ ('.' * k01), bang = w ^ ('!' * k01), ques = w ^ ('?' * k01);
  return (((dot - k01) & ~dot) | ((bang - k01) & ~bang) | ((ques - k01) & ~ques)) & k80 ? false
                                                                                      : true;
}

}  // namespace

CodePointIndex::CodePointIndex(std::string_view text) : text_(text), bytes_(text.size()) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = bytes_;
  size_t i = 0;
  // ASCII prefix first: pure ASCII texts need no blocks at all.
  while (i + 8 <= n && Ascii8(p + i)) i += 8;
  while (i < n && p[i] < 0x80) ++i;
  if (i == n) {
    count_ = static_cast<uint32_t>(n);
    return;
  }
  ascii_ = false;
  constexpr size_t kBlock = size_t{1} << kBlockBits;
  const size_t blocks = (n + kBlock - 1) >> kBlockBits;
  block_byte_.reserve(blocks);
  block_cp_.reserve(blocks);
  // Everything before the ASCII prefix's last whole block is one code point per byte.
  size_t first_block = i >> kBlockBits;
  for (size_t b = 0; b < first_block; ++b) {
    block_byte_.push_back(static_cast<uint32_t>(b << kBlockBits));
    block_cp_.push_back(static_cast<uint32_t>(b << kBlockBits));
  }
  i = first_block << kBlockBits;
  uint32_t cp = static_cast<uint32_t>(i);
  for (size_t b = first_block; b < blocks; ++b) {
    const size_t block_end = std::min(n, (b + 1) << kBlockBits);
    block_byte_.push_back(static_cast<uint32_t>(i));
    block_cp_.push_back(cp);
    while (i < block_end) {
      if (i + 8 <= block_end && Ascii8(p + i)) {
        i += 8;
        cp += 8;
      } else if (p[i] < 0x80) {
        ++i;
        ++cp;
      } else {
        DecodeUtf8Slow(text, &i);
        ++cp;
      }
    }
  }
  count_ = cp;
}

uint32_t CodePointIndex::ToCodePoint(size_t byte) const {
  if (byte >= bytes_) return count_;
  if (ascii_) return static_cast<uint32_t>(byte);
  const size_t b = byte >> kBlockBits;
  size_t s = block_byte_[b];
  uint32_t c = block_cp_[b];
  if (s > byte) return c - 1;  // inside a character that began in the block before
  // A block with as many code points as bytes is one code point per byte.
  const bool last = b + 1 == block_byte_.size();
  const size_t next_s = last ? bytes_ : block_byte_[b + 1];
  const uint32_t next_c = last ? count_ : block_cp_[b + 1];
  if (next_s - s == next_c - c) return c + static_cast<uint32_t>(byte - s);
  while (true) {
    size_t next = s;
    DecodeUtf8(text_, &next);
    if (next > byte) return c;
    s = next;
    ++c;
  }
}

size_t CodePointIndex::ToByte(uint32_t cp) const {
  if (cp >= count_) return bytes_;
  if (ascii_) return cp;
  // The last block whose first code point is <= cp.
  auto it = std::upper_bound(block_cp_.begin(), block_cp_.end(), cp);
  const size_t b = static_cast<size_t>(it - block_cp_.begin()) - 1;
  size_t s = block_byte_[b];
  for (uint32_t c = block_cp_[b]; c < cp; ++c) DecodeUtf8(text_, &s);
  return s;
}

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0x2028 || c == 0x2029 || c == 0xFEFF;
}

bool IsLetter(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA;
  if (c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, symbols, arrows
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFE00 && c <= 0xFE0F) return false;  // variation selectors
  if (c >= 0xFFF0 && c <= 0xFFFF) return false;  // specials, U+FFFD
  if (c >= 0x1F000) return false;                // emoji and pictographs
  return true;
}

bool IsUpper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
  if (c >= 0x100 && c <= 0x17F) return (c & 1) == 0;  // Latin Extended-A pairs
  if (c >= 0x391 && c <= 0x3A9) return true;          // Greek
  if (c >= 0x400 && c <= 0x42F) return true;          // Cyrillic
  return false;
}

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x2BC; }
bool IsHyphen(char32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }

namespace {

constexpr std::array<std::string_view, 34> kAbbreviations = {
    "mr", "mrs", "ms", "dr", "st", "prof", "gen", "col", "lt", "sgt", "rev", "jr",
    "sr", "vs", "etc", "no", "mt", "capt", "maj", "gov", "sen", "rep", "cpl", "pte",
    "inc", "ltd", "co", "corp", "jan", "feb", "aug", "sept", "oct", "nov"};

bool IsAbbreviation(std::string_view word) {
  if (word.empty()) return false;
  if (word.size() == 1 && word[0] >= 'A' && word[0] <= 'Z') return true;  // initial
  if (word.find('.') != std::string_view::npos) return true;              // U.S, e.g
  if (word.size() > 5) return false;
  std::string lower(word);
  for (auto& c : lower) c = static_cast<char>(c | 0x20);
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) != kAbbreviations.end();
}

bool IsClosing(char32_t c) {
  return c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == ')' || c == ']' ||
         c == 0xBB;
}

bool IsOpening(char32_t c) {
  return c == '"' || c == '\'' || c == 0x201C || c == 0x2018 || c == '(' || c == '[' ||
         c == 0xAB;
}

// ASCII bytes that SplitSentences treats as ordinary sentence content.
constexpr std::array<bool, 256> kPlainAscii = [] {
  std::array<bool, 256> t{};
  for (int b = 1; b < 0x80; ++b) {
    t[b] = !(b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v' ||
             b == '.' || b == '!' || b == '?');
  }
  return t;
}();

// kPlainAscii plus the ASCII spaces that SplitSentences skips (not line breaks).
constexpr std::array<bool, 256> kPlainOrSpace = [] {
  std::array<bool, 256> t = kPlainAscii;
  t[' '] = t['\t'] = t['\f'] = t['\v'] = true;
  return t;
}();

// Bytes after a letter/digit run that may continue the token: non-ASCII, and
// the ASCII number separators, apostrophe and the dot of "U.S.".
constexpr std::array<bool, 256> kMayJoin = [] {
  std::array<bool, 256> t{};
  for (int b = 0x80; b < 0x100; ++b) t[b] = true;
  t[','] = t['.'] = t[':'] = t['/'] = t['\''] = true;
  return t;
}();

// ASCII letters and digits for the tokenizer's word loop.
constexpr unsigned char kAlnumLetter = 1, kAlnumLower = 2, kAlnumDigit = 4;
constexpr std::array<unsigned char, 256> kAsciiAlnum = [] {
  std::array<unsigned char, 256> t{};
  for (int b = 'A'; b <= 'Z'; ++b) t[b] = kAlnumLetter;
  for (int b = 'a'; b <= 'z'; ++b) t[b] = kAlnumLetter | kAlnumLower;
  for (int b = '0'; b <= '9'; ++b) t[b] = kAlnumDigit;
  return t;
}();

}  // namespace

std::vector<Sentence> SplitSentences(std::string_view text) {
  CodePointIndex idx(text);
  return SplitSentences(text, idx);
}

std::vector<Sentence> SplitSentences(std::string_view text, const CodePointIndex& idx) {
  std::vector<Sentence> out;
  const size_t n = text.size();
  size_t start = std::string_view::npos;  // byte start of the open sentence
  size_t last_nonspace_end = 0;
  auto close = [&](size_t end) {
    if (start != std::string_view::npos && end > start) {
      out.push_back({start, end, idx.ToCodePoint(start), idx.ToCodePoint(end)});
    }
    start = std::string_view::npos;
  };
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = 0;
  while (i < n) {
    // Fast path: a run of ASCII bytes that are neither space, line break,
    // NUL nor a terminator only extends the open sentence.
    // ASCII spaces inside the run only move i: the run's last ordinary byte
    // ends it for last_nonspace_end.
    if (kPlainAscii[p[i]]) {
      if (start == std::string_view::npos) start = i;
      ++i;
      while (i + 8 <= n && PlainOrSpace8(p + i)) i += 8;
      while (i < n && kPlainOrSpace[p[i]]) ++i;
      size_t e = i;
      while (!kPlainAscii[p[e - 1]]) --e;
      last_nonspace_end = e;
      continue;
    }
    if (p[i] == ' ' || p[i] == '\t' || p[i] == '\f' || p[i] == '\v') {  // ASCII space
      ++i;
      continue;
    }
    size_t cs = i;
    char32_t c = DecodeUtf8(text, &i);
    if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) {
      close(last_nonspace_end);
      continue;
    }
    if (IsSpace(c) || c == 0) continue;
    if (start == std::string_view::npos) start = cs;
    last_nonspace_end = i;
    if (c != '.' && c != '!' && c != '?' && c != 0x2026) continue;
    // Absorb repeated terminators and closing quotes/brackets.
    size_t j = i;
    while (j < n) {
      size_t k = j;
      char32_t d = DecodeUtf8(text, &k);
      if (d == '.' || d == '!' || d == '?' || d == 0x2026 || IsClosing(d)) {
        j = k;
      } else {
        break;
      }
    }
    if (j < n) {
      size_t k = j;
      char32_t d = DecodeUtf8(text, &k);
      if (!IsSpace(d)) continue;  // "3.5", "U.S.A", "e.g.x"
    }
    // Next non-space character decides.
    size_t k = j;
    char32_t next = 0;
    while (k < n) {
      size_t before = k;
      next = DecodeUtf8(text, &k);
      if (!IsSpace(next) || next == '\n') {
        k = before;
        break;
      }
    }
    bool plausible_start = k >= n || next == '\n' || IsUpper(next) || IsDigit(next) ||
                           IsOpening(next) || (IsLetter(next) && !(next < 0x80));
    if (!plausible_start) continue;
    if (c == '.') {
      // The word before the full stop.
      size_t w = cs;
      while (w > 0) {
        unsigned char b = static_cast<unsigned char>(text[w - 1]);
        if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || b == '.') {
          --w;
        } else {
          break;
        }
      }
      if (IsAbbreviation(text.substr(w, cs - w)) && !(k >= n || next == '\n')) continue;
    }
    last_nonspace_end = j;
    close(j);
    i = j;
  }
  close(last_nonspace_end);
  return out;
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> out;
  const size_t n = text.size();
  out.reserve(n / 4 + 4);
  size_t i = 0;
  bool at_sentence_start = true;
  auto peek = [&](size_t p, size_t* after) -> char32_t {
    if (p >= n) {
      *after = p;
      return 0;
    }
    size_t q = p;
    char32_t c = DecodeUtf8(text, &q);
    *after = q;
    return c;
  };
  while (i < n) {
    if (text[i] == ' ') {  // the common separator
      ++i;
      continue;
    }
    size_t cs = i;
    char32_t c;
    bool c_letter, c_digit, c_upper;
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 > 0x20 && b0 < 0x80) {  // printable ASCII: classified inline
      c = b0;
      ++i;
      c_upper = b0 >= 'A' && b0 <= 'Z';
      c_letter = c_upper || (b0 >= 'a' && b0 <= 'z');
      c_digit = b0 >= '0' && b0 <= '9';
    } else {
      c = DecodeUtf8(text, &i);
      if (IsSpace(c) || c == 0 || (c < 0x20)) {
        if (c == '\n') at_sentence_start = true;
        continue;
      }
      c_letter = IsLetter(c);
      c_digit = IsDigit(c);
      c_upper = IsUpper(c);
    }
    Token t{static_cast<uint32_t>(cs), 0, TokenKind::kPunct};
    if (c_letter || c_digit) {
      bool number = c_digit;
      t.kind = number ? TokenKind::kNumber : TokenKind::kWord;
      t.upper = c_upper;
      bool all_caps = c_upper;
      int letters = c_letter ? 1 : 0;
      size_t end = i;
      const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
      while (end < n) {
        // Fast path: a run of ASCII letters and digits.
        unsigned char cls;
        unsigned char seen = 0;
        while (end < n && (cls = kAsciiAlnum[bytes[end]]) != 0) {
          letters += cls & kAlnumLetter;
          seen |= cls;
          ++end;
        }
        if (seen & kAlnumLower) all_caps = false;
        if (end >= n) break;
        const unsigned char b = bytes[end];
        // Any other ASCII byte ends the token unless it can join
        // (number separators, apostrophe, the dot of "U.S.").
        if (!kMayJoin[b]) break;
        size_t a1;
        char32_t d = peek(end, &a1);
        if (IsLetter(d) || IsDigit(d)) {
          if (IsLetter(d)) {
            ++letters;
            if (!IsUpper(d)) all_caps = false;
          }
          end = a1;
          continue;
        }
        size_t a2;
        char32_t e = peek(a1, &a2);
        if (number && IsDigit(e) && (d == ',' || d == '.' || d == ':' || d == '/')) {
          end = a2;
          continue;
        }
        if (IsApostrophe(d) && IsLetter(e)) {
          // Possessive 's / ’s ends the word; other inner apostrophes stay.
          size_t a3;
          char32_t f = peek(a2, &a3);
          if ((e == 's' || e == 'S') && !IsLetter(f)) break;
          end = a1;
          continue;
        }
        // Dotted abbreviations: U.S., U.N., e.g.
        if (d == '.' && !number && IsLetter(e) && letters == 1 && end - cs <= 8) {
          size_t a3;
          char32_t f = peek(a2, &a3);
          size_t a4;
          char32_t g0 = peek(a3, &a4);
          // "U.S" without the final stop, when both letters are capitals.
          bool bare = c_upper && IsUpper(e) && !IsLetter(f) && !IsDigit(f) && f != '.' &&
                      !(f == 0 && false) && !IsLetter(g0);
          if (bare) {
            end = a2;
            letters = 2;
            break;
          }
          if (f == '.') {
            end = a3;
            letters = 2;
            // Continue for U.S.A.
            while (true) {
              size_t b1, b2;
              char32_t g = peek(end, &b1);
              char32_t h = peek(b1, &b2);
              if (IsLetter(g) && h == '.') {
                end = b2;
              } else {
                break;
              }
              (void)g;
            }
            break;
          }
        }
        break;
      }
      t.end_byte = static_cast<uint32_t>(end);
      t.all_caps = all_caps && letters >= 2;
      i = end;
    } else {
      t.end_byte = static_cast<uint32_t>(i);
    }
    t.sentence_start = at_sentence_start && t.kind != TokenKind::kPunct;
    if (t.kind != TokenKind::kPunct) {
      at_sentence_start = false;
    } else if (c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ':') {
      at_sentence_start = true;
    }
    out.push_back(t);
  }
  return out;
}

}  // namespace tidings::enrich
