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
//
// Stored as postings (layout 2): RocksDB does not hold one key per entry
// but one per (field, value, time bucket, write batch), whose value lists
// that batch's entries of the bucket:
//
//   <field> <value> \0 <bucket> <batch>  ->  entries
//
//   bucket  8 bytes, big endian, of the entries' time bytes (as a number)
//           divided by kPostingBucketMs: buckets sort as the times in them,
//           newest first
//   batch   8 bytes, big endian: the RocksDB sequence number the write
//           batch began at (one writer: unique per batch)
//   entries in entry key order, each as varints: the time bytes (as a
//           number) less the previous entry's (the first's: less the
//           bucket's start, bucket * kPostingBucketMs), the length of the id's
//           prefix shared with the previous entry's id, the length of the
//           rest, then the rest (~8 bytes an entry instead of ~30)
//
// A batch of documents that arrive together (a stream, roughly in time
// order) shares a value's bucket, so the store writes a handful of keys per
// document instead of ~25 (bench/store_bench.cc). Readers see the entry keys
// above all the same (Store::View() merges a bucket's postings), in the same
// order.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tidings/v1/enriched.pb.h"

namespace tidings::store {

namespace v1 = ::tidings::v1;

enum class IndexField : char {
  kEntity = 'e',     // entity id (Wikidata id or tidings slug)
  kName = 'n',       // entity canonical name (stored through the name table, below)
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
// The number TimeBytes writes (big endian) for ms.
uint64_t TimeNumber(int64_t ms);
int64_t TimeFromBytes(std::string_view eight);

// "<field><value>\0": the prefix of all entries of one value.
std::string IndexPrefix(IndexField f, std::string_view value);

// The index keys of a document, sorted, without repeats.
std::vector<std::string> IndexKeys(const v1::EnrichedDocument& d);

// What the store keeps of a document's index keys (see "Stored as
// postings" above): the (field, value) pairs of IndexKeys but the names of
// entities that have an id, in no particular order, repeats allowed; views
// into the document, or into *composed for the values built from parts
// (stance).
// With entity_names, the canonical name of the mention of each kEntity
// value appended to *out, in their order.
using IndexValue = std::pair<IndexField, std::string_view>;
void IndexValues(const v1::EnrichedDocument& d, std::vector<IndexValue>* out, std::deque<std::string>* composed,
                 std::vector<std::string_view>* entity_names = nullptr);
// The part of a document's index keys after their prefix: 8 time bytes
// (DocumentTimeMs, kNoTime if none) and the id.
std::string IndexTail(const v1::EnrichedDocument& d);
// IndexValues with the document's time and id: the entry keys the store
// keeps in its postings, sorted, without repeats.
std::vector<std::string> StoredIndexKeys(const v1::EnrichedDocument& d);

// The name table: a key `N <name> \0 <id>` (empty value) for every
// (canonical name, entity id) pair any stored document had. The `n`
// entries of a name are the `e` entries of its ids (and the stored `n`
// entries of mentions without an id); a document whose entity was renamed
// in the knowledge base then still comes up under the old name, so a query
// by name checks the name on the document (store/query.cc). Pairs are
// never deleted.
inline constexpr char kNameTable = 'N';
// The (name, id) pairs of a document's entities that have both.
void EntityNames(const v1::EnrichedDocument& d, std::vector<std::pair<std::string_view, std::string_view>>* out);
std::string NameTableKey(std::string_view name, std::string_view id);
// "N<name>\0": the prefix of a name's ids.
std::string NameTablePrefix(std::string_view name);

// ---- postings (the stored form; see the top of this file) ----
inline constexpr uint64_t kPostingBucketMs = 7 * 86400000ULL;
inline constexpr size_t kPostingBatchBytes = 8;

// The length of an entry key's "<field><value>\0" (0 if none).
size_t EntryPrefixSize(std::string_view entry_key);
// "<field><value>\0<bucket>" of an entry key ("" if not one).
std::string PostingGroup(std::string_view entry_key);
// The 8 bucket bytes of 8 time bytes.
std::string BucketBytes(std::string_view time_bytes);
// The first time (as a number) of the bucket in a posting key's 8 bucket
// bytes.
uint64_t BucketStart(std::string_view bucket_bytes);
// The bucket (as a number) of an entry's 8 time bytes.
uint64_t BucketOfTime(std::string_view time_bytes);

// Builds a posting value from entries (an entry key's 8 time bytes and id:
// the part after its prefix) added in key order, all of one bucket.
class PostingWriter {
 public:
  explicit PostingWriter(uint64_t bucket_start = 0) : last_time_(bucket_start) {}
  void Add(std::string_view time_and_id);
  // The same with the time bytes as a number.
  void Add(uint64_t time, std::string_view id);
  // Empty again, for another bucket (keeps the buffers).
  void Reset(uint64_t bucket_start);
  const std::string& value() const { return value_; }
  size_t entries() const { return entries_; }

 private:
  std::string value_, last_id_;
  uint64_t last_time_;
  size_t entries_ = 0;
};

// Reads a posting value entry by entry.
class PostingReader {
 public:
  PostingReader(std::string_view value, uint64_t bucket_start) : v_(value), time_(bucket_start) {}
  // Moves to the next entry; false at the end, or when the value is
  // malformed (then ok() is false).
  bool Next();
  // The current entry: 8 time bytes and the id.
  std::string_view entry() const { return entry_; }
  bool ok() const { return ok_; }

 private:
  std::string_view v_;
  size_t pos_ = 0;
  uint64_t time_;
  std::string entry_;
  bool ok_ = true;
};

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
