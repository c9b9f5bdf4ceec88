// tidings-enrich: tidings.documents (Document) -> tidings.enriched
// (EnrichedDocument), exactly once, through the engine in enrich/engine.h.
// This file only wires Kafka (runtime::RunStage) to the engine.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <spdlog/spdlog.h>

#include "base/utf8.h"
#include "enrich/batch_prefetch.h"
#include "enrich/engine.h"
#include "enrich/join_store.h"
#include "enrich/lang/lang.h"
#include "enrich/thread_join.h"
#include "runtime/daemon.h"
#include "runtime/stage.h"

namespace tidings::enrich {
namespace {

std::vector<runtime::OptionSpec> Options() {
  // 1,000 records a transaction, not the stages' 5,000: what a batch holds
  // until it commits grows about sevenfold here (the enriched records in the
  // producer's queue, the thread join's staged changes with every waiting
  // comment's record), and 5,000 were about 90 MB of enrich's peak RSS at
  // 100,000 documents (319 against 232 MB, bench/pipeline) for no
  // measurable gain in throughput.
  auto opts = runtime::StageConfigOptions(1000);
  opts.insert(opts.end(), {
      {"input_topic", runtime::OptionType::kString, "tidings.documents", 0, -1, "Topic of Document records"},
      {"output_topic", runtime::OptionType::kString, "tidings.enriched", 0, -1, "Topic of EnrichedDocument records"},
      {"dlq_topic", runtime::OptionType::kString, "tidings.dlq", 0, -1, "Dead-letter topic"},
      {"kb_file", runtime::OptionType::kFile, "", 0, -1, "Extra knowledge-base file of the operator's"},
      {"targets_file", runtime::OptionType::kFile, "", 0, -1, "Stance target file (empty: the built-in defaults)"},
      {"ner_model", runtime::OptionType::kString, "", 0, -1,
       "Name model directory from 'tidings train ner' (empty: the built-in model; none: the rules alone)"},
      {"stance_model", runtime::OptionType::kString, "", 0, -1,
       "Stance model directory from 'tidings train stance', with its targets (empty: the built-in model for "
       "the built-in targets, else the target-file rules; none: the rules alone)"},
      {"reply_model", runtime::OptionType::kString, "", 0, -1,
       "Reply model directory from 'tidings train reply' (empty: the built-in model; none: the cue rules)"},
      {"enrich_threads", runtime::OptionType::kInt, "1", 1, 64,
       "Threads that enrich a batch's documents in parallel before the batch is processed in order: those "
       "whose context is known (articles, replies to documents already enriched or earlier in the batch); "
       "comments that wait for their parent stay on the loop thread (1: the loop thread alone). For machines "
       "with cores to spare beside the broker and the other daemons"},
      {"debug_explanations", runtime::OptionType::kBool, "false", 0, -1,
       "Record which rule or KB entry produced each tag"},
      {"state_topic", runtime::OptionType::kString, "tidings.enrich-state", 0, -1,
       "Compacted changelog of the thread join (summaries of enriched documents, comments waiting for their "
       "parent), partition for partition beside input_topic: as many partitions at least"},
      {"state_dir", runtime::OptionType::kString, "var/enrich-state", 0, -1,
       "Local RocksDB directory of the thread join, one per running instance; wiped at start and rebuilt from "
       "state_topic for each assigned partition"},
      {"parent_wait_ms", runtime::OptionType::kInt, "600000", 0, 31536000000,
       "How long a comment whose parent has not been enriched waits for it before it is enriched without "
       "(reply_stance reason parent_missing)"},
      {"max_waiting_comments", runtime::OptionType::kInt, "100000", 1, 100000000,
       "Comments waiting for their parent per input partition at most; past it the oldest is enriched without "
       "its parent (bounds the state's disk and each restore)"},
      {"summary_retention_ms", runtime::OptionType::kInt, "2592000000", 0, 3153600000000,
       "How long the thread join keeps an enriched document's summary for replies to come (default 30 days; "
       "0: until max_thread_summaries pushes it out); a reply after that waits parent_wait_ms and gets "
       "parent_missing"},
      {"max_thread_summaries", runtime::OptionType::kInt, "1000000", 1, 1000000000,
       "Summaries of enriched documents kept per input partition at most (about 3 KB each at most, on disk "
       "and on state_topic); past it the oldest are removed"},
      {"state_restore_timeout_ms", runtime::OptionType::kInt, "600000", 1000, 86400000,
       "How long restoring the thread join of newly assigned partitions from state_topic may take; past it "
       "the daemon stops (a partial state would lose waiting comments)"},
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
                         .Register(r)),
        released_(prometheus::BuildCounter()
                      .Name("tidings_enrich_released_total")
                      .Help("Comments that waited for their parent and were enriched, by reason: parent_arrived, "
                            "parent_wait (parent_wait_ms passed), bound (max_waiting_comments)")
                      .Register(r)),
        waiting_(prometheus::BuildGauge()
                     .Name("tidings_enrich_waiting_comments")
                     .Help("Comments waiting for their parent in the thread join (committed), all assigned partitions")
                     .Register(r)
                     .Add({})),
        summaries_(prometheus::BuildGauge()
                       .Name("tidings_enrich_thread_summaries")
                       .Help("Summaries of enriched documents the thread join holds for replies (committed), all "
                             "assigned partitions")
                       .Register(r)
                       .Add({})),
        ahead_(prometheus::BuildCounter()
                   .Name("tidings_enrich_enriched_ahead_total")
                   .Help("Documents enriched on the enrich_threads pool ahead of their batch and taken")
                   .Register(r)
                   .Add({})),
        expired_(prometheus::BuildCounter()
                     .Name("tidings_enrich_summaries_expired_total")
                     .Help("Summaries the thread join removed, by reason: age (summary_retention_ms), bound "
                           "(max_thread_summaries)")
                     .Register(r)),
        stances_(prometheus::BuildCounter()
                     .Name("tidings_enrich_stances_total")
                     .Help("Stance records written, by label (FAVOR, AGAINST, NONE) and what decided it: rules (the "
                           "target file's rules) or model (a learned stance model; the record carries rules_label)")
                     .Register(r)) {
    static constexpr const char* kBy[] = {"rules", "model"};
    static constexpr const char* kLabel[] = {"FAVOR", "AGAINST", "NONE"};
    for (int by = 0; by < 2; ++by)
      for (int l = 0; l < 3; ++l) stance_[by][l] = &stances_.Add({{"decided_by", kBy[by]}, {"label", kLabel[l]}});
  }
  EnrichProbe(const EnrichProbe&) = delete;
  EnrichProbe& operator=(const EnrichProbe&) = delete;

  void RecordEnriched(const v1::EnrichedDocument& ed) {
    const std::string& lang =
        ed.language_detected().empty() ? ed.document().language() : ed.language_detected();
    by_language_.Add({{"language", std::string(LanguageMetricLabel(lang))}}).Increment();
    for (const auto& st : ed.stances()) {
      const int l = st.label() == v1::FAVOR ? 0 : st.label() == v1::AGAINST ? 1 : st.label() == v1::NONE ? 2 : -1;
      if (l >= 0) stance_[st.rules_label() != v1::STANCE_LABEL_UNSPECIFIED ? 1 : 0][l]->Increment();
    }
  }
  void RecordAhead() { ahead_.Increment(); }
  // The join's committed figures.
  void RecordJoin(const ThreadJoin::Stats& s) {
    waiting_.Set(static_cast<double>(s.waiting));
    for (const auto& [why, n] : s.released) {
      int64_t& seen = released_seen_[why];
      if (n > seen) released_.Add({{"reason", ReasonLabel(why)}}).Increment(static_cast<double>(n - seen));
      seen = n;
    }
    summaries_.Set(static_cast<double>(s.summaries));
    for (const auto& [why, n] : s.expired) {
      int64_t& seen = expired_seen_[why];
      if (n > seen)
        expired_.Add({{"reason", why == ThreadJoin::Expiry::kAge ? "age" : "bound"}})
            .Increment(static_cast<double>(n - seen));
      seen = n;
    }
  }

 private:
  static std::string ReasonLabel(ThreadJoin::Why why) {
    switch (why) {
      case ThreadJoin::Why::kParentArrived: return "parent_arrived";
      case ThreadJoin::Why::kParentWait: return "parent_wait";
      case ThreadJoin::Why::kBound: return "bound";
      case ThreadJoin::Why::kArrived: break;
    }
    return "arrived";
  }
  prometheus::Family<prometheus::Counter>& by_language_;
  prometheus::Family<prometheus::Counter>& released_;
  prometheus::Gauge& waiting_;
  prometheus::Gauge& summaries_;
  prometheus::Counter& ahead_;
  prometheus::Family<prometheus::Counter>& expired_;
  prometheus::Family<prometheus::Counter>& stances_;
  prometheus::Counter* stance_[2][3] = {};  // [rules, model][FAVOR, AGAINST, NONE]
  std::map<ThreadJoin::Why, int64_t> released_seen_;
  std::map<ThreadJoin::Expiry, int64_t> expired_seen_;
};

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

constexpr size_t kStateCacheBytes = 32 << 20;

// A record's place among its batch's (one input topic).
int64_t BatchKey(const runtime::Message& m) { return (static_cast<int64_t>(m.partition) << 40) ^ m.offset; }

// On assignment: the thread join's state of the input topic's partitions
// among `parts`, read back from the state topic before any of their records
// is processed.
Status RestoreJoinState(runtime::DaemonContext& ctx, ThreadJoin& join, EnrichProbe& probe,
                        const std::string& in_topic, const std::string& state_topic, int restore_ms,
                        const std::vector<runtime::TopicPartition>& parts) {
  std::vector<int32_t> ps;
  for (const auto& p : parts)
    if (p.topic == in_topic) ps.push_back(p.partition);
  if (ps.empty()) return Status::Ok();
  const auto t0 = std::chrono::steady_clock::now();
  const int64_t now_ms = NowMs();
  for (int32_t p : ps) TIDINGS_RETURN_IF_ERROR(join.BeginRestore(p, now_ms));
  size_t n = 0;
  Status applied;
  Status st = runtime::ReadTopic(
      ctx.kafka(), state_topic,
      [&](const runtime::Message& m) {
        // The join never writes an empty value: empty is a tombstone.
        applied = join.ApplyRestored(m.partition, m.key,
                                     m.value.empty() ? std::nullopt : std::optional<std::string_view>(m.value));
        ++n;
        // Not cut short by shutdown: a partial state must not be used.
        return applied.ok();
      },
      restore_ms, false, -1, ps);
  if (st.ok()) st = applied;
  if (!st.ok())
    return Status(st.code(), "thread join: cannot restore partitions " + fmt::format("{}", fmt::join(ps, ",")) +
                                 " from " + state_topic + ": " + st.message() +
                                 (st.code() == ErrorCode::kNotFound ? " (create it: tidings topics create)" : ""));
  for (int32_t p : ps) TIDINGS_RETURN_IF_ERROR(join.EndRestore(p));
  probe.RecordJoin(join.stats());
  spdlog::info("thread join: partitions {} restored from {}: {} records, {} comments waiting, {} summaries, "
               "in {:.1f} s",
               fmt::join(ps, ","), state_topic, n, join.stats().waiting, join.stats().summaries,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  return Status::Ok();
}

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

  const std::string out_topic = ctx.Topic(cfg.GetString("output_topic"));
  const std::string in_topic = ctx.Topic(cfg.GetString("input_topic"));
  const std::string state_topic = ctx.Topic(cfg.GetString("state_topic"));
  auto store = JoinStore::Open(cfg.GetString("state_dir"), kStateCacheBytes, &ThreadJoin::TimeIndexRun);
  if (!store.ok()) return store.status();

  OutputArena arena;  // one record at a time: RunStage calls process sequentially
  // The batch's documents whose context is settled, enriched ahead on
  // enrich_threads threads; `prefetched` is the output made there for the
  // record being processed, if any.
  std::optional<BatchPrefetch> prefetch;
  if (const int64_t n = cfg.GetInt("enrich_threads"); n > 1) prefetch.emplace(**engine, static_cast<int>(n));
  std::vector<std::string_view> batch_values;
  std::vector<int32_t> batch_partitions;
  std::unordered_map<int64_t, size_t> batch_index;  // BatchKey -> position in the batch
  BatchPrefetch::Ahead* prefetched = nullptr;
  EnrichProbe probe(ctx.registry());
  // Where the join's outputs and state changes go: the emits of the record
  // or tick being processed.
  std::vector<runtime::Emit>* emits = nullptr;
  JoinOptions jo;
  jo.parent_wait_ms = cfg.GetInt("parent_wait_ms");
  jo.max_waiting = cfg.GetInt("max_waiting_comments");
  jo.summary_retention_ms = cfg.GetInt("summary_retention_ms");
  jo.max_summaries = cfg.GetInt("max_thread_summaries");
  ThreadJoin join(
      **store, jo,
      [&](const v1::Document& doc, const ThreadContext& tc, ThreadJoin::Why why) -> Result<ThreadDoc> {
        // The record's output made ahead is what EnrichInto would give here
        // if it was made from this document with this context.
        v1::EnrichedDocument* ed = prefetched != nullptr ? &prefetched->out : nullptr;
        if (ed == nullptr || why != ThreadJoin::Why::kArrived || !prefetched->Fits(doc, tc)) {
          ed = arena.Document();
          if (Status st = (*engine)->EnrichInto(doc, tc, ed); !st.ok()) {
            // Comments are checked before they wait, so this is not expected.
            if (why != ThreadJoin::Why::kArrived)
              spdlog::error("comment {} released from waiting cannot be enriched: {}", doc.id(), st.ToString());
            return st;
          }
        } else {
          probe.RecordAhead();
        }
        probe.RecordEnriched(*ed);
        const std::string& key = doc.thread_id().empty() ? doc.id() : doc.thread_id();
        emits->push_back({out_topic, key, ed->SerializeAsString(), {{"content-type", "application/x-protobuf"}}});
        return ThreadDoc::Of(*ed);
      },
      [&](int32_t partition, const std::string& key, std::optional<std::string> value) {
        const bool tombstone = !value.has_value();
        emits->push_back({state_topic, key, tombstone ? std::string() : std::move(*value), {}, partition, tombstone});
      });

  auto opts = runtime::StageOptionsFromConfig(ctx, "enrich", {cfg.GetString("input_topic")});
  // Enrich works through a few MB of records a second: librdkafka's default
  // prefetch of up to 64 MB of them was a quarter of its peak RSS at a
  // million documents (docs/benchmarks.md); 16 MB is still seconds of work.
  opts.consumer_defaults = {{"queued.max.messages.kbytes", "16384"}};
  opts.on_commit = [&] {
    if (Status st = join.Commit(); !st.ok()) {
      // The transaction committed but the local store missed it: it no
      // longer matches the changelog. A restart rebuilds it from there.
      spdlog::critical("thread join: {}; exiting so that a restart restores the state from {}", st.ToString(),
                       state_topic);
      std::_Exit(1);
    }
    probe.RecordJoin(join.stats());
  };
  opts.on_abort = [&] { join.Abort(); };
  if (prefetch) {
    opts.on_batch = [&](std::span<const runtime::Message> batch) {
      batch_values.clear();
      batch_partitions.clear();
      batch_index.clear();
      for (size_t i = 0; i < batch.size(); ++i) {
        batch_values.push_back(batch[i].value);
        batch_partitions.push_back(batch[i].partition);
        batch_index.emplace(BatchKey(batch[i]), i);
      }
      prefetch->Run(batch_values, [&](size_t i, const std::string& id) {
        auto found = join.Peek(batch_partitions[i], id);
        return found.ok() ? std::move(*found) : std::nullopt;
      });
    };
  }
  opts.on_tick = [&]() -> Result<std::vector<runtime::Emit>> {
    std::vector<runtime::Emit> out;
    emits = &out;
    Status st = join.Tick(NowMs());
    emits = nullptr;
    if (!st.ok()) return st;
    return out;
  };
  opts.tick_interval_ms = static_cast<int>(std::clamp<int64_t>(jo.parent_wait_ms / 10, 10, 1000));
  const int restore_ms = static_cast<int>(cfg.GetInt("state_restore_timeout_ms"));
  opts.on_assigned = [&](const std::vector<runtime::TopicPartition>& parts) {
    return RestoreJoinState(ctx, join, probe, in_topic, state_topic, restore_ms, parts);
  };
  opts.on_revoked = [&](const std::vector<runtime::TopicPartition>& parts) {
    for (const auto& p : parts) {
      if (p.topic != in_topic) continue;
      if (Status st = join.Drop(p.partition); !st.ok()) spdlog::warn("thread join: {}", st.ToString());
    }
    probe.RecordJoin(join.stats());
  };

  return runtime::RunStage(ctx, opts, [&](const runtime::Message& m) {
    // An old deferred copy (header tidings-deferred, from enrichers before
    // the thread join) is a record like any other.
    v1::Document doc;
    if (!doc.ParseFromString(m.value))
      return runtime::Outcome::DeadLetter(ErrorCode::kInvalidProtobuf, "value is not a tidings.v1.Document");
    // Checked before a comment waits: what waits can always be enriched.
    if (!base::IsValidUtf8(doc.text()))
      return runtime::Outcome::DeadLetter(ErrorCode::kEnrichFailed, "text is not valid UTF-8", doc.id());
    runtime::Outcome out;
    emits = &out.emits;
    prefetched = nullptr;
    if (prefetch) {
      auto at = batch_index.find(BatchKey(m));
      if (at != batch_index.end()) prefetched = prefetch->Get(at->second);
    }
    auto added = join.Add(m.partition, doc, NowMs(), m.value);
    emits = nullptr;
    prefetched = nullptr;
    if (!added.ok()) {
      if (added.status().code() == ErrorCode::kEnrichFailed)
        return runtime::Outcome::DeadLetter(added.status().code(), added.status().message(), doc.id());
      // The state store failed: the batch is tried again.
      return runtime::Outcome::Retry("thread join: " + added.status().ToString());
    }
    out.label = *added == ThreadJoin::Added::kWaiting ? "waiting" : "enriched";
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
