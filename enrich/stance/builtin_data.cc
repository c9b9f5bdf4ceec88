// The built-in stance data: enrich/stance/data/*, compiled in at build time
// (tidings_embed_file in enrich/CMakeLists.txt).
#include "base/embedded.h"
#include "enrich/stance/stance_lexicon.h"

TIDINGS_DECLARE_EMBEDDED(stance_targets);
TIDINGS_DECLARE_EMBEDDED(stance_cues);
TIDINGS_DECLARE_EMBEDDED(stance_sentiment);

namespace tidings::enrich::stance {

std::string_view DefaultTargetsText() { return TIDINGS_EMBEDDED(stance_targets); }
std::string_view DefaultCuesText() { return TIDINGS_EMBEDDED(stance_cues); }
std::string_view DefaultSentimentText() { return TIDINGS_EMBEDDED(stance_sentiment); }

}  // namespace tidings::enrich::stance
