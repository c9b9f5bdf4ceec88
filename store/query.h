#pragma once
// The store's query library (issue 13), shared by `tidings query` and the
// HTTP API: filters that combine with AND, newest first by published_at,
// cursor pagination, counts, and the stance and entity statistics.
//
// A query drives one index (store/index.h) — the most selective filter it
// has: entity, then target+stance, source, author, reply stance, kind,
// language, else the time order of the whole store — between its time
// bounds, and checks every other filter on the document itself. Each request
// reads one consistent view (IndexReader; the store gives one per RocksDB
// snapshot) and scans at most `max_scan` index keys: past that it returns
// what it has, `partial`, with a cursor to go on from.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/status.h"
#include "store/index.h"

namespace tidings::store {

// One consistent view of the documents and the index.
class IndexReader {
 public:
  virtual ~IndexReader() = default;
  // Calls fn with each index key that starts with `prefix`, from the first
  // key >= `start` (start >= prefix), in key order, until fn returns false.
  [[nodiscard]] virtual Status ScanIndex(std::string_view prefix, std::string_view start,
                                         const std::function<bool(std::string_view key)>& fn) const = 0;
  [[nodiscard]] virtual Result<std::optional<v1::EnrichedDocument>> GetDocument(const std::string& id) const = 0;
  // Calls fn for each document of a thread (the article and its comments),
  // in id order, until fn returns false.
  [[nodiscard]] virtual Status ScanThread(const std::string& thread_id,
                                          const std::function<bool(const v1::EnrichedDocument&)>& fn) const = 0;
};

inline constexpr size_t kMaxPageSize = 500;
inline constexpr size_t kDefaultMaxScan = 20000;

struct Query {
  std::string entity;  // entity id (Q-id or slug) or canonical name
  std::string target;  // stance target key
  std::string stance;  // FAVOR | AGAINST | NONE (needs target)
  std::optional<int64_t> from_ms, to_ms;  // published_at, both inclusive
  std::string mentions_from, mentions_to;  // mentioned dates, YYYY[-MM[-DD]], inclusive
  std::string source, author, kind, lang;
  std::string reply;  // SUPPORT | DENY | QUERY | COMMENT
  size_t limit = 50;
  std::string cursor;  // from a previous page's next_cursor
  size_t max_scan = kDefaultMaxScan;
};

// kConfig naming the bad parameter (the API's 400 body, the CLI's exit 2).
[[nodiscard]] Status ValidateQuery(const Query& q);

struct Page {
  std::vector<v1::EnrichedDocument> documents;
  // Set when there may be more: pass it as Query::cursor.
  std::string next_cursor;
  // The scan cap was reached before the page filled.
  bool partial = false;
  size_t scanned = 0;
};
[[nodiscard]] Result<Page> FindDocuments(const IndexReader& r, const Query& q);

struct Count {
  uint64_t documents = 0;
  bool partial = false;  // the scan cap was reached: at least this many
};
// Ignores limit and cursor; scans at most max_scan keys.
[[nodiscard]] Result<Count> CountDocuments(const IndexReader& r, const Query& q);

// FAVOR / AGAINST / NONE counts toward one target per time bucket.
enum class Interval { kDay, kWeek, kMonth };
[[nodiscard]] std::optional<Interval> ParseInterval(std::string_view s);
struct StanceBucket {
  std::string start;  // YYYY-MM-DD of the bucket's first day (weeks start on Monday)
  uint64_t favor = 0, against = 0, none = 0;
};
struct StanceSeries {
  std::vector<StanceBucket> buckets;  // oldest first, empty buckets left out
  // Documents without a time (no published_at, no anchor): in no bucket.
  // Only counted without from and to (a range leaves them out); at least
  // these many when partial (they are the last entries of each label).
  StanceBucket undated;
  bool partial = false;
};
[[nodiscard]] Result<StanceSeries> StanceOverTime(const IndexReader& r, const std::string& target, Interval interval,
                                                  std::optional<int64_t> from_ms, std::optional<int64_t> to_ms,
                                                  size_t max_scan = 1000000);

struct EntityCount {
  std::string id, name;
  v1::EntityType type = v1::ENTITY_TYPE_UNSPECIFIED;
  uint64_t documents = 0;
};
struct EntityRanking {
  std::vector<EntityCount> entities;  // most documents first
  bool partial = false;
};
// Entities by the number of documents (published in the range) that link
// them; `type` empty for all types.
[[nodiscard]] Result<EntityRanking> TopEntities(const IndexReader& r, std::optional<int64_t> from_ms,
                                                std::optional<int64_t> to_ms, std::string_view type, size_t top,
                                                size_t max_scan = kDefaultMaxScan);
// Entities linked in the same documents as `entity`, by documents.
[[nodiscard]] Result<EntityRanking> Cooccurring(const IndexReader& r, const std::string& entity, size_t top,
                                                size_t max_scan = kDefaultMaxScan);

// A from/to bound: an RFC 3339 date or time; a date alone as an end bound
// (end_of_day) covers its whole day. "" gives nullopt; a bad value kConfig
// naming `param`.
[[nodiscard]] Result<std::optional<int64_t>> ParseTimeBound(std::string_view value, std::string_view param,
                                                            bool end_of_day);

// YYYY-MM-DD of a time in ms (UTC).
std::string DayOf(int64_t ms);

}  // namespace tidings::store
