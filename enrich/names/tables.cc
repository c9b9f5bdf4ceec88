#include "enrich/names/tables.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <unordered_set>

#include "enrich/dates.h"
#include "enrich/names/span_edit.h"

namespace tidings::enrich::names {

namespace {

// The end of token a's line: the first token on another line, or n.
size_t LineEnd(const std::vector<Token>& tokens, size_t a) {
  size_t b = a + 1;
  while (b < tokens.size() && !tokens[b].line_break_before) ++b;
  return b;
}

// Token k as a whole number (digits only).
bool IntAt(std::string_view text, const std::vector<Token>& tokens, size_t k, int* v) {
  if (k >= tokens.size() || tokens[k].kind != TokenKind::kNumber) return false;
  const std::string_view t = TokenText(text, tokens[k]);
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), *v);
  return ec == std::errc() && end == t.data() + t.size();
}

// A rank that begins a row ("1.", "12"): the token after it, else a.
size_t AfterRank(std::string_view text, const std::vector<Token>& tokens, size_t a, size_t b) {
  int v = 0;
  if (!IntAt(text, tokens, a, &v)) return a;
  return a + 2 < b && TokenText(text, tokens[a + 1]) == "." && Glued(tokens, a + 1) ? a + 2 : a + 1;
}

// The end of a name's run of tokens from k, before b: capitalised words, an
// initial's glued full stop ("A."), glued hyphens and the parts they join
// ("Inzamam-ul-Haq"), particles before a capitalised word ("de Silva").
// k when no capitalised word begins there.
size_t NameRunEnd(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, size_t k,
                  size_t b) {
  if (k >= b || tokens[k].kind != TokenKind::kWord || !tokens[k].upper) return k;
  size_t e = k;
  while (e < b) {
    const Token& t = tokens[e];
    const bool next_upper = e + 1 < b && tokens[e + 1].kind == TokenKind::kWord && tokens[e + 1].upper;
    if (t.kind == TokenKind::kWord && (t.upper || (e > k && Glued(tokens, e) && IsHyphenToken(text, tokens[e - 1])))) {
      ++e;
    } else if (t.kind == TokenKind::kPunct && Glued(tokens, e) &&
               ((TokenText(text, t) == "." && TokenText(text, tokens[e - 1]).size() == 1) ||
                (IsHyphenToken(text, t) && e + 1 < b && Glued(tokens, e + 1)))) {
      ++e;
    } else if (t.kind == TokenKind::kWord && e > k && next_upper &&
               (keys[e] == "de" || keys[e] == "van" || keys[e] == "der" || keys[e] == "da" || keys[e] == "du" ||
                keys[e] == "von" || keys[e] == "bin" || keys[e] == "al")) {
      ++e;
    } else {
      break;
    }
  }
  return e;
}

// A baseball table's winning percentage after a name's wins and losses at
// e, e + 1: ".561" (one token, or "." and "561") within rounding of wins /
// (wins + losses).
bool WinningPercentage(std::string_view text, const std::vector<Token>& tokens, size_t e, size_t b) {
  int wins = 0, losses = 0, thousandths = 0;
  if (e + 2 >= b || !IntAt(text, tokens, e, &wins) || !IntAt(text, tokens, e + 1, &losses) || wins + losses == 0)
    return false;
  std::string_view pct = TokenText(text, tokens[e + 2]);
  if (pct == "." && e + 3 < b && Glued(tokens, e + 3)) pct = TokenText(text, tokens[e + 3]);
  if (pct.starts_with(".")) pct.remove_prefix(1);
  const auto [end, ec] = std::from_chars(pct.data(), pct.data() + pct.size(), thousandths);
  if (ec != std::errc() || end != pct.data() + pct.size() || pct.size() != 3) return false;
  const double share = static_cast<double>(wins) / (wins + losses);
  return share * 1000 - thousandths < 1.0 && thousandths - share * 1000 < 1.0;
}

}  // namespace

Rows TableRows(std::string_view text, const std::vector<Token>& tokens) {
  Rows rows;
  for (size_t a = 0; a < tokens.size();) {
    const size_t b = LineEnd(tokens, a);
    const Token& last = tokens[b - 1];
    if (tokens[a].kind == TokenKind::kNumber || last.kind == TokenKind::kNumber ||
        (last.kind == TokenKind::kPunct && TokenText(text, last) == "-" && b - a >= 3))
      rows.emplace_back(static_cast<uint32_t>(a), static_cast<uint32_t>(b));
    a = b;
  }
  return rows;
}

void StandingsRows(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, const Rows& rows,
                   const TableLabels& labels, std::vector<Span>* spans) {
  constexpr size_t kMinNumbers = 5;
  std::vector<Span> teams;
  for (const auto& [row_a, row_b] : rows) {
    const size_t a = row_a, b = row_b;
    const size_t k = AfterRank(text, tokens, a, b);
    const size_t e = NameRunEnd(text, tokens, keys, k, b);
    int v[4] = {0, 0, 0, 0};
    bool numbers = e > k && b - e >= kMinNumbers;
    for (size_t j = e; numbers && j < b; ++j) {
      int x = 0;
      numbers = IntAt(text, tokens, j, &x);
      if (j - e < 4) v[j - e] = x;
    }
    if ((numbers && v[0] > 0 && v[0] == v[1] + v[2] + v[3]) || (e > k && WinningPercentage(text, tokens, e, b))) {
      const auto first = static_cast<uint32_t>(k), end = static_cast<uint32_t>(e);
      teams.push_back(
          Span{first, end, labels.is_country(first, end) ? labels.loc : labels.org, labels.margin, true});
    }
  }
  PutSpans(std::move(teams), spans);
}

void TeamsInRankedRows(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, const Rows& rows,
                       const TableLabels& labels, std::vector<Span>* spans) {
  constexpr size_t kMaxCountry = 4;  // tokens inside the brackets
  std::vector<Span> teams;
  for (const auto& [row_a, row_b] : rows) {
    const size_t a = row_a, b = row_b;
    const size_t k = AfterRank(text, tokens, a, b);
    const size_t e = k > a ? NameRunEnd(text, tokens, keys, k, b) : k;
    if (e > k && e < b && TokenText(text, tokens[e]) == "(") {
      size_t c = e + 1;
      while (c < b && c <= e + kMaxCountry && TokenText(text, tokens[c]) != ")") ++c;
      const size_t t = c + 1, te = NameRunEnd(text, tokens, keys, t, b);
      if (c < b && c > e + 1 && labels.is_country(static_cast<uint32_t>(e + 1), static_cast<uint32_t>(c)) &&
          te > t && te < b && tokens[te].kind == TokenKind::kNumber && !labels.is_country(t, te)) {
        teams.push_back(Span{static_cast<uint32_t>(t), static_cast<uint32_t>(te), labels.org, labels.margin, true});
      }
    }
  }
  PutSpans(std::move(teams), spans);
}

void RaceCards(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, const TableLabels& labels,
               std::vector<Span>* spans) {
  // The odds follow a bracket's close (") 4-1"): a text without a digit
  // after one (spaces between) has no race card, and its tokens are not read.
  bool odds = false;
  for (size_t p = text.find(')'); p != std::string_view::npos && !odds; p = text.find(')', p + 1)) {
    size_t q = p + 1;
    while (q < text.size() && (text[q] == ' ' || text[q] == '\t')) ++q;
    odds = q < text.size() && text[q] >= '0' && text[q] <= '9';
  }
  if (!odds) return;
  std::vector<Span> jockeys;
  std::vector<std::pair<uint32_t, uint32_t>> horses;
  for (size_t o = 3; o + 4 < tokens.size(); ++o) {
    // (A punctuation token is one code point: its first byte says "(".)
    if (tokens[o].kind != TokenKind::kPunct || text[tokens[o].begin_byte] != '(') continue;
    // The jockey, the bracket's close, then the odds ("4-1", "11-4").
    const size_t je = NameRunEnd(text, tokens, keys, o + 1, tokens.size());
    int a = 0, b = 0;
    if (je == o + 1 || je + 3 >= tokens.size() || TokenText(text, tokens[je]) != ")" ||
        !IntAt(text, tokens, je + 1, &a) || !IsHyphenToken(text, tokens[je + 2]) || !Glued(tokens, je + 2) ||
        !Glued(tokens, je + 3) || !IntAt(text, tokens, je + 3, &b))
      continue;
    // The horse: capitalised words back to the rank ("1." or "1").
    size_t hb = o;
    while (hb > 0 && tokens[hb - 1].kind == TokenKind::kWord && tokens[hb - 1].upper && o - hb < 4 &&
           !tokens[hb - 1].line_break_before)
      --hb;
    if (hb == o || hb < 1) continue;
    const size_t r = TokenText(text, tokens[hb - 1]) == "." && hb >= 2 ? hb - 2 : hb - 1;
    int rank = 0;
    if (!IntAt(text, tokens, r, &rank)) continue;
    horses.emplace_back(static_cast<uint32_t>(hb), static_cast<uint32_t>(o));
    jockeys.push_back(Span{static_cast<uint32_t>(o + 1), static_cast<uint32_t>(je), labels.person, labels.margin, true});
  }
  if (horses.empty()) return;
  // A horse is no name of the contract's types: what the model made of it goes.
  std::erase_if(*spans, [&](const Span& sp) {
    return std::any_of(horses.begin(), horses.end(),
                       [&](const auto& h) { return sp.first >= h.first && sp.end <= h.second; });
  });
  PutSpans(std::move(jockeys), spans);
}

// Whether tokens [a, e) are a digest's section heading, no paper: a word
// of sections, a weekday or a month.
bool SectionHeading(const KeyViews& keys, size_t a, size_t e) {
  static const WordSet kSections = {
      "politics", "economy", "business", "editorial", "editorials", "front", "page", "stories", "story", "note",
      "notes", "opposition", "sport", "sports", "world", "national", "international", "local", "weather",
      "headlines", "summary", "top", "other", "news", "domestic", "foreign", "finance", "markets", "comment",
      "analysis", "regional", "society", "culture", "crime", "government", "parliament", "president"};
  for (size_t k = a; k < e; ++k)
    if (kSections.Has(keys[k]) || IsMonthOrWeekday(keys[k])) return true;
  return false;
}

void PressDigestRows(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                     const TableLabels& labels, std::vector<Span>* spans) {
  constexpr size_t kHeadBytes = 400, kMaxWords = 4;
  // A digest says so in its headline or its lead line (read in place: this
  // runs for every document).
  const std::string_view head = text.substr(0, std::min(text.size(), kHeadBytes));
  if (!HasIgnoringCase(head, "press digest") && !HasIgnoringCase(head, "newspapers :") &&
      !HasIgnoringCase(head, "newspapers:"))
    return;
  std::vector<Span> papers;
  size_t line = 0;
  for (size_t a = 0; a < tokens.size(); ++line) {
    const size_t b = LineEnd(tokens, a);
    // Words in capitals, or parts of one glued by hyphens ("AL-RAI").
    size_t e = a;
    while (e < b && e < a + kMaxWords + 2 && tokens[e].kind == TokenKind::kWord && tokens[e].all_caps) {
      ++e;
      if (e + 1 < b && IsHyphenToken(text, tokens[e]) && Glued(tokens, e) && Glued(tokens, e + 1) &&
          tokens[e + 1].kind == TokenKind::kWord && tokens[e + 1].all_caps)
        ++e;
    }
    // The paper's name in capitals, then a spaced dash ("-", "--"), then the
    // story; not the headline and the dateline ("GREECE - PRESS DIGEST"),
    // nor a country.
    const bool dash = e > a && e + 1 < b && IsHyphenToken(text, tokens[e]) && !Glued(tokens, e);
    // Or the name alone on its line, its stories on the lines after it,
    // each after a dash ("DAILY NATION" then "- Opposition leader ...").
    // Not a section's heading ("POLITICS", "FRONT PAGE", "TOP STORIES",
    // "MONDAY") nor a place ("SIBERIA", "NEW DELHI"); a leading "THE" is no
    // part of the name ("THE GUARDIAN").
    const bool heading = e > a && e == b && b < tokens.size() && IsHyphenToken(text, tokens[b]) &&
                         !SectionHeading(keys, a, e) &&
                         !labels.is_place(static_cast<uint32_t>(a), static_cast<uint32_t>(e));
    if ((dash || heading) && line >= 2 && keys[a] != "press" &&
        !labels.is_country(static_cast<uint32_t>(a), static_cast<uint32_t>(e))) {
      const size_t first = heading && keys[a] == "the" && e > a + 1 ? a + 1 : a;
      papers.push_back(Span{static_cast<uint32_t>(first), static_cast<uint32_t>(e), labels.org, labels.margin, true});
    }
    a = b;
  }
  PutSpans(std::move(papers), spans);
}

void CricketScorecards(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, const Rows& rows,
                       const TableLabels& labels, std::vector<Span>* spans) {
  std::vector<Span> people;
  auto marker = [&](size_t k, std::string_view w) { return k < tokens.size() && !tokens[k].upper && keys[k] == w; };
  for (const auto& [row_a, row_b] : rows) {
    const size_t row = row_a, b = row_b;
    if (tokens[b - 1].kind != TokenKind::kNumber) continue;
    const size_t bat = NameRunEnd(text, tokens, keys, row, b);
    if (bat == row || bat >= b) continue;
    std::vector<Span> found{
        Span{static_cast<uint32_t>(row), static_cast<uint32_t>(bat), labels.person, labels.margin, true}};
    // The bowler's name from k, ending right before the runs.
    auto bowler = [&](size_t k) {
      const size_t end = NameRunEnd(text, tokens, keys, k, b);
      if (end == k || end != b - 1) return false;
      found.push_back(Span{static_cast<uint32_t>(k), static_cast<uint32_t>(end), labels.person, labels.margin, true});
      return true;
    };
    size_t k = bat;
    bool ok = false;
    if (marker(k, "c") || marker(k, "st")) {
      if (marker(k, "c") && marker(k + 1, "and") && marker(k + 2, "b")) {
        ok = bowler(k + 3);
      } else {
        const size_t fielder = NameRunEnd(text, tokens, keys, k + 1, b);
        if (fielder > k + 1 && marker(fielder, "b")) {
          found.push_back(
              Span{static_cast<uint32_t>(k + 1), static_cast<uint32_t>(fielder), labels.person, labels.margin, true});
          ok = bowler(fielder + 1);
        }
      }
    } else if (marker(k, "lbw") && marker(k + 1, "b")) {
      ok = bowler(k + 2);
    } else if (marker(k, "b")) {
      ok = bowler(k + 1);
    } else if ((marker(k, "run") || marker(k, "not")) && marker(k + 1, "out")) {
      ok = k + 2 == b - 1;
    } else if (marker(k, "retired")) {
      ok = true;
    }
    if (ok) people.insert(people.end(), found.begin(), found.end());
  }
  PutSpans(std::move(people), spans);
}

// A competitor's country as the results write it, the Olympic committee's
// three letters in brackets after the name ("Aalborg Håndbold (DEN) 31",
// "2 Y. Tesfaye (ESP) 29:15", "M. Silva (BRA) bt T. Berg (NOR) 6-4"): a
// LOC, before a number, a comma, a semicolon, "bt", "beat", "def", "v" or
// the line's end. (The model had none of
// them, or "(POL)" alone.)
void CountryCodesInResults(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                           const TableLabels& labels, const std::function<bool()>& sports_page,
                           std::vector<Span>* spans) {
  static const WordSet kCodes = {
      "afg", "alb", "alg", "and", "ang", "ant", "arg", "arm", "aru", "asa", "aus", "aut", "aze", "bah", "ban", "bar",
      "bdi", "bel", "ben", "ber", "bhu", "bih", "biz", "blr", "bol", "bot", "bra", "brn", "bru", "bul", "bur", "caf",
      "cam", "can", "cay", "cgo", "cha", "chi", "chn", "civ", "cmr", "cod", "cok", "col", "com", "cpv", "crc", "cro",
      "cub", "cyp", "cze", "den", "dji", "dma", "dom", "ecu", "egy", "eng", "eri", "esa", "esp", "est", "eth", "fij",
      "fin", "fra", "fsm", "gab", "gam", "gbr", "gbs", "geo", "geq", "ger", "gha", "gre", "grn", "gua", "gui", "gum",
      "guy", "hai", "hkg", "hon", "hun", "ina", "ind", "iri", "irl", "irq", "isl", "isr", "isv", "ita", "ivb", "jam",
      "jor", "jpn", "kaz", "ken", "kgz", "kir", "kor", "kos", "ksa", "kuw", "lao", "lat", "lba", "lbn", "lbr", "lca",
      "les", "lie", "ltu", "lux", "mad", "mar", "mas", "maw", "mda", "mdv", "mex", "mgl", "mhl", "mkd", "mli", "mlt",
      "mne", "mon", "moz", "mri", "mtn", "mya", "nam", "nca", "ned", "nep", "ngr", "nig", "nir", "nor", "nru", "nzl",
      "oma", "pak", "pan", "par", "per", "phi", "ple", "plw", "png", "pol", "por", "prk", "pur", "qat", "rou", "rsa",
      "rus", "rwa", "sam", "sco", "sen", "sey", "sgp", "skn", "sle", "slo", "smr", "sol", "som", "srb", "sri", "ssd",
      "stp", "sud", "sui", "sur", "svk", "swe", "swz", "syr", "tan", "tga", "tha", "tjk", "tkm", "tls", "tog", "tpe",
      "tto", "tun", "tur", "tuv", "uae", "uga", "ukr", "uru", "usa", "uzb", "van", "ven", "vie", "vin", "wal", "yem",
      "zam", "zim"};
  const size_t n = tokens.size();
  std::vector<Span> add;
  int before_number = 0;
  auto capital = [](char c) { return c >= 'A' && c <= 'Z'; };
  // The text's brackets (memchr), not every token: "(" three capitals ")".
  for (size_t p = text.find('('); p != std::string_view::npos; p = text.find('(', p + 1)) {
    if (p + 4 >= text.size() || text[p + 4] != ')' || !capital(text[p + 1]) || !capital(text[p + 2]) ||
        !capital(text[p + 3]))
      continue;
    const auto at = std::lower_bound(tokens.begin(), tokens.end(), p + 1,
                                     [](const Token& t, size_t b) { return t.begin_byte < b; });
    const size_t k = static_cast<size_t>(at - tokens.begin());
    if (k < 2 || k + 1 >= n || tokens[k].begin_byte != p + 1 || tokens[k].end_byte != p + 4 ||
        TokenText(text, tokens[k - 1]) != "(" || TokenText(text, tokens[k + 1]) != ")" || !kCodes.Has(keys[k]))
      continue;
    // After a name: a capitalised word before the bracket.
    if (tokens[k - 2].kind != TokenKind::kWord || !tokens[k - 2].upper) continue;
    const bool ends = k + 2 >= n || tokens[k + 2].line_break_before || tokens[k + 2].kind == TokenKind::kNumber ||
                      keys[k + 2] == "," || keys[k + 2] == ";" || keys[k + 2] == "bt" || keys[k + 2] == "beat" ||
                      keys[k + 2] == "def" || keys[k + 2] == "v" || keys[k + 2] == "vs";
    if (!ends) continue;
    // Over a match the knowledge base fixed too ("FRA" is an agency's
    // acronym there): the page says which (below).
    add.push_back(Span{static_cast<uint32_t>(k), static_cast<uint32_t>(k + 1), labels.loc, labels.margin, true});
    before_number += k + 2 < n && tokens[k + 2].kind == TokenKind::kNumber;
  }
  // A sports page's, or three results or more with their figures (a
  // vote's "Smith (IND) 4,512" and a ticker list are neither).
  if (add.empty() || (before_number < 3 && !sports_page())) return;
  PutSpans(std::move(add), spans);
}

}  // namespace tidings::enrich::names
