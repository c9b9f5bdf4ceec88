#pragma once
// The entity knowledge base: canonical entities (name, id, type) with their
// aliases, compiled once into a token trie for longest-match lookup.
//
// Built once at engine start-up, immutable afterwards; every const method is
// thread-safe. Data format (enrich/kb/README.md): one entity per line,
//   TYPE <TAB> canonical name <TAB> id <TAB> alias|alias|... [<TAB> id|id...]
// with an optional fifth column, context ids separated by '|'. '#' starts a
// comment line. Files are loaded in priority order; the first definition of
// an alias wins (operator file, then curated, then generated), except that
// later definitions in generated.tsv of an alias it defined first are kept as
// alternates for the linker to choose by type and context.

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "enrich/text.h"
#include "enrich/word_table.h"
#include "runtime/status.h"
#include "tidings/v1/enriched.pb.h"

namespace tidings::enrich {

// A data file compiled into the binary (generated from enrich/kb/*.tsv).
struct EmbeddedFile {
  std::string_view name;
  std::string_view text;
};
const std::vector<EmbeddedFile>& EmbeddedKbFiles();

struct KbEntity {
  std::string name;
  std::string id;
  ::tidings::v1::EntityType type = ::tidings::v1::ENTITY_TYPE_UNSPECIFIED;
  std::string source;  // "curated.tsv:12"
  bool generated = false;  // from generated.tsv or geography.tsv (open data, broad), not a curated file
  // A company: an organisation listed under a "# --- companies" section
  // header (generated.tsv's stock-index constituents and the companies named
  // in the news; kSections in kb.cc). The name tagger reads a list with one
  // in it as a list of companies.
  bool company = false;
  // A sports team: an organisation under a "# --- football clubs" or "# ---
  // teams of other sports" header ("Boston Celtics"). The name tagger reads
  // the place a team's name begins with as the team elsewhere on its page.
  bool team = false;
  // An entity under a header of hand-written names (generated.tsv's
  // events, legislatures, institutions, companies named in the news and
  // other sports' teams; kSections in kb.cc):
  // its names of two words or more type none of their words, as
  // geography.tsv's (WordTypes: "Australian Open" must not make
  // "Australian" an event's word to the name model, nor "Parliament of
  // Morocco" "Morocco" an organisation's).
  bool untyped_words = false;
  // An entity of a hand-written list whose names are also phrases ("American
  // Airlines", "Sugar Bowl"): a name of two words or more matches only with
  // its last word capitalised as the alias's ("American airlines" is none;
  // kSections in kb.cc). The wars of the events' list keep "the
  // Bosnian war".
  bool strict_case = false;
  // Ids of what contains it (a place's country and region), from the optional
  // fifth column: the context by which the linker chooses between entities
  // that share an alias (enrich/names/linker.h).
  std::vector<std::string> context;
};

// How an alias must be written in the text to count.
enum class CaseRule : uint8_t {
  kExact,        // letters exactly as in the alias ("IS", "US")
  kCapitalised,  // case-insensitive, first letter upper case in the text
  kAny,          // any case ("war on terror", "western")
};

// `s` with the accents of its Latin letters taken off ("São Paulo" -> "Sao
// Paulo", "gdańsk" -> "gdansk", "Łódź" -> "Lodz"); empty when it has none
// (U+00C0..U+017F).
std::string FoldLatinAccents(std::string_view s);

// Lower-cases ASCII, Latin-1 and Latin Extended-A ("İ" becomes "i"), folds
// apostrophes to '\'' and drops '.'.
// The key under which a token is looked up.
std::string NormaliseToken(std::string_view token);

// A country by the knowledge base's id: an ISO 3166 country (or a former
// one, ISO 3166-3: "Zaire", "Yugoslavia"), or one of the
// UK's nations (England, Scotland, Wales, Northern Ireland: Wikidata ids),
// which news names as countries ("England beat Wales").
bool IsCountry(const KbEntity& e);
// A country as a mention names it: IsCountry's, or a curated place without
// context (the curated file's countries and regions carry Wikidata ids and
// no context; its cities name their country as context).
bool NamesACountry(const KbEntity& e);

// Keys of all tokens of a text (NormaliseToken; empty for punctuation other
// than hyphens and apostrophes, which keep their folded form).
std::vector<std::string> TokenKeys(std::string_view text, const std::vector<Token>& tokens);

// The same keys as views, without a string per token: a key equal to the
// token's text (lower-case ASCII without '.') points into `text`, the others
// into `*storage` (cleared and reserved here; it and `text` must outlive the
// views). What the engine uses; the taggers take either form.
using KeyViews = std::vector<std::string_view>;
KeyViews TokenKeyViews(std::string_view text, const std::vector<Token>& tokens,
                       std::string* storage);
// Views of keys from TokenKeys (which must outlive them).
KeyViews ViewsOf(const std::vector<std::string>& keys);

// A 65536-bit filter over keys: MayContain() is false for most keys not
// added, and always true for keys added. Used to skip hash lookups.
class KeyFilter {
 public:
  void Add(std::string_view k) {
    const uint32_t h = Hash(k);
    bits_[h >> 6] |= uint64_t{1} << (h & 63);
  }
  bool MayContain(std::string_view k) const {
    const uint32_t h = Hash(k);
    return (bits_[h >> 6] >> (h & 63)) & 1;
  }

 private:
  static uint32_t Hash(std::string_view k) {
    uint32_t h = static_cast<uint32_t>(k.size()) * 0x9E3779B1u;
    if (!k.empty()) {
      h ^= static_cast<uint8_t>(k[0]) * 0x85EBCA6Bu;
      h ^= static_cast<uint8_t>(k.back()) * 0xC2B2AE35u;
      if (k.size() > 2) h ^= static_cast<uint8_t>(k[1]) * 0x27D4EB2Fu + static_cast<uint8_t>(k[2]);
    }
    h ^= h >> 15;
    h *= 0x2C1B3C6Du;
    h ^= h >> 13;
    return h & 0xFFFF;
  }
  uint64_t bits_[1024] = {};
};

class KnowledgeBase {
 public:
  // The built-in data plus, when non-empty, the operator's file (which wins).
  // kConfig naming file and line for a malformed line; kIo if unreadable.
  [[nodiscard]] static Result<std::unique_ptr<KnowledgeBase>> Create(
      const std::string& extra_path);

  // Adds the entities of one TSV text. `source` names it in errors/rules.
  [[nodiscard]] Status AddTsv(std::string_view data, std::string_view source);

  struct Match {
    uint32_t first_token;  // index into the token vector
    uint32_t end_token;    // exclusive
    int32_t entity;        // index into entities()
    // Other entities of generated.tsv with the same alias, in file order
    // ("Georgia": the country, then the US state); null when there are none.
    const std::vector<int32_t>* alternates = nullptr;
  };

  // Longest KB match starting at token `i`, or false. `tokens` and `text` as
  // from Tokenize(text). Hyphen tokens inside a name are skipped, so
  // "Bashar-al-Assad" matches "Bashar al-Assad". A final "s" without
  // apostrophe is tolerated on the last word ("Assads").
  // `keys` is TokenKeys(text, tokens).
  bool LongestMatch(std::string_view text, const std::vector<Token>& tokens,
                    const std::vector<std::string>& keys, size_t i, Match* out) const;
  bool LongestMatch(std::string_view text, const std::vector<Token>& tokens,
                    const KeyViews& keys, size_t i, Match* out) const;

  // Longest match starting at token `i` whose letters and digits are exactly
  // those of an alias that has a capital letter ("Berlin", "al-Assad",
  // "NATO"; never "berlin", "BERLIN", nor the all-lower-case "western"),
  // whatever the alias's own case rule; hyphens optional as above, no plural
  // tolerance. For text the English rules do not apply to; defined in
  // kb_exact.cc.
  bool LongestExactCaseMatch(std::string_view text, const std::vector<Token>& tokens,
                             const KeyViews& keys, size_t i, Match* out) const;

  // Whether the normalised token can start some alias (fast pre-filter).
  // `upper`: the token starts with a capital; a lower-case token can only
  // start an alias that matches in any case.
  bool CanStart(std::string_view norm_key, bool upper) const {
    // Most keys fail the shape test: that reject stays inline.
    if (!ShapeMayContain(upper ? start_shape_ : any_case_start_shape_, norm_key)) return false;
    return CanStartFiltered(norm_key, upper);
  }
  // Whether a word with a Latin letter's accent (U+00C0..U+017F) may start
  // a name in its folded spelling ("Burkinabè" for the base's "Burkinabe";
  // LongestMatch folds such a word when its own spelling matches none).
  // False for a key without such a letter. The caller asks only of the
  // words that hold one (the rules' pass finds them in the text): a scan of
  // every key cost that pass a fifth more.
  bool CanStartFolded(std::string_view norm_key, bool upper) const;

  const std::vector<KbEntity>& entities() const { return entities_; }

  // The types of the entities with an alias containing the normalised word
  // `key`, as bits 1 << EntityType; 0 for a word in no alias. A feature of
  // the name model ("Manchester" is in places and organisations).
  uint8_t WordTypes(std::string_view key) const {
    const int32_t id = TokenId(key);
    return id < 0 ? 0 : word_types_[static_cast<size_t>(id)];
  }
  size_t alias_count() const { return alias_count_; }

 private:
  struct Terminal {
    int32_t entity;
    CaseRule rule;
    std::string exact;  // alias letters without separators (kExact only)
    std::string cased;  // the same for every rule, as written (LongestExactCaseMatch)
    bool has_upper = false;  // the alias has a capital letter
    std::vector<int32_t> alternates;  // Match::alternates
    // A kCapitalised alias of two words or more whose last word is
    // capitalised: so must the text's be, where a shorter alias of the same
    // entity matches ("Xinhua News Agency" is not "Xinhua news agency",
    // which is "Xinhua" and a common noun; LongestMatch).
    bool last_upper = false;
  };
  int32_t TokenId(std::string_view key) const;
  static Status ParseTsvLine(std::string_view line, const std::string& where, bool generated, KbEntity* e,
                             std::vector<std::string>* aliases);
  void AddAlias(int32_t entity, std::string_view alias);
  bool CanStartFiltered(std::string_view key, bool upper) const;
  // The plural (or lost apostrophe) of the word at token j, from `node`: the
  // match [i, j + 1) of its singular's alias (LongestMatch), if any.
  bool PluralAt(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, size_t i,
                size_t j, int32_t node, Match* out) const;
  // The child of `node` along the word `key`, or -1.
  int32_t Child(int32_t node, std::string_view key) const;
  bool CheckCase(std::string_view text, const std::vector<Token>& tokens, size_t first,
                 size_t end, const Terminal& t) const {
    if (t.rule == CaseRule::kAny) return true;
    if (t.rule == CaseRule::kCapitalised) {
      return (tokens[first].upper || ArticleBeforeCapital(text, tokens, first)) &&
             (!t.last_upper || end - first < 2 || tokens[end - 1].kind != TokenKind::kWord || tokens[end - 1].upper);
    }
    return ExactCaseMatches(text, tokens, first, end, t.exact);
  }
  static bool ExactCaseMatches(std::string_view text, const std::vector<Token>& tokens,
                               size_t first, size_t end, std::string_view exact);

  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, int32_t, StringHash, std::equal_to<>> vocab_;
  WordTable<int32_t> vocab_lookup_;  // the same, for the per-token probes
  std::vector<uint8_t> word_types_;  // by token id: WordTypes
  KeyFilter start_filter_;
  KeyFilter any_case_start_filter_;  // first words of kAny aliases and numbers
  // Cheaper first filters over the same keys: by first byte, a bit per key
  // length (lengths >= 31 share bit 31).
  uint32_t start_shape_[256] = {};
  uint32_t any_case_start_shape_[256] = {};
  static void AddShape(uint32_t* shape, std::string_view k) {
    if (!k.empty()) shape[static_cast<uint8_t>(k[0])] |= uint32_t{1} << std::min<size_t>(k.size(), 31);
  }
  static bool ShapeMayContain(const uint32_t* shape, std::string_view k) {
    return !k.empty() && ((shape[static_cast<uint8_t>(k[0])] >> std::min<size_t>(k.size(), 31)) & 1);
  }
  std::vector<std::string> vocab_key_of_;  // by token id
  // The trie's edges: the root's child by token id (-1: none), and the
  // children of each other node in the order of their words' 32-bit hashes
  // (HashWord), scanned when there are few, else searched.
  struct Kid {
    int32_t id, node;
    uint32_t hash;
  };
  static constexpr size_t kMaxScannedKids = 8;
  // The first of `kids` whose hash is not below h (where a kid of that hash
  // is, or goes): scanned when there are few, else searched. Child and
  // AddAlias both look so.
  static std::vector<Kid>::const_iterator FirstKidOfHash(const std::vector<Kid>& kids, uint32_t h) {
    if (kids.size() > kMaxScannedKids)
      return std::lower_bound(kids.begin(), kids.end(), h, [](const Kid& k, uint32_t v) { return k.hash < v; });
    auto it = kids.begin();
    while (it != kids.end() && it->hash < h) ++it;
    return it;
  }
  std::vector<int32_t> root_child_;
  std::vector<std::vector<Kid>> kids_;  // by node
  std::vector<std::vector<Terminal>> terminals_;  // by node; node 0 is the root
  std::vector<KbEntity> entities_;
  size_t alias_count_ = 0;
};

}  // namespace tidings::enrich
