#include "ingest/dedup.h"

namespace tidings::ingest {

LruDedupStore::LruDedupStore(std::size_t capacity) : map_(capacity) {}

std::optional<DedupEntry> LruDedupStore::Lookup(std::string_view id) {
  if (const DedupEntry* e = map_.Find(id)) return *e;
  return std::nullopt;
}

void LruDedupStore::Put(std::string_view id, DedupEntry entry) { map_.Put(id, std::move(entry)); }

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
