#pragma once
// This instance's view of the partitions of its input topic, served as
// GET /v1/partitions: which it holds now, since when and from which offset
// it started each, and what its store holds of each (first and next
// offset) and how far behind it is.
//
// The partition is the unit of the store: every instance keeps a whole copy
// of each partition it has held, in its own RocksDB, with the offsets it was
// read up to. On assignment an instance resumes a partition from its own
// stored offset, or from the beginning of the topic when it never held it
// (SetStartOffsets). A partition it held once and lost stays in its store,
// not held (stale: another instance has it now).
//
// Written by the store loop's thread (the consumer's rebalance callbacks
// and the loop) and read by the API's worker threads: every method is
// thread-safe.

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/kafka.h"
#include "runtime/status.h"
#include "store/store.h"

namespace tidings::store {

struct PartitionState {
  int32_t partition = 0;
  bool held = false;
  // The latest assignment of the partition in this process (nullopt: not
  // assigned since the process started).
  std::optional<std::chrono::system_clock::time_point> assigned_at;
  // Where that assignment started: the stored next offset; nullopt when it
  // started at the beginning of the partition (the store never held it) or
  // when it was not assigned since the process started.
  std::optional<int64_t> start_offset;
  // The first record of the partition this store ever stored (its copy runs
  // from here); nullopt when nothing is stored, or the store was written
  // before first offsets were kept.
  std::optional<int64_t> first_offset;
  // The next offset to read, as stored with the documents (Kafka's
  // committed-offset convention); nullopt when nothing is stored.
  std::optional<int64_t> next_offset;
  // Records between the read position and the high watermark while held
  // (updated about once a second).
  std::optional<int64_t> lag;
};

class PartitionTable {
 public:
  explicit PartitionTable(std::string topic) : topic_(std::move(topic)) {}
  PartitionTable(const PartitionTable&) = delete;
  PartitionTable& operator=(const PartitionTable&) = delete;

  const std::string& topic() const { return topic_; }

  // Reads what the store holds of the topic (at start-up, before the
  // consumer is made).
  [[nodiscard]] Status Load(const Store& store);

  // Before partitions are assigned (the consumer's start_offsets hook): sets
  // each one's start offset to the store's next offset of it, or to the
  // beginning (RdKafka::Topic::OFFSET_BEGINNING) when the store never held
  // it, and remembers which. Partitions of other topics are left alone. An
  // error reading the store leaves that partition's offset unset.
  [[nodiscard]] Status SetStartOffsets(const Store& store, std::vector<runtime::TopicPartition>& parts);
  // After partitions are added to the assignment.
  void Assigned(const std::vector<runtime::TopicPartition>& parts, std::chrono::system_clock::time_point now);
  // Before partitions are taken away.
  void Revoked(const std::vector<runtime::TopicPartition>& parts);
  // After a batch is stored with these offsets (Store::WriteBatch): a
  // partition's first offset is the first batch's, as in the store.
  void Stored(const std::vector<PartitionOffset>& offsets);
  // The lag of each assigned partition; others have none.
  void SetLags(const std::vector<std::pair<runtime::TopicPartition, int64_t>>& lags);

  bool Held(int32_t partition) const;
  std::vector<int32_t> HeldPartitions() const;
  // Every partition held now or stored, by partition.
  std::vector<PartitionState> Snapshot() const;
  // Changes whenever the set of held partitions does.
  uint64_t generation() const;

 private:
  PartitionState& At(int32_t partition);  // requires mu_

  const std::string topic_;
  mutable std::mutex mu_;
  std::map<int32_t, PartitionState> parts_;
  // Start offsets chosen by SetStartOffsets, until Assigned takes them.
  std::map<int32_t, std::optional<int64_t>> pending_start_;
  uint64_t generation_ = 0;
};

// The body of GET /v1/partitions: {"topic", "advertised", "partitions":
// [{"partition", "held", "assigned_at", "start_offset", "first_offset",
// "next_offset", "lag"}]}, unknown values null (docs/api/openapi.yaml).
std::string PartitionsJson(const std::string& topic, const std::string& advertised,
                           const std::vector<PartitionState>& parts);

}  // namespace tidings::store
