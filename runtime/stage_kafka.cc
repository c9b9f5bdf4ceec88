// The Kafka side of the stage loop's seams (runtime/stage_io.h): a Consumer
// as the source, transactional Producers as the sink.
#include <spdlog/spdlog.h>

#include "runtime/stage_io.h"

namespace tidings::runtime {
namespace {

constexpr int kWatermarkQueryMs = 500;
constexpr int kBrokerProbeMs = 500;

class KafkaSource final : public StageSource {
 public:
  // Events are forwarded to whatever SetEvents() installed last.
  static Result<std::unique_ptr<KafkaSource>> Create(const KafkaOptions& kafka, const std::string& group_id,
                                                     const std::vector<std::string>& topics) {
    std::unique_ptr<KafkaSource> s(new KafkaSource());
    Consumer::Hooks hooks;
    KafkaSource* self = s.get();
    hooks.on_assigned = [self](const std::vector<TopicPartition>& p) {
      if (self->events_.on_assigned) self->events_.on_assigned(p);
    };
    hooks.on_revoked = [self](const std::vector<TopicPartition>& p) {
      if (self->events_.on_revoked) self->events_.on_revoked(p);
    };
    auto c = Consumer::Create(kafka, group_id, topics, std::move(hooks));
    if (!c.ok()) return c.status();
    s->consumer_ = std::move(*c);
    return s;
  }

  void SetEvents(Events events) override { events_ = std::move(events); }
  Result<std::optional<Message>> Poll(int timeout_ms) override { return consumer_->Poll(timeout_ms); }
  std::vector<TopicPartition> Assignment() override { return consumer_->Assignment(); }
  Result<std::vector<TopicPartition>> Committed(const std::vector<TopicPartition>& parts, int timeout_ms) override {
    return consumer_->Committed(parts, timeout_ms);
  }
  bool Watermarks(const TopicPartition& tp, int64_t* low, int64_t* high) override {
    return consumer_->Watermarks(tp, low, high, kWatermarkQueryMs);
  }
  std::string BrokerTrouble() override { return consumer_->BrokerTrouble(kBrokerProbeMs); }
  Status Seek(const std::vector<TopicPartition>& positions, int timeout_ms) override {
    return consumer_->Seek(positions, timeout_ms);
  }
  void Close() override { consumer_->Close(); }

  RdKafka::KafkaConsumer* raw() { return consumer_->raw(); }

 private:
  KafkaSource() = default;
  Events events_;
  std::unique_ptr<Consumer> consumer_;
};

// Delivery reports may run until the producer is destroyed, so they touch
// nothing with a shorter life. A failed delivery inside a transaction also
// fails its commit; the log line says which record.
void LogFailedDelivery(const Status& st, int32_t, int64_t) {
  if (!st.ok()) spdlog::warn("delivery failed: {}", st.ToString());
}

class KafkaSink final : public StageSink {
 public:
  KafkaSink(std::unique_ptr<Producer> producer, RdKafka::KafkaConsumer* consumer)
      : producer_(std::move(producer)), consumer_(consumer) {}

  Status InitTransactions(int timeout_ms) override { return producer_->InitTransactions(timeout_ms); }
  Status BeginTransaction() override { return producer_->BeginTransaction(); }
  Status Send(const std::string& topic, std::string_view key, std::optional<std::string_view> value,
              const std::vector<Header>& headers, int32_t partition) override {
    // A null payload is a tombstone; an empty value must stay a value.
    std::string_view v = value ? (value->data() ? *value : std::string_view("", 0)) : std::string_view();
    return producer_->Produce(topic, key, v, headers, &LogFailedDelivery, partition);
  }
  Status SendOffsets(const std::vector<TopicPartition>& next, int timeout_ms) override {
    return producer_->SendOffsetsToTransaction(next, consumer_, timeout_ms);
  }
  Status CommitTransaction(int timeout_ms) override { return producer_->CommitTransaction(timeout_ms); }
  Status AbortTransaction(int timeout_ms) override { return producer_->AbortTransaction(timeout_ms); }
  bool Fatal() const override { return producer_->Fatal(); }
  bool Fenced() const override { return producer_->Fenced(); }
  size_t max_record_bytes() const override { return producer_->max_record_bytes(); }
  Status Flush(int timeout_ms) override { return producer_->Flush(timeout_ms); }

 private:
  std::unique_ptr<Producer> producer_;
  RdKafka::KafkaConsumer* consumer_;
};

}  // namespace

Result<std::unique_ptr<StageSource>> MakeKafkaSource(const KafkaOptions& kafka, const std::string& group_id,
                                                     const std::vector<std::string>& topics) {
  auto s = KafkaSource::Create(kafka, group_id, topics);
  if (!s.ok()) return s.status();
  return std::unique_ptr<StageSource>(std::move(*s));
}

SinkFactory MakeKafkaSinkFactory(const KafkaOptions& kafka, std::string transactional_id, StageSource& source) {
  RdKafka::KafkaConsumer* consumer = static_cast<KafkaSource&>(source).raw();
  return [kafka, id = std::move(transactional_id), consumer]() -> Result<std::unique_ptr<StageSink>> {
    auto p = Producer::Create(kafka, id);
    if (!p.ok()) return p.status();
    return std::unique_ptr<StageSink>(std::make_unique<KafkaSink>(std::move(*p), consumer));
  };
}

}  // namespace tidings::runtime
