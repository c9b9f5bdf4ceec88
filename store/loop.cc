#include "store/loop.h"

#include <spdlog/spdlog.h>

namespace tidings::store {
namespace {

using Clock = std::chrono::steady_clock;

constexpr ErrorKind kAllKinds[] = {ErrorKind::kNoSpace, ErrorKind::kBusy, ErrorKind::kIo, ErrorKind::kCorruption,
                                   ErrorKind::kOther};

}  // namespace

StoreProbe::StoreProbe(prometheus::Registry& r)
    : records_(prometheus::BuildCounter().Name("tidings_store_records_total").Help("Records by outcome").Register(r)),
      errors_(prometheus::BuildCounter()
                  .Name("tidings_store_errors_total")
                  .Help("Failed RocksDB writes, recoveries and opens by kind (no_space, busy, io, corruption, other)")
                  .Register(r)),
      batch_(prometheus::BuildHistogram()
                 .Name("tidings_store_write_batch_seconds")
                 .Help("RocksDB write batch time")
                 .Register(r)
                 .Add({}, prometheus::Histogram::BucketBoundaries{1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1})),
      documents_(
          prometheus::BuildGauge().Name("tidings_store_documents").Help("Documents in the store (estimate)").Register(r).Add(
              {})),
      wal_bytes_(prometheus::BuildGauge()
                     .Name("tidings_store_wal_bytes")
                     .Help("Bytes of the live write-ahead log files (replayed on open)")
                     .Register(r)
                     .Add({})) {
  // Every kind is exported from the start (0), so rate() and alerts see
  // the first error.
  for (ErrorKind k : kAllKinds) errors_.Add({{"kind", std::string(ErrorKindName(k))}});
}

void StoreProbe::Record(const std::string& outcome, size_t n) {
  records_.Add({{"outcome", outcome}}).Increment(static_cast<double>(n));
}

void StoreProbe::Error(ErrorKind kind) { errors_.Add({{"kind", std::string(ErrorKindName(kind))}}).Increment(); }

double StoreProbe::Errors(ErrorKind kind) { return errors_.Add({{"kind", std::string(ErrorKindName(kind))}}).Value(); }

std::vector<PartitionOffset> Batch::Offsets() const {
  std::vector<PartitionOffset> out;
  out.reserve(next.size());
  for (const auto& [k, off] : next) {
    auto f = first.find(k);
    out.push_back({k.first, k.second, off, f == first.end() ? -1 : f->second});
  }
  return out;
}

Status AddRecord(runtime::Message msg, Batch& batch, DeadLetterSink& dlq) {
  batch.first.try_emplace({msg.topic, msg.partition}, msg.offset);
  batch.next[{msg.topic, msg.partition}] = msg.offset + 1;
  v1::EnrichedDocument d;
  if (!d.ParseFromString(msg.value) || d.document().id().empty()) {
    TIDINGS_RETURN_IF_ERROR(
        dlq.Write(msg, ErrorCode::kInvalidProtobuf, "value is not a tidings.v1.EnrichedDocument with an id"));
    ++batch.dead_letters;
    return Status::Ok();
  }
  batch.docs.push_back(std::move(d));
  return Status::Ok();
}

StoreLoop::StoreLoop(Store& store, RecordSource& source, DeadLetterSink& dlq, StoreProbe& probe,
                     runtime::Shutdown& shutdown, LoopOptions opts)
    : store_(store), source_(source), dlq_(dlq), probe_(probe), shutdown_(shutdown), opts_(std::move(opts)) {}

Status StoreLoop::Collect(Batch& batch) {
  const auto until = Clock::now() + opts_.batch_max_wait;
  while (static_cast<int>(batch.docs.size()) < opts_.batch_max_records && Clock::now() < until &&
         !shutdown_.requested()) {
    // Once the batch has records, it closes as soon as nothing more is
    // buffered: a quiet stream is written at once (latency), a backlog,
    // whose records are already fetched, fills big batches.
    const bool started = !batch.empty();
    auto m = source_.Poll(started ? 0 : static_cast<int>(opts_.poll_timeout.count()));
    if (!m.ok()) return m.status();
    if (!m->has_value()) {
      if (started) break;
      continue;
    }
    TIDINGS_RETURN_IF_ERROR(AddRecord(std::move(**m), batch, dlq_));
  }
  if (batch.dead_letters > 0) {
    // Not stored, not committed on failure: a restart reads these again.
    if (Status st = dlq_.Flush(); !st.ok())
      return {st.code(), "a dead letter could not be written; stopping before storing its offset: " + st.message()};
    probe_.Record("dead_letter", batch.dead_letters);
  }
  return Status::Ok();
}

void StoreLoop::SetWritable(bool ok, const std::string& why) {
  if (ok == writable_) return;
  writable_ = ok;
  if (opts_.set_writable) opts_.set_writable(ok, why);
}

Status StoreLoop::WaitBeforeRetry(int attempt, const Status& error) {
  auto delay = RetryDelay(attempt, opts_.retry_first_delay, opts_.retry_max_delay);
  spdlog::error("store write failed (attempt {}, retry in {} ms): {}", attempt + 1, delay.count(), error.message());
  SetWritable(false, "store writes failing: " + error.message());
  if (shutdown_.WaitFor(delay))
    return {ErrorCode::kIo, "stopped while the store could not be written: " + error.message()};
  ErrorKind kind = ErrorKind::kNone;
  if (Status st = store_.Recover(&kind); !st.ok()) {
    probe_.Error(kind);
    if (!Retriable(kind)) return {st.code(), "store cannot be reopened: " + st.message()};
    spdlog::warn("store not recovered yet: {}", st.message());
  }
  return Status::Ok();
}

Status StoreLoop::Write(const Batch& batch) {
  const auto offsets = batch.Offsets();
  const auto t0 = Clock::now();
  WriteReport r;
  for (int attempt = 0;; ++attempt) {
    Status st = store_.WriteBatch(batch.docs, offsets, &r);
    if (st.ok()) break;
    probe_.Error(r.error);
    if (r.error == ErrorKind::kCorruption)
      return {st.code(), "store corrupted, stopping (restore the store or rebuild it from the topic): " +
                             st.message()};
    if (!Retriable(r.error)) return {st.code(), "store write failed, stopping: " + st.message()};
    TIDINGS_RETURN_IF_ERROR(WaitBeforeRetry(attempt, st));
  }
  SetWritable(true, "");
  probe_.Batch(std::chrono::duration<double>(Clock::now() - t0).count());
  probe_.Record("stored", r.written);
  if (r.stale > 0) probe_.Record("stale", r.stale);
  return Status::Ok();
}

Status StoreLoop::RunOnce() {
  Batch batch;
  TIDINGS_RETURN_IF_ERROR(Collect(batch));
  if (!batch.empty()) {
    TIDINGS_RETURN_IF_ERROR(Write(batch));
    if (opts_.on_stored) opts_.on_stored(batch.Offsets());
    std::vector<runtime::TopicPartition> next;
    for (const auto& [k, off] : batch.next) next.push_back({k.first, k.second, off});
    source_.Stored(next);
  }
  if (opts_.after_batch) opts_.after_batch();
  return Status::Ok();
}

Status StoreLoop::Run() {
  while (!shutdown_.requested()) TIDINGS_RETURN_IF_ERROR(RunOnce());
  return Status::Ok();
}

}  // namespace tidings::store
