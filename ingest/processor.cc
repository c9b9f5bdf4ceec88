#include "ingest/processor.h"

#include <cctype>

#include "ingest/normalize.h"

namespace tidings::ingest {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

}  // namespace

std::string_view OutcomeLabel(const Outcome& outcome) {
  if (const auto* p = std::get_if<Publish>(&outcome)) return p->update ? "updated" : "published";
  if (std::holds_alternative<Duplicate>(outcome)) return "duplicate";
  return "dead_letter";
}

std::string_view HeaderValue(const Record& record, std::string_view name) {
  for (const auto& h : record.headers)
    if (EqualsIgnoreCase(h.key, name)) return h.value;
  return {};
}

Processor::Processor(Limits limits, DedupStore& dedup, const Clock& clock)
    : limits_(limits), dedup_(dedup), clock_(clock) {}

Outcome Processor::Process(const Record& record) {
  auto received_at = clock_.Now();
  auto parsed = ParseDocument(record.value, HeaderValue(record, kContentTypeHeader));
  if (!parsed.ok()) return DeadLetter{parsed.status().code(), parsed.status().message(), ""};
  v1::Document doc = std::move(parsed).value();
  Status valid = ValidateDocument(doc, limits_);
  if (!valid.ok()) {
    // Only quote the id when it is itself acceptable.
    std::string id = valid.code() == ErrorCode::kBadId || valid.code() == ErrorCode::kInvalidUtf8
                         ? ""
                         : doc.id();
    return DeadLetter{valid.code(), valid.message(), std::move(id)};
  }

  std::string hash = ContentHash(doc);
  std::uint32_t version = 1;
  bool update = false;
  if (auto seen = dedup_.Lookup(doc.id())) {
    bool replay = seen->source_topic == record.topic &&
                  seen->source_partition == record.partition &&
                  seen->source_offset == record.offset;
    if (replay) {
      version = seen->version;
      update = version > 1;
    } else if (seen->content_hash == hash) {
      return Duplicate{doc.id(), seen->version};
    } else {
      version = seen->version + 1;
      update = true;
    }
  }
  dedup_.Put(doc.id(), DedupEntry{hash, version, record.topic, record.partition, record.offset});

  auto* ingest = doc.mutable_ingest();
  ingest->set_received_at(FormatRfc3339(received_at));
  ingest->set_content_hash(hash);
  ingest->set_source_topic(record.topic);
  ingest->set_source_partition(record.partition);
  ingest->set_source_offset(record.offset);
  ingest->set_version(version);

  std::string key = doc.kind() == "comment" ? doc.thread_id() : doc.id();
  return Publish{std::move(doc), std::move(key), update};
}

}  // namespace tidings::ingest
