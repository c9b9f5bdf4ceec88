#include "runtime/kafka.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include <librdkafka/rdkafka.h>
#include <spdlog/spdlog.h>

#include "runtime/kafka_errors.h"

namespace tidings::runtime {
namespace {

Status KafkaError(std::string_view what, RdKafka::ErrorCode err) {
  return {ErrorCode::kKafka, std::string(what) + ": " + DescribeKafkaError(err)};
}

Status KafkaError(std::string_view what, RdKafka::Error* err) {
  Status s(ErrorCode::kKafka, std::string(what) + ": " + DescribeKafkaError(err->code(), err->str()));
  delete err;
  return s;
}

// librdkafka's error for a refused property, without the value it quotes
// ("Invalid value \"...\" for ..."): the value may be a password.
std::string PropertyError(const std::string& key, std::string err, const std::string& value) {
  for (std::string quoted = "\"" + value + "\""; !value.empty() && err.find(quoted) != std::string::npos;)
    err.replace(err.find(quoted), quoted.size(), "(not shown)");
  return "kafka property '" + key + "': " + err;
}

// Builds a librdkafka Conf; unknown or invalid properties are kConfig.
Result<std::unique_ptr<RdKafka::Conf>> MakeConf(const KafkaOptions& opts,
                                                const std::map<std::string, std::string>& defaults) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string err;
  auto set = [&](const std::string& k, const std::string& v) -> Status {
    if (conf->set(k, v, err) != RdKafka::Conf::CONF_OK) return {ErrorCode::kConfig, PropertyError(k, err, v)};
    return Status::Ok();
  };
  TIDINGS_RETURN_IF_ERROR(set("bootstrap.servers", opts.brokers));
  TIDINGS_RETURN_IF_ERROR(set("client.id", opts.client_id));
  // Fail fast on broker name resolution and reconnect reasonably.
  TIDINGS_RETURN_IF_ERROR(set("reconnect.backoff.max.ms", "2000"));
  TIDINGS_RETURN_IF_ERROR(set("log.connection.close", "false"));
  if (opts.stats_interval_ms > 0)
    TIDINGS_RETURN_IF_ERROR(set("statistics.interval.ms", std::to_string(opts.stats_interval_ms)));
  for (const auto& [k, v] : defaults) TIDINGS_RETURN_IF_ERROR(set(k, v));
  for (const auto& [k, v] : opts.extra) TIDINGS_RETURN_IF_ERROR(set(k, v));
  return conf;
}

// Logs librdkafka's events; remembers fatal errors.
class EventLogger : public RdKafka::EventCb {
 public:
  explicit EventLogger(const KafkaOptions& opts) : on_stats_(opts.on_stats) {}
  void event_cb(RdKafka::Event& e) override {
    switch (e.type()) {
      case RdKafka::Event::EVENT_ERROR:
        if (e.fatal()) {
          fatal_ = true;
          spdlog::error("kafka fatal error: {}: {}", RdKafka::err2str(e.err()), e.str());
        } else if (ClassifyKafkaError(e.err()) != KafkaErrorKind::kOther) {
          spdlog::error("kafka: {}", DescribeKafkaError(e.err(), e.str()));
        } else if (e.err() == RdKafka::ERR__ALL_BROKERS_DOWN || e.err() == RdKafka::ERR__TRANSPORT) {
          if (e.err() == RdKafka::ERR__ALL_BROKERS_DOWN) all_brokers_down_ = true;
          else ++transport_failures_;
          spdlog::warn("kafka: {}", e.str());
        } else {
          spdlog::warn("kafka error: {}: {}", RdKafka::err2str(e.err()), e.str());
        }
        break;
      case RdKafka::Event::EVENT_STATS:
        if (on_stats_) on_stats_(e.str());
        break;
      case RdKafka::Event::EVENT_LOG:
        // A failed connection is logged (facility FAIL) as it happens, while
        // the ALL_BROKERS_DOWN error may come a long time later: count it.
        if (e.fac() == "FAIL") ++transport_failures_;
        if (e.severity() <= RdKafka::Event::EVENT_SEVERITY_ERROR)
          spdlog::error("kafka {}: {}", e.fac(), e.str());
        else if (e.severity() <= RdKafka::Event::EVENT_SEVERITY_WARNING)
          spdlog::warn("kafka {}: {}", e.fac(), e.str());
        else
          spdlog::debug("kafka {}: {}", e.fac(), e.str());
        break;
      default:
        break;
    }
  }
  // "" while the brokers are thought reachable, else why not.
  std::string Trouble() const {
    if (all_brokers_down_) return "all brokers down";
    if (transport_failures_ >= kTransportFailuresForTrouble)
      return std::to_string(transport_failures_.load()) + " broker transport failure(s)";
    return "";
  }
  // Called when a broker answered.
  void BrokersAnswered() {
    all_brokers_down_ = false;
    transport_failures_ = 0;
  }

  std::atomic<bool> fatal_{false};

 private:
  // One is enough: trouble is only reported when a metadata probe fails too
  // (Consumer::BrokerTrouble), and after the first failed connection
  // librdkafka suppresses identical ones for 30 s, so a dead broker may
  // give no more than one or two within a minute.
  static constexpr int kTransportFailuresForTrouble = 1;
  std::atomic<bool> all_brokers_down_{false};
  std::atomic<int> transport_failures_{0};
  std::function<void(const std::string&)> on_stats_;
};

std::vector<TopicPartition> Convert(const std::vector<RdKafka::TopicPartition*>& parts) {
  std::vector<TopicPartition> out;
  out.reserve(parts.size());
  for (auto* p : parts) out.push_back({p->topic(), p->partition(), p->offset()});
  return out;
}

struct OwnedParts {
  std::vector<RdKafka::TopicPartition*> v;
  explicit OwnedParts(const std::vector<TopicPartition>& parts) {
    for (const auto& p : parts) v.push_back(RdKafka::TopicPartition::create(p.topic, p.partition, p.offset));
  }
  ~OwnedParts() { RdKafka::TopicPartition::destroy(v); }
};

}  // namespace

std::optional<std::string_view> Message::HeaderValue(std::string_view name) const {
  for (const auto& h : headers)
    if (h.key == name) return std::string_view(h.value);
  return std::nullopt;
}

Status CheckBrokers(const KafkaOptions& opts, int timeout_ms) {
  auto conf = MakeConf(opts, {});
  if (!conf.ok()) return conf.status();
  std::string err;
  // The probe's own connection errors are expected while the broker is
  // down; the one-line result says it all. An authentication (or TLS, ACL)
  // failure is remembered: the metadata request itself only fails with
  // "Broker transport failure".
  class Quiet : public RdKafka::EventCb {
   public:
    std::string refused;
    void event_cb(RdKafka::Event& e) override {
      spdlog::debug("kafka probe: {}", e.str());
      if (e.type() == RdKafka::Event::EVENT_ERROR && refused.empty() &&
          ClassifyKafkaError(e.err()) != KafkaErrorKind::kOther)
        refused = DescribeKafkaError(e.err(), e.str());
    }
  } quiet;
  (*conf)->set("event_cb", static_cast<RdKafka::EventCb*>(&quiet), err);
  std::unique_ptr<RdKafka::Producer> p(RdKafka::Producer::create(conf->get(), err));
  if (!p) return {ErrorCode::kConfig, "kafka client: " + err};
  RdKafka::Metadata* md = nullptr;
  RdKafka::ErrorCode rc = p->metadata(true, nullptr, &md, timeout_ms);
  std::unique_ptr<RdKafka::Metadata> owned(md);
  if (rc != RdKafka::ERR_NO_ERROR) p->poll(0);  // serves the error events to `quiet`
  if (rc != RdKafka::ERR_NO_ERROR && !quiet.refused.empty())
    return {ErrorCode::kKafka, "Kafka at " + opts.brokers + ": " + quiet.refused};
  if (rc != RdKafka::ERR_NO_ERROR)
    return {ErrorCode::kKafka, "cannot reach Kafka at " + opts.brokers + " within " +
                                   std::to_string(timeout_ms) + " ms (" + RdKafka::err2str(rc) + ")"};
  return Status::Ok();
}

std::vector<std::pair<std::string, int>> StandardTopics(const std::string& prefix) {
  return {{prefix + "tidings.raw.articles", 3},
          {prefix + "tidings.raw.comments", 3},
          {prefix + "tidings.documents", 6},
          {prefix + "tidings.enriched", 6},
          {prefix + "tidings.dlq", 1},
          {prefix + "tidings.enrich-state", 6}};
}

bool IsCompactedTopic(std::string_view name) {
  constexpr std::string_view kChangelog = "tidings.enrich-state";
  return name.size() >= kChangelog.size() && name.substr(name.size() - kChangelog.size()) == kChangelog;
}

Status CreateTopics(const KafkaOptions& opts, const std::vector<std::pair<std::string, int>>& topics,
                    int timeout_ms) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  std::map<std::string, std::string> props = opts.extra;  // the operator's last, as in MakeConf
  props.try_emplace("bootstrap.servers", opts.brokers);
  props.try_emplace("client.id", opts.client_id);
  for (const auto& [k, v] : props) {
    if (rd_kafka_conf_set(conf, k.c_str(), v.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return {ErrorCode::kConfig, PropertyError(k, err, v)};
    }
  }
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!rk) return {ErrorCode::kKafka, err};
  std::vector<rd_kafka_NewTopic_t*> nts;
  const std::string max_bytes = std::to_string(kMaxRecordBytes + 1024 * 1024);
  for (const auto& [name, parts] : topics) {
    nts.push_back(rd_kafka_NewTopic_new(name.c_str(), parts, 1, err, sizeof err));
    rd_kafka_NewTopic_set_config(nts.back(), "max.message.bytes", max_bytes.c_str());
    if (name.ends_with("tidings.enriched")) rd_kafka_NewTopic_set_config(nts.back(), "retention.ms", "-1");
    if (IsCompactedTopic(name)) rd_kafka_NewTopic_set_config(nts.back(), "cleanup.policy", "compact");
  }
  rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
  rd_kafka_AdminOptions_t* ao = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS);
  rd_kafka_AdminOptions_set_operation_timeout(ao, timeout_ms, err, sizeof err);
  rd_kafka_CreateTopics(rk, nts.data(), nts.size(), ao, q);
  Status st = Status::Ok();
  rd_kafka_event_t* ev = rd_kafka_queue_poll(q, timeout_ms + 2000);
  if (!ev) {
    st = {ErrorCode::kTimeout, "create topics: no answer from " + opts.brokers};
  } else if (rd_kafka_event_error(ev)) {
    st = {ErrorCode::kKafka, "create topics: " + DescribeKafkaError(static_cast<RdKafka::ErrorCode>(rd_kafka_event_error(ev)),
                                                                    rd_kafka_event_error_string(ev))};
  } else {
    const rd_kafka_CreateTopics_result_t* res = rd_kafka_event_CreateTopics_result(ev);
    size_t n = 0;
    const rd_kafka_topic_result_t** trs = rd_kafka_CreateTopics_result_topics(res, &n);
    for (size_t i = 0; i < n; ++i) {
      auto e = rd_kafka_topic_result_error(trs[i]);
      if (e && e != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
        st = {ErrorCode::kKafka, std::string("create topic ") + rd_kafka_topic_result_name(trs[i]) + ": " +
                                     rd_kafka_topic_result_error_string(trs[i])};
        break;
      }
    }
  }
  if (ev) rd_kafka_event_destroy(ev);
  rd_kafka_AdminOptions_destroy(ao);
  rd_kafka_queue_destroy(q);
  for (auto* t : nts) rd_kafka_NewTopic_destroy(t);
  rd_kafka_destroy(rk);
  return st;
}

namespace {
Message CopyMessage(RdKafka::Message& m) {
  Message out;
  out.topic = m.topic_name();
  out.partition = m.partition();
  out.offset = m.offset();
  if (m.key()) out.key = *m.key();
  out.value.assign(static_cast<const char*>(m.payload()), m.len());
  out.timestamp_ms = m.timestamp().timestamp;
  if (RdKafka::Headers* hs = m.headers()) {
    for (const auto& h : hs->get_all())
      out.headers.push_back({h.key(), std::string(static_cast<const char*>(h.value()), h.value_size())});
  }
  return out;
}
}  // namespace

Status ReadTopic(const KafkaOptions& opts, const std::string& topic, const std::function<bool(const Message&)>& fn,
                 int timeout_ms, bool follow, int64_t tail_per_partition, const std::vector<int32_t>& only) {
  auto conf = MakeConf(opts, {{"group.id", "tidings-reader"},
                              {"enable.auto.commit", "false"},
                              {"isolation.level", "read_committed"},
                              {"enable.partition.eof", "false"}});
  if (!conf.ok()) return conf.status();
  std::string err;
  std::unique_ptr<RdKafka::KafkaConsumer> c(RdKafka::KafkaConsumer::create(conf->get(), err));
  if (!c) return {ErrorCode::kConfig, "kafka consumer: " + err};
  std::unique_ptr<RdKafka::Topic> t(RdKafka::Topic::create(c.get(), topic, nullptr, err));
  RdKafka::Metadata* md = nullptr;
  if (auto rc = c->metadata(false, t.get(), &md, timeout_ms); rc != RdKafka::ERR_NO_ERROR)
    return KafkaError("metadata for " + topic, rc);
  std::unique_ptr<RdKafka::Metadata> owned(md);
  if (md->topics()->empty() || md->topics()->at(0)->err() != RdKafka::ERR_NO_ERROR)
    return {ErrorCode::kNotFound, "topic " + topic + " does not exist"};
  std::map<int32_t, int64_t> end;
  std::vector<TopicPartition> parts;
  const auto* mdparts = md->topics()->at(0)->partitions();
  for (int32_t want : only) {
    if (std::none_of(mdparts->begin(), mdparts->end(), [&](const auto* p) { return p->id() == want; }))
      return {ErrorCode::kNotFound, "topic " + topic + " has no partition " + std::to_string(want) + " (it has " +
                                        std::to_string(mdparts->size()) + ")"};
  }
  for (const auto* p : *mdparts) {
    if (!only.empty() && std::find(only.begin(), only.end(), p->id()) == only.end()) continue;
    int64_t lo = 0, hi = 0;
    // A topic just created may not have its leaders yet: retry until the
    // deadline on errors that pass.
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
      auto rc = c->query_watermark_offsets(topic, p->id(), &lo, &hi, std::max(1000, timeout_ms / 10));
      if (rc == RdKafka::ERR_NO_ERROR) break;
      bool transient = rc == RdKafka::ERR_NOT_LEADER_FOR_PARTITION || rc == RdKafka::ERR_LEADER_NOT_AVAILABLE ||
                       rc == RdKafka::ERR_UNKNOWN_TOPIC_OR_PART || rc == RdKafka::ERR__TIMED_OUT ||
                       rc == RdKafka::ERR__TRANSPORT;
      if (!transient || std::chrono::steady_clock::now() >= until) return KafkaError("watermarks of " + topic, rc);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (hi > lo || follow) end[p->id()] = hi;
    int64_t start = RdKafka::Topic::OFFSET_BEGINNING;
    if (tail_per_partition >= 0) start = std::max(lo, hi - tail_per_partition);
    parts.push_back({topic, p->id(), start});
  }
  OwnedParts assign(parts);
  if (auto rc = c->assign(assign.v); rc != RdKafka::ERR_NO_ERROR) return KafkaError("assign", rc);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  auto done = [&] {
    if (follow) return false;
    std::vector<RdKafka::TopicPartition*> pos;
    for (const auto& [p, hi] : end) pos.push_back(RdKafka::TopicPartition::create(topic, p));
    c->position(pos);
    bool all = true;
    for (auto* p : pos)
      if (p->offset() < end[p->partition()]) all = false;
    RdKafka::TopicPartition::destroy(pos);
    return all;
  };
  Status result = Status::Ok();
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      if (!follow) result = {ErrorCode::kTimeout, "did not reach the end of " + topic + " in time"};
      break;
    }
    std::unique_ptr<RdKafka::Message> m(c->consume(100));
    if (m->err() == RdKafka::ERR_NO_ERROR) {
      if (follow) deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
      if (!fn(CopyMessage(*m))) break;
    }
  }
  c->close();
  return result;
}

// ---- Producer ---------------------------------------------------------------

class Producer::Callbacks : public RdKafka::DeliveryReportCb {
 public:
  explicit Callbacks(const KafkaOptions& opts) : events(opts) {}
  void dr_cb(RdKafka::Message& m) override {
    auto* fn = static_cast<DeliveryFn*>(m.msg_opaque());
    if (!fn) return;
    Status st = m.err() == RdKafka::ERR_NO_ERROR ? Status::Ok() : KafkaError("delivery", m.err());
    (*fn)(st, m.partition(), m.offset());
    delete fn;
  }
  EventLogger events;
};

Result<std::unique_ptr<Producer>> Producer::Create(const KafkaOptions& opts, const std::string& transactional_id) {
  std::map<std::string, std::string> defaults = {
      {"enable.idempotence", "true"},
      {"acks", "all"},
      {"linger.ms", "5"},
      {"compression.type", "lz4"},
      {"message.timeout.ms", "60000"},
      {"queue.buffering.max.kbytes", "262144"},
      // Enriched documents of 1 MiB texts exceed the 1 MB default; topics
      // are created with max.message.bytes to match (kMaxRecordBytes).
      {"message.max.bytes", std::to_string(kMaxRecordBytes)},
  };
  if (!transactional_id.empty()) {
    defaults["transactional.id"] = transactional_id;
    // The next transaction's AddOffsetsToTxn is refused with
    // CONCURRENT_TRANSACTIONS until the coordinator has finished the last
    // one (written its markers); librdkafka retries it after
    // retry.backoff.ms, whose 100 ms default was waited out once to three
    // times per batch in every stage (docs/benchmarks.md, pipeline).
    defaults["retry.backoff.ms"] = "10";
    // An idempotent producer of librdkafka 2.0 keeps one ProduceRequest in
    // flight per partition (it compares the partition's messages in flight,
    // not its requests, with the limit of 5), and while one is in flight
    // and more records wait whose linger.ms has passed, its broker thread
    // polls its socket with a zero timeout until the answer comes: with
    // 5 ms that spin took 17% of tidings-enrich's CPU and the broker's
    // answers to many small requests a third of the broker's
    // (docs/benchmarks.md, "Enrich's CPU per document"). Waiting longer
    // costs no latency here: a record is visible only when its transaction
    // commits, and the commit sends whatever waits at once.
    defaults["linger.ms"] = "100";
  }
  auto conf = MakeConf(opts, defaults);
  if (!conf.ok()) return conf.status();
  std::unique_ptr<Producer> p(new Producer());
  p->callbacks_ = std::make_unique<Callbacks>(opts);
  std::string err;
  std::string max_bytes;
  if ((*conf)->get("message.max.bytes", max_bytes) == RdKafka::Conf::CONF_OK && !max_bytes.empty())
    p->max_record_bytes_ = static_cast<size_t>(std::stoll(max_bytes));
  (*conf)->set("dr_cb", static_cast<RdKafka::DeliveryReportCb*>(p->callbacks_.get()), err);
  (*conf)->set("event_cb", static_cast<RdKafka::EventCb*>(&p->callbacks_->events), err);
  p->producer_.reset(RdKafka::Producer::create(conf->get(), err));
  if (!p->producer_) return Status(ErrorCode::kConfig, "kafka producer: " + err);
  return p;
}

Producer::~Producer() {
  if (producer_) {
    producer_->flush(5000);
    // Undelivered records still own their callbacks: purge and serve them.
    producer_->purge(RdKafka::Producer::PURGE_QUEUE | RdKafka::Producer::PURGE_INFLIGHT);
    // Serve every purged record's report, so that no callback is leaked.
    for (int i = 0; i < 50 && producer_->outq_len() > 0; ++i) producer_->poll(100);
  }
}

Status Producer::Produce(const std::string& topic, std::string_view key, std::string_view value,
                         const std::vector<Header>& headers, DeliveryFn on_delivery, int32_t partition,
                         int queue_wait_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(queue_wait_ms);
  for (;;) {
    RdKafka::Headers* hs = RdKafka::Headers::create();
    for (const auto& h : headers) hs->add(h.key, h.value.data(), h.value.size());
    auto* fn = on_delivery ? new DeliveryFn(std::move(on_delivery)) : nullptr;
    RdKafka::ErrorCode rc = producer_->produce(
        topic, partition < 0 ? RdKafka::Topic::PARTITION_UA : partition, RdKafka::Producer::RK_MSG_COPY,
        const_cast<char*>(value.data()), value.size(), key.empty() ? nullptr : key.data(), key.size(), 0, hs, fn);
    if (rc == RdKafka::ERR_NO_ERROR) return Status::Ok();
    delete hs;  // not taken on failure
    if (fn) on_delivery = std::move(*fn);
    delete fn;
    if (rc == RdKafka::ERR_MSG_SIZE_TOO_LARGE)
      return {ErrorCode::kTooLarge, std::to_string(value.size()) + " bytes to " + topic};
    if (rc != RdKafka::ERR__QUEUE_FULL) return KafkaError("produce to " + topic, rc);
    if (std::chrono::steady_clock::now() >= deadline)
      return {ErrorCode::kTimeout, "produce to " + topic + ": local queue full"};
    producer_->poll(50);
  }
}

void Producer::Poll(int timeout_ms) { producer_->poll(timeout_ms); }

Status Producer::Flush(int timeout_ms) {
  RdKafka::ErrorCode rc = producer_->flush(timeout_ms);
  if (rc == RdKafka::ERR__TIMED_OUT)
    return {ErrorCode::kTimeout, std::to_string(producer_->outq_len()) + " records not delivered in time"};
  if (rc != RdKafka::ERR_NO_ERROR) return KafkaError("flush", rc);
  return Status::Ok();
}

int Producer::OutQueueLength() const { return producer_->outq_len(); }

Status Producer::InitTransactions(int timeout_ms) {
  if (auto* e = producer_->init_transactions(timeout_ms)) return KafkaError("init transactions", e);
  return Status::Ok();
}
Status Producer::BeginTransaction() {
  if (auto* e = producer_->begin_transaction()) return KafkaError("begin transaction", e);
  return Status::Ok();
}
Status Producer::SendOffsetsToTransaction(const std::vector<TopicPartition>& offsets,
                                          RdKafka::KafkaConsumer* consumer, int timeout_ms) {
  OwnedParts parts(offsets);
  std::unique_ptr<RdKafka::ConsumerGroupMetadata> md(consumer->groupMetadata());
  if (auto* e = producer_->send_offsets_to_transaction(parts.v, md.get(), timeout_ms))
    return KafkaError("send offsets to transaction", e);
  return Status::Ok();
}
Status Producer::CommitTransaction(int timeout_ms) {
  // A retriable error (e.g. the coordinator was slow) leaves the commit
  // going on: call again rather than abort, within the timeout.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    RdKafka::Error* e = producer_->commit_transaction(timeout_ms);
    if (!e) return Status::Ok();
    if (!e->is_retriable() || std::chrono::steady_clock::now() >= deadline) return KafkaError("commit transaction", e);
    spdlog::warn("commit transaction: {} (retrying)", e->str());
    delete e;
  }
}

bool Producer::Fatal() const {
  std::string reason;
  return producer_->fatal_error(reason) != RdKafka::ERR_NO_ERROR;
}
bool Producer::Fenced() const {
  std::string reason;
  RdKafka::ErrorCode rc = producer_->fatal_error(reason);
  return rc == RdKafka::ERR__FENCED || rc == RdKafka::ERR_PRODUCER_FENCED;
}
Status Producer::AbortTransaction(int timeout_ms) {
  if (auto* e = producer_->abort_transaction(timeout_ms)) return KafkaError("abort transaction", e);
  return Status::Ok();
}

// ---- Consumer ---------------------------------------------------------------

class Consumer::Callbacks : public RdKafka::RebalanceCb {
 public:
  Callbacks(const KafkaOptions& opts, Hooks h) : events(opts), hooks(std::move(h)) {}
  void rebalance_cb(RdKafka::KafkaConsumer* c, RdKafka::ErrorCode err,
                    std::vector<RdKafka::TopicPartition*>& parts) override {
    bool cooperative = c->rebalance_protocol() == "COOPERATIVE";
    if (err == RdKafka::ERR__ASSIGN_PARTITIONS) {
      if (hooks.start_offsets) {
        auto wanted = Convert(parts);
        hooks.start_offsets(wanted);
        for (size_t i = 0; i < parts.size(); ++i) parts[i]->set_offset(wanted[i].offset);
      }
      if (cooperative) {
        if (auto* e = c->incremental_assign(parts)) {
          spdlog::error("incremental assign: {}", e->str());
          delete e;
          events.fatal_ = true;  // the consumer's view of its partitions is unknown now
          return;
        }
      } else {
        c->assign(parts);
      }
      spdlog::info("assigned {} partition(s)", parts.size());
      if (hooks.on_assigned) hooks.on_assigned(Convert(parts));
    } else {
      if (hooks.on_revoked) hooks.on_revoked(Convert(parts));
      spdlog::info("revoked {} partition(s)", parts.size());
      if (cooperative) {
        if (auto* e = c->incremental_unassign(parts)) {
          spdlog::error("incremental unassign: {}", e->str());
          delete e;
        }
      } else {
        c->unassign();
      }
    }
  }
  EventLogger events;
  Hooks hooks;
};

Result<std::unique_ptr<Consumer>> Consumer::Create(const KafkaOptions& opts, const std::string& group_id,
                                                   const std::vector<std::string>& topics, Hooks hooks) {
  auto conf = MakeConf(opts, {
                                 {"group.id", group_id},
                                 {"enable.auto.commit", "false"},
                                 {"enable.auto.offset.store", "false"},
                                 {"auto.offset.reset", "earliest"},
                                 {"partition.assignment.strategy", "cooperative-sticky"},
                                 {"isolation.level", "read_committed"},
                                 {"session.timeout.ms", "10000"},
                                 {"heartbeat.interval.ms", "1000"},
                                 {"max.poll.interval.ms", "300000"},
                             });
  if (!conf.ok()) return conf.status();
  std::unique_ptr<Consumer> c(new Consumer());
  c->callbacks_ = std::make_unique<Callbacks>(opts, std::move(hooks));
  std::string err;
  (*conf)->set("rebalance_cb", static_cast<RdKafka::RebalanceCb*>(c->callbacks_.get()), err);
  (*conf)->set("event_cb", static_cast<RdKafka::EventCb*>(&c->callbacks_->events), err);
  c->consumer_.reset(RdKafka::KafkaConsumer::create(conf->get(), err));
  if (!c->consumer_) return Status(ErrorCode::kConfig, "kafka consumer: " + err);
  if (auto rc = c->consumer_->subscribe(topics); rc != RdKafka::ERR_NO_ERROR)
    return KafkaError("subscribe", rc);
  return c;
}

Consumer::~Consumer() { Close(); }

Result<std::optional<Message>> Consumer::Poll(int timeout_ms) {
  std::unique_ptr<RdKafka::Message> m(consumer_->consume(timeout_ms));
  switch (m->err()) {
    case RdKafka::ERR_NO_ERROR:
      // Not a sign that a broker answers: librdkafka hands out records it
      // fetched before the brokers went away.
      return std::optional<Message>(CopyMessage(*m));
    case RdKafka::ERR__TIMED_OUT:
    case RdKafka::ERR__PARTITION_EOF:
      return std::optional<Message>();
    default:
      if (Fatal()) return KafkaError("consume", m->err());
      spdlog::warn("consume: {}", m->errstr());
      return std::optional<Message>();
  }
}

Status Consumer::Commit(const std::vector<TopicPartition>& offsets, bool async) {
  if (offsets.empty()) return Status::Ok();
  OwnedParts parts(offsets);
  RdKafka::ErrorCode rc = async ? consumer_->commitAsync(parts.v) : consumer_->commitSync(parts.v);
  if (rc != RdKafka::ERR_NO_ERROR) return KafkaError("commit", rc);
  return Status::Ok();
}

std::vector<TopicPartition> Consumer::Assignment() {
  std::vector<RdKafka::TopicPartition*> parts;
  consumer_->assignment(parts);
  auto out = Convert(parts);
  RdKafka::TopicPartition::destroy(parts);
  return out;
}

std::vector<std::pair<TopicPartition, int64_t>> Consumer::Lag() {
  std::vector<RdKafka::TopicPartition*> parts;
  consumer_->assignment(parts);
  consumer_->position(parts);
  std::vector<std::pair<TopicPartition, int64_t>> out;
  for (auto* p : parts) {
    int64_t lo = 0, hi = 0;
    // Cached from fetch responses; until the first one, ask the broker.
    if (consumer_->get_watermark_offsets(p->topic(), p->partition(), &lo, &hi) != RdKafka::ERR_NO_ERROR || hi < 0) {
      if (consumer_->query_watermark_offsets(p->topic(), p->partition(), &lo, &hi, 500) != RdKafka::ERR_NO_ERROR)
        continue;
    }
    if (hi < 0) continue;
    // No position yet: nothing read, so everything retained is unread
    // (the consumers start at the earliest offset).
    int64_t pos = p->offset() >= 0 ? p->offset() : std::max<int64_t>(lo, 0);
    out.push_back({{p->topic(), p->partition(), pos}, std::max<int64_t>(0, hi - pos)});
  }
  RdKafka::TopicPartition::destroy(parts);
  return out;
}

Status Consumer::Seek(const std::vector<TopicPartition>& positions, int timeout_ms) {
  for (const auto& p : positions) {
    std::unique_ptr<RdKafka::TopicPartition> tp(RdKafka::TopicPartition::create(p.topic, p.partition, p.offset));
    if (auto rc = consumer_->seek(*tp, timeout_ms); rc != RdKafka::ERR_NO_ERROR)
      return KafkaError("seek " + p.topic + "/" + std::to_string(p.partition), rc);
  }
  return Status::Ok();
}

void Consumer::Close() {
  if (closed_ || !consumer_) return;
  closed_ = true;
  consumer_->close();
}

Result<std::vector<TopicPartition>> Consumer::Committed(const std::vector<TopicPartition>& parts, int timeout_ms) {
  if (parts.empty()) return std::vector<TopicPartition>();
  OwnedParts owned(parts);
  if (auto rc = consumer_->committed(owned.v, timeout_ms); rc != RdKafka::ERR_NO_ERROR)
    return KafkaError("committed offsets", rc);
  callbacks_->events.BrokersAnswered();
  return Convert(owned.v);
}

bool Consumer::Watermarks(const TopicPartition& tp, int64_t* low, int64_t* high, int query_timeout_ms) {
  // Cached from fetch responses; until the first one, ask the broker.
  if (consumer_->get_watermark_offsets(tp.topic, tp.partition, low, high) == RdKafka::ERR_NO_ERROR && *high >= 0)
    return true;
  if (consumer_->query_watermark_offsets(tp.topic, tp.partition, low, high, query_timeout_ms) !=
      RdKafka::ERR_NO_ERROR)
    return false;
  callbacks_->events.BrokersAnswered();
  return *high >= 0;
}

std::string Consumer::BrokerTrouble(int probe_timeout_ms) {
  std::string trouble = callbacks_->events.Trouble();
  if (trouble.empty()) return trouble;
  RdKafka::Metadata* md = nullptr;
  RdKafka::ErrorCode rc = consumer_->metadata(false, nullptr, &md, probe_timeout_ms);
  std::unique_ptr<RdKafka::Metadata> owned(md);
  if (rc != RdKafka::ERR_NO_ERROR) return trouble;
  callbacks_->events.BrokersAnswered();
  return "";
}

bool Consumer::Fatal() const { return callbacks_ && callbacks_->events.fatal_.load(); }

}  // namespace tidings::runtime

// ---- Keys and partitions, and lookups beside a consumer ----------------------

namespace tidings::runtime {

Result<KeyPartitioner> ParseKeyPartitioner(std::string_view name) {
  if (name == "consistent" || name == "consistent_random") return KeyPartitioner::kCrc32;
  if (name == "murmur2" || name == "murmur2_random") return KeyPartitioner::kMurmur2;
  if (name == "fnv1a" || name == "fnv1a_random") return KeyPartitioner::kFnv1a;
  if (name == "random")
    return Status(ErrorCode::kConfig, "partitioner 'random' places records without their key: threads can't be found");
  return Status(ErrorCode::kConfig,
                "unknown partitioner '" + std::string(name) +
                    "' (consistent_random, consistent, murmur2_random, murmur2, fnv1a_random, fnv1a)");
}

int32_t PartitionOfKey(KeyPartitioner p, std::string_view key, int32_t partitions) {
  // librdkafka's own functions: the deterministic ones read neither the
  // topic handle nor the opaques.
  switch (p) {
    case KeyPartitioner::kCrc32:
      return rd_kafka_msg_partitioner_consistent(nullptr, key.data(), key.size(), partitions, nullptr, nullptr);
    case KeyPartitioner::kMurmur2:
      return rd_kafka_msg_partitioner_murmur2(nullptr, key.data(), key.size(), partitions, nullptr, nullptr);
    case KeyPartitioner::kFnv1a:
      return rd_kafka_msg_partitioner_fnv1a(nullptr, key.data(), key.size(), partitions, nullptr, nullptr);
  }
  return 0;
}

// The admin handle's own events go to the debug log: the consumer beside it
// already reports broker trouble, once.
class AdminClient::Events : public RdKafka::EventCb {
 public:
  void event_cb(RdKafka::Event& e) override { spdlog::debug("kafka admin: {}", e.str()); }
};

Result<std::unique_ptr<AdminClient>> AdminClient::Create(const KafkaOptions& opts) {
  auto conf = MakeConf(opts, {});
  if (!conf.ok()) return conf.status();
  std::unique_ptr<AdminClient> a(new AdminClient());
  a->events_ = std::make_unique<Events>();
  std::string err;
  (*conf)->set("event_cb", static_cast<RdKafka::EventCb*>(a->events_.get()), err);
  a->handle_.reset(RdKafka::Producer::create(conf->get(), err));
  if (!a->handle_) return Status(ErrorCode::kConfig, "kafka admin client: " + err);
  return a;
}

AdminClient::~AdminClient() = default;

Result<GroupDescription> AdminClient::DescribeGroup(const std::string& group_id, int timeout_ms) {
  handle_->poll(0);  // serves (logs) the handle's queued events
  rd_kafka_t* rk = handle_->c_ptr();
  std::unique_ptr<rd_kafka_queue_t, decltype(&rd_kafka_queue_destroy)> q(rd_kafka_queue_new(rk),
                                                                        &rd_kafka_queue_destroy);
  std::unique_ptr<rd_kafka_AdminOptions_t, decltype(&rd_kafka_AdminOptions_destroy)> ao(
      rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS), &rd_kafka_AdminOptions_destroy);
  char err[256];
  rd_kafka_AdminOptions_set_request_timeout(ao.get(), timeout_ms, err, sizeof err);
  const char* groups[] = {group_id.c_str()};
  rd_kafka_DescribeConsumerGroups(rk, groups, 1, ao.get(), q.get());
  std::unique_ptr<rd_kafka_event_t, decltype(&rd_kafka_event_destroy)> ev(
      rd_kafka_queue_poll(q.get(), timeout_ms + 1000), &rd_kafka_event_destroy);
  if (!ev) return Status(ErrorCode::kTimeout, "describe group " + group_id + ": no answer");
  if (rd_kafka_event_error(ev.get())) {
    const auto code = static_cast<RdKafka::ErrorCode>(rd_kafka_event_error(ev.get()));
    return Status(ErrorCode::kKafka, "describe group " + group_id + ": " +
                                         DescribeKafkaError(code, rd_kafka_event_error_string(ev.get())));
  }
  size_t n = 0;
  const auto** gs =
      rd_kafka_DescribeConsumerGroups_result_groups(rd_kafka_event_DescribeConsumerGroups_result(ev.get()), &n);
  if (n != 1) return Status(ErrorCode::kKafka, "describe group " + group_id + ": " + std::to_string(n) + " answers");
  if (const rd_kafka_error_t* e = rd_kafka_ConsumerGroupDescription_error(gs[0]))
    return Status(ErrorCode::kKafka, "describe group " + group_id + ": " + rd_kafka_error_string(e));
  GroupDescription out;
  out.state = rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupDescription_state(gs[0]));
  for (size_t i = 0; i < rd_kafka_ConsumerGroupDescription_member_count(gs[0]); ++i) {
    const rd_kafka_MemberDescription_t* m = rd_kafka_ConsumerGroupDescription_member(gs[0], i);
    GroupMember gm;
    auto str = [](const char* s) { return s ? std::string(s) : std::string(); };
    gm.member_id = str(rd_kafka_MemberDescription_consumer_id(m));
    gm.client_id = str(rd_kafka_MemberDescription_client_id(m));
    gm.host = str(rd_kafka_MemberDescription_host(m));
    if (const rd_kafka_MemberAssignment_t* a = rd_kafka_MemberDescription_assignment(m)) {
      if (const rd_kafka_topic_partition_list_t* l = rd_kafka_MemberAssignment_partitions(a))
        for (int k = 0; k < l->cnt; ++k) gm.assignment.push_back({l->elems[k].topic, l->elems[k].partition});
    }
    out.members.push_back(std::move(gm));
  }
  return out;
}

Result<int32_t> AdminClient::PartitionCount(const std::string& topic, int timeout_ms) {
  handle_->poll(0);
  std::string err;
  std::unique_ptr<RdKafka::Topic> t(RdKafka::Topic::create(handle_.get(), topic, nullptr, err));
  if (!t) return Status(ErrorCode::kKafka, "topic " + topic + ": " + err);
  RdKafka::Metadata* md = nullptr;
  if (auto rc = handle_->metadata(false, t.get(), &md, timeout_ms); rc != RdKafka::ERR_NO_ERROR)
    return KafkaError("metadata for " + topic, rc);
  std::unique_ptr<RdKafka::Metadata> owned(md);
  if (md->topics()->empty() || md->topics()->at(0)->err() != RdKafka::ERR_NO_ERROR ||
      md->topics()->at(0)->partitions()->empty())
    return Status(ErrorCode::kNotFound, "topic " + topic + " does not exist");
  return static_cast<int32_t>(md->topics()->at(0)->partitions()->size());
}

}  // namespace tidings::runtime
