// Placeholder engine: returns the document untagged. Replaced by the real
// engine (issue 4/5).
#include "enrich/engine.h"

namespace tidings::enrich {
namespace {
class NullEngine final : public Engine {
 public:
  Result<v1::EnrichedDocument> Enrich(const v1::Document& doc, const ThreadContext&) const override {
    v1::EnrichedDocument out;
    *out.mutable_document() = doc;
    out.set_enricher_version(Version());
    return out;
  }
  std::string Version() const override { return "tidings-enrich/0.0"; }
};
}  // namespace

Result<std::unique_ptr<Engine>> Engine::Create(const EngineOptions&) {
  return std::unique_ptr<Engine>(new NullEngine());
}
}  // namespace tidings::enrich
