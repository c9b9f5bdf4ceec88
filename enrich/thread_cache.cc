#include "enrich/thread_cache.h"

namespace tidings::enrich {

const v1::EnrichedDocument* ThreadCache::Find(const std::string& id) {
  auto it = map_.find(id);
  if (it == map_.end()) return nullptr;
  order_.splice(order_.begin(), order_, it->second);
  return &it->second->second;
}

bool ThreadCache::Put(const v1::EnrichedDocument& doc) {
  if (capacity_ == 0) return true;
  const std::string& id = doc.document().id();
  if (auto it = map_.find(id); it != map_.end()) {
    if (it->second->second.document().ingest().version() > doc.document().ingest().version()) return false;
    bytes_ -= Cost(*it->second);
    order_.erase(it->second);
    map_.erase(it);
  }
  order_.emplace_front(id, doc);
  order_.front().second.mutable_document()->clear_extra();
  map_[id] = order_.begin();
  bytes_ += Cost(order_.front());
  while (map_.size() > capacity_ || (bytes_ > max_bytes_ && map_.size() > 1)) PopOldest();
  return true;
}

void ThreadCache::PopOldest() {
  bytes_ -= Cost(order_.back());
  map_.erase(order_.back().first);
  order_.pop_back();
}

}  // namespace tidings::enrich
