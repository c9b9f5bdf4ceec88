#pragma once
// A small open-addressing hash map from words (string_view lookups, no
// allocation) to values, for the stance tagger's lexicons. Built once, then
// read concurrently; insertion is not thread-safe. Keys live in one pool.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "enrich/word_table.h"

namespace tidings::enrich::stance {

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
