// Placeholder until the stance engine lands: tags nothing.
#include "enrich/stance/stance.h"

namespace tidings::enrich {
namespace {
class NoStance final : public StanceTagger {
 public:
  void Tag(const ThreadContext&, v1::EnrichedDocument*) const override {}
};
}  // namespace

Result<std::unique_ptr<StanceTagger>> StanceTagger::Create(const std::string&, bool) {
  return std::unique_ptr<StanceTagger>(new NoStance());
}
}  // namespace tidings::enrich
