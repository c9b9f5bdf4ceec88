#pragma once
// The consume-transform-produce loop of a stage (ingest, enrich), exactly
// once: records are read in batches, each batch's outputs, dead letters and
// consumer offsets are written in one Kafka transaction. Downstream
// read_committed consumers therefore see every output once, also across
// rebalances, crashes and restarts (librdkafka examples/transactions.c is
// the model).
//
// The per-record logic is a ProcessFn and knows nothing of Kafka, so that it
// is tested with plain values. RunStage() owns the consumer and producer,
// the metrics and /readyz; it returns when shutdown is requested (after
// committing the batch in flight) or on an error nothing in the process can
// mend (fenced by another instance, a fatal consumer error, bad config).
//
// A failed transaction (abortable or fatal, including an abort that itself
// fails after a broker outage) does not stop the loop: the transaction is
// aborted, or the producer replaced by a new one with the same
// transactional id (which fences the old one); the consumer is rewound to
// the committed offsets and the batch replayed after a backoff. Counters and
// the ProcessFn's own state (StageOptions::on_commit / on_abort) change only
// with committed work.
//
// The loop reads and writes through the seams in runtime/stage_io.h;
// RunStageWith() takes them, so that tests drive the loop with fakes.

#include <chrono>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <vector>

#include <prometheus/gauge.h>

#include "runtime/daemon.h"
#include "runtime/kafka.h"
#include "runtime/stage_io.h"

namespace tidings::runtime {

// One record to publish. A null value (std::nullopt in `tombstone`) is a
// Kafka tombstone: it deletes `key` from a compacted topic.
struct Emit {
  std::string topic;
  std::string key;
  std::string value;
  std::vector<Header> headers;
  // -1: the partitioner picks by key; else this partition (a changelog
  // written beside the input partition it belongs to).
  int32_t partition = -1;
  // Publish a null value (a tombstone) instead of `value`.
  bool tombstone = false;
};

// What became of one input record.
struct Outcome {
  enum class Kind {
    kDone,        // emits (possibly none, e.g. a duplicate) are published
    kDeadLetter,  // can never succeed: goes to the DLQ with code + message
    kRetry,       // transient: the batch is retried after a backoff
  };
  Kind kind = Kind::kDone;
  std::vector<Emit> emits;
  ErrorCode code = ErrorCode::kOk;
  std::string message;
  std::string document_id;
  // Metric label of tidings_<stage>_records_total{outcome}: "published",
  // "duplicate", "dead_letter", ...
  std::string label = "published";

  static Outcome DeadLetter(ErrorCode code, std::string message, std::string document_id = "") {
    Outcome o;
    o.kind = Kind::kDeadLetter;
    o.code = code;
    o.message = std::move(message);
    o.document_id = std::move(document_id);
    o.label = "dead_letter";
    return o;
  }
  static Outcome Retry(std::string message) {
    Outcome o;
    o.kind = Kind::kRetry;
    o.message = std::move(message);
    o.label = "retry";
    return o;
  }
};

using ProcessFn = std::function<Outcome(const Message&)>;

struct StageOptions {
  std::string stage;                      // metric and DLQ stage name
  std::vector<std::string> input_topics;  // prefixed
  std::string dlq_topic;                  // prefixed
  // librdkafka properties of the input consumer that hold unless the
  // operator's kafka_properties sets the same key (a stage's own defaults).
  std::map<std::string, std::string> consumer_defaults;
  int batch_max_records = 5000;
  int64_t batch_max_bytes = 16 << 20;
  int batch_max_ms = 100;
  // Transactional id of this instance: stable across its restarts (fences
  // a zombie predecessor), unique among running instances.
  std::string transactional_id;
  // Called after each committed batch with the number of records in it.
  std::function<void(size_t)> on_batch_committed;
  // The ProcessFn's transactional state: what it changed while processing
  // a batch is kept when on_commit is called (after the batch's transaction
  // committed) and dropped when on_abort is called (the transaction was
  // aborted; the batch will be processed again). Called on the loop thread.
  std::function<void()> on_commit;
  std::function<void()> on_abort;
  // Work of the ProcessFn's own that is due without an input record (state
  // that times out): called on the loop thread every tick_interval_ms or a
  // little later, before the records of a batch, also when none came. Its
  // emits go into the batch's transaction (one of their own when the batch
  // is empty; none when there is nothing to publish), and the state it
  // changed follows on_commit / on_abort like that of records. An error
  // fails the transaction (retried like a failed commit). Null: no ticks.
  std::function<Result<std::vector<Emit>>()> on_tick;
  int tick_interval_ms = 1000;
  // Called on the loop thread with a batch's records, in order, after its
  // tick and before the first of them is processed (again when the batch is
  // processed again after an abort): for work on the records that changes
  // no state and that the ProcessFn may then use (tidings-enrich enriches
  // the batch's documents whose context it can foresee in parallel here).
  // An exception from it is logged and the batch processed without it.
  // Null: none.
  std::function<void(std::span<const Message>)> on_batch;
  // Partitions came: the ProcessFn's state of them is made ready (e.g.
  // restored from a changelog) before any of their records is processed.
  // Runs inside the source's poll; an error stops the loop with it.
  std::function<Status(const std::vector<TopicPartition>&)> on_assigned;
  // Partitions went (their uncommitted records belong to the next owner):
  // their state is dropped. Runs inside the source's poll, between
  // transactions.
  std::function<void(const std::vector<TopicPartition>&)> on_revoked;
  // Backoff between attempts after a failed transaction: doubles from min
  // to max, back to min after a commit.
  int retry_backoff_min_ms = 100;
  int retry_backoff_max_ms = 10000;
};

// `kafka` with `defaults` added for the keys its extra properties (the
// operator's kafka_properties) do not set: the input consumer's options.
KafkaOptions WithConsumerDefaults(KafkaOptions kafka, const std::map<std::string, std::string>& defaults);

// Stage options read from the common config keys batch_max_records,
// batch_max_bytes, batch_max_ms and transactional_id (see
// StageConfigOptions()). `batch_max_records` is the stage's default for that
// key: a stage whose records grow as it works (enrich) takes fewer per
// transaction.
std::vector<OptionSpec> StageConfigOptions(int batch_max_records = 5000);
StageOptions StageOptionsFromConfig(const DaemonContext& ctx, std::string stage,
                                    std::vector<std::string> input_topics);

[[nodiscard]] Status RunStage(DaemonContext& ctx, const StageOptions& opts, const ProcessFn& process);

// RunStage() over the given source and sinks (made by make_sink at start and
// after a fatal error). Uses the config keys of StageConfigOptions() and
// ready_max_lag / ready_max_commit_age_ms / startup_timeout_ms /
// shutdown_timeout_ms from ctx.
[[nodiscard]] Status RunStageWith(DaemonContext& ctx, const StageOptions& opts, const ProcessFn& process,
                                  StageSource& source, const SinkFactory& make_sink);

// The stage loop's health, as metrics and /readyz conditions:
//   tidings_consumer_lag_records{topic,partition}: high watermark minus the
//     committed offset (not the read position: records read but not yet
//     committed are still waiting);
//   tidings_stage_last_commit_age_seconds{stage}: seconds since the last
//     committed transaction (since start before the first);
//   condition "stage": partitions assigned, their committed offsets and
//     watermarks known, lag at most ready_max_lag;
//   condition "broker": the brokers answer (StageSource::BrokerTrouble);
//   condition "commit": a commit within ready_max_commit_age_ms, or no
//     input waiting (lag 0).
// Used from the loop's thread; `now` is passed in so that tests control time.
class StageHealth {
 public:
  using Clock = std::chrono::steady_clock;
  StageHealth(DaemonContext& ctx, const std::string& stage, Clock::time_point now);

  // Partitions came (their committed offsets are asked for at the next
  // Update) or went (no longer counted; "stage" fails at once when none is
  // left).
  void Assigned(const std::vector<TopicPartition>& parts);
  void Revoked(const std::vector<TopicPartition>& parts, bool none_left);
  // A transaction committed these next offsets at `now`.
  void Committed(const std::vector<TopicPartition>& next, Clock::time_point now);
  // Recomputes lag, age and conditions, at most once a second unless
  // `force`; returns whether it did.
  bool Update(StageSource& source, Clock::time_point now, bool force = false);
  // Sum of the lags of the last Update.
  int64_t total_lag() const { return total_lag_; }
  // The brokers were unreachable at an Update since the last commit.
  bool broker_trouble_since_commit() const { return broker_trouble_since_commit_; }

 private:
  using Key = std::pair<std::string, int32_t>;
  void RefreshCommitted(StageSource& source, const std::vector<TopicPartition>& parts);

  DaemonContext& ctx_;
  prometheus::Family<prometheus::Gauge>& lag_family_;
  prometheus::Gauge& commit_age_;
  std::map<Key, prometheus::Gauge*> lag_;
  std::map<Key, int64_t> committed_;  // next offset; < 0: none committed yet
  int64_t ready_max_lag_;
  std::chrono::milliseconds max_commit_age_;
  Clock::time_point last_update_{};
  Clock::time_point last_commit_;
  int64_t total_lag_ = 0;
  bool broker_trouble_since_commit_ = false;
};

// Publishes tidings_consumer_lag_records{topic,partition} from the read
// position (for a loop that keeps its offsets elsewhere, like the store's)
// and sets /readyz from it: ready when the consumer has had an assignment, knows the
// watermarks of all its partitions and lags by at most ready_max_lag; and
// the "broker" condition fails while the brokers do not answer.
// Used from the consumer's thread.
class LagMonitor {
 public:
  explicit LagMonitor(DaemonContext& ctx);
  // Does the work at most once a second; returns whether it did, and then
  // fills `lags` (when given) with each assigned partition's lag. While the
  // brokers are unreachable it only updates the "broker" condition and
  // returns false (the lags would wait on the brokers).
  bool Update(Consumer& consumer, bool assigned, std::vector<std::pair<TopicPartition, int64_t>>* lags = nullptr);

 private:
  DaemonContext& ctx_;
  prometheus::Family<prometheus::Gauge>& lag_;
  int64_t ready_max_lag_;
  std::chrono::steady_clock::time_point last_{};
};

// Rebuilds a daemon's in-process state (dedup memory, thread cache) from the
// last `tail_per_partition` records of each partition of `topic`, its own
// output, calling fn for each; stops early on shutdown. A timeout (e.g. a
// predecessor's open transaction holding the stable offset back) leaves the
// state partly rebuilt and is logged as a warning; a missing topic is no
// error. `what` names the state in the log. Returns the records read.
[[nodiscard]] Result<size_t> RestoreFromTopic(DaemonContext& ctx, const std::string& topic,
                                              int64_t tail_per_partition, std::string_view what,
                                              const std::function<void(const Message&)>& fn);

}  // namespace tidings::runtime
