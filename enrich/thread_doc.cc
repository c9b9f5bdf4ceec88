// ThreadDoc (engine.h): the summary of an enriched document that its replies read.
#include <algorithm>

#include "enrich/engine.h"
#include "enrich/stance/learned.h"
#include "enrich/state_record.h"
#include "tidings/v1/thread_state.pb.h"

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
  const int mentions = std::min(doc.entities_size(), static_cast<int>(kMaxNameMentions));
  for (int x = 0; x < mentions && t.names.size() < kMaxNames; ++x) {
    const auto& m = doc.entities(x);
    if (ThreadNames::TitleCaseName(m.text()) && !t.names.Has(m.text())) t.names.Add(m.text(), m.type(), m.name(), m.id());
  }
  t.names.Index();
  t.stances.reserve(static_cast<size_t>(doc.stances_size()));
  for (const auto& s : doc.stances()) t.stances.emplace_back(s.target(), RulesStanceLabel(s));
  return t;
}

size_t ThreadDoc::Bytes() const {
  size_t n = sizeof(ThreadDoc) + id.size() + anchor.size() + author.size() + text_head.size();
  for (const auto& p : person_names) n += sizeof(p) + p.size();
  n += names.Bytes();
  for (const auto& s : stances) n += sizeof(s) + s.first.size();
  return n;
}

namespace {
constexpr uint32_t kSummaryFormat = 1;
}  // namespace

std::string ThreadDoc::Serialize() const {
  v1::ThreadSummary s;
  s.set_format(kSummaryFormat);
  s.set_id(id);
  s.set_version(version);
  s.set_anchor(anchor);
  s.set_author(author);
  s.set_is_reply(is_reply);
  s.set_has_question(has_question);
  s.set_text_head(text_head);
  for (const auto& n : person_names) s.add_person_names(n);
  s.set_names(names.rows());
  s.set_name_keys(names.keys());
  for (const auto& [target, label] : stances) {
    auto* st = s.add_stances();
    st->set_target(target);
    st->set_label(label);
  }
  s.set_stored_ms(stored_ms);
  return s.SerializeAsString();
}

Result<ThreadDoc> ThreadDoc::Parse(std::string_view bytes) {
  auto parsed = ParseStateRecord<v1::ThreadSummary>(bytes, kSummaryFormat);
  if (!parsed.ok()) return parsed.status();
  v1::ThreadSummary& s = *parsed;
  ThreadDoc t;
  t.id = std::move(*s.mutable_id());
  t.version = s.version();
  t.anchor = std::move(*s.mutable_anchor());
  t.author = std::move(*s.mutable_author());
  t.is_reply = s.is_reply();
  t.has_question = s.has_question();
  t.text_head = std::move(*s.mutable_text_head());
  t.person_names.assign(s.person_names().begin(), s.person_names().end());
  t.names = ThreadNames::FromPacked(std::move(*s.mutable_names()), std::move(*s.mutable_name_keys()));
  t.stances.reserve(static_cast<size_t>(s.stances_size()));
  for (const auto& st : s.stances()) t.stances.emplace_back(st.target(), st.label());
  t.stored_ms = s.stored_ms();
  return t;
}

}  // namespace tidings::enrich
