#pragma once
// The enriched documents of recent threads, so that the enricher finds a
// comment's parent and its article (ThreadContext). Documents of one thread
// share a partition and arrive in order, so a bounded LRU over documents
// serves live threads. Only what the engine reads of a parent is kept (the
// document without pass-through fields, its tags).
//
// Not thread-safe: one per processing thread.

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/lru_map.h"

#include "tidings/v1/enriched.pb.h"

namespace tidings::enrich {

class ThreadCache {
 public:
  // Holds at most `capacity` documents (0: none) and about `max_bytes` of
  // them (their serialized size; the most recent one is always kept), so
  // that a stream of huge articles cannot take the memory.
  explicit ThreadCache(size_t capacity, size_t max_bytes = SIZE_MAX) : map_(capacity, max_bytes) {}

  // The document with this id, or null. Marks it recently used. The pointer
  // is valid until the next Put().
  const v1::EnrichedDocument* Find(const std::string& id);
  // Adds the document under its id, or replaces the one held when that one's
  // ingest version is not higher (a deferred or replayed copy of an older version
  // never hides a newer one); evicts the least recently used beyond
  // capacity. Returns false when a higher version was kept.
  bool Put(const v1::EnrichedDocument& doc);
  size_t size() const { return map_.size(); }
  size_t bytes() const { return map_.cost(); }

 private:
  base::LruMap<v1::EnrichedDocument> map_;  // cost: serialized size
};

}  // namespace tidings::enrich
