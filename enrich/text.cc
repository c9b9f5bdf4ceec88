#include "enrich/text.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstring>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tidings::enrich {

char32_t DecodeUtf8Slow(std::string_view s, size_t* pos) {
  char32_t cp = 0;
  const size_t n = base::DecodeUtf8At(s, *pos, &cp);
  *pos += n == 0 ? 1 : n;
  return n == 0 ? char32_t{0xFFFD} : cp;
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
        const size_t at = i;
        if (DecodeUtf8Slow(text, &i) == 0xFFFD && i == at + 1) well_formed_ = false;
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
  if (well_formed_) {
    // Code points starting in [s, byte], minus one.
    const auto* p = reinterpret_cast<const unsigned char*>(text_.data());
    const size_t stop = byte + 1;
    size_t k = s, continuation = 0;
    for (; stop - k >= 8; k += 8) {
      uint64_t w;
      std::memcpy(&w, p + k, 8);
      const uint64_t marks = (w & ~(w << 1) & 0x8080808080808080ull) >> 7;  // 1 per byte
      continuation += static_cast<size_t>((marks * 0x0101010101010101ull) >> 56);
    }
    for (; k < stop; ++k) continuation += (p[k] & 0xC0) == 0x80;
    return c + static_cast<uint32_t>(stop - s - continuation) - 1;
  }
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

char32_t LowerLatinExtended(char32_t c) {
  if (c == 0x130) return c;  // "İ": its lower case is "i" and a combining dot
  if (c >= 0x100 && c <= 0x137) return (c & 1) ? c : c + 1;
  if (c >= 0x139 && c <= 0x148) return (c & 1) ? c + 1 : c;
  if (c >= 0x14A && c <= 0x177) return (c & 1) ? c : c + 1;
  if (c == 0x178) return 0xFF;
  if (c >= 0x179 && c <= 0x17E) return (c & 1) ? c + 1 : c;
  if (c >= 0x218 && c <= 0x21B) return (c & 1) ? c : c + 1;
  if (c == 0x1A0 || c == 0x1AF) return c + 1;  // "Ơ", "Ư"
  // Latin Extended Additional: capitals even, each before its small letter
  // ("Ộ", "Ḥ"; not U+1E96..U+1E9F).
  if (c >= 0x1E00 && c <= 0x1EFF && (c < 0x1E96 || c > 0x1E9F)) return (c & 1) ? c : c + 1;
  return c;
}

bool IsUpper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
  if (c == 0x130) return true;                                     // "İ"
  if (c >= 0x100 && c <= 0x21B) return LowerLatinExtended(c) != c;  // Latin Extended-A, "Ș", "Ț", "Ơ", "Ư"
  if (c >= 0x1E00 && c <= 0x1EFF) return LowerLatinExtended(c) != c;  // Vietnamese "Ộ", "Ḥ"
  if (c >= 0x391 && c <= 0x3A9) return true;          // Greek
  if (c >= 0x400 && c <= 0x42F) return true;          // Cyrillic
  return false;
}

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x2BC; }

bool IsTimeZoneKey(std::string_view z) {
  return z == "gmt" || z == "utc" || z == "bst" || z == "est" || z == "edt" || z == "cet" || z == "cest" ||
         z == "et" || z == "pt" || z == "ct" || z == "mt" || z == "pst" || z == "pdt" || z == "cst" || z == "cdt" ||
         z == "mst" || z == "mdt" || z == "eet" || z == "eest" || z == "msk" || z == "ist" || z == "jst" ||
         z == "hkt" || z == "sgt" || z == "aest" || z == "aedt" || z == "sast" || z == "eat" || z == "wat" ||
         z == "wib";
}
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

// Byte classes for SplitSentences (see there).
enum : unsigned char {
  kSplitText,   // sentence content: other ASCII, continuation bytes, other lead and bad bytes
  kSplitSkip,   // ' ', '\t', '\f', '\v' and NUL: neither content nor a break
  kSplitStop,   // '.', '!', '?'
  kSplitBreak,  // '\n', '\r'
  kSplitLead,   // C2, E2, E3, EF: may start a Unicode space, line break or '…'
};
constexpr std::array<unsigned char, 256> kSplitClass = [] {
  std::array<unsigned char, 256> t{};
  t[' '] = t['\t'] = t['\f'] = t['\v'] = t[0] = kSplitSkip;
  t['.'] = t['!'] = t['?'] = kSplitStop;
  t['\n'] = t['\r'] = kSplitBreak;
  t[0xC2] = t[0xE2] = t[0xE3] = t[0xEF] = kSplitLead;
  return t;
}();

// Bytes at which SplitSentences' bulk scan stops: a superset of the break,
// stop and lead bytes that is cheap to test 16 at a time (bytes <= 0x0D,
// bytes >= 0xC2, '.', '!', '?').
constexpr std::array<bool, 256> kSplitScanStop = [] {
  std::array<bool, 256> t{};
  for (int b = 0; b < 256; ++b) t[b] = b <= 0x0D || b >= 0xC2 || b == '.' || b == '!' || b == '?';
  return t;
}();

// ASCII letters and '.': the word before a full stop.
constexpr std::array<bool, 256> kLetterOrDot = [] {
  std::array<bool, 256> t{};
  for (int b = 'A'; b <= 'Z'; ++b) t[b] = t[b | 0x20] = true;
  t['.'] = true;
  return t;
}();

// The first byte at or after `i` (<= n) in kSplitScanStop, or n.
inline size_t NextSplitStop(const unsigned char* p, size_t i, size_t n) {
#if defined(__SSE2__) && !defined(TIDINGS_NO_SIMD)
  // v + 0x3E (mod 256) maps C2..FF to 00..3D and 00..0D to 3E..4B, all else above.
  const __m128i bias = _mm_set1_epi8(0x3E), limit = _mm_set1_epi8(0x4B);
  const __m128i dot = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!'), ques = _mm_set1_epi8('?');
  while (n - i >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i t = _mm_add_epi8(v, bias);
    __m128i m = _mm_cmpeq_epi8(_mm_min_epu8(t, limit), t);
    m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, dot),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, bang), _mm_cmpeq_epi8(v, ques))));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(m));
    if (mask != 0) return i + static_cast<size_t>(std::countr_zero(mask));
    i += 16;
  }
#endif
  while (i < n && !kSplitScanStop[p[i]]) ++i;
  return i;
}

// What the kSplitLead byte at p[i] starts, as SplitSentences decodes it.
enum class SplitLead : unsigned char { kText, kSpace, kBreak, kEllipsis };
// The third bytes of E2 80 xx that are spaces: U+2000..U+200B, U+202F.
constexpr uint64_t kE280Spaces = 0xFFFull | (uint64_t{1} << 0x2F);
inline SplitLead ClassifyLead(const unsigned char* p, size_t i, size_t n) {
  // Each of these is a well-formed sequence, so the bytes alone decide (a
  // lead byte always starts a code point for DecodeUtf8).
  if (n - i < 2) return SplitLead::kText;
  const unsigned char b1 = p[i + 1];
  if (p[i] == 0xC2) return b1 == 0xA0 ? SplitLead::kSpace : SplitLead::kText;  // U+00A0
  if (n - i < 3) return SplitLead::kText;
  const unsigned char b2 = p[i + 2];
  if (p[i] == 0xE2) {
    if (b1 == 0x80) {
      if (b2 == 0xA6) return SplitLead::kEllipsis;                         // U+2026
      if (b2 == 0xA8 || b2 == 0xA9) return SplitLead::kBreak;              // U+2028, U+2029
      if (b2 >= 0x80 && b2 < 0xC0 && ((kE280Spaces >> (b2 - 0x80)) & 1)) return SplitLead::kSpace;
      return SplitLead::kText;
    }
    return b1 == 0x81 && b2 == 0x9F ? SplitLead::kSpace : SplitLead::kText;  // U+205F
  }
  if (p[i] == 0xE3) return b1 == 0x80 && b2 == 0x80 ? SplitLead::kSpace : SplitLead::kText;  // U+3000
  return b1 == 0xBB && b2 == 0xBF ? SplitLead::kSpace : SplitLead::kText;  // EF: U+FEFF
}

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
  out.reserve(n / 128 + 4);  // news: a sentence per ~90 bytes
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
    unsigned char cls = kSplitClass[p[i]];
    if (cls == kSplitSkip) {  // NUL decodes as 0: skipped like a space
      ++i;
      continue;
    }
    if (cls == kSplitBreak) {
      close(last_nonspace_end);
      ++i;
      continue;
    }
    const size_t cs = i;
    char32_t c = 0;
    if (cls == kSplitLead) {
      switch (ClassifyLead(p, i, n)) {
        case SplitLead::kSpace:
          i += p[i] == 0xC2 ? 2 : 3;
          continue;
        case SplitLead::kBreak:
          close(last_nonspace_end);
          i += 3;
          continue;
        case SplitLead::kEllipsis:
          c = 0x2026;
          i += 3;
          break;
        case SplitLead::kText:
          cls = kSplitText;
          break;
      }
    } else if (cls == kSplitStop) {
      c = p[i];
      ++i;
    }
    if (cls == kSplitText) {
      // A run of content and skipped bytes up to the next break, stop or
      // Unicode space, line break or '…'. Every code point in it starts at a
      // byte the run covers, so the last content code point ends after the
      // run's last byte that is not skipped.
      if (start == std::string_view::npos) start = i;
      size_t r = i + 1;
      while (true) {
        r = NextSplitStop(p, r, n);
        if (r == n) break;
        const unsigned char k = kSplitClass[p[r]];
        if (k == kSplitText || k == kSplitSkip ||
            (k == kSplitLead && ClassifyLead(p, r, n) == SplitLead::kText)) {
          ++r;
          continue;
        }
        break;
      }
      size_t e = r;
      while (kSplitClass[p[e - 1]] == kSplitSkip) --e;
      last_nonspace_end = e;
      i = r;
      continue;
    }
    if (start == std::string_view::npos) start = cs;
    last_nonspace_end = i;
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
      while (w > 0 && kLetterOrDot[p[w - 1]]) --w;
      if (IsAbbreviation(text.substr(w, cs - w)) && !(k >= n || next == '\n')) continue;
    }
    last_nonspace_end = j;
    close(j);
    i = j;
  }
  close(last_nonspace_end);
  return out;
}

namespace {

// First bytes of a token for Tokenize: what the byte starts (or that it is
// skipped), so that ASCII never goes through the decoder.
enum : unsigned char {
  kStartLower,     // a-z
  kStartUpper,     // A-Z
  kStartDigit,     // 0-9
  kStartSkip,      // ASCII space or control other than '\n', and NUL
  kStartNewline,   // '\n'
  kStartPunct,     // other printable ASCII and DEL
  kStartStop,      // . ! ? : (a punctuation token after which a sentence starts)
  kStartNonAscii,  // decoded
};
constexpr std::array<unsigned char, 256> kStartClass = [] {
  std::array<unsigned char, 256> t{};
  for (int b = 0; b < 256; ++b) {
    unsigned char c = kStartNonAscii;
    if (b <= 0x20) c = kStartSkip;
    else if (b < 0x80) c = kStartPunct;
    if (b >= 'a' && b <= 'z') c = kStartLower;
    if (b >= 'A' && b <= 'Z') c = kStartUpper;
    if (b >= '0' && b <= '9') c = kStartDigit;
    if (b == '.' || b == '!' || b == '?' || b == ':') c = kStartStop;
    t[b] = c;
  }
  t['\n'] = kStartNewline;
  return t;
}();

// For each of the 8 bytes of `w` (in memory order), the high bit set when
// the byte is not an ASCII lower-case letter.
inline uint64_t NotLower8(uint64_t w) {
  constexpr uint64_t k01 = 0x0101010101010101ull, k80 = 0x8080808080808080ull;
  const uint64_t x = w & ~k80;  // high bits cleared: the sums cannot carry
  return ((x + 0x05 * k01) | ~(x + 0x1F * k01) | w) & k80;  // lower: 0x61 <= x <= 0x7A
}

// Letters among the code points of text[begin, end), counted up to 2.
int LettersUpTo2(std::string_view text, size_t begin, size_t end) {
  int letters = 0;
  size_t k = begin;
  while (k < end && letters < 2) letters += IsLetter(DecodeUtf8(text, &k)) ? 1 : 0;
  return letters;
}

// The code point at text[p] (0 past the end); *after: the byte after it.
inline char32_t PeekAt(std::string_view text, size_t p, size_t* after) {
  if (p >= text.size()) {
    *after = p;
    return 0;
  }
  return DecodeUtf8(text, &(*after = p));
}

// The rest of a word or number token from `end` (after its first code point
// at `cs`): runs of ASCII letters and digits joined by what the decoding
// look-ahead accepts. Returns the token end; clears *all_caps on a lower-case
// letter; sets *two_letters when a dotted abbreviation ends the token.
// `letters` of the rules is counted only where needed (LettersUpTo2).
[[gnu::noinline]] size_t ScanWord(std::string_view text, size_t cs, size_t end, bool number,
                                  bool c_upper, bool* all_caps, bool* two_letters) {
  const size_t n = text.size();
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  auto peek = [text](size_t p, size_t* after) { return PeekAt(text, p, after); };
  while (end < n) {
    // A run of ASCII letters and digits.
    unsigned char cls;
    unsigned char seen = 0;
    while (end < n && (cls = kAsciiAlnum[bytes[end]]) != 0) {
      seen |= cls;
      ++end;
    }
    if (seen & kAlnumLower) *all_caps = false;
    if (end >= n) break;
    // Any other ASCII byte ends the token unless it can join
    // (number separators, apostrophe, the dot of "U.S.").
    if (!kMayJoin[bytes[end]]) break;
    size_t a1;
    char32_t d = peek(end, &a1);
    if (IsLetter(d) || IsDigit(d)) {
      if (IsLetter(d) && !IsUpper(d)) *all_caps = false;
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
    if (d == '.' && !number && IsLetter(e) && end - cs <= 8 && LettersUpTo2(text, cs, end) == 1) {
      size_t a3;
      char32_t f = peek(a2, &a3);
      // "U.S" without the final stop, when both letters are capitals ("the
      // U.S and its allies", "the U.S, Russia").
      bool bare = c_upper && IsUpper(e) && !IsLetter(f) && !IsDigit(f) && f != '.';
      if (bare) {
        *two_letters = true;
        return a2;
      }
      if (f == '.') {
        end = a3;
        *two_letters = true;
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
        }
        return end;
      }
    }
    break;
  }
  return end;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> out;
  const size_t n = text.size();
  // Prose has a token every 4-5 bytes; lists and figures more often: room
  // for one every 3 bytes spares most documents a reallocation and copy.
  out.reserve(n / 3 + 16);
  bool line_break = false;  // a '\n' since the last token
  auto put = [&out, &line_break](size_t begin, size_t end, TokenKind kind, bool upper, bool all_caps,
                                 bool sentence_start) {
    out.push_back(Token{static_cast<uint32_t>(begin), static_cast<uint32_t>(end), kind, upper,
                        all_caps, sentence_start, line_break});
    line_break = false;
  };
  const auto* const bytes = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = 0;
  bool at_sentence_start = true;
  while (i < n) {
    const unsigned char cls = kStartClass[bytes[i]];
    const size_t cs = i;
    if (cls <= kStartDigit) {
      // An ASCII letter or digit starts a word or number. Lower-case letters
      // 8 at a time, then letters and digits one by one; the rare joins and
      // look-ahead in ScanWord.
      const bool c_upper = cls == kStartUpper, number = cls == kStartDigit;
      bool lower = false;
      size_t end = cs + 1;
      while (true) {
        if (n - end >= 8) {
          uint64_t w;
          std::memcpy(&w, bytes + end, 8);
          const uint64_t stop = NotLower8(w);
          const size_t k = stop == 0 ? 8 : static_cast<size_t>(std::countr_zero(stop)) >> 3;
          lower |= k != 0;
          end += k;
          if (k == 8) continue;
        } else if (end >= n) {
          break;
        }
        const unsigned char cl = kAsciiAlnum[bytes[end]];
        if (cl == 0) break;
        lower |= (cl & kAlnumLower) != 0;
        ++end;
      }
      bool all_caps = c_upper && !lower;
      bool two_letters = false;
      if (end < n && kMayJoin[bytes[end]]) {
        end = ScanWord(text, cs, end, number, c_upper, &all_caps, &two_letters);
      }
      all_caps = all_caps && (two_letters || LettersUpTo2(text, cs, end) >= 2);
      put(cs, end, number ? TokenKind::kNumber : TokenKind::kWord, c_upper, all_caps,
                   at_sentence_start);
      at_sentence_start = false;
      // The common separator, taken here.
      i = end + (end < n && bytes[end] == ' ');
      continue;
    }
    switch (cls) {
      case kStartSkip:
        ++i;
        continue;
      case kStartNewline:
        ++i;
        at_sentence_start = true;
        line_break = true;
        continue;
      case kStartPunct:
      case kStartStop:
        ++i;
        put(cs, i, TokenKind::kPunct, false, false, false);
          if (cls == kStartStop) at_sentence_start = true;
        continue;
      default: {  // non-ASCII
        size_t after = i;  // (i itself never has its address taken)
        const char32_t c = DecodeUtf8(text, &after);
        i = after;
        if (IsSpace(c)) continue;  // (a decoded code point is never NUL or a control)
        if (!IsLetter(c)) {
          put(cs, i, TokenKind::kPunct, false, false, false);
              if (c == 0x2026) at_sentence_start = true;
          continue;
        }
        const bool c_upper = IsUpper(c);
        bool all_caps = c_upper;
        bool two_letters = false;
        const size_t end = ScanWord(text, cs, i, false, c_upper, &all_caps, &two_letters);
        all_caps = all_caps && (two_letters || LettersUpTo2(text, cs, end) >= 2);
        put(cs, end, TokenKind::kWord, c_upper, all_caps, at_sentence_start);
          at_sentence_start = false;
        i = end;
        continue;
      }
    }
  }
  return out;
}

std::unordered_set<std::string_view> LinesOf(std::string_view all) {
  std::unordered_set<std::string_view> w;
  for (size_t p = 0; p < all.size();) {
    size_t e = all.find('\n', p);
    if (e == std::string_view::npos) e = all.size();
    if (e > p) w.insert(all.substr(p, e - p));
    p = e + 1;
  }
  return w;
}

bool HasIgnoringCase(std::string_view s, std::string_view lower) {
  auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; };
  for (size_t p = 0; p + lower.size() <= s.size(); ++p) {
    if (fold(s[p]) != lower[0]) continue;
    size_t k = 1;
    while (k < lower.size() && fold(s[p + k]) == lower[k]) ++k;
    if (k == lower.size()) return true;
  }
  return false;
}

}  // namespace tidings::enrich
