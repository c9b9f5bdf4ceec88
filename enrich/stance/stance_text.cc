#include "enrich/stance/stance_text.h"

#include <array>
#include <cctype>

#include <unicode/uchar.h>

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
  if (IsWordChar(c)) k |= kWord;
  if (IsApostrophe(c)) k |= kApos;
  if (IsOpenQuote(c) || IsCloseQuote(c) || c == 0x2019) k |= kQuoteish;
  if (c == 0x2026) k |= kBreakish;
  return k;
}

}  // namespace

TokenizedText Tokenize(std::string_view text) {
  // Decode once into code points and their classes (buffers reused per
  // thread), noting where a sentence may end.
  thread_local std::u32string tl_cps;
  thread_local std::vector<uint8_t> tl_cls;
  thread_local std::vector<uint32_t> tl_breaks;
  thread_local std::vector<std::pair<uint32_t, uint32_t>> tl_wide;
  std::u32string& cps = tl_cps;
  std::vector<uint8_t>& cls = tl_cls;
  std::vector<uint32_t>& breaks = tl_breaks;
  // Code points that took more than one byte: (index, extra bytes up to and
  // including it).
  std::vector<std::pair<uint32_t, uint32_t>>& wide = tl_wide;
  wide.clear();
  if (cps.size() < text.size()) cps.resize(text.size());
  if (cls.size() < text.size()) cls.resize(text.size());
  breaks.clear();
  uint32_t n = 0, extra = 0;
  for (size_t pos = 0; pos < text.size(); ++n) {
    const auto b = static_cast<unsigned char>(text[pos]);
    uint8_t k;
    if (b < 0x80) {
      ++pos;
      cps[n] = b;
      k = kAsciiClasses[b];
    } else {
      const size_t from = pos;
      const char32_t c = Decode(text, &pos);
      cps[n] = c;
      k = ClassOf(c);
      if (pos - from > 1) {
        extra += static_cast<uint32_t>(pos - from - 1);
        wide.push_back({n, extra});
      }
    }
    cls[n] = k;
    if (k & kBreakish) breaks.push_back(n);
  }
  // Byte offset of code point `cp`; calls come in increasing order of cp.
  size_t next_wide = 0;
  uint32_t extra_before = 0;
  auto byte_offset = [&](uint32_t cp) -> size_t {
    for (; next_wide < wide.size() && wide[next_wide].first < cp; ++next_wide) extra_before = wide[next_wide].second;
    return cp + extra_before;
  };

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
  // 1. Sentences.
  uint32_t start = 0;
  auto emit = [&](uint32_t b, uint32_t e) {
    while (b < e && IsSpace(cps[b])) ++b;
    while (e > b && IsSpace(cps[e - 1])) --e;
    if (e <= b) return;
    StanceSentence s;
    s.begin = b;
    s.end = e;
    uint32_t q = e;
    while (q > b && (IsCloseQuote(cps[q - 1]) || cps[q - 1] == '"' || cps[q - 1] == ')' ||
                     IsApostrophe(cps[q - 1])))
      --q;
    s.question = q > b && cps[q - 1] == '?';
    s.quoted_line = IsOpenQuote(cps[b]) || cps[b] == '"' || cps[b] == '>';
    out.sentences.push_back(s);
  };
  uint32_t resume = 0;  // after a sentence end, scanning resumes here
  for (const uint32_t i : breaks) {
    if (i < resume) continue;
    const char32_t c = cps[i];
    if (c == '\n') {
      emit(start, i);
      start = i + 1;
    } else {  // . ! ? …
      uint32_t j = i + 1;
      while (j < n && (cps[j] == '.' || cps[j] == '!' || cps[j] == '?' || IsCloseQuote(cps[j]) ||
                       cps[j] == '"' || cps[j] == ')' || IsApostrophe(cps[j])))
        ++j;
      if (j < n && !IsSpace(cps[j])) {
        // "propaganda.Sounds": a full stop glued to a capitalised word.
        if (!(c == '.' && j == i + 1 && j + 1 < n && u_isupper(static_cast<UChar32>(cps[j])) &&
              i > 0 && u_islower(static_cast<UChar32>(cps[i - 1]))))
          continue;
      }
      // "U.S." and initials: a single capital before the stop.
      if (c == '.' && i >= 1 && u_isupper(static_cast<UChar32>(cps[i - 1])) &&
          (i < 2 || !(cls[i - 2] & kWord)))
        continue;
      emit(start, j);
      start = j;
      resume = j;
    }
  }
  emit(start, n);

  // 2. Words, with quotation state.
  out.tokens.reserve(n / 5 + 4);
  size_t sent = 0;
  int open_quote = -1;  // token index where the open quotation starts
  bool in_straight = false;
  auto close_quote = [&](size_t upto) {
    if (open_quote < 0) return;
    const auto len = static_cast<uint32_t>(upto - static_cast<size_t>(open_quote));
    for (size_t k = static_cast<size_t>(open_quote); k < upto; ++k) out.tokens[k].quote_len = len == 0 ? 1 : len;
    open_quote = -1;
    in_straight = false;
  };
  for (uint32_t i = 0; i < n;) {
    const uint8_t k0 = cls[i];
    if (!(k0 & kWord)) {
      if (k0 & kQuoteish) {
        const char32_t c = cps[i];
        if (c == '\n') {
          // Blank line: an unclosed quotation does not run on.
          if (i + 1 < n && (cps[i + 1] == '\n' || cps[i + 1] == '\r') && open_quote >= 0)
            open_quote = -1, in_straight = false;
        } else if (IsOpenQuote(c) || (c == '"' && !in_straight)) {
          // A ‘ right after a letter is an apostrophe written the wrong way.
          if (!(c == 0x2018 && i > 0 && (cls[i - 1] & kWord))) {
            if (open_quote >= 0) close_quote(out.tokens.size());
            open_quote = static_cast<int>(out.tokens.size());
            in_straight = c == '"';
          }
        } else if (IsCloseQuote(c) || (c == '"' && in_straight) ||
                   (c == 0x2019 && open_quote >= 0 && (i + 1 >= n || !(cls[i + 1] & kWord)))) {
          close_quote(out.tokens.size());
        }
      }
      ++i;
      continue;
    }
    WordToken t;
    t.begin = i;
    uint32_t j = i;
    uint8_t any = 0;  // OR of the word's classes
    while (j < n) {
      const uint8_t k = cls[j];
      if (k & kWord) {
        any |= k;
        ++j;
      } else if ((k & kApos) && j + 1 < n && (cls[j + 1] & kWord)) {
        // Possessive 's ends the word; other inner apostrophes stay.
        if ((cps[j + 1] == 's' || cps[j + 1] == 'S') && (j + 2 >= n || !(cls[j + 2] & kWord))) break;
        any |= k;
        ++j;
      } else {
        break;
      }
    }
    t.end = j;
    const size_t index = out.tokens.size();
    if (!(any & kNonAscii)) {
      // ASCII: raw is the text as written; norm too unless it has capitals.
      t.raw = text.substr(byte_offset(i), j - i);
      if (!(any & kUpperAscii)) {
        t.norm = t.raw;
      } else {
        const size_t from = out.chars.size();
        for (char ch : t.raw) out.chars.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + ('a' - 'A')) : ch);
        append(index, false, from);
      }
    } else {
      size_t from = out.chars.size();
      for (uint32_t k = i; k < j; ++k) AppendUtf8(out.chars, IsApostrophe(cps[k]) ? U'\'' : cps[k]);
      append(index, true, from);
      from = out.chars.size();
      for (uint32_t k = i; k < j; ++k)
        AppendUtf8(out.chars, IsApostrophe(cps[k]) ? U'\''
                                                   : static_cast<char32_t>(u_tolower(static_cast<UChar32>(cps[k]))));
      append(index, false, from);
    }
    if (j + 1 < n && (cls[j] & kApos) && (cps[j + 1] == 's' || cps[j + 1] == 'S')) {
      t.possessive = true;
      j += 2;
    }
    while (sent + 1 < out.sentences.size() && out.sentences[sent].end <= t.begin) ++sent;
    t.sentence = static_cast<uint32_t>(sent);
    out.tokens.push_back(t);
    i = j;
  }
  // Token ranges per sentence (tokens come in sentence order).
  for (uint32_t k = 0; k < out.tokens.size(); ++k) {
    const uint32_t si = out.tokens[k].sentence;
    auto& s = out.sentences[si];
    if (k == 0 || out.tokens[k - 1].sentence != si) s.first_token = k;
    s.end_token = k + 1;
  }
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
