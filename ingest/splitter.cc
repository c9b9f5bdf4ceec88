#include "ingest/splitter.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "ingest/normalize.h"
#include "ingest/utf8.h"

namespace tidings::ingest {
namespace {

using Lines = std::vector<std::string>;

// ---- characters ------------------------------------------------------------

std::string SanitizeUtf8(std::string_view in) {
  if (IsValidUtf8(in)) return std::string(in);
  std::string out;
  out.reserve(in.size());
  const auto* p = reinterpret_cast<const std::uint8_t*>(in.data());
  auto n = static_cast<int32_t>(std::min<std::size_t>(in.size(), INT32_MAX));
  int32_t i = 0;
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      out.append("\xEF\xBF\xBD");
    } else {
      out.append(in.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
  }
  return out;
}

UChar32 FirstCp(std::string_view s) {
  if (s.empty()) return -1;
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(p, i, static_cast<int32_t>(s.size()), c);
  return c;
}

UChar32 LastCp(std::string_view s) {
  if (s.empty()) return -1;
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  auto i = static_cast<int32_t>(s.size());
  UChar32 c;
  U8_PREV(p, 0, i, c);
  return c;
}

// Drops the last code point of `s`.
std::string_view DropLastCp(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  auto i = static_cast<int32_t>(s.size());
  UChar32 c;
  U8_PREV(p, 0, i, c);
  (void)c;
  return s.substr(0, static_cast<std::size_t>(i));
}

bool IsSpaceCp(UChar32 c) { return c >= 0 && u_isUWhiteSpace(c); }

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && IsSpaceCp(LastCp(s))) s = DropLastCp(s);
  return s;
}

std::string_view TrimLeft(std::string_view s) {
  while (!s.empty()) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(p, i, static_cast<int32_t>(s.size()), c);
    if (!IsSpaceCp(c)) break;
    s.remove_prefix(static_cast<std::size_t>(i));
  }
  return s;
}

std::string_view Trim(std::string_view s) { return TrimLeft(TrimRight(s)); }

bool IsBlank(std::string_view s) { return Trim(s).empty(); }

std::size_t IndentOf(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if (c == ' ') ++n;
    else if (c == '\t') n += 4;
    else break;
  }
  return n;
}

bool IsClosingMark(UChar32 c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
         c == 0x00BB || c == '*' || c == '_';
}

// The line ends a sentence: . ! ? or an ellipsis, maybe inside closing
// quotes or brackets.
bool EndsSentence(std::string_view s) {
  s = TrimRight(s);
  while (!s.empty() && IsClosingMark(LastCp(s))) s = DropLastCp(s);
  UChar32 c = LastCp(s);
  return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

bool StartsLower(std::string_view s) {
  UChar32 c = FirstCp(TrimLeft(s));
  return c >= 0 && u_islower(c);
}

std::string_view LastWord(std::string_view s) {
  s = TrimRight(s);
  auto sp = s.rfind(' ');
  return sp == std::string_view::npos ? s : s.substr(sp + 1);
}

// The last word is a plain lower-case word ("against", "the"): a sentence
// rarely ends there.
bool EndsInLowerWord(std::string_view s) {
  std::string_view w = LastWord(s);
  if (w.empty()) return false;
  const auto* p = reinterpret_cast<const std::uint8_t*>(w.data());
  int32_t i = 0, n = static_cast<int32_t>(w.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || !u_islower(c)) return false;
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// ---- names and dates ---------------------------------------------------------

constexpr std::array<std::string_view, 24> kNotNameStarts = {
    "The", "A", "An", "This", "That", "These", "Those", "It", "In", "On", "At", "By",
    "For", "And", "But", "Or", "No", "Our", "We", "He", "She", "They", "Read", "Share"};
constexpr std::array<std::string_view, 16> kHonorifics = {
    "Comrade", "Dr", "Dr.", "Prof", "Prof.", "Professor", "Mr", "Mr.",
    "Mrs", "Mrs.", "Ms", "Ms.", "Sir", "Dame", "Rev", "Rev."};

// One word of a personal name: capitalised, then letters, hyphens,
// apostrophes or a closing period (initials).
bool IsNameWord(std::string_view w) {
  UChar32 first = FirstCp(w);
  if (first < 0 || !u_isupper(first)) return false;
  const auto* p = reinterpret_cast<const std::uint8_t*>(w.data());
  int32_t i = 0, n = static_cast<int32_t>(w.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
    if (u_isalpha(c) || c == '-' || c == '\'' || c == 0x2019 || c == '.') continue;
    return false;
  }
  return true;
}

bool IsHonorific(std::string_view w) {
  return std::find(kHonorifics.begin(), kHonorifics.end(), w) != kHonorifics.end();
}

// "Leila Al-Shami", "By Andre Damon": 2-4 name words, nothing else.
std::string NameLine(std::string_view line) {
  line = Trim(line);
  if (line.starts_with("By ") || line.starts_with("by ")) line.remove_prefix(3);
  if (CodePointCount(line) > 50) return "";
  auto words = Words(line);
  if (!words.empty() && IsHonorific(words.front())) words.erase(words.begin());
  if (words.size() < 2 || words.size() > 4) return "";
  if (std::find(kNotNameStarts.begin(), kNotNameStarts.end(), words.front()) != kNotNameStarts.end())
    return "";
  std::string out;
  for (auto w : words) {
    if (!IsNameWord(w)) return "";
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// The name a bio line opens with: "Shiraz Maher is a ...",
// "David Selbourne's ...", "Comrade Dave Brownz is a ...".
std::string BioName(std::string_view line) {
  auto words = Words(Trim(line));
  std::size_t i = 0;
  if (!words.empty() && IsHonorific(words[0])) ++i;
  if (i < words.size() &&
      std::find(kNotNameStarts.begin(), kNotNameStarts.end(), words[i]) != kNotNameStarts.end())
    return "";
  std::vector<std::string_view> name;
  for (; i < words.size() && name.size() < 4; ++i) {
    std::string_view w = words[i];
    bool possessive = false;
    for (std::string_view suffix : {std::string_view("\xE2\x80\x99s"), std::string_view("'s")}) {
      if (w.size() > suffix.size() && w.ends_with(suffix)) {
        w.remove_suffix(suffix.size());
        possessive = true;
      }
    }
    if (!IsNameWord(w)) return "";
    name.push_back(w);
    if (possessive) break;
    if (i + 2 < words.size() && words[i + 1] == "is" &&
        (words[i + 2] == "a" || words[i + 2] == "an" || words[i + 2] == "the")) {
      break;
    }
  }
  bool closed = i < words.size();  // stopped on "is a" or a possessive
  if (!closed || name.size() < 2 || name.size() > 4) return "";
  std::string out;
  for (auto w : name) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

int MonthNumber(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  std::string l = Lower(w);
  if (l.ends_with(".")) l.pop_back();
  if (l.size() < 3) return 0;
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    if (l == kMonths[m]) return static_cast<int>(m) + 1;
    if (l.size() <= 4 && kMonths[m].starts_with(l) && (l.size() == 3 || l == "sept"))
      return static_cast<int>(m) + 1;
  }
  return 0;
}

bool IsWeekday(std::string_view w) {
  std::string l = Lower(w);
  while (!l.empty() && (l.back() == ',' || l.back() == '.')) l.pop_back();
  for (std::string_view d : {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                             "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun"})
    if (l == d) return true;
  return false;
}

int Number(std::string_view w, std::size_t min_digits, std::size_t max_digits) {
  while (!w.empty() && (w.back() == ',' || w.back() == '.')) w.remove_suffix(1);
  for (std::string_view suffix : {"st", "nd", "rd", "th"})
    if (w.size() > 2 && w.ends_with(suffix)) w.remove_suffix(2);
  if (w.size() < min_digits || w.size() > max_digits) return -1;
  int v = 0;
  for (char c : w) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::string FormatDate(int y, int m, int d) {
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT00:00:00Z", y, m, d);
  return buf;
}

std::string IsoDate(std::string_view w) {
  while (!w.empty() && (w.back() == ',' || w.back() == '.')) w.remove_suffix(1);
  if (w.size() != 10 || w[4] != '-' || w[7] != '-') return "";
  int y = Number(w.substr(0, 4), 4, 4), m = Number(w.substr(5, 2), 2, 2),
      d = Number(w.substr(8, 2), 2, 2);
  return FormatDate(y, m, d);
}

// ---- line classes ------------------------------------------------------------

bool IsSeparator(std::string_view t) { return Lower(t) == "show hide image"; }

bool IsFurniture(std::string_view t) {
  std::string l = Lower(t);
  if (l == "show hide image" || l == "no more articles" || l == "advertisement" ||
      l == "share this article")
    return true;
  for (std::string_view prefix : {"image: ", "photo: ", "picture: ", "photograph: "})
    if (l.starts_with(prefix)) return true;
  return false;
}

// A line that is only a link: a bare URL, or a markdown link, maybe bold.
bool IsLinkOnly(std::string_view t) {
  while (t.starts_with("*") || t.starts_with("_")) t.remove_prefix(1);
  while (t.ends_with("*") || t.ends_with("_")) t.remove_suffix(1);
  if (t.empty()) return false;
  if (t.find(' ') != std::string_view::npos) return false;
  if (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.")) return true;
  return t.starts_with("[") && t.ends_with(")") && t.find("](") != std::string_view::npos;
}

// A headline: short, and not ending like a sentence or a clause.
bool IsTitleLike(std::string_view t) {
  if (t.empty() || CodePointCount(t) > 150) return false;
  if (Words(t).size() < 2) return false;
  UChar32 last = LastCp(t);
  if (last == '.' || last == ',' || last == ';' || last == ':') return false;
  return true;
}

// ---- paragraphs --------------------------------------------------------------

// Hard-wrapped: at least five lines, most of them close to one width of
// 40..100 code points. Returns that width, or 0.
std::size_t WrapWidth(const std::vector<std::string_view>& block) {
  if (block.size() < 5) return 0;
  std::vector<std::size_t> len;
  for (auto l : block) len.push_back(CodePointCount(l));
  std::vector<std::size_t> sorted = len;
  std::sort(sorted.begin(), sorted.end());
  std::size_t width = sorted[(sorted.size() - 1) * 9 / 10];
  if (width < 40 || width > 100) return 0;
  std::size_t near = 0;
  for (std::size_t i = 0; i + 1 < len.size(); ++i)
    if (len[i] * 4 >= width * 3) ++near;
  return near * 10 >= (len.size() - 1) * 6 ? width : 0;
}

// Paragraphs of one block of non-blank lines.
std::vector<std::string> BlockParagraphs(const std::vector<std::string_view>& block) {
  std::vector<std::string> paras;
  std::size_t width = WrapWidth(block);
  std::string cur(block.front());
  for (std::size_t i = 0; i + 1 < block.size(); ++i) {
    std::string_view line = block[i], next = block[i + 1];
    if (width > 0) {
      auto next_words = Words(next);
      std::size_t first = next_words.empty() ? 0 : CodePointCount(next_words.front());
      bool fits = CodePointCount(line) + 1 + first <= width;
      if (EndsSentence(line) && fits) {
        paras.push_back(std::move(cur));
        cur = std::string(next);
        continue;
      }
      cur += ' ';
    } else {
      cur += (!EndsSentence(line) && StartsLower(next)) ? ' ' : '\n';
    }
    cur += next;
  }
  paras.push_back(std::move(cur));
  return paras;
}

// Re-joins an article's body lines (trimmed; "" = blank) into paragraphs.
std::vector<std::string> ArticleParagraphs(const Lines& lines) {
  std::vector<std::vector<std::string_view>> blocks;
  std::vector<std::string_view> cur;
  for (const auto& l : lines) {
    if (l.empty()) {
      if (!cur.empty()) blocks.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(l);
    }
  }
  if (!cur.empty()) blocks.push_back(std::move(cur));

  std::vector<std::string> paras;
  std::string_view prev_last;
  for (const auto& block : blocks) {
    auto bp = BlockParagraphs(block);
    // A blank line inside a sentence (page break, copy-paste) is joined.
    bool join = !paras.empty() && !EndsSentence(prev_last) &&
                (EndsInLowerWord(prev_last) || StartsLower(block.front()));
    std::size_t k = 0;
    if (join) {
      paras.back() += ' ';
      paras.back() += bp[0];
      k = 1;
    }
    for (; k < bp.size(); ++k) paras.push_back(std::move(bp[k]));
    prev_last = block.back();
  }
  return paras;
}

std::string Join(const std::vector<std::string>& paras, std::string_view sep) {
  std::string out;
  for (const auto& p : paras) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::string Normalized(std::string_view text) {
  auto r = NormalizeText(text);
  return r.ok() ? std::move(r).value() : std::string();
}

// ---- articles ----------------------------------------------------------------

struct ArticleParts {
  std::string title, author, published_at, source, text;
};

ArticleParts ParseArticle(const Lines& raw) {
  ArticleParts a;
  Lines lines;
  for (const auto& l : raw) {
    std::string_view t = Trim(l);
    lines.emplace_back(IsFurniture(t) ? std::string_view() : t);
  }
  auto pop_blank = [&] {
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
  };
  pop_blank();

  // Trailing link-only lines, and the lead-in paragraph ending in ':'.
  bool dropped_link = false;
  while (!lines.empty() && IsLinkOnly(lines.back())) {
    lines.pop_back();
    dropped_link = true;
    pop_blank();
  }
  if (dropped_link && !lines.empty() && lines.back().ends_with(":")) {
    while (!lines.empty() && !lines.back().empty()) lines.pop_back();
    pop_blank();
  }

  // Headline, then byline and dateline.
  std::size_t i = 0;
  while (i < lines.size() && lines[i].empty()) ++i;
  bool titled = false;
  if (i < lines.size() && lines[i].starts_with("# ")) {
    a.title = std::string(Trim(std::string_view(lines[i]).substr(2)));
    titled = true;
  } else if (i + 1 < lines.size() && lines[i + 1].empty() && IsTitleLike(lines[i])) {
    a.title = lines[i];
    titled = true;
  }
  std::size_t body_start = i;
  if (titled) {
    body_start = i + 1;
    for (int k = 0; k < 3; ++k) {
      std::size_t j = body_start;
      while (j < lines.size() && lines[j].empty()) ++j;
      if (j >= lines.size()) break;
      if (std::string d = FindDate(lines[j], true); !d.empty() && a.published_at.empty()) {
        a.published_at = d;
      } else if (std::string n = NameLine(lines[j]); !n.empty() && a.author.empty()) {
        a.author = n;
      } else {
        break;
      }
      body_start = j + 1;
    }
  }
  Lines body(lines.begin() + static_cast<std::ptrdiff_t>(std::min(body_start, lines.size())),
             lines.end());

  // Signature: a last line that is only a name.
  while (!body.empty() && body.back().empty()) body.pop_back();
  if (body.size() > 1) {
    if (std::string n = NameLine(body.back()); !n.empty()) {
      if (a.author.empty()) a.author = n;
      body.pop_back();
    }
  }

  auto paras = ArticleParagraphs(body);

  // Author bio near the end.
  for (std::size_t k = paras.size(); a.author.empty() && k > 0 && k + 3 > paras.size(); --k) {
    std::string_view p = paras[k - 1];
    std::size_t pos = 0;
    while (pos <= p.size() && a.author.empty()) {
      std::size_t nl = p.find('\n', pos);
      if (nl == std::string_view::npos) nl = p.size();
      a.author = BioName(p.substr(pos, nl - pos));
      pos = nl + 1;
    }
  }

  // "This article first appeared in the 16 July 2014 issue of the New Statesman".
  for (std::size_t k = paras.size(); k > 0; --k) {
    std::string l = Lower(paras[k - 1]);
    bool note = l.find("first appeared") != std::string::npos ||
                l.find("first published") != std::string::npos ||
                l.find("originally published") != std::string::npos;
    if (!note) continue;
    if (a.published_at.empty()) a.published_at = FindDate(paras[k - 1], false);
    if (auto at = l.find("issue of "); at != std::string::npos && a.source.empty()) {
      std::string_view rest = std::string_view(paras[k - 1]).substr(at + 9);
      if (rest.starts_with("the ")) rest.remove_prefix(4);
      rest = rest.substr(0, std::min(rest.find(','), rest.find('.')));
      rest = rest.substr(0, rest.find('\n'));
      a.source = std::string(Trim(rest));
    }
    break;
  }

  a.text = Normalized(Join(paras, "\n\n"));
  return a;
}

// ---- comments ----------------------------------------------------------------

// "  12. text" -> number 12, content offset; else -1.
int NumberedMarker(std::string_view line, std::size_t* content) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  std::size_t d = i;
  while (d < line.size() && line[d] >= '0' && line[d] <= '9' && d - i < 6) ++d;
  if (d == i || d >= line.size() || line[d] != '.') return -1;
  if (d + 1 < line.size() && line[d + 1] != ' ') return -1;
  *content = d + 1;
  while (*content < line.size() && line[*content] == ' ') ++*content;
  return Number(line.substr(i, d - i), 1, 6);
}

// "    • text" -> content offset; else npos.
std::size_t BulletMarker(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  std::string_view rest = line.substr(i);
  for (std::string_view bullet : {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA", "\xE2\x80\xA3"}) {
    if (rest.starts_with(bullet)) {
      std::size_t c = i + bullet.size();
      while (c < line.size() && line[c] == ' ') ++c;
      return c;
    }
  }
  return std::string_view::npos;
}

// Index of the line opening the comment section ("1." that is indented or
// follows two blank lines, with a "2." at the same indentation later), or
// lines.size().
std::size_t FindComments(const Lines& lines) {
  // later_two[i]: indentations of "2." items at or after line i (few kinds).
  std::vector<std::vector<std::size_t>> later_two(lines.size() + 1);
  for (std::size_t i = lines.size(); i > 0; --i) {
    later_two[i - 1] = later_two[i];
    std::size_t content;
    if (NumberedMarker(lines[i - 1], &content) == 2) {
      std::size_t indent = IndentOf(lines[i - 1]);
      auto& v = later_two[i - 1];
      if (std::find(v.begin(), v.end(), indent) == v.end()) v.push_back(indent);
    }
  }
  bool has_article = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::size_t content;
    if (NumberedMarker(lines[i], &content) == 1 && has_article) {
      std::size_t indent = IndentOf(lines[i]);
      bool gap = i >= 2 && IsBlank(lines[i - 1]) && IsBlank(lines[i - 2]);
      const auto& twos = later_two[i + 1];
      if ((indent > 0 || gap) && std::find(twos.begin(), twos.end(), indent) != twos.end())
        return i;
    }
    has_article = has_article || !IsBlank(lines[i]);
  }
  return lines.size();
}

struct RawComment {
  std::size_t parent = 0;  // 0 = the article; else 1-based comment number
  Lines lines;
};

std::vector<RawComment> ParseComments(const Lines& lines, std::size_t begin) {
  std::vector<RawComment> out;
  std::size_t top_indent = IndentOf(lines[begin]);
  int next_number = 1;
  std::vector<std::pair<std::size_t, std::size_t>> stack;  // (indent, comment number)
  std::size_t strip = 0;
  for (std::size_t i = begin; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    std::size_t indent = IndentOf(line);
    std::size_t content = 0;
    int number = NumberedMarker(line, &content);
    std::size_t bullet = BulletMarker(line);
    if (number == next_number && indent == top_indent) {
      ++next_number;
      out.push_back({0, {}});
      stack.assign(1, {indent, out.size()});
    } else if (bullet != std::string_view::npos) {
      content = bullet;
      while (!stack.empty() && stack.back().first >= indent) stack.pop_back();
      std::size_t parent = stack.empty() ? 0 : stack.back().second;
      out.push_back({parent, {}});
      stack.emplace_back(indent, out.size());
    } else {
      if (out.empty()) continue;
      std::size_t cut = 0;
      while (cut < line.size() && cut < strip && line[cut] == ' ') ++cut;
      out.back().lines.emplace_back(TrimRight(line.substr(cut)));
      continue;
    }
    strip = indent + 2;
    out.back().lines.emplace_back(TrimRight(line.substr(content)));
  }
  return out;
}

}  // namespace

std::string FindDate(std::string_view text, bool whole) {
  auto words = Words(Trim(text));
  if (whole) {
    if (!words.empty() && IsWeekday(words.front())) words.erase(words.begin());
    if (words.size() == 1) return IsoDate(words[0]);
    if (words.size() != 3) return "";
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (std::string iso = IsoDate(words[i]); !iso.empty()) return iso;
    if (i + 2 >= words.size()) continue;
    // 16 July 2014
    int d = Number(words[i], 1, 2), m = MonthNumber(words[i + 1]), y = Number(words[i + 2], 4, 4);
    if (d > 0 && m > 0 && y > 0) return FormatDate(y, m, d);
    // July 16, 2014
    m = MonthNumber(words[i]);
    d = Number(words[i + 1], 1, 2);
    if (m > 0 && d > 0 && y > 0) return FormatDate(y, m, d);
    if (whole) break;
  }
  return "";
}

std::string DefaultIdPrefix(std::string_view path) {
  auto slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::size_t digits = 0;
  while (digits < name.size() && name[digits] >= '0' && name[digits] <= '9') ++digits;
  if (digits > 0) return "seed" + std::string(name.substr(0, digits));
  auto dot = name.find('.');
  std::string_view stem = dot == std::string_view::npos || dot == 0 ? name : name.substr(0, dot);
  return std::string(stem);
}

std::vector<v1::Document> SplitDump(std::string_view dump, const SplitOptions& options) {
  std::string text = SanitizeUtf8(dump);
  Lines lines;
  {
    std::size_t pos = 0;
    while (pos <= text.size()) {
      std::size_t nl = text.find('\n', pos);
      if (nl == std::string::npos) nl = text.size();
      std::string_view l(text.data() + pos, nl - pos);
      if (l.ends_with('\r')) l.remove_suffix(1);
      lines.emplace_back(l);
      pos = nl + 1;
    }
  }
  std::size_t comments_at = FindComments(lines);

  // Articles: cut at separators and at markdown headings.
  std::vector<Lines> segments(1);
  auto has_content = [](const Lines& seg) {
    for (const auto& l : seg) {
      std::string_view t = Trim(l);
      if (!t.empty() && !IsFurniture(t)) return true;
    }
    return false;
  };
  bool seg_has_content = false;
  for (std::size_t i = 0; i < comments_at; ++i) {
    std::string_view t = Trim(lines[i]);
    if (IsSeparator(t) || (t.starts_with("# ") && seg_has_content)) {
      if (seg_has_content) segments.emplace_back();
      seg_has_content = false;
      if (IsSeparator(t)) continue;
    }
    seg_has_content = seg_has_content || (!t.empty() && !IsFurniture(t));
    segments.back().push_back(lines[i]);
  }

  std::vector<v1::Document> docs;
  int article_no = 0;
  std::string thread_id;
  for (const auto& seg : segments) {
    if (!has_content(seg)) continue;
    ArticleParts a = ParseArticle(seg);
    // Nothing visible (NULs, controls, zero-width characters) is no article:
    // ingest would refuse it as empty_text.
    if (!HasVisibleCharacter(a.text)) continue;
    v1::Document d;
    d.set_id(options.id_prefix + "-a" + std::to_string(++article_no));
    d.set_kind("article");
    if (!a.source.empty()) d.set_source(a.source);
    else if (!options.source.empty()) d.set_source(options.source);
    if (!a.title.empty()) d.set_title(Normalized(a.title));
    if (!a.author.empty()) d.set_author(Normalized(a.author));
    if (!a.published_at.empty()) d.set_published_at(a.published_at);
    if (!options.language.empty()) d.set_language(options.language);
    d.set_text(std::move(a.text));
    thread_id = d.id();
    docs.push_back(std::move(d));
  }

  if (comments_at < lines.size()) {
    auto comments = ParseComments(lines, comments_at);
    // Comment numbers are 1-based positions in `comments`; ids skip empties.
    std::vector<std::string> ids(comments.size() + 1);
    ids[0] = thread_id;
    int comment_no = 0;
    for (std::size_t k = 0; k < comments.size(); ++k) {
      std::string body = Normalized(Join(comments[k].lines, "\n"));
      std::string parent = ids[comments[k].parent];
      if (!HasVisibleCharacter(body)) {
        ids[k + 1] = parent;  // replies to an empty comment hang under its parent
        continue;
      }
      v1::Document d;
      d.set_id(options.id_prefix + "-c" + std::to_string(++comment_no));
      ids[k + 1] = d.id();
      d.set_kind("comment");
      d.set_thread_id(thread_id.empty() ? options.id_prefix + "-a0" : thread_id);
      d.set_parent_id(parent.empty() ? d.thread_id() : parent);
      if (!options.language.empty()) d.set_language(options.language);
      d.set_text(std::move(body));
      docs.push_back(std::move(d));
    }
  }
  return docs;
}

}  // namespace tidings::ingest
