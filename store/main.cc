// tidings-store: tidings.enriched (EnrichedDocument) -> RocksDB, exactly
// once: each batch of documents is written together with the offsets it
// was read up to, and on assignment the consumer starts from the stored
// offsets. Kafka commits are made too, for lag monitoring only.
// The loop itself is store/loop.h; this file wires it to Kafka.
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <memory>

#include <spdlog/spdlog.h>

#include "runtime/daemon.h"
#include "runtime/dead_letter.h"
#include "runtime/stage.h"
#include "store/api.h"
#include "store/loop.h"
#include "store/partitions.h"
#include "store/routing.h"
#include "store/store.h"

namespace tidings::store {
namespace {

std::vector<runtime::OptionSpec> Options() {
  return {
      {"db_path", runtime::OptionType::kString, "var/store", 0, -1, "RocksDB directory (created if missing)"},
      {"input_topic", runtime::OptionType::kString, "tidings.enriched", 0, -1, "Topic of EnrichedDocument records"},
      {"dlq_topic", runtime::OptionType::kString, "tidings.dlq", 0, -1, "Dead-letter topic"},
      {"batch_max_records", runtime::OptionType::kInt, "1000", 1, 100000, "Documents per write batch at most"},
      {"batch_max_ms", runtime::OptionType::kInt, "200", 1, 60000,
       "How long a batch collects documents at most (it is written sooner once nothing more is buffered)"},
      {"api_address", runtime::OptionType::kString, "127.0.0.1", 0, -1,
       "Address of the query API and the analyst page (docs/api/openapi.yaml)"},
      {"api_port", runtime::OptionType::kInt, "9476", -1, 65535,
       "Port of the query API (0 picks a free port, -1 turns the API off)"},
      {"api_port_file", runtime::OptionType::kString, "", 0, -1,
       "If set, the bound API port is written to this file once serving"},
      {"api_token", runtime::OptionType::kString, "", 0, -1,
       "If set, every /v1 request needs 'Authorization: Bearer <token>'"},
      {"api_cors_origin", runtime::OptionType::kString, "", 0, -1,
       "If set, API answers allow this origin (CORS); off by default"},
      {"api_max_scan", runtime::OptionType::kInt, "20000", 100, 100000000,
       "Index keys one API request may scan; past it a partial page with a cursor"},
      {"api_advertised_address", runtime::OptionType::kString, "", 0, -1,
       "host:port other store instances of the group send clients to for the threads this one holds; empty: "
       "api_address (the host name when it is 0.0.0.0) and the bound api_port"},
      {"input_partitioner", runtime::OptionType::kString, "consistent_random", 0, -1,
       "librdkafka partitioner that keyed the input topic by thread id (the enricher's 'partitioner' property): "
       "consistent_random, consistent, murmur2_random, murmur2, fnv1a_random or fnv1a"},
  };
}

// How long the daemon stays up after finding corruption before it exits:
// two scrapes at Prometheus's usual 15 s.
constexpr std::chrono::seconds kCorruptionLinger{30};

// The consumer as the loop's source. The store's own offsets decide where
// each partition starts (its next offset, or the beginning of the topic for
// a partition this store never held); the group's Kafka commits (made for
// lag monitoring only) never do. With `advertised` set, the consumer's
// client id carries this instance's API address to the group
// (store/routing.h).
class KafkaSource : public RecordSource {
 public:
  Status Create(runtime::DaemonContext& ctx, const std::string& topic, const std::string& advertised, Store& store,
                PartitionTable& table) {
    runtime::Consumer::Hooks hooks;
    hooks.start_offsets = [this, &store, &table](std::vector<runtime::TopicPartition>& parts) {
      if (Status st = table.SetStartOffsets(store, parts); !st.ok()) offsets_error_ = st;
    };
    hooks.on_assigned = [this, &table](const std::vector<runtime::TopicPartition>& parts) {
      table.Assigned(parts, std::chrono::system_clock::now());
      assigned_ = true;
    };
    hooks.on_revoked = [&table](const std::vector<runtime::TopicPartition>& parts) { table.Revoked(parts); };
    runtime::KafkaOptions ko = ctx.kafka();
    if (!advertised.empty()) {
      // kafka_properties may set client.id itself: the address goes after it.
      std::string base = ko.client_id;
      if (auto it = ko.extra.find("client.id"); it != ko.extra.end()) {
        base = it->second;
        ko.extra.erase(it);
      }
      ko.client_id = AdvertisingClientId(base, advertised);
    }
    auto c = runtime::Consumer::Create(ko, ctx.group_id(), {topic}, hooks);
    if (!c.ok()) return c.status();
    consumer_ = std::move(*c);
    return Status::Ok();
  }
  Result<std::optional<runtime::Message>> Poll(int timeout_ms) override {
    auto m = consumer_->Poll(timeout_ms);
    if (!offsets_error_.ok())
      return Status(ErrorCode::kIo, "cannot read stored offsets: " + offsets_error_.message());
    return m;
  }
  void Stored(const std::vector<runtime::TopicPartition>& next) override {
    (void)consumer_->Commit(next, /*async=*/true);
  }
  runtime::Consumer& consumer() { return *consumer_; }
  bool assigned() const { return assigned_; }

 private:
  std::unique_ptr<runtime::Consumer> consumer_;
  bool assigned_ = false;
  Status offsets_error_ = Status::Ok();
};

// The dead-letter topic as the loop's sink.
class KafkaDeadLetters : public DeadLetterSink {
 public:
  KafkaDeadLetters(runtime::Producer& producer, runtime::DeadLetterWriter& writer)
      : producer_(producer), writer_(writer) {}
  Status Write(const runtime::Message& original, ErrorCode code, const std::string& why) override {
    return writer_.Write(original, code, why, "",
                         [failures = failures_](const Status& st, int32_t, int64_t) { *failures += !st.ok(); });
  }
  Status Flush() override {
    TIDINGS_RETURN_IF_ERROR(producer_.Flush(30000));
    if (failures_->exchange(0) > 0) return {ErrorCode::kKafka, "the broker did not take a dead letter"};
    return Status::Ok();
  }

 private:
  runtime::Producer& producer_;
  runtime::DeadLetterWriter& writer_;
  // Shared with the delivery reports, which may outlive this sink.
  std::shared_ptr<std::atomic<int>> failures_ = std::make_shared<std::atomic<int>>(0);
};

// How long one lookup for routing (the group, the partition count) waits;
// the API's connection deadline is 5 s.
constexpr int kRoutingLookupMs = 2000;

std::string HostName() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof buf - 1) != 0) return "localhost";
  return buf;
}

// api_advertised_address, else api_address (the host name when it listens
// on every address) and the bound port.
Result<std::string> AdvertisedApiAddress(const runtime::Config& cfg, int bound_port) {
  const std::string& a = cfg.GetString("api_advertised_address");
  if (a.empty()) {
    const std::string& host = cfg.GetString("api_address");
    return (host == "0.0.0.0" ? HostName() : host) + ":" + std::to_string(bound_port);
  }
  const size_t colon = a.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == a.size() ||
      a.find_first_not_of("0123456789", colon + 1) != std::string::npos ||
      a.find_first_of("@/ \t") != std::string::npos)
    return Status(ErrorCode::kConfig, "option 'api_advertised_address' must be host:port, got '" + a + "'");
  return a;
}

// The query API and the analyst page on api_address:api_port, beside the
// writer: each request reads its own snapshot (store/api.h). Threads of
// partitions another instance holds are routed by `router`, which learns
// the address this instance advertises once the API is bound.
Status StartApi(runtime::DaemonContext& ctx, const Store& store, const PartitionTable& table, ThreadRouter& router,
                runtime::HttpServer& api, std::string* advertised) {
  const auto& cfg = ctx.config();
  if (cfg.GetInt("api_port") < 0) return Status::Ok();
  ApiOptions ao;
  ao.token = cfg.GetString("api_token");
  ao.cors_origin = cfg.GetString("api_cors_origin");
  ao.max_scan = static_cast<size_t>(cfg.GetInt("api_max_scan"));
  ao.route = [&router](const std::string& thread_id) { return router.Route(thread_id); };
  ao.partitions = [&table, &router] { return PartitionsJson(table.topic(), router.self(), table.Snapshot()); };
  RegisterApi(api, ao, [&store] { return store.View(); });
  TIDINGS_RETURN_IF_ERROR(api.Start(cfg.GetString("api_address"), static_cast<int>(cfg.GetInt("api_port"))));
  auto addr = AdvertisedApiAddress(cfg, api.port());
  if (!addr.ok()) return addr.status();
  *advertised = *addr;
  router.SetSelf(*addr);
  spdlog::info("store: query API and analyst page on http://{}:{}/ (advertised to the group as {})",
               cfg.GetString("api_address"), api.port(), *addr);
  if (const std::string& f = cfg.GetString("api_port_file"); !f.empty()) {
    std::ofstream out(f, std::ios::trunc);
    out << api.port() << "\n";
    if (!out) return {ErrorCode::kIo, "cannot write api_port_file " + f};
  }
  return Status::Ok();
}

Status Run(runtime::DaemonContext& ctx) {
  ::umask(077);  // the store's files are the owner's only, also those RocksDB creates later
  const auto& cfg = ctx.config();
  const std::string path = cfg.GetString("db_path");
  auto partitioner = runtime::ParseKeyPartitioner(cfg.GetString("input_partitioner"));
  if (!partitioner.ok())
    return Status(ErrorCode::kConfig, "option 'input_partitioner': " + partitioner.status().message());
  if (auto a = AdvertisedApiAddress(cfg, 0); !a.ok()) return a.status();
  auto store = Store::Open(path);
  if (!store.ok()) return store.status();
  StoreProbe probe(ctx.registry());
  probe.Documents((*store)->Stats().documents);
  const std::string topic = ctx.Topic(cfg.GetString("input_topic"));
  PartitionTable table(topic);
  TIDINGS_RETURN_IF_ERROR(table.Load(**store));

  // Routing asks the group who holds a partition, on its own connections.
  std::unique_ptr<runtime::AdminClient> admin;
  if (cfg.GetInt("api_port") >= 0) {
    auto a = runtime::AdminClient::Create(ctx.kafka());
    if (!a.ok()) return a.status();
    admin = std::move(*a);
  }
  ThreadRouter::Seams seams;
  seams.describe_group = [&ctx, a = admin.get()] { return a->DescribeGroup(ctx.group_id(), kRoutingLookupMs); };
  seams.partition_count = [topic, a = admin.get()] { return a->PartitionCount(topic, kRoutingLookupMs); };
  ThreadRouter router(table, *partitioner, "", std::move(seams));
  runtime::HttpServer api(nullptr, nullptr);
  std::string advertised;
  TIDINGS_RETURN_IF_ERROR(StartApi(ctx, **store, table, router, api, &advertised));

  // The consumer joins the group once the API's address is known.
  KafkaSource source;
  TIDINGS_RETURN_IF_ERROR(source.Create(ctx, topic, advertised, **store, table));
  auto producer = runtime::Producer::Create(ctx.kafka());
  if (!producer.ok()) return producer.status();
  runtime::DeadLetterWriter writer(**producer, ctx.Topic(cfg.GetString("dlq_topic")), "store", ctx.registry());
  KafkaDeadLetters dlq(**producer, writer);
  spdlog::info("store: {} into {}", topic, path);

  runtime::LagMonitor lag(ctx);
  LoopOptions lo;
  lo.batch_max_records = static_cast<int>(cfg.GetInt("batch_max_records"));
  lo.batch_max_wait = std::chrono::milliseconds(cfg.GetInt("batch_max_ms"));
  lo.set_writable = [&ctx](bool ok, const std::string& why) { ctx.SetCondition("store_writes", ok, why); };
  lo.on_stored = [&table](const std::vector<PartitionOffset>& offsets) { table.Stored(offsets); };
  lo.after_batch = [&] {
    std::vector<std::pair<runtime::TopicPartition, int64_t>> lags;
    if (!lag.Update(source.consumer(), source.assigned(), &lags)) return;
    table.SetLags(lags);
    probe.Documents((*store)->Stats().documents);
    if (auto wal = (*store)->Wal(); wal.ok()) probe.WalBytes(wal->bytes);
  };
  StoreLoop loop(**store, source, dlq, probe, ctx.shutdown(), std::move(lo));
  if (Status st = loop.Run(); !st.ok()) {
    if (probe.Errors(ErrorKind::kCorruption) > 0) {
      // Stay up, not ready, long enough for Prometheus to scrape the
      // corruption count (TidingsStoreCorruption), then exit 1.
      ctx.SetCondition("store_writes", false, "store corrupted: " + st.message());
      spdlog::error("{}; exiting in {} s", st.message(), kCorruptionLinger.count());
      ctx.shutdown().WaitFor(kCorruptionLinger);
    }
    return st;
  }
  ctx.SetReady(false, "shutting down");
  source.consumer().Close();
  // A clean stop leaves no WAL to replay for the next open or query.
  if (Status st = (*store)->Flush(); !st.ok()) spdlog::warn("store flush at shutdown: {}", st.message());
  return (*producer)->Flush(static_cast<int>(cfg.GetInt("shutdown_timeout_ms")));
}

}  // namespace
}  // namespace tidings::store

int main(int argc, char** argv) {
  return tidings::runtime::DaemonMain(
      {"store", "persists enriched documents in RocksDB", tidings::store::Options(), 9466}, argc, argv,
      &tidings::store::Run);
}
