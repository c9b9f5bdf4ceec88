#include "enrich/thread_cache.h"

namespace tidings::enrich {

const ThreadDoc* ThreadCache::Find(const std::string& id) { return map_.Find(id); }

bool ThreadCache::Put(const v1::EnrichedDocument& doc) {
  const std::string& id = doc.document().id();
  if (const ThreadDoc* held = map_.Find(id);
      held != nullptr && held->version > doc.document().ingest().version())
    return false;
  ThreadDoc t = ThreadDoc::Of(doc);
  const size_t cost = id.size() + t.Bytes() + 64;
  map_.Put(id, std::move(t), cost);
  return true;
}

}  // namespace tidings::enrich
