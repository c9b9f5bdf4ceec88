// ThreadDoc (engine.h): the summary of an enriched document that its replies read.
#include <algorithm>

#include "enrich/engine.h"
#include "enrich/stance/learned.h"

namespace tidings::enrich {

static_assert(ThreadDoc::kTextHeadBytes >= stance::features::kMaxParentBytes,
              "the reply-stance model reads the parent's text head");

ThreadDoc ThreadDoc::Of(const v1::EnrichedDocument& doc) {
  const v1::Document& d = doc.document();
  ThreadDoc t;
  t.id = d.id();
  t.version = d.ingest().version();
  t.anchor = doc.anchor().value();
  t.author = d.author();
  t.is_reply = !d.parent_id().empty();
  t.has_question = d.text().find('?') != std::string::npos;
  t.text_head = d.text().substr(0, kTextHeadBytes);
  size_t considered = 0;
  for (const auto& m : doc.entities()) {
    if (m.type() != v1::PERSON || m.name().find(' ') == std::string::npos) continue;
    if (++considered > kMaxNameMentions) break;
    if (std::find(t.person_names.begin(), t.person_names.end(), m.name()) == t.person_names.end()) {
      t.person_names.push_back(m.name());
    }
  }
  t.stances.reserve(static_cast<size_t>(doc.stances_size()));
  for (const auto& s : doc.stances()) t.stances.emplace_back(s.target(), s.label());
  return t;
}

size_t ThreadDoc::Bytes() const {
  size_t n = sizeof(ThreadDoc) + id.size() + anchor.size() + author.size() + text_head.size();
  for (const auto& p : person_names) n += sizeof(p) + p.size();
  for (const auto& s : stances) n += sizeof(s) + s.first.size();
  return n;
}

}  // namespace tidings::enrich
