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

// Appends to *out the sentence in bytes [b, e) of `text`, whose ends are
// code points `bcp` and `ecp`, with white space trimmed off both ends;
// nothing if only white space is left. Marks it a question when it ends with
// '?' before any closing quotes, brackets and apostrophes, and a quoted line
// when it starts with a quote mark or '>'.
void AddSentence(std::string_view text, size_t b, uint32_t bcp, size_t e, uint32_t ecp,
                 std::vector<StanceSentence>* out) {
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
  out->push_back(s);
}

// Whether the stop `u` at byte `p` (. ! ? or …), followed by stops and
// closing marks up to byte `j` and then by `at_j` (when j < text.size()),
// ends a sentence: it must be followed by white space or the end of the text,
// or be a full stop glued to a capitalised word after a lower-case letter
// ("propaganda.Sounds"); and a full stop after a single capital ("U.S.",
// initials) ends none.
bool EndsSentence(std::string_view text, size_t p, Unit u, size_t j, Unit at_j) {
  const size_t size = text.size();
  const char32_t c = u.cp;
  if (j < size && !IsSpace(at_j.cp)) {
    if (!(c == '.' && j == u.next && at_j.next < size && u_isupper(static_cast<UChar32>(at_j.cp)) && p > 0 &&
          u_islower(static_cast<UChar32>(At(text, Prev(text, p)).cp))))
      return false;
  }
  if (c == '.' && p > 0) {
    const size_t pp = Prev(text, p);
    if (u_isupper(static_cast<UChar32>(At(text, pp).cp)) &&
        (pp == 0 || !(ClassOf(At(text, Prev(text, pp)).cp) & kWord)))
      return false;
  }
  return true;
}

// Appends to *out the sentences of `text` (see Tokenize): it splits at line
// breaks and after a stop with the stops and closing marks that follow it,
// where EndsSentence says so. Offsets are code points; only bytes from 0x80
// are decoded.
void SplitSentences(std::string_view text, std::vector<StanceSentence>* out) {
  // A code point's index is its byte offset minus `delta`, the extra bytes
  // of the multi-byte code points before it.
  const size_t size = text.size();
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
      AddSentence(text, start, start_cp, p, icp, out);
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
    if (!EndsSentence(text, p, u, j, at_j)) {
      delta += u.next - p - 1;
      p = u.next;
      continue;
    }
    AddSentence(text, start, start_cp, j, static_cast<uint32_t>(j - jdelta), out);
    start = j;
    start_cp = static_cast<uint32_t>(j - jdelta);
    p = j;
    delta = jdelta;
  }
  AddSentence(text, start, start_cp, size, static_cast<uint32_t>(size - delta), out);
}

// A word form written to TokenizedText::chars: `size` bytes from `offset`,
// the raw form (else the norm) of token `token`. It becomes a view once the
// buffer stops growing.
struct PendingForm {
  uint32_t token, offset, size;
  bool raw;
};

// Quotation state of the word scan: the open quotation, if any, and whether
// a straight quote opened it. Quotations close at their closing mark, when
// another opens, and (unclosed) at a blank line.
struct QuoteState {
  int open = -1;  // token index where the open quotation starts
  bool straight = false;

  // Gives tokens [open, upto) the length of the open quotation (at least 1)
  // as quote_len and closes it; nothing when none is open.
  void Close(std::vector<WordToken>& tokens, size_t upto) {
    if (open < 0) return;
    const auto len = static_cast<uint32_t>(upto - static_cast<size_t>(open));
    for (size_t k = static_cast<size_t>(open); k < upto; ++k) tokens[k].quote_len = len == 0 ? 1 : len;
    open = -1;
    straight = false;
  }
  // Updates the state at the code point `u` at byte `p` of `text`, no word
  // character and kQuoteish (\n " or a curly quote), coming before the
  // token tokens.size().
  void Mark(std::string_view text, size_t p, Unit u, std::vector<WordToken>& tokens) {
    const char32_t c = u.cp;
    if (c == '\n') {
      // Blank line: an unclosed quotation does not run on.
      if (u.next < text.size() && open >= 0) {
        const char32_t c1 = At(text, u.next).cp;
        if (c1 == '\n' || c1 == '\r') open = -1, straight = false;
      }
    } else if (IsOpenQuote(c) || (c == '"' && !straight)) {
      // A ‘ right after a letter is an apostrophe written the wrong way.
      if (!(c == 0x2018 && p > 0 && (ClassOf(At(text, Prev(text, p)).cp) & kWord))) {
        if (open >= 0) Close(tokens, tokens.size());
        open = static_cast<int>(tokens.size());
        straight = c == '"';
      }
    } else if (IsCloseQuote(c) || (c == '"' && straight) ||
               (c == 0x2019 && open >= 0 && !(u.next < text.size() && (ClassOf(At(text, u.next).cp) & kWord)))) {
      Close(tokens, tokens.size());
    }
  }
};

// The end of the word that starts at byte `p` of `text` (a word character):
// runs of ASCII letters and digits joined by what WordGoesOn takes. Adds the
// extra bytes of its multi-byte code points to *delta; ORs its classes into
// *any.
[[gnu::always_inline]] inline size_t WordEnd(std::string_view text, size_t p, size_t* delta, uint8_t* any) {
  const size_t size = text.size();
  const char* d = text.data();
  while (p < size) {
    p = AsciiWordEnd(d, p, size, any);
    if (p >= size) break;
    const uint8_t f = kByteClasses[static_cast<unsigned char>(d[p])];
    if (!(f & (kApos | kHighByte))) break;
    const size_t q = WordGoesOn(text, p, any);
    if (q == p) break;
    *delta += q - p - 1;
    p = q;
  }
  return p;
}

// Sets *raw and *norm, the forms of token `index`: the word in bytes
// [b, e) of `text`, `len` code points, whose classes OR to `any`. An ASCII
// word's raw form is the text as written, and so is its norm unless it has
// capitals; the other forms are written to *chars and listed in *pending
// (their views are set once *chars stops growing).
[[gnu::always_inline]] inline void WordForms(std::string_view text, size_t b, size_t e, uint32_t len, uint8_t any,
                                             size_t index, std::vector<char>* chars,
                                             std::vector<PendingForm>* pending, std::string_view* raw,
                                             std::string_view* norm) {
  if (!(any & kNonAscii)) {
    *raw = std::string_view(text.data() + b, len);
    if (!(any & kUpperAscii)) {
      *norm = *raw;
    } else {
      const size_t from = chars->size();
      chars->resize(from + raw->size());
      char* o = chars->data() + from;
      for (const char ch : *raw) *o++ = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + ('a' - 'A')) : ch;
      pending->push_back({static_cast<uint32_t>(index), static_cast<uint32_t>(from),
                          static_cast<uint32_t>(chars->size() - from), false});
    }
  } else {
    const size_t from = chars->size();
    const size_t raw_size = AppendForms(text, b, e, *chars);
    pending->push_back({static_cast<uint32_t>(index), static_cast<uint32_t>(from), static_cast<uint32_t>(raw_size), true});
    pending->push_back({static_cast<uint32_t>(index), static_cast<uint32_t>(from + raw_size),
                        static_cast<uint32_t>(chars->size() - (from + raw_size)), false});
  }
}

// Appends to out->tokens the words of `text`, each with its sentence (from
// out->sentences, whose token ranges it sets) and quotation state. Forms
// not in `text` go to out->chars and are listed in *pending.
void SplitWords(std::string_view text, TokenizedText* out, std::vector<PendingForm>* pending) {
  // As in SplitSentences, a code point's index is its byte offset minus `delta`.
  const size_t size = text.size();
  out->tokens.reserve(size / 5 + 4);
  out->chars.reserve(size / 4 + 16);
  // Tokens come in sentence order: `sent` is the current token's sentence,
  // ending at code point `sent_end`; `last_sent` that of the previous token.
  std::vector<StanceSentence>& sentences = out->sentences;
  size_t sent = 0;
  const size_t nsent = sentences.size();
  uint32_t sent_end = nsent > 0 ? sentences[0].end : 0;
  size_t last_sent = SIZE_MAX;
  size_t ntok = 0;
  QuoteState quote;
  size_t delta = 0;
  const char* d = text.data();
  for (size_t p = 0; p < size;) {
    const uint8_t f0 = kByteClasses[static_cast<unsigned char>(d[p])];
    if (!(f0 & kWord)) {
      if (!(f0 & (kQuoteish | kHighByte))) {
        ++p;
        continue;
      }
      const Unit u = At(text, p);
      const uint8_t k0 = ClassOf(u.cp);
      if (!(k0 & kWord)) {
        if (k0 & kQuoteish) quote.Mark(text, p, u, out->tokens);
        delta += u.next - p - 1;
        p = u.next;
        continue;
      }
    }
    // A word starts at p.
    const size_t wb = p;
    const auto wcp = static_cast<uint32_t>(p - delta);
    uint8_t any = 0;  // OR of the word's classes
    p = WordEnd(text, p, &delta, &any);
    const size_t index = ntok++;
    const auto wend = static_cast<uint32_t>(p - delta);
    std::string_view raw, norm;
    WordForms(text, wb, p, wend - wcp, any, index, &out->chars, pending, &raw, &norm);
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
      while (sent + 1 < nsent && sentences[sent].end <= wcp);
      sent_end = sentences[sent].end;
    }
    // Token ranges per sentence.
    if (sent != last_sent) {
      if (last_sent != SIZE_MAX) sentences[last_sent].end_token = static_cast<uint32_t>(index);
      sentences[sent].first_token = static_cast<uint32_t>(index);
      last_sent = sent;
    }
    out->tokens.push_back(WordToken{norm, raw, wcp, wend, static_cast<uint32_t>(sent), 0, possessive});
  }
  if (last_sent != SIZE_MAX) sentences[last_sent].end_token = static_cast<uint32_t>(out->tokens.size());
}

}  // namespace

TokenizedText Tokenize(std::string_view text) {
  TokenizedText out;
  thread_local std::vector<PendingForm> tl_pending;
  std::vector<PendingForm>& pending = tl_pending;
  pending.clear();
  SplitSentences(text, &out.sentences);
  SplitWords(text, &out, &pending);
  for (const PendingForm& p : pending)
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
