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
// committing the batch in flight) or on a fatal error.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <prometheus/gauge.h>

#include "runtime/daemon.h"
#include "runtime/kafka.h"

namespace tidings::runtime {

// One record to publish.
struct Emit {
  std::string topic;
  std::string key;
  std::string value;
  std::vector<Header> headers;
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
  int batch_max_records = 5000;
  int64_t batch_max_bytes = 16 << 20;
  int batch_max_ms = 100;
  // Transactional id of this instance: stable across its restarts (fences
  // a zombie predecessor), unique among running instances.
  std::string transactional_id;
  // Called after each committed batch with the number of records in it.
  std::function<void(size_t)> on_batch_committed;
};

// Stage options read from the common config keys batch_max_records,
// batch_max_bytes, batch_max_ms and transactional_id (see
// StageConfigOptions()).
std::vector<OptionSpec> StageConfigOptions();
StageOptions StageOptionsFromConfig(const DaemonContext& ctx, std::string stage,
                                    std::vector<std::string> input_topics);

[[nodiscard]] Status RunStage(DaemonContext& ctx, const StageOptions& opts, const ProcessFn& process);

// Publishes tidings_consumer_lag_records{topic,partition} and sets /readyz
// from it: ready when the consumer has had an assignment, knows the
// watermarks of all its partitions and lags by at most ready_max_lag.
// Used from the consumer's thread.
class LagMonitor {
 public:
  explicit LagMonitor(DaemonContext& ctx);
  // Does the work at most once a second; returns whether it did.
  bool Update(Consumer& consumer, bool assigned);

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
