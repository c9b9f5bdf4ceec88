#pragma once
// The data of the stance tagger: stance targets (operator-replaceable file),
// general cue lexicons and the sentiment lexicon, parsed into phrase lists.
// Formats are described in enrich/stance/README.md. Parsing is pure and
// thread-safe; the results are immutable once built.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/status.h"

namespace tidings::enrich::stance {

// A phrase to find in tokenised text. `words` are normalised (PhraseWords);
// with `exact` they are compared to the words as written instead.
struct Phrase {
  std::vector<std::string> words;
  bool prefix_last = false;  // the last word matches any word it begins
  bool exact = false;
  float weight = 1.0f;
  // Punctuation that must follow the last word at once ("no," "really?"),
  // 0 for none. Written as the phrase's last character in the file.
  char follow = 0;
  std::string text;          // as written in the file, for cues and errors
};

struct Target {
  std::string id;    // [a-z0-9_]+, the label in Stance.target
  std::string name;  // display name
  std::vector<std::string> entities;  // lower-cased canonical names or ids
  std::vector<Phrase> aliases;        // case-insensitive and exact aliases
  std::vector<Phrase> favor;          // framing cues, weight > 0
  std::vector<Phrase> against;        // framing cues, weight > 0 (sign applied later)
  std::vector<Phrase> ignore;         // masked before alias and cue matching
  // Ids of targets in the same camp / the opposite camp (symmetric; unknown
  // ids are a config error).
  std::vector<std::string> allies, rivals;
};

// General cue lists of cues.ini.
struct CueLexicon {
  std::vector<Phrase> negators, distancing, reporting, patient, first_person, sentiment_ignore;
  std::vector<Phrase> support, deny, query, rhetorical;
  // Words about a claim's truth (reply.doubt / reply.affirm): features of the
  // learned reply model only, never scored by the rules. One word each.
  std::vector<Phrase> doubt, affirm;
};

inline constexpr size_t kMaxTargets = 64;

// Parses a target file. kConfig "<source>:<line>: ..." on a bad line,
// an unknown key, a duplicate id, no targets, or more than kMaxTargets.
[[nodiscard]] Result<std::vector<Target>> ParseTargets(std::string_view text, const std::string& source);

// Parses cues.ini; kConfig with the line on errors.
[[nodiscard]] Result<CueLexicon> ParseCues(std::string_view text, const std::string& source);

// Parses "word<TAB>score" lines (# comments); kConfig on a bad line.
[[nodiscard]] Result<std::unordered_map<std::string, float>> ParseSentiment(std::string_view text,
                                                                           const std::string& source);

// The built-in data: the files of enrich/stance/data (targets.default.ini,
// cues.ini, sentiment.tsv), compiled in at build time (builtin_data.cc).
std::string_view DefaultTargetsText();
std::string_view DefaultCuesText();
std::string_view DefaultSentimentText();

}  // namespace tidings::enrich::stance
