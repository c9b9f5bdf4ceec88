#pragma once
// Writes records that can never be processed to the dead-letter topic as
// DeadLetter protobufs, with the original bytes and the reason, and counts
// them in tidings_dlq_records_total{stage,reason}. Headers `tidings-error`
// and `tidings-stage` carry the code and stage for filtering without parsing.
//
// Thread-safe as far as the Producer is; the counter family is owned by the
// registry passed in.

#include <string>

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include "runtime/kafka.h"
#include "tidings/v1/dead_letter.pb.h"

namespace tidings::runtime {

// Originals larger than this are cut to it in the dead letter (and marked
// truncated), so that a dead letter always fits in a Kafka record.
inline constexpr size_t kMaxDeadLetterOriginalBytes = 4 * 1024 * 1024;

class DeadLetterWriter {
 public:
  DeadLetterWriter(Producer& producer, std::string topic, std::string stage, prometheus::Registry& registry);

  // Queues the dead letter for `original`; `on_delivery` reports when it is
  // durable (only then may the source offset be committed).
  [[nodiscard]] Status Write(const Message& original, ErrorCode code, const std::string& message,
                             const std::string& document_id, Producer::DeliveryFn on_delivery);

  // The DeadLetter record for `original` (exposed for tests and tools).
  v1::DeadLetter Build(const Message& original, ErrorCode code, const std::string& message,
                       const std::string& document_id) const;

  const std::string& topic() const { return topic_; }

 private:
  Producer& producer_;
  std::string topic_;
  std::string stage_;
  prometheus::Family<prometheus::Counter>& counter_;
};

// RFC 3339 UTC time with milliseconds, e.g. "2026-11-21T23:41:01.123Z".
std::string NowRfc3339();

}  // namespace tidings::runtime
