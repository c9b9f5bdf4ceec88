#pragma once
// The recent documents of threads, so that the enricher finds a comment's
// parent and its article (ThreadContext). Documents of one thread share a
// partition and arrive in order, so a bounded LRU over documents serves live
// threads. Only what the engine reads of a parent is kept: its ThreadDoc
// summary (engine.h), not the enriched document.
//
// Not thread-safe: one per processing thread.

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/lru_map.h"

#include "enrich/engine.h"
#include "tidings/v1/enriched.pb.h"

namespace tidings::enrich {

class ThreadCache {
 public:
  // Holds at most `capacity` documents (0: none) and about `max_bytes` of
  // them (their summaries' size; the most recent one is always kept).
  explicit ThreadCache(size_t capacity, size_t max_bytes = SIZE_MAX) : map_(capacity, max_bytes) {}

  // The document with this id, or null. Marks it recently used. The pointer
  // is valid until the next Put().
  const ThreadDoc* Find(const std::string& id);
  // Adds the document's summary under its id, or replaces the one held when that one's
  // ingest version is not higher (a deferred or replayed copy of an older version
  // never hides a newer one); evicts the least recently used beyond
  // capacity. Returns false when a higher version was kept.
  bool Put(const v1::EnrichedDocument& doc);
  size_t size() const { return map_.size(); }
  size_t bytes() const { return map_.cost(); }

 private:
  base::LruMap<ThreadDoc> map_;  // cost: ThreadDoc::Bytes
};

}  // namespace tidings::enrich
