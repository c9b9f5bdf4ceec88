#include "ingest/validate.h"

#include <array>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "ingest/normalize.h"
#include "ingest/utf8.h"
#include "proto/json_codec.h"

namespace tidings::ingest {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// ---- protobuf pre-scan ----------------------------------------------------
// The protobuf runtime rejects invalid UTF-8 in proto3 strings with a generic
// parse failure (and a log line). To report kInvalidUtf8 with the field name,
// the wire format is walked first and every string field checked.

class WireReader {
 public:
  explicit WireReader(std::string_view b) : p_(b.data()), end_(b.data() + b.size()) {}
  bool done() const { return p_ >= end_; }
  bool Varint(std::uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ >= end_) return false;
      auto b = static_cast<unsigned char>(*p_++);
      *v |= std::uint64_t{b & 0x7Fu} << shift;
      if ((b & 0x80) == 0) return true;
    }
    return false;
  }
  bool Bytes(std::size_t n, std::string_view* out) {
    if (static_cast<std::size_t>(end_ - p_) < n) return false;
    *out = std::string_view(p_, n);
    p_ += n;
    return true;
  }
  // Skips a field of wire type `wt` (length-delimited handled by the caller).
  bool Skip(int wt) {
    std::uint64_t v;
    std::string_view s;
    switch (wt) {
      case 0: return Varint(&v);
      case 1: return Bytes(8, &s);
      case 5: return Bytes(4, &s);
      default: return false;  // groups are not used by tidings.v1
    }
  }

 private:
  const char* p_;
  const char* end_;
};

// Field names of the string fields of Document (1..11), IngestInfo (1..3)
// and a map entry (1, 2); empty where the number is not a string field.
constexpr std::array<std::string_view, 14> kDocumentStringFields = {
    "", "id", "kind", "thread_id", "parent_id", "source", "url", "title",
    "author", "published_at", "language", "text", "", ""};
constexpr std::array<std::string_view, 4> kIngestStringFields = {
    "", "ingest.received_at", "ingest.content_hash", "ingest.source_topic"};

Status BadProto(std::string_view why) {
  return {ErrorCode::kInvalidProtobuf, "payload is not a protobuf Document: " + std::string(why)};
}
Status BadUtf8(std::string_view field) {
  return {ErrorCode::kInvalidUtf8, "field '" + std::string(field) + "' is not valid UTF-8"};
}

// Walks one message; `names(n)` gives the field name of string field n or "".
// Sub-messages (map entries = 12, ingest = 13) are walked when `top` is set.
Status ScanMessage(std::string_view bytes, int kind /*0 doc, 1 ingest, 2 map entry*/) {
  WireReader r(bytes);
  while (!r.done()) {
    std::uint64_t tag;
    if (!r.Varint(&tag)) return BadProto("truncated tag");
    auto field = tag >> 3;
    int wt = static_cast<int>(tag & 7);
    if (field == 0) return BadProto("field number 0");
    if (wt != 2) {
      if (!r.Skip(wt)) return BadProto("bad wire type or truncated field " + std::to_string(field));
      continue;
    }
    std::uint64_t len;
    std::string_view payload;
    if (!r.Varint(&len) || !r.Bytes(len, &payload))
      return BadProto("truncated length-delimited field " + std::to_string(field));
    std::string_view name;
    if (kind == 0) {
      if (field < kDocumentStringFields.size()) name = kDocumentStringFields[field];
      if (field == 12) {
        Status s = ScanMessage(payload, 2);
        if (!s.ok()) return s;
      } else if (field == 13) {
        Status s = ScanMessage(payload, 1);
        if (!s.ok()) return s;
      }
    } else if (kind == 1) {
      if (field < kIngestStringFields.size()) name = kIngestStringFields[field];
    } else {
      if (field == 1) name = "extra (key)";
      if (field == 2) name = "extra (value)";
    }
    if (!name.empty() && !IsValidUtf8(payload)) return BadUtf8(name);
  }
  return Status::Ok();
}

Result<v1::Document> ParseProtobuf(std::string_view bytes) {
  Status scan = ScanMessage(bytes, 0);
  if (!scan.ok()) return scan;
  v1::Document doc;
  if (!doc.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return Result<v1::Document>(BadProto("the protobuf runtime rejected it"));
  // Document.extra holds JSON text, as when the document comes as JSON: a
  // value that isn't becomes a JSON string, so that the JSON form and the
  // content hash are the same whichever way the document came.
  for (auto& [key, value] : *doc.mutable_extra()) {
    if (proto::IsDocumentFieldName(key))
      return Result<v1::Document>(BadProto("extra field '" + key + "' has the name of a document field"));
    value = proto::ExtraValueAsJson(value);
  }
  return doc;
}

Status CheckUtf8(const v1::Document& d) {
  const std::pair<std::string_view, const std::string*> fields[] = {
      {"id", &d.id()},         {"kind", &d.kind()},     {"thread_id", &d.thread_id()},
      {"parent_id", &d.parent_id()}, {"source", &d.source()}, {"url", &d.url()},
      {"title", &d.title()},   {"author", &d.author()}, {"published_at", &d.published_at()},
      {"language", &d.language()}, {"text", &d.text()}};
  for (const auto& [name, value] : fields)
    if (!IsValidUtf8(*value)) return BadUtf8(name);
  for (const auto& [k, v] : d.extra()) {
    if (!IsValidUtf8(k)) return BadUtf8("extra (key)");
    if (!IsValidUtf8(v)) return BadUtf8(k);
  }
  return Status::Ok();
}

Status Missing(std::string_view field) {
  return {ErrorCode::kMissingField, "required field '" + std::string(field) + "' is missing or empty"};
}

bool Digits(std::string_view s, std::size_t pos, std::size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

// At most `max_bytes` of `s`, cut at a code point boundary, for messages.
std::string Excerpt(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  std::size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "...";
}

Status TextTooLarge(std::size_t bytes, const Limits& limits, std::string_view when) {
  return {ErrorCode::kTooLarge, "field 'text' is " + std::to_string(bytes) + " bytes" +
                                    std::string(when) + "; the limit is " +
                                    std::to_string(limits.max_text_bytes)};
}

// Normalises the text in place; the limit applies to what is stored, so it is
// checked after normalisation (NFC can triple the bytes).
Status NormalizeDocumentText(v1::Document& doc, const Limits& limits) {
  auto text = NormalizeText(doc.text());
  if (!text.ok()) return text.status();
  if (text.value().size() > limits.max_text_bytes)
    return TextTooLarge(text.value().size(), limits, " after normalisation");
  if (!HasVisibleCharacter(text.value()))
    return {ErrorCode::kEmptyText,
            "field 'text' has no visible character after normalisation (only white space, "
            "control or zero-width characters)"};
  *doc.mutable_text() = std::move(text).value();
  return Status::Ok();
}

}  // namespace

bool FormatFromContentType(std::string_view content_type, PayloadFormat* format) {
  std::string_view media = content_type.substr(0, content_type.find(';'));
  std::string m = Lower(Trim(media));
  if (m == "application/json" || m == "text/json" ||
      (m.starts_with("application/") && m.ends_with("+json"))) {
    *format = PayloadFormat::kJson;
    return true;
  }
  if (m == "application/x-protobuf" || m == "application/protobuf" ||
      m == "application/vnd.google.protobuf" || m == "application/x-google-protobuf") {
    *format = PayloadFormat::kProtobuf;
    return true;
  }
  return false;
}

PayloadFormat SniffFormat(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  for (char c : bytes) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    return (c == '{' || c == '[') ? PayloadFormat::kJson : PayloadFormat::kProtobuf;
  }
  return PayloadFormat::kJson;  // empty: report it as invalid JSON
}

Result<v1::Document> ParseDocument(std::string_view bytes, std::string_view content_type) {
  PayloadFormat format;
  if (!FormatFromContentType(content_type, &format)) format = SniffFormat(bytes);
  if (format == PayloadFormat::kProtobuf) return ParseProtobuf(bytes);
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  auto doc = proto::ParseDocumentJson(bytes);
  if (!doc.ok()) return doc;
  Status utf8 = CheckUtf8(doc.value());  // the codec checks the input; belt and braces
  if (!utf8.ok()) return utf8;
  return doc;
}

bool IsRfc3339(std::string_view s) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (s.size() < 20) return false;
  if (!Digits(s, 0, 4, &year) || s[4] != '-' || !Digits(s, 5, 2, &month) || s[7] != '-' ||
      !Digits(s, 8, 2, &day))
    return false;
  if (s[10] != 'T' && s[10] != 't') return false;
  if (!Digits(s, 11, 2, &hour) || s[13] != ':' || !Digits(s, 14, 2, &minute) || s[16] != ':' ||
      !Digits(s, 17, 2, &second))
    return false;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return false;
  static constexpr int kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int max_day = kDaysInMonth[month - 1] + (month == 2 && leap ? 1 : 0);
  if (day < 1 || day > max_day) return false;
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return false;
  }
  if (pos >= s.size()) return false;
  if (s[pos] == 'Z' || s[pos] == 'z') return pos + 1 == s.size();
  if (s[pos] != '+' && s[pos] != '-') return false;
  int oh = 0, om = 0;
  if (!Digits(s, pos + 1, 2, &oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
      !Digits(s, pos + 4, 2, &om))
    return false;
  return oh <= 23 && om <= 59 && pos + 6 == s.size();
}

Status ValidateDocument(v1::Document& doc, const Limits& limits) {
  Status utf8 = CheckUtf8(doc);
  if (!utf8.ok()) return utf8;

  if (doc.id().empty()) return Missing("id");
  // id, thread_id and parent_id are keys (Kafka, RocksDB, caches): bounded
  // and printable alike.
  for (auto [field, value] : {std::pair<std::string_view, const std::string*>{"id", &doc.id()},
                              {"thread_id", &doc.thread_id()},
                              {"parent_id", &doc.parent_id()}}) {
    if (value->size() > limits.max_id_bytes)
      return {ErrorCode::kBadId, "field '" + std::string(field) + "' is " + std::to_string(value->size()) +
                                     " bytes; the limit is " + std::to_string(limits.max_id_bytes)};
    if (HasControlCharacter(*value))
      return {ErrorCode::kBadId, "field '" + std::string(field) + "' contains a control character"};
  }

  if (doc.kind().empty()) return Missing("kind");
  bool comment = doc.kind() == "comment";
  if (!comment && doc.kind() != "article") {
    std::string shown = Excerpt(doc.kind(), 64);
    return {ErrorCode::kUnknownKind,
            "field 'kind' is '" + shown + "'; expected 'article' or 'comment'"};
  }

  if (doc.text().empty()) return Missing("text");
  const std::size_t raw_limit = limits.max_text_bytes > SIZE_MAX / kMaxRawTextFactor
                                    ? SIZE_MAX
                                    : limits.max_text_bytes * kMaxRawTextFactor;
  if (doc.text().size() > raw_limit)
    return TextTooLarge(doc.text().size(), limits, " before normalisation");

  if (comment) {
    if (doc.thread_id().empty())
      return {ErrorCode::kMissingThread, "comment without field 'thread_id'"};
    if (doc.parent_id().empty())
      return {ErrorCode::kMissingThread, "comment without field 'parent_id'"};
  }

  if (!doc.published_at().empty() && !IsRfc3339(doc.published_at())) {
    std::string shown = Excerpt(doc.published_at(), 64);
    return {ErrorCode::kBadTimestamp,
            "field 'published_at' is '" + shown + "', not an RFC 3339 date-time"};
  }

  return NormalizeDocumentText(doc, limits);
}

Result<v1::Document> ParseAndValidate(std::string_view bytes, std::string_view content_type,
                                      const Limits& limits) {
  auto doc = ParseDocument(bytes, content_type);
  if (!doc.ok()) return doc;
  Status s = ValidateDocument(doc.value(), limits);
  if (!s.ok()) return s;
  return doc;
}

}  // namespace tidings::ingest
