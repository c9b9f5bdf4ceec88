#pragma once
// Features of the learned name tagger: which tokens it looks at (regions of
// capitalised words and the rules' candidates) and the hashed features of
// each of them. Shared by training (enrich/names/train.*) and tagging
// (enrich/names/tagger.*), so both see exactly the same features.
//
// A NameFeatures object reads one document; it is cheap to build, holds
// views into its inputs (which must outlive it) and is not thread-safe.

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "enrich/entities.h"
#include "enrich/kb.h"
#include "enrich/learn/clusters.h"
#include "enrich/text.h"

namespace tidings::enrich::names {

// The feature set's name and version, recorded in every model's manifest; a
// model trained with another feature set does not load.
// names-v5 adds the word-cluster features (for a model whose manifest
// names clusters) and ends regions at a sentence's end. Models of names-v4
// load too: without clusters the features differ only where a region used
// to run on into the next sentence.
inline constexpr std::string_view kFeatureSet = "names-v5";
inline constexpr std::string_view kOlderFeatureSet = "names-v4";

// The labels of the sequence model: O, then B-/I- for each contract type.
const std::vector<std::string>& NameLabels();
// The contract types in label order: label 1 + 2k is B- of kLabelTypes[k],
// 2 + 2k its I-.
inline constexpr ::tidings::v1::EntityType kLabelTypes[] = {
    ::tidings::v1::PERSON, ::tidings::v1::ORG, ::tidings::v1::LOC, ::tidings::v1::NORP, ::tidings::v1::EVENT};
// The contract type of a label index (ENTITY_TYPE_UNSPECIFIED for O) and
// whether it begins a mention. Inline: the span steps ask them of every
// span.
inline ::tidings::v1::EntityType LabelType(int label) {
  return label <= 0 || label > 10 ? ::tidings::v1::ENTITY_TYPE_UNSPECIFIED : kLabelTypes[(label - 1) / 2];
}
inline bool LabelBegins(int label) { return label > 0 && (label - 1) % 2 == 0; }
// The label index for (type, begins).
inline int LabelOf(::tidings::v1::EntityType type, bool begins) {
  for (int k = 0; k < 5; ++k) {
    if (kLabelTypes[k] == type) return 1 + 2 * k + (begins ? 0 : 1);
  }
  return 0;
}

// A run of tokens the tagger decides on: [first, end).
struct Region {
  uint32_t first, end;
};

// A mention as decoded: tokens [first, end), its label (a B- label) and the
// mean margin of its tokens' labels.
struct Span {
  uint32_t first, end;
  int label;
  float margin;
  // The label stands even over a knowledge-base match fixed before Viterbi
  // (a step that read the context retyped it: a city's football club).
  bool retyped = false;
};
// The spans of a label sequence (B- then I- of the same type).
std::vector<Span> SpansOf(const std::vector<int>& labels, const std::vector<float>& margins);
// Whether a token's key is a word that joins the parts of a name ("of",
// "and", "de"): a name never ends with one.
bool JoinsNameParts(std::string_view key);
// A span that ends with such a word takes the span right after it ("University
// of" + "London" -> "University of London", the first's type) or, with none
// there, gives the word up. `joiner` per token: JoinsNameParts of its key.
void MendJoinerEnds(const std::vector<uint8_t>& joiner, std::vector<Span>* spans);
// What a word is to a person's title: part of none, a title ("Minister",
// "President"), or a word that makes one with a title after it ("Foreign"
// Minister, "Grand" Ayatollah, "House" Speaker).
enum class TitleWord : uint8_t { kNone, kTitle, kModifier };
// The contract keeps a person's titles outside the name ("Prime Minister
// Narendra Modi" -> "Narendra Modi", "Foreign Minister Sergei Lavrov" ->
// "Sergei Lavrov"): a PERSON span (`person_label`: its B- label) gives up
// its leading run of title words and modifiers up to the run's last title
// (`title_word` of a token, asked of PERSON spans' tokens and the token
// after one; kNone past the text); one of title words alone is dropped when
// it has two or more or a title follows it ("the Prime Minister"), and kept
// otherwise ("Prince", the singer).
void TrimTitles(const std::function<TitleWord(uint32_t)>& title_word, int person_label, std::vector<Span>* spans);
// An organisation span that runs on through a title into a name ("NATO
// Secretary-General Jaap de Hoop Scheffer", "U.N. Secretary General Ban
// Ki-moon") is the organisation and a person: the span is cut before the
// title run (titles and modifiers, which must contain a title and come
// after a capitalised word) and the part after it becomes a PERSON span when
// it begins with a capitalised word that is no title (`upper` of a token)
// and no organisation word (`org_word`: "English Premier League" is no
// "Premier" and a person); an organisation part of titles alone is
// dropped. Titles that end an organisation's span are cut off it ("NATO
// Secretary-General" -> "NATO").
void SplitOrgTitlePerson(const std::function<TitleWord(uint32_t)>& title_word,
                         const std::function<bool(uint32_t)>& upper,
                         const std::function<bool(uint32_t)>& org_word, int org_label, int person_label,
                         std::vector<Span>* spans);
// The complement of a title is no name ("Secretary of State", "Minister of
// Defence", "Minister of Foreign Affairs", "Minister for Justice"): a span
// of modifiers alone (`title_word`) right after a title and "of" or "for"
// (`is_of` of a token) is
// dropped; one that goes on from them into a name ("Secretary of State
// Antony Blinken", which the model had as the ORG "State Antony Blinken")
// gives them up, and the name is the person's the title is.
// (`capitalised`: every word of that name). An article may stand between
// "of" and the complement (`is_the`: "Chancellor of the Exchequer Gordon
// Brown"); such a complement alone stays ("Speaker of the House").
void DropTitleComplements(const std::function<TitleWord(uint32_t)>& title_word,
                          const std::function<bool(uint32_t)>& is_of, const std::function<bool(uint32_t)>& is_the,
                          const std::function<bool(uint32_t)>& capitalised, int person_label,
                          std::vector<Span>* spans);
// A one-word organisation right before "administration" or "presidency" is
// the person who heads it ("the Biden administration"): it becomes PERSON.
// `heads_after(k)`: token k is such a word.
void PersonBeforeAdministration(const std::function<bool(uint32_t)>& heads_after, int org_label, int person_label,
                                std::vector<Span>* spans);
// True when a line break separates tokens a and b (a before b).
bool NewlineBetween(std::string_view text, const Token& a, const Token& b);

// A nationality or a place right before a company's trade word is part of
// the company's name ("British" + "Airways" -> ORG "British Airways",
// "Kenya Airways", "Turkish Airlines"): the trade word, a one-word
// organisation span or in no span, joins it and the whole is an ORG.
// `is_trade` of a token: a capitalised such word ("Airways", "Railways"),
// asked only right after a NORP or LOC span. So too before a national
// institution's or a party's name, an organisation span of any length right
// after that `national_name` accepts (given the nationality's first token
// and the organisation's first and end tokens: "Indian" + "Army", "Turkish"
// + "Red Crescent", "Mexican" + "Stock Exchange", "Italian" + "Liberal
// Party"): not before any other organisation ("Lebanese Hezbollah" stays
// two).
void JoinNationalityOrg(const std::function<bool(uint32_t)>& is_trade,
                        const std::function<bool(uint32_t lead, uint32_t first, uint32_t end)>& national_name,
                        int norp_label,
                        int loc_label, int org_label, std::vector<Span>* spans);
// Document-level consistency: mentions with the same words (`word_hash` per
// token, e.g. of its key) take one type, the one with the largest summed
// margin over the document ("Jordan" is not a person in one sentence and a
// country in the next).
void MakeConsistent(const std::vector<uint64_t>& word_hash, std::vector<Span>* spans);

// Document-level consistency, second half: a capitalised word left untagged
// that the document tags elsewhere as a one-word mention, or that ends a
// person's full name ("Starmer" after "Keir Starmer"), is tagged the same.
// `capitalised` per token; spans stay in text order.
void TagRepeats(const std::vector<uint64_t>& word_hash, const std::vector<uint8_t>& capitalised,
                std::vector<Span>* spans);
// The same from the capitalised words' positions in text order (`cap_at`),
// without a pass over every token: a word that `skip` (when given) says
// true of is left alone (asked only of a word that would be tagged).
void TagRepeatsAt(const std::vector<uint64_t>& word_hash, const std::vector<uint32_t>& cap_at,
                  const std::function<bool(uint32_t)>* skip, std::vector<Span>* spans);

class NameFeatures {
 public:
  // `cands` are the rules' candidates for the document (EntityTagger);
  // `clusters` the model's word clusters, or null for a model without.
  NameFeatures(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
               const DocWords& words, const std::vector<NameCandidate>& cands, const KnowledgeBase& kb,
               const learn::WordClusters* clusters);

  // The regions, in text order: maximal runs on one line of capitalised
  // words, tokens inside the rules' candidates, and connectors ("al", "of",
  // "-", "bin") between them. Tokens outside every region are O.
  const std::vector<Region>& regions() const { return regions_; }

  NameFeatures(const NameFeatures&) = delete;
  NameFeatures& operator=(const NameFeatures&) = delete;

  // Appends the features of token `i` of region `r` to *out. With `names`,
  // appends a readable name for each feature too (for --debug).
  void Extract(const Region& r, size_t i, std::vector<uint64_t>* out,
               std::vector<std::string>* names = nullptr) const;

 private:
  uint64_t Ctx(size_t i) const;  // hash of the key (or punctuation) of token i
  uint64_t Shape(size_t i) const;
  std::string ShapeText(size_t i) const;
  // Token i's clusters (clusters_ set, i a token), or null for a word the
  // table does not have.
  const uint16_t* ClustersOf(size_t i) const;
  void AddClusterFeatures(size_t i, std::vector<uint64_t>* out, std::vector<std::string>* names) const;
  // Whether the story begins at token i, after a wire dateline on its line
  // ("PERTH, Nov 25 (Reuters) - ", "WASHINGTON — "): the words before it
  // are no context of its first words.
  bool StoryStart(size_t i) const {
    return !story_starts_.empty() && std::binary_search(story_starts_.begin(), story_starts_.end(), i);
  }
  // The token before i and the one before that, within the story (n: none).
  size_t Before(size_t i, size_t back) const {
    for (size_t k = 0; k < back; ++k) {
      if (i == 0 || i >= tokens_.size() || StoryStart(i)) return tokens_.size();
      --i;
    }
    return i;
  }

  std::string_view text_;
  const std::vector<Token>& tokens_;
  const KeyViews& keys_;
  const DocWords& words_;
  const std::vector<NameCandidate>& cands_;
  const KnowledgeBase& kb_;
  const learn::WordClusters* clusters_;
  // Per-token arrays, in storage kept per thread and reused by the next
  // NameFeatures of that thread (one at a time per thread).
  struct Scratch {
    std::vector<int32_t> cand_at;     // candidate index covering each token, or -1
    std::vector<uint8_t> line_class;  // 0 prose, 1 all caps, 2 title case, 3 table
    std::vector<Region> regions;
    std::vector<uint64_t> ctx, shape;  // lazily computed per token (0: not yet)
    std::vector<const uint16_t*> cluster;  // lazily looked up per token (kNotLookedUp: not yet)
    std::vector<size_t> story_starts;      // StoryStart tokens, ascending
  };
  static inline const uint16_t kNotLookedUpMark = 0;
  static inline const uint16_t* const kNotLookedUp = &kNotLookedUpMark;
  static Scratch& ThreadScratch();
  Scratch& s_;
  std::vector<int32_t>& cand_at_;
  std::vector<uint8_t>& line_class_;
  std::vector<Region>& regions_;
  std::vector<uint64_t>& ctx_;
  std::vector<uint64_t>& shape_;
  std::vector<const uint16_t*>& cluster_;
  std::vector<size_t>& story_starts_;
};

}  // namespace tidings::enrich::names
