#pragma once
// The store daemon's loop, without Kafka: collect a batch of records from a
// source, dead-letter those that are not EnrichedDocuments, write the
// documents and the offsets they were read up to in one RocksDB batch, and
// retry the write while the error is transient. store/main.cc stitches it to
// the consumer and the dead-letter producer; tests drive it with fakes.
//
// Owned and run by one thread; the probe may be read (scraped) from others.

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "runtime/kafka.h"
#include "runtime/shutdown.h"
#include "store/store.h"

namespace tidings::store {

// Where the loop reads records from (the consumer in the daemon).
class RecordSource {
 public:
  virtual ~RecordSource() = default;
  // The next record, nullopt when none came within the timeout.
  [[nodiscard]] virtual Result<std::optional<runtime::Message>> Poll(int timeout_ms) = 0;
  // Called after the batch up to these next-offsets is stored (the daemon
  // commits them to Kafka for lag monitoring only).
  virtual void Stored(const std::vector<runtime::TopicPartition>& next) = 0;
};

// Where records that are not documents go. A dead letter must be durable
// before its offset is stored.
class DeadLetterSink {
 public:
  virtual ~DeadLetterSink() = default;
  [[nodiscard]] virtual Status Write(const runtime::Message& original, ErrorCode code, const std::string& why) = 0;
  // Waits until every dead letter written so far is durable: OK, or the
  // error when one of them could not be written.
  [[nodiscard]] virtual Status Flush() = 0;
};

// The store stage's metrics; registered once at start-up.
class StoreProbe {
 public:
  explicit StoreProbe(prometheus::Registry& r);
  StoreProbe(const StoreProbe&) = delete;
  StoreProbe& operator=(const StoreProbe&) = delete;

  // outcome: stored, stale (a higher version is stored), dead_letter.
  void Record(const std::string& outcome, size_t n = 1);
  void Batch(double seconds) { batch_.Observe(seconds); }
  void Documents(uint64_t n) { documents_.Set(static_cast<double>(n)); }
  void WalBytes(uint64_t n) { wal_bytes_.Set(static_cast<double>(n)); }
  void Error(ErrorKind kind);
  double Errors(ErrorKind kind);  // for tests

 private:
  prometheus::Family<prometheus::Counter>& records_;
  prometheus::Family<prometheus::Counter>& errors_;
  prometheus::Histogram& batch_;
  prometheus::Gauge& documents_;
  prometheus::Gauge& wal_bytes_;
};

// A batch being collected: documents, and the first and next offset per
// partition.
struct Batch {
  std::vector<v1::EnrichedDocument> docs;
  std::map<std::pair<std::string, int32_t>, int64_t> next;
  std::map<std::pair<std::string, int32_t>, int64_t> first;
  size_t dead_letters = 0;
  bool empty() const { return next.empty(); }
  std::vector<PartitionOffset> Offsets() const;
};

// Adds one record to the batch: its document, or a dead letter through
// `dlq` when it is not an EnrichedDocument with an id. Either way its
// offset becomes the partition's next offset.
[[nodiscard]] Status AddRecord(runtime::Message msg, Batch& batch, DeadLetterSink& dlq);

struct LoopOptions {
  int batch_max_records = 1000;
  std::chrono::milliseconds batch_max_wait{200};
  std::chrono::milliseconds poll_timeout{50};
  std::chrono::milliseconds retry_first_delay{200};
  std::chrono::milliseconds retry_max_delay{10000};
  // Readiness of writes: false with the reason while a write is retried,
  // true after the next write that succeeds ("store_writes" on /readyz).
  std::function<void(bool ok, const std::string& why)> set_writable;
  // Called after each batch (and each empty round): lag, gauges.
  std::function<void()> after_batch;
  // Called after a batch is stored, with the offsets stored with it.
  std::function<void(const std::vector<PartitionOffset>&)> on_stored;
};

class StoreLoop {
 public:
  // All references must outlive the loop.
  StoreLoop(Store& store, RecordSource& source, DeadLetterSink& dlq, StoreProbe& probe, runtime::Shutdown& shutdown,
            LoopOptions opts);

  // Collects one batch (until batch_max_records, batch_max_wait, shutdown
  // or, once it has a record, nothing more buffered) and stores it.
  // Errors: the source's, a dead letter not written, a store error that is
  // not retriable (corruption: the message says so), or shutdown while a
  // write was being retried.
  [[nodiscard]] Status RunOnce();
  // RunOnce until shutdown is requested or an error.
  [[nodiscard]] Status Run();

  // Writes the batch, retrying transient errors with backoff after
  // Store::Recover(); see RunOnce for the errors.
  [[nodiscard]] Status Write(const Batch& batch);

 private:
  [[nodiscard]] Status Collect(Batch& batch);
  [[nodiscard]] Status WaitBeforeRetry(int attempt, const Status& error);
  void SetWritable(bool ok, const std::string& why);

  Store& store_;
  RecordSource& source_;
  DeadLetterSink& dlq_;
  StoreProbe& probe_;
  runtime::Shutdown& shutdown_;
  LoopOptions opts_;
  bool writable_ = true;
};

}  // namespace tidings::store
