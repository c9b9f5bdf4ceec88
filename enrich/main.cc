// tidings-enrich: tidings.documents (Document) -> tidings.enriched
// (EnrichedDocument), exactly once, through the engine in enrich/engine.h.
// This file only wires Kafka (runtime::RunStage) to the engine.
#include <cstdlib>

#include <prometheus/counter.h>
#include <spdlog/spdlog.h>

#include "enrich/engine.h"
#include "enrich/lang/lang.h"
#include "enrich/thread_cache.h"
#include "runtime/daemon.h"
#include "runtime/stage.h"

namespace tidings::enrich {
namespace {

std::vector<runtime::OptionSpec> Options() {
  auto opts = runtime::StageConfigOptions();
  opts.insert(opts.end(), {
      {"input_topic", runtime::OptionType::kString, "tidings.documents", 0, -1, "Topic of Document records"},
      {"output_topic", runtime::OptionType::kString, "tidings.enriched", 0, -1, "Topic of EnrichedDocument records"},
      {"dlq_topic", runtime::OptionType::kString, "tidings.dlq", 0, -1, "Dead-letter topic"},
      {"kb_file", runtime::OptionType::kFile, "", 0, -1, "Extra knowledge-base file of the operator's"},
      {"targets_file", runtime::OptionType::kFile, "", 0, -1, "Stance target file (empty: the built-in defaults)"},
      {"ner_model", runtime::OptionType::kString, "", 0, -1,
       "Name model directory from 'tidings train ner' (empty: the built-in model; none: the rules alone)"},
      {"stance_model", runtime::OptionType::kString, "", 0, -1,
       "Stance model directory from 'tidings train stance', with its targets (empty: the target-file rules)"},
      {"reply_model", runtime::OptionType::kString, "", 0, -1,
       "Reply model directory from 'tidings train reply' (empty: the built-in model; none: the cue rules)"},
      {"debug_explanations", runtime::OptionType::kBool, "false", 0, -1,
       "Record which rule or KB entry produced each tag"},
      {"thread_cache_documents", runtime::OptionType::kInt, "100000", 0, 100000000,
       "Documents kept for comment threads (parents, articles), each as the summary its replies read"},
      {"thread_cache_max_bytes", runtime::OptionType::kInt, "268435456", 1048576, 1099511627776,
       "About how many bytes the thread cache keeps (its summaries: about 3 KB for a long article; oldest evicted first)"},
      {"defer_missing_parent", runtime::OptionType::kInt, "20", 0, 1000,
       "A comment whose parent has not been enriched yet (its article came through another raw topic and is "
       "still on its way) goes back to the end of its partition, in the same transaction, up to this many "
       "times before it is enriched with reply_stance reason parent_missing (0: never)"},
      {"thread_cache_restore", runtime::OptionType::kInt, "20000", 0, 100000000,
       "At start-up, refill the thread cache from the last this many records of each partition of the "
       "output topic (0: off), so that comments after a restart still find their parents"},
  });
  return opts;
}

// The enrich stage's own metrics (the stage loop's are in runtime/stage.cc).
// Registered once at start-up; used from the processing thread.
class EnrichProbe {
 public:
  explicit EnrichProbe(prometheus::Registry& r)
      : by_language_(prometheus::BuildCounter()
                         .Name("tidings_enrich_documents_by_language_total")
                         .Help("Enriched documents by the language the taggers went by (ISO 639-1, und, other)")
                         .Register(r)) {}
  EnrichProbe(const EnrichProbe&) = delete;
  EnrichProbe& operator=(const EnrichProbe&) = delete;

  void RecordEnriched(const v1::EnrichedDocument& ed) {
    const std::string& lang =
        ed.language_detected().empty() ? ed.document().language() : ed.language_detected();
    by_language_.Add({{"language", std::string(LanguageMetricLabel(lang))}}).Increment();
  }

 private:
  prometheus::Family<prometheus::Counter>& by_language_;
};

Status Run(runtime::DaemonContext& ctx) {
  const auto& cfg = ctx.config();
  EngineOptions eo;
  eo.kb_extra_path = cfg.GetString("kb_file");
  eo.targets_path = cfg.GetString("targets_file");
  eo.ner_model = cfg.GetString("ner_model");
  eo.stance_model = cfg.GetString("stance_model");
  eo.reply_model = cfg.GetString("reply_model");
  eo.debug = cfg.GetBool("debug_explanations");
  auto engine = Engine::Create(eo);
  if (!engine.ok()) return engine.status();
  spdlog::info("engine {} ready", (*engine)->Version());

  ThreadCache cache(static_cast<size_t>(cfg.GetInt("thread_cache_documents")),
                    static_cast<size_t>(cfg.GetInt("thread_cache_max_bytes")));
  const std::string out_topic = ctx.Topic(cfg.GetString("output_topic"));
  if (int64_t tail = cfg.GetInt("thread_cache_restore"); tail > 0 && cfg.GetInt("thread_cache_documents") > 0) {
    // A partly filled cache (timeout) shows as reply_stance parent_missing.
    auto restored = runtime::RestoreFromTopic(ctx, out_topic, tail, "thread cache", [&](const runtime::Message& m) {
      v1::EnrichedDocument ed;
      // The topic may hold a newer version before a deferred copy of an
      // older one; Put keeps the higher version.
      if (ed.ParseFromString(m.value) && !ed.document().id().empty()) cache.Put(ed);
    });
    if (!restored.ok()) return restored.status();
  }
  auto opts = runtime::StageOptionsFromConfig(ctx, "enrich", {cfg.GetString("input_topic")});
  const std::string in_topic = ctx.Topic(cfg.GetString("input_topic"));
  const int max_defer = static_cast<int>(cfg.GetInt("defer_missing_parent"));
  constexpr std::string_view kDeferHeader = "tidings-deferred";

  OutputArena arena;  // one record at a time: RunStage calls process sequentially
  EnrichProbe probe(ctx.registry());
  return runtime::RunStage(ctx, opts, [&](const runtime::Message& m) {
    v1::Document doc;
    if (!doc.ParseFromString(m.value))
      return runtime::Outcome::DeadLetter(ErrorCode::kInvalidProtobuf, "value is not a tidings.v1.Document");
    ThreadContext tc;
    if (!doc.parent_id().empty()) tc.parent = cache.Find(doc.parent_id());
    if (!doc.thread_id().empty()) tc.root = cache.Find(doc.thread_id());
    if (!doc.parent_id().empty() && tc.parent == nullptr) {
      int deferred = std::atoi(std::string(m.HeaderValue(kDeferHeader).value_or("0")).c_str());
      if (deferred < max_defer) {
        // Back to the end of the partition (same key), atomically with
        // moving past this offset: its parent is most likely right behind.
        runtime::Outcome out;
        out.emits.push_back({in_topic, m.key, m.value,
                             {{"content-type", "application/x-protobuf"},
                              {std::string(kDeferHeader), std::to_string(deferred + 1)}}});
        out.label = "deferred";
        return out;
      }
    }
    v1::EnrichedDocument* ed = arena.Document();
    if (Status st = (*engine)->EnrichInto(doc, tc, ed); !st.ok()) {
      return runtime::Outcome::DeadLetter(st.code(), st.message(), doc.id());
    }
    cache.Put(*ed);  // kept only if not older than the version held (a deferred copy may be)
    probe.RecordEnriched(*ed);
    runtime::Outcome out;
    const std::string& key = doc.thread_id().empty() ? doc.id() : doc.thread_id();
    out.emits.push_back({out_topic, key, ed->SerializeAsString(), {{"content-type", "application/x-protobuf"}}});
    out.label = "enriched";
    return out;
  });
}

}  // namespace
}  // namespace tidings::enrich

int main(int argc, char** argv) {
  return tidings::runtime::DaemonMain(
      {"enrich", "enriches documents with entities, dates and stance", tidings::enrich::Options(), 9465}, argc, argv,
      &tidings::enrich::Run);
}
