// libFuzzer target: ingest::ParseAndValidate on arbitrary bytes, as JSON, as
// protobuf and sniffed. Whatever it accepts must be a valid, normalised
// document that survives a JSON round trip; anything else must be a clean
// error with a message.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/normalize.h"
#include "ingest/utf8.h"
#include "ingest/validate.h"
#include "proto/json_codec.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

void Exercise(std::string_view bytes, std::string_view content_type) {
  using namespace tidings::ingest;
  Limits limits;
  limits.max_text_bytes = 4096;  // small, so the limit path is reached too
  auto r = ParseAndValidate(bytes, content_type, limits);
  if (!r.ok()) {
    Check(!r.status().message().empty());
    Check(IsValidUtf8(r.status().message()));
    return;
  }
  const auto& doc = r.value();
  Check(!doc.id().empty() && !doc.text().empty());
  Check(doc.kind() == "article" || doc.kind() == "comment");
  Check(IsValidUtf8(doc.text()));
  auto again = NormalizeText(doc.text());
  Check(again.ok() && again.value() == doc.text());  // normalisation is idempotent
  Check(ContentHash(doc).size() == 64);
  std::string json = tidings::proto::DocumentToJson(doc);
  auto back = ParseAndValidate(json, "application/json", limits);
  Check(back.ok());
  Check(back->text() == doc.text() && back->id() == doc.id());
  Check(ContentHash(back.value()) == ContentHash(doc));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Exercise(bytes, "application/json");
  Exercise(bytes, "application/x-protobuf");
  Exercise(bytes, "");
  return 0;
}
