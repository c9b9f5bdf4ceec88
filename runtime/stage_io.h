#pragma once
// The seams of the stage loop (runtime/stage.h): a source of input records
// (a Kafka consumer in a group) and a transactional sink (a transactional
// Kafka producer). The loop knows only these interfaces, so that its abort,
// rewind, rebuild, revoke and dead-letter paths are unit-tested with fakes
// (tests/unit/runtime/fake_stage_io.h); MakeKafkaSource() and
// MakeKafkaSinkFactory() stitch it to Kafka.
//
// Threads: both are used by the loop's one thread only.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/kafka.h"
#include "runtime/status.h"

namespace tidings::runtime {

// Where the loop reads: a consumer group member.
class StageSource {
 public:
  struct Events {
    // After partitions are added to the assignment.
    std::function<void(const std::vector<TopicPartition>&)> on_assigned;
    // Before partitions are taken away; records of them not yet committed
    // belong to the next owner.
    std::function<void(const std::vector<TopicPartition>&)> on_revoked;
  };
  virtual ~StageSource() = default;

  // Sets the callbacks; they run inside Poll() on the caller's thread.
  virtual void SetEvents(Events events) = 0;
  // The next record, nullopt when none came within the timeout; an error is
  // fatal (the source can't go on).
  [[nodiscard]] virtual Result<std::optional<Message>> Poll(int timeout_ms) = 0;
  virtual std::vector<TopicPartition> Assignment() = 0;
  // The group's committed next offsets of `parts` (offset < 0: none yet).
  [[nodiscard]] virtual Result<std::vector<TopicPartition>> Committed(const std::vector<TopicPartition>& parts,
                                                                      int timeout_ms) = 0;
  // Low and high watermarks of an assigned partition; false when unknown.
  virtual bool Watermarks(const TopicPartition& tp, int64_t* low, int64_t* high) = 0;
  // "" while the brokers answer, else why not (see Consumer::BrokerTrouble).
  virtual std::string BrokerTrouble() = 0;
  // Moves the read positions of assigned partitions (rewind).
  [[nodiscard]] virtual Status Seek(const std::vector<TopicPartition>& positions, int timeout_ms) = 0;
  // Leaves the group (revoke callbacks run). Idempotent.
  virtual void Close() = 0;
};

// Where the loop writes: one transaction per batch with its outputs, its
// dead letters and the source's next offsets.
class StageSink {
 public:
  virtual ~StageSink() = default;

  // Registers the transactional id, fencing any earlier instance with it.
  [[nodiscard]] virtual Status InitTransactions(int timeout_ms) = 0;
  [[nodiscard]] virtual Status BeginTransaction() = 0;
  // Queues a record in the open transaction: to `partition` (-1: the
  // partitioner picks by key), a null value (tombstone) when `value` is
  // nullopt. kTooLarge: this record can never be written; any other error
  // makes the transaction fail.
  [[nodiscard]] virtual Status Send(const std::string& topic, std::string_view key,
                                    std::optional<std::string_view> value, const std::vector<Header>& headers,
                                    int32_t partition = -1) = 0;
  // Adds the source's next offsets to the open transaction.
  [[nodiscard]] virtual Status SendOffsets(const std::vector<TopicPartition>& next, int timeout_ms) = 0;
  // Commits; an error means the transaction must be aborted (or, if Fatal(),
  // the sink replaced).
  [[nodiscard]] virtual Status CommitTransaction(int timeout_ms) = 0;
  [[nodiscard]] virtual Status AbortTransaction(int timeout_ms) = 0;
  // Unusable after a fatal error; a new sink (same transactional id) is not.
  virtual bool Fatal() const = 0;
  // Fatal because another instance with the same transactional id started.
  virtual bool Fenced() const = 0;
  // The largest record Send() accepts.
  virtual size_t max_record_bytes() const = 0;
  // Waits for queued records (at shutdown).
  [[nodiscard]] virtual Status Flush(int timeout_ms) = 0;
};

// Makes a new sink (not initialised): at start and after a fatal or
// abortable-but-unabortable error. kConfig errors are permanent.
using SinkFactory = std::function<Result<std::unique_ptr<StageSink>>()>;

// A consumer of `group_id` subscribed to `topics`.
[[nodiscard]] Result<std::unique_ptr<StageSource>> MakeKafkaSource(const KafkaOptions& kafka,
                                                                   const std::string& group_id,
                                                                   const std::vector<std::string>& topics);
// Transactional producers with `transactional_id` whose offsets go to the
// group of `source` (which must come from MakeKafkaSource and outlive them).
SinkFactory MakeKafkaSinkFactory(const KafkaOptions& kafka, std::string transactional_id, StageSource& source);

}  // namespace tidings::runtime
