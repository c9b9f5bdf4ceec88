#pragma once
// Writes records that can never be processed to the dead-letter topic as
// DeadLetter protobufs, with the original bytes and the reason, and counts
// them in tidings_dlq_records_total{stage,reason}. Headers `tidings-error`
// and `tidings-stage` carry the code and stage for filtering without parsing.
//
// A dead letter is bounded so that it always fits in one Kafka record of the
// producer's size limit, whatever the record it is about: the key is cut to
// kMaxDeadLetterKeyBytes, the message and document id to their limits, and
// the original to what is left (at most kMaxDeadLetterOriginalBytes). Each
// cut is flagged in the record with the full size. Should the broker still
// refuse it as too large, a minimal dead letter (coordinates, code, sizes)
// is written instead, so that a record never blocks its partition.
//
// Thread-safe as far as the Producer is; the counter family is owned by the
// registry passed in.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include "runtime/kafka.h"
#include "tidings/v1/dead_letter.pb.h"

namespace tidings::runtime {

// Originals larger than this are cut to it in the dead letter (and marked
// truncated), also when the record limit would allow more.
inline constexpr size_t kMaxDeadLetterOriginalBytes = 4 * 1024 * 1024;
// Keys longer than this are cut to it, both the dead letter's Kafka key and
// its `original_key` (original_key_truncated, original_key_size).
inline constexpr size_t kMaxDeadLetterKeyBytes = 1024;
// Longest `message` and `document_id` kept (cut at a UTF-8 boundary).
inline constexpr size_t kMaxDeadLetterMessageBytes = 4096;
inline constexpr size_t kMaxDeadLetterIdBytes = 1024;
// Room left in the record limit for Kafka's framing and the headers.
inline constexpr size_t kDeadLetterOverheadBytes = 16 * 1024;

// What a dead letter is about: the reason and where the record came from.
struct DeadLetterReason {
  std::string_view stage;
  ErrorCode code = ErrorCode::kInternal;
  std::string_view message;
  std::string_view document_id;
};

// The bounded DeadLetter record for `original`: its serialized size plus
// DeadLetterKey(original) plus kDeadLetterOverheadBytes is at most
// `max_record_bytes` (which must exceed about 24 KiB). Code, stage, message
// (cut), coordinates and sizes are always kept; the original is cut to fit.
v1::DeadLetter BuildDeadLetter(const Message& original, const DeadLetterReason& reason,
                               size_t max_record_bytes = kMaxRecordBytes);

// The fallback dead letter: no original bytes and no key, message and
// document id cut to 256 bytes, `minimal` set; coordinates, code and sizes.
v1::DeadLetter BuildMinimalDeadLetter(const Message& original, const DeadLetterReason& reason);

// The Kafka key of the dead letter of `original`: its key, cut to
// kMaxDeadLetterKeyBytes.
std::string_view DeadLetterKey(const Message& original);

// `s` cut to at most `max_bytes` at a UTF-8 character boundary (the result
// of cutting valid UTF-8 stays valid).
std::string_view CutUtf8(std::string_view s, size_t max_bytes);

class DeadLetterWriter {
 public:
  // Queues one record: (topic, key, value, headers, on_delivery); kTooLarge
  // when it can never be written.
  using ProduceFn = std::function<Status(const std::string& topic, std::string_view key, std::string_view value,
                                         const std::vector<Header>& headers, Producer::DeliveryFn on_delivery)>;

  // Dead letters are bounded by the producer's record limit
  // (Producer::max_record_bytes()).
  DeadLetterWriter(Producer& producer, std::string topic, std::string stage, prometheus::Registry& registry);
  // Writes through `produce`, bounded by `max_record_bytes` (the stage loop's
  // transactional sink, which is replaced after fatal errors).
  DeadLetterWriter(ProduceFn produce, size_t max_record_bytes, std::string topic, std::string stage,
                   prometheus::Registry& registry);

  // Queues the dead letter for `original` (the minimal one if the full one
  // is refused as too large) and counts it; `on_delivery` reports when it is
  // durable (only then may the source offset be committed).
  [[nodiscard]] Status Write(const Message& original, ErrorCode code, const std::string& message,
                             const std::string& document_id, Producer::DeliveryFn on_delivery);
  // Like Write() but not counted: inside a transaction, the caller counts
  // with Count() once the transaction has committed.
  [[nodiscard]] Status Queue(const Message& original, ErrorCode code, const std::string& message,
                             const std::string& document_id, Producer::DeliveryFn on_delivery);
  // Adds `n` to tidings_dlq_records_total{stage, reason=code}.
  void Count(ErrorCode code, double n = 1);

  // The DeadLetter record for `original` (exposed for tests and tools).
  v1::DeadLetter Build(const Message& original, ErrorCode code, const std::string& message,
                       const std::string& document_id) const;

  const std::string& topic() const { return topic_; }

 private:
  ProduceFn produce_;
  std::string topic_;
  std::string stage_;
  size_t max_record_bytes_;
  prometheus::Family<prometheus::Counter>& counter_;
};

// RFC 3339 UTC time with milliseconds, e.g. "2026-11-21T23:41:01.123Z".
std::string NowRfc3339();

}  // namespace tidings::runtime
