#include "runtime/dead_letter.h"

#include <algorithm>
#include <chrono>

#include <spdlog/spdlog.h>

#include "base/time.h"

namespace tidings::runtime {
namespace {

constexpr size_t kMinimalTextBytes = 256;
// Tag and length of a bytes field of up to 4 GiB: 1 + 5 bytes.
constexpr size_t kFieldFramingBytes = 6;

// Everything but the original: reason, coordinates, sizes, cut key.
v1::DeadLetter BuildFrame(const Message& original, const DeadLetterReason& reason, size_t text_bytes) {
  v1::DeadLetter dl;
  dl.set_stage(std::string(CutUtf8(reason.stage, kMinimalTextBytes)));
  dl.set_error_code(std::string(ErrorCodeName(reason.code)));
  dl.set_message(std::string(CutUtf8(reason.message, text_bytes)));
  dl.set_document_id(std::string(CutUtf8(reason.document_id, std::min(text_bytes, kMaxDeadLetterIdBytes))));
  dl.set_source_topic(original.topic);
  dl.set_source_partition(original.partition);
  dl.set_source_offset(original.offset);
  dl.set_time(NowRfc3339());
  dl.set_original_size(original.value.size());
  dl.set_original_key_size(original.key.size());
  dl.set_original_key_truncated(original.key.size() > kMaxDeadLetterKeyBytes);
  return dl;
}

}  // namespace

std::string NowRfc3339() { return base::FormatRfc3339(std::chrono::system_clock::now()); }

std::string_view CutUtf8(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

std::string_view DeadLetterKey(const Message& original) {
  return std::string_view(original.key).substr(0, kMaxDeadLetterKeyBytes);
}

v1::DeadLetter BuildDeadLetter(const Message& original, const DeadLetterReason& reason, size_t max_record_bytes) {
  v1::DeadLetter dl = BuildFrame(original, reason, kMaxDeadLetterMessageBytes);
  std::string_view key = DeadLetterKey(original);
  dl.set_original_key(std::string(key));
  // What the record limit leaves for the original: the Kafka key and this
  // value (framing, headers: kDeadLetterOverheadBytes) must fit.
  size_t used = kDeadLetterOverheadBytes + key.size() + dl.ByteSizeLong() + kFieldFramingBytes;
  size_t room = max_record_bytes > used ? max_record_bytes - used : 0;
  size_t keep = std::min({original.value.size(), kMaxDeadLetterOriginalBytes, room});
  dl.set_original(original.value.substr(0, keep));
  dl.set_original_truncated(keep < original.value.size());
  return dl;
}

v1::DeadLetter BuildMinimalDeadLetter(const Message& original, const DeadLetterReason& reason) {
  v1::DeadLetter dl = BuildFrame(original, reason, kMinimalTextBytes);
  dl.set_original_truncated(!original.value.empty());
  dl.set_original_key_truncated(!original.key.empty());
  dl.set_minimal(true);
  return dl;
}

DeadLetterWriter::DeadLetterWriter(Producer& producer, std::string topic, std::string stage,
                                   prometheus::Registry& registry)
    : DeadLetterWriter(
          [&producer](const std::string& t, std::string_view k, std::string_view v, const std::vector<Header>& h,
                      Producer::DeliveryFn d) { return producer.Produce(t, k, v, h, std::move(d)); },
          producer.max_record_bytes(), std::move(topic), std::move(stage), registry) {}

DeadLetterWriter::DeadLetterWriter(ProduceFn produce, size_t max_record_bytes, std::string topic, std::string stage,
                                   prometheus::Registry& registry)
    : produce_(std::move(produce)),
      topic_(std::move(topic)),
      stage_(std::move(stage)),
      max_record_bytes_(max_record_bytes),
      counter_(prometheus::BuildCounter()
                   .Name("tidings_dlq_records_total")
                   .Help("Records sent to the dead-letter topic, by stage and reason")
                   .Register(registry)) {}

v1::DeadLetter DeadLetterWriter::Build(const Message& original, ErrorCode code, const std::string& message,
                                       const std::string& document_id) const {
  return BuildDeadLetter(original, {stage_, code, message, document_id}, max_record_bytes_);
}

Status DeadLetterWriter::Write(const Message& original, ErrorCode code, const std::string& message,
                               const std::string& document_id, Producer::DeliveryFn on_delivery) {
  TIDINGS_RETURN_IF_ERROR(Queue(original, code, message, document_id, std::move(on_delivery)));
  Count(code);
  return Status::Ok();
}

void DeadLetterWriter::Count(ErrorCode code, double n) {
  counter_.Add({{"stage", stage_}, {"reason", std::string(ErrorCodeName(code))}}).Increment(n);
}

Status DeadLetterWriter::Queue(const Message& original, ErrorCode code, const std::string& message,
                               const std::string& document_id, Producer::DeliveryFn on_delivery) {
  std::string reason(ErrorCodeName(code));
  std::vector<Header> headers = {{"tidings-error", reason},
                                 {"tidings-stage", stage_},
                                 {"content-type", "application/x-protobuf"}};
  std::string bytes = Build(original, code, message, document_id).SerializeAsString();
  Status st = produce_(topic_, DeadLetterKey(original), bytes, headers, on_delivery);
  if (st.code() == ErrorCode::kTooLarge) {
    // Refused although bounded (a smaller limit than we were told): write
    // the record's coordinates and sizes so that the partition moves on.
    spdlog::warn("dead letter of {}/{}@{} is too large ({} bytes); writing a minimal one", original.topic,
                 original.partition, original.offset, bytes.size());
    headers.push_back({"tidings-dlq-minimal", "true"});
    bytes = BuildMinimalDeadLetter(original, {stage_, code, message, document_id}).SerializeAsString();
    st = produce_(topic_, std::string_view(), bytes, headers, std::move(on_delivery));
  }
  return st;
}

}  // namespace tidings::runtime
