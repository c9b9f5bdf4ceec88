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
#include <list>
#include <string>
#include <unordered_map>

#include "tidings/v1/enriched.pb.h"

namespace tidings::enrich {

class ThreadCache {
 public:
  // Holds at most `capacity` documents (0: none) and about `max_bytes` of
  // them (their serialized size; the most recent one is always kept), so
  // that a stream of huge articles cannot take the memory.
  explicit ThreadCache(size_t capacity, size_t max_bytes = SIZE_MAX) : capacity_(capacity), max_bytes_(max_bytes) {}

  // The document with this id, or null. Marks it recently used. The pointer
  // is valid until the next Put().
  const v1::EnrichedDocument* Find(const std::string& id);
  // Adds the document under its id, or replaces the one held when that one's
  // ingest version is not higher (a deferred or replayed copy of an older version
  // never hides a newer one); evicts the least recently used beyond
  // capacity. Returns false when a higher version was kept.
  bool Put(const v1::EnrichedDocument& doc);
  size_t size() const { return map_.size(); }
  size_t bytes() const { return bytes_; }

 private:
  using Entry = std::pair<std::string, v1::EnrichedDocument>;
  static size_t Cost(const Entry& e) { return e.first.size() + e.second.ByteSizeLong() + 128; }
  void PopOldest();
  size_t capacity_;
  size_t max_bytes_;
  size_t bytes_ = 0;
  std::list<Entry> order_;  // front: most recently used
  std::unordered_map<std::string, std::list<Entry>::iterator> map_;
};

}  // namespace tidings::enrich
