#include "runtime/dead_letter.h"

#include <chrono>
#include <ctime>

namespace tidings::runtime {

std::string NowRfc3339() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(ms % 1000));
  return buf;
}

DeadLetterWriter::DeadLetterWriter(Producer& producer, std::string topic, std::string stage,
                                   prometheus::Registry& registry)
    : producer_(producer),
      topic_(std::move(topic)),
      stage_(std::move(stage)),
      counter_(prometheus::BuildCounter()
                   .Name("tidings_dlq_records_total")
                   .Help("Records sent to the dead-letter topic, by stage and reason")
                   .Register(registry)) {}

v1::DeadLetter DeadLetterWriter::Build(const Message& original, ErrorCode code, const std::string& message,
                                       const std::string& document_id) const {
  v1::DeadLetter dl;
  dl.set_original_size(original.value.size());
  if (original.value.size() > kMaxDeadLetterOriginalBytes) {
    dl.set_original(original.value.substr(0, kMaxDeadLetterOriginalBytes));
    dl.set_original_truncated(true);
  } else {
    dl.set_original(original.value);
  }
  dl.set_original_key(original.key);
  dl.set_stage(stage_);
  dl.set_error_code(std::string(ErrorCodeName(code)));
  dl.set_message(message);
  dl.set_source_topic(original.topic);
  dl.set_source_partition(original.partition);
  dl.set_source_offset(original.offset);
  dl.set_time(NowRfc3339());
  dl.set_document_id(document_id);
  return dl;
}

Status DeadLetterWriter::Write(const Message& original, ErrorCode code, const std::string& message,
                               const std::string& document_id, Producer::DeliveryFn on_delivery) {
  std::string bytes = Build(original, code, message, document_id).SerializeAsString();
  std::string reason(ErrorCodeName(code));
  TIDINGS_RETURN_IF_ERROR(producer_.Produce(topic_, original.key, bytes,
                                            {{"tidings-error", reason},
                                             {"tidings-stage", stage_},
                                             {"content-type", "application/x-protobuf"}},
                                            std::move(on_delivery)));
  counter_.Add({{"stage", stage_}, {"reason", reason}}).Increment();
  return Status::Ok();
}

}  // namespace tidings::runtime
