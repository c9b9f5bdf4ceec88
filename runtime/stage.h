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

#include <functional>
#include <string>
#include <vector>

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

}  // namespace tidings::runtime
