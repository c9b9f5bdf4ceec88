#include "runtime/stage.h"

#include <unistd.h>

#include <chrono>
#include <map>
#include <set>

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

std::string HostName() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof buf - 1) != 0) return "localhost";
  return buf;
}

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
                      .Add({})) {}

  void Record(const std::string& outcome, double seconds, size_t bytes) {
    records_.Add({{"outcome", outcome}}).Increment();
    duration_.Observe(seconds);
    in_bytes_.Increment(static_cast<double>(bytes));
  }
  void Transaction(const std::string& result) { transactions_.Add({{"result", result}}).Increment(); }

 private:
  prometheus::Family<prometheus::Counter>& records_;
  prometheus::Histogram& duration_;
  prometheus::Family<prometheus::Counter>& transactions_;
  prometheus::Counter& in_bytes_;
};

}  // namespace

LagMonitor::LagMonitor(DaemonContext& ctx)
    : ctx_(ctx),
      lag_(prometheus::BuildGauge()
               .Name("tidings_consumer_lag_records")
               .Help("High watermark minus consumer position")
               .Register(ctx.registry())),
      ready_max_lag_(ctx.config().GetInt("ready_max_lag")) {}

bool LagMonitor::Update(Consumer& consumer, bool assigned) {
  if (Clock::now() - last_ < kLagInterval) return false;
  last_ = Clock::now();
  int64_t total = 0;
  auto lags = consumer.Lag();
  for (const auto& [tp, lag] : lags) {
    lag_.Add({{"topic", tp.topic}, {"partition", std::to_string(tp.partition)}}).Set(static_cast<double>(lag));
    total += lag;
  }
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
               std::chrono::duration<double>(Clock::now() - t0).count());
  return n;
}

std::vector<OptionSpec> StageConfigOptions() {
  return {
      {"batch_max_records", OptionType::kInt, "5000", 1, 1000000,
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

Status RunStage(DaemonContext& ctx, const StageOptions& opts, const ProcessFn& process) {
  StageProbe probe(ctx.registry(), opts.stage);
  bool assigned = false;
  std::set<TopicPartition> owned;
  std::vector<Message> batch;

  Consumer::Hooks hooks;
  hooks.on_assigned = [&](const std::vector<TopicPartition>& parts) {
    assigned = true;
    for (const auto& p : parts) owned.insert(p);
  };
  hooks.on_revoked = [&](const std::vector<TopicPartition>& parts) {
    // Records of revoked partitions not yet in a transaction go to the new
    // owner; drop them here.
    std::set<std::pair<std::string, int32_t>> gone;
    for (const auto& p : parts) {
      gone.insert({p.topic, p.partition});
      owned.erase(p);
    }
    std::erase_if(batch, [&](const Message& m) { return gone.count({m.topic, m.partition}) > 0; });
  };

  // Delivery reports may run until the producer is destroyed: what they
  // touch lives longer than the producer.
  auto on_delivery = [](const Status& st, int32_t, int64_t) {
    if (!st.ok()) spdlog::warn("delivery failed: {}", st.ToString());
  };
  auto consumer = Consumer::Create(ctx.kafka(), ctx.group_id(), opts.input_topics, hooks);
  if (!consumer.ok()) return consumer.status();
  auto producer = Producer::Create(ctx.kafka(), opts.transactional_id);
  if (!producer.ok()) return producer.status();
  Producer& prod = **producer;
  Consumer& cons = **consumer;
  TIDINGS_RETURN_IF_ERROR(prod.InitTransactions(static_cast<int>(ctx.config().GetInt("startup_timeout_ms"))));
  DeadLetterWriter dlq(prod, opts.dlq_topic, opts.stage, ctx.registry());
  spdlog::info("{}: consuming {} as group {} (transactional id {})", opts.stage,
               fmt::join(opts.input_topics, ","), ctx.group_id(), opts.transactional_id);

  LagMonitor lag(ctx);

  int backoff_ms = 100;
  while (!ctx.shutdown().requested()) {
    // 1. Collect a batch.
    auto until = Clock::now() + std::chrono::milliseconds(opts.batch_max_ms);
    int64_t batch_bytes = 0;
    while (static_cast<int>(batch.size()) < opts.batch_max_records && batch_bytes < opts.batch_max_bytes &&
           !ctx.shutdown().requested()) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
      if (left <= 0) break;
      auto m = cons.Poll(static_cast<int>(std::min<int64_t>(left, 100)));
      if (!m.ok()) return m.status();
      if (m->has_value()) {
        batch_bytes += static_cast<int64_t>((*m)->value.size() + (*m)->key.size());
        batch.push_back(std::move(**m));
      }
    }
    lag.Update(cons, assigned);
    if (batch.empty()) continue;

    // 2. Process it inside one transaction. The rewind points cover every
    // partition of the batch, also those after a record that fails.
    std::map<std::pair<std::string, int32_t>, int64_t> next;   // partition -> next offset
    std::map<std::pair<std::string, int32_t>, int64_t> first;  // partition -> first offset
    for (const Message& m : batch) {
      first.try_emplace({m.topic, m.partition}, m.offset);
      next[{m.topic, m.partition}] = m.offset + 1;
    }
    TIDINGS_RETURN_IF_ERROR(prod.BeginTransaction());
    std::string retry_reason;
    for (const Message& m : batch) {
      auto t0 = Clock::now();
      Outcome out;
      try {
        out = process(m);
      } catch (const std::exception& e) {
        // A bug or resource exhaustion on one record must not become a crash
        // loop: the record is dead-lettered with the reason.
        out = Outcome::DeadLetter(ErrorCode::kInternal, std::string("processing threw: ") + e.what());
      }
      double secs = std::chrono::duration<double>(Clock::now() - t0).count();
      Status st;
      if (out.kind == Outcome::Kind::kDone) {
        for (const Emit& e : out.emits) {
          st = prod.Produce(e.topic, e.key, e.value, e.headers, on_delivery);
          if (!st.ok()) break;
        }
        if (st.code() == ErrorCode::kTooLarge) {
          // The output can never be written (over the record size limit):
          // dead-letter the input instead.
          out = Outcome::DeadLetter(ErrorCode::kTooLarge, "output record too large for Kafka: " + st.message());
          st = Status::Ok();
        }
      }
      if (st.ok() && out.kind == Outcome::Kind::kDeadLetter) {
        spdlog::warn("dead letter {}/{}@{}: {}: {}", m.topic, m.partition, m.offset, ErrorCodeName(out.code),
                     out.message);
        st = dlq.Write(m, out.code, out.message, out.document_id, on_delivery);
      } else if (out.kind == Outcome::Kind::kRetry) {
        st = Status(ErrorCode::kKafka, out.message);
      }
      if (!st.ok()) {
        retry_reason = st.ToString();
        break;
      }
      probe.Record(out.label, secs, m.value.size());
    }

    Status st = Status::Ok();
    if (retry_reason.empty()) {
      std::vector<TopicPartition> offsets;
      for (const auto& [k, off] : next) offsets.push_back({k.first, k.second, off});
      st = prod.SendOffsetsToTransaction(offsets, cons.raw(), kTxnTimeoutMs);
      // A failed delivery inside the transaction makes the commit fail.
      if (st.ok()) st = prod.CommitTransaction(kTxnTimeoutMs);
    } else {
      st = Status(ErrorCode::kKafka, retry_reason);
    }

    if (st.ok()) {
      probe.Transaction("committed");
      if (opts.on_batch_committed) opts.on_batch_committed(batch.size());
      batch.clear();
      backoff_ms = 100;
      continue;
    }
    if (prod.Fatal()) return Status(ErrorCode::kKafka, "producer failed fatally: " + st.message());

    // 3. Abort and go back to the batch's first offsets; try again later.
    probe.Transaction("aborted");
    spdlog::warn("{}: transaction aborted ({}); retrying in {} ms", opts.stage, st.ToString(), backoff_ms);
    if (Status a = prod.AbortTransaction(kTxnTimeoutMs); !a.ok()) {
      return Status(ErrorCode::kKafka, "cannot abort transaction: " + a.message());
    }
    std::vector<TopicPartition> rewind;
    for (const auto& [k, off] : first)
      if (owned.count({k.first, k.second, 0})) rewind.push_back({k.first, k.second, off});
    batch.clear();
    TIDINGS_RETURN_IF_ERROR(cons.Seek(rewind, 10000));
    ctx.shutdown().WaitFor(std::chrono::milliseconds(backoff_ms));
    backoff_ms = std::min(backoff_ms * 2, 10000);
  }

  spdlog::info("{}: shutting down: closing consumer", opts.stage);
  ctx.SetReady(false, "shutting down");
  cons.Close();
  return prod.Flush(static_cast<int>(ctx.config().GetInt("shutdown_timeout_ms")));
}

}  // namespace tidings::runtime
