#include "enrich/entities.h"

#include "enrich/dates.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "enrich/kb_exact.h"
#include "enrich/names/linker.h"
#include "enrich/names/span_edit.h"
#include "enrich/names/tagger.h"
#include "enrich/word_table.h"

namespace tidings::enrich {

namespace v1 = ::tidings::v1;

namespace {


// Capitalised function words, pronouns and the like: never a name on their own
// and stripped from the edges of a candidate name.
const std::unordered_set<std::string_view>& StopWords() {
  static const std::unordered_set<std::string_view> k = {
      "the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "we", "they", "i",
      "you", "in", "on", "at", "of", "for", "but", "and", "or", "if", "when", "what", "who",
      "whom", "why", "how", "where", "which", "as", "so", "no", "not", "yes", "his", "her",
      "their", "our", "my", "your", "its", "there", "here", "then", "now", "today", "all",
      "some", "many", "most", "any", "every", "each", "after", "before", "since", "until",
      "while", "although", "though", "because", "by", "from", "to", "with", "without", "under",
      "over", "is", "was", "are", "were", "be", "been", "do", "does", "did", "has", "have", "had",
      "can", "could", "will", "would", "should", "might", "must", "let", "yet", "also", "even",
      "only", "just", "such", "both", "either", "neither", "hi", "hello", "dear", "thanks",
      "thank", "ok", "okay", "oh", "well", "why", "instead", "however", "meanwhile", "indeed",
      "perhaps", "maybe", "still", "again", "once", "more", "less", "few", "much", "very",
      "god", "sir", "madam", "mr", "mrs", "ms", "dr", "prof", "st", "january", "february",
      "march", "april", "may", "june", "july", "august", "september", "october", "november",
      "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
      "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first",
      "second", "third", "last", "next", "other", "another", "same", "new", "old", "yes", "no",
      "please", "look", "see", "read", "note", "so-called", "like", "unlike", "according",
      "whether", "whatever", "whoever", "never", "always", "often", "sometimes", "anyway",
      "besides", "despite", "during", "about", "above", "below", "against", "among", "between",
      "into", "onto", "upon", "within", "through", "throughout", "up", "down", "out", "off",
      "me", "him", "us", "them", "i'm", "i've", "it's", "don't", "isn't", "can't", "let's",
      "english", "arabic", "islamic", "western", "left", "right", "part", "chapter", "section",
      "president", "minister", "prime", "general", "government", "regime", "state", "army",
      "war", "revolution", "people", "city", "country", "party", "world", "north", "south",
      "east", "west", "eastern", "northern", "southern", "central", "ps", "edit", "update",
      "later", "earlier", "afterwards", "finally", "recently", "lately", "soon", "yesterday",
      "tomorrow", "tonight", "eventually", "suddenly", "therefore", "thus", "hence", "moreover",
      "furthermore", "otherwise", "nevertheless", "nonetheless", "meanwhile", "likewise",
      "sadly", "worse", "better", "yet", "sure", "true", "wow", "lol", "oh", "ah", "hey",
      "anyone", "everyone", "someone", "nobody", "everybody", "somebody", "nothing", "everything",
      "something", "anything", "whereas", "unless", "except", "shall", "am", "let's", "what's",
      "that's", "there's", "here's", "he's", "she's", "we're", "they're", "you're", "isn't"};
  return k;
}

// Words before a name that make it a person; they stay outside the span.
const std::unordered_set<std::string_view>& PersonTitles() {
  static const std::unordered_set<std::string_view> k = {
      "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "president", "minister",
      "general", "gen", "sheikh", "shaykh", "imam", "senator", "sen", "king", "queen", "prince",
      "colonel", "col", "comrade", "lord", "lady", "sir", "dame", "pope", "ayatollah", "secretary",
      "chancellor", "commander", "spokesman", "spokeswoman", "journalist", "activist", "author",
      "writer", "doctor", "reporter", "envoy", "captain", "capt", "major", "lieutenant", "sergeant",
      "constable", "inspector", "superintendent", "detective",
      "rev", "reverend", "father", "brother", "sister", "uncle", "aunt", "emir", "sultan",
      "leader", "chairman", "mp", "mep", "governor", "mayor", "ambassador", "premier", "judge",
      "hi", "dear", "thanks", "cheers", "poet", "historian", "economist", "analyst", "columnist",
      "editor", "blogger", "photographer", "filmmaker", "nurse", "surgeon", "pilot", "soldier",
      "daughter", "son", "wife", "husband", "mother", "girl", "boy", "man", "woman", "called",
      "named"};
  return k;
}

// Last words that make a name an organisation.
const std::unordered_set<std::string_view>& OrgWords() {
  static const std::unordered_set<std::string_view> k = {
      "party", "army", "front", "council", "organization", "organisation", "society", "centre",
      "center", "foundation", "institute", "university", "college", "school", "committee",
      "union", "brigade", "brigades", "battalion", "movement", "agency", "ministry", "network",
      "news", "times", "post", "review", "media", "press", "journal", "magazine", "guardian",
      "telegraph", "herald", "tribune", "company", "corporation", "corp", "inc", "ltd", "group",
      "bank", "fund", "association", "alliance", "coalition", "league", "federation", "forces",
      "force", "guard", "guards", "police", "commission", "court", "assembly", "parliament",
      "congress", "senate", "office", "department", "service", "services", "international",
      "trust", "watch", "project", "initiative", "tv", "radio", "books", "publishing", "records",
      "club", "church", "mosque", "order", "division", "regiment", "corps", "fleet", "navy",
      "secretariat", "bureau", "authority", "board", "network", "channel", "website",
      "organizations", "organisations", "unions", "parties", "forum", "caucus", "tendency",
      "collective", "platform", "syndicate", "brotherhood", "militia", "militias",
      // companies by their trade or legal form ("Newmont Mining", "British Airways")
      "airways", "airlines", "mining", "motors", "holdings", "industries", "systems",
      "technologies", "petroleum", "pharmaceuticals", "plc", "bancorp", "securities",
      "insurance", "communications", "telecom", "chemicals", "steel", "electric", "airline",
      "breweries", "refinery", "exchange", "manufacturing", "enterprises", "ventures",
      // football clubs by their suffix ("Leeds United", "Blackburn Rovers")
      "united", "rovers", "wanderers", "athletic", "hotspur", "albion", "fc"};
  return k;
}

// Last words that make a name a place.
const std::unordered_set<std::string_view>& PlaceWords() {
  static const std::unordered_set<std::string_view> k = {
      "road", "street", "st", "avenue", "square", "province", "governorate", "district",
      "county", "region", "valley", "river", "mountain", "mountains", "mount", "sea", "ocean",
      "lake", "bay", "gulf", "island", "islands", "desert", "plain", "plains", "heights", "hill",
      "hills", "city", "town", "village", "camp", "airport", "airbase", "base", "hospital",
      "bridge", "gate", "park", "palace", "prison", "peninsula", "strait", "canal", "coast",
      "border", "crossing", "quarter", "neighbourhood", "neighborhood", "highway", "port",
      "harbour", "stadium", "tower", "towers", "building", "castle", "lane", "way"};
  return k;
}

// Prepositions before a single unknown name that suggest a place.
const std::unordered_set<std::string_view>& PlacePrepositions() {
  static const std::unordered_set<std::string_view> k = {
      "in", "at", "from", "near", "to", "into", "across", "outside", "towards", "toward",
      "around", "via", "through", "throughout", "inside", "besieged", "reach", "reached",
      "entered", "captured", "recaptured", "retook", "bombed", "shelled", "of"};
  return k;
}

// Name connectors inside names: "Bashar al-Assad", "Osama bin Laden".
const std::unordered_set<std::string_view>& Connectors() {
  static const std::unordered_set<std::string_view> k = {
      "al", "el", "bin", "binti", "ibn", "bint", "abu", "arap", "de", "da", "di", "van", "von", "der", "den",
      "du", "la", "le", "ben", "ul", "ad", "as", "ash", "an", "ar", "at", "az", "del", "dos"};
  return k;
}

// Words after a short all-capital word that make it an organisation.
const std::unordered_set<std::string_view>& AcronymCues() {
  static const std::unordered_set<std::string_view> k = {
      "fighters", "forces", "militia", "militias", "members", "member", "leader", "leaders",
      "spokesman", "spokeswoman", "statement", "report", "commander", "commanders", "troops",
      "units", "group", "party", "-", "said", "says", "claimed", "announced"};
  return k;
}

// Words after a name that make it a person.
const std::unordered_set<std::string_view>& PersonVerbs() {
  static const std::unordered_set<std::string_view> k = {
      "said", "says", "told", "wrote", "writes", "argues", "argued", "claimed", "claims",
      "tweeted", "stated", "added", "explained", "recalled", "insisted", "who", "himself",
      "herself", "admitted", "warned", "replied", "asked", "thinks", "believes", "knows"};
  return k;
}

// The word lists above as one table: word -> bit set of lists.
constexpr uint32_t kStop = kStopWord, kTitle = kTitleWord, kOrg = kOrgWord, kPlace = kPlaceWord,
                   kPlacePrep = kPlacePrepWord, kConn = kConnectorWord,
                   kAcronymCue = kAcronymCueWord, kPersonVerb = kPersonVerbWord;

const WordTable<uint32_t>& WordFlags() {
  static const WordTable<uint32_t> k = [] {
    WordTable<uint32_t> t;
    auto add = [&](const std::unordered_set<std::string_view>& words, uint32_t flag) {
      for (std::string_view w : words) t[w] |= flag;
    };
    add(StopWords(), kStop);
    add(PersonTitles(), kTitle);
    add(OrgWords(), kOrg);
    add(PlaceWords(), kPlace);
    add(PlacePrepositions(), kPlacePrep);
    add(Connectors(), kConn);
    add(AcronymCues(), kAcronymCue);
    add(PersonVerbs(), kPersonVerb);
    return t;
  }();
  return k;
}

uint32_t FlagsOf(std::string_view w) {
  const uint32_t* f = WordFlags().Find(w);
  return f ? *f : 0;
}

bool IsApostropheTok(std::string_view text, const Token& t) {
  if (t.kind != TokenKind::kPunct) return false;
  size_t p = t.begin_byte;
  return IsApostrophe(DecodeUtf8(text, &p));
}

bool EndsWith(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}

}  // namespace

std::string NameSlug(std::string_view name) {
  std::string out = "tidings:";
  bool dash = false;
  for (size_t i = 0; i < name.size();) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out.push_back(static_cast<char>(c));
      dash = false;
    } else if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c + 32));
      dash = false;
    } else if (c >= 0x80) {
      // A letter beyond ASCII in lower case too, as the ASCII ones
      // ("Úna Creedon" -> "tidings:úna-creedon"): the capitals of Latin-1
      // and Latin Extended-A; other code points as they are.
      const size_t start = i;
      char32_t cp = DecodeUtf8(name, &i);
      char32_t lower = cp >= 0xC0 && cp <= 0xDE && cp != 0xD7 ? cp + 0x20 : LowerLatinExtended(cp);
      if (lower != cp && lower < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (lower >> 6)));
        out.push_back(static_cast<char>(0x80 | (lower & 0x3F)));
      } else {
        out.append(name.substr(start, i - start));
      }
      dash = false;
      continue;
    } else if (!dash && out.size() > 8) {
      out.push_back('-');
      dash = true;
    }
    ++i;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

namespace {

using Cand = NameCandidate;

// One rules pass over one document: the knowledge-base matches, then the
// capitalised runs the knowledge base does not know. Holds per-token scratch.
class RulePass {
 public:
  RulePass(const KnowledgeBase* kb, std::string_view text, const std::vector<Token>& tokens,
           const KeyViews& keys, const DocWords& words,
           const std::vector<std::string>* context_names, std::deque<std::string>* names)
      : kb_(kb), text_(text), tokens_(tokens), keys_(keys), capw_(words),
        context_names_(context_names), names_(names), n_(tokens.size()) {
    flag_cache_.assign(n_, ~0u);
    covered_.assign(n_, 0);
  }

  std::vector<Cand> Run() {
    KbMatches();
    UnknownNames();
    ResultRows();
    CricketInnings();
    std::vector<Cand> kept;
    kept.reserve(cands_.size());
    for (size_t x = 0; x < cands_.size(); ++x) {
      if (x >= dropped_.size() || !dropped_[x]) kept.push_back(std::move(cands_[x]));
    }
    std::sort(kept.begin(), kept.end(), [](const Cand& a, const Cand& b) { return a.first < b.first; });
    return kept;
  }

 private:
  uint32_t flags(size_t k) {
    if (flag_cache_[k] == ~0u) flag_cache_[k] = FlagsOf(keys_[k]);
    return flag_cache_[k];
  }
  bool is_cap_word(size_t k) const {
    return k < n_ && !covered_[k] && tokens_[k].kind == TokenKind::kWord && tokens_[k].upper;
  }
  bool same_line(size_t k) const { return !tokens_[k].line_break_before; }

  // First and last words of the thread's person names -> the full name.
  // Built on the first lookup: most documents never ask.
  std::string_view ContextName(std::string_view key) {
    if (!context_edge_built_) {
      context_edge_built_ = true;
      for (const std::string& full : *context_names_) {
        auto toks = Tokenize(full);
        if (toks.size() < 2) continue;
        for (const Token* t : {&toks.front(), &toks.back()}) {
          std::string& k = names_->emplace_back(
              NormaliseToken(std::string_view(full).substr(t->begin_byte, t->end_byte - t->begin_byte)));
          if (k.size() >= 3) context_edge_.emplace(k, full);
        }
      }
    }
    auto it = context_edge_.find(key);
    return it != context_edge_.end() ? it->second : std::string_view();
  }

  // 1. Knowledge-base matches, longest first from left to right.
  void KbMatches() {
    // The byte offsets of the text's accented Latin letters (their UTF-8
    // lead bytes 0xC3..0xC5, found with memchr), in order: a word holding
    // one may start a name in its folded spelling
    // (KnowledgeBase::CanStartFolded). Most texts have none, and the words
    // of the others are passed in order.
    std::vector<uint32_t> accents;
    for (const char lead : {'\xC3', '\xC4', '\xC5'}) {
      for (const char* p = text_.data(), *end = p + text_.size();
           (p = static_cast<const char*>(std::memchr(p, lead, static_cast<size_t>(end - p)))) != nullptr; ++p)
        accents.push_back(static_cast<uint32_t>(p - text_.data()));
    }
    std::sort(accents.begin(), accents.end());
    size_t next_accent = 0;
    auto accented = [&](size_t i) {
      while (next_accent < accents.size() && accents[next_accent] < tokens_[i].begin_byte) ++next_accent;
      return next_accent < accents.size() && accents[next_accent] < tokens_[i].end_byte;
    };
    for (size_t i = 0; i < n_;) {
      KnowledgeBase::Match m;
      const bool up = tokens_[i].upper || tokens_[i].kind == TokenKind::kNumber ||
                      (keys_[i].size() == 2 && ArticleBeforeCapital(text_, tokens_, i));
      if (tokens_[i].kind != TokenKind::kPunct &&
          (kb_->CanStart(keys_[i], up) || (accented(i) && kb_->CanStartFolded(keys_[i], up)) ||
           (keys_[i].size() >= 5 && keys_[i].back() == 's' &&
            kb_->CanStart(std::string_view(keys_[i]).substr(0, keys_[i].size() - 1), up))) &&
          kb_->LongestMatch(text_, tokens_, keys_, i, &m)) {
        const KbEntity& e = kb_->entities()[m.entity];
        bool single = m.end_token == m.first_token + 1;
        // A lone generated place name followed by another capitalised word is
        // usually a first name ("Rohini Hensman"): leave it to the name rules.
        if (single && e.generated && m.end_token < n_ &&
            tokens_[m.end_token].kind == TokenKind::kWord && tokens_[m.end_token].upper &&
            text_.substr(tokens_[i].end_byte, tokens_[m.end_token].begin_byte - tokens_[i].end_byte) == " ") {
          ++i;
          continue;
        }
        // A saint's place right after a capitalised word that is no title or
        // function word is a person's surname ("Canadiens coach Martin St.
        // Louis"): left to the model.
        // (Not on a headline's title-case line: "Storms Hit St. Louis".)
        if (e.type == v1::LOC && !single && (keys_[i] == "st" || keys_[i] == "saint") && i > 0 &&
            tokens_[i - 1].kind == TokenKind::kWord && tokens_[i - 1].upper && !tokens_[i].line_break_before &&
            !(flags(i - 1) & (kStop | kTitle)) && !tokens_[i - 1].all_caps && !tokens_[i].sentence_start &&
            !names::TitleCaseLine(text_, tokens_, i)) {
          ++i;
          continue;
        }
        // A person's name right after a capitalised word that is no title or
        // function word, on its line, or glued after a hyphen to one, is
        // another person's longer name ("Laurent Kabila" is not Joseph
        // Kabila; "Elena Marchetti-Vance", "Brice Clotaire Oligui Nguema"):
        // left to the model. Only the generated files' persons (the
        // hand-written list of leaders): curated.tsv's decide ("@AmyMek
        // Hillary", "Sec Clinton").
        if (e.type == v1::PERSON && e.generated && i > 0) {
          const size_t p = IsHyphenToken(text_, tokens_[i - 1]) && Glued(tokens_, i) && Glued(tokens_, i - 1) && i > 1
                               ? i - 2
                               : i - 1;
          // (Not a pair's second name before its noun: "the Trump-Vance ticket".)
          if (tokens_[p].kind == TokenKind::kWord && tokens_[p].upper && !tokens_[p + 1].line_break_before &&
              !(flags(p) & (kStop | kTitle)) && !(p + 1 < i && tokens_[p].all_caps) &&
              !(p + 1 < i && m.end_token < n_ && names::IsPairNoun(keys_[m.end_token]))) {
            ++i;
            continue;
          }
        }
        // A past event's name inside a longer name or naming a thing after it
        // ("the Battle of Britain Memorial Flight", "the Velvet Revolution
        // bar"): left to the rules and the model.
        // (Not in a headline's title case: "Veteran Headline Valencia Marathon
        // Field".)
        if (e.type == v1::EVENT && m.end_token < n_ &&
            ((names::CapitalisedNextOnLine(text_, tokens_, m.end_token) &&
              !names::TitleCaseLine(text_, tokens_, m.end_token)) ||
             names::NamedAfterAnEvent(tokens_, keys_, m.end_token))) {
          ++i;
          continue;
        }
        // A lone capitalised alias at a sentence start that is also a common
        // lower-case word in this text ("Labour is work") is left alone.
        float score = 0.95f;
        if (single && tokens_[i].sentence_start && capw_.LowerSeen(keys_[i])) score = 0.6f;
        cands_.push_back(Cand{m.first_token, m.end_token, e.type, score, e.name, e.id, {}, &e,
                              true, true, false, m.alternates});
        for (uint32_t k = m.first_token; k < m.end_token; ++k) covered_[k] = 1;
        i = m.end_token;
      } else {
        ++i;
      }
    }
  }

  // The end of the capitalised run starting at `first`: capitalised words,
  // glued hyphens, connectors and "of" before capitalised words, one line.
  size_t ExtendRun(size_t first) {
    size_t end = first + 1;
    while (end < n_ && same_line(end)) {
      if (is_cap_word(end) && !(flags(end) & kStop)) {
        ++end;
        continue;
      }
      // Hyphen glued between capitalised parts ("Al-Ciada") or before a
      // capitalised part after a connector.
      if (IsHyphenToken(text_, tokens_[end]) && end + 1 < n_ &&
          tokens_[end].begin_byte == tokens_[end - 1].end_byte && is_cap_word(end + 1)) {
        end += 2;
        continue;
      }
      // Connector followed (maybe via hyphen) by a capitalised word.
      if (!covered_[end] && tokens_[end].kind == TokenKind::kWord && (flags(end) & kConn)) {
        size_t k = end + 1;
        if (k < n_ && IsHyphenToken(text_, tokens_[k])) ++k;
        if (is_cap_word(k)) {
          end = k + 1;
          continue;
        }
      }
      // "of" inside organisation names: "Union of Medical Care".
      if (!covered_[end] && keys_[end] == "of" && is_cap_word(end + 1) &&
          !(flags(end + 1) & kStop)) {
        end += 2;
        continue;
      }
      break;
    }
    return end;
  }

  // 2. Names the knowledge base does not know: capitalised runs. A run
  // starts at a capitalised word: the loop jumps from one to the next.
  void UnknownNames() {
    // The KB candidate ending at each token (for merging "Damascus" into
    // "Damascus Workers Committee").
    kb_ending_at_.assign(n_, -1);
    for (size_t x = 0; x < cands_.size(); ++x) kb_ending_at_[cands_[x].end - 1] = static_cast<int32_t>(x);
    dropped_.assign(cands_.size(), false);  // KB candidates merged into a longer name
    const std::vector<uint32_t>& cap_at = capw_.cap_at();
    size_t next_cap = 0;
    for (size_t i = 0;;) {
      while (next_cap < cap_at.size() && cap_at[next_cap] < i) ++next_cap;
      if (next_cap == cap_at.size()) break;
      i = cap_at[next_cap];
      if (!is_cap_word(i) || (flags(i) & kStop) ||
          (tokens_[i].sentence_start && keys_[i].size() > 4 && EndsWith(keys_[i], "ly"))) {
        ++i;
        continue;
      }
      const size_t first = i, end = ExtendRun(i);
      i = end;
      TypeRun(first, end);
    }
  }

  // 3. A results line of a sports page ("Arsenal 2 Chelsea 1", "Leeds 0
  // Everton 3"): capitalised names, each followed by its score, the line
  // ending in a number. The names are teams, organisations even when the
  // knowledge base knows them as their town. Lines where two numbers follow
  // one name (standings, golf rounds, "6-3 6-4") are left alone.
  // Each team is the whole run of words before its score ("Ajax Amsterdam
  // 3 Utrecht 1": "Ajax Amsterdam", not the place "Amsterdam" and nothing
  // for "Ajax"); an organisation the knowledge base knows by that run keeps
  // its entry.
  void ResultRows() {
    // The candidates by first token, once, at the first results line (a page
    // of a million rows must not scan them all per row).
    std::vector<uint32_t> by_first;
    bool indexed = false;
    std::vector<std::pair<uint32_t, uint32_t>> known;  // a row's whole-team KB organisations
    std::vector<uint32_t> row;                          // the row's tokens, its scorers' brackets left out
    std::vector<std::pair<uint32_t, uint32_t>> groups;  // the scorers' brackets: [open, close]
    std::vector<std::pair<uint32_t, uint32_t>> teams;   // the row's teams: [first, end)
    std::vector<std::pair<uint32_t, uint32_t>> countries;  // those of them that are countries
    for (size_t a = 0; a < n_;) {
      size_t line_end = a + 1;
      while (line_end < n_ && same_line(line_end)) ++line_end;
      // A note in brackets after the last score ("(OT)", "( 10 innings )")
      // is no part of the row.
      size_t b = line_end;
      if (b - a > 4 && TokenText(text_, tokens_[b - 1]) == ")") {
        size_t o = b - 1;
        while (o > a && b - o <= 4 && TokenText(text_, tokens_[o]) != "(") --o;
        // Not a last score's scorers ("Russia 1 (Kiriakov 60)").
        bool scorer = false;
        for (size_t k = o + 1; k + 1 < b && !scorer; ++k)
          scorer = tokens_[k].kind == TokenKind::kWord && tokens_[k].upper && tokens_[k + 1].kind == TokenKind::kNumber;
        if (TokenText(text_, tokens_[o]) == "(" && o > a && !scorer) b = o;
      }
      // Cheapest first: a row begins with a team's capitalised name and its
      // score within five tokens.
      bool may = tokens_[a].kind == TokenKind::kWord && tokens_[a].upper;
      if (may) {
        may = false;
        for (size_t k = a + 1; k < b && k <= a + 5 && !may; ++k) may = tokens_[k].kind == TokenKind::kNumber;
      }
      if (!may) {
        a = line_end;
        continue;
      }
      // A half-time score in brackets and, after a dash, each team's scorers
      // ("Cologne 2 Arminia Bielefeld 2 (1-0) - Cologne: Toni Polster (35th);
      // Bielefeld: ..."): the row ends before the bracket.
      const size_t scorers = HalfTimeScore(a, &b);
      const bool digest = RowWithoutScorers(a, &b, &row, &groups);
      if (!IsResultRow(row) || (digest && !DigestScores(row))) {
        StandingsRow(a, b);
      } else {
        results_row_seen_ = true;
        if (!indexed) {
          indexed = true;
          by_first.resize(cands_.size());
          for (uint32_t x = 0; x < by_first.size(); ++x) by_first[x] = x;
          std::stable_sort(by_first.begin(), by_first.end(),
                           [&](uint32_t p, uint32_t q) { return cands_[p].first < cands_[q].first; });
        }
        dropped_.resize(cands_.size(), false);
        known.clear();
        auto in_group = [&](size_t k) {
          return std::any_of(groups.begin(), groups.end(),
                             [&](const auto& g) { return g.first < k && k < g.second; });
        };
        auto from = std::lower_bound(by_first.begin(), by_first.end(), a,
                                     [&](uint32_t x, size_t t) { return cands_[x].first < t; });
        for (auto it = from; it != by_first.end() && cands_[*it].first < b; ++it) {
          const Cand& c = cands_[*it];
          if (c.end > b || in_group(c.first)) continue;
          // A country's national side stays the country (the guidelines:
          // "Brazil 3 (Ronaldo 12) Russia 1" has two LOC).
          if (c.kb != nullptr && (c.type == v1::ORG || NamesACountry(*c.kb)) && IsTeamRun(row, c.first, c.end)) {
            known.emplace_back(c.first, c.end);
          } else {
            dropped_[*it] = true;
          }
        }
        // `known` is in text order, as the teams: one walk through both.
        size_t kn = 0;
        uint32_t team = row.front();
        teams.clear();
        countries.clear();
        bool club = false;  // a team that is no country
        for (size_t r = 0; r < row.size(); ++r) {
          const uint32_t k = row[r];
          if (tokens_[k].kind != TokenKind::kNumber) continue;
          while (kn < known.size() && known[kn].first < team) ++kn;
          const bool is_known = kn < known.size() && known[kn].first == team && known[kn].second == k;
          if (!is_known && k > team) AddTableName(team, k, v1::ORG);
          if (k > team) {
            teams.emplace_back(team, k);
            const bool country = is_known && CountryCandAt(by_first, from, b, team, k);
            if (country) countries.emplace_back(team, k);
            club = club || !country;
          }
          if (r + 1 < row.size()) team = row[r + 1];
        }
        // A country's name against a club is a club named after it ("Monaco
        // 2 Lens 0" in a French league's results): national sides meet
        // national sides.
        if (club) {
          for (const auto& [first, end] : countries) {
            for (auto it = from; it != by_first.end() && cands_[*it].first < b; ++it)
              if (cands_[*it].first == first && cands_[*it].end == end) dropped_[*it] = true;
            AddTableName(first, end, v1::ORG);
          }
        }
        for (const auto& [open, close] : groups) ScorersIn(open, close);
        if (scorers < line_end) {
          TeamsBeforeScorers(scorers, line_end, teams);
          ScorersIn(static_cast<uint32_t>(scorers - 1), static_cast<uint32_t>(line_end));
        }
      }
      a = line_end;
    }
  }
  // The row of tokens from a: a bracket right after a score is its scorers
  // ("Barcelona 3 (Ronaldo 21, 58, Luis Figo 77) Espanyol 1 (Pochettino
  // 49)"), left out of `row` and listed in `groups`; a full stop after a
  // score or such a bracket ends the row (". Attendance 98,000." is prose),
  // *b with it. A digest's line writes a comma after the first score and
  // its comment after a spaced dash ("Tappara 4, Ilves 2 — Tampere rivals
  // meet", "Kärpät 3, HIFK 2 (OT) — Lindqvist wins it"): the comma is no
  // part of the row, the dash ends it. True when the row had such a comma.
  bool RowWithoutScorers(size_t a, size_t* b, std::vector<uint32_t>* row,
                         std::vector<std::pair<uint32_t, uint32_t>>* groups) const {
    row->clear();
    groups->clear();
    bool comma = false;
    for (size_t k = a; k < *b; ++k) {
      const std::string_view t = TokenText(text_, tokens_[k]);
      const bool after_score = !row->empty() && tokens_[row->back()].kind == TokenKind::kNumber;
      if (after_score && t == ",") {
        comma = true;
        continue;
      }
      if (after_score && k + 1 < *b && (t == "\u2014" || t == "\u2013" || t == "-") &&
          tokens_[k].begin_byte > tokens_[k - 1].end_byte && tokens_[k + 1].begin_byte > tokens_[k].end_byte) {
        *b = k;
        break;
      }
      if (t == "(" && after_score) {
        size_t c = k + 1;
        while (c < *b && TokenText(text_, tokens_[c]) != ")" && TokenText(text_, tokens_[c]) != "(") ++c;
        if (c < *b && TokenText(text_, tokens_[c]) == ")" && !NamesPlaceOrOrg(k + 1, c)) {
          groups->emplace_back(static_cast<uint32_t>(k), static_cast<uint32_t>(c));
          k = c;
          continue;
        }
      }
      // A full stop or a note's word after the scores ends the row
      // ("... (Pochettino 49). Attendance 98,000.", "... Attendance 12,000").
      const bool note = tokens_[k].upper && (keys_[k] == "attendance" || keys_[k] == "halftime" ||
                                             keys_[k] == "referee" || keys_[k] == "sent");
      if ((t == "." || note) && after_score && !groups->empty()) {
        *b = k;
        break;
      }
      row->push_back(static_cast<uint32_t>(k));
    }
    return comma;
  }
  // A digest's row (a comma after its first score) of a game's scores, not
  // a poll's or a vote's ("Harris 48, Trump 47 — Quinnipiac poll", "Yes 52,
  // No 48", "Ayes 312, Noes 288"): every score 30 or less, or every score
  // from 50 to 199 on a sports page whose head says it gives results
  // (SportsTable, ResultsHead: "Partizan 88, Zalgiris 81" under
  // "BASKETBALL-EUROLEAGUE RESULTS"); and no side a word of a vote
  // ("Yes", "No", "Ayes", "Noes", "For", "Against").
  bool DigestScores(const std::vector<uint32_t>& row) {
    bool low = true, basketball = true;
    for (const uint32_t k : row) {
      if (tokens_[k].kind == TokenKind::kNumber) {
        const int v = WholeNumber(TokenText(text_, tokens_[k]));
        low = low && v >= 0 && v <= 30;
        basketball = basketball && v >= 50 && v <= 199;
      } else if (keys_[k] == "yes" || keys_[k] == "no" || keys_[k] == "ayes" || keys_[k] == "noes" ||
                 keys_[k] == "for" || keys_[k] == "against") {
        return false;
      }
    }
    return low || (basketball && SportsTable() && ResultsHead());
  }
  // Whether the document's first lines say it gives results ("RESULTS",
  // "Results of EuroLeague games", "NBA scores"): a basketball digest's
  // rows, whose scores look like a poll's votes, a budget's lines or a
  // player's points ("LeBron James 150, Stephen Curry 145").
  bool ResultsHead() const {
    const std::string_view head = text_.substr(0, std::min<size_t>(text_.size(), 300));
    return HasIgnoringCase(head, "result") || HasIgnoringCase(head, "scores");
  }
  // Whether the document is a sports page with tables: a results line seen
  // before, or a sport or a league table named in its first lines ("ICE
  // HOCKEY - NHL STANDINGS"); tables of temperatures, prices, polls or
  // casualties have none.
  bool SportsTable() {
    if (sports_table_ < 0) {
      static constexpr std::string_view kCues[] = {"soccer", "football", "hockey", "basketball", "baseball",
                                                   "rugby", "cricket", "handball", "volleyball", "standings",
                                                   "league table", "nhl", "nba", "nfl"};
      const std::string_view head = text_.substr(0, std::min<size_t>(text_.size(), 300));
      sports_table_ = 0;
      for (std::string_view cue : kCues)
        if (HasIgnoringCase(head, cue)) sports_table_ = 1;
    }
    return sports_table_ > 0 || results_row_seen_;
  }
  // A row of a league table ("Hartford 9 5 2 52 44 20", "Tampa Bay 6 9 2
  // 45 51 14") on a sports page (SportsTable): a name, then three whole
  // numbers or more and nothing else. A place
  // there that is no country is the town's team, an organisation; a
  // country's side stays the country, and names the knowledge base does not
  // know as places (a golfer's "Tiger Woods 68 70 72") are the model's.
  void StandingsRow(size_t a, size_t b) {
    size_t e = a;
    while (e < b && tokens_[e].kind == TokenKind::kWord && (tokens_[e].upper || (FlagsOf(keys_[e]) & kConn))) ++e;
    if (e == a || e - a > 4) return;
    // Numbers apart, not one glued together ("NEW YORK 1996-11-03" is a
    // dateline; "52-44" one column).
    size_t numbers = 0;
    for (size_t k = e; k < b; ++k) {
      if (tokens_[k].kind == TokenKind::kNumber) {
        // Whole numbers: a table of prices, rates or times has decimals.
        if (TokenText(text_, tokens_[k]).find_first_of(".,") != std::string_view::npos) return;
        numbers += !Glued(tokens_, k);
      } else if (!IsHyphenToken(text_, tokens_[k])) {
        return;
      }
    }
    if (numbers < 3 || !SportsTable()) return;
    for (size_t x = 0; x < cands_.size(); ++x) {
      const Cand& c = cands_[x];
      if (c.first != a || c.end != e || c.type != v1::LOC || (c.kb != nullptr && NamesACountry(*c.kb))) continue;
      dropped_.resize(cands_.size(), false);
      dropped_[x] = true;
      AddTableName(a, e, v1::ORG);
      return;
    }
  }
  // A cricket innings in a scorecard ("Somerset 341 (M. Burns 96, R. Harden
  // 58; J. Wood 4-80)", "Essex 402-7 declared (N. Hussain 131)", "Durham
  // 88-2 (J. Morris 41 not out)"): a name, its runs (and wickets), maybe
  // "declared", then a bracket of players with their figures and a
  // scorecard's marks (initials, bowling figures, "not out"). The name is
  // the side: a place that is no country is the county's or the town's
  // club, an organisation; a country stays the national side. The bracket's
  // players are people (ScorersIn). Rows a results line took are left.
  void CricketInnings() {
    // Only the brackets: found in the text (memchr), then their token.
    for (size_t at = text_.find('('); at != std::string_view::npos; at = text_.find('(', at + 1)) {
      const auto it = std::lower_bound(tokens_.begin(), tokens_.end(), at,
                                       [](const Token& t, size_t b) { return t.begin_byte < b; });
      if (it == tokens_.end() || it->begin_byte != at) continue;
      const size_t o = static_cast<size_t>(it - tokens_.begin());
      if (o < 2 || tokens_[o].kind != TokenKind::kPunct || tokens_[o - 1].kind == TokenKind::kPunct) continue;
      size_t p = o - 1;
      if (keys_[p] == "declared" || keys_[p] == "dec") --p;
      if (p == 0 || tokens_[p].kind != TokenKind::kNumber) continue;
      if (p >= 2 && IsHyphenToken(text_, tokens_[p - 1]) && Glued(tokens_, p) && Glued(tokens_, p - 1) &&
          tokens_[p - 2].kind == TokenKind::kNumber)
        p -= 2;
      const size_t e = p;
      size_t a = e;
      while (a > 0 && e - a < 4 && tokens_[a - 1].kind == TokenKind::kWord && tokens_[a - 1].upper && same_line(a))
        --a;
      if (a == e || !same_line(e)) continue;
      const bool declared = keys_[o - 1] == "declared" || keys_[o - 1] == "dec";
      size_t c = o + 1;
      while (c < n_ && same_line(c) && TokenText(text_, tokens_[c]) != ")" && TokenText(text_, tokens_[c]) != "(") ++c;
      if (c >= n_ || TokenText(text_, tokens_[c]) != ")") continue;
      // Players with figures: a capitalised word right before a number; and
      // the scorecard's marks: an initial before a player ("M. Burns 96"),
      // a bowler's figures ("J. Wood 4-80"), "not out" or a declaration (an
      // election's or a history's bracket has none: "Texas 38-0 (Trump 52,
      // Clinton 43)", "Istanbul 1453-1923 (Mehmed 1, Ataturk 1)").
      size_t players = 0;
      bool marks = declared;
      for (size_t k = o + 1; k + 1 < c; ++k) {
        if (tokens_[k].kind == TokenKind::kWord && tokens_[k].upper && tokens_[k + 1].kind == TokenKind::kNumber) {
          ++players;
          marks = marks || (k > o + 2 && InitialStop(k - 1)) ||
                  (k + 3 < c && IsHyphenToken(text_, tokens_[k + 2]) && Glued(tokens_, k + 2) &&
                   tokens_[k + 3].kind == TokenKind::kNumber);
        }
        if (!tokens_[k].upper && keys_[k] == "not" && keys_[k + 1] == "out") marks = true;
      }
      // A place or an organisation of the knowledge base there, not after an
      // initial, says the bracket holds no players ("Yeltsin 35 (Moscow 61)").
      if (players == 0 || !marks || NamesPlaceOrOrg(o + 1, c, false)) continue;
      bool taken = false;
      for (size_t x = 0; x < cands_.size() && !taken; ++x)
        taken = cands_[x].first < c && o < cands_[x].end && cands_[x].rule == std::string_view("ner:results-row");
      if (taken) continue;
      dropped_.resize(cands_.size(), false);
      bool country = false;
      for (size_t x = 0; x < cands_.size(); ++x) {
        const Cand& cd = cands_[x];
        if (cd.first != a || cd.end != e) continue;
        if (cd.kb != nullptr && NamesACountry(*cd.kb)) country = true;
        else dropped_[x] = true;
      }
      if (!country) AddTableName(a, e, v1::ORG);
      ScorersIn(static_cast<uint32_t>(o), static_cast<uint32_t>(c));
      at = tokens_[c].begin_byte;
    }
  }
  // Whether the candidates of a results row (by_first from `from`, before
  // token b) hold a country of the knowledge base over exactly [first, end).
  bool CountryCandAt(const std::vector<uint32_t>& by_first, std::vector<uint32_t>::const_iterator from, size_t b,
                     uint32_t first, uint32_t end) const {
    for (auto it = from; it != by_first.end() && cands_[*it].first < b; ++it) {
      const Cand& c = cands_[*it];
      if (c.first == first && c.end == end && c.kb != nullptr && NamesACountry(*c.kb)) return true;
    }
    return false;
  }
  // A half-time score after the row's scores, "(1-0)", at the line's end
  // or before a dash and the scorers, or a dash and the scorers alone: *b is
  // moved to the bracket or the dash and the scorers' first token returned
  // (*b's old value when there are none).
  size_t HalfTimeScore(size_t a, size_t* b) const {
    const size_t end = *b;
    auto is = [&](size_t k, std::string_view t) { return k < end && TokenText(text_, tokens_[k]) == t; };
    auto num = [&](size_t k) {
      return k < end && tokens_[k].kind == TokenKind::kNumber &&
             TokenText(text_, tokens_[k]).find('.') == std::string_view::npos;
    };
    for (size_t o = a + 3; o + 5 <= end; ++o) {
      if (!is(o, "(") || !num(o - 1) || !num(o + 1) || !IsHyphenToken(text_, tokens_[o + 2]) || !num(o + 3) ||
          !is(o + 4, ")"))
        continue;
      if (o + 5 == end) {
        *b = o;
        return end;
      }
      if (IsHyphenToken(text_, tokens_[o + 5]) && !Glued(tokens_, o + 5)) {
        *b = o;
        return o + 6;
      }
      return end;
    }
    // Or no half-time score: a spaced dash right after a score, then the
    // scorers ("Aston Villa 1 Derby 0 - Yorke 63", "America 3 Atlante 1 -
    // Blanco 15, 67; Zague 50").
    for (size_t d = a + 3; d + 1 < end; ++d) {
      if (!IsHyphenToken(text_, tokens_[d]) || Glued(tokens_, d) || Glued(tokens_, d + 1)) continue;
      if (num(d - 1) && tokens_[d + 1].kind == TokenKind::kWord && tokens_[d + 1].upper) {
        *b = d;
        return d + 1;
      }
      return end;
    }
    return end;
  }
  // The scorers after a row, by team ("Cologne: Toni Polster (35th, 70th
  // penalty); Bielefeld: Thomas von Heesen (60th)"): a label before a colon
  // at the part's start (or after ";") that is one of the row's teams or
  // the end of one ("Bielefeld" of "Arminia Bielefeld") is that team, an
  // organisation, whatever the knowledge base calls the word; other labels
  // ("Scorers:", "Attendance:") are not.
  void TeamsBeforeScorers(size_t from, size_t end, const std::vector<std::pair<uint32_t, uint32_t>>& teams) {
    for (size_t s = from; s < end;) {
      size_t colon = s;
      while (colon < end && colon < s + 5 && tokens_[colon].kind == TokenKind::kWord && tokens_[colon].upper) ++colon;
      const bool label = colon > s && colon < end && TokenText(text_, tokens_[colon]) == ":";
      const bool a_team = label && std::any_of(teams.begin(), teams.end(), [&](const auto& t) {
        const size_t len = colon - s, tlen = t.second - t.first;
        if (len > tlen) return false;
        for (size_t k = 0; k < len; ++k)
          if (keys_[s + k] != keys_[t.second - len + k]) return false;
        return true;
      });
      if (a_team) {
        for (size_t x = 0; x < cands_.size(); ++x)
          if (cands_[x].first < colon && s < cands_[x].end) dropped_[x] = true;
        AddTableName(s, colon, v1::ORG);
      }
      while (s < end && TokenText(text_, tokens_[s]) != ";") ++s;
      ++s;
    }
  }
  // Token k is the full stop of an initial ("G." of "G. Thorpe").
  bool InitialStop(size_t k) const {
    return k > 0 && InitialAt(text_, tokens_, k - 1);
  }
  // A name of a results line, a table or a scorecard, [first, end), as the
  // rules' candidate of `type` (a team or a player).
  void AddTableName(size_t first, size_t end, v1::EntityType type) {
    cands_.push_back(Cand{static_cast<uint32_t>(first), static_cast<uint32_t>(end), type, 0.9f,
                          names_->emplace_back(NameOf(text_, tokens_, first, end)), {}, "ner:results-row", nullptr,
                          false, true});
    dropped_.resize(cands_.size(), false);
  }
  // Whether a capitalised word in tokens [a, e) begins a place or an
  // organisation of the knowledge base: such a bracket holds no scorers
  // ("Yeltsin 35 (Moscow 61)", "Ronaldo 12 (Barcelona 3)").
  // With `after_initials` false, a word right after an initial ("N.
  // Knight") is a player's name whatever the knowledge base calls it.
  bool NamesPlaceOrOrg(size_t a, size_t e, bool after_initials = true) const {
    KnowledgeBase::Match m;
    for (size_t k = a; k < e; ++k) {
      if (tokens_[k].kind != TokenKind::kWord || !tokens_[k].upper ||
          (!after_initials && k >= a + 2 && InitialStop(k - 1)) || !kb_->LongestMatch(text_, tokens_, keys_, k, &m))
        continue;
      const v1::EntityType type = kb_->entities()[static_cast<size_t>(m.entity)].type;
      if (type == v1::LOC || type == v1::ORG) return true;
    }
    return false;
  }
  // The scorers in a bracket (open, close): each run of capitalised words
  // right before a number ("Luis Figo 77", "Ulf Kirsten 2", "G. Thorpe 85")
  // is a person, without the scoring's words before it ("Pens Andrew 4",
  // "Penalty Signori 55").
  void ScorersIn(uint32_t open, uint32_t close) {
    static const WordSet kScoring = {
        "pen", "pens", "penalty", "penalties", "try", "tries", "con", "cons", "og", "drop", "dg", "pk"};
    for (uint32_t k = open + 1; k < close;) {
      // A particle may begin the name ("de Boer", "di Canio").
      const bool particle = tokens_[k].kind == TokenKind::kWord && !tokens_[k].upper && (FlagsOf(keys_[k]) & kConn) &&
                            k + 1 < close && tokens_[k + 1].kind == TokenKind::kWord && tokens_[k + 1].upper;
      if (!particle && (tokens_[k].kind != TokenKind::kWord || !tokens_[k].upper || kScoring.Has(keys_[k]))) {
        ++k;
        continue;
      }
      uint32_t e = k + 1;
      while (e < close) {
        if (tokens_[e].kind == TokenKind::kWord && (tokens_[e].upper || (FlagsOf(keys_[e]) & kConn))) {
          ++e;
        } else if (e + 1 < close && IsHyphenToken(text_, tokens_[e]) && Glued(tokens_, e) && Glued(tokens_, e + 1) &&
                   tokens_[e + 1].kind == TokenKind::kWord) {
          e += 2;  // "Karl-Heinz Riedle"
        } else if (InitialStop(e)) {
          ++e;  // an initial: "G. Thorpe"
        } else {
          break;
        }
      }
      if (e < close && tokens_[e].kind == TokenKind::kNumber && e - k <= 4) AddTableName(k, e, v1::PERSON);
      k = e;
    }
  }
  // [first, end) is a whole team's run of the row: a number or the row's
  // start before it, a number of the row after it.
  bool IsTeamRun(const std::vector<uint32_t>& row, size_t first, size_t end) const {
    auto at = std::find(row.begin(), row.end(), first);
    if (at == row.end()) return false;
    const bool starts = at == row.begin() || tokens_[*(at - 1)].kind == TokenKind::kNumber;
    auto last = std::find(at, row.end(), end);
    return starts && last != row.end() && tokens_[end].kind == TokenKind::kNumber &&
           last - at == static_cast<std::ptrdiff_t>(end - first);
  }
  bool IsResultRow(const std::vector<uint32_t>& row) const {
    // Most lines are prose: they end in a full stop, not a score.
    if (row.size() < 4 || tokens_[row.back()].kind != TokenKind::kNumber) return false;
    size_t pairs = 0, words = 0;
    for (const uint32_t k : row) {
      const Token& t = tokens_[k];
      if (t.kind == TokenKind::kNumber) {
        if (words == 0) return false;
        ++pairs, words = 0;
      } else if (t.kind == TokenKind::kWord && (t.upper || (FlagsOf(keys_[k]) & kConn))) {
        if (++words > 4) return false;  // a team's name is short: this is a sentence
      } else if (!(t.kind == TokenKind::kPunct && words > 0 &&
                   (IsHyphenToken(text_, t) || TokenText(text_, t) == "."))) {
        return false;
      }
    }
    return pairs >= 2;  // the last token is a number: no name is left without its score
  }

  // Types the run [first, end) by its cues and adds it as a candidate, or
  // leaves it when nothing says it is a name.
  void TypeRun(size_t first, size_t end) {
    bool title_before = false;
    // A title inside the run stays outside the span: "Comrade Dave Brownz".
    while (end - first > 1 && (flags(first) & kTitle)) {
      ++first;
      title_before = true;
    }
    // Two names joined by "and" where the first ends in an organisation word
    // are two organisations ("Newmont Mining and British Airways").
    for (size_t k = first + 1; k + 1 < end; ++k) {
      if (keys_[k] == "and" && (flags(k - 1) & kOrg)) {
        TypeRun(first, k);
        TypeRun(k + 1, end);
        return;
      }
    }
    size_t len = end - first;
    const uint32_t last_flags = flags(end - 1);
    bool org = (last_flags & kOrg) != 0;
    bool place = (last_flags & kPlace) != 0 && len > 1;
    // A run containing "of" that is neither an organisation nor a place is
    // cut before the "of".
    if (!org && !place) {
      for (size_t k = first; k < end; ++k) {
        if (keys_[k] == "of") {
          end = k;
          len = end - first;
          break;
        }
      }
    }
    if (len == 0) return;
    // A place or group name from the KB right before an organisation or place
    // word sequence is part of that name: "Damascus Workers Committee".
    if ((org || place) && first > 0 && kb_ending_at_[first - 1] >= 0) {
      Cand& prev_kb = cands_[kb_ending_at_[first - 1]];
      if ((prev_kb.type == v1::LOC || prev_kb.type == v1::NORP) &&
          tokens_[first].begin_byte > tokens_[first - 1].end_byte) {
        dropped_[kb_ending_at_[first - 1]] = true;
        first = prev_kb.first;
        len = end - first;
      }
    }
    const Token& t0 = tokens_[first];
    std::string_view prev = first > 0 ? std::string_view(keys_[first - 1]) : std::string_view();
    if (first > 0 && tokens_[first - 1].kind == TokenKind::kPunct) prev = {};
    std::string_view next = end < n_ ? std::string_view(keys_[end]) : std::string_view();
    if (end < n_ && IsApostropheTok(text_, tokens_[end]) && end + 2 < n_) next = keys_[end + 2];
    if (title_before) prev = "mr";
    const uint32_t prev_flags = FlagsOf(prev), next_flags = FlagsOf(next);
    bool person_cue = (prev_flags & kTitle) || (next_flags & kPersonVerb);
    // Inside quotes a capitalised run is usually a title of a work.
    bool quoted = false;
    if (first > 0 && tokens_[first - 1].kind == TokenKind::kPunct) {
      size_t qp = tokens_[first - 1].begin_byte;
      char32_t q = DecodeUtf8(text_, &qp);
      quoted = q == '"' || q == 0x201C || q == 0x2018 || q == '\'';
    }
    std::string_view ctx_name;
    if (len == 1 && context_names_ != nullptr && !context_names_->empty()) {
      ctx_name = ContextName(keys_[first]);
    }
    bool place_cue = (prev_flags & kPlacePrep) != 0;
    bool has_connector = false;
    for (size_t k = first; k < end; ++k) has_connector |= (flags(k) & kConn) != 0;
    v1::EntityType type = v1::ENTITY_TYPE_UNSPECIFIED;
    float score = 0.5f;
    std::string_view rule;
    if (org) {
      type = v1::ORG, score = 0.75f, rule = "ner:org-word";
    } else if (place) {
      type = v1::LOC, score = 0.75f, rule = "ner:place-word";
    } else if (person_cue) {
      type = v1::PERSON, score = 0.75f, rule = "ner:person-cue";
    } else if (!ctx_name.empty()) {
      type = v1::PERSON, score = 0.7f, rule = "ner:thread-name";
    } else if (len == 1 && t0.all_caps && TokenText(text_, t0).size() >= 2 &&
               TokenText(text_, t0).size() <= 6 && !capw_.LowerSeen(keys_[first]) &&
               (prev == "the" || (next_flags & kAcronymCue))) {
      type = v1::ORG, score = 0.5f, rule = "ner:acronym";
    } else if (len >= 2) {
      if (quoted || keys_[end - 1].back() == 's') return;  // titles of works, plurals
      type = v1::PERSON, score = has_connector ? 0.65f : 0.55f, rule = "ner:capitalised-sequence";
    } else if (!TypeLoneWord(first, place_cue, &type, &score, &rule)) {
      return;
    }
    if (len == 1) {
      // A lone word needs evidence that it is a name: not a sentence start
      // (unless seen capitalised mid-sentence too) and never in lower case.
      if (capw_.LowerSeen(keys_[first])) return;
      if (t0.sentence_start && capw_.UpperMid(keys_[first]) == 0 && !person_cue &&
          ctx_name.empty()) {
        return;
      }
      if (t0.all_caps && rule != "ner:acronym") return;
    } else if (t0.sentence_start && capw_.LowerSeen(keys_[first]) && !org && !place) {
      return;
    }
    std::string_view name_view = ctx_name;
    if (name_view.empty()) name_view = names_->emplace_back(NameOf(text_, tokens_, first, end));
    cands_.push_back(Cand{static_cast<uint32_t>(first), static_cast<uint32_t>(end), type, score,
                          name_view, {}, rule, nullptr, false,
                          rule != "ner:single-capitalised" && rule != "ner:capitalised-sequence"});
  }

  // A lone capitalised word with no other cue: an ideology word, a place
  // after a place preposition, or a recurring capitalised word.
  bool TypeLoneWord(size_t first, bool place_cue, v1::EntityType* type, float* score,
                    std::string_view* rule) const {
    std::string_view k = keys_[first];
    if (EndsWith(k, "ists") || EndsWith(k, "ites") || EndsWith(k, "ist") || EndsWith(k, "ite")) {
      *type = v1::NORP, *score = 0.5f, *rule = "ner:ideology-suffix";
    } else if (place_cue && !tokens_[first].sentence_start) {
      *type = v1::LOC, *score = 0.5f, *rule = "ner:place-preposition";
    } else {
      // A name only when it recurs capitalised mid-sentence and does not look
      // like a common noun.
      static constexpr std::string_view kNounSuffixes[] = {
          "ism", "isms", "ation", "ations", "ment", "ments", "ness", "ity", "ities", "ence",
          "ance", "ship", "hood", "ology", "phobe", "phobes", "phobia", "ists", "ians"};
      bool nounish = false;
      for (auto suf : kNounSuffixes) nounish |= EndsWith(k, suf);
      if (nounish || capw_.UpperMid(k) < 2) return false;
      *type = v1::PERSON, *score = 0.4f, *rule = "ner:single-capitalised";
    }
    return true;
  }

  const KnowledgeBase* kb_;
  std::string_view text_;
  const std::vector<Token>& tokens_;
  const KeyViews& keys_;
  const DocWords& capw_;
  const std::vector<std::string>* context_names_;
  std::deque<std::string>* names_;
  const size_t n_;
  std::vector<Cand> cands_;
  std::vector<uint32_t> flag_cache_;
  std::vector<uint8_t> covered_;
  std::vector<int32_t> kb_ending_at_;
  std::vector<bool> dropped_;
  int sports_table_ = -1;          // SportsTable's head cue: -1 not read yet
  bool results_row_seen_ = false;  // ResultRows found one
  std::unordered_map<std::string_view, std::string_view> context_edge_;
  bool context_edge_built_ = false;
};

// Those of them that pair people more than anything else ("the Trump-Xi
// summit"; not "the Johnson-Brexit era", "a Reeves-Treasury split").
bool IsPeoplePairNoun(std::string_view key) {
  return key == "ticket" || key == "summit" || key == "meeting" || key == "talks" || key == "rivalry" ||
         key == "final" || key == "match" || key == "duel" || key == "feud" || key == "bromance" ||
         key == "handshake" || key == "call" || key == "duo" || key == "debate" || key == "showdown" ||
         key == "fight" || key == "bout" || key == "clash";
}
// Of those, the ones no institution or place is paired by ("the Trump-Harvard
// fight", "the Trump-Fed clash", "the Murray-Wimbledon final" are).
bool IsOnlyPeoplePairNoun(std::string_view key) {
  return key == "ticket" || key == "summit" || key == "meeting" || key == "talks" || key == "rivalry" ||
         key == "duel" || key == "feud" || key == "bromance" || key == "handshake" || key == "call" ||
         key == "duo";
}

// A surname's particle written with a capital ("De Smet", "Van Dijk").
bool IsSurnameParticle(std::string_view key) {
  return key == "de" || key == "van" || key == "von" || key == "le" || key == "la" || key == "da" ||
         key == "di" || key == "del" || key == "du" || key == "ter" || key == "ten" || key == "den" || key == "der";
}

// Candidate c, whose tokens or type a step changed, as a name built from its
// own words: no knowledge-base entity or id any more.
void AsBuiltName(std::string_view text, const std::vector<Token>& tokens, std::deque<std::string>* names, Cand* c) {
  c->name = names->emplace_back(NameOf(text, tokens, c->first, c->end));
  c->kb = nullptr, c->id = {}, c->from_kb = false, c->kb_alternates = nullptr;
}

// A person's name of two or more words whose last word goes on after a
// glued hyphen:
//   - in lower case ("Kim Dae-jung", "Lee Teng-hui", "Kim Yoon-man",
//     "Lee Jae-myung", "Ban Ki-moon"): the syllable, up to six letters, is
//     part of the given name. Not the words that make an adjective of a name
//     ("Assad-led", "Putin-backed", "Johnson-style").
//   - with a capital ("Duncan Ferguson-Hale", "Pieter van der Heijden-Bos"):
//     a double-barrelled surname, a particle's with the word after it
//     ("Wout Vermeersch-De Smet"); not a word that begins a name of its own
//     (a candidate of two words or more or a knowledge-base name: "the Joe
//     Biden-Kamala Harris ticket"), nor before a word that makes the
//     compound a pair ("the Donald Trump-Vance ticket", "the Carlos
//     Alcaraz-Sinner final"), nor one a longer name goes on from ("the Ed
//     Miliband-Net Zero agenda", a headline's "Donald Trump-Appointed Judge
//     Blocks Order"), a title, month or weekday.
void ExtendHyphenatedGivenNames(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                                const KnowledgeBase& kb, std::deque<std::string>* names, std::vector<Cand>* cands) {
  static const WordSet kAdjectival = {
      "led", "backed", "based", "born", "owned", "run", "made", "style", "like", "era", "free", "linked",
      "held", "funded", "type", "ist", "ism", "ite", "ites", "ists", "esque", "ian", "ish", "wing",
      "driven", "allied", "ally", "bound", "minded", "loving", "themed", "shaped", "sized", "only", "wide",
      "level", "class", "proof", "ready", "heavy", "laden", "famous", "loyal", "fan", "fans", "camp", "team",
      "brand", "centric", "mania", "phobe", "phile", "ology", "ologist", "gate", "ese", "ization", "ized"};
  // Whether a name of its own begins at token k (rare to ask: a hyphen
  // after a name): a candidate of two words or more, or of the knowledge
  // base. A capitalised word the rules only guessed at ("Shaw" of "Darla
  // McKinney-Shaw") is none.
  auto starts_at = [&](size_t k) {
    return std::any_of(cands->begin(), cands->end(),
                       [&](const Cand& d) { return d.first == k && (d.end > k + 1 || d.kb != nullptr); });
  };
  bool extended = false;
  for (Cand& c : *cands) {
    const size_t h = c.end;
    if (c.type != v1::PERSON || c.end - c.first < 2 || h + 1 >= tokens.size()) continue;
    const Token& hy = tokens[h];
    const Token& syl = tokens[h + 1];
    if (!IsHyphenToken(text, hy) || hy.begin_byte != tokens[h - 1].end_byte || syl.begin_byte != hy.end_byte) continue;
    if (syl.kind != TokenKind::kWord || kAdjectival.Has(keys[h + 1])) continue;
    if (h + 2 < tokens.size() && tokens[h + 2].begin_byte == syl.end_byte &&
        tokens[h + 2].kind != TokenKind::kPunct)
      continue;
    size_t end = h + 2;
    if (syl.upper) {
      KnowledgeBase::Match m;
      if (syl.all_caps || starts_at(h + 1) ||
          (NameWordFlags(keys[h + 1]) & (kStopWord | kTitleWord)) || IsMonthOrWeekday(keys[h + 1]) ||
          kb.LongestMatch(text, tokens, keys, h + 1, &m) ||
          (h + 2 < tokens.size() && names::IsPairNoun(keys[h + 2])))
        continue;
      if (names::CapitalisedNextOnLine(text, tokens, h + 2)) {
        // Only a particle goes on into the surname's next word.
        if (!IsSurnameParticle(keys[h + 1]) || names::CapitalisedNextOnLine(text, tokens, h + 3)) continue;
        end = h + 3;
      }
    } else if (keys[h + 1].size() > 6) {
      continue;
    }
    c.end = static_cast<uint32_t>(end);
    // A longer name than the one matched or built: its own name, no KB id.
    AsBuiltName(text, tokens, names, &c);
    extended = true;
  }
  if (!extended) return;
  // The one-word guesses the surname's second word had are inside it now.
  std::vector<uint8_t> inside(tokens.size(), 0);
  for (const Cand& c : *cands) {
    if (c.type != v1::PERSON || c.end - c.first < 3) continue;
    for (uint32_t k = c.first + 1; k < c.end; ++k) inside[k] = 1;
  }
  std::erase_if(*cands, [&](const Cand& d) { return d.end == d.first + 1 && inside[d.first]; });
}

// A word of text or speech among the six words before token k ("leaflets
// in", "broadcast in", "loudspeakers in"): what follows "in" is a language.
bool SpeechBefore(const KeyViews& keys, size_t k) {
  static const WordSet kSpeech = {
      "leaflets", "leaflet", "printed", "published", "written", "translated", "broadcast", "broadcasts", "subtitles",
      "subtitled", "signs", "notices", "messages", "announcements", "loudspeakers", "sermon", "reading", "sang",
      "sung", "available", "edition", "editions", "version", "versions", "notes", "instructions", "lessons",
      "classes", "taught", "teaching", "fluent", "fluently", "dubbed", "speech", "speeches", "interview",
      "shouts", "shouted", "shouting", "sings", "singing", "writes", "wrote", "writing", "novel", "poems",
      "poetry", "songs", "lyrics", "said", "says", "told", "replied", "answered", "prayed", "preached", "chanted",
      "tweeted", "posted", "text", "texts", "lecture", "lectures", "book", "books", "poem", "story", "stories"};
  for (size_t t = k >= 6 ? k - 6 : 0; t < k; ++t)
    if (kSpeech.Has(keys[t])) return true;
  return false;
}

// A list of languages' names that the sentence says are spoken or are a
// language ("Wolof is widely spoken", "Malay is the national language",
// "Quechua and Aymara are official languages"): the names, joined by
// commas, "and" or "or", then "is", "are", "was" or "were" and, within
// four words, "spoken", "language(s)" or "dialect(s)". Marks them in
// `drop`; whether any was.
bool LanguagesSpoken(const std::vector<Token>& tokens, const KeyViews& keys, const std::vector<Cand>& cands,
                     std::vector<uint8_t>* drop) {
  bool any = false;
  for (size_t x = 0; x < cands.size(); ++x) {
    if ((*drop)[x] || cands[x].end != cands[x].first + 1 || !IsLanguageName(keys[cands[x].first])) continue;
    size_t last = x;
    while (last + 1 < cands.size() && cands[last + 1].end == cands[last + 1].first + 1 &&
           cands[last + 1].first == cands[last].end + 1 && IsLanguageName(keys[cands[last + 1].first]) &&
           (keys[cands[last].end] == "," || keys[cands[last].end] == "and" || keys[cands[last].end] == "or"))
      ++last;
    const size_t e = cands[last].end;
    if (e + 1 >= tokens.size()) continue;
    const std::string_view v = keys[e];
    if (v != "is" && v != "are" && v != "was" && v != "were") continue;
    bool said = false;
    for (size_t k = e + 1; k < tokens.size() && k <= e + 4 && !said; ++k)
      said = keys[k] == "spoken" || keys[k] == "language" || keys[k] == "languages" || keys[k] == "dialect" ||
             keys[k] == "dialects";
    if (!said) continue;
    for (size_t k = x; k <= last; ++k) (*drop)[k] = 1;
    any = true;
    x = last;
  }
  return any;
}

// Whether the lower-case word at token e, after a list of peoples' or
// tongues' names that token f begins, ends the phrase of a tongue: a
// clause going on after "and" ("in Persian and dedicated the award"; not
// a people's word that is no language's before another people's, "in
// Yugoslav and later Croatian design", while "in Serbian and some Croatian
// witnesses" is the tongue); a tongue listed with another the model left
// out ("in Nepali and English"); or how one name alone was spoken ("in
// Bosnian through an interpreter").
bool TongueGoesOnAfter(const std::vector<Token>& tokens, const KeyViews& keys, uint32_t f, uint32_t e, bool alone) {
  const std::string_view n = keys[e];
  const size_t size = tokens.size();
  const bool tongue = IsLanguageName(keys[f]);
  if (n == "and" || n == "or") {
    if (e + 1 >= size || tokens[e + 1].kind != TokenKind::kWord) return false;
    const bool upper_after = e + 2 < size && tokens[e + 2].kind == TokenKind::kWord && tokens[e + 2].upper;
    if (!tokens[e + 1].upper) return tongue || !upper_after;
    return tongue && IsLanguageName(keys[e + 1]) &&
           (e + 2 >= size || tokens[e + 2].kind == TokenKind::kPunct || !tokens[e + 2].upper);
  }
  return tongue && alone && (n == "through" || n == "via");
}

// Languages are no entities (the guidelines), and a language shares its
// word with its people: "a reading in Catalan and Spanish.", "a briefing
// held in Kazakh and Russian, said", "he speaks French fluently". A list of
// one-word peoples (joined by "and", "or" and commas) after "in", "into"
// or a form of "speak", which ends the phrase: punctuation, the text's end,
// a function word, an adverb in -ly or "and" and a lower-case word after it.
// No plural or faith in the list ("in Syrians and Afghans", "into Sunni and
// Shia"). Not before a noun ("in Russian state media", "in Persian and Arab
// communities"). A language's name that the knowledge base has for no
// place counts too, whatever the model typed it ("into Swahili, Kikuyu and
// Luo for patients"; not "in Tonga."), after "in" only in a list with a
// people's word ("in Marathi and English") or after a word of text or
// speech ("leaflets in Swahili, Kikuyu and Luo"; not "floods in Pampanga
// and Pangasinan", provinces). A language's name right before
// "language(s)" is the language ("the Irish language", "Arabic-language
// broadcasts"; not "African languages").
void DropLanguages(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                   const KnowledgeBase& kb, std::vector<Cand>* cands) {
  // "in", "into", or a verb of using a language ("speak", "read", "learn").
  static const WordSet kLeadVerbs = {
      "speak",   "speaks", "spoke",      "speaking",  "spoken", "read",    "reads",   "learn",   "learns",
      "learned", "learnt", "learning",   "teach",     "teaches", "understand", "understands", "understood",
      "write",   "writes", "translate",  "translates", "translated", "study", "studies", "studied", "studying"};
  // (And "from" after a word of translating: "translated from Bengali";
  // "fluent" ("speaks fluent Spanish", "a fluent Welsh speaker"), and a
  // word of how well after a verb of the list: "speaks perfect English".)
  auto lead_at = [&](uint32_t f) {
    const std::string_view k = keys[f - 1];
    if (k == "in" || k == "into" || k == "fluent") return true;
    if (k.size() < 4) return false;
    if (k == "from")
      return f >= 2 && (keys[f - 2] == "translated" || keys[f - 2] == "translation" || keys[f - 2] == "translations");
    if (k == "perfect" || k == "broken" || k == "native" || k == "good")
      return f >= 2 && kLeadVerbs.Has(keys[f - 2]);
    return kLeadVerbs.Has(k);
  };
  static const WordSet kAfter = {
      "then", "but", "to", "with", "for", "on", "at", "by", "as", "so", "while", "because", "when", "where", "which",
      "who", "that", "before", "after", "instead", "too", "only", "also", "again", "is", "was", "are", "were", "from",
      "in", "during", "until", "since"};
  auto tongue_name = [&](const Cand& c) {
    if (!IsLanguageName(keys[c.first])) return false;
    return !names::KbNameOfType(kb, text, tokens, keys, c.first, c.end, {v1::LOC});
  };
  auto people = [&](size_t x) {
    const Cand& c = (*cands)[x];
    return c.end == c.first + 1 && tokens[c.first].upper && !tokens[c.first].all_caps &&
           (c.type == v1::NORP || tongue_name(c));
  };
  // "language" or "languages" after token e, or "-language" glued to it;
  // or a noun of a language's use ("an English translation", "its Spanish
  // initials", "Arabic grammar"; not "lessons", "speakers" or "words", which
  // a people has too: "Japanese lessons in disaster preparedness", "Russian
  // speakers at the forum").
  static const WordSet kTongueNouns = {
      "translation", "translations", "initials", "acronym", "abbreviation", "subtitles", "dubbing",
      "dictionary", "grammar", "spelling", "translator", "translators", "interpreter", "interpreters",
      "proficiency", "fluency", "word", "script", "dialect", "dialects", "alphabet", "surtitles", "captions",
      "subtitle", "voiceover", "narration"};
  auto language_after = [&](uint32_t e) {
    if (e < tokens.size() && IsHyphenToken(text, tokens[e]) && Glued(tokens, e)) {
      ++e;  // (and "Russian-speaking", "Spanish-speaking world")
      return e < tokens.size() && !tokens[e].upper &&
             (keys[e] == "language" || keys[e] == "languages" || keys[e] == "speaking");
    }
    return e < tokens.size() && tokens[e].kind == TokenKind::kWord && !tokens[e].upper &&
           (keys[e] == "language" || keys[e] == "languages" || kTongueNouns.Has(keys[e]));
  };
  // A plural or a faith names people, never a language ("in Syrians and
  // Afghans", "split into Sunni and Shia").
  static const WordSet kFaiths = {
      "sunni", "shia", "shiite", "catholic", "protestant", "muslim", "christian", "jewish", "hindu", "sikh",
      "buddhist", "orthodox", "evangelical", "alawite", "druze", "yazidi", "coptic"};
  auto people_not_tongue = [&](size_t x) {
    const std::string_view k = keys[(*cands)[x].first];
    return k.ends_with("s") || kFaiths.Has(k);
  };
  std::vector<uint8_t> drop(cands->size(), 0);
  bool any = false;
  for (size_t x = 0; x < cands->size(); ++x) {
    const uint32_t f = (*cands)[x].first;
    // The cheap tests first: most candidates have neither a lead word
    // before them nor "language" after them.
    const bool after = language_after((*cands)[x].end), lead = f > 0 && lead_at(f);
    if ((!after && !lead) || !people(x)) continue;
    if (after && IsLanguageName(keys[f])) {
      drop[x] = 1, any = true;
      // And the languages listed before it ("French and English surtitles").
      for (size_t y = x; y > 0; --y) {
        const Cand& c = (*cands)[y - 1];
        const std::string_view j = keys[c.end];
        if (c.end != c.first + 1 || (*cands)[y].first != c.end + 1 || !(j == "and" || j == "or" || j == ",") ||
            !IsLanguageName(keys[c.first]))
          break;
        drop[y - 1] = 1;
      }
      continue;
    }
    if (!lead) continue;
    size_t last = x;  // the list's last people
    while (last + 1 < cands->size() && people(last + 1)) {
      const uint32_t gap = (*cands)[last + 1].first - (*cands)[last].end;
      const std::string_view j = keys[(*cands)[last].end];
      if (gap != 1 || !(j == "and" || j == "or" || j == ",")) break;
      last += 1;
    }
    bool tongues = true, peoples = false;
    for (size_t k = x; k <= last && tongues; ++k) {
      tongues = !people_not_tongue(k);
      peoples = peoples || (*cands)[k].type == v1::NORP;
    }
    // After "in", a list of languages' names only that the model typed
    // otherwise may be places ("floods in Pampanga and Pangasinan", "a
    // rally in Cheyenne on Saturday"): one of them must be a people's word
    // ("in Marathi and English").
    const bool speech = keys[f - 1] == "in" && SpeechBefore(keys, f - 1);
    if (keys[f - 1] == "in" && !peoples && !speech) tongues = false;
    if (!tongues) {
      x = last;
      continue;
    }
    const uint32_t e = (*cands)[last].end;
    // After a word of text or speech, languages' names end the phrase
    // before a verb too ("a novel written in Kazakh won"; not "leaflets in
    // Kurdish areas"): any lower-case word after a language that is no
    // people's of the knowledge base, a verb in the past after one that is
    // ("written in Igbo won", "sung in Quechua topped").
    bool ends = e >= tokens.size() || names::NewlineBetween(text, tokens[e - 1], tokens[e]);
    if (!ends && speech && tokens[e].kind == TokenKind::kWord && !tokens[e].upper) {
      static const WordSet kPastVerbs = {"won", "sold", "became", "took", "had", "has", "drew", "made", "got",
                                         "went", "came", "beat", "led", "saw", "brought", "held", "kept", "left",
                                         "lost", "met", "ran", "sent", "told", "wrote", "sang", "found"};
      const std::string_view v = keys[e];
      const bool past = kPastVerbs.Has(v) || (v.size() > 4 && v.ends_with("ed"));
      ends = true;
      for (size_t k = x; k <= last && ends; ++k) {
        const Cand& c = (*cands)[k];
        ends = IsLanguageName(keys[c.first]) &&
               (past || !names::KbNameOfType(kb, text, tokens, keys, c.first, c.end, {v1::NORP}));
      }
    }
    if (!ends) {
      const std::string_view n = keys[e];
      // "a fluent Welsh speaker": the speaker of a language said fluent.
      const bool speaker = (n == "speaker" || n == "speakers") && keys[f - 1] == "fluent";
      ends = tokens[e].kind == TokenKind::kPunct
                 ? n != "-" && n != "'" && n != "\u2019"
                 : !tokens[e].upper && (kAfter.Has(n) || n.ends_with("ly") || speaker ||
                                         TongueGoesOnAfter(tokens, keys, f, e, last == x));
    }
    if (!ends) continue;
    for (size_t k = x; k <= last; ++k) drop[k] = 1;
    any = true;
    x = last;
  }
  any = LanguagesSpoken(tokens, keys, *cands, &drop) || any;
  if (!any) return;
  size_t x = 0;
  std::erase_if(*cands, [&](const Cand&) { return drop[x++] != 0; });
}

// Letters after a person's name are no part of it ("Úna Creedon SC", "Sir
// Keir Starmer KC", "Jane Smithers MP", "Alan Hughes OBE"): a person's
// mention of two words or more gives up a last token in capitals that is
// such a postnominal, after a word in mixed case; its name is the rest.
void DropPostnominals(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                      std::deque<std::string>* names, std::vector<Cand>* cands) {
  static const WordSet kLetters = {
      "sc", "qc", "kc", "mp", "mep", "msp", "mla", "td", "obe", "mbe", "cbe", "kbe", "dbe", "jp", "frs"};
  for (Cand& c : *cands) {
    if (c.type != v1::PERSON || c.end - c.first < 2) continue;
    const uint32_t last = c.end - 1;
    if (!tokens[last].all_caps || TokenText(text, tokens[last]).size() < 2 || !kLetters.Has(keys[last]) ||
        tokens[last - 1].kind != TokenKind::kWord || tokens[last - 1].all_caps || Glued(tokens, last))
      continue;
    c.end = last;
    if (c.kb == nullptr) c.name = names->emplace_back(NameOf(text, tokens, c.first, c.end));
  }
}

// A person's surname of two words and a glued hyphen that the document
// gives whole after a given name ("Darla McKinney-Shaw", "Fatima
// el-Amrani") is whole where it stands alone: "McKinney-Shaw said" is one
// name, not the two its words' repeats made, and "El-Amrani" not "Amrani".
// Only where one-word person candidates or nothing stand on its words.
void CompleteHyphenatedSurnames(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                                std::deque<std::string>* names, std::vector<Cand>* cands) {
  auto hyphen = [&](size_t k) {
    return k + 1 < tokens.size() && k > 0 && IsHyphenToken(text, tokens[k]) && Glued(tokens, k) &&
           Glued(tokens, k + 1);
  };
  std::vector<std::pair<std::string_view, std::string_view>> surnames;
  for (const Cand& c : *cands) {
    if (c.type == v1::PERSON && c.end - c.first >= 4 && hyphen(c.end - 2) &&
        tokens[c.end - 3].kind == TokenKind::kWord && tokens[c.end - 1].kind == TokenKind::kWord &&
        tokens[c.end - 1].upper)
      surnames.emplace_back(keys[c.end - 3], keys[c.end - 1]);
  }
  if (surnames.empty()) return;
  // Only one-word person candidates can become the surname: each with the
  // hyphen and the other word before or after it, that word untagged or
  // another one-word person (the candidates are in text order).
  auto lone_person = [&](size_t x) {
    const Cand& c = (*cands)[x];
    return c.type == v1::PERSON && c.end == c.first + 1;
  };
  auto known = [&](size_t k) {
    return std::find(surnames.begin(), surnames.end(), std::make_pair(keys[k], keys[k + 2])) != surnames.end();
  };
  auto standalone = [&](size_t k) {  // the compound from token k is no part of a longer word
    return tokens[k].kind == TokenKind::kWord && tokens[k + 2].kind == TokenKind::kWord &&
           !(k > 0 && Glued(tokens, k)) &&
           !(k + 3 < tokens.size() && Glued(tokens, k + 3) && tokens[k + 3].kind != TokenKind::kPunct);
  };
  std::vector<uint8_t> drop(cands->size(), 0);
  for (size_t x = 0; x < cands->size(); ++x) {
    if (drop[x] || !lone_person(x)) continue;
    Cand& c = (*cands)[x];
    const uint32_t p = c.first;
    size_t k;
    if (p + 2 < tokens.size() && hyphen(p + 1) && standalone(p) && known(p)) {
      // "McKinney" + "-Shaw": the word after untagged or a lone person.
      const bool next = x + 1 < cands->size() && (*cands)[x + 1].first <= p + 2;
      if (next && !((*cands)[x + 1].first == p + 2 && lone_person(x + 1))) continue;
      if (next) drop[x + 1] = 1;
      k = p;
    } else if (p >= 2 && hyphen(p - 1) && standalone(p - 2) && known(p - 2)) {
      // "El-" + "Amrani": the word before untagged.
      if (x > 0 && (*cands)[x - 1].end > p - 2) continue;
      k = p - 2;
    } else {
      continue;
    }
    c.first = static_cast<uint32_t>(k), c.end = static_cast<uint32_t>(k + 3);
    AsBuiltName(text, tokens, names, &c);
  }
  size_t x = 0;
  std::erase_if(*cands, [&](const Cand&) { return drop[x++] != 0; });
}

// A place's or institution's name through a possessive before the kind of
// place it is ("St. Mary's Stadium", "St. James' Park", "St Paul's
// School"): the candidate before the apostrophe (a saint's name, or a place
// the knowledge base does not know, or a king's or a queen's with the
// title), a glued apostrophe and "s" (or the
// apostrophe alone after an s), then a spaced capitalised word of the list
// and no capitalised word after it; the whole is one name, of the head's
// type (a school is an organisation, a stadium a place). Not an
// organisation's possessive ("Google's Street View", "Yale's School of
// Management", "Chelsea's Academy"), a known place's ("Paris's Park") or
// a person's, nor a head that begins a longer name ("St Petersburg's
// Palace Square").
void ExtendPossessiveFacilities(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                                std::deque<std::string>* names, std::vector<Cand>* cands) {
  static const std::unordered_map<std::string_view, v1::EntityType> kHeads = {
      {"stadium", v1::LOC},   {"park", v1::LOC},      {"square", v1::LOC},   {"road", v1::LOC},
      {"street", v1::LOC},    {"lane", v1::LOC},      {"avenue", v1::LOC},   {"bridge", v1::LOC},
      {"island", v1::LOC},    {"bay", v1::LOC},       {"green", v1::LOC},    {"cross", v1::LOC},
      {"hill", v1::LOC},      {"field", v1::LOC},     {"ground", v1::LOC},   {"arena", v1::LOC},
      {"palace", v1::LOC},    {"castle", v1::LOC},    {"cathedral", v1::LOC}, {"church", v1::LOC},
      {"abbey", v1::LOC},     {"chapel", v1::LOC},    {"basilica", v1::LOC}, {"wharf", v1::LOC},
      {"college", v1::ORG},   {"university", v1::ORG}, {"school", v1::ORG},  {"academy", v1::ORG},
      {"hospital", v1::ORG}};
  std::vector<std::pair<uint32_t, uint32_t>> grown;  // (old end, new end)
  for (Cand& c : *cands) {
    const size_t h = c.end;
    const std::string_view first = keys[c.first];
    const bool saint = first == "st" || first == "saint";
    // A saint's, though St Peter is a town ("St Peter's Square").
    const bool unknown_place = c.type == v1::LOC && c.kb == nullptr;
    // A king's or a queen's, the title before the person's name ("Queen
    // Ingrid's Hospital", "King Edward's School"): the name takes it in.
    // (Only an institution: "King Charles's Palace" is the king's own.)
    const bool royal = c.type == v1::PERSON && c.first >= 1 && tokens[c.first - 1].upper &&
                       !Glued(tokens, c.first) &&
                       (keys[c.first - 1] == "queen" || keys[c.first - 1] == "king" ||
                        keys[c.first - 1] == "prince" || keys[c.first - 1] == "princess");
    if (!(saint || unknown_place || royal) ||
        h + 1 >= tokens.size() || !IsApostropheTok(text, tokens[h]) || !Glued(tokens, h))
      continue;
    size_t k = h + 1;
    if (keys[k] == "s" && Glued(tokens, k)) ++k;
    else if (keys[h - 1].empty() || keys[h - 1].back() != 's') continue;  // "James' Park"
    if (k >= tokens.size() || Glued(tokens, k) || tokens[k].kind != TokenKind::kWord || !tokens[k].upper ||
        names::CapitalisedNextOnLine(text, tokens, k + 1))
      continue;
    auto head = kHeads.find(keys[k]);
    if (head == kHeads.end() || (royal && head->second != v1::ORG)) continue;
    grown.emplace_back(c.end, static_cast<uint32_t>(k + 1));
    if (royal) --c.first;
    c.end = static_cast<uint32_t>(k + 1);
    c.type = head->second;
    AsBuiltName(text, tokens, names, &c);
  }
  // The head had a candidate of its own ("Park"): the longer name has it.
  std::erase_if(*cands, [&](const Cand& d) {
    for (const auto& [from, to] : grown)
      if (d.first >= from && d.first < to) return true;
    return false;
  });
}

// A people's word right after a person's name, one space apart, is the
// name's last word ("Ilyas Kashmiri", "Raj Punjabi": the knowledge base's
// people had split them), and after a person's title it is the person
// ("Mr Punjabi"). Not after a known person's name, and only where the
// people's word ends the phrase ("Putin Russian forces" are two names); not
// after an organisation's ("The Taleban Islamic militia", "Banyamulenge
// Tutsis", "Roman Catholic church" are two names either).
void PeoplesWordsEndingNames(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                             std::deque<std::string>* names, std::vector<Cand>* cands) {
  static const WordSet kTitles = {"mr", "mrs", "ms", "miss", "dr"};
  auto people_word = [&](const Cand& c) {
    return c.type == v1::NORP && c.end == c.first + 1 && tokens[c.first].upper && !tokens[c.first].all_caps &&
           c.first > 0 && names::SpacedOnLine(text, tokens, c.first);
  };
  bool merged = false;
  for (size_t x = 0; x < cands->size(); ++x) {
    Cand& b = (*cands)[x];
    if (!people_word(b)) continue;
    const size_t p = b.first - 1;
    if (x > 0) {
      Cand& a = (*cands)[x - 1];
      // Not a known person's name before a people's word ("Putin Russian
      // forces", "Macron French officials"), nor before a noun it
      // qualifies: the word must end the phrase (punctuation, the text's
      // end, or a verb of saying or being).
      static const WordSet kAfterName = {"said", "says", "told", "was", "is", "has", "had", "who", "added",
                                         "wrote", "died", "left", "will", "would"};
      const size_t nx = b.end;
      const bool ends = nx >= tokens.size() || tokens[nx].kind == TokenKind::kPunct ||
                        (!tokens[nx].upper && kAfterName.Has(keys[nx]));
      if (a.end == b.first && a.type == v1::PERSON && a.kb == nullptr && ends) {
        a.end = b.end;
        AsBuiltName(text, tokens, names, &a);
        b.end = b.first;  // emptied: dropped below
        merged = true;
        continue;
      }
    }
    if (kTitles.Has(keys[p]) && tokens[p].upper && (x == 0 || (*cands)[x - 1].end <= p)) {
      b.type = v1::PERSON;
      AsBuiltName(text, tokens, names, &b);
    }
  }
  if (merged) std::erase_if(*cands, [](const Cand& c) { return c.end == c.first; });
}

// Two names in a hyphenated compound before a noun that pairs people ("the
// Trump-Xi summit", "the Donald Trump-Xi Jinping summit", "the Andy
// Murray-Novak Djokovic rivalry"), when one side is already a person's name
// (a candidate of its own, or one candidate over both) and no candidate
// there is of another type ("US-China talks" stay two places): each side,
// up to three capitalised words, is its own name, of the knowledge base's
// type where it knows the side ("the Obama-EU talks"), else a person's
// where a person's candidate reached it or it is a surname alone, no
// organisation's or place's word, and it begins with no other known name
// ("Mary Robinson-English Heritage talks": that side is left out).
void SplitPairedPersons(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        const KnowledgeBase& kb, std::deque<std::string>* names, std::vector<Cand>* cands) {
  auto cap = [&](size_t k) { return k < tokens.size() && tokens[k].kind == TokenKind::kWord && tokens[k].upper; };
  std::vector<Cand> add;
  std::vector<std::pair<uint32_t, uint32_t>> replaced;
  // The hyphens at a person's name: right after it, right before it, or inside it.
  std::vector<size_t> hyphens;
  for (const Cand& c : *cands) {
    if (c.type != v1::PERSON) continue;
    for (size_t h = c.first > 0 ? c.first - 1 : 0; h <= c.end && h + 1 < tokens.size(); ++h)
      if (h > 0 && tokens[h].kind == TokenKind::kPunct) hyphens.push_back(h);
  }
  std::sort(hyphens.begin(), hyphens.end());
  hyphens.erase(std::unique(hyphens.begin(), hyphens.end()), hyphens.end());
  size_t done_to = 0;  // tokens before it are settled (a compound split)
  for (size_t h : hyphens) {
    if (h < done_to || !Glued(tokens, h) || !Glued(tokens, h + 1) || !cap(h - 1) || !cap(h + 1) ||
        !IsHyphenToken(text, tokens[h]))
      continue;
    size_t lf = h - 1, re = h + 2;
    while (lf > 0 && h - lf < 3 && cap(lf - 1) && names::SpacedOnLine(text, tokens, lf)) --lf;
    while (re - h - 1 < 3 && cap(re) && names::SpacedOnLine(text, tokens, re)) ++re;
    // The left side's run starts at a capitalised word after a function word
    // or the sentence start: "The" is no part of it.
    while (lf < h - 1 && (NameWordFlags(keys[lf]) & kStopWord)) ++lf;
    // The noun a word of its own ("match-fixing", "match-winner" are none).
    if (re >= tokens.size() || !IsPeoplePairNoun(keys[re]) || Glued(tokens, re) ||
        (re + 1 < tokens.size() && Glued(tokens, re + 1)))
      continue;
    // Candidates over the compound's tokens: persons on one side or over both, no other type.
    bool person = false, other = false, whole = false;
    for (const Cand& c : *cands) {
      if (c.end <= lf || c.first >= re) continue;
      if (c.type == v1::PERSON) person = true;
      else other = true;
      whole = whole || (c.first < h && c.end > h);
    }
    if (!person || other) continue;
    // One name over the hyphen is one person's ("Jean-Claude Juncker",
    // "Jacob Rees-Mogg", "Ocasio-Cortez") but for two full names ("Joe
    // Biden-Kamala Harris"): two words or more on each side, no other hyphen.
    if (whole && (h - lf < 2 || re - h - 1 < 2)) continue;
    if (lf > 0 && Glued(tokens, lf)) continue;  // a longer compound ("Gilgeous-Alexander-Nikola Jokic")
    for (const auto& side : {std::pair<size_t, size_t>{lf, h}, std::pair<size_t, size_t>{h + 1, re}}) {
      const size_t f = side.first, e = side.second;  // (lambdas below read them: no structured binding)
      // A side that is a candidate already stays as it is (with its id).
      auto same = std::find_if(cands->begin(), cands->end(), [&](const Cand& d) { return d.first == f && d.end == e; });
      if (same != cands->end()) {
        add.push_back(*same);
        continue;
      }
      Cand c{};
      c.first = static_cast<uint32_t>(f), c.end = static_cast<uint32_t>(e);
      c.type = v1::PERSON;
      c.score = 0.5f;
      c.rule = "ner:pair";
      KnowledgeBase::Match m;
      const bool matched = kb.LongestMatch(text, tokens, keys, f, &m);
      if (matched && m.end_token == e) {
        const KbEntity* known = names::EntityOfType(kb, m, v1::PERSON);
        if (known == nullptr) known = &kb.entities()[static_cast<size_t>(m.entity)];
        c.type = known->type;
        c.name = known->name, c.id = known->id, c.kb = known, c.from_kb = true, c.kb_alternates = m.alternates;
      } else {
        // A side a person's candidate reached ("Georgia Harrison" of one
        // candidate over both), or else a surname alone before a noun that
        // pairs only people ("Xi", "Walz") and no other known name's start
        // ("English Heritage").
        const bool covered = std::any_of(cands->begin(), cands->end(), [&](const Cand& d) {
          return d.type == v1::PERSON && d.first <= f && d.end >= e;
        });
        bool named = covered || (!matched && e == f + 1 && IsOnlyPeoplePairNoun(keys[re]));
        for (size_t k = f; k < e && named; ++k) named = !(NameWordFlags(keys[k]) & (kOrgWord | kPlaceWord));
        if (!named) continue;
        c.name = names->emplace_back(NameOf(text, tokens, f, e));
      }
      add.push_back(c);
    }
    replaced.emplace_back(static_cast<uint32_t>(lf), static_cast<uint32_t>(re));
    done_to = re;
  }
  if (add.empty()) return;
  // The compounds' candidates give way to their sides'.
  std::erase_if(*cands, [&](const Cand& c) {
    for (const auto& [f, e] : replaced)
      if (c.end > f && c.first < e) return true;
    return false;
  });
  cands->insert(cands->end(), add.begin(), add.end());
  std::sort(cands->begin(), cands->end(), [](const Cand& a, const Cand& b) { return a.first < b.first; });
}

// The peoples of India's diaspora an "Indo-" names ("Indo-Fijian",
// "Indo-Guyanese"); not a neighbour's or a family of languages
// ("Indo-Pakistani tensions", "Indo-European").
bool IndoDiaspora(std::string_view k) {
  static const WordSet kPeoples = {"fijian", "fijians", "guyanese", "trinidadian", "trinidadians", "caribbean",
                                   "canadian", "canadians", "mauritian", "mauritians", "surinamese", "african",
                                   "africans", "malaysian", "malaysians", "jamaican", "jamaicans"};
  return kPeoples.Has(k);
}

// A combining form before a glued hyphen and a capitalised word is no name
// of its own ("Franco-German relations": not General Franco; "Sino-",
// "Anglo-", "Indo-"): a candidate of that word alone, but a people's
// (the knowledge base reads "Russo" as Russians), is dropped. "Afro-" and
// "Indo-" before a people name a people of their own, one NORP ("an
// Indo-Fijian farmer", "Afro-Brazilian culture"; the model had the second
// people alone).
void DropCombiningForms(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                        std::deque<std::string>* names, std::vector<Cand>* cands) {
  for (Cand& c : *cands) {
    const size_t f = c.first;
    if (c.type != v1::NORP || f < 2 || !IsHyphenToken(text, tokens[f - 1]) || !Glued(tokens, f - 1) ||
        !Glued(tokens, f) || !tokens[f - 2].upper ||
        (keys[f - 2] != "afro" && !(keys[f - 2] == "indo" && IndoDiaspora(keys[f]))) ||
        (f >= 3 && Glued(tokens, f - 2)))
      continue;
    c.first = static_cast<uint32_t>(f - 2);
    AsBuiltName(text, tokens, names, &c);
  }
  static const WordSet kForms = {
      "anglo", "franco", "sino", "indo", "afro", "euro", "austro", "italo", "greco", "graeco", "judeo",
      "turco", "hispano", "luso", "nippo", "germano", "serbo", "czecho", "slavo", "arabo", "irano"};
  // Not before a person's name: "the Franco-Hitler meeting" pairs two people.
  auto person_at = [&](size_t k) {
    return std::any_of(cands->begin(), cands->end(),
                       [&](const Cand& d) { return d.first == k && d.type == v1::PERSON; });
  };
  std::erase_if(*cands, [&](const Cand& c) {
    const size_t h = c.end;
    return c.end == c.first + 1 && c.type != v1::NORP && h + 1 < tokens.size() && IsHyphenToken(text, tokens[h]) &&
           Glued(tokens, h) && Glued(tokens, h + 1) && tokens[h + 1].kind == TokenKind::kWord &&
           tokens[h + 1].upper && kForms.Has(keys[c.first]) && !person_at(h + 1);
  });
}

// An acronym the text defines in brackets right after a name of its type
// ("Bolivia's Movement for Socialism (MAS)", "the Serious Fraud Office
// (SFO)") is that name's wherever the document writes it: its canonical
// name and id, not the knowledge-base entity another country's body holds
// the acronym for ("MAS" the Monetary Authority of Singapore). The
// acronym's first letter is the name's, or the name is an organisation's of
// three words or more (its acronym in its own language: "General
// Confederation of Labour (CGT)").
void AcronymsTakeTheirDefinition(std::string_view text, const std::vector<Token>& tokens,
                                 std::vector<Cand>* cands_ptr) {
  std::vector<Cand>& cands = *cands_ptr;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  std::vector<std::pair<std::string_view, Cand>> defined;  // acronym, its name
  for (size_t x = 1; x < cands.size(); ++x) {
    const Cand& c = cands[x];
    const Cand& d = cands[x - 1];
    if (c.end != c.first + 1 || c.first < 2 || c.end >= tokens.size() || !tokens[c.first].all_caps ||
        TokenText(text, tokens[c.first - 1]) != "(" || TokenText(text, tokens[c.end]) != ")" ||
        d.end + 1 != c.first || d.type != c.type || d.end - d.first < 2 || d.name.empty())
      continue;
    const std::string_view acr = TokenText(text, tokens[c.first]);
    if (acr.size() < 2 ||
        (lower(acr[0]) != lower(text[tokens[d.first].begin_byte]) && !(d.type == v1::ORG && d.end - d.first >= 3)))
      continue;
    defined.emplace_back(acr, d);
  }
  if (defined.empty()) return;
  for (Cand& c : cands) {
    if (c.end != c.first + 1 || !tokens[c.first].all_caps) continue;
    const std::string_view acr = TokenText(text, tokens[c.first]);
    for (const auto& [a, d] : defined) {
      if (a != acr || d.type != c.type) continue;
      c.name = d.name, c.id = d.id, c.kb = d.kb, c.from_kb = d.from_kb;
      c.kb_alternates = nullptr, c.by_context = false;
      break;
    }
  }
}

// 3. Resolution inside the document: a partial name takes the name, id and
// type of a fuller person name with the same words ("Smith" after "Ashley
// Smith", "Abdul Kareem" after "Bilal Abdul Kareem").
void ResolvePartialNames(const std::vector<Token>& tokens, const KeyViews& keys, std::vector<Cand>* cands_ptr) {
  std::vector<Cand>& cands = *cands_ptr;
  // Index the multi-word person names by first and last word (bounded).
  std::unordered_map<std::string_view, std::vector<size_t>> by_edge;
  for (size_t x = 0; x < cands.size(); ++x) {
    const Cand& d = cands[x];
    if (d.type != v1::PERSON || d.end - d.first < 2) continue;
    for (std::string_view k : {std::string_view(keys[d.first]), std::string_view(keys[d.end - 1])}) {
      auto& v = by_edge[k];
      if (v.size() < 8) v.push_back(x);
    }
  }
  // A people's word of the knowledge base alone that a person's name of the
  // document ends with, before a person's verb or punctuation, is the
  // person's surname ("Prosecutor Daniel Cossack said ... Cossack said").
  auto surname_of_a_people = [&](const Cand& c) {
    if (c.type != v1::NORP || c.end != c.first + 1 || !tokens[c.first].upper || c.end >= tokens.size()) return false;
    const Token& n = tokens[c.end];
    return n.kind == TokenKind::kPunct || PersonVerbs().count(keys[c.end]) > 0;
  };
  for (auto& c : cands) {
    const bool people = c.from_kb && surname_of_a_people(c);
    if (c.from_kb && c.type != v1::PERSON && !people) continue;
    size_t best_len = c.end - c.first;
    const Cand* best = nullptr;
    const size_t cl = c.end - c.first;
    for (std::string_view edge : {std::string_view(keys[c.first]), std::string_view(keys[c.end - 1])}) {
      auto it = by_edge.find(edge);
      if (it == by_edge.end()) continue;
      for (size_t x : it->second) {
        const Cand& d = cands[x];
        if (&d == &c) continue;
        size_t dl = d.end - d.first;
        if (dl <= best_len) continue;
        // c's words as a prefix or suffix of d's words.
        auto same = [&](size_t off) {
          for (size_t k = 0; k < cl; ++k) {
            if (keys[c.first + k] != keys[d.first + off + k]) return false;
          }
          return true;
        };
        if ((same(0) && !people) || same(dl - cl)) {
          best = &d;
          best_len = dl;
        }
      }
    }
    if (best != nullptr && (!c.from_kb || !best->from_kb || best->id == c.id)) {
      if (c.from_kb && best->from_kb) continue;
      if (people && best->type != v1::PERSON) continue;
      c.type = v1::PERSON;
      c.name = best->name;
      c.id = best->id;
      c.score = std::max(c.score, 0.7f);
      c.resolved = true;
    }
  }
}

void EmitMentions(std::string_view text, const std::vector<Token>& tokens, const CodePointIndex& cps,
                  bool debug, const std::vector<Cand>& cands,
                  ::google::protobuf::RepeatedPtrField<v1::EntityMention>* out) {
  for (auto& c : cands) {
    auto* m = out->Add();
    uint32_t b = tokens[c.first].begin_byte, e = tokens[c.end - 1].end_byte;
    m->set_begin(cps.ToCodePoint(b));
    m->set_end(cps.ToCodePoint(e));
    m->set_text(std::string(text.substr(b, e - b)));
    m->set_type(c.type);
    m->set_name(std::string(c.name));
    m->set_id(c.id.empty() ? NameSlug(c.name) : std::string(c.id));
    m->set_score(c.score);
    if (debug) {
      // The rule that found it, then the KB entry it links to.
      std::string rule(c.rule);
      if (c.kb != nullptr) rule += (rule.empty() ? "kb:" : "+kb:") + c.kb->source;
      if (c.by_context) rule += "+context";
      if (c.resolved) rule += "+resolved";
      m->set_rule(rule);
    }
  }
}

}  // namespace

uint32_t NameWordFlags(std::string_view key) { return FlagsOf(key); }

bool OverlapsMention(const ::google::protobuf::RepeatedPtrField<v1::EntityMention>& mentions, uint32_t begin,
                     uint32_t end) {
  return std::any_of(mentions.begin(), mentions.end(),
                     [&](const v1::EntityMention& m) { return m.begin() < end && begin < m.end(); });
}

void AddMentionsInOrder(std::vector<v1::EntityMention>* found,
                        ::google::protobuf::RepeatedPtrField<v1::EntityMention>* out) {
  if (found->empty()) return;
  for (auto& m : *found) *out->Add() = std::move(m);
  found->clear();
  std::stable_sort(out->begin(), out->end(),
                   [](const v1::EntityMention& a, const v1::EntityMention& b) { return a.begin() < b.begin(); });
}

std::string NameOf(std::string_view text, const std::vector<Token>& tokens, size_t first, size_t end) {
  std::string name;
  for (size_t k = first; k < end; ++k) {
    // One space where the text has white space (a line break too), none
    // where the tokens touch ("U.S", "AT&T", "SocialistWorker.org").
    if (k > first && tokens[k].begin_byte > tokens[k - 1].end_byte && !IsHyphenToken(text, tokens[k]) &&
        !IsHyphenToken(text, tokens[k - 1])) {
      name.push_back(' ');
    }
    name.append(TokenText(text, tokens[k]));
  }
  return name;
}

DocWords::DocWords(const std::vector<Token>& tokens, const KeyViews& keys) {
  const size_t n_tokens = tokens.size();
  size_t n = 64;
  while (n < n_tokens / 4) n *= 2;
  slots_.assign(n, Slot{});
  mask_ = n - 1;
  // Words seen in lower case anywhere: a capitalised unknown word that also
  // occurs in lower case is probably a common word. Only words that also
  // occur capitalised matter, so lower-case words are checked against those
  // through a cheap filter first.
  KeyFilter cap_filter;
  for (size_t i = 0; i < n_tokens; ++i) {
    if (tokens[i].kind != TokenKind::kWord || !tokens[i].upper) continue;
    AddCap(keys[i], !tokens[i].sentence_start);
    cap_filter.Add(keys[i]);
    cap_at_.push_back(static_cast<uint32_t>(i));
  }
  for (size_t i = 0; i < n_tokens; ++i) {
    if (tokens[i].kind != TokenKind::kWord || tokens[i].upper) continue;
    if (cap_filter.MayContain(keys[i])) AddLower(keys[i]);
  }
}

void DocWords::AddCap(std::string_view k, bool mid) {
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  const uint32_t h = static_cast<uint32_t>(HashWord(k));
  Slot& s = slots_[ProbeSlot(slots_, mask_, h, k)];
  if (!s.used) {
    s.used = true;
    s.hash = h;
    s.key = k;
    ++size_;
  }
  s.upper_mid += mid ? 1 : 0;
}

void DocWords::AddLower(std::string_view k) {
  if (const Slot* s = Get(k)) const_cast<Slot*>(s)->lower = true;
}

bool DocWords::LowerSeen(std::string_view k) const {
  const Slot* s = Get(k);
  return s != nullptr && s->lower;
}

int DocWords::UpperMid(std::string_view k) const {
  const Slot* s = Get(k);
  return s != nullptr ? s->upper_mid : 0;
}

const DocWords::Slot* DocWords::Get(std::string_view k) const {
  const Slot& s = slots_[ProbeSlot(slots_, mask_, static_cast<uint32_t>(HashWord(k)), k)];
  return s.used ? &s : nullptr;
}

void DocWords::Grow() { mask_ = RehashSlots(&slots_, slots_.size() * 2); }

void MarkSentenceStarts(const std::vector<Sentence>& sentences, std::vector<Token>* tokens) {
  size_t s = 0;
  bool need = false;
  // The next sentence's first byte (none left: past every token).
  size_t next_begin = sentences.empty() ? SIZE_MAX : sentences[0].begin_byte;
  for (auto& t : *tokens) {
    t.sentence_start = false;
    if (next_begin <= t.begin_byte) {
      need = true;
      do {
        ++s;
        next_begin = s < sentences.size() ? sentences[s].begin_byte : SIZE_MAX;
      } while (next_begin <= t.begin_byte);
    }
    if (need && t.kind != TokenKind::kPunct) {
      t.sentence_start = true;
      need = false;
    }
  }
}

std::vector<NameCandidate> EntityTagger::RuleCandidates(std::string_view text,
                                                        const std::vector<Token>& tokens,
                                                        const KeyViews& keys, const DocWords& words,
                                                        std::deque<std::string>* store) const {
  return RulePass(kb_, text, tokens, keys, words, nullptr, store).Run();
}

void EntityTagger::Tag(std::string_view text, const std::vector<Token>& tokens,
                       const std::vector<std::string>& keys, const CodePointIndex& cps, bool debug,
                       ::google::protobuf::RepeatedPtrField<v1::EntityMention>* out,
                       const std::vector<std::string>* context_names) const {
  Tag(text, tokens, ViewsOf(keys), cps, debug, out, context_names);
}

void EntityTagger::Tag(std::string_view text, const std::vector<Token>& tokens,
                       const KeyViews& keys, const CodePointIndex& cps, bool debug,
                       ::google::protobuf::RepeatedPtrField<v1::EntityMention>* out,
                       const std::vector<std::string>* context_names) const {
  std::deque<std::string> names;  // built names (stable addresses)
  const DocWords words(tokens, keys);
  std::vector<Cand> cands = RulePass(kb_, text, tokens, keys, words, context_names, &names).Run();
  if (model_ != nullptr) {
    cands = model_->Decide(text, tokens, keys, words, *kb_, cands, &names, debug);
  }
  // "RT @user": a post's retweet marker, not the TV network.
  std::erase_if(cands, [&](const Cand& c) {
    return c.end == c.first + 1 && c.end < tokens.size() && TokenText(text, tokens[c.first]) == "RT" &&
           TokenText(text, tokens[c.end]) == "@";
  });
  // "IS" the verb in a line in capitals ("CHINA IS THE WORLDS BIGGEST
  // POLLUTER", "MODI IS STILL PM"), not Islamic State: capitals on both
  // sides and a word after it that a verb takes.
  std::erase_if(cands, [&](const Cand& c) {
    if (c.end != c.first + 1 || c.first == 0 || c.end >= tokens.size() || TokenText(text, tokens[c.first]) != "IS")
      return false;
    const Token &p = tokens[c.first - 1], &n = tokens[c.end];
    if (!(p.kind == TokenKind::kWord && p.all_caps && n.kind == TokenKind::kWord && n.all_caps)) return false;
    const std::string_view k = keys[c.end];
    return k == "the" || k == "a" || k == "an" || k == "not" || k == "still" || k == "too" || k == "now" ||
           k == "also" || k == "just" || k == "very" || k == "so" || k == "no" || k == "going" || k == "being" ||
           k == "what" || k == "that" || k == "this" || k == "all" || k == "our" || k == "my" || k == "your" ||
           k == "his" || k == "her" || k == "their" || k == "its" || k == "it" || k == "never" || k == "always";
  });
  // "Brent crude", "Brent futures": the oil benchmark, not a person (nor
  // with a sentence's first word before it: "Benchmark Brent crude").
  std::erase_if(cands, [&](const Cand& c) {
    if (c.end >= tokens.size() || keys[c.end - 1] != "brent" || tokens[c.end].upper) return false;
    if (c.end != c.first + 1 && !(c.end == c.first + 2 && tokens[c.first].sentence_start)) return false;
    const std::string_view k = keys[c.end];
    return k == "crude" || k == "oil" || k == "futures" || k == "prices" || k == "price" || k == "benchmark" ||
           k == "contract" || k == "contracts";
  });
  // "western" in lower case before a word of geography is where, not the
  // West: "the western highlands", "four western counties", "the western
  // edge of Belgrade", "the western lake zone" (the knowledge base's people keeps "western media",
  // "western leaders").
  std::erase_if(cands, [&](const Cand& c) {
    if (c.end != c.first + 1 || c.end >= tokens.size() || keys[c.first] != "western" || tokens[c.first].upper ||
        c.type != v1::NORP)
      return false;
    static const WordSet kGeography = {"highlands", "lowlands", "county", "counties", "side", "part", "parts",
                                       "edge", "coast", "coastline", "region", "regions", "province", "provinces",
                                       "state", "states", "district", "districts", "suburbs", "border", "flank",
                                       "shore", "shores", "outskirts", "half", "end", "slopes", "approaches",
                                       "hemisphere", "areas", "area", "plains", "desert", "mountains", "valley",
                                       "island", "islands", "town", "towns", "city", "cities", "villages",
                                       "division", "divisions", "zone", "zones", "lake", "lakes", "sector",
                                       "corridor", "belt", "basin", "plateau", "fringe", "tip", "reaches",
                                       "frontier", "municipalities", "shoreline", "delta", "forests"};
    // (Or before the word after it when the word between is geography's
    // too: "the western lake zone", not "western sanctions end".)
    static const WordSet kGeographyModifiers = {"lake", "river", "coastal", "border", "mountain", "mountainous",
                                                "desert", "rural", "forest", "island", "delta", "highland",
                                                "lowland", "hill", "farming", "mining", "frontier", "lakeside"};
    const size_t after = c.end + 1;
    return kGeography.Has(keys[c.end]) ||
           (after < tokens.size() && tokens[after].kind == TokenKind::kWord && !tokens[c.end].upper &&
            !tokens[after].upper && kGeographyModifiers.Has(keys[c.end]) && kGeography.Has(keys[after]));
  });
  // A body's generic noun alone ("Council leader Roger Gough", "Federation
  // president", "the Cabinet approved") names no body of its own: the
  // document named it before, or it is a role's word. ("Commission",
  // "Navy", "Union", "Congress", "Senate" and "Parliament" stay: the news
  // names the European Commission, a navy or a club so.)
  std::erase_if(cands, [&](const Cand& c) {
    static const WordSet kGeneric = {"council",   "federation", "ministry",   "department", "police",
                                     "board",     "court",      "government", "bank",       "agency",
                                     "association", "committee", "institute", "museum",     "authority",
                                     "club",      "group",      "league",     "company",    "cabinet",
                                     "tribunal",  "university", "party",      "assembly"};
    return c.end == c.first + 1 && c.type == v1::ORG && tokens[c.first].upper && kGeneric.Has(keys[c.first]);
  });
  DropLanguages(text, tokens, keys, *kb_, &cands);
  DropPostnominals(text, tokens, keys, &names, &cands);
  ExtendHyphenatedGivenNames(text, tokens, keys, *kb_, &names, &cands);
  CompleteHyphenatedSurnames(text, tokens, keys, &names, &cands);
  ExtendPossessiveFacilities(text, tokens, keys, &names, &cands);
  SplitPairedPersons(text, tokens, keys, *kb_, &names, &cands);
  PeoplesWordsEndingNames(text, tokens, keys, &names, &cands);
  DropCombiningForms(text, tokens, keys, &names, &cands);
  names::LinkByContext(*kb_, &cands);
  AcronymsTakeTheirDefinition(text, tokens, &cands);
  ResolvePartialNames(tokens, keys, &cands);
  EmitMentions(text, tokens, cps, debug, cands, out);
}

}  // namespace tidings::enrich
