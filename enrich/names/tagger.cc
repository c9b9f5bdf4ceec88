#include "enrich/names/tagger.h"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_set>

#include "enrich/dates.h"
#include "enrich/kb_exact.h"
#include "enrich/learn/hash.h"
#include "enrich/learn/perceptron.h"
#include "enrich/names/linker.h"
#include "enrich/names/span_edit.h"
#include "enrich/names/tables.h"
#include "enrich/word_table.h"

// The model shipped in the repository, compiled in by enrich/CMakeLists.txt
// (empty when the build has none).
extern "C" const char tidings_ner_model_begin[];
extern "C" const char tidings_ner_model_end[];
extern "C" const char tidings_ner_clusters_begin[];
extern "C" const char tidings_ner_clusters_end[];

namespace tidings::enrich::names {

namespace v1 = ::tidings::v1;
namespace {

// Whether every byte of `w` is an ASCII capital letter (an acronym's,
// "DR" of "DR Congo", a listing's "HK").
bool AsciiCapitals(std::string_view w) {
  return std::all_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// A company's trade that makes a nationality before it part of the name
// ("British Airways", "Russian Railways"); not institutions, which news
// corpora tag apart ("Venezuelan" + "Congress").
bool IsTradeWord(std::string_view key) {
  static const WordSet k = {
      "airways", "airlines", "airline", "railways", "railway", "motors", "mining", "telecom", "telecoms",
      "petroleum", "steel", "chemicals", "pharmaceuticals", "insurance", "holdings", "industries", "breweries",
      "shipping", "airports", "gas", "oil", "energy", "electric", "broadcasting", "air", "power", "hydro",
      "ferries"};
  return k.Has(key);
}

// A company's market before "in": "Shares in Sumida fell", "a stake in
// ...", "invested in": the name after it is the company's, not a place's.
bool MarketBeforeIn(std::string_view key) {
  static const WordSet k = {"shares", "stake", "stakes", "invest", "invested", "investment", "investments",
                            "holding", "holdings", "interest", "share", "stock", "units"};
  return k.Has(key);
}

// The first words of national institutions' names ("Army", "Air Force",
// "Red Cross", "Stock Exchange", "Supreme Court"; JoinNationalityOrg).
bool IsInstitutionHead(std::string_view key) {
  static const WordSet kHeads = {
      "army", "navy", "marines", "air", "coast", "red", "stock", "central", "supreme", "olympic", "football",
      "cricket", "rugby", "national", "armed", "special", "federal", "constitutional"};
  return kHeads.Has(key);
}

// The last words of parties' names: a nationality or country right before
// such a name of two words or more is part of it ("Italian Liberal Party",
// "Taiwan People's Party", "Syrian Communist Party"; JoinNationalityOrg).
bool IsPartyHead(std::string_view key) {
  static const WordSet kHeads = {"party", "congress", "alliance", "front", "movement",
                                                              "league"};
  return kHeads.Has(key);
}

// A person's title, kept outside the name: the title words of the rules
// (entities.cc) and the first words of compound titles ("Prime Minister",
// "Vice President", "Deputy Mayor", "Crown Prince", "CEO"), which are not
// title words of the model's features (the shipped model was trained
// without them). A curated alias with a title ("President Assad") is
// trimmed too, as the contract has it, and linked from what is left.
TitleWord TitleWordOf(std::string_view key) {
  if ((NameWordFlags(key) & kTitleWord) != 0 || key == "prime" || key == "vice" || key == "deputy" ||
      key == "crown" || key == "ceo" || key == "speaker" || key == "director" || key == "executive" ||
      key == "officer" || key == "chairwoman" || key == "chairperson" || key == "coach" ||
      // ranks and offices as wire copy shortens them ("Lt. Col.", "Sgt.", "Gov.", "Rep.")
      key == "lt" || key == "sgt" || key == "cpl" || key == "pvt" || key == "maj" || key == "adm" ||
      key == "gov" || key == "rep" || key == "supt" || key == "insp" || key == "det" || key == "coun")
    return TitleWord::kTitle;
  // Honorifics of South Asian, West African and Malay news ("Shri Ram Gopal
  // Yadav", "Alhaji Aliko Dangote", "Datuk ..."), military, religious
  // and noble ranks ("Brigadier Sarath Munasinghe", "Mullah Mohammad Omar",
  // "Guru Nanak", "Baron Pierre de Wouters"), and the roles a
  // sentence puts before a name ("Skipper Ruturaj Gaikwad", "Rapper ..."):
  // not the name's words.
  static const WordSet honorifics = {
      "shri", "sri", "smt", "shrimati", "alhaji", "alhaja", "maulana", "mahant", "barrister", "datuk", "dato",
      "datin", "skipper", "substitute", "goalkeeper", "striker", "midfielder", "defender", "winger", "batsman", "batter",
      "bowler", "actor", "actress", "rapper", "singer", "teenager", "veteran", "promoter", "comedian",
      "novelist", "filmmaker", "founder", "councillor", "councilor", "cllr", "garda", "commissioner", "councilman",
      "councilwoman", "alderman", "alderwoman", "selectman", "selectwoman", "brigadier", "admiral", "marshal",
      "mullah", "mufti", "rabbi", "bishop", "archbishop", "cardinal", "baron", "baroness", "taoiseach",
      "tánaiste", "tanaiste", "rookie", "selector", "guru", "princess", "seamer", "spinner", "paceman",
      "pacer", "legspinner", "wicketkeeper", "flanker", "playmaker", "tempore", "goaltender", "netminder",
      "goalie", "quarterback", "pitcher", "outfielder", "infielder", "jockey", "fullback", "halfback",
      "hooker", "flyhalf", "scrumhalf", "allrounder", "sprinter", "swimmer", "cyclist", "golfer",
      "boxer"};
  if (honorifics.Has(key)) return TitleWord::kTitle;
  // Departments, ranks and houses before a title ("Foreign Minister", "Grand
  // Ayatollah", "Attorney General", "Senate Majority Leader").
  static const WordSet modifiers = {
      "foreign", "interior", "defense", "defence", "finance", "home", "justice", "trade", "health",
      "education", "energy", "oil", "economy", "information", "culture", "environment", "agriculture",
      "transport", "labor", "labour", "security", "intelligence", "attorney", "grand", "supreme", "chief",
      "senior", "first", "house", "senate", "majority", "minority", "opposition", "army", "police",
      "managing", "operating", "financial", "cabinet", "associate", "pro",
      // and the complements of "Secretary of", "Minister of" ("State", "Foreign Affairs")
      "state", "commerce", "treasury", "homeland", "affairs", "war", "exchequer", "duchy"};
  return modifiers.Has(key) ? TitleWord::kModifier : TitleWord::kNone;
}
constexpr float kForbidden = -1e30f;

// A continent's one word ("Europe", "Asia", "Africa", "America").
bool IsContinentWord(std::string_view k) { return k == "europe" || k == "asia" || k == "africa" || k == "america"; }

// Words that begin longer place names ("New England", "North Korea",
// "Upper Egypt", "Greater London"); stop words elsewhere.
bool IsPlaceStart(std::string_view k) {
  return k == "new" || k == "north" || k == "south" || k == "east" || k == "west" || k == "upper" || k == "lower" ||
         k == "great" || k == "greater" || k == "central";
}

// A capitalised word or a connector ("of", "de") right before token `i`, on
// its line.
bool NameGoesOnBefore(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, size_t i) {
  if (i == 0) return false;
  const Token& p = tokens[i - 1];
  if (text.substr(p.end_byte, tokens[i].begin_byte - p.end_byte).find('\n') != std::string_view::npos) return false;
  if (p.kind != TokenKind::kWord) return false;
  const std::string_view k = keys[i - 1];
  if (k == "of" || k == "de" || k == "del" || k == "da" || k == "du" || k == "di" || k == "and") return true;
  return p.upper && (IsPlaceStart(k) || !(NameWordFlags(k) & kStopWord)) && !p.sentence_start;
}

// Whether the capitalised words from token k on (with "of", "and", "for",
// "the" between them), on one line and before any knowledge-base match
// (`kb_begins`), reach an organisation word ("Party", "Society",
// "Institute") within a few tokens. A plural kind of organisation
// ("Stalinist Communist Parties", "Islamist militias") does not count.
bool OrgWordAhead(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                  const std::vector<uint8_t>& kb_begins, size_t k) {
  constexpr size_t kReach = 6;
  for (size_t j = k; j < tokens.size() && j < k + kReach; ++j) {
    if (j > k && (!SpacedOnLine(text, tokens, j) || kb_begins[j])) return false;
    if (tokens[j].kind != TokenKind::kWord) return false;
    const std::string_view w = keys[j];
    if (!tokens[j].upper) {
      if (w == "of" || w == "and" || w == "for" || w == "the") continue;
      return false;
    }
    const bool kind = w == "parties" || w == "unions" || w == "organizations" || w == "organisations" ||
                      w == "militias" || w == "brigades";
    if ((NameWordFlags(w) & kOrgWord) && !kind) return true;
  }
  return false;
}

bool IsSportWord(std::string_view key);
bool IsDatelineLabel(std::string_view key);

// Whether running text follows the dash at token e on its line: a word in
// lower case among the eight tokens after the word after it.
bool FirstSentenceAfter(const std::vector<Token>& tokens, uint32_t e) {
  for (uint32_t k = e + 2; k < tokens.size() && k < e + 10 && !tokens[k].line_break_before; ++k)
    if (tokens[k].kind == TokenKind::kWord && !tokens[k].upper) return true;
  return false;
}

// Whether the capitals of tokens [c, e) are a dateline's place before a
// spaced dash and the story's first sentence, first in the document or on
// the line after a headline, and the story names the place again in mixed
// case ("VENICE - The 19th International Architecture Exhibition ..." and
// "Venice" later): a capitalised word in mixed case after the dash, a word
// in lower case among the eight after it; not a wire's label or a sport
// ("UPDATE - ...", "FOREX - ...", "SOCCER - ...").
bool DatelineDash(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, uint32_t c,
                  uint32_t e) {
  const std::string_view dash = TokenText(text, tokens[e]);
  if (!(dash == "-" || dash == "\u2013" || dash == "\u2014") || !SpacedOnLine(text, tokens, e) ||
      !CapitalisedNextOnLine(text, tokens, e + 1) || tokens[e + 1].all_caps)
    return false;
  for (uint32_t w = c; w < e; ++w)
    if (IsDatelineLabel(keys[w]) || IsSportWord(keys[w])) return false;
  // The story names the place again in mixed case ("VENICE - ..." then
  // "the Municipality of Venice"): a shout, a slug or an acronym does not
  // ("REVEALED - ...", "JUST IN - ...", "ZESCO - ...").
  bool again = false;
  for (uint32_t k = e + 1; k + (e - c) <= tokens.size() && !again; ++k) {
    if (keys[k] != keys[c] || !tokens[k].upper || tokens[k].all_caps) continue;
    again = true;
    for (uint32_t j = 1; j < e - c && again; ++j) again = keys[k + j] == keys[c + j];
  }
  if (!again) return false;
  // The story's first line, or its first after its headline: a blank line,
  // and before it a line of three words or more in title case (a post's
  // "WHOOPS - ..." after its handles is none).
  if (c == 0) return FirstSentenceAfter(tokens, e);
  if (text.substr(tokens[c - 1].end_byte, tokens[c].begin_byte - tokens[c - 1].end_byte).find("\n\n") ==
          std::string_view::npos ||
      !TitleCaseLine(text, tokens, c - 1))
    return false;
  uint32_t words = 0;
  for (uint32_t k = c; k > 0 && !(k < c && tokens[k].line_break_before) && words < 3; --k)
    words += tokens[k - 1].kind == TokenKind::kWord && tokens[k - 1].upper;
  return words >= 3 && FirstSentenceAfter(tokens, e);
}

// The end of a dateline's place that the knowledge base lacks: from token
// c, up to three words in capitals (joined by spaces or glued hyphens:
// "AL-AIN", "RAS AL KHAIMAH", "SAINT-NOM-LA-BRETECHE"), then a comma and a knowledge-base place
// (the country or state) on the same line, then the story's date or its
// agency ("AL-AIN, United Arab Emirates 1996-12-06", "YAMOUSSOUKRO, Ivory
// Coast (Reuters) -"), or any state or country the agency's bracket
// follows ("BUFFALO, N.Y. (AP) --": "Buffalo", an English word, is not in
// the knowledge base); or a comma, the date and the dash or the agency
// ("MUSCAT, Dec 9 -"); or a spaced dash and the story's first sentence
// (DatelineDash: "VENICE - The exhibition opened"). 0 when the line is no
// such dateline.
uint32_t UnknownDatelinePlaceEnd(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                                 uint32_t c, const KnowledgeBase& kb) {
  // Parts joined by glued hyphens count as one word ("SAINT-NOM-LA-BRETECHE").
  uint32_t e = c, words = 0;
  bool joined = false;
  while (e < tokens.size() && (words < 3 || joined) && e < c + 9 && tokens[e].kind == TokenKind::kWord &&
         tokens[e].all_caps && (e == c || !NewlineBetween(text, tokens[e - 1], tokens[e]))) {
    words += !joined, ++e;
    joined = e + 1 < tokens.size() && TokenText(text, tokens[e]) == "-" && Glued(tokens, e) && Glued(tokens, e + 1);
    if (joined) ++e;
  }
  if (joined) --e;  // a hyphen glued to nothing in capitals after it
  if (e > c && e + 2 < tokens.size() && DatelineDash(text, tokens, keys, c, e)) return e;
  if (e == c || e + 1 >= tokens.size() || TokenText(text, tokens[e]) != "," ||
      NewlineBetween(text, tokens[e - 1], tokens[e]) || NewlineBetween(text, tokens[e], tokens[e + 1]))
    return 0;
  // Or the story's date right after the comma, then the dash or the
  // agency's bracket ("MUSCAT, Dec 9 - ", "ALMATY, Dec. 3 (Reuters) -");
  // not a wire's label there ("UPDATE, Dec 9 -", "FACTBOX, May 2 -").
  bool label = false;
  for (uint32_t w = c; w < e && !label; ++w) label = IsDatelineLabel(keys[w]);
  // The story's date at token k ("Dec 9", "Dec. 3"), then a dash or a bracket.
  auto dated_at = [&](uint32_t k) {
    if (k >= tokens.size() || !IsMonth(keys[k]) || !tokens[k].upper) return false;
    if (k + 1 < tokens.size() && TokenText(text, tokens[k + 1]) == "." && Glued(tokens, k + 1)) ++k;
    if (k + 2 >= tokens.size() || tokens[k + 1].kind != TokenKind::kNumber || !SpacedOnLine(text, tokens, k + 1) ||
        !SpacedOnLine(text, tokens, k + 2))
      return false;
    const std::string_view mark = TokenText(text, tokens[k + 2]);
    return mark == "-" || mark == "(" || mark == "\u2013" || mark == "\u2014";
  };
  if (!label && dated_at(e + 1)) return e;
  KnowledgeBase::Match m;
  if (!kb.LongestMatch(text, tokens, keys, e + 1, &m) || EntityOfType(kb, m, v1::LOC) == nullptr ||
      m.end_token >= tokens.size() || NewlineBetween(text, tokens[m.end_token - 1], tokens[m.end_token])) {
    // Or a state's abbreviation or name the knowledge base lacks, up to
    // three capitalised words (an abbreviation's stops glued to them), then
    // the agency's bracket, or a comma and the story's date ("BUFFALO, N.Y.
    // (AP) --", "ITHACA, New York (Reuters) -", "BRADENTON, Fla., Dec 6 (AP)
    // —").
    uint32_t k = e + 1, words = 0;
    while (k < tokens.size() && k < e + 7 && words < 3 && !NewlineBetween(text, tokens[k - 1], tokens[k])) {
      if (tokens[k].kind == TokenKind::kWord && tokens[k].upper) {
        ++words, ++k;
      } else if (words > 0 && Glued(tokens, k) && TokenText(text, tokens[k]) == ".") {
        ++k;
      } else {
        break;
      }
    }
    if (words == 0 || k >= tokens.size() || NewlineBetween(text, tokens[k - 1], tokens[k])) return 0;
    const std::string_view mark = TokenText(text, tokens[k]);
    return mark == "(" || (!label && mark == "," && dated_at(k + 1)) ? e : 0;
  }
  // The date: a year, or a number with "-" or "/" ("1996-12-06" is
  // tokens "1996", "-", ...).
  const Token& after = tokens[m.end_token];
  const std::string_view num = TokenText(text, after);
  const bool dated = after.kind == TokenKind::kNumber &&
                     (num.find_first_of("-/") != std::string_view::npos ||
                      (num.size() == 4 && (num.starts_with("19") || num.starts_with("20"))));
  // Or the dash that ends the dateline ("EAST RUTHERFORD, New Jersey - "),
  // or a comma and the story's date ("IQALUIT, Nunavut, Dec. 8 (Canadian
  // Press) -").
  const bool dash = (num == "-" || num == "\u2013" || num == "\u2014") && SpacedOnLine(text, tokens, m.end_token) &&
                    SpacedOnLine(text, tokens, m.end_token + 1);
  return dated || dash || num == "(" || (!label && num == "," && dated_at(m.end_token + 1)) ? e : 0;
}

// A mark that ends a dateline's place: a comma, a dash or a bracket.
bool DatelineMark(std::string_view mark) {
  return mark == "," || mark == "-" || mark == "(" || mark == "\u2013" || mark == "\u2014";
}

// The end of a further place of a dateline, in capitals, glued after a
// slash at token k ("ALGIERS/RABAT, Dec 3 -"): a knowledge-base place of up
// to three words, then a comma, a dash, a bracket or another slash
// ("RABAT/ALGIERS/TUNIS, Nov 6"); or 0.
uint32_t SecondDatelinePlace(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                             const KnowledgeBase& kb, uint32_t k) {
  KnowledgeBase::Match m;
  if (k >= tokens.size() || !Glued(tokens, k) || !tokens[k].all_caps || !kb.LongestMatch(text, tokens, keys, k, &m) ||
      m.end_token > k + 3 || m.end_token >= tokens.size() || EntityOfType(kb, m, v1::LOC) == nullptr)
    return 0;
  for (uint32_t t = k; t < m.end_token; ++t)
    if (tokens[t].kind != TokenKind::kWord || !tokens[t].all_caps) return 0;
  const std::string_view mark = TokenText(text, tokens[m.end_token]);
  return DatelineMark(mark) || mark == "/" ? m.end_token : 0;
}

// A wire's label where a dateline's place stands ("UPDATE, Dec 9 -",
// "FACTBOX - ...").
bool IsDatelineLabel(std::string_view key) {
  static const WordSet kLabels = {
      "update", "updated", "correction", "corrected", "exclusive", "analysis", "breaking", "factbox", "comment",
      "brief", "briefs", "digest", "wrap", "insight", "focus", "explainer", "interview", "refile", "wrapup",
      "preview", "feature", "opinion", "editorial", "review", "obituary", "news", "alert", "flash", "urgent",
      "rpt", "repeat", "timeline", "poll", "graphic", "live", "advisory", "press", "market", "markets", "watch",
      "video", "photos", "results", "scoreboard", "standings", "weather", "forex", "stocks", "bonds", "metals",
      "grains", "commodities", "oil", "gold", "sport", "sports", "travel", "health", "tech", "business", "politics",
      "commentary", "breakingviews", "column", "columnist", "opinion", "view", "viewpoint"};
  return kLabels.Has(key);
}

bool PunctAt(std::string_view text, const std::vector<Token>& tokens, size_t k, std::string_view p);

// The end of a dateline's place written in title case, as agencies' feeds
// give it ("Riyadh (AFP) - The 2027 Dakar Rally ..."): a knowledge-base
// place of up to three capitalised words at token c, then the agency in
// brackets (one to three capitalised words) and a spaced dash; or 0. The
// model read the place before a bracket as a company before its ticker.
uint32_t AgencysDatelinePlaceEnd(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                                 const KnowledgeBase& kb, uint32_t c) {
  KnowledgeBase::Match m;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  if (!kb.LongestMatch(text, tokens, keys, c, &m) || m.end_token > c + 3 || m.end_token + 3 >= n ||
      EntityOfType(kb, m, v1::LOC) == nullptr || !PunctAt(text, tokens, m.end_token, "("))
    return 0;
  for (uint32_t k = c; k < m.end_token; ++k)
    if (tokens[k].kind != TokenKind::kWord || !tokens[k].upper) return 0;
  uint32_t k = m.end_token + 1;
  while (k < n && k < m.end_token + 4 && tokens[k].kind == TokenKind::kWord && tokens[k].upper) ++k;
  if (k == m.end_token + 1 || k + 1 >= n || !PunctAt(text, tokens, k, ")")) return 0;
  const std::string_view dash = TokenText(text, tokens[k + 1]);
  return (dash == "-" || dash == "\u2013" || dash == "\u2014") && SpacedOnLine(text, tokens, k + 1) ? m.end_token : 0;
}

// A wire story's dateline: a place in capitals that starts a line, then a
// dash, a bracket (the agency), a comma, a number (the date) or the line's
// end ("TEHRAN - ...", "DOHA, Qatar (AP) - ...", "KABUL (Reuters) - ...",
// "AMSTERDAM 1996-08-22"). The model, trained on corpora with
// few datelines, often leaves the place out. Up to three words, all in
// capitals, a knowledge-base place as a whole; or a place the knowledge
// base lacks, before a comma, a place it has and the date, the agency or
// the dash (UnknownDatelinePlaceEnd: "EAST RUTHERFORD, New Jersey -"); two
// places joined by a slash ("ALGIERS/RABAT, Dec 3 -").
void PlacesInDatelines(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                       const std::vector<uint32_t>& cap_at, const KnowledgeBase& kb, float typical_margin,
                       std::vector<Span>* spans) {
  std::vector<Span> places;
  for (uint32_t c : cap_at) {
    const Token& t = tokens[c];
    if (c > 0 && !NewlineBetween(text, tokens[c - 1], t)) continue;
    if (!t.all_caps) {
      if (const uint32_t e = AgencysDatelinePlaceEnd(text, tokens, keys, kb, c))
        places.push_back(Span{c, e, LabelOf(v1::LOC, true), typical_margin});
      continue;
    }
    KnowledgeBase::Match m;
    if (!kb.LongestMatch(text, tokens, keys, c, &m) || m.end_token > c + 3 || m.end_token >= tokens.size() ||
        EntityOfType(kb, m, v1::LOC) == nullptr) {
      // A dateline's place is a place however the story's other mentions
      // read it (a strong vote for MakeConsistent: "IQALUIT, Nunavut, Dec. 8
      // (Canadian Press)" over three "Iqaluit" the model took for an
      // organisation).
      if (const uint32_t e = UnknownDatelinePlaceEnd(text, tokens, keys, c, kb))
        places.push_back(Span{c, e, LabelOf(v1::LOC, true), 4 * typical_margin});
      continue;
    }
    bool caps = true;
    for (uint32_t k = c; k < m.end_token; ++k) caps &= tokens[k].kind == TokenKind::kWord && tokens[k].all_caps;
    const Token& after = tokens[m.end_token];
    const std::string_view mark = TokenText(text, after);
    const bool line_ends = NewlineBetween(text, tokens[m.end_token - 1], after);
    // Or the place alone on its line, or before the story's date there
    // ("AMSTERDAM 1996-08-22": the number starts the rest of the line).
    const bool dated = !line_ends && after.kind == TokenKind::kNumber && SpacedOnLine(text, tokens, m.end_token);
    // Places joined by slashes ("ALGIERS/RABAT, Dec 3 -", "RABAT/ALGIERS/TUNIS,
    // Nov 6"): each is one, when the last ends the dateline.
    if (caps && !line_ends && mark == "/") {
      std::vector<Span> chain = {Span{c, m.end_token, LabelOf(v1::LOC, true), typical_margin}};
      uint32_t e = m.end_token;
      while (chain.size() < 6 && e < tokens.size() && TokenText(text, tokens[e]) == "/") {
        const uint32_t next = SecondDatelinePlace(text, tokens, keys, kb, e + 1);
        if (next == 0) break;
        chain.push_back(Span{e + 1, next, LabelOf(v1::LOC, true), typical_margin});
        e = next;
      }
      if (chain.size() > 1 && e < tokens.size() && DatelineMark(TokenText(text, tokens[e])))
        places.insert(places.end(), chain.begin(), chain.end());
      continue;
    }
    if (!caps || !(line_ends || dated || (after.kind == TokenKind::kPunct && DatelineMark(mark))))
      continue;
    // Before a date ("CINCINNATI 1996-08-24", not a score: "PITTSBURGH 3
    // CINCINNATI 5" is a results line's teams), a fixed match of another
    // type there (the company "Cincinnati" of Cincinnati Financial) gives
    // way to the place.
    Span place{c, m.end_token, LabelOf(v1::LOC, true), typical_margin};
    if (dated) {
      const std::string_view num = TokenText(text, after);
      place.retyped = num.find('-') != std::string_view::npos || num.find('/') != std::string_view::npos ||
                      (num.size() == 4 && (num.starts_with("19") || num.starts_with("20")));
    }
    places.push_back(place);
  }
  // The agency in brackets after a dateline's place, in capitals, is an
  // organisation whatever its letters ("RIGA (NBW) —", "PANAMA CITY (INS)
  // —"; the base knows the big ones).
  // So after the dateline's date ("DAKAR, Nov 25 (WAN) -"): a comma, then
  // up to five words, numbers, commas or stops on the line, a number last.
  const size_t found = places.size();
  for (size_t x = 0; x < found; ++x) {
    uint32_t e = places[x].end;
    if (e + 3 < tokens.size() && PunctAt(text, tokens, e, ",")) {
      uint32_t q = e + 1;
      while (q < tokens.size() && q <= e + 5 && !PunctAt(text, tokens, q, "(") &&
             !NewlineBetween(text, tokens[q - 1], tokens[q]) &&
             (tokens[q].kind != TokenKind::kPunct || PunctAt(text, tokens, q, ",") || PunctAt(text, tokens, q, ".")))
        ++q;
      if (q > e + 1 && q < tokens.size() && PunctAt(text, tokens, q, "(") && tokens[q - 1].kind == TokenKind::kNumber)
        e = q;
    }
    // (Or one word in title case before a spaced dash: "JAKARTA, Dec 3
    // (Antara) -".)
    auto dash_after = [&](uint32_t k) {
      if (k >= tokens.size() || !SpacedOnLine(text, tokens, k)) return false;
      const std::string_view d = TokenText(text, tokens[k]);
      return d == "-" || d == "\u2013" || d == "\u2014";
    };
    if (e + 3 < tokens.size() && PunctAt(text, tokens, e, "(") && tokens[e + 1].kind == TokenKind::kWord &&
        !IsTimeZoneKey(keys[e + 1]) &&
        ((tokens[e + 1].all_caps && keys[e + 1].size() >= 2 && keys[e + 1].size() <= 6) ||
         (tokens[e + 1].upper && keys[e + 1].size() >= 3 && dash_after(e + 3))) &&
        PunctAt(text, tokens, e + 2, ")"))
      places.push_back(Span{e + 1, e + 2, LabelOf(v1::ORG, true), typical_margin});
  }
  PutSpans(std::move(places), spans);
}

// Whether token t is a company's legal form ("Inc", "Corp.", "PLC", "AG",
// "GmbH"), also as British and Indian filings write it ("plc", "Limited")
// and in full ("Corporation", "Incorporated"). Read for most spans and
// capitalised words: by length, with no hashing.
bool IsLegalForm(std::string_view text, const Token& t) {
  std::string_view w = TokenText(text, t);
  // Every form begins with one of these letters: most words end here.
  if (w.size() < 2 || w.size() > 13) return false;
  switch (w[0]) {
    case 'A': case 'B': case 'C': case 'G': case 'I': case 'J': case 'K': case 'L': case 'N': case 'O':
    case 'P': case 'S': case 'T': case 'p':
    case 'a': case 'd': case 'k': case 's':  // Central Europe's in lower case: "a.s.", "d.o.o.", "s.r.o."
      break;
    default:
      return false;
  }
  if (w.back() == '.') w.remove_suffix(1);
  auto any = [w](std::initializer_list<std::string_view> forms) {
    for (std::string_view f : forms)
      if (w == f) return true;
    return false;
  };
  switch (w.size()) {
    case 2:
      return any({"AG", "SA", "NV", "Co", "AB", "KK", "BV", "SE", "LP", "Oy"});
    case 3:
      return any({"Inc", "Plc", "PLC", "Ltd", "LLC", "SpA", "ASA", "Oyj", "Cos", "LLP", "plc", "ApS", "Srl", "SRL",
                  "Bhd", "Pty", "Tbk", "JSC", "S.A", "N.V", "K.K", "B.V", "S.L", "a.s", "d.d", "k.s"});
    case 4:
      return any({"Corp", "GmbH", "PJSC", "OJSC", "SARL", "Sarl", "KGaA", "Ltda"});
    case 5:
      return w[1] == '.' && any({"S.A.C", "S.p.A", "S.A.S", "S.R.L", "S.r.l", "d.o.o", "s.r.o"});
    case 6:
      return w == "Berhad";
    case 7:
      return w == "Limited";
    case 11:
      return w == "Corporation";
    case 12:
      return w == "Incorporated";
    default:
      return false;
  }
}

// A company named by its web address: a capitalised word glued to ".com",
// ".net", ".org" or ".io" ("Amazon.com", "Booking.com"), and the legal
// form after it ("Amazon.com Inc"), is one ORG; the model, whose corpora
// split such words, had "Amazon" alone or nothing. A span that ends on the
// word keeps its start ("Salesforce" + ".com").
void DomainCompanies(std::string_view text, const std::vector<Token>& tokens, const std::vector<uint32_t>& cap_at, int org_label, float typical_margin,
                     std::vector<Span>* spans) {
  auto glued = [&](size_t k) { return Glued(tokens, k); };
  std::vector<Span> orgs;
  for (uint32_t c : cap_at) {
    if (c + 2 >= tokens.size() || TokenText(text, tokens[c + 1]) != "." || !glued(c + 1) || !glued(c + 2)) continue;
    const std::string_view tld = TokenText(text, tokens[c + 2]);
    if (!(tld == "com" || tld == "net" || tld == "org" || tld == "io")) continue;
    // Not part of a longer address or a path ("www.example.com/Shop.com.x").
    auto in_address = [&](size_t k) {
      const std::string_view t = TokenText(text, tokens[k]);
      return tokens[k].kind == TokenKind::kWord || t == "/" || t == "." || t == "@" || t == ":" || t == "-";
    };
    uint32_t end = c + 3;
    if ((c > 0 && glued(c) && in_address(c - 1)) ||
        (end < tokens.size() && glued(end) &&
         (tokens[end].kind == TokenKind::kWord || (end + 1 < tokens.size() && glued(end + 1) && in_address(end)))))
      continue;
    if (end < tokens.size() && !NewlineBetween(text, tokens[end - 1], tokens[end]) && IsLegalForm(text, tokens[end]))
      ++end;
    Span org{c, end, org_label, typical_margin};
    // The span that ends on the word keeps its start: the last one
    // beginning before it.
    auto after = std::lower_bound(spans->begin(), spans->end(), c,
                                  [](const Span& sp, uint32_t t) { return sp.first < t; });
    if (after != spans->begin() && std::prev(after)->end == c + 1) org.first = std::prev(after)->first;
    orgs.push_back(org);
  }
  PutSpans(std::move(orgs), spans);
}

// Names joined by a particle between hyphens: Persian's izafe ("Lashkar-e-
// Taiba", "Tehreek-e-Insaf", "Mazar-i-Sharif") and Arabic's article as South
// Asia writes it ("Inzamam-ul-Haq", "Salah-ud-Din", "Hizb-ut-Tahrir"). The
// model's regions end at the lower-case particle; the parts become one
// span, of the type of the part the model tagged (of two parts, an
// organisation if either is one, else a person if either is one: "Pakistan
// Tehreek" LOC + "Insaf" ORG is the party). Runs after the repeats are
// tagged ("Haq" after "Zia-ul-Haq").
// Whether a capitalised word at k + 3 is reached from the word before k by
// "-particle-" ("Mazar" [-i-] "Sharif").
// European places join so too ("Chester-le-Street", "Stratford-upon-Avon",
// "Stoke-on-Trent", "Aix-en-Provence", "Boulogne-sur-Mer", "Frankfurt-am-
// Main"), in a headline's capitals as well ("SAINT-NOM-LA-BRETECHE").
bool ParticleChainAt(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, size_t k) {
  static const WordSet kParticles = {
      "e",  "i",  "ul",  "ud",   "ur",  "us",  "ut",  "uz", "un", "al", "el", "ad", "ar", "as", "az",
      "le", "la", "les", "upon", "on",  "sur", "sous", "en", "am", "im", "du", "des", "de", "à", "aux", "lès"};
  const bool in_capitals = k > 0 && tokens[k - 1].all_caps && k + 1 < tokens.size() && tokens[k + 1].all_caps;
  return k + 3 < tokens.size() && IsHyphenToken(text, tokens[k]) && Glued(tokens, k) && Glued(tokens, k + 1) &&
         tokens[k + 1].kind == TokenKind::kWord && (!tokens[k + 1].upper || in_capitals) &&
         kParticles.Has(keys[k + 1]) &&
         IsHyphenToken(text, tokens[k + 2]) && Glued(tokens, k + 2) && Glued(tokens, k + 3) &&
         tokens[k + 3].kind == TokenKind::kWord && tokens[k + 3].upper;
}

void JoinParticleCompounds(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                           const KnowledgeBase& kb, int org_label, int person_label, int loc_label,
                           std::vector<Span>* spans) {
  auto chain = [&](size_t k) { return ParticleChainAt(text, tokens, keys, k); };
  // A European place's particle ("-sur-", "-upon-", "-le-", "-à-"; not
  // "-de-", of given names too: "Jean-de-Dieu"), or a part that is a knowledge-base
  // place ("Pas-de-Calais"): the compound is a place unless the model had
  // an organisation.
  static const WordSet kPlaceParticles = {"le", "la",  "les", "upon", "on", "sur",
                                          "sous", "en", "am",  "im",   "à",  "aux", "lès"};
  std::vector<Span>& s = *spans;
  for (size_t x = 0; x < s.size(); ++x) {
    const uint32_t was_end = s[x].end, was_first = s[x].first;
    // After the span: the next part is the next span's start, or no span's.
    while (chain(s[x].end)) {
      const uint32_t next = s[x].end + 3;
      if (x + 1 < s.size() && s[x + 1].first == next) {
        const int a = s[x].label, b = s[x + 1].label;
        if (a != org_label && (b == org_label || (a != person_label && b == person_label))) s[x].label = b;
        s[x].end = s[x + 1].end;
        s.erase(s.begin() + static_cast<std::ptrdiff_t>(x + 1));
      } else if (x + 1 < s.size() && s[x + 1].first <= next) {
        break;
      } else {
        s[x].end = next + 1;
      }
    }
    // Before the span: a capitalised word no span has.
    while (s[x].first >= 4 && chain(s[x].first - 3) && tokens[s[x].first - 4].kind == TokenKind::kWord &&
           tokens[s[x].first - 4].upper && (x == 0 || s[x - 1].end <= s[x].first - 4)) {
      s[x].first -= 4;
    }
    if ((s[x].end == was_end && s[x].first == was_first) || s[x].label == org_label) continue;
    // Or a part that is a knowledge-base place ("Pas-de-Calais").
    for (uint32_t k = s[x].first; k < s[x].end; ++k) {
      const bool particle = k > s[x].first && k + 1 < s[x].end && IsHyphenToken(text, tokens[k]) &&
                            (!tokens[k + 1].upper || tokens[k + 1].all_caps) && kPlaceParticles.Has(keys[k + 1]);
      const bool place = tokens[k].kind == TokenKind::kWord && tokens[k].upper &&
                         KbNameOfType(kb, text, tokens, keys, k, k + 1, {v1::LOC});
      if (particle || place) {
        s[x].label = loc_label;
        break;
      }
    }
  }
}

// A company's legal form after a hyphenated name ("Daimler-Benz AG",
// "Hewlett-Packard Co", "Rhone-Poulenc SA"): the name and the form are one
// ORG. The model, whose corpora tag most capitalised hyphen compounds as no
// name ("Israeli-Palestinian", "Anti-Japanese"), had nothing there. Two or
// three capitalised words joined by glued hyphens, then the form, on one
// line; a span that ends on the compound's last word keeps its start. The
// same compound elsewhere in the document, in no span, is the company too
// ("Daimler-Benz shares rose", "Daimler-Benz would cut jobs").
void HyphenatedCompanies(std::string_view text, const std::vector<Token>& tokens, const std::vector<uint32_t>& cap_at,
                         int org_label, float typical_margin, std::vector<Span>* spans) {
  auto word = [&](size_t k) { return tokens[k].kind == TokenKind::kWord && tokens[k].upper; };
  auto hyphen = [&](size_t k) { return IsHyphenToken(text, tokens[k]) && Glued(tokens, k) && Glued(tokens, k + 1); };
  std::vector<Span> orgs;
  std::map<std::string_view, size_t> names;  // compound -> its tokens
  for (const uint32_t c : cap_at) {  // the compound's last word: a capitalised one
    const size_t f = c + 1;
    // Cheapest first: a compound's hyphen right before its last word is rare;
    // the form's look-up comes last.
    if (f < 3 || f >= tokens.size() || !hyphen(f - 2) || !SpacedOnLine(text, tokens, f) ||
        !IsLegalForm(text, tokens[f]))
      continue;
    size_t first = f - 1;
    while (first >= 2 && first + 5 > f && hyphen(first - 1) && word(first - 2)) first -= 2;
    if (first == f - 1) continue;  // no hyphen: the model's case
    Span org{static_cast<uint32_t>(first), static_cast<uint32_t>(f + 1), org_label, typical_margin};
    auto after = std::lower_bound(spans->begin(), spans->end(), static_cast<uint32_t>(first),
                                  [](const Span& sp, uint32_t t) { return sp.first < t; });
    if (after != spans->begin() && std::prev(after)->end == first) org.first = std::prev(after)->first;
    orgs.push_back(org);
    names.emplace(text.substr(tokens[first].begin_byte, tokens[f - 1].end_byte - tokens[first].begin_byte),
                  f - first);
  }
  PutSpans(std::move(orgs), spans);
  if (names.empty()) return;
  // The compounds again, where no span has them or one has a part of them
  // ("Anheuser" of "Anheuser-Busch").
  std::vector<int32_t> at;
  MapSpans(*spans, tokens.size(), &at);
  auto inside = [&](size_t k, size_t b, size_t e) {
    return at[k] < 0 || ((*spans)[static_cast<size_t>(at[k])].first >= b && (*spans)[static_cast<size_t>(at[k])].end <= e);
  };
  std::vector<Span> again;
  for (size_t k = 0; k + 2 < tokens.size(); ++k) {
    if (!word(k) || !hyphen(k + 1) || (k > 0 && Glued(tokens, k))) continue;
    for (const auto& [name, n] : names) {
      const size_t end = k + n;
      if (end > tokens.size() || !inside(k, k, end) || !inside(end - 1, k, end) ||
          (end < tokens.size() && Glued(tokens, end)) ||
          text.substr(tokens[k].begin_byte, tokens[end - 1].end_byte - tokens[k].begin_byte) != name)
        continue;
      again.push_back(Span{static_cast<uint32_t>(k), static_cast<uint32_t>(end), org_label, typical_margin});
      break;
    }
  }
  PutSpans(std::move(again), spans);
}

// Token t is a capitalised word that may be a name's: no stop word, title,
// month or weekday.
bool NameWordAt(const std::vector<Token>& tokens, const KeyViews& keys, uint32_t t) {
  return tokens[t].kind == TokenKind::kWord && tokens[t].upper &&
         !(NameWordFlags(keys[t]) & (kStopWord | kTitleWord)) && !IsMonthOrWeekday(keys[t]);
}

// A company named by its market ("shares of Petrobras", "a stake in Gojek",
// "Naspers shares rose", "Tokopedia stock jumped", "Cemex's shares"): the
// capitalised words there, up to four on the line, are an ORG whatever the
// model made of them (it had most such names as nothing). Not a place or a
// people of the knowledge base ("Japanese shares", "London stocks"), nor a
// single word of the lists or one the document also writes in lower case
// ("Bank shares", "Oil stocks").
uint32_t LegalFormEnd(std::string_view text, const std::vector<Token>& tokens, uint32_t k);

void CompaniesByTheirShares(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                            const DocWords& words, const KnowledgeBase& kb, int org_label, float typical_margin,
                            std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto cap = [&](uint32_t t) { return t < n && NameWordAt(tokens, keys, t); };
  std::vector<Span> add;
  for (uint32_t k = 0; k < n; ++k) {
    const std::string_view w = keys[k];
    if (w.size() < 5 || w.size() > 6 || w[0] != 's') continue;  // (the cheap test first)
    // Lower case, or a sentence's first word ("Shares of ..."): not "London Stock Exchange".
    if (!(w == "shares" || w == "stock" || w == "stocks" || w == "stake") ||
        (tokens[k].upper && !tokens[k].sentence_start)) {
      continue;
    }
    uint32_t first = 0, end = 0;
    if (k + 2 < n && (keys[k + 1] == "in" || (w != "stake" && keys[k + 1] == "of")) && cap(k + 2) &&
        SpacedOnLine(text, tokens, k + 2)) {
      first = k + 2, end = first + 1;
      while (end < n && end < first + 4 && cap(end) && SpacedOnLine(text, tokens, end)) ++end;
      end = std::max(end, LegalFormEnd(text, tokens, end - 1));  // "Fast Retailing Co" + ", Ltd."
    } else if (w != "stake" && k > 0) {
      // "shares" the verb: "Malaysia shares a border", "she shares the view".
      const std::string_view after = k + 1 < n ? keys[k + 1] : std::string_view();
      if (after == "a" || after == "an" || after == "the" || after == "its" || after == "his" || after == "her" ||
          after == "their" || after == "this" || after == "that" || after == "our" || after == "with" ||
          after == "some" || after == "much" || after == "many") {
        continue;
      }
      end = k;
      // "Cemex's shares"
      if (end >= 3 && TokenText(text, tokens[end - 1]) == "s" && keys[end - 2] == "'" && Glued(tokens, end - 1)) end -= 2;
      if (end == 0 || !cap(end - 1) || (end == k && !SpacedOnLine(text, tokens, k))) continue;
      first = end - 1;
      while (first > 0 && first + 4 > end && cap(first - 1) && SpacedOnLine(text, tokens, first)) --first;
    } else {
      continue;
    }
    if (end - first == 1 && ((NameWordFlags(keys[first]) & kOrgWord) || words.LowerSeen(keys[first]))) continue;
    // Part of a compound ("Daimler-Benz shares"): the model's span stands.
    auto joins = [&](uint32_t t) { return IsHyphenToken(text, tokens[t]) || tokens[t].kind == TokenKind::kWord; };
    if ((Glued(tokens, first) && joins(first - 1)) || (end < n && Glued(tokens, end) && joins(end))) continue;
    // A share class ("Class B shares") is no company.
    bool skip = false;
    for (uint32_t t = first; t < end && !skip; ++t) skip = keys[t].size() == 1;
    // Nor a place or a people of the knowledge base, or a name ending in one
    // ("Peninsular Malaysia", "Japanese shares", "Hong Kong stocks"); one
    // that only begins with a place is a company ("Tokyo Electron shares").
    for (uint32_t t = first; t < end && !skip; ++t) skip = KbNameOfType(kb, text, tokens, keys, t, end, {v1::LOC, v1::NORP});
    if (skip) continue;
    add.push_back({first, end, org_label, typical_margin});
  }
  PutSpans(std::move(add), spans);
}

// The end of "Co., Ltd." from its "Co" at token k, as Japanese and Chinese
// companies write it in English, or 0.
uint32_t CoLtdEnd(std::string_view text, const std::vector<Token>& tokens, uint32_t k) {
  const std::string_view w = TokenText(text, tokens[k]);
  if (w != "Co" && w != "Co.") return 0;
  uint32_t c = k + 1;  // the comma, after the abbreviation's stop if a token of its own
  if (c < tokens.size() && TokenText(text, tokens[c]) == "." && Glued(tokens, c)) ++c;
  if (c + 1 < tokens.size() && TokenText(text, tokens[c]) == "," && Glued(tokens, c) &&
      SpacedOnLine(text, tokens, c + 1) &&
      (TokenText(text, tokens[c + 1]).starts_with("Ltd") || TokenText(text, tokens[c + 1]) == "Limited"))
    return c + 2;
  return 0;
}

// The end of a legal form at token k ("ASA", "plc", "Corp.", "Co., Ltd.",
// and "A/S" as its three tokens), or 0.
uint32_t LegalFormEnd(std::string_view text, const std::vector<Token>& tokens, uint32_t k) {
  // Every form but "plc" begins with a capital: most tokens end here.
  if (k >= tokens.size() || tokens[k].kind != TokenKind::kWord ||
      !(tokens[k].upper || text[tokens[k].begin_byte] == 'p'))
    return 0;
  if (IsLegalForm(text, tokens[k])) return std::max(k + 1, CoLtdEnd(text, tokens, k));
  if (k + 2 < tokens.size() && TokenText(text, tokens[k]) == "A" && TokenText(text, tokens[k + 1]) == "/" &&
      TokenText(text, tokens[k + 2]) == "S" && Glued(tokens, k + 1) && Glued(tokens, k + 2))
    return k + 3;
  return 0;
}

// A company's legal form the model left outside its name ("Havbro Ferjer
// ASA" had been "Havbro" and "ASA", "Kattegat Sejl A/S" a person and
// nothing, "Luapula Copper Holdings plc" without "plc"): a span, up to two
// capitalised words in no span, then the form on the same line, are one
// name (CompaniesByLegalForm makes it an ORG). The form may be a span of
// its own; no other span may lie between. A form tagged alone takes the
// capitalised words before it.
void LegalFormsAfterNames(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const std::vector<uint32_t>& cap_at, int org_label, float typical_margin,
                          std::vector<Span>* spans) {
  std::vector<Span>& s = *spans;
  for (size_t x = 0; x < s.size(); ++x) {
    if (s[x].label == LabelOf(v1::NORP, true) || s[x].label == LabelOf(v1::EVENT, true)) continue;  // "Danish" stays
    // A span that ends on a form that goes on ("Fast Retailing Co" + ", Ltd.").
    if (const uint32_t on = CoLtdEnd(text, tokens, s[x].end - 1); on > s[x].end) {
      while (x + 1 < s.size() && s[x + 1].first < on && s[x + 1].end <= on)
        s.erase(s.begin() + static_cast<std::ptrdiff_t>(x) + 1);
      if (x + 1 < s.size() && s[x + 1].first < on) continue;
      s[x].end = on;
      s[x].label = org_label;
      continue;
    }
    uint32_t k = s[x].end;
    const uint32_t limit = k + 2;
    const uint32_t next_first = x + 1 < s.size() ? s[x + 1].first : UINT32_MAX;
    while (k < limit && k < next_first && LegalFormEnd(text, tokens, k) == 0 && CapitalisedNextOnLine(text, tokens, k))
      ++k;
    if (k >= tokens.size() || !SpacedOnLine(text, tokens, k)) continue;
    const uint32_t end = LegalFormEnd(text, tokens, k);
    if (end == 0 || CapitalisedNextOnLine(text, tokens, end)) continue;
    // The form itself may be the next span; nothing else may be in between.
    if (next_first < k) continue;
    if (next_first == k && !(s[x + 1].end == end)) continue;
    if (next_first == k) s.erase(s.begin() + static_cast<std::ptrdiff_t>(x) + 1);
    s[x].end = end;
    s[x].label = org_label;
  }
  // The start of up to three name words on the line right before token k,
  // none before `floor` nor before a sentence's start (k itself if none).
  auto words_before = [&](uint32_t k, uint32_t floor) {
    uint32_t f = k;
    while (f > floor && k - f < 3 && SpacedOnLine(text, tokens, f) && NameWordAt(tokens, keys, f - 1)) {
      --f;
      if (tokens[f].sentence_start) break;
    }
    return f;
  };
  // A legal form tagged alone takes the capitalised words before it that no
  // span holds, up to three ("Havbro Ferjer" + "ASA"); not "Co", a county's
  // too ("Saratoga Co").
  for (size_t x = 0; x < s.size(); ++x) {
    const std::string_view form = TokenText(text, tokens[s[x].first]);
    if (LegalFormEnd(text, tokens, s[x].first) != s[x].end || form == "Co" || form == "Co." || form == "Cos")
      continue;
    const uint32_t f = words_before(s[x].first, x > 0 ? s[x - 1].end : 0);
    if (f < s[x].first) s[x].first = f, s[x].label = org_label;
  }
  // A capitalised form no span holds after capitalised words no span holds
  // ("its rival Kattegat Sejl A/S"): those and the form, but for the short forms that
  // are other things too ("Co", "AG", "SA", "SE", "AB": county, attorney
  // general, South Australia ...).
  thread_local std::vector<int32_t> at;
  MapSpans(s, tokens.size(), &at);
  std::vector<Span> add;
  for (const uint32_t k : cap_at) {
    if (k == 0 || at[k] >= 0) continue;
    const uint32_t end = LegalFormEnd(text, tokens, k);
    const std::string_view form = TokenText(text, tokens[k]);
    if (end == 0 || (end == k + 1 && form.size() <= 2) || form == "Co." || CapitalisedNextOnLine(text, tokens, end))
      continue;
    // Not into a span: the words no span holds, three at most.
    uint32_t floor = k;
    while (floor > 0 && k - floor < 3 && at[floor - 1] < 0) --floor;
    const uint32_t f = words_before(k, floor);
    if (f < k && !(f > 0 && at[f - 1] >= 0 && SpacedOnLine(text, tokens, f)))
      add.push_back(Span{f, end, org_label, typical_margin});
  }
  InsertSpans(std::move(add), spans);
}

void DropAndInsert(const std::vector<uint8_t>& drop, std::vector<Span> add, std::vector<Span>* spans);

// Names joined by "&" are one firm's, of partners or founders ("Hauser &
// Wirth", "Kirkland & Ellis", "Lindqvist & Søn Holding ApS", "Bill &
// Melinda Gates Foundation"): the model had a person on each side, or a
// person and an organisation. A person's or organisation's span right
// before or after an "&" spaced on its line, with the span or up to three
// capitalised words on the other side (and a legal form after them), is one
// ORG. Not a place or a people on either side ("Trinidad & Tobago"), not
// two organisations ("the Indian Army & IAF"), not capitalised words alone
// ("Research & Development"). Two persons' spans are a firm only as one
// word each, neither a person of the knowledge base, on a page with no
// @handle or #hashtag ("Obama & Attenborough", "Thomas Jefferson & George
// Washington", "Keep Bill & Hillary out #SemST" are people), unless a legal
// form or an organisation's word ends the name ("Foundation").
void NamesJoinedByAmpersand(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                            const KnowledgeBase& kb, int org_label, std::vector<Span>* spans) {
  auto social = [&] {
    return text.find('@') != std::string_view::npos || text.find('#') != std::string_view::npos;
  };
  const int person_label = LabelOf(v1::PERSON, true);
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<Span>& s = *spans;
  thread_local std::vector<int32_t> at;
  at.clear();
  auto named = [&](int32_t y) { return y >= 0 && (s[y].label == org_label || s[y].label == person_label); };
  std::vector<uint8_t> drop;
  std::vector<Span> add;
  // The "&" tokens, found from the text's "&" bytes.
  for (size_t amp = text.find('&'); amp != std::string_view::npos; amp = text.find('&', amp + 1)) {
    const auto it = std::lower_bound(tokens.begin(), tokens.end(), amp,
                                     [](const Token& t, size_t b) { return t.begin_byte < b; });
    if (it == tokens.end() || it->begin_byte != amp) continue;
    const uint32_t k = static_cast<uint32_t>(it - tokens.begin());
    if (k == 0 || k + 1 >= n || TokenText(text, tokens[k]) != "&" || !SpacedOnLine(text, tokens, k) ||
        !CapitalisedNextOnLine(text, tokens, k + 1) || tokens[k - 1].kind != TokenKind::kWord || !tokens[k - 1].upper)
      continue;
    if (at.empty()) MapSpans(s, n, &at), drop.assign(s.size(), 0);
    const int32_t l = at[k - 1], r = at[k + 1];
    if ((!named(l) && !named(r)) || (l >= 0 && !named(l)) || (r >= 0 && !named(r))) continue;
    if ((l >= 0 && s[l].end != k) || (r >= 0 && s[r].first != k + 1) ||
        (l >= 0 && r >= 0 && s[l].label == org_label && s[r].label == org_label) ||
        (l >= 0 && add.size() > 0 && add.back().end > s[l].first))
      continue;
    uint32_t first = k - 1;
    if (l >= 0) {
      first = s[l].first;
    } else {
      if (!NameWordAt(tokens, keys, k - 1)) continue;
      while (first > 0 && k - first < 3 && !tokens[first].sentence_start && SpacedOnLine(text, tokens, first) &&
             at[first - 1] < 0 && NameWordAt(tokens, keys, first - 1))
        --first;
    }
    uint32_t end = k + 2;
    if (r >= 0) {
      end = s[r].end;
    } else {
      if (!NameWordAt(tokens, keys, k + 1)) continue;
      while (end < n && end - k < 4 && at[end] < 0 && CapitalisedNextOnLine(text, tokens, end) &&
             NameWordAt(tokens, keys, end))
        ++end;
    }
    if (end < n && SpacedOnLine(text, tokens, end) && at[end] < 0)
      if (const uint32_t form = LegalFormEnd(text, tokens, end)) end = form;
    if (end < n && at[end] >= 0 && s[at[end]].first < end) continue;
    // Two persons: a firm only by a legal form after them, or as two
    // surnames of no known person on a page of no handles.
    const bool persons = (l < 0 || s[l].label == person_label) && (r < 0 || s[r].label == person_label);
    if (persons && !(r >= 0 ? end > s[r].end : end > k + 2) && !(NameWordFlags(keys[end - 1]) & kOrgWord)) {
      auto known = [&](int32_t y) {
        return y >= 0 && KbNameOfType(kb, text, tokens, keys, s[y].first, s[y].end, {v1::PERSON});
      };
      if (social() || (l >= 0 && s[l].end - s[l].first > 1) || (r >= 0 && s[r].end - s[r].first > 1) || known(l) ||
          known(r))
        continue;
    }
    float margin = 0;
    for (const int32_t y : {l, r}) {
      if (y < 0) continue;
      drop[static_cast<size_t>(y)] = 1;
      margin = std::max(margin, s[y].margin);
    }
    add.push_back(Span{first, end, org_label, margin, true});
  }
  if (!add.empty()) DropAndInsert(drop, std::move(add), spans);
}

// A name of two words or more that ends in a company's legal form ("Norton
// Co", "Esselte AB", "Elf Aquitaine SA") is an ORG, whatever the model made
// of it (a person, a place). When it begins with a one-word knowledge-base
// place right after "in" or "at" ("in Paris Elf Aquitaine SA slipped"), the
// place is a LOC of its own and the rest the company.
void CompaniesByLegalForm(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const KnowledgeBase& kb, const std::vector<uint32_t>& cap_at, float typical_margin,
                          std::vector<Span>* spans) {
  const int org_label = LabelOf(v1::ORG, true), loc_label = LabelOf(v1::LOC, true);
  NamesJoinedByAmpersand(text, tokens, keys, kb, org_label, spans);
  LegalFormsAfterNames(text, tokens, keys, cap_at, org_label, typical_margin, spans);
  // Central Europe's legal forms in lower case right after a name ("Karavanke
  // Net d.o.o.", "Větrník a.s.", "Moravia Rally Team s.r.o."): no capitalised
  // word, so LegalFormsAfterNames, which walks those, does not see them.
  for (Span& sp : *spans) {
    if (sp.end >= tokens.size() || tokens[sp.end].upper || tokens[sp.end].kind != TokenKind::kWord ||
        !SpacedOnLine(text, tokens, sp.end) || !IsLegalForm(text, tokens[sp.end]))
      continue;
    const v1::EntityType type = LabelType(sp.label);
    if (type == v1::PERSON || type == v1::ORG || type == v1::LOC) ++sp.end;
  }
  std::vector<Span> places;
  for (Span& sp : *spans) {
    if (sp.end - sp.first < 2 || !IsLegalForm(text, tokens[sp.end - 1])) continue;
    sp.label = org_label;
    if (sp.end - sp.first >= 3 && sp.first > 0 && (keys[sp.first - 1] == "in" || keys[sp.first - 1] == "at") &&
        KbNameOfType(kb, text, tokens, keys, sp.first, sp.first + 1, {v1::LOC})) {
      places.push_back(Span{sp.first, sp.first + 1, loc_label, sp.margin});
      sp.first += 1;
    }
  }
  InsertSpans(std::move(places), spans);
}


// Trade words that end a company's name as a legal form does ("Sumida
// Robotics", "Halvern Systems", "Stability AI"), beside IsTradeWord's.
bool IsCompanyTrade(std::string_view key) {
  static const WordSet k = {
      "robotics", "technologies", "technology", "systems", "software", "semiconductor", "semiconductors",
      "electronics", "therapeutics", "biosciences", "biotech", "labs", "networks", "logistics", "ai",
      "capital", "ventures", "partners", "pharma", "minerals", "resources", "lithium", "mobility", "aerospace",
      "racing", "seafood", "aquaculture", "cement", "pulp", "gaming", "esports", "foods", "beverages",
      "brewing", "textiles", "fertilisers", "fertilizers", "plantations"};
  return k.Has(key) || IsTradeWord(key);
}

// Nouns that say what a company is, as the head of an apposition ("Qubitra,
// a quantum computing start-up based in Waterloo", "Humain, the AI company
// backed by ...", "Nubank, Brazil's largest digital bank").
bool IsCompanyNoun(std::string_view key) {
  static const WordSet k = {
      "company", "firm", "startup", "maker", "manufacturer", "producer", "developer", "supplier", "provider",
      "operator", "retailer", "lender", "insurer", "carrier", "airline", "conglomerate", "automaker", "carmaker",
      "chipmaker", "drugmaker", "fintech", "subsidiary", "distributor", "exporter", "refiner", "miner",
      "broadcaster", "publisher", "bank"};
  return k.Has(key);
}

// The words after a company noun that end its noun phrase ("a start-up
// based in", "a maker of", "the company backed by").
bool EndsCompanyPhrase(std::string_view key) {
  static const WordSet k = {
      ",", ".", ";", ":", ")", "based", "owned", "backed", "founded", "headquartered", "listed", "that", "which",
      "whose", "with", "in", "of", "from", "for", "valued", "known", "run", "controlled", "behind", "and",
      "led", "co"};  // "a group led by", "a start-up co-founded by"
  return k.Has(key);
}

// Nouns that say what a body other than a company is, as the head of an
// apposition ("Keidanren, the country's biggest business lobby", "Anec,
// the grain exporters' association", "Fidesz, the ruling party", "Bolt, the
// Tallinn ride-hailing group", "Sakana AI, the Tokyo lab").
bool IsBodyNoun(std::string_view key) {
  static const WordSet k = {"lobby", "regulator", "watchdog", "agency", "consultancy", "charity", "union",
                            "federation", "association", "newspaper", "magazine", "channel", "party",
                            "coalition", "alliance", "broadcaster", "ngo", "think-tank", "thinktank", "group",
                            "lab", "laboratory", "body", "service", "authority", "institute", "spinout"};
  return k.Has(key);
}

// Whether the span [first, end) stands before an apposition that says it is
// a company: ", a|an|the ... <company noun>" or ", <Name>'s ... <company
// noun>", the noun the phrase's head (EndsCompanyPhrase after it), within
// eight words of the comma.
bool CompanyByApposition(const std::vector<Token>& tokens, const KeyViews& keys, uint32_t end) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  if (end + 2 >= n || keys[end].size() != 1 || keys[end][0] != ',') return false;
  uint32_t k = end + 1;
  if (keys[k] == "a" || keys[k] == "an" || keys[k] == "the") {
    ++k;
  } else if (tokens[k].upper && k + 1 < n && keys[k + 1] == "'s") {
    k += 2;
  } else {
    return false;
  }
  // A body's noun after a preposition is not the phrase's head ("Kowalski,
  // the leader of the opposition party, said"); a company's may be ("a
  // unit of the bank").
  bool after_preposition = false;
  for (uint32_t t = k; t < n && t < k + 8 && !tokens[t].sentence_start; ++t) {
    const std::string_view w = keys[t];
    if (w == "," || w == "." || w == ";") return false;
    after_preposition |= w == "of" || w == "for" || w == "at" || w == "to" || w == "with" || w == "from";
    // "start-up" is three tokens.
    const bool startup = w == "up" && t >= 2 && keys[t - 1] == "-" && keys[t - 2] == "start";
    if ((IsCompanyNoun(w) || (IsBodyNoun(w) && !after_preposition) || startup) && !tokens[t].upper &&
        (t + 1 == n || EndsCompanyPhrase(keys[t + 1]))) {
      return true;
    }
  }
  return false;
}

// Whether the span ending at token `end` stands before an apposition that
// only a company takes, whoever its name sounds like: ", 80%-owned by",
// ", majority-owned by", ", wholly owned by", ", owned by", ", a
// subsidiary of", ", a unit of" ("Keliber, 80%-owned by Sibanye",
// "Minera Cuchumatanes, a subsidiary of Sierra Madre Metals"). (A place
// is owned too, "The farm near Nakuru, owned by ...", and a painting or a
// horse: CompanyAppositions asks more of the name.)
bool OwnedByApposition(const std::vector<Token>& tokens, const KeyViews& keys, uint32_t end) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  if (end + 3 >= n || keys[end] != ",") return false;
  uint32_t k = end + 1;
  if ((keys[k] == "a" || keys[k] == "an" || keys[k] == "the") && (keys[k + 1] == "subsidiary" || keys[k + 1] == "unit"))
    return keys[k + 2] == "of";
  // The share: a figure and "%", or a word of how much, then a hyphen or not.
  if (tokens[k].kind == TokenKind::kNumber && keys[k + 1] == "%") {
    k += 2;
  } else if (keys[k] == "wholly" || keys[k] == "majority" || keys[k] == "partly" || keys[k] == "jointly" ||
             keys[k] == "fully" || keys[k] == "privately") {
    k += 1;
  }
  if (k < n && keys[k] == "-") ++k;
  return k + 1 < n && keys[k] == "owned" && keys[k + 1] == "by";
}

// A name the document calls a company in an apposition ("Qubitra, a
// quantum computing start-up based in Waterloo", "Humain, the AI company
// backed by ..."; CompanyByApposition) is an ORG: a one-word PERSON or LOC
// span, or up to three capitalised words on the line that no span has,
// before the comma. Run before the document's consistency steps, which
// then carry it to the name's other mentions.
// The commas of the document's company appositions, in order: found by
// CompanyAppositions, read by CompaniesByTheirFirstWord (one tagging pass
// per thread at a time).
std::vector<uint32_t>& AppositionCommas() {
  thread_local std::vector<uint32_t> commas;
  return commas;
}

void CompanyAppositions(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        const DocWords& words, const KnowledgeBase& kb, int org_label, float typical_margin,
                        std::vector<Span>* spans) {
  std::vector<int32_t> at;
  std::vector<Span> add;
  std::vector<uint32_t>& commas = AppositionCommas();
  commas.clear();
  // The comma follows the name's last word, a capitalised one: only the
  // tokens after the document's capitalised words are asked.
  for (const uint32_t c : words.cap_at()) {
    const uint32_t k = c + 1;
    if (k >= tokens.size() || tokens[k].kind != TokenKind::kPunct || text[tokens[k].begin_byte] != ',') continue;
    const bool owned = OwnedByApposition(tokens, keys, k);
    const bool company_apposition = CompanyByApposition(tokens, keys, k);
    if (!owned && !company_apposition) continue;
    // (An apposition of owning alone is no company's comma for the steps
    // after: "The farm near Nakuru, owned by the former president".)
    if (company_apposition) commas.push_back(k);
    if (at.empty()) MapSpans(*spans, tokens.size(), &at);  // rare: only here
    const uint32_t last = k - 1;
    auto name_word = [&](uint32_t t) { return at[t] < 0 && NameWordAt(tokens, keys, t); };
    // The name's words before token `from`: up to three words, or five
    // tokens with "of" or "for" between two of them ("The Campaign for
    // Better Transport, a national charity").
    // (Inside the name a capitalised function word counts: "Better".)
    auto inner_word = [&](uint32_t t) {
      return name_word(t) || (at[t] < 0 && tokens[t].kind == TokenKind::kWord && tokens[t].upper &&
                              !tokens[t].all_caps && keys[t] != "the" && keys[t] != "a" && keys[t] != "an");
    };
    auto extend = [&](uint32_t from) {
      uint32_t first = from;
      while (first > 0 && last - first < 4 && SpacedOnLine(text, tokens, first)) {
        if (last - first < 2 && (name_word(first - 1) || (first - 1 > 0 && inner_word(first - 1) &&
                                                          (keys[first - 2] == "of" || keys[first - 2] == "for")))) {
          --first;
        } else if (first > 1 && (keys[first - 1] == "of" || keys[first - 1] == "for") && name_word(first - 2) &&
                   SpacedOnLine(text, tokens, first - 1)) {
          first -= 2;
        } else {
          break;
        }
      }
      return first;
    };
    if (at[last] >= 0) {
      Span& sp = (*spans)[static_cast<size_t>(at[last])];
      const v1::EntityType type = LabelType(sp.label);
      // One word of any type; a place's name of up to four ("Xinhe
      // Semiconductor, a company based in Chengdu").
      // A person's name of up to three when only a company is owned so:
      // not a person of the base's, nor a name after "of", "by", "to" or a
      // kind's word in lower case ("a portrait of Frida Kahlo, owned by",
      // "the racehorse Frankel, owned by"); and an apposition of owning
      // alone makes no place a company ("near Nakuru, owned by").
      const bool plain_before =
          !(sp.first > 0 && (keys[sp.first - 1] == "of" || keys[sp.first - 1] == "by" ||
                             keys[sp.first - 1] == "to" ||
                             (tokens[sp.first - 1].kind == TokenKind::kWord && !tokens[sp.first - 1].upper &&
                              !keys[sp.first - 1].ends_with("aire"))));  // "concessionaire ANA"
      const bool owned_name = owned && plain_before && type == v1::PERSON && sp.end - sp.first <= 3 &&
                              !KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::PERSON});
      // (Owned alone, a place the base does not know: "concessionaire ANA,
      // owned by France's Vinci"; not "The island of Mustique, privately
      // owned by".)
      const bool owned_place = owned && plain_before && type == v1::LOC && sp.end - sp.first == 1 &&
                               !KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::LOC});
      if (sp.end == k &&
          ((company_apposition && (sp.end - sp.first == 1 || (type == v1::LOC && sp.end - sp.first <= 4))) ||
           owned_name || owned_place) &&
          (type == v1::PERSON || (type == v1::LOC && (company_apposition || owned_place)) || type == v1::ORG)) {
        if (type == v1::ORG && sp.first > 1 && (keys[sp.first - 1] == "of" || keys[sp.first - 1] == "for"))
          sp.first = extend(sp.first);  // "Campaign for" + the model's "Transport"
        sp.label = org_label;
        sp.margin = std::max(sp.margin, typical_margin);
      }
      continue;
    }
    if (!name_word(last)) continue;
    const uint32_t first = extend(last);
    // (Owned alone: not a name after a lower-case word, "the racehorse
    // Frankel, owned by".)
    if (!company_apposition && first > 0 && tokens[first - 1].kind == TokenKind::kWord && !tokens[first - 1].upper &&
        !keys[first - 1].ends_with("ed"))  // "had engaged Mandiant, owned by Google"
      continue;
    add.push_back(Span{first, k, org_label, typical_margin});
  }
  PutSpans(std::move(add), spans);
}

// Nouns that say what kind of company the name right after them is
// ("payments firm Paystrive", "chipmaker Qorvantis", "the insurer Halvest",
// "lobby group Febraban"): IsCompanyNoun's, less those a person's trade
// shares ("software developer John Smith", "broadcaster David
// Attenborough", "film maker", "mail carrier") or that rarely stand right
// before a company's name, and with kinds that stand there and not at the
// head of an apposition ("lobby group", "bookmaker", "supermarket"), bands,
// choirs and orchestras among them ("indie band Velvet Tramline").
bool IsCompanyKind(std::string_view key) {
  static const WordSet not_before_a_name = {
      "maker",    "producer", "developer", "supplier", "provider",    "operator",
      "carrier",  "distributor", "exporter", "miner",  "broadcaster", "publisher"};
  // Bodies other than companies stand there too ("shipping consultancy
  // Drewry", "crop agency Conab", "industry body Nasscom", "energy
  // regulator Ofgem", "the charity Shelter", "pay-TV channel Africa Magic",
  // "the journal Nature", "the daily Publico").
  static const WordSet before_a_name_only = {
      "toymaker", "group", "brokerage", "bookmaker", "supermarket", "band", "choir", "orchestra", "ensemble",
      "quartet", "consultancy", "agency", "body", "regulator", "watchdog", "charity", "platform", "app", "channel",
      "newspaper", "journal", "magazine", "studio", "association", "daily", "tabloid", "weekly", "broadsheet"};
  return (IsCompanyNoun(key) && !not_before_a_name.Has(key)) || before_a_name_only.Has(key);
}

// The first tokens of the names CompaniesByTheirKind typed, in order (read
// by CompaniesByTheirFirstWord, as AppositionCommas).
std::vector<uint32_t>& KindNamedStarts() {
  thread_local std::vector<uint32_t> starts;
  return starts;
}

// How the company kind before token `c` is written: kNone when there is
// none; kBare after "the", "this" or "that" alone ("the company Elon Musk
// bought": a relative clause as often as a name); kModified after a
// modifier ("payments firm Paystrive", "law firm Paul Weiss"). Lower case,
// or the sentence's capitalised first word ("Chipmaker Qorvantis said"),
// "start-up" too. Not the adjective ("a firm Trump supporter", "remained
// firm"), nor a fixed phrase ("blood group O", "age group").
enum class KindBefore { kNone, kBare, kModified };
KindBefore CompanyKindBefore(const std::vector<Token>& tokens, const KeyViews& keys, uint32_t c) {
  if (c == 0 || tokens[c].sentence_start) return KindBefore::kNone;
  const uint32_t k = c - 1;
  const bool startup = keys[k] == "up" && k >= 2 && keys[k - 1] == "-" && keys[k - 2] == "start";
  // A band by its size ("Cork five-piece Salt Harbour").
  static const WordSet kSizes = {"three", "four", "five", "six", "seven", "eight", "nine"};
  const bool piece = keys[k] == "piece" && k >= 2 && keys[k - 1] == "-" && kSizes.Has(keys[k - 2]);
  // An operator or a broadcaster, which names persons too ("camera
  // operator", "veteran broadcaster David Dimbleby"): after a word of its
  // industry ("grid operator Elering", "public broadcaster ERR"), or
  // before a name in capitals ("Turkish operator BOTAŞ").
  static const WordSet kIndustries = {"grid", "transmission", "network", "terminal", "ferry", "port", "rail",
                                      "railway", "telecoms", "telecom", "mobile", "satellite", "pipeline", "public",
                                      "state", "national", "commercial", "cable", "bus", "airport", "tour", "power",
                                      "energy", "gas", "water", "nuclear", "system", "host"};
  const bool industry = (keys[k] == "operator" || keys[k] == "broadcaster") && !tokens[k].upper &&
                        (tokens[c].all_caps || (k > 0 && kIndustries.Has(keys[k - 1])));
  // A union, a party, a coalition or a militia in lower case ("the paper
  // workers' union Paperiliitto", "the ruling party Fidesz"; capitalised,
  // the words begin names: "Union Saint-Gilloise").
  const bool body = !tokens[k].upper && (keys[k] == "union" || keys[k] == "party" || keys[k] == "coalition" ||
                                         keys[k] == "militia");
  if (!startup && !piece && !industry && !body &&
      !(IsCompanyKind(keys[k]) && (!tokens[k].upper || (tokens[k].sentence_start && !tokens[k].all_caps))))
    return KindBefore::kNone;
  const uint32_t head = startup || piece ? k - 2 : k;
  if (head == 0 || tokens[head].sentence_start) return KindBefore::kModified;
  static const WordSet not_kind = {
      "a",      "an",      "very", "so",   "too",  "as",  "remain", "remains", "remained", "stay", "stays", "stayed",
      "blood",  "age",     "peer", "focus", "working", "in"};
  const std::string_view prev = keys[head - 1];
  if (not_kind.Has(prev)) return KindBefore::kNone;
  return prev == "the" || prev == "this" || prev == "that" ? KindBefore::kBare : KindBefore::kModified;
}

// Words that follow a company kind without naming the company: roles
// ("the company CEO Tim Cook", "bank manager"), holidays ("Bank Holiday",
// "the firm Christmas party"), a tournament's stage and common acronyms.
bool NotACompanyAfterKind(std::string_view key) {
  static const WordSet k = {
      "ceo", "cfo", "coo", "cto", "chief", "director", "manager", "boss", "chair", "chairman", "chairwoman",
      "executive", "founder", "owner", "head", "spokesman", "spokeswoman", "spokesperson", "favourite", "favorite",
      "captain", "holiday", "holidays", "christmas", "easter", "stage", "stages", "ipo", "agm", "plc"};
  return k.Has(key);
}

size_t PossessiveAt(std::string_view text, const std::vector<Token>& tokens, size_t k, bool bare);
void FirmsInThePossessive(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const KnowledgeBase& kb, std::vector<Span>* spans);
void NoNamesAfterAll(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                     std::vector<Span>* spans);

// Verbs after a name that make "the <kind> <name> <verb>" a relative
// clause with its "that" left out ("the company Jones founded in 1990",
// "the bank Lagarde leads"), the name a person's. Not "is", "was", "has":
// "the startup Anthropic was valued at" far more often than "the group
// Morgan was with".
bool RelativeClauseVerb(std::string_view key) {
  static const WordSet k = {
      "founded", "co-founded", "founds", "leads", "led", "runs", "ran", "joined", "joins", "built", "builds",
      "bought", "buys", "acquired", "owns", "owned", "started", "starts", "created", "set", "chairs", "chaired",
      "heads", "headed", "works", "worked", "borrowed", "left", "sold", "manages", "managed", "advises", "advised",
      "used", "uses", "trusts", "trusted", "chose", "picked", "backs", "backed",
      "represents", "represented", "sued", "praised", "criticised", "criticized", "named", "mentioned",
      "formed", "forms", "launched", "forged", "assembled"};
  return k.Has(key);
}

// A name right after a company kind ("payments firm Paystrive", "lender
// Velmora Bank", "the insurer Halvest") is an ORG: a PERSON or LOC span
// that begins there (or at the kind itself, capitalised first in its
// sentence: "Chipmaker Qorvantis", which loses the kind), or up to three
// capitalised words on the line that no span has. Not a person the
// knowledge base fixed, nor after "the <kind>" alone a person's name of
// two words or more ("the group Nigel Farage leads"); not a single letter
// ("group B"), nor a name a capitalised word follows (a role: "the company
// CEO Tim Cook"; a headline: "Insurer Aviva Cuts 1,000 Jobs"), after
// "the <kind>" a possessive ("the firm Baker's lawyers"), or a verb that makes it a
// relative clause (RelativeClauseVerb); words no span has only after a
// kind in lower case ("Supermarket Sweep returns" is a show). Recorded
// for CompaniesByTheirFirstWord, which carries a one-word name to its
// other one-word PERSON mentions.
void CompaniesByTheirKind(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const DocWords& words, const std::vector<int>& forced, int org_label, float typical_margin,
                          std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<int32_t> at;
  std::vector<Span> add;
  std::vector<uint32_t>& starts = KindNamedStarts();
  starts.clear();
  auto capitalised_after = [&](uint32_t end) {
    return end < n && tokens[end].kind == TokenKind::kWord && tokens[end].upper && SpacedOnLine(text, tokens, end);
  };
  auto not_a_name_after = [&](uint32_t end, KindBefore kind) {
    return capitalised_after(end) || (kind == KindBefore::kBare && PossessiveAt(text, tokens, end, true) > 0) ||
           (end < n && RelativeClauseVerb(keys[end]));
  };
  for (const uint32_t c : words.cap_at()) {
    const KindBefore kind = CompanyKindBefore(tokens, keys, c);
    if (kind == KindBefore::kNone || !NameWordAt(tokens, keys, c) || NotACompanyAfterKind(keys[c]) ||
        TokenText(text, tokens[c]).size() < 2)
      continue;
    if (at.empty()) MapSpans(*spans, n, &at);
    if (at[c] >= 0) {
      Span& sp = (*spans)[static_cast<size_t>(at[c])];
      const v1::EntityType type = LabelType(sp.label);
      const bool from_kind = sp.first + 1 == c && tokens[sp.first].sentence_start;
      if ((sp.first != c && !from_kind) || (type != v1::PERSON && type != v1::LOC && type != v1::ORG) ||
          not_a_name_after(sp.end, kind) || (type == v1::PERSON && forced[c] >= 0) ||
          (kind == KindBefore::kBare && type == v1::PERSON && sp.end - c > 1))
        continue;
      sp.first = c;
      sp.label = org_label;
      sp.margin = std::max(sp.margin, typical_margin);
      starts.push_back(c);
      continue;
    }
    if (tokens[c - 1].upper) continue;  // words no span has: after a kind in lower case only
    uint32_t end = c + 1;
    while (end < n && end - c < 3 && at[end] < 0 && NameWordAt(tokens, keys, end) && SpacedOnLine(text, tokens, end))
      ++end;
    if (not_a_name_after(end, kind)) continue;
    add.push_back(Span{c, end, org_label, typical_margin});
    starts.push_back(c);
  }
  PutSpans(std::move(add), spans);
}

// Whether `key` is the plural of a kind of company or body ("platforms",
// "companies", "carriers").
bool PluralCompanyKind(std::string_view key) {
  std::string one;  // short: no allocation
  if (key.size() > 4 && key.ends_with("ies"))
    one = std::string(key.substr(0, key.size() - 3)) + "y";
  else if (key.size() > 3 && key.back() == 's')
    one = std::string(key.substr(0, key.size() - 1));
  else
    return false;
  return IsCompanyNoun(one) || IsCompanyKind(one);
}

// The names a plural kind of company or body lists ("platforms such as
// Swiggy, Zomato and Uber", "operators including First Eastern Counties
// and Sanders Coaches", "carriers like Maersk and Hapag-Lloyd") are ORGs:
// each item one to four capitalised words on the line (a span the model
// made there, or words no span has), the items joined by commas, "and" or
// "or". Not an item the knowledge base fixed as a person; the list ends at
// the first thing that is not such an item.
void CompaniesInAListOfKind(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                            const DocWords& words, const std::vector<int>& forced, int org_label,
                            float typical_margin, std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<int32_t> at;
  std::vector<Span> add;
  auto name_word = [&](uint32_t k) { return k < n && NameWordAt(tokens, keys, k) && !tokens[k].all_caps; };
  auto acronym = [&](uint32_t k) { return k < n && tokens[k].kind == TokenKind::kWord && tokens[k].all_caps; };
  for (const uint32_t c : words.cap_at()) {
    if (c < 3 || tokens[c - 1].upper || !SpacedOnLine(text, tokens, c)) continue;
    uint32_t kind = c - 2;
    if (keys[c - 1] == "as" && keys[c - 2] == "such")
      kind = c - 3;
    else if (keys[c - 1] != "including" && keys[c - 1] != "like")
      continue;
    if (tokens[kind].upper || !PluralCompanyKind(keys[kind])) continue;
    if (at.empty()) MapSpans(*spans, n, &at);
    uint32_t k = c;
    while (k < n && tokens[k].kind == TokenKind::kWord && tokens[k].upper) {
      uint32_t end = k;
      if (at[k] >= 0) {  // the model's span, whatever its words
        const Span& sp = (*spans)[static_cast<size_t>(at[k])];
        if (sp.first != k) break;
        end = sp.end;
        // and the item's words after it no span has ("Greyfield" "Coaches")
        while (end < n && end - k < 4 && at[end] < 0 && name_word(end) && SpacedOnLine(text, tokens, end)) ++end;
      } else {
        // Words, and a word glued to the last by a hyphen ("Hapag-Lloyd").
        while (end < n && end - k < 4 && at[end] < 0 && (name_word(end) || acronym(end)) &&
               (end == k || SpacedOnLine(text, tokens, end)))
          end += (end + 2 < n && IsHyphenToken(text, tokens[end + 1]) && Glued(tokens, end + 1) &&
                  Glued(tokens, end + 2) && tokens[end + 2].upper)
                     ? 3
                     : 1;
        if (end == k) break;
      }
      // (Not a name the knowledge base fixed: "oil producers such as Saudi
      // Arabia and Russia".)
      if (forced[k] < 0) add.push_back(Span{k, end, org_label, typical_margin});
      // The next item: after ",", "and", "or" or ", and".
      uint32_t j = end;
      if (j < n && keys[j] == ",") ++j;
      if (j < n && (keys[j] == "and" || keys[j] == "or")) ++j;
      if (j == end || j >= n || !tokens[j].upper) break;
      k = j;
    }
  }
  PutSpans(std::move(add), spans);
}

// Names listed with a company are companies ("Apple, Nvidia and AMD",
// "competes with PhonePe, Paytm and Khatabook", "OpenAI and Perplexity"):
// in a list on one line whose items are joined by commas, "and" or "or",
// with one item a company of the knowledge base (KbEntity::company) or an
// organisation's span that ends in a company's trade or a legal form
// ("Zydus Lifesciences", "Hapag-Lloyd AG"), each other item that is one
// capitalised word (the model's person or place the knowledge base did not
// fix, or a word no span has) is an ORG; in a list of three items or more,
// a person's span of up to three words too ("Andreessen Horowitz").
void CompaniesListedWithACompany(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                                 const KnowledgeBase& kb, const std::vector<int>& forced, int org_label,
                                 float typical_margin, std::vector<Span>* spans) {
  auto& s = *spans;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto a_company = [&](const Span& sp) {
    if (LabelType(sp.label) != v1::ORG) return false;
    const uint32_t last = sp.end - 1;
    if (sp.end > sp.first + 1 && (IsCompanyTrade(keys[last]) || IsLegalForm(text, tokens[last]))) return true;
    KnowledgeBase::Match m;
    if (!kb.LongestMatch(text, tokens, keys, sp.first, &m) || m.end_token != sp.end) return false;
    const KbEntity* e = EntityOfType(kb, m, v1::ORG);
    return e != nullptr && e->company;
  };
  std::vector<int32_t> at;
  std::vector<Span> add;
  // The separator before token k ("," / "and" / "or" / ", and"), as the
  // index of its first token, or -1.
  auto sep_before = [&](uint32_t k) -> int64_t {
    if (k < 2 || !SpacedOnLine(text, tokens, k)) return -1;
    uint32_t j = k - 1;
    if (keys[j] == "and" || keys[j] == "or") {
      if (j > 0 && keys[j - 1] == ",") --j;
      return j;
    }
    return keys[j] == "," && Glued(tokens, j) ? static_cast<int64_t>(j) : -1;
  };
  // The item that ends right before token e: [first, e), or first == e.
  auto item_ending = [&](uint32_t e) -> uint32_t {
    if (e == 0) return e;
    if (at[e - 1] >= 0) {
      const Span& sp = s[static_cast<size_t>(at[e - 1])];
      return sp.end == e ? sp.first : e;
    }
    uint32_t f = e;
    while (f > 0 && e - f < 2 && at[f - 1] < 0 && NameWordAt(tokens, keys, f - 1) &&
           (f == e || SpacedOnLine(text, tokens, f)))
      --f;
    return f;
  };
  auto item_starting = [&](uint32_t f) -> uint32_t {
    if (f >= n) return f;
    if (at[f] >= 0) {
      const Span& sp = s[static_cast<size_t>(at[f])];
      return sp.first == f ? sp.end : f;
    }
    uint32_t e = f;
    while (e < n && e - f < 2 && at[e] < 0 && NameWordAt(tokens, keys, e) && (e == f || SpacedOnLine(text, tokens, e)))
      ++e;
    return e;
  };
  uint32_t done = 0;  // tokens before it are in a list read already
  // An item glued to a hyphen or followed by "of" or a capitalised word is
  // part of a longer name ("Toronto-based Xanadu", "Bank of
  // Tokyo-Mitsubishi", "Project A").
  auto part_of_more = [&](uint32_t f, uint32_t e) {
    return (e < n && (keys[e] == "of" || (IsHyphenToken(text, tokens[e]) && Glued(tokens, e)))) ||
           CapitalisedNextOnLine(text, tokens, e) ||  // "Project A"
           (f > 0 && IsHyphenToken(text, tokens[f - 1]) && Glued(tokens, f));
  };
  // A list goes on next to the span: a separator after it or before it.
  auto listed = [&](const Span& sp) {
    const uint32_t e = sp.end;
    return (e < n && (keys[e] == "," || keys[e] == "and" || keys[e] == "or")) ||
           (sp.first > 0 && (keys[sp.first - 1] == "," || keys[sp.first - 1] == "and" || keys[sp.first - 1] == "or"));
  };
  for (size_t x = 0; x < s.size(); ++x) {
    if (s[x].first < done || !listed(s[x]) || !a_company(s[x])) continue;
    if (at.empty()) MapSpans(s, n, &at);
    // Leftwards: separator, item, separator, item ... (collected backwards;
    // a comma is glued to the item before it, "and" spaced from it).
    std::vector<std::pair<uint32_t, uint32_t>> items;
    for (uint32_t f = s[x].first;;) {
      const int64_t sep = sep_before(f);
      if (sep < 0) break;
      const uint32_t e = static_cast<uint32_t>(sep), b = item_ending(e);
      if (b == e || (keys[e] != "," && !SpacedOnLine(text, tokens, e))) break;
      items.push_back({b, e});
      f = b;
    }
    std::reverse(items.begin(), items.end());
    items.push_back({s[x].first, s[x].end});
    // Rightwards.
    for (uint32_t e = s[x].end;;) {
      uint32_t j = e;
      if (j < n && keys[j] == "," && Glued(tokens, j)) ++j;
      if (j < n && (keys[j] == "and" || keys[j] == "or")) ++j;
      if (j == e || j >= n || !SpacedOnLine(text, tokens, j)) break;
      const uint32_t f2 = item_starting(j);
      if (f2 == j) break;
      items.push_back({j, f2});
      e = f2;
    }
    done = items.back().second;
    // Two items only with "and" or "or" between them ("Ferguson, MO" is a
    // town and its state).
    if (items.size() < 2 || (items.size() == 2 && keys[items[1].first - 1] == ",")) continue;
    for (const auto& [f, e] : items) {
      if (forced[f] >= 0) continue;  // the knowledge base's own type
      if (at[f] >= 0) {
        Span& sp = s[static_cast<size_t>(at[f])];
        const v1::EntityType t = LabelType(sp.label);
        const bool one = sp.end == sp.first + 1;
        if (((t == v1::PERSON && (one || (items.size() >= 3 && sp.end - sp.first <= 3))) || (t == v1::LOC && one)) &&
            !part_of_more(sp.first, sp.end))
          sp.label = org_label;
      } else if (e == f + 1 && !tokens[f].sentence_start && !part_of_more(f, e)) {
        add.push_back({f, e, org_label, typical_margin});
      }
    }
  }
  InsertSpans(std::move(add), spans);
}

// Where a study is published or a writer writes, the capitalised name is a
// journal's or a newspaper's: an ORG ("published in Nature Genetics",
// "published in The Lancet", "wrote in The Washington Post"), without a
// leading "The"; the words of the name and "of" or "&" between them, up to
// six tokens on the line (the model's span there, retyped, when it goes
// further). Not a month ("published in September": no name word).
void JournalsPublishedIn(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                         const DocWords& words, const KnowledgeBase& kb, int org_label, float typical_margin, std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<Span> add;
  std::vector<int32_t> at;
  for (const uint32_t c : words.cap_at()) {
    uint32_t k = c;
    if (c < 2 || tokens[c - 1].upper) continue;  // after "in" or "the" (cheap test first)
    if (keys[k - 1] == "the") {
      if (k < 3) continue;
      --k;
    }
    if (keys[k - 1] != "in" || !(keys[k - 2] == "published" || keys[k - 2] == "wrote" || keys[k - 2] == "writing"))
      continue;
    uint32_t first = c;
    if (keys[first] == "the" && CapitalisedNextOnLine(text, tokens, first + 1)) ++first;  // "The Lancet"
    auto name_word = [&](uint32_t t) {  // "New England Journal": a place's first word too
      return NameWordAt(tokens, keys, t) || (tokens[t].upper && IsPlaceStart(keys[t]));
    };
    if (!name_word(first)) continue;
    uint32_t end = first + 1;
    while (end < n && end - first < 6 && SpacedOnLine(text, tokens, end)) {
      if (name_word(end)) {
        ++end;
      } else if ((keys[end] == "of" || keys[end] == "&") && CapitalisedNextOnLine(text, tokens, end + 1) &&
                 NameWordAt(tokens, keys, end + 1)) {
        end += 2;
      } else {
        break;
      }
    }
    if (at.empty()) MapSpans(*spans, n, &at);
    for (uint32_t t = first; t < end; ++t) {
      if (at[t] < 0) continue;
      const Span& sp = (*spans)[static_cast<size_t>(at[t])];
      if (sp.first < first) { first = n; break; }  // begun before the name: left alone
      end = std::max(end, sp.end);
    }
    // (A place the knowledge base knows is where: "published in Cairo".)
    if (first < end && end <= n && !KbNameOfType(kb, text, tokens, keys, first, end, {v1::LOC}))
      add.push_back({first, end, org_label, typical_margin});
  }
  PutSpans(std::move(add), spans);
}

// A name before a company's trade is the company's ("Mistral AI",
// "Stability AI", "Ather Energy", "HV Capital", "Kgotla Minerals"): the
// trade capitalised on the line, in no span and before no capitalised word
// or glued hyphen (a longer name: "Capital One"), after the model's span of
// up to three words (a person's, a place's the knowledge base does not
// know, an organisation's) or one or two capitalised words no span has
// (not a sentence's first word: "Generative AI"). Not a people or a known
// place ("Chinese AI firms", "US AI policy").
void CompaniesByTheirTrade(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                           const DocWords& words, const KnowledgeBase& kb, int org_label, float typical_margin,
                           std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<int32_t> at;
  std::vector<Span> add;
  for (const uint32_t k : words.cap_at()) {
    // (A capitalised word right before it first: most have none.)
    if (k == 0 || tokens[k - 1].kind != TokenKind::kWord || !tokens[k - 1].upper ||
        !SpacedOnLine(text, tokens, k) || !IsCompanyTrade(keys[k]) || CapitalisedNextOnLine(text, tokens, k + 1) ||
        (k + 1 < n && IsHyphenToken(text, tokens[k + 1]) && Glued(tokens, k + 1)))
      continue;
    if (at.empty()) MapSpans(*spans, n, &at);
    if (at[k] >= 0) {  // a person's span that ends in the trade ("Ather Energy")
      Span& sp = (*spans)[static_cast<size_t>(at[k])];
      if (sp.end == k + 1 && sp.first < k && sp.end - sp.first <= 3 && LabelType(sp.label) == v1::PERSON)
        sp.label = org_label;
      continue;
    }
    if (at[k - 1] >= 0) {
      Span& sp = (*spans)[static_cast<size_t>(at[k - 1])];
      const v1::EntityType t = LabelType(sp.label);
      if (sp.end != k || sp.end - sp.first > 3 || !(t == v1::PERSON || t == v1::LOC || t == v1::ORG) ||
          (t == v1::LOC && KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::LOC})))
        continue;
      sp = {sp.first, k + 1, org_label, std::max(sp.margin, typical_margin)};
      continue;
    }
    uint32_t f = k;
    while (f > 0 && k - f < 2 && at[f - 1] < 0 && NameWordAt(tokens, keys, f - 1) && SpacedOnLine(text, tokens, f))
      --f;
    if (f == k || tokens[f].sentence_start || tokens[f].all_caps ||
        KbNameOfType(kb, text, tokens, keys, f, k, {v1::LOC, v1::NORP, v1::PERSON}))
      continue;
    add.push_back({f, k + 1, org_label, typical_margin});
  }
  InsertSpans(std::move(add), spans);
}

// A name whose price moves by a percentage is a company's ("Toyota added
// 5%", "Novo Nordisk rose 2% in Copenhagen", "Lilly shares fell 1.5%"): a
// person's span of up to three words the knowledge base did not fix, then
// "shares" or not, a verb of the market, a number and "%", "percent" or
// "per cent"; or a place's span the knowledge base does not know (the
// model's guess). (A known place's move is its market's or its economy's:
// "Japan rose 0.3%" stays.)
void CompaniesByTheirMoves(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                           const KnowledgeBase& kb, const std::vector<int>& forced, int org_label,
                           std::vector<Span>* spans) {
  static const WordSet kMoves = {"rose",  "fell",   "gained", "added",   "climbed", "dropped", "slid",
                                 "jumped", "slumped", "surged", "tumbled", "sank",   "lost",    "advanced",
                                 "declined", "soared", "plunged", "slipped", "eased", "rallied", "edged"};
  const size_t n = tokens.size();
  std::vector<Span> moved;
  // A person's span, or a place's the knowledge base does not know.
  auto guessed = [&](const Span& sp) {
    const v1::EntityType t = LabelType(sp.label);
    return forced[sp.first] < 0 &&
           (t == v1::PERSON ||
            (t == v1::LOC && !KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::LOC})));
  };
  for (Span& sp : *spans) {
    size_t k = sp.end;
    if (k < n && keys[k] == "shares") ++k;
    if (k >= n || !kMoves.Has(keys[k]) || sp.end - sp.first > 3 || !guessed(sp)) continue;
    ++k;
    if (k < n && (keys[k] == "up" || keys[k] == "down" || keys[k] == "by")) ++k;
    if (k + 1 >= n || tokens[k].kind != TokenKind::kNumber) continue;
    const std::string_view unit = keys[k + 1];
    if (unit == "%" || unit == "percent" || (unit == "per" && k + 2 < n && keys[k + 2] == "cent")) {
      sp.label = org_label;
      moved.push_back(sp);
    }
  }
  // The same words elsewhere as a person's are the company too ("Novo
  // Nordisk has filed for approval"): looked up by their keys, once a span.
  if (moved.empty()) return;
  std::string words;
  auto words_of = [&](const Span& sp) -> const std::string& {
    words.clear();
    for (uint32_t k = sp.first; k < sp.end; ++k) words.append(keys[k]).push_back(' ');
    return words;
  };
  std::unordered_set<std::string> names;
  for (const Span& m : moved) names.insert(words_of(m));
  for (Span& sp : *spans)
    if (sp.end - sp.first <= 3 && sp.label != org_label && guessed(sp) && names.count(words_of(sp)) > 0)
      sp.label = org_label;
}

// Signs that a one-word mention is a person whatever else shares its name:
// a title before it ("Mr Dyson"), or ", who", ", whose" or ", <age>" after
// it ("Armani, who founded the company", "Baker, 62,").
bool PersonSignsAround(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                       const Span& sp) {
  if (sp.first > 0 && (NameWordFlags(keys[sp.first - 1]) & kTitleWord)) return true;
  if (sp.end + 1 >= tokens.size() || keys[sp.end] != ",") return false;
  const std::string_view next = keys[sp.end + 1];
  return next == "who" || next == "whose" || (tokens[sp.end + 1].kind == TokenKind::kNumber) ||
         (!next.empty() && next[0] >= '0' && next[0] <= '9' && TokenText(text, tokens[sp.end + 1]).size() <= 3);
}

// An organisation before a role and a person's name: "Wingtech founder
// Zhang Xuezheng", "Deutsche Bahn chief executive Evelyn Palla", "Humain
// CEO Tareq Amin", "Leafs coach Craig Berube" (the model had the
// organisation a person, or nothing). Before a PERSON span, a role that
// only an organisation gives (founder, co-founder, chairman, CEO, CFO,
// chief executive, owner, a staff's trade: engineer, analyst, economist),
// or one a person gives too (coach, driver,
// director, president, boss: "Djokovic coach Goran Ivanisevic") after one
// word in the plural, a team's ("Leafs", "Williams"). What becomes the ORG:
// a PERSON span of up to three words, not fixed by the knowledge base, no
// word of a longer person's name in the document and without a person's
// signs; or one capitalised word no span has, after "the" or no
// capitalised word, not a role's first word ("Chief executive Priya Rai",
// "Team boss ...") and, first in its sentence, written capitalised inside
// a sentence elsewhere too ("Taxi driver Ahmed Karim", "Dog owner ..." are
// none). Its other mentions, the same words as PERSON spans, follow (and
// its one-word ones, through CompaniesByTheirFirstWord).
void CompaniesBeforeRoles(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const DocWords& words, const std::vector<uint64_t>& word_hash,
                          const std::vector<int>& forced, int org_label, std::vector<Span>* spans) {
  // (And the trades of a firm's staff, which no person employs: "former
  // Northvolt engineer Jonas Wierzbicki", "ING economist Bert Colijn".)
  static const WordSet kOrgRoles = {"founder", "chairman", "chairwoman", "chairperson", "ceo", "cfo", "executive",
                                    "owner", "engineer", "analyst", "economist", "strategist", "researcher",
                                    "trader", "employee", "staffer"};
  static const WordSet kSharedRoles = {"coach", "driver", "director", "president",
                                                                    "boss"};
  // Words that begin a role ("Chief executive Priya Rai", "Team boss ..."):
  // no organisation's name.
  static const WordSet kRoleModifiers = {
      "chief", "managing", "sporting", "technical", "team", "deputy", "vice", "acting", "interim", "former",
      "new", "assistant", "executive", "general", "associate", "senior", "joint", "founding"};
  const int person_label = LabelOf(v1::PERSON, true);
  std::vector<Span>& s = *spans;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto role_word = [&](std::string_view w) { return kOrgRoles.Has(w) || kSharedRoles.Has(w); };
  // The role's tokens from k: one word of the lists, "chief executive",
  // "sporting director", "co-founder"; 0 if none.
  auto role_at = [&](uint32_t k) -> uint32_t {
    if (k >= n || tokens[k].kind != TokenKind::kWord || (tokens[k].upper && !tokens[k].all_caps)) return 0;
    const std::string_view w = keys[k];
    if (w == "co" && k + 2 < n && keys[k + 1] == "-" && keys[k + 2] == "founder" && Glued(tokens, k + 1)) return 3;
    if ((w == "chief" || w == "managing" || w == "sporting" || w == "technical" || w == "team") && k + 1 < n &&
        !tokens[k + 1].upper && role_word(keys[k + 1]))
      return 2;
    if (tokens[k].all_caps) return w == "ceo" || w == "cfo" ? 1 : 0;
    return role_word(w) ? 1 : 0;
  };
  // A team's name in the plural: one word of five letters or more in -s.
  auto plural = [&](const Span& sp) {
    const std::string_view w = keys[sp.first];
    return sp.end == sp.first + 1 && w.size() >= 5 && w.back() == 's';
  };
  std::vector<uint64_t> longer_person_words;  // words of PERSON spans of two words or more
  for (const Span& sp : s)
    if (sp.label == person_label && sp.end - sp.first >= 2)
      for (uint32_t k = sp.first; k < sp.end; ++k) longer_person_words.push_back(word_hash[k]);
  std::sort(longer_person_words.begin(), longer_person_words.end());
  // One word of a longer person's name ("Tinashe Mhlanga ... Mhlanga
  // coach") is the person's, unless it is that name.
  auto of_person = [&](const Span& sp) {
    return sp.end == sp.first + 1 &&
           std::binary_search(longer_person_words.begin(), longer_person_words.end(), word_hash[sp.first]);
  };
  // "Sawit Permata's chief executive, Hari Ismail,", "Brotwerk Kranich's
  // owner, the fund Hollis,": a role only an organisation gives (not a coach
  // or a director) after the possessive of a PERSON span of up to three
  // words that the knowledge base did not fix, and a comma after the role
  // (a review found persons' boards, shareholders and chairmen at other
  // organisations: "Sam Altman's board fired him", "Buffett's shareholders
  // gathered", "Murdoch's board at News Corp").
  auto org_role_after_possessive = [&](const Span& sp) {
    const size_t p = PossessiveAt(text, tokens, sp.end, false);
    if (p == 0 || sp.end - sp.first > 3 || forced[sp.first] >= 0 || !tokens[sp.first].upper) return false;
    const uint32_t at = sp.end + static_cast<uint32_t>(p);
    const uint32_t r = role_at(at);
    // The role in apposition, a comma after it: a name or a description
    // follows ("Sawit Permata's chief executive, Hari Ismail, said"), not
    // "Bezos's chief executive at Amazon", "Farage's chairman Zia Yusuf".
    return r > 0 && !kSharedRoles.Has(keys[at + r - 1]) && at + r < n && keys[at + r] == "," &&
           !PersonSignsAround(text, tokens, keys, sp) && !of_person(sp);
  };
  std::vector<uint64_t> named;  // the words of the organisations found, hashed in order
  std::vector<Span> add;
  auto hash_of = [&](const Span& sp) {
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (uint32_t k = sp.first; k < sp.end; ++k) h = learn::HashMix(h, word_hash[k]);
    return h;
  };
  auto found = [&](const Span& sp) {
    named.push_back(hash_of(sp));
    if (sp.end == sp.first + 1) KindNamedStarts().push_back(sp.first);
  };
  for (size_t x = 0; x < s.size(); ++x) {
    const Span& person = s[x];
    if (person.label == person_label && org_role_after_possessive(person)) {
      s[x].label = org_label;
      found(s[x]);
      continue;
    }
    if (person.label != person_label || person.first < 2) continue;
    // The role right before the person (its last word first: one look-up
    // for most persons), and the name before the role.
    const Token& last = tokens[person.first - 1];
    if (last.kind != TokenKind::kWord || (last.upper && !last.all_caps) || !role_word(keys[person.first - 1]))
      continue;
    uint32_t r = 0, at = 0;
    for (uint32_t len = 3; len >= 1 && r == 0; --len)
      if (len + 1 <= person.first && role_at(person.first - len) == len) r = len, at = person.first - len;
    if (r == 0 || !SpacedOnLine(text, tokens, at)) continue;
    const bool shared = kSharedRoles.Has(keys[at + r - 1]);
    const uint32_t end = at;
    if (x > 0 && s[x - 1].end == end) {
      Span& sp = s[x - 1];
      if (sp.label != person_label || sp.end - sp.first > 3 || forced[sp.first] >= 0 || !tokens[sp.first].upper ||
          (shared && !plural(sp)) || PersonSignsAround(text, tokens, keys, sp))
        continue;
      if (of_person(sp)) continue;
      sp.label = org_label;
      found(sp);
    } else if ((x == 0 || s[x - 1].end < end) && NameWordAt(tokens, keys, end - 1) && !tokens[end - 1].all_caps &&
               !(NameWordFlags(keys[end - 1]) & (kOrgWord | kPlaceWord)) && !kRoleModifiers.Has(keys[end - 1]) &&
               (end - 1 == 0 || tokens[end - 1].sentence_start || !tokens[end - 2].upper || keys[end - 2] == "the")) {
      // One capitalised word no span has ("Wingtech founder Zhang ...").
      const Span sp{end - 1, end, org_label, person.margin};
      const bool first = end - 1 == 0 || tokens[end - 1].sentence_start;
      if ((shared && !plural(sp)) || (first && words.UpperMid(keys[end - 1]) == 0 && !plural(sp))) continue;
      add.push_back(sp);
      found(sp);
    }
  }
  if (named.empty()) return;
  InsertSpans(std::move(add), spans);
  std::sort(KindNamedStarts().begin(), KindNamedStarts().end());
  // The same words elsewhere as a person, but for a longer person's name
  // ("Craig McCaw" keeps "McCaw").
  for (Span& sp : s) {
    if (sp.label != person_label || sp.end - sp.first > 3 || PersonSignsAround(text, tokens, keys, sp)) continue;
    if (std::find(named.begin(), named.end(), hash_of(sp)) != named.end()) sp.label = org_label;
  }
}

// A company the document names by its first word alone ("Sansui" after
// "Sansui Electric Co.", "Westinghouse" after "Westinghouse Electric
// Corp.", "Sumida" after "Sumida Robotics"): a one-word PERSON span whose
// word begins a company's name in the document (an ORG span ending in a
// legal form or a company's trade word), and is no word of a person's name
// there of two words or more ("Craig McCaw" keeps "McCaw" a person's), is
// an ORG. So too a one-word PERSON or LOC span whose word the document
// calls a company in an apposition ("Qubitra, a quantum computing start-up
// based in Waterloo": each "Qubitra"). Not a name an institution took from
// a person or a place ("Truman Presidential Library", "Kobe University"):
// those end in neither. The model, which calls an unknown capitalised word
// a person's when it has nothing else, reads one sentence; the document
// says which.
void CompaniesByTheirFirstWord(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                               const KnowledgeBase& kb, const std::vector<uint64_t>& word_hash, int org_label,
                               std::vector<Span>* spans) {
  std::unordered_set<uint64_t> org_first, person_words, apposed;
  const std::vector<uint32_t>& commas = AppositionCommas();
  const std::vector<uint32_t>& kinds = KindNamedStarts();
  std::unordered_set<uint64_t> kind_named;
  for (const Span& sp : *spans) {
    const v1::EntityType type = LabelType(sp.label);
    if (sp.end - sp.first == 1 && (type == v1::PERSON || type == v1::LOC || type == v1::ORG) && !commas.empty() &&
        std::binary_search(commas.begin(), commas.end(), sp.end)) {
      apposed.insert(word_hash[sp.first]);
    }
    if (sp.end - sp.first == 1 && type == v1::ORG && !kinds.empty() &&
        std::binary_search(kinds.begin(), kinds.end(), sp.first))
      kind_named.insert(word_hash[sp.first]);
    if (sp.end - sp.first < 2) continue;
    if (type == v1::ORG &&
        (IsLegalForm(text, tokens[sp.end - 1]) || (tokens[sp.end - 1].upper && IsCompanyTrade(keys[sp.end - 1]))))
      org_first.insert(word_hash[sp.first]);
    if (type == v1::PERSON)
      for (uint32_t k = sp.first; k < sp.end; ++k) person_words.insert(word_hash[k]);
  }
  if (org_first.empty() && apposed.empty() && kind_named.empty()) return;
  // The words of a dateline's place ("IQALUIT, Nunavut, Dec. 8 ..."): a
  // place the story is written from, whatever company takes its name
  // ("Iqaluit Nukkiksautiit Corporation").
  std::unordered_set<uint64_t> dateline_places;
  for (const Span& sp : *spans) {
    if (LabelType(sp.label) != v1::LOC || !tokens[sp.first].all_caps || sp.end >= tokens.size() ||
        !(sp.first == 0 || tokens[sp.first].line_break_before))
      continue;
    if (DatelineMark(TokenText(text, tokens[sp.end])))
      for (uint32_t k = sp.first; k < sp.end; ++k) dateline_places.insert(word_hash[k]);
  }
  for (Span& sp : *spans) {
    if (sp.end - sp.first != 1 || person_words.count(word_hash[sp.first])) continue;
    const v1::EntityType type = LabelType(sp.label);
    // A company its kind named ("payments firm Paystrive") carries to the
    // name's one-word PERSON mentions without a person's signs, never to a
    // place ("Insurer Hartford ... based in Hartford").
    // (And a one-word place the model guessed that begins such a name:
    // "Mistral" after "Mistral AI"; not a place of the knowledge base.)
    const bool guessed_place = type == v1::LOC && org_first.count(word_hash[sp.first]) &&
                               !dateline_places.count(word_hash[sp.first]) &&
                               !KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::LOC});
    if ((type == v1::PERSON && org_first.count(word_hash[sp.first])) || guessed_place ||
        ((type == v1::PERSON || type == v1::LOC) && apposed.count(word_hash[sp.first])) ||
        (type == v1::PERSON && kind_named.count(word_hash[sp.first]) && !PersonSignsAround(text, tokens, keys, sp)))
      sp.label = org_label;
  }
}

// The possessive glued at token k, its length in tokens: "'s" or "’s" as
// one token 1, "'" or "’" then a glued "s" 2, a bare "'" or "’" 1 when
// `bare` ("Workers' Party"); else 0.
size_t PossessiveAt(std::string_view text, const std::vector<Token>& tokens, size_t k, bool bare) {
  if (k >= tokens.size() || !Glued(tokens, k)) return 0;
  const std::string_view t = TokenText(text, tokens[k]);
  if (t == "'s" || t == "\u2019s") return 1;
  if (t != "'" && t != "\u2019") return 0;
  if (k + 1 < tokens.size() && TokenText(text, tokens[k + 1]) == "s" && Glued(tokens, k + 1)) return 2;
  return bare ? 1 : 0;
}

// The length in tokens of a possessive (bare ones too) that ends right
// before token p: "'s" as one token 1, "'" then "s" 2; else 0.
size_t PossessiveBefore(std::string_view text, const std::vector<Token>& tokens, size_t p) {
  if (p >= 2 && PossessiveAt(text, tokens, p - 2, true) == 2) return 2;
  if (p >= 1 && PossessiveAt(text, tokens, p - 1, true) == 1) return 1;
  return 0;
}

// A group's possessive that begins an organisation's name ("Taiwan People's
// Party", "the People's Liberation Army", "Workers' Party", "Children's
// Hospital") is part of it: the model stopped at the apostrophe. The group
// word must be one of those nouns and capitalised, the possessive glued to
// it, an ORG span right after it; a span that ends on the group word joins
// too. ("China's Taiwan Affairs Office" stays two names: "China" is no such
// noun.) The span after it may be of another type when it begins with an
// organisation word ("German People's Union" had "Union" as LOC). A group
// word and the organisation word after its possessive that the model left
// out, or a span ending on the group word, make one too ("Workers' Party").
void PossessiveOrgNames(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        const std::vector<uint32_t>& cap_at, int org_label, float typical_margin,
                        std::vector<Span>* spans) {
  static const WordSet groups = {
      "people", "workers", "women", "children", "farmers", "peasants", "citizens", "soldiers", "veterans",
      "students", "teachers", "nations", "mothers", "miners", "consumers", "pensioners", "writers", "artists"};
  auto& s = *spans;
  size_t w = 0;  // spans kept so far (joined in place: no erase in the middle)
  for (size_t x = 0; x < s.size(); ++x) {
    const Span cur = s[x];
    s[w++] = cur;
    // (A possessive's token right before it first: most spans have none.)
    if (cur.first == 0 || !(tokens[cur.first - 1].kind == TokenKind::kPunct || keys[cur.first - 1] == "s")) continue;
    // An ORG span, or one the model typed otherwise that starts with an
    // organisation word ("Union").
    if (cur.label != org_label && !(NameWordFlags(keys[cur.first]) & kOrgWord)) continue;
    // The possessive ("'s", "'" or "'" + "s") from token q on, glued to the
    // group word before it.
    const uint32_t p = cur.first;
    const size_t pos = PossessiveBefore(text, tokens, p);
    if (pos == 0) continue;
    const uint32_t q = p - static_cast<uint32_t>(pos);
    if (q == 0 || tokens[q - 1].kind != TokenKind::kWord || !tokens[q - 1].upper || !groups.Has(keys[q - 1]))
      continue;
    // The span that ends on the group word begins the name.
    --w;
    if (w > 0 && s[w - 1].end == q) {
      s[w - 1] = {s[w - 1].first, cur.end, org_label, std::min(s[w - 1].margin, cur.margin)};
    } else {
      s[w++] = {q - 1, cur.end, org_label, cur.margin};
    }
  }
  s.resize(w);
  // A group word and an organisation word after its possessive that the
  // model left out ("Workers' Party" untagged, or "Workers" alone): one ORG
  // from the group word (or the span ending on it) to the organisation word.
  // (Possessives are rare: the spans' map is made at the first one.)
  std::vector<int32_t> span_at;
  std::vector<Span> add;
  for (const uint32_t g : cap_at) {  // the group word: a capitalised one
    if (g + 2 >= tokens.size() || !groups.Has(keys[g])) continue;
    const size_t len = PossessiveAt(text, tokens, g + 1, true);
    if (len == 0) continue;
    if (span_at.empty()) MapSpans(s, tokens.size(), &span_at);
    const uint32_t t = g + 1 + static_cast<uint32_t>(len);
    if (t >= tokens.size() || tokens[t].kind != TokenKind::kWord || !tokens[t].upper ||
        !(NameWordFlags(keys[t]) & kOrgWord) || !SpacedOnLine(text, tokens, t) || span_at[t] >= 0) {
      continue;
    }
    if (span_at[g] < 0) {
      add.push_back({g, t + 1, org_label, typical_margin});
      continue;
    }
    Span& before = s[static_cast<size_t>(span_at[g])];
    if (before.end == g + 1) before = {before.first, t + 1, org_label, before.margin};
  }
  InsertSpans(std::move(add), spans);
}

// The office of a post, named by the post's possessive ("Harris County
// Sheriff's Office", "the Manhattan District Attorney's Office", "Texas
// Attorney General's Office", "the Mayor's Office") is one ORG, from the
// first capitalised word before the post on its line: the model stopped at
// the apostrophe and had the county or the post apart from "Office". The
// post is one of a closed list of offices held by one person, capitalised,
// the possessive glued to it, then an organisation word ("Office",
// "Department"); up to five capitalised words before it join ("The" at a
// sentence's start does not). Not a country's possessive ("China's Foreign
// Ministry" stays two names).
void OfficesOfAPost(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                    const std::vector<uint32_t>& cap_at, int org_label, float typical_margin, std::vector<Span>* spans) {
  static const WordSet posts = {
      "sheriff",   "attorney",  "mayor",      "governor",  "coroner",      "prosecutor", "examiner",
      "general",   "comptroller", "controller", "auditor", "treasurer",    "marshal",    "commissioner",
      "inspector", "clerk",     "assessor",   "solicitor", "ombudsman",    "minister",   "president",
      "secretary", "chancellor", "director",  "registrar", "superintendent"};
  std::vector<Span> offices;
  for (const uint32_t w : cap_at) {
    // Cheapest first: an apostrophe's first byte glued after the word, then the post.
    if (w + 2 >= tokens.size() || !Glued(tokens, w + 1)) continue;
    const char a = text[tokens[w + 1].begin_byte];
    if (a != '\'' && a != '\xE2') continue;
    const size_t len = PossessiveAt(text, tokens, w + 1, false);
    if (len == 0 || !posts.Has(keys[w])) continue;
    const size_t o = w + 1 + len;
    if (o >= tokens.size() || tokens[o].kind != TokenKind::kWord || !tokens[o].upper ||
        !(NameWordFlags(keys[o]) & kOrgWord) || !SpacedOnLine(text, tokens, o))
      continue;
    size_t first = w;
    while (first > 0 && w - first < 5 && tokens[first - 1].kind == TokenKind::kWord && tokens[first - 1].upper &&
           SpacedOnLine(text, tokens, first) &&
           !(tokens[first - 1].sentence_start && (NameWordFlags(keys[first - 1]) & kStopWord)))
      --first;
    offices.push_back(Span{static_cast<uint32_t>(first), static_cast<uint32_t>(o + 1), org_label, typical_margin});
  }
  PutSpans(std::move(offices), spans);
}

// A name right after a person's title is a person's ("NATO Secretary
// General Jens Stoltenberg", "General Ratko Mladic": the model, which saw
// "General Motors" in training, had such names as ORG): an ORG span of up
// to four capitalised words right after a title, none of its words an
// organisation or place word ("Queen Elizabeth Hospital" stays), not a
// knowledge-base place or organisation ("Miss Macau"), and two words or
// more after "General" or "Major" ("General Election", "General Atomics")
// but a hyphened title's ("Director-General Tedros").
// A place span of two words or more is read the same way after a title in
// lower case ("Liverpool captain Jordan Henderson": a country's name
// first), not after one in capitals, where both are often a place's name
// ("Queen Elizabeth Hall").
// A surname's glued hyphen is part of the name ("company director Thabo
// Mokoena-Smit"); a role in lower case and a comma before the span, and a
// comma after it, are read as the title ("its branch secretary, Wanjiru
// Mathenge-Otieno, said").
// Titles and modifiers that begin such a span are the title's ("Mr Justice
// Chamberlain", "Lord Justice Singh": the person is "Chamberlain").
template <typename TitleWordFn>
void PersonsAfterTitles(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        const KnowledgeBase& kb, const TitleWordFn& title_word, int org_label, int loc_label,
                        int person_label, std::vector<Span>* spans) {
  for (Span& sp : *spans) {
    const bool org = sp.label == org_label, place = sp.label == loc_label && sp.end - sp.first >= 2;
    if (!(org || place) || sp.first == 0 || sp.end - sp.first > 4) continue;
    uint32_t t = sp.first - 1;
    // A role in apposition: "Its branch secretary, Wanjiru Mathenge-Otieno,
    // addressed ...", the name closed by a comma.
    if (org && t > 0 && TokenText(text, tokens[t]) == "," && !tokens[t - 1].upper &&
        title_word(t - 1) == TitleWord::kTitle && sp.end < tokens.size() && TokenText(text, tokens[sp.end]) == ",")
      t -= 1;
    // An organisation's span of two words or more after a title in lower
    // case too ("company director Thabo Mokoena-Smit").
    // (On the name's line: not the title word of a sentence's end before it.)
    const bool lower_title = org && sp.end - sp.first >= 2 && tokens[t].kind == TokenKind::kWord &&
                             SpacedOnLine(text, tokens, sp.first) && (t + 1 == sp.first || Glued(tokens, t + 1));
    if ((tokens[t].upper != org && !lower_title) || title_word(t) != TitleWord::kTitle) continue;
    uint32_t name_first = sp.first;
    while (org && name_first + 1 < sp.end && title_word(name_first) != TitleWord::kNone && tokens[name_first].upper)
      ++name_first;
    // (A hyphened title's "General" is no company's first word:
    // "Director-General Tedros", "Attorney-General Dreyfus".)
    const bool hyphened = t >= 2 && IsHyphenToken(text, tokens[t - 1]) && Glued(tokens, t - 1) && Glued(tokens, t) &&
                          tokens[t - 2].upper;
    if ((keys[t] == "general" || keys[t] == "major") && sp.end - sp.first < 2 && !hyphened) continue;
    bool name = true;
    for (uint32_t k = name_first; k < sp.end && name; ++k) {
      // A surname's hyphen ("Thabo Mokoena-Smit").
      if (k > name_first && k + 1 < sp.end && IsHyphenToken(text, tokens[k]) && Glued(tokens, k) &&
          Glued(tokens, k + 1))
        continue;
      name = tokens[k].kind == TokenKind::kWord && tokens[k].upper &&
             !(NameWordFlags(keys[k]) & (kOrgWord | kPlaceWord)) && title_word(k) == TitleWord::kNone;
    }
    // (A company's name after "Mr", "Mrs", "Ms" or "Dr" is a person's: "Mr
    // Tata", "Dr Bosch".)
    const bool honorific = keys[t] == "mr" || keys[t] == "mrs" || keys[t] == "ms" || keys[t] == "dr";
    if (!name || (honorific ? KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::LOC})
                            : KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::LOC, v1::ORG})))
      continue;
    sp.first = name_first, sp.label = person_label;
  }
}

// A capitalised "Minister" or "Secretary" one space after token k, on its
// line (a department's word before it is the title's: "Energy Minister").
bool MinisterAfter(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, size_t k) {
  return CapitalisedNextOnLine(text, tokens, k + 1) && (keys[k + 1] == "minister" || keys[k + 1] == "secretary");
}

// A department's word the model took for an organisation by itself, right
// before a capitalised "Minister" or "Secretary", is the title's ("Justice"
// of "Justice Minister Adam Bodnar", "Cabinet" of "Cabinet Secretary ..."):
// dropped; "Labour"/"Labor", a party's name as often, only before the
// minister's name; not a knowledge base organisation. So is a title alone before a capitalised name
// ("Economist Thabisile Nkosi-Dlamini of Absa", though "Economist" is also
// the magazine), or after another title but for a knowledge-base
// organisation ("Justice" of "Chief Justice John Roberts", "the Chief
// Justice declined"; not "the Garda said", the police).
template <typename TitleWordFn>
void DropPortfolioWords(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        const KnowledgeBase& kb, const TitleWordFn& title_word, int org_label,
                        std::vector<Span>* spans) {
  std::erase_if(*spans, [&](const Span& sp) {
    // A portfolio of two or three words before "Minister" and the
    // minister's name ("Public Safety Minister Darren Hallworth", "State
    // Health Minister ..."), none of them a place's, a people's or a body's
    // of the knowledge base ("Kerala Health Minister" keeps its state).
    if (sp.label == org_label && sp.end - sp.first >= 2 && sp.end - sp.first <= 3 &&
        MinisterAfter(text, tokens, keys, sp.end - 1) && CapitalisedNextOnLine(text, tokens, sp.end + 1)) {
      for (uint32_t k = sp.first; k < sp.end; ++k)
        if (KbNameOfType(kb, text, tokens, keys, k, k + 1, {v1::LOC, v1::NORP, v1::ORG})) return false;
      return !KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::ORG});
    }
    if (sp.label != org_label || sp.end != sp.first + 1) return false;
    const TitleWord w = title_word(sp.first);
    if (w == TitleWord::kNone) return false;
    if (w == TitleWord::kTitle) {
      if (CapitalisedNextOnLine(text, tokens, sp.end)) return true;
      if (sp.first == 0 || title_word(sp.first - 1) == TitleWord::kNone) return false;
    } else {
      if (!MinisterAfter(text, tokens, keys, sp.first)) return false;
      // "Labour" or "Labor" is the portfolio's before the minister's name
      // ("federal Labour Minister Patty Hajdu"), else as often the party's.
      const std::string_view k = keys[sp.first];
      if (k == "labour" || k == "labor") return CapitalisedNextOnLine(text, tokens, sp.end + 1);
    }
    return !KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::ORG});
  });
}

// The name, id and knowledge-base entity of the model's span `c` (its
// tokens and type set): the rules' candidate `r` there, of the same span
// and type; else the knowledge base's entity of the model's type
// ("Liverpool" the club or the city), or of a people where the model said a
// place of a word the knowledge base knows only as a people's adjective
// ("Thai Prime Minister"; `c`'s type becomes NORP); else the span's own text.
void NameSpanAs(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                const KnowledgeBase& kb, const NameCandidate* r, std::deque<std::string>* store, NameCandidate* c) {
  const uint32_t i = c->first, end = c->end;
  if (r != nullptr && r->end == end && r->type == c->type) {
    c->name = r->name, c->id = r->id, c->kb = r->kb, c->from_kb = r->from_kb;
    c->kb_alternates = r->kb_alternates;
    return;
  }
  KnowledgeBase::Match m;
  const KbEntity* e = nullptr;
  if (kb.LongestMatch(text, tokens, keys, i, &m) && m.end_token == end &&
      ((e = EntityOfType(kb, m, c->type)) != nullptr ||
       (end == i + 1 && c->type == v1::LOC && EntityOfType(kb, m, v1::LOC) == nullptr &&
        (e = EntityOfType(kb, m, v1::NORP)) != nullptr))) {
    c->type = e->type;
    c->name = e->name, c->id = e->id, c->kb = e, c->from_kb = true;
    c->kb_alternates = m.alternates;
    return;
  }
  c->name = store->emplace_back(NameOf(text, tokens, i, end));
}

// Whether a noun phrase ends before token k: the text's or the line's end,
// punctuation, a possessive, a function word, an auxiliary or an adverb
// ("western Norway on Monday", "in western Uttar Pradesh had", "hit western
// Kenya hardest"); not a lower-case noun the phrase goes on with ("western
// Ukraine backers").
bool PhraseEndsAt(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, size_t k) {
  static const WordSet kAfter = {
      "on", "in", "at", "and", "or", "for", "to", "from", "with", "by", "of", "as", "after", "before", "during",
      "over", "near", "where", "which", "while", "since", "until", "amid", "into", "is", "was", "were", "are",
      "has", "had", "have", "will", "would", "could", "can", "said", "but", "this", "last", "next", "overnight",
      "today", "yesterday", "tonight", "tomorrow", "again", "too", "now", "then", "earlier", "later", "hardest"};
  if (k >= tokens.size() || NewlineBetween(text, tokens[k - 1], tokens[k])) return true;
  if (tokens[k].kind == TokenKind::kPunct) return true;
  return !tokens[k].upper && (kAfter.Has(keys[k]) || keys[k].ends_with("ly"));
}

// A capitalised word that begins longer places, tagged a place by itself or
// left untagged right before a place ("Greater" + "London", "Upper" +
// "Egypt", "Lower" + "Saxony"), begins that place's name: the model, whose
// word clusters put "Greater" with other comparatives, may stop at the
// place. Untagged, it must stand one space before the
// place on its line, the word in mixed case and after no capitalised word
// of its own line but a sentence's first function word ("Royal Greater
// ..." is left as it was, "The Greater Manchester police" is not). Such a word and
// a one-word place of the knowledge base, tagged together as something
// else, are a place too ("Upper Egypt" had been an organisation). A compass
// adjective alone before a place is dropped ("Eastern" of "Eastern Homs",
// the people "western" of "western Norway"), and begins a continent's name,
// tagged or not ("Eastern Europe").
template <typename KbPlaceFn>
void PlaceStartWordsJoin(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                         const KbPlaceFn& kb_place, int loc_label, int norp_label, std::vector<Span>* spans) {
  // A word that begins longer places, tagged a place alone right before a
  // place, begins it ("Greater" + "London", "South" + "Africa").
  JoinNeighbours(spans, [&](const Span& w, const Span& place) -> std::optional<Span> {
    if (w.label != loc_label || place.label != loc_label || w.end != w.first + 1 || place.first != w.end ||
        !IsPlaceStart(keys[w.first]) || !tokens[w.first].upper || !SpacedOnLine(text, tokens, place.first)) {
      return std::nullopt;
    }
    return Span{w.first, place.end, loc_label, std::min(w.margin, place.margin)};
  });
  // A compass adjective tagged a place by itself right before a place is
  // no name: "eastern Aleppo" is the mention "Aleppo" (the guidelines), and
  // so is "Eastern Homs" in a list of provinces; before a continent it is
  // the region's name ("Eastern Europe", "Southern Africa").
  auto compass = [&](uint32_t k) {
    return keys[k] == "eastern" || keys[k] == "western" || keys[k] == "northern" || keys[k] == "southern";
  };
  auto continent = [&](const Span& sp) { return sp.end == sp.first + 1 && IsContinentWord(keys[sp.first]); };
  std::vector<Span>& s = *spans;
  size_t kept = 0;
  for (size_t x = 0; x < s.size(); ++x) {
    Span sp = s[x];
    const bool before_place = sp.end == sp.first + 1 && compass(sp.first) && x + 1 < s.size() &&
                              s[x + 1].first == sp.end && s[x + 1].label == loc_label &&
                              SpacedOnLine(text, tokens, sp.end);
    // "western" of the West (the knowledge base's people) before a place
    // that ends its phrase tells where in it: "western Norway on Monday";
    // not "western Ukraine backers" (the West's backers of Ukraine).
    if (before_place && sp.label == norp_label && !tokens[sp.first].upper &&
        PhraseEndsAt(text, tokens, keys, s[x + 1].end))
      continue;
    if (before_place && sp.label == loc_label) {
      if (!continent(s[x + 1])) continue;
      sp.end = s[++x].end;
    }
    s[kept++] = sp;
  }
  s.resize(kept);
  uint32_t covered_to = 0;  // tokens before it are in some span already looked at
  for (Span& sp : *spans) {
    if (sp.label != loc_label && sp.end == sp.first + 2 && tokens[sp.first].upper && !tokens[sp.first].all_caps &&
        IsPlaceStart(keys[sp.first]) && kb_place(sp.first + 1)) {
      sp.label = loc_label;
    }
    const uint32_t w = sp.first - 1;
    // The capitalised word before it, if any, is a sentence's first function
    // word ("The Greater Manchester police", "In Upper Egypt").
    auto after_no_name = [&] {
      if (!SpacedOnLine(text, tokens, w)) return true;
      const Token& p = tokens[w - 1];
      return p.kind != TokenKind::kWord || !p.upper || (p.sentence_start && (NameWordFlags(keys[w - 1]) & kStopWord));
    };
    if (sp.label == loc_label && sp.first > 0 && w >= covered_to && tokens[w].kind == TokenKind::kWord &&
        tokens[w].upper && !tokens[w].all_caps && (IsPlaceStart(keys[w]) || (compass(w) && continent(sp))) &&
        SpacedOnLine(text, tokens, sp.first) && after_no_name()) {
      sp.first = w;
    }
    covered_to = sp.end;
  }
}

// A given name right before a one-word place or company of the knowledge
// base is a person's full name ("Michael Jordan", "Jack London", "Chad
// Hurley", "Pat Cummins" are no person and a place or a company: the
// match is forced, so the model, which tagged the given name PERSON, could
// not go on into it). The person part
// is the model's (no forced token), one or two capitalised words in mixed
// case, one space before the place on the same line, and no capitalised
// word follows the place (a longer name is left as it was).
template <typename KbPlaceFn>
void GivenNameBeforePlace(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const std::vector<int>& forced, const KbPlaceFn& kb_place, int person_label, int loc_label,
                          int org_label, std::vector<Span>* spans) {
  // The person part: the model's words (none fixed), capitalised, in mixed case.
  auto given_name = [&](const Span& p) {
    for (uint32_t k = p.first; k < p.end; ++k)
      if (forced[k] >= 0 || tokens[k].kind != TokenKind::kWord || !tokens[k].upper || tokens[k].all_caps) return false;
    return true;
  };
  JoinNeighbours(spans, [&](const Span& p, const Span& place) -> std::optional<Span> {
    if (p.label != person_label || !(place.label == loc_label || place.label == org_label) ||
        place.first != p.end || place.end != p.end + 1 || p.end - p.first > 2 || forced[place.first] != place.label ||
        !SpacedOnLine(text, tokens, place.first) ||
        CapitalisedNextOnLine(text, tokens, place.end)) {
      return std::nullopt;
    }
    if (!given_name(p) || tokens[place.first].all_caps) return std::nullopt;
    return Span{p.first, place.end, person_label, std::min(p.margin, place.margin)};
  });
  // The same with the place first ("Washington Irving", "Paris Hilton"),
  // when neither a capitalised word nor a place's preposition ("in Sudan
  // Omar Bashir") stands right before the place.
  JoinNeighbours(spans, [&](const Span& place, const Span& p) -> std::optional<Span> {
    if (p.label != person_label || place.label != loc_label || p.first != place.end ||
        place.end != place.first + 1 || p.end - p.first > 2 || !kb_place(place.first) ||
        !SpacedOnLine(text, tokens, p.first) ||
        (SpacedOnLine(text, tokens, place.first) && tokens[place.first - 1].kind == TokenKind::kWord &&
         (tokens[place.first - 1].upper || (NameWordFlags(keys[place.first - 1]) & kPlacePrepWord)))) {
      return std::nullopt;
    }
    if (tokens[place.first].all_caps || !given_name(p)) return std::nullopt;
    return Span{place.first, p.end, person_label, std::min(p.margin, place.margin)};
  });
}

// A named war is an event: a span the model typed an organisation, a
// person or a place that ends in a capitalised "War" or "Wars" ("Civil War
// veterans"), or the capitalised words, hyphenated compounds and a plural's
// apostrophe between "the" (and a year) and a capitalised "War" that the
// model left out ("the 1967 Six-Day War", "The Winter War", "the Thirty
// Years' War"); "Revolution" and "Uprising" as "War" ("the Singing
// Revolution"). Not a
// name with an organisation's or a title's word ("Ministry of War",
// "Secretary of War"), nor "War" inside a longer name ("War Office").
void NamedWars(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
               const std::vector<uint32_t>& cap_at, int event_label, float typical_margin, std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto no_org_word = [&](uint32_t a, uint32_t b) {
    for (uint32_t t = a; t < b; ++t)
      if (NameWordFlags(keys[t]) & (kOrgWord | kTitleWord)) return false;
    return true;
  };
  auto war_at = [&](uint32_t w) {
    if (w >= n || !tokens[w].upper || tokens[w].all_caps || CapitalisedNextOnLine(text, tokens, w + 1)) return false;
    if (keys[w] == "war" || keys[w] == "wars") return true;
    return (keys[w] == "revolution" || keys[w] == "uprising") && !NamedAfterAnEvent(tokens, keys, w + 1);
  };
  // The span over token k, or -1 (spans are in text order; few questions).
  auto span_at = [&](uint32_t k) -> int32_t {
    auto it = std::upper_bound(spans->begin(), spans->end(), k, [](uint32_t t, const Span& sp) { return t < sp.end; });
    return it != spans->end() && it->first <= k ? static_cast<int32_t>(it - spans->begin()) : -1;
  };
  std::vector<Span> add;
  for (const uint32_t w : cap_at) {
    if (w == 0 || !war_at(w) || !SpacedOnLine(text, tokens, w)) continue;
    if (const int32_t x = span_at(w); x >= 0) {
      Span& sp = (*spans)[static_cast<size_t>(x)];
      if (sp.end == w + 1 && sp.first < w && sp.label != event_label && no_org_word(sp.first, w))
        sp.label = event_label;
      continue;
    }
    // Back over capitalised words, glued hyphens and a plural's apostrophe to "the".
    uint32_t k = w;
    while (k > 0 && w - k < 5) {
      const Token& t = tokens[k - 1];
      const std::string_view v = TokenText(text, t);
      const bool glued_mark = (IsHyphenToken(text, t) || v == "'" || v == "\u2019") && Glued(tokens, k - 1);
      if (!(glued_mark || (t.kind == TokenKind::kWord && t.upper && !t.all_caps)) || keys[k - 1] == "the" ||
          span_at(k - 1) >= 0)
        break;
      --k;
    }
    // The model's span of the words before ("the Thirty Years" + "' War"):
    // the name begins with it.
    int32_t before = -1;
    if (k > 0 && k < w && (before = span_at(k - 1)) >= 0 && (*spans)[static_cast<size_t>(before)].end == k &&
        (*spans)[static_cast<size_t>(before)].end - (*spans)[static_cast<size_t>(before)].first <= 3) {
      k = (*spans)[static_cast<size_t>(before)].first;
    } else {
      before = -1;
    }
    // "the", or "the" and a year ("the 1967 Six-Day War").
    const bool the = k > 0 && (keys[k - 1] == "the" ||
                               (k >= 2 && tokens[k - 1].kind == TokenKind::kNumber && keys[k - 2] == "the"));
    if (k == w || !the || tokens[k].kind != TokenKind::kWord || !no_org_word(k, w)) continue;
    if (before >= 0) {
      Span& sp = (*spans)[static_cast<size_t>(before)];
      sp.end = w + 1, sp.label = event_label;
      continue;
    }
    add.push_back({k, w + 1, event_label, typical_margin});
  }
  InsertSpans(std::move(add), spans);
}

// Whether span sp's words before its head have no organisation's or
// title's word ("Party of the Democratic Revolution" has).
bool PlainEventName(const KeyViews& keys, const Span& sp) {
  for (uint32_t k = sp.first; k + 1 < sp.end; ++k)
    if (NameWordFlags(keys[k]) & (kOrgWord | kTitleWord)) return false;
  return true;
}

// A span ending in a capitalised word that only events end in is an event
// ("the Eurovision Song Contest", "the 1986 People Power Revolution", "the
// Sunway Sitges Open": the model had organisations and places), as
// NamedWars makes of "War"; not a name with an organisation's or a title's
// word (PlainEventName), nor a dateline's capitals. "Open" of two words or
// more whatever their type ("Open" begins many other names: "Open
// University"). Not "Trophy", an award's as often as a competition's
// (PlacesGames). (Summits, Olympics, Olympiads, cups and championships:
// PlacesGames.) The continents' club competitions too ("the CAF Champions
// League", "the Europa League"), not a country's league ("the Premier
// League", its organisation).
bool UntaggedEventHead(const KeyViews& keys, uint32_t k);

void EventsByTheirHead(const std::vector<Token>& tokens, const KeyViews& keys, int event_label,
                       std::vector<Span>* spans) {
  for (Span& sp : *spans) {
    const uint32_t h = sp.end - 1;
    if (sp.label == event_label || !tokens[h].upper || tokens[h].all_caps) continue;
    // The continents' club competitions ("the CAF Champions League").
    if (keys[h] == "league" && h > sp.first &&
        (keys[h - 1] == "champions" || keys[h - 1] == "europa" ||
         (keys[h - 1] == "conference" && sp.first + 2 == sp.end))) {
      sp.label = event_label;
      continue;
    }
    static const WordSet kHeads = {"contest", "revolution", "uprising", "regatta", "open",       "festival",
                                   "carnival", "awards",     "honours",  "finals",  "tournament"};
    // A championship of a format or a tour ("ICC World Test Championship",
    // "FIA Formula 2 Championship", "Australian PGA Championship", "the
    // Open Championship"); a country's league stays ("Scottish
    // Championship", "United Rugby Championship").
    if (keys[h] == "championship" && h > sp.first &&
        (keys[h - 1] == "test" || keys[h - 1] == "open" || tokens[h - 1].kind == TokenKind::kNumber ||
         (tokens[h - 1].all_caps && sp.end - sp.first >= 3)) &&  // "EFL Championship" is a league
        PlainEventName(keys, sp)) {
      sp.label = event_label;
      continue;
    }
    // Not a bar or a book named after one ("the Velvet Revolution bar").
    if (sp.end - sp.first < 2 || !(kHeads.Has(keys[h]) || UntaggedEventHead(keys, h)) ||
        NamedAfterAnEvent(tokens, keys, sp.end))
      continue;
    if (PlainEventName(keys, sp) || keys[h] == "tournament") sp.label = event_label;  // "Tata Steel Chess Tournament"
  }
}

bool CountryMatch(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                  const KnowledgeBase& kb, uint32_t first, uint32_t end);

// A war named in lower case after its people or its sides is an event,
// the people or the places inside it ("the Sudanese civil war", "the Tajik
// civil war", "the Russia-Ukraine war", "the Israel-Hamas war"): after
// "the", a country's or its people's one-word span and "civil war" ("the
// Republican civil war over Ukraine aid", "the Hollywood civil war" are
// none), or a place's span, a glued hyphen, a place's or an organisation's
// span and "war", in lower case. Not "the US war in Iraq" (one side alone),
// nor a war of words. So too "the Russian revolution" (a country's people,
// as for a civil war), and a place's or an organisation's disaster after
// "the" ("the Noto Peninsula earthquake", "the 2004 Indian Ocean tsunami",
// "the Piper Alpha disaster").
// The lower-case heads of a named disaster ("earthquake", "tsunami",
// "disaster", "massacre", "pandemic").
bool DisasterHead(std::string_view key) {
  return key == "earthquake" || key == "earthquakes" || key == "tsunami" || key == "disaster" ||
         key == "massacre" || key == "pandemic";
}

void WarsInLowerCase(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                     const KnowledgeBase& kb, int event_label, std::vector<Span>* spans) {
  std::vector<Span>& s = *spans;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  const int norp = LabelOf(v1::NORP, true), loc = LabelOf(v1::LOC, true), org = LabelOf(v1::ORG, true);
  auto lower_at = [&](uint32_t k, std::string_view w) {
    return k < n && tokens[k].kind == TokenKind::kWord && !tokens[k].upper && keys[k] == w;
  };
  // "of words" from token k: a war of words is none.
  auto words_after = [&](uint32_t k) { return lower_at(k, "of") && lower_at(k + 1, "words"); };
  // The end of a country's war or revolution from token k, or 0: "civil
  // war" (no war of words) or "revolution" ("the Russian revolution" as
  // "the Sudanese civil war").
  auto country_war_end = [&](uint32_t k) -> uint32_t {
    if (lower_at(k, "civil") && lower_at(k + 1, "war")) return words_after(k + 2) ? 0 : k + 2;
    return lower_at(k, "revolution") ? k + 1 : 0;
  };
  // A country or a people of the knowledge base ("Sudanese", "Lebanese",
  // "Yemen"), not a town, a party's members or the followers of a creed
  // ("the Hollywood civil war", "the Republican civil war over Ukraine
  // aid", "the Maoist civil war").
  auto a_country = [&](uint32_t k) {
    if (CountryMatch(text, tokens, keys, kb, k, k + 1)) return true;
    KnowledgeBase::Match m;
    if (!kb.LongestMatch(text, tokens, keys, k, &m) || m.end_token != k + 1) return false;
    const KbEntity* e = EntityOfType(kb, m, v1::NORP);
    return e != nullptr && !e->name.ends_with("ism") && e->name.find(" members") == std::string::npos &&
           e->name.find('(') == std::string::npos;
  };
  // Most documents have no such war: the spans are rewritten from the
  // first one on.
  size_t x = 0;
  auto may_begin = [&](const Span& sp) {
    if (sp.end >= n) return false;
    const std::string_view k = keys[sp.end];
    return (!tokens[sp.end].upper && (k == "civil" || k == "revolution" || DisasterHead(k))) ||
           IsHyphenToken(text, tokens[sp.end]);
  };
  // "the" right before token f, or "the" and a year ("the 2004 Indian Ocean
  // tsunami").
  auto the_before = [&](uint32_t f) {
    if (f > 0 && keys[f - 1] == "the") return true;
    return f > 1 && keys[f - 2] == "the" && tokens[f - 1].kind == TokenKind::kNumber && keys[f - 1].size() == 4;
  };
  while (x < s.size() && !may_begin(s[x])) ++x;
  size_t w = x;
  for (; x < s.size(); ++x) {
    Span cur = s[x];
    const bool one = cur.end == cur.first + 1 && cur.first > 0 && keys[cur.first - 1] == "the";
    const uint32_t head_end = one && (cur.label == norp || cur.label == loc) ? country_war_end(cur.end) : 0;
    if (head_end > 0 && (x + 1 >= s.size() || s[x + 1].first >= head_end) && a_country(cur.first)) {
      s[w++] = {cur.first, head_end, event_label, cur.margin};
      continue;
    }
    // A place's disaster: "the Noto Peninsula earthquake", "the Indian
    // Ocean tsunami", "the Piper Alpha disaster", "the Heysel disaster" (a
    // place's or an organisation's span of up to three words after "the").
    // (Not a company the knowledge base knows: "the Boeing disaster" is the
    // company's.)
    if ((cur.label == loc || cur.label == org) && the_before(cur.first) && cur.end - cur.first <= 3 &&
        cur.end < n && !tokens[cur.end].upper && DisasterHead(keys[cur.end]) &&
        (x + 1 >= s.size() || s[x + 1].first > cur.end) &&
        !(cur.label == org && KbNameOfType(kb, text, tokens, keys, cur.first, cur.end, {v1::ORG}))) {
      s[w++] = {cur.first, cur.end + 1, event_label, cur.margin};
      continue;
    }
    if (one && cur.label == loc && x + 1 < s.size() && cur.end < n && IsHyphenToken(text, tokens[cur.end]) &&
        Glued(tokens, cur.end) && s[x + 1].first == cur.end + 1 && Glued(tokens, cur.end + 1) &&
        (s[x + 1].label == loc || s[x + 1].label == org) && s[x + 1].end - s[x + 1].first <= 2 &&
        lower_at(s[x + 1].end, "war") && !words_after(s[x + 1].end + 1)) {
      s[w++] = {cur.first, s[x + 1].end + 1, event_label, std::min(cur.margin, s[x + 1].margin)};
      ++x;
      continue;
    }
    s[w++] = cur;
  }
  s.resize(w);
}

// A military operation by its name ("Operation Provide Comfort",
// "Operation Sathjaya") and a Latin American or Iberian cup ("the Copa
// Libertadores", "the Copa del Rey") are events: "Operation" or "Copa"
// capitalised, then one to three capitalised words on the line ("del",
// "de", "do" between them), the model's span there retyped or the words
// added; not a company's ("Copa Airlines": a trade word last).
void OperationsAndCopas(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        const std::vector<uint32_t>& cap_at, int event_label, float typical_margin,
                        std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<int32_t> at;
  std::vector<Span> add;
  for (const uint32_t c : cap_at) {
    if ((keys[c] != "operation" && keys[c] != "copa" && keys[c] != "exercise") || tokens[c].all_caps) continue;
    uint32_t end = c + 1;
    bool walk = true;  // over the capitalised words after it
    if (at.empty()) MapSpans(*spans, n, &at);
    // A military exercise by its name ("Exercise Keris Samudra"): only
    // before a name the model found there ("Exercise Helps Memory",
    // "Exercise Science" are none).
    if (keys[c] == "exercise") {
      const int32_t next = c + 1 < n && CapitalisedNextOnLine(text, tokens, c + 1) ? at[c + 1] : -1;
      if (at[c] < 0 && next >= 0 && (*spans)[static_cast<size_t>(next)].first == c + 1) {
        end = (*spans)[static_cast<size_t>(next)].end;
        walk = false;
      } else {
        continue;  // "She studied Exercise Science"
      }
    }
    while (walk && end < n && end - c <= 4) {
      if (CapitalisedNextOnLine(text, tokens, end) && !tokens[end].all_caps) {
        ++end;
      } else if (keys[c] == "copa" && SpacedOnLine(text, tokens, end) && !tokens[end].upper &&
                 (keys[end] == "del" || keys[end] == "de" || keys[end] == "do") &&
                 CapitalisedNextOnLine(text, tokens, end + 1)) {
        end += 2;
      } else {
        break;
      }
    }
    if (end == c + 1 || IsCompanyTrade(keys[end - 1]) || IsLegalForm(text, tokens[end - 1])) continue;
    bool clash = false;  // a span that begins before "Operation" or runs past the name
    for (uint32_t t = c; t < end && !clash; ++t)
      if (at[t] >= 0) clash = (*spans)[static_cast<size_t>(at[t])].first < c || (*spans)[static_cast<size_t>(at[t])].end > end;
    if (!clash) add.push_back({c, end, event_label, typical_margin});
  }
  PutSpans(std::move(add), spans);
}

// Wars and other events by the words of their names.
void NamedEvents(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                 const KnowledgeBase& kb, const std::vector<uint32_t>& cap_at, int event_label, float typical_margin,
                 std::vector<Span>* spans) {
  NamedWars(text, tokens, keys, cap_at, event_label, typical_margin, spans);
  WarsInLowerCase(text, tokens, keys, kb, event_label, spans);
  EventsByTheirHead(tokens, keys, event_label, spans);
  OperationsAndCopas(text, tokens, keys, cap_at, event_label, typical_margin, spans);
  // A UN climate conference by its number ("COP31", "COP30 in Belem"),
  // which the model left out or typed an organisation.
  std::vector<Span> cops;
  for (const uint32_t c : cap_at) {
    const std::string_view w = TokenText(text, tokens[c]);
    if (w.size() < 4 || w.size() > 5 || !w.starts_with("COP") ||
        !std::all_of(w.begin() + 3, w.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) ||
        (c > 0 && Glued(tokens, c) && TokenText(text, tokens[c - 1]) == "@"))  // an account: "@COP21"
      continue;
    cops.push_back({c, c + 1, event_label, typical_margin});
  }
  if (!cops.empty()) PutSpans(std::move(cops), spans);
}

// Whether a page speaks of horse racing: two of racing's words in lower
// case, one of them a horse's or a jockey's ("gelding", "jockey",
// "furlongs"; "trainer" and "lengths" are athletes' and swimmers' too).
bool RacingPage(const std::vector<Token>& tokens, const KeyViews& keys) {
  // (Not "hurdles", "jockey" or "stakes" alone: athletes clear hurdles,
  // politicians jockey for position, and the stakes are high.)
  static const WordSet kHorse = {"furlong", "furlongs", "gelding", "geldings", "mare", "filly",
                                 "colt",    "racecourse", "racehorse", "racehorses", "stallion"};
  static const WordSet kRacing = {"trainer", "fences", "stakes", "handicap", "lengths", "favourite", "favorite",
                                  "jockey", "jockeys", "hurdles"};
  int horse = 0, other = 0;
  for (size_t t = 0; t < tokens.size() && !(horse >= 1 && horse + other >= 2); ++t) {
    if (tokens[t].upper) continue;
    if (kHorse.Has(keys[t])) ++horse;
    else if (kRacing.Has(keys[t])) ++other;
  }
  return horse >= 1 && horse + other >= 2;
}

// Racehorses are no entities of the contract's types (the writers of the
// news written for testing leave them untagged), but the model reads
// "Silver Bracken" or "Tirnanog Boy" as people's names and "Galway Bay
// Light" as a place. On a page of racing (RacingPage), a span that the
// text shows to be a horse, and every span of the same words in the
// document, go: "X, ridden by", "X, trained by", "X, the six-year-old
// mare", "X's trainer", "the Irish-trained X", "the raider X", "the colt
// X". (Not "X, the favourite" nor "X's jockey" or "owners": a jockey is a
// favourite too, and a trainer has jockeys: "Willie Mullins's jockey".)
void Racehorses(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                std::vector<Span>* spans) {
  static const WordSet kHorseWords = {"mare", "gelding", "colt", "filly", "stallion", "raider", "stablemate", "horse"};
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto is = [&](uint32_t k, std::string_view w) { return k < n && keys[k] == w; };
  auto horse_after = [&](const Span& sp) {
    const uint32_t a = sp.end;
    // (Not a jockey: "Ridden by J.J. Kavanagh, the six-year-old mare ...".)
    if (sp.first > 0 && (keys[sp.first - 1] == "by" || keys[sp.first - 1] == "under")) return false;
    if (const size_t pos = PossessiveAt(text, tokens, a, false); pos > 0)
      return a + pos < n && !tokens[a + pos].upper && keys[a + pos] == "trainer";
    if (!is(a, ",")) return false;
    if ((is(a + 1, "ridden") || is(a + 1, "trained")) && is(a + 2, "by")) return true;
    if (!is(a + 1, "the")) return false;
    for (uint32_t k = a + 2; k < n && k < a + 10 && !tokens[k].sentence_start && !is(k, ","); ++k)
      if (!tokens[k].upper && kHorseWords.Has(keys[k]) && keys[k] != "raider") return true;
    return false;
  };
  auto horse_before = [&](const Span& sp) {
    const uint32_t b = sp.first;
    if (b == 0 || tokens[b - 1].upper) return false;
    if (keys[b - 1] == "trained" && b >= 2 && Glued(tokens, b - 1) && IsHyphenToken(text, tokens[b - 2])) return true;
    return kHorseWords.Has(keys[b - 1]);
  };
  auto words_of = [&](const Span& sp) {
    std::string w;
    for (uint32_t k = sp.first; k < sp.end; ++k) w.append(keys[k]).push_back(' ');
    return w;
  };
  std::vector<std::string> horses;
  bool asked = false, racing = false;
  for (const Span& sp : *spans) {
    if (LabelType(sp.label) == v1::EVENT || !(horse_after(sp) || horse_before(sp))) continue;
    if (!asked) racing = RacingPage(tokens, keys), asked = true;
    if (!racing) return;
    horses.push_back(words_of(sp));
  }
  if (horses.empty()) return;
  std::sort(horses.begin(), horses.end());
  std::erase_if(*spans, [&](const Span& sp) {
    return LabelType(sp.label) != v1::EVENT && std::binary_search(horses.begin(), horses.end(), words_of(sp));
  });
}

// A horse race by its name is an event ("the Grade 1 Hatton's Grace
// Hurdle", "the Juddmonte International Stakes", "the 2,000 Guineas", "the
// Becher Chase"): the model, which saw few, had a person in it ("Hatton")
// or an organisation. A race's last word capitalised ("Stakes", "Hurdle",
// "Handicap", "Guineas"; "Chase" and "Plate" only on a page that speaks of
// racing in lower case, for "JPMorgan Chase" and "Chevy Chase"), after
// one to five capitalised words on the line, a glued possessive among them
// ("Hatton's"), or a number before "Guineas"; the name's first word no
// sentence's "The", no weekday or month ("Sunday's Becher Chase"); not on
// a headline in title case ("Raising The Stakes"), nor a name that a span
// runs past, nor one whose last word before the head is a company's legal
// form or trade.
void RaceNames(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
               const std::vector<uint32_t>& cap_at, int event_label, float typical_margin,
               std::vector<Span>* spans) {
  static const WordSet kHeads = {"stakes", "hurdle", "handicap", "guineas", "chase", "plate"};
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  int racing = -1;  // whether the page speaks of racing (asked only for "Chase", "Plate")
  auto racing_page = [&] {
    if (racing < 0) racing = RacingPage(tokens, keys) ? 1 : 0;
    return racing == 1;
  };
  std::vector<int32_t> at;
  std::vector<Span> add;
  for (const uint32_t h : cap_at) {
    if (h == 0 || tokens[h].all_caps || !kHeads.Has(keys[h]) || !SpacedOnLine(text, tokens, h)) continue;
    if ((keys[h] == "chase" || keys[h] == "plate") && !racing_page()) continue;
    if (TitleCaseLine(text, tokens, h)) continue;  // a headline's "Raising The Stakes"
    // Not a longer name ("World Handicap System"), nor a person's name
    // ("Comedian Chevy Chase").
    if (CapitalisedNextOnLine(text, tokens, h + 1)) continue;
    if (at.empty()) MapSpans(*spans, n, &at);
    if (at[h] >= 0 && (*spans)[static_cast<size_t>(at[h])].label == LabelOf(v1::PERSON, true)) continue;
    uint32_t first = h;
    if (keys[h] == "guineas" && tokens[h - 1].kind == TokenKind::kNumber) {
      first = h - 1;
    } else {
      // Back over capitalised words, a glued possessive between them; not
      // over a title ("Trainer Aidan O'Brien's"), nor past a possessive of
      // a name of two words or more, the race's trainer's or owner's
      // ("Nicky Henderson's Champion Hurdle"; "Hatton's Grace Hurdle" is
      // the race's own name).
      for (int words = 0; words < 5 && first > 0; ++words) {
        const size_t pos = PossessiveBefore(text, tokens, first);
        const bool possessive = pos > 0;
        if (first < pos + 1) break;
        const uint32_t w = first - 1 - static_cast<uint32_t>(pos);  // the word before the name so far
        if (tokens[w].kind != TokenKind::kWord || !tokens[w].upper || tokens[w].all_caps ||
            !SpacedOnLine(text, tokens, first) || (NameWordFlags(keys[w]) & kTitleWord))
          break;
        if (possessive && at[w] >= 0 && (*spans)[static_cast<size_t>(at[w])].end == w + 1 &&
            (*spans)[static_cast<size_t>(at[w])].first + 1 < w + 1)
          break;
        first = w;
      }
    }
    // Off a page of racing a race has a name of two words or more ("the
    // Juddmonte International Stakes"; not "SoftBank Stakes claim").
    uint32_t name_words = 0;
    for (uint32_t t = first; t < h; ++t) name_words += tokens[t].kind == TokenKind::kWord ? 1 : 0;
    if (keys[h] != "guineas" && name_words < 2 && !racing_page()) continue;
    while (first < h && ((tokens[first].sentence_start && (NameWordFlags(keys[first]) & kStopWord)) ||
                         IsMonthOrWeekday(keys[first]) || keys[first] == "grade" || keys[first] == "group" ||
                         keys[first] == "listed")) {
      ++first;
      if (const size_t pos = PossessiveAt(text, tokens, first, true); pos > 0) first += static_cast<uint32_t>(pos);
    }
    if (first >= h || IsCompanyTrade(keys[h - 1]) || IsLegalForm(text, tokens[h - 1])) continue;
    // A race is named after "the", a grade's number or a possessive ("the
    // Becher Chase", "Grade 1 Hatton's Grace Hurdle", "Sunday's Becher
    // Chase"; not "Comedian Chevy Chase watched").
    const bool led = first > 0 && (keys[first - 1] == "the" || tokens[first - 1].kind == TokenKind::kNumber ||
                                   PossessiveBefore(text, tokens, first) > 0);
    if (!led) continue;
    bool clash = false;  // a span that begins before the name or runs past it
    for (uint32_t t = first; t <= h && !clash; ++t)
      if (at[t] >= 0) clash = (*spans)[static_cast<size_t>(at[t])].first < first || (*spans)[static_cast<size_t>(at[t])].end > h + 1;
    if (!clash) add.push_back({first, h + 1, event_label, typical_margin});
  }
  PutSpans(std::move(add), spans);
}

// A named storm is an event ("Hurricane Katrina", "Typhoon Haiyan",
// "Cyclone Idai", "Tropical Storm Alberto"): the model, which knows few,
// had the storm's name as a person ("Ian") and the storm word as nothing.
// The storm word capitalised, then one space and one capitalised word in
// mixed case on the line, no word of an organisation or place ("National
// Hurricane Center"), no capitalised word after it; not inside a span
// that begins before the storm word. "Storm" alone also names missiles
// and operations ("Storm Shadow"), so it counts after "Tropical", or before
// a one-word name the model took for a person's ("Storm Ciaran", "Storm
// Eunice": the names Europe's weather services give), or with it as any
// one name on a page that speaks of weather ("Storm Dervla: 180,000 without
// power as gusts hit"). The storm's name alone on the page is the storm.
void NamedStorms(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                 const std::vector<uint32_t>& cap_at, int event_label, float typical_margin,
                 std::vector<Span>* spans) {
  std::vector<Span> storms;
  // Whether the page speaks of weather in lower case (asked only of "Storm"
  // before a name of two words the model made one organisation's).
  int weathered = -1;
  auto weather = [&] {
    static const WordSet kWeather = {"storm", "storms", "gusts", "winds", "rainfall", "flooding", "floods",
                                     "flooded", "flood", "gale", "gales", "weather", "forecasters", "landfall"};
    // (Words in lower case: not the storm's own "Storm".)
    if (weathered < 0) {
      weathered = 0;
      for (size_t t = 0; t < keys.size() && weathered == 0; ++t)
        weathered = !tokens[t].upper && kWeather.Has(keys[t]) ? 1 : 0;
    }
    return weathered == 1;
  };
  for (uint32_t c : cap_at) {
    const std::string_view k = keys[c];
    uint32_t first = c;
    if (k == "storm") {
      const bool tropical = c > 0 && keys[c - 1] == "tropical" && tokens[c - 1].upper && SpacedOnLine(text, tokens, c);
      if (tropical) {
        first = c - 1;
      } else {
        // A person's span over the word after it, or over both ("Storm
        // Ciaran" as a first and last name).
        auto named = std::lower_bound(spans->begin(), spans->end(), c,
                                      [](const Span& sp, uint32_t t) { return sp.first < t; });
        if (named != spans->end() && named->first == c && named->end == c + 1) ++named;
        // Or, on a page of weather, a name in no span at all ("during Storm
        // Babet" where the bar flooded).
        const bool unnamed = named == spans->end() || named->first > c + 1;
        if (unnamed ? !weather()
                    : (named->first < c || named->end != c + 2 ||
                       (LabelType(named->label) != v1::PERSON && !(named->first == c && weather()))))
          continue;
      }
    } else if (k != "hurricane" && k != "typhoon" && k != "cyclone") {
      continue;
    }
    const uint32_t name = c + 1;
    if (!CapitalisedNextOnLine(text, tokens, name) || tokens[name].all_caps ||
        (NameWordFlags(keys[name]) & (kOrgWord | kPlaceWord | kStopWord)) ||
        CapitalisedNextOnLine(text, tokens, name + 1)) {
      continue;
    }
    // The span before the storm word's, if it runs on over it.
    auto at = std::lower_bound(spans->begin(), spans->end(), first,
                               [](const Span& sp, uint32_t t) { return sp.first < t; });
    if (at != spans->begin() && std::prev(at)->end > first) continue;
    storms.push_back({first, name + 1, event_label, typical_margin});
  }
  if (storms.empty()) return;
  // The storm's name alone is the storm too ("Dervla is the fourth named
  // storm"), where a one-word span of the page holds it.
  std::vector<std::string_view> names;
  for (const Span& st : storms) names.push_back(keys[st.end - 1]);
  PutSpans(std::move(storms), spans);
  for (Span& sp : *spans)
    if (sp.end == sp.first + 1 && sp.label != event_label &&
        std::find(names.begin(), names.end(), keys[sp.first]) != names.end())
      sp.label = event_label;
}

// Verbs of a match's result, and the words between them and the other
// side ("drew 1-1 with Vitesse", "lost 3-0 to Everton").
const WordSet kResultVerbs = {
    "beat", "beats", "defeated", "defeats", "drew", "draws", "lost", "loses", "edged", "edges", "thrashed",
    "crushed", "routed", "hammered", "overcame", "stunned", "downed", "trounced", "outclassed", "eliminated",
    "edge", "sink", "sinks", "sank", "stun", "stuns", "rout", "routs", "crush", "crushes", "thrash", "thrashes",
    "overpower", "overpowers", "overpowered", "outlast", "outlasts", "outlasted", "topple", "topples", "toppled"};

// A score: a number of one or two digits, a hyphen or dash glued to it,
// another such number glued ("2-1", "0–0"); or a basketball score, two
// numbers from 50 to 199 ("118-115"; not "737-800"). Its last token, or 0.
uint32_t ScoreAt(std::string_view text, const std::vector<Token>& tokens, uint32_t k) {
  auto digits = [&](uint32_t t) {
    return t < tokens.size() && tokens[t].kind == TokenKind::kNumber ? tokens[t].end_byte - tokens[t].begin_byte : 0;
  };
  auto value = [&](uint32_t t) { return WholeNumber(TokenText(text, tokens[t])); };
  const size_t a = digits(k), b = a == 0 ? 0 : digits(k + 2);
  if (a == 0 || b == 0 || a > 3 || b > 3) return 0;
  if (a == 3 || b == 3) {
    const int x = value(k), y = value(k + 2);
    if (x < 50 || x > 199 || y < 50 || y > 199) return 0;
  }
  if (!Glued(tokens, k + 1) || !Glued(tokens, k + 2)) return 0;
  size_t p = tokens[k + 1].begin_byte;
  return IsHyphen(DecodeUtf8(text, &p)) ? k + 2 : 0;
}

// A winning margin at token k: "by" and a count ("six", "31", "an") of a
// sport's unit ("by six wickets", "by 31 points", "by an innings"). Its
// last token, or 0.
uint32_t MarginAt(const std::vector<Token>& tokens, const KeyViews& keys, uint32_t k) {
  static const WordSet units = {
      "wickets", "wicket", "runs", "run", "points", "innings", "goals", "strokes", "shots", "lengths", "tries"};
  static const WordSet counts = {
      "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"};
  if (k + 2 >= tokens.size() || keys[k] != "by") return 0;
  if (!(tokens[k + 1].kind == TokenKind::kNumber || counts.Has(keys[k + 1]))) return 0;
  return units.Has(keys[k + 2]) ? k + 2 : 0;
}

// Whether number token k is a first team's score on a results line
// ("Braga 3 Vitória de Guimarães 1", "Tappara 4, Ilves 2 — ..."): one to
// four capitalised words from the line's start before it, one to four
// words after it (capitalised, or a name's connector: "de", "of"), then a
// number that ends the line or comes before a bracket, a comma or a spaced
// dash; both scores 15 or less (not a poll's "Democrats 51 Republicans 49").
bool ResultLineScore(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, uint32_t k) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto name_word = [&](uint32_t t) {
    return tokens[t].kind == TokenKind::kWord && (tokens[t].upper || JoinsNameParts(keys[t]));
  };
  if (k == 0 || tokens[k].line_break_before || !tokens[k - 1].upper || tokens[k - 1].kind != TokenKind::kWord)
    return false;
  uint32_t a = k - 1;
  while (a > 0 && k - a < 4 && !tokens[a].line_break_before && name_word(a - 1)) --a;
  if (a > 0 && !tokens[a].line_break_before) return false;  // the team begins the line
  uint32_t m = k + 1;
  if (m < n && TokenText(text, tokens[m]) == ",") ++m;
  const uint32_t first = m;
  while (m < n && m - first < 4 && !tokens[m].line_break_before && name_word(m)) ++m;
  if (m == first || m >= n || tokens[m].line_break_before || tokens[m].kind != TokenKind::kNumber ||
      !tokens[first].upper)
    return false;
  // A game's scores, not a poll's or a vote's ("Democrats 51 Republicans 49").
  auto small = [&](uint32_t t) {
    const std::string_view s = TokenText(text, tokens[t]);
    return s.size() == 1 || (s.size() == 2 && s[0] == '1' && s[1] <= '5');
  };
  if (!small(k) || !small(m)) return false;
  if (m + 1 == n || tokens[m + 1].line_break_before) return true;
  const std::string_view after = TokenText(text, tokens[m + 1]);
  return after == "(" || after == "," || after == "\u2014" || after == "\u2013" ||
         (after == "-" && tokens[m + 1].begin_byte > tokens[m].end_byte);
}

// A sports page: a score ("2-1", "3-27") or a winning margin in it; a
// margin in points only after a result verb ("beat Essendon by 31
// points"; markets and polls move by points too: "the Dow fell by 300
// points"); or a margin glued before the result ("a six-wicket win", "an
// eight-run victory", "a two-goal defeat"); or a results line
// (ResultLineScore).
bool SportsPage(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys) {
  static const WordSet kGluedUnits = {"wicket", "run", "goal", "try", "stroke", "shot", "length"};
  static const WordSet kResults = {"win", "victory", "defeat", "loss", "triumph", "margin"};
  static const WordSet kCountWords = {"one",  "two",    "three",  "four", "five",   "six",   "seven",
                                      "eight", "nine",  "ten",    "eleven", "twelve", "single"};
  for (uint32_t k = 0; k + 2 < tokens.size(); ++k) {
    // (The glue first: most words have none.)
    if (k >= 2 && Glued(tokens, k) && Glued(tokens, k - 1) && IsHyphenToken(text, tokens[k - 1]) &&
        kGluedUnits.Has(keys[k]) && kResults.Has(keys[k + 1]) &&
        (tokens[k - 2].kind == TokenKind::kNumber || kCountWords.Has(keys[k - 2])))  // not a "long-shot win"
      return true;
    if (tokens[k].kind == TokenKind::kNumber) {
      if (ScoreAt(text, tokens, k) != 0 || ResultLineScore(text, tokens, keys, k)) return true;
    } else if (keys[k].size() == 2 && keys[k][0] == 'b' && keys[k][1] == 'y') {
      const uint32_t m = MarginAt(tokens, keys, k);
      if (m == 0) continue;
      if (keys[m] != "points") return true;
      for (uint32_t b = k; b > 0 && k - b < 6 && !tokens[b].sentence_start;) {
        --b;
        if (!tokens[b].upper && kResultVerbs.Has(keys[b])) return true;
      }
    }
  }
  return false;
}

// Tokens [first, end) are one knowledge-base match with a country among
// its entities: an ISO country, or a curated place without context (the
// curated file's countries and regions; its cities carry their country as
// context).
bool CountryMatch(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                  const KnowledgeBase& kb, uint32_t first, uint32_t end) {
  KnowledgeBase::Match m;
  if (!kb.LongestMatch(text, tokens, keys, first, &m) || m.end_token != end) return false;
  const KbEntity& e = kb.entities()[static_cast<size_t>(m.entity)];
  if (NamesACountry(e)) return true;
  if (m.alternates == nullptr) return false;
  return std::any_of(m.alternates->begin(), m.alternates->end(), [&](int32_t a) {
    const KbEntity& alt = kb.entities()[static_cast<size_t>(a)];
    return alt.type == v1::LOC && IsCountry(alt);
  });
}

// A match's result in a sentence with a score ("Porto beat Benfica 2-1",
// "Leeds lost 3-0 to Everton", "Feyenoord drew 1-1 with Vitesse") or a
// winning margin ("Victoria beat Queensland by six wickets"): the
// names right before and after the result verb are the teams, clubs (ORG)
// where the model had a city (LOC) or nothing; a country stays a LOC (the
// contract's rule: "Portugal beat Spain"), an organisation stays one, and a
// person stays one unless the other side is a club. So too the names on
// each side of a score on a line without a verb ("Leinster 24-27
// Toulouse"). Runs last: a knowledge-base city fixed before Viterbi
// takes the club's type too (Span::retyped).
void MatchResults(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                  const KnowledgeBase& kb, int org_label, int loc_label, int person_label, float typical_margin,
                  std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<Span>& s = *spans;
  std::vector<Span> clubs;  // one-word clubs the model left out, added at the end
  // The sides of a result: the name that ends right before token `v` (the
  // verb, or the score of a line without one) and the one that begins at
  // token `b`.
  auto two_sides = [&](uint32_t v, uint32_t b) {
    // What each side is once typed here (-1: nothing), and its span.
    int side_label[2] = {-1, -1};
    Span* side_span[2] = {nullptr, nullptr};
    for (const uint32_t at : {v, b}) {
      const bool before = at == v;
      const int side = before ? 0 : 1;
      // The other team stands one space from the verb (or from the score or
      // word after it) on the verb's line.
      if (at >= n || !SpacedOnLine(text, tokens, at)) continue;
      // The span ending right before the verb, or the one starting at b, or
      // the one covering the word there (spans are sorted by first token
      // and do not overlap).
      const uint32_t w = before ? v - 1 : b;
      auto it = std::upper_bound(s.begin(), s.end(), w, [](uint32_t t, const Span& sp) { return t < sp.first; });
      if (it != s.begin() && std::prev(it)->end > w) {
        it = std::prev(it);
        if (before ? it->end != v : it->first != b) continue;  // a span across the verb or the score
      } else {
        it = s.end();
      }
      if (it == s.end()) {
        // Nothing tagged: one capitalised word, no stop word ("Vitesse").
        if (tokens[w].kind != TokenKind::kWord || !tokens[w].upper || tokens[w].all_caps ||
            (NameWordFlags(keys[w]) & (kStopWord | kTitleWord)) || tokens[w].sentence_start ||
            CapitalisedNextOnLine(text, tokens, w + 1) ||
            (SpacedOnLine(text, tokens, w) && tokens[w - 1].kind == TokenKind::kWord && tokens[w - 1].upper)) {
          continue;
        }
        if (clubs.empty() || clubs.back().first != w) clubs.push_back({w, w + 1, org_label, typical_margin, true});
        side_label[side] = org_label;
        continue;
      }
      side_span[side] = &*it;
      side_label[side] = it->label;
      if (it->label != loc_label) continue;
      if (CountryMatch(text, tokens, keys, kb, it->first, it->end)) continue;
      it->label = org_label;
      it->retyped = true;
      side_label[side] = org_label;
    }
    // The two sides are of one kind: a one-word person against a club is a
    // club ("Feyenoord drew 1-1 with Vitesse"), unless the knowledge base
    // has a person of that name; two persons stay persons ("Nadal beat
    // Federer 6-4").
    for (int side = 0; side < 2; ++side) {
      Span* p = side_span[side];
      if (p == nullptr || p->label != person_label || p->end != p->first + 1 || side_label[1 - side] != org_label) {
        continue;
      }
      if (KbNameOfType(kb, text, tokens, keys, p->first, p->end, {v1::PERSON})) continue;
      p->label = org_label;
      p->retyped = true;
    }
    // A country's name against a club is a club named after it ("Monaco 2
    // Lens 0", "Monaco 72 Real Madrid 101"): national sides meet national
    // sides, which stay places ("Portugal beat Spain").
    for (int side = 0; side < 2; ++side) {
      Span* p = side_span[side];
      const Span* o = side_span[1 - side];
      if (p == nullptr || p->label != loc_label || side_label[1 - side] != org_label ||
          PossessiveAt(text, tokens, p->end, true) > 0 ||  // "beat Senegal's AS Douanes"
          (o != nullptr && CountryMatch(text, tokens, keys, kb, o->first, o->end)))
        continue;
      p->label = org_label;
      p->retyped = true;
    }
  };
  // The span that ends right before token e, or s.end() (spans are sorted
  // and do not overlap: the last one that begins before e).
  auto span_ending_at = [&](uint32_t e) {
    auto it = std::upper_bound(s.begin(), s.end(), e - 1, [](uint32_t t, const Span& sp) { return t < sp.first; });
    return it != s.begin() && std::prev(it)->end == e ? std::prev(it) : s.end();
  };
  uint32_t sentence = 0;
  bool scored = false;  // the sentence of token v has a score
  uint32_t scan = 0;    // tokens before this one were checked for a score
  for (uint32_t v = 1; v + 1 < n; ++v) {
    if (tokens[v].sentence_start) sentence = v, scored = false, scan = std::max(scan, v);
    // A score between two names on its line, no verb: "Leinster 24-27
    // Toulouse", "Arsenal 3 Chelsea 1" is no such line.
    if (tokens[v].kind == TokenKind::kNumber) {
      const uint32_t sc = ScoreAt(text, tokens, v);
      if (sc != 0 && sc + 1 < n && CapitalisedNextOnLine(text, tokens, sc + 1) && SpacedOnLine(text, tokens, v) &&
          tokens[v - 1].kind == TokenKind::kWord && tokens[v - 1].upper)
        two_sides(v, sc + 1);
      continue;
    }
    // ("won" only right before its score: "Connacht won 19-16 away to the
    // Ospreys"; not "won the title".)
    if (tokens[v].kind != TokenKind::kWord || tokens[v].upper ||
        !(kResultVerbs.Has(keys[v]) || (keys[v] == "won" && ScoreAt(text, tokens, v + 1) != 0)))
      continue;
    // The score, anywhere in the sentence.
    for (; !scored && scan < n && (scan == sentence || !tokens[scan].sentence_start); ++scan)
      scored = ScoreAt(text, tokens, scan) != 0 || MarginAt(tokens, keys, scan) != 0;
    if (!scored) continue;
    // A vote's "won 52-48" is no match's ("Arizona won 52-48 in the Senate
    // vote"): "won" not in a sentence of votes.
    if (keys[v] == "won") {
      bool vote = false;
      for (uint32_t t = v + 1; t < n && t < v + 16 && !tokens[t].sentence_start && !vote; ++t)
        vote = keys[t] == "vote" || keys[t] == "votes" || keys[t] == "senate" || keys[t] == "ballot" ||
               keys[t] == "election" || keys[t] == "referendum" || keys[t] == "voted";
      if (vote) continue;
    }
    // The other side: after the verb, past a score, "away" or "at home",
    // "with"/"to"/"against" and "the" ("lost 28-13 to the Bulls").
    uint32_t b = v + 1;
    if (const uint32_t sc = ScoreAt(text, tokens, b)) b = sc + 1;
    if (b < n && keys[b] == "away") ++b;
    if (b + 1 < n && keys[b] == "at" && keys[b + 1] == "home") b += 2;
    if (b < n && (keys[b] == "with" || keys[b] == "to" || keys[b] == "against")) ++b;
    // ("the" before the other side only against no country: "New Zealand
    // beat the West Indies" are two national sides, places both.)
    // Nor before a team's nickname the steps after join ("beat the New York
    // Knicks": "New York" is no club alone).
    if (b < n && keys[b] == "the" && !tokens[b].upper) {
      const auto before = span_ending_at(v);
      const auto after = std::lower_bound(s.begin(), s.end(), b + 1,
                                          [](const Span& sp, uint32_t t) { return sp.first < t; });
      // (Else the side after is not read, the side before still is:
      // "Chicago beat the Boston Celtics".)
      if (!(before != s.end() && CountryMatch(text, tokens, keys, kb, before->first, before->end)) &&
          !(after != s.end() && after->first == b + 1 && CapitalisedNextOnLine(text, tokens, after->end)))
        ++b;
    }
    two_sides(v, b);
    // A side before ", who" ("Leinster, who beat the Stormers 31-17").
    if (v >= 3 && keys[v - 1] == "who" && keys[v - 2] == "," && Glued(tokens, v - 2)) {
      auto it = span_ending_at(v - 2);
      if (it != s.end() && it->label == loc_label && !tokens[it->first].all_caps &&
          !CountryMatch(text, tokens, keys, kb, it->first, it->end)) {
        it->label = org_label;
        it->retyped = true;
      }
    }
  }
  InsertSpans(std::move(clubs), spans);
}

// A place's feature or institution named with "of" and the place ("the
// Strait of Hormuz", "the Tower of London", "the Church of England"): the
// knowledge base's match of the place was all the model could give, or a
// span of the head word apart ("Strait" + "Hormuz"). A capitalised head of
// a closed list (geographic features and landmarks: LOC; churches,
// universities, chambers, councils, societies, academies, institutes,
// commissions, federations, associations, municipalities, assemblies,
// parliaments, senates, dioceses, synods, bureaus, boards, governments and
// banks: ORG, with the capitalised words before the head that no span
// holds), "of" (and "the"), then a place span on the same line:
// one span of the head's type, from the span that ends on the head if any
// ("Royal Tower of London"). Titles stay outside ("King Abdullah of
// Jordan", "the President of France"). A university's name goes on through
// "at" and its campus's place ("University of Texas at Austin").
void HeadsOfAPlace(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, int loc_label,
                   int org_label, std::vector<Span>* spans) {
  static const WordSet places = {
      "strait", "straits", "gulf", "bay", "sea", "isle", "isles", "cape", "mount", "lake", "tower",
      "river", "island", "islands", "coast", "peninsula", "port", "cathedral", "palace", "castle"};
  static const WordSet orgs = {
      "church",     "university", "college",   "chamber",    "council",     "society",      "academy",
      "institute",  "commission", "federation", "association", "municipality", "assembly",   "parliament",
      "senate",     "diocese",    "archdiocese", "synod",     "bureau",      "board",        "confederation",
      "government", "bank"};
  std::vector<Span>& s = *spans;
  std::vector<Span> add;
  for (size_t x = 0; x < s.size(); ++x) {
    const Span& place = s[x];
    if (place.label != loc_label || place.first < 2) continue;
    uint32_t of = place.first - 1;
    if (keys[of] == "the" && of > 1) --of;
    const uint32_t head = of - 1;
    if (keys[of] != "of" || !tokens[head].upper || tokens[head].kind != TokenKind::kWord ||
        !SpacedOnLine(text, tokens, of) || !SpacedOnLine(text, tokens, place.first) ||
        (of + 1 < place.first && !SpacedOnLine(text, tokens, of + 1)))
      continue;
    const bool is_place = places.Has(keys[head]);
    if (!is_place && !orgs.Has(keys[head])) continue;
    uint32_t first = head;
    if (x > 0 && s[x - 1].end == head + 1) {
      first = s[x - 1].first;
    } else if (x > 0 && s[x - 1].end > head) {
      continue;  // the head inside a longer span
    } else if (!is_place && !TitleCaseLine(text, tokens, head)) {
      // An institution's capitalised words before its head that no span
      // holds ("the Agricultural Business Chamber of South Africa"); not a
      // sentence's first word nor on a headline ("Protesters Storm
      // Parliament of Kenya").
      const uint32_t floor = x > 0 ? s[x - 1].end : 0;
      while (first > floor && head - first < 3 && SpacedOnLine(text, tokens, first) &&
             NameWordAt(tokens, keys, first - 1) && !tokens[first - 1].sentence_start)
        --first;
    }
    add.push_back(Span{first, place.end, is_place ? loc_label : org_label, place.margin});
  }
  PutSpans(std::move(add), spans);
  // A university's campus by its place: "the University of Texas at Austin".
  JoinNeighbours(spans, [&](const Span& u, const Span& place) -> std::optional<Span> {
    if (u.label != org_label || place.label != loc_label || place.first != u.end + 1 || keys[u.end] != "at" ||
        !SpacedOnLine(text, tokens, u.end) || !SpacedOnLine(text, tokens, place.first) ||
        CapitalisedNextOnLine(text, tokens, place.end))
      return std::nullopt;
    for (uint32_t k = u.first; k < u.end; ++k)
      if (keys[k] == "university") return Span{u.first, place.end, org_label, std::min(u.margin, place.margin)};
    return std::nullopt;
  });
}

// The spans marked in `drop` leave and the spans of `add` come in, in
// order (nothing changes when `add` is empty).
void DropAndInsert(const std::vector<uint8_t>& drop, std::vector<Span> add, std::vector<Span>* spans) {
  if (add.empty()) return;
  size_t out = 0;
  for (size_t x = 0; x < spans->size(); ++x)
    if (!drop[x]) (*spans)[out++] = (*spans)[x];
  spans->resize(out);
  InsertSpans(std::move(add), spans);
}

// An organisation that ends with its country's name ("Reform UK", "Cancer
// Research UK", "Communist Party USA"): a country's one-word span (not a
// region such as "West") right after an
// organisation span, or after two or three capitalised words no span has
// (not titles nor stop words; one alone is as often a verb of a headline:
// "to Abandon Somalia", but for a national body's field: "Statistics
// Denmark", "Bank Indonesia"), on the line and with no capitalised word after it,
// ends the organisation's name. The model had "Reform" + "UK" and "UK"
// alone. So does a city right after a college's or a school's organisation
// span ("University College London").
void OrganisationsOfACountry(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                             const KnowledgeBase& kb, int loc_label, int org_label, std::vector<Span>* spans) {
  std::vector<uint8_t> drop(spans->size(), 0);
  std::vector<Span> add;
  for (size_t x = 0; x < spans->size(); ++x) {
    const Span& c = (*spans)[x];
    // The spans are sorted and apart: the one before ends at or before c.
    const uint32_t before_end = x > 0 ? (*spans)[x - 1].end : 0;
    auto free_word = [&](uint32_t t) { return t >= before_end && NameWordAt(tokens, keys, t); };
    // CountryMatch counts the curated file's regions too ("West", "Earth"),
    // and its capital ("G-20 Washington summit"): not here.
    const std::string_view w = keys[c.first];
    if (c.label != loc_label || c.end != c.first + 1 || c.first == 0 || !SpacedOnLine(text, tokens, c.first) ||
        CapitalisedNextOnLine(text, tokens, c.end) || w == "west" || w == "east" || w == "earth" ||
        w == "washington" || w == "europe" || w == "levant")
      continue;
    const uint32_t b = c.first - 1;
    Span name{0, 0, org_label, c.margin};
    if (before_end == c.first) {
      const Span& o = (*spans)[x - 1];
      if (o.label != org_label || drop[x - 1]) continue;
      name = Span{o.first, c.end, org_label, std::min(o.margin, c.margin)};
    } else {
      if (!free_word(b)) continue;
      uint32_t first = b;
      while (first > 0 && b - first < 2 && free_word(first - 1) && SpacedOnLine(text, tokens, first)) --first;
      // One word alone is as often a verb ("to Abandon Somalia"), but for a
      // national body's field ("Statistics Denmark", "Bank Indonesia",
      // "Homes England", "Research Ireland").
      static const WordSet kFields = {"statistics", "bank",      "research", "homes",      "sport",
                                      "historic",   "natural",   "tourism",  "enterprise", "innovation",
                                      "arts",       "creative",  "skills",   "genomics",   "energy",
                                      "transport",  "education", "health",   "water",      "heritage"};
      if (first == b && !kFields.Has(keys[b])) continue;
      name.first = first, name.end = c.end;
    }
    // A college's or a school's city ends its name too ("University College
    // London", "Imperial College London").
    const bool schools_city = before_end == c.first && name.first < c.first &&
                              (keys[c.first - 1] == "college" || keys[c.first - 1] == "school");
    if (!schools_city && !CountryMatch(text, tokens, keys, kb, c.first, c.end)) continue;
    if (before_end == c.first) drop[x - 1] = 1;
    drop[x] = 1;
    add.push_back(name);
  }
  DropAndInsert(drop, std::move(add), spans);
}

// A nationality or a place right before an organisation of two words or
// more with a company's trade word in it is part of the company's name
// ("Nigerian" + "National Petroleum Company", "Indian" + "Oil Corporation",
// "British" + "Broadcasting Corporation": the model stopped after the
// nationality). Without a trade word this step leaves them apart; a
// national institution or a party joins its nationality in
// JoinNationalityOrg ("Indian Army", "Chinese Communist Party").
void NationalCompanies(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                       const KnowledgeBase& kb, int norp_label, int loc_label, int org_label,
                       std::vector<Span>* spans) {
  // A person's name of two words or more that ends in a legal form is a
  // company's ("Roland Druckmaschinen AG" was a person).
  for (Span& sp : *spans) {
    if (sp.label == LabelOf(v1::PERSON, true) && sp.end - sp.first >= 2 && IsLegalForm(text, tokens[sp.end - 1]) &&
        tokens[sp.end - 2].kind == TokenKind::kWord && tokens[sp.end - 2].upper) {
      sp.label = org_label;
      sp.retyped = true;
    }
  }
  JoinNeighbours(spans, [&](const Span& a, const Span& b) -> std::optional<Span> {
    if (!(a.label == norp_label || a.label == loc_label) || b.label != org_label || b.first != a.end ||
        b.end - b.first < 2 || !SpacedOnLine(text, tokens, b.first))
      return std::nullopt;
    for (uint32_t k = b.first; k < b.end; ++k)
      if (tokens[k].upper && IsCompanyTrade(keys[k])) return Span{a.first, b.end, org_label, std::min(a.margin, b.margin)};
    return std::nullopt;
  });
  OrganisationsOfACountry(text, tokens, keys, kb, loc_label, org_label, spans);
}

// The heads of official bodies' names that may take a list of remits
// ("Ministry of Economy, Trade and Industry", "Pharmaceuticals and Medical
// Devices Agency") or a nationality before them ("Chinese Academy of
// Sciences", "Scottish Medicines Consortium"). Not "party" and the like,
// nor companies' words: "Siemens and Alstom Group" are two.
bool IsOfficialHead(std::string_view key) {
  static const WordSet k = {
      "ministry", "department", "office", "agency", "institute", "institution", "centre", "center",
      "commission", "council", "authority", "administration", "academy", "association", "federation",
      "consortium", "board", "bureau", "directorate", "secretariat", "inspectorate", "tribunal", "court",
      "foundation", "society", "observatory", "laboratory", "laboratories", "museum", "school", "college",
      "organisation", "organization", "service"};
  return k.Has(key);
}

// The heads of the names of institutions that stand alone: a name that
// ends in one, or begins with one, is whole ("Kyoto University", "Severance
// Hospital", "University of Tokyo", "Université Paris-Saclay").
bool IsInstitutionNameHead(std::string_view key) {
  static const WordSet k = {
      "university", "universities", "college", "hospital", "clinic", "centre", "center", "institute",
      "school", "museum", "academy", "foundation", "authority", "commission", "agency", "council",
      "society", "association", "laboratory", "observatory", "orchestra", "theatre", "theater", "library",
      "gallery", "université", "universidad", "universität", "universitas", "universiteit", "università",
      "universidade"};
  return k.Has(key);
}

// An official body's name goes on through the list of its remits, where the
// model stopped at the first: "Ministry of Economy, Trade and Industry",
// "Department for Environment, Food and Rural Affairs", "National Institute
// for Health and Care Excellence", "Department of Health and Human
// Services"; and a remit before "and" joins a body named by its remit and
// head ("Pharmaceuticals and Medical Devices Agency"). A remit is one to
// three capitalised words on the line, none a title, the first no head of
// its own ("the Ministry of Defence and Ministry of the Interior"), the
// whole not a knowledge-base name ("the Department of Justice, Apple and
// Google"); the list needs "and" or "&" before its last remit, and no span
// of another type may lie in it ("the Ministry of Defence and Ukraine").
void OfficialNameLists(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                       const KnowledgeBase& kb, int org_label, std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  // The end of a remit at k, or 0. No official head in it, nor after a
  // name two words or more ending in an organisation's word but "Services"
  // ("Ministry of Defence and Ministry of the Interior", "Kobe Institute of
  // Computing and Konan University" are two; "Pharmaceuticals and Medical
  // Devices Agency", "Department for Culture, Media and Sport" one).
  auto remit = [&](uint32_t k, bool after) -> uint32_t {
    if (k >= n || !SpacedOnLine(text, tokens, k)) return 0;
    uint32_t e = k;
    for (; e < n && e < k + 4 && (e == k || SpacedOnLine(text, tokens, e)) && NameWordAt(tokens, keys, e); ++e)
      if (IsOfficialHead(keys[e]) || IsInstitutionNameHead(keys[e])) return 0;
    if (e == k || e == k + 4) return 0;
    if (after && e - k >= 2 && (NameWordFlags(keys[e - 1]) & kOrgWord) && keys[e - 1] != "services") return 0;
    // Words unknown to the knowledge base ("Bandung Institute of Technology
    // and Universitas Indonesia", "the Department of Justice, Apple and
    // Google", "American Conservatory and Loop College" are two names or
    // more).
    for (uint32_t j = k; j < e; ++j) {
      KnowledgeBase::Match m;
      if (kb.LongestMatch(text, tokens, keys, j, &m)) return 0;
    }
    return e;
  };
  auto is_and = [&](uint32_t k) {
    return k < n && SpacedOnLine(text, tokens, k) && (keys[k] == "and" || TokenText(text, tokens[k]) == "&");
  };
  // The end of the list of remits from k (right after a name), or 0.
  auto list_end = [&](uint32_t k) -> uint32_t {
    for (int items = 0; items < 6 && k < n; ++items) {
      if (TokenText(text, tokens[k]) == ",") {
        if (is_and(k + 1)) return remit(k + 2, true);
        if ((k = remit(k + 1, true)) == 0) return 0;
      } else {
        return is_and(k) ? remit(k + 1, true) : 0;
      }
    }
    return 0;
  };
  // A name with a head before "of"/"for" and capitalised words to its end.
  auto takes_remits = [&](const Span& sp) {
    bool head = false;
    for (uint32_t k = sp.first; k + 1 < sp.end; ++k) {
      if (keys[k] == "of" || keys[k] == "for") return head && k > sp.first;
      head = head || IsOfficialHead(keys[k]);
    }
    return false;
  };
  std::vector<Span>& s = *spans;
  // Only organisation spans may lie in [first, end) beside the name at x,
  // but for names of any type in [nested_first, nested_end).
  auto only_orgs = [&](size_t x, uint32_t first, uint32_t end, uint32_t nested_first, uint32_t nested_end) {
    for (size_t y = 0; y < s.size(); ++y) {
      if (y == x || s[y].first >= end || s[y].end <= first) continue;
      if (s[y].first < first || s[y].end > end) return false;
      if (s[y].label != org_label && (s[y].first < nested_first || s[y].end > nested_end)) return false;
    }
    return true;
  };
  std::vector<uint8_t> drop(s.size(), 0);
  std::vector<Span> add;
  for (size_t x = 0; x < s.size(); ++x) {
    const Span& sp = s[x];
    if (sp.label != org_label || drop[x]) continue;
    uint32_t first = sp.first, end = sp.end, nested_first = 0, nested_end = 0;
    if (takes_remits(sp)) {
      end = std::max(end, list_end(sp.end));
    } else if (IsOfficialHead(keys[sp.end - 1]) && tokens[sp.end - 1].upper && sp.end + 2 < n &&
               (keys[sp.end] == "of" || keys[sp.end] == "for") && keys[sp.end + 1] == "the" &&
               SpacedOnLine(text, tokens, sp.end) && SpacedOnLine(text, tokens, sp.end + 1)) {
      // "Federal Office for the Environment", "Ministry of the Interior".
      // An organisation's name there ends it ("Office of the United Nations
      // High Commissioner for Human Rights").
      uint32_t e = sp.end + 2;
      const auto org = std::find_if(s.begin(), s.end(), [&](const Span& y) { return y.first == e; });
      if (org != s.end() && org->label == org_label) {
        end = org->end;
      } else {
        // Capitalised words, and "of" between them ("Court for the District
        // of Massachusetts"), up to eight.
        const uint32_t limit = std::min(n, sp.end + 10);
        uint32_t last = e;  // the end of the capitalised words so far
        while (e < limit && SpacedOnLine(text, tokens, e)) {
          if (NameWordAt(tokens, keys, e)) {
            last = ++e;
          } else if (keys[e] == "of" && last == e && last > sp.end + 2 && CapitalisedNextOnLine(text, tokens, e + 1)) {
            ++e;
          } else {
            break;
          }
        }
        if (last > sp.end + 2 && last < limit) {
          end = std::max(last, list_end(last));
          // Names inside are the body's ("District of Massachusetts").
          nested_first = sp.end + 2, nested_end = last;
        }
      }
    } else if (sp.end - sp.first >= 2 && IsOfficialHead(keys[sp.end - 1]) && tokens[sp.end - 1].upper &&
               sp.first >= 2 && is_and(sp.first - 1)) {
      // "Pharmaceuticals and Medical Devices Agency": the remit before "and".
      const uint32_t a = sp.first - 1;
      uint32_t k = a;
      while (k > 0 && a - k < 3 && NameWordAt(tokens, keys, k - 1) && SpacedOnLine(text, tokens, k)) --k;
      if (k < a && !(k > 0 && NameWordAt(tokens, keys, k - 1) && SpacedOnLine(text, tokens, k)) &&
          remit(k, false) == a)
        first = k;
    }
    if ((first == sp.first && end == sp.end) || !only_orgs(x, first, end, nested_first, nested_end)) continue;
    // Not over a name already grown ("... Trade and Industry and Food
    // Safety Agency": the second would reach back over "Industry").
    if (!add.empty() && first < add.back().end) continue;
    for (size_t y = 0; y < s.size(); ++y)
      if (s[y].first >= first && s[y].end <= end) drop[y] = 1;
    add.push_back(Span{first, end, org_label, sp.margin});
  }
  DropAndInsert(drop, std::move(add), spans);
}

// Two institutions joined by "and" in one organisation span are two names
// where each is whole: the second ends in an institution's head or begins
// with one before "of" ("University of Tokyo and Kyoto University",
// "Severance Hospital and Samsung Medical Center", "London School of Hygiene
// & Tropical Medicine and University College London"), the first ends in a
// head or has one first or before "of"/"for". One body's remits stay
// ("Department of Health and Human Services", "Academy of Arts and
// Sciences": no head after "and").
void SplitInstitutionsAtAnd(const std::vector<Token>& tokens, const KeyViews& keys, int org_label,
                            std::vector<Span>* spans) {
  auto head = [&](uint32_t k) { return tokens[k].upper && IsInstitutionNameHead(keys[k]); };
  auto whole = [&](uint32_t first, uint32_t end, bool left) {
    if (end - first < 2 && !left) return false;
    if (head(end - 1) || (head(first) && (left || (end - first >= 3 && keys[first + 1] == "of")))) return true;
    for (uint32_t k = first + 1; left && k + 1 < end; ++k)
      if ((keys[k] == "of" || keys[k] == "for") && head(k - 1)) return true;
    return false;
  };
  std::vector<Span> seconds;  // the second institutions, cut from their spans
  for (Span& sp : *spans) {
    if (sp.label != org_label) continue;
    for (uint32_t k = sp.first + 1; k + 2 < sp.end; ++k) {
      if (keys[k] != "and" || !tokens[k + 1].upper || keys[k + 1] == "the" || !whole(sp.first, k, true) ||
          !whole(k + 1, sp.end, false))
        continue;
      seconds.push_back(Span{k + 1, sp.end, sp.label, sp.margin, sp.retyped});
      sp.end = k;
      break;
    }
  }
  InsertSpans(std::move(seconds), spans);
}

// Words after "party" that make it a post or a group of people in a
// place's party ("Shanghai party secretary", "party officials").
bool PartyOffice(std::string_view key) {
  static const WordSet k = {
      "secretary", "chief", "boss", "official", "officials", "leader", "leaders", "member", "members",
      "cadres", "committee", "headquarters", "chairman", "activists", "workers"};
  return k.Has(key);
}

// Organisations by what the text calls them and where they belong: a
// person or place span (not a country) right before a lower-case "party"
// or "movement" is one ("the opposition Tisza movement", "the governing
// Morena party"; a people's adjective, "a Hollywood party" and a party's
// post stay: "Kurdish party officials", "Shanghai party secretary"), and
// so do its other mentions (MakeConsistent, TagRepeats); an official
// body, party or force ending in its head word, "of" and a place is one
// name ("Revolutionary Armed Forces of Colombia", "Communist Party of the
// Philippines": the guidelines' longest), a company not ("Deutsche Bank of
// Germany", "Holding PLC of Surrey").
void PartiesAndForcesOfAPlace(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                              const KnowledgeBase& kb, int org_label, int loc_label, int person_label,
                              float typical_margin, std::vector<Span>* spans) {
  std::vector<Span>& s = *spans;
  for (size_t x = 0; x < s.size(); ++x) {
    Span& sp = s[x];
    const uint32_t e = sp.end;
    if (e + 1 < tokens.size() && !tokens[e].upper && (keys[e] == "party" || keys[e] == "movement") &&
        SpacedOnLine(text, tokens, e) && sp.end - sp.first <= 3 &&
        (sp.label == person_label || (sp.label == loc_label && !CountryMatch(text, tokens, keys, kb, sp.first, sp.end))) &&
        !(sp.first > 0 && (keys[sp.first - 1] == "a" || keys[sp.first - 1] == "an")) && !PartyOffice(keys[e + 1])) {
      sp.label = org_label, sp.margin = std::max(sp.margin, typical_margin), sp.retyped = true;
      continue;
    }
    // "Forces" + "of" + ["the"] + a place span, the place ending the name:
    // an official body's, a party's or a force's head, not a company's
    // ("Deutsche Bank of Germany").
    const std::string_view head = keys[e - 1];
    if (sp.label != org_label || !tokens[e - 1].upper ||
        !(IsOfficialHead(head) || IsPartyHead(head) || head == "forces" || head == "army" || head == "church" ||
          head == "federation") ||
        x + 1 >= s.size() || e + 1 >= tokens.size() || keys[e] != "of" || !SpacedOnLine(text, tokens, e))
      continue;
    const uint32_t place = e + 1 + (keys[e + 1] == "the" ? 1 : 0);
    const Span& next = s[x + 1];
    if (next.first != place || next.label != loc_label || CapitalisedNextOnLine(text, tokens, next.end)) continue;
    sp.end = next.end;
    s.erase(s.begin() + static_cast<std::ptrdiff_t>(x) + 1);
  }
}

// A body's name with a people or a place inside it: a head word in
// capitals ("Organisation", "Confederation", "Congress", "Federation"),
// "of" or "for", a people's or a place's span, then one to three
// capitalised words that no span holds and that end the run on the line
// ("Organisation of African Unity", "Confederation of British Industry",
// "Congress of South African Trade Unions"): one organisation, with the
// capitalised words right before the head that no span holds. The model
// stopped at the people, which the knowledge base fixes.
void BodiesOfAPeople(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, int org_label,
                     int norp_label, int loc_label, float typical_margin, std::vector<Span>* spans) {
  std::vector<Span>& s = *spans;
  auto free_word = [&](uint32_t k, uint32_t lo, uint32_t hi) {
    return k < tokens.size() && tokens[k].kind == TokenKind::kWord && tokens[k].upper && !tokens[k].all_caps &&
           !(NameWordFlags(keys[k]) & (kStopWord | kTitleWord)) && k >= lo && k < hi;
  };
  for (size_t x = 0; x < s.size(); ++x) {
    const Span& mid = s[x];
    if ((mid.label != norp_label && mid.label != loc_label) || mid.first < 2) continue;
    const uint32_t of = mid.first - 1, head = mid.first - 2;
    const std::string_view h = keys[head];
    if ((keys[of] != "of" && keys[of] != "for") || tokens[of].upper || !tokens[head].upper ||
        tokens[head].all_caps ||
        !(IsOfficialHead(h) || IsPartyHead(h) || h == "confederation" || h == "conference" || h == "union"))
      continue;
    const uint32_t before_end = x > 0 ? s[x - 1].end : 0, after_first = x + 1 < s.size() ? s[x + 1].first : tokens.size();
    if (head < before_end) continue;
    uint32_t end = mid.end;
    while (end < mid.end + 3 && free_word(end, mid.end, after_first) && SpacedOnLine(text, tokens, end)) ++end;
    if (end == mid.end || CapitalisedNextOnLine(text, tokens, end)) continue;
    uint32_t first = head;
    while (first > 0 && head - first < 3 && free_word(first - 1, before_end, head) && SpacedOnLine(text, tokens, first))
      --first;
    s[x] = Span{first, end, org_label, std::max(mid.margin, typical_margin)};
  }
}

// A body named by its place and its head ("Fuji Bank Ltd", "Chicago Board
// of Trade", "Paris Bourse"): the model had the place and
// the rest apart, or the whole a place. A place's span, then spaced on its
// line
//  - an organisation's span that begins with a body's head ("Fuji" +
//    "Bank Ltd"): one organisation;
//  - a head in no span, "of" and one or two capitalised words in no span,
//    and no capitalised word after ("Chicago" + "Board of Trade"): one
//    organisation;
// and a place's span of two words or more that ends in a head other than
// "Bank" ("the West Bank") and is no name of the knowledge base is the
// organisation ("Paris Bourse", "Tokyo Stock Exchange"). Not on a line in capitals or in title case (a headline).
void BodiesNamedByTheirPlace(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                             const KnowledgeBase& kb, int org_label, int loc_label, std::vector<Span>* spans) {
  // (Not "municipality": "Kumanovo Municipality" is as often the territory.)
  static const WordSet kHeads = {"bank",        "bourse",    "exchange",   "board",   "council",
                                 "corporation", "authority", "commission", "chamber", "university", "polytechnic"};
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto head_at = [&](uint32_t k) {
    return k < n && tokens[k].kind == TokenKind::kWord && tokens[k].upper && !tokens[k].all_caps &&
           kHeads.Has(keys[k]);
  };
  auto& s = *spans;
  bool emptied = false;  // an organisation's span joined to the place is emptied, then taken out
  for (size_t x = 0; x < s.size(); ++x) {
    Span& sp = s[x];
    if (sp.first == sp.end || sp.label != loc_label || tokens[sp.first].all_caps) continue;
    // (The line's case last: it reads the whole line.)
    const uint32_t k = sp.end;
    if (sp.end - sp.first >= 2 && keys[sp.end - 1] != "bank" && head_at(sp.end - 1) &&
        !CapitalisedNextOnLine(text, tokens, sp.end) &&
        !KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::LOC, v1::ORG}) &&
        !TitleCaseLine(text, tokens, sp.first)) {
      sp.label = org_label;
      sp.retyped = true;
      continue;
    }
    if (!head_at(k) || !SpacedOnLine(text, tokens, k)) continue;
    if (x + 1 < s.size() && s[x + 1].first == k) {
      if (s[x + 1].label != org_label || TitleCaseLine(text, tokens, sp.first)) continue;
      sp = {sp.first, s[x + 1].end, org_label, std::max(sp.margin, s[x + 1].margin), true};
      s[x + 1].end = s[x + 1].first;
      emptied = true;
      continue;
    }
    if (k + 2 >= n || keys[k + 1] != "of" || !SpacedOnLine(text, tokens, k + 1) ||
        !CapitalisedNextOnLine(text, tokens, k + 2) || !NameWordAt(tokens, keys, k + 2))
      continue;
    uint32_t e = k + 3;
    if (CapitalisedNextOnLine(text, tokens, e) && NameWordAt(tokens, keys, e)) ++e;
    if (CapitalisedNextOnLine(text, tokens, e) || (x + 1 < s.size() && s[x + 1].first < e) ||
        TitleCaseLine(text, tokens, sp.first))
      continue;
    sp = {sp.first, e, org_label, sp.margin, true};
  }
  if (emptied) std::erase_if(s, [](const Span& sp) { return sp.first == sp.end; });
}

// A people or a place, then capitalised words no other span holds that
// end in a body's head word, is one organisation ("Chilean Astronomical
// Society", "Swedish Dockworkers' Union", "Greenland Patients'
// Association", "Danish Armed Forces": the model had the people and the
// head alone, or the people only; "British Museum", "Lithuanian State
// Symphony Orchestra"); an event, ending in a championship's or games'
// head ("European Women's Handball Championship", "Asian Games"). The
// words: one to four (one: a museum's, an orchestra's, a survey's, a
// library's, a championship's), spaced on the
// line or a plural's apostrophe glued to them ("Dockworkers'"), none a stop
// or title word, none in capitals; an organisation's span among them is
// taken in. Not on a headline in title case, not when a capitalised word
// goes on after the head ("Danish Armed Forces Day").
bool EndsEventPhrase(std::string_view k);

void PeoplesBodiesByTheirHead(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                              int org_label, int norp_label, int loc_label, float typical_margin,
                              std::vector<Span>* spans) {
  static const WordSet kHeads = {"union", "society", "association", "council", "federation", "forces",
                                 "institute", "foundation", "committee", "alliance", "league", "agency",
                                 "commission", "authority", "board", "bureau", "academy", "confederation",
                                 "syndicate", "chamber", "trust", "coalition", "movement", "party", "museum",
                                 "orchestra", "survey", "library", "opera", "television", "radio", "archive",
                                 "archives", "ensemble", "choir", "ballet", "conservatory", "gallery",
                                 // an event's ("European Women's Handball Championship", "Asian Games")
                                 "championship", "championships", "games"};
  // Heads a people's name takes alone too ("British Museum", "Egyptian
  // Museum", "European Championship"; not "British Union" or "Kenyan
  // Party", as often a phrase).
  static const WordSet kAloneHeads = {"museum", "orchestra", "survey", "library", "championship", "championships",
                                      "games"};
  auto event_head = [](std::string_view k) { return k == "championship" || k == "championships" || k == "games"; };
  const std::vector<Span>& s = *spans;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<Span> add;
  for (size_t x = 0; x < s.size(); ++x) {
    const Span& lead = s[x];
    if ((lead.label != norp_label && lead.label != loc_label) || lead.end >= n || !SpacedOnLine(text, tokens, lead.end))
      continue;
    uint32_t k = lead.end, words = 0, last_word = 0;
    size_t y = x + 1;  // organisations' spans inside are taken in
    while (k < n && words < 4) {
      while (y < s.size() && s[y].end <= k) ++y;
      if (y < s.size() && s[y].first <= k && s[y].label != org_label) break;
      const Token& t = tokens[k];
      if (t.kind != TokenKind::kWord || !t.upper || t.all_caps || (NameWordFlags(keys[k]) & (kStopWord | kTitleWord)) ||
          (k > lead.end && !SpacedOnLine(text, tokens, k)))
        break;
      ++words;
      last_word = k++;
      if (kHeads.Has(keys[last_word])) break;
      if (k < n && Glued(tokens, k) && tokens[k].kind == TokenKind::kPunct) {
        size_t b = tokens[k].begin_byte;
        if (!IsApostrophe(DecodeUtf8(text, &b))) break;
        ++k;
        if (k < n && keys[k] == "s" && Glued(tokens, k)) ++k;  // "Women's"
      }
    }
    if ((words < 2 && !(words == 1 && kAloneHeads.Has(keys[last_word]) && lead.label == norp_label)) ||
        !kHeads.Has(keys[last_word]) || CapitalisedNextOnLine(text, tokens, last_word + 1) ||
        TitleCaseLine(text, tokens, lead.first))
      continue;
    // An event's head ends its phrase (not "the Chinese Video Games market").
    if (event_head(keys[last_word]) && last_word + 1 < n && tokens[last_word + 1].kind == TokenKind::kWord &&
        !tokens[last_word + 1].upper && !(NameWordFlags(keys[last_word + 1]) & kStopWord) &&
        !EndsEventPhrase(keys[last_word + 1]))
      continue;
    if (y < s.size() && s[y].first <= last_word && s[y].end > last_word + 1) continue;  // a longer name goes on
    // An organisation's span right before the people is the name's first
    // part ("BBC" "Scottish Symphony Orchestra").
    const uint32_t first = x > 0 && s[x - 1].end == lead.first && s[x - 1].label == org_label &&
                                   SpacedOnLine(text, tokens, lead.first)
                               ? s[x - 1].first
                               : lead.first;
    add.push_back(Span{first, last_word + 1, event_head(keys[last_word]) ? LabelOf(v1::EVENT, true) : org_label,
                       std::max(lead.margin, typical_margin)});
  }
  PutSpans(std::move(add), spans);
}

// Two institutions in one span split (SplitInstitutionsAtAnd), official
// bodies' names through their remits (OfficialNameLists), then
// names that begin with a nationality or a country: companies by a trade
// word ("British Airways", "Korean Air"), national institutions, official
// bodies and parties (JoinNationalityOrg), national companies, organisations
// ending in their country (NationalCompanies).
void NationalNames(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                   const KnowledgeBase& kb, float typical_margin, std::vector<Span>* spans) {
  SplitInstitutionsAtAnd(tokens, keys, LabelOf(v1::ORG, true), spans);
  BodiesOfAPeople(text, tokens, keys, LabelOf(v1::ORG, true), LabelOf(v1::NORP, true), LabelOf(v1::LOC, true),
                  typical_margin, spans);
  PartiesAndForcesOfAPlace(text, tokens, keys, kb, LabelOf(v1::ORG, true), LabelOf(v1::LOC, true),
                           LabelOf(v1::PERSON, true), typical_margin, spans);
  OfficialNameLists(text, tokens, keys, kb, LabelOf(v1::ORG, true), spans);
  thread_local std::vector<int32_t> at;
  MapSpans(*spans, tokens.size(), &at);
  JoinNationalityOrg(
      [&](uint32_t k) {
        // "Air" only as a name's last word ("Korean Air"; not "Israeli Air
        // Strikes"); no department before its minister ("Romanian Energy
        // Minister Bogdan Ivan").
        return k < tokens.size() && tokens[k].upper && IsTradeWord(keys[k]) &&
               !MinisterAfter(text, tokens, keys, k) &&
               !(keys[k] == "air" && CapitalisedNextOnLine(text, tokens, k + 1));
      },
      [&](uint32_t lead, uint32_t first, uint32_t end) {
        // Not after a follower of a creed or a leader ("Islamist Welfare
        // Party", "Pabloite International Secretariat" are two names), nor
        // after a name word no span holds ("Inter American Press
        // Association"), nor before a world body ("a Libyan World Court case").
        const std::string_view before = keys[first - 1];
        const bool follower = before.ends_with("ist") || before.ends_with("ite");
        const bool longer =
            lead > 0 && at[lead - 1] < 0 && NameWordAt(tokens, keys, lead - 1) && SpacedOnLine(text, tokens, lead);
        const bool world = keys[first] == "world" || keys[first] == "international" || keys[first] == "global";
        return !tokens[first].line_break_before && !follower && !longer && !world &&
               (IsInstitutionHead(keys[first]) ||
                (end - first >= 2 && tokens[end - 1].upper &&
                 (IsPartyHead(keys[end - 1]) || IsOfficialHead(keys[end - 1]))) ||
                (end - first >= 3 && IsOfficialHead(keys[first]) && (keys[first + 1] == "of" || keys[first + 1] == "for")));
      },
      LabelOf(v1::NORP, true), LabelOf(v1::LOC, true), LabelOf(v1::ORG, true), spans);
  NationalCompanies(text, tokens, keys, kb, LabelOf(v1::NORP, true), LabelOf(v1::LOC, true),
                    LabelOf(v1::ORG, true), spans);
  PeoplesBodiesByTheirHead(text, tokens, keys, LabelOf(v1::ORG, true), LabelOf(v1::NORP, true),
                           LabelOf(v1::LOC, true), typical_margin, spans);
  BodiesNamedByTheirPlace(text, tokens, keys, kb, LabelOf(v1::ORG, true), LabelOf(v1::LOC, true), spans);
}

// A club named by its place before a team's role, on a sports page:
// "Cardiff coach Matt Sherratt", "Tipperary manager Liam Cahill", "Munster
// flanker ...": a one-word place span (not a country: "Ireland captain"),
// or a one-word person span whose word is a knowledge-base place, right
// before a lower-case role word, is the club (ORG). ClubsOfASportsPage then
// carries it to the page's other mentions of the place.
void ClubsBySportsRoles(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        const KnowledgeBase& kb, int org_label, int loc_label, int person_label,
                        std::vector<Span>* spans) {
  static const WordSet roles = {
      "coach", "manager", "captain", "skipper", "striker", "midfielder", "defender", "goalkeeper", "keeper",
      "forward", "winger", "flanker", "centre", "prop", "hooker", "lock", "fullback", "batsman", "batter",
      "bowler", "opener", "clubman", "chairman", "president", "boss", "supporters", "fans"};
  for (Span& sp : *spans) {
    if (sp.end != sp.first + 1 || sp.end >= tokens.size() || !(sp.label == loc_label || sp.label == person_label))
      continue;
    // (A role may have its rank first: "Munster head coach", "assistant
    // coach", "team captain".)
    uint32_t r = sp.end;
    if (r + 1 < tokens.size() && (keys[r] == "head" || keys[r] == "assistant" || keys[r] == "team") &&
        !tokens[r].upper && SpacedOnLine(text, tokens, r + 1))
      ++r;
    if (tokens[r].upper || !roles.Has(keys[r]) || !SpacedOnLine(text, tokens, r)) continue;
    KnowledgeBase::Match m;
    const bool place = kb.LongestMatch(text, tokens, keys, sp.first, &m) && m.end_token == sp.end &&
                       EntityOfType(kb, m, v1::LOC) != nullptr;
    if (sp.label == person_label && (!place || EntityOfType(kb, m, v1::PERSON) != nullptr)) continue;
    if (CountryMatch(text, tokens, keys, kb, sp.first, sp.end)) continue;
    sp.label = org_label;
    sp.retyped = true;
  }
}

// A club's prefix at token k: in capitals, of four letters at most ("FC",
// "AS", "HC", "EV", "SK": "FC Porto", "HC Lugano", "EV Zug", "Lausanne HC").
bool ClubPrefixAt(const std::vector<Token>& tokens, const KeyViews& keys, size_t k) {
  static const WordSet kPrefixes = {"fc", "afc", "cf", "cd", "sd", "ud", "as", "ac", "sc", "sv", "fk", "nk", "hnk",
                                    "sk", "hk", "hc", "kk", "bk", "ik", "tsv", "vfb", "vfl", "krc", "ogc", "rcd",
                                    "csd", "gd", "cs", "ks", "mks", "bsc", "kv", "kaa", "rsc", "ev", "ehc"};
  return tokens[k].all_caps && tokens[k].end_byte - tokens[k].begin_byte <= 4 && kPrefixes.Has(keys[k]);
}

// The prepositions after which a town on a sports page is the town, not
// its club ("the final in Barcelona", "flew into Cardiff").
bool AfterPlacePreposition(std::string_view p) {
  return p == "in" || p == "at" || p == "near" || p == "outside" || p == "around" || p == "to" || p == "into";
}

// A club named by its town, on a sports page: a one-word place that the
// same page names as an organisation elsewhere ("Barcelona drew 1-1 with
// Sevilla" ... "four points clear of Barcelona", "signed from Blackburn")
// is the club too, except where a place's preposition comes before it
// ("the final in Barcelona"). A sports page: a score ("2-1", "3-0") or a
// winning margin ("by six wickets") in it (SportsPage).
void ClubsOfASportsPage(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        const KnowledgeBase& kb, const std::vector<uint64_t>& word_hash, int org_label,
                        int loc_label, int person_label, std::vector<Span>* spans) {
  std::unordered_set<uint64_t> clubs;
  for (const Span& sp : *spans)
    if (sp.label == org_label && sp.end == sp.first + 1 && tokens[sp.first].upper) clubs.insert(word_hash[sp.first]);
  // A club named with its prefix ("EV Zug", "Lausanne HC", in a span of any
  // type or none: ClubsByTheirPrefix makes them clubs later): the town's
  // word is the club's name on the page too.
  auto prefix = [&](size_t k) { return ClubPrefixAt(tokens, keys, k); };
  auto town = [&](size_t k) { return tokens[k].kind == TokenKind::kWord && tokens[k].upper && !tokens[k].all_caps; };
  // (After the town only a club's own suffixes, not a state's code: "Regina
  // SK", "Greenville SC"; and two clubs so named at least, or "EV
  // Charging" after one score would be a club.)
  auto suffix = [&](size_t k) {
    return prefix(k) && (keys[k] == "fc" || keys[k] == "hc" || keys[k] == "cf" || keys[k] == "afc" ||
                         keys[k] == "bk" || keys[k] == "ik" || keys[k] == "fk");
  };
  std::vector<uint64_t> prefixed;
  for (size_t k = 0; k + 1 < tokens.size(); ++k) {
    if (!SpacedOnLine(text, tokens, k + 1)) continue;
    if (prefix(k) && town(k + 1)) prefixed.push_back(word_hash[k + 1]);
    if (town(k) && suffix(k + 1)) prefixed.push_back(word_hash[k]);
  }
  std::sort(prefixed.begin(), prefixed.end());
  prefixed.erase(std::unique(prefixed.begin(), prefixed.end()), prefixed.end());
  if (prefixed.size() >= 2) clubs.insert(prefixed.begin(), prefixed.end());
  // A one-word place whose word is such an organisation's first (or a
  // one-word person whose word is a knowledge-base place and no person:
  // "Cardiff hit back"); then the score (a pass over the tokens, so only
  // when there is one).
  auto candidate = [&](const Span& sp) {
    if (sp.end != sp.first + 1 || clubs.count(word_hash[sp.first]) == 0) return false;
    if (sp.label == loc_label) return true;
    if (sp.label != person_label) return false;
    KnowledgeBase::Match m;
    return kb.LongestMatch(text, tokens, keys, sp.first, &m) && m.end_token == sp.end &&
           EntityOfType(kb, m, v1::LOC) != nullptr && EntityOfType(kb, m, v1::PERSON) == nullptr;
  };
  if (clubs.empty() || std::none_of(spans->begin(), spans->end(), candidate)) return;
  for (Span& sp : *spans) {
    if (!candidate(sp)) continue;
    const std::string_view p = sp.first > 0 ? keys[sp.first - 1] : std::string_view();
    // Nor a dateline in capitals ("MILAN 1996-09-07"), nor the town before
    // "club" ("the Milan club"), nor a country ("AS Monaco ... Monaco is a
    // tax haven": a country's side is the country).
    if (AfterPlacePreposition(p) || tokens[sp.first].all_caps ||
        (sp.end < tokens.size() && keys[sp.end] == "club") ||
        CountryMatch(text, tokens, keys, kb, sp.first, sp.end))
      continue;
    sp.label = org_label;
    sp.retyped = true;
  }
}

// A team by its nickname after "the", on a sports page: one or two
// capitalised words ending in a plural "s" ("the Crusaders", "beating the
// Blues 33-22", "for the Devils", "the All Blacks") are the team (ORG),
// where the model had a place or nothing. Not a place, people or event of
// the knowledge base ("the Netherlands", "the Americans", "the Ashes"), nor
// the plural names of competitions ("the Olympics", "the Championships"),
// nor a person's span ("the Williams sisters"), nor a longer name going on
// or a hyphenated one ("the Champs-Elysees"), nor after a place's
// preposition ("in the Pyrenees");
// and only in a sentence of sport: a score, a result verb or a game's word
// near it (a sports page's other sentences name "the Allies", "The Birds").
void TeamNicknames(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                   const KnowledgeBase& kb, int org_label, int loc_label, float typical_margin,
                   std::vector<Span>* spans) {
  static const WordSet kEvents = {
      "games", "olympics", "paralympics", "championships", "finals", "playoffs", "masters", "ashes",
      "series", "nationals", "rules", "awards", "islands", "isles", "states", "emirates"};
  static const WordSet kGameWords = {
      "won", "win", "wins", "victory", "defeat", "beating", "match", "game", "games", "season", "coach",
      "goal", "goals", "try", "tries", "points", "saves", "wickets", "runs", "innings", "kicked", "scored",
      "league", "cup", "final", "semi-final", "ladder", "standings", "fixture", "home", "away", "clash"};
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  // Sport within eight tokens of k, in its sentence.
  auto sporting = [&](uint32_t k) {
    const uint32_t lo = k > 8 ? k - 8 : 0, hi = std::min(n, k + 9);
    for (uint32_t j = k; j > lo && !tokens[j].sentence_start; --j)
      if (kGameWords.Has(keys[j - 1]) || kResultVerbs.Has(keys[j - 1]) ||
          (tokens[j - 1].kind == TokenKind::kNumber && ScoreAt(text, tokens, j - 1) != 0))
        return true;
    for (uint32_t j = k + 1; j < hi && !tokens[j].sentence_start; ++j)
      if (kGameWords.Has(keys[j]) || kResultVerbs.Has(keys[j]) ||
          (tokens[j].kind == TokenKind::kNumber && ScoreAt(text, tokens, j) != 0))
        return true;
    return false;
  };
  thread_local std::vector<int32_t> at;
  MapSpans(*spans, n, &at);
  std::vector<uint8_t> drop(spans->size(), 0);
  std::vector<Span> add;
  for (uint32_t k = 0; k + 1 < n; ++k) {
    if (keys[k] != "the" || !CapitalisedNextOnLine(text, tokens, k + 1) || !sporting(k)) continue;
    uint32_t e = k + 1;
    while (e < n && e < k + 3 && (e == k + 1 || CapitalisedNextOnLine(text, tokens, e)) && NameWordAt(tokens, keys, e))
      ++e;
    const std::string_view last = keys[e - 1];
    const std::string_view before = k > 0 ? keys[k - 1] : std::string_view();
    if (e == k + 1 || CapitalisedNextOnLine(text, tokens, e) || (e < n && Glued(tokens, e) && TokenText(text, tokens[e]) == "-") || last.size() < 4 ||
        last.back() != 's' || before == "in" || before == "at" || before == "near" || before == "across" ||
        before == "into" || before == "through" ||
        last.ends_with("ss") || last.ends_with("'s") || kEvents.Has(last) ||
        (e < n && (keys[e] == "sisters" || keys[e] == "brothers" || keys[e] == "family" || keys[e] == "twins")))
      continue;
    // Only where no span or one place span lies over the words.
    const int32_t y = at[k + 1];
    if (y >= 0 && !((*spans)[y].label == loc_label && (*spans)[y].first == k + 1 && (*spans)[y].end == e)) continue;
    if (at[e - 1] != y) continue;
    if (KbNameOfType(kb, text, tokens, keys, k + 1, e, {v1::LOC, v1::NORP, v1::EVENT})) continue;
    if (y >= 0) drop[static_cast<size_t>(y)] = 1;
    add.push_back(Span{k + 1, e, org_label, typical_margin, true});
  }
  DropAndInsert(drop, std::move(add), spans);
}

// A team named by its place and a plural nickname, on a sports page ("the
// Boston Celtics", "the New York Knicks", "Sale Sharks", "the Toronto Blue
// Jays"): a place span (not a country, not in capitals), then one or two
// capitalised words on its line, the last a plural in "s", in no span or in
// one organisation's or person's span of just those words, and no
// capitalised word after, are one ORG; not a place or a competition named
// so ("the Falkland Islands", "the Golan Heights", "the Commonwealth
// Games"), nor on a headline in title case ("Boston Schools Reopen"). The
// place alone elsewhere on the page is the team too ("Boston erased a
// 19-point deficit", "against Boston"), but after a place's preposition
// ("fans in Boston") and in capitals (a dateline). So is the place a team
// of the knowledge base begins with ("Boston" of "Boston Celtics").
void TeamsByTheirPlace(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                       const KnowledgeBase& kb, int org_label, int loc_label, int person_label,
                       std::vector<Span>* spans) {
  static const WordSet kNotNicknames = {
      "islands", "isles", "heights", "hills", "falls", "springs", "lakes", "mountains", "highlands", "lowlands",
      "plains", "keys", "territories", "provinces", "states", "emirates", "rapids", "flats", "woods", "gardens",
      "docks", "sands", "downs", "alps", "wells", "fields", "meadows", "towers", "games", "olympics",
      "paralympics", "championships", "series", "awards", "nationals", "masters", "finals", "playoffs", "open",
      "marathons", "races", "stakes", "trials", "talks", "accords", "protocols", "news", "times", "records"};
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<Span>& s = *spans;
  std::vector<uint8_t> drop(s.size(), 0);
  std::vector<Span> add;
  std::vector<std::pair<uint32_t, uint32_t>> places;  // the teams' places, as token ranges
  for (size_t x = 0; x < s.size(); ++x) {
    const Span& place = s[x];
    if (place.label != loc_label || tokens[place.first].all_caps || drop[x]) continue;
    uint32_t e = place.end;
    while (e < n && e < place.end + 2 && CapitalisedNextOnLine(text, tokens, e) && NameWordAt(tokens, keys, e)) ++e;
    if (e == place.end || CapitalisedNextOnLine(text, tokens, e) ||
        (e < n && Glued(tokens, e) && IsHyphenToken(text, tokens[e])))
      continue;
    const std::string_view last = keys[e - 1];
    if (last.size() < 4 || last.back() != 's' || last.ends_with("ss") || last.ends_with("'s") ||
        kNotNicknames.Has(last))
      continue;
    const bool spanned = x + 1 < s.size() && s[x + 1].first < e;
    if (spanned && (s[x + 1].first != place.end || s[x + 1].end != e ||
                    !(s[x + 1].label == org_label || s[x + 1].label == person_label)))
      continue;
    if (CountryMatch(text, tokens, keys, kb, place.first, place.end) ||
        KbNameOfType(kb, text, tokens, keys, place.first, e, {v1::LOC, v1::NORP, v1::EVENT}) ||
        TitleCaseLine(text, tokens, place.first))
      continue;
    drop[x] = 1;
    if (spanned) drop[x + 1] = 1;
    add.push_back(Span{place.first, e, org_label, place.margin, true});
    places.emplace_back(place.first, place.end);
  }
  // A team the knowledge base names whole ("Boston Celtics", "Chennai Super
  // Kings"): its first words are its place when the page has them as a
  // place span of their own.
  for (const Span& sp : s) {
    if (sp.label != org_label || sp.end - sp.first < 2 || tokens[sp.first].all_caps) continue;
    KnowledgeBase::Match m;
    if (!kb.LongestMatch(text, tokens, keys, sp.first, &m) || m.end_token != sp.end ||
        !kb.entities()[static_cast<size_t>(m.entity)].team)
      continue;
    for (uint32_t cut = sp.end - 1; cut > sp.first && cut + 2 >= sp.end; --cut) {
      const bool alone = std::any_of(s.begin(), s.end(), [&](const Span& p) {
        return p.label == loc_label && p.end - p.first == cut - sp.first &&
               std::equal(keys.begin() + sp.first, keys.begin() + cut, keys.begin() + p.first);
      });
      if (alone && !CountryMatch(text, tokens, keys, kb, sp.first, cut)) {
        places.emplace_back(sp.first, cut);
        break;
      }
    }
  }
  if (places.empty()) return;
  // The place alone: the same words in a place span of their own.
  for (size_t x = 0; x < s.size(); ++x) {
    Span& sp = s[x];
    if (drop[x] || sp.label != loc_label || tokens[sp.first].all_caps) continue;
    const std::string_view p = sp.first > 0 ? keys[sp.first - 1] : std::string_view();
    if (AfterPlacePreposition(p) || p == "across" || p == "from") continue;
    for (const auto& [f, e] : places) {
      if (e - f != sp.end - sp.first || !std::equal(keys.begin() + f, keys.begin() + e, keys.begin() + sp.first))
        continue;
      sp.label = org_label;
      sp.retyped = true;
      break;
    }
  }
  DropAndInsert(drop, std::move(add), spans);
}

// The clubs of a sports page (SportsPage; the three steps assume one):
// match results, places before a team's role, and the page's other
// mentions of its clubs' towns, in that order.
// A club named by its town before a plural verb with a word of football's
// market or matches after it ("Brighton have agreed a fee", "Coventry are
// also close to signing", "Munster were held to a draw"): British English
// makes a team plural, not a town (without such a word a town or a state
// is a place whatever its verb: "Tokyo were among the cities hit", "Texas
// have executed"). The place is a one-word span first in its sentence
// (the subject: not "talks with Madrid were continuing"), no country's
// and no region's in the plural, not in capitals, right before "have",
// "are" or "were" and a word in lower case. On a page with a score
// (SportsPage) the verb says it alone, and more of the plural's verbs do
// ("Kielce are stronger on paper", "Canterbury host Otago", "as Canterbury
// come unstuck"): the subject first in its sentence or after a
// conjunction (not after a name and "and"), of up to three words
// ("Northern Districts need 120").
void ClubsByTheirPluralVerb(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                            const KnowledgeBase& kb, int org_label, int loc_label, bool sports_page,
                            std::vector<Span>* spans) {
  static const WordSet kPluralVerbs = {"have", "are", "were", "host", "face", "play", "travel", "meet", "need",
                                       "come", "go", "take", "lead", "trail", "sit", "remain", "visit",
                                       "welcome", "look", "hope", "head", "resume", "chase", "start"};
  static const WordSet kConjunctions = {"as", "and", "but", "when", "while", "after", "before", "if",
                                        "because", "until", "since", "though", "although", "so", "where"};
  static const WordSet kClubWords = {
      "fee",    "signing",  "signed",  "striker", "midfielder", "defender", "goalkeeper", "winger",   "forward",
      "transfer", "loan",   "squad",   "match",   "matches",    "fixture",  "fixtures",   "league",   "season",
      "coach",  "manager",  "goal",    "goals",   "points",     "relegation", "promotion", "derby",   "table",
      "kick-off", "penalty", "draw",   "drew",    "beat",       "defeat",   "defeated",   "cup",      "title"};
  const size_t n = tokens.size();
  for (Span& sp : *spans) {
    const uint32_t v = sp.end;
    if (sports_page) {
      if (sp.label != loc_label || v - sp.first > 3 || v + 1 >= n || !kPluralVerbs.Has(keys[v]) ||
          tokens[sp.first].all_caps || !SpacedOnLine(text, tokens, v) || tokens[v + 1].kind != TokenKind::kWord ||
          (keys[sp.first].back() == 's' && sp.end == sp.first + 1))  // "Balkans have"
        continue;
      // (Not the second of two names: "Tromsø and Harstad are seeking".)
      const bool subject = tokens[sp.first].sentence_start ||
                           (sp.first > 0 && !tokens[sp.first - 1].upper && kConjunctions.Has(keys[sp.first - 1]) &&
                            !(sp.first > 1 && tokens[sp.first - 2].upper));
      if (!subject || CountryMatch(text, tokens, keys, kb, sp.first, sp.end)) continue;
      sp.label = org_label;
      sp.retyped = true;
      continue;
    }
    if (sp.label != loc_label || v != sp.first + 1 || v + 1 >= n ||
        (keys[v] != "have" && keys[v] != "are" && keys[v] != "were") || tokens[sp.first].all_caps ||
        !SpacedOnLine(text, tokens, v) || tokens[v + 1].kind != TokenKind::kWord || tokens[v + 1].upper)
      continue;
    // (Not a region named in the plural: "Balkans have long been".)
    if (!tokens[sp.first].sentence_start || keys[sp.first].back() == 's') continue;
    // A word of football's market or matches in the sentence ("a fee",
    // "signing", "the striker").
    bool sport = false;
    for (uint32_t k = v + 1; k < n && k < v + 24 && !tokens[k].sentence_start && !sport; ++k)
      sport = kClubWords.Has(keys[k]);
    if (!sport) continue;
    if (CountryMatch(text, tokens, keys, kb, sp.first, sp.end)) continue;
    sp.label = org_label;
    sp.retyped = true;
  }
}

// A club the page names by its name's first word alone ("Dunfermline
// Athletic 3 Raith Rovers 1" ... "Dunfermline moved top", "Raith, who had
// won"): a capitalised word in no span, no longer name's (no capitalised
// word after it on its line), that begins an organisation's span of two
// words or more that the knowledge base has; not after a place's
// preposition ("in Dunfermline"), not a word the page writes in lower case
// too, nor an ordinary word but before a figure ("Sporting 29" in a
// table; not "Young players ..." after "Young Boys", "Heart surgeons"
// after "Heart of Midlothian").
void ClubsByTheirFirstWord(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                           const DocWords& words, const KnowledgeBase& kb, const std::vector<uint64_t>& word_hash,
                           int org_label, float typical_margin, std::vector<Span>* spans) {
  std::unordered_set<uint64_t> firsts;
  for (const Span& sp : *spans)
    if (sp.label == org_label && sp.end - sp.first >= 2 && tokens[sp.first].upper && !tokens[sp.first].all_caps &&
        !(NameWordFlags(keys[sp.first]) & (kStopWord | kTitleWord)) &&
        KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::ORG}))
      firsts.insert(word_hash[sp.first]);
  if (firsts.empty()) return;
  thread_local std::vector<int32_t> at;
  MapSpans(*spans, tokens.size(), &at);
  std::vector<Span> add;
  for (const uint32_t k : words.cap_at()) {
    if (at[k] >= 0 || tokens[k].all_caps || !firsts.count(word_hash[k]) ||
        CapitalisedNextOnLine(text, tokens, k + 1) || (k > 0 && AfterPlacePreposition(keys[k - 1])) ||
        words.LowerSeen(keys[k]) ||
        (OrdinaryWord(keys[k]) && !(k + 1 < tokens.size() && tokens[k + 1].kind == TokenKind::kNumber)) ||
        (k + 1 < tokens.size() && IsHyphenToken(text, tokens[k + 1]) && Glued(tokens, k + 1)) ||
        (k > 0 && IsHyphenToken(text, tokens[k - 1]) && Glued(tokens, k)))  // ("Jan-Willem de Rooij")
      continue;
    add.push_back(Span{k, k + 1, org_label, typical_margin, true});
  }
  InsertSpans(std::move(add), spans);
}

// A fixture list's sides ("Next games, Tuesday: Färjestad v Luleå,
// Skellefteå v Frölunda, Brynäs v Linköping"; "Hearts vs Celtic."): one to
// three capitalised words between the line's start or a comma, a colon, a
// semicolon or a bracket and a lower-case "v" or "vs", and as many after it
// up to such a mark or the line's end. In a line of teams' fixtures, where a
// side of one fixture at least is an organisation or a town (a place of the
// knowledge base that is no country), every side is its club: the model
// had persons of the towns it did not know and places of those it did, or
// none. A country's side stays the country (the guidelines' LOC); a line of
// persons' fixtures (tennis, chess) stays persons', and a person against an
// organisation is a case at law ("Brady v NFL"), no fixture. A club's word
// so found is the club where the page has it alone as a person too.
void FixtureSides(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                  const KnowledgeBase& kb, const std::vector<uint64_t>& word_hash, int org_label, int loc_label,
                  int person_label, float typical_margin, std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto mark = [&](uint32_t k) {
    const std::string_view t = TokenText(text, tokens[k]);
    return t == "," || t == ":" || t == ";" || t == "(" || t == ")" || t == "." || t == "\u2014";
  };
  auto word = [&](uint32_t k) { return k < n && tokens[k].kind == TokenKind::kWord && tokens[k].upper; };
  struct Side {
    uint32_t first, end;
  };
  thread_local std::vector<int32_t> at;
  MapSpans(*spans, n, &at);
  // The label of the span that is exactly a side, -1 where none is.
  auto label_of = [&](const Side& sd) {
    const int32_t x = at[sd.first];
    return x >= 0 && (*spans)[x].first == sd.first && (*spans)[x].end == sd.end ? (*spans)[x].label : -1;
  };
  auto town_or_club = [&](const Side& sd) {
    const int label = label_of(sd);
    if (label == org_label) return true;
    return label == loc_label && KbNameOfType(kb, text, tokens, keys, sd.first, sd.end, {v1::LOC}) &&
           !CountryMatch(text, tokens, keys, kb, sd.first, sd.end);
  };
  std::vector<Side> sides;  // the teams' lines' sides
  std::vector<Side> line;   // the fixtures of the line being read, two sides each
  auto end_line = [&]() {
    // One fixture alone of a person against an organisation is a case at
    // law ("Brady v NFL"); in a list, a club the model took for a person
    // ("Timrå v HV71").
    if (line.size() == 2) {
      const int ll = label_of(line[0]), rl = label_of(line[1]);
      if ((ll == person_label && rl == org_label) || (ll == org_label && rl == person_label)) line.clear();
    }
    if (std::any_of(line.begin(), line.end(), town_or_club)) sides.insert(sides.end(), line.begin(), line.end());
    line.clear();
  };
  uint32_t line_of = 0;  // a token of the line being read
  for (uint32_t k = 1; k + 1 < n; ++k) {
    if (!((keys[k] == "v" || keys[k] == "vs") && !tokens[k].upper && SpacedOnLine(text, tokens, k))) continue;
    const uint32_t right = keys[k] == "vs" && TokenText(text, tokens[k + 1]) == "." ? k + 2 : k + 1;
    if (!word(right) || tokens[right].line_break_before) continue;
    uint32_t a = k;
    while (a > 0 && k - a < 3 && word(a - 1) && !tokens[a].line_break_before) --a;
    uint32_t b = right;
    while (b < n && b - right < 3 && word(b) && (b == right || !tokens[b].line_break_before)) ++b;
    if (a == k || (a > 0 && !tokens[a].line_break_before && !mark(a - 1))) continue;
    if (b < n && !tokens[b].line_break_before && !mark(b)) continue;
    const Side l{a, k}, r{right, b};
    // A new line: the last one's fixtures are read.
    bool same_line = !line.empty();
    for (uint32_t t = line_of + 1; t <= a && same_line; ++t) same_line = !tokens[t].line_break_before;
    if (!same_line) end_line();
    line_of = a;
    line.push_back(l);
    line.push_back(r);
  }
  end_line();
  if (sides.empty()) return;
  std::vector<Span> add;
  std::vector<uint64_t> clubs;
  for (const Side& sd : sides) {
    if (CountryMatch(text, tokens, keys, kb, sd.first, sd.end)) continue;
    if (sd.end == sd.first + 1 && word_hash[sd.first] != 0) clubs.push_back(word_hash[sd.first]);
    bool covered = false;
    for (uint32_t t = sd.first; t < sd.end; ++t) covered = covered || at[t] >= 0;
    if (!covered) {
      add.push_back(Span{sd.first, sd.end, org_label, typical_margin, true});
      continue;
    }
    const int32_t x = at[sd.first];
    if (label_of(sd) < 0) continue;
    Span& sp = (*spans)[x];
    if (sp.label == person_label || sp.label == loc_label) sp.label = org_label, sp.retyped = true;
  }
  // The page's persons of a club's word ("Frölunda moved six points clear").
  std::sort(clubs.begin(), clubs.end());
  for (Span& sp : *spans) {
    if (sp.label != person_label || sp.end != sp.first + 1 || word_hash[sp.first] == 0) continue;
    if (std::binary_search(clubs.begin(), clubs.end(), word_hash[sp.first])) sp.label = org_label, sp.retyped = true;
  }
  InsertSpans(std::move(add), spans);
}

void SportsClubs(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                 const DocWords& words, const KnowledgeBase& kb, const std::vector<uint64_t>& word_hash,
                 float typical_margin, std::vector<Span>* spans) {
  const int org = LabelOf(v1::ORG, true), loc = LabelOf(v1::LOC, true), person = LabelOf(v1::PERSON, true);
  const bool sports_page = SportsPage(text, tokens, keys);
  ClubsByTheirPluralVerb(text, tokens, keys, kb, org, loc, sports_page, spans);
  if (!sports_page) return;  // most documents: one pass and done
  MatchResults(text, tokens, keys, kb, org, loc, person, typical_margin, spans);
  ClubsBySportsRoles(text, tokens, keys, kb, org, loc, person, spans);
  FixtureSides(text, tokens, keys, kb, word_hash, org, loc, person, typical_margin, spans);
  TeamsByTheirPlace(text, tokens, keys, kb, org, loc, person, spans);
  ClubsOfASportsPage(text, tokens, keys, kb, word_hash, org, loc, person, spans);
  TeamNicknames(text, tokens, keys, kb, org, loc, typical_margin, spans);
  ClubsByTheirFirstWord(text, tokens, keys, words, kb, word_hash, org, typical_margin, spans);
}

// A race named by its place. A span right before "Grand Prix" (or "Grand
// Prix" at a span's end) is one EVENT with it ("the Saudi Arabian Grand
// Prix", "Bahrain Grand Prix", "Monaco Grand Prix"; Formula E's "São Paulo
// E-Prix" the same): the model had the
// people, the country or an organisation, and "Grand Prix" apart or not at
// all. Whatever the span's type: the place is the race's name ("Bahrain"
// was an ORG there). A capitalised word after "Prix" makes a longer name
// ("Grand Prix Association"): left alone. A cycling tour: "Tour de" or
// "Tour of" right before a place ("Tour de France", "Tour of Britain") is
// one EVENT with it (the model had the place alone). A rally or a rugby
// sevens tournament named by its place: a place of the knowledge base then
// a capitalised "Rally" or "Sevens" on its line, no capitalised word after
// ("the Dakar Rally", "the Dubai Sevens"; the model had organisations; not
// "National Rally", a party).
void RacesByTheirPlace(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                       const KnowledgeBase& kb, int loc_label, int event_label, std::vector<Span>* spans) {
  auto race_head = [&](uint32_t k) {
    return k < tokens.size() && (keys[k] == "rally" || keys[k] == "sevens") && tokens[k].upper &&
           !tokens[k].all_caps && SpacedOnLine(text, tokens, k) && !CapitalisedNextOnLine(text, tokens, k + 1);
  };
  for (size_t x = 0; x < spans->size(); ++x) {
    Span& sp = (*spans)[x];
    const bool head_inside = sp.end - sp.first >= 2 && race_head(sp.end - 1);
    const bool head_after = !head_inside && race_head(sp.end) &&
                            !(x + 1 < spans->size() && (*spans)[x + 1].first <= sp.end && (*spans)[x + 1].end > sp.end + 1);
    if (!head_inside && !head_after) continue;
    const uint32_t place_end = head_inside ? sp.end - 1 : sp.end;
    // Not a market's rally in a headline ("Miners Lead China Rally") or a
    // country's or continent's ("a broad Europe Rally"): a town's race.
    if (!KbNameOfType(kb, text, tokens, keys, sp.first, place_end, {v1::LOC}) ||
        TitleCaseLine(text, tokens, sp.first) || CountryMatch(text, tokens, keys, kb, sp.first, place_end) ||
        IsContinentWord(keys[sp.first]))
      continue;
    if (head_after && x + 1 < spans->size() && (*spans)[x + 1].first == sp.end)
      spans->erase(spans->begin() + static_cast<std::ptrdiff_t>(x) + 1);  // "Rally" tagged alone
    Span& r = (*spans)[x];
    r = {r.first, place_end + 1, event_label, r.margin};
  }
  // "Grand Prix" at k, k + 1, or a Formula E race's "E-Prix" at k .. k + 2
  // (the hyphen glued to both), on the span's line and no name after it: its
  // number of tokens, else 0.
  auto prix = [&](uint32_t k) -> uint32_t {
    if (k + 1 >= tokens.size() || !tokens[k].upper || !SpacedOnLine(text, tokens, k)) return 0;
    if (keys[k] == "grand" && keys[k + 1] == "prix" && tokens[k + 1].upper && SpacedOnLine(text, tokens, k + 1) &&
        !CapitalisedNextOnLine(text, tokens, k + 2))
      return 2;
    if (keys[k] == "e" && k + 2 < tokens.size() && IsHyphenToken(text, tokens[k + 1]) && Glued(tokens, k + 1) &&
        Glued(tokens, k + 2) && keys[k + 2] == "prix" && tokens[k + 2].upper &&
        !CapitalisedNextOnLine(text, tokens, k + 3))
      return 3;
    return 0;
  };
  // "Grand Prix" as a span of its own after the place's.
  JoinNeighbours(spans, [&](const Span& a, const Span& b) -> std::optional<Span> {
    const uint32_t len = prix(a.end);
    if (b.first != a.end || len == 0 || b.end != a.end + len) return std::nullopt;
    return Span{a.first, b.end, event_label, a.margin};
  });
  std::vector<Span>& s = *spans;
  for (size_t x = 0; x < s.size(); ++x) {
    Span& sp = s[x];
    const uint32_t after = prix(sp.end);
    if ((sp.end - sp.first >= 3 && prix(sp.end - 2) == 2) || (sp.end - sp.first >= 4 && prix(sp.end - 3) == 3)) {
      sp.label = event_label;
    } else if (after > 0 && !(x + 1 < s.size() && s[x + 1].first < sp.end + after)) {
      sp = {sp.first, sp.end + after, event_label, sp.margin};
    } else if (sp.label == loc_label && sp.first >= 2 && (keys[sp.first - 1] == "de" || keys[sp.first - 1] == "of") &&
               keys[sp.first - 2] == "tour" && tokens[sp.first - 2].upper && SpacedOnLine(text, tokens, sp.first) &&
               SpacedOnLine(text, tokens, sp.first - 1) && (x == 0 || s[x - 1].end <= sp.first - 2)) {
      sp = {sp.first - 2, sp.end, event_label, sp.margin};
    } else if (sp.end - sp.first >= 3 && keys[sp.first] == "tour" && tokens[sp.first].upper &&
               (keys[sp.first + 1] == "de" || keys[sp.first + 1] == "of") && tokens[sp.first + 2].upper) {
      sp.label = event_label;  // the tour's span whole ("Tour of Flanders" as an organisation)
    }
  }
}

// The heads that end an event's name the model may leave untagged: "Cup",
// "Championships", "Olympics" ("a disappointing Winter Olympics"),
// "Awards", "Honours", "Finals", "Carnival", "Festival" ("the Melon Music
// Awards", "the Players Championship Finals"), "Championship" in a world's
// or a continent's, of Tests or of a racing class ("PDC World Championship",
// "World Test Championship", "Formula 2 Championship"; "the Scottish
// Championship" is a league).
bool UntaggedEventHead(const KeyViews& keys, uint32_t k) {
  // (Each ends in "p", "s" or "l": most words are turned away by it.)
  const std::string_view w = keys[k];
  if (w.size() < 3 || (w.back() != 's' && w.back() != 'p' && w.back() != 'l')) return false;
  static const WordSet kHeads = {"cup", "championships", "olympics", "paralympics", "awards", "honours",
                                 "finals", "carnival", "festival"};
  if (kHeads.Has(keys[k])) return true;
  if (keys[k] != "championship" || k == 0) return false;
  const std::string_view b = keys[k - 1];  // "Formula 2 Championship"
  return b == "world" || b == "european" || b == "test" || (b.size() <= 2 && !b.empty() && b[0] >= '0' && b[0] <= '9');
}

bool LeagueOrChurchConference(const KeyViews& keys, uint32_t a, uint32_t h);

// A place's or people's games are an event ("Paris Olympics", "Boston
// Marathon", "Asian Games", "Beijing Paralympics", "U.S. Open", "German
// Open"), and so is a cup or championships ("World Cup", "Davis Cup", "FA
// Cup", "World Championships"; not a trophy, an award as often as a
// competition: "the Heisman Trophy", "Man of the Match Trophy") or a summit
// ("ASEAN Summit", "G20 Summit", which the model had as organisations: an
// acronym's, a number's or a known place's, "Hague Summit", or any after
// "the" before no lower-case noun, "the Kigali Climate Finance Summit";
// not a mountain's top, "the Snowdon Summit visitor centre", a known
// place's or not), and
// "Olympics" alone: a span whose last word is such a head, or
// a place or nationality span right before one (alone, or a span of its
// own), becomes one EVENT; a cup the model left out is added.
// "Games", "Open" and "Indoors" only there ("European Indoors"): "Epic
// Games" is a company, "Open" a word of many names. The model had "Paris Olympics" as a place, "German Open"
// as a people and an organisation.
void PlacesGames(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                 const KnowledgeBase& kb, const std::vector<uint32_t>& cap_at, int loc_label,
                 int norp_label, int event_label, float typical_margin, std::vector<Span>* spans) {
  const int org_label = LabelOf(v1::ORG, true);
  auto head = [&](uint32_t k, bool after_place) {
    const std::string_view w = keys[k];
    return tokens[k].upper && (w == "olympics" || w == "paralympics" || w == "olympiad" || w == "marathon" ||
                               w == "cup" || w == "championships" ||
                               (after_place && (w == "games" || w == "open" || w == "indoors")));
  };
  auto place = [&](const Span& sp) { return sp.label == loc_label || sp.label == norp_label; };
  // A place or people right before a head on its line, with no capitalised
  // word after the head (a span that ends on a head itself is retyped below).
  auto before_head = [&](const Span& sp) {
    return place(sp) && !(sp.end - sp.first >= 2 && head(sp.end - 1, true)) &&
           CapitalisedNextOnLine(text, tokens, sp.end) && head(sp.end, true) &&
           !CapitalisedNextOnLine(text, tokens, sp.end + 1);
  };
  // The head's own span, if the model made one of the head alone.
  JoinNeighbours(spans, [&](const Span& a, const Span& b) -> std::optional<Span> {
    if (!before_head(a) || b.first != a.end || b.end != a.end + 1) return std::nullopt;
    return Span{a.first, b.end, event_label, a.margin};
  });
  // "the Kigali Climate Finance Summit": after "the", no noun in lower
  // case after it ("Summit" names mountain tops too: "the Snowdon Summit
  // visitor centre"), no organisation's or title's word, nothing named
  // after it.
  auto no_noun_after = [&](const Span& sp) {
    const uint32_t e = sp.end;
    return (e >= tokens.size() || tokens[e].kind != TokenKind::kWord || tokens[e].upper ||
            (NameWordFlags(keys[e]) & kStopWord) || keys[e] == "last" || keys[e] == "next") &&
           !NamedAfterAnEvent(tokens, keys, e);
  };
  auto a_summit_after_the = [&](const Span& sp) {
    return !tokens[sp.end - 1].all_caps && sp.first > 0 && keys[sp.first - 1] == "the" && no_noun_after(sp) &&
           PlainEventName(keys, sp);
  };
  std::vector<Span>& s = *spans;
  for (size_t x = 0; x < s.size(); ++x) {
    Span& sp = s[x];
    if (sp.label == event_label) continue;
    // "the Olympics" alone.
    if (sp.end == sp.first + 1 && tokens[sp.first].upper && !tokens[sp.first].all_caps &&
        (keys[sp.first] == "olympics" || keys[sp.first] == "paralympics")) {
      sp.label = event_label;
      continue;
    }
    // A conference of three words or more, not a league's or a church's
    // ("Missouri Valley Conference", "Zimbabwe Catholic Bishops Conference").
    const bool conference = keys[sp.end - 1] == "conference" && sp.end - sp.first >= 3 &&
                            !LeagueOrChurchConference(keys, sp.first, sp.end - 1);
    if (sp.end - sp.first >= 2 && (keys[sp.end - 1] == "summit" || conference) && tokens[sp.end - 1].upper) {
      bool coded = false;  // "ASEAN", "G20", "EU-China"
      for (uint32_t k = sp.first; k + 1 < sp.end && !coded; ++k)
        coded = tokens[k].all_caps ||
                std::any_of(keys[k].begin(), keys[k].end(), [](char c) { return c >= '0' && c <= '9'; });
      KnowledgeBase::Match m;  // or a place the knowledge base knows: "Lisbon", "Hague"
      if ((!conference && (coded || a_summit_after_the(sp))) ||
          (kb.LongestMatch(text, tokens, keys, sp.first, &m) && m.end_token < sp.end &&
           EntityOfType(kb, m, v1::LOC) != nullptr && PlainEventName(keys, sp) && no_noun_after(sp)))
        sp.label = event_label;
      continue;
    }
    if (sp.end - sp.first >= 2 && head(sp.end - 1, place(sp))) {
      sp.label = event_label;
      continue;
    }
    if (!before_head(sp) || (x + 1 < s.size() && s[x + 1].first <= sp.end)) continue;
    sp = {sp.first, sp.end + 1, event_label, sp.margin};
  }
  // A cup the model left untagged ("won the 2002 World Cup"): a head of
  // UntaggedEventHead's and up to three capitalised words before it on its
  // line, none a function word ("In World Cup qualifying" is "World Cup";
  // "World" itself may be), none in a span; not when a capitalised word
  // follows the head (a longer name: "Paper Cup Maker").
  auto inner = [&](uint32_t k) {
    if (tokens[k].kind == TokenKind::kNumber)  // a class's number after its word ("Formula 2")
      return k > 0 && tokens[k - 1].kind == TokenKind::kWord && tokens[k - 1].upper && !tokens[k - 1].all_caps;
    return tokens[k].kind == TokenKind::kWord && tokens[k].upper && !tokens[k].all_caps &&
           (keys[k] == "world" || !(NameWordFlags(keys[k]) & kStopWord));
  };
  // (Cups are rare: the covered tokens are marked at the first one.)
  std::vector<uint8_t> covered;
  std::vector<Span> add;
  for (const uint32_t k : cap_at) {
    if (k == 0 || tokens[k].all_caps || !UntaggedEventHead(keys, k)) continue;
    if (covered.empty()) {
      covered.assign(tokens.size(), 0);
      for (const Span& sp : s)
        for (uint32_t j = sp.first; j < sp.end; ++j) covered[j] = 1;
    }
    if (covered[k] || CapitalisedNextOnLine(text, tokens, k + 1)) continue;
    uint32_t b = k;
    while (b > 0 && k - b < 3 && !covered[b - 1] && SpacedOnLine(text, tokens, b) && inner(b - 1)) --b;
    if (b == k) {
      // The head alone after a people's or a place's span ("European" +
      // "Championship"): JoinPlacesToEvents makes them one event.
      const auto before = std::lower_bound(s.begin(), s.end(), k, [](const Span& sp, uint32_t t) { return sp.first < t; });
      if (before == s.begin() || std::prev(before)->end != k || !SpacedOnLine(text, tokens, k)) continue;
      // An organisation's awards or honours are its ceremony ("the World
      // Athletics Awards", "the Melon Music Awards"): one event.
      Span& prev = *std::prev(before);
      if (prev.label == org_label && (keys[k] == "awards" || keys[k] == "honours") && !tokens[prev.first].all_caps) {
        prev = {prev.first, k + 1, event_label, prev.margin};
        covered[k] = 1;
        continue;
      }
      if (!(prev.label == loc_label || prev.label == norp_label)) continue;
    }
    add.push_back({b, k + 1, event_label, typical_margin});
    for (uint32_t j = b; j <= k; ++j) covered[j] = 1;  // no overlapping additions
  }
  InsertSpans(std::move(add), spans);
}

// A place, a people or an organisation's acronym right before an event on
// its line is the event's first word ("European" + "Curling
// Championships", "Metro Manila" + "Film Festival", "PDC" + "World
// Championship", "Africa" + "Screen Honours"): one EVENT. Not across a
// possessive or a line; the event's first word capitalised.
void JoinPlacesToEvents(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        const KnowledgeBase& kb, int loc_label, int norp_label, int org_label, int event_label,
                        std::vector<Span>* spans) {
  if (std::none_of(spans->begin(), spans->end(), [&](const Span& sp) { return sp.label == event_label; })) return;
  auto country = [&](const Span& sp) { return CountryMatch(text, tokens, keys, kb, sp.first, sp.end); };
  JoinNeighbours(spans, [&](const Span& a, const Span& b) -> std::optional<Span> {
    if (b.label != event_label || b.first != a.end || !CapitalisedNextOnLine(text, tokens, b.first)) return std::nullopt;
    // (A country before an event of its own is its side or its host: "the
    // England World Cup squad".)
    const bool place = (a.label == loc_label || a.label == norp_label) && a.end - a.first <= 3 &&
                       !(a.label == loc_label && b.end - b.first >= 2 && country(a));
    const bool acronym = a.label == org_label && a.end == a.first + 1 && tokens[a.first].all_caps &&
                         !tokens[b.first].all_caps;
    if (!place && !acronym) return std::nullopt;
    return Span{a.first, b.end, event_label, std::max(a.margin, b.margin)};
  });
}

// Two companies in one span joined by "and" ("Union Bank of Switzerland
// and Swiss Bank Corp", "Sons of Gwalia and Great Central Mines"): the
// words after "and" are a company's name of two capitalised words or more
// ending in a legal form, a company's trade, "Mines" or "Bank", and those
// before it a name of two words or more of its own (with "of", or ending
// in a legal form, "Mines" or "Bank"): two ORG spans. Not a name one word
// before "and" ("Procter and Gamble Co", "Marks and Spencer Group"), nor
// one of a company's words ("Tata Iron and Steel Co", "Pacific Gas and
// Electric Co").
void SplitCompaniesAtAnd(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                         int org_label, std::vector<Span>* spans) {
  auto company_end = [&](uint32_t k) {
    return IsLegalForm(text, tokens[k]) || keys[k] == "mines" || keys[k] == "bank";
  };
  std::vector<Span> add;
  for (Span& sp : *spans) {
    if (sp.label != org_label || sp.end - sp.first < 5) continue;
    const uint32_t last = sp.end - 1;
    if (!company_end(last) && !IsCompanyTrade(keys[last])) continue;
    for (uint32_t m = sp.first + 2; m + 2 < sp.end; ++m) {
      if (keys[m] != "and" || tokens[m].upper || !tokens[m - 1].upper || !tokens[m + 1].upper) continue;
      bool own = company_end(m - 1);
      for (uint32_t k = sp.first + 1; k + 1 < m && !own; ++k) own = keys[k] == "of";
      if (!own) break;
      add.push_back(Span{m + 1, sp.end, org_label, sp.margin});
      sp.end = m;
      break;
    }
  }
  InsertSpans(std::move(add), spans);
}

// Two names joined by "and": a span that runs on from a fixed match (of the
// knowledge base, a results line or a thread's name) through "and"
// ("Deutsche Telekom and Daimler-Benz", the model carrying the match's label
// on) is the match and, when it begins with a capitalised word, the name
// after "and": of the knowledge base's type when it is a match of its own
// ("... and Germany"), else of the span's.
// The last two of a list of places that the model joined at "and" into
// one span ("in Ethiopia, Somaliland and Djibouti": "Somaliland and
// Djibouti" an organisation's): after a comma and a place's span, a span of
// capitalised words, "and", then a place of the knowledge base to its end
// is two places. Appends them to `out` and returns true, else false.
bool LastOfAListOfPlaces(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                         const KnowledgeBase& kb, const std::vector<int>& forced, const Span& sp,
                         std::vector<Span>& out) {
  const int loc = LabelOf(v1::LOC, true);
  if (sp.label == loc || sp.first < 2 || keys[sp.first - 1] != "," || out.empty() || out.back().label != loc ||
      out.back().end != sp.first - 1)
    return false;
  uint32_t k = sp.first;
  while (k < sp.end && tokens[k].kind == TokenKind::kWord && tokens[k].upper && forced[k] < 0) ++k;
  if (k == sp.first || k + 1 >= sp.end || keys[k] != "and") return false;
  KnowledgeBase::Match m;
  if (!kb.LongestMatch(text, tokens, keys, k + 1, &m) || m.end_token != sp.end ||
      EntityOfType(kb, m, v1::LOC) == nullptr)
    return false;
  out.push_back({sp.first, k, loc, sp.margin, true});
  out.push_back({k + 1, sp.end, loc, sp.margin, true});
  return true;
}

void SplitAtAndAfterMatch(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const KnowledgeBase& kb, const std::vector<int>& forced, std::vector<Span>* spans) {
  std::vector<Span> out;
  out.reserve(spans->size());
  for (const Span& sp : *spans) {
    uint32_t k = sp.first;
    while (k < sp.end && forced[k] >= 0) ++k;
    const bool split = k > sp.first && k + 1 < sp.end && keys[k] == "and" && tokens[k + 1].kind == TokenKind::kWord &&
                       tokens[k + 1].upper;
    if (!split) {
      if (!LastOfAListOfPlaces(text, tokens, keys, kb, forced, sp, out)) out.push_back(sp);
      continue;
    }
    out.push_back({sp.first, k, sp.label, sp.margin});
    int label = sp.label;
    KnowledgeBase::Match m;
    if (kb.LongestMatch(text, tokens, keys, k + 1, &m) && m.end_token == sp.end) {
      label = LabelOf(kb.entities()[m.entity].type, true);
    }
    out.push_back({k + 1, sp.end, label, sp.margin});
  }
  *spans = std::move(out);
}

// A month or weekday beside a day's number is a date, not a name: "Aug" in
// "on Aug. 2", "Sept" in "2 Sept" (the model had a place). One-word spans
// only: "Theresa May" stays whole.
void DropDateWords(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                   std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto number = [&](uint32_t t) { return t < n && tokens[t].kind == TokenKind::kNumber; };
  std::erase_if(*spans, [&](const Span& sp) {
    if (sp.end != sp.first + 1 || !IsMonthOrWeekday(keys[sp.first])) return false;
    uint32_t next = sp.end;
    if (next < n && TokenText(text, tokens[next]) == ".") ++next;
    return number(next) || (sp.first > 0 && number(sp.first - 1));
  });
}

// A sport is no name: a span that is only a sport's name ("BASKETBALL" and
// "RUGBY UNION" in a wire's sports headline, "Cricket" at a sentence's
// start) is dropped. "Welsh Rugby Union" and "Formula One" are not only
// that and stay. A sports page's words ("RESULTS", "STANDINGS") end no
// name either.
bool IsSportWord(std::string_view key) {
  static const WordSet kOne = {
      "basketball", "baseball", "soccer", "football", "cricket", "tennis", "golf", "rugby", "hockey",
      "athletics", "cycling", "boxing", "swimming", "skiing", "volleyball", "handball", "badminton",
      "motorsport", "wrestling", "rowing", "sailing", "snooker", "darts"};
  return kOne.Has(key);
}

void DropSports(const std::vector<Token>& tokens, const KeyViews& keys, std::vector<Span>* spans) {
  static const WordSet kTwo = {
      "rugby union", "rugby league", "ice hockey", "motor racing", "horse racing", "american football",
      "table tennis", "beach volleyball", "field hockey", "alpine skiing", "nordic skiing"};
  // A sports page's headline words end no name ("ENGLISH PREMIER LEAGUE
  // RESULTS", "NBA STANDINGS"): trimmed first, so "TENNIS RESULTS" is a
  // sport below.
  static const WordSet kPageWords = {
      "results", "standings", "scoreboard", "scores", "summaries", "summary", "fixtures", "leaders"};
  for (Span& sp : *spans)
    while (sp.end - sp.first >= 2 && kPageWords.Has(keys[sp.end - 1])) --sp.end;
  // One word only where a sport's name is capitalised anyway, a line in
  // capitals or a sentence's start ("Rugby" the town, "Hockey" the
  // treasurer stay).
  auto sport = [&](const Span& sp) {
    const uint32_t len = sp.end - sp.first;
    if (len == 1) {
      const Token& t = tokens[sp.first];
      return (t.all_caps || t.sentence_start) && IsSportWord(keys[sp.first]);
    }
    if (len != 2) return false;
    std::string two(keys[sp.first]);
    two += ' ';
    two += keys[sp.first + 1];
    return kTwo.Has(two);
  };
  // A headline's sport and its dash begin no name ("BASEBALL - GRIFFEY
  // HOMERS": the model ran the sport on into the story's first name).
  for (Span& sp : *spans) {
    const Token& t = tokens[sp.first];
    if (sp.end - sp.first < 3 || !t.all_caps || !IsSportWord(keys[sp.first]) ||
        tokens[sp.first + 1].kind != TokenKind::kPunct || keys[sp.first + 1] != "-")
      continue;
    sp.first += 2;
  }
  std::erase_if(*spans, sport);
}

// A nickname in quotes inside a person's name ("Ferdinand \"Bongbong\"
// Marcos Jr.", "Earvin \"Magic\" Johnson", "Ronald \"Bato\" dela Rosa"): the
// given name's span, the quoted words and the name after them (a span or
// capitalised words, after at most one particle) are one person.
void JoinNicknames(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, int person_label,
                   float typical_margin, std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto quote = [&](uint32_t t, bool open) {
    if (t >= n || tokens[t].kind != TokenKind::kPunct) return false;
    const std::string_view q = TokenText(text, tokens[t]);
    return q == "\"" || (open ? (q == "\u201c" || q == "\u2018") : (q == "\u201d" || q == "\u2019"));
  };
  auto cap = [&](uint32_t t) { return t < n && tokens[t].kind == TokenKind::kWord && tokens[t].upper; };
  std::vector<Span>& s = *spans;
  std::vector<int32_t> at;
  MapSpans(s, n, &at);
  bool changed = false;
  for (size_t x = 0; x < s.size(); ++x) {
    if (s[x].label != person_label || s[x].first == UINT32_MAX || !quote(s[x].end, true)) continue;
    uint32_t k = s[x].end + 1;
    const uint32_t nick = k;
    while (k < n && k < nick + 3 && cap(k)) ++k;
    if (k == nick || !quote(k, false) || !Glued(tokens, k) || !Glued(tokens, nick)) continue;
    ++k;  // the closing quote
    const std::string_view p = k < n ? keys[k] : std::string_view();
    if (p == "de" || p == "dela" || p == "del" || p == "da" || p == "van" || p == "von" || p == "bin") ++k;
    if (!cap(k) || !SpacedOnLine(text, tokens, k)) continue;
    uint32_t end = k + 1;
    if (at[k] >= 0 && s[static_cast<size_t>(at[k])].first == k) {
      end = s[static_cast<size_t>(at[k])].end;
    } else {
      while (end < n && cap(end) && SpacedOnLine(text, tokens, end)) ++end;
    }
    // Everything from the given name to the end becomes the one span.
    for (size_t y = x + 1; y < s.size() && s[y].first < end; ++y) s[y].first = UINT32_MAX;
    s[x].end = end;
    s[x].margin = std::max(s[x].margin, typical_margin);
    changed = true;
  }
  if (changed) std::erase_if(s, [](const Span& sp) { return sp.first == UINT32_MAX; });
}

// Whether `alias`, a word in brackets after an organisation's name of two
// words or more, is the name's short form: capitalised, of ASCII letters,
// some in lower case ("Cocobod", "Pemex", "Sebi"), 4 to 12 of them,
// beginning as one of the name's words of three letters or more does and
// going on with the initial of a later word ("Ghana Cocoa Board
// (Cocobod)", "Petróleos Mexicanos (Pemex)").
bool ShortFormOf(std::string_view text, const std::vector<Token>& tokens, const Span& name, const Token& alias) {
  const std::string_view w = TokenText(text, alias);
  if (alias.kind != TokenKind::kWord || !alias.upper || alias.all_caps || w.size() < 4 || w.size() > 12 ||
      name.end - name.first < 2)
    return false;
  for (char c : w)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (uint32_t k = name.first; k < name.end; ++k) {
    const std::string_view v = TokenText(text, tokens[k]);
    if (tokens[k].kind != TokenKind::kWord || !tokens[k].upper || v.size() < 3 || lower(v[0]) != lower(w[0]) ||
        lower(v[1]) != lower(w[1]) || v == w)
      continue;
    // And letters of a later word of the name: the initial of one of them
    // in the rest ("Coco" + "b" of Board, "Pe" + "m" of Mexicanos; not
    // "Naples" of "SSC Napoli", "Photo" of "Philippine National Police").
    for (uint32_t j = k + 1; j < name.end; ++j) {
      if (tokens[j].kind != TokenKind::kWord || !tokens[j].upper) continue;
      const char initial = lower(text[tokens[j].begin_byte]);
      for (size_t q = 2; q < w.size(); ++q)
        if (lower(w[q]) == initial) return true;
    }
    return false;
  }
  return false;
}

// Head words of facilities' names; not the place words that are common
// surnames too ("Hill", "Lane", "Park", "Bay").
const WordSet kFacilityHeads = {
    "airport", "airbase", "square", "stadium", "bridge", "street", "avenue", "road", "highway", "hospital",
    "palace", "prison", "canal", "boulevard", "cathedral", "mosque", "station", "resort", "dam", "causeway",
    "racecourse", "wharf", "pier", "quay", "jetty", "marina"};
// Venues' heads that are surnames too ("Bruce Arena"): a place's only as an
// organisation's span's last word, after a sponsor's letters ("a packed MEO
// Arena") or after "the" or a place's preposition (VenueAt).
const WordSet kVenueHeads = {"cemetery", "arena", "velodrome", "mausoleum", "hall"};
// The lower-case words that may follow an event's name ("the Asian Games
// in", "the European Championship was", "the Games final").
bool EndsEventPhrase(std::string_view k) {
  static const WordSet kWords = {"in", "on", "at", "and", "or", "of", "for", "with", "was", "were", "is", "are",
                                 "will", "has", "had", "from", "to", "this", "last", "next", "since", "after",
                                 "before", "when", "where", "which", "who", "final", "finals", "opener", "title",
                                 "medal", "medals", "gold", "silver", "bronze", "qualifiers", "qualifying"};
  return kWords.Has(k);
}
// A royal's title before a given name ("Prince George", "Queen Elizabeth").
bool IsRoyalTitle(std::string_view key) {
  return key == "prince" || key == "princess" || key == "king" || key == "queen" || key == "duke" ||
         key == "duchess";
}
// The head of a hall of shows or games and the kinds before it (NamedFacilities).
bool IsShowsHead(std::string_view key) { return key == "centre" || key == "center" || key == "complex"; }
bool IsShowsKind(std::string_view key) {
  static const WordSet k = {"sports", "sport", "exhibition", "exhibitions", "conference", "convention", "cinema",
                            "expo", "congress", "events", "aquatics", "aquatic", "tennis", "cricket"};
  return k.Has(key);
}
bool VenueAt(const std::vector<Token>& tokens, const KeyViews& keys, uint32_t first) {
  return tokens[first].all_caps || (first > 0 && (keys[first - 1] == "the" || AfterPlacePreposition(keys[first - 1])));
}

// Whether the acronym `acr` (capital letters) spells the words of tokens
// [first, end): each capitalised word in order gives it one to three
// letters of its start ("LAgos State Traffic Management Authority" for
// LASTMA, "COngress of South African Trade Unions" for COSATU), a
// connector in lower case its initial or nothing ("Board of Control for
// Cricket in India", BCCI); a glued hyphen gives nothing.
bool SpellsAcronym(std::string_view text, const std::vector<Token>& tokens, uint32_t first, uint32_t end,
                   std::string_view acr) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  const size_t m = acr.size();
  std::array<uint8_t, 9> reach{}, next{};  // reach[a]: the first a letters spell the words so far
  if (m > 8) return false;
  reach[0] = 1;
  for (uint32_t k = first; k < end; ++k) {
    const Token& t = tokens[k];
    if (t.kind == TokenKind::kPunct && IsHyphenToken(text, t) && Glued(tokens, k)) continue;
    if (t.kind != TokenKind::kWord) return false;
    const std::string_view w = TokenText(text, t);
    next.fill(0);
    for (size_t a = 0; a <= m; ++a) {
      if (!reach[a]) continue;
      if (!t.upper) next[a] = 1;
      for (size_t j = 1; j <= (t.upper ? 3u : 1u) && a + j <= m && j <= w.size(); ++j) {
        if (lower(w[j - 1]) != lower(acr[a + j - 1])) break;
        next[a + j] = 1;
      }
    }
    reach = next;
  }
  return reach[m] != 0;
}

// A name the model broke or cut short before the acronym that its words
// spell in brackets is one name ("Board of Control for Cricket in India
// (BCCI)": the model had "Board of Control for Cricket" and "India"): the
// longest run of capitalised words and connectors on the line before the
// bracket whose words spell the acronym (SpellsAcronym) becomes one span,
// of the type of an organisation's or event's span inside it, else an
// organisation's where a word of it is an organisation word (also where
// the model had no span in it at all), else a place's where the model had
// places only ("Democratic Republic of Congo (DRC)"); the acronym takes
// that type (`defined`). Not where a span crosses the run's ends, nor over
// a person's name alone.
void AcronymRuns(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                 const std::vector<uint32_t>& cap_at, int org_label, int loc_label, int event_label,
                 float typical_margin, std::vector<Span>* spans, std::vector<std::pair<std::string_view, int>>* defined) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<Span> runs;
  if (text.find('(') == std::string_view::npos) return;
  for (const uint32_t a : cap_at) {  // the acronym
    const uint32_t p = a - 1;
    if (a < 2 || a + 1 >= n || !tokens[a].all_caps || TokenText(text, tokens[p]) != "(" ||
        TokenText(text, tokens[a + 1]) != ")")
      continue;
    const std::string_view acr = TokenText(text, tokens[p + 1]);
    if (acr.size() < 3 || acr.size() > 8 || !AsciiCapitals(acr))
      continue;
    uint32_t k = p;
    while (k > 0 && p - k < 14 && !tokens[k].line_break_before &&
           ((tokens[k - 1].kind == TokenKind::kWord && (tokens[k - 1].upper || JoinsNameParts(keys[k - 1]) ||
                                                        keys[k - 1] == "in" || keys[k - 1] == "on")) ||
            (IsHyphenToken(text, tokens[k - 1]) && Glued(tokens, k - 1))))
      --k;
    uint32_t first = p;
    for (uint32_t s = k; s < p && first == p; ++s)
      if (tokens[s].kind == TokenKind::kWord && tokens[s].upper && !tokens[s].all_caps && tokens[p - 1].upper &&
          SpellsAcronym(text, tokens, s, p, acr))
        first = s;
    if (first == p) continue;
    int label = -1;
    bool crosses = false, places = true, any = false;
    for (const Span& sp : *spans) {
      if (sp.end <= first || sp.first >= p) continue;
      crosses = crosses || sp.first < first || sp.end > p;
      any = true;
      if (label < 0 && (sp.label == org_label || sp.label == event_label)) label = sp.label;
      places = places && sp.label == loc_label;
    }
    bool org_word = false;
    for (uint32_t t = first; t < p; ++t) org_word = org_word || (NameWordFlags(keys[t]) & kOrgWord) != 0;
    // (A run the model left whole out is an organisation's by its word:
    // "Iraq's State Board of Antiquities and Heritage (SBAH)"; not a kind of
    // body or a measure: "Non-Governmental Organisation (NGO)", "Central
    // Bank Digital Currency (CBDC)", "Company Income Tax (CIT)".)
    static const WordSet kNoBodyLast = {"organisation", "organization", "organisations", "organizations",
                                        "currency", "tax", "taxes", "product", "rate", "index", "scheme",
                                        "system", "act", "bill", "law", "price", "prices", "ratio", "number"};
    if (crosses || (!any && (!org_word || kNoBodyLast.Has(keys[p - 1])))) continue;
    // A facility's name is a place ("Jomo Kenyatta International Airport
    // (JKIA)"), as is a run of places without an organisation word.
    if (label < 0 && places && (kFacilityHeads.Has(keys[p - 1]) || !org_word)) label = loc_label;
    if (label < 0 && org_word) label = org_label;
    if (label < 0) continue;
    runs.push_back({first, p, label, typical_margin});
    defined->emplace_back(acr, label);
  }
  PutSpans(std::move(runs), spans);
}

// An acronym defined in brackets after a name ("Democratic Alliance (DA)",
// "Enforcement Directorate (ED)", "Central Bank of Nigeria (CBN)") is that
// name's: its letters are initials of the name's words, in order, the
// first the name's first (an organisation's in any order after the
// first), or a short form of an organisation's (ShortFormOf: "Ghana Cocoa
// Board (Cocobod)"), or any letters after an organisation's name of three
// words or more ("State Committee for National Security (GKNB)"). It takes the name's type there and wherever else the
// document writes it alone (the model had "DA" a place, "ED" a person,
// "DP" nothing). Not over a knowledge-base match fixed before Viterbi.
void BracketedAcronyms(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                       const std::vector<uint32_t>& cap_at, const std::vector<int>& forced, int org_label,
                       int loc_label, int event_label, float typical_margin, std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  std::vector<std::pair<std::string_view, int>> defined;  // acronym, label
  AcronymRuns(text, tokens, keys, cap_at, org_label, loc_label, event_label, typical_margin, spans, &defined);
  for (const Span& sp : *spans) {
    const uint32_t a = sp.end + 1;
    if (a + 1 >= n || TokenText(text, tokens[sp.end]) != "(" || TokenText(text, tokens[a + 1]) != ")") continue;
    const std::string_view acr = TokenText(text, tokens[a]);
    if (forced[a] < 0 && sp.label == org_label && ShortFormOf(text, tokens, sp, tokens[a])) {
      defined.emplace_back(acr, sp.label);
      continue;
    }
    // (A figure inside it too, not first: "Indian Cyber Crime Coordination
    // Centre (I4C)".)
    if (!tokens[a].all_caps || acr.size() < 2 || acr.size() > 12 || forced[a] >= 0 || acr[0] < 'A' ||
        acr[0] > 'Z' ||
        !std::all_of(acr.begin(), acr.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); })) {
      continue;
    }
    // The acronym's letters among the initials of the name's words, in order.
    size_t l = 0;
    for (uint32_t k = sp.first; k < sp.end && l < acr.size(); ++k) {
      if (tokens[k].kind != TokenKind::kWord) continue;
      const char c = lower(text[tokens[k].begin_byte]);
      if (c == lower(acr[l])) ++l;
      else if (k == sp.first) break;
    }
    // Or, for an organisation, in another order after the first: a name
    // given in English and its acronym in the original language
    // ("Central Anti-Corruption Bureau (CBA)", Centralne Biuro
    // Antykorupcyjne).
    if (l < acr.size() && l > 0 && sp.label == org_label) {
      std::string initials;
      for (uint32_t k = sp.first + 1; k < sp.end; ++k)
        if (tokens[k].kind == TokenKind::kWord) initials += lower(text[tokens[k].begin_byte]);
      l = 1;
      for (; l < acr.size(); ++l) {
        const size_t at = initials.find(lower(acr[l]));
        if (at == std::string::npos) break;
        initials[at] = ' ';
      }
    }
    // Or any letters after an organisation's long name, of three words or
    // more: its initials in another language or its syllables ("State
    // Committee for National Security (GKNB)", "Federation of Copper
    // Workers of Atacama (FETRACOBRE)"), or an event's ("Guadalajara
    // International Book Fair (FIL)", the Feria Internacional del Libro).
    // (A company's ticker follows a shorter name: "Tesla (TSLA)".)
    if (l < acr.size() && (sp.label == org_label || sp.label == event_label)) {
      uint32_t words = 0;
      for (uint32_t k = sp.first; k < sp.end; ++k) words += tokens[k].kind == TokenKind::kWord ? 1 : 0;
      if (words >= 3) l = acr.size();
    }
    if (l == acr.size()) defined.emplace_back(acr, sp.label);
  }
  if (defined.empty()) return;
  std::vector<int32_t> at;
  MapSpans(*spans, n, &at);
  std::vector<Span> add;
  for (uint32_t k = 0; k < n; ++k) {
    if (!tokens[k].upper || forced[k] >= 0) continue;
    const std::string_view w = TokenText(text, tokens[k]);
    auto it = std::find_if(defined.begin(), defined.end(), [&](const auto& d) { return d.first == w; });
    if (it == defined.end()) continue;
    if (at[k] < 0) {
      add.push_back({k, k + 1, it->second, typical_margin});
    } else if (Span& sp = (*spans)[static_cast<size_t>(at[k])]; sp.first == k && sp.end == k + 1) {
      sp.label = it->second;
    }
  }
  InsertSpans(std::move(add), spans);
}

// A name given another name in apposition is the same kind of thing:
// "Mohamed Hamdan Dagalo, known as Hemedti" (the model had Hemedti as an
// organisation), "the Islamic State, also known as ISIS", "Ho Chi Minh
// City, formerly Saigon". After a span: a comma, then "known as" (also
// "also known as", "better known as", "known locally as", "known to fans
// as"), "nicknamed", "dubbed" or "formerly", then a span of up to
// three tokens starting right there, or one capitalised word left out;
// that name takes the first one's type. Not over a knowledge-base match
// fixed before Viterbi (it keeps its own type), nor a name with a
// possessive after it ("formerly Phoenix's senior vice president").
void AppositionAliases(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                       const std::vector<int>& forced, float typical_margin, std::vector<Span>* spans) {
  std::vector<Span>& s = *spans;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<Span> aliases;  // names the model left out, added at the end
  for (size_t x = 0; x < s.size(); ++x) {
    uint32_t k = s[x].end;
    if (k + 2 >= n || TokenText(text, tokens[k]) != "," || !SpacedOnLine(text, tokens, k + 1)) continue;
    ++k;
    // "also known as", "better known as", "popularly known as".
    if ((keys[k] == "also" || keys[k] == "better" || (keys[k].size() > 4 && keys[k].ends_with("ly"))) && k + 1 < n)
      ++k;
    // "known as", or with up to four words before "as": "known locally as",
    // "known to fans as".
    // Between "known" and "as": an adverb ("locally", "widely") or "to" and
    // one or two words in lower case ("to fans"); not "in the US", "by her
    // family" (a product's or the subject's other name).
    uint32_t as = k + 1;
    if (keys[k] == "known" && as < n && keys[as].size() > 4 && keys[as].ends_with("ly")) {
      ++as;
    } else if (keys[k] == "known" && as < n && keys[as] == "to") {
      ++as;
      while (as < n && as < k + 4 && keys[as] != "as" && tokens[as].kind == TokenKind::kWord && !tokens[as].upper)
        ++as;
    }
    if (keys[k] == "known" && as < n && keys[as] == "as") {
      k = as + 1;
    } else if (keys[k] == "nicknamed" || keys[k] == "dubbed" || keys[k] == "formerly") {
      ++k;
    } else {
      continue;
    }
    if (k >= n || !CapitalisedNextOnLine(text, tokens, k) || forced[k] >= 0) continue;
    const int label = s[x].label;
    auto next = std::find_if(s.begin() + static_cast<std::ptrdiff_t>(x) + 1, s.end(),
                             [&](const Span& sp) { return sp.end > k; });
    // Not a possessive: "Angelo, formerly Phoenix's senior vice president".
    const uint32_t after = next != s.end() && next->first == k ? next->end : k + 1;
    if (after < n && Glued(tokens, after) &&
        (TokenText(text, tokens[after]) == "'" || TokenText(text, tokens[after]) == "\u2019")) {
      continue;
    }
    if (next != s.end() && next->first == k) {
      if (next->end - next->first <= 3 && next->label != label) next->label = label;
    } else if (next == s.end() || next->first > k) {
      if (CapitalisedNextOnLine(text, tokens, k + 1) || tokens[k].all_caps) continue;
      aliases.push_back({k, k + 1, label, typical_margin});
    }
  }
  InsertSpans(std::move(aliases), spans);
}

// "St.", "Mt.", "Ft." (Saint, Mount, Fort) begin the name after them: a
// span of the abbreviation alone (its full stop with it) right before
// another span, one space apart, joins it with the other's type ("St.
// Andrews University" had been LOC "St." + ORG "Andrews University"); not
// a person's span, which may be the saint or a place named after one.
void AbbreviationsBeginNames(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                             int person_label, std::vector<Span>* spans) {
  JoinNeighbours(spans, [&](const Span& a, const Span& b) -> std::optional<Span> {
    const std::string_view k = keys[a.first];
    // The full stop, when the span left it out.
    const uint32_t after = a.end + (a.end < tokens.size() && Glued(tokens, a.end) &&
                                    TokenText(text, tokens[a.end]) == "." ? 1 : 0);
    if (!(k == "st" || k == "st." || k == "mt" || k == "mt." || k == "ft" || k == "ft.") || b.first != after ||
        !SpacedOnLine(text, tokens, b.first)) {
      return std::nullopt;
    }
    bool alone = a.end == a.first + 1 || (a.end == a.first + 2 && TokenText(text, tokens[a.first + 1]) == ".");
    if (!alone || b.label == person_label) return std::nullopt;  // "St. Peter's Basilica": a saint, or his church
    return Span{a.first, b.end, b.label, std::min(a.margin, b.margin)};
  });
}

// Where someone works is an organisation: a name right after "<role> at"
// ("a strategist at Pepperstone", "economists at BBVA México", "a former
// executive at Aramco"; 40 of the 43 such names in the news written for
// testing are organisations) that the model typed a place or a person
// becomes an organisation, with a margin that carries the type to the
// document's other mentions. Not a knowledge-base match fixed before
// Viterbi or a place of the knowledge base ("a professor at Oxford" may be
// either), a facility ("Shannon Airport"), or a name glued to "-based".
void EmployersAfterRoles(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                         const KnowledgeBase& kb, const std::vector<int>& forced, int org_label, int person_label,
                         int loc_label, float typical_margin, std::vector<Span>* spans) {
  static const WordSet kRoles = {
      "analyst", "analysts", "strategist", "strategists", "economist", "economists", "consultant", "consultants",
      "researcher", "researchers", "scientist", "scientists", "professor", "lecturer", "executive", "executives",
      "director", "engineer", "engineers", "manager", "partner", "trader", "traders", "spokesman", "spokeswoman",
      "spokesperson", "employee", "employees", "investor", "adviser", "advisor", "epidemiologist", "physician",
      "fellow", "specialist", "specialists", "expert", "experts"};
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  for (Span& sp : *spans) {
    if (sp.label != loc_label && sp.label != person_label) continue;
    uint32_t k = sp.first;
    if (k >= 1 && keys[k - 1] == "the") --k;
    if (k < 2 || keys[k - 1] != "at" || !kRoles.Has(keys[k - 2]) || (tokens[k - 2].upper && !tokens[k - 2].sentence_start) ||
        forced[sp.first] >= 0 ||
        kFacilityHeads.Has(keys[sp.end - 1]) || (sp.end < n && Glued(tokens, sp.end) && IsHyphenToken(text, tokens[sp.end])))
      continue;
    if (KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::LOC})) continue;
    sp.label = org_label;
    sp.margin = std::max(sp.margin, 2 * typical_margin);
  }
}

// Where something is based, located or born is a place: a span of up to
// four tokens right after "based in", "headquartered in", "located in",
// "situated in", "born in" or "raised in" (and "the") that the model typed an
// organisation or a person is a place ("Siemens Mobility, based in Munich":
// the model, which saw "Bayern Munich" and "Munich Re", had an
// organisation; 22 of 22 such names in the news written for testing are
// places). Not a knowledge-base match fixed before Viterbi. And spaceports.
void PlacesAfterBasedIn(const KeyViews& keys, const std::vector<int>& forced, int org_label, int person_label,
                        int loc_label, float typical_margin, std::vector<Span>* spans) {
  for (Span& sp : *spans) {
    // A spaceport is a place too, though "Center" ends organisations'
    // names: "Kennedy Space Center", "Xichang Satellite Launch Center",
    // "Satish Dhawan Space Centre", "Baikonur Cosmodrome"; and so are
    // stadiums, arenas, cathedrals, mosques and "Parliament Buildings",
    // whose first words may be an organisation's.
    const std::string_view last = keys[sp.end - 1], before = sp.end - sp.first >= 2 ? keys[sp.end - 2] : "";
    if (sp.label == org_label && sp.end - sp.first >= 2 &&
        (((last == "center" || last == "centre") && (before == "space" || before == "launch")) ||
         last == "cosmodrome" || last == "spaceport" || last == "stadium" || last == "arena" ||
         last == "coliseum" || last == "colosseum" || last == "buildings" || last == "cathedral" ||
         last == "mosque" || last == "basilica")) {
      sp.label = loc_label;
      continue;
    }
    if ((sp.label != org_label && sp.label != person_label) || sp.end - sp.first > 4 || forced[sp.first] >= 0)
      continue;
    uint32_t k = sp.first;
    if (k >= 1 && keys[k - 1] == "the") --k;
    if (k < 2 || keys[k - 1] != "in") continue;
    const std::string_view v = keys[k - 2];
    if (v == "based" || v == "headquartered" || v == "located" || v == "situated" || v == "born" || v == "raised") {
      sp.label = loc_label;
      sp.margin = std::max(sp.margin, typical_margin);
    }
  }
}

// A place of the knowledge base before its own office is the place:
// "Former Medellin deputy mayor Lucia Marulanda", "Georgia Governor Brian
// Kemp", "Ontario Premier Doug Ford" (the model, which read an office's
// holder as an organisation's, had the place an organisation or a person).
// So is one before "government" in lower case ("the Lagos State
// government said").
// The office: "mayor", "governor", "premier", after "deputy", "vice",
// "lord" or "lieutenant" or not. Not a central bank's governor ("BOJ
// Governor"): the name must be the knowledge base's place, whole; not a
// league ("Uganda Premier League").
void PlacesBeforeTheirOffices(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                              const KnowledgeBase& kb, int org_label, int person_label, int loc_label,
                              std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  for (Span& sp : *spans) {
    if ((sp.label != org_label && sp.label != person_label) || sp.end >= n) continue;
    uint32_t k = sp.end;
    if (k + 1 < n && (keys[k] == "deputy" || keys[k] == "vice" || keys[k] == "lord" || keys[k] == "lieutenant")) ++k;
    if (!(keys[k] == "mayor" || keys[k] == "governor" || keys[k] == "premier" ||
          (keys[k] == "government" && !tokens[k].upper)) ||
        !SpacedOnLine(text, tokens, sp.end))
      continue;
    // Not a league ("Uganda Premier League").
    if (k + 1 < n && (keys[k + 1] == "league" || keys[k + 1] == "division" || keys[k + 1] == "cup")) continue;
    // The place whole, or a place and "State" ("Lagos State").
    const uint32_t place_end = sp.end - (sp.end - sp.first >= 2 && keys[sp.end - 1] == "state" ? 1 : 0);
    if (KbNameOfType(kb, text, tokens, keys, sp.first, place_end, {v1::LOC})) sp.label = loc_label;
  }
  // A place before a department's office ("Texas Agriculture Commissioner
  // Sid Miller", "Mississippi Agriculture Commissioner J. Dale Whitcomb":
  // the model had "Texas", or "Mississippi Agriculture", an organisation):
  // a span that is a place of the knowledge base and then up to two of a
  // government's departments in capitals ("Agriculture", "Transportation"),
  // with more of them after it, then a title in capitals, is the place
  // alone.
  // (A government's departments only: "Arizona State President", "China
  // Energy Chief Executive", "Queensland Police Commissioner" are a
  // university's, a company's, a force's.)
  static const WordSet kDepartments = {"agriculture", "education", "health", "finance", "transport",
                                       "transportation", "justice", "labor", "labour", "environment",
                                       "commerce", "insurance", "revenue", "corrections", "homeland", "treasury"};
  for (Span& sp : *spans) {
    // (A department at the span's end or right after it first: the
    // knowledge base is asked only then.)
    if ((sp.label != org_label && sp.label != person_label) || sp.end >= n || !tokens[sp.end].upper ||
        !(kDepartments.Has(keys[sp.end - 1]) || kDepartments.Has(keys[sp.end])))
      continue;
    KnowledgeBase::Match m;
    if (!kb.LongestMatch(text, tokens, keys, sp.first, &m) || m.end_token > sp.end ||
        EntityOfType(kb, m, v1::LOC) == nullptr)
      continue;
    uint32_t k = m.end_token;
    auto modifier = [&](uint32_t t) {
      return t < n && tokens[t].kind == TokenKind::kWord && tokens[t].upper && !tokens[t].all_caps &&
             kDepartments.Has(keys[t]) && (t == k || SpacedOnLine(text, tokens, t));
    };
    uint32_t mods = 0;
    while (mods < 2 && modifier(k)) ++k, ++mods;
    if (mods == 0 || k < sp.end || k >= n || !tokens[k].upper || !SpacedOnLine(text, tokens, k) ||
        TitleWordOf(keys[k]) != TitleWord::kTitle)
      continue;
    sp.end = m.end_token;
    sp.label = loc_label;
  }
}

// Initials before a surname that begins with a particle are the person's
// name ("P. van der Berg", "A. al-Sayed", "M. Te Whare", "A. Ni Bhriain"
// in a results list): the model, which had "Y. Tesfaye" right, cut the
// initial or the particles off ("Berg") or typed the rest an organisation.
// One or more initials (a capital letter and a glued stop), then one or two
// particles ("van der", "al-", "Te", "Ni", "Mac", "O"), then a capitalised
// word (and its glued hyphen and word), all on the line, become one
// person's span. Not after a capitalised word (the middle initial of a
// name the model already has), nor where a span crosses its ends.
void InitialsBeforeParticleSurnames(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                                    const std::vector<uint32_t>& cap_at, int person_label, float typical_margin,
                                    std::vector<Span>* spans) {
  static const WordSet kParticles = {
      "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "le", "la", "al", "el", "bin", "ibn",
      "ter", "ten", "dos", "das", "do", "te", "ni", "n\u00ed", "nic", "mac", "o", "\u00f3", "ua", "ui", "u\u00ed",
      "abu", "ben", "ap"};
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto initial = [&](uint32_t k) { return k < n && tokens[k].upper && InitialAt(text, tokens, k); };  // "P" of "P."
  std::vector<Span> add;
  for (const uint32_t c : cap_at) {
    if (!initial(c) || (c > 0 && tokens[c - 1].kind == TokenKind::kWord && tokens[c - 1].upper &&
                        !tokens[c].line_break_before && !initial(c - 1 >= 1 ? c - 2 : n)))
      continue;
    if (!add.empty() && add.back().end > c) continue;
    uint32_t k = c;
    while (k + 2 < n && initial(k) && SpacedOnLine(text, tokens, k + 2)) k += 2;
    if (k == c || initial(k)) continue;  // no initial, or one not followed by a spaced word
    uint32_t particles = 0;
    while (k < n && particles < 2 && tokens[k].kind == TokenKind::kWord && kParticles.Has(keys[k]) &&
           k + 1 < n && (SpacedOnLine(text, tokens, k + 1) || (IsHyphenToken(text, tokens[k + 1]) && Glued(tokens, k + 1)))) {
      k += IsHyphenToken(text, tokens[k + 1]) ? 2 : 1;
      ++particles;
    }
    if (particles == 0 || k >= n || tokens[k].kind != TokenKind::kWord || !tokens[k].upper || tokens[k].all_caps)
      continue;
    uint32_t end = k + 1;
    if (end + 1 < n && IsHyphenToken(text, tokens[end]) && Glued(tokens, end) && Glued(tokens, end + 1) &&
        tokens[end + 1].kind == TokenKind::kWord)
      end += 2;
    bool crosses = false;
    for (const Span& sp : *spans) crosses = crosses || (sp.first < c && sp.end > c) || (sp.first < end && sp.end > end);
    if (!crosses) add.push_back({c, end, person_label, typical_margin});
  }
  PutSpans(std::move(add), spans);
}

// Heads of natural features' names, last ("River Severn" aside: "Great
// Barrier Reef", "Mississippi River", "Victoria Falls") or first ("River
// Thames", "Mount Kenya", "Cerro Armazones"; first only over an
// organisation: "Rio Ferdinand", "River Phoenix" are people). Not "Lake" last, a surname
// ("Ricki Lake"); after a person's name only the heads that are no
// surnames ("George Strait", "George Canyon" are singers).
const WordSet kNaturalLast = {
    "river", "reef", "mountains", "glacier", "volcano", "canyon", "falls", "archipelago", "peninsula",
    "strait", "lagoon", "islands", "desert", "ocean", "sea", "valley", "delta", "gorge", "plateau",
    "range", "ranges", "basin"};
const WordSet kNaturalLastNoSurname = {
    "river", "reef", "mountains", "glacier", "volcano", "archipelago", "peninsula", "lagoon", "islands", "ocean"};
const WordSet kFacilityFirst = {"avenida", "calle", "carrera", "rua", "praça", "piazza", "piazzale",
                                "gurdwara", "masjid", "jalan", "teatro", "estadio"};
const WordSet kFacilityFirstNoName = {"avenida", "rua", "praça", "piazzale", "gurdwara", "masjid", "teatro", "estadio"};
const WordSet kNaturalFirst = {"river", "mount", "mt", "lake", "cape", "gulf", "isle",
                                                            "cerro", "monte", "mont", "lac", "lago", "rio", "río"};

// A bill's "Bill" after its title's capitalised word or bracket ("the Rent
// Bill", "the Residential Tenancies (Amendment) Bill") is no person: the
// model, which knows Bill as a given name, had it alone. Not before a
// capitalised word ("Bill Gates"). A railway company is an organisation
// ("Canadian National Railway", "Indian Railways"; the gold sets type all
// four such names so): a place's span of two words or more that ends in
// "Railway" or "Railways" is retyped.
void BillsAndRailways(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, int person_label,
                      int loc_label, int org_label, std::vector<Span>* spans) {
  std::erase_if(*spans, [&](const Span& sp) {
    const uint32_t f = sp.first;
    if (sp.end != f + 1 || keys[f] != "bill" || sp.label != person_label || f == 0 ||
        CapitalisedNextOnLine(text, tokens, f + 1) || !SpacedOnLine(text, tokens, f) ||
        (f + 1 < tokens.size() && (keys[f + 1] == "&" || keys[f + 1] == "and")) ||  // "Keep Bill & Hillary out"
        (NameWordFlags(keys[f - 1]) & kTitleWord))                                  // "Uncle Bill"
      return false;
    const Token& b = tokens[f - 1];
    return (b.kind == TokenKind::kWord && b.upper && !(NameWordFlags(keys[f - 1]) & kStopWord)) ||
           TokenText(text, b) == ")";
  });
  // "Railway" alone names lines too ("Trans-Siberian Railway", a place):
  // a company's only with "National" ("Canadian National Railway").
  for (Span& sp : *spans) {
    if (sp.label != loc_label || sp.end - sp.first < 2 || !tokens[sp.end - 1].upper) continue;
    bool national = false;
    for (uint32_t k = sp.first; k + 1 < sp.end && !national; ++k) national = keys[k] == "national";
    if (keys[sp.end - 1] == "railways" || (keys[sp.end - 1] == "railway" && national)) sp.label = org_label;
  }
}

// A name followed by a capitalised place word ("Airport", "Square",
// "Stadium", "Bridge"), "International" before it allowed, names the place
// ("Hamid Karzai International Airport", "Tiananmen Square", "Nelson
// Mandela Bridge"): one LOC over both. The model tagged the person (or the
// organisation) or the word before alone. Not when another capitalised word follows (a longer
// name: "District Attorney", "Airport Authority").
void NamedFacilities(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, int loc_label,
                     int person_label, int org_label, std::vector<Span>* spans) {
  auto& s = *spans;
  auto next_on_line = [&](uint32_t k) { return CapitalisedNextOnLine(text, tokens, k); };
  for (size_t x = 0; x < s.size(); ++x) {
    // A person's name that ends in a facility's head word is the facility
    // ("the Nelson Mandela Bridge", "the Rogun Dam"); surnames that are place words too
    // ("Hill", "Lane", "Park", "Bay") are not among them.
    // So is an organisation's, but for a hospital (an institution): the
    // guidelines' named facilities are places ("Hamid Karzai International
    // Airport", which the model may take for the company that runs it).
    const bool as_person = s[x].label == person_label;
    const bool as_org = s[x].label == org_label && keys[s[x].end - 1] != "hospital";
    // So is a subdivision's ("Antofagasta Region", "Sichuan Province",
    // "Kisumu County", "Latakia Governorate") and a national park's, forest's or reserve's.
    const std::string_view last_key = keys[s[x].end - 1];
    const bool subdivision = last_key == "region" || last_key == "province" || last_key == "county" ||
                             last_key == "governorate" || last_key == "oblast" || last_key == "prefecture" ||
                             ((last_key == "park" || last_key == "forest" || last_key == "reserve" ||
                               last_key == "monument" || last_key == "preserve" || last_key == "seashore") &&
                              s[x].end - s[x].first >= 3 && keys[s[x].end - 2] == "national");
    // A venue's ("the Recoleta Cemetery", "at the Ergo Arena"; "Bruce
    // Arena said" is the person), a hall's after an ordinary word too ("City
    // Hall", "the Usher Hall"; not "Jerry Hall", "Peter Hall").
    const uint32_t f0 = s[x].first;
    const bool venue = s[x].end - f0 >= 2 && kVenueHeads.Has(last_key) &&
                       (last_key != "hall" || OrdinaryWord(keys[s[x].end - 2])) &&
                       (as_org || VenueAt(tokens, keys, f0));
    // A hall of shows or games: a centre or a complex of sports, of
    // exhibitions, of conferences ("Moi International Sports Centre", "Busan
    // Cinema Center", "Ferdi Neita Sports Complex"; a research centre is the
    // body's: "National Hurricane Center"). The model's span may stop
    // before the head ("Edward Seaga Sports" + "Complex").
    if ((as_person || as_org) && s[x].end - f0 >= 2 && s[x].end < tokens.size() && IsShowsHead(keys[s[x].end]) &&
        next_on_line(s[x].end) && IsShowsKind(keys[s[x].end - 1]) && !next_on_line(s[x].end + 1) &&
        (x + 1 == s.size() || s[x + 1].first > s[x].end)) {
      ++s[x].end;
    }
    // (Not a body that speaks: "The Commonwealth Sports Centre said".)
    auto speaks = [&] {
      const uint32_t e = s[x].end;
      return e < tokens.size() &&
             (keys[e] == "said" || keys[e] == "says" || keys[e] == "announced" || keys[e] == "warned");
    };
    if ((as_person || as_org) && s[x].end - f0 >= 3 && IsShowsHead(keys[s[x].end - 1]) && tokens[s[x].end - 1].upper &&
        IsShowsKind(keys[s[x].end - 2]) && !next_on_line(s[x].end) && !speaks()) {
      s[x].label = loc_label;
      continue;
    }
    if ((as_person || as_org) && s[x].end - s[x].first >= 2 && tokens[s[x].end - 1].upper &&
        (kFacilityHeads.Has(last_key) || subdivision || venue) && !next_on_line(s[x].end)) {
      s[x].label = loc_label;
      // A royal's title the person's span left out is the facility's
      // ("Prince George Wharf", "Queen Elizabeth Hospital").
      if (as_person && f0 > 0 && (x == 0 || s[x - 1].end < f0) && tokens[f0 - 1].upper &&
          SpacedOnLine(text, tokens, f0) && IsRoyalTitle(keys[f0 - 1]))
        --s[x].first;
      continue;
    }
    // A natural feature's name: "River Thames", "Great Barrier Reef" (the
    // model had organisations); not an organisation named after one
    // ("Mount Sinai Hospital", "Black Sea Fleet" end otherwise).
    const uint32_t first = s[x].first, last = s[x].end - 1;
    // A fort's or a loch's, whichever the model made it ("Fort William",
    // "Loch Eil", "Lough Neagh"; not a body's: "Fort Worth Police").
    if ((as_person || as_org) && last > first && last - first <= 2 && tokens[first].upper && !tokens[first].all_caps &&
        (keys[first] == "fort" || keys[first] == "loch" || keys[first] == "lough") && !next_on_line(s[x].end)) {
      bool body = false;
      for (uint32_t k = first + 1; k <= last; ++k)
        body = body || (NameWordFlags(keys[k]) & kOrgWord) || IsLegalForm(text, tokens[k]) || IsCompanyTrade(keys[k]);
      if (!body) {
        s[x].label = loc_label;
        continue;
      }
    }
    if ((as_person || as_org) && last > first && !next_on_line(s[x].end) &&
        ((tokens[last].upper && (as_person ? kNaturalLastNoSurname : kNaturalLast).Has(keys[last])) ||
         (as_org && tokens[first].upper && kNaturalFirst.Has(keys[first]) &&
          !(NameWordFlags(keys[last]) & kOrgWord) && keys[last] != "hospital" &&
          !IsLegalForm(text, tokens[last]) && !IsCompanyTrade(keys[last])))) {
      s[x].label = loc_label;
      continue;
    }
    // A street's, a square's or a temple's word first in another
    // language's manner ("Avenida Mariano Otero", "Rua Augusta", "Gurdwara
    // Panja Sahib", "Masjid Negara"): a place.
    // (The words that are given names or surnames too, "Calle Jarnkrok",
    // "Carrera", "Jalan", only before two words or more.)
    // (A theatre is its company too, "the Teatro Nacional opened its
    // season": a place only where the text puts something in it, "at the
    // Teatro Colón".)
    const bool in_it = first >= 1 && (AfterPlacePreposition(keys[first - 1]) ||
                                      (first >= 2 && keys[first - 1] == "the" && AfterPlacePreposition(keys[first - 2])));
    if ((as_person || as_org) && last > first && tokens[first].upper && kFacilityFirst.Has(keys[first]) &&
        !next_on_line(s[x].end) && (kFacilityFirstNoName.Has(keys[first]) || last > first + 1) &&
        (keys[first] != "teatro" || in_it)) {
      s[x].label = loc_label;
      continue;
    }
    // (And such a word in no span right before a place's: "Gurdwara" +
    // "Darbar Sahib Kartarpur".)
    if (s[x].label == loc_label && first > 0 && kFacilityFirst.Has(keys[first - 1]) && tokens[first - 1].upper &&
        SpacedOnLine(text, tokens, first) && (x == 0 || s[x - 1].end < first)) {
      s[x].first = first - 1;
      continue;
    }
    uint32_t e = s[x].end;
    if (next_on_line(e) && keys[e] == "international") ++e;
    if (!next_on_line(e) || keys[e] == "st" || !(NameWordFlags(keys[e]) & kPlaceWord)) continue;
    if (x + 1 < s.size() && s[x + 1].first <= e) continue;  // the word is another name's
    if (next_on_line(e + 1)) continue;  // a longer name goes on ("Erie County District Attorney")
    s[x].end = e + 1;
    s[x].label = loc_label;
  }
}

bool IsNameConnector(std::string_view k);

// A word of peoples in the sentence of token k ("indigenous", "aboriginal",
// "tribal", "ethnic", "traditional").
bool PeoplesCueNear(const std::vector<Token>& tokens, const KeyViews& keys, size_t k) {
  size_t a = k, b = k;
  while (a > 0 && !tokens[a].sentence_start) --a;
  while (b + 1 < tokens.size() && !tokens[b + 1].sentence_start) ++b;
  for (size_t t = a; t <= b; ++t) {
    const std::string_view w = keys[t];
    if (w == "indigenous" || w == "aboriginal" || w == "tribal" || w == "tribe" || w == "ethnic" ||
        w == "traditional" || w == "ancestral" || w == "native")
      return true;
  }
  return false;
}

// "the Kaurna people", "the Sami peoples": one or two capitalised words
// between "the" and "people" or "peoples" in lower case name a people
// (NORP), whatever the model typed them; the large margin carries the type
// to the document's other mentions of the name ("Kaurna elder", "on Kaurna
// land") at the consistency step. Not a knowledge-base match fixed before
// Viterbi, nor a name the knowledge base has as a person's, an
// organisation's or a place's ("the Trump people", "the Google people",
// "the Congo people").
void PeoplesBeforePeople(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                         const std::vector<uint32_t>& cap_at, const KnowledgeBase& kb, const std::vector<int>& forced,
                         int norp_label, float typical_margin, std::vector<Span>* spans) {
  const size_t n = tokens.size();
  std::vector<Span> peoples;
  for (const uint32_t c : cap_at) {  // the name's last word, then "people"
    const size_t k = c + 1;
    if (k >= n || c < 1) continue;
    const std::string_view w = keys[k];
    if (w.size() < 6 || w[0] != 'p' || !(w == "people" || w == "peoples") || tokens[k].upper ||
        !SpacedOnLine(text, tokens, k))
      continue;
    size_t first = k;
    while (first > 0 && k - first < 2 && CapitalisedNextOnLine(text, tokens, first - 1) && !tokens[first - 1].all_caps &&
           keys[first - 1] != "the")
      --first;
    if (first == k || first == 0 || keys[first - 1] != "the" || !SpacedOnLine(text, tokens, first)) continue;
    // A people, not a person's, a company's or a town's team ("the Ryanair
    // people told us"): "people of" a place, "of the X people", or a word of
    // peoples in the sentence ("indigenous", "traditional custodians").
    if (!(k + 1 < n && keys[k + 1] == "of") && !(first >= 2 && keys[first - 2] == "of") &&
        !PeoplesCueNear(tokens, keys, first))
      continue;
    bool free = true;
    for (size_t t = first; t < k && free; ++t) free = forced[t] < 0 && !(NameWordFlags(keys[t]) & (kStopWord | kTitleWord));
    if (!free || KbNameOfType(kb, text, tokens, keys, first, k, {v1::PERSON, v1::ORG, v1::LOC})) continue;
    peoples.push_back({static_cast<uint32_t>(first), static_cast<uint32_t>(k), norp_label, 2 * typical_margin});
  }
  PutSpans(std::move(peoples), spans);
}

// A people whose name is a language's too, before a word of people ("an
// Igbo market woman", "an Aymara former union leader", "two Tiv farmers",
// with up to two lower-case words between, no function word; not a poet or
// a singer, whose language it may be: "Gaelic poet"), after
// "ethnic" ("ethnic Uzbeks"), or between "of" and "descent", "origin",
// "heritage" or "ancestry" ("of Yoruba descent"): NORP, whatever the model
// typed it (a place, or nothing); the large margin carries the type to the
// document's other mentions. So is any name after "a", "an" or "of"
// before a word of a people's member or group, at most one word between
// ("a Maasai elder", "a group of Maasai pastoralists"; not "a Limerick
// man", "a Kennedy family friend"). A family is a people's only after "a" or "an"
// ("a Cham family"; "the Yao family" is a person's). Not a word of the
// lists (a title, a function word), a knowledge-base match fixed before
// Viterbi, nor a name the knowledge base has for a person, an organisation
// or a place ("a Tonga family").
void PeoplesByTheirTongue(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const std::vector<uint32_t>& cap_at, const KnowledgeBase& kb, const std::vector<int>& forced,
                          int norp_label, float typical_margin, std::vector<Span>* spans) {
  static const WordSet kPeopleNouns = {
      "woman",    "women",    "man",      "men",       "boy",        "girl",       "boys",      "girls",
      "mother",   "father",   "family",   "families",  "nationals",  "community",  "communities", "leader",
      "leaders",  "elder",    "elders",   "chief",     "chiefs",     "farmers",    "farmer",    "fishermen",
      "fisherman", "herders", "villagers", "villager", "tribe",      "tribes",     "clan",      "clans",
      "youths",   "traders",  "trader",   "migrants",  "refugees",   "activists",  "activist",  "militia",
      "militias", "fighters", "groups",   "households", "minority",  "majority",   "diaspora",  "kingdom",
      "king",     "queen",    "politicians", "nationalists", "rebels", "separatists", "intellectuals",
      "settlers", "pastoralists"};
  const size_t n = tokens.size();
  std::vector<Span> peoples;
  for (const uint32_t c : cap_at) {
    if (tokens[c].all_caps || forced[c] >= 0) continue;
    bool cue = c > 0 && keys[c - 1] == "ethnic" && !tokens[c - 1].upper;
    if (!cue && c + 1 < n && tokens[c + 1].kind == TokenKind::kWord && !tokens[c + 1].upper) {
      const std::string_view next = keys[c + 1];
      if (c > 0 && keys[c - 1] == "of" &&
          (next == "descent" || next == "origin" || next == "heritage" || next == "ancestry")) {
        cue = true;
      } else if (c > 0 && (keys[c - 1] == "a" || keys[c - 1] == "an" || keys[c - 1] == "of") &&
                 !IsLanguageName(keys[c])) {
        // Any people's name after "a", "an" or "of", before a word of a
        // people's member or group right after it or after one word ("a
        // Maasai elder", "a group of Maasai pastoralists"), the stricter
        // list of kKin: no family, man, woman or community, which a town
        // or a surname has too ("a Limerick man", "a Kennedy family friend").
        static const WordSet kKin = {"elder", "elders", "herder", "herders", "pastoralists", "villagers",
                                     "tribe", "tribes", "clan", "clans", "nationals", "chief", "chiefs"};
        const bool singular = keys[c - 1] != "of";
        for (size_t k = c + 1; k < n && k <= c + 2 && !cue; ++k) {
          if (tokens[k].kind != TokenKind::kWord || tokens[k].upper || (NameWordFlags(keys[k]) & kStopWord)) break;
          cue = kKin.Has(keys[k]) && (singular || keys[k].back() == 's');
        }
      } else if (IsLanguageName(keys[c])) {
        for (size_t k = c + 1; k < n && k <= c + 3 && !cue; ++k) {
          if (tokens[k].kind != TokenKind::kWord || tokens[k].upper || (NameWordFlags(keys[k]) & kStopWord)) break;
          const bool family = keys[k] == "family" || keys[k] == "families";
          // Not a family of languages ("a Bantu family of languages").
          const bool of_tongues = family && k + 2 < n && keys[k + 1] == "of" &&
                                  (keys[k + 2] == "languages" || keys[k + 2] == "dialects");
          cue = kPeopleNouns.Has(keys[k]) && !of_tongues &&
                (!family || (c > 0 && (keys[c - 1] == "a" || keys[c - 1] == "an")));
        }
      }
    }
    if (!cue || (NameWordFlags(keys[c]) & (kStopWord | kTitleWord)) || !SpacedOnLine(text, tokens, c) ||
        KbNameOfType(kb, text, tokens, keys, c, c + 1, {v1::PERSON, v1::ORG, v1::LOC}))
      continue;
    peoples.push_back({c, c + 1, norp_label, 2 * typical_margin});
  }
  PutSpans(std::move(peoples), spans);
}

// An office's name that joins two fields by "and" is one name: "the
// Ministry of Electronics and Information Technology", "Department of
// Environment and Climate Change" (the model cut it at "and"). An ORG span
// that begins with an office's word (Ministry, Department, Office, Bureau,
// Institute, School, Faculty, Commission, Committee, Council, Agency) and
// "of", right before "and", and a span right after it of up to three
// capitalised words, no acronym, that no knowledge-base match fixed ("the
// Ministry of Health and NHS England", "Department of Justice and Apple"
// stay two), and no institution's head (a second institution, as
// SplitInstitutionsAtAnd reads one, is not joined back).
void OfficesOfTwoFields(const std::vector<Token>& tokens, const KeyViews& keys, const std::vector<int>& forced,
                        int org_label, std::vector<Span>* spans) {
  static const WordSet kOffices = {"ministry", "department", "office", "bureau", "institute", "school", "faculty",
                                   "commission", "committee", "council", "agency"};
  JoinNeighbours(spans, [&](const Span& office, const Span& next) -> std::optional<Span> {
    if (office.label != org_label || office.end - office.first < 3 || keys[office.first + 1] != "of" ||
        !kOffices.Has(keys[office.first]) || keys[office.end] != "and" || next.first != office.end + 1 ||
        next.end - next.first > 3 || forced[next.first] >= 0)
      return std::nullopt;
    // Not a whole institution of its own, which SplitInstitutionsAtAnd
    // cuts off.
    for (uint32_t k = next.first; k < next.end; ++k)
      if (tokens[k].kind != TokenKind::kWord || !tokens[k].upper || tokens[k].all_caps ||
          IsInstitutionNameHead(keys[k]))
        return std::nullopt;
    return Span{office.first, next.end, org_label, std::min(office.margin, next.margin)};
  });
}

// A people's word of the knowledge base before an office and its holder
// ("Djiboutian Infrastructure Minister Hassan Omar Ali", "Malaysian
// Transport Minister ..."): NORP, when the model left it out of every
// mention (it read the capitalised words as one title). The office: up to
// three capitalised words then a title word, on the same line; the word no
// other type's name in the knowledge base.
void PeoplesBeforeAnOffice(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                           const KnowledgeBase& kb, const std::vector<uint32_t>& cap_at, int norp_label,
                           float typical_margin, std::vector<Span>* spans) {
  const size_t n = tokens.size();
  std::vector<int32_t> at;
  std::vector<Span> add;
  for (const uint32_t k : cap_at) {  // the capitalised words, not every token
    if (k + 2 >= n || tokens[k].all_caps) continue;
    size_t t = k + 1;
    while (t < n && t - k <= 4 && tokens[t].upper && !tokens[t].all_caps && SpacedOnLine(text, tokens, t) &&
           TitleWordOf(keys[t]) != TitleWord::kTitle)
      ++t;
    if (t == k + 1 || t - k > 4 || t >= n || !tokens[t].upper || !SpacedOnLine(text, tokens, t) ||
        TitleWordOf(keys[t]) != TitleWord::kTitle)
      continue;
    if (at.empty()) MapSpans(*spans, n, &at);
    if (at[k] >= 0 || !KbNameOfType(kb, text, tokens, keys, k, k + 1, {v1::NORP}) ||
        KbNameOfType(kb, text, tokens, keys, k, k + 1, {v1::PERSON, v1::ORG, v1::LOC}))
      continue;
    add.push_back({k, k + 1, norp_label, typical_margin});
  }
  PutSpans(std::move(add), spans);
}

// A people's one-word name before a capitalised body of its nation is
// one organisation: "the Scottish Government", "the Scottish Greens",
// "Scottish Labour", "the Finnish Navy", "the Welsh Parliament" (the
// knowledge base had the people, and "Labour" the UK party, alone). The
// body: Government, Parliament, Army, Navy, Air Force, Police, Greens,
// Labour, Conservatives, Senate or Cabinet, with nothing capitalised after
// it; not inside a longer name ("the Free Syrian Army": a capitalised word
// before the people). (JoinNationalityOrg, run before, joins a people and
// a body the model or the knowledge base had as an organisation of its own
// and a trade word; this takes the bodies they had as nothing, or as a UK
// party.)
void NationalBodies(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, int norp_label,
                    int org_label, std::vector<Span>* spans) {
  static const WordSet kBodies = {"government", "parliament", "army", "navy", "police", "greens", "labour",
                                  "conservatives", "senate", "cabinet", "air"};
  std::vector<Span>& s = *spans;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  size_t w = 0;
  for (size_t x = 0; x < s.size(); ++x) {
    Span cur = s[x];
    uint32_t b = cur.end;
    if (cur.label == norp_label && cur.end == cur.first + 1 && b < n && tokens[b].upper && !tokens[b].all_caps &&
        kBodies.Has(keys[b]) && SpacedOnLine(text, tokens, b) &&
        (cur.first == 0 || !tokens[cur.first - 1].upper || keys[cur.first - 1] == "the" ||
         tokens[cur.first].sentence_start)) {
      uint32_t e = b + 1;
      if (keys[b] == "air") e = b + 1 < n && keys[b + 1] == "force" && tokens[b + 1].upper ? b + 2 : b;
      const bool alone = e > b && !CapitalisedNextOnLine(text, tokens, e);
      // The body's own span, if any, must be the body alone.
      const bool body_span = x + 1 < s.size() && s[x + 1].first == b;
      if (alone && (!body_span || s[x + 1].end == e) && (x + 1 >= s.size() || s[x + 1].first >= b)) {
        s[w++] = {cur.first, e, org_label, cur.margin};
        if (body_span) ++x;
        continue;
      }
    }
    s[w++] = cur;
  }
  s.resize(w);
}

// "Frenchman Lénaïc Dubois", "Dutchman Verhoeven": a nationality's noun
// for a man or a woman before a name is a NORP mention of its own, and the
// name after it a person's (the model had "Dutchman Verhoeven" one person
// and "Lénaïc Dubois" an organisation), or an organisation's before a
// role and a name ("Irishman Ryanair boss Michael O'Leary"). The name:
// capitalised words only, right after it on the line. So is a people's
// one-word name before a person's in one span of the model's ("the Swede
// Parnevik", "Austrian Polster"), when the document names that person in
// full elsewhere ("Jesper Parnevik").
void NationalsBeforeNames(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const KnowledgeBase& kb, int norp_label, int person_label, int org_label,
                          std::vector<Span>* spans) {
  static const WordSet kNationals = {
      "frenchman",  "frenchwoman", "dutchman", "dutchwoman", "englishman", "englishwoman", "irishman",
      "irishwoman", "scotsman",    "scotswoman", "welshman", "welshwoman", "cornishman",  "manxman"};
  auto capitalised = [&](uint32_t first, uint32_t end) {
    for (uint32_t k = first; k < end; ++k)
      if (tokens[k].kind == TokenKind::kWord && !tokens[k].upper && !IsNameConnector(keys[k])) return false;
    return tokens[first].upper;
  };
  // An organisation before a role and a person's name: "Dutchman Ajax coach
  // Francesco Farioli", "Irishman Ryanair boss Michael O'Leary".
  static const WordSet kRoles = {
      "coach", "boss", "chief", "legend", "captain", "striker", "manager", "owner", "founder", "director",
      "chairman", "president", "star", "winger", "midfielder", "defender", "goalkeeper", "forward", "rider",
      "driver", "player", "executive", "head", "leader", "spokesman", "spokeswoman", "teammate", "veteran"};
  auto before_role = [&](uint32_t end) {
    return end + 1 < tokens.size() && tokens[end].kind == TokenKind::kWord && !tokens[end].upper &&
           kRoles.Has(keys[end]) && tokens[end + 1].kind == TokenKind::kWord && tokens[end + 1].upper &&
           !tokens[end + 1].all_caps;
  };
  // A people's one-word name before a surname or a name ("the Swede
  // Parnevik", "from Austrian Polster"), which the model made one place or
  // person: the people, then the person. The rest: up to three capitalised
  // words that no match begins, no place's or organisation's word.
  auto people_word = [&](uint32_t k) {
    KnowledgeBase::Match m;
    return tokens[k].upper && !tokens[k].all_caps && (kb.WordTypes(keys[k]) & (1u << v1::NORP)) != 0 &&
           kb.LongestMatch(text, tokens, keys, k, &m) &&
           m.end_token == k + 1 && kb.entities()[static_cast<size_t>(m.entity)].type == v1::NORP;
  };
  // The document's people by the last word of their names ("Parnevik" of
  // "Jesper Parnevik"): the name after the people's word must be one of
  // them ("Tamil Tiger rebels" is none).
  auto a_surname = [&](std::string_view key) {
    for (const Span& sp : *spans)
      if (sp.label == person_label && sp.end - sp.first >= 2 && keys[sp.end - 1] == key) return true;
    return false;
  };
  auto a_persons_name = [&](uint32_t first, uint32_t end) {
    if (end - first > 3 || !capitalised(first, end) || !a_surname(keys[end - 1])) return false;
    KnowledgeBase::Match m;
    for (uint32_t k = first; k < end; ++k)
      if (tokens[k].all_caps || (NameWordFlags(keys[k]) & (kOrgWord | kPlaceWord | kTitleWord | kStopWord)) ||
          kb.LongestMatch(text, tokens, keys, k, &m))
        return false;
    return true;
  };
  std::vector<Span>& s = *spans;
  std::vector<Span> add;
  for (size_t x = 0; x < s.size(); ++x) {
    Span& sp = s[x];
    const std::string_view w = keys[sp.first];
    // Cheapest first: most spans are one word, or begin with no people's word.
    if (sp.end >= sp.first + 2 && sp.end - sp.first <= 4 && tokens[sp.first].upper && !tokens[sp.first].all_caps &&
        (sp.label == person_label || sp.label == LabelOf(v1::LOC, true) || sp.label == org_label) &&
        SpacedOnLine(text, tokens, sp.first + 1) && people_word(sp.first) && a_persons_name(sp.first + 1, sp.end)) {
      add.push_back(Span{sp.first + 1, sp.end, before_role(sp.end) ? org_label : person_label, sp.margin});
      sp.end = sp.first + 1;
      sp.label = norp_label;
      continue;
    }
    if (!tokens[sp.first].upper || w.size() < 7 || w[w.size() - 3] != 'm' || !kNationals.Has(w)) continue;
    if (sp.end > sp.first + 1 && sp.label == person_label && SpacedOnLine(text, tokens, sp.first + 1) &&
        capitalised(sp.first + 1, sp.end)) {
      add.push_back(Span{sp.first + 1, sp.end, before_role(sp.end) ? org_label : person_label, sp.margin});
      sp.end = sp.first + 1;
      sp.label = norp_label;
    } else if (sp.end == sp.first + 1 && sp.label == norp_label && x + 1 < s.size() && s[x + 1].first == sp.end &&
               s[x + 1].label != person_label && SpacedOnLine(text, tokens, sp.end) &&
               capitalised(s[x + 1].first, s[x + 1].end)) {
      s[x + 1].label = before_role(s[x + 1].end) ? org_label : person_label;
    }
  }
  InsertSpans(std::move(add), spans);
}

// A US state or a Canadian province in the wire's abbreviation keeps its
// full stop ("Dover, Del.", "RICHMOND, Va., Sept 3", "PINCHER FALLS,
// Alta."), as the gold writes it: the model's one-word
// place, before a glued stop; so does a person's "Jr." or "Sr." that ends
// the name ("Luis Ocampo Jr.").
void AbbreviationsWithTheirStop(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                                const std::vector<uint32_t>& cap_at, int loc_label, int person_label,
                                std::vector<Span>* spans) {
  static const WordSet kStates = {
      "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga",   "ill",  "ind",  "kan", "ky",
      "la",  "md",   "mass", "mich", "minn", "miss", "mo",  "mont", "neb", "nev", "okla", "ore", "pa",
      "tenn", "vt",  "va",  "wash", "wis",  "wyo"};
  // Canada's provinces as the Canadian Press writes them ("PINCHER FALLS,
  // Alta."): after a town and a comma only ("moved to Alta." is Norway's).
  static const WordSet kProvinces = {"alta", "sask", "man", "ont", "que", "nfld"};
  for (Span& sp : *spans) {
    if (sp.end >= tokens.size() || TokenText(text, tokens[sp.end]) != "." || !Glued(tokens, sp.end) ||
        !tokens[sp.end - 1].upper || tokens[sp.end - 1].all_caps)
      continue;
    const std::string_view last = keys[sp.end - 1];
    if ((sp.label == loc_label && sp.end == sp.first + 1 && kStates.Has(last)) ||
        (sp.label == person_label && sp.end > sp.first + 1 && (last == "jr" || last == "sr")))
      sp.end += 1;
  }
  // A town and its state in the wire's way ("ERIE, Pa. —", "Dover, Del.,
  // said"): the abbreviation after a comma and a capitalised word, before
  // its glued stop, is the state, and the town before it a place, whatever
  // the model had (organisations: "ERIE" and "Pa").
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<int32_t> at;
  std::vector<Span> add;
  for (const uint32_t k : cap_at) {
    if (k < 2 || k + 1 >= n || keys[k - 1] != "," || tokens[k].all_caps || TokenText(text, tokens[k + 1]) != "." ||
        !(kStates.Has(keys[k]) || kProvinces.Has(keys[k])) || !Glued(tokens, k + 1) || !SpacedOnLine(text, tokens, k) ||
        tokens[k - 2].kind != TokenKind::kWord || !tokens[k - 2].upper || !Glued(tokens, k - 1))
      continue;
    if (at.empty()) MapSpans(*spans, n, &at);
    if (at[k] >= 0) {
      Span& st = (*spans)[static_cast<size_t>(at[k])];
      if (st.first != k || st.end > k + 2) continue;
      st = {k, k + 2, loc_label, st.margin};
    } else {
      add.push_back({k, k + 2, loc_label, 0.f});
    }
    if (at[k - 2] >= 0) {
      Span& town = (*spans)[static_cast<size_t>(at[k - 2])];
      if (town.end == k - 1 && town.end - town.first <= 3 && LabelType(town.label) != v1::EVENT)
        town.label = loc_label;
    }
  }
  InsertSpans(std::move(add), spans);
  // "Mass" without its stop is the Catholic service ("every Mass this
  // weekend", "Mass attendance"), not Massachusetts.
  std::erase_if(*spans, [&](const Span& sp) {
    return sp.label == loc_label && sp.end == sp.first + 1 && keys[sp.first] == "mass" &&
           !(sp.end < n && TokenText(text, tokens[sp.end]) == "." && Glued(tokens, sp.end));
  });
}

// "Sen" is a senator's title before a name ("Sen. Amy Klobuchar", "Sen Amy
// Klobuchar", "Sen de Lima", a wrapped "Sen\nWendell Ford") and a surname
// after a given name ("Hun Sen met the king", "Amartya Sen won", "Sun Yat
// Sen"): the model, which reads it as a title, had "Hun Sen" as nothing and
// "Amartya Sen" as "Amartya". Right after a capitalised word (no place of
// the knowledge base: "Kentucky Sen, Mitch McConnell") that no span has or
// that ends a PERSON span, and before neither a full stop, a capitalised
// word nor a name's particle, it ends the person's name.
bool SenTitleAt(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, size_t k) {
  if (k + 1 >= tokens.size()) return false;
  const Token& n = tokens[k + 1];
  return (TokenText(text, n) == "." && Glued(tokens, k + 1)) || (n.kind == TokenKind::kWord && n.upper) ||
         (n.kind == TokenKind::kWord && (NameWordFlags(keys[k + 1]) & kConnectorWord));
}

void SenAsSurname(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                  const std::vector<uint32_t>& cap_at, const KnowledgeBase& kb, int person_label,
                  float typical_margin, std::vector<Span>* spans) {
  std::vector<int32_t> at;
  std::vector<Span> add;
  auto free_name_word = [&](uint32_t t) {
    const Token& p = tokens[t];
    return p.kind == TokenKind::kWord && p.upper && !p.all_caps && !(NameWordFlags(keys[t]) & (kStopWord | kTitleWord));
  };
  for (const uint32_t k : cap_at) {
    if (keys[k] != "sen" || k == 0 || tokens[k].all_caps || !SpacedOnLine(text, tokens, k) ||
        SenTitleAt(text, tokens, keys, k) || !free_name_word(k - 1))
      continue;
    if (KbNameOfType(kb, text, tokens, keys, k - 1, k, {v1::LOC})) continue;
    if (at.empty()) MapSpans(*spans, tokens.size(), &at);
    if (at[k] >= 0) continue;
    if (at[k - 1] >= 0) {
      Span& sp = (*spans)[static_cast<size_t>(at[k - 1])];
      if (sp.label != person_label || sp.end != k) continue;
      sp.end = k + 1;
    } else {
      uint32_t first = k - 1;  // "Sun Yat Sen": the given names no span has
      while (first > 0 && at[first - 1] < 0 && free_name_word(first - 1) && SpacedOnLine(text, tokens, first) &&
             k - first < 4)
        --first;
      add.push_back(Span{first, k + 1, person_label, typical_margin});
    }
  }
  InsertSpans(std::move(add), spans);
}

// After the document's consistency steps: "Sen" alone as a person where it
// is a title ("Amartya Sen ... Sen. Amy Klobuchar" had the second "Sen" a
// repeat of the surname).
void DropSenTitles(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                   std::vector<Span>* spans) {
  std::erase_if(*spans, [&](const Span& sp) {
    return sp.end == sp.first + 1 && keys[sp.first] == "sen" && SenTitleAt(text, tokens, keys, sp.first);
  });
}

// A place of the knowledge base that says where a company is from, before
// the kind of company it is: "a small York firm", "a two-year-old Lisbon
// start-up", "the Porto lender" (the model had such places as nothing).
// One word, untagged, after a lower-case word and before the company noun
// in lower case.
template <typename KbPlaceFn>
void PlacesBeforeCompanyNouns(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                              const std::vector<uint32_t>& cap_at, const KbPlaceFn& kb_place, int loc_label,
                              float typical_margin, std::vector<Span>* spans) {
  std::vector<int32_t> at;
  std::vector<Span> add;
  for (uint32_t k : cap_at) {
    if (k == 0 || k + 1 >= tokens.size() || tokens[k].sentence_start || tokens[k].all_caps) continue;
    const Token &prev = tokens[k - 1], &next = tokens[k + 1];
    if (prev.kind != TokenKind::kWord || prev.upper || next.kind != TokenKind::kWord || next.upper ||
        !SpacedOnLine(text, tokens, k) || !SpacedOnLine(text, tokens, k + 1))
      continue;
    if (!kb_place(k)) continue;
    const bool start_up = keys[k + 1] == "start" && k + 3 < tokens.size() && keys[k + 2] == "-" &&
                          keys[k + 3] == "up" && Glued(tokens, k + 2) && Glued(tokens, k + 3);
    if (!start_up && !IsCompanyNoun(keys[k + 1])) continue;
    if (at.empty()) MapSpans(*spans, tokens.size(), &at);
    if (at[k] >= 0) continue;
    add.push_back(Span{k, k + 1, loc_label, typical_margin});
  }
  InsertSpans(std::move(add), spans);
}

// A capitalised word the model left out, right before a facility's head
// word, is the facility's name ("outside Downing Street", "Evin Prison"):
// not at a sentence's start, not a stop or title word, and no longer name
// going on after the head.
void UntaggedFacilities(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        const std::vector<uint32_t>& cap_at, int loc_label, float typical_margin,
                        std::vector<Span>* spans) {
  auto next_on_line = [&](uint32_t k) { return CapitalisedNextOnLine(text, tokens, k); };
  thread_local std::vector<uint8_t> in_span;
  in_span.assign(tokens.size(), 0);
  for (const Span& sp : *spans)
    for (uint32_t k = sp.first; k < sp.end; ++k) in_span[k] = 1;
  std::vector<Span> facilities;
  for (uint32_t c : cap_at) {
    if (tokens[c].sentence_start || in_span[c] || !next_on_line(c + 1) || in_span[c + 1] || next_on_line(c + 2))
      continue;
    // (A venue's head that is a surname too as VenueAt says: "at the Spodek
    // Arena".)
    const bool venue = kVenueHeads.Has(keys[c + 1]) && VenueAt(tokens, keys, c);
    if (!(kFacilityHeads.Has(keys[c + 1]) || venue) || (NameWordFlags(keys[c]) & (kStopWord | kTitleWord))) continue;
    facilities.push_back({c, c + 2, loc_label, typical_margin});
    in_span[c] = in_span[c + 1] = 1;
  }
  PutSpans(std::move(facilities), spans);
}

// Two names joined by a Romance connector are one name of the first's type
// ("Ile" + "de la" + "Cite", "Pedro Calderón" + "de la" + "Barca",
// "Museo" + "del" + "Prado"): the model splits at the lower-case words.
// A capitalised word after the connectors that no span holds joins too.
// Dutch, German and Afrikaans particles join a person's given name and
// surname so ("Pieter" + "van der" + "Merwe", "Josh" + "van der" +
// "Flier", "Marc-André" + "ter" + "Stegen"), after a PERSON span only
// ("ten" is not among them: "Arsenal ten Premier League titles").
// A person's surname that begins with its particles where no capitalised
// word stands before them ("losing to van der Hoek", "said de la Garza",
// "Starmer called ap Iorwerth") takes them in: the model, trained on
// names that begin with capitals, had "Hoek" and "Garza"; a one-word
// place or organisation after "van", "von" or two particles becomes the
// person ("said de la Rosa": "Rosa" a place).
void JoinRomanceConnectors(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                           int person_label, std::vector<Span>* spans) {
  static const WordSet connectors = {"de", "la", "du", "des", "del", "della", "di", "da", "dos", "le", "los", "las"};
  // (And, between a person's names only, the Germanic particles and the
  // Filipino and Portuguese ones: "Juan dela Cruz"; not "in Davao dela
  // Rosa said".)
  static const WordSet germanic = {"van", "von", "der", "den", "ter", "vom", "zu", "dela", "delos", "das"};
  auto spaced = [&](uint32_t k) { return SpacedOnLine(text, tokens, k); };
  auto& s = *spans;
  for (size_t x = 0; x < s.size(); ++x) {
    uint32_t k = s[x].end;
    int n = 0;
    const bool person = LabelType(s[x].label) == v1::PERSON;
    while (n < 2 && spaced(k) && tokens[k].kind == TokenKind::kWord && !tokens[k].upper &&
           (connectors.Has(keys[k]) || (person && germanic.Has(keys[k]))))
      ++k, ++n;
    if (n == 0 || !spaced(k) || tokens[k].kind != TokenKind::kWord || !tokens[k].upper) continue;
    uint32_t end = k + 1;
    if (x + 1 < s.size() && s[x + 1].first == k) {
      end = s[x + 1].end;
      s.erase(s.begin() + static_cast<std::ptrdiff_t>(x) + 1);
    } else if (x + 1 < s.size() && s[x + 1].first < end) {
      continue;
    }
    s[x].end = end;
    --x;  // the joined name may join on
  }
  // A surname's own particles before it: the first one of those that begin
  // surnames, a second one of those that follow them ("van der", "de la",
  // "von der"), spaced on the line, and before them no capitalised word
  // (a given name the join above would have taken) and no span.
  static const WordSet first_particles = {"van", "von", "de",  "da", "dos", "das", "du",    "della",
                                          "di",  "del", "ter", "ap", "ab",  "dela", "delos"};
  static const WordSet second_particles = {"der", "den", "de", "la", "le", "het", "los", "las"};
  // (A particle is a short word beginning with one of their letters, the
  // second ones' too: the cheap test first.)
  auto particle_like = [&](uint32_t k) {
    const std::string_view w = keys[k];
    return w.size() <= 5 && !w.empty() &&
           (w[0] == 'v' || w[0] == 'd' || w[0] == 't' || w[0] == 'a' || w[0] == 'l' || w[0] == 'h');
  };
  for (size_t x = 0; x < s.size(); ++x) {
    const uint32_t f = s[x].first;
    if (f == 0 || !particle_like(f - 1)) continue;
    const bool person = LabelType(s[x].label) == v1::PERSON;
    // A one-word place or organisation after "van", "von" or two particles
    // is a surname too ("said de la Rosa": the model had a place).
    if ((!person && s[x].end != f + 1) || f == 0 || !spaced(f)) continue;
    uint32_t b = f;
    // (Two particles may open a sentence: "De los Santos, 19, books ...".)
    if (b >= 2 && tokens[b - 1].kind == TokenKind::kWord && !tokens[b - 1].upper &&
        second_particles.Has(keys[b - 1]) && spaced(b - 1) && first_particles.Has(keys[b - 2]) &&
        tokens[b - 2].kind == TokenKind::kWord && (!tokens[b - 2].upper || tokens[b - 2].sentence_start))
      b -= 2;
    else if (tokens[b - 1].kind == TokenKind::kWord && !tokens[b - 1].upper && first_particles.Has(keys[b - 1]))
      b -= 1;
    if (b == f || (!person && f - b < 2 && keys[b] != "van" && keys[b] != "von")) continue;
    // A given name before the particles that no span holds joins a
    // person's surname ("Prosecutor Huamán de la Torre": the model had
    // "Torre" alone); a sentence's first word that is no name's leaves the
    // particles to the surname ("Later von der Leyen said"); any other
    // capitalised word there leaves the span.
    if (b > 0 && spaced(b) && tokens[b - 1].kind == TokenKind::kWord && tokens[b - 1].upper &&
        !(tokens[b - 1].sentence_start && !tokens[b - 1].all_caps && !NameWordAt(tokens, keys, b - 1))) {
      if (!person || tokens[b - 1].all_caps || !NameWordAt(tokens, keys, b - 1) ||
          (NameWordFlags(keys[b - 1]) & kOrgWord) || (x > 0 && s[x - 1].end > b - 1))
        continue;
      --b;
      // (A given name in two parts: "Jan-Willem van den Broek".)
      if (b >= 2 && IsHyphenToken(text, tokens[b - 1]) && Glued(tokens, b - 1) && Glued(tokens, b) &&
          NameWordAt(tokens, keys, b - 2) && !tokens[b - 2].all_caps)
        b -= 2;
    }
    if (x > 0 && s[x - 1].end > b) continue;
    s[x].first = b;
    if (!person) s[x].label = person_label;
  }
}

// Welsh and Irish patronymic particles ("Rhun ap Iorwerth", "Seán Ó
// hUiginn", "Áine Ní Bhriain", "Máire Nic Giolla Phádraig"): a given name
// (a PERSON span, or a capitalised word no span has), the particle and
// the surname's capitalised words, or an Irish surname after its
// particle's mutation ("hUiginn", "mBriain"), are one PERSON. The model,
// which never saw these particles, split the names or dropped them.
bool IsCelticParticle(std::string_view word) {
  return word == "ap" || word == "ab" || word == "ferch" || word == "verch" || word == "\u00d3" ||
         word == "N\u00ed" || word == "Nic" || word == "Mhic" || word == "U\u00ed" || word == "Ua";
}

bool CelticSurnameWord(std::string_view word, const Token& t) {
  if (t.kind != TokenKind::kWord) return false;
  if (t.upper) return true;
  // "hUiginn", "nGallchobhair", "mBriain", "bhFeargail": a mutation in lower
  // case before the capital.
  size_t p = 0;
  while (p < word.size() && p < 2 && word[p] >= 'a' && word[p] <= 'z') ++p;
  return p > 0 && p < word.size() && ((word[p] >= 'A' && word[p] <= 'Z') || static_cast<unsigned char>(word[p]) >= 0xC3);
}

void JoinCelticParticles(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                         const DocWords& words, int person_label, float typical_margin, std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<int32_t> at;
  std::vector<Span> add;
  std::vector<uint8_t> drop;
  uint32_t next = 1;  // tokens before this one are inside a name already joined
  auto try_at = [&](uint32_t k) {
    if (k < next || k == 0 || k + 1 >= n) return;
    // A particle is a short word (at most five bytes) whose first byte is
    // one of theirs.
    const uint32_t len = tokens[k].end_byte - tokens[k].begin_byte;
    if (len > 5 || tokens[k].kind != TokenKind::kWord) return;
    const unsigned char b0 = static_cast<unsigned char>(text[tokens[k].begin_byte]);
    if (!(b0 == 'a' || b0 == 'f' || b0 == 'v' || b0 == 'N' || b0 == 'M' || b0 == 'U' || b0 == 0xC3)) return;
    if (!IsCelticParticle(TokenText(text, tokens[k])) || !SpacedOnLine(text, tokens, k) ||
        !SpacedOnLine(text, tokens, k + 1) || !CelticSurnameWord(TokenText(text, tokens[k + 1]), tokens[k + 1]) ||
        !(tokens[k - 1].kind == TokenKind::kWord && tokens[k - 1].upper) ||
        TitleWordOf(keys[k - 1]) != TitleWord::kNone)  // "MP Nic Dakin": "Nic" the given name
      return;
    if (at.empty()) {
      MapSpans(*spans, n, &at);
      drop.assign(spans->size(), 0);
    }
    uint32_t end = k + 2;
    // "Nic Giolla Phádraig": more capitalised words of the surname.
    while (end < n && end < k + 4 && tokens[end].kind == TokenKind::kWord && tokens[end].upper &&
           SpacedOnLine(text, tokens, end))
      ++end;
    for (uint32_t t = k; t < end; ++t)
      if (at[t] >= 0) drop[static_cast<size_t>(at[t])] = 1;
    // A chain of patronymics ("Dafydd ap Gruffudd ap Llywelyn") is one name.
    if (!add.empty() && k - 1 < add.back().end) {
      add.back().end = end;
      next = end;
      return;
    }
    // The given name: a PERSON span ending right before the particle, else
    // the capitalised word there (an ORG or place span the model ran over
    // it keeps its other words: "Councillor" + "Gwilym ap Rhys").
    uint32_t first = k - 1;
    if (at[k - 1] >= 0) {
      Span& sp = (*spans)[static_cast<size_t>(at[k - 1])];
      if (LabelType(sp.label) == v1::PERSON) first = sp.first;
      if (sp.first < first) {
        sp.end = first;
        bool titles = true;
        for (uint32_t t = sp.first; t < sp.end && titles; ++t) titles = TitleWordOf(keys[t]) != TitleWord::kNone;
        if (titles) drop[static_cast<size_t>(at[k - 1])] = 1;
      } else {
        drop[static_cast<size_t>(at[k - 1])] = 1;
      }
    }
    add.push_back(Span{first, end, person_label, typical_margin});
    next = end;
  };
  // A particle follows its capitalised given name: only the tokens after
  // the document's capitalised words are asked.
  for (uint32_t c : words.cap_at()) try_at(c + 1);
  DropAndInsert(drop, std::move(add), spans);
}

bool IsNameConnector(std::string_view k) {
  return k == "of" || k == "for" || k == "the" || k == "and" || k == "de" || k == "la" || k == "del" || k == "di" ||
         k == "da" || k == "du" || k == "van" || k == "von" || k == "der" || k == "al" || k == "bin" || k == "in";
}

// A name of two words or more that the document tags whole once is whole
// wherever the same words, capitalised alike, stand together on one line
// ("South Korea's Moon Jae-in" had only "Jae" where a later "Moon Jae-in"
// was whole): the occurrence takes the name's label, in place of the spans
// inside it; one that a span crosses is left as it is. Each distinct name
// once, longest first; the comparisons are bounded by a budget per token,
// so a document of endless repeats costs what a normal one does.
void CompleteRepeatedNames(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                           const std::vector<uint32_t>& cap_at, std::vector<Span>* spans) {
  auto& s = *spans;
  // Names of capitalised words, joined by punctuation or a connector
  // ("Popular Front for the Liberation of Palestine", "Hewlett-Packard");
  // a span with another lower-case word ("U.N. resolution") is the
  // model's slip more often than a name, and is not spread. Two words of
  // two letters or more at least ("U.S" is one name's letters).
  struct Name {
    uint64_t words, first;  // hashes of the words (and their case) and of the first word
    uint32_t span;
  };
  thread_local std::vector<Name> whole;
  whole.clear();
  for (uint32_t x = 0; x < s.size(); ++x) {
    const Span& sp = s[x];
    bool name = sp.end - sp.first >= 2 && tokens[sp.first].upper && tokens[sp.end - 1].upper;
    int words = 0;
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (uint32_t k = sp.first; k < sp.end && name; ++k) {
      name = tokens[k].upper || tokens[k].kind == TokenKind::kPunct || IsNameConnector(keys[k]);
      words += tokens[k].kind == TokenKind::kWord && tokens[k].end_byte - tokens[k].begin_byte >= 2;
      h = learn::HashMix(h, learn::HashBytes(keys[k]) + (tokens[k].upper ? 1 : 0));
    }
    if (name && words >= 2) whole.push_back({h, learn::HashBytes(keys[sp.first]), x});
  }
  if (whole.empty()) return;
  std::sort(whole.begin(), whole.end(),
            [](const Name& a, const Name& b) { return a.words != b.words ? a.words < b.words : a.span < b.span; });
  whole.erase(std::unique(whole.begin(), whole.end(), [](const Name& a, const Name& b) { return a.words == b.words; }),
              whole.end());
  std::stable_sort(whole.begin(), whole.end(), [&](const Name& a, const Name& b) {
    return s[a.span].end - s[a.span].first > s[b.span].end - s[b.span].first;
  });
  // Where the names' first words stand: the capitalised words whose key's
  // hash is a first word's, by hash.
  thread_local std::vector<uint64_t> firsts;
  thread_local std::vector<std::pair<uint64_t, uint32_t>> starts;
  firsts.clear();
  starts.clear();
  for (const Name& n : whole) firsts.push_back(n.first);
  std::sort(firsts.begin(), firsts.end());
  for (uint32_t c : cap_at) {
    const uint64_t h = learn::HashBytes(keys[c]);
    if (std::binary_search(firsts.begin(), firsts.end(), h)) starts.emplace_back(h, c);
  }
  std::sort(starts.begin(), starts.end());
  // The span over each token (-1: none), and the tokens new names took.
  thread_local std::vector<int32_t> span_at;
  thread_local std::vector<uint8_t> taken;
  MapSpans(s, tokens.size(), &span_at);
  taken.assign(tokens.size(), 0);
  std::vector<Span> put;
  size_t budget = 32 * tokens.size() + 1024;
  for (const Name& n : whole) {
    const uint32_t x = n.span;
    const Span w = s[x];
    const uint32_t len = w.end - w.first;
    const uint64_t first = n.first;
    auto it = std::lower_bound(starts.begin(), starts.end(), std::make_pair(first, uint32_t{0}));
    for (; it != starts.end() && it->first == first && budget > 0; ++it, --budget) {
      const uint32_t p = it->second;
      if (p + len > tokens.size() || span_at[p] == static_cast<int32_t>(x)) continue;
      bool same = keys[p] == keys[w.first];
      for (uint32_t k = 1; k < len && same; ++k)
        same = keys[p + k] == keys[w.first + k] && tokens[p + k].upper == tokens[w.first + k].upper &&
               !NewlineBetween(text, tokens[p + k - 1], tokens[p + k]) && !taken[p + k];
      if (!same || taken[p]) continue;
      const int32_t a = span_at[p], b = span_at[p + len - 1];
      const bool crossed = (a >= 0 && s[a].first < p) || (b >= 0 && s[b].end > p + len);
      const bool exact = a >= 0 && a == b && s[a].first == p && s[a].end == p + len;
      if (crossed || exact) continue;
      put.push_back({p, p + len, w.label, w.margin});
      for (uint32_t k = p; k < p + len; ++k) taken[k] = 1;
    }
  }
  if (put.empty()) return;
  std::erase_if(s, [&](const Span& sp) { return taken[sp.first] != 0; });
  s.insert(s.end(), put.begin(), put.end());
  std::sort(s.begin(), s.end(), [](const Span& a, const Span& b) { return a.first < b.first; });
}

// The nouns after "X-based" that make X a place where the knowledge base
// has none ("a Kyushu-based chipmaker", "the Gliwice-based group"; not
// "Android-based phones").
bool BasedWhoIs(std::string_view key) {
  static const WordSet k = {"group", "charity", "organisation", "organization", "club", "team", "think-tank",
                            "agency", "non-profit", "nonprofit", "ngo", "consultancy", "campaigner", "band",
                            "artist", "journalist", "researcher", "analyst", "lawyer", "architect", "gallery"};
  return IsCompanyNoun(key) || k.Has(key);
}

// "Paris-based", "London-born": a place of the knowledge base glued to
// "-based" or "-born" is a LOC mention, whatever the model made of it (the
// model had "the Brussels-based lobby" as ORG and "the Paris-based agency"
// as nothing). The place may be up to three words ("New York-based"); one
// capitalised word the knowledge base lacks is a place before a kind of
// company or group (BasedWhoIs), not an organisation's or person's name. It
// takes the margin of what it replaces, at least a typical one
// (`typical_margin`: a score of 0.88). What is based there, after it, is an
// organisation.
void PlacesBeforeBased(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                       const std::vector<uint32_t>& cap_at, const KnowledgeBase& kb, float typical_margin,
                       std::vector<Span>* spans) {
  std::vector<Span> places;
  for (uint32_t c : cap_at) {  // the capitalised words: the place's last one comes right before the hyphen
    const uint32_t k = c + 2;
    if (k >= tokens.size() || !(keys[k] == "based" || keys[k] == "born")) continue;
    const Token& h = tokens[k - 1];
    if (keys[k - 1] != "-" || h.begin_byte != tokens[k - 2].end_byte || tokens[k].begin_byte != h.end_byte) continue;
    uint32_t first = k - 1;
    for (uint32_t j = k >= 4 ? k - 4 : 0; j + 1 < k && first == k - 1; ++j) {
      if (tokens[j].upper && KbNameOfType(kb, text, tokens, keys, j, k - 1, {v1::LOC})) first = j;
    }
    if (first == k - 1 && keys[k] == "based" && k + 1 < tokens.size() && BasedWhoIs(keys[k + 1]) &&
        !tokens[c].all_caps && (c == 0 || !CapitalisedNextOnLine(text, tokens, c)) &&
        !KbNameOfType(kb, text, tokens, keys, c, c + 1, {v1::ORG, v1::PERSON}))
      first = c;  // a place the knowledge base lacks, before a kind of company or group
    if (first == k - 1) continue;
    places.push_back({first, k - 1, LabelOf(v1::LOC, true), typical_margin});
    // The capitalised words right after "-based" name what is based there,
    // a company or a group ("Nairobi-based Kilima Tea Brokers",
    // "Seattle-based Amazon"), unless they are a people or a place the
    // knowledge base knows ("a Paris-based Lebanese artist").
    uint32_t end = k + 1;
    while (keys[k] == "based" && end < tokens.size() && end - k <= 4 && CapitalisedNextOnLine(text, tokens, end) &&
           NameWordAt(tokens, keys, end))
      ++end;
    // The model's own name there stays when it is an organisation or goes
    // on past the words ("the London-based International Institute for
    // Strategic Studies").
    bool own = false;
    if (end > k + 1) {
      // The spans over [k + 1, end): from the last one that begins before
      // its end, back while they reach into it (spans are sorted and apart).
      auto it = std::lower_bound(spans->begin(), spans->end(), end,
                                 [](const Span& sp, uint32_t t) { return sp.first < t; });
      while (it != spans->begin() && std::prev(it)->end > k + 1) {
        --it;
        own |= it->end > end || it->first < k + 1 || LabelType(it->label) == v1::ORG;
      }
    }
    // (Not two letters alone: a role, "the London-based DJ".)
    const bool role = end == k + 2 && TokenText(text, tokens[k + 1]).size() <= 2;
    if (end > k + 1 && !own && !role &&
        !KbNameOfType(kb, text, tokens, keys, k + 1, k + 2, {v1::NORP, v1::LOC, v1::PERSON}))
      places.push_back({k + 1, end, LabelOf(v1::ORG, true), typical_margin});
  }
  PutSpans(std::move(places), spans);
}

// A line of figures: one to four capitalised words in mixed case (no stop,
// title, month or weekday word) at the line's start, then nothing but two
// or more numbers, spaces apart ("Tiger Woods 68 70", "Arsenal 10 7 2 1 20
// 8 23": a leaderboard's or a table's row; not "Fax 555-1234", "Page 2 /
// 10" or "Updated 10:45"). One word alone must have such a line next to it
// ("Temperature 21 25" by itself is no table). The words are a name, of
// whatever type the model gives them: each is marked kNamed where nothing
// fixed it.
void MarkFigureRows(const std::vector<Token>& tokens, const KeyViews& keys, std::vector<int>* forced) {
  const size_t n = tokens.size();
  struct Row {
    size_t a, k, b;  // line [a, b), name [a, k)
  };
  std::vector<Row> rows;
  for (size_t a = 0; a < n;) {
    size_t b = a + 1;
    while (b < n && !tokens[b].line_break_before) ++b;
    size_t k = a;
    while (k < b && k - a < 5 && NameWordAt(tokens, keys, static_cast<uint32_t>(k)) && !tokens[k].all_caps) ++k;
    bool figures = k > a && k - a <= 4 && b - k >= 2;
    for (size_t t = k; t < b && figures; ++t)
      figures = tokens[t].kind == TokenKind::kNumber && tokens[t].begin_byte > tokens[t - 1].end_byte;
    if (figures) rows.push_back({a, k, b});
    a = b;
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    const bool beside = (r > 0 && rows[r - 1].b == rows[r].a) || (r + 1 < rows.size() && rows[r + 1].a == rows[r].b);
    if (rows[r].k - rows[r].a == 1 && !beside) continue;
    for (size_t t = rows[r].a; t < rows[r].k; ++t)
      if ((*forced)[t] == -1) (*forced)[t] = kNamed;
  }
}

// A country's or region's sports body is named by the sport and the place
// ("Athletics Kenya", "Cricket Australia", "Hockey India"), and an airline
// by "Air" and the place ("Air Canada", "Air India"): a place span right
// after a capitalised sport word or "Air" on its line, no span over that
// word, becomes one ORG with it (the model had the place alone).
void SportsBodies(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, int loc_label,
                  int org_label, std::vector<Span>* spans) {
  std::vector<Span>& s = *spans;
  for (size_t x = 0; x < s.size(); ++x) {
    Span& sp = s[x];
    if (sp.label != loc_label || sp.first == 0) continue;
    const uint32_t k = sp.first - 1;
    if (tokens[k].kind != TokenKind::kWord || !tokens[k].upper || tokens[k].all_caps ||
        !(IsSportWord(keys[k]) || keys[k] == "air") ||
        !SpacedOnLine(text, tokens, sp.first) || (x > 0 && s[x - 1].end > k))
      continue;
    sp = {k, sp.end, org_label, sp.margin};
  }
}

// Two places joined by a hyphen ("the Juba-Nimule road", "the
// Batken-Isfara highway") are two mentions: a place's span of a word, a
// glued hyphen and a word, both capitalised (not a dateline's capitals),
// the first a place of the knowledge base and the whole no name of it
// ("Guinea-Bissau", "Bosnia-Herzegovina" stay whole; "Okafor-Bello" and
// "Ms Valencia-Ortiz" are no pair of places, whatever the model typed them).
void SplitPlacePairs(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                     const KnowledgeBase& kb, int loc_label, std::vector<Span>* spans) {
  std::vector<Span> seconds;
  for (Span& sp : *spans) {
    const uint32_t a = sp.first, b = sp.first + 2;
    if (sp.label != loc_label || sp.end != a + 3 || !IsHyphenToken(text, tokens[a + 1]) || !Glued(tokens, a + 1) ||
        !Glued(tokens, b) || tokens[a].kind != TokenKind::kWord || tokens[b].kind != TokenKind::kWord ||
        !tokens[a].upper || !tokens[b].upper || tokens[a].all_caps || tokens[b].all_caps)
      continue;
    // A person's title before it ("Ms Valencia-Ortiz", "Mr Santiago-Ramos").
    if ((a > 0 && (NameWordFlags(keys[a - 1]) & kTitleWord)) || !KbNameOfType(kb, text, tokens, keys, a, a + 1, {v1::LOC}) ||
        KbNameOfType(kb, text, tokens, keys, a, b + 1, {v1::LOC, v1::ORG, v1::PERSON, v1::NORP, v1::EVENT}))
      continue;
    sp.end = a + 1;
    seconds.push_back({b, b + 1, loc_label, sp.margin});
  }
  if (!seconds.empty()) InsertSpans(std::move(seconds), spans);
}

// A place's name before a geographic word in lower case is a place's: "the
// Tonle Sap lake", "Quang Ngai and Binh Dinh provinces", "the Mekong
// delta", and so is a pipeline's, an interconnector's or a canal's ("the
// Transmed pipeline") (the model had organisations and persons). A span of up to three
// tokens, a person's or an organisation's without an organisation's word,
// right before the word, and the spans of a list before it joined by "and",
// "or" or commas (and before "border crossing"). Not "state" ("a Biden state visit"), "town" or "city",
// nor before a body's word ("the Philippine coast guard", "county council").
void PlacesBeforeGeoNouns(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const KnowledgeBase& kb, int loc_label, int person_label, int org_label,
                          std::vector<Span>* spans) {
  static const WordSet kGeoNouns = {
      "province", "provinces", "district", "districts", "county", "counties", "region", "regions",
      "river", "rivers", "lake", "lakes", "valley", "island", "islands", "mountains", "peninsula",
      "desert", "delta", "basin", "municipality", "prefecture", "prefectures", "governorate", "oblast",
      "canton", "archipelago", "plateau", "highlands", "coast", "bay", "pipeline", "interconnector", "canal",
      // water's mouths and reefs, a dam, a crossing ("the Wouri estuary", "the
      // Galafi border crossing"; not a field or a mine, as often a company's:
      // "the Tullow field", "the Zijin mine")
      "estuary", "lagoon", "reef", "glacier", "gorge", "wetlands", "hills", "dam", "crossing"};
  // A body the words name together ("the Philippine coast guard", "a
  // Harris county court").
  static const WordSet kBodiesAfter = {
      "guard", "guards", "council", "court", "attorney", "authority", "commission", "board", "government",
      "police", "administration", "assembly", "office"};
  std::vector<Span>& s = *spans;
  const size_t n = tokens.size();
  // Not a name that begins with an organisation's of the knowledge base
  // ("the Islamic State Khorasan province", "the Google Cloud region").
  auto retypable = [&](const Span& sp) {
    if (sp.end - sp.first > 3 || !(sp.label == person_label || sp.label == org_label)) return false;
    for (uint32_t k = sp.first; k < sp.end; ++k)
      if (NameWordFlags(keys[k]) & kOrgWord) return false;
    KnowledgeBase::Match m;
    return !(kb.LongestMatch(text, tokens, keys, sp.first, &m) && m.end_token <= sp.end &&
             EntityOfType(kb, m, v1::ORG) != nullptr);
  };
  for (size_t x = 0; x < s.size(); ++x) {
    const uint32_t e = s[x].end;
    const bool border_crossing = e + 1 < n && keys[e] == "border" && keys[e + 1] == "crossing";
    if (e >= n || tokens[e].kind != TokenKind::kWord || tokens[e].upper || !(kGeoNouns.Has(keys[e]) || border_crossing) ||
        !SpacedOnLine(text, tokens, e) || (e + 1 < n && Glued(tokens, e + 1) && IsHyphenToken(text, tokens[e + 1])) ||
        (e + 1 < n && kBodiesAfter.Has(keys[e + 1])))
      continue;
    for (size_t y = x + 1; y-- > 0;) {
      if (y < x) {
        const uint32_t j = s[y].end;
        if (s[y + 1].first != j + 1 || !(keys[j] == "and" || keys[j] == "or" || keys[j] == ",")) break;
      }
      if (s[y].label == loc_label) continue;
      if (!retypable(s[y])) break;
      s[y].label = loc_label;
    }
  }
}

// "Lake", "Mount" or "Cape" before a place's span is its first word ("Lake
// Issyk-Kul", "Mount Elgon"; the knowledge base had the name without it).
void GeoPrefixesOfPlaces(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                         int loc_label, std::vector<Span>* spans) {
  std::vector<Span>& s = *spans;
  size_t w = 0;
  for (size_t x = 0; x < s.size(); ++x) {
    Span cur = s[x];
    const uint32_t p = cur.first - 1;
    if (cur.label == loc_label && cur.first > 0 && tokens[p].kind == TokenKind::kWord && tokens[p].upper &&
        !tokens[p].all_caps && (keys[p] == "lake" || keys[p] == "mount" || keys[p] == "mt" || keys[p] == "cape") &&
        SpacedOnLine(text, tokens, cur.first)) {
      if (w > 0 && s[w - 1].end > p) {
        if (s[w - 1].first != p || s[w - 1].end != cur.first) {
          s[w++] = cur;
          continue;
        }
        --w;  // the prefix's own span ("Lake" alone)
      }
      cur.first = p;
    }
    s[w++] = cur;
  }
  s.resize(w);
}

// A one-word person in a list of places is a place where the knowledge
// base has the word as a place and no person ("marched in Paris, Lyon and
// Marseille"; the model had "Lyon" a surname): the list's names joined by
// commas, "and" or "or", two others at least, all the knowledge base's
// places ("Bush, Rubio, Paul, Cruz" are the model's places, no list of them).
void PlacesInAListOfPlaces(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                           const KnowledgeBase& kb, int loc_label, int person_label, std::vector<Span>* spans) {
  std::vector<Span>& s = *spans;
  // Whether spans a and b (a before b) are neighbours in a list.
  auto joined = [&](size_t a, size_t b) {
    const uint32_t e = s[a].end, f = s[b].first;
    auto sep = [&](uint32_t k) { return keys[k] == "," || keys[k] == "and" || keys[k] == "or"; };
    return (f == e + 1 && sep(e)) || (f == e + 2 && keys[e] == "," && (keys[e + 1] == "and" || keys[e + 1] == "or"));
  };
  for (size_t x = 0; x < s.size(); ++x) {
    if (s[x].label != person_label || s[x].end != s[x].first + 1) continue;
    // A neighbour that is a place of the model's and of the knowledge base's.
    auto place = [&](const Span& sp) {
      return sp.label == loc_label && KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::LOC});
    };
    size_t before = 0, after = 0;
    for (size_t y = x; y > 0 && joined(y - 1, y) && place(s[y - 1]); --y) ++before;
    for (size_t y = x; y + 1 < s.size() && joined(y, y + 1) && place(s[y + 1]); ++y) ++after;
    if (before + after < 2) continue;
    // A place of the knowledge base's; or, between places on both sides, a
    // word the base knows as no person ("museums in Naples, Florence and
    // Tunis": a given name the base leaves out of its places).
    KnowledgeBase::Match m;
    const bool matched = kb.LongestMatch(text, tokens, keys, s[x].first, &m) && m.end_token == s[x].end;
    if (matched ? EntityOfType(kb, m, v1::LOC) != nullptr && EntityOfType(kb, m, v1::PERSON) == nullptr
                : before > 0 && after > 0)
      s[x].label = loc_label;
  }
}

// A town named with its river or sea ("Wijk aan Zee", "Frankfurt am
// Main", "Alphen aan den Rijn", "Newcastle upon Tyne", "Kingston upon
// Thames"): a capitalised word, "aan", "am" or "upon" (and "den" or
// "der"), one capitalised word, on one line, is one LOC in place of the
// spans there (the model had two persons or nothing); not inside a longer
// span, nor after a function word ("I am Sam"); before "upon" a name the
// model found, not first in its sentence ("Sanctions upon Russia").
void TownsOnTheirWater(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                       const std::vector<uint32_t>& cap_at, int loc_label, std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<int32_t> at;
  std::vector<Span> add;
  for (const uint32_t c : cap_at) {  // the town's word, then the preposition
    const uint32_t k = c + 1;
    if (k + 1 >= n || tokens[k].kind != TokenKind::kWord || tokens[k].upper ||
        (keys[k] != "aan" && keys[k] != "am" && keys[k] != "upon"))
      continue;
    uint32_t w = k + 1;  // the water's word
    if ((keys[w] == "den" || keys[w] == "der") && !tokens[w].upper && w + 1 < n) ++w;
    if (!SpacedOnLine(text, tokens, k) || !SpacedOnLine(text, tokens, k + 1) ||
        !CapitalisedNextOnLine(text, tokens, w) || tokens[w].all_caps || tokens[k - 1].all_caps ||
        tokens[k - 1].kind != TokenKind::kWord || !tokens[k - 1].upper || (NameWordFlags(keys[k - 1]) & kStopWord) ||
        CapitalisedNextOnLine(text, tokens, w + 1))
      continue;
    if (at.empty()) MapSpans(*spans, n, &at);
    const int32_t a = at[k - 1], b = at[w];
    // "upon" is an English word: the town a name the model found, not the
    // sentence's first word ("Sanctions upon Russia", "Attacks upon Jews").
    if (keys[k] == "upon" && (a < 0 || tokens[k - 1].sentence_start)) continue;
    if ((a >= 0 && (*spans)[static_cast<size_t>(a)].first < k - 1) ||
        (b >= 0 && (*spans)[static_cast<size_t>(b)].end > w + 1))
      continue;
    add.push_back({k - 1, w + 1, loc_label, 0.f});
  }
  if (!add.empty()) PutSpans(std::move(add), spans);
}

// The places steps that read a name's shape and the words around it.
void PlacesByTheirShape(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        const KnowledgeBase& kb, const std::vector<uint32_t>& cap_at, std::vector<Span>* spans) {
  const int loc = LabelOf(v1::LOC, true);
  SplitPlacePairs(text, tokens, keys, kb, loc, spans);
  PlacesBeforeGeoNouns(text, tokens, keys, kb, loc, LabelOf(v1::PERSON, true), LabelOf(v1::ORG, true), spans);
  GeoPrefixesOfPlaces(text, tokens, keys, loc, spans);
  PlacesInAListOfPlaces(text, tokens, keys, kb, loc, LabelOf(v1::PERSON, true), spans);
  TownsOnTheirWater(text, tokens, keys, cap_at, loc, spans);
}

// A sports page's names: a sport's name is none (DropSports), nor a
// group's letter, and the rows of its tables name teams and players and
// their countries (names/tables.h).
// A body of the knowledge base named by its acronym right after a wire
// headline's sport and dash ("BASKETBALL - NBA RESULTS", "ICE HOCKEY - NHL
// STANDINGS", "SOCCER - UEFA FINES AJAX"): the model, which reads the
// dash as a list's and the line's capitals as shouting, had none. An
// organisation's match of one word of two to six capitals, in no span,
// after the sport's one or two words in capitals and a dash first on a
// line, is the organisation.
void BodiesAfterAHeadlinesSport(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                                const KnowledgeBase& kb, int org_label, float typical_margin,
                                std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<Span> add;
  // The lines' first tokens, found through the text's line breaks (a
  // document has far fewer lines than tokens).
  auto line_start = [&](size_t from_byte) {
    return static_cast<uint32_t>(
        std::lower_bound(tokens.begin(), tokens.end(), from_byte,
                         [](const Token& t, size_t b) { return t.begin_byte < b; }) -
        tokens.begin());
  };
  uint32_t last = n;  // the line start looked at last (empty lines find the same one again)
  for (size_t byte = 0; byte < text.size();) {
    const uint32_t k = line_start(byte);
    const void* nl = std::memchr(text.data() + byte, '\n', text.size() - byte);
    byte = nl == nullptr ? text.size() : static_cast<size_t>(static_cast<const char*>(nl) - text.data()) + 1;
    if (k + 2 >= n) break;
    if (k == last) continue;
    last = k;
    const Token& t = tokens[k];
    if (!t.all_caps || t.kind != TokenKind::kWord || (k > 0 && !t.line_break_before)) continue;
    uint32_t d = k + 1;
    if (!IsSportWord(keys[k])) {
      // Two words ("ICE HOCKEY", "MOTOR RACING", "RUGBY UNION").
      if (!(keys[k] == "ice" || keys[k] == "motor" || keys[k] == "rugby" || keys[k] == "horse") ||
          !tokens[d].all_caps)
        continue;
      ++d;
    }
    if (d + 1 >= n || keys[d] != "-" || tokens[d + 1].line_break_before) continue;
    const uint32_t a = d + 1;
    const std::string_view w = TokenText(text, tokens[a]);
    if (!tokens[a].all_caps || w.size() < 2 || w.size() > 6) continue;
    KnowledgeBase::Match m;
    if (!kb.LongestMatch(text, tokens, keys, a, &m) || m.end_token != a + 1 ||
        EntityOfType(kb, m, v1::ORG) == nullptr)
      continue;
    if (std::any_of(spans->begin(), spans->end(), [&](const Span& sp) { return sp.first <= a && sp.end > a; }))
      continue;
    add.push_back(Span{a, a + 1, org_label, typical_margin, true});
  }
  InsertSpans(std::move(add), spans);
}

void SportsPages(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                 const KnowledgeBase& kb, float typical_margin, std::vector<Span>* spans) {
  DropSports(tokens, keys, spans);
  BodiesAfterAHeadlinesSport(text, tokens, keys, kb, LabelOf(v1::ORG, true), typical_margin, spans);
  // A tournament's group by its letter ("Group A", "Group H") is no name.
  std::erase_if(*spans, [&](const Span& sp) {
    return sp.end == sp.first + 2 && keys[sp.first] == "group" && tokens[sp.first].upper &&
           TokenText(text, tokens[sp.first + 1]).size() == 1 && tokens[sp.first + 1].upper;
  });
  auto is_country = [&](uint32_t first, uint32_t end) { return CountryMatch(text, tokens, keys, kb, first, end); };
  auto is_place = [&](uint32_t first, uint32_t end) {
    const std::string_view w = keys[first];
    if (end > first + 1 && (w == "north" || w == "south" || w == "east" || w == "west" || w == "northern" ||
                            w == "southern" || w == "eastern" || w == "western" || w == "central"))
      ++first;  // "NORTHERN CYPRUS"
    return KbNameOfType(kb, text, tokens, keys, first, end, {v1::LOC});
  };
  const TableLabels labels{LabelOf(v1::PERSON, true), LabelOf(v1::ORG, true), LabelOf(v1::LOC, true),
                           typical_margin, is_country, is_place};
  const Rows rows = TableRows(text, tokens);
  if (!rows.empty()) {
    StandingsRows(text, tokens, keys, rows, labels, spans);
    TeamsInRankedRows(text, tokens, keys, rows, labels, spans);
    CricketScorecards(text, tokens, keys, rows, labels, spans);
  }
  PressDigestRows(text, tokens, keys, labels, spans);
  RaceCards(text, tokens, keys, labels, spans);
  CountryCodesInResults(text, tokens, keys, labels, [&] { return SportsPage(text, tokens, keys); }, spans);
}

}  // namespace

// Whether the line of token k is in title case: no word of four letters or
// more in lower case on it ("Police Detain Syrian Man After Stabbing In
// Solingen").
// (Read outwards from k, so that prose ends the test at its first long
// word in lower case; a line that goes on for more than 64 tokens on a side
// without one is a table's or a shouted paragraph, no headline: without
// that bound, a long line of capitalised words cost its length at every
// name on it.)
bool TitleCaseLine(std::string_view text, const std::vector<Token>& tokens, size_t k) {
  constexpr size_t kMaxSide = 64;
  auto lower_word = [&](size_t t) {
    return tokens[t].kind == TokenKind::kWord && !tokens[t].upper && tokens[t].end_byte - tokens[t].begin_byte >= 4;
  };
  if (lower_word(k)) return false;
  for (size_t a = k, steps = 0; a > 0 && !NewlineBetween(text, tokens[a - 1], tokens[a]); --a) {
    if (++steps > kMaxSide || lower_word(a - 1)) return false;
  }
  for (size_t b = k + 1, steps = 0; b < tokens.size() && !NewlineBetween(text, tokens[b - 1], tokens[b]); ++b) {
    if (++steps > kMaxSide || lower_word(b)) return false;
  }
  return true;
}

namespace {

// Whether tokens [a, b) of a line are a list item of capitalised words
// alone: a bullet ("-", "*", "•", "·", "–") and one to four capitalised
// words, nothing after them on the line.
bool BulletLine(std::string_view text, const std::vector<Token>& tokens, size_t a, size_t b) {
  if (b < a + 2 || b - a > 5 || tokens[a].kind != TokenKind::kPunct) return false;
  const std::string_view mark = TokenText(text, tokens[a]);
  if (!(mark == "-" || mark == "*" || mark == "\u2022" || mark == "\u00b7" || mark == "\u2013")) return false;
  for (size_t k = a + 1; k < b; ++k)
    if (tokens[k].kind != TokenKind::kWord || !tokens[k].upper) return false;
  return true;
}

// The first token of the line of token k.
size_t LineStart(const std::vector<Token>& tokens, size_t k) {
  while (k > 0 && !tokens[k].line_break_before) --k;
  return k;
}

// Whether the line before the bulleted lines above token k (a list's
// first bullet or one of its items) says the list is of places: a
// warning or alert, a plural of places ("counties", "regions",
// "districts", "stops"), or "in:" at its end; not a list of clubs, names,
// bands or drinks.
bool ListOfPlaces(const std::vector<Token>& tokens, const KeyViews& keys, std::string_view text, size_t k) {
  static const WordSet kCues = {
      "warning", "warnings", "alert", "alerts", "watch", "watches", "evacuation", "counties", "regions", "areas",
      "states", "provinces", "districts", "cities", "towns", "villages", "countries", "municipalities",
      "prefectures", "parishes", "boroughs", "constituencies", "locations", "places", "stops", "destinations"};
  size_t s = LineStart(tokens, k);
  while (s > 0) {
    const size_t ps = LineStart(tokens, s - 1);
    if (!BulletLine(text, tokens, ps, s)) {
      for (size_t t = ps; t < s; ++t)
        if (kCues.Has(keys[t])) return true;
      // "Offices will open in:", "... across:"
      return s - ps >= 2 && keys[s - 1] == ":" && (keys[s - 2] == "in" || keys[s - 2] == "across");
    }
    s = ps;
  }
  return false;
}

// Whether tokens [first, end) are the whole of a list item (BulletLine)
// with another list item on the line before or after it, under a line that
// says the list is of places (ListOfPlaces): "- Donegal\n- Sligo\n- Kerry"
// under a weather warning.
bool NameOfAList(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, size_t first,
                 size_t end) {
  const size_t n = tokens.size();
  if (first == 0 || (end < n && !tokens[end].line_break_before) || tokens[first].line_break_before ||
      (first - 1 > 0 && !tokens[first - 1].line_break_before) || !BulletLine(text, tokens, first - 1, end) ||
      !ListOfPlaces(tokens, keys, text, first - 1))
    return false;
  // The line before: back from first - 1 to its start.
  if (first >= 2) {
    size_t a = first - 2;
    while (a > 0 && !tokens[a].line_break_before) --a;
    if (first - 1 - a <= 5 && BulletLine(text, tokens, a, first - 1)) return true;
  }
  if (end < n) {
    size_t b = end + 1;
    while (b < n && !tokens[b].line_break_before) ++b;
    if (BulletLine(text, tokens, end, b)) return true;
  }
  return false;
}

}  // namespace

std::vector<int> ForcedLabels(std::string_view text, const std::vector<NameCandidate>& rule_cands,
                              const std::vector<Token>& tokens, const KeyViews& keys) {
  std::vector<int> forced(tokens.size(), -1);
  // Per token: a candidate ends right before it, a knowledge-base match
  // begins at it (constant-time questions below; a document of a million
  // candidates must not ask each of them about all the others).
  thread_local std::vector<uint8_t> cand_ends_before, kb_ends_before, kb_begins, kb_long_begins;
  cand_ends_before.assign(tokens.size() + 1, 0);
  kb_ends_before.assign(tokens.size() + 1, 0);
  kb_long_begins.assign(tokens.size() + 1, 0);
  kb_begins.assign(tokens.size() + 1, 0);
  for (const NameCandidate& o : rule_cands) {
    if (o.end <= tokens.size()) cand_ends_before[o.end] = 1;
    if (o.kb != nullptr && o.end <= tokens.size()) kb_ends_before[o.end] = 1;
    if (o.kb != nullptr && o.end > o.first + 1 && o.first < tokens.size()) kb_long_begins[o.first] = 1;
    if (o.kb != nullptr && o.first < tokens.size()) kb_begins[o.first] = 1;
  }
  for (const NameCandidate& c : rule_cands) {
    // A results line's teams: a page layout the training corpora lack.
    const bool results_row = c.rule == "ner:results-row";
    // A word the thread has named as a person's first or last name ("Biden"
    // in a comment on an article about Joe Biden): the model, which reads
    // one document, had such surnames as organisations.
    const bool thread_name = c.rule == "ner:thread-name";
    if (c.kb == nullptr && !results_row && !thread_name) continue;
    if (c.kb != nullptr && !results_row && c.kb->generated && c.end == c.first + 1) {
      // generated.tsv's one-word places are often something else ("Jordan",
      // "Georgia", "Florence"), and any of its one-word names right before
      // another capitalised word may be part of a longer name ("British
      // Airways"): the model decides those. Its other organisations, peoples
      // and longer names are as unambiguous as the curated ones.
      // Countries by their English name are the exception: the contract
      // makes them LOC wherever they stand ("in Fiji", "Portugal beat
      // Spain"), and a wrong type from one context would otherwise spread to
      // the others (MakeConsistent). Not when a name may go on before them
      // ("National Party of Australia", "Lake Chad", "New Jersey").
      // Nor does "and" between two names of a list ("Malaysia and Singapore").
      const bool listed = c.first >= 2 && keys[c.first - 1] == "and" && cand_ends_before[c.first - 1];
      // Nor is a list item's place ("- Donegal\n- Sligo").
      if (c.type == v1::LOC && !(IsCountry(*c.kb) && TokenText(text, tokens[c.first]) == c.kb->name &&
                                 (listed || !NameGoesOnBefore(text, tokens, keys, c.first))) &&
          !NameOfAList(text, tokens, keys, c.first, c.end)) {
        continue;
      }
      if (c.end < tokens.size() && tokens[c.end].kind == TokenKind::kWord && tokens[c.end].upper &&
          tokens[c.end].begin_byte == tokens[c.first].end_byte + 1 && !tokens[c.end].line_break_before) {
        continue;
      }
      // Nor its one-word organisations right after a capitalised word no
      // other knowledge-base match ends on: a person may bear the company's
      // name ("Freddy Heineken", "Ernest Solvay", "Mike Brown", "Mr Tata"), a
      // longer name may end in it ("Trades Union Congress": a cue's
      // candidate, "Trades Union" by its organisation word, is no match).
      if (c.type == v1::ORG && c.first > 0 && tokens[c.first - 1].kind == TokenKind::kWord &&
          tokens[c.first - 1].upper && !tokens[c.first - 1].all_caps && SpacedOnLine(text, tokens, c.first) &&
          !(NameWordFlags(keys[c.first - 1]) & (kStopWord | kTitleWord)) && !kb_ends_before[c.first]) {
        continue;
      }
      static const WordSet kHonorifics = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady"};
      if (c.type == v1::ORG && c.first > 0 && kHonorifics.Has(keys[c.first - 1])) continue;
    }
    // A curated one-word place right before another capitalised word, one
    // space apart, that no match begins may begin a longer name as well
    // ("Kosovo Liberation Army", "Moscow State University", "Jordan
    // Henderson"): the model decides, as for generated.tsv's. Not before a
    // match ("West Germany", "America Saudi Arabia" in a list without its
    // commas).
    if (!results_row && c.kb != nullptr && !c.kb->generated && c.type == v1::LOC && c.end == c.first + 1 &&
        CapitalisedNextOnLine(text, tokens, c.end) && !tokens[c.first].all_caps && !kb_begins[c.end]) {
      continue;
    }
    // A knowledge-base place, people or event, of any length, may begin an
    // organisation's name whose capitalised words go on to an organisation
    // word ("New Zealand League of Rights", "Arab American Institute",
    // "Italian Liberal Party", "Edinburgh Festival Fringe Society"): the
    // model decides. Not before a match.
    if (!results_row && c.kb != nullptr && (c.type == v1::LOC || c.type == v1::NORP || c.type == v1::EVENT) &&
        CapitalisedNextOnLine(text, tokens, c.end) && !tokens[c.first].all_caps && !kb_begins[c.end] &&
        OrgWordAhead(text, tokens, keys, kb_begins, c.end)) {
      continue;
    }
    // A place's name may go on before its match too, after the words that
    // begin longer places ("Greater" + "London", "Upper" + "Egypt"): the
    // model decides.
    if (!results_row && c.kb != nullptr && c.type == v1::LOC && c.first > 0 && tokens[c.first - 1].upper &&
        IsPlaceStart(keys[c.first - 1]) && SpacedOnLine(text, tokens, c.first) && !cand_ends_before[c.first]) {
      continue;
    }
    // An organisation's name may go on before its match: a capitalised word
    // that no other match covers, right before it ("Social" + "Democratic
    // Party", "Christian" + "Democratic Union"; a hand-listed one's over
    // another name too, "Wyoming" + "National Guard"): the model decides. Not a
    // dotted abbreviation after a word in capitals: in a headline every word
    // is capitalised ("IRAQ SAYS U.N. INSPECTORS ...").
    const bool dotted_in_caps = tokens[c.first].all_caps && c.first > 0 && tokens[c.first - 1].all_caps &&
                                TokenText(text, tokens[c.first]).find('.') != std::string_view::npos;
    if (!results_row && c.kb != nullptr && c.type == v1::ORG && NameGoesOnBefore(text, tokens, keys, c.first) &&
        tokens[c.first - 1].upper && !dotted_in_caps && !(NameWordFlags(keys[c.first - 1]) & kTitleWord) &&
        (!cand_ends_before[c.first] || c.kb->untyped_words)) {
      continue;
    }
    // A person's one-word alias (a surname: "Miliband" of Ed Miliband, or
    // one written as one word: "al-Jolani") right after a given name is
    // another person's name ("David Miliband") or a longer form of the same
    // one ("Abu Mohammed al-Jolani"): the model decides, and the linker does
    // not take it for the KB's person.
    bool one_word = true;
    for (uint32_t k = c.first + 1; k < c.end && one_word; ++k) one_word = Glued(tokens, k);
    if (!results_row && c.type == v1::PERSON && one_word && NameGoesOnBefore(text, tokens, keys, c.first) &&
        tokens[c.first - 1].upper && !(NameWordFlags(keys[c.first - 1]) & kTitleWord)) {
      continue;
    }
    // A people's one-word name inside a longer name is the model's to
    // decide: between capitalised words ("National Museum of African
    // American History"); and the US parties' members' after a capitalised
    // word no knowledge-base name ends on ("Liberal Democrat group leader",
    // "College Democrats"; not "Senate Republicans", "Georgia Democrat") or
    // before a capitalised word no knowledge-base name of two words or more
    // begins with, or a number ("Republican Palace", "Democrats 66"; not
    // "Republican People's Party"). Not on a line of title case, where
    // every word is capitalised ("Police Detain Syrian Man After ...").
    if (!results_row && c.kb != nullptr && c.type == v1::NORP && c.end == c.first + 1) {
      const bool after_name = c.first > 0 && tokens[c.first - 1].kind == TokenKind::kWord &&
                              tokens[c.first - 1].upper && !tokens[c.first - 1].all_caps &&
                              SpacedOnLine(text, tokens, c.first) &&
                              !(NameWordFlags(keys[c.first - 1]) & (kStopWord | kTitleWord));
      const bool before_name = CapitalisedNextOnLine(text, tokens, c.end);
      const bool us_party = c.kb->id == "tidings:us-democrats" || c.kb->id == "tidings:us-republicans";
      if (after_name && before_name && !TitleCaseLine(text, tokens, c.first)) continue;
      if (us_party && ((after_name && !kb_ends_before[c.first]) || (before_name && !kb_long_begins[c.end]) ||
                       (c.end < tokens.size() && tokens[c.end].kind == TokenKind::kNumber)))
        continue;
    }
    for (uint32_t k = c.first; k < c.end; ++k) forced[k] = LabelOf(c.type, k == c.first);
  }
  MarkFigureRows(tokens, keys, &forced);
  // Both parts of a particle compound are a name ("Mazar-i-Sharif",
  // "Lashkar-e-Taiba"), of the type the model gives them, which
  // JoinParticleCompounds makes one: the parts alone look like nothing the
  // corpora have.
  const Token* const tok = tokens.data();
  for (size_t k = 1, n = tokens.size(); k + 3 < n; ++k) {
    if (tok[k].kind != TokenKind::kPunct || !tok[k - 1].upper || tok[k - 1].kind != TokenKind::kWord ||
        !ParticleChainAt(text, tokens, keys, k))
      continue;
    for (size_t t : {k - 1, k + 3})
      if (forced[t] == -1) forced[t] = kNamed;
  }
  return forced;
}

std::string ChecksumHex(uint64_t checksum) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(checksum));
  return buf;
}

void ApplyForced(int forced, size_t num_labels, float* emissions) {
  if (forced >= 0) {
    for (size_t j = 0; j < num_labels; ++j) {
      if (static_cast<int>(j) != forced) emissions[j] = kForbidden;
    }
  } else if (forced == kNamed) {
    emissions[0] = kForbidden;  // O
  }
}

bool StepAllowed(size_t prev, size_t cur, size_t num_labels) {
  if (cur == 0 || LabelBegins(static_cast<int>(cur))) return true;
  // cur is I-X: prev must be B-X or I-X of the same type.
  if (prev >= num_labels || prev == 0) return false;
  return LabelType(static_cast<int>(prev)) == LabelType(static_cast<int>(cur));
}

std::vector<float> AllowedTransitions(const learn::LinearModel& model) {
  const size_t l = model.num_labels();
  std::vector<float> trans((l + 1) * l);
  for (size_t p = 0; p <= l; ++p) {
    for (size_t c = 0; c < l; ++c) {
      trans[p * l + c] = StepAllowed(p, c, l) ? model.Transition(p, c) : -std::numeric_limits<float>::infinity();
    }
  }
  return trans;
}

NameModel::NameModel(learn::LinearModel model, std::shared_ptr<const learn::WordClusters> clusters)
    : model_(std::move(model)), clusters_(std::move(clusters)), trans_(AllowedTransitions(model_)) {
  auto ms = model_.manifest().find("margin_scale");
  if (ms != model_.manifest().end()) {
    const float v = std::strtof(ms->second.c_str(), nullptr);
    if (v > 0 && std::isfinite(v)) margin_scale_ = v;
  }
}

Result<std::unique_ptr<NameModel>> NameModel::FromModel(learn::LinearModel model,
                                                        std::shared_ptr<const learn::WordClusters> clusters,
                                                        std::string_view what) {
  const std::string where(what);
  const auto& m = model.manifest();
  auto kind = m.find("kind");
  if (kind == m.end() || kind->second != "names") {
    return Status(ErrorCode::kConfig, where + " is not a name model (kind '" +
                                          (kind == m.end() ? "" : kind->second) + "')");
  }
  auto fs = m.find("feature_set");
  if (fs == m.end() || (fs->second != kFeatureSet && fs->second != kOlderFeatureSet)) {
    return Status(ErrorCode::kConfig, where + " was trained with feature set '" +
                                          (fs == m.end() ? "" : fs->second) + "'; this tidings computes '" +
                                          std::string(kFeatureSet) + "' (retrain it)");
  }
  if (model.labels() != NameLabels() || !model.has_transitions()) {
    return Status(ErrorCode::kConfig, where + " has labels other than this tidings' name labels");
  }
  // The word clusters it was trained with, and no others.
  auto cl = m.find("clusters_checksum");
  if (cl == m.end() || fs->second != kFeatureSet) {
    clusters.reset();
  } else if (clusters == nullptr) {
    return Status(ErrorCode::kConfig, where + " was trained with word clusters (checksum " + cl->second +
                                          ") and the clusters.bin beside it is missing");
  } else if (ChecksumHex(clusters->checksum()) != cl->second) {
    return Status(ErrorCode::kConfig, where + " was trained with word clusters of checksum " + cl->second +
                                          ", not with the clusters.bin beside it (checksum " +
                                          ChecksumHex(clusters->checksum()) + ")");
  }
  return std::unique_ptr<NameModel>(new NameModel(std::move(model), std::move(clusters)));
}

Result<std::unique_ptr<NameModel>> NameModel::Load(const std::string& path) {
  std::string file = path;
  if (FILE* f = std::fopen((path + "/model.bin").c_str(), "rb")) {
    std::fclose(f);
    file = path + "/model.bin";
  }
  auto m = learn::LinearModel::Load(file);
  if (!m.ok()) {
    return Status(m.status().code(), "name model: " + m.status().message() +
                                         " (give a directory written by 'tidings train ner', or 'none')");
  }
  // clusters.bin beside model.bin, when there is one.
  std::shared_ptr<const learn::WordClusters> clusters;
  const size_t slash = file.find_last_of('/');
  const std::string cfile = (slash == std::string::npos ? std::string() : file.substr(0, slash + 1)) + "clusters.bin";
  struct stat cst;
  if (::stat(cfile.c_str(), &cst) == 0) {  // absent: a model without clusters (FromModel checks)
    std::string bytes;
    TIDINGS_RETURN_IF_ERROR(learn::ReadFile(cfile, &bytes));
    auto c = learn::WordClusters::Parse(bytes, cfile);
    if (!c.ok()) return Status(c.status().code(), "name model: " + c.status().message());
    clusters = std::make_shared<const learn::WordClusters>(std::move(c).value());
  }
  return FromModel(std::move(m).value(), std::move(clusters), file);
}

Result<std::unique_ptr<NameModel>> NameModel::BuiltIn() {
  const std::string_view bytes(tidings_ner_model_begin,
                               static_cast<size_t>(tidings_ner_model_end - tidings_ner_model_begin));
  if (bytes.empty()) return Status(ErrorCode::kNotFound, "this build has no built-in name model");
  auto m = learn::LinearModel::Parse(bytes, "the built-in name model");
  if (!m.ok()) return m.status();
  auto clusters = BuiltInClusters();
  if (!clusters.ok() && clusters.status().code() != ErrorCode::kNotFound) return clusters.status();
  return FromModel(std::move(m).value(), clusters.ok() ? *clusters : nullptr, "the built-in name model");
}

Result<std::shared_ptr<const learn::WordClusters>> NameModel::BuiltInClusters() {
  static const Result<std::shared_ptr<const learn::WordClusters>> parsed =
      []() -> Result<std::shared_ptr<const learn::WordClusters>> {
    const std::string_view bytes(tidings_ner_clusters_begin,
                                 static_cast<size_t>(tidings_ner_clusters_end - tidings_ner_clusters_begin));
    if (bytes.empty()) return Status(ErrorCode::kNotFound, "this build has no built-in word clusters");
    auto c = learn::WordClusters::Parse(bytes, "the built-in word clusters");
    if (!c.ok()) return c.status();
    return std::make_shared<const learn::WordClusters>(std::move(c).value());
  }();
  return parsed;
}

void NameModel::Label(const NameFeatures& features, size_t n_tokens, const std::vector<int>& forced,
                      std::vector<int>* labels, std::vector<float>* margins) const {
  const size_t l = model_.num_labels();
  labels->assign(n_tokens, 0);
  margins->assign(n_tokens, 0.f);
  thread_local std::vector<uint64_t> feats;
  thread_local std::vector<uint32_t> offsets;
  thread_local std::vector<float> em;
  thread_local std::vector<int> path;
  for (const Region& r : features.regions()) {
    const size_t len = r.end - r.first;
    // All the region's features first, their weight rows fetched together,
    // then the scores: the rows are random reads in a table of megabytes.
    feats.clear();
    offsets.assign(1, 0);
    bool all_forced = true;
    for (size_t i = r.first; i < r.end; ++i) {
      // A forced token needs no features: its label is fixed.
      if (forced.empty() || forced[i] < 0) features.Extract(r, i, &feats), all_forced = false;
      offsets.push_back(static_cast<uint32_t>(feats.size()));
    }
    if (all_forced) {
      for (size_t i = r.first; i < r.end; ++i) (*labels)[i] = forced[i];
      continue;
    }
    model_.Prefetch(feats.data(), feats.size());
    em.assign(len * l, 0.f);
    for (size_t k = 0; k < len; ++k) {
      float* e = &em[k * l];
      model_.Scores(feats.data() + offsets[k], offsets[k + 1] - offsets[k], e);
      if (!forced.empty()) ApplyForced(forced[r.first + k], l, e);
    }
    path.resize(len);
    learn::Viterbi(em.data(), len, l, trans_.data(), path.data());
    for (size_t k = 0; k < len; ++k) {
      const int lab = path[k];
      (*labels)[r.first + k] = lab;
      float other = -std::numeric_limits<float>::infinity();
      for (size_t j = 0; j < l; ++j) {
        if (static_cast<int>(j) != lab) other = std::max(other, em[k * l + j]);
      }
      (*margins)[r.first + k] = em[k * l + static_cast<size_t>(lab)] - other;
    }
  }
}

std::string NameModel::Explain(const NameFeatures& features, const Region& r, size_t i, int label,
                               size_t top) const {
  std::vector<uint64_t> feats;
  std::vector<std::string> names;
  features.Extract(r, i, &feats, &names);
  std::vector<float> row(model_.num_labels());
  std::vector<std::pair<float, size_t>> w;
  for (size_t f = 0; f < feats.size(); ++f) {
    model_.RowOf(feats[f], row.data());
    w.emplace_back(row[static_cast<size_t>(label)], f);
  }
  std::sort(w.begin(), w.end(), [](auto& a, auto& b) { return std::fabs(a.first) > std::fabs(b.first); });
  std::string out;
  for (size_t k = 0; k < w.size() && k < top; ++k) {
    char buf[32];
    std::snprintf(buf, sizeof buf, ":%+.2f", w[k].first);
    if (!out.empty()) out += ' ';
    out += names[w[k].second] + buf;
  }
  return out;
}

namespace {

// What token k is to a person's title: titles, their modifiers, the hyphen
// of "Secretary-General", the stop of "Lt." and "Gen." (which goes with its
// title), a judge's "Justice" after "Chief", "Mr" or "Lord".
TitleWord TitleWordAt(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, uint32_t k) {
  if (k >= tokens.size()) return TitleWord::kNone;
  if (tokens[k].kind == TokenKind::kPunct) {
    if (k > 0 && Glued(tokens, k) && TokenText(text, tokens[k]) == ".") return TitleWordOf(keys[k - 1]);
    return keys[k] == "-" ? TitleWord::kModifier : TitleWord::kNone;
  }
  if (keys[k] == "justice" && k > 0) {
    const std::string_view b = keys[k - 1];
    if (b == "chief" || b == "associate" || b == "mr" || b == "mrs" || b == "ms" || b == "lord" || b == "lady")
      return TitleWord::kTitle;
  }
  // A judge's "Justice" before a name ("Justice Alexandre de Moraes",
  // "High Court Justice Babatunde Oyekanmi"): capitalised, before a
  // capitalised word on its line that is no organisation's, title's or
  // function word ("Justice Department", "Justice Minister", "Justice For
  // All", "Justice Bill"), after no capitalised word but a court's
  // ("Criminal Justice Act", "Social Justice Party").
  if (keys[k] == "justice" && tokens[k].upper && !tokens[k].all_caps && CapitalisedNextOnLine(text, tokens, k + 1) &&
      !tokens[k + 1].all_caps) {
    static const WordSet kNotNames = {"act", "bill", "system", "reform", "reforms", "day", "week", "center",
                                      "centre", "project", "campaign", "initiative", "fund", "programme", "program",
                                      "law", "laws", "code", "committee", "secretary"};
    const std::string_view nx = keys[k + 1];
    const bool court_before = k > 0 && (keys[k - 1] == "court" || keys[k - 1] == "courts");
    const bool capital_before = k > 0 && !tokens[k].sentence_start && tokens[k - 1].kind == TokenKind::kWord &&
                                tokens[k - 1].upper && SpacedOnLine(text, tokens, k);
    if ((court_before || !capital_before) && !kNotNames.Has(nx) &&
        !(NameWordFlags(nx) & (kOrgWord | kTitleWord | kStopWord)) && TitleWordOf(nx) == TitleWord::kNone)
      return TitleWord::kTitle;
  }
  // "Datuk Seri Anwar Ibrahim", "Dato' Seri ...", "Tan Sri ...": "Seri" and
  // "Sri" after a Malay title ("Seri Perdana", a residence, keeps it).
  if (keys[k] == "seri" && k > 0) {
    size_t b = k - 1;
    if (b > 0 && (keys[b] == "'" || keys[b] == "’")) --b;
    if (keys[b] == "datuk" || keys[b] == "dato") return TitleWord::kTitle;
  }
  return TitleWordOf(keys[k]);
}

// A title's word that begins a person's canonical name in the knowledge
// base is the name's ("Sheikh Hasina", "Sultan Al Jaber", as the English
// Wikipedia titles them: not "Hasina", "Al Jaber"): no title there, where
// that person's match begins.
TitleWord TitleWordOrName(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const std::vector<const NameCandidate*>& rule_at, uint32_t k) {
  const NameCandidate* r = k < rule_at.size() ? rule_at[k] : nullptr;
  if (r != nullptr && r->kb != nullptr && r->type == v1::PERSON && r->end > k + 1) {
    const std::string_view word = TokenText(text, tokens[k]), name = r->kb->name;
    if (name.size() > word.size() && name.starts_with(word) && name[word.size()] == ' ') return TitleWord::kNone;
  }
  return TitleWordAt(text, tokens, keys, k);
}

// A country's body named by its field and the country ("Cricket
// Australia", "Swim England", "Bank Indonesia", "Borsa Istanbul", "Team
// GB", "Météo-France"): a capitalised word of such a field, spaced or
// joined by a hyphen, right before a country or a city of the knowledge
// base (or first in a place's span that ends in one) is one organisation
// with it; the model had the place alone, or the whole a place. Not
// before another capitalised word ("Cricket Australia XI" aside, a longer
// name is the model's).
void BodiesOfAFieldAndACountry(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                               const KnowledgeBase& kb, int loc_label, int org_label, std::vector<Span>* spans) {
  static const WordSet kFields = {
      "bank", "borsa", "bourse", "team", "swim", "sport", "cricket", "netball", "athletics", "rugby", "football",
      "hockey", "tennis", "golf", "basketball", "volleyball", "handball", "cycling", "swimming", "tourism",
      "météo", "meteo", "transport", "gymnastics", "rowing", "sailing", "triathlon", "curling",
      "skating", "skiing", "boxing", "judo", "badminton", "squash", "softball", "baseball", "archery"};
  auto field = [&](uint32_t k) {
    return tokens[k].kind == TokenKind::kWord && tokens[k].upper && !tokens[k].all_caps && kFields.Has(keys[k]);
  };
  std::vector<Span>& s = *spans;
  for (size_t x = 0; x < s.size(); ++x) {
    Span& sp = s[x];
    if (sp.label != loc_label || CapitalisedNextOnLine(text, tokens, sp.end)) continue;
    // The field inside the place's span ("Cricket Australia" as a place).
    if (sp.end - sp.first >= 2 && field(sp.first) && KbNameOfType(kb, text, tokens, keys, sp.first + 1, sp.end, {v1::LOC})) {
      sp.label = org_label;
      continue;
    }
    if (sp.first == 0) continue;
    uint32_t w = sp.first - 1;
    const bool hyphen = w > 0 && IsHyphenToken(text, tokens[w]) && Glued(tokens, w) && Glued(tokens, sp.first);
    if (hyphen) --w;
    else if (!SpacedOnLine(text, tokens, sp.first)) continue;
    // The field's word in a span of its own only ("Meteo" a person's).
    const bool alone_before = x > 0 && s[x - 1].first == w && s[x - 1].end == w + 1;
    if (!field(w) || (x > 0 && s[x - 1].end > w && !alone_before) || (w > 0 && Glued(tokens, w)) ||
        !KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::LOC}))
      continue;
    sp = {w, sp.end, org_label, sp.margin};
    if (alone_before) {
      s.erase(s.begin() + static_cast<std::ptrdiff_t>(x) - 1);
      --x;
    }
  }
}

// A country's sports body named by the country, then the sport ("New
// Zealand Cricket", "USA Swimming", "UK Athletics"): a country's span, then
// one capitalised word of a sport, spaced, with no capitalised word after
// it on the line and not on a headline in title case ("New Zealand Cricket
// Team Wins"), is one organisation. The model had the country alone. Not a
// people's sport ("English Football", "Japanese Baseball star": the
// sport), nor a country's before its fans or players ("Ireland Rugby
// fans", "a former Australia Netball captain": the national side's).
void SportsBodiesAfterTheirCountry(std::string_view text, const std::vector<Token>& tokens,
                                   const KeyViews& keys, const KnowledgeBase& kb, int loc_label, int org_label,
                                   std::vector<Span>* spans) {
  static const WordSet kSports = {
      "cricket",    "netball",  "athletics", "rugby",    "football", "hockey",   "tennis",    "golf",
      "basketball", "volleyball", "handball", "cycling", "swimming", "gymnastics", "rowing", "sailing",
      "triathlon",  "curling",  "skating",   "skiing",   "boxing",   "judo",     "badminton", "squash",
      "softball",   "baseball", "archery",   "canoeing", "fencing",  "wrestling", "weightlifting"};
  // (A sport's word in a span of its own is emptied and the empty spans
  // taken out at the end: one erase per body cost the spans after it.)
  std::vector<Span>& s = *spans;
  bool emptied = false;
  for (size_t x = 0; x < s.size(); ++x) {
    Span& sp = s[x];
    const uint32_t k = sp.end;
    if (sp.first == sp.end || sp.label != loc_label || k >= tokens.size() ||
        !CapitalisedNextOnLine(text, tokens, k) || tokens[k].all_caps || !kSports.Has(keys[k]) ||
        CapitalisedNextOnLine(text, tokens, k + 1))
      continue;
    // (The sport's word in no span, or alone in one: "UK" + "Athletics".)
    const bool alone_after = x + 1 < s.size() && s[x + 1].first == k && s[x + 1].end == k + 1;
    if (x + 1 < s.size() && s[x + 1].first <= k && !alone_after) continue;
    static const WordSet kSideNouns = {"fans",   "fan",     "captain", "team",  "player", "players", "star",
                                       "stars",  "coach",   "squad",   "shirt", "jersey", "supporters", "side",
                                       "legend", "great",   "international", "internationals", "debut"};
    if (!CountryMatch(text, tokens, keys, kb, sp.first, sp.end) ||
        (k + 1 < tokens.size() && kSideNouns.Has(keys[k + 1])))
      continue;
    if (TitleCaseLine(text, tokens, sp.first)) continue;
    sp = {sp.first, k + 1, org_label, sp.margin};
    if (alone_after) s[x + 1].end = s[x + 1].first, emptied = true;
  }
  if (emptied) std::erase_if(s, [](const Span& sp) { return sp.first == sp.end; });
}

// A league's tier after its name ("K League 2", "Ligue 1", "Liga 3"): an
// organisation's span ending in "League", "Liga", "Ligue", "Lig" or
// "Division", then one spaced digit from 1 to 4 in no span, not before a
// count's noun, a unit of time, a month or a weekday, another figure or a
// glued sign (a score: "2-1"), takes the digit in.
void LeaguesByTheirNumber(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          int org_label, std::vector<Span>* spans) {
  static const WordSet kLeagues = {"league", "liga", "ligue", "division", "lig"};
  static const WordSet kCounts = {"points", "point", "goals", "goal", "games", "game", "matches", "match",
                                  "wins", "win", "years", "year", "times", "teams", "clubs", "sides",
                                  "places", "spots", "titles", "seasons", "rounds", "weeks", "days", "minutes",
                                  "players", "of", "per", "percent", "million", "billion", "%", "month", "months",
                                  "hour", "hours", "second", "seconds", "decade", "decades", "week", "weeks",
                                  "day", "minute"};
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<Span>& s = *spans;
  for (size_t x = 0; x < s.size(); ++x) {
    Span& sp = s[x];
    const uint32_t k = sp.end;
    if (sp.label != org_label || k >= n || tokens[k].kind != TokenKind::kNumber || !tokens[k - 1].upper ||
        !kLeagues.Has(keys[k - 1]) || !SpacedOnLine(text, tokens, k) || (x + 1 < s.size() && s[x + 1].first == k))
      continue;
    const std::string_view d = TokenText(text, tokens[k]);
    if (d.size() != 1 || d[0] < '1' || d[0] > '4') continue;
    if (k + 1 < n && (Glued(tokens, k + 1) || kCounts.Has(keys[k + 1]) || IsMonthOrWeekday(keys[k + 1]) ||
                      tokens[k + 1].kind == TokenKind::kNumber))
      continue;
    sp.end = k + 1;
  }
}

// A body's branch named by the body and its continent or country
// ("Greenpeace Africa", "Oxfam America", "Transparency International
// Ukraine"): a span the model typed otherwise than an organisation that is
// an organisation of the knowledge base, then a continent or a country,
// and nothing else, is the organisation.
void BranchesOfABody(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                     const KnowledgeBase& kb, int org_label, std::vector<Span>* spans) {
  for (Span& sp : *spans) {
    // (Cheap tests first: a span of two words or more whose last word may
    // end a continent's or a country's name, and whose first may start a
    // name of the knowledge base.)
    if (sp.label == org_label || sp.end - sp.first < 2 || !tokens[sp.end - 1].upper ||
        !kb.CanStart(keys[sp.first], true))
      continue;
    KnowledgeBase::Match m;
    if (!kb.LongestMatch(text, tokens, keys, sp.first, &m) || m.end_token >= sp.end ||
        !KbNameOfType(kb, text, tokens, keys, sp.first, m.end_token, {v1::ORG}))
      continue;
    const uint32_t p = static_cast<uint32_t>(m.end_token);
    if (!(p + 1 == sp.end && IsContinentWord(keys[p])) && !CountryMatch(text, tokens, keys, kb, p, sp.end)) continue;
    sp.label = org_label;
    sp.retyped = true;
  }
}

// Token k is the punctuation `p` ("(", ":", "&").
bool PunctAt(std::string_view text, const std::vector<Token>& tokens, size_t k, std::string_view p) {
  return k < tokens.size() && tokens[k].kind == TokenKind::kPunct && TokenText(text, tokens[k]) == p;
}

// The first of the capitalised words right before token k, a bracket
// ("Mineral Resources (ASX: MIN)", "Lucky Cement (LUCK.KA)"): up to `most`,
// spaced on their line or glued, joined by "&" too, no stop word, not a
// sentence's first word the document writes in lower case elsewhere
// ("Shares", "Miner"), none before a sentence's or a line's start; k when
// there is none.
uint32_t CompanyWordsBefore(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                            const DocWords& words, uint32_t k, uint32_t most) {
  uint32_t first = k;
  while (first > 0 && k - first < most) {
    const uint32_t j = first - 1;
    const Token& t = tokens[j];
    const bool word = t.kind == TokenKind::kWord && t.upper && !(NameWordFlags(keys[j]) & kStopWord);
    const bool amp = PunctAt(text, tokens, j, "&");
    if (!(word || amp) || (j + 1 < k && !SpacedOnLine(text, tokens, j + 1) && !Glued(tokens, j + 1))) break;
    if (word && t.sentence_start && words.LowerSeen(keys[j])) break;
    first = j;
    if (t.sentence_start || t.line_break_before) break;
  }
  while (first < k && PunctAt(text, tokens, first, "&")) ++first;
  return first;
}

// A company before its exchange and ticker in brackets ("Mineral Resources
// (ASX: MIN)", "Woodside Energy (ASX: WDS)", "Fortescue (ASX: FMG)"): the
// capitalised words right before "(", spaced on their line, up to six,
// joined by "&" too, are one organisation (not a sentence's first word
// the document writes in lower case elsewhere: "Shares", "Miner"); the
// spans among them give way, and a longer organisation's span that ends
// there stays. The exchange is one too, and so is the ticker, a name of
// the company ("(NSE: SCOM)", "(JSE: VOD)": writers tag both). The
// bracket: "(", two to eight capitals of an exchange's code, ":", a
// ticker of capitals, digits or stops, ")".
void CompaniesBeforeTheirTicker(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                                const DocWords& words, const KnowledgeBase& kb, int org_label,
                                float typical_margin, std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto punct = [&](uint32_t k, std::string_view p) { return PunctAt(text, tokens, k, p); };
  auto capitals = [&](uint32_t k, size_t lo, size_t hi) {
    if (k >= n || tokens[k].kind == TokenKind::kPunct) return false;
    const std::string_view w = TokenText(text, tokens[k]);
    return w.size() >= lo && w.size() <= hi && std::none_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  };
  std::vector<uint8_t> drop(spans->size(), 0);
  std::vector<Span> add;
  std::vector<int32_t> at;
  // Stock exchanges' codes (not "CRYPTO", "COMEX": a coin or a metal is no
  // company).
  static const WordSet kExchanges = {
      "asx",  "nyse", "nasdaq", "lse",  "tsx",   "tsxv",  "jse",    "nse",     "bse",  "sgx",  "hkex", "hkg",
      "tyo",  "tse",  "etr",    "xetra", "epa",  "bit",   "six",    "otc",     "otcqx", "amex", "nzx", "krx",
      "twse", "idx",  "klse",   "hose", "hnx",   "bvb",   "vie",    "pse",     "wse",  "bist", "egx",  "ngx",
      "dse",  "psx",  "set",    "b3",   "bvmf",  "bmv",   "byma",   "bvl",     "bvc",  "tadawul", "qse", "adx",
      "dfm",  "tase", "ose",    "osl",  "sto",   "cph",   "hel",    "ams",     "ebr",  "bme",  "moex", "sse",
      "szse", "kosdaq", "tpex", "nysearca", "lon", "fra",  "swx",    "athex",   "cse",  "neo",
      // Africa's, the Gulf's and Central Asia's: "(BRVM: SGCI)", "(GSE: MTNGH)"
      "brvm", "gse",  "luse",   "zse",  "mse",   "rse",   "bvmt",   "bhb",     "kase", "aix",  "msx",  "ase",
      "bcs",  "euronext", "omx", "ise",  "nsx",   "bsx",   "ttse"};
  // (A bracket's byte first: most tokens are none; and most documents have
  // no ": " after a bracket at all.)
  if (text.find(": ") == std::string_view::npos) return;
  // The token after an exchange's code at token e: one token, or three for
  // a board's letter glued by a hyphen ("TSX-V", a venture board).
  auto code_end = [&](uint32_t e) {
    return e + 3 < n && punct(e + 1, "-") && Glued(tokens, e + 1) && Glued(tokens, e + 2) && capitals(e + 2, 1, 1)
               ? e + 3
               : e + 1;
  };
  // An exchange's code, ":" and a ticker at token e; *end: the token after
  // the ticker (its glued parts too: "BHP.AX").
  auto listing = [&](uint32_t e, uint32_t* end) {
    if (!capitals(e, 2, 8) || tokens[e].kind != TokenKind::kWord || !kExchanges.Has(keys[e])) return false;
    const uint32_t c = code_end(e);
    if (!punct(c, ":") || !capitals(c + 1, 1, 8)) return false;
    // (A ticker of digits alone, "(TADAWUL: 2222)", names no company in words.)
    const std::string_view ticker = TokenText(text, tokens[c + 1]);
    if (std::none_of(ticker.begin(), ticker.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; })) return false;
    uint32_t t = c + 2;
    while (t < n && t < c + 5 && !punct(t, ")") && !punct(t, ";") && !punct(t, ",") && Glued(tokens, t)) ++t;
    *end = t;
    return true;
  };
  std::vector<std::pair<uint32_t, uint32_t>> listings;  // (exchange, the token after its ticker)
  for (uint32_t k = 1; k + 4 < n; ++k) {
    uint32_t close = 0;
    if (text[tokens[k].begin_byte] != '(' || tokens[k].kind != TokenKind::kPunct || !listing(k + 1, &close)) continue;
    // More listings in the bracket ("(NYSE: BVN; BVL: BUENAVC1)").
    listings.assign(1, {k + 1, close});
    for (uint32_t more = 0; listings.size() < 4 && (punct(close, ";") || punct(close, ",")) &&
                            listing(close + 1, &more);) {
      listings.emplace_back(close + 1, more);
      close = more;
    }
    if (!punct(close, ")")) continue;
    if (at.empty()) MapSpans(*spans, n, &at);
    // The exchanges, and the tickers, which name the company (the model's
    // spans inside a ticker give way: "RIO.AX" had been a place).
    for (const auto& [e, end] : listings) {
      const uint32_t c = code_end(e);
      // The code's own tokens free, or held only by spans inside it (the
      // model's "TSX" of "TSX-V"), which give way.
      bool free = true, within = true;
      for (uint32_t j = e; j < c; ++j) {
        free = free && at[j] < 0;
        within = within && (at[j] < 0 || ((*spans)[at[j]].first >= e && (*spans)[at[j]].end <= c));
      }
      if (free || within) {
        for (uint32_t j = e; j < c; ++j)
          if (at[j] >= 0) drop[at[j]] = 1;
        add.push_back(Span{e, c, org_label, typical_margin, true});
      }
      bool inside = true;
      for (uint32_t j = c + 1; j < end; ++j)
        inside = inside && (at[j] < 0 || ((*spans)[at[j]].first >= c + 1 && (*spans)[at[j]].end <= end));
      if (!inside) continue;
      for (uint32_t j = c + 1; j < end; ++j)
        if (at[j] >= 0) drop[at[j]] = 1;
      add.push_back(Span{c + 1, end, org_label, typical_margin, true});
    }
    // The company: back from "(".
    if (!SpacedOnLine(text, tokens, k)) continue;
    const uint32_t first = CompanyWordsBefore(text, tokens, keys, words, k, 6);
    // Not an index ("S&P/ASX 200 Index (ASX: XJO)"), nor on a headline in
    // title case, whose words are all capitalised ("Why Experts Rate ..."),
    // nor a place of the knowledge base after a place's preposition
    // ("Shares in Warsaw (WSE: PKO)"; "shares of Antofagasta (LSE: ANTO)"
    // are the miner's).
    if (first == k || keys[k - 1] == "index" || TitleCaseLine(text, tokens, first) ||
        (first > 0 && (keys[first - 1] == "in" || keys[first - 1] == "at" || keys[first - 1] == "from") &&
         KbNameOfType(kb, text, tokens, keys, first, k, {v1::LOC})))
      continue;
    // A longer organisation's span ending there stays ("Commonwealth Bank of
    // Australia (ASX: CBA)").
    const int32_t last = at[k - 1];
    if (last >= 0 && (*spans)[last].label == org_label && (*spans)[last].end == k && (*spans)[last].first <= first)
      continue;
    bool crosses = false;
    for (uint32_t j = first; j < k; ++j)
      if (at[j] >= 0 && ((*spans)[at[j]].first < first || (*spans)[at[j]].end > k)) crosses = true;
    if (crosses) continue;
    for (uint32_t j = first; j < k; ++j)
      if (at[j] >= 0) drop[at[j]] = 1;
    add.push_back(Span{first, k, org_label, typical_margin, true});
  }
  if (add.empty()) return;
  DropAndInsert(drop, std::move(add), spans);
}

// A company's ticker of the wire's kind in brackets right after its name
// ("Bank Central Asia (BBCA.JK)", "Kenya Airways (KQ.NR)", "Skogvik
// (SKOGb.ST)"): "(", two to eight capital letters (a share class's letter
// in lower case after them), a glued stop and one to three capitals of
// the exchange's suffix, ")", after an organisation's span, is the
// company's name too (the model made such tickers places: "BBCA.JK" after
// "Asia"); after up to four capitalised words no span reaches into from
// before, those words are the company as well.
// Not a ticker of figures ("(7203.T)", "(2222.SR)": no name in words).
// And a reader's cashtag ("held $GRM since", "$NST next?"): "$" before two
// to five capitals glued, no word glued before the sign ("US$4,100").
// ISO 4217 codes of the currencies news writes after "$" or in its place
// ("$CAD", "$AUD"), and the dollar countries' two letters ("$US", "$NZ").
bool CurrencyCode(std::string_view key) {
  static const WordSet k = {"usd", "cad", "aud", "nzd", "hkd", "sgd", "twd", "eur", "gbp", "jpy", "cny", "rmb", "inr",
                            "chf", "krw", "mxn", "brl", "zar", "us", "nz", "hk", "au", "sg", "ca"};
  return k.Has(key);
}

void TickersOfTheWire(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                      const DocWords& words, int org_label, float typical_margin,
                      std::vector<Span>* spans) {
  const bool bracket = text.find('(') != std::string_view::npos, cash = text.find('$') != std::string_view::npos;
  if (!bracket && !cash) return;  // most documents
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto letters = [&](uint32_t k, size_t lo, size_t hi) {
    if (k >= n || tokens[k].kind != TokenKind::kWord) return false;
    const std::string_view w = TokenText(text, tokens[k]);
    return w.size() >= lo && w.size() <= hi && AsciiCapitals(w);
  };
  // A wire's symbol: two to eight capitals, and a share class's letter in
  // lower case after three or more ("SKOGb.ST", "VOLVb.ST").
  auto symbol = [&](uint32_t k) {
    if (letters(k, 2, 8)) return true;
    if (k >= n || tokens[k].kind != TokenKind::kWord) return false;
    const std::string_view w = TokenText(text, tokens[k]);
    return w.size() >= 4 && w.size() <= 9 && w.back() >= 'a' && w.back() <= 'z' &&
           AsciiCapitals(w.substr(0, w.size() - 1));
  };
  std::vector<int32_t> at;
  std::vector<Span> add;
  // (The ticker's letters are a capitalised word: only the tokens before
  // the document's capitalised words are asked.)
  for (const uint32_t c : words.cap_at()) {
    if (c == 0) continue;
    const uint32_t k = c - 1;
    if (tokens[k].kind != TokenKind::kPunct) continue;
    const char p = text[tokens[k].begin_byte];
    // (Not a currency's code before its amount: "$CAD 25 million", "in $AUD terms".)
    if (p == '$' && cash && letters(k + 1, 2, 5) && Glued(tokens, k + 1) && !(k > 0 && Glued(tokens, k)) &&
        !(k + 2 < n && Glued(tokens, k + 2) && tokens[k + 2].kind != TokenKind::kPunct) &&
        !(k + 2 < n && tokens[k + 2].kind == TokenKind::kNumber) && !CurrencyCode(keys[k + 1])) {
      if (at.empty()) MapSpans(*spans, n, &at);
      if (at[k + 1] < 0) add.push_back(Span{k + 1, k + 2, org_label, typical_margin, true});
      continue;
    }
    if (p != '(' || !bracket || k == 0 || k + 4 >= n || !symbol(k + 1) || !PunctAt(text, tokens, k + 2, ".") ||
        !letters(k + 3, 1, 3) || !PunctAt(text, tokens, k + 4, ")") || !Glued(tokens, k + 1) ||
        !Glued(tokens, k + 2) || !Glued(tokens, k + 3) || !Glued(tokens, k + 4))
      continue;
    if (at.empty()) MapSpans(*spans, n, &at);
    // The model's spans inside the ticker give way; one reaching out of it stays.
    const int32_t a = at[k + 1], b = at[k + 3];
    if ((a >= 0 && (*spans)[a].first < k + 1) || (b >= 0 && (*spans)[b].end > k + 4)) continue;
    const int32_t before = at[k - 1];
    if (before >= 0 && LabelType((*spans)[before].label) == v1::ORG && (*spans)[before].end == k) {
      add.push_back(Span{k + 1, k + 4, org_label, typical_margin, true});
      continue;
    }
    // No organisation's span before it: the capitalised words there are
    // the company, whatever the model made of them ("Lucky Cement
    // (LUCK.KA)" nothing, "Kuusamo Pulp (KUUPULP.HE)" a place), when no
    // span reaches into them from before.
    if (!SpacedOnLine(text, tokens, k)) continue;
    const uint32_t first = CompanyWordsBefore(text, tokens, keys, words, k, 4);
    if (first == k || TitleCaseLine(text, tokens, first) || (at[first] >= 0 && (*spans)[at[first]].first < first))
      continue;
    add.push_back(Span{first, k, org_label, typical_margin, true});
    add.push_back(Span{k + 1, k + 4, org_label, typical_margin, true});
  }
  PutSpans(std::move(add), spans);
}

// The steps that find companies (and a country's body by its field) and other organisations by what the text
// says of them: their trade, their price's moves, their kind before them
// or their list's, the journal a study is published in, a company in
// their list. After the consistency steps: a company and a place or a
// person may share a name in one document ("Insurer Hartford ... based in
// Hartford").
void CompanySteps(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                  const DocWords& words, const KnowledgeBase& kb, const std::vector<int>& forced,
                  float typical_margin, std::vector<Span>* spans) {
  const int org = LabelOf(v1::ORG, true);
  BodiesOfAFieldAndACountry(text, tokens, keys, kb, LabelOf(v1::LOC, true), org, spans);
  SportsBodiesAfterTheirCountry(text, tokens, keys, kb, LabelOf(v1::LOC, true), org, spans);
  LeaguesByTheirNumber(text, tokens, keys, org, spans);
  BranchesOfABody(text, tokens, keys, kb, org, spans);
  CompaniesBeforeTheirTicker(text, tokens, keys, words, kb, org, typical_margin, spans);
  TickersOfTheWire(text, tokens, keys, words, org, typical_margin, spans);
  CompaniesByTheirTrade(text, tokens, keys, words, kb, org, typical_margin, spans);
  CompaniesByTheirMoves(text, tokens, keys, kb, forced, org, spans);
  CompaniesByTheirKind(text, tokens, keys, words, forced, org, typical_margin, spans);
  CompaniesInAListOfKind(text, tokens, keys, words, forced, org, typical_margin, spans);
  JournalsPublishedIn(text, tokens, keys, words, kb, org, typical_margin, spans);
  CompaniesListedWithACompany(text, tokens, keys, kb, forced, org, typical_margin, spans);
}

// Whether tokens [a, h) before a "Conference" name a league's or a
// church's ("Missouri Valley Conference", "Big East Conference", "the
// Zimbabwe Catholic Bishops Conference"): an organisation, not a meeting.
bool LeagueOrChurchConference(const KeyViews& keys, uint32_t a, uint32_t h) {
  static const WordSet kWords = {
      "valley", "coast", "athletic", "athletics", "bishops", "bishops'", "catholic", "episcopal", "methodist",
      "baptist", "west", "east", "north", "south", "central", "western", "eastern", "northern", "southern",
      "mountain", "pacific", "atlantic", "sun", "big", "mid", "american", "football", "hockey", "basketball"};
  for (uint32_t k = a; k < h; ++k)
    if (kWords.Has(keys[k])) return true;
  return false;
}

// A grand tour of cycling by its country or region ("Giro d'Italia",
// "Vuelta a España", "Volta a Portugal", "Tour de l'Avenir"): "Giro",
// "Vuelta", "Volta" or "Tour" capitalised, a Romance or English connector
// ("a", "de", "del", "di", "of") or a glued elision ("d'Italia"), then one
// to three capitalised words on the line: one EVENT, in place of the
// spans there (the model had the country, or the head as an organisation).
void GrandTours(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                const std::vector<uint32_t>& cap_at, int event_label, float typical_margin,
                std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto elided = [&](uint32_t k) {  // "d'Italia", "l'Avenir"
    const std::string_view w = TokenText(text, tokens[k]);
    return tokens[k].kind == TokenKind::kWord && w.size() > 2 && (w[0] == 'd' || w[0] == 'l') && w[1] == '\'' &&
           w[2] >= 'A' && w[2] <= 'Z';
  };
  auto tour_head = [&](uint32_t k) {
    const std::string_view h = keys[k];
    return h.size() >= 4 && (h[0] == 'g' || h[0] == 'v' || h[0] == 't') &&  // most words end here
           (h == "giro" || h == "vuelta" || h == "volta" || h == "tour");
  };
  std::vector<Span> add;
  for (const uint32_t c : cap_at) {
    // Not inside a person's name ("Hélène de la Tour d'Auvergne").
    if (!tour_head(c) || tokens[c].all_caps || c + 1 >= n ||
        !SpacedOnLine(text, tokens, c + 1) ||
        (c > 0 && !tokens[c - 1].upper && (keys[c - 1] == "la" || keys[c - 1] == "de" || keys[c - 1] == "du")))
      continue;
    uint32_t p = c + 1;  // the place's first word
    if (!tokens[p].upper && (keys[p] == "a" || keys[p] == "de" || keys[p] == "del" || keys[p] == "di" ||
                             keys[p] == "of") &&
        p + 1 < n && SpacedOnLine(text, tokens, p + 1))
      ++p;
    if (p == c + 1 && !elided(p)) continue;
    if (!(elided(p) || (tokens[p].kind == TokenKind::kWord && tokens[p].upper && !tokens[p].all_caps))) continue;
    uint32_t end = p + 1;
    while (end < n && end - p < 3 && CapitalisedNextOnLine(text, tokens, end) && !tokens[end].all_caps &&
           !tour_head(end))
      ++end;
    // Not the end of a longer name ("PGA" + "Tour of Australasia").
    if (std::any_of(spans->begin(), spans->end(),
                    [&](const Span& sp) { return sp.first < c && (sp.end > c || (sp.end == c && SpacedOnLine(text, tokens, c))); }))
      continue;
    add.push_back({c, end, event_label, typical_margin});
  }
  if (!add.empty()) PutSpans(std::move(add), spans);
}

// A meeting named by its place ("Ukraine Recovery Conference", "Vienna
// Energy Resilience Summit"): a place's span, then one to three
// capitalised words on the line ending in "Conference" or "Summit" (no
// organisation's or title's word among them, no capitalised word after),
// in no span: one EVENT. (A span of them all that begins with a place:
// PlacesGames.)
void MeetingsOfAPlace(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, int loc_label,
                      int event_label, std::vector<Span>* spans) {
  std::vector<Span>& s = *spans;
  for (size_t x = 0; x < s.size(); ++x) {
    Span& sp = s[x];
    if (sp.label != loc_label) continue;
    const uint32_t limit = x + 1 < s.size() ? s[x + 1].first : static_cast<uint32_t>(tokens.size());
    bool head_ahead = false;  // (most places have none: no flags read for them)
    for (uint32_t k = sp.end + 1; k < limit && k <= sp.end + 3 && !head_ahead; ++k)
      head_ahead = keys[k] == "conference" || keys[k] == "summit";
    if (!head_ahead) continue;
    uint32_t h = sp.end;
    while (h < limit && h - sp.end < 3 && CapitalisedNextOnLine(text, tokens, h) && !tokens[h].all_caps &&
           keys[h] != "conference" && keys[h] != "summit" && !(NameWordFlags(keys[h]) & (kOrgWord | kTitleWord)))
      ++h;
    if (h == sp.end || h >= limit || !CapitalisedNextOnLine(text, tokens, h) ||
        (keys[h] != "conference" && keys[h] != "summit") || CapitalisedNextOnLine(text, tokens, h + 1) ||
        (keys[h] == "conference" && LeagueOrChurchConference(keys, sp.end, h)))
      continue;
    sp = {sp.first, h + 1, event_label, sp.margin};
  }
}

// A cup named after a person or a sponsor ("Billie Jean King Cup", "Davis
// Cup", "Carabao Cup"): a person's or an organisation's span right before
// a capitalised "Cup" on its line (tagged alone, not at all, or, after a
// person's, as the end of a cup's span that begins right after it), no
// capitalised word after it, is one EVENT, and a cup's span takes in up
// to two capitalised words right before it that no span holds. (A place's
// or a people's cup: PlacesGames.)
void CupsNamedAfterSomeone(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                           int person_label, int org_label, int event_label, std::vector<Span>* spans) {
  auto cup_at = [&](uint32_t k) {
    return k < tokens.size() && keys[k] == "cup" && CapitalisedNextOnLine(text, tokens, k) && !tokens[k].all_caps &&
           !CapitalisedNextOnLine(text, tokens, k + 1);
  };
  auto named = [&](const Span& sp) { return sp.label == person_label || sp.label == org_label; };
  // Most documents have no cup after or at the end of a span: nothing to do.
  if (std::none_of(spans->begin(), spans->end(), [&](const Span& sp) {
        return (sp.end < tokens.size() && keys[sp.end] == "cup") || keys[sp.end - 1] == "cup";
      }))
    return;
  JoinNeighbours(spans, [&](const Span& a, const Span& b) -> std::optional<Span> {
    if (!named(a) || b.first != a.end || !SpacedOnLine(text, tokens, b.first)) return std::nullopt;
    // "Cup" alone, or the end of a cup's event span after a person's
    // ("Billie Jean" + "King Cup"; not a club's: "Arsenal" + "FA Cup").
    if (!(b.end == a.end + 1 && cup_at(a.end)) &&
        !(a.label == person_label && b.label == event_label && cup_at(b.end - 1)))
      return std::nullopt;
    return Span{a.first, b.end, event_label, a.margin};
  });
  std::vector<Span>& s = *spans;
  for (size_t x = 0; x < s.size(); ++x) {
    if (named(s[x]) && cup_at(s[x].end) && !(x + 1 < s.size() && s[x + 1].first == s[x].end))
      s[x] = {s[x].first, s[x].end + 1, event_label, s[x].margin};
    // A cup's span takes in up to two capitalised words right before it
    // that no span holds ("Billie" + "Jean King Cup").
    if (s[x].label != event_label || !cup_at(s[x].end - 1) || s[x].end - 1 == s[x].first) continue;
    // Not a sentence's first word, a headline's verb or words ("Former
    // Arsenal FA Cup winner", "Murray Wins Davis Cup").
    if (TitleCaseLine(text, tokens, s[x].first)) continue;
    const uint32_t floor = x > 0 ? s[x - 1].end : 0;
    uint32_t f = s[x].first;
    while (f > floor && s[x].first - f < 2 && SpacedOnLine(text, tokens, f) && NameWordAt(tokens, keys, f - 1) &&
           !tokens[f - 1].all_caps && !tokens[f - 1].sentence_start)
      --f;
    s[x].first = f;
  }
}

// A space mission by its numbered name before "mission" ("the Tianwen-2
// mission", "the Artemis II mission", "Chandrayaan-3 mission", "the
// Apollo 11 mission"): a capitalised word, then a number or a roman numeral
// (glued by a hyphen or spaced), or a word with its digits glued
// ("Hayabusa2"), right before a lower-case "mission", in no span or in a
// span of just those tokens: one EVENT. An organisation's mission ("an
// OSCE mission", "a UN mission") has no number.
void NumberedMissions(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                      const std::vector<uint32_t>& cap_at, int event_label, float typical_margin,
                      std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto roman = [&](uint32_t k) {
    const std::string_view w = TokenText(text, tokens[k]);
    return w == "II" || w == "III" || w == "IV" || w == "V" || w == "VI" || w == "VII";
  };
  auto digits = [&](uint32_t k) {
    const std::string_view w = TokenText(text, tokens[k]);
    return !w.empty() && w.size() <= 4 && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  auto mission_at = [&](uint32_t k) {
    return k < n && keys[k] == "mission" && !tokens[k].upper && SpacedOnLine(text, tokens, k);
  };
  std::vector<Span> add;
  for (const uint32_t c : cap_at) {
    // "mission" one, two or three tokens on first: most words end here.
    if (tokens[c].all_caps || !(mission_at(c + 1) || mission_at(c + 2) || mission_at(c + 3))) continue;
    const std::string_view w = TokenText(text, tokens[c]);
    uint32_t end = 0;
    if (mission_at(c + 1) && std::isdigit(static_cast<unsigned char>(w.back())) &&
        std::isalpha(static_cast<unsigned char>(w[0]))) {
      end = c + 1;  // "Hayabusa2"
    } else if (mission_at(c + 3) && IsHyphenToken(text, tokens[c + 1]) && Glued(tokens, c + 1) &&
               Glued(tokens, c + 2) && digits(c + 2)) {
      end = c + 3;  // "Tianwen-2"
    } else if (mission_at(c + 2) && SpacedOnLine(text, tokens, c + 1) && (digits(c + 1) || roman(c + 1))) {
      end = c + 2;  // "Apollo 11", "Artemis II"
    }
    if (end == 0) continue;
    add.push_back({c, end, event_label, typical_margin});
  }
  if (!add.empty()) PutSpans(std::move(add), spans);
}

// A war named after its sides joined by hyphens ("the Mexican-American
// War", "the Iran-Iraq War", "the Second Sino-Japanese War", "the
// Franco-Prussian War"): one EVENT over the sides, "War" or "Wars" and an
// ordinal before them, where the model had the peoples or the places.
// Each side a people's or a place's word of the knowledge base or a
// combining form ("Sino", "Franco", "Russo"); "War" capitalised, one space
// after the last side, no capitalised word after it on its line. (The
// wars in lower case, "the Russia-Ukraine war": WarsInLowerCase.)
void WarsOfTheirSides(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                      const KnowledgeBase& kb, const std::vector<uint32_t>& cap_at, int event_label,
                      float typical_margin, std::vector<Span>* spans) {
  static const WordSet kCombining = {"sino", "franco", "russo", "anglo", "austro", "greco", "indo", "italo",
                                     "turco", "perso", "hispano", "serbo"};
  static const WordSet kOrdinals = {"first", "second", "third", "fourth", "fifth"};
  // (The last side may begin a war's name of the knowledge base: "Gaza
  // War" of "the Israel-Gaza War".)
  auto side = [&](uint32_t k, uint32_t war) {
    return tokens[k].kind == TokenKind::kWord && tokens[k].upper &&
           (kCombining.Has(keys[k]) || KbNameOfType(kb, text, tokens, keys, k, k + 1, {v1::NORP, v1::LOC}) ||
            (k + 1 == war && KbNameOfType(kb, text, tokens, keys, k, war + 1, {v1::EVENT})));
  };
  std::vector<Span> add;
  for (const uint32_t w : cap_at) {  // "War" is capitalised
    if (w < 3 || !(keys[w] == "war" || keys[w] == "wars") || tokens[w].all_caps ||
        !SpacedOnLine(text, tokens, w) || CapitalisedNextOnLine(text, tokens, w + 1))
      continue;
    uint32_t first = w - 1;
    if (!side(first, w)) continue;
    uint32_t sides = 1;
    while (first >= 2 && IsHyphenToken(text, tokens[first - 1]) && Glued(tokens, first) &&
           Glued(tokens, first - 1) && side(first - 2, w))
      first -= 2, ++sides;
    if (sides < 2) continue;
    if (first > 0 && kOrdinals.Has(keys[first - 1]) && tokens[first - 1].upper && SpacedOnLine(text, tokens, first))
      --first;
    add.push_back(Span{first, w + 1, event_label, typical_margin, true});
  }
  PutSpans(std::move(add), spans);
}

// The steps that find events: storms, wars and named events, races, games
// and cups, then the place or acronym before an event.
void EventSteps(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                const DocWords& words, const KnowledgeBase& kb, float typical_margin, std::vector<Span>* spans) {
  const int event = LabelOf(v1::EVENT, true), loc = LabelOf(v1::LOC, true), norp = LabelOf(v1::NORP, true);
  NamedStorms(text, tokens, keys, words.cap_at(), event, typical_margin, spans);
  NamedEvents(text, tokens, keys, kb, words.cap_at(), event, typical_margin, spans);
  RaceNames(text, tokens, keys, words.cap_at(), event, typical_margin, spans);
  RacesByTheirPlace(text, tokens, keys, kb, loc, event, spans);
  GrandTours(text, tokens, keys, words.cap_at(), event, typical_margin, spans);
  NumberedMissions(text, tokens, keys, words.cap_at(), event, typical_margin, spans);
  MeetingsOfAPlace(text, tokens, keys, loc, event, spans);
  PlacesGames(text, tokens, keys, kb, words.cap_at(), loc, norp, event, typical_margin, spans);
  CupsNamedAfterSomeone(text, tokens, keys, LabelOf(v1::PERSON, true), LabelOf(v1::ORG, true), event, spans);
  JoinPlacesToEvents(text, tokens, keys, kb, loc, norp, LabelOf(v1::ORG, true), event, spans);
  WarsOfTheirSides(text, tokens, keys, kb, words.cap_at(), event, typical_margin, spans);
}

// Verbs a headline writes after its subject in the present tense ("Ukraine
// Secures EUR 2bn", "Congress Censures Minister", "European Court Rules
// Portugal Breached Ban"). A title-case line gives the model no lower case
// to stop a name at, so it ran the subject's name into the verb.
bool IsHeadlineVerb(std::string_view key) {
  // (Each ends in "s": most words are turned away by it.)
  if (key.size() < 4 || key.back() != 's') return false;
  static const WordSet k = {
      "says", "wins", "rules", "secures", "bets", "backs", "passes", "approves", "censures", "seeks", "plans",
      "vows", "warns", "faces", "opens", "signs", "sweeps", "clinches", "raises", "announces", "urges", "hits",
      "cuts", "eyes", "nears", "slams", "rejects", "calls", "launches", "unveils", "boosts", "extends", "sues",
      "charges", "blocks", "bans", "agrees", "adopts", "lifts", "holds", "takes", "gets", "sets", "beats",
      "edges", "tops", "loses", "rises", "climbs", "drops", "jumps", "slides", "slumps", "surges",
      "soars", "orders", "denies", "defends", "demands", "claims", "confirms", "expects", "targets", "weighs",
      "mulls", "considers", "pledges", "promises", "threatens", "votes", "elects", "appoints", "fires", "hires",
      "buys", "sells", "acquires", "invests", "expands", "halts", "suspends", "resumes", "delays", "scraps",
      "cancels", "tightens", "eases", "grants", "fines", "arrests", "detains", "frees",
      "releases", "reports", "posts", "reaches", "joins", "quits", "leaves", "enters", "returns", "struggles",
      "braces", "prepares", "welcomes", "condemns", "criticises", "criticizes", "accuses", "probes",
      "investigates", "tests", "unites", "splits", "marks", "celebrates", "mourns",
      "crushes", "stuns", "routs", "thrashes", "sinks", "ousts", "knocks", "draws", "stays", "keeps",
      "needs", "wants", "turns", "moves", "pushes", "pulls", "puts", "makes", "finds", "sees", "shows",
      "tells", "asks", "offers", "gives", "admits", "insists", "hails", "signals", "doubles",
      "triples", "narrows", "widens", "avoids", "escapes", "survives", "fails", "succeeds", "outlines",
      "closes", "shuts", "jails", "sentences", "convicts", "acquits"};
  return k.Has(key);
}

// A span on a title-case line whose words before such a verb are one name
// of the knowledge base ("Ukraine" + "Secures", "Congress" + "Censures")
// or end in an organisation's word ("European Court" + "Rules") ends
// before the verb; the words after the verb stay a span only as one
// name of the knowledge base themselves ("Portugal"), typed as it types
// them. A verb in capitals is left alone; one first in the span, after
// other words of its line, is the verb whose object the rest of the span
// names ("Nurse Shortage" "Closes Nuuk" "Wards": "Nuuk"), typed as the
// knowledge base types it when it is one of its names.
void HeadlineVerbs(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                   const KnowledgeBase& kb, std::vector<Span>* spans) {
  std::vector<Span> add;
  for (Span& sp : *spans) {
    const uint32_t f = sp.first;
    if (sp.end - f >= 2 && f > 0 && !tokens[f].line_break_before && tokens[f].kind == TokenKind::kWord &&
        !tokens[f].all_caps && IsHeadlineVerb(keys[f]) && TitleCaseLine(text, tokens, f)) {
      KnowledgeBase::Match m;
      sp.first = f + 1;
      if (kb.LongestMatch(text, tokens, keys, f + 1, &m) && m.end_token == sp.end)
        sp.label = LabelOf(kb.entities()[static_cast<size_t>(m.entity)].type, true);
      continue;
    }
    uint32_t v = sp.first + 1;
    while (v < sp.end && !(tokens[v].kind == TokenKind::kWord && !tokens[v].all_caps && IsHeadlineVerb(keys[v]))) ++v;
    if (v >= sp.end || !TitleCaseLine(text, tokens, v)) continue;
    KnowledgeBase::Match m;
    if (!(NameWordFlags(keys[v - 1]) & kOrgWord) && !(kb.LongestMatch(text, tokens, keys, sp.first, &m) && m.end_token == v))
      continue;
    const uint32_t end = sp.end;
    sp.end = v;
    if (v + 1 < end && kb.LongestMatch(text, tokens, keys, v + 1, &m) && m.end_token == end)
      add.push_back({v + 1, end, LabelOf(kb.entities()[static_cast<size_t>(m.entity)].type, true), sp.margin});
  }
  InsertSpans(std::move(add), spans);
}

// A wire's credit line's first word ("(Reporting by ...", "(Editing by ...").
bool IsCreditWord(std::string_view w) {
  return w == "Reporting" || w == "Editing" || w == "Writing" || w == "Additional" || w == "Compiled" ||
         w == "Source" || w == "Sources";
}

// A company's abbreviated legal form keeps its stop inside a sentence
// ("Altiplano Copper Corp., which", "JERA Co. and", "Fast Retailing Co.,
// Ltd., the owner"): the tokenizer split the stop off as a full stop. A
// span ending in "Corp", "Co", "Inc", "Ltd", "Bhd", "Pty", "Cos" or
// "Ltda" before a glued "." takes it in when a comma, a semicolon, a
// bracket (but a credit line's) or a lower-case word follows on the line,
// or a second stop; at a sentence's end the
// stop is the sentence's (wire style writes "Sumitomo Corp.").
void LegalFormStops(std::string_view text, const std::vector<Token>& tokens, std::vector<Span>* spans) {
  const size_t n = tokens.size();
  for (Span& sp : *spans) {
    const uint32_t f = sp.end - 1, dot = sp.end;
    // A glued "." after the span first: most spans end otherwise.
    if (dot + 1 >= n || tokens[dot].kind != TokenKind::kPunct || tokens[dot].begin_byte != tokens[f].end_byte ||
        !tokens[f].upper)
      continue;
    const std::string_view w = TokenText(text, tokens[f]);
    if (!(w == "Corp" || w == "Co" || w == "Inc" || w == "Ltd" || w == "Bhd" || w == "Pty" || w == "Cos" ||
          w == "Ltda") ||
        TokenText(text, tokens[dot]) != "." || !Glued(tokens, dot) || tokens[dot + 1].line_break_before)
      continue;
    const Token& after = tokens[dot + 1];
    const std::string_view a = TokenText(text, after);
    // (A bracket opening the company's acronym or listing, "Co. (TSMC)",
    // not a wire's credit line after the last sentence, "Corp. (Reporting
    // by ..."; a second stop, the sentence's own: "Cosmo Bee Inc..")
    const bool bracket = a == "(" && dot + 2 < n && !tokens[dot + 2].line_break_before &&
                         !IsCreditWord(TokenText(text, tokens[dot + 2]));
    if ((after.kind == TokenKind::kWord && !after.upper) || a == "," || a == ";" || a == ")" || bracket ||
        (a == "." && Glued(tokens, dot + 1)))
      sp.end = dot + 1;
  }
}

// A preposition or "Born" first in a sentence is no name's word ("Near
// Bothaville, farmers ...", "Born Adeola Martins in Ibadan, ..."): the
// model, which saw it capitalised before a name, took it in. A span that
// begins with one at a sentence's start, then capitalised words, begins
// after it; one word left after a preposition of place that the model
// typed a person is a place ("Near Bothaville").
void SentenceOpenersOff(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        int person_label, int loc_label, std::vector<Span>* spans) {
  static const WordSet kPlacePreps = {"near", "outside", "inside", "beyond", "across", "along", "around",
                                      "behind", "beside", "towards", "toward", "opposite"};
  // (And the roles a name's sentence opens with that the title words lack:
  // "Promoter Black Stars Promotions Ltd", "Organisers Amaury Sport
  // Organisation", "Jungler Rizky Pratama".)
  static const WordSet kOpeners = {"born",      "amid",       "via",        "unlike",     "following",
                                   "including", "like",       "promoter",   "promoters",  "organisers",
                                   "organizers", "organiser", "organizer",  "sponsor",    "sponsors",
                                   "jungler",   "owners"};
  for (Span& sp : *spans) {
    const uint32_t f = sp.first;
    if (sp.end - f < 2 || !tokens[f].sentence_start || !tokens[f].upper || tokens[f].all_caps ||
        !CapitalisedNextOnLine(text, tokens, f + 1))
      continue;
    const bool place = kPlacePreps.Has(keys[f]);
    if (!place && !kOpeners.Has(keys[f])) continue;
    sp.first = f + 1;
    if (place && sp.end == f + 2 && sp.label == person_label) sp.label = loc_label;
  }
}

// Verbs of what a body (a government, a company, an agency) says or does,
// right after its name ("AWS said", "NICE said on Tuesday").
const WordSet kBodyVerbs = {"said",     "says",    "announced", "reported", "told",     "added",
                            "warned",   "agreed",  "plans",     "planned",  "confirmed", "denied",
                            "expects",  "launched", "approved", "rejected", "urged",    "signed",
                            "released", "published", "did",     "does",     "estimated", "accused"};

// A place of the knowledge base the model typed a person (a dateline's
// "MANILA -", "Manila was stirring up tensions": the model read the verb
// after it, and the document's mentions then voted as one): a person's
// span that is exactly one name of the knowledge base, with a place and no
// person among its entities, no title before it and no capitalised word
// after it, not glued to a handle's words, not before "family", nor a word
// the document gives a surname or another type, is the place. (The
// knowledge base leaves out the places whose names are mostly people's:
// "Lincoln", "Florence", "Jordan".)
void KbPlacesAreNoPersons(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const KnowledgeBase& kb, int person_label, int loc_label, std::vector<Span>* spans) {
  static const WordSet kKin = {"family", "clan", "dynasty", "brothers", "sisters"};
  // The knowledge base's one-word places that are among the 300 commonest
  // given names of the 1990 US census lists ("Paul" of Cabo Verde, "Chad").
  static const WordSet kGivenNames = {"georgia", "chad",     "salvador", "virginia", "paul",
                                      "brittany", "patrick", "diana",    "regina"};
  // The words the document gives a person's surname or another type than a
  // person's ("Kazuo Ueda" ... "Ueda said"; "Sumida President" as a
  // company): such a name stays as the model had it. Gathered at the first
  // place found (most documents have none).
  std::vector<std::string_view> other;
  bool gathered = false;
  for (Span& sp : *spans) {
    if (sp.label != person_label || sp.end - sp.first > 2 || CapitalisedNextOnLine(text, tokens, sp.end) ||
        (sp.first > 0 && Glued(tokens, sp.first)) ||  // inside a handle or a word: "@Uber_Sydney"
        (sp.end < tokens.size() &&
         ((Glued(tokens, sp.end) && (tokens[sp.end].kind == TokenKind::kWord || keys[sp.end] == "_")) ||
          kKin.Has(keys[sp.end]))))
      continue;
    KnowledgeBase::Match m;
    if (!kb.LongestMatch(text, tokens, keys, sp.first, &m) || m.end_token != sp.end ||
        EntityOfType(kb, m, v1::LOC) == nullptr || EntityOfType(kb, m, v1::PERSON) != nullptr ||
        kGivenNames.Has(keys[sp.first]) ||
        (sp.first > 0 && TitleWordAt(text, tokens, keys, sp.first - 1) != TitleWord::kNone))
      continue;
    if (!gathered) {
      gathered = true;
      for (const Span& o : *spans) {
        if (o.label == person_label && o.end - o.first >= 2) other.push_back(keys[o.end - 1]);
        if (o.label != person_label && o.label != loc_label) other.push_back(keys[o.first]);
      }
    }
    if (std::find(other.begin(), other.end(), keys[sp.end - 1]) != other.end()) continue;
    sp.label = loc_label;
  }
}

// Whether token k is a word that makes a name an organisation's: an// Whether token k is a word that makes a name an organisation's: an
// organisation's word ("Court", "University"), a company's trade or a
// legal form.
bool OrganisationWordAt(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, uint32_t k) {
  return (NameWordFlags(keys[k]) & kOrgWord) || IsCompanyTrade(keys[k]) || IsLegalForm(text, tokens[k]);
}

// A name followed by an age between commas is a person's ("De
// Albuquerque, 38, said", "Turkey's Mehmet Emin Yildiz, 15, received a
// wildcard"): the gold sets have 40 such names, every one a person. A
// span of up to four capitalised words in mixed case the model typed
// otherwise, no organisation's word among them nor one name of the
// knowledge base, then ", N," with N of one or two digits: a PERSON.
void PersonsByTheirAge(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                       const KnowledgeBase& kb, int person_label, std::vector<Span>* spans) {
  const size_t n = tokens.size();
  for (Span& sp : *spans) {
    const uint32_t e = sp.end;
    if (sp.label == person_label || sp.end - sp.first > 4 || e + 2 >= n || TokenText(text, tokens[e]) != "," ||
        !Glued(tokens, e) || tokens[e + 1].kind != TokenKind::kNumber || !SpacedOnLine(text, tokens, e + 1) ||
        tokens[e + 1].end_byte - tokens[e + 1].begin_byte > 2 || TokenText(text, tokens[e + 2]) != "," ||
        !Glued(tokens, e + 2))
      continue;
    bool plain = true;
    for (uint32_t k = sp.first; k < e && plain; ++k)
      plain = (tokens[k].kind == TokenKind::kWord && tokens[k].upper && !tokens[k].all_caps &&
               !OrganisationWordAt(text, tokens, keys, k)) ||
              IsHyphenToken(text, tokens[k]) || JoinsNameParts(keys[k]);
    KnowledgeBase::Match m;
    if (plain && !(kb.LongestMatch(text, tokens, keys, sp.first, &m) && m.end_token == e)) sp.label = person_label;
  }
}

// A road by its number ("the A61", "the N20 through the town", "the M4 to
// Bristol", "along Route 44", "on Highway 51"): "the" and a road's letter
// (A, M or N) glued to one or two digits, or "Route", "Highway" or
// "Interstate" and a number, in no span: a LOC. Not an aircraft's three
// digits ("the A380"), nor before a word of a group, a mask or a weapon
// ("the M23 rebel group", "the N95 mask"). So are a US interstate by its
// code ("closed I-80", "I-25 from Fort Collins": "I", a glued hyphen, up
// to three digits), a street by its ordinal ("5th Avenue", "42nd Street",
// Quebec's "3e Avenue", "1re Avenue", "4e Rue") and a French street's
// name after its word in lower case and a preposition ("along boulevard
// René-Lévesque", "on rue Saint-Jean").
// (Compared whole: asked of the word before every capitalised word.)
bool FrenchStreetWord(std::string_view w) {
  return w == "rue" || w == "boulevard" || w == "avenue" || w == "chemin";
}

// A road's number: one to three digits, and a capital after them ("66",
// "1A", "401").
bool RoadNumber(std::string_view w) {
  size_t d = 0;
  while (d < w.size() && w[d] >= '0' && w[d] <= '9') ++d;
  return d >= 1 && d <= 3 && (d == w.size() || (d + 1 == w.size() && w[d] >= 'A' && w[d] <= 'Z'));
}

bool StreetOrdinal(std::string_view w) {
  size_t d = 0;
  while (d < w.size() && w[d] >= '0' && w[d] <= '9') ++d;
  if (d == 0 || d > 3) return false;
  const std::string_view s = w.substr(d);
  return s == "st" || s == "nd" || s == "rd" || s == "th" || s == "e" || s == "re" || s == "er";
}

void RoadsByTheirNumber(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        const std::vector<uint32_t>& cap_at, int loc_label, std::vector<Span>* spans) {
  static const WordSet kStreets = {"avenue", "street", "rue", "road", "boulevard", "ave"};
  // (Not "to": "live to rue Trump's decision".)
  static const WordSet kPrepositions = {"on", "along", "at", "in", "of", "from", "via", "onto", "off"};
  // A form's or a petition's number is no interstate ("Form I-9", "the
  // I-130 petition").
  static const WordSet kNoInterstate = {"petition", "petitions", "form", "forms", "visa", "visas", "application",
                                        "status", "filing", "filings"};
  // The words after such a code that name no road ("the M23 rebel group",
  // "an N95 mask", "the M4 carbine").
  static const WordSet kNoRoad = {"mask",    "masks",   "rebel",   "rebels", "group",  "militia", "movement",
                                  "fighters", "bomber", "jet",     "rifle",  "carbine", "tank",   "motion"};
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<Span> add, streets;  // streets: their name's spans give way
  uint32_t next = 0;  // the first token after the last road found
  for (const uint32_t k : cap_at) {  // the code or the road word
    if (k == 0 || k < next) continue;
    const Token& t = tokens[k];
    const std::string_view w = TokenText(text, t);
    uint32_t end = 0;
    if (w.size() >= 2 && w.size() <= 3 && (w[0] == 'A' || w[0] == 'M' || w[0] == 'N') && keys[k - 1] == "the" &&
        std::all_of(w.begin() + 1, w.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        SpacedOnLine(text, tokens, k) && !(k + 1 < n && kNoRoad.Has(keys[k + 1]))) {
      end = k + 1;
    } else if (t.kind == TokenKind::kWord && t.upper && !t.all_caps &&
               (keys[k] == "route" || keys[k] == "highway" || keys[k] == "interstate") && k + 1 < n &&
               RoadNumber(TokenText(text, tokens[k + 1])) && SpacedOnLine(text, tokens, k + 1)) {
      end = k + 2;
    } else if (w == "I" && k + 2 < n && Glued(tokens, k + 1) && IsHyphenToken(text, tokens[k + 1]) &&
               Glued(tokens, k + 2) && tokens[k + 2].kind == TokenKind::kNumber &&
               tokens[k + 2].end_byte - tokens[k + 2].begin_byte <= 3 && keys[k - 1] != "form" &&
               !(k + 3 < n && kNoInterstate.Has(keys[k + 3]))) {
      end = k + 3;
    } else if (tokens[k - 1].kind == TokenKind::kNumber && kStreets.Has(keys[k]) && !t.all_caps &&
               SpacedOnLine(text, tokens, k) && StreetOrdinal(TokenText(text, tokens[k - 1])) && k - 1 >= next) {
      add.push_back({k - 1, k + 1, loc_label, 0.f});
      next = k + 1;
      continue;
    } else if (k >= 2 && !tokens[k - 1].upper && FrenchStreetWord(keys[k - 1]) &&
               CapitalisedNextOnLine(text, tokens, k) && kPrepositions.Has(keys[k - 2]) && !tokens[k - 2].upper &&
               SpacedOnLine(text, tokens, k - 1) && k - 1 >= next) {
      // The name: its capitalised words and glued hyphens on the line.
      end = k + 1;
      while (end + 1 < n && Glued(tokens, end) && IsHyphenToken(text, tokens[end]) && Glued(tokens, end + 1) &&
             tokens[end + 1].kind == TokenKind::kWord && tokens[end + 1].upper)
        end += 2;
      streets.push_back({k - 1, end, loc_label, 0.f});
      next = end;
      continue;
    }
    if (end == 0) continue;
    add.push_back({k, end, loc_label, 0.f});
    next = end;
  }
  if (add.empty() && streets.empty()) return;
  // Only where no span lies over the road's tokens; a street's name may
  // have one inside it ("René-Lévesque" a person's), none across its ends.
  // A place's span that ends on the road's word takes its number ("National
  // Route" + "1A").
  std::vector<int32_t> at;
  MapSpans(*spans, n, &at);
  std::erase_if(add, [&](const Span& r) {
    if (r.end != r.first + 2 || at[r.first] < 0 || at[r.first + 1] >= 0 ||
        !(keys[r.first] == "route" || keys[r.first] == "highway" || keys[r.first] == "interstate"))
      return false;
    Span& road = (*spans)[static_cast<size_t>(at[r.first])];
    if (road.end != r.first + 1 || road.label != loc_label) return false;
    road.end = r.end;
    return true;
  });
  std::erase_if(add, [&](const Span& r) {
    for (uint32_t k = r.first; k < r.end; ++k)
      if (at[k] >= 0) return true;
    return false;
  });
  std::erase_if(streets, [&](const Span& r) {
    for (uint32_t k = r.first; k < r.end; ++k)
      if (at[k] >= 0 && ((*spans)[at[k]].first < r.first || (*spans)[at[k]].end > r.end)) return true;
    return false;
  });
  InsertSpans(std::move(add), spans);
  PutSpans(std::move(streets), spans);
}

// A venue where something happens ("at the MCG on Saturday", "at the New
// Lawn in a row", "at the Wiener Stadthalle in Vienna", "at the Basin
// Reserve on Friday"): the gold sets type the names there places 39 times,
// events 23 and organisations 9, each organisation with an organisation's
// word ("High Court", "Jagiellonian University"). A span the model typed
// an organisation after "at the" and before "on" or "in", with no
// organisation's word, trade, legal form or a museum's or gallery's word
// in it, no organisation of the knowledge base ("at the IMF in
// Washington"): a place.
void VenuesAtThe(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                 const KnowledgeBase& kb, int org_label, int loc_label, std::vector<Span>* spans) {
  for (Span& sp : *spans) {
    const uint32_t f = sp.first, e = sp.end;
    if (sp.label != org_label || f < 2 || e >= tokens.size() || keys[f - 1] != "the" || keys[f - 2] != "at" ||
        (keys[e] != "on" && keys[e] != "in") || !SpacedOnLine(text, tokens, e))
      continue;
    bool plain = true;
    for (uint32_t k = f; k < e && plain; ++k)
      plain = !OrganisationWordAt(text, tokens, keys, k) && keys[k] != "museum" && keys[k] != "gallery" &&
              keys[k] != "galleries" && keys[k] != "library";
    if (!plain || KbNameOfType(kb, text, tokens, keys, f, e, {v1::ORG})) continue;
    sp.label = loc_label;
  }
}

// An institution named in French, Spanish, Portuguese or Italian: a head
// word of such names ("Banco", "Cour", "Académie", "Fundación", "Office",
// "Bureau"), capitalised and on its line, then a particle ("de", "du",
// "des", "del", "do", "da", "y", "et", ...) and the words of the name, up
// to where an English word goes on ("the Cour des comptes said", "Banco
// Central do Brasil keeps", "Office National de l'Huile (ONH)", "Fundación
// Paz y Reconciliación"): one organisation. The words: capitalised ones,
// a particle, a word in lower case right after a particle ("comptes",
// "sciences") or that ends as a Romance adjective ("national", "nacional",
// "animée"), an elided "l'"/"d'" word. The model cut such names at the
// particle or took their places out ("Chile", "Brabant"). A head English
// shares ("Office", "Bureau", "Centre", "Union") counts only before a
// particle of those languages.
void RomanceInstitutions(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                         const std::vector<uint32_t>& cap_at, int org_label, float typical_margin,
                         std::vector<Span>* spans) {
  static const WordSet kHeads = {
      "banco", "banque", "banca", "cour", "corte", "academie", "academia", "accademia", "institut", "instituto",
      "istituto", "fundacion", "fundacao", "fondation", "fondazione", "corporacion", "corporacao", "consejo",
      "conseil", "consiglio", "conselho", "ministere", "ministerio", "ministero", "agence", "agencia", "agenzia",
      "comision", "caisse", "caja", "caixa", "societe", "sociedad", "sociedade", "societa", "compagnie",
      "compania", "companhia", "universidad", "universidade", "universite", "universita", "escuela", "ecole",
      "partido", "parti", "partito", "frente", "movimiento", "mouvement", "movimento", "union", "confederation",
      "confederacion", "federacion", "federation", "asociacion", "associacao", "assurances", "autorite",
      "autoridad", "servicio", "secretaria", "direccion", "direction", "comite", "assemblee", "asamblea",
      "congreso", "senado", "senat", "junta", "office", "bureau", "centre", "centro", "tribunal", "empresa",
      "grupo", "groupe", "radio", "television", "televisao", "commission", "observatoire", "observatorio",
      // the keys keep their accents
      "académie", "fundación", "fundação", "corporación", "corporação", "comisión", "société",
      "compañía", "université", "università", "école", "confédération", "confederación", "federación",
      "fédération", "asociación", "associação", "autorité", "secretaría", "dirección", "comité", "assemblée",
      "sénat", "télévision", "televisão", "ministère", "ministério"};
  static const WordSet kShared = {"union", "confederation", "federation", "office", "bureau", "centre", "tribunal",
                                  "radio", "television", "commission", "direction", "parti", "grupo", "junta"};
  static const WordSet kParticles = {"de", "du", "des", "del", "do", "da", "dos", "das", "della",
                                     "dello", "degli", "delle", "di", "y", "e", "et", "pour", "para", "per",
                                     "sur", "en", "aux", "au", "la", "le", "les", "los", "las", "el"};
  auto romance_adjective = [](std::string_view w) {
    for (std::string_view suf : {"al", "ale", "aux", "ique", "ica", "ico", "ien", "ienne", "aise", "ais", "ano",
                                 "ana", "ivo", "iva", "ée", "ées", "ario", "aria", "eno", "ena"})
      if (w.size() > suf.size() + 2 && w.ends_with(suf)) return true;
    return false;
  };
  auto elided = [&](uint32_t k) {
    const std::string_view w = keys[k];
    return w.size() > 3 && (w[0] == 'l' || w[0] == 'd') && w[1] == '\'';
  };
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<Span> add;
  uint32_t done = 0;
  for (uint32_t h : cap_at) {
    if (h < done || tokens[h].all_caps || !kHeads.Has(keys[h]) || h + 2 >= n) continue;
    if (!kParticles.Has(keys[h + 1]) && !(romance_adjective(keys[h + 1]) || tokens[h + 1].upper)) continue;
    // A head English shares: a particle right after it, or after one word
    // ("Office National de", "Centre national du").
    if (kShared.Has(keys[h]) && !(kParticles.Has(keys[h + 1]) && keys[h + 1] != "en" && keys[h + 1] != "la" &&
                                  keys[h + 1] != "e")) {
      if (!((tokens[h + 1].upper || romance_adjective(keys[h + 1])) && kParticles.Has(keys[h + 2]) &&
            !tokens[h + 2].upper))
        continue;
    }
    uint32_t k = h + 1, last = h;
    bool particle_seen = false, after_particle = false;
    while (k < n && SpacedOnLine(text, tokens, k) && tokens[k].kind == TokenKind::kWord) {
      const bool particle = !tokens[k].upper && kParticles.Has(keys[k]);
      // A lower-case word: right after a particle ("Cour des comptes"), or a
      // Romance adjective before one ("Centre national du ..."; not "Banque
      // de France official said").
      const bool adjective = romance_adjective(keys[k]) && k + 1 < n && !tokens[k + 1].upper &&
                             kParticles.Has(keys[k + 1]);
      const bool word = (tokens[k].upper && !(NameWordFlags(keys[k]) & kTitleWord) &&
                         TitleWordOf(keys[k]) == TitleWord::kNone) ||
                        elided(k) || (!tokens[k].upper && (after_particle || adjective) && !particle);
      if (!particle && !word) break;
      if (particle) particle_seen = true;
      after_particle = particle;
      if (!particle) last = k;
      ++k;
    }
    if (!particle_seen || last <= h + 1 || CapitalisedNextOnLine(text, tokens, last + 1)) continue;
    add.push_back(Span{h, last + 1, org_label, typical_margin});
    done = last + 1;
    // Its acronym in brackets right after it ("(ANAPQUI)"), which the
    // acronyms' step could not read off a name not yet whole.
    if (last + 3 < n && TokenText(text, tokens[last + 1]) == "(" && TokenText(text, tokens[last + 3]) == ")" &&
        tokens[last + 2].kind == TokenKind::kWord && tokens[last + 2].all_caps && keys[last + 2].size() >= 2) {
      add.push_back(Span{last + 2, last + 3, org_label, typical_margin});
      done = last + 4;
    }
  }
  PutSpans(std::move(add), spans);
}

// A line of scorers ("Scorers - Kilcoo: Mac Giolla Bhríde 1-2, Ó Néill 0-5
// (0-3f), Magennis 0-3. Scotstown: Mac Suibhne 0-8, Duffy 0-1."): after a
// capitalised "Scorers" or "Scorer" first on its line, each run of one to
// four capitalised words (with the particles of Irish, Dutch, Spanish or
// Arabic names between them) right before a number is a person; a run
// before a colon is the team's and is left as it is. The model and the
// results rows read the players as clubs with their scores.
void ScorersLines(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                  const KnowledgeBase& kb, const std::vector<uint32_t>& cap_at, int person_label,
                  float typical_margin, std::vector<Span>* spans) {
  static const WordSet kParticles = {"mac", "mc", "ó", "ní", "nic", "ui", "de", "van", "der", "den", "da",
                                     "di", "del", "le", "la", "al", "el", "bin", "ibn"};
  // Not a match report's abbreviations ("Att 60,218", "HT 1-0"), a team the
  // knowledge base has ("Cork 2-14") or a competition ("Premier League
  // Round 12").
  static const WordSet kNotScorers = {"att", "ht", "ft", "aet", "pen", "pens", "og", "ref", "round"};
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<Span> add;
  for (uint32_t s0 : cap_at) {
    if ((keys[s0] != "scorers" && keys[s0] != "scorer") || !(s0 == 0 || tokens[s0].line_break_before)) continue;
    uint32_t k = s0 + 1;
    while (k < n && !tokens[k].line_break_before) {
      if (tokens[k].kind != TokenKind::kWord || !(tokens[k].upper || kParticles.Has(keys[k]))) {
        ++k;
        continue;
      }
      uint32_t e = k;
      while (e < n && e < k + 4 && !tokens[e].line_break_before && tokens[e].kind == TokenKind::kWord &&
             (tokens[e].upper || kParticles.Has(keys[e])))
        ++e;
      bool named = e < n && !tokens[e].line_break_before && tokens[e].kind == TokenKind::kNumber && tokens[e - 1].upper;
      for (uint32_t j = k; j < e && named; ++j)
        named = !kNotScorers.Has(keys[j]) && !(NameWordFlags(keys[j]) & kOrgWord);
      if (named && (kb.CanStart(keys[k], true) &&
                    KbNameOfType(kb, text, tokens, keys, k, e, {v1::LOC, v1::ORG})))
        named = false;
      if (named) add.push_back(Span{k, e, person_label, typical_margin});
      k = e;
    }
  }
  PutSpans(std::move(add), spans);
}

// A king's, a queen's, a prince's, a sultan's or a sheikh's title right
// before a place's, an organisation's or an event's span of two words or
// more is the name's first word ("King Hamad Causeway", "King Abdullah
// University of Science and Technology", "Queen Elizabeth II Highway",
// "Prince Ngu Hospital"): the model left the title out of a person's name
// inside, and the facility's head made it the facility's.
void RoyalNamesOfPlaces(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        std::vector<Span>* spans) {
  static const WordSet kRoyal = {"king", "queen", "prince", "princess", "sultan", "sheikh", "emir"};
  std::vector<Span>& s = *spans;
  for (size_t x = 0; x < s.size(); ++x) {
    Span& sp = s[x];
    const uint32_t t = sp.first - 1;
    const v1::EntityType type = LabelType(sp.label);
    if (sp.first == 0 || sp.end - sp.first < 2 || type == v1::PERSON || type == v1::NORP ||
        !kRoyal.Has(keys[t]) || !tokens[t].upper || tokens[t].all_caps || !SpacedOnLine(text, tokens, sp.first) ||
        (x > 0 && s[x - 1].end > t))
      continue;
    sp.first = t;
  }
}

// A club by its prefix of capitals ("HK Liepāja", "HK Zemgale/LLU", "AS
// Douanes", "AFC Leopards", "FK Partizan") or by a club's first word
// ("Dinamo Rīga", "Club Ciclista Rías Baixas"; not "Club World Cup"): the
// prefix, then one to three
// capitalised words in mixed case on the line (parts joined by a glued
// "/" or hyphen with them) is one organisation, over the place or the
// person the model read in it. Not before a word in capitals ("AS
// DOCKERS WALK OUT", a headline's "as"); "US", "CA", "BC" and "IF" are no
// club's prefix here (the United States, a state, a place: "BC Place", a
// shouted "IF Brown committed ...").
void ClubsByTheirPrefix(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        const std::vector<uint32_t>& cap_at, int org_label, float typical_margin,
                        std::vector<Span>* spans) {
  // Words that begin clubs' names ("Dinamo Rīga", "Spartak Moscow", "Club
  // Ciclista Rías Baixas"), capitalised, before a place or a name.
  static const WordSet kClubWords = {"dinamo", "dynamo", "spartak", "lokomotiv", "slavia", "partizan",
                                     "olimpija", "club", "atlético", "deportivo", "olympique"};
  // Capitals or "Club" only on a sports page: elsewhere capitals before a
  // name are initials ("KK Shailaja", "HC Verma") or an abbreviation ("HK
  // stocks", "CS gas"), and "Club" a word of a title ("Club Chairman ...").
  // A club's own first word ("Dinamo", "Olympique") anywhere.
  int sports_page = -1;  // looked at once, at the first prefix or club word (most documents have none)
  auto sports = [&] {
    if (sports_page < 0) sports_page = SportsPage(text, tokens, keys) ? 1 : 0;
    return sports_page == 1;
  };
  static const WordSet kEventHeads = {"cup", "championship", "championships", "games", "series", "trophy", "open"};
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<Span> add;
  for (uint32_t p : cap_at) {
    const bool club_word = !tokens[p].all_caps && kClubWords.Has(keys[p]);
    const bool prefix = ClubPrefixAt(tokens, keys, p);
    if ((!club_word && !prefix) || p + 1 >= n || !SpacedOnLine(text, tokens, p + 1) ||
        tokens[p + 1].kind != TokenKind::kWord || !tokens[p + 1].upper || tokens[p + 1].all_caps ||
        tokens[p + 1].end_byte - tokens[p + 1].begin_byte < 2 || (p > 0 && Glued(tokens, p)) ||
        ((prefix || keys[p] == "club") && !sports()))
      continue;
    uint32_t end = p + 1, words = 0;
    while (end < n && words < 3 && tokens[end].kind == TokenKind::kWord && tokens[end].upper &&
           (end == p + 1 || SpacedOnLine(text, tokens, end)) &&
           !(NameWordFlags(keys[end]) & (kStopWord | kTitleWord)) && TitleWordOf(keys[end]) == TitleWord::kNone) {
      ++end, ++words;
      // "Zemgale/LLU", "Kalev-Välk": a part glued after a slash or a hyphen.
      while (end + 1 < n && Glued(tokens, end) && Glued(tokens, end + 1) &&
             (TokenText(text, tokens[end]) == "/" || IsHyphenToken(text, tokens[end])) &&
             tokens[end + 1].kind == TokenKind::kWord && tokens[end + 1].upper)
        end += 2;
    }
    if (words == 0) continue;
    if (club_word) {  // not "Club World Cup", an event
      bool event = false;
      for (uint32_t k = p + 1; k < end && !event; ++k) event = kEventHeads.Has(keys[k]);
      if (event) continue;
    }
    Span sp{p, end, org_label, typical_margin};
    sp.retyped = true;
    add.push_back(sp);
  }
  PutSpans(std::move(add), spans);
}

// A handle with an underscore that the model tagged in part as a person's
// ("@Mika_T": "Mika"; "@Khalid_Dxb": "Khalid" and "Dxb") is the person's
// whole: the tokens glued after "@" (words, figures, underscores), no
// span reaching out of them.
void HandlesWholeOfTheirPersons(std::string_view text, const std::vector<Token>& tokens, std::vector<Span>* spans) {
  const int person = LabelOf(v1::PERSON, true);
  std::vector<Span>& s = *spans;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  bool emptied = false;
  for (size_t x = 0; x < s.size(); ++x) {
    if (s[x].label != person || s[x].first == 0 || s[x].end == s[x].first) continue;
    // The handle's first token: back over glued tokens to the "@".
    uint32_t h = s[x].first;
    while (h > 0 && Glued(tokens, h) && !PunctAt(text, tokens, h - 1, "@") &&
           (tokens[h - 1].kind != TokenKind::kPunct || PunctAt(text, tokens, h - 1, "_")))
      --h;
    if (h == 0 || !PunctAt(text, tokens, h - 1, "@") || !Glued(tokens, h)) continue;
    uint32_t e = h;
    bool underscore = false;
    while (e < n && (e == h || Glued(tokens, e)) &&
           (tokens[e].kind != TokenKind::kPunct || PunctAt(text, tokens, e, "_"))) {
      underscore = underscore || PunctAt(text, tokens, e, "_");
      ++e;
    }
    if (!underscore || (x > 0 && s[x - 1].end > h)) continue;
    size_t y = x;
    bool inside = true;
    for (; y < s.size() && s[y].first < e; ++y) inside = inside && s[y].end <= e && s[y].label == person;
    if (!inside) continue;
    s[x] = Span{h, e, person, s[x].margin, true};
    for (size_t z = x + 1; z < y; ++z) s[z].end = s[z].first, emptied = true;
    x = y - 1;
  }
  if (emptied) std::erase_if(s, [](const Span& sp) { return sp.end == sp.first; });
}

// A handle that is a name, "@" and one capitalised word, spoken to inside
// a comment ("... lol. @Shawnette u owe me", "@Santiago gracias"), is the
// person a commenter speaks to (the guidelines' commenters' names; 19 of 19
// such handles in the gold sets are persons, where the model had places
// and nothing). Not an all-capitals or camel-case handle ("@PKL",
// "@WestJet"), one with digits or an underscore ("@kamau_254"), an e-mail
// address, a knowledge-base organisation ("@Reuters") or one the model
// typed an organisation ("@Independent"); nor a tweet's address: a handle
// first in the text, in a run of handles, after "RT", "via", "by", "cc" or
// "from", or before a colon ("@Slate: ...", "@Henderburn @Gormanghast ...").
void HandlesOfNames(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                    const KnowledgeBase& kb, int person_label, float typical_margin, std::vector<Span>* spans) {
  if (text.find('@') == std::string_view::npos) return;  // most documents: one memchr and done
  std::vector<Span> add;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  for (uint32_t k = 1; k < n; ++k) {
    const Token& at = tokens[k - 1];
    if (at.kind != TokenKind::kPunct || at.end_byte != at.begin_byte + 1 || text[at.begin_byte] != '@' ||
        !Glued(tokens, k) || (k >= 2 && Glued(tokens, k - 1)))
      continue;
    const Token& t = tokens[k];
    if (t.kind != TokenKind::kWord || !t.upper || t.all_caps || t.end_byte - t.begin_byte < 3) continue;
    bool one_capital = true;
    for (uint32_t b = t.begin_byte + 1; b < t.end_byte && one_capital; ++b)
      one_capital = (text[b] >= 'a' && text[b] <= 'z') || static_cast<unsigned char>(text[b]) >= 0x80;
    if (!one_capital) continue;
    if (k + 1 < n && Glued(tokens, k + 1)) {
      const std::string_view p = TokenText(text, tokens[k + 1]);
      if (tokens[k + 1].kind != TokenKind::kPunct || p == "_" || p == "-" || p == "." || p == "@" || p == ":")
        continue;
    }
    if (k < 2 || (k + 1 < n && TokenText(text, tokens[k + 1]) == "@")) continue;
    const std::string_view before = keys[k - 2];
    if (before == "rt" || before == "via" || before == "by" || before == "cc" || before == "from" ||
        (k >= 3 && tokens[k - 3].kind == TokenKind::kPunct && TokenText(text, tokens[k - 3]) == "@"))
      continue;
    bool model_org = false;
    for (const Span& sp : *spans)
      if (sp.first <= k && k < sp.end) model_org = LabelType(sp.label) == v1::ORG;
    // Nor a country's ("@Ukraine", "@Ireland") or a function word's ("@Everyone").
    if (model_org || KbNameOfType(kb, text, tokens, keys, k, k + 1, {v1::ORG}) ||
        CountryMatch(text, tokens, keys, kb, k, k + 1) || (NameWordFlags(keys[k]) & kStopWord))
      continue;
    Span sp{k, k + 1, person_label, typical_margin};
    sp.retyped = true;
    add.push_back(sp);
  }
  PutSpans(std::move(add), spans);
}

// "General" right before an organisation's span is its first word ("the
// General Court", "General Electric", "the General Elections Commission",
// "the General Assembly"): the model, which learnt a general's title
// outside a person's name, left it out. Capitalised, spaced on the line,
// in no span, not glued to a hyphen or after another title's word
// ("Director-General", "Attorney General": a person's title then). Among
// the last steps: the model's organisations that were persons are persons
// by then ("General Ratko Mladic"). A body's head alone after "General" that
// the model made a person (its title's feature: "Massachusetts General
// Hospital" had "Hospital" a person) is the body's; and a place's or an
// organisation's span right before "General" is the body's first words
// ("Nicosia General Hospital", "Pennsylvania General Assembly").
void GeneralBeginsItsBody(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          int org_label, std::vector<Span>* spans) {
  // One word after "General" only when it is a body's head ("Court",
  // "Assembly", "Electric", "Motors"), not a name ("General Haftar"), a
  // counsel or an agreement.
  static const WordSet kOneWordBodies = {"court", "assembly", "electric", "motors", "dynamics", "mills",
                                         "staff", "hospital", "synod", "council"};
  const int person = LabelOf(v1::PERSON, true), loc = LabelOf(v1::LOC, true);
  std::vector<Span>& s = *spans;
  bool joined = false;
  // "General" at token g that may begin a body's name: capitalised, not
  // glued to a hyphen, not after another title's word.
  auto general_at = [&](uint32_t g) {
    return keys[g] == "general" && tokens[g].upper && !tokens[g].all_caps && !(g > 0 && Glued(tokens, g)) &&
           !(g > 0 && SpacedOnLine(text, tokens, g) && TitleWordOf(keys[g - 1]) != TitleWord::kNone);
  };
  for (size_t x = 0; x < s.size(); ++x) {
    Span& sp = s[x];
    if (sp.first == 0) continue;
    const uint32_t g = sp.first - 1;
    if (sp.label == person && sp.end == sp.first + 1 && kOneWordBodies.Has(keys[sp.first]) && general_at(g))
      sp.label = org_label;
    if (sp.label != org_label || !general_at(g) || (sp.end == sp.first + 1 && !kOneWordBodies.Has(keys[sp.first])) ||
        !SpacedOnLine(text, tokens, sp.first) || (x > 0 && s[x - 1].end > g))
      continue;
    sp.first = g;
    if (x > 0 && s[x - 1].end == g && (s[x - 1].label == loc || s[x - 1].label == org_label) &&
        SpacedOnLine(text, tokens, g)) {
      sp.first = s[x - 1].first;
      s[x - 1].end = s[x - 1].first;  // emptied: dropped below
      joined = true;
    }
  }
  if (joined) std::erase_if(s, [](const Span& sp) { return sp.end == sp.first; });
}

// Central Asia's and the Caucasus' patronymic words in lower case after a
// father's name ("Aizada Nurlanbek kyzy", "Tilek Asanbek uulu", "Ilham
// Heydar oglu"): part of the person's name, which the model, trained on
// names in capitals, ended before them. After the document's repeats are
// tagged ("Nurlanbek" alone after "Aizada Nurlanbek").
void PatronymicWords(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                     int person_label, std::vector<Span>* spans) {
  static const WordSet kPatronymics = {"kyzy", "kizi", "qizi", "uulu", "ogly", "oglu", "ogli", "gyzy", "qyzy"};
  auto& s = *spans;
  for (size_t x = 0; x < s.size(); ++x) {
    const uint32_t k = s[x].end;
    // (The words' length first: four letters each.)
    if (s[x].label != person_label || k >= tokens.size() || keys[k].size() != 4 || !SpacedOnLine(text, tokens, k) ||
        tokens[k].kind != TokenKind::kWord || tokens[k].upper || !kPatronymics.Has(keys[k]) ||
        (x + 1 < s.size() && s[x + 1].first <= k))
      continue;
    s[x].end = k + 1;
  }
}

// A place's people by the place's name and a demonym's ending is a people
// (NORP), where the model had the place: "Tasmanian ruckman" (Tasmania),
// "Victorian defender" (Victoria), "Cape Verdean musicians" (Cape Verde).
// A span typed a place whose last word ends in "ian" or "ean", and whose
// text less its "n" ("Tasmania") or its "an" ("Cape Verde") is a place of
// the knowledge base, whole; a lower-case word after it (the people's
// noun), not a capitalised one ("Victorian Government" is a body's).
void PeoplesOfAPlace(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                     const KnowledgeBase& kb, std::vector<Span>* spans) {
  const int loc = LabelOf(v1::LOC, true), norp = LabelOf(v1::NORP, true);
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  for (Span& sp : *spans) {
    const std::string_view last = keys[sp.end - 1];
    if (sp.label != loc || sp.end >= n || sp.end - sp.first > 3 || last.size() < 6 ||
        !(last.ends_with("ian") || last.ends_with("ean")) || tokens[sp.end].kind != TokenKind::kWord ||
        tokens[sp.end].upper || !SpacedOnLine(text, tokens, sp.end))
      continue;
    const std::string_view name = text.substr(tokens[sp.first].begin_byte,
                                              tokens[sp.end - 1].end_byte - tokens[sp.first].begin_byte);
    for (const size_t cut : {size_t{1}, size_t{2}}) {  // "Tasmania", "Cape Verde"
      if (cut == 2 && !last.ends_with("ean")) continue;
      const std::string place(name.substr(0, name.size() - cut));
      const std::vector<Token> pt = Tokenize(place);
      std::string storage;
      const KeyViews pk = TokenKeyViews(place, pt, &storage);
      if (!pt.empty() && KbNameOfType(kb, place, pt, pk, 0, static_cast<uint32_t>(pt.size()), {v1::LOC})) {
        sp.label = norp;
        sp.retyped = true;
        break;
      }
    }
  }
}

// A given name that is also a people's word, before a person's span, is
// the person's ("Chancellor Christian Stocker", "Christian Schmidt, the
// German diplomat", "a Finn Russell penalty", "German Gref": the knowledge
// base's people had "Christian" or "Finn" as NORP and the model the
// surname alone): a one-word NORP span of such a word, spaced on the line
// right before a person's span, joins it. Not in capitals, nor after
// "the" ("the Christian Democrats" are no person anyway).
void GivenNamesThatArePeoples(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                              int person_label, std::vector<Span>* spans) {
  static const WordSet kGiven = {"christian", "finn", "dane", "norman", "german", "cristian"};
  const int norp = LabelOf(v1::NORP, true);
  auto& s = *spans;
  size_t w = 0;
  for (size_t x = 0; x < s.size(); ++x) {
    const Span cur = s[x];
    if (cur.label == norp && cur.end == cur.first + 1 && kGiven.Has(keys[cur.first]) && !tokens[cur.first].all_caps &&
        x + 1 < s.size() && s[x + 1].first == cur.end && s[x + 1].label == person_label &&
        SpacedOnLine(text, tokens, cur.end) && !(cur.first > 0 && keys[cur.first - 1] == "the")) {
      s[w++] = {cur.first, s[x + 1].end, person_label, std::max(cur.margin, s[x + 1].margin)};
      ++x;
      continue;
    }
    s[w++] = cur;
  }
  s.resize(w);
}

// A battle or a siege named by its place ("the Battle of Waterloo", "the
// Siege of Sarajevo", "the Battle of Tirad Pass"; "the Fall of Saigon" in
// running text): the model had the place alone. "Battle" or "Siege"
// capitalised, "of" (and "the"), then a place's span with no capitalised
// word after it, is one EVENT.
void BattlesByTheirPlace(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                         const std::vector<uint32_t>& cap_at, float typical_margin, std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  const int loc = LabelOf(v1::LOC, true);
  std::vector<int32_t> at;
  std::vector<Span> add;
  for (const uint32_t k : cap_at) {
    const bool head = keys[k] == "battle" || keys[k] == "siege" || (keys[k] == "fall" && !tokens[k].sentence_start);
    if (!head || k + 2 >= n || keys[k + 1] != "of" || tokens[k + 1].upper) continue;
    // Not a title's "Rise and Fall of ..." or "Decline and Fall of ...".
    if (k >= 2 && keys[k - 1] == "and" && (keys[k - 2] == "rise" || keys[k - 2] == "decline")) continue;
    uint32_t first = k + 2;
    if (keys[first] == "the" && !tokens[first].upper) ++first;
    // The place's own span, whole, with no capitalised word after it (not
    // "the Battle of Britain Memorial Flight", "the Fall of Kabul Taliban",
    // nor a person: "the Fall of Assad").
    if (at.empty()) MapSpans(*spans, n, &at);
    if (first >= n || at[first] < 0) continue;
    const Span& place = (*spans)[static_cast<size_t>(at[first])];
    if (place.first != first || place.label != loc || CapitalisedNextOnLine(text, tokens, place.end)) continue;
    add.push_back(Span{k, place.end, LabelOf(v1::EVENT, true), typical_margin});
  }
  PutSpans(std::move(add), spans);
}

// A body's or a region's name that goes on with "of" and a place ("the
// Department of Antiquities of Jordan", "the Federation of Mining
// Cooperatives of Potosí", "the Autonomous Region of Bougainville"): the
// model had the name and the place apart. An organisation's span with an
// organisation's word in it ("Department", "Federation", "Council"; not a
// company's legal form or trade: "Deoleo SA of Spain", "Skyroot Aerospace
// of Hyderabad" are a company and its town), or a place's span ending in
// a region's word, then "of" and a place's span on the line, is one name
// of the first span's type.
void NamesGoingOnWithAPlace(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                            const KnowledgeBase& kb, int org_label, std::vector<Span>* spans) {
  static const WordSet kRegionWords = {"region", "province", "territory", "republic", "municipality",
                                       "district", "prefecture", "governorate", "emirate", "canton"};
  const int loc = LabelOf(v1::LOC, true);
  JoinNeighbours(spans, [&](const Span& a, const Span& b) -> std::optional<Span> {
    if (b.label != loc || b.first != a.end + 1 || keys[a.end] != "of" || !SpacedOnLine(text, tokens, a.end) ||
        !SpacedOnLine(text, tokens, b.first) || tokens[a.end].upper)
      return std::nullopt;
    // Not a name the knowledge base has ("the recognition by the Czech
    // Republic of Kosovo", "the New York Times of London's crisis"), nor
    // before a possessive.
    if (KbNameOfType(kb, text, tokens, keys, a.first, a.end, {v1::LOC, v1::ORG}) ||
        PossessiveAt(text, tokens, b.end, false) != 0)
      return std::nullopt;
    bool name = false;
    if (a.label == org_label) {
      for (uint32_t k = a.first; k < a.end && !name; ++k)
        name = tokens[k].upper && (NameWordFlags(keys[k]) & kOrgWord) && !IsLegalForm(text, tokens[k]) &&
               !IsCompanyTrade(keys[k]);
      for (uint32_t k = a.first; k < a.end && name; ++k) name = !IsLegalForm(text, tokens[k]);
    } else if (a.label == loc) {
      name = kRegionWords.Has(keys[a.end - 1]) && tokens[a.end - 1].upper && a.end - a.first <= 2;
    }
    if (!name) return std::nullopt;
    Span joined = a;
    joined.end = b.end;
    return joined;
  });
}

// An office named by its holder ("the Office of the High Representative",
// "the Office of the Prime Minister", "the Office of the Director of Public
// Prosecutions", "the Department of the Treasury"), and an institution or a
// building named by what it is of ("the University of the West Indies",
// "the Cathedral of the Assumption", "the Museum of the Revolution"): the
// head capitalised, "of the", then capitalised words on the line, joined by
// "of", "for", "and" or "of the" before another capitalised word, up to a
// person's name, is one organisation, or one place for a building (the
// model had the holder's title alone, the head alone, or nothing). Not on
// a headline's line in title case, nor before a possessive.
void OfficesOfTheirHolder(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const std::vector<uint32_t>& cap_at, int org_label, float typical_margin,
                          std::vector<Span>* spans) {
  static const WordSet kBodies = {"office", "department", "university", "institute", "academy", "college"};
  static const WordSet kBuildings = {"cathedral", "basilica", "chapel", "museum", "palace", "citadel"};
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<int32_t> at;
  auto capital = [&](uint32_t k) {
    return k < n && tokens[k].kind == TokenKind::kWord && tokens[k].upper && !tokens[k].line_break_before &&
           SpacedOnLine(text, tokens, k);
  };
  std::vector<Span> add;
  for (const uint32_t k : cap_at) {
    const bool building = kBuildings.Has(keys[k]);
    if ((!building && !kBodies.Has(keys[k])) || tokens[k].all_caps || k + 3 >= n || keys[k + 1] != "of" ||
        keys[k + 2] != "the" || !capital(k + 3))
      continue;
    // Not inside a longer name the model had ("the National Museum of the
    // American Indian").
    if (at.empty()) MapSpans(*spans, n, &at);
    if (at[k] >= 0 && (*spans)[static_cast<size_t>(at[k])].first < k) continue;
    // Not in a headline's title case ("Department Of The Interior Approves
    // Drilling In Alaska").
    if (TitleCaseLine(text, tokens, k)) continue;
    // The holder's words end where a person's name begins ("the Office of
    // the Mayor Eric Adams").
    auto person_at = [&](uint32_t t) {
      return at[t] >= 0 && LabelType((*spans)[static_cast<size_t>(at[t])].label) == v1::PERSON &&
             (*spans)[static_cast<size_t>(at[t])].first == t;
    };
    uint32_t e = k + 4;
    while (e < n && e < k + 14 && !person_at(e)) {
      if (capital(e) && !tokens[e].all_caps) {
        ++e;
      } else if ((keys[e] == "of" || keys[e] == "for" || keys[e] == "and") && capital(e + 1) &&
                 !tokens[e + 1].all_caps && !person_at(e + 1)) {
        e += 2;
      } else if (keys[e] == "of" && keys[e + 1] == "the" && capital(e + 2) && !person_at(e + 2)) {
        e += 3;  // "the Office of the Comptroller of the Currency"
      } else {
        break;
      }
    }
    if (person_at(k + 3) || PossessiveAt(text, tokens, e, true) != 0) continue;  // "Children's Commissioner"
    add.push_back(Span{k, e, building ? LabelOf(v1::LOC, true) : org_label, typical_margin});
  }
  PutSpans(std::move(add), spans);
}

// A place's body named by the place and the body's own name, which begins
// with the place's tier ("Washington State Department of Transportation",
// "Cork County Council", "Galway City Council", "Halifax Regional Police",
// "Ontario Provincial Police", "Wyoming National Guard", "Đà Nẵng People's
// Committee"): the model had the place and the body apart. A place's span, not a country's (a country's
// body is the country's and the body's: "U.S. National Hurricane Center"),
// right before an organisation's span on the line that begins with such a
// word, is one organisation.
void BodiesOfAPlacesTier(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                         const KnowledgeBase& kb, int org_label, std::vector<Span>* spans) {
  static const WordSet kTiers = {"state",     "county",     "city",         "regional", "provincial",
                                 "municipal", "metropolitan", "national", "district", "people"};
  const int loc = LabelOf(v1::LOC, true);
  JoinNeighbours(spans, [&](const Span& place, const Span& body) -> std::optional<Span> {
    if (place.label != loc || body.label != org_label || body.first != place.end || !kTiers.Has(keys[body.first]) ||
        !tokens[body.first].upper || !SpacedOnLine(text, tokens, body.first) ||
        CountryMatch(text, tokens, keys, kb, place.first, place.end))
      return std::nullopt;
    // Not a sentence's place before the body ("In Moscow State Duma
    // deputies voted"), nor a body the knowledge base has as it stands.
    if ((place.first > 0 && (keys[place.first - 1] == "in" || keys[place.first - 1] == "at" ||
                             keys[place.first - 1] == "from")) ||
        KbNameOfType(kb, text, tokens, keys, body.first, body.end, {v1::ORG}))
      return std::nullopt;
    Span joined = body;
    joined.first = place.first;
    return joined;
  });
}

// A body's head word, "of" and the capitalised words of its remit or
// its place name one organisation ("the Government of National Unity",
// "the Faculty of Architecture", "the Department of Health and Social
// Care"; the model had the remit alone, or nothing): the head capitalised,
// in no span, after no capitalised word; then "of" and up to five
// capitalised words spaced on the line ("and", "for", "the" or "of"
// between two of them), no person's among them, none a stop or title
// word; spans inside give way.
void BodiesByTheirHeadAndRemit(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                               const std::vector<uint32_t>& cap_at, std::vector<Span>* spans) {
  static const WordSet kHeads = {"government", "faculty",   "department", "ministry",   "institute", "college",
                                 "council",    "office",    "bureau",     "commission", "board",     "academy",
                                 "society",    "agency",    "authority",  "chamber",    "directorate",
                                 "secretariat", "tribunal", "committee", "school"};
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<int32_t> at;
  std::vector<Span> add;
  for (const uint32_t h : cap_at) {
    if (h + 2 >= n || keys[h + 1] != "of" || !kHeads.Has(keys[h]) || tokens[h].all_caps) continue;
    if (h > 0 && tokens[h - 1].upper && tokens[h - 1].kind == TokenKind::kWord && !tokens[h].sentence_start &&
        keys[h - 1] != "the")
      continue;
    if (at.empty()) MapSpans(*spans, n, &at);
    if (at[h] >= 0) continue;
    uint32_t k = h + 2, last = 0, words = 0;
    bool person = false;
    while (k < n && words < 5 && SpacedOnLine(text, tokens, k)) {
      const Token& t = tokens[k];
      if (t.kind == TokenKind::kWord && t.upper && !t.all_caps &&
          !(NameWordFlags(keys[k]) & (kStopWord | kTitleWord))) {
        person = person || (at[k] >= 0 && LabelType((*spans)[static_cast<size_t>(at[k])].label) == v1::PERSON);
        last = k++;
        ++words;
        continue;
      }
      const std::string_view w = keys[k];
      if (words > 0 && (w == "and" || w == "for" || w == "the" || w == "of") && k + 1 < n && tokens[k + 1].upper &&
          tokens[k + 1].kind == TokenKind::kWord) {
        ++k;
        continue;
      }
      break;
    }
    if (words == 0 || person) continue;
    // Spans that begin inside and end past the last word: a longer name.
    if (last + 1 < n && at[last] >= 0 && (*spans)[static_cast<size_t>(at[last])].end > last + 1) continue;
    add.push_back(Span{h, last + 1, LabelOf(v1::ORG, true), 1.f, true});
  }
  PutSpans(std::move(add), spans);
}

// A place's legislature named by the place and one word ("the Michigan
// Legislature", "the Punjab Assembly", "the Sabah Cabinet", "the Northern
// Territory Government"; the model had
// neither): a place of the knowledge base of up to three words, in no span
// or a place's span of its own, then one capitalised word of a
// legislature or a government, spaced, in no span, with no capitalised
// word after it, is one organisation; not a country's ("Kenya
// Parliament", "Israel Police" are written both ways), nor after "in",
// "at" or "from" ("In Ohio Legislature members voted").
void LegislaturesOfAPlace(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const KnowledgeBase& kb, const std::vector<uint32_t>& cap_at, std::vector<Span>* spans) {
  // (Asked of every capitalised word: by length and first letter, no hashing.)
  auto head = [](std::string_view k) {
    switch (k.size()) {
      case 7: return k == "cabinet";
      case 8: return k == "assembly";
      case 9: return k == "judiciary";
      case 10: return k == "parliament" || k == "government";
      case 11: return k == "legislature";
      default: return false;
    }
  };
  std::vector<int32_t> at;
  std::vector<Span> add;
  for (const uint32_t h : cap_at) {
    if (h == 0 || !head(keys[h]) || tokens[h].all_caps || !SpacedOnLine(text, tokens, h) ||
        CapitalisedNextOnLine(text, tokens, h + 1))
      continue;
    if (at.empty()) MapSpans(*spans, tokens.size(), &at);
    if (at[h] >= 0) continue;
    uint32_t first = h;
    if (at[h - 1] >= 0) {
      const Span& sp = (*spans)[static_cast<size_t>(at[h - 1])];
      if (LabelType(sp.label) != v1::LOC || sp.end != h) continue;
      first = sp.first;
    } else {
      for (uint32_t f = h >= 3 ? h - 3 : 0; f < h && first == h; ++f) {
        KnowledgeBase::Match m;
        if (at[f] < 0 && tokens[f].upper && kb.LongestMatch(text, tokens, keys, f, &m) && m.end_token == h &&
            EntityOfType(kb, m, v1::LOC) != nullptr)
          first = f;
      }
    }
    if (first == h || (first > 0 && (keys[first - 1] == "in" || keys[first - 1] == "at" || keys[first - 1] == "from")) ||
        CountryMatch(text, tokens, keys, kb, first, h))
      continue;
    add.push_back(Span{first, h + 1, LabelOf(v1::ORG, true), 1.f, true});
  }
  PutSpans(std::move(add), spans);
}

// Urdu, Persian and Arabic names of parties, movements and armed groups
// begin with the body's word and join the rest by a hyphened particle
// ("Jamaat-e-Islami", "Lashkar-e-Taiba", "Jaish-e-Mohammed",
// "Tehreek-e-Labbaik", "Harakat-ul-Mujahideen"): the model, which had such
// compounds as places or persons, read their shape and not their first
// word. A span that begins with such a word, glued to a hyphen, a particle
// in lower case and another hyphen, is an organisation.
void BodiesByTheirFirstWord(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                            int org_label, std::vector<Span>* spans) {
  static const WordSet kHeads = {"jamaat", "jamiat", "tehreek", "tehrik", "lashkar", "jaish",   "sipah", "majlis",
                                 "hizb",   "hezb",   "harakat", "harkat", "jabhat",  "tanzeem", "anjuman",
                                 "ittehad", "ittihad", "jund", "kataib", "saraya", "liwa", "ansar"};
  static const WordSet kParticles = {"e", "i", "ul", "ut", "ud", "un", "al", "ad", "as", "ash", "at", "an", "el"};
  for (Span& sp : *spans) {
    const uint32_t f = sp.first;
    if (sp.label == org_label || sp.end < f + 5 || !kHeads.Has(keys[f]) || !tokens[f].upper ||
        !IsHyphenToken(text, tokens[f + 1]) || !Glued(tokens, f + 1) || !Glued(tokens, f + 2) ||
        !kParticles.Has(keys[f + 2]) || tokens[f + 2].upper || !IsHyphenToken(text, tokens[f + 3]) ||
        !Glued(tokens, f + 3) || !Glued(tokens, f + 4) || !tokens[f + 4].upper)
      continue;
    sp.label = org_label;
  }
}

// The last steps: handles of names, clubs by their prefix, royal names of
// places, scorers, "General" before a body, Romance institutions, a
// venue's type, roads by their number, a legal form's stop, patronymics.
void CountriesArePlaces(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        const KnowledgeBase& kb, std::vector<Span>* spans);
void PlacesEndingInATrade(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const KnowledgeBase& kb, std::vector<Span>* spans);
void PlacesAfterIn(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                   const KnowledgeBase& kb, std::vector<Span>* spans);
void PlacesByTheirApposition(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                             const KnowledgeBase& kb, std::vector<Span>* spans);
void UnknownsListedWithAPlace(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                              const KnowledgeBase& kb, float typical_margin, std::vector<Span>* spans);
void BodiesOfAPlace(std::string_view text, const std::vector<Token>& tokens, std::vector<Span>* spans);
void NoPortfolios(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                  const KnowledgeBase& kb, std::vector<Span>* spans);
void PeoplesBeforeTheirMembers(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                               const KnowledgeBase& kb, const std::vector<uint32_t>& cap_at, float typical_margin,
                               std::vector<Span>* spans);
void NoDiseases(const std::vector<Token>& tokens, const KeyViews& keys, std::vector<Span>* spans);
void NamesJoinedByADash(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        const KnowledgeBase& kb, std::vector<Span>* spans);
void PlacesByTheirHead(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                       const KnowledgeBase& kb, std::vector<Span>* spans);
void SpeakersAfterSaid(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                       const KnowledgeBase& kb, const std::vector<uint32_t>& cap_at, float typical_margin,
                       std::vector<Span>* spans);
void PersonsByTheirNouns(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                         const KnowledgeBase& kb, std::vector<Span>* spans);
void BodiesThroughAHyphen(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const KnowledgeBase& kb, std::vector<Span>* spans);
void AcronymsOfTheDocumentsBodies(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                                  std::vector<Span>* spans);

void FinalSteps(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                const KnowledgeBase& kb, const std::vector<uint32_t>& cap_at, float typical_margin,
                std::vector<Span>* spans) {
  JoinNicknames(text, tokens, keys, LabelOf(v1::PERSON, true), typical_margin, spans);
  AbbreviationsBeginNames(text, tokens, keys, LabelOf(v1::PERSON, true), spans);
  HandlesOfNames(text, tokens, keys, kb, LabelOf(v1::PERSON, true), typical_margin, spans);
  HandlesWholeOfTheirPersons(text, tokens, spans);
  FirmsInThePossessive(text, tokens, keys, kb, spans);
  NoNamesAfterAll(text, tokens, keys, spans);
  Racehorses(text, tokens, keys, spans);
  ClubsByTheirPrefix(text, tokens, keys, cap_at, LabelOf(v1::ORG, true), typical_margin, spans);
  RoyalNamesOfPlaces(text, tokens, keys, spans);
  ScorersLines(text, tokens, keys, kb, cap_at, LabelOf(v1::PERSON, true), typical_margin, spans);
  GeneralBeginsItsBody(text, tokens, keys, LabelOf(v1::ORG, true), spans);
  RomanceInstitutions(text, tokens, keys, cap_at, LabelOf(v1::ORG, true), typical_margin, spans);
  VenuesAtThe(text, tokens, keys, kb, LabelOf(v1::ORG, true), LabelOf(v1::LOC, true), spans);
  RoadsByTheirNumber(text, tokens, keys, cap_at, LabelOf(v1::LOC, true), spans);
  LegalFormStops(text, tokens, spans);
  PatronymicWords(text, tokens, keys, LabelOf(v1::PERSON, true), spans);
  GivenNamesThatArePeoples(text, tokens, keys, LabelOf(v1::PERSON, true), spans);
  PeoplesOfAPlace(text, tokens, keys, kb, spans);
  BodiesByTheirFirstWord(text, tokens, keys, LabelOf(v1::ORG, true), spans);
  BodiesOfAPlacesTier(text, tokens, keys, kb, LabelOf(v1::ORG, true), spans);
  LegislaturesOfAPlace(text, tokens, keys, kb, cap_at, spans);
  BodiesByTheirHeadAndRemit(text, tokens, keys, cap_at, spans);
  OfficesOfTheirHolder(text, tokens, keys, cap_at, LabelOf(v1::ORG, true), typical_margin, spans);
  NamesGoingOnWithAPlace(text, tokens, keys, kb, LabelOf(v1::ORG, true), spans);
  BattlesByTheirPlace(text, tokens, keys, cap_at, typical_margin, spans);
  CountriesArePlaces(text, tokens, keys, kb, spans);
  PlacesEndingInATrade(text, tokens, keys, kb, spans);
  PlacesAfterIn(text, tokens, keys, kb, spans);
  PlacesByTheirApposition(text, tokens, keys, kb, spans);
  UnknownsListedWithAPlace(text, tokens, keys, kb, typical_margin, spans);
  BodiesOfAPlace(text, tokens, spans);
  NoPortfolios(text, tokens, keys, kb, spans);
  PeoplesBeforeTheirMembers(text, tokens, keys, kb, cap_at, typical_margin, spans);
  NoDiseases(tokens, keys, spans);
  AcronymsOfTheDocumentsBodies(text, tokens, keys, spans);
  NamesJoinedByADash(text, tokens, keys, kb, spans);
  PlacesByTheirHead(text, tokens, keys, kb, spans);
  SpeakersAfterSaid(text, tokens, keys, kb, cap_at, typical_margin, spans);
  PersonsByTheirNouns(text, tokens, keys, kb, spans);
  BodiesThroughAHyphen(text, tokens, keys, kb, spans);
}

// Two names joined by an en dash before a capitalised head name one link
// or one shared thing ("Addis Ababa–Djibouti Railway", "Johor–Singapore
// Causeway", "Levant–Aegean Interconnector", "Soekarno–Hatta International
// Airport"; the model had a place and a place with the head): the spans
// either side join, typed by the head (a route, a crossing or a zone is a
// place, a war or a summit an event; no other head: "the Chelsea–Arsenal
// Derby", "the Lebanon–Israel Border" keep their names). Not before a head
// in lower case ("the Porto–Vigo high-speed line" is two places), nor when
// the second span is a name of the knowledge base whole.
void NamesJoinedByADash(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        const KnowledgeBase& kb, std::vector<Span>* spans) {
  static const WordSet kPlaceHeads = {"railway", "railways", "railroad", "causeway", "interconnector", "pipeline",
                                      "corridor", "highway", "expressway", "motorway", "bridge", "tunnel",
                                      "airport", "canal", "zone", "area", "park", "crossing", "link", "road",
                                      "route", "line"};
  static const WordSet kEventHeads = {"war", "wars", "summit", "race", "rally", "classic", "games"};
  std::vector<Span>& s = *spans;
  bool joined = false;
  for (size_t x = 0; x + 1 < s.size(); ++x) {
    Span& a = s[x];
    const Span& b = s[x + 1];
    const uint32_t d = a.end;
    if (b.first != d + 1 || b.end - b.first < 2 || a.end == a.first || !PunctAt(text, tokens, d, "\u2013") ||
        !Glued(tokens, d) || !Glued(tokens, d + 1) || !tokens[b.end - 1].upper)
      continue;
    KnowledgeBase::Match m;
    const uint32_t name_end = kb.LongestMatch(text, tokens, keys, b.first, &m) ? m.end_token : b.first + 1;
    if (name_end >= b.end) continue;
    const std::string_view head = keys[b.end - 1];
    // (Or two places' spans, neither a country's: one place's name of two
    // parts, "Hunga Tonga–Hunga Haʻapai"; not "the Lebanon–Israel Border".)
    const bool one_place = a.label == LabelOf(v1::LOC, true) && b.label == a.label &&
                           !CountryMatch(text, tokens, keys, kb, a.first, a.end) &&
                           !CountryMatch(text, tokens, keys, kb, b.first, name_end);
    if (!kPlaceHeads.Has(head) && !kEventHeads.Has(head) && !one_place) continue;
    const int label = kEventHeads.Has(head) ? LabelOf(v1::EVENT, true) : LabelOf(v1::LOC, true);
    a = Span{a.first, b.end, label, std::max(a.margin, b.margin), true};
    s[x + 1].end = s[x + 1].first;  // emptied, dropped below
    joined = true;
  }
  if (joined) std::erase_if(s, [](const Span& sp) { return sp.end == sp.first; });
}

// A name that ends in a natural place's head is a place's ("around
// Treasure Beach", "Silicon Valley", "the Ngong Hills"; the model had
// organisations and persons): a span of two to four words typed so, after a
// preposition of place (not a market's "in"), or a person's by a head no
// surname is ("Falls", "Springs"; not "Ricki Lake", "Adam Beach"), its
// last word capitalised and a head of the list, none of its words an
// organisation's, no capitalised word after it on the line, and no
// organisation or person of the knowledge base by the whole name.
void PlacesByTheirHead(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                       const KnowledgeBase& kb, std::vector<Span>* spans) {
  static const WordSet kHeads = {"beach", "bay", "island", "islands", "creek", "river", "lake", "mountains",
                                 "valley", "peninsula", "falls", "springs", "cove", "hills", "gorge", "glacier",
                                 "reef", "lagoon", "estuary", "desert", "plains", "forest", "heights", "atoll",
                                 "archipelago", "plateau", "highlands", "strait", "gulf", "delta"};
  static const WordSet kNoSurnames = {"falls", "springs", "heights", "reef", "glacier", "lagoon", "estuary",
                                      "atoll", "archipelago", "plateau", "peninsula", "gorge", "highlands"};
  const int org = LabelOf(v1::ORG, true), person = LabelOf(v1::PERSON, true), loc = LabelOf(v1::LOC, true);
  for (Span& sp : *spans) {
    if ((sp.label != org && sp.label != person) || sp.end - sp.first < 2 || sp.end - sp.first > 4) continue;
    // (Only after a preposition of place: "Marula Bay shares", "advised
    // Marula Bay" are a company's, "Actor Adam Beach", "coach Danny Hills"
    // persons; not a market's "in": "Shares in Marula Bay rose".)
    // (A person's span ending in a head no surname is, anywhere: "Pincher
    // Falls council passes", "the Churchill Falls deal".)
    if (sp.first > 0 && TitleWordOf(keys[sp.first - 1]) != TitleWord::kNone) continue;  // "Director Robert Falls"
    if (!(sp.label == person && kNoSurnames.Has(keys[sp.end - 1]))) {
      const std::string_view p = sp.first > 0 ? keys[sp.first - 1] : std::string_view();
      if (!(p == "in" || p == "at" || p == "around" || p == "near" || p == "to" || p == "from" || p == "off" ||
            p == "across" || p == "outside" || p == "towards" || p == "toward"))
        continue;
      if (p == "in" && sp.first >= 2 && MarketBeforeIn(keys[sp.first - 2])) continue;
    }
    const uint32_t h = sp.end - 1;
    // (A person's span not by the heads that are surnames too: "Ricki
    // Lake", "George Strait", "Michael Bay", "Forest" a given name.)
    if (sp.label == person) {
      const std::string_view k = keys[h];
      if (k == "lake" || k == "strait" || k == "bay" || k == "river" || k == "gulf" || k == "forest") continue;
    }
    if (!tokens[h].upper || tokens[h].all_caps || !kHeads.Has(keys[h]) ||
        (sp.end < tokens.size() && CapitalisedNextOnLine(text, tokens, sp.end)))
      continue;
    bool org_word = false;
    for (uint32_t k = sp.first; k < sp.end && !org_word; ++k) org_word = (NameWordFlags(keys[k]) & kOrgWord) != 0;
    if (org_word || KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::ORG, v1::PERSON})) continue;
    sp.label = loc;
  }
}

// The speaker named after "said" that ends a quote or a clause ("...,"
// said Jan-Willem Goossens, head of ...", "said lead author Ayu Lestari
// Wulandari of BRIN"; the model had nothing, or a given name apart): two
// to four capitalised words, particles of surnames between them ("de la",
// "van der"), after up to three lower-case words of a role and no
// determiner, then a comma, a stop, "of", "on" or "in", is a person. Not
// when a word is an organisation's or in capitals, a title word leads
// (left out), the knowledge base has a place, a people or an organisation
// among the words, or a span of a place, a people or an event lies in them.
void SpeakersAfterSaid(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                       const KnowledgeBase& kb, const std::vector<uint32_t>& cap_at, float typical_margin,
                       std::vector<Span>* spans) {
  static const WordSet kParticles = {"de", "la", "del", "da", "van", "der", "von", "den", "di", "le", "bin", "al",
                                     "el", "ter", "dos", "das"};
  static const WordSet kDeterminers = {"the", "a", "an", "its", "his", "her", "their", "our", "this", "that"};
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<int32_t> at;
  std::vector<Span> add;
  uint32_t done = 0;  // the last "said" read
  // From the capitalised words' positions (a tenth of the tokens): "said"
  // up to four words before one, after punctuation.
  for (const uint32_t c : cap_at) {
    uint32_t k = 0;
    for (uint32_t j = c; j > 1 && c - j < 4;) {
      --j;
      if (tokens[j].kind == TokenKind::kPunct) break;
      if (keys[j] == "said" || keys[j] == "says") {
        k = j;
        break;
      }
    }
    if (k == 0 || k <= done || k + 3 >= n || tokens[k - 1].kind != TokenKind::kPunct) continue;
    done = k;
    uint32_t f = k + 1;
    while (f < n && f < k + 4 && tokens[f].kind == TokenKind::kWord && !tokens[f].upper && !kDeterminers.Has(keys[f]) &&
           !kParticles.Has(keys[f]))
      ++f;
    while (f < n && tokens[f].upper && TitleWordOf(keys[f]) == TitleWord::kTitle) ++f;
    uint32_t e = f, words = 0;
    bool ok = true;
    while (e < n && ok && (e == f || SpacedOnLine(text, tokens, e) || Glued(tokens, e))) {
      const Token& t = tokens[e];
      if (t.kind == TokenKind::kWord && t.upper && !t.all_caps) {
        ok = !(NameWordFlags(keys[e]) & (kOrgWord | kStopWord | kTitleWord));
        ++words, ++e;
      } else if (words > 0 && t.kind == TokenKind::kWord && !t.upper && kParticles.Has(keys[e]) && e + 1 < n &&
                 tokens[e + 1].upper) {
        ++e;
      } else if (words > 0 && IsHyphenToken(text, t) && Glued(tokens, e) && e + 1 < n && Glued(tokens, e + 1) &&
                 tokens[e + 1].upper) {
        ++e, --words;  // "Jan-Willem": one word
      } else {
        break;
      }
    }
    if (!ok || words < 2 || words > 4 || e >= n) continue;
    const std::string_view end = keys[e];
    if (!(PunctAt(text, tokens, e, ",") || PunctAt(text, tokens, e, ".") || end == "of" || end == "on" || end == "in"))
      continue;
    if (at.empty()) MapSpans(*spans, n, &at);
    // (Most such speakers are the model's persons already.)
    if (at[f] >= 0) {
      const Span& own = (*spans)[static_cast<size_t>(at[f])];
      if (own.first == f && own.end == e && own.label == LabelOf(v1::PERSON, true)) continue;
    }
    // The model's spans inside: persons', or an organisation's of one word
    // before the run's end ("Ayu" of "Ayu Lestari Wulandari"); not an
    // organisation's name ("said Goldman Sachs Asset Management"). With no
    // span inside, a name the model could not read: a given name joined by
    // a hyphen or a surname's particle ("Jan-Willem Goossens"), not any
    // capitalised words ("said Jubilee Debt Campaign").
    bool free = true, person = false, joined = false;
    for (uint32_t t = f; t < e && free; ++t) {
      if (at[t] >= 0) {
        const Span& sp = (*spans)[static_cast<size_t>(at[t])];
        const bool org_word = sp.label == LabelOf(v1::ORG, true) && sp.end == sp.first + 1 && sp.end < e;
        person = person || sp.label == LabelOf(v1::PERSON, true);
        free = (sp.label == LabelOf(v1::PERSON, true) || org_word) && sp.first >= f && sp.end <= e;
      } else if (tokens[t].kind == TokenKind::kPunct || !tokens[t].upper) {
        joined = true;
      }
      free = free && !KbNameOfType(kb, text, tokens, keys, t, t + 1, {v1::LOC, v1::NORP, v1::ORG});
    }
    // (Or a person's role after it: "said Rokeya Begum Shila, president of
    // ...", "said Héctor Xol Caal of the ... office", "..., who".)
    static const WordSet kRoles = {"president", "head", "chief", "director", "spokesman", "spokeswoman",
                                   "spokesperson", "minister", "secretary", "chairman", "chairwoman", "leader",
                                   "founder", "member", "professor", "analyst", "researcher", "economist",
                                   "lawyer", "mayor", "governor", "who", "whose", "chair", "ceo", "coordinator",
                                   "manager", "executive", "deputy", "general", "senior", "former"};
    const bool role = keys[e] == "of" || (PunctAt(text, tokens, e, ",") && e + 1 < n && kRoles.Has(keys[e + 1]));
    if (!free || !(person || joined || role) ||
        KbNameOfType(kb, text, tokens, keys, f, e, {v1::LOC, v1::NORP, v1::ORG}))
      continue;
    add.push_back(Span{f, e, LabelOf(v1::PERSON, true), typical_margin, true});
  }
  PutSpans(std::move(add), spans);
}

// A person by the nouns around the name: "a man named Amenemopet", "a
// woman called Aisha" (a person's noun, then "named" or "called"), and a
// possessor of a tomb, a grave, a widow or a funeral ("Tutankhamun's
// tomb"; the model had organisations and places). A span of one to three
// words typed so, no name of the knowledge base.
void PersonsByTheirNouns(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                         const KnowledgeBase& kb, std::vector<Span>* spans) {
  static const WordSet kPersonNouns = {"man", "woman", "boy", "girl", "person", "child", "son", "daughter",
                                       "priest", "official", "soldier", "scribe", "farmer", "teenager", "student",
                                       "nurse", "doctor", "officer", "pilot", "fisherman", "worker", "baby"};
  static const WordSet kPossessed = {"tomb", "grave", "mummy", "widow", "widower", "funeral", "coffin",
                                     "sarcophagus", "burial", "mother", "father", "wife", "husband"};
  const int person = LabelOf(v1::PERSON, true), org = LabelOf(v1::ORG, true), loc = LabelOf(v1::LOC, true);
  const size_t n = tokens.size();
  for (Span& sp : *spans) {
    if ((sp.label != org && sp.label != loc) || sp.end - sp.first > 3) continue;
    const uint32_t f = sp.first;
    const bool named = f >= 2 && (keys[f - 1] == "named" || keys[f - 1] == "called") && kPersonNouns.Has(keys[f - 2]);
    bool possessor = false;
    if (!named) {
      const size_t p = PossessiveAt(text, tokens, sp.end, false);
      possessor = p > 0 && sp.end + p < n && kPossessed.Has(keys[sp.end + p]) && !tokens[sp.end + p].upper;
    }
    if (!(named || possessor) || KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::LOC, v1::ORG, v1::NORP}))
      continue;
    sp.label = person;
  }
}

// A body's name of two words or more goes on through a glued hyphen and a
// capitalised word ("École des Beaux-Arts", "Conseil du Café-Cacao",
// "Lycée Henri-IV"; the model stopped at the hyphen): not into a place or
// a people of the knowledge base ("the Israel-Gaza war" keeps two names);
// a one-word span after the hyphen is taken in.
void BodiesThroughAHyphen(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const KnowledgeBase& kb, std::vector<Span>* spans) {
  const int org = LabelOf(v1::ORG, true), event = LabelOf(v1::EVENT, true);
  std::vector<Span>& s = *spans;
  const size_t n = tokens.size();
  bool taken = false;
  for (size_t x = 0; x < s.size(); ++x) {
    Span& sp = s[x];
    const uint32_t h = sp.end, w = sp.end + 1;
    if ((sp.label != org && sp.label != event) || sp.end - sp.first < 2 || w >= n || !IsHyphenToken(text, tokens[h]) ||
        !Glued(tokens, h) || !Glued(tokens, w) || tokens[w].kind != TokenKind::kWord || !tokens[w].upper ||
        (w + 1 < n && Glued(tokens, w + 1) && IsHyphenToken(text, tokens[w + 1])))
      continue;
    if (x + 1 < s.size() && s[x + 1].first <= w && !(s[x + 1].first == w && s[x + 1].end == w + 1)) continue;
    if (KbNameOfType(kb, text, tokens, keys, w, w + 1, {v1::LOC, v1::NORP})) continue;
    if (x + 1 < s.size() && s[x + 1].first == w) s[x + 1].end = s[x + 1].first, taken = true;
    sp.end = w + 1;
    // And on through capitalised words the model left out ("National Center
    // for Hydro-Meteorological Forecasting").
    const uint32_t limit = sp.end + 3;
    while (sp.end < n && sp.end < limit && CapitalisedNextOnLine(text, tokens, sp.end) && !tokens[sp.end].all_caps &&
           !(NameWordFlags(keys[sp.end]) & kStopWord) && !IsMonthOrWeekday(keys[sp.end]) &&
           (x + 1 >= s.size() || s[x + 1].first > sp.end))
      ++sp.end;
  }
  if (taken) std::erase_if(s, [](const Span& sp) { return sp.end == sp.first; });
}

// An acronym the model made a person is an organisation where it spells
// the initials of one the document names ("BI Governor Perry Warjiyo"
// after "Bank Indonesia", "BI has cover"): a one-token span in capitals of
// two to six letters, and every span of the same word. (Not a place's:
// "US" and "UK" are the places, and asking every organisation of them cost
// 1.4% of the tagger's instructions.)
void AcronymsOfTheDocumentsBodies(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                                  std::vector<Span>* spans) {
  const int org = LabelOf(v1::ORG, true), person = LabelOf(v1::PERSON, true);
  std::vector<Span>& s = *spans;
  auto candidate = [&](const Span& sp) {
    const size_t len = tokens[sp.first].end_byte - tokens[sp.first].begin_byte;
    return sp.end == sp.first + 1 && sp.label == person && tokens[sp.first].all_caps && len >= 2 && len <= 6;
  };
  if (std::none_of(s.begin(), s.end(), candidate)) return;  // most documents
  std::vector<std::string_view> acronyms, tried;
  for (const Span& sp : s) {
    if (!candidate(sp) || std::find(tried.begin(), tried.end(), keys[sp.first]) != tried.end()) continue;
    tried.push_back(keys[sp.first]);
    const std::string_view acr = TokenText(text, tokens[sp.first]);
    for (const Span& o : s)
      if (o.label == org && o.end - o.first >= 2 && SpellsAcronym(text, tokens, o.first, o.end, acr)) {
        acronyms.push_back(keys[sp.first]);
        break;
      }
  }
  if (acronyms.empty()) return;
  for (Span& sp : s)
    if (candidate(sp) && std::find(acronyms.begin(), acronyms.end(), keys[sp.first]) != acronyms.end()) sp.label = org;
}

// A disease's abbreviation is no name ("hundreds of Inuit with TB",
// "eliminating TB", "HIV prevention": the gold sets tag no disease; the
// model had organisations). Not "SARS", South Africa's revenue service
// as often, nor "MS" or "ALS".
// Nor is a currency's abbreviation before its amount ("KSh 412 million",
// "TSh 2,500", "Rs 40 crore", "Rp 15,000"; the model had organisations).
void NoDiseases(const std::vector<Token>& tokens, const KeyViews& keys, std::vector<Span>* spans) {
  static const WordSet kDiseases = {"tb", "hiv", "aids", "hpv", "rsv", "copd", "ptsd", "adhd", "covid", "mers",
                                    "ncd", "ncds", "sti", "stis", "std", "stds", "uti", "utis"};
  // (Written in mixed case: a code in capitals may be a body's, "told NPR
  // 10 years ago".)
  static const WordSet kCurrencies = {"ksh", "kshs", "tsh", "tshs", "ush", "ushs", "shs", "rs", "rp", "rm"};
  // Nor a code in capitals the model made an organisation before a
  // currency's plural, the currency's own name ("21.4 billion CFA francs",
  // "500 CFP francs"), after a number ("5 billion US dollars" keeps its place).
  static const WordSet kMoneyNouns = {"francs", "dollars", "pesos", "rupees", "dinars", "shillings", "rials"};
  std::erase_if(*spans, [&](const Span& sp) {
    if (sp.end != sp.first + 1) return false;
    if (tokens[sp.first].all_caps && kDiseases.Has(keys[sp.first])) return true;
    if (tokens[sp.first].all_caps && LabelType(sp.label) == v1::ORG && sp.end < tokens.size() && sp.first > 0 &&
        kMoneyNouns.Has(keys[sp.end]) &&
        (tokens[sp.first - 1].kind == TokenKind::kNumber || keys[sp.first - 1] == "million" ||
         keys[sp.first - 1] == "billion"))
      return true;
    return sp.end < tokens.size() && tokens[sp.end].kind == TokenKind::kNumber && !tokens[sp.first].all_caps &&
           kCurrencies.Has(keys[sp.first]);
  });
}

// A people the knowledge base does not know, named before its members
// ("Q'anjob'al and Chuj communities", "17 recognised Naga tribes",
// "Wallisian and Futunan voters", "Angami, Ao, Chakhesang, Konyak, Lotha
// and Sumi dancers"; the model had persons, places or nothing): one
// capitalised word in mixed case right before a plural of a people's
// members, no ordinary word nor a sentence's first, in no span or in a
// one-word person's or place's span that is no name of the base's, is a
// NORP; so are the like words listed before it.
void PeoplesBeforeTheirMembers(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                               const KnowledgeBase& kb, const std::vector<uint32_t>& cap_at, float typical_margin,
                               std::vector<Span>* spans) {
  static const WordSet kMembers = {"communities", "community", "tribes", "tribe", "people", "peoples",
                                   "villagers", "clans", "clan", "elders", "herders", "fishermen", "dancers",
                                   "voters", "families", "women", "refugees", "settlers", "descent", "ancestry",
                                   "speakers", "chiefs"};
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  const int norp = LabelOf(v1::NORP, true), person = LabelOf(v1::PERSON, true), loc = LabelOf(v1::LOC, true);
  const std::vector<Span>& s = *spans;
  std::vector<Span> add;
  // Whether token k may be such a people's name: the span over it found by
  // a binary search (no map of the spans: the step asks a few tokens).
  auto people_word = [&](uint32_t k) {
    if (tokens[k].kind != TokenKind::kWord || !tokens[k].upper || tokens[k].all_caps || tokens[k].sentence_start ||
        !NameWordAt(tokens, keys, k) || OrdinaryWord(keys[k]))
      return false;
    auto it = std::upper_bound(s.begin(), s.end(), k, [](uint32_t t, const Span& sp) { return t < sp.first; });
    if (it == s.begin() || (it - 1)->end <= k) return true;  // in no span
    const Span& sp = *(it - 1);
    return sp.first == k && sp.end == k + 1 && (sp.label == person || sp.label == loc) &&
           !KbNameOfType(kb, text, tokens, keys, k, k + 1, {v1::PERSON, v1::LOC, v1::ORG});
  };
  // (Only the tokens after the document's capitalised words are asked,
  // and the set only of a word of its lengths.)
  for (const uint32_t c : cap_at) {
    const uint32_t m = c + 1;
    if (m >= n) continue;
    const Token& w = tokens[c];
    const size_t len = keys[m].size();
    if (w.all_caps || w.sentence_start || tokens[m].upper || len < 3 || len > 11 || !kMembers.Has(keys[m]) ||
        !SpacedOnLine(text, tokens, m))
      continue;
    uint32_t k = m - 1;
    if (!people_word(k)) continue;
    add.push_back(Span{k, k + 1, norp, typical_margin});
    // The list before it: ", Lotha and", "Wallisian and".
    while (k >= 2) {
      const uint32_t sep = k >= 3 && keys[k - 2] == "," && keys[k - 1] == "and" ? 2
                           : (keys[k - 1] == "," || keys[k - 1] == "and")       ? 1
                                                                                : 0;
      if (sep == 0 || k < sep + 1 || !people_word(k - sep - 1)) break;
      k -= sep + 1;
      add.push_back(Span{k, k + 1, norp, typical_margin});
    }
  }
  PutSpans(std::move(add), spans);
}

// A minister's portfolio is no name ("Acting Minister for Lands and Natural
// Resources Sione Tuʻipulotu", "Minister for Further and Higher Education":
// the gold sets tag no portfolio, and a place only where the office is the
// place's, "First Minister of Wales"): an organisation's span right after
// "Minister", "Secretary" or "Commissioner" and "for" or "of", or a
// person's whose last word is a portfolio's field ("Higher Education"),
// that is no place or people of the knowledge base's, goes.
void NoPortfolios(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                  const KnowledgeBase& kb, std::vector<Span>* spans) {
  static const WordSet kFields = {"education", "affairs", "resources", "development", "industry", "industries",
                                  "trade", "finance", "health", "defence", "defense", "justice", "culture", "tourism",
                                  "transport", "energy", "environment", "agriculture", "fisheries", "housing",
                                  "labour", "labor", "works", "information", "communications", "sport", "sports",
                                  "youth", "security", "planning", "infrastructure", "mines", "lands", "welfare"};
  const int org = LabelOf(v1::ORG, true), person = LabelOf(v1::PERSON, true);
  bool dropped = false;
  std::vector<Span> holders;
  for (Span& sp : *spans) {
    if (sp.first < 2 || (sp.label != org && sp.label != person)) continue;
    const std::string_view prep = keys[sp.first - 1], office = keys[sp.first - 2];
    if ((prep != "for" && prep != "of") || !tokens[sp.first - 2].upper ||
        !(office == "minister" || office == "secretary" || office == "commissioner" || office == "ministers"))
      continue;
    if (sp.label == person && !kFields.Has(keys[sp.end - 1])) continue;
    if (KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::LOC, v1::NORP, v1::ORG})) continue;
    // The holder's name the model ran on into ("Minister of Economic Affairs
    // Kung Ming-hsin", "Secretary of State for Health Inês Carvalho Mota"):
    // the words after the portfolio's last field, and the capitalised words
    // after them on the line, are the person.
    uint32_t last_field = sp.end;
    for (uint32_t k = sp.first; k < sp.end; ++k)
      if (kFields.Has(keys[k])) last_field = k;
    if (sp.label == org && last_field + 1 < sp.end && tokens[last_field + 1].upper) {
      holders.push_back(Span{last_field + 1, sp.end, person, sp.margin});
      while (holders.back().end < tokens.size() && CapitalisedNextOnLine(text, tokens, holders.back().end) &&
             !(NameWordFlags(keys[holders.back().end]) & kStopWord))
        ++holders.back().end;
    }
    sp.label = -1;
    dropped = true;
  }
  if (!dropped) return;
  std::erase_if(*spans, [](const Span& sp) { return sp.label < 0; });
  PutSpans(std::move(holders), spans);
}

// An organisation's name one space before a place's is a branch or a body
// named with the place ("Uber India said", "Earth Sciences New Zealand",
// "Reform UK", "Philips West Africa", "Makati Shangri-La": nine of ten such
// pairs in the gold sets are one organisation): one span, the
// organisation's. Not a line in capitals ("UN SAHARA"), nor where the
// line's next word is capitalised (a longer name goes on).
void BodiesOfAPlace(std::string_view text, const std::vector<Token>& tokens, std::vector<Span>* spans) {
  const int org = LabelOf(v1::ORG, true), loc = LabelOf(v1::LOC, true);
  std::vector<Span>& s = *spans;
  auto capitals_word = [&](uint32_t k) { return tokens[k].all_caps && tokens[k].end_byte - tokens[k].begin_byte > 3; };
  bool joined = false;
  for (size_t x = 0; x + 1 < s.size(); ++x) {
    Span& a = s[x];
    const Span& b = s[x + 1];
    if (a.label != org || b.label != loc || b.first != a.end || !SpacedOnLine(text, tokens, b.first) ||
        CapitalisedNextOnLine(text, tokens, b.end))
      continue;
    bool caps = false;
    for (uint32_t k = a.first; k < b.end; ++k) caps = caps || capitals_word(k);
    if (caps) continue;
    a.end = b.end;
    a.margin = std::max(a.margin, b.margin);
    s[x + 1].label = -1;
    joined = true;
    ++x;
  }
  if (joined) std::erase_if(s, [](const Span& sp) { return sp.label < 0; });
}

// The last words of the document's persons named in full, sorted: a word
// that is one of them alone is the person, not a place ("faith in Biden"
// after "Joe Biden").
std::vector<std::string_view> SurnamesNamedInFull(const std::vector<Span>& spans, const KeyViews& keys) {
  const int person = LabelOf(v1::PERSON, true);
  std::vector<std::string_view> surnames;
  for (const Span& sp : spans)
    if (sp.label == person && sp.end - sp.first >= 2) surnames.push_back(keys[sp.end - 1]);
  std::sort(surnames.begin(), surnames.end());
  return surnames;
}

// Every one-word person's span of one of `words` is a place: a word made a
// place where the text shows it one is the place wherever the document
// writes it alone ("Chinese diplomats have visited Buka twice", "Every
// summer Henningsvær goes from 500 people to 5,000").
void WordsArePlaces(std::vector<std::string_view> words, const KeyViews& keys, std::vector<Span>* spans) {
  if (words.empty()) return;
  const int person = LabelOf(v1::PERSON, true), loc = LabelOf(v1::LOC, true);
  std::sort(words.begin(), words.end());
  for (Span& sp : *spans)
    if (sp.label == person && sp.end == sp.first + 1 && std::binary_search(words.begin(), words.end(), keys[sp.first]))
      sp.label = loc;
}

// Capitalised words the model left untagged, listed with a place, are
// places ("cabins in Svolvær, Kabelvåg and Henningsvær", "training in
// Wellington and Taupō", "water delivery to Ndilǫ and Dettah"): a run of
// one or two name words on its line, none an ordinary English word nor a
// sentence's first, in no span, not before a figure ("the Estlink 2
// cable"), joined to a place's span, or to another such run that is, by
// "and", "or", ", and" or a comma the list goes on after ("In North
// Macedonia, Alkaloid rose" is no list). The place one of the knowledge
// base's, or the list after a place's preposition ("co-producers Allfilm
// and Nord-Ouest Films": the model's place was the company's); a run
// before "in" names its own place ("Bowmans in South Africa and Wintertons
// in Harare").
void UnknownsListedWithAPlace(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                              const KnowledgeBase& kb, float typical_margin, std::vector<Span>* spans) {
  const int loc = LabelOf(v1::LOC, true);
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  // (No map of the spans: a run lies between the place's span and its
  // neighbour's, which bound it.)
  auto word = [&](uint32_t k) {
    return k < n && NameWordAt(tokens, keys, k) && !tokens[k].all_caps && !tokens[k].sentence_start &&
           !OrdinaryWord(keys[k]);
  };
  // The separator at token k: its length in tokens, 0 where none.
  auto separator = [&](uint32_t k) -> uint32_t {
    if (k >= n) return 0;
    if (keys[k] == ",") return k + 1 < n && (keys[k + 1] == "and" || keys[k + 1] == "or") ? 2 : 1;
    return (keys[k] == "and" || keys[k] == "or") && !tokens[k].upper ? 1 : 0;
  };
  // Whether a run may end before token e: nothing glued to it
  // ("Ceadîr-Lunga"), and the line's next token a sign, a separator or a
  // word of the clause (not a capitalised one, a longer name; a figure; a
  // name's joiner, "Nioro du Sahel"; "in", its own place's).
  // A word in lower case after the run may only begin the clause's next
  // part, not be a noun the run modifies ("Coverage in Tokyo and Shinkansen
  // delays", "Fans in Glasgow and Celtic supporters").
  static const WordSet kClauseWords = {
      "was", "were", "is", "are", "has", "have", "had", "will", "would", "could", "can", "may", "might",
      "on", "at", "to", "for", "with", "as", "from", "by", "near", "which", "who", "that", "where", "this",
      "last", "next", "said", "says", "saw", "see", "while", "when", "after", "before", "during", "until",
      "since", "over", "under", "through", "between", "among", "like", "than", "but", "so", "because",
      "throughout", "within", "across", "around", "into", "against", "along", "toward", "towards", "respectively",
      "too", "also", "alone", "combined", "both", "each"};
  auto ends_before = [&](uint32_t e) {
    if (e < n && Glued(tokens, e) && tokens[e].kind != TokenKind::kPunct) return false;
    if (e < n && Glued(tokens, e) && IsHyphenToken(text, tokens[e])) return false;
    if (e >= n || !SpacedOnLine(text, tokens, e) || separator(e) > 0) return true;
    if (tokens[e].kind == TokenKind::kPunct) return !IsHyphenToken(text, tokens[e]);
    // (A verb's past form goes on the clause: "schools in Bozeman and
    // Billings closed".)
    return tokens[e].kind == TokenKind::kWord && !tokens[e].upper &&
           (kClauseWords.Has(keys[e]) || (keys[e].size() > 4 && keys[e].ends_with("ed")));
  };
  const int person = LabelOf(v1::PERSON, true);
  std::vector<Span> add;
  std::vector<std::string_view> to_places;  // words of persons' spans listed with places
  const std::vector<Span>& s = *spans;
  // The last words of the persons named in full (once, where asked).
  std::vector<std::string_view> surnames;
  bool surnames_made = false;
  auto PersonMayBePlace = [&](uint32_t k) {
    if (!surnames_made) {
      surnames = SurnamesNamedInFull(s, keys);
      surnames_made = true;
    }
    return !std::binary_search(surnames.begin(), surnames.end(), keys[k]) &&
           !KbNameOfType(kb, text, tokens, keys, k, k + 1, {v1::PERSON});
  };
  // A person's span ends a list of places only before a sign, a separator
  // or a preposition: before a verb it is the subject of a clause of its
  // own ("studied in Vienna and Tomasz joined her", "in Doha and Salah
  // joined his club"; not after ", and": "Rain fell in Accra, and Kofi").
  auto PersonEndsAList = [&](uint32_t e) {
    if (e >= n || !SpacedOnLine(text, tokens, e) || separator(e) > 0) return true;
    if (tokens[e].kind == TokenKind::kPunct) return !IsHyphenToken(text, tokens[e]) && !Glued(tokens, e + 1);
    const std::string_view w = keys[e];
    return !tokens[e].upper && (w == "on" || w == "at" || w == "to" || w == "for" || w == "with" || w == "from" ||
                                w == "near" || w == "during" || w == "since" || w == "until" || w == "before" ||
                                w == "after" || w == "over" || w == "throughout" || w == "as" || w == "this" ||
                                w == "last" || w == "next" ||
                                // the plural verb of the noun the places follow ("households in
                                // Kushiro and Akkeshi are without power")
                                w == "are" || w == "were" || w == "remain" || w == "remained");
  };
  for (size_t x = 0; x < s.size(); ++x) {
    const Span& sp = s[x];
    if (sp.label != loc || (separator(sp.end) == 0 && (sp.first == 0 || separator(sp.first - 1) == 0))) continue;
    const uint32_t ahead = x + 1 < s.size() ? s[x + 1].first : n, behind = x > 0 ? s[x - 1].end : 0;
    // Whether the place is one of the base's: asked once, and only of a
    // place a run touches (a lookup per place and comma cost 0.8% of the
    // tagger's instructions).
    int known_state = -1;
    auto known = [&]() {
      if (known_state < 0) known_state = KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::LOC}) ? 1 : 0;
      return known_state == 1;
    };
    // Onwards: ", Kabelvåg and Henningsvær".
    const bool prep_before = sp.first > 0 && AfterPlacePreposition(keys[sp.first - 1]);
    size_t y = x + 1;  // the next span
    for (uint32_t k = sp.end, sep; (sep = separator(k)) > 0;) {
      const uint32_t f = k + sep;
      uint32_t e = f;
      while (e < ahead && e < f + 2 && word(e) && (e == f || SpacedOnLine(text, tokens, e))) ++e;
      const bool list_goes_on = !(sep == 1 && keys[k] == ",");
      if (e == f) {
        // A one-word person's span of the model's in a list after a place's
        // preposition ("cabin rentals in Svolvær, Kabelvåg and Henningsvær":
        // the model's person) is a place too, where the word is no
        // person's of the base's nor the last word of a name in full.
        // (Not after a venue: "at Perth Stadium and Starc has 7 wickets".)
        if (!prep_before || kFacilityHeads.Has(keys[sp.end - 1]) || kVenueHeads.Has(keys[sp.end - 1]) ||
            y >= s.size() || s[y].first != f || s[y].end != f + 1 || s[y].label != person || sep == 2 ||
            !PersonEndsAList(f + 1) || (!list_goes_on && separator(f + 1) == 0) || !word(f) ||
            !PersonMayBePlace(f))
          break;
        to_places.push_back(keys[f]);
        k = f + 1;
        ++y;
        continue;
      }
      if (!ends_before(e) || (!list_goes_on && separator(e) == 0)) break;
      if (!prep_before && !known()) break;
      add.push_back(Span{f, e, loc, typical_margin});
      k = e;
    }
    // Backwards: "Vestvågøy and" before the place.
    for (uint32_t k = sp.first; k > 1;) {
      const uint32_t sep = k >= 3 && keys[k - 2] == "," && (keys[k - 1] == "and" || keys[k - 1] == "or") ? 2
                           : separator(k - 1) == 1                                                  ? 1
                                                                                                    : 0;
      if (sep == 0 || k < sep + 1) break;
      const uint32_t e = k - sep;
      uint32_t f = e;
      while (f > behind && e - f < 2 && word(f - 1) && (f == e || SpacedOnLine(text, tokens, f))) --f;
      if (f == e || !ends_before(e) ||
          (f > 0 && SpacedOnLine(text, tokens, f) && tokens[f - 1].kind == TokenKind::kWord && tokens[f - 1].upper &&
           !tokens[f - 1].sentence_start))
        break;
      // A comma's list goes on after the place, or began before the run.
      if (sep == 1 && keys[e] == "," && separator(sp.end) == 0 && !(f > 0 && separator(f - 1) > 0)) break;
      if (!(f > 0 && AfterPlacePreposition(keys[f - 1])) && !known()) break;
      add.push_back(Span{f, e, loc, typical_margin});
      k = f;
    }
  }
  // The listed persons' words are places, here and wherever the document
  // writes them alone as persons.
  WordsArePlaces(std::move(to_places), keys, spans);
  PutSpans(std::move(add), spans);
}

// Whether the words before token k make the name there a place: "in", or
// "of" after a lower-case noun of a place's office, division or people
// ("a former regional governor of Áncash", "the mayor of Kisumu", "the
// province of Houaphanh", "residents of Lukla").
bool PlaceBefore(const std::vector<Token>& tokens, const KeyViews& keys, uint32_t k) {
  if (k == 0) return false;
  if (keys[k - 1] == "in" || keys[k - 1] == "near") return true;
  static const WordSet kOfAPlace = {
      "governor", "mayor", "governorship", "mayoralty", "prefect", "province", "region", "city", "town",
      "village", "district", "county", "municipality", "capital", "outskirts", "suburbs", "residents",
      "inhabitants", "townships", "streets", "mayors", "governors", "provinces", "regions"};
  return k >= 2 && keys[k - 1] == "of" && !tokens[k - 2].upper && kOfAPlace.Has(keys[k - 2]);
}

// A one-word person right after "in" or "near", or a place's office and
// "of", is a place the model did not know ("at a school in Llanelli", "In
// Buka, the regional capital", "kids in Burnie", "governor of Áncash"; the
// model's persons for unknown capitalised words), not a person of the
// knowledge base or one the document names in full ("faith in Biden" after
// "Joe Biden"), nor before a possessive ("in Smith's view"). So is a
// one-word organisation right after "in", or a town's or a region's "of",
// that the knowledge base knows as a place and not as an organisation ("a
// win over Croatia in Katowice" on a sports page, where the model reads
// cities as clubs; "in the town of Kuusamo").
void PlacesAfterIn(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                   const KnowledgeBase& kb, std::vector<Span>* spans) {
  const int person = LabelOf(v1::PERSON, true), loc = LabelOf(v1::LOC, true);
  // (Not a company's market: "Shares in Sumida fell", "a stake in ...".)
  for (Span& sp : *spans)
    if (sp.label == LabelOf(v1::ORG, true) && sp.end == sp.first + 1 && sp.first > 1 &&
        ((keys[sp.first - 1] == "in" && !MarketBeforeIn(keys[sp.first - 2])) ||
         (keys[sp.first - 1] == "of" && PlaceBefore(tokens, keys, sp.first))) &&
        KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::LOC}) &&
        !KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::ORG}))
      sp.label = loc;
  if (std::none_of(spans->begin(), spans->end(), [&](const Span& sp) {
        return sp.label == person && sp.end == sp.first + 1 && PlaceBefore(tokens, keys, sp.first);
      }))
    return;  // most documents
  const std::vector<std::string_view> surnames = SurnamesNamedInFull(*spans, keys);
  std::vector<std::string_view> places;  // the words so made places
  for (Span& sp : *spans) {
    if (sp.label != person || sp.end != sp.first + 1 || !PlaceBefore(tokens, keys, sp.first) ||
        PossessiveAt(text, tokens, sp.end, false) > 0 ||
        std::binary_search(surnames.begin(), surnames.end(), keys[sp.first]) ||
        KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::PERSON}))
      continue;
    sp.label = loc;
    places.push_back(keys[sp.first]);
  }
  // And the word's other one-word persons in the document.
  WordsArePlaces(std::move(places), keys, spans);
}

// Whether tokens [f, e) are the words, by their keys, of tokens [w.first,
// w.second): a name written again ("Tam Pà Ling" ... "Tam Pà Ling").
bool SameWordsAs(const KeyViews& keys, uint32_t f, uint32_t e, std::pair<uint32_t, uint32_t> w) {
  return e - f == w.second - w.first && std::equal(keys.begin() + f, keys.begin() + e, keys.begin() + w.first);
}

// Whether the span ending at token `end` stands before an apposition that
// says it is a place: ", a|an|the" and up to three words, then a place's
// noun that ends the phrase ("Tam Pà Ling, a limestone cave in Houaphanh",
// "Ulken, a village on the shore", "Kikori, the district's main town.").
bool PlaceByApposition(const std::vector<Token>& tokens, const KeyViews& keys, uint32_t end) {
  static const WordSet kPlaceNouns = {
      "cave", "village", "town", "city", "district", "province", "island", "river", "lake", "mountain",
      "volcano", "valley", "region", "suburb", "neighbourhood", "neighborhood", "port", "county", "municipality",
      "settlement", "hamlet", "oasis", "peninsula", "bay", "township", "commune", "atoll", "archipelago",
      "capital", "plateau", "gorge", "canyon", "desert", "glacier", "reef", "lagoon", "strait", "headland"};
  static const WordSet kEnds = {",", ".", ";", "in", "of", "near", "on", "north", "south", "east", "west", "that",
                                "where", "which", "about", "off", "along", "at", "outside", "some", "with", "by"};
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  if (end + 3 >= n || keys[end] != "," || !(keys[end + 1] == "a" || keys[end + 1] == "an" || keys[end + 1] == "the"))
    return false;
  for (uint32_t t = end + 2; t < n && t <= end + 5 && !tokens[t].sentence_start; ++t) {
    if (tokens[t].kind != TokenKind::kWord || tokens[t].upper) return false;
    if (kPlaceNouns.Has(keys[t])) return t + 1 >= n || kEnds.Has(keys[t + 1]);
  }
  return false;
}

// A name its apposition calls a place (PlaceByApposition) is a place
// whatever the model made of it, and so are the same words elsewhere in
// the document (the model's organisation "Tam Pà Ling" three times); not
// a person or an organisation of the knowledge base.
void PlacesByTheirApposition(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                             const KnowledgeBase& kb, std::vector<Span>* spans) {
  const int loc = LabelOf(v1::LOC, true);
  std::vector<std::pair<uint32_t, uint32_t>> named;  // the spans so made places
  for (Span& sp : *spans) {
    const v1::EntityType t = LabelType(sp.label);
    if ((t != v1::ORG && t != v1::PERSON) || sp.end - sp.first > 4 || !PlaceByApposition(tokens, keys, sp.end) ||
        KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::PERSON, v1::ORG}))
      continue;
    sp.label = loc;
    named.emplace_back(sp.first, sp.end);
  }
  if (named.empty()) return;  // most documents
  for (Span& sp : *spans) {
    const v1::EntityType t = LabelType(sp.label);
    if (t != v1::ORG && t != v1::PERSON) continue;
    for (const auto& w : named)
      if (SameWordsAs(keys, sp.first, sp.end, w)) sp.label = loc;
  }
}

// A place's span ending in a company's trade word, "Treasury" or
// "Library" is the company's, the department's or the library's service
// ("research at Gulfbridge Capital", "the U.S. Treasury's Office", "keep
// Chicago Public Library branches open"; the model had a place by the
// preposition or the place's word), not a railway's line ("the Benguela
// Railway") nor a name of the knowledge base's places; so is a place's
// span before such a word the model left out ("Frisco Labs").
void PlacesEndingInATrade(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const KnowledgeBase& kb, std::vector<Span>* spans) {
  const int org = LabelOf(v1::ORG, true), loc = LabelOf(v1::LOC, true);
  const size_t n = tokens.size();
  for (size_t x = 0; x < spans->size(); ++x) {
    Span& sp = (*spans)[x];
    // A place's span of up to three words right before a capitalised trade
    // word in no span, which ends the name, takes it ("Frisco Labs",
    // "Cork Ferries"; "Kenya Airways" the knowledge base's).
    const uint32_t t = sp.end;
    if (sp.label == loc && sp.end - sp.first <= 3 && t < n && CapitalisedNextOnLine(text, tokens, t) &&
        !tokens[t].all_caps && IsCompanyTrade(keys[t]) && !(t + 1 < n && CapitalisedNextOnLine(text, tokens, t + 1)) &&
        (x + 1 >= spans->size() || (*spans)[x + 1].first > t)) {
      sp.end = t + 1, sp.label = org;
      continue;
    }
    if (sp.label != loc || sp.end - sp.first < 2 || !tokens[sp.end - 1].upper) continue;
    const std::string_view last = keys[sp.end - 1];
    if (last == "railway" || last == "railways" || !(last == "treasury" || last == "library" || IsCompanyTrade(last)))
      continue;
    if (KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::LOC})) continue;
    sp.label = org;
  }
}

// A country's name alone is a place, whatever it stands for (the
// guidelines: "countries always LOC, also where they stand for their
// government"): its national side ("lost 2-1 to Algeria"), its market in a
// table of indexes ("KUWAIT up 0.3%", "Oman's was little changed"). The
// model, reading the context, had organisations. A person's name stays
// ("Jordan", "Chad"). The name as the country's own begins ("Kosovo",
// "Vatican" of "Vatican City") or its initials ("DRC"); not one of its
// other names that other things bear ("Emirates", the airline; "Ulster",
// the rugby side; "Mann").
void CountriesArePlaces(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        const KnowledgeBase& kb, std::vector<Span>* spans) {
  const int org = LabelOf(v1::ORG, true), loc = LabelOf(v1::LOC, true);
  // (Not a name another place bears, whose team the organisation may be:
  // "Georgia beat Alabama 27-24", the state's.)
  auto country_of = [&](const KnowledgeBase::Match& m) -> const KbEntity* {
    const KbEntity* country = nullptr;
    auto see = [&](const KbEntity& e) {
      if (e.type != v1::LOC) return true;
      if (!IsCountry(e)) return false;
      if (country == nullptr) country = &e;
      return true;
    };
    if (!see(kb.entities()[static_cast<size_t>(m.entity)])) return nullptr;
    if (m.alternates != nullptr)
      for (int32_t a : *m.alternates)
        if (!see(kb.entities()[static_cast<size_t>(a)])) return nullptr;
    return country;
  };
  // A state's or a province's name (ISO 3166-2) that is no other thing's
  // is a place too ("Kerala has recorded outbreaks", "Kerala's health
  // department"), but on a sports page, where it is a side ("Kerala beat
  // Punjab").
  int sports = -1;
  auto subdivision = [&](const KnowledgeBase::Match& m) {
    const KbEntity& e = kb.entities()[static_cast<size_t>(m.entity)];
    if (e.type != v1::LOC || !e.id.starts_with("iso3166-2:") || m.alternates != nullptr) return false;
    if (sports < 0) sports = SportsPage(text, tokens, keys) ? 1 : 0;
    return sports == 0;
  };
  for (Span& sp : *spans) {
    if (sp.label != org || sp.end - sp.first > 4 || !tokens[sp.first].upper) continue;
    KnowledgeBase::Match m;
    if (!kb.LongestMatch(text, tokens, keys, sp.first, &m) || m.end_token != sp.end) continue;
    const KbEntity* country = country_of(m);
    if (country == nullptr) {
      // (Not a company's before its listing: "Antofagasta (LSE: ANTO)".)
      if (!(sp.end < tokens.size() && PunctAt(text, tokens, sp.end, "(")) && subdivision(m)) sp.label = loc;
      continue;
    }
    // The country's name's words, lower case, and its initials (a word in
    // capitals gives all its letters: "DR Congo", DRC).
    std::vector<std::string> words;
    std::string caps;
    const std::string_view name = country->name;
    for (size_t b = 0; b < name.size();) {
      size_t e = name.find(' ', b);
      if (e == std::string::npos) e = name.size();
      const std::string_view w = name.substr(b, e - b);
      words.push_back(NormaliseToken(w));
      const bool in_capitals = w.size() >= 2 && AsciiCapitals(w);
      if (in_capitals) caps += words.back();
      else if (!w.empty() && w != "of" && w != "the" && w != "and") caps += words.back().substr(0, 1);
      b = e + 1;
    }
    bool begins = sp.end - sp.first <= words.size();
    for (uint32_t k = sp.first; k < sp.end && begins; ++k) begins = words[k - sp.first] == keys[k];
    const bool initials = !begins && sp.end == sp.first + 1 && tokens[sp.first].all_caps && caps == keys[sp.first];
    if (begins || initials) sp.label = loc;
  }
}

// Words that are no names though capitalised, dropped among the last
// steps: a result's note in brackets after a score ("Dallas Stars 1 (OT)",
// "Panathinaikos 90 (OT)": overtime, a shoot-out, extra time, penalties);
// a title's abbreviation with its stop before a name, which the model
// typed a place or a body ("Coun. Hal Stone", "Insp. ..."); a disease
// named after its describer ("Parkinson's disease", "Alzheimer's
// antibody therapy"): the name before "'s" and "disease", "syndrome" and
// the like, or one of the few such names before a word of medicine.
void NoNamesAfterAll(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                     std::vector<Span>* spans) {
  static const WordSet kResultNotes = {"ot", "so", "et", "aet", "pso", "pen", "pens", "ote"};
  static const WordSet kDiseaseNouns = {"disease", "diseases", "syndrome", "lymphoma", "palsy", "sarcoma",
                                        "ataxia", "chorea", "dementia"};
  static const WordSet kDescribers = {"alzheimer", "parkinson", "huntington", "crohn", "tourette", "asperger",
                                      "hodgkin", "addison", "cushing", "graves"};
  static const WordSet kMedicine = {"patients", "patient", "drug", "drugs", "therapy", "therapies", "treatment",
                                    "treatments", "research", "cases", "symptoms", "sufferers", "diagnosis",
                                    "medication", "antibody", "vaccine", "care", "trial", "trials", "risk",
                                    "progression", "onset"};
  static const WordSet kAbbreviatedTitles = {"coun", "cllr", "insp", "supt", "det", "sgt", "cpl", "pvt", "lt",
                                             "maj", "adm", "gov", "rep", "gen", "col", "capt", "brig", "cmdr"};
  const size_t n = tokens.size();
  const int person = LabelOf(v1::PERSON, true);
  // The words that name a disease with their "'s" here: before "disease",
  // "syndrome" and the like, or a describer's before a word of medicine
  // ("Alzheimer's antibody therapy"; not "Cushing's storage hub",
  // "Huntington's shares").
  std::vector<std::string_view> diseases;
  for (const Span& sp : *spans) {
    if (sp.end != sp.first + 1) continue;
    const size_t p = PossessiveAt(text, tokens, sp.end, false);
    const size_t after = sp.end + p;
    if (p == 0 || after >= n || tokens[after].upper) continue;
    if (kDiseaseNouns.Has(keys[after]) || (kDescribers.Has(keys[sp.first]) && kMedicine.Has(keys[after])))
      diseases.push_back(keys[sp.first]);
  }
  std::erase_if(*spans, [&](const Span& sp) {
    const uint32_t f = sp.first;
    if (sp.end != f + 1) return false;
    // "(OT)" right after a number.
    if (f >= 2 && sp.end < n && keys[f - 1] == "(" && keys[sp.end] == ")" && kResultNotes.Has(keys[f]) &&
        tokens[f - 2].kind == TokenKind::kNumber)
      return true;
    // "Coun." + a capitalised name, not typed a person: an abbreviated
    // title's ("investigated by the Garda. Officers arrested ..." is a
    // sentence's stop).
    if (sp.label != person && sp.end + 1 < n && TokenText(text, tokens[sp.end]) == "." && Glued(tokens, sp.end) &&
        kAbbreviatedTitles.Has(keys[f]) && CapitalisedNextOnLine(text, tokens, sp.end + 1))
      return true;
    // A disease's name: its describer's with "'s" before it, and that word
    // with its "'s" anywhere in the document ("Parkinson's nears approval"
    // above "a treatment for Parkinson's disease").
    if (PossessiveAt(text, tokens, sp.end, false) > 0)
      return std::find(diseases.begin(), diseases.end(), keys[f]) != diseases.end();
    return false;
  });
}

// A one-word name after "the" with its possessive, before a noun of a
// firm's trade ("the Lloyd's market", "the Sainsbury's store", "the Macy's
// parade"; not a family's "the Smith's house"), that the model typed a
// person is a firm's whose name has the "'s". Capitalised in mixed
// case, not a title's word ("the Pope's visit") or a name of the knowledge
// base ("the Kremlin's": its possessive is none of its name). The
// document's other mentions of the word with its possessive, typed a
// person, are the firm's too ("advises Lloyd's underwriters").
void FirmsInThePossessive(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const KnowledgeBase& kb, std::vector<Span>* spans) {
  if (text.find("'s ") == std::string_view::npos && text.find("\u2019s ") == std::string_view::npos) return;
  // The nouns of a firm's trade after its possessive (not a family's
  // "the Smith's house").
  static const WordSet kTrade = {"market", "markets", "store", "stores", "shop", "shops", "restaurant",
                                 "restaurants", "brand", "chain", "outlet", "outlets", "parade", "shares", "stock",
                                 "branch", "branches", "franchise", "headquarters", "underwriters", "syndicate",
                                 "syndicates", "auction", "auctions", "sale", "sales", "catalogue", "catalog",
                                 "insurers", "brokers", "menu", "burgers", "products", "supermarket",
                                 "supermarkets", "factory", "plant", "website", "app", "boss", "chief", "owner"};
  const int person = LabelOf(v1::PERSON, true), org = LabelOf(v1::ORG, true);
  const size_t n = tokens.size();
  std::vector<std::string_view> firms;
  for (const Span& sp : *spans) {
    const uint32_t k = sp.first;
    if (sp.label != person || sp.end != k + 1 || k == 0 || keys[k - 1] != "the" || tokens[k].all_caps) continue;
    const size_t p = PossessiveAt(text, tokens, k + 1, false);
    if (p == 0 || k + 1 + p >= n || tokens[k + 1 + p].kind != TokenKind::kWord || tokens[k + 1 + p].upper ||
        !SpacedOnLine(text, tokens, k + 1 + p) || !kTrade.Has(keys[k + 1 + p]))
      continue;
    if (TitleWordOf(keys[k]) != TitleWord::kNone ||
        KbNameOfType(kb, text, tokens, keys, k, k + 1, {v1::PERSON, v1::ORG, v1::LOC, v1::NORP, v1::EVENT}))
      continue;
    firms.push_back(keys[k]);
  }
  if (firms.empty()) return;
  for (Span& sp : *spans) {
    if (sp.label != person || sp.end != sp.first + 1 ||
        std::find(firms.begin(), firms.end(), keys[sp.first]) == firms.end())
      continue;
    if (const size_t p = PossessiveAt(text, tokens, sp.end, false); p > 0)
      sp = Span{sp.first, static_cast<uint32_t>(sp.end + p), org, sp.margin, true};
  }
}

// A name of two to four capitalised words that the model typed as no
// person, whose last word the document tags alone and only as a person:
// the surname tells the whole name ("Thai qualifier Phanuwat Kaewmanee"
// ... "Kaewmanee had"; the model read the nationality and the role as a
// company's). Not a knowledge-base match, not a name with a word that joins
// parts ("of", "de") or with an organisation's word at its end.
void SurnamesNameTheirPersons(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                              const std::vector<uint64_t>& word_hash, const std::vector<int>& forced,
                              std::vector<Span>* spans) {
  // (word, not a person) of each one-word span, sorted: a word is a
  // person's when all its pairs say so.
  thread_local std::vector<std::pair<uint64_t, bool>> alone;
  alone.clear();
  for (const Span& sp : *spans) {
    if (sp.end == sp.first + 1) alone.emplace_back(word_hash[sp.first], LabelType(sp.label) != v1::PERSON);
  }
  if (alone.empty()) return;
  std::sort(alone.begin(), alone.end());
  for (Span& sp : *spans) {
    const uint32_t n = sp.end - sp.first;
    if (n < 2 || n > 4 || LabelType(sp.label) == v1::PERSON) continue;
    const uint64_t last = word_hash[sp.end - 1];
    // The word's pairs end with (word, true) when one of them is no person.
    const auto it = std::upper_bound(alone.begin(), alone.end(), std::make_pair(last, true));
    if (it == alone.begin() || std::prev(it)->first != last || std::prev(it)->second ||
        (NameWordFlags(keys[sp.end - 1]) & kOrgWord) || IsCompanyTrade(keys[sp.end - 1]))
      continue;
    bool names_only = true;
    for (uint32_t k = sp.first; k < sp.end && names_only; ++k) {
      names_only = forced[k] < 0 && tokens[k].kind == TokenKind::kWord && tokens[k].upper && !tokens[k].all_caps &&
                   !JoinsNameParts(keys[k]) && TokenText(text, tokens[k]).size() > 1;
    }
    if (names_only) sp.label = LabelOf(v1::PERSON, true);
  }
}

// A place of the knowledge base, and of no organisation there, right after
// a place's preposition is a place though the model made it an
// organisation ("a mill in Güímar on Tenerife", "from Dresden to
// Debrecen"); not on a sports page, where a city names its team ("lost to
// Denver"), nor before a capitalised word that goes on with the name, glued
// by a hyphen or not ("Antwerp-Bruges"; "Singapore-listed" is a place).
void KbPlacesAfterPrepositionsAreNoOrganisations(std::string_view text, const std::vector<Token>& tokens,
                                                 const KeyViews& keys, const KnowledgeBase& kb,
                                                 std::vector<Span>* spans) {
  const int org = LabelOf(v1::ORG, true), loc = LabelOf(v1::LOC, true);
  int sports = -1;  // asked once, when a candidate is found
  for (Span& sp : *spans) {
    if (sp.label != org || sp.end - sp.first > 2 || sp.first == 0 || CapitalisedNextOnLine(text, tokens, sp.end) ||
        (sp.end + 1 < tokens.size() && Glued(tokens, sp.end) && IsHyphenToken(text, tokens[sp.end]) &&
         tokens[sp.end + 1].upper) ||
        !(keys[sp.first - 1] == "on" || (NameWordFlags(keys[sp.first - 1]) & kPlacePrepWord)))
      continue;
    KnowledgeBase::Match m;
    if (!kb.LongestMatch(text, tokens, keys, sp.first, &m) || m.end_token != sp.end ||
        EntityOfType(kb, m, v1::LOC) == nullptr || EntityOfType(kb, m, v1::ORG) != nullptr)
      continue;
    if (sports < 0) sports = SportsPage(text, tokens, keys) ? 1 : 0;
    if (sports == 1) return;
    sp.label = loc;
  }
}

// The steps that decide between a person and another type before the
// document's mentions vote: a place of the knowledge base, an age.
void PersonsOrNotSteps(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                       const KnowledgeBase& kb, std::vector<Span>* spans) {
  KbPlacesAreNoPersons(text, tokens, keys, kb, LabelOf(v1::PERSON, true), LabelOf(v1::LOC, true), spans);
  PersonsByTheirAge(text, tokens, keys, kb, LabelOf(v1::PERSON, true), spans);
  KbPlacesAfterPrepositionsAreNoOrganisations(text, tokens, keys, kb, spans);
}

// A span the model typed an organisation that begins with a judge's
// "Justice" (TitleWordAt) and goes on in a name's words only ("Justice
// Oluwakemi Adeyemi", "Justice Alexandre de Moraes": the model read the
// ministry's word) is the person after it; "Justice" alone as a span right
// before a person's span ("Supreme Court" "Justice" "Amy Coney Barrett")
// is none. A name's words: capitalised words (no organisation's word),
// hyphens glued to them, the particles between them.
void JudgesByTheirTitle(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        int person_label, std::vector<Span>* spans) {
  auto& s = *spans;
  size_t out = 0;
  for (size_t x = 0; x < s.size(); ++x) {
    Span sp = s[x];
    const uint32_t f = sp.first;
    if (keys[f] != "justice" || TitleWordAt(text, tokens, keys, f) != TitleWord::kTitle ||
        LabelType(sp.label) == v1::PERSON) {
      s[out++] = sp;
      continue;
    }
    if (sp.end == f + 1) {
      if (x + 1 < s.size() && s[x + 1].first == sp.end && LabelType(s[x + 1].label) == v1::PERSON) continue;
      s[out++] = sp;
      continue;
    }
    bool names = true;
    for (uint32_t k = f + 1; k < sp.end && names; ++k) {
      const Token& t = tokens[k];
      names = (t.kind == TokenKind::kWord && t.upper && !(NameWordFlags(keys[k]) & kOrgWord)) ||
              (IsHyphenToken(text, t) && Glued(tokens, k)) ||
              (t.kind == TokenKind::kWord && !t.upper && JoinsNameParts(keys[k]) && k + 1 < sp.end);
    }
    if (names) sp = {f + 1, sp.end, person_label, sp.margin};
    s[out++] = sp;
  }
  s.resize(out);
}

// Offices, measures, trades and a shout's words in capitals are no bodies
// ("The CEO said", "GDP did not grow", "HR chief", "OMG did", "NOBODY
// said").
const WordSet kNoBodies = {"ceo", "cfo", "coo", "cto", "cio", "cmo", "ipo", "gdp", "cpi", "ppi", "pmi",
                           "eps", "md", "vp", "svp", "evp", "mp", "mps", "mep", "pm", "hr", "pr", "ai",
                           "tv", "it", "dj", "ok", "wtf", "omg", "lol", "imo", "tbh", "fyi", "smh", "idk", "btw",
                           "nobody", "everyone", "anyone", "someone", "they", "what", "why", "who", "how"};

// An acronym that opens its sentence (or follows its "the") before a verb
// of what a body says or does is an organisation ("AWS said the market
// was competitive", "NICE said on Tuesday", "The CBA did its job"): the
// model, which took the rules' acronym cue against an organisation, left
// such a word out in sentence-initial position. Three to six capitals (and
// digits), in no span, the document never writing the word in lower case,
// the verb in lower case (not a line in capitals: "OBAMA SAYS").
void AcronymsBeforeTheirVerb(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                             const DocWords& words, int org_label, float typical_margin, std::vector<Span>* spans) {
  const WordSet& kVerbs = kBodyVerbs;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<int32_t> at;
  std::vector<Span> add;
  for (const uint32_t k : words.cap_at()) {
    if (k + 1 >= n || !tokens[k].all_caps || tokens[k + 1].upper || !kVerbs.Has(keys[k + 1]) ||
        !SpacedOnLine(text, tokens, k + 1) || kNoBodies.Has(keys[k]) || (NameWordFlags(keys[k]) & kStopWord))
      continue;
    const std::string_view w = TokenText(text, tokens[k]);
    if (w.size() < 3 || w.size() > 6 ||
        !std::all_of(w.begin(), w.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }))
      continue;
    const bool opens = tokens[k].sentence_start || (k > 0 && keys[k - 1] == "the" && tokens[k - 1].sentence_start);
    if (!opens || words.LowerSeen(keys[k])) continue;
    if (at.empty()) MapSpans(*spans, n, &at);
    if (at[k] >= 0) continue;
    add.push_back({k, k + 1, org_label, typical_margin});
  }
  PutSpans(std::move(add), spans);
}

// An acronym before a member's or an officer's word is a body's ("ACT
// leader David Seymour", "TMC councillors", "GOP senators",
// "BYD chief"): the model, which read the given name after it, left a
// sentence's first acronym out, and took "MPs" into "DUP MPs". Three to six
// capitals in no span (two are a state's or a city's code as often: "LA
// councillors"), the document never writing the word in lower case,
// not an office, a measure or a trade (kNoBodies), before the word in
// lower case (or "MP", "MEP", "MLA" and their plurals, which end a body's
// span the model ran on over them).
void AcronymsBeforeTheirRoles(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                              const DocWords& words, const KnowledgeBase& kb, int org_label, float typical_margin,
                              std::vector<Span>* spans) {
  // Groups, fields, degrees, honours and people by their initials are no
  // bodies ("LGBTQ activists", "STEM leaders", "MBA candidate", "MVP
  // candidate", "MLK supporters"; a review's).
  static const WordSet kNoRoleBodies = {"lgbt", "lgbtq", "lgbtqi", "lgbtqia", "bame", "bipoc", "stem", "dei",
                                        "esg", "mba", "mvp", "vip", "vips", "mlk", "jfk", "fdr", "phd", "usa", "gen"};
  static const WordSet kRoles = {"leader", "leaders", "leadership", "chief", "chiefs", "spokesman", "spokeswoman",
                                 "spokesperson", "candidate", "candidates", "lawmaker", "lawmakers", "legislator",
                                 "legislators", "senator", "senators", "chairman", "chairwoman", "boss", "bosses",
                                 "councillor", "councillors", "activists", "supporters"};
  static const WordSet kMembers = {"mp", "mps", "mep", "meps", "mla", "mlas"};
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto acronym = [&](uint32_t k) {
    const std::string_view w = TokenText(text, tokens[k]);
    if (w.size() < 3 || w.size() > 6 || kNoBodies.Has(keys[k]) || kNoRoleBodies.Has(keys[k]) ||
        (NameWordFlags(keys[k]) & kStopWord) || words.LowerSeen(keys[k]) ||
        !AsciiCapitals(w))
      return false;
    // Not the tail of a hyphened name ("ZANU-PF supporters"), nor a place's
    // code ("LA councillors", "PNG leader").
    if (k > 0 && Glued(tokens, k) && IsHyphenToken(text, tokens[k - 1])) return false;
    return !names::KbNameOfType(kb, text, tokens, keys, k, k + 1, {v1::LOC, v1::PERSON, v1::NORP});
  };
  std::vector<int32_t> at;
  std::vector<Span> add;
  for (const uint32_t k : words.cap_at()) {
    if (k + 1 >= n || !tokens[k].all_caps || !SpacedOnLine(text, tokens, k + 1)) continue;
    const bool role = !tokens[k + 1].upper && kRoles.Has(keys[k + 1]);
    const bool member = tokens[k + 1].upper && kMembers.Has(keys[k + 1]) && !tokens[k + 1].sentence_start;
    if ((!role && !member) || !acronym(k)) continue;
    if (at.empty()) MapSpans(*spans, n, &at);
    if (at[k] < 0) {
      if (role) add.push_back({k, k + 1, org_label, typical_margin});
      continue;
    }
    // "DUP MPs": the body's span ends before its members.
    Span& sp = (*spans)[static_cast<size_t>(at[k])];
    if (member && sp.label == org_label && sp.first == k && sp.end == k + 2) sp.end = k + 1;
  }
  PutSpans(std::move(add), spans);
}

// A person's initials the model tagged apart from the name after them// A person's initials the model tagged apart from the name after them
// ("M. K." + "Stalin"): a person's span of capital letters with their
// stops only, then a person's span on the line, are one person.
void InitialsJoinTheirName(std::string_view text, const std::vector<Token>& tokens, int person_label,
                           std::vector<Span>* spans) {
  auto initials = [&](const Span& sp) {
    for (uint32_t k = sp.first; k < sp.end; ++k) {
      const std::string_view w = TokenText(text, tokens[k]);
      const bool letter = w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z';
      if (!letter && !(w == "." && k > sp.first)) return false;
    }
    return true;
  };
  JoinNeighbours(spans, [&](const Span& a, const Span& b) -> std::optional<Span> {
    if (a.label != person_label || b.label != person_label || b.first != a.end ||
        !SpacedOnLine(text, tokens, b.first) || !initials(a))
      return std::nullopt;
    return Span{a.first, b.end, person_label, std::max(a.margin, b.margin)};
  });
}

// A person's name with a hyphenated part ("Kwabena Ofori-Atta Mensah",
// "Catarina Albuquerque-Matos", "Per-Ulrik Johansson", "Trond-Are
// Nilsen"): the model, whose corpora wrote such parts as one word, ends or
// begins its span at the hyphen, and types the half it keeps by its
// neighbours ("Albuquerque" a place, "Rai" a company).
//  - After a span of two or more capitalised words: a hyphen glued to both
//    sides and a capitalised word. If the next span begins there, the two
//    are one person when either was one; else the word joins a person's
//    span, or turns a place's or a company's span of two name words that
//    no knowledge-base name holds (no body's word among them) into the
//    person.
//  - Before a person's span: a capitalised word, a glued hyphen, and a
//    capitalised word that is the span's first or stands in no span before
//    it, all in no span, join it (a given name in two parts).
// Not where the part after the hyphen, or the span before it, is a name of
// the knowledge base ("South Sudan-Uganda", "Anglo-Irish"), nor a longer
// chain of hyphens.
void HyphenatedSurnamesAgain(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                             int person_label, std::vector<Span>* spans);

void HyphenatedPersonNames(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                           const KnowledgeBase& kb, int person_label, std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto hyphen = [&](uint32_t k) {
    return k + 1 < n && IsHyphenToken(text, tokens[k]) && Glued(tokens, k) && Glued(tokens, k + 1);
  };
  auto name_word = [&](uint32_t k) {
    return k < n && tokens[k].kind == TokenKind::kWord && tokens[k].upper && !tokens[k].all_caps &&
           !(NameWordFlags(keys[k]) & (kStopWord | kTitleWord | kOrgWord)) && !IsMonthOrWeekday(keys[k]);
  };
  auto kb_place = [&](uint32_t f, uint32_t e) { return KbNameOfType(kb, text, tokens, keys, f, e, {v1::LOC, v1::NORP}); };
  auto& s = *spans;
  bool emptied = false;  // spans joined to the one before are emptied, then taken out
  for (size_t x = 0; x < s.size(); ++x) {
    Span& a = s[x];
    const uint32_t h = a.end;
    if (a.first == a.end || !hyphen(h) || !name_word(h + 1) || hyphen(h + 2) || (a.first > 0 && hyphen(a.first - 1)) ||
        a.end - a.first < 2)
      continue;
    bool words = true;
    for (uint32_t k = a.first; k < a.end && words; ++k) words = name_word(k);
    if (!words || kb_place(h + 1, h + 2) ||
        KbNameOfType(kb, text, tokens, keys, a.first, a.end, {v1::LOC, v1::ORG, v1::NORP, v1::EVENT, v1::PERSON}))
      continue;
    const bool person = a.label == person_label;
    // (Not two people before a noun that pairs them: "the Georgia
    // Harrison-Nicole Richie meeting".)
    auto paired = [&](uint32_t e) {
      return e < n && tokens[e].kind == TokenKind::kWord && !tokens[e].upper && IsPairNoun(keys[e]);
    };
    if (x + 1 < s.size() && s[x + 1].first == h + 1) {
      // (Not two people of the knowledge base: "the Kim Jong Un-Vladimir
      // Putin treaty".)
      if ((!person && s[x + 1].label != person_label) || paired(s[x + 1].end) ||
          KbNameOfType(kb, text, tokens, keys, s[x + 1].first, s[x + 1].end, {v1::PERSON}))
        continue;
      a.end = s[x + 1].end;
      a.label = person_label;
      s[x + 1].end = s[x + 1].first;
      emptied = true;
    } else if (x + 1 == s.size() || s[x + 1].first > h + 1) {
      // (Not before another capitalised word: "Vermeersch-De Smet" is
      // left whole to the steps after.)
      // (Nor a club's place and name: "Tartu Kalev-Välk". A place's or a
      // company's span becomes a person's only before a person's verb:
      // "Catarina Albuquerque-Matos said"; not "the Air India-Vistara
      // merger", "the Tate Modern-Bankside area".)
      static const WordSet kPersonVerbs = {"said",  "says",   "told", "added",   "wrote",    "called", "who",
                                           "argued", "noted", "explained", "insisted", "warned", "urged"};
      if (CapitalisedNextOnLine(text, tokens, h + 2) || paired(h + 2) ||
          (!person && (a.end - a.first != 2 || kb_place(a.first, a.first + 1) || h + 2 >= n ||
                       !kPersonVerbs.Has(keys[h + 2]))))
        continue;
      a.end = h + 2;
      a.label = person_label;
      a.retyped = !person || a.retyped;
    }
  }
  if (emptied) std::erase_if(s, [](const Span& sp) { return sp.first == sp.end; });
  for (size_t x = 0; x < s.size(); ++x) {
    Span& b = s[x];
    const uint32_t f = b.first;
    if (b.label != person_label || f < 2) continue;
    // "Per-Ulrik Johansson": the hyphen right before the span; "Trond-Are
    // Nilsen": one capitalised word between.
    // (The second part may be a stop word's spelling: "Are".)
    auto capitalised = [&](uint32_t k) { return tokens[k].kind == TokenKind::kWord && tokens[k].upper; };
    uint32_t h = f - 1;
    if (!hyphen(h)) {
      if (!capitalised(f - 1) || !SpacedOnLine(text, tokens, f) || f < 3) continue;
      h = f - 2;
      if (!hyphen(h)) continue;
    }
    const uint32_t start = h - 1;
    // (A given name may be spelt as a month's abbreviation: "Jan-Willem".
    // Not a prefix or a participle before a name: "Anti-Putin", "Pro-Trump",
    // "Ex-Arsenal", "Oscar-Nominated", "Grammy-Winning".)
    static const WordSet kPrefixes = {"anti", "pro", "ex", "non", "post", "pre", "neo", "former", "self", "mid"};
    const std::string_view second = keys[h + 1];
    const bool given = capitalised(start) && !tokens[start].all_caps &&
                       !(NameWordFlags(keys[start]) & (kStopWord | kTitleWord | kOrgWord)) &&
                       !kPrefixes.Has(keys[start]) && !second.ends_with("ed") && !second.ends_with("ing");
    if (!given || !capitalised(h + 1) || tokens[h + 1].all_caps || (start > 0 && hyphen(start - 1)) ||
        TitleWordOf(keys[start]) != TitleWord::kNone || TitleWordOf(keys[h + 1]) != TitleWord::kNone ||
        (x > 0 && s[x - 1].end > start) || kb_place(start, start + 1) || kb_place(h + 1, h + 2))
      continue;
    b.first = start;
  }
  HyphenatedSurnamesAgain(text, tokens, keys, person_label, spans);
}

// A hyphenated surname the document gives in a person's full name
// ("Keturah Rolle-Ferguson"), written again alone ("Rolle-Ferguson told a
// news conference"), is the person's whole: the model split the lone
// surname at its hyphen, and the knowledge base knew a half ("Ferguson",
// a company). The spans on its two parts give way to one person's.
void HyphenatedSurnamesAgain(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                             int person_label, std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto hyphen = [&](uint32_t k) {
    return k + 1 < n && IsHyphenToken(text, tokens[k]) && Glued(tokens, k) && Glued(tokens, k + 1);
  };
  std::vector<std::pair<std::string_view, std::string_view>> surnames;
  for (const Span& sp : *spans)
    if (sp.label == person_label && sp.end - sp.first >= 4 && hyphen(sp.end - 2) && tokens[sp.end - 3].upper)
      surnames.emplace_back(keys[sp.end - 3], keys[sp.end - 1]);
  if (surnames.empty()) return;  // most documents
  auto surname_at = [&](uint32_t k) {
    return k + 2 < n && tokens[k].upper && hyphen(k + 1) &&
           std::find(surnames.begin(), surnames.end(), std::make_pair(keys[k], keys[k + 2])) != surnames.end();
  };
  std::vector<Span> add;
  for (const Span& sp : *spans) {
    // The span on the surname's first half, or on its second.
    for (const uint32_t k : {sp.first, sp.first >= 2 ? sp.first - 2 : n}) {
      if (k >= n || !surname_at(k) || sp.first < k || sp.end > k + 3 || (!add.empty() && add.back().first == k))
        continue;
      if (sp.label == person_label && sp.first == k && sp.end == k + 3) continue;
      add.push_back(Span{k, k + 3, person_label, sp.margin, true});
    }
  }
  PutSpans(std::move(add), spans);
}

// A name after an Arabic article glued to it in lower case begins with the
// article ("al-Hashd al-Shaabi", "al-Suwaidi"; the model began at the
// capital): a span right after "al-" or "el-" (ArticleBeforeCapital), the
// article in no span and glued to no word before it, takes it.
void ArticlesBeginNames(std::string_view text, const std::vector<Token>& tokens, std::vector<Span>* spans) {
  std::vector<Span>& s = *spans;
  for (size_t x = 0; x < s.size(); ++x) {
    if (s[x].first < 2) continue;
    const uint32_t a = s[x].first - 2;
    if (ArticleBeforeCapital(text, tokens, a) && !Glued(tokens, a) && (x == 0 || s[x - 1].end <= a)) s[x].first = a;
  }
}

// The steps that mend where the model began or ended a name: a judge's
// title, a headline's verb, a sentence's opening preposition, initials, an
// Arabic article.
void SpanEdgeSteps(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                   const DocWords& words, const KnowledgeBase& kb, float typical_margin, std::vector<Span>* spans) {
  AcronymsBeforeTheirVerb(text, tokens, keys, words, LabelOf(v1::ORG, true), typical_margin, spans);
  AcronymsBeforeTheirRoles(text, tokens, keys, words, kb, LabelOf(v1::ORG, true), typical_margin, spans);
  JudgesByTheirTitle(text, tokens, keys, LabelOf(v1::PERSON, true), spans);
  HeadlineVerbs(text, tokens, keys, kb, spans);
  SentenceOpenersOff(text, tokens, keys, LabelOf(v1::PERSON, true), LabelOf(v1::LOC, true), spans);
  InitialsJoinTheirName(text, tokens, LabelOf(v1::PERSON, true), spans);
  ArticlesBeginNames(text, tokens, spans);
}

// The article a title's complement may have (DropTitleComplements): only
// before the Exchequer ("Chancellor of the Exchequer Gordon Brown"; "Chief
// Justice of the Supreme Court John Roberts" keeps its court).
bool ArticleOfAComplement(const std::vector<Token>& tokens, const KeyViews& keys, uint32_t k) {
  return keys[k] == "the" && !tokens[k].upper && k + 1 < tokens.size() && keys[k + 1] == "exchequer";
}

// An organisation's or an event's name goes on after its head through "of"
// and what the body or the event is of: "World Festival" + "of Black Arts",
// "Swedish Museum" + "of Natural History", "International Film Festival" +
// "of India", "Association" + "of American Medical Colleges", "British
// Boxing Board" + "of Control" (the model stopped at the head, and had the
// rest as a place, a people or nothing). An ORG or EVENT span whose last
// word is such a head (an institution's, an official body's, a meeting's),
// then "of" (and "the") spaced on the line, takes the name words, places,
// peoples and organisations that follow on the line (glued hyphens and
// "and" or "&" between capitalised words too), up to twelve tokens in all.
// Not a person after "of" ("the Festival of Mozart"), nor words alone on a
// line in title case ("Museum of Art Reopens After Fire": spans only there).
void NamesGoOnThroughOf(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        const std::vector<uint32_t>& cap_at, float typical_margin, std::vector<Span>* spans) {
  static const WordSet kMeetings = {"festival", "conference", "congress", "summit", "forum",
                                    "exhibition", "biennale", "championships", "olympiad"};
  static const WordSet kBodies = {"union", "federation", "confederation", "chamber", "league", "alliance",
                                  "trust", "fund", "bank", "church", "diocese", "archdiocese", "synod",
                                  "assembly", "committee", "corporation"};
  auto head = [&](std::string_view k) {
    return IsInstitutionNameHead(k) || IsOfficialHead(k) || kMeetings.Has(k) || kBodies.Has(k);
  };
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  // A body's head word or trade word among the capitalised words from k on.
  auto BodyAhead = [&](uint32_t k) {
    for (; k < n && tokens[k].kind == TokenKind::kWord && tokens[k].upper && !tokens[k].line_break_before; ++k)
      if (head(keys[k]) || (NameWordFlags(keys[k]) & kOrgWord)) return true;
    return false;
  };
  std::vector<Span>& s = *spans;
  // A body whose words the model left in no span before "of" ("the
  // Heritage Trust of Nova Scotia", "the Statistical Centre of Iran"): its
  // capitalised words, up to four, ending in a head, are its span first
  // (not a head alone opening a sentence, nor a line in title case), and go
  // on through "of" as any.
  thread_local std::vector<int32_t> at;
  std::vector<Span> bodies;
  for (const uint32_t h : cap_at) {
    const uint32_t of = h + 1;
    if (of + 2 >= n || keys[of] != "of" || tokens[of].upper || tokens[h].all_caps || !head(keys[h]) ||
        !SpacedOnLine(text, tokens, of) ||
        !CapitalisedNextOnLine(text, tokens, of + (keys[of + 1] == "the" ? 2 : 1)))
      continue;
    if (at.empty()) MapSpans(s, n, &at);
    if (at[of - 1] >= 0) continue;
    uint32_t f = of - 1;
    while (f > 0 && of - f < 4 && !tokens[f].sentence_start && at[f - 1] < 0 && tokens[f - 1].kind == TokenKind::kWord &&
           tokens[f - 1].upper && !tokens[f - 1].all_caps && !(NameWordFlags(keys[f - 1]) & kStopWord) &&
           SpacedOnLine(text, tokens, f))
      --f;
    // (Only where nothing of a name comes before it: a span, a capital, a
    // possessive, an abbreviation's stop; "the Enterprise Chamber of the
    // Amsterdam Court", "Catholic Bishops' Conference of", "U.S. Court of".)
    const bool clear_before = f == 0 || tokens[f].sentence_start ||
                              (at[f - 1] < 0 && tokens[f - 1].kind == TokenKind::kWord &&
                               (!tokens[f - 1].upper || (NameWordFlags(keys[f - 1]) & kStopWord)));
    if (!clear_before || (tokens[f].sentence_start && f + 1 == of) || TitleCaseLine(text, tokens, f)) continue;
    bodies.push_back(Span{f, of, LabelOf(v1::ORG, true), typical_margin, true});
  }
  at.clear();
  // (Those that went on through nothing go again at the end.)
  std::vector<std::pair<uint32_t, uint32_t>> unextended;
  for (const Span& b : bodies) unextended.emplace_back(b.first, b.end);
  if (!bodies.empty()) InsertSpans(std::move(bodies), spans);
  std::vector<uint8_t> drop;
  for (size_t x = 0; x < s.size(); ++x) {
    Span& sp = s[x];
    const v1::EntityType type = LabelType(sp.label);
    const uint32_t of = sp.end;
    if ((type != v1::ORG && type != v1::EVENT) || of + 2 >= n || keys[of] != "of" || tokens[of].upper ||
        !SpacedOnLine(text, tokens, of) || !tokens[of - 1].upper || tokens[of - 1].all_caps || !head(keys[of - 1]))
      continue;
    const uint32_t first = of + 1 + (keys[of + 1] == "the" && !tokens[of + 1].upper ? 1 : 0);
    if (first >= n || !SpacedOnLine(text, tokens, first)) continue;
    const bool words_too = !TitleCaseLine(text, tokens, sp.first);
    size_t y = x + 1;  // the next span
    uint32_t end = first;
    bool person = false;
    // (A body the model left out takes no organisation after "of the": "the
    // Enterprise Chamber of the Amsterdam Court of Appeal" keeps the court
    // alone; "Board of Regents", "Bank of Tokyo-Mitsubishi Ltd" are one.)
    const bool left_out = first > of + 1 &&
                          std::binary_search(unextended.begin(), unextended.end(), std::make_pair(sp.first, sp.end));
    while (end < n && end - sp.first < 12 && (end == first || !tokens[end].line_break_before)) {
      if (y < s.size() && s[y].first == end) {
        person = LabelType(s[y].label) == v1::PERSON;
        if (person || (left_out && LabelType(s[y].label) == v1::ORG)) break;
        end = s[y++].end;
        continue;
      }
      if (end > first && IsHyphenToken(text, tokens[end]) && Glued(tokens, end) && end + 1 < n &&
          Glued(tokens, end + 1) && tokens[end + 1].upper) {
        end += 2;
        continue;
      }
      // ("Arts and Culture"; not another body after "and": "the Export-Import
      // Bank of the United States and UK Export Finance".)
      if (end > first && (keys[end] == "and" || keys[end] == "&") && CapitalisedNextOnLine(text, tokens, end + 1) &&
          !(y < s.size() && s[y].first == end + 1) && !BodyAhead(end + 1)) {
        ++end;
        continue;
      }
      if (words_too && NameWordAt(tokens, keys, end) && !tokens[end].all_caps) {
        ++end;
        continue;
      }
      // And the place it is of after the words of what it is of ("Museum
      // of Civilisations of Côte d'Ivoire", "Confederation of Trade Unions
      // of the Slovak Republic").
      if (end > first && keys[end] == "of" && !tokens[end].upper && SpacedOnLine(text, tokens, end)) {
        const uint32_t at_place = end + 1 + (end + 1 < n && keys[end + 1] == "the" ? 1 : 0);
        if (y < s.size() && s[y].first == at_place && LabelType(s[y].label) == v1::LOC) {
          end = s[y++].end;
          break;
        }
      }
      break;
    }
    if (person || end == first || (y < s.size() && s[y].first < end) || keys[end - 1] == "and" || keys[end - 1] == "&")
      continue;
    if (drop.empty()) drop.assign(s.size(), 0);
    for (size_t z = x + 1; z < y; ++z) drop[z] = 1;
    sp.end = end;
    x = y - 1;
  }
  if (!unextended.empty()) {
    if (drop.empty()) drop.assign(s.size(), 0);
    for (size_t x = 0; x < s.size(); ++x)
      drop[x] = drop[x] || std::binary_search(unextended.begin(), unextended.end(), std::make_pair(s[x].first, s[x].end));
  }
  if (drop.empty()) return;
  size_t out = 0;
  for (size_t x = 0; x < s.size(); ++x)
    if (!drop[x]) s[out++] = s[x];
  s.resize(out);
}

// The journals named by an ordinary word ("Nature", "Science", "Cell"),
// which the knowledge base leaves out: capitalised inside a sentence, after
// "in" or "journal", with a word of publishing before it in the sentence
// ("a study published on Wednesday in Nature", "amino acids reported in
// Science", "a paper in Nature"), and in no span, are an organisation; not
// before a noun in lower case ("in Nature reserves").
void JournalsOfOneWord(const std::vector<Token>& tokens, const KeyViews& keys, const std::vector<uint32_t>& cap_at,
                       float typical_margin, std::vector<Span>* spans) {
  static const WordSet kJournals = {"nature", "science", "cell"};
  static const WordSet kCues = {"published", "publishes", "publish", "reported", "report", "reports",
                                "paper", "papers", "study", "studies", "journal", "article", "letter",
                                "findings", "wrote", "writing", "appeared", "appears", "peer-reviewed"};
  static const WordSet kAfterJournal = {"last", "this", "earlier", "recently", "today", "yesterday", "said",
                                        "says", "showed", "shows", "found", "finds", "suggested", "suggests"};
  std::vector<Span> add;
  size_t x = 0;
  for (const uint32_t k : cap_at) {
    // (Four, six or seven letters first: most words stop there.)
    const size_t len = keys[k].size();
    if (k < 2 || (len != 4 && len != 6 && len != 7) || tokens[k].all_caps || tokens[k].sentence_start ||
        !kJournals.Has(keys[k]) || (keys[k - 1] != "in" && keys[k - 1] != "journal"))
      continue;
    while (x < spans->size() && (*spans)[x].end <= k) ++x;
    if (x < spans->size() && (*spans)[x].first <= k) continue;
    // Not before a noun it qualifies ("in Nature reserves").
    const uint32_t a = k + 1;
    if (a < tokens.size() && tokens[a].kind == TokenKind::kWord && !tokens[a].upper &&
        !(NameWordFlags(keys[a]) & kStopWord) && !kAfterJournal.Has(keys[a]))
      continue;
    bool cue = keys[k - 1] == "journal";
    for (uint32_t b = k - 1; !cue && b > 0 && k - b < 10 && !tokens[b].sentence_start;) cue = kCues.Has(keys[--b]);
    if (cue) add.push_back(Span{k, k + 1, LabelOf(v1::ORG, true), typical_margin});
  }
  InsertSpans(std::move(add), spans);
}

// The last steps before the document's consistency: abbreviations with
// their stop, "Sen" as a surname, names that go on through "of" after their
// head (after every step that makes an organisation's span), journals of
// one ordinary word.
// Whether `w` is one syllable as Korean and Chinese names are romanised:
// up to three consonants, one to three vowels, then none or "n", "ng",
// "k", "l", "m", "p", "t", "r", "g" or "h" ("So", "young", "hyun",
// "myung", "yeol", "Chih", "Ing").
bool RomanisedSyllable(std::string_view w) {
  if (w.empty() || w.size() > 6) return false;
  auto vowel = [](char c) {
    c = static_cast<char>(c | 0x20);
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
  };
  size_t i = 0;
  while (i < w.size() && i < 3 && !vowel(w[i]) && std::isalpha(static_cast<unsigned char>(w[i]))) ++i;
  const size_t v = i;
  while (i < w.size() && vowel(w[i])) ++i;
  if (i == v || i - v > 3) return false;
  const std::string_view coda = w.substr(i);
  return coda.empty() || coda == "n" || coda == "ng" || coda == "k" || coda == "l" || coda == "m" || coda == "p" ||
         coda == "t" || coda == "r" || coda == "g" || coda == "h";
}

// A Korean or Chinese name as the papers write it: a common surname, then
// the given name's two syllables joined by a hyphen, the second in lower
// case ("Lee So-young", "Moon Jae-in", "Seo In-guk", "Huang Chih-wei"),
// is one person's span, whatever the model made of its words (a syllable
// may be spelt as an English word: "So", "in", "young", "Do").
void HyphenedGivenNamesAfterSurnames(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                                     const std::vector<uint32_t>& cap_at, float typical_margin,
                                     std::vector<Span>* spans) {
  static const WordSet kSurnames = {
      // Korean
      "kim", "lee", "yi", "rhee", "park", "pak", "choi", "choe", "jung", "jeong", "chung", "kang", "cho", "jo",
      "yoon", "yun", "jang", "chang", "lim", "im", "han", "oh", "seo", "suh", "shin", "kwon", "hwang", "ahn",
      "song", "yoo", "ryu", "hong", "jeon", "jun", "chun", "ko", "moon", "mun", "yang", "son", "sohn", "bae",
      "baek", "paik", "heo", "hur", "nam", "noh", "roh", "ha", "kwak", "sung", "seong", "cha", "joo", "woo", "min",
      "jin", "uhm", "eom", "chae", "won", "byun", "shim", "hyun", "ban", "gong", "bang", "ok", "gil", "yeo",
      // Chinese, as Taiwan, Hong Kong and older papers spell them
      "chen", "lin", "huang", "li", "wang", "wu", "liu", "tsai", "hsu", "cheng", "hsieh", "lai", "kuo", "hung",
      "chiu", "tseng", "liao", "lu", "su", "chou", "yeh", "chuang", "chiang", "ho", "kao", "pan", "tu", "lo",
      "ma", "fan", "hou", "yu", "tung", "tang", "feng", "shih", "teng", "peng", "chu", "yen", "hsiao", "wei",
      "tai", "chien", "fu", "tsao", "chao", "shen", "liang", "soong", "kuan", "ting", "yao", "chan", "cheung",
      "wong", "leung", "lam", "tsang", "chow", "yip", "fung", "mak", "kwok", "kong", "lau", "tse", "siu", "zhang",
      "zhao", "zhou", "xu", "sun", "zhu", "guo", "he", "gao", "luo", "zheng", "xie", "deng", "cao", "xiao"};
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<Span> add;
  // The given name first, as Koreans abroad and their papers write it
  // ("Hyun-woo Bae", "So-young Lee"): a syllable, a glued hyphen, one in
  // lower case, then a surname of the list.
  // (Syllables of Korean given names, both parts: not an English compound's
  // "Long-run Kim", "Sit-in Park".)
  static const WordSet kGivenSyllables = {
      "hyun", "woo", "min", "jin", "hoon", "soo", "young", "yeon", "jun", "joon", "ho", "seok", "suk", "sung",
      "seong", "won", "bin", "ah", "eun", "hee", "jae", "ji", "kyung", "mi", "na", "ra", "seo", "sik", "su",
      "yong", "hwan", "chul", "gyu", "kyu", "il", "sang", "tae", "wook", "yeol", "yun", "in", "ha", "hye",
      "jung", "kook", "hwa", "ja", "ri", "ran", "seung", "so", "da", "do", "yoon", "hyo", "ye", "yu", "geun",
      "dong", "myung", "hyuk", "jong", "chan", "gi", "ki", "hak", "sun", "han", "bok", "kwang", "je", "se"};
  auto given_first = [&](uint32_t k) {
    // (The glued hyphen first: most capitalised words have none after them.)
    return k + 4 <= n && Glued(tokens, k + 1) && IsHyphenToken(text, tokens[k + 1]) && !tokens[k].all_caps &&
           tokens[k].kind == TokenKind::kWord && kGivenSyllables.Has(keys[k]) && kGivenSyllables.Has(keys[k + 2]) &&
           Glued(tokens, k + 2) && tokens[k + 2].kind == TokenKind::kWord && !tokens[k + 2].upper &&
           tokens[k + 3].upper && !tokens[k + 3].all_caps &&
           kSurnames.Has(keys[k + 3]) && SpacedOnLine(text, tokens, k + 3) &&
           !(k + 4 < n && IsHyphenToken(text, tokens[k + 4]) && Glued(tokens, k + 4)) &&
           !(k > 0 && IsHyphenToken(text, tokens[k - 1]) && Glued(tokens, k)) && !TitleCaseLine(text, tokens, k);
  };
  for (const uint32_t k : cap_at) {
    if (!add.empty() && add.back().end > k) continue;
    if (given_first(k)) {
      add.push_back(Span{k, k + 4, LabelOf(v1::PERSON, true), typical_margin, true});
      continue;
    }
    if (k + 4 > n || tokens[k].all_caps || !kSurnames.Has(keys[k])) continue;
    const Token &given = tokens[k + 1], &second = tokens[k + 3];
    if (given.kind != TokenKind::kWord || !given.upper || given.all_caps || !SpacedOnLine(text, tokens, k + 1) ||
        !IsHyphenToken(text, tokens[k + 2]) || !Glued(tokens, k + 2) || !Glued(tokens, k + 3) ||
        second.kind != TokenKind::kWord || second.upper || !RomanisedSyllable(TokenText(text, given)) ||
        !RomanisedSyllable(TokenText(text, second)) || (k + 4 < n && IsHyphenToken(text, tokens[k + 4]) &&
                                                         Glued(tokens, k + 4)) ||
        (k > 0 && IsHyphenToken(text, tokens[k - 1]) && Glued(tokens, k)) || TitleCaseLine(text, tokens, k))
      continue;
    add.push_back(Span{k, k + 4, LabelOf(v1::PERSON, true), typical_margin, true});
  }
  if (add.empty()) return;
  // The spans the names cross give way; a person's span that begins before
  // one lends it its start ("Cardinal Stephen Kim Sou-hwan").
  std::vector<uint8_t> drop(spans->size(), 0);
  size_t a = 0;
  for (size_t x = 0; x < spans->size(); ++x) {
    const Span& sp = (*spans)[x];
    while (a < add.size() && add[a].end <= sp.first) ++a;
    drop[x] = a < add.size() && add[a].first < sp.end;
    if (drop[x] && sp.first < add[a].first && LabelType(sp.label) == v1::PERSON) add[a].first = sp.first;
  }
  DropAndInsert(drop, std::move(add), spans);
}

// A place's span right before one capitalised word the model made an
// organisation's, a space apart on the line, is the organisation's name
// ("Dahab Pay", "NY Rangers": the model split a firm named after a place
// at the place's end); not before a body's word ("Bogota Congress"). A
// person's span before a trade's word is a firm's too ("Hsin Chuan
// Precision").
void PlacesBeforeAnOrganisationsWord(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                                     std::vector<Span>* spans) {
  const int org = LabelOf(v1::ORG, true), loc = LabelOf(v1::LOC, true), person = LabelOf(v1::PERSON, true);
  // The word after the span at `e`, a space apart on its line, capitalised.
  auto word_after = [&](uint32_t e) {
    return CapitalisedNextOnLine(text, tokens, e) && !tokens[e].all_caps && !(NameWordFlags(keys[e]) & kOrgWord);
  };
  // The names joined, by their words: the same words elsewhere are the same
  // firm's, though the model left the last word out there.
  std::vector<std::pair<uint32_t, uint32_t>> joined;
  JoinNeighbours(spans, [&](const Span& a, const Span& b) -> std::optional<Span> {
    if ((a.label != loc && a.label != person) || b.label != org || b.first != a.end || b.end != b.first + 1 ||
        !word_after(b.first) || (a.label == person && !IsCompanyTrade(keys[b.first])))
      return std::nullopt;
    joined.emplace_back(a.first, b.end);
    return Span{a.first, b.end, org, std::max(a.margin, b.margin), true};
  });
  if (joined.empty()) return;
  auto& s = *spans;
  for (size_t x = 0; x < s.size(); ++x) {
    Span& a = s[x];
    if (a.label != loc && a.label != person) continue;
    if (!word_after(a.end) || (x + 1 < s.size() && s[x + 1].first <= a.end)) continue;
    for (const auto& name : joined) {
      if (!SameWordsAs(keys, a.first, a.end + 1, name)) continue;
      a = Span{a.first, a.end + 1, org, a.margin, true};
      break;
    }
  }
}

// A name between commas right after a body's or a company's noun is the
// body's ("Peru's national weather service, SENAMHI, said", "its parent
// company, Kestrel, said"): a span of the model's typed a person or a place
// becomes an organisation's; not a place of the knowledge base.
void BodiesNamedAfterTheirNoun(const std::vector<Token>& tokens, const KeyViews& keys, const std::vector<int>& forced,
                               std::vector<Span>* spans) {
  static const WordSet kNouns = {"service",  "ministry", "office",    "authority", "institute", "council",
                                 "commission", "utility", "operator", "department", "bureau", "directorate"};
  const int org = LabelOf(v1::ORG, true), loc = LabelOf(v1::LOC, true), person = LabelOf(v1::PERSON, true);
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  for (Span& sp : *spans) {
    // One word: a person's name of two is a person's ("her producer, Reza
    // Tabrizi,").
    if ((sp.label != loc && sp.label != person) || sp.first < 3 || sp.end >= n || keys[sp.end] != "," ||
        keys[sp.first - 1] != "," || sp.end != sp.first + 1)
      continue;
    const std::string_view noun = keys[sp.first - 2];
    if (tokens[sp.first - 2].upper || !(kNouns.Has(noun) || IsBodyNoun(noun) || IsCompanyNoun(noun))) continue;
    bool free = true;
    for (uint32_t k = sp.first; k < sp.end && free; ++k) free = forced[k] < 0;
    // A definite phrase before the noun: "the", a possessive, "its"; the
    // noun its head, after no preposition ("the head of its commission, X").
    bool definite = false;
    for (uint32_t k = sp.first - 2; k > 0 && k + 6 > sp.first && !definite && !tokens[k].sentence_start; --k) {
      const std::string_view w = keys[k - 1];
      if (w == "of" || w == "on" || w == "for" || w == "at" || w == "in" || w == "to" || w == ",") break;
      definite = w == "the" || w == "s" || w == "'s" || w == "its" || w == "their" || w == "his" || w == "her";
    }
    if (free && definite) sp.label = org;
  }
}

// A person's initial with its stop right before the person's span is the
// name's ("Leader of the opposition N. Shankarappa said"): one capital
// letter, its stop glued to it, a space, then the span; not after a
// capitalised word, whose letter may end a sentence ("Plan B. Smith
// said"), nor inside another span.
void InitialsBeforeTheirPerson(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                               std::vector<Span>* spans) {
  const int person = LabelOf(v1::PERSON, true);
  auto& s = *spans;
  for (size_t x = 0; x < s.size(); ++x) {
    Span& sp = s[x];
    const uint32_t f = sp.first;
    if (sp.label != person || f < 2 || (x > 0 && s[x - 1].end > f - 2)) continue;
    if (!tokens[f - 2].upper || !InitialAt(text, tokens, f - 2) || !SpacedOnLine(text, tokens, f)) continue;
    if (f > 2 && !NewlineBetween(text, tokens[f - 3], tokens[f - 2]) && tokens[f - 3].kind == TokenKind::kWord &&
        tokens[f - 3].upper && TitleWordOf(keys[f - 3]) == TitleWord::kNone)
      continue;
    sp.first = f - 2;
  }
}

// The capitalised word k is a hashtag's whole word: glued after "#", not in
// capitals, nothing but punctuation glued after it.
bool HashtagWordAt(std::string_view text, const std::vector<Token>& tokens, uint32_t k) {
  return k > 0 && TokenText(text, tokens[k - 1]) == "#" && Glued(tokens, k) && !tokens[k].all_caps &&
         !(k + 1 < tokens.size() && Glued(tokens, k + 1) && tokens[k + 1].kind != TokenKind::kPunct);
}

// A hashtag that is a place of the knowledge base and nothing else there is
// the place, as a country's hashtag already is ("#Kigali", "#Bengaluru"):
// one capitalised word glued after "#" and before no other word, in no span.
void PlacesAsHashtags(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                      const KnowledgeBase& kb, const std::vector<uint32_t>& cap_at, float typical_margin,
                      std::vector<Span>* spans) {
  if (text.find('#') == std::string_view::npos) return;
  std::vector<Span> add;
  size_t x = 0;
  for (const uint32_t k : cap_at) {
    while (x < spans->size() && (*spans)[x].end <= k) ++x;
    if ((x < spans->size() && (*spans)[x].first <= k) || !HashtagWordAt(text, tokens, k)) continue;
    KnowledgeBase::Match m;
    if (!kb.LongestMatch(text, tokens, keys, k, &m) || m.end_token != k + 1 ||
        EntityOfType(kb, m, v1::LOC) == nullptr || EntityOfType(kb, m, v1::PERSON) != nullptr ||
        EntityOfType(kb, m, v1::ORG) != nullptr)
      continue;
    add.push_back(Span{k, k + 1, LabelOf(v1::LOC, true), typical_margin, true});
  }
  InsertSpans(std::move(add), spans);
}

// A hashtag that runs a name of the knowledge base's words together
// ("#ViratKohli", "#RiversState", "#NewYork"): its capitalised parts, two to
// four, read as words make one name of the base whole; the hashtag's word
// is that name, of its type (a person's, a place's, an organisation's, an
// event's). One word glued after "#", in no span, before no other word.
void NamesRunTogetherInHashtags(std::string_view text, const std::vector<Token>& tokens, const KnowledgeBase& kb,
                                const std::vector<uint32_t>& cap_at, float typical_margin, std::vector<Span>* spans) {
  if (text.find('#') == std::string_view::npos) return;
  std::vector<Span> add;
  size_t x = 0;
  std::string words, storage;
  for (const uint32_t k : cap_at) {
    while (x < spans->size() && (*spans)[x].end <= k) ++x;
    if ((x < spans->size() && (*spans)[x].first <= k) || !HashtagWordAt(text, tokens, k)) continue;
    // The parts: a capital after a lower-case letter begins one (ASCII).
    const std::string_view w = TokenText(text, tokens[k]);
    words.clear();
    int parts = 1;
    for (size_t c = 0; c < w.size(); ++c) {
      if (c > 0 && w[c] >= 'A' && w[c] <= 'Z' && w[c - 1] >= 'a' && w[c - 1] <= 'z') words += ' ', ++parts;
      words += w[c];
    }
    if (parts < 2 || parts > 4) continue;
    const std::vector<Token> split = Tokenize(words);
    const KeyViews split_keys = TokenKeyViews(words, split, &storage);
    KnowledgeBase::Match m;
    if (split.empty() || !kb.LongestMatch(words, split, split_keys, 0, &m) || m.end_token != split.size()) continue;
    const v1::EntityType type = kb.entities()[m.entity].type;
    add.push_back(Span{k, k + 1, LabelOf(type, true), typical_margin, true});
  }
  InsertSpans(std::move(add), spans);
}

// A name of two to four capitalised words right after a people's word or a
// country's possessive, which the model typed an organisation or a place,
// is a person's when none of its words is a word of the knowledge base or
// an organisation's, a place's or a title's ("Eritrean Filmon Tesfalidet
// Berhe", "India's Karthik Raghunathan"); not before a role's word, where
// it is an employer ("Irishman Ryanair boss"), nor one with a digit.
void PersonsAfterAPeoplesWord(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                              const KnowledgeBase& kb, std::vector<Span>* spans) {
  const int org = LabelOf(v1::ORG, true), loc = LabelOf(v1::LOC, true), norp = LabelOf(v1::NORP, true),
            person = LabelOf(v1::PERSON, true);
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto& s = *spans;
  for (size_t x = 1; x < s.size(); ++x) {
    Span& sp = s[x];
    const Span& before = s[x - 1];
    const uint32_t len = sp.end - sp.first;
    if ((sp.label != org && sp.label != loc) || len < 2 || len > 4 || !SpacedOnLine(text, tokens, sp.first)) continue;
    const bool people = before.label == norp && before.end == sp.first && before.end == before.first + 1;
    const bool possessive = before.label == loc && before.end < sp.first &&
                            before.end + PossessiveAt(text, tokens, before.end, false) == sp.first;
    if (!people && !possessive) continue;
    bool names = true;
    for (uint32_t k = sp.first; k < sp.end && names; ++k) {
      const std::string_view w = TokenText(text, tokens[k]);
      names = tokens[k].kind == TokenKind::kWord && tokens[k].upper && !tokens[k].all_caps && kb.WordTypes(keys[k]) == 0 &&
              !(NameWordFlags(keys[k]) & (kOrgWord | kPlaceWord | kTitleWord | kStopWord)) && !IsCompanyTrade(keys[k]) &&
              std::none_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
    }
    if (!names || (sp.end < n && tokens[sp.end].kind == TokenKind::kWord && !tokens[sp.end].upper &&
                   (IsCompanyNoun(keys[sp.end]) || IsBodyNoun(keys[sp.end]) || TitleWordOf(keys[sp.end]) != TitleWord::kNone)))
      continue;
    // After a country's possessive a building's, a firm's or a mine's name
    // is as likely ("Seoul's Myongdong Cathedral", "Austria's Alpenfunk
    // GmbH", "Mongolia's Tavan Tolgoi deposit"): a person's only with no
    // building's word or legal form, before punctuation or a word a
    // person's name goes on with.
    if (possessive) {
      static const WordSet kBuildings = {"arena", "cathedral", "basilica", "stadium", "mosque", "church", "temple",
                                         "palace", "park", "bridge", "dam", "tower", "hall", "square", "market"};
      static const WordSet kAfter = {"said", "says", "who", "won", "wins", "beat", "beats", "and", "in", "at",
                                     "on", "with", "after", "finished", "was", "is", "had", "has", "took"};
      bool thing = false;
      for (uint32_t k = sp.first; k < sp.end && !thing; ++k)
        thing = kBuildings.Has(keys[k]) || IsLegalForm(text, tokens[k]);
      const bool goes_on = sp.end >= n || tokens[sp.end].kind == TokenKind::kPunct || kAfter.Has(keys[sp.end]);
      if (thing || !goes_on) continue;
    }
    sp.label = person;
  }
}

// Capitalised words that end in a plural of people who do a thing, then
// "of" and a place, are an association's name ("Grain Growers of Canada",
// "Chicken Farmers of Ontario", "United Steelworkers of America"): the
// model tagged the place alone. One to three capitalised words in no span,
// the last in -ers, -ors, -ists, -ians or -ants and not a title's plural
// ("Foreign Ministers of ASEAN", "Presidents of ..."), the place a span of
// its own, a place of the knowledge base, that ends the name; not on a
// headline's title-case line ("Angry Farmers of Punjab Block Highway").
void AssociationsOfAPlace(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const KnowledgeBase& kb, std::vector<Span>* spans) {
  static const WordSet kNotBodies = {"ministers", "leaders", "members", "officers", "governors", "ambassadors",
                                     "senators", "councillors", "directors", "commissioners", "rulers",
                                     "founders", "fathers", "mothers", "daughters", "sons", "citizens"};
  const int org = LabelOf(v1::ORG, true), loc = LabelOf(v1::LOC, true);
  const size_t n = tokens.size();
  std::vector<Span>& s = *spans;
  thread_local std::vector<int32_t> at;
  bool mapped = false;
  for (Span& place : s) {
    if (place.label != loc || place.first < 3) continue;
    const uint32_t o = place.first - 1;
    if (keys[o] != "of" || !SpacedOnLine(text, tokens, place.first) || !SpacedOnLine(text, tokens, o) ||
        CapitalisedNextOnLine(text, tokens, place.end) || TitleCaseLine(text, tokens, place.first) ||
        !KbNameOfType(kb, text, tokens, keys, place.first, place.end, {v1::LOC}))
      continue;
    const std::string_view w = keys[o - 1];
    const bool agents = w.ends_with("ers") || w.ends_with("ors") || w.ends_with("ists") || w.ends_with("ians") ||
                        w.ends_with("ants");
    if (!agents || w.size() < 6 || kNotBodies.Has(w) || !tokens[o - 1].upper || tokens[o - 1].all_caps) continue;
    if (!mapped) MapSpans(s, n, &at), mapped = true;
    uint32_t first = o - 1;
    if (at[first] >= 0) continue;
    while (first > 0 && o - first < 3 && at[first - 1] < 0 && tokens[first - 1].kind == TokenKind::kWord &&
           tokens[first - 1].upper && !tokens[first - 1].all_caps && CapitalisedNextOnLine(text, tokens, first) &&
           !(NameWordFlags(keys[first - 1]) & kStopWord) && TitleWordOf(keys[first - 1]) == TitleWord::kNone)
      --first;
    if (tokens[first].sentence_start && (NameWordFlags(keys[first]) & kStopWord)) continue;
    place = Span{first, place.end, org, place.margin, true};
  }
}

// A committee's, a commission's or a council's name goes on through "on"
// and its capitalised remit ("Technical Committee on Cultural Heritage",
// "Senate Committee on Foreign Relations", "Committee on the Rights of
// the Child"): the model stopped at "on". The remit: "the" at most first,
// then capitalised words and "of", "and", "the", "for" between them, on
// the line, at most eight tokens, ending on a capitalised word that is no
// weekday or month ("the Election Commission on Friday"); the organisations'
// spans inside it give way.
void RemitsAfterOn(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                   std::vector<Span>* spans) {
  static const WordSet kBodies = {"committee", "subcommittee", "commission", "council", "panel", "board",
                                  "conference", "group", "forum"};
  const int org = LabelOf(v1::ORG, true);
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  const std::vector<Span>& s = *spans;
  std::vector<Span> add;
  for (size_t x = 0; x < s.size(); ++x) {
    const Span& sp = s[x];
    const uint32_t on = sp.end;
    if (sp.label != org || on + 1 >= n || keys[on] != "on" || !kBodies.Has(keys[on - 1]) || !tokens[on - 1].upper ||
        !SpacedOnLine(text, tokens, on) || !SpacedOnLine(text, tokens, on + 1))
      continue;
    uint32_t k = on + 1, end = 0;
    if (keys[k] == "the") ++k;
    for (; k < n && k <= on + 8 && SpacedOnLine(text, tokens, k) && tokens[k].kind == TokenKind::kWord; ++k) {
      if (IsMonthOrWeekday(keys[k])) break;  // "the Council on Monday"
      if (tokens[k].upper && !tokens[k].all_caps) {
        end = k + 1;
        continue;
      }
      if (!(keys[k] == "of" || keys[k] == "and" || keys[k] == "the" || keys[k] == "for")) break;
    }
    if (end == 0) continue;
    // The remit holds no person's, place's or people's name ("the Security
    // Council on Gaza", "the European Commission on Brexit", "the Federal
    // Election Commission on the Trump campaign's spending").
    // (The spans after this one, in text order, up to the remit's end.)
    bool named = false;
    for (size_t y = x + 1; y < s.size() && s[y].first < end && !named; ++y)
      named = LabelType(s[y].label) != v1::ORG;
    if (named) continue;
    add.push_back(Span{sp.first, end, org, sp.margin, true});
  }
  PutSpans(std::move(add), spans);
}

// "City of" or "Municipality of" and a place is the place's local
// government, an organisation ("results posted by the City of Iqaluit", "a
// spokesperson for the City of Cape Town", "the City of Gold Coast
// council"; the gold sets type five of five so) where the council acts
// (after "by", "for", "with", "from", "against", or before "council", its
// councillors, officials or staff, a possessive or a body's verb): a place's span that begins with those
// words, or a place's span right after them, becomes one organisation. Not a place without a place's span after "of" ("the
// City of Arts and Sciences", a complex).
void CitiesAsTheirCouncils(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                           std::vector<Span>* spans) {
  const int org = LabelOf(v1::ORG, true), loc = LabelOf(v1::LOC, true);
  auto council_word = [&](uint32_t k) {
    return tokens[k].upper && !tokens[k].all_caps && (keys[k] == "city" || keys[k] == "municipality");
  };
  // The council acts: after "by", "for", "with", "from" or "against" (and
  // "the"), or before "council", its possessive or a verb of a body ("the
  // City of London is Europe's largest financial centre", "moved to the
  // City of Westminster" are places).
  auto acts = [&](uint32_t first, uint32_t end) {
    uint32_t b = first;
    if (b > 0 && keys[b - 1] == "the") --b;
    if (b > 0) {
      const std::string_view p = keys[b - 1];
      if (p == "by" || p == "for" || p == "with" || p == "from" || p == "against") return true;
    }
    if (end >= tokens.size()) return false;
    const std::string_view a = keys[end];
    return a == "council" || a == "councillors" || a == "councilors" || a == "officials" || a == "staff" ||
           a == "'s" || a == "'" || kBodyVerbs.Has(a);
  };
  std::vector<Span>& s = *spans;
  for (size_t x = 0; x < s.size(); ++x) {
    Span& sp = s[x];
    if (sp.label != loc) continue;
    const uint32_t f = sp.first;
    if (sp.end >= f + 3 && council_word(f) && keys[f + 1] == "of" && tokens[f + 2].upper && acts(f, sp.end)) {
      // The place's own span was joined in: it must be a place's name
      // that the gold sets' complexes are not ("Arts and Sciences").
      bool plain = true;
      for (uint32_t k = f + 2; k < sp.end && plain; ++k) plain = tokens[k].upper;
      if (plain) sp.label = org, sp.retyped = true;
      continue;
    }
    if (f >= 2 && keys[f - 1] == "of" && council_word(f - 2) && SpacedOnLine(text, tokens, f) &&
        SpacedOnLine(text, tokens, f - 1) && (x == 0 || s[x - 1].end <= f - 2) && acts(f - 2, sp.end))
      sp = Span{f - 2, sp.end, org, sp.margin, true};
  }
}

// A firm's rivals named first in a sentence ("Rival Hepsiburada,
// controlled since 2024 by ...", "Rivals SalMar and Lerøy Seafood report
// later"): the word of rivalry is none of the name, which the model took
// into a person's. The rest of one word is the rival firm's.
void RivalsFirstInTheSentence(const std::vector<Token>& tokens, const KeyViews& keys, std::vector<Span>* spans) {
  static const WordSet kRivals = {"rival", "rivals", "competitor", "competitors", "peer", "peers"};
  const int person = LabelOf(v1::PERSON, true), org = LabelOf(v1::ORG, true);
  for (Span& sp : *spans) {
    const uint32_t f = sp.first;
    if (sp.end < f + 2 || !tokens[f].sentence_start || !tokens[f].upper || tokens[f].all_caps ||
        !kRivals.Has(keys[f]) || !tokens[f + 1].upper)
      continue;
    sp.first = f + 1;
    if (sp.label == person && sp.end == sp.first + 1) sp.label = org;
    sp.retyped = true;
  }
}

// A place named after someone in the possessive ("Sir Lowry's Pass",
// "King's Cross", "St John's Wood", "Regent's Park Road", "Mason's
// Creek"): the owner (a word a person's span of one word or no span holds, or a title's
// word, with a title before it: "Sir", "St"; or a saint's place of the
// knowledge base, "St John's"), a glued "'s", then one or two
// capitalised words on the line, the last a place's head ("Pass", "Cross",
// "Wood", "Road", "Creek"), with no capitalised word after it. One place
// over them, where the model had the person, a part or nothing. Not a
// place's, a people's or an organisation's possessive ("Britain's Lake
// District", "Google's Mountain View campus": the owner in a span of
// another kind, or a name of the knowledge base).
void PlacesInThePossessive(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                           const KnowledgeBase& kb, const std::vector<uint32_t>& cap_at, std::vector<Span>* spans) {
  static const WordSet kHeads = {"pass", "point", "creek", "bay", "island", "cross", "wood", "park", "road",
                                 "street", "hill", "head", "harbour", "harbor", "landing", "cove", "beach",
                                 "vineyard", "end", "gate", "green", "wharf", "quay", "square", "bridge", "lane",
                                 "reach", "rock", "falls", "inlet", "sound", "mount", "peak", "valley", "lake"};
  const int person = LabelOf(v1::PERSON, true), loc = LabelOf(v1::LOC, true);
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  thread_local std::vector<int32_t> at;
  bool mapped = false;
  std::vector<Span> add;
  uint32_t next = 0;  // the first token after the last place found
  for (const uint32_t o : cap_at) {  // the owner is capitalised
    if (o < next || o + 2 >= n) continue;
    const size_t p = PossessiveAt(text, tokens, o + 1, false);
    if (p == 0 || tokens[o].kind != TokenKind::kWord || tokens[o].all_caps) continue;
    const uint32_t h = o + 1 + static_cast<uint32_t>(p);  // the first word after the possessive
    if (!CapitalisedNextOnLine(text, tokens, h)) continue;
    uint32_t end = 0;
    for (uint32_t k = h; k < n && k < h + 2 && (k == h || CapitalisedNextOnLine(text, tokens, k)); ++k)
      if (kHeads.Has(keys[k]) && !tokens[k].all_caps) end = k + 1;
    if (end == 0 || CapitalisedNextOnLine(text, tokens, end)) continue;
    if (!mapped) MapSpans(*spans, n, &at), mapped = true;
    // The owner: its span a person's of one or two words ending here, or
    // none; a title's word before it joins ("Sir", "St").
    uint32_t first = o;
    if (at[o] >= 0) {
      // (Or a saint's place with its possessive: "St John's" + "Wood".) A
      // person's span of one word only ("Keir Starmer's Downing Street" is
      // his).
      const Span& sp = (*spans)[static_cast<size_t>(at[o])];
      const bool saints = sp.label == loc && sp.end == h && (keys[sp.first] == "st" || keys[sp.first] == "saint");
      if (!saints && (sp.label != person || sp.end != o + 1 || sp.first != o)) continue;
      first = sp.first;
    } else if ((NameWordFlags(keys[o]) & kStopWord) ||
               KbNameOfType(kb, text, tokens, keys, o, o + 1, {v1::LOC, v1::ORG, v1::NORP})) {
      continue;
    }
    if (first > 0 && at[first - 1] < 0 && CapitalisedNextOnLine(text, tokens, first) &&
        (keys[first - 1] == "sir" || keys[first - 1] == "st" || keys[first - 1] == "saint"))
      --first;
    // The words after the possessive: in no span, or in a place's within
    // them that the knowledge base does not hold ("Park Road" of "Regent's
    // Park Road"; not "Obama's Hyde Park", "Putin's Red Square").
    bool free = true;
    for (uint32_t k = h; k < end && free; ++k) {
      if (at[k] < 0) continue;
      const Span& sp = (*spans)[static_cast<size_t>(at[k])];
      free = sp.label == loc && sp.first >= h && sp.end <= end &&
             !KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::LOC, v1::ORG});
    }
    if (!free) continue;
    add.push_back(Span{first, end, loc, 0.f, true});
    next = end;
  }
  PutSpans(std::move(add), spans);
}

// A place of the knowledge base glued by a hyphen to a participle of where
// something is ("Johannesburg-listed Vodacom", "a Nairobi-bound flight",
// "the Hong Kong-based fund"): the place alone, which the model left out
// or typed otherwise. Not a place that is an organisation's name too in
// the base ("Samsung-owned"), nor the end of a longer name ("Bursa
// Malaysia-listed").
void PlacesBeforeAParticiple(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                             const KnowledgeBase& kb, const std::vector<uint32_t>& cap_at, std::vector<Span>* spans) {
  static const WordSet kParticiples = {"listed", "based", "born", "bound", "headquartered", "registered", "made",
                                       "built", "educated", "trained", "raised", "grown"};
  const int loc = LabelOf(v1::LOC, true);
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<Span> add;
  // From each glued hyphen before such a participle after a capitalised
  // word (few in a text) back to the first of up to four capitalised words
  // whose knowledge-base match ends at the hyphen.
  for (const uint32_t c : cap_at) {
    const uint32_t e = c + 1;
    if (e + 1 >= n || tokens[e].kind != TokenKind::kPunct || !IsHyphenToken(text, tokens[e]) || !Glued(tokens, e) ||
        !Glued(tokens, e + 1) || tokens[e + 1].upper || !kParticiples.Has(keys[e + 1]))
      continue;
    for (uint32_t k = e; k > 0 && e - k < 4;) {
      --k;
      if (tokens[k].kind != TokenKind::kWord || !tokens[k].upper || (k + 1 < e && !SpacedOnLine(text, tokens, k + 1)))
        break;
      KnowledgeBase::Match m;
      if (NameGoesOnBefore(text, tokens, keys, k) || !kb.LongestMatch(text, tokens, keys, k, &m) ||
          m.end_token != e)
        continue;
      if (KbNameOfType(kb, text, tokens, keys, k, e, {v1::LOC}) && !KbNameOfType(kb, text, tokens, keys, k, e, {v1::ORG}))
        add.push_back(Span{k, e, loc, 0.f, true});
      break;
    }
  }
  PutSpans(std::move(add), spans);
}

// A body of the knowledge base followed by a place is its branch or board
// there, one organisation ("NHS Lothian", "NHS Greater Glasgow and Clyde",
// "Unison Scotland", "BBC Scotland said"): the organisation's span (a match
// of the base, or an acronym), a place's span one space after it on the
// line, and after the place the name's end (punctuation, the line's end, a
// function word, a body's verb or a verb in -ed or -s); "and" and another
// place's span join ("... and Clyde"). Not before a noun the place
// qualifies ("the UN Syria envoy") or a longer name ("NATO Ukraine
// Council").
void BranchesOfABodyInAPlace(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                             const KnowledgeBase& kb, std::vector<Span>* spans) {
  const int org = LabelOf(v1::ORG, true), loc = LabelOf(v1::LOC, true);
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<Span>& s = *spans;
  auto ends_name = [&](uint32_t k) {
    if (k >= n || NewlineBetween(text, tokens[k - 1], tokens[k]) || tokens[k].kind == TokenKind::kPunct) return true;
    if (tokens[k].upper) return false;
    const std::string_view w = keys[k];
    return (NameWordFlags(w) & kStopWord) || kBodyVerbs.Has(w) || (w.size() > 4 && (w.ends_with("ed") || w.ends_with("s")));
  };
  std::vector<Span> add;
  for (size_t x = 0; x + 1 < s.size(); ++x) {
    const Span& body = s[x];
    const Span& place = s[x + 1];
    if (body.label != org || place.label != loc || place.first != body.end || !SpacedOnLine(text, tokens, place.first))
      continue;
    const bool acronym = body.end == body.first + 1 && tokens[body.first].all_caps;
    if (!acronym && !KbNameOfType(kb, text, tokens, keys, body.first, body.end, {v1::ORG})) continue;
    if (!KbNameOfType(kb, text, tokens, keys, place.first, place.end, {v1::LOC})) continue;
    uint32_t end = place.end;
    // "... Greater Glasgow and Clyde": another place's or body's span after "and".
    if (x + 2 < s.size() && end + 1 < n && keys[end] == "and" && s[x + 2].first == end + 1 &&
        SpacedOnLine(text, tokens, end + 1) && (s[x + 2].label == loc || s[x + 2].label == org))
      end = s[x + 2].end;
    if (!ends_name(end) && PossessiveAt(text, tokens, end, true) == 0) continue;
    add.push_back(Span{body.first, end, org, std::max(body.margin, place.margin), true});
  }
  PutSpans(std::move(add), spans);
}

// The words right before a school's name "University of", "Institute of",
// "College of", "Academy of", "School of" on its line begin it
// ("Aristotle University of Thessaloniki", "Kwame Nkrumah University of
// Science and Technology", "Tokyo University of the Arts"): a span of one
// to three words the model made a person, a place or a people's, or up to
// three capitalised words in no span; not a sentence's first function
// word, a title's word or a date's word.
void NamesBeforeASchoolOf(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          std::vector<Span>* spans) {
  static const WordSet kSchools = {"university", "institute", "college", "academy", "school", "conservatory",
                                   "polytechnic"};
  const int org = LabelOf(v1::ORG, true);
  const size_t n = tokens.size();
  std::vector<Span>& s = *spans;
  thread_local std::vector<int32_t> at;
  bool mapped = false;
  for (size_t x = 0; x < s.size(); ++x) {
    Span& sp = s[x];
    const uint32_t f = sp.first;
    if (sp.label != org || f == 0 || f + 1 >= n || !kSchools.Has(keys[f]) || keys[f + 1] != "of" ||
        !CapitalisedNextOnLine(text, tokens, f))
      continue;
    if (!mapped) MapSpans(s, n, &at), mapped = true;
    const int32_t before = at[f - 1];
    auto name_word = [&](uint32_t k) {
      return tokens[k].kind == TokenKind::kWord && tokens[k].upper && !tokens[k].all_caps &&
             !(NameWordFlags(keys[k]) & kStopWord) && TitleWordOf(keys[k]) == TitleWord::kNone &&
             !IsMonthOrWeekday(keys[k]);
    };
    uint32_t first = f;
    if (before >= 0) {
      const Span& b = s[static_cast<size_t>(before)];
      const v1::EntityType t = LabelType(b.label);
      if (b.end != f || b.end - b.first > 3 || (t != v1::PERSON && t != v1::LOC && t != v1::NORP)) continue;
      first = b.first;
    } else {
      while (first > 0 && f - first < 3 && at[first - 1] < 0 && name_word(first - 1) &&
             CapitalisedNextOnLine(text, tokens, first))
        --first;
      if (first == f || tokens[first].sentence_start) continue;
    }
    bool plain = true;
    for (uint32_t k = first; k < f && plain; ++k) plain = name_word(k);
    if (!plain) continue;
    if (before >= 0) {
      s[static_cast<size_t>(before)].end = first;  // emptied: removed below
      sp.first = first;
    } else {
      sp.first = first;
    }
    sp.retyped = true;
  }
  std::erase_if(s, [](const Span& sp) { return sp.end <= sp.first; });
}

// A party's member named by the place they stand for ("Ted Cruz, a Texas
// Republican", "an Ohio Democrat", "McClinton, a Philadelphia Democrat"):
// after "a" or "an", one to three capitalised words that are a place of
// the knowledge base, then "Democrat" or "Republican" ending the name; the
// place's span and the people's, whatever the model made of the pair (an
// organisation, or nothing). Not "an Ohio Democratic Party official".
void PartyMembersOfAPlace(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const KnowledgeBase& kb, const std::vector<uint32_t>& cap_at, float typical_margin,
                          std::vector<Span>* spans) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::vector<Span> add;
  for (const uint32_t k : cap_at) {
    if (k < 2 || tokens[k].all_caps || (keys[k] != "democrat" && keys[k] != "republican") ||
        CapitalisedNextOnLine(text, tokens, k + 1) || (k + 1 < n && IsHyphenToken(text, tokens[k + 1])))
      continue;
    uint32_t a = k - 1;
    while (a > 0 && k - a <= 3 && tokens[a].kind == TokenKind::kWord && tokens[a].upper && !tokens[a].sentence_start &&
           SpacedOnLine(text, tokens, a + 1))
      --a;
    if (a + 1 == k || (keys[a] != "a" && keys[a] != "an")) continue;
    if (!KbNameOfType(kb, text, tokens, keys, a + 1, k, {v1::LOC})) continue;
    add.push_back(Span{a + 1, k, LabelOf(v1::LOC, true), typical_margin, true});
    add.push_back(Span{k, k + 1, LabelOf(v1::NORP, true), typical_margin, true});
  }
  PutSpans(std::move(add), spans);
}

// A firm's name that begins with a number and a glued hyphen ("7-Eleven
// Inc"): the model's organisation began after the hyphen. (A firm the
// company steps after this find, "3-Sigma Capital", they cut at the hyphen.)
void NumberedFirmNames(std::string_view text, const std::vector<Token>& tokens, std::vector<Span>* spans) {
  const int org = LabelOf(v1::ORG, true);
  for (size_t x = 0; x < spans->size(); ++x) {
    Span& sp = (*spans)[x];
    const uint32_t f = sp.first;
    if (sp.label != org || f < 2 || !IsHyphenToken(text, tokens[f - 1]) || !Glued(tokens, f) ||
        !Glued(tokens, f - 1) || tokens[f - 2].kind != TokenKind::kNumber || Glued(tokens, f - 2) ||
        (x > 0 && (*spans)[x - 1].end > f - 2))
      continue;
    sp.first = f - 2;
  }
}

// The names of a wire story's credits are people's ("(Reporting by Kojo
// Mensah-Bonsu in Accra; Editing by Jane Merriman)", "Writing by ...",
// "Additional reporting by ..."): a span of two to four capitalised words
// right after "by" there that the model typed an organisation or a place,
// and the spans joined to it by "and".
void CreditsNamePeople(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                       const KnowledgeBase& kb, std::vector<Span>* spans) {
  const int person = LabelOf(v1::PERSON, true), org = LabelOf(v1::ORG, true), loc = LabelOf(v1::LOC, true);
  std::vector<Span>& s = *spans;
  auto credit = [&](uint32_t b) {
    if (b < 1 || keys[b] != "by") return false;
    const std::string_view w = keys[b - 1];
    const bool additional = b >= 2 && keys[b - 2] == "additional";
    return (w == "reporting" || w == "writing" || w == "editing" || w == "compiled") &&
           (tokens[b - 1].upper || additional);
  };
  // (Not a place or a body of the knowledge base, nor a desk: "Ana Lopez,
  // Buenos Aires", "Bengaluru Newsroom", "Reuters Television".)
  static const WordSet kDesks = {"newsroom", "television", "desk", "bureau", "staff", "newsdesk"};
  auto name_like = [&](const Span& sp) {
    if (sp.end - sp.first < 2 || sp.end - sp.first > 4 || (sp.label != org && sp.label != loc)) return false;
    if (kDesks.Has(keys[sp.end - 1]) || KbNameOfType(kb, text, tokens, keys, sp.first, sp.end, {v1::LOC, v1::ORG}))
      return false;
    for (uint32_t k = sp.first; k < sp.end; ++k)
      if (!(tokens[k].upper && !tokens[k].all_caps) && !(IsHyphenToken(text, tokens[k]) && Glued(tokens, k)) &&
          !(k > sp.first && IsHyphenToken(text, tokens[k - 1]) && Glued(tokens, k)))
        return false;
    return !(NameWordFlags(keys[sp.end - 1]) & kOrgWord);
  };
  for (size_t x = 0; x < s.size(); ++x) {
    if (s[x].first < 2 || !credit(s[x].first - 1)) continue;
    for (size_t y = x; y < s.size(); ++y) {
      if (y > x) {
        const uint32_t gap = s[y].first - s[y - 1].end;
        if (gap != 1 || keys[s[y - 1].end] != "and") break;
      }
      if (name_like(s[y])) s[y].label = person, s[y].retyped = true;
    }
  }
}

// A listing's suffix after a number ("BYD (1211.HK)", "Toyota (7203.T)",
// "Samsung (005930.KS)") names no company or place: the model's span of it
// goes.
void NumberedListings(std::string_view text, const std::vector<Token>& tokens, std::vector<Span>* spans) {
  auto punct = [&](size_t k, std::string_view p) { return PunctAt(text, tokens, k, p); };
  std::erase_if(*spans, [&](const Span& sp) {
    const uint32_t f = sp.first;
    const std::string_view w = TokenText(text, tokens[f]);
    return sp.end == f + 1 && f >= 3 && w.size() <= 3 && AsciiCapitals(w) &&
           Glued(tokens, f) && punct(f - 1, ".") && Glued(tokens, f - 1) &&
           tokens[f - 2].kind == TokenKind::kNumber && punct(f - 3, "(") && punct(f + 1, ")");
  });
}

void LastSpanSteps(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                   const DocWords& words, const KnowledgeBase& kb, const std::vector<int>& forced,
                   float typical_margin, std::vector<Span>* spans) {
  AbbreviationsWithTheirStop(text, tokens, keys, words.cap_at(), LabelOf(v1::LOC, true), LabelOf(v1::PERSON, true),
                             spans);
  SenAsSurname(text, tokens, keys, words.cap_at(), kb, LabelOf(v1::PERSON, true), typical_margin, spans);
  NamesGoOnThroughOf(text, tokens, keys, words.cap_at(), typical_margin, spans);
  JournalsOfOneWord(tokens, keys, words.cap_at(), typical_margin, spans);
  HyphenedGivenNamesAfterSurnames(text, tokens, keys, words.cap_at(), typical_margin, spans);
  PlacesBeforeAnOrganisationsWord(text, tokens, keys, spans);
  BodiesNamedAfterTheirNoun(tokens, keys, forced, spans);
  InitialsBeforeTheirPerson(text, tokens, keys, spans);
  PlacesAsHashtags(text, tokens, keys, kb, words.cap_at(), typical_margin, spans);
  NamesRunTogetherInHashtags(text, tokens, kb, words.cap_at(), typical_margin, spans);
  PersonsAfterAPeoplesWord(text, tokens, keys, kb, spans);
  NamesBeforeASchoolOf(text, tokens, keys, spans);
  AssociationsOfAPlace(text, tokens, keys, kb, spans);
  RemitsAfterOn(text, tokens, keys, spans);
  CitiesAsTheirCouncils(text, tokens, keys, spans);
  RivalsFirstInTheSentence(tokens, keys, spans);
  PlacesInThePossessive(text, tokens, keys, kb, words.cap_at(), spans);
  PlacesBeforeAParticiple(text, tokens, keys, kb, words.cap_at(), spans);
  BranchesOfABodyInAPlace(text, tokens, keys, kb, spans);
  PartyMembersOfAPlace(text, tokens, keys, kb, words.cap_at(), typical_margin, spans);
  NumberedListings(text, tokens, spans);
  NumberedFirmNames(text, tokens, spans);
  CreditsNamePeople(text, tokens, keys, kb, spans);
}

// The steps that join a person's name the model cut at its particles or
// its hyphens ("Pieter van der Merwe", "Rhun ap Iorwerth", "Jan-Willem van
// den Broek", "Catarina Albuquerque-Matos"); the hyphens' step after the
// particles' (a given name's hyphen before a surname they joined).
void NameJoinSteps(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                   const DocWords& words, const KnowledgeBase& kb, float typical_margin, std::vector<Span>* spans) {
  JoinRomanceConnectors(text, tokens, keys, LabelOf(v1::PERSON, true), spans);
  JoinCelticParticles(text, tokens, keys, words, LabelOf(v1::PERSON, true), typical_margin, spans);
  HyphenatedPersonNames(text, tokens, keys, kb, LabelOf(v1::PERSON, true), spans);
}

}  // namespace

// The names the steps after the document's vote found, repeated alone
// ("operator Elering said" ... "Elering's head"): TagRepeats once more,
// not on a word glued to a hyphen ("Altyn-Tash") or before a particle and
// a capitalised word ("Gigantes de Rivas"), which belong to longer names,
// nor on a senator's title ("Sen. Amy Klobuchar" after "Amartya Sen").
void RepeatsAfterTheSteps(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                          const KnowledgeBase& kb, const std::vector<uint64_t>& word_hash,
                          const std::vector<uint32_t>& cap_at, std::vector<Span>* spans) {
  const size_t n = tokens.size();
  auto hyphen = [&](size_t k) { return k < n && IsHyphenToken(text, tokens[k]); };
  const std::function<bool(uint32_t)> skip = [&](uint32_t k) {
    return (k > 0 && hyphen(k - 1) && Glued(tokens, k)) || (hyphen(k + 1) && Glued(tokens, k + 1)) ||
           (k + 2 < n && JoinsNameParts(keys[k + 1]) && tokens[k + 2].upper) ||
           (keys[k] == "sen" && SenTitleAt(text, tokens, keys, k));
  };
  TagRepeatsAt(word_hash, cap_at, &skip, spans);
  // A prize's eponym is the prize's, not its person's ("the 2026 Nobel
  // laureates", "his Nobel lecture", "the Booker Prize", "a Pulitzer
  // Prize-winning"; "Alfred Nobel's death" stays): a person's one word
  // before such a word.
  // (A noun's, not a verb's: after a determiner, a possessive or a year;
  // "Obama lectures Republicans", "Rushdie prize money" keep their people.)
  static const WordSet kPrizeWords = {"prize", "laureate", "laureates", "lecture"};
  static const WordSet kBefore = {"the", "a", "an", "his", "her", "their", "its", "this", "that"};
  std::erase_if(*spans, [&](const Span& sp) {
    return sp.end == sp.first + 1 && sp.end < n && sp.first > 0 && LabelType(sp.label) == v1::PERSON &&
           tokens[sp.end].kind == TokenKind::kWord && kPrizeWords.Has(keys[sp.end]) &&
           SpacedOnLine(text, tokens, sp.end) &&
           (kBefore.Has(keys[sp.first - 1]) || tokens[sp.first - 1].kind == TokenKind::kNumber);
  });
  // Two persons' spans one space apart on a line are one person's name
  // ("Jannik" + "Sinner", the surname an ordinary word the document's
  // vote tagged alone; "Jasem Mohamed" + "Albudaiwi"): the text seldom
  // writes two people so, but for two the knowledge base knows each
  // ("Clinton told Obama Trump would never win").
  auto& s = *spans;
  size_t w = 0;  // the spans kept, in one pass
  for (size_t x = 0; x < s.size(); ++x) {
    if (w > 0) {
      Span& a = s[w - 1];
      const Span& b = s[x];
      const bool join =
          a.end == b.first && LabelType(a.label) == v1::PERSON && LabelType(b.label) == v1::PERSON &&
          tokens[b.first].kind == TokenKind::kWord && tokens[b.first].upper && SpacedOnLine(text, tokens, b.first) &&
          tokens[b.first].begin_byte == tokens[a.end - 1].end_byte + 1 &&
          !(a.end == a.first + 1 && (NameWordFlags(keys[a.first]) & kTitleWord)) &&  // "Mr" + "Quenby"
          !(KbNameOfType(kb, text, tokens, keys, a.first, a.end, {v1::PERSON}) &&
            KbNameOfType(kb, text, tokens, keys, b.first, b.end, {v1::PERSON}));
      if (join) {
        a.end = b.end;
        a.margin = std::min(a.margin, b.margin);
        continue;
      }
    }
    if (w != x) s[w] = s[x];
    ++w;
  }
  s.resize(w);
}

std::vector<NameCandidate> NameModel::Decide(std::string_view text, const std::vector<Token>& tokens,
                                             const KeyViews& keys, const DocWords& words,
                                             const KnowledgeBase& kb,
                                             const std::vector<NameCandidate>& rule_cands,
                                             std::deque<std::string>* store, bool debug) const {
  const NameFeatures features(text, tokens, keys, words, rule_cands, kb, clusters_.get());
  thread_local std::vector<int> labels, forced;
  thread_local std::vector<float> margins;
  forced = ForcedLabels(text, rule_cands, tokens, keys);
  Label(features, tokens.size(), forced, &labels, &margins);
  // Rule candidates by first token, for linking.
  thread_local std::vector<const NameCandidate*> rule_at;
  rule_at.assign(tokens.size(), nullptr);
  for (const NameCandidate& c : rule_cands) rule_at[c.first] = &c;
  std::vector<Span> spans = SpansOf(labels, margins);
  thread_local std::vector<uint8_t> joiner;
  joiner.assign(tokens.size(), 0);
  for (const Span& sp : spans)
    for (uint32_t k = sp.first; k < sp.end; ++k) joiner[k] = JoinsNameParts(keys[k]);
  MendJoinerEnds(joiner, &spans);
  auto title_word = [&](uint32_t k) { return TitleWordOrName(text, tokens, keys, rule_at, k); };
  SplitOrgTitlePerson(
      title_word, [&](uint32_t k) { return k < tokens.size() && tokens[k].upper; },
      [&](uint32_t k) { return k < tokens.size() && (NameWordFlags(keys[k]) & kOrgWord) != 0; },
      LabelOf(v1::ORG, true), LabelOf(v1::PERSON, true), &spans);
  TrimTitles(title_word, LabelOf(v1::PERSON, true), &spans);
  SpanEdgeSteps(text, tokens, keys, words, kb, margin_scale_, &spans);
  DropTitleComplements(
      title_word, [&](uint32_t k) { return keys[k] == "of" || keys[k] == "for"; },
      [&](uint32_t k) { return ArticleOfAComplement(tokens, keys, k); },
      [&](uint32_t k) { return k < tokens.size() && tokens[k].kind == TokenKind::kWord && tokens[k].upper; },
      LabelOf(v1::PERSON, true), &spans);
  PlacesBeforeBased(text, tokens, keys, words.cap_at(), kb, margin_scale_, &spans);
  PlacesInDatelines(text, tokens, keys, words.cap_at(), kb, margin_scale_, &spans);
  DomainCompanies(text, tokens, words.cap_at(), LabelOf(v1::ORG, true), margin_scale_, &spans);
  HyphenatedCompanies(text, tokens, words.cap_at(), LabelOf(v1::ORG, true), margin_scale_, &spans);
  CompaniesByLegalForm(text, tokens, keys, kb, words.cap_at(), margin_scale_, &spans);
  CompaniesByTheirShares(text, tokens, keys, words, kb, LabelOf(v1::ORG, true), margin_scale_, &spans);
  PossessiveOrgNames(text, tokens, keys, words.cap_at(), LabelOf(v1::ORG, true), margin_scale_, &spans);
  OfficesOfAPost(text, tokens, keys, words.cap_at(), LabelOf(v1::ORG, true), margin_scale_, &spans);
  SplitAtAndAfterMatch(text, tokens, keys, kb, forced, &spans);
  NamedFacilities(text, tokens, keys, LabelOf(v1::LOC, true), LabelOf(v1::PERSON, true), LabelOf(v1::ORG, true),
                  &spans);
  BillsAndRailways(text, tokens, keys, LabelOf(v1::PERSON, true), LabelOf(v1::LOC, true), LabelOf(v1::ORG, true),
                   &spans);
  NameJoinSteps(text, tokens, keys, words, kb, margin_scale_, &spans);
  UntaggedFacilities(text, tokens, keys, words.cap_at(), LabelOf(v1::LOC, true), margin_scale_, &spans);
  EventSteps(text, tokens, keys, words, kb, margin_scale_, &spans);
  SportsPages(text, tokens, keys, kb, margin_scale_, &spans);
  SportsBodies(text, tokens, keys, LabelOf(v1::LOC, true), LabelOf(v1::ORG, true), &spans);
  PlacesByTheirShape(text, tokens, keys, kb, words.cap_at(), &spans);
  // A one-word place of the knowledge base at token k (fixed or left to the model).
  auto kb_place = [&](uint32_t k) {
    const NameCandidate* r = rule_at[k];
    return r != nullptr && r->kb != nullptr && r->type == v1::LOC && r->end == k + 1;
  };
  GivenNameBeforePlace(text, tokens, keys, forced, kb_place, LabelOf(v1::PERSON, true), LabelOf(v1::LOC, true),
                       LabelOf(v1::ORG, true), &spans);
  PlaceStartWordsJoin(text, tokens, keys, kb_place, LabelOf(v1::LOC, true), LabelOf(v1::NORP, true), &spans);
  PlacesBeforeCompanyNouns(text, tokens, keys, words.cap_at(), kb_place, LabelOf(v1::LOC, true), margin_scale_,
                           &spans);
  CompleteRepeatedNames(text, tokens, keys, words.cap_at(), &spans);
  PersonsAfterTitles(text, tokens, keys, kb, title_word, LabelOf(v1::ORG, true), LabelOf(v1::LOC, true),
                     LabelOf(v1::PERSON, true), &spans);
  DropPortfolioWords(text, tokens, keys, kb, title_word, LabelOf(v1::ORG, true), &spans);
  PersonBeforeAdministration(
      [&](uint32_t k) { return k < tokens.size() && (keys[k] == "administration" || keys[k] == "presidency"); },
      LabelOf(v1::ORG, true), LabelOf(v1::PERSON, true), &spans);
  NationalNames(text, tokens, keys, kb, margin_scale_, &spans);
  PeoplesBeforePeople(text, tokens, keys, words.cap_at(), kb, forced, LabelOf(v1::NORP, true), margin_scale_,
                      &spans);
  PeoplesByTheirTongue(text, tokens, keys, words.cap_at(), kb, forced, LabelOf(v1::NORP, true), margin_scale_,
                       &spans);
  EmployersAfterRoles(text, tokens, keys, kb, forced, LabelOf(v1::ORG, true), LabelOf(v1::PERSON, true),
                      LabelOf(v1::LOC, true), margin_scale_, &spans);
  PlacesAfterBasedIn(keys, forced, LabelOf(v1::ORG, true), LabelOf(v1::PERSON, true), LabelOf(v1::LOC, true),
                     margin_scale_, &spans);
  InitialsBeforeParticleSurnames(text, tokens, keys, words.cap_at(), LabelOf(v1::PERSON, true), margin_scale_,
                                 &spans);
  PlacesBeforeTheirOffices(text, tokens, keys, kb, LabelOf(v1::ORG, true), LabelOf(v1::PERSON, true),
                           LabelOf(v1::LOC, true), &spans);
  HeadsOfAPlace(text, tokens, keys, LabelOf(v1::LOC, true), LabelOf(v1::ORG, true), &spans);
  CompanyAppositions(text, tokens, keys, words, kb, LabelOf(v1::ORG, true), margin_scale_, &spans);
  SplitCompaniesAtAnd(text, tokens, keys, LabelOf(v1::ORG, true), &spans);
  OfficesOfTwoFields(tokens, keys, forced, LabelOf(v1::ORG, true), &spans);
  NationalsBeforeNames(text, tokens, keys, kb, LabelOf(v1::NORP, true), LabelOf(v1::PERSON, true), LabelOf(v1::ORG, true),
                       &spans);
  NationalBodies(text, tokens, keys, LabelOf(v1::NORP, true), LabelOf(v1::ORG, true), &spans);
  PeoplesBeforeAnOffice(text, tokens, keys, kb, words.cap_at(), LabelOf(v1::NORP, true), margin_scale_, &spans);
  LastSpanSteps(text, tokens, keys, words, kb, forced, margin_scale_, &spans);
  // Consistency inside the document needs the words of the mentions and of
  // the capitalised words (the only ones TagRepeats can add).
  thread_local std::vector<uint64_t> word_hash;
  word_hash.assign(tokens.size(), 0);
  for (uint32_t i : words.cap_at()) word_hash[i] = learn::HashBytes(keys[i]);
  for (const Span& sp : spans) {
    for (uint32_t k = sp.first; k < sp.end; ++k) word_hash[k] = learn::HashBytes(keys[k]);
  }
  PersonsOrNotSteps(text, tokens, keys, kb, &spans);
  DropDateWords(text, tokens, keys, &spans);
  MakeConsistent(word_hash, &spans);
  SurnamesNameTheirPersons(text, tokens, keys, word_hash, forced, &spans);
  TagRepeatsAt(word_hash, words.cap_at(), nullptr, &spans);
  DropSenTitles(text, tokens, keys, &spans);
  JoinParticleCompounds(text, tokens, keys, kb, LabelOf(v1::ORG, true), LabelOf(v1::PERSON, true),
                        LabelOf(v1::LOC, true), &spans);
  // After the consistency steps: a company and a place or a person may
  // share a name in one document ("Insurer Hartford ... based in Hartford").
  CompanySteps(text, tokens, keys, words, kb, forced, margin_scale_, &spans);
  CompaniesBeforeRoles(text, tokens, keys, words, word_hash, forced, LabelOf(v1::ORG, true), &spans);
  CompaniesByTheirFirstWord(text, tokens, keys, kb, word_hash, LabelOf(v1::ORG, true), &spans);
  SportsClubs(text, tokens, keys, words, kb, word_hash, margin_scale_, &spans);
  AppositionAliases(text, tokens, keys, forced, margin_scale_, &spans);
  BracketedAcronyms(text, tokens, keys, words.cap_at(), forced, LabelOf(v1::ORG, true), LabelOf(v1::LOC, true),
                    LabelOf(v1::EVENT, true), margin_scale_, &spans);
  FinalSteps(text, tokens, keys, kb, words.cap_at(), margin_scale_, &spans);
  RepeatsAfterTheSteps(text, tokens, keys, kb, word_hash, words.cap_at(), &spans);
  std::vector<NameCandidate> out;
  size_t region = 0;
  const auto& regions = features.regions();
  for (const Span& sp : spans) {
    const size_t i = sp.first, end = sp.end;
    const v1::EntityType type = LabelType(sp.label);
    // The score: a logistic of the mention's mean margin over the runner-up
    // label, in units of the model's typical margin (0.5: a tie; 0.88: a
    // typical decision; forced KB matches keep the rules' score).
    const float score = 1.f / (1.f + std::exp(-2.f * sp.margin / margin_scale_));
    NameCandidate c{sp.first, sp.end, type, score, {}, {},
                    "ner:model", nullptr, false, true};
    const NameCandidate* r = rule_at[i];
    if (r != nullptr && r->end == end && forced[i] >= 0 && (!sp.retyped || r->type == type)) {
      out.push_back(*r);  // a curated or operator KB match, as the rules found it
      continue;
    }
    NameSpanAs(text, tokens, keys, kb, r, store, &c);
    if (debug) {
      while (region < regions.size() && regions[region].end <= i) ++region;
      c.rule = store->emplace_back("ner:model[" + Explain(features, regions[region], i, sp.label, 6) + "]");
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace tidings::enrich::names
