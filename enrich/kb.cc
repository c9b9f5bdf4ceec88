#include "enrich/kb.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <sstream>

namespace tidings::enrich {

namespace v1 = ::tidings::v1;

namespace {

// NormaliseToken written to `out` (room for token.size() bytes: a key is
// never longer than its token); returns the key's length.
size_t NormaliseInto(std::string_view token, char* out) {
  char* w = out;
  size_t i = 0;
  while (i < token.size()) {
    unsigned char b = static_cast<unsigned char>(token[i]);
    if (b < 0x80) {
      ++i;
      if (b == '.') continue;
      *w++ = static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
      continue;
    }
    size_t start = i;
    char32_t c = DecodeUtf8(token, &i);
    if (IsApostrophe(c)) {
      *w++ = '\'';
    } else if (c >= 0xC0 && c <= 0xDE && c != 0xD7) {
      c += 0x20;
      *w++ = static_cast<char>(0xC0 | (c >> 6));
      *w++ = static_cast<char>(0x80 | (c & 0x3F));
    } else if (c == 0x130) {
      *w++ = 'i';  // Turkish "İstanbul" is "Istanbul"
    } else if (const char32_t l = LowerLatinExtended(c); l != c) {
      if (l < 0x800) {
        *w++ = static_cast<char>(0xC0 | (l >> 6));
      } else {  // Vietnamese "Ộ" -> "ộ": three bytes both
        *w++ = static_cast<char>(0xE0 | (l >> 12));
        *w++ = static_cast<char>(0x80 | ((l >> 6) & 0x3F));
      }
      *w++ = static_cast<char>(0x80 | (l & 0x3F));
    } else {
      std::memcpy(w, token.data() + start, i - start);
      w += i - start;
    }
  }
  return static_cast<size_t>(w - out);
}

}  // namespace

bool IsCountry(const KbEntity& e) {
  if (e.id.size() == 10 && e.id.rfind("iso3166:", 0) == 0) return true;
  // A former country (ISO 3166-3: "Zaire", "Yugoslavia", "Czechoslovakia").
  if (e.id.size() == 14 && e.id.rfind("iso3166-3:", 0) == 0) return true;
  return e.id == "Q21" || e.id == "Q22" || e.id == "Q25" || e.id == "Q26";
}

bool NamesACountry(const KbEntity& e) {
  return e.type == ::tidings::v1::LOC && (IsCountry(e) || (!e.generated && e.context.empty()));
}

std::string NormaliseToken(std::string_view token) {
  std::string out(token.size(), '\0');
  out.resize(NormaliseInto(token, out.data()));
  return out;
}

std::vector<std::string> TokenKeys(std::string_view text, const std::vector<Token>& tokens) {
  std::vector<std::string> keys(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    std::string_view raw = text.substr(t.begin_byte, t.end_byte - t.begin_byte);
    if (t.kind == TokenKind::kPunct) {
      size_t p = 0;
      char32_t c = DecodeUtf8(raw, &p);
      if (IsApostrophe(c)) {
        keys[i].push_back('\'');
      } else if (IsHyphen(c)) {
        keys[i].push_back('-');
      } else if (c < 0x80 && c != '.') {
        keys[i].push_back(static_cast<char>(c));
      }
      continue;
    }
    // ASCII fast path: lower-case in place, drop '.'.
    bool ascii = true;
    for (char ch : raw) ascii &= static_cast<unsigned char>(ch) < 0x80;
    if (ascii) {
      std::string& k = keys[i];
      k.reserve(raw.size());
      for (char ch : raw) {
        if (ch == '.') continue;
        k.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + 32) : ch);
      }
    } else {
      keys[i] = NormaliseToken(raw);
    }
  }
  return keys;
}

KeyViews ViewsOf(const std::vector<std::string>& keys) {
  return KeyViews(keys.begin(), keys.end());
}

namespace {

// For each of the 8 bytes of `w` (in memory order), the high bit set when
// the byte makes a key differ from its token: a capital, '.', non-ASCII.
inline uint64_t Folds8(uint64_t w) {
  constexpr uint64_t k01 = 0x0101010101010101ull, k7f = 0x7F7F7F7F7F7F7F7Full,
                     k80 = 0x8080808080808080ull;
  const uint64_t x = w & k7f;  // high bits cleared: the sums cannot carry
  const uint64_t upper = (x + 0x3F * k01) & ~(x + 0x25 * k01);  // 0x41 <= x <= 0x5A
  const uint64_t t = x ^ ('.' * k01);
  const uint64_t dot = ~(((t & k7f) + k7f) | t);  // exact per byte
  return (upper | dot | w) & k80;
}

// Whether the token bytes p[0, len) need folding; `room`: readable bytes from p.
inline bool NeedsFolding(const unsigned char* p, size_t len, size_t room) {
  while (len >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    if (Folds8(w) != 0) return true;
    p += 8;
    len -= 8;
    room -= 8;
  }
  if (len == 0) return false;
  if (room >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return (Folds8(w) & ((uint64_t{1} << (8 * len)) - 1)) != 0;
  }
  for (size_t k = 0; k < len; ++k) {
    const unsigned char b = p[k];
    if ((b >= 'A' && b <= 'Z') || b == '.' || b >= 0x80) return true;
  }
  return false;
}

// The key of a punctuation token (empty unless an apostrophe or hyphen form).
[[gnu::noinline]] std::string_view PunctKey(std::string_view raw) {
  size_t p = 0;
  char32_t c = DecodeUtf8(raw, &p);
  if (IsApostrophe(c)) return "'";
  if (IsHyphen(c)) return "-";
  return {};
}

// Appends the key of `raw` to *storage (which has room for it) and returns it.
[[gnu::noinline]] std::string_view AppendKey(std::string_view raw, std::string* storage) {
  const size_t start = storage->size();
  char buf[64];
  if (raw.size() <= sizeof(buf)) {
    storage->append(buf, NormaliseInto(raw, buf));
  } else {
    storage->append(NormaliseToken(raw));
  }
  return std::string_view(storage->data() + start, storage->size() - start);
}

}  // namespace

KeyViews TokenKeyViews(std::string_view text, const std::vector<Token>& tokens,
                       std::string* storage) {
  KeyViews keys(tokens.size());
  std::string_view* key = keys.data();
  // Keys are never longer than their tokens: with room for the whole text
  // reserved, appending never moves the storage.
  storage->clear();
  storage->reserve(text.size());
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  for (const Token& t : tokens) {
    const unsigned char* p = bytes + t.begin_byte;
    const size_t len = t.end_byte - t.begin_byte;
    const std::string_view raw(reinterpret_cast<const char*>(p), len);
    if (t.kind == TokenKind::kPunct) {
      if (p[0] < 0x80) {
        // "-" and "'" are their own keys; '.' has none.
        if (p[0] != '.') *key = raw;
      } else {
        *key = PunctKey(raw);
      }
    } else if (!NeedsFolding(p, len, n - t.begin_byte)) {
      *key = raw;  // the token itself (lower-case ASCII without '.')
    } else {
      *key = AppendKey(raw, storage);
    }
    ++key;
  }
  return keys;
}

namespace {

bool ParseType(std::string_view s, v1::EntityType* t) {
  if (s == "PERSON") *t = v1::PERSON;
  else if (s == "ORG") *t = v1::ORG;
  else if (s == "LOC") *t = v1::LOC;
  else if (s == "NORP") *t = v1::NORP;
  else if (s == "EVENT") *t = v1::EVENT;
  else return false;
  return true;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t b = 0;
  while (true) {
    size_t e = s.find(sep, b);
    out.push_back(s.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
    if (e == std::string_view::npos) break;
    b = e + 1;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Letters and digits of `s` only (for exact-case comparison).
std::string Letters(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t st = i;
    char32_t c = DecodeUtf8(s, &i);
    if (IsLetter(c) || IsDigit(c)) out.append(s.substr(st, i - st));
  }
  return out;
}

// The base letter of a Vietnamese vowel or a transliteration's dotted
// consonant (U+01A0, U+01A1, U+01AF, U+01B0, U+1E00..U+1EFF): "ộ" -> 'o',
// "Ư" -> 'U', "ḥ" -> 'h'; 0 for another code point.
char FoldLatinExtended(char32_t c) {
  switch (c) {
    case 0x1A0: return 'O';
    case 0x1A1: return 'o';
    case 0x1AF: return 'U';
    case 0x1B0: return 'u';
    default: break;
  }
  if (c < 0x1E00 || c > 0x1EFF) return 0;
  const bool upper = (c & 1) == 0;
  char base = 0;
  if (c >= 0x1EA0 && c <= 0x1EF9) {  // Vietnamese: runs of one vowel each
    base = c <= 0x1EB7 ? 'a' : c <= 0x1EC7 ? 'e' : c <= 0x1ECB ? 'i' : c <= 0x1EE3 ? 'o' : c <= 0x1EF1 ? 'u' : 'y';
  } else {  // dotted and underlined consonants of romanised Arabic, Hebrew, Sanskrit
    static constexpr std::array<std::pair<char32_t, char>, 15> kDotted = {{
        {0x1E0C, 'd'}, {0x1E0E, 'd'}, {0x1E24, 'h'}, {0x1E28, 'h'}, {0x1E2A, 'h'}, {0x1E32, 'k'}, {0x1E36, 'l'},
        {0x1E42, 'm'}, {0x1E44, 'n'}, {0x1E46, 'n'}, {0x1E5A, 'r'}, {0x1E62, 's'}, {0x1E6C, 't'}, {0x1E6E, 't'},
        {0x1E92, 'z'}}};
    for (const auto& [up, b] : kDotted)
      if ((c & ~char32_t{1}) == up) base = b;
    if (base == 0) return 0;
  }
  return upper ? static_cast<char>(base - 'a' + 'A') : base;
}

// `s` with the accents of Latin letters taken off ("São Paulo" -> "Sao
// Paulo", "Zürich" -> "Zurich", "Łódź" -> "Lodz", "Trần" -> "Tran"):
// English news often writes names so. Empty when `s` has none (U+00C0..
// U+017F, Vietnamese vowels, dotted consonants).
std::string FoldLatin(std::string_view s) {
  // Base letters of U+00C0..U+017F, one per code point; '*' marks the ones
  // with two letters or none (handled below).
  static constexpr std::string_view kBase =
      "AAAAAA*CEEEEIIIIDNOOOOO*OUUUUY**"   // C0..DF
      "aaaaaa*ceeeeiiiidnooooo*ouuuuy*y"   // E0..FF
      "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGg"   // 100..11F
      "GgGgHhHhIiIiIiIiIi**JjKkkLlLlLlL"   // 120..13F
      "lLlNnNnNnnNnOoOoOo**RrRrRrSsSsSs"   // 140..15F
      "SsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";  // 160..17F
  // U+00C0..U+017F are encoded with a first byte 0xC3..0xC5, U+01A0..U+01B0
  // with 0xC6, U+1E00..U+1EFF with 0xE1 then 0xB8..0xBB.
  if (std::none_of(s.begin(), s.end(), [](char ch) {
        const auto b = static_cast<unsigned char>(ch);
        return (b >= 0xC3 && b <= 0xC6) || b == 0xE1;
      }))
    return {};
  std::string out;
  bool changed = false;
  size_t i = 0;
  while (i < s.size()) {
    const size_t start = i;
    const char32_t c = DecodeUtf8(s, &i);
    if (c < 0xC0 || c > 0x17F) {
      if (const char e = FoldLatinExtended(c); e != 0) {
        out.push_back(e);
        changed = true;
      } else {
        out.append(s.substr(start, i - start));
      }
      continue;
    }
    const char b = kBase[c - 0xC0];
    changed = true;
    if (b != '*') {
      out.push_back(b);
      continue;
    }
    switch (c) {
      case 0xC6: out += "AE"; break;
      case 0xE6: out += "ae"; break;
      case 0xDE: out += "Th"; break;
      case 0xFE: out += "th"; break;
      case 0xDF: out += "ss"; break;
      case 0x152: out += "OE"; break;
      case 0x153: out += "oe"; break;
      case 0x132: out += "IJ"; break;
      case 0x133: out += "ij"; break;
      default: out.append(s.substr(start, i - start));  // multiplication and division signs
    }
  }
  return changed ? out : std::string();
}

}  // namespace

std::string FoldLatinAccents(std::string_view s) { return FoldLatin(s); }

namespace {

// True when `s` has a Latin letter with a macron (ā ē ī ō ū, either case).
bool HasMacron(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const char32_t c = DecodeUtf8(s, &i);
    if (c == 0x100 || c == 0x101 || c == 0x112 || c == 0x113 || c == 0x12A || c == 0x12B || c == 0x14C ||
        c == 0x14D || c == 0x16A || c == 0x16B)
      return true;
  }
  return false;
}

}  // namespace

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::Create(const std::string& extra_path) {
  auto kb = std::make_unique<KnowledgeBase>();
  kb->terminals_.emplace_back();  // root
  kb->kids_.emplace_back();
  if (!extra_path.empty()) {
    std::ifstream in(extra_path, std::ios::binary);
    if (!in) return Status(ErrorCode::kConfig, "cannot read knowledge-base file " + extra_path);
    std::stringstream ss;
    ss << in.rdbuf();
    Status st = kb->AddTsv(ss.str(), extra_path);
    if (!st.ok()) return st;
  }
  for (const auto& f : EmbeddedKbFiles()) {
    Status st = kb->AddTsv(f.text, f.name);
    if (!st.ok()) return st;
  }
  return kb;
}

int32_t KnowledgeBase::TokenId(std::string_view key) const {
  const int32_t* id = vocab_lookup_.Find(key);
  return id == nullptr ? -1 : *id;
}

bool KnowledgeBase::CanStartFiltered(std::string_view key, bool upper) const {
  if (!(upper ? start_filter_ : any_case_start_filter_).MayContain(key)) return false;
  int32_t id = TokenId(key);
  // A word starts an alias exactly when the root has a child along it.
  return id >= 0 && root_child_[id] >= 0;
}

bool KnowledgeBase::CanStartFolded(std::string_view key, bool upper) const {
  const std::string folded = FoldLatin(key);  // empty without such a letter
  return !folded.empty() && ShapeMayContain(upper ? start_shape_ : any_case_start_shape_, folded) &&
         CanStartFiltered(folded, upper);
}

int32_t KnowledgeBase::Child(int32_t node, std::string_view key) const {
  if (node == 0) {
    const int32_t id = TokenId(key);
    return id < 0 ? -1 : root_child_[id];
  }
  // The kids are in the order of their words' hashes: the few scanned, the
  // many searched; the word itself is compared only where a hash matches
  // (its key is a read elsewhere in memory, the hash is in the kid).
  const std::vector<Kid>& kids = kids_[node];
  const uint32_t h = static_cast<uint32_t>(HashWord(key));
  // Vocabulary keys are unique: equal keys mean the same token id.
  for (auto it = FirstKidOfHash(kids, h); it != kids.end() && it->hash == h; ++it)
    if (SameWord(vocab_key_of_[it->id], key)) return it->node;
  return -1;
}

namespace {

// Each alias also without its accents, as English text often has it ("Sao
// Paulo", "Zurich", "Societe Generale"). One word only for a place of four
// letters or more: a short or non-place word without its accents is too
// often another word ("Hit" for Hīt, "Barca" in "Pedro Calderón de la
// Barca"); nor when a word it changes gets under three letters ("Cà Mau"
// would make "Ca" a place's word).
void AddAccentFreeAliases(v1::EntityType type, std::vector<std::string>* aliases) {
  for (size_t a = 0, n = aliases->size(); a < n; ++a) {
    std::string folded = FoldLatin((*aliases)[a]);
    if (folded.empty() || std::find(aliases->begin(), aliases->end(), folded) != aliases->end()) continue;
    const bool one_word = folded.find(' ') == std::string::npos;
    if (one_word && (type != v1::LOC || folded.size() < 4)) continue;
    const std::vector<std::string_view> was = Split((*aliases)[a], ' '), now = Split(folded, ' ');
    bool short_word = false;
    for (size_t w = 0; w < now.size() && w < was.size(); ++w) short_word |= now[w] != was[w] && now[w].size() < 3;
    if (short_word) continue;
    aliases->push_back(std::move(folded));
  }
}

// A place's name that begins with "Saint" also with the abbreviation news
// copy writes ("St Kitts and Nevis", "St. Lucia", "St Petersburg"), and one
// that begins with "St" or "St." also in full; "Sainte" and "Ste" alike.
// A saint's name of one word is a country's only (ISO 3166-1 ids: "St
// Lucia"): "St Paul" and "St George" are saints as often as towns and
// parishes; one of more words or a possessive is a place's ("St George's").
void AddSaintAliases(v1::EntityType type, std::string_view id, std::vector<std::string>* aliases) {
  if (type != v1::LOC) return;
  const bool country = id.starts_with("iso3166:");  // a country's, not a subdivision's ("Saint Paul", a parish)
  // (No "St. " form: an alias's full stop has no key, AddAlias, so "St
  // Lucia" is matched by "St. Lucia" too.)
  static constexpr std::pair<std::string_view, std::string_view> kForms[] = {
      {"Saint ", "St "}, {"St ", "Saint "}, {"St. ", "Saint "}, {"Sainte ", "Ste "}};
  for (size_t a = 0, n = aliases->size(); a < n; ++a) {
    if ((*aliases)[a].size() < 4 || (*aliases)[a][0] != 'S') continue;  // cheapest first
    const std::string alias = (*aliases)[a];  // (a copy: the vector grows below)
    for (const auto& [from, to] : kForms) {
      if (!alias.starts_with(from) || alias.size() == from.size()) continue;
      const std::string_view rest = std::string_view(alias).substr(from.size());
      if (!country && rest.find(' ') == std::string_view::npos && rest.find('\'') == std::string_view::npos) continue;
      std::string out = std::string(to) + std::string(rest);
      if (std::find(aliases->begin(), aliases->end(), out) == aliases->end()) aliases->push_back(std::move(out));
    }
  }
}

// An organisation's name of two words or more also in the other side of
// the Atlantic's spelling, as wire copy writes it ("Organisation for
// Security and Cooperation in Europe" for the Organization for Security and
// Co-operation in Europe; "Defence", "Centre", "Programme"). Whole words,
// their first letter's case kept.
void AddSpellingVariants(v1::EntityType type, std::vector<std::string>* aliases) {
  if (type != v1::ORG && type != v1::EVENT) return;
  static constexpr std::pair<std::string_view, std::string_view> kPairs[] = {
      {"rganization", "rganisation"}, {"o-operation", "ooperation"}, {"efense", "efence"},
      {"enter", "entre"},             {"rogram", "rogramme"}};
  for (size_t a = 0, n = aliases->size(); a < n; ++a) {
    const std::string& alias = (*aliases)[a];
    if (alias.find(' ') == std::string::npos) continue;
    // Cheapest first (this reads every alias at start-up): most have none.
    bool any = false;
    for (const auto& [x, y] : kPairs)
      any = any || alias.find(x) != std::string::npos || alias.find(y) != std::string::npos;
    if (!any) continue;
    std::string out;
    bool changed = false;
    for (std::string_view word : Split(alias, ' ')) {
      if (!out.empty()) out += ' ';
      std::string w(word);
      if (w.size() > 1) {
        const std::string_view tail = std::string_view(w).substr(1);
        for (const auto& [x, y] : kPairs) {
          if (tail == x || tail == y) {
            w = w.substr(0, 1) + std::string(tail == x ? y : x);
            changed = true;
            break;
          }
        }
      }
      out += w;
    }
    if (changed && std::find(aliases->begin(), aliases->end(), out) == aliases->end()) aliases->push_back(out);
  }
}

}  // namespace

// One line of a TSV text: the entity (its source `where`) and its aliases,
// or kConfig naming `where`.
Status KnowledgeBase::ParseTsvLine(std::string_view line, const std::string& where, bool generated,
                                   KbEntity* e, std::vector<std::string>* aliases) {
  auto cols = Split(line, '\t');
  if (cols.size() != 4 && cols.size() != 5) {
    return Status(ErrorCode::kConfig, where + ": expected 4 or 5 tab-separated columns, got " +
                                          std::to_string(cols.size()));
  }
  if (!ParseType(Trim(cols[0]), &e->type)) {
    return Status(ErrorCode::kConfig, where + ": unknown type '" + std::string(cols[0]) + "'");
  }
  e->name = std::string(Trim(cols[1]));
  e->id = std::string(Trim(cols[2]));
  if (e->name.empty() || e->id.empty() || !IsValidUtf8(line)) {
    return Status(ErrorCode::kConfig, where + ": empty name or id, or invalid UTF-8");
  }
  e->source = where;
  e->generated = generated;
  if (cols.size() == 5) {
    for (auto c : Split(cols[4], '|')) {
      c = Trim(c);
      if (!c.empty()) e->context.emplace_back(c);
    }
  }
  // The canonical name is an alias too, except with a '(' and except an
  // ideology noun standing for a NORP group ("Stalinism" for "Stalinists"):
  // the guidelines tag the group words, not the -ism; nor a people's name
  // with "people" ("Igbo people": the guidelines tag "Igbo"; a file that
  // wants "Dutch people" matched lists it among the aliases). An organisation's
  // names are matched without a leading "The" ("The New York Times" is
  // tagged "New York Times": spans leave a leading "the" out; an exact
  // "=The ..." alias keeps it).
  const bool group_word = e->type == v1::NORP && ((e->name.size() > 3 && e->name.ends_with("ism")) ||
                                                   e->name.ends_with(" people") || e->name.ends_with(" peoples"));
  // "The X Y" -> "X Y"; "The X" -> "X" only when "X" is listed too (else
  // "The Who" would match every sentence's "Who"), otherwise kept whole.
  std::vector<std::string_view> listed;
  for (auto a : Split(cols[3], '|')) {
    a = Trim(a);
    if (!a.empty()) listed.push_back(a);
  }
  auto add = [&](std::string_view a) {
    if (e->type == v1::ORG && a.starts_with("The ") && a.size() > 4) {
      const std::string_view rest = a.substr(4);
      if (rest.find(' ') != std::string_view::npos) {
        a = rest;
      } else if (std::find(listed.begin(), listed.end(), rest) != listed.end()) {
        return;  // "X" is an alias of its own
      }
    }
    aliases->emplace_back(a);
  };
  // (Nor when an alias is the name in its exact case, "=Italian
  // Parliament": then "the Italian parliament" is the people's word.)
  const bool exact_name = std::any_of(listed.begin(), listed.end(), [&](std::string_view a) {
    return a.size() == e->name.size() + 1 && a.front() == '=' && a.substr(1) == e->name;
  });
  if (e->name.find('(') == std::string::npos && !group_word && !exact_name) add(e->name);
  for (auto a : listed) add(a);
  AddAccentFreeAliases(e->type, aliases);
  AddSpellingVariants(e->type, aliases);
  AddSaintAliases(e->type, e->id, aliases);
  // A place's name with the macrons of a transliteration ("Islāmābād",
  // "Kandahār": GeoNames' names) is written without them in English.
  if (e->type == v1::LOC && HasMacron(e->name)) e->name = FoldLatin(e->name);
  return Status::Ok();
}

Status KnowledgeBase::AddTsv(std::string_view data, std::string_view source) {
  size_t line_no = 0;
  // What a section header says of its entities, the first prefix that
  // matches deciding: a list of companies (the name tagger reads a list with
  // one in it as a list of companies); sports teams (KbEntity::team);
  // hand-written names whose words the name model must not read as the
  // type's (KbEntity::untyped_words: events, "Australian Open" not
  // "Australian"; legislatures, institutions, parties and other groups,
  // "Bank of Canada" not "Canada"; the companies the news names, "Sullivan &
  // Cromwell" not "Cromwell"; other sports' teams, "Boston Celtics" not
  // "Boston"); and names that are also phrases (KbEntity::strict_case; not
  // the events' wars, "the Bosnian war").
  struct Section {
    std::string_view prefix;
    bool company, team, untyped, strict_case;
  };
  static constexpr Section kSections[] = {
      {"companies named in the news", true, false, true, true},
      {"companies", true, false, false, false},
      {"football clubs: hand-written", false, true, true, true},
      {"football clubs", false, true, false, false},
      {"teams of other sports", false, true, true, true},
      {"events: races", false, false, true, true},
      {"events: occasions", false, false, true, true},
      {"events", false, false, true, false},
      {"legislatures", false, false, true, true},
      {"institutions", false, false, true, true},
      {"groups", false, false, true, true},
      {"national sides", false, false, true, true},
      {"persons", false, false, true, true},
      {"places", false, false, true, true},
      {"facilities", false, false, true, true},
      {"media", false, false, true, true},
  };
  Section section{};
  for (std::string_view line : Split(data, '\n')) {
    ++line_no;
    line = Trim(line);
    if (line.starts_with("# --- ")) {
      const std::string_view header = line.substr(6);
      section = Section{};
      for (const Section& k : kSections) {
        if (header.starts_with(k.prefix)) {
          section = k;
          break;
        }
      }
    }
    if (line.empty() || line.front() == '#') continue;
    KbEntity e;
    std::vector<std::string> aliases;
    if (Status st = ParseTsvLine(line, std::string(source) + ":" + std::to_string(line_no),
                                 source.starts_with("generated") || source == "geography.tsv", &e, &aliases);
        !st.ok()) {
      return st;
    }
    e.company = section.company && e.type == v1::ORG;
    e.team = section.team && e.type == v1::ORG;
    e.untyped_words = section.untyped;
    e.strict_case = section.strict_case;
    const int32_t entity = static_cast<int32_t>(entities_.size());
    entities_.push_back(std::move(e));
    for (const std::string& alias : aliases) AddAlias(entity, alias);
  }
  return Status::Ok();
}

// One alias of entity `entity` into the trie ("=" first: matched in its exact case).
void KnowledgeBase::AddAlias(int32_t entity, std::string_view alias) {
  bool exact = false;
  if (alias.front() == '=') {
    exact = true;
    alias.remove_prefix(1);
  }
  auto toks = Tokenize(alias);
  std::vector<int32_t> ids;
  for (const Token& t : toks) {
    if (IsHyphenToken(alias, t)) continue;
    std::string key = NormaliseToken(alias.substr(t.begin_byte, t.end_byte - t.begin_byte));
    if (key.empty()) continue;
    auto [it, inserted] = vocab_.try_emplace(key, static_cast<int32_t>(vocab_.size()));
    if (inserted) {
      word_types_.push_back(0);
      root_child_.push_back(-1);
      vocab_key_of_.push_back(key);
      vocab_lookup_[key] = it->second;
    }
    ids.push_back(it->second);
  }
  if (ids.empty()) return;
  start_filter_.Add(vocab_key_of_[ids[0]]);
  AddShape(start_shape_, vocab_key_of_[ids[0]]);
  int32_t node = 0;
  for (int32_t id : ids) {
    // The child along this word: the root's by token id, another node's
    // among its kids in the order of their words' hashes (as Child looks).
    const uint32_t h = static_cast<uint32_t>(HashWord(vocab_key_of_[id]));
    int32_t next = -1;
    std::vector<Kid>::iterator at;
    if (node == 0) {
      next = root_child_[id];
    } else {
      std::vector<Kid>& kids = kids_[node];
      at = kids.begin() + (FirstKidOfHash(kids, h) - kids.cbegin());
      for (auto it = at; it != kids.end() && it->hash == h; ++it)
        if (it->id == id) next = it->node;
    }
    if (next < 0) {
      next = static_cast<int32_t>(terminals_.size());
      terminals_.emplace_back();
      if (node == 0) {
        root_child_[id] = next;  // the root's lookups go by token id: its kids in any order
        kids_[0].push_back(Kid{id, next, h});
      } else {
        kids_[node].insert(at, Kid{id, next, h});
      }
      kids_.emplace_back();  // (after the insert: `at` points into kids_[node])
    }
    node = next;
  }
  Terminal term{entity, CaseRule::kCapitalised, {}, {}, false, {}, false};
  std::string letters = Letters(alias);
  bool has_lower = false, has_upper = false;
  {
    size_t i = 0;
    while (i < letters.size()) {
      char32_t c = DecodeUtf8(letters, &i);
      if (IsUpper(c)) has_upper = true;
      else if (IsLetter(c)) has_lower = true;
    }
  }
  size_t p = 0;
  char32_t first = DecodeUtf8(alias, &p);
  term.cased = letters;
  term.has_upper = has_upper;
  if (exact || (has_upper && !has_lower)) {
    term.rule = CaseRule::kExact;
    term.exact = letters;
  } else if (IsLetter(first) && !IsUpper(first)) {
    term.rule = CaseRule::kAny;
  }
  if (term.rule == CaseRule::kCapitalised && ids.size() >= 2) {
    // The alias's last word (after its last space, hyphen or inner full
    // stop: "E.On") begins with a capital.
    // (A trailing stop is no boundary: "Manchester United F.C.".)
    std::string_view a = alias;
    while (!a.empty() && a.back() == '.') a.remove_suffix(1);
    size_t w = a.find_last_of(" -.");
    if (w != std::string_view::npos && w + 1 < a.size()) {
      size_t q = w + 1;
      term.last_upper = IsUpper(DecodeUtf8(a, &q));
    }
  }
  // (An exact alias that begins in lower case, "=medRxiv", "=eLife", is
  // looked for from a lower-case word too.)
  if (term.rule == CaseRule::kAny || !IsLetter(first) || (term.rule == CaseRule::kExact && !IsUpper(first))) {
    any_case_start_filter_.Add(vocab_key_of_[ids[0]]);
    AddShape(any_case_start_shape_, vocab_key_of_[ids[0]]);
  }
  // The first definition of an alias with the same case rule wins; a
  // later one of generated.tsv's, after one of its own, is an alternate.
  Terminal* first_def = nullptr;
  for (auto& t : terminals_[node]) {
    if (t.rule == term.rule && t.exact == term.exact) first_def = &t;
  }
  const KbEntity& added = entities_[static_cast<size_t>(entity)];
  if (first_def != nullptr && first_def->entity != entity && added.generated &&
      entities_[static_cast<size_t>(first_def->entity)].generated) {
    auto& alts = first_def->alternates;
    if (std::find(alts.begin(), alts.end(), entity) == alts.end()) alts.push_back(entity);
    return;  // the words' types stay those of the first definitions
  }
  // A physical feature's name of two words or more (geography.tsv), or a
  // named event's (KbEntity::untyped_words), types none of its words: the
  // name model would read "Indian" of "Indian Ocean", "Franz" of "Franz
  // Josef Land" or "Peace" of "River Peace" as place words wherever they
  // stand. The whole name is still matched.
  // So does a hand-listed name's acronym, which matches in capitals only:
  // "JEM" and "FINA" must not make "El Jem" or "Canela Fina" an
  // organisation's words.
  const bool untyped = (ids.size() > 1 && (added.source.starts_with("geography.tsv") || added.untyped_words)) ||
                       (added.untyped_words && has_upper && !has_lower);
  if (!untyped) {
    for (int32_t id : ids) word_types_[static_cast<size_t>(id)] |= static_cast<uint8_t>(1u << (added.type & 7));
  }
  if (first_def == nullptr) {
    terminals_[node].push_back(std::move(term));
    ++alias_count_;
  }
}

bool KnowledgeBase::ExactCaseMatches(std::string_view text, const std::vector<Token>& tokens,
                                     size_t first, size_t end, std::string_view exact) {
  // Whether the letters and digits of the tokens, concatenated, are `exact`
  // (compared piece by piece instead of building the string).
  size_t pos = 0;
  for (size_t k = first; k < end; ++k) {
    const std::string_view s =
        text.substr(tokens[k].begin_byte, tokens[k].end_byte - tokens[k].begin_byte);
    size_t i = 0;
    while (i < s.size()) {
      const size_t st = i;
      const char32_t c = DecodeUtf8(s, &i);
      if (!IsLetter(c) && !IsDigit(c)) continue;
      const size_t len = i - st;
      if (exact.size() - pos < len || exact.compare(pos, len, s.substr(st, len)) != 0) return false;
      pos += len;
    }
  }
  return pos == exact.size();
}

bool KnowledgeBase::LongestMatch(std::string_view text, const std::vector<Token>& tokens,
                                 const std::vector<std::string>& keys, size_t i,
                                 Match* out) const {
  return LongestMatch(text, tokens, ViewsOf(keys), i, out);
}

bool KnowledgeBase::PluralAt(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                            size_t i, size_t j, int32_t node, Match* out) const {
  const std::string_view key = keys[j];
  if (key.size() < 4 || key.back() != 's' || tokens[j].kind != TokenKind::kWord) return false;
  // "Assads", "Russias": a plural or lost apostrophe on the last word.
  const int32_t snode = Child(node, key.substr(0, key.size() - 1));
  if (snode < 0) return false;
  // Not an organisation's one-word name written as the plural of the common
  // noun first in a sentence ("Economists expect ...", not The Economist).
  const bool sentence_word = j == i && tokens[j].sentence_start;
  for (const auto& term : terminals_[snode]) {
    if (sentence_word && entities_[term.entity].type == v1::ORG) continue;
    if (term.rule != CaseRule::kExact && CheckCase(text, tokens, i, j + 1, term)) {
      *out = {static_cast<uint32_t>(i), static_cast<uint32_t>(j + 1), term.entity,
              term.alternates.empty() ? nullptr : &term.alternates};
      return true;
    }
  }
  return false;
}

namespace {
// A function word, as a name's last word in lower case ends no name.
bool LowerFunctionWord(std::string_view key) {
  static constexpr std::string_view kWords[] = {"on", "in", "of", "at", "to", "by", "for", "and", "or",
                                                "the", "a", "an", "as", "is", "it", "off", "up"};
  return std::find(std::begin(kWords), std::end(kWords), key) != std::end(kWords);
}
}  // namespace

bool KnowledgeBase::LongestMatch(std::string_view text, const std::vector<Token>& tokens,
                                 const KeyViews& keys, size_t i, Match* out) const {
  if (tokens[i].kind == TokenKind::kPunct) return false;
  int32_t node = 0;
  bool found = false;
  size_t folded_first = 0;  // the first word's folded length when it matched so, else 0
  for (size_t j = i; j < tokens.size() && j < i + 12; ++j) {
    const Token& t = tokens[j];
    if (j > i && IsHyphenToken(text, t)) {
      // A hyphen joins only when glued to both neighbours or spaced inside a name.
      continue;
    }
    // So does an en dash glued to both, as the hyphen of a name written with
    // a dash ("Paris–Roubaix", "Red Bull–Bora–Hansgrohe" for the base's
    // "Paris-Roubaix").
    if (j > i && j + 1 < tokens.size() && t.kind == TokenKind::kPunct && t.end_byte - t.begin_byte == 3 &&
        text.compare(t.begin_byte, 3, "\u2013") == 0 && tokens[j - 1].end_byte == t.begin_byte &&
        tokens[j + 1].begin_byte == t.end_byte)
      continue;
    std::string_view key = keys[j];
    // An abbreviation's full stop inside a name ("St. Louis", "Mt. Kenya"),
    // or a domain's ("Kaspi.kz"): the aliases have no '.' (its key is
    // empty). Glued to the word before it, and the sentence going on after
    // it: a space then a word, or a lower-case word glued ("FDP.The" and
    // "Gen.G" are no names of the base's).
    if (j > i && t.kind == TokenKind::kPunct && t.end_byte == t.begin_byte + 1 && text[t.begin_byte] == '.' &&
        j + 1 < tokens.size() && !tokens[j + 1].sentence_start && t.begin_byte == tokens[j - 1].end_byte &&
        (tokens[j + 1].begin_byte > t.end_byte || !tokens[j + 1].upper))
      continue;
    int32_t next = Child(node, key);
    // A word written with accents the knowledge base's name has not
    // ("Burkinabè" for "Burkinabe", "Tromsø"): its folded spelling (the
    // base folds the accented names the other way when it is built).
    if (next < 0 && t.kind == TokenKind::kWord) {
      if (const std::string folded = FoldLatin(key); !folded.empty()) {
        next = Child(node, folded);
        if (next >= 0 && j == i) folded_first = folded.size();
      }
    }
    if (next < 0 && PluralAt(text, tokens, keys, i, j, node, out)) found = true;
    if (next < 0) break;
    node = next;
    for (const auto& term : terminals_[node]) {
      bool ok = CheckCase(text, tokens, i, j + 1, term);
      // A last word in lower case where the alias has a capital ends the
      // name only where the shorter match is the same entity's ("Xinhua news
      // agency" is "Xinhua", "Catholic church" "Catholic"); a longer name of
      // its own stays ("Korean war", "Black Sea fleet").
      // Not when the only capital is a sentence's "The" ("The strongest
      // gust" is not the club The Strongest), nor when the word in lower
      // case is a function word ("A&E on Monday" is not E.On's "E On").
      // Nor for a hand-listed name that is also a phrase (KbEntity::
      // strict_case: "American airlines", "Secret service agents", "Sugar bowl
      // prices"), but for a possessive's "s" ("Standard & Poor's"); the
      // entity is looked up only here, off the common path.
      if (!ok && term.last_upper && term.rule == CaseRule::kCapitalised && tokens[i].upper &&
          !(keys[i] == "the" && j == i + 1) && !LowerFunctionWord(key) &&
          !(entities_[static_cast<size_t>(term.entity)].strict_case && t.end_byte - t.begin_byte > 1))
        ok = !(found && out->entity == term.entity) || key == "city";  // "Vatican city": the city still
      if (ok) {
        *out = {static_cast<uint32_t>(i), static_cast<uint32_t>(j + 1), term.entity,
                term.alternates.empty() ? nullptr : &term.alternates};
        found = true;
        break;
      }
    }
    // A node without children ends every longer match.
    if (kids_[node].empty()) break;
  }
  // A plural whose whole word begins longer aliases but ends none of them
  // ("Americas" of "Americas Quarterly" before "earlier"): its singular, as
  // where the word begins none ("America").
  // (A word that begins none was tried in the walk and failed the same.)
  if (!found && PluralAt(text, tokens, keys, i, i, 0, out)) found = true;
  // One word matched by its folded spelling before a capitalised word is a
  // given name ("Germán Cano" is no "German"); one word so matched is a name
  // only from seven letters on (short ones are given names and words:
  // "Germán", "Über").
  if (found && folded_first > 0 && out->end_token == i + 1 &&
      ((i + 1 < tokens.size() && tokens[i + 1].kind == TokenKind::kWord && tokens[i + 1].upper) || folded_first < 7))
    return false;
  return found;
}

}  // namespace tidings::enrich
