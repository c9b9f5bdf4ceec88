#pragma once
// RAII wrappers over librdkafka's C++ consumer and producer, configured the
// way every tidings daemon needs them: manual commits, cooperative-sticky
// assignment, read_committed, idempotent (optionally transactional)
// production, errors and statistics routed to the log and to callbacks.
//
// Threads: a Consumer is used by one thread (its poll loop). A Producer's
// Produce/Poll/Flush may be called from any thread; delivery callbacks run
// inside Poll/Flush on the calling thread.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <librdkafka/rdkafkacpp.h>

#include "runtime/status.h"

namespace tidings::runtime {

// The largest record tidings produces (librdkafka's message.max.bytes); the
// topics it creates accept a little more (max.message.bytes).
inline constexpr int kMaxRecordBytes = 8 * 1024 * 1024;

struct KafkaOptions {
  std::string brokers = "127.0.0.1:9092";
  std::string client_id = "tidings";
  // Further librdkafka properties, applied last (operators' escape hatch).
  std::map<std::string, std::string> extra;
  // librdkafka statistics every N ms (0 = off); delivered to on_stats.
  int stats_interval_ms = 0;
  std::function<void(const std::string& json)> on_stats;
};

struct Header {
  std::string key;
  std::string value;
};

// A consumed record, owned.
struct Message {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  std::string key;
  std::string value;
  std::vector<Header> headers;
  int64_t timestamp_ms = 0;
  // Value of the first header named `name`, if any.
  std::optional<std::string_view> HeaderValue(std::string_view name) const;
};

struct TopicPartition {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = -1001;  // RdKafka::Topic::OFFSET_INVALID
  bool operator<(const TopicPartition& o) const {
    return topic != o.topic ? topic < o.topic : partition < o.partition;
  }
};

// Asks the cluster for metadata within the timeout: kKafka naming the
// brokers when none answers. Used at start-up so that an unreachable broker
// is a one-line error rather than a silent retry loop.
[[nodiscard]] Status CheckBrokers(const KafkaOptions& opts, int timeout_ms);

// The tidings topics with `prefix`, and their partition counts (the same
// as deploy/local/topics.conf, which the shell scripts read).
std::vector<std::pair<std::string, int>> StandardTopics(const std::string& prefix = "");
// Whether the standard topic `name` (with any prefix) is compacted
// (cleanup.policy=compact: a changelog, whose last value per key is what
// counts); CreateTopics creates those so.
bool IsCompactedTopic(std::string_view name);

// Creates topics that do not exist yet (an existing topic is not an error,
// and keeps its settings). A topic named `...tidings.enriched` keeps every
// record (retention.ms=-1): tidings-store instances rebuild partitions from
// it (docs/operations.md, "More than one store").
[[nodiscard]] Status CreateTopics(const KafkaOptions& opts,
                                  const std::vector<std::pair<std::string, int>>& topics_partitions,
                                  int timeout_ms);

// Reads `topic` from the beginning up to the end offsets it had when the call
// started (or, with follow, until fn returns false or the timeout passes
// without records), calling fn for each record in partition order. For
// tools and tests; uses no consumer group offsets. Returns kTimeout when the
// end was not reached within timeout_ms.
// With tail_per_partition >= 0, reads only the last that many records of
// each partition. With `partitions` non-empty, reads only those (kNotFound
// when the topic has fewer).
[[nodiscard]] Status ReadTopic(const KafkaOptions& opts, const std::string& topic,
                               const std::function<bool(const Message&)>& fn, int timeout_ms,
                               bool follow = false, int64_t tail_per_partition = -1,
                               const std::vector<int32_t>& partitions = {});

// How a producer placed keyed records: librdkafka's `partitioner` property.
// Only the deterministic part matters here (a non-empty key always lands in
// the same partition), so the `_random` variants, which differ only for
// records without a key, map to the same hash.
enum class KeyPartitioner {
  kCrc32,    // consistent, consistent_random (librdkafka's default)
  kMurmur2,  // murmur2, murmur2_random (the Java client's default)
  kFnv1a,    // fnv1a, fnv1a_random
};

// Parses a librdkafka partitioner name; kConfig for `random` (it places no
// key) and for names librdkafka does not know.
[[nodiscard]] Result<KeyPartitioner> ParseKeyPartitioner(std::string_view name);

// The partition librdkafka's partitioner gives a record with this non-empty
// key on a topic of `partitions` partitions (> 0).
int32_t PartitionOfKey(KeyPartitioner p, std::string_view key, int32_t partitions);

// One member of a consumer group as its coordinator describes it.
struct GroupMember {
  std::string member_id;
  std::string client_id;
  std::string host;  // as the broker saw the connection, e.g. "/10.0.0.5"
  std::vector<TopicPartition> assignment;  // offsets unset
};

struct GroupDescription {
  std::string state;  // "Stable", "PreparingRebalance", "CompletingRebalance", "Empty", "Dead", ...
  std::vector<GroupMember> members;
};

// Lookups beside a running consumer (its own connections, no group): a
// consumer group's members with their assignments, a topic's partition
// count. Thread-safe; each call waits at most its timeout.
class AdminClient {
 public:
  [[nodiscard]] static Result<std::unique_ptr<AdminClient>> Create(const KafkaOptions& opts);
  ~AdminClient();
  AdminClient(const AdminClient&) = delete;
  AdminClient& operator=(const AdminClient&) = delete;

  // The group's state and members (DescribeConsumerGroups). kKafka or
  // kTimeout when the coordinator does not answer.
  [[nodiscard]] Result<GroupDescription> DescribeGroup(const std::string& group_id, int timeout_ms);
  // The topic's number of partitions; kNotFound when it does not exist.
  [[nodiscard]] Result<int32_t> PartitionCount(const std::string& topic, int timeout_ms);

 private:
  class Events;
  AdminClient() = default;
  std::unique_ptr<Events> events_;
  std::unique_ptr<RdKafka::Producer> handle_;  // a client without records, for its connections
};

class Producer {
 public:
  // Called once per produced record with its outcome.
  using DeliveryFn = std::function<void(const Status&, int32_t partition, int64_t offset)>;

  // Idempotent producer (acks=all). With a non-empty transactional_id the
  // producer is transactional and InitTransactions() must be called.
  [[nodiscard]] static Result<std::unique_ptr<Producer>> Create(const KafkaOptions& opts,
                                                                const std::string& transactional_id = "");
  ~Producer();

  // Queues a record; when librdkafka's queue is full it serves delivery
  // callbacks and retries until `queue_wait_ms` runs out (kTimeout). A record
  // over the size limit is kTooLarge (it can never be written).
  // `partition` -1 lets the partitioner pick by key. A `value` whose data()
  // is null (std::string_view()) is a null value: a tombstone.
  [[nodiscard]] Status Produce(const std::string& topic, std::string_view key, std::string_view value,
                               const std::vector<Header>& headers, DeliveryFn on_delivery,
                               int32_t partition = -1, int queue_wait_ms = 30000);
  // Serves delivery callbacks.
  void Poll(int timeout_ms);
  // Waits until everything queued is delivered or failed.
  [[nodiscard]] Status Flush(int timeout_ms);
  int OutQueueLength() const;

  [[nodiscard]] Status InitTransactions(int timeout_ms);
  [[nodiscard]] Status BeginTransaction();
  // Adds the consumer's offsets (next offsets to read) to the transaction.
  [[nodiscard]] Status SendOffsetsToTransaction(const std::vector<TopicPartition>& offsets,
                                                RdKafka::KafkaConsumer* consumer, int timeout_ms);
  // Retries retriable errors within the timeout; any other error means the
  // transaction must be aborted (or, if Fatal(), the producer is unusable).
  [[nodiscard]] Status CommitTransaction(int timeout_ms);
  // Whether the producer has failed fatally and can't be used any more
  // (a new instance with the same transactional id can).
  bool Fatal() const;
  // Whether that fatal error is a fence: another instance with the same
  // transactional id has started, so this one must stop.
  bool Fenced() const;
  [[nodiscard]] Status AbortTransaction(int timeout_ms);

  RdKafka::Producer* raw() { return producer_.get(); }

  // The largest record this producer accepts (its message.max.bytes:
  // kMaxRecordBytes unless kafka_properties sets another).
  size_t max_record_bytes() const { return max_record_bytes_; }

 private:
  class Callbacks;
  Producer() = default;
  std::unique_ptr<Callbacks> callbacks_;
  size_t max_record_bytes_ = kMaxRecordBytes;
  std::unique_ptr<RdKafka::Producer> producer_;
};

class Consumer {
 public:
  struct Hooks {
    // Before partitions are assigned: may set each one's starting offset
    // (a sink that keeps its offsets beside its data resumes from there).
    std::function<void(std::vector<TopicPartition>&)> start_offsets;
    // After partitions are added to the assignment.
    std::function<void(const std::vector<TopicPartition>&)> on_assigned;
    // Before partitions are taken away: the last chance to commit them.
    std::function<void(const std::vector<TopicPartition>&)> on_revoked;
  };

  // Subscribes `group_id` to `topics`. Manual commits only; starts at the
  // earliest offset when the group has none; reads committed data only.
  [[nodiscard]] static Result<std::unique_ptr<Consumer>> Create(const KafkaOptions& opts,
                                                                const std::string& group_id,
                                                                const std::vector<std::string>& topics,
                                                                Hooks hooks = {});
  ~Consumer();

  // The next record, nullopt when none came within the timeout. Transient
  // broker errors are logged and reported as nullopt; fatal ones as kKafka.
  [[nodiscard]] Result<std::optional<Message>> Poll(int timeout_ms);
  // Commits the given next-offsets (synchronously unless async).
  [[nodiscard]] Status Commit(const std::vector<TopicPartition>& offsets, bool async = false);
  std::vector<TopicPartition> Assignment();
  // High watermark minus position, per assigned partition. Uses the
  // watermarks cached from fetches; asks the broker for those not known yet
  // (partitions whose watermarks cannot be had are left out).
  std::vector<std::pair<TopicPartition, int64_t>> Lag();
  // The group's committed next offsets of `parts` (offset < 0: none
  // committed yet); a broker round trip of at most timeout_ms.
  [[nodiscard]] Result<std::vector<TopicPartition>> Committed(const std::vector<TopicPartition>& parts,
                                                              int timeout_ms);
  // Low and high watermarks of an assigned partition: cached from fetches,
  // asked of the broker (within query_timeout_ms) when not known yet.
  // False when they cannot be had.
  bool Watermarks(const TopicPartition& tp, int64_t* low, int64_t* high, int query_timeout_ms);
  // "" while the brokers answer; otherwise why not (librdkafka reported all
  // brokers down, or transport failures kept coming). While in trouble, each
  // call asks a broker for metadata (within probe_timeout_ms) and clears the
  // trouble when one answers (a consumed record does not: it may have been
  // fetched before the brokers went away).
  std::string BrokerTrouble(int probe_timeout_ms);
  // Moves the read position of assigned partitions (e.g. back to the first
  // record of an aborted transaction).
  [[nodiscard]] Status Seek(const std::vector<TopicPartition>& positions, int timeout_ms);
  // Leaves the group cleanly (revoke callbacks run). Idempotent.
  void Close();
  // Whether the consumer failed fatally (its view of its partitions is lost).
  bool Fatal() const;

  RdKafka::KafkaConsumer* raw() { return consumer_.get(); }

 private:
  class Callbacks;
  Consumer() = default;
  std::unique_ptr<Callbacks> callbacks_;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
  bool closed_ = false;
};

}  // namespace tidings::runtime
