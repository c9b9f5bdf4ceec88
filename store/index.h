#pragma once
// Secondary indexes of the store (issue 13): which documents link an
// entity, mention a date, take a stance toward a target, come from a
// source, an author, are of a kind or a language; newest first.
//
// One column family `index`; every entry is a key with an empty value:
//
//   <field> <value> \0 <time> <document id>
//
//   field  one byte, IndexField below
//   value  the field's value (UTF-8, no \0)
//   time   8 bytes, big endian, of kNewestFirst - published_at in ms, so
//          that a forward scan of one value goes from newest to oldest
//          (documents without a time sort last)
//
// The entries of a document are written in the same RocksDB WriteBatch as
// the document, and those of the version it replaces are deleted there
// too, so the indexes are exactly as durable and exactly-once as the
// documents. Pure functions here; store.cc applies them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tidings/v1/enriched.pb.h"

namespace tidings::store {

namespace v1 = ::tidings::v1;

enum class IndexField : char {
  kEntity = 'e',     // entity id (Wikidata id or tidings slug)
  kName = 'n',       // entity canonical name
  kMention = 'm',    // mentioned date value at year, month and day granularity
  kStance = 's',     // target \x1f label (FAVOR, AGAINST, NONE)
  kReply = 'r',      // reply stance label (SUPPORT, DENY, QUERY, COMMENT)
  kPublished = 'p',  // every document, value "" (time order of the whole store)
  kSource = 'o',
  kAuthor = 'a',
  kKind = 'k',
  kLanguage = 'l',   // the detected language, else the declared one
};

// Separates a stance entry's target from its label.
inline constexpr char kStanceSep = '\x1f';

// The time a document sorts by: published_at, else its anchor (a comment's
// thread time), in ms since the epoch; nullopt when neither parses.
std::optional<int64_t> DocumentTimeMs(const v1::EnrichedDocument& d);

// Milliseconds since the epoch of an RFC 3339 time ("2016-10-20",
// "2016-10-20T08:00:00Z", "...+02:00", fractions allowed); nullopt if not one.
std::optional<int64_t> ParseTimeMs(std::string_view s);

// The 8 time bytes of a key; kNoTime for a document without a time.
inline constexpr int64_t kNoTime = INT64_MIN;
std::string TimeBytes(int64_t ms);
int64_t TimeFromBytes(std::string_view eight);

// "<field><value>\0": the prefix of all entries of one value.
std::string IndexPrefix(IndexField f, std::string_view value);

// The index keys of a document, sorted, without repeats.
std::vector<std::string> IndexKeys(const v1::EnrichedDocument& d);

// An index key taken apart.
struct IndexEntry {
  IndexField field{};
  std::string_view value;
  int64_t time_ms = kNoTime;
  std::string_view id;
};
std::optional<IndexEntry> ParseIndexKey(std::string_view key);

// The stance entry value of a target and label ("target\x1fFAVOR").
std::string StanceValue(std::string_view target, std::string_view label);

}  // namespace tidings::store
