#pragma once
// Status and Result<T>: the return type of everything that can fail at run
// time (I/O, parsing, Kafka). Exceptions are for start-up (bad config) and
// programmer errors only.

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace tidings {

// The fixed set of error codes. Their names (ErrorCodeName) are used as
// metric labels and dead-letter headers, so they never change once released.
enum class ErrorCode {
  kOk = 0,
  // Record-level: the record can never succeed (dead-letter).
  kInvalidJson,      // not JSON, or not a JSON object
  kWrongType,        // a field has the wrong JSON type
  kMissingField,     // id, kind or text missing
  kUnknownKind,      // kind is neither article nor comment
  kMissingThread,    // comment without thread_id or parent_id
  kInvalidUtf8,      // a string is not valid UTF-8
  kTooLarge,         // text over the configured limit
  kEmptyText,        // text empty after normalisation
  kBadTimestamp,     // published_at is not RFC 3339
  kBadId,            // id too long or with control characters
  kInvalidProtobuf,  // payload claims protobuf but does not parse
  kEnrichFailed,     // the enricher could not process the document
  // Operational.
  kIo,           // file or socket I/O
  kKafka,        // broker or client error
  kTimeout,      // a bounded wait ran out
  kConfig,       // bad configuration
  kNotFound,     // a looked-up thing is absent
  kInternal,     // a bug
};

// snake_case name of the code, e.g. "invalid_json".
constexpr std::string_view ErrorCodeName(ErrorCode c) {
  switch (c) {
    case ErrorCode::kOk: return "ok";
    case ErrorCode::kInvalidJson: return "invalid_json";
    case ErrorCode::kWrongType: return "wrong_type";
    case ErrorCode::kMissingField: return "missing_field";
    case ErrorCode::kUnknownKind: return "unknown_kind";
    case ErrorCode::kMissingThread: return "missing_thread";
    case ErrorCode::kInvalidUtf8: return "invalid_utf8";
    case ErrorCode::kTooLarge: return "too_large";
    case ErrorCode::kEmptyText: return "empty_text";
    case ErrorCode::kBadTimestamp: return "bad_timestamp";
    case ErrorCode::kBadId: return "bad_id";
    case ErrorCode::kInvalidProtobuf: return "invalid_protobuf";
    case ErrorCode::kEnrichFailed: return "enrich_failed";
    case ErrorCode::kIo: return "io";
    case ErrorCode::kKafka: return "kafka";
    case ErrorCode::kTimeout: return "timeout";
    case ErrorCode::kConfig: return "config";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status Ok() { return {}; }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid_json: expected ':' at byte 12"
  std::string ToString() const {
    return ok() ? std::string("ok") : std::string(ErrorCodeName(code_)) + ": " + message_;
  }

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}                // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) { assert(!std::get<Status>(v_).ok()); }  // NOLINT
  Result(ErrorCode code, std::string message) : v_(Status(code, std::move(message))) {}

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace tidings

// Returns the Status of `expr` from the enclosing function when it is not OK.
#define TIDINGS_RETURN_IF_ERROR(expr)                 \
  do {                                                \
    ::tidings::Status _tidings_st = (expr);           \
    if (!_tidings_st.ok()) return _tidings_st;        \
  } while (0)
