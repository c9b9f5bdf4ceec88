#include "enrich/kb_exact.h"

#include "base/embedded.h"
#include "enrich/dates.h"
#include "enrich/entities.h"
#include "enrich/word_table.h"

#include <algorithm>
#include <array>

#include <string>
#include <unordered_set>

#include <unicode/uchar.h>

TIDINGS_DECLARE_EMBEDDED(kb_ordinary_words);
TIDINGS_DECLARE_EMBEDDED(kb_languages);

namespace tidings::enrich {

namespace {

// Elided articles and prepositions that French, Italian and Catalan glue
// to the next word with an apostrophe ("l'Ukraine", "d'Alep", "dell'Iran",
// "all'ONU").
constexpr std::array<std::string_view, 16> kElisions = {
    "c", "d", "dall", "dell", "j", "l", "m", "n", "nell", "qu", "s", "sull", "t", "all", "jusqu", "lorsqu"};

// Where the name starts in a word token "l'Ukraine" (after an elision from
// kElisions and an apostrophe, ' or U+2019, before a capital), or 0.
size_t NameAfterElision(std::string_view w) {
  size_t apo = w.find('\'');
  size_t after = apo + 1;
  if (apo == std::string_view::npos || apo > 6) {
    apo = w.find("\u2019");
    after = apo + 3;
  }
  if (apo == 0 || apo == std::string_view::npos || apo > 6 || after >= w.size()) return 0;
  char prefix[8] = {};
  for (size_t k = 0; k < apo; ++k) prefix[k] = static_cast<char>(w[k] | 0x20);
  if (std::find(kElisions.begin(), kElisions.end(), std::string_view(prefix, apo)) == kElisions.end()) return 0;
  size_t p = after;
  return u_isupper(static_cast<UChar32>(DecodeUtf8(w, &p))) ? after : 0;
}

// The tokens with each elision split from its name: a punctuation token for
// "l'" and a word token for "Ukraine". False (and *out untouched) when the
// text has none.
bool SplitElisions(std::string_view text, const std::vector<Token>& tokens, std::vector<Token>* out) {
  bool any = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    const size_t at = t.kind == TokenKind::kWord ? NameAfterElision(TokenText(text, t)) : 0;
    if (at == 0) {
      if (any) out->push_back(t);
      continue;
    }
    if (!any) out->assign(tokens.begin(), tokens.begin() + static_cast<std::ptrdiff_t>(i));
    any = true;
    Token elision = t, name = t;
    elision.kind = TokenKind::kPunct;
    elision.end_byte = name.begin_byte = t.begin_byte + static_cast<uint32_t>(at);
    elision.upper = elision.all_caps = false;
    name.upper = true;
    name.line_break_before = false;
    name.sentence_start = false;
    out->push_back(elision);
    out->push_back(name);
  }
  return any;
}

// The knowledge base's match `m` as a mention: its span, the entity's
// type, name and id, `score`; `rule` "kb:<file>:<line>" + `rule_suffix`
// when that is given (--debug).
void KbMention(const KnowledgeBase& kb, std::string_view text, const std::vector<Token>& tokens,
               const CodePointIndex& cps, const KnowledgeBase::Match& m, float score, const char* rule_suffix,
               v1::EntityMention* mention) {
  const KbEntity& e = kb.entities()[m.entity];
  const uint32_t b = tokens[m.first_token].begin_byte, en = tokens[m.end_token - 1].end_byte;
  mention->set_begin(cps.ToCodePoint(b));
  mention->set_end(cps.ToCodePoint(en));
  mention->set_text(std::string(text.substr(b, en - b)));
  mention->set_type(e.type);
  mention->set_name(e.name);
  mention->set_id(e.id);
  mention->set_score(score);
  if (rule_suffix != nullptr) mention->set_rule("kb:" + e.source + rule_suffix);
}

}  // namespace

// A member of KnowledgeBase (kb.h), kept beside its only user.
bool KnowledgeBase::LongestExactCaseMatch(std::string_view text, const std::vector<Token>& tokens,
                                          const KeyViews& keys, size_t i, Match* out) const {
  if (tokens[i].kind == TokenKind::kPunct) return false;
  int32_t node = 0;
  bool found = false;
  for (size_t j = i; j < tokens.size() && j < i + 12; ++j) {
    if (j > i && IsHyphenToken(text, tokens[j])) continue;
    const int32_t next = Child(node, keys[j]);
    if (next < 0) break;
    node = next;
    for (const Terminal& term : terminals_[node]) {
      if (term.has_upper && ExactCaseMatches(text, tokens, i, j + 1, term.cased)) {
        *out = {static_cast<uint32_t>(i), static_cast<uint32_t>(j + 1), term.entity};
        found = true;
        break;
      }
    }
    if (kids_[node].empty()) break;
  }
  return found;
}

void TagExactKbNames(const KnowledgeBase& kb, std::string_view text,
                     const std::vector<Token>& all_tokens, const KeyViews& all_keys,
                     const CodePointIndex& cps, bool debug,
                     ::google::protobuf::RepeatedPtrField<::tidings::v1::EntityMention>* out) {
  std::vector<Token> split;
  std::string key_storage;
  KeyViews split_keys;
  const bool elided = SplitElisions(text, all_tokens, &split);
  if (elided) split_keys = TokenKeyViews(text, split, &key_storage);
  const std::vector<Token>& tokens = elided ? split : all_tokens;
  const KeyViews& keys = elided ? split_keys : all_keys;
  for (size_t i = 0; i < tokens.size();) {
    KnowledgeBase::Match m;
    // Names with a capital start with a capital or a digit, except those
    // with a lower-case particle first ("al-Assad"): CanStart(key, true)
    // admits all of them.
    if (tokens[i].kind == TokenKind::kPunct || !kb.CanStart(keys[i], true) ||
        !kb.LongestExactCaseMatch(text, tokens, keys, i, &m)) {
      ++i;
      continue;
    }
    KbMention(kb, text, tokens, cps, m, 0.95f, debug ? "+exact" : nullptr, out->Add());
    i = m.end_token;
  }
}

bool OrdinaryWord(std::string_view key) {
  static const WordSet kWords(LinesOf(TIDINGS_EMBEDDED(kb_ordinary_words)));
  return kWords.Has(key);
}

bool IsLanguageName(std::string_view key) {
  static const WordSet kNames(LinesOf(TIDINGS_EMBEDDED(kb_languages)));
  return kNames.Has(key);
}

// Whether an entity's canonical name is the one word `key` ("Italy" for
// "italy", "Binance" for "binance"), ASCII case aside.
static bool OwnOneWordName(std::string_view name, std::string_view key) {
  if (name.size() != key.size()) return false;
  for (size_t c = 0; c < name.size(); ++c) {
    const char a = name[c] >= 'A' && name[c] <= 'Z' ? static_cast<char>(name[c] - 'A' + 'a') : name[c];
    if (a != key[c]) return false;
  }
  return true;
}

bool WritesInLowerCase(std::string_view text, const std::vector<Token>& tokens) {
  size_t words = 0, title = 0;
  for (const Token& t : tokens) {
    if (t.kind != TokenKind::kWord) continue;
    size_t p = t.begin_byte;
    if (!IsLetter(DecodeUtf8(text, &p))) continue;
    ++words;
    if (t.upper && !t.all_caps && ++title >= 4 && title * 20 > words) return false;  // most texts: early
  }
  return words >= 6 && title * 20 <= words;
}

void TagKbNamesInLowerCase(const KnowledgeBase& kb, std::string_view text, const std::vector<Token>& tokens,
                           const KeyViews& keys, const CodePointIndex& cps, bool debug,
                           ::google::protobuf::RepeatedPtrField<v1::EntityMention>* out) {
  auto lower_word = [&](size_t k) { return tokens[k].kind == TokenKind::kWord && !tokens[k].upper; };
  // The tokens as if each word were capitalised: the knowledge base's
  // case rules then admit every alias that is not matched only exactly.
  std::vector<Token> raised(tokens);
  for (Token& t : raised)
    if (t.kind == TokenKind::kWord) t.upper = true;
  // A word inside a web address, an e-mail address, a handle or a file
  // name ("cctv-america.com", "news/2009/01/israel_bans"): glued to a word or
  // to one of ./-@_ on its side (a hashtag's "#" and quotes are no glue).
  auto in_address = [&](size_t k, bool before) {
    const size_t o = before ? k - 1 : k + 1;
    if ((before && k == 0) || (!before && k + 1 >= tokens.size()) || !Glued(tokens, before ? k : k + 1)) return false;
    if (tokens[o].kind == TokenKind::kWord) return true;
    const std::string_view p = TokenText(text, tokens[o]);
    return p == "." || p == "-" || p == "/" || p == "@" || p == "_";
  };
  std::vector<v1::EntityMention> found;
  const bool lower_text = WritesInLowerCase(text, tokens);
  for (size_t i = 0; i < tokens.size(); ++i) {
    KnowledgeBase::Match m;
    if (!lower_word(i) || in_address(i, true) || !kb.CanStart(keys[i], true) ||
        !kb.LongestMatch(text, raised, keys, i, &m))
      continue;
    bool lower = true;
    for (uint32_t k = m.first_token; k < m.end_token; ++k) lower = lower && !tokens[k].upper;
    // A sentence's stop after the name is no address ("in mumbai. then").
    const size_t last = m.end_token - 1;
    const bool stop_then_space = last + 2 < tokens.size() && TokenText(text, tokens[last + 1]) == "." &&
                                 !Glued(tokens, last + 2);
    if (!lower || (in_address(last, false) && !stop_then_space && last + 2 != tokens.size())) continue;
    const KbEntity& e = kb.entities()[m.entity];
    const bool one_word = m.end_token == m.first_token + 1;
    // One word that is a word of English is none ("may", "turkey", "poles", "french").
    if (one_word && (keys[i].size() < 4 || (NameWordFlags(keys[i]) & kStopWord) != 0 || OrdinaryWord(keys[i])))
      continue;
    if (one_word && e.type == v1::NORP) {
      // A nation's people in one word: its plural ("the germans", "fight me
      // ghanaians") or the adjective before a word for people ("that mexican
      // guy", "the nigerian startup"; not "a brazilian wax"); not a
      // language ("in english"), an ordinary word ("poles", "polish",
      // "french"), a compass word ("western media": EntityTagger's), a
      // follower of an "-ism" or a faith ("marxists", "jihadists",
      // "muslims": the guidelines' lower-case group words).
      static const WordSet kPeopleNouns = {
          "guy",     "guys",     "man",      "men",    "woman",   "women",   "dude",     "dudes",  "lad",
          "lads",    "girl",     "girls",    "boy",    "boys",    "kid",     "kids",     "people", "folks",
          "fans",    "players",  "player",   "team",   "side",    "government", "govt",  "president", "police",
          "army",    "troops",   "soldiers", "media",  "press",   "startup", "startups", "company", "companies",
          "friend",  "friends",  "mate",     "mates",  "family",  "families", "workers", "citizens", "voters",
          "leaders", "politicians", "officials", "authorities", "embassy", "minister"};
      static const WordSet kFaiths = {
          "muslims", "christians", "catholics", "protestants", "jews", "hindus", "sikhs", "buddhists", "sunnis",
          "shias", "shiites", "alawites", "druze", "yazidis", "jesuits", "mormons", "evangelicals", "atheists"};
      const std::string_view k = keys[i];
      const bool before_people = i + 1 < tokens.size() && lower_word(i + 1) && !tokens[i + 1].line_break_before &&
                                 tokens[i + 1].begin_byte == tokens[i].end_byte + 1 && kPeopleNouns.Has(keys[i + 1]);
      if (e.name.find("ism") != std::string::npos || IsLanguageName(k) || kFaiths.Has(k) ||
          !((k.back() == 's' && !k.ends_with("ss")) || before_people))
        continue;
    } else if (one_word) {
      const std::string_view k = keys[i];
      if (e.type == v1::PERSON || (!e.generated && e.type != v1::LOC) || IsMonthOrWeekday(k)) continue;
      // One word alone is a place's name only after a place's preposition
      // ("in ikeja", "a trip to jordan"): a friend's "jordan", "my niece
      // sofia", "boston cream pie" and "bermuda shorts" are none.
      // Or after "and", "or" or a comma right after a place this pass found
      // ("in iran and israel"). Or a country, a company or a team (below).
      const std::string_view before = i >= 1 ? TokenText(text, tokens[i - 1]) : std::string_view();
      const bool listed = i >= 2 && !found.empty() && (before == "and" || before == "or" || before == ",") &&
                          found.back().end() == cps.ToCodePoint(tokens[i - 2].end_byte);
      // A country's name, or a company's or a team's of five letters or
      // more, is one wherever it stands ("more than italy", "my
      // instagram", "benfica bottled it"): no word of English (the ordinary
      // words are out above), no given name ("georgia", "jordan").
      // Nor a thing named after a country ("bermuda shorts", "a panama hat").
      static const WordSet kGivenNames = {"georgia", "jordan", "chad", "india", "kenya", "israel", "niger"};
      static const WordSet kThings = {"shorts", "hat", "hats", "nut", "nuts", "papers", "triangle"};
      const bool thing = i + 1 < tokens.size() && lower_word(i + 1) && kThings.Has(keys[i + 1]);
      // (Only in a text written in lower case, and a name that is the
      // entity's own in one word: not "holland" for the Netherlands,
      // "ferguson" for Ferguson Enterprises, "valour" for Valour FC.)
      const bool anywhere = lower_text && e.generated && !kGivenNames.Has(k) && !thing && OwnOneWordName(e.name, k) &&
                            ((e.type == v1::LOC && e.id.starts_with("iso3166:")) ||
                             (e.type == v1::ORG && (e.company || e.team) && k.size() >= 5));
      if (!listed && !anywhere &&
          (i == 0 || tokens[i - 1].kind != TokenKind::kWord || tokens[i].line_break_before ||
           !(NameWordFlags(keys[i - 1]) & kPlacePrepWord)))
        continue;
    } else {
      // A longer name made of ordinary words only is as often a phrase ("a
      // white house on the hill", "a long beach walk", "save the children").
      bool ordinary = true;
      for (uint32_t k = m.first_token; k < m.end_token && ordinary; ++k)
        ordinary = tokens[k].kind != TokenKind::kWord || (NameWordFlags(keys[k]) & kStopWord) != 0 ||
                   OrdinaryWord(keys[k]);
      if (ordinary) continue;
    }
    if (OverlapsMention(*out, cps.ToCodePoint(tokens[m.first_token].begin_byte),
                        cps.ToCodePoint(tokens[m.end_token - 1].end_byte)))
      continue;
    KbMention(kb, text, tokens, cps, m, 0.6f, debug ? "+lowercase" : nullptr, &found.emplace_back());
    i = m.end_token - 1;
  }
  AddMentionsInOrder(&found, out);
}

}  // namespace tidings::enrich
