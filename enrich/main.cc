// tidings-enrich: tidings.documents (Document) -> tidings.enriched
// (EnrichedDocument), exactly once, through the engine in enrich/engine.h.
// This file only wires Kafka (runtime::RunStage) to the engine.
#include <list>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "enrich/engine.h"
#include "runtime/daemon.h"
#include "runtime/stage.h"

namespace tidings::enrich {
namespace {

// The enriched documents of recent threads, so that a comment finds its
// parent and its article. Documents of one thread share a partition and
// arrive in order, so a bounded LRU over documents serves live threads.
// Used from the stage thread only.
class ThreadCache {
 public:
  explicit ThreadCache(size_t capacity) : capacity_(capacity) {}
  const v1::EnrichedDocument* Find(const std::string& id) {
    auto it = map_.find(id);
    if (it == map_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return &it->second->second;
  }
  void Put(const v1::EnrichedDocument& ed) {
    const std::string& id = ed.document().id();
    if (auto it = map_.find(id); it != map_.end()) {
      order_.erase(it->second);
      map_.erase(it);
    }
    order_.emplace_front(id, ed);
    order_.front().second.mutable_document()->clear_extra();
    map_[id] = order_.begin();
    while (map_.size() > capacity_) {
      map_.erase(order_.back().first);
      order_.pop_back();
    }
  }

 private:
  size_t capacity_;
  std::list<std::pair<std::string, v1::EnrichedDocument>> order_;
  std::unordered_map<std::string, std::list<std::pair<std::string, v1::EnrichedDocument>>::iterator> map_;
};

std::vector<runtime::OptionSpec> Options() {
  auto opts = runtime::StageConfigOptions();
  opts.insert(opts.end(), {
      {"input_topic", runtime::OptionType::kString, "tidings.documents", 0, -1, "Topic of Document records"},
      {"output_topic", runtime::OptionType::kString, "tidings.enriched", 0, -1, "Topic of EnrichedDocument records"},
      {"dlq_topic", runtime::OptionType::kString, "tidings.dlq", 0, -1, "Dead-letter topic"},
      {"kb_file", runtime::OptionType::kString, "", 0, -1, "Extra knowledge-base file of the operator's"},
      {"targets_file", runtime::OptionType::kString, "", 0, -1, "Stance target file (empty: the built-in defaults)"},
      {"debug_explanations", runtime::OptionType::kBool, "false", 0, -1,
       "Record which rule or KB entry produced each tag"},
      {"thread_cache_documents", runtime::OptionType::kInt, "100000", 0, 100000000,
       "Enriched documents kept for comment threads (parents, articles)"},
  });
  return opts;
}

Status Run(runtime::DaemonContext& ctx) {
  const auto& cfg = ctx.config();
  EngineOptions eo;
  eo.kb_extra_path = cfg.GetString("kb_file");
  eo.targets_path = cfg.GetString("targets_file");
  eo.debug = cfg.GetBool("debug_explanations");
  auto engine = Engine::Create(eo);
  if (!engine.ok()) return engine.status();
  spdlog::info("engine {} ready", (*engine)->Version());

  ThreadCache cache(static_cast<size_t>(cfg.GetInt("thread_cache_documents")));
  const std::string out_topic = ctx.Topic(cfg.GetString("output_topic"));
  auto opts = runtime::StageOptionsFromConfig(ctx, "enrich", {cfg.GetString("input_topic")});

  return runtime::RunStage(ctx, opts, [&](const runtime::Message& m) {
    v1::Document doc;
    if (!doc.ParseFromString(m.value))
      return runtime::Outcome::DeadLetter(ErrorCode::kInvalidProtobuf, "value is not a tidings.v1.Document");
    ThreadContext tc;
    if (!doc.parent_id().empty()) tc.parent = cache.Find(doc.parent_id());
    if (!doc.thread_id().empty()) tc.root = cache.Find(doc.thread_id());
    auto ed = (*engine)->Enrich(doc, tc);
    if (!ed.ok()) return runtime::Outcome::DeadLetter(ed.status().code(), ed.status().message(), doc.id());
    cache.Put(*ed);
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
