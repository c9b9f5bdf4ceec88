#pragma once
// In-memory fakes of the stage loop's seams (runtime/stage_io.h) and a
// harness that runs RunStageWith() over them, for unit tests of the loop's
// abort, rebuild, rewind, revoke and dead-letter paths without a broker.
//
// FakeCluster plays the broker: input partitions, the group's committed
// offsets, the records of committed transactions, the transactional epoch,
// and faults to inject. FakeSource plays a group member, FakeSink a
// transactional producer. One thread.

#include <chrono>
#include <climits>
#include <thread>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "runtime/config.h"
#include "runtime/daemon.h"
#include "runtime/shutdown.h"
#include "runtime/stage.h"
#include "runtime/stage_io.h"

namespace tidings::runtime::fake {

using PartitionKey = std::pair<std::string, int32_t>;

struct FakeCluster {
  std::map<PartitionKey, std::vector<Message>> input;
  std::map<PartitionKey, int64_t> committed;  // the group's next offsets
  std::vector<Emit> output;                   // records of committed transactions, in order
  int epoch = 0;                              // of the latest InitTransactions

  // Faults: each counter fails that many of the next calls.
  int abortable_commits = 0;  // CommitTransaction fails, the transaction can be aborted
  int fatal_commits = 0;      // CommitTransaction fails and the sink is fatal
  int failing_aborts = 0;     // AbortTransaction fails (INVALID_TXN_STATE)
  int failing_inits = 0;      // InitTransactions fails (broker down)
  size_t max_record_bytes = 1 << 20;          // what sinks say they accept
  size_t refuse_over_bytes = SIZE_MAX;        // what they really accept
  std::string broker_trouble;                 // what sources report

  // Counters of what happened.
  int sinks_made = 0;
  int commits = 0;
  int aborts = 0;

  void Append(const std::string& topic, int32_t partition, std::string key, std::string value) {
    auto& log = input[{topic, partition}];
    Message m;
    m.topic = topic;
    m.partition = partition;
    m.offset = static_cast<int64_t>(log.size());
    m.key = std::move(key);
    m.value = std::move(value);
    log.push_back(std::move(m));
  }
  std::vector<Emit> OutputTo(const std::string& topic) const {
    std::vector<Emit> out;
    for (const auto& e : output)
      if (e.topic == topic) out.push_back(e);
    return out;
  }
};

class FakeSource final : public StageSource {
 public:
  explicit FakeSource(FakeCluster& cluster) : cluster_(cluster) {}

  // Called at the start of each Poll with the number of the poll (from 1):
  // tests script rebalances there.
  std::function<void(FakeSource&, int)> before_poll;
  // Called when Poll finds nothing to read and every assigned partition is
  // committed to its end (e.g. to request shutdown).
  std::function<void()> on_idle;

  // Adds partitions (read from their committed offsets).
  void Assign(const std::vector<TopicPartition>& parts) {
    for (const auto& p : parts) {
      auto c = cluster_.committed.find({p.topic, p.partition});
      position_[{p.topic, p.partition}] = c == cluster_.committed.end() ? 0 : c->second;
    }
    if (events_.on_assigned) events_.on_assigned(parts);
  }
  void Revoke(const std::vector<TopicPartition>& parts) {
    if (events_.on_revoked) events_.on_revoked(parts);
    for (const auto& p : parts) position_.erase({p.topic, p.partition});
  }
  int polls() const { return polls_; }
  int seeks() const { return seeks_; }

  void SetEvents(Events events) override { events_ = std::move(events); }
  Result<std::optional<Message>> Poll(int) override {
    ++polls_;
    if (before_poll) before_poll(*this, polls_);
    for (auto& [k, pos] : position_) {
      const auto& log = cluster_.input[k];
      if (pos < static_cast<int64_t>(log.size())) return std::optional<Message>(log[pos++]);
    }
    if (on_idle && AllCommitted()) on_idle();
    std::this_thread::sleep_for(std::chrono::microseconds(200));  // as a consumer waits
    return std::optional<Message>();
  }
  std::vector<TopicPartition> Assignment() override {
    std::vector<TopicPartition> out;
    for (const auto& [k, pos] : position_) out.push_back({k.first, k.second, pos});
    return out;
  }
  Result<std::vector<TopicPartition>> Committed(const std::vector<TopicPartition>& parts, int) override {
    std::vector<TopicPartition> out;
    for (const auto& p : parts) {
      auto c = cluster_.committed.find({p.topic, p.partition});
      out.push_back({p.topic, p.partition, c == cluster_.committed.end() ? -1001 : c->second});
    }
    return out;
  }
  bool Watermarks(const TopicPartition& tp, int64_t* low, int64_t* high) override {
    *low = 0;
    *high = static_cast<int64_t>(cluster_.input[{tp.topic, tp.partition}].size());
    return true;
  }
  std::string BrokerTrouble() override { return cluster_.broker_trouble; }
  Status Seek(const std::vector<TopicPartition>& positions, int) override {
    ++seeks_;
    for (const auto& p : positions) {
      auto it = position_.find({p.topic, p.partition});
      if (it == position_.end()) return Status(ErrorCode::kKafka, "seek: partition not assigned");
      it->second = p.offset;
    }
    return Status::Ok();
  }
  void Close() override {
    std::vector<TopicPartition> all = Assignment();
    if (!all.empty()) Revoke(all);
  }

 private:
  bool AllCommitted() const {
    for (const auto& [k, pos] : position_) {
      auto c = cluster_.committed.find(k);
      int64_t end = static_cast<int64_t>(cluster_.input[k].size());
      if (end > 0 && (c == cluster_.committed.end() || c->second < end)) return false;
    }
    return true;
  }

  FakeCluster& cluster_;
  Events events_;
  std::map<PartitionKey, int64_t> position_;
  int polls_ = 0;
  int seeks_ = 0;
};

class FakeSink final : public StageSink {
 public:
  explicit FakeSink(FakeCluster& cluster) : cluster_(cluster) { ++cluster_.sinks_made; }

  Status InitTransactions(int) override {
    if (cluster_.failing_inits > 0) {
      --cluster_.failing_inits;
      return Status(ErrorCode::kKafka, "init transactions: Local: All broker connections are down");
    }
    epoch_ = ++cluster_.epoch;  // fences every older sink
    return Status::Ok();
  }
  Status BeginTransaction() override {
    TIDINGS_RETURN_IF_ERROR(Usable("begin transaction"));
    if (open_) return Status(ErrorCode::kKafka, "begin transaction: a transaction is already open");
    open_ = true;
    return Status::Ok();
  }
  Status Send(const std::string& topic, std::string_view key, std::optional<std::string_view> value,
              const std::vector<Header>& headers, int32_t partition) override {
    TIDINGS_RETURN_IF_ERROR(Usable("produce"));
    if (!open_) return Status(ErrorCode::kKafka, "produce outside a transaction");
    size_t n = key.size() + (value ? value->size() : 0);
    if (n > cluster_.max_record_bytes || n > cluster_.refuse_over_bytes)
      return Status(ErrorCode::kTooLarge, std::to_string(n) + " bytes to " + topic);
    pending_.push_back({topic, std::string(key), std::string(value.value_or("")), headers, partition, !value});
    return Status::Ok();
  }
  Status SendOffsets(const std::vector<TopicPartition>& next, int) override {
    TIDINGS_RETURN_IF_ERROR(Usable("send offsets"));
    offsets_ = next;
    return Status::Ok();
  }
  Status CommitTransaction(int) override {
    TIDINGS_RETURN_IF_ERROR(Usable("commit transaction"));
    if (epoch_ != cluster_.epoch) {
      fatal_ = fenced_ = true;
      return Status(ErrorCode::kKafka, "commit transaction: Local: This instance has been fenced");
    }
    if (cluster_.fatal_commits > 0) {
      --cluster_.fatal_commits;
      fatal_ = true;
      return Status(ErrorCode::kKafka, "commit transaction: Broker: Producer fenced by epoch bump (fatal)");
    }
    if (cluster_.abortable_commits > 0) {
      --cluster_.abortable_commits;
      return Status(ErrorCode::kKafka, "commit transaction: Broker: Request timed out (abortable)");
    }
    cluster_.output.insert(cluster_.output.end(), pending_.begin(), pending_.end());
    for (const auto& p : offsets_) cluster_.committed[{p.topic, p.partition}] = p.offset;
    ++cluster_.commits;
    Clear();
    return Status::Ok();
  }
  Status AbortTransaction(int) override {
    TIDINGS_RETURN_IF_ERROR(Usable("abort transaction"));
    if (cluster_.failing_aborts > 0) {
      --cluster_.failing_aborts;
      return Status(ErrorCode::kKafka, "abort transaction: Local: Erroneous state: INVALID_TXN_STATE");
    }
    ++cluster_.aborts;
    Clear();
    return Status::Ok();
  }
  bool Fatal() const override { return fatal_; }
  bool Fenced() const override { return fenced_; }
  size_t max_record_bytes() const override { return cluster_.max_record_bytes; }
  Status Flush(int) override { return Status::Ok(); }

  // Makes the cluster fence this sink as if another instance had started.
  void FenceNow() { cluster_.epoch += 1; }

 private:
  Status Usable(const char* what) const {
    if (fatal_) return Status(ErrorCode::kKafka, std::string(what) + ": producer is in a fatal state");
    return Status::Ok();
  }
  void Clear() {
    open_ = false;
    pending_.clear();
    offsets_.clear();
  }

  FakeCluster& cluster_;
  int epoch_ = 0;
  bool open_ = false;
  bool fatal_ = false;
  bool fenced_ = false;
  std::vector<Emit> pending_;
  std::vector<TopicPartition> offsets_;
};

// A DaemonContext with the stage options (tiny batches and backoffs unless
// `flags` say otherwise) and a sink factory over `cluster`.
class StageHarness {
 public:
  explicit StageHarness(std::vector<std::string> flags = {}) : config_(LoadConfig(std::move(flags))) {
    ctx_ = std::make_unique<DaemonContext>(config_, shutdown_);
    opts_.stage = "test";
    opts_.input_topics = {"in"};
    opts_.dlq_topic = "dlq";
    opts_.batch_max_records = 100;
    opts_.batch_max_ms = 5;
    opts_.transactional_id = "test-txn";
    opts_.retry_backoff_min_ms = 1;
    opts_.retry_backoff_max_ms = 4;
  }

  DaemonContext& ctx() { return *ctx_; }
  StageOptions& opts() { return opts_; }
  Shutdown& shutdown() { return shutdown_; }
  FakeCluster& cluster() { return cluster_; }

  // Runs the loop over a source with `parts` of topic "in" assigned, until
  // everything is committed (or 20 s have passed, a safety net).
  Status Run(const ProcessFn& process, int partitions = 1, FakeSource* source = nullptr) {
    FakeSource own(cluster_);
    FakeSource& src = source ? *source : own;
    auto user_idle = src.on_idle;
    src.on_idle = [&] {
      if (user_idle) user_idle();
      else shutdown_.Request();
    };
    auto user_poll = src.before_poll;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    src.before_poll = [&, partitions, user_poll, deadline](FakeSource& s, int n) {
      if (n == 1) {
        std::vector<TopicPartition> parts;
        for (int p = 0; p < partitions; ++p) parts.push_back({"in", p, -1001});
        s.Assign(parts);
      }
      if (user_poll) user_poll(s, n);
      if (std::chrono::steady_clock::now() > deadline) shutdown_.Request();
    };
    SinkFactory make = [this]() -> Result<std::unique_ptr<StageSink>> {
      return std::unique_ptr<StageSink>(std::make_unique<FakeSink>(cluster_));
    };
    return RunStageWith(*ctx_, opts_, process, src, make);
  }

  // The stage's series of `family` with label `label` = `value`, or -1.
  double Metric(const std::string& family, const std::string& label, const std::string& value) {
    for (const auto& f : ctx_->registry().Collect()) {
      if (f.name != family) continue;
      for (const auto& m : f.metric)
        for (const auto& l : m.label)
          if (l.name == label && l.value == value) return m.counter.value + m.gauge.value;
    }
    return -1;
  }
  // A histogram's sample count and sum: the sample labelled label=value, or
  // with label empty the family's first; {-1, -1} when there is none.
  std::pair<double, double> Histogram(const std::string& family, const std::string& label = "",
                                      const std::string& value = "") {
    for (const auto& f : ctx_->registry().Collect()) {
      if (f.name != family) continue;
      for (const auto& m : f.metric) {
        bool match = label.empty();
        for (const auto& l : m.label) match = match || (l.name == label && l.value == value);
        if (match) return {static_cast<double>(m.histogram.sample_count), m.histogram.sample_sum};
      }
    }
    return {-1, -1};
  }

 private:
  static Config LoadConfig(std::vector<std::string> flags) {
    std::vector<OptionSpec> specs = CommonOptions({"test", "stage loop under test", {}, 0});
    auto stage = StageConfigOptions();
    specs.insert(specs.end(), stage.begin(), stage.end());
    specs.push_back({"dlq_topic", OptionType::kString, "dlq", 0, -1, "dead letters"});
    flags.insert(flags.begin(), "test");
    std::vector<const char*> argv;
    for (const auto& f : flags) argv.push_back(f.c_str());
    const char* env[] = {nullptr};
    auto c = Config::Load("test", std::move(specs), static_cast<int>(argv.size()), argv.data(), env);
    if (!c.ok()) throw std::runtime_error(c.status().ToString());
    return std::move(*c);
  }

  Shutdown shutdown_;
  Config config_;
  std::unique_ptr<DaemonContext> ctx_;
  StageOptions opts_;
  FakeCluster cluster_;
};

}  // namespace tidings::runtime::fake
