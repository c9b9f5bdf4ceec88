// tidings-ingest: tidings.raw.articles + tidings.raw.comments (JSON or
// protobuf Document) -> tidings.documents (validated, normalised Document,
// keyed by thread id), exactly once. Rejected records go to tidings.dlq.
// This file only wires Kafka (runtime::RunStage) to ingest::Processor.
#include <spdlog/spdlog.h>

#include "ingest/processor.h"
#include "runtime/daemon.h"
#include "runtime/stage.h"

namespace tidings::ingest {
namespace {

std::vector<runtime::OptionSpec> Options() {
  auto opts = runtime::StageConfigOptions();
  opts.insert(opts.end(), {
      {"article_topic", runtime::OptionType::kString, "tidings.raw.articles", 0, -1, "Topic of raw articles"},
      {"comment_topic", runtime::OptionType::kString, "tidings.raw.comments", 0, -1, "Topic of raw comments"},
      {"output_topic", runtime::OptionType::kString, "tidings.documents", 0, -1, "Topic of validated Documents"},
      {"dlq_topic", runtime::OptionType::kString, "tidings.dlq", 0, -1, "Dead-letter topic"},
      {"max_text_bytes", runtime::OptionType::kInt, std::to_string(kDefaultMaxTextBytes), 1, 1 << 30,
       "Longest accepted text in bytes (after normalisation); longer is dead-lettered as too_large"},
      {"max_id_bytes", runtime::OptionType::kInt, std::to_string(kDefaultMaxIdBytes), 1, 65536,
       "Longest accepted id, thread_id and parent_id in bytes"},
      {"dedup_capacity", runtime::OptionType::kInt, std::to_string(kDefaultDedupCapacity), 0, 1'000'000'000,
       "Document ids remembered for duplicate and update detection"},
      {"dedup_restore", runtime::OptionType::kBool, "true", 0, -1,
       "At start-up, rebuild the dedup memory from the tail of the output topic, so that duplicates and "
       "versions are recognised across restarts"},
  });
  return opts;
}

Status Run(runtime::DaemonContext& ctx) {
  const auto& cfg = ctx.config();
  Limits limits;
  limits.max_text_bytes = static_cast<size_t>(cfg.GetInt("max_text_bytes"));
  limits.max_id_bytes = static_cast<size_t>(cfg.GetInt("max_id_bytes"));
  LruDedupStore dedup(static_cast<size_t>(cfg.GetInt("dedup_capacity")));
  // The processor decides versions from the dedup memory: it writes into a
  // per-transaction overlay, merged on commit and dropped on abort.
  DedupOverlay batch_dedup(dedup);
  SystemClock clock;
  Processor processor(limits, batch_dedup, clock);
  const std::string out_topic = ctx.Topic(cfg.GetString("output_topic"));
  if (cfg.GetBool("dedup_restore") && cfg.GetInt("dedup_capacity") > 0) {
    // The documents topic is the dedup memory's changelog: what was published
    // under each id, with its hash and version.
    auto restored = runtime::RestoreFromTopic(ctx, out_topic, cfg.GetInt("dedup_capacity"), "dedup memory",
                                              [&](const runtime::Message& m) {
                                                v1::Document d;
                                                if (!d.ParseFromString(m.value) || d.id().empty()) return;
                                                const auto& in = d.ingest();
                                                dedup.Put(d.id(), {in.content_hash(), in.version(), in.source_topic(),
                                                                   in.source_partition(), in.source_offset()});
                                              });
    if (!restored.ok()) return restored.status();
  }
  auto opts = runtime::StageOptionsFromConfig(ctx, "ingest",
                                              {cfg.GetString("article_topic"), cfg.GetString("comment_topic")});
  opts.on_commit = [&] { batch_dedup.Commit(); };
  opts.on_abort = [&] { batch_dedup.Abort(); };

  return runtime::RunStage(ctx, opts, [&](const runtime::Message& m) {
    Record rec{m.topic, m.partition, m.offset, m.key, m.value, {}};
    for (const auto& h : m.headers) rec.headers.push_back({h.key, h.value});
    Outcome o = processor.Process(rec);
    runtime::Outcome out;
    out.label = std::string(OutcomeLabel(o));
    if (auto* p = std::get_if<Publish>(&o)) {
      out.emits.push_back(
          {out_topic, p->key, p->doc.SerializeAsString(), {{"content-type", "application/x-protobuf"}}});
    } else if (auto* d = std::get_if<DeadLetter>(&o)) {
      auto dl = runtime::Outcome::DeadLetter(d->code, d->message, d->document_id);
      return dl;
    }
    return out;
  });
}

}  // namespace
}  // namespace tidings::ingest

int main(int argc, char** argv) {
  return tidings::runtime::DaemonMain(
      {"ingest", "validates and normalises raw documents", tidings::ingest::Options(), 9464}, argc, argv,
      &tidings::ingest::Run);
}
