#include "enrich/stance/stance_text.h"

#include <array>
#include <cctype>

#include <unicode/uchar.h>

#if defined(__SSE2__) && !defined(TIDINGS_NO_SIMD)
#include <emmintrin.h>
#endif

namespace tidings::enrich::stance {
namespace {

// Decodes one code point at text[*pos], advancing *pos; U+FFFD on bad bytes.
char32_t Decode(std::string_view s, size_t* pos) {
  const auto b0 = static_cast<unsigned char>(s[*pos]);
  if (b0 < 0x80) {
    ++*pos;
    return b0;
  }
  int n = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC0 ? 1 : -1;
  if (n < 0 || *pos + static_cast<size_t>(n) >= s.size()) {
    ++*pos;
    return 0xFFFD;
  }
  char32_t cp = b0 & (0x3F >> n);
  for (int i = 1; i <= n; ++i) {
    const auto b = static_cast<unsigned char>(s[*pos + static_cast<size_t>(i)]);
    if ((b & 0xC0) != 0x80) {
      ++*pos;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  *pos += static_cast<size_t>(n) + 1;
  return cp;
}

void AppendUtf8(std::vector<char>& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsWordChar(char32_t c) { return c < 0x80 ? (std::isalnum(static_cast<int>(c)) != 0) : u_isalnum(static_cast<UChar32>(c)); }
bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }
bool IsOpenQuote(char32_t c) { return c == 0x201C || c == 0x2018 || c == 0x00AB; }
bool IsCloseQuote(char32_t c) { return c == 0x201D || c == 0x00BB; }
bool IsSpace(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == 0xA0 || c == '\n'; }

// Character classes of the tokenizer, one byte per code point.
enum : uint8_t {
  kWord = 1,        // IsWordChar
  kUpperAscii = 2,  // A-Z
  kNonAscii = 4,    // >= 0x80
  kApos = 8,        // IsApostrophe
  kQuoteish = 16,   // may change quotation state (phase 2): \n " and the curly quotes
  kBreakish = 32,   // may end a sentence (phase 1): \n . ! ? …
};

constexpr std::array<uint8_t, 128> MakeAsciiClasses() {
  std::array<uint8_t, 128> t{};
  for (int c = 0; c < 128; ++c) {
    uint8_t k = 0;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) k |= kWord;
    if (c >= 'A' && c <= 'Z') k |= kUpperAscii;
    if (c == '\'') k |= kApos;
    if (c == '\n' || c == '"') k |= kQuoteish;
    if (c == '\n' || c == '.' || c == '!' || c == '?') k |= kBreakish;
    t[static_cast<size_t>(c)] = k;
  }
  return t;
}
constexpr std::array<uint8_t, 128> kAsciiClasses = MakeAsciiClasses();

uint8_t ClassOf(char32_t c) {
  if (c < 0x80) return kAsciiClasses[c];
  uint8_t k = kNonAscii;
  // General Punctuation (U+2000-206F: spaces, dashes, quotes, …) has no
  // letter or digit.
  if ((c < 0x2000 || c > 0x206F) && IsWordChar(c)) k |= kWord;
  if (IsApostrophe(c)) k |= kApos;
  if (IsOpenQuote(c) || IsCloseQuote(c) || c == 0x2019) k |= kQuoteish;
  if (c == 0x2026) k |= kBreakish;
  return k;
}

// Classes by byte: the ASCII classes, and kHighByte for a byte that starts
// (or is) a code point of its own that must be decoded.
constexpr uint8_t kHighByte = 64;
constexpr std::array<uint8_t, 256> MakeByteClasses() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) t[static_cast<size_t>(c)] = c < 128 ? kAsciiClasses[static_cast<size_t>(c)] : kHighByte;
  return t;
}
constexpr std::array<uint8_t, 256> kByteClasses = MakeByteClasses();

// The code point at byte `p` and the byte after it.
struct Unit {
  char32_t cp;
  size_t next;
};
inline Unit At(std::string_view s, size_t p) {
  const auto b = static_cast<unsigned char>(s[p]);
  if (b < 0x80) return {b, p + 1};
  size_t q = p;
  const char32_t c = Decode(s, &q);
  return {c, q};
}

// Where the code point that ends at byte `p` (> 0, a code point boundary)
// starts. Bytes below 0x80 and from 0xC0 always start a code point; a
// continuation byte belongs to the lead byte up to 3 bytes before it only if
// that lead's code point ends at `p`, else it is a bad byte of its own.
size_t Prev(std::string_view s, size_t p) {
  const auto b = static_cast<unsigned char>(s[p - 1]);
  if (b < 0x80 || b >= 0xC0) return p - 1;
  for (size_t q = p - 1; q > 0 && p - q < 4;) {
    --q;
    const auto l = static_cast<unsigned char>(s[q]);
    if (l < 0x80) break;
    if (l >= 0xC0) {
      size_t e = q;
      Decode(s, &e);
      return e == p ? q : p - 1;
    }
  }
  return p - 1;
}

// The first byte at or after `p` that is \n . ! ? or not ASCII.
size_t NextBreakCandidate(std::string_view s, size_t p) {
  const char* d = s.data();
  const size_t n = s.size();
#if defined(__SSE2__) && !defined(TIDINGS_NO_SIMD)
  const __m128i nl = _mm_set1_epi8('\n'), dot = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!'),
                ques = _mm_set1_epi8('?');
  for (; p + 16 <= n; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + p));
    const __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, dot)),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, bang), _mm_cmpeq_epi8(v, ques)));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(m, v)));
    if (mask != 0) return p + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; p < n; ++p) {
    const auto b = static_cast<unsigned char>(d[p]);
    if ((kByteClasses[b] & (kBreakish | kHighByte)) != 0) return p;
  }
  return n;
}

// The end of the run of ASCII letters and digits from byte `p`; ORs the
// classes of its bytes (kWord, kUpperAscii) into *any.
inline size_t AsciiWordEnd(const char* d, size_t p, size_t n, uint8_t* any) {
#if defined(__SSE2__) && !defined(TIDINGS_NO_SIMD)
  // A byte is in [lo, lo + len) iff byte + (0x80 - lo) is below -128 + len, signed.
  const __m128i case_bit = _mm_set1_epi8(0x20);
  const __m128i to_a = _mm_set1_epi8(static_cast<char>(0x80 - 'a')), to_A = _mm_set1_epi8(static_cast<char>(0x80 - 'A')),
                to_0 = _mm_set1_epi8(static_cast<char>(0x80 - '0'));
  const __m128i below26 = _mm_set1_epi8(-128 + 26), below10 = _mm_set1_epi8(-128 + 10);
  for (; p + 16 <= n; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + p));
    const __m128i alpha = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, case_bit), to_a), below26);
    const __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, to_0), below10);
    const auto word = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(alpha, digit)));
    auto upper = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(_mm_add_epi8(v, to_A), below26)));
    if (word != 0xFFFF) {
      const auto k = static_cast<unsigned>(__builtin_ctz(~word));
      upper &= (1u << k) - 1;
      if (k > 0) *any |= kWord;
      if (upper != 0) *any |= kUpperAscii;
      return p + k;
    }
    *any |= kWord;
    if (upper != 0) *any |= kUpperAscii;
  }
#endif
  for (; p < n; ++p) {
    const uint8_t f = kByteClasses[static_cast<unsigned char>(d[p])];
    if (!(f & kWord)) break;
    *any |= f;
  }
  return p;
}

// A word goes on at byte `p`, an apostrophe or a byte from 0x80: the byte
// after that code point if the word takes it (ORing its class into *any),
// else `p`. Inner apostrophes stay; a possessive 's ends the word.
[[gnu::noinline]] size_t WordGoesOn(std::string_view s, size_t p, uint8_t* any) {
  const Unit u = At(s, p);
  const uint8_t k = ClassOf(u.cp);
  if (!(k & kWord)) {
    if (!(k & kApos) || u.next >= s.size()) return p;
    const Unit v = At(s, u.next);
    if (!(ClassOf(v.cp) & kWord)) return p;
    if ((v.cp == 's' || v.cp == 'S') && (v.next >= s.size() || !(ClassOf(At(s, v.next).cp) & kWord))) return p;
  }
  *any |= k;
  return u.next;
}

// The end of a possessive 's at byte `p` (an apostrophe or a byte from
// 0x80), else `p`.
[[gnu::noinline]] size_t PossessiveEnd(std::string_view s, size_t p) {
  const Unit u = At(s, p);
  if (u.next >= s.size() || !(ClassOf(u.cp) & kApos)) return p;
  const Unit v = At(s, u.next);
  return v.cp == 's' || v.cp == 'S' ? v.next : p;
}

// Appends the raw and the lower-cased form of the word in bytes [b, e) of
// `s`, apostrophes folded; returns the size of the raw form.
[[gnu::noinline]] size_t AppendForms(std::string_view s, size_t b, size_t e, std::vector<char>& chars) {
  const size_t from = chars.size();
  for (size_t q = b; q < e;) {
    const Unit u = At(s, q);
    AppendUtf8(chars, IsApostrophe(u.cp) ? U'\'' : u.cp);
    q = u.next;
  }
  const size_t raw = chars.size() - from;
  for (size_t q = b; q < e;) {
    const Unit u = At(s, q);
    AppendUtf8(chars, IsApostrophe(u.cp) ? U'\'' : static_cast<char32_t>(u_tolower(static_cast<UChar32>(u.cp))));
    q = u.next;
  }
  return raw;
}

}  // namespace

TokenizedText Tokenize(std::string_view text) {
  // Works on bytes; a code point's index is its byte offset minus `delta`,
  // the extra bytes of the multi-byte code points before it. Only bytes from
  // 0x80 are decoded.
  const size_t size = text.size();
  TokenizedText out;
  // Word forms written to out.chars become views once the buffer stops growing.
  struct Pending {
    uint32_t token, offset, size;
    bool raw;
  };
  thread_local std::vector<Pending> tl_pending;
  std::vector<Pending>& pending = tl_pending;
  pending.clear();
  auto append = [&](size_t token, bool raw, size_t from) {
    pending.push_back({static_cast<uint32_t>(token), static_cast<uint32_t>(from),
                       static_cast<uint32_t>(out.chars.size() - from), raw});
  };

  // 1. Sentences. emit() takes byte offsets and the code-point index of each.
  auto emit = [&](size_t b, uint32_t bcp, size_t e, uint32_t ecp) {
    while (b < e) {
      const Unit u = At(text, b);
      if (!IsSpace(u.cp)) break;
      b = u.next;
      ++bcp;
    }
    while (e > b) {
      const size_t q = Prev(text, e);
      if (!IsSpace(At(text, q).cp)) break;
      e = q;
      --ecp;
    }
    if (e <= b) return;
    StanceSentence s;
    s.begin = bcp;
    s.end = ecp;
    size_t q = e;
    char32_t last = 0;
    while (q > b) {
      const size_t r = Prev(text, q);
      last = At(text, r).cp;
      if (!(IsCloseQuote(last) || last == '"' || last == ')' || IsApostrophe(last))) break;
      q = r;
    }
    s.question = q > b && last == '?';
    const char32_t first = At(text, b).cp;
    s.quoted_line = IsOpenQuote(first) || first == '"' || first == '>';
    out.sentences.push_back(s);
  };
  size_t start = 0;
  uint32_t start_cp = 0;
  size_t delta = 0;
  for (size_t p = NextBreakCandidate(text, 0); p < size; p = NextBreakCandidate(text, p)) {
    const Unit u = At(text, p);
    const char32_t c = u.cp;
    if (static_cast<unsigned char>(text[p]) >= 0x80 && !(ClassOf(c) & kBreakish)) {
      delta += u.next - p - 1;
      p = u.next;
      continue;
    }
    const auto icp = static_cast<uint32_t>(p - delta);
    if (c == '\n') {
      emit(start, start_cp, p, icp);
      delta += u.next - p - 1;
      start = u.next;
      start_cp = icp + 1;
      p = u.next;
      continue;
    }
    // . ! ? …
    size_t j = u.next, jdelta = delta + (u.next - p - 1);
    Unit at_j{0, 0};
    while (j < size) {
      at_j = At(text, j);
      const char32_t d = at_j.cp;
      if (!(d == '.' || d == '!' || d == '?' || IsCloseQuote(d) || d == '"' || d == ')' || IsApostrophe(d))) break;
      jdelta += at_j.next - j - 1;
      j = at_j.next;
    }
    bool end_here = true;
    if (j < size && !IsSpace(at_j.cp)) {
      // "propaganda.Sounds": a full stop glued to a capitalised word.
      if (!(c == '.' && j == u.next && at_j.next < size && u_isupper(static_cast<UChar32>(at_j.cp)) && p > 0 &&
            u_islower(static_cast<UChar32>(At(text, Prev(text, p)).cp))))
        end_here = false;
    }
    // "U.S." and initials: a single capital before the stop.
    if (end_here && c == '.' && p > 0) {
      const size_t pp = Prev(text, p);
      if (u_isupper(static_cast<UChar32>(At(text, pp).cp)) &&
          (pp == 0 || !(ClassOf(At(text, Prev(text, pp)).cp) & kWord)))
        end_here = false;
    }
    if (!end_here) {
      delta += u.next - p - 1;
      p = u.next;
      continue;
    }
    emit(start, start_cp, j, static_cast<uint32_t>(j - jdelta));
    start = j;
    start_cp = static_cast<uint32_t>(j - jdelta);
    p = j;
    delta = jdelta;
  }
  emit(start, start_cp, size, static_cast<uint32_t>(size - delta));

  // 2. Words, with quotation state.
  out.tokens.reserve(size / 5 + 4);
  out.chars.reserve(size / 4 + 16);
  // Tokens come in sentence order: `sent` is the current token's sentence,
  // ending at code point `sent_end`; `last_sent` that of the previous token.
  size_t sent = 0;
  const size_t nsent = out.sentences.size();
  uint32_t sent_end = nsent > 0 ? out.sentences[0].end : 0;
  size_t last_sent = SIZE_MAX;
  size_t ntok = 0;
  int open_quote = -1;  // token index where the open quotation starts
  bool in_straight = false;
  auto close_quote = [&](size_t upto) {
    if (open_quote < 0) return;
    const auto len = static_cast<uint32_t>(upto - static_cast<size_t>(open_quote));
    for (size_t k = static_cast<size_t>(open_quote); k < upto; ++k) out.tokens[k].quote_len = len == 0 ? 1 : len;
    open_quote = -1;
    in_straight = false;
  };
  auto is_word_at = [&](size_t q) { return q < size && (ClassOf(At(text, q).cp) & kWord) != 0; };
  delta = 0;
  const char* d = text.data();
  for (size_t p = 0; p < size;) {
    const uint8_t f0 = kByteClasses[static_cast<unsigned char>(d[p])];
    if (!(f0 & kWord)) {
      if (!(f0 & (kQuoteish | kHighByte))) {
        ++p;
        continue;
      }
      const Unit u = At(text, p);
      const char32_t c = u.cp;
      const uint8_t k0 = ClassOf(c);
      if (!(k0 & kWord)) {
        if (k0 & kQuoteish) {
          if (c == '\n') {
            // Blank line: an unclosed quotation does not run on.
            if (u.next < size && open_quote >= 0) {
              const char32_t c1 = At(text, u.next).cp;
              if (c1 == '\n' || c1 == '\r') open_quote = -1, in_straight = false;
            }
          } else if (IsOpenQuote(c) || (c == '"' && !in_straight)) {
            // A ‘ right after a letter is an apostrophe written the wrong way.
            if (!(c == 0x2018 && p > 0 && (ClassOf(At(text, Prev(text, p)).cp) & kWord))) {
              if (open_quote >= 0) close_quote(out.tokens.size());
              open_quote = static_cast<int>(out.tokens.size());
              in_straight = c == '"';
            }
          } else if (IsCloseQuote(c) || (c == '"' && in_straight) ||
                     (c == 0x2019 && open_quote >= 0 && !is_word_at(u.next))) {
            close_quote(out.tokens.size());
          }
        }
        delta += u.next - p - 1;
        p = u.next;
        continue;
      }
    }
    // A word starts at p.
    const size_t wb = p;
    const auto wcp = static_cast<uint32_t>(p - delta);
    uint8_t any = 0;  // OR of the word's classes
    while (p < size) {
      p = AsciiWordEnd(d, p, size, &any);
      if (p >= size) break;
      const uint8_t f = kByteClasses[static_cast<unsigned char>(d[p])];
      if (!(f & (kApos | kHighByte))) break;
      const size_t q = WordGoesOn(text, p, &any);
      if (q == p) break;
      delta += q - p - 1;
      p = q;
    }
    const size_t index = ntok++;
    const auto wend = static_cast<uint32_t>(p - delta);
    std::string_view raw, norm;
    if (!(any & kNonAscii)) {
      // ASCII: raw is the text as written; norm too unless it has capitals.
      raw = std::string_view(d + wb, wend - wcp);
      if (!(any & kUpperAscii)) {
        norm = raw;
      } else {
        const size_t from = out.chars.size();
        out.chars.resize(from + raw.size());
        char* o = out.chars.data() + from;
        for (const char ch : raw) *o++ = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + ('a' - 'A')) : ch;
        append(index, false, from);
      }
    } else {
      const size_t from = out.chars.size();
      const size_t raw_size = AppendForms(text, wb, p, out.chars);
      pending.push_back({static_cast<uint32_t>(index), static_cast<uint32_t>(from), static_cast<uint32_t>(raw_size), true});
      append(index, false, from + raw_size);
    }
    bool possessive = false;
    if (p < size && (kByteClasses[static_cast<unsigned char>(d[p])] & (kApos | kHighByte))) {
      const size_t q = PossessiveEnd(text, p);
      if (q != p) {
        possessive = true;
        delta += q - p - 2;
        p = q;
      }
    }
    if (sent_end <= wcp && sent + 1 < nsent) {
      do ++sent;
      while (sent + 1 < nsent && out.sentences[sent].end <= wcp);
      sent_end = out.sentences[sent].end;
    }
    // Token ranges per sentence.
    if (sent != last_sent) {
      if (last_sent != SIZE_MAX) out.sentences[last_sent].end_token = static_cast<uint32_t>(index);
      out.sentences[sent].first_token = static_cast<uint32_t>(index);
      last_sent = sent;
    }
    out.tokens.push_back(WordToken{norm, raw, wcp, wend, static_cast<uint32_t>(sent), 0, possessive});
  }
  if (last_sent != SIZE_MAX) out.sentences[last_sent].end_token = static_cast<uint32_t>(out.tokens.size());
  for (const Pending& p : pending)
    (p.raw ? out.tokens[p.token].raw : out.tokens[p.token].norm) = std::string_view(out.chars.data() + p.offset, p.size);
  return out;
}

std::vector<std::string> PhraseWords(std::string_view phrase) {
  TokenizedText t = Tokenize(phrase);
  std::vector<std::string> words;
  words.reserve(t.tokens.size());
  for (const auto& w : t.tokens) words.emplace_back(w.norm);
  return words;
}

}  // namespace tidings::enrich::stance
