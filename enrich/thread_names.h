// A reply's names in lower case: what its thread wrote in title case.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "enrich/kb.h"
#include "enrich/text.h"
#include "tidings/v1/enriched.pb.h"

namespace tidings::enrich {

// The names a document wrote in title case ("Putin", "Rishi Sunak",
// "Normandy"), each surface once, with the keys a reply may write them by
// (the surface's words' token keys, one space between; a person's surname
// too). Packed in two strings, as a thread summary stores them: rows
// "surface\ttype\tname\tid\n" and keys "key\tindex\n" in ascending order,
// so that reading a summary back allocates two strings, not four per name.
class ThreadNames {
 public:
  struct Name {
    std::string_view surface;
    ::tidings::v1::EntityType type = ::tidings::v1::ENTITY_TYPE_UNSPECIFIED;
    std::string_view name, id;
  };
  // Whether a mention's text goes in: four bytes or more, an ASCII capital
  // first and a lower-case letter after it ("Putin", not "US", "IS" or
  // "Xi", whose lower case is often a word), no tab or line break.
  static bool TitleCaseName(std::string_view surface);

  // Adds a name (its surface not yet in); Index() once all are in.
  void Add(std::string_view surface, ::tidings::v1::EntityType type, std::string_view name, std::string_view id);
  void Index();
  // From the packed strings of a summary; keys are derived when missing.
  static ThreadNames FromPacked(std::string rows, std::string keys);
  const std::string& rows() const { return rows_; }
  const std::string& keys() const { return keys_; }

  size_t size() const { return row_at_.size(); }
  bool empty() const { return row_at_.empty(); }
  bool Has(std::string_view surface) const;
  Name At(size_t i) const;
  // The name whose key is `key`; false if none.
  bool Find(std::string_view key, Name* out) const;
  // Whether some key begins with the word `w` (then a space, a hyphen or
  // its end); a 256-bit filter of the keys' first words (`bit`:
  // FirstWordBit(w)) answers most words at once.
  bool MayBegin(std::string_view w, uint32_t bit) const {
    return (first_words_[bit >> 6] >> (bit & 63) & 1) != 0 && Begins(w);
  }
  static uint32_t FirstWordBit(std::string_view word);
  size_t Bytes() const { return rows_.size() + keys_.size() + 8 * (row_at_.size() + key_at_.size()); }
  bool operator==(const ThreadNames& o) const { return rows_ == o.rows_; }

 private:
  bool Begins(std::string_view w) const;
  std::string_view KeyAt(size_t k) const;
  size_t LowerBound(std::string_view v) const;
  void SplitRows();
  void SplitKeys();
  std::string rows_, keys_;
  // Where each row and each key line begins, and how long its first field
  // (the surface, the key) is.
  std::vector<uint32_t> row_at_, key_at_, surface_len_, key_len_;
  uint64_t first_words_[4] = {0, 0, 0, 0};
};

struct ThreadDoc;

// Comments write names in lower case ("sunak couldnt organise ...", "not
// putin lol"), where the name tagger, which reads capitals, finds none. A
// run of one to three lower-case tokens, outside every mention already in
// `out`, whose keys are those of a name the thread's documents (`context`:
// the parent and the root; null ones skipped) wrote in title case is that
// name, with its type, canonical name and id ("putin" after "Putin"; a
// person's surname alone after the full name: "sunak" after "Rishi
// Sunak"). Not under four letters; one word not a function word or a
// title. Mentions are added in text order with score 0.6 and, with
// `debug`, the rule "ner:thread-lowercase". A common noun the thread wrote
// as a name is taken too ("Freedom" the party, then "freedom"): 2 of 15 in
// RumourEval 2017's training threads.
void TagThreadNamesInLowerCase(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                               const CodePointIndex& cps, bool debug, const std::vector<const ThreadDoc*>& context,
                               ::google::protobuf::RepeatedPtrField<::tidings::v1::EntityMention>* out);

}  // namespace tidings::enrich
