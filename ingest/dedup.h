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
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/sha256.h"

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
//
// Compact, because at its default capacity it is most of ingest's memory:
// an entry is one 96-byte slot (the id, the content hash as 32 bytes when it
// is SHA-256 hex as ingest makes it, the source topic as an index into the
// few topics seen, the LRU links as slot numbers) plus ~8 bytes of an
// open-addressing table of slot numbers, and the id's own bytes past 15:
// about 140 MB at a million ids of 15-16 bytes, where a list and a hash map
// of strings took about 350.
class LruDedupStore final : public DedupStore {
 public:
  explicit LruDedupStore(std::size_t capacity = kDefaultDedupCapacity);

  std::optional<DedupEntry> Lookup(std::string_view id) override;
  void Put(std::string_view id, DedupEntry entry) override;
  std::size_t Size() const override { return size_; }
  std::size_t Capacity() const { return capacity_; }
  // Ids forgotten because the store was full, since construction.
  std::uint64_t Evictions() const { return evictions_; }
  // About the bytes the store holds for its entries: slots, table, and
  // the ids' and long hashes' heap bytes.
  std::size_t MemoryBytes() const;

 private:
  static constexpr std::uint32_t kNil = UINT32_MAX;
  enum class HashForm : std::uint8_t { kSha256Hex, kRaw, kLong };
  struct Slot {
    std::string id;
    base::Sha256::Digest hash;  // kSha256Hex: the digest; kRaw: hash_len bytes
    std::uint32_t version = 0;
    std::int32_t partition = 0;
    std::int64_t offset = -1;
    std::uint32_t topic = 0;  // index into topics_
    std::uint32_t prev = kNil, next = kNil;  // LRU list; next chains free slots
    HashForm hash_form = HashForm::kRaw;
    std::uint8_t hash_len = 0;
  };

  // The table position of `id`, or of the empty place it would take.
  std::size_t Position(std::string_view id) const;
  void EraseAt(std::size_t pos);
  void Grow();
  void Unlink(std::uint32_t s);
  void LinkFront(std::uint32_t s);
  void Fill(std::uint32_t s, const DedupEntry& e);
  DedupEntry Entry(std::uint32_t s) const;
  std::uint32_t TopicIndex(const std::string& topic);

  std::size_t capacity_;
  std::size_t size_ = 0;
  std::uint64_t evictions_ = 0;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> table_;  // slot + 1; 0 is empty
  std::vector<std::string> topics_;
  // A content hash neither SHA-256 hex nor at most 32 bytes (not what
  // ingest makes; kept whole all the same), by slot.
  std::unordered_map<std::uint32_t, std::string> long_hashes_;
  std::uint32_t head_ = kNil, tail_ = kNil, free_ = kNil;
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
