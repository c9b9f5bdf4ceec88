#include "enrich/thread_cache.h"

namespace tidings::enrich {

const v1::EnrichedDocument* ThreadCache::Find(const std::string& id) { return map_.Find(id); }

bool ThreadCache::Put(const v1::EnrichedDocument& doc) {
  const std::string& id = doc.document().id();
  if (const v1::EnrichedDocument* held = map_.Find(id);
      held != nullptr && held->document().ingest().version() > doc.document().ingest().version())
    return false;
  v1::EnrichedDocument copy = doc;
  copy.mutable_document()->clear_extra();
  const size_t cost = id.size() + copy.ByteSizeLong() + 128;
  map_.Put(id, std::move(copy), cost);
  return true;
}

}  // namespace tidings::enrich
