#pragma once
// The JSON Lines form of Document and EnrichedDocument
// (docs/contracts/documents-jsonl.md): the protobuf JSON mapping with proto
// field names preserved, flattened so that an EnrichedDocument's document
// fields stand at the top level, and with unknown top-level fields passed
// through (Document.extra). Offsets are Unicode code points.
//
// All functions are pure and thread-safe.

#include <string>
#include <string_view>

#include "runtime/status.h"
#include "tidings/v1/dead_letter.pb.h"
#include "tidings/v1/document.pb.h"
#include "tidings/v1/enriched.pb.h"

namespace tidings::proto {

namespace v1 = ::tidings::v1;

// Parses one JSON object into a Document. Checks syntax, JSON types of the
// known fields and UTF-8; does not check required fields or limits (that is
// ingest::Validate). Errors: kInvalidJson, kWrongType, kInvalidUtf8.
// Unknown fields land in Document.extra as compact JSON text, numbers out
// of any machine range (1e999999, 400 digits) included, as written; such a
// number in a known field is kInvalidJson. An `ingest` object, if present,
// is read back into Document.ingest.
[[nodiscard]] Result<v1::Document> ParseDocumentJson(std::string_view json);

// Parses an enriched document (the output form) back; tags included.
[[nodiscard]] Result<v1::EnrichedDocument> ParseEnrichedJson(std::string_view json);

struct JsonOptions {
  // Emit debug explanations (mention `rule`, stance `cues`).
  bool debug = false;
  // Emit Document.ingest as an `ingest` object.
  bool ingest_info = true;
};

// One line of JSON, no trailing newline. Empty fields are omitted. In an
// enriched line, an unknown field named like one of the enriched form's
// (`entities`, `stances`, ...: an enriched line read back as input) gives
// way to the enricher's own.
std::string DocumentToJson(const v1::Document& doc, const JsonOptions& opts = {});
std::string EnrichedToJson(const v1::EnrichedDocument& doc, const JsonOptions& opts = {});
// The same line appended to `out` (a buffer reused across documents).
void AppendEnrichedJson(std::string& out, const v1::EnrichedDocument& doc, const JsonOptions& opts = {});
std::string DeadLetterToJson(const v1::DeadLetter& dl);

// True when `key` names a field of Document in the JSON form (`id`, `text`,
// `ingest`, ...): an unknown field can't have that name.
bool IsDocumentFieldName(std::string_view key);

// The text Document.extra keeps for `value` when it came in another form
// (a protobuf payload, code): JSON text as the JSON reader keeps it
// (compact), anything else as a JSON string. Reading a line written from the
// result gives the same text back.
std::string ExtraValueAsJson(std::string_view value);

// Appends `s` to `out` as a JSON string literal (quotes included), escaped
// by base::AppendJsonEscaped (invalid UTF-8 bytes become U+FFFD).
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace tidings::proto
