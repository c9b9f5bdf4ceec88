#pragma once
// Duplicate and update detection by document id and content hash.
//
// The processor asks the store what it last saw under an id. The same id
// with the same content hash is a duplicate (dropped and counted); the same
// id with a new hash is an update (published with version + 1). The store
// also remembers which record (topic, partition, offset) introduced the
// entry, so that re-processing the very same record after a failed publish
// or a restart is recognised as a replay and published again, not dropped.

#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/lru_map.h"

namespace tidings::ingest {

inline constexpr std::size_t kDefaultDedupCapacity = 1'000'000;

// What the store remembers per document id.
struct DedupEntry {
  std::string content_hash;
  std::uint32_t version = 0;
  // The record that introduced this (hash, version).
  std::string source_topic;
  std::int32_t source_partition = 0;
  std::int64_t source_offset = -1;
};

// The dedup memory. Implementations: LruDedupStore (in memory, bounded); a
// persistent one can replace it behind this interface. Not thread-safe:
// callers serialise access (one processor thread, or a lock around it).
class DedupStore {
 public:
  virtual ~DedupStore() = default;
  // The entry last stored under `id`, if still known.
  virtual std::optional<DedupEntry> Lookup(std::string_view id) = 0;
  // Stores `entry` as the latest under `id`, replacing any earlier one.
  virtual void Put(std::string_view id, DedupEntry entry) = 0;
  // Number of ids remembered.
  virtual std::size_t Size() const = 0;
};

// In-memory store holding at most `capacity` ids; the least recently used id
// is forgotten first (and then counts as new when it comes back, version 1).
// Capacity 0 remembers nothing: every document is new.
class LruDedupStore final : public DedupStore {
 public:
  explicit LruDedupStore(std::size_t capacity = kDefaultDedupCapacity);

  std::optional<DedupEntry> Lookup(std::string_view id) override;
  void Put(std::string_view id, DedupEntry entry) override;
  std::size_t Size() const override { return map_.size(); }
  std::size_t Capacity() const { return map_.capacity(); }
  // Ids forgotten because the store was full, since construction.
  std::uint64_t Evictions() const { return map_.evictions(); }

 private:
  base::LruMap<DedupEntry> map_;
};

// The dedup memory of one transaction: Put() goes to a per-batch overlay
// that Lookup() sees first; Commit() merges it into the base store, Abort()
// drops it. So a batch whose transaction aborts leaves the base as it was,
// and its replay gets the same versions (v1, v2, not v3, v4). Ingest wires
// Commit/Abort to runtime::StageOptions::on_commit / on_abort.
// Not thread-safe, like the base, which must outlive it.
class DedupOverlay final : public DedupStore {
 public:
  explicit DedupOverlay(DedupStore& base) : base_(base) {}

  std::optional<DedupEntry> Lookup(std::string_view id) override;
  void Put(std::string_view id, DedupEntry entry) override;
  // The base's size plus the ids staged in this batch (an upper bound).
  std::size_t Size() const override { return base_.Size() + staged_.size(); }

  // Makes the batch's entries part of the base.
  void Commit();
  // Forgets the batch's entries.
  void Abort() { staged_.clear(); }
  std::size_t Staged() const { return staged_.size(); }

 private:
  DedupStore& base_;
  std::unordered_map<std::string, DedupEntry> staged_;
};

}  // namespace tidings::ingest
