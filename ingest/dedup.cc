#include "ingest/dedup.h"

namespace tidings::ingest {

LruDedupStore::LruDedupStore(std::size_t capacity) : capacity_(capacity) {}

std::optional<DedupEntry> LruDedupStore::Lookup(std::string_view id) {
  auto it = index_.find(id);
  if (it == index_.end()) return std::nullopt;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->entry;
}

void LruDedupStore::Put(std::string_view id, DedupEntry entry) {
  if (capacity_ == 0) return;
  auto it = index_.find(id);
  if (it != index_.end()) {
    it->second->entry = std::move(entry);
    lru_.splice(lru_.begin(), lru_, it->second);
    return;
  }
  if (index_.size() >= capacity_) {
    index_.erase(lru_.back().id);
    lru_.pop_back();
    ++evictions_;
  }
  lru_.push_front(Node{std::string(id), std::move(entry)});
  index_.emplace(lru_.front().id, lru_.begin());
}

std::optional<DedupEntry> DedupOverlay::Lookup(std::string_view id) {
  if (auto it = staged_.find(std::string(id)); it != staged_.end()) return it->second;
  return base_.Lookup(id);
}

void DedupOverlay::Put(std::string_view id, DedupEntry entry) { staged_[std::string(id)] = std::move(entry); }

void DedupOverlay::Commit() {
  for (auto& [id, entry] : staged_) base_.Put(id, std::move(entry));
  staged_.clear();
}

}  // namespace tidings::ingest
