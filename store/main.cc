// tidings-store: tidings.enriched (EnrichedDocument) -> RocksDB, exactly
// once: each batch of documents is written together with the offsets it
// was read up to, and on assignment the consumer starts from the stored
// offsets. Kafka commits are made too, for lag monitoring only.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <spdlog/spdlog.h>

#include "runtime/daemon.h"
#include "runtime/dead_letter.h"
#include "runtime/stage.h"
#include "store/store.h"

namespace tidings::store {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<runtime::OptionSpec> Options() {
  return {
      {"db_path", runtime::OptionType::kString, "var/store", 0, -1, "RocksDB directory (created if missing)"},
      {"input_topic", runtime::OptionType::kString, "tidings.enriched", 0, -1, "Topic of EnrichedDocument records"},
      {"dlq_topic", runtime::OptionType::kString, "tidings.dlq", 0, -1, "Dead-letter topic"},
      {"batch_max_records", runtime::OptionType::kInt, "1000", 1, 100000, "Documents per write batch at most"},
      {"batch_max_ms", runtime::OptionType::kInt, "200", 1, 60000, "How long a batch collects documents at most"},
  };
}

// Metrics of the store stage.
class StoreProbe {
 public:
  explicit StoreProbe(prometheus::Registry& r)
      : records_(prometheus::BuildCounter().Name("tidings_store_records_total").Help("Records by outcome").Register(r)),
        batch_(prometheus::BuildHistogram()
                   .Name("tidings_store_write_batch_seconds")
                   .Help("RocksDB write batch time")
                   .Register(r)
                   .Add({}, prometheus::Histogram::BucketBoundaries{1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1})),
        documents_(prometheus::BuildGauge()
                       .Name("tidings_store_documents")
                       .Help("Documents in the store (estimate)")
                       .Register(r)
                       .Add({})) {}
  void Record(const std::string& outcome, size_t n = 1) {
    records_.Add({{"outcome", outcome}}).Increment(static_cast<double>(n));
  }
  void Batch(double s) { batch_.Observe(s); }
  void Documents(uint64_t n) { documents_.Set(static_cast<double>(n)); }

 private:
  prometheus::Family<prometheus::Counter>& records_;
  prometheus::Histogram& batch_;
  prometheus::Gauge& documents_;
};

Status Run(runtime::DaemonContext& ctx) {
  const auto& cfg = ctx.config();
  const std::string path = cfg.GetString("db_path");
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  auto store = Store::Open(path);
  if (!store.ok()) return store.status();
  StoreProbe probe(ctx.registry());
  probe.Documents((*store)->Stats().documents);

  bool assigned = false;
  Status offsets_error = Status::Ok();
  runtime::Consumer::Hooks hooks;
  // The store's own offsets decide where to start; the group's Kafka
  // commits (made for lag monitoring only) never do.
  hooks.start_offsets = [&](std::vector<runtime::TopicPartition>& parts) {
    for (auto& p : parts) {
      auto off = (*store)->NextOffset(p.topic, p.partition);
      if (!off.ok()) {
        offsets_error = off.status();
        continue;
      }
      p.offset = off->has_value() ? **off : -2;  // RdKafka::Topic::OFFSET_BEGINNING
    }
  };
  hooks.on_assigned = [&](const std::vector<runtime::TopicPartition>&) { assigned = true; };
  auto consumer = runtime::Consumer::Create(ctx.kafka(), ctx.group_id(), {ctx.Topic(cfg.GetString("input_topic"))},
                                            hooks);
  if (!consumer.ok()) return consumer.status();
  std::atomic<int> dlq_failures{0};  // outlives the producer's delivery reports
  auto count_dlq_failures = [&dlq_failures](const Status& st, int32_t, int64_t) { dlq_failures += !st.ok(); };
  auto producer = runtime::Producer::Create(ctx.kafka());
  if (!producer.ok()) return producer.status();
  runtime::DeadLetterWriter dlq(**producer, ctx.Topic(cfg.GetString("dlq_topic")), "store", ctx.registry());
  spdlog::info("store: {} into {}", ctx.Topic(cfg.GetString("input_topic")), path);

  const int max_records = static_cast<int>(cfg.GetInt("batch_max_records"));
  const auto max_wait = std::chrono::milliseconds(cfg.GetInt("batch_max_ms"));
  runtime::LagMonitor lag(ctx);
  while (!ctx.shutdown().requested()) {
    std::vector<v1::EnrichedDocument> docs;
    std::map<std::pair<std::string, int32_t>, int64_t> next;
    int dead = 0;
    auto until = Clock::now() + max_wait;
    while (static_cast<int>(docs.size()) < max_records && Clock::now() < until && !ctx.shutdown().requested()) {
      auto m = (*consumer)->Poll(50);
      if (!m.ok()) return m.status();
      if (!offsets_error.ok()) return Status(ErrorCode::kIo, "cannot read stored offsets: " + offsets_error.message());
      if (!m->has_value()) continue;
      const runtime::Message& msg = **m;
      next[{msg.topic, msg.partition}] = msg.offset + 1;
      v1::EnrichedDocument d;
      if (!d.ParseFromString(msg.value) || d.document().id().empty()) {
        // Dead letters must be durable before their offset is stored.
        TIDINGS_RETURN_IF_ERROR(dlq.Write(msg, ErrorCode::kInvalidProtobuf,
                                          "value is not a tidings.v1.EnrichedDocument with an id", "",
                                          count_dlq_failures));
        ++dead;
        continue;
      }
      docs.push_back(std::move(d));
    }
    if (dead > 0) {
      TIDINGS_RETURN_IF_ERROR((*producer)->Flush(30000));
      if (dlq_failures.exchange(0) > 0)
        // Not stored, not committed: a restart reads these records again.
        return Status(ErrorCode::kKafka, "a dead letter could not be written; stopping before storing its offset");
      probe.Record("dead_letter", static_cast<size_t>(dead));
    }
    if (!next.empty()) {
      std::vector<PartitionOffset> offsets;
      std::vector<runtime::TopicPartition> commit;
      for (const auto& [k, off] : next) {
        offsets.push_back({k.first, k.second, off});
        commit.push_back({k.first, k.second, off});
      }
      auto t0 = Clock::now();
      for (int attempt = 0;; ++attempt) {
        Status st = (*store)->WriteBatch(docs, offsets);
        if (st.ok()) break;
        // Disk full and the like: transient; keep the batch and retry.
        spdlog::error("store write failed (attempt {}): {}", attempt + 1, st.ToString());
        if (ctx.shutdown().WaitFor(std::chrono::milliseconds(std::min(10000, 200 << std::min(attempt, 6)))))
          return Status(ErrorCode::kIo, "stopped while the store could not be written: " + st.message());
      }
      probe.Batch(std::chrono::duration<double>(Clock::now() - t0).count());
      probe.Record("stored", docs.size());
      (void)(*consumer)->Commit(commit, /*async=*/true);
    }
    if (lag.Update(**consumer, assigned)) probe.Documents((*store)->Stats().documents);
  }
  ctx.SetReady(false, "shutting down");
  (*consumer)->Close();
  return (*producer)->Flush(static_cast<int>(cfg.GetInt("shutdown_timeout_ms")));
}

}  // namespace
}  // namespace tidings::store

int main(int argc, char** argv) {
  return tidings::runtime::DaemonMain(
      {"store", "persists enriched documents in RocksDB", tidings::store::Options(), 9466}, argc, argv,
      &tidings::store::Run);
}
