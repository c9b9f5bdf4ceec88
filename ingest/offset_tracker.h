#pragma once
// Which consumer offsets may be committed while records are processed
// (and published) out of order.
//
// Per partition: Begin(offset) when a record is taken from the consumer,
// MarkDone(offset) when its outcome is durable (published, dead-lettered or
// dropped as a duplicate). CommittableOffset() is the offset to commit: one
// past the last offset such that every record begun before it is done. It
// never moves past a record still in flight, so a crash never loses one.
// Offsets that were never begun (compacted away, transaction markers) do not
// hold it back.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "runtime/status.h"

namespace tidings::ingest {

// One partition. Not thread-safe: the owner (the partition's consumer loop,
// or the delivery-report callback under the owner's lock) serialises calls.
class OffsetTracker {
 public:
  // Records `offset` as in flight. Offsets must be begun in increasing order;
  // kInternal otherwise.
  [[nodiscard]] Status Begin(std::int64_t offset);
  // Marks an in-flight offset done; kNotFound when it is not in flight.
  [[nodiscard]] Status MarkDone(std::int64_t offset);
  // The next offset to commit (last contiguous done + 1), or nullopt when no
  // progress has been made since construction or Reset().
  std::optional<std::int64_t> CommittableOffset() const { return committable_; }
  // Records begun and not yet done.
  std::size_t InFlight() const { return in_flight_.size() - done_count_; }
  // Forgets everything (partition revoked or re-assigned).
  void Reset();

 private:
  std::map<std::int64_t, bool> in_flight_;  // offset -> done
  std::size_t done_count_ = 0;              // done entries still in the map
  std::optional<std::int64_t> last_begun_;
  std::optional<std::int64_t> committable_;
};

// Trackers for every assigned partition, keyed by (topic, partition).
// Same threading rules as OffsetTracker.
class PartitionOffsets {
 public:
  // The tracker of a partition, created empty on first use.
  OffsetTracker& Of(const std::string& topic, std::int32_t partition);
  // Drops a partition's tracker (on revoke).
  void Remove(const std::string& topic, std::int32_t partition);
  // Committable offsets of all partitions that have one.
  std::map<std::pair<std::string, std::int32_t>, std::int64_t> Committable() const;

 private:
  std::map<std::pair<std::string, std::int32_t>, OffsetTracker> trackers_;
};

}  // namespace tidings::ingest
