#include "runtime/stage.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <spdlog/spdlog.h>

#include "runtime/dead_letter.h"

namespace tidings::runtime {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kTxnTimeoutMs = 60000;
constexpr auto kLagInterval = std::chrono::seconds(1);
constexpr int kCommittedQueryMs = 1000;
constexpr int kSeekMs = 10000;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

std::string HostName() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof buf - 1) != 0) return "localhost";
  return buf;
}

// What the records of a batch came to: applied to the metrics (and the dead
// letters logged) only once the batch's transaction has committed, dropped
// when it aborts.
struct BatchTally {
  std::map<std::string, int64_t> outcomes;      // label -> records
  std::map<ErrorCode, int64_t> dead_letters;    // code -> records
  std::vector<double> seconds;                  // processing time per record
  int64_t bytes = 0;                            // input value bytes
  std::vector<std::string> dead_letter_notes;   // logged once committed
  // The transaction's steps, in seconds: process (tick, work ahead and the
  // records, their outputs queued), send_offsets, commit.
  double process_secs = 0, send_offsets_secs = 0, commit_secs = 0;

  void Add(const Message& m, const Outcome& out, double secs) {
    ++outcomes[out.label];
    if (out.kind == Outcome::Kind::kDeadLetter) {
      ++dead_letters[out.code];
      dead_letter_notes.push_back(fmt::format("dead letter {}/{}@{}: {}: {}", m.topic, m.partition, m.offset,
                                              ErrorCodeName(out.code), out.message));
    }
    seconds.push_back(secs);
    bytes += static_cast<int64_t>(m.value.size());
  }
};

// Metrics of a stage, registered once at start-up.
class StageProbe {
 public:
  StageProbe(prometheus::Registry& r, const std::string& stage)
      : records_(prometheus::BuildCounter()
                     .Name("tidings_" + stage + "_records_total")
                     .Help("Input records by outcome")
                     .Register(r)),
        duration_(prometheus::BuildHistogram()
                      .Name("tidings_" + stage + "_duration_seconds")
                      .Help("Processing time per record")
                      .Register(r)
                      .Add({}, prometheus::Histogram::BucketBoundaries{1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01,
                                                                       0.03, 0.1, 0.3, 1, 3})),
        transactions_(prometheus::BuildCounter()
                          .Name("tidings_" + stage + "_transactions_total")
                          .Help("Kafka transactions by result")
                          .Register(r)),
        in_bytes_(prometheus::BuildCounter()
                      .Name("tidings_" + stage + "_input_bytes_total")
                      .Help("Bytes of input record values")
                      .Register(r)
                      .Add({})),
        steps_(prometheus::BuildHistogram()
                   .Name("tidings_" + stage + "_transaction_seconds")
                   .Help("Time of each step of a committed transaction")
                   .Register(r)),
        process_(steps_.Add({{"step", "process"}}, StepBuckets())),
        send_offsets_(steps_.Add({{"step", "send_offsets"}}, StepBuckets())),
        commit_(steps_.Add({{"step", "commit"}}, StepBuckets())),
        batch_records_(prometheus::BuildHistogram()
                           .Name("tidings_" + stage + "_batch_records")
                           .Help("Input records per committed transaction")
                           .Register(r)
                           .Add({}, prometheus::Histogram::BucketBoundaries{1, 3, 10, 30, 100, 300, 1000, 3000,
                                                                            10000})) {}

  // Counts the records of a committed batch.
  void Apply(const BatchTally& t) {
    for (const auto& [outcome, n] : t.outcomes) records_.Add({{"outcome", outcome}}).Increment(static_cast<double>(n));
    for (double s : t.seconds) duration_.Observe(s);
    in_bytes_.Increment(static_cast<double>(t.bytes));
    process_.Observe(t.process_secs);
    send_offsets_.Observe(t.send_offsets_secs);
    commit_.Observe(t.commit_secs);
    batch_records_.Observe(static_cast<double>(t.seconds.size()));
  }
  void Transaction(const std::string& result) { transactions_.Add({{"result", result}}).Increment(); }

 private:
  prometheus::Family<prometheus::Counter>& records_;
  prometheus::Histogram& duration_;
  prometheus::Family<prometheus::Counter>& transactions_;
  prometheus::Counter& in_bytes_;
  prometheus::Family<prometheus::Histogram>& steps_;
  prometheus::Histogram& process_;
  prometheus::Histogram& send_offsets_;
  prometheus::Histogram& commit_;
  prometheus::Histogram& batch_records_;

  static prometheus::Histogram::BucketBoundaries StepBuckets() {
    return {0.001, 0.003, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5};
  }
};

}  // namespace

LagMonitor::LagMonitor(DaemonContext& ctx)
    : ctx_(ctx),
      lag_(prometheus::BuildGauge()
               .Name("tidings_consumer_lag_records")
               .Help("High watermark minus consumer position")
               .Register(ctx.registry())),
      ready_max_lag_(ctx.config().GetInt("ready_max_lag")) {}

bool LagMonitor::Update(Consumer& consumer, bool assigned, std::vector<std::pair<TopicPartition, int64_t>>* out) {
  if (Clock::now() - last_ < kLagInterval) return false;
  last_ = Clock::now();
  // The store has no transaction to fail: an unreachable broker shows here.
  // Asked first: with the brokers gone the watermark queries below wait
  // their timeout for each partition whose watermarks are not cached (all
  // of them after the group session times out), and the condition must not
  // wait for them.
  const std::string trouble = consumer.BrokerTrouble(500);
  ctx_.SetCondition("broker", trouble.empty(), "brokers unreachable: " + trouble);
  if (!trouble.empty()) return false;  // no lags to ask of unreachable brokers
  int64_t total = 0;
  auto lags = consumer.Lag();
  for (const auto& [tp, lag] : lags) {
    lag_.Add({{"topic", tp.topic}, {"partition", std::to_string(tp.partition)}}).Set(static_cast<double>(lag));
    total += lag;
  }
  if (out != nullptr) *out = lags;
  if (!assigned) ctx_.SetReady(false, "waiting for partition assignment");
  else if (lags.size() < consumer.Assignment().size()) ctx_.SetReady(false, "waiting for partition watermarks");
  else if (total > ready_max_lag_) ctx_.SetReady(false, "consumer lag " + std::to_string(total));
  else ctx_.SetReady(true);
  return true;
}

Result<size_t> RestoreFromTopic(DaemonContext& ctx, const std::string& topic, int64_t tail_per_partition,
                                std::string_view what, const std::function<void(const Message&)>& fn) {
  auto t0 = Clock::now();
  size_t n = 0;
  Status st = ReadTopic(
      ctx.kafka(), topic,
      [&](const Message& m) {
        fn(m);
        ++n;
        return !ctx.shutdown().requested();
      },
      static_cast<int>(ctx.config().GetInt("startup_timeout_ms")) * 6, false, tail_per_partition);
  if (st.code() == ErrorCode::kTimeout) spdlog::warn("{} restore incomplete: {}", what, st.message());
  else if (!st.ok() && st.code() != ErrorCode::kNotFound) return st;
  spdlog::info("{} restored from {}: {} records in {:.1f} s", what, topic, n,
               Seconds(Clock::now() - t0));
  return n;
}

std::vector<OptionSpec> StageConfigOptions(int batch_max_records) {
  return {
      {"batch_max_records", OptionType::kInt, std::to_string(batch_max_records), 1, 1000000,
       "Records per transaction at most (larger batches amortise the transaction round trips)"},
      {"batch_max_bytes", OptionType::kInt, "16777216", 1024, 1LL << 32,
       "Bytes of input records per transaction at most (bounds memory)"},
      {"batch_max_ms", OptionType::kInt, "100", 1, 60000, "How long a batch collects records at most"},
      {"transactional_id", OptionType::kString, "", 0, -1,
       "Kafka transactional id of this instance; empty: <group_id>-<hostname>. Unique per running instance"},
  };
}

StageOptions StageOptionsFromConfig(const DaemonContext& ctx, std::string stage, std::vector<std::string> inputs) {
  StageOptions o;
  o.stage = std::move(stage);
  for (auto& t : inputs) o.input_topics.push_back(ctx.Topic(t));
  o.dlq_topic = ctx.Topic(ctx.config().GetString("dlq_topic"));
  o.batch_max_records = static_cast<int>(ctx.config().GetInt("batch_max_records"));
  o.batch_max_bytes = ctx.config().GetInt("batch_max_bytes");
  o.batch_max_ms = static_cast<int>(ctx.config().GetInt("batch_max_ms"));
  o.transactional_id = ctx.config().GetString("transactional_id");
  if (o.transactional_id.empty()) o.transactional_id = ctx.group_id() + "-" + HostName();
  return o;
}


// ---- StageHealth ------------------------------------------------------------

StageHealth::StageHealth(DaemonContext& ctx, const std::string& stage, Clock::time_point now)
    : ctx_(ctx),
      lag_family_(prometheus::BuildGauge()
                      .Name("tidings_consumer_lag_records")
                      .Help("High watermark minus committed offset, per assigned partition")
                      .Register(ctx.registry())),
      commit_age_(prometheus::BuildGauge()
                      .Name("tidings_stage_last_commit_age_seconds")
                      .Help("Seconds since the stage last committed a transaction (since start before the first)")
                      .Register(ctx.registry())
                      .Add({{"stage", stage}})),
      ready_max_lag_(ctx.config().GetInt("ready_max_lag")),
      max_commit_age_(ctx.config().GetInt("ready_max_commit_age_ms")),
      last_commit_(now) {}

void StageHealth::Assigned(const std::vector<TopicPartition>& parts) {
  for (const auto& p : parts) committed_.erase({p.topic, p.partition});
}

void StageHealth::Revoked(const std::vector<TopicPartition>& parts, bool none_left) {
  for (const auto& p : parts) {
    Key k{p.topic, p.partition};
    committed_.erase(k);
    if (auto it = lag_.find(k); it != lag_.end()) {
      lag_family_.Remove(it->second);
      lag_.erase(it);
    }
  }
  if (none_left) ctx_.SetReady(false, "no partitions assigned");
}

void StageHealth::Committed(const std::vector<TopicPartition>& next, Clock::time_point now) {
  for (const auto& p : next) committed_[{p.topic, p.partition}] = p.offset;
  last_commit_ = now;
  broker_trouble_since_commit_ = false;
}

void StageHealth::RefreshCommitted(StageSource& source, const std::vector<TopicPartition>& parts) {
  std::vector<TopicPartition> unknown;
  for (const auto& p : parts)
    if (!committed_.count({p.topic, p.partition})) unknown.push_back(p);
  if (unknown.empty()) return;
  auto got = source.Committed(unknown, kCommittedQueryMs);
  if (!got.ok()) return;  // asked again at the next update
  for (const auto& p : *got) committed_[{p.topic, p.partition}] = p.offset;
}

bool StageHealth::Update(StageSource& source, Clock::time_point now, bool force) {
  if (!force && now - last_update_ < kLagInterval) return false;
  last_update_ = now;
  auto age = now - last_commit_;
  commit_age_.Set(Seconds(age));

  std::string trouble = source.BrokerTrouble();
  ctx_.SetCondition("broker", trouble.empty(), "brokers unreachable: " + trouble);
  if (!trouble.empty()) broker_trouble_since_commit_ = true;

  auto parts = source.Assignment();
  RefreshCommitted(source, parts);
  int64_t total = 0;
  size_t known = 0;
  for (const auto& p : parts) {
    int64_t lo = 0, hi = 0;
    auto c = committed_.find({p.topic, p.partition});
    if (c == committed_.end() || !source.Watermarks(p, &lo, &hi)) continue;
    // Nothing committed yet: everything retained is waiting (the consumers
    // start at the earliest offset).
    int64_t lag = std::max<int64_t>(0, hi - std::max(c->second, lo));
    auto& g = lag_[{p.topic, p.partition}];
    if (!g) g = &lag_family_.Add({{"topic", p.topic}, {"partition", std::to_string(p.partition)}});
    g->Set(static_cast<double>(lag));
    total += lag;
    ++known;
  }
  total_lag_ = total;

  if (parts.empty()) ctx_.SetReady(false, "no partitions assigned");
  else if (known < parts.size())
    ctx_.SetReady(false, "waiting for committed offsets and watermarks of " + std::to_string(parts.size() - known) +
                             " partition(s)");
  else if (total > ready_max_lag_) ctx_.SetReady(false, "consumer lag " + std::to_string(total));
  else ctx_.SetReady(true);

  bool stuck = age > max_commit_age_ && total > 0;
  ctx_.SetCondition("commit", !stuck,
                    "no commit for " + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(age).count()) +
                        " s with " + std::to_string(total) + " records waiting");
  return true;
}

// ---- the loop ---------------------------------------------------------------

namespace {

using PartitionKey = std::pair<std::string, int32_t>;

Status SendEmit(StageSink& sink, const Emit& e) {
  return sink.Send(e.topic, e.key, e.tombstone ? std::nullopt : std::optional<std::string_view>(e.value), e.headers,
                   e.partition);
}

// One run of the stage loop over a source and the sinks of a factory. Lives
// on the stack of RunStageWith(); one thread.
class StageLoop {
 public:
  StageLoop(DaemonContext& ctx, const StageOptions& opts, const ProcessFn& process, StageSource& source,
            const SinkFactory& make_sink)
      : ctx_(ctx),
        opts_(opts),
        process_(process),
        source_(source),
        make_sink_(make_sink),
        probe_(ctx.registry(), opts.stage),
        health_(ctx, opts.stage, Clock::now()),
        backoff_ms_(opts.retry_backoff_min_ms) {}

  [[nodiscard]] Status Run();

 private:
  void OnAssigned(const std::vector<TopicPartition>& parts);
  void OnRevoked(const std::vector<TopicPartition>& parts);
  [[nodiscard]] Status MakeSink();
  [[nodiscard]] Status Collect();
  // Processes the batch (and a due tick) in one transaction; *transacted
  // is false when there was nothing to publish and no transaction was made.
  [[nodiscard]] Status ProcessBatch(BatchTally& tally, std::vector<TopicPartition>& next, bool* transacted);
  [[nodiscard]] Status ProcessRecord(const Message& m, BatchTally& tally);
  bool TickDue() const { return opts_.on_tick && Clock::now() >= next_tick_; }
  // Runs a due tick; its emits are added to *emits.
  [[nodiscard]] Status Tick(std::vector<Emit>* emits);
  void Committed(const BatchTally& tally, const std::vector<TopicPartition>& next);
  [[nodiscard]] Status Recover(const Status& why);
  bool Rewind();
  void Trouble(const std::string& what);
  void Backoff();

  DaemonContext& ctx_;
  const StageOptions& opts_;
  const ProcessFn& process_;
  StageSource& source_;
  const SinkFactory& make_sink_;
  StageProbe probe_;
  StageHealth health_;
  std::unique_ptr<StageSink> sink_;
  std::unique_ptr<DeadLetterWriter> dlq_;
  std::set<PartitionKey> owned_;
  std::vector<Message> batch_;
  std::map<PartitionKey, int64_t> first_;  // partition -> first offset of the batch
  std::vector<TopicPartition> pending_rewind_;
  int backoff_ms_;
  // A trouble episode: from the first failed attempt to the next commit.
  bool in_trouble_ = false;
  int attempts_ = 0;
  // Producers remade after a fence that followed broker trouble, since the
  // last commit.
  int fenced_rebuilds_ = 0;
  static constexpr int kMaxFencedRebuilds = 3;
  Clock::time_point trouble_since_{};
  Clock::time_point next_tick_{};
  // A transaction was begun by the current attempt (Recover aborts it).
  bool txn_begun_ = false;
  // An error of StageOptions::on_assigned: the loop stops with it.
  Status assign_error_;
};

void StageLoop::OnAssigned(const std::vector<TopicPartition>& parts) {
  for (const auto& p : parts) owned_.insert({p.topic, p.partition});
  health_.Assigned(parts);
  if (opts_.on_assigned && assign_error_.ok()) assign_error_ = opts_.on_assigned(parts);
}

void StageLoop::OnRevoked(const std::vector<TopicPartition>& parts) {
  // Records of revoked partitions not yet in a transaction go to the new
  // owner: drop them, and forget rewinding them.
  std::set<PartitionKey> gone;
  for (const auto& p : parts) {
    gone.insert({p.topic, p.partition});
    owned_.erase({p.topic, p.partition});
  }
  std::erase_if(batch_, [&](const Message& m) { return gone.count({m.topic, m.partition}) > 0; });
  std::erase_if(pending_rewind_, [&](const TopicPartition& p) { return gone.count({p.topic, p.partition}) > 0; });
  health_.Revoked(parts, owned_.empty());
  if (opts_.on_revoked) opts_.on_revoked(parts);
}

Status StageLoop::MakeSink() {
  auto sink = make_sink_();
  if (!sink.ok()) return sink.status();
  TIDINGS_RETURN_IF_ERROR((*sink)->InitTransactions(static_cast<int>(ctx_.config().GetInt("startup_timeout_ms"))));
  sink_ = std::move(*sink);
  return Status::Ok();
}

Status StageLoop::Collect() {
  auto until = Clock::now() + std::chrono::milliseconds(opts_.batch_max_ms);
  int64_t bytes = 0;
  while (static_cast<int>(batch_.size()) < opts_.batch_max_records && bytes < opts_.batch_max_bytes &&
         !ctx_.shutdown().requested()) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
    if (left <= 0) break;
    // Once the batch has records, it closes as soon as nothing more is
    // buffered: a quiet stream commits small batches at once (latency), a
    // backlog, whose records are already fetched, fills big ones.
    const bool started = !batch_.empty();
    auto m = source_.Poll(started ? 0 : static_cast<int>(std::min<int64_t>(left, 100)));
    if (!m.ok()) return m.status();
    if (!assign_error_.ok()) return assign_error_;
    if (!m->has_value()) {
      if (started) break;
      continue;
    }
    bytes += static_cast<int64_t>((*m)->value.size() + (*m)->key.size());
    batch_.push_back(std::move(**m));
  }
  return Status::Ok();
}

Status StageLoop::ProcessRecord(const Message& m, BatchTally& tally) {
  auto t0 = Clock::now();
  Outcome out;
  try {
    out = process_(m);
  } catch (const std::exception& e) {
    // A bug or resource exhaustion on one record must not become a crash
    // loop: the record is dead-lettered with the reason.
    out = Outcome::DeadLetter(ErrorCode::kInternal, std::string("processing threw: ") + e.what());
  }
  double secs = Seconds(Clock::now() - t0);
  Status st;
  if (out.kind == Outcome::Kind::kDone) {
    for (const Emit& e : out.emits) {
      st = SendEmit(*sink_, e);
      if (!st.ok()) break;
    }
    if (st.code() == ErrorCode::kTooLarge) {
      // The output can never be written (over the record size limit):
      // dead-letter the input instead. Emits queued before it are in the
      // transaction; the input's outcome is the dead letter.
      out = Outcome::DeadLetter(ErrorCode::kTooLarge, "output record too large for Kafka: " + st.message());
      st = Status::Ok();
    }
  }
  if (st.ok() && out.kind == Outcome::Kind::kDeadLetter) {
    st = dlq_->Queue(m, out.code, out.message, out.document_id, nullptr);
  } else if (out.kind == Outcome::Kind::kRetry) {
    st = Status(ErrorCode::kKafka, out.message);
  }
  TIDINGS_RETURN_IF_ERROR(st);
  tally.Add(m, out, secs);
  return Status::Ok();
}

Status StageLoop::ProcessBatch(BatchTally& tally, std::vector<TopicPartition>& next, bool* transacted) {
  *transacted = false;
  txn_begun_ = false;
  // The rewind points cover every partition of the batch, also those after
  // a record that fails.
  first_.clear();
  std::map<PartitionKey, int64_t> next_offset;
  for (const Message& m : batch_) {
    first_.try_emplace({m.topic, m.partition}, m.offset);
    next_offset[{m.topic, m.partition}] = m.offset + 1;
  }
  std::vector<Emit> ticked;
  TIDINGS_RETURN_IF_ERROR(Tick(&ticked));
  // A tick with nothing to publish and no records: no transaction at all.
  if (batch_.empty() && ticked.empty()) return Status::Ok();
  *transacted = true;
  const auto t_begin = Clock::now();
  TIDINGS_RETURN_IF_ERROR(sink_->BeginTransaction());
  txn_begun_ = true;
  for (const Emit& e : ticked) {
    Status st = SendEmit(*sink_, e);
    // No input record to dead-letter instead: the emit is left out, loudly.
    if (st.code() == ErrorCode::kTooLarge) spdlog::error("{}: tick output left out: {}", opts_.stage, st.ToString());
    else TIDINGS_RETURN_IF_ERROR(st);
  }
  if (opts_.on_batch && !batch_.empty()) {
    try {
      opts_.on_batch(batch_);
    } catch (const std::exception& e) {
      // Work ahead only: the records are processed as they would be without it.
      spdlog::warn("{}: work ahead of the batch failed: {}", opts_.stage, e.what());
    }
  }
  for (const Message& m : batch_) TIDINGS_RETURN_IF_ERROR(ProcessRecord(m, tally));
  for (const auto& [k, off] : next_offset) next.push_back({k.first, k.second, off});
  const auto t_processed = Clock::now();
  tally.process_secs = Seconds(t_processed - t_begin);
  if (!next.empty()) TIDINGS_RETURN_IF_ERROR(sink_->SendOffsets(next, kTxnTimeoutMs));
  const auto t_offsets = Clock::now();
  tally.send_offsets_secs = Seconds(t_offsets - t_processed);
  // A failed delivery inside the transaction makes the commit fail.
  TIDINGS_RETURN_IF_ERROR(sink_->CommitTransaction(kTxnTimeoutMs));
  tally.commit_secs = Seconds(Clock::now() - t_offsets);
  return Status::Ok();
}

Status StageLoop::Tick(std::vector<Emit>* emits) {
  if (!TickDue()) return Status::Ok();
  next_tick_ = Clock::now() + std::chrono::milliseconds(opts_.tick_interval_ms);
  Result<std::vector<Emit>> got = std::vector<Emit>{};
  try {
    got = opts_.on_tick();
  } catch (const std::exception& e) {
    got = Status(ErrorCode::kInternal, std::string("tick threw: ") + e.what());
  }
  if (!got.ok()) return got.status();
  *emits = std::move(*got);
  return Status::Ok();
}

void StageLoop::Committed(const BatchTally& tally, const std::vector<TopicPartition>& next) {
  probe_.Transaction("committed");
  probe_.Apply(tally);
  for (const auto& [code, n] : tally.dead_letters) dlq_->Count(code, static_cast<double>(n));
  for (const auto& note : tally.dead_letter_notes) spdlog::warn("{}", note);
  health_.Committed(next, Clock::now());
  fenced_rebuilds_ = 0;
  if (opts_.on_commit) opts_.on_commit();
  if (opts_.on_batch_committed) opts_.on_batch_committed(batch_.size());
  batch_.clear();
  backoff_ms_ = opts_.retry_backoff_min_ms;
  if (in_trouble_) {
    spdlog::info("{}: committing again after {} failed attempt(s) in {:.1f} s", opts_.stage, attempts_,
                 Seconds(Clock::now() - trouble_since_));
    in_trouble_ = false;
  }
}

// Logs the first trouble of an episode as a warning, later ones at debug:
// one line per outage, not one per retry.
void StageLoop::Trouble(const std::string& what) {
  ++attempts_;
  if (in_trouble_) {
    spdlog::debug("{}: {} (attempt {})", opts_.stage, what, attempts_);
    return;
  }
  in_trouble_ = true;
  attempts_ = 1;
  trouble_since_ = Clock::now();
  spdlog::warn("{}: {}; retrying with backoff ({} ms to {} ms) until a transaction commits", opts_.stage, what,
               opts_.retry_backoff_min_ms, opts_.retry_backoff_max_ms);
}

void StageLoop::Backoff() {
  ctx_.shutdown().WaitFor(std::chrono::milliseconds(backoff_ms_));
  backoff_ms_ = std::min(backoff_ms_ * 2, opts_.retry_backoff_max_ms);
}

// Moves the read positions of the batch's partitions back to their
// committed offsets (the batch's first offsets where those are unknown);
// false when that has to be tried again.
bool StageLoop::Rewind() {
  if (pending_rewind_.empty()) return true;
  auto committed = source_.Committed(pending_rewind_, kCommittedQueryMs);
  if (committed.ok()) {
    for (auto& p : pending_rewind_)
      for (const auto& c : *committed)
        if (c.topic == p.topic && c.partition == p.partition && c.offset >= 0) p.offset = c.offset;
  }
  if (Status st = source_.Seek(pending_rewind_, kSeekMs); !st.ok()) {
    Trouble("cannot rewind the consumer: " + st.ToString());
    return false;
  }
  pending_rewind_.clear();
  return true;
}

Status StageLoop::Recover(const Status& why) {
  probe_.Transaction("aborted");
  if (opts_.on_abort) opts_.on_abort();
  std::string what = "transaction failed (" + why.ToString() + ")";
  bool aborted = !txn_begun_;  // e.g. a tick failed before the transaction began
  if (!sink_->Fatal() && txn_begun_) {
    Status a = sink_->AbortTransaction(kTxnTimeoutMs);
    aborted = a.ok();
    // E.g. INVALID_TXN_STATE after a broker outage caught the transaction open.
    if (!aborted) what += "; cannot abort transaction (" + a.ToString() + ")";
  }
  if (sink_->Fenced()) {
    // A broker outage that catches a transaction open ends with the
    // coordinator aborting it and bumping the producer epoch: librdkafka
    // then says "fenced" though no other instance runs. After broker
    // trouble or a failed transaction since the last commit, a new producer
    // is made (a few times at most before a commit); a fence out of a clear
    // sky means another instance really took the id: stop.
    health_.Update(source_, Clock::now(), /*force=*/true);
    const bool outage = health_.broker_trouble_since_commit() || in_trouble_;
    if (!outage || ++fenced_rebuilds_ > kMaxFencedRebuilds)
      return Status(ErrorCode::kKafka, "fenced: another instance started with transactional id " +
                                           opts_.transactional_id + "; stopping (" + why.message() + ")");
    what += "; fenced after the brokers were unreachable (the coordinator ended the open transaction)";
    aborted = false;
  }
  if (!aborted) {
    // A new producer with the same transactional id fences this one and
    // aborts whatever it left open.
    sink_.reset();
    what += "; rebuilding the producer";
  }
  Trouble(what);
  for (const auto& [k, off] : first_)
    if (owned_.count(k)) pending_rewind_.push_back({k.first, k.second, off});
  batch_.clear();
  Backoff();
  return Status::Ok();
}

// Readiness while the loop itself is stuck: a Kafka call of the
// transaction (send offsets, commit, abort) may wait a minute for brokers
// that are gone, and meanwhile nothing else updates /readyz. A thread of
// its own fails the "loop" condition when the loop has not come round for
// kLoopStuckAfter, and clears it when it does.
class Watchdog {
 public:
  static constexpr std::chrono::seconds kLoopStuckAfter{15};
  Watchdog(DaemonContext& ctx, std::string stage)
      : ctx_(ctx), stage_(std::move(stage)), last_(Clock::now().time_since_epoch().count()), thread_([this] { Watch(); }) {}
  ~Watchdog() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
    ctx_.SetCondition("loop", true);
  }
  void Beat() { last_ = Clock::now().time_since_epoch().count(); }

 private:
  void Watch() {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; })) {
      const auto idle = Clock::now() - Clock::time_point(Clock::duration(last_.load()));
      const bool stuck = idle > kLoopStuckAfter;
      if (stuck != stuck_)
        ctx_.SetCondition("loop", !stuck,
                          stage_ + " loop blocked for " +
                              std::to_string(std::chrono::duration_cast<std::chrono::seconds>(idle).count()) +
                              " s (a Kafka call waiting for the brokers)");
      stuck_ = stuck;
    }
  }
  DaemonContext& ctx_;
  std::string stage_;
  std::atomic<Clock::rep> last_;
  bool stuck_ = false;
  bool stop_ = false;
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
};

Status StageLoop::Run() {
  source_.SetEvents({[this](const std::vector<TopicPartition>& p) { OnAssigned(p); },
                     [this](const std::vector<TopicPartition>& p) { OnRevoked(p); }});
  TIDINGS_RETURN_IF_ERROR(MakeSink());
  dlq_ = std::make_unique<DeadLetterWriter>(
      [this](const std::string& t, std::string_view k, std::string_view v, const std::vector<Header>& h,
             Producer::DeliveryFn) { return sink_->Send(t, k, v.data() ? v : std::string_view("", 0), h); },
      sink_->max_record_bytes(), opts_.dlq_topic, opts_.stage, ctx_.registry());
  spdlog::info("{}: consuming {} as group {} (transactional id {})", opts_.stage, fmt::join(opts_.input_topics, ","),
               ctx_.group_id(), opts_.transactional_id);

  Watchdog watchdog(ctx_, opts_.stage);
  while (!ctx_.shutdown().requested()) {
    watchdog.Beat();
    // Also while recovering: a stage that can't commit must show it.
    health_.Update(source_, Clock::now());
    if (!sink_) {
      if (Status st = MakeSink(); !st.ok()) {
        if (st.code() == ErrorCode::kConfig) return st;
        Trouble("cannot start a new producer: " + st.ToString());
        Backoff();
        continue;
      }
    }
    if (!Rewind()) {
      Backoff();
      continue;
    }
    TIDINGS_RETURN_IF_ERROR(Collect());
    health_.Update(source_, Clock::now());
    if (batch_.empty() && !TickDue()) continue;
    BatchTally tally;
    std::vector<TopicPartition> next;
    bool transacted = false;
    if (Status st = ProcessBatch(tally, next, &transacted); !st.ok()) TIDINGS_RETURN_IF_ERROR(Recover(st));
    else if (transacted) Committed(tally, next);
    else if (opts_.on_commit) opts_.on_commit();  // a tick that changed nothing
  }

  spdlog::info("{}: shutting down: closing consumer", opts_.stage);
  ctx_.SetReady(false, "shutting down");
  source_.Close();
  return sink_ ? sink_->Flush(static_cast<int>(ctx_.config().GetInt("shutdown_timeout_ms"))) : Status::Ok();
}

}  // namespace

Status RunStageWith(DaemonContext& ctx, const StageOptions& opts, const ProcessFn& process, StageSource& source,
                    const SinkFactory& make_sink) {
  StageLoop loop(ctx, opts, process, source, make_sink);
  return loop.Run();
}

KafkaOptions WithConsumerDefaults(KafkaOptions kafka, const std::map<std::string, std::string>& defaults) {
  for (const auto& [key, value] : defaults) kafka.extra.try_emplace(key, value);
  return kafka;
}

Status RunStage(DaemonContext& ctx, const StageOptions& opts, const ProcessFn& process) {
  auto source = MakeKafkaSource(WithConsumerDefaults(ctx.kafka(), opts.consumer_defaults), ctx.group_id(),
                                opts.input_topics);
  if (!source.ok()) return source.status();
  SinkFactory make_sink = MakeKafkaSinkFactory(ctx.kafka(), opts.transactional_id, **source);
  return RunStageWith(ctx, opts, process, **source, make_sink);
}

}  // namespace tidings::runtime
