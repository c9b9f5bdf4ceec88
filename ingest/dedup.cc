#include "ingest/dedup.h"

#include <algorithm>
#include <functional>

namespace tidings::ingest {

namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;  // upper case too: it would not come back the same
}

bool IsSha256Hex(std::string_view h) {
  if (h.size() != 64) return false;
  for (char c : h)
    if (HexDigit(c) < 0) return false;
  return true;
}

}  // namespace

LruDedupStore::LruDedupStore(std::size_t capacity) : capacity_(capacity) {}

std::size_t LruDedupStore::Position(std::string_view id) const {
  const std::size_t mask = table_.size() - 1;
  for (std::size_t i = std::hash<std::string_view>()(id) & mask;; i = (i + 1) & mask)
    if (table_[i] == 0 || slots_[table_[i] - 1].id == id) return i;
}

// Backward-shift deletion: the entries after the hole that may sit in it
// move up, so that no search stops early at an empty place.
void LruDedupStore::EraseAt(std::size_t pos) {
  const std::size_t mask = table_.size() - 1;
  std::size_t hole = pos;
  for (std::size_t j = (hole + 1) & mask; table_[j] != 0; j = (j + 1) & mask) {
    const std::size_t home = std::hash<std::string_view>()(slots_[table_[j] - 1].id) & mask;
    if (((j - home) & mask) >= ((j - hole) & mask)) {
      table_[hole] = table_[j];
      hole = j;
    }
  }
  table_[hole] = 0;
}

void LruDedupStore::Grow() {
  std::vector<std::uint32_t> old = std::move(table_);
  table_.assign(old.empty() ? 64 : old.size() * 2, 0);
  for (std::uint32_t t : old)
    if (t != 0) table_[Position(slots_[t - 1].id)] = t;
}

void LruDedupStore::Unlink(std::uint32_t s) {
  Slot& x = slots_[s];
  (x.prev == kNil ? head_ : slots_[x.prev].next) = x.next;
  (x.next == kNil ? tail_ : slots_[x.next].prev) = x.prev;
  x.prev = x.next = kNil;
}

void LruDedupStore::LinkFront(std::uint32_t s) {
  Slot& x = slots_[s];
  x.prev = kNil;
  x.next = head_;
  (head_ == kNil ? tail_ : slots_[head_].prev) = s;
  head_ = s;
}

std::uint32_t LruDedupStore::TopicIndex(const std::string& topic) {
  for (std::uint32_t i = 0; i < topics_.size(); ++i)
    if (topics_[i] == topic) return i;
  topics_.push_back(topic);
  return static_cast<std::uint32_t>(topics_.size() - 1);
}

void LruDedupStore::Fill(std::uint32_t s, const DedupEntry& e) {
  Slot& x = slots_[s];
  if (x.hash_form == HashForm::kLong) long_hashes_.erase(s);
  const std::string& h = e.content_hash;
  if (IsSha256Hex(h)) {
    x.hash_form = HashForm::kSha256Hex;
    for (std::size_t i = 0; i < x.hash.size(); ++i)
      x.hash[i] = static_cast<std::uint8_t>(HexDigit(h[2 * i]) << 4 | HexDigit(h[2 * i + 1]));
  } else if (h.size() <= x.hash.size()) {
    x.hash_form = HashForm::kRaw;
    x.hash_len = static_cast<std::uint8_t>(h.size());
    std::copy(h.begin(), h.end(), x.hash.begin());
  } else {
    x.hash_form = HashForm::kLong;
    long_hashes_[s] = h;
  }
  x.version = e.version;
  x.topic = TopicIndex(e.source_topic);
  x.partition = e.source_partition;
  x.offset = e.source_offset;
}

DedupEntry LruDedupStore::Entry(std::uint32_t s) const {
  const Slot& x = slots_[s];
  DedupEntry e;
  switch (x.hash_form) {
    case HashForm::kSha256Hex:
      e.content_hash = base::ToHex(x.hash);
      break;
    case HashForm::kRaw:
      e.content_hash.assign(reinterpret_cast<const char*>(x.hash.data()), x.hash_len);
      break;
    case HashForm::kLong:
      e.content_hash = long_hashes_.at(s);
      break;
  }
  e.version = x.version;
  e.source_topic = topics_[x.topic];
  e.source_partition = x.partition;
  e.source_offset = x.offset;
  return e;
}

std::optional<DedupEntry> LruDedupStore::Lookup(std::string_view id) {
  if (size_ == 0) return std::nullopt;
  const std::uint32_t t = table_[Position(id)];
  if (t == 0) return std::nullopt;
  Unlink(t - 1);
  LinkFront(t - 1);
  return Entry(t - 1);
}

void LruDedupStore::Put(std::string_view id, DedupEntry entry) {
  if (capacity_ == 0) return;
  if (table_.empty() || 2 * (size_ + 1) > table_.size()) Grow();
  if (const std::uint32_t t = table_[Position(id)]; t != 0) {
    Fill(t - 1, entry);
    Unlink(t - 1);
    LinkFront(t - 1);
    return;
  }
  if (size_ >= capacity_) {  // the least recently used goes; its slot is reused
    const std::uint32_t old = tail_;
    EraseAt(Position(slots_[old].id));
    Unlink(old);
    if (slots_[old].hash_form == HashForm::kLong) long_hashes_.erase(old);
    slots_[old].hash_form = HashForm::kRaw;
    std::string().swap(slots_[old].id);
    slots_[old].next = free_;
    free_ = old;
    --size_;
    ++evictions_;
  }
  std::uint32_t s;
  if (free_ != kNil) {
    s = free_;
    free_ = slots_[s].next;
    slots_[s].next = kNil;
  } else {
    s = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  slots_[s].id.assign(id);
  Fill(s, entry);
  LinkFront(s);
  table_[Position(id)] = s + 1;
  ++size_;
}

std::size_t LruDedupStore::MemoryBytes() const {
  std::size_t bytes = slots_.capacity() * sizeof(Slot) + table_.capacity() * sizeof(std::uint32_t);
  for (const Slot& x : slots_)
    if (x.id.capacity() > 15) bytes += x.id.capacity() + 1;
  for (const auto& [slot, h] : long_hashes_) bytes += sizeof(slot) + h.capacity() + 64;
  return bytes;
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
