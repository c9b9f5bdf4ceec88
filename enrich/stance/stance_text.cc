#include "enrich/stance/stance_text.h"

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

}  // namespace

TokenizedText Tokenize(std::string_view text) {
  // Decode once into code points (reused per thread). For ASCII text code
  // points are bytes; otherwise byte_at maps a code point to its byte offset.
  thread_local std::u32string cps;
  thread_local std::vector<uint32_t> byte_at;
  cps.clear();
  byte_at.clear();
  cps.reserve(text.size());
  bool ascii = true;
  for (size_t pos = 0; pos < text.size(); ++pos) {
    const auto b = static_cast<unsigned char>(text[pos]);
    if (b >= 0x80) {
      ascii = false;
      break;
    }
    cps.push_back(b);
  }
  if (!ascii) {
    cps.clear();
    byte_at.reserve(text.size() + 1);
    for (size_t pos = 0; pos < text.size();) {
      byte_at.push_back(static_cast<uint32_t>(pos));
      cps.push_back(Decode(text, &pos));
    }
    byte_at.push_back(static_cast<uint32_t>(text.size()));
  }
  auto byte_of = [&](uint32_t cp) -> size_t { return ascii ? cp : byte_at[cp]; };
  const uint32_t n = static_cast<uint32_t>(cps.size());

  TokenizedText out;
  // Word forms written to out.chars are views once the buffer stops growing.
  struct Pending {
    uint32_t token, offset, size;
    bool raw;
  };
  thread_local std::vector<Pending> pending;
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
  for (uint32_t i = 0; i < n; ++i) {
    const char32_t c = cps[i];
    if (c == '\n') {
      emit(start, i);
      start = i + 1;
    } else if (c == '.' || c == '!' || c == '?' || c == 0x2026) {
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
          (i < 2 || !IsWordChar(cps[i - 2])))
        continue;
      emit(start, j);
      start = j;
      i = j - 1;
    }
  }
  emit(start, n);

  // 2. Words, with quotation state.
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
    const char32_t c = cps[i];
    if (c == '\n' && i + 1 < n && (cps[i + 1] == '\n' || (cps[i + 1] == '\r'))) {
      // Blank line: an unclosed quotation does not run on.
      if (open_quote >= 0) open_quote = -1, in_straight = false;
      ++i;
      continue;
    }
    if (IsOpenQuote(c) || (c == '"' && !in_straight)) {
      // A ‘ right after a letter is an apostrophe written the wrong way.
      if (!(c == 0x2018 && i > 0 && IsWordChar(cps[i - 1]))) {
        if (open_quote >= 0) close_quote(out.tokens.size());
        open_quote = static_cast<int>(out.tokens.size());
        in_straight = c == '"';
      }
      ++i;
      continue;
    }
    if (IsCloseQuote(c) || (c == '"' && in_straight) ||
        (c == 0x2019 && open_quote >= 0 && (i + 1 >= n || !IsWordChar(cps[i + 1])))) {
      close_quote(out.tokens.size());
      ++i;
      continue;
    }
    if (!IsWordChar(c)) {
      ++i;
      continue;
    }
    WordToken t;
    t.begin = i;
    uint32_t j = i;
    char32_t any = 0;  // OR of the word's code points: ASCII below 0x80
    while (j < n) {
      if (IsWordChar(cps[j])) {
        any |= cps[j];
        ++j;
      } else if (IsApostrophe(cps[j]) && j + 1 < n && IsWordChar(cps[j + 1])) {
        // Possessive 's ends the word; other inner apostrophes stay.
        if ((cps[j + 1] == 's' || cps[j + 1] == 'S') && (j + 2 >= n || !IsWordChar(cps[j + 2]))) break;
        any |= cps[j];
        ++j;
      } else {
        break;
      }
    }
    t.end = j;
    const size_t index = out.tokens.size();
    if (any < 0x80) {
      // ASCII: raw is the text as written; norm too unless it has capitals.
      t.raw = text.substr(byte_of(i), byte_of(j) - byte_of(i));
      bool upper = false;
      for (char ch : t.raw) upper |= ch >= 'A' && ch <= 'Z';
      if (!upper) {
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
    if (j + 1 < n && IsApostrophe(cps[j]) && (cps[j + 1] == 's' || cps[j + 1] == 'S')) {
      t.possessive = true;
      j += 2;
    }
    while (sent + 1 < out.sentences.size() && out.sentences[sent].end <= t.begin) ++sent;
    t.sentence = static_cast<uint32_t>(sent);
    out.tokens.push_back(std::move(t));
    i = j;
  }
  // Token ranges per sentence.
  for (auto& s : out.sentences) s.first_token = s.end_token = 0;
  std::vector<bool> seen(out.sentences.size(), false);
  for (uint32_t k = 0; k < out.tokens.size(); ++k) {
    auto& s = out.sentences[out.tokens[k].sentence];
    if (!seen[out.tokens[k].sentence]) {
      s.first_token = k;
      seen[out.tokens[k].sentence] = true;
    }
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
