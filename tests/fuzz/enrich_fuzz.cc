// libFuzzer target over the whole enrichment engine: the input bytes are the
// document text (and, when they hold a '\x01', a published_at before it).
// Checks that Enrich() never crashes, that invalid UTF-8 is refused, and that
// every mention's offsets are inside the text and agree with its `text`.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "enrich/engine.h"
#include "enrich/text.h"

namespace te = tidings::enrich;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::unique_ptr<te::Engine> engine = [] {
    auto r = te::Engine::Create({});
    if (!r.ok()) std::abort();
    return std::move(r).value();
  }();
  std::string in(reinterpret_cast<const char*>(data), size);
  tidings::v1::Document doc;
  doc.set_id("fuzz");
  doc.set_kind(size % 2 ? "article" : "comment");
  size_t sep = in.find('\x01');
  if (sep != std::string::npos && sep < 40) {
    doc.set_published_at(in.substr(0, sep));
    in.erase(0, sep + 1);
  }
  doc.set_text(in);
  auto r = engine->Enrich(doc);
  if (!r.ok()) {
    if (te::IsValidUtf8(in)) std::abort();  // valid text must always enrich
    return 0;
  }
  te::CodePointIndex cps(in);
  auto check = [&](uint32_t b, uint32_t e, const std::string& text) {
    if (b >= e || e > cps.size()) std::abort();
    size_t bb = cps.ToByte(b), eb = cps.ToByte(e);
    if (in.compare(bb, eb - bb, text) != 0) std::abort();
  };
  for (const auto& m : r->entities()) check(m.begin(), m.end(), m.text());
  for (const auto& m : r->dates()) check(m.begin(), m.end(), m.text());
  return 0;
}
