#pragma once
// Flat open-addressing tables keyed by string_view, for the per-token word
// lookups of the entity and date rules (one probe, no allocation, no
// std::hash). Internal to enrich/.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tidings::enrich {

// FNV-1a over the bytes, with a final mix. Keys are short words.
inline uint64_t HashKey(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  return h ^ (h >> 32);
}

// Linear probing over a power-of-two array of slots that have `key`, `hash`
// and `used`: the index of the slot holding (h, key), or of the empty slot
// where it would go. Shared by WordTable and the per-document tables.
template <typename Slot, typename Hash>
inline size_t ProbeSlot(const std::vector<Slot>& slots, size_t mask, Hash h, std::string_view key) {
  size_t i = h & mask;
  while (slots[i].used && !(slots[i].hash == h && slots[i].key == key)) i = (i + 1) & mask;
  return i;
}

// Moves the used slots into a fresh array of n slots (a power of two) by
// their stored hash; returns the new mask.
template <typename Slot>
size_t RehashSlots(std::vector<Slot>* slots, size_t n) {
  std::vector<Slot> old = std::move(*slots);
  slots->assign(n, Slot{});
  const size_t mask = n - 1;
  for (const Slot& s : old) {
    if (!s.used) continue;
    size_t i = s.hash & mask;
    while ((*slots)[i].used) i = (i + 1) & mask;
    (*slots)[i] = s;
  }
  return mask;
}

// Immutable after building: word -> V. Keys are copied into the table.
template <typename V>
class WordTable {
 public:
  WordTable() { Rehash(16); }

  // Inserts or returns the existing value for `key`.
  V& operator[](std::string_view key) {
    if ((size_ + 1) * 2 > slots_.size()) Rehash(slots_.size() * 2);
    const uint64_t h = HashKey(key);
    const size_t i = ProbeSlot(slots_, mask_, h, key);
    if (slots_[i].used) return slots_[i].value;
    keys_.push_back(std::make_unique<std::string>(key));
    slots_[i].used = true;
    slots_[i].hash = h;
    slots_[i].key = *keys_.back();
    slots_[i].value = V{};
    ++size_;
    return slots_[i].value;
  }

  const V* Find(std::string_view key, uint64_t h) const {
    const size_t i = ProbeSlot(slots_, mask_, h, key);
    return slots_[i].used ? &slots_[i].value : nullptr;
  }
  const V* Find(std::string_view key) const { return Find(key, HashKey(key)); }
  size_t size() const { return size_; }

 private:
  struct Slot {
    std::string_view key;
    uint64_t hash = 0;
    V value{};
    bool used = false;
  };
  void Rehash(size_t n) { mask_ = RehashSlots(&slots_, n); }
  std::vector<Slot> slots_;
  std::vector<std::unique_ptr<std::string>> keys_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace tidings::enrich
