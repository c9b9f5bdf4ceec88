// The built-in knowledge base: enrich/kb/*.tsv, compiled in at build time
// (tidings_embed_file in enrich/CMakeLists.txt).
#include "base/embedded.h"
#include "enrich/kb.h"

TIDINGS_DECLARE_EMBEDDED(kb_curated);
TIDINGS_DECLARE_EMBEDDED(kb_generated);
TIDINGS_DECLARE_EMBEDDED(kb_generated_lists);
TIDINGS_DECLARE_EMBEDDED(kb_geography);

namespace tidings::enrich {

const std::vector<EmbeddedFile>& EmbeddedKbFiles() {
  static const std::vector<EmbeddedFile> kFiles = {
      {"curated.tsv", TIDINGS_EMBEDDED(kb_curated)},
      {"generated.tsv", TIDINGS_EMBEDDED(kb_generated)},
      {"generated_lists.tsv", TIDINGS_EMBEDDED(kb_generated_lists)},
      {"geography.tsv", TIDINGS_EMBEDDED(kb_geography)},
  };
  return kFiles;
}

}  // namespace tidings::enrich
