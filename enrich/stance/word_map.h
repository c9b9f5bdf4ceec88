#pragma once
// A small open-addressing hash map from words (string_view lookups, no
// allocation) to values, for the stance tagger's lexicons. Built once, then
// read concurrently; insertion is not thread-safe. Keys live in one pool.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace tidings::enrich::stance {

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

template <typename V>
class WordMap {
 public:
  // The value of `key`, inserted value-initialised when absent.
  V& operator[](std::string_view key) {
    const uint64_t h = HashWord(key);
    if (const uint32_t at = Slot(key, h); slots_.size() > 0 && slots_[at].index != 0) return values_[slots_[at].index - 1];
    if ((keys_.size() + 1) * 2 > slots_.size()) Grow();
    const uint32_t at = Slot(key, h);
    keys_.push_back({static_cast<uint32_t>(pool_.size()), static_cast<uint32_t>(key.size())});
    pool_.append(key);
    values_.emplace_back();
    slots_[at] = {static_cast<uint32_t>(h), static_cast<uint32_t>(keys_.size())};
    return values_.back();
  }

  // Inlined: it runs once per token of every document.
  [[gnu::always_inline]] const V* Find(std::string_view key) const {
    if (keys_.empty()) return nullptr;
    const uint32_t at = Slot(key, HashWord(key));
    return slots_[at].index == 0 ? nullptr : &values_[slots_[at].index - 1];
  }

  bool empty() const { return keys_.empty(); }
  size_t size() const { return keys_.size(); }

  // Calls f(key, value) for every entry, in insertion order.
  template <typename F>
  void ForEach(F&& f) const {
    for (size_t k = 0; k < keys_.size(); ++k) f(Key(k), values_[k]);
  }
  // The same with a mutable value (keys stay as they are).
  template <typename F>
  void ForEachMutable(F&& f) {
    for (size_t k = 0; k < keys_.size(); ++k) f(Key(k), values_[k]);
  }

 private:
  struct Entry {
    uint32_t hash = 0;   // low bits of the key's hash
    uint32_t index = 0;  // 1 + index into keys_/values_; 0 = empty
  };
  struct KeyRef {
    uint32_t offset, size;
  };
  std::string_view Key(size_t k) const { return std::string_view(pool_.data() + keys_[k].offset, keys_[k].size); }

  // The slot holding `key`, or the empty slot where it would go. Requires a
  // table with at least one empty slot (or no table at all: returns 0).
  [[gnu::always_inline]] uint32_t Slot(std::string_view key, uint64_t h) const {
    if (slots_.empty()) return 0;
    const uint32_t mask = static_cast<uint32_t>(slots_.size() - 1);
    for (uint32_t at = static_cast<uint32_t>(h) & mask;; at = (at + 1) & mask) {
      const Entry& e = slots_[at];
      if (e.index == 0) return at;
      if (e.hash == static_cast<uint32_t>(h) && SameWord(Key(e.index - 1), key)) return at;
    }
  }

  void Grow() {
    std::vector<Entry> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Entry{});
    const uint32_t mask = static_cast<uint32_t>(slots_.size() - 1);
    for (const Entry& e : old) {
      if (e.index == 0) continue;
      uint32_t at = e.hash & mask;
      while (slots_[at].index != 0) at = (at + 1) & mask;
      slots_[at] = e;
    }
  }

  std::vector<Entry> slots_;
  std::vector<KeyRef> keys_;
  std::vector<V> values_;
  std::string pool_;
};

}  // namespace tidings::enrich::stance
