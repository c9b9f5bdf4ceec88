#pragma once
// A bounded map from string keys to values, least recently used evicted
// first: the one bounded cache of tidings (ingest's dedup memory, enrich's
// thread cache). Bounded by a count and, optionally, by a cost per entry
// (e.g. bytes); the entry put last is always kept, whatever its cost.
// Not thread-safe.

#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tidings::base {

template <typename V>
class LruMap {
 public:
  explicit LruMap(std::size_t capacity, std::size_t max_cost = SIZE_MAX) : capacity_(capacity), max_cost_(max_cost) {}
  LruMap(const LruMap&) = delete;
  LruMap& operator=(const LruMap&) = delete;

  // The value under `key`, or null; marks it most recently used. Valid
  // until the next Put or Erase.
  V* Find(std::string_view key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return &it->second->value;
  }
  // Puts `value` under `key` (replacing what was there) as the most recently
  // used, then evicts beyond the bounds. Returns the stored value.
  V& Put(std::string_view key, V value, std::size_t cost = 0) {
    if (capacity_ == 0) return dummy_ = std::move(value);
    if (auto it = index_.find(key); it != index_.end()) Unlink(it->second);
    order_.push_front(Node{std::string(key), std::move(value), cost});
    index_.emplace(order_.front().key, order_.begin());
    cost_ += cost;
    while (index_.size() > capacity_ || (cost_ > max_cost_ && index_.size() > 1)) {
      Unlink(std::prev(order_.end()));
      ++evictions_;
    }
    return order_.empty() ? dummy_ : order_.front().value;
  }
  std::size_t size() const { return index_.size(); }
  std::size_t cost() const { return cost_; }
  std::size_t capacity() const { return capacity_; }
  // Entries dropped to keep within the bounds, since construction.
  std::uint64_t evictions() const { return evictions_; }

 private:
  struct Node {
    std::string key;
    V value;
    std::size_t cost;
  };
  using Iter = typename std::list<Node>::iterator;
  void Unlink(Iter it) {
    cost_ -= it->cost;
    index_.erase(std::string_view(it->key));
    order_.erase(it);
  }

  std::size_t capacity_;
  std::size_t max_cost_;
  std::size_t cost_ = 0;
  std::uint64_t evictions_ = 0;
  std::list<Node> order_;  // front: most recently used
  std::unordered_map<std::string_view, Iter> index_;  // keys view Node::key
  V dummy_{};  // what Put returns when capacity is 0
};

}  // namespace tidings::base
