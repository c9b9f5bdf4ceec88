#pragma once
// The per-record core of tidings-ingest, free of Kafka: one consumed record
// in, one outcome out. The daemon (ingest/main.cc) feeds it records from the
// consumer and acts on the outcome:
//
//   Publish     produce `doc` (serialized) to the documents topic with `key`
//   Duplicate   nothing to produce; count it
//   DeadLetter  produce a dead letter (runtime/dead_letter.h) to the DLQ
//
// and commits the record's offset in the same transaction (runtime/stage.h).
// A record never yields "retry": every failure here is a property of the
// record itself. Retrying (broker down) is the caller's business; processing
// the same record again is safe (the dedup store recognises the replay).

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/time.h"
#include "ingest/dedup.h"
#include "ingest/validate.h"
#include "runtime/status.h"
#include "tidings/v1/dead_letter.pb.h"
#include "tidings/v1/document.pb.h"

namespace tidings::ingest {

namespace v1 = ::tidings::v1;

// Name of the record header that says how the value is encoded
// ("application/json" or "application/x-protobuf"); matched case-insensitively.
inline constexpr std::string_view kContentTypeHeader = "content-type";

struct RecordHeader {
  std::string key;
  std::string value;
};

// One consumed record, copied out of the Kafka client's message.
struct Record {
  std::string topic;
  std::int32_t partition = 0;
  std::int64_t offset = 0;
  std::string key;
  std::string value;
  std::vector<RecordHeader> headers;
};

// Outcome: publish the validated, normalised document under `key` (the
// thread id: an article's own id, a comment's thread_id). `doc.ingest` is
// filled in. `update` is true when this id was seen before with other
// content (doc.ingest.version > 1 then).
struct Publish {
  v1::Document doc;
  std::string key;
  bool update = false;
};

// Outcome: the same id with the same content again; nothing to produce.
struct Duplicate {
  std::string id;
  std::uint32_t version = 0;  // the version already published
};

// Outcome: the record can never succeed. `document_id` is set when the
// payload could be decoded far enough to read one.
struct DeadLetter {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string document_id;
};

using Outcome = std::variant<Publish, Duplicate, DeadLetter>;

// Low-cardinality label for metrics: "published", "updated", "duplicate",
// "dead_letter".
std::string_view OutcomeLabel(const Outcome& outcome);

// Source of "now"; a fake one makes tests deterministic. Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::now();
  }
};

// RFC 3339 UTC with milliseconds: "2016-10-20T09:12:00.123Z" (base/time.h).
using base::FormatRfc3339;

// The value of header `name` (case-insensitive), or "" when absent.
std::string_view HeaderValue(const Record& record, std::string_view name);

// Turns records into outcomes. Holds references to the dedup store and the
// clock, which must outlive it. Not thread-safe (the dedup store is not):
// one Processor per consumer thread, or a lock around Process().
class Processor {
 public:
  Processor(Limits limits, DedupStore& dedup, const Clock& clock);

  // Decodes (by the content-type header, else by sniffing), validates and
  // normalises the record's value, fills Document.ingest (received_at,
  // content_hash, source topic/partition/offset, version) and consults the
  // dedup store, which it updates for Publish outcomes. Inside a
  // transaction that may abort, give it a DedupOverlay, so that the replay
  // of an aborted batch gets the versions the batch got the first time.
  Outcome Process(const Record& record);

  const Limits& limits() const { return limits_; }

 private:
  Limits limits_;
  DedupStore& dedup_;
  const Clock& clock_;
};

}  // namespace tidings::ingest
