#pragma once
// Flat open-addressing tables keyed by string_view, for the per-token word
// lookups of the entity, date and stance rules (one probe, no allocation, no
// std::hash), and the short-word hash, compare and probing they share.
// Internal to enrich/.

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tidings::enrich {

// A cheap hash for short keys: 8 bytes at a time, multiply and fold; the
// last 1-7 bytes in at most two loads (overlapping), not a byte-wise copy.
[[gnu::always_inline]] inline uint64_t HashWord(std::string_view s) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (s.size() * 0xC2B2AE3D27D4EB4Full);
  const char* p = s.data();
  size_t n = s.size();
  while (n >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = (h ^ v) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
    p += 8;
    n -= 8;
  }
  uint64_t v = 0;
  if (n >= 4) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    v = lo | (uint64_t{hi} << 32);
  } else if (n > 0) {
    v = static_cast<unsigned char>(p[0]) | (uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
        (uint64_t{static_cast<unsigned char>(p[n - 1])} << 16);
  }
  h = (h ^ v) * 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 29;
  return h;
}

// a == b for short strings, without a library call: 8 or 4 bytes at a time
// (the last load overlapping), byte-wise below 4.
[[gnu::always_inline]] inline bool SameWord(std::string_view a, std::string_view b) {
  size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  if (n >= 8) {
    uint64_t u, w;
    while (n > 8) {
      std::memcpy(&u, x, 8);
      std::memcpy(&w, y, 8);
      if (u != w) return false;
      x += 8, y += 8, n -= 8;
    }
    std::memcpy(&u, x + n - 8, 8);
    std::memcpy(&w, y + n - 8, 8);
    return u == w;
  }
  if (n >= 4) {
    uint32_t u0, w0, u1, w1;
    std::memcpy(&u0, x, 4);
    std::memcpy(&w0, y, 4);
    std::memcpy(&u1, x + n - 4, 4);
    std::memcpy(&w1, y + n - 4, 4);
    return u0 == w0 && u1 == w1;
  }
  for (size_t i = 0; i < n; ++i)
    if (x[i] != y[i]) return false;
  return true;
}

// Linear probing over a power-of-two array of slots that have `key`, `hash`
// and `used`: the index of the slot holding (h, key), or of the empty slot
// where it would go. Shared by WordTable and the per-document tables.
template <typename Slot, typename Hash>
inline size_t ProbeSlot(const std::vector<Slot>& slots, size_t mask, Hash h, std::string_view key) {
  size_t i = h & mask;
  while (slots[i].used && !(slots[i].hash == h && SameWord(slots[i].key, key))) i = (i + 1) & mask;
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
    const uint64_t h = HashWord(key);
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
  const V* Find(std::string_view key) const { return Find(key, HashWord(key)); }
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

// An immutable set of words, looked up as WordTable does (one cheap hash,
// one probe, no allocation), after a test of the word's length and first
// byte against the members', which turns most words away for a shift and a
// mask.
class WordSet {
 public:
  template <typename Words>
  explicit WordSet(const Words& words) {
    for (std::string_view w : words) Add(w);
  }
  WordSet(std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) Add(w);
  }
  bool Has(std::string_view key) const {
    return !key.empty() && ((starts_[Length(key)] >> Initial(key)) & 1) != 0 && table_.Find(key) != nullptr;
  }

 private:
  static size_t Length(std::string_view w) { return w.size() < 31 ? w.size() : 31; }
  // Bits 0-25 for "a"-"z", 26-31 for other bytes by their low bits.
  static unsigned Initial(std::string_view w) {
    const unsigned c = static_cast<unsigned char>(w[0]);
    return c >= 'a' && c <= 'z' ? c - 'a' : 26 + c % 6;
  }
  void Add(std::string_view w) {
    if (w.empty()) return;
    table_[w] = true;
    starts_[Length(w)] |= uint32_t{1} << Initial(w);
  }
  WordTable<bool> table_;
  uint32_t starts_[32] = {};  // by length (31: 31 bytes or more), the initials of the members
};

}  // namespace tidings::enrich
