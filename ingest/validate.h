#pragma once
// Parsing and validation of one incoming document payload (JSON or
// protobuf `tidings.v1.Document`). The contract the payload must meet is
// docs/contracts/documents-jsonl.md; every way of failing it maps to one of
// the fixed ErrorCodes, with a message that names the field.
//
// All functions are pure and thread-safe.

#include <cstddef>
#include <string_view>

#include "runtime/status.h"
#include "tidings/v1/document.pb.h"

namespace tidings::ingest {

namespace v1 = ::tidings::v1;

inline constexpr std::size_t kDefaultMaxTextBytes = std::size_t{1} << 20;  // 1 MiB
inline constexpr std::size_t kDefaultMaxIdBytes = 256;

// Size limits (config keys max_text_bytes, max_id_bytes).
struct Limits {
  // Largest accepted `text`, in bytes, both as received (checked before the
  // normalisation work) and after normalisation (which may lengthen it).
  std::size_t max_text_bytes = kDefaultMaxTextBytes;
  // Largest accepted `id`, `thread_id` and `parent_id`, in bytes.
  std::size_t max_id_bytes = kDefaultMaxIdBytes;
};

enum class PayloadFormat { kJson, kProtobuf };

// The format a content-type header value names: "application/json" (and
// "text/json", "application/*+json") -> kJson; "application/x-protobuf",
// "application/protobuf", "application/vnd.google.protobuf" -> kProtobuf.
// Parameters (";charset=utf-8") and case are ignored. Returns false for an
// empty or unrecognised value.
bool FormatFromContentType(std::string_view content_type, PayloadFormat* format);

// Guesses the format of a payload without a usable content type: JSON when
// the first byte after white space (and a UTF-8 BOM) is '{' or '[', else
// protobuf. (A serialized Document never starts with those bytes: they would
// be the group wire types of fields 15 and 11.)
PayloadFormat SniffFormat(std::string_view bytes);

// Decodes `bytes` as a Document in the format `content_type` names, or the
// sniffed one. Checks syntax, JSON types and UTF-8 of every string, nothing
// else. Errors: kInvalidJson, kWrongType, kInvalidUtf8, kInvalidProtobuf.
[[nodiscard]] Result<v1::Document> ParseDocument(std::string_view bytes,
                                                 std::string_view content_type);

// Checks a decoded document against the contract and normalises its text in
// place (normalize.h). On error `doc` may be partly modified. Errors:
//   kInvalidUtf8    a string field is not UTF-8
//   kMissingField   id, kind or text missing or empty
//   kBadId          id, thread_id or parent_id longer than limits.max_id_bytes
//                   or with a control char
//   kUnknownKind    kind is neither "article" nor "comment"
//   kMissingThread  a comment without thread_id or parent_id
//   kTooLarge       text longer than limits.max_text_bytes, before or after
//                   normalisation
//   kBadTimestamp   published_at present but not RFC 3339
//   kEmptyText      nothing visible in text after normalisation (white
//                   space, control, format or zero-width characters only)
[[nodiscard]] Status ValidateDocument(v1::Document& doc, const Limits& limits);

// ParseDocument then ValidateDocument: the validated, normalised document.
[[nodiscard]] Result<v1::Document> ParseAndValidate(std::string_view bytes,
                                                    std::string_view content_type,
                                                    const Limits& limits);

// True when `s` is an RFC 3339 date-time ("2016-10-20T00:00:00Z",
// "2016-10-20T09:12:00.5+01:00"; 't'/'z' accepted in lower case), with
// field ranges checked (month, day of month incl. leap years, 23:59:60).
bool IsRfc3339(std::string_view s);

}  // namespace tidings::ingest
