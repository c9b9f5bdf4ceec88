// libFuzzer target: ingest::SplitDump on arbitrary bytes. Every document it
// returns must have a unique id, valid normalised text, comments must hang
// under an existing document, and each must pass validation as JSON.

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "ingest/normalize.h"
#include "ingest/splitter.h"
#include "ingest/utf8.h"
#include "ingest/validate.h"
#include "proto/json_codec.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tidings::ingest;
  std::string_view dump(reinterpret_cast<const char*>(data), size);
  SplitOptions opts;
  opts.id_prefix = "fz";
  auto docs = SplitDump(dump, opts);
  std::set<std::string> ids;
  for (const auto& d : docs) {
    Check(ids.insert(d.id()).second);
    Check(!d.text().empty() && IsValidUtf8(d.text()));
    Check(IsValidUtf8(d.title()) && IsValidUtf8(d.author()));
    auto again = NormalizeText(d.text());
    Check(again.ok() && again.value() == d.text());
    if (d.kind() == "comment") Check(ids.count(d.parent_id()) == 1 || d.parent_id() == d.thread_id());
    if (!d.published_at().empty()) Check(IsRfc3339(d.published_at()));
    auto back = ParseAndValidate(tidings::proto::DocumentToJson(d), "application/json", {});
    Check(back.ok());
  }
  return 0;
}
