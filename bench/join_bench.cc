// The enricher's thread join (enrich/thread_join.h) alone, without Kafka
// and without the engine: what keeping the summaries and the waiting
// comments costs per document, and what it writes to its changelog. With
// --engine, tidings-enrich's processing without Kafka: the join and the
// real engine, and with --threads N the batch's documents whose context is
// settled enriched ahead on N threads (enrich/batch_prefetch.h), as the
// daemon's enrich_threads does.
//
//   tidings-join-bench [--docs N] [--ordered] [--batch N] [--engine [--threads N]]
//
// The bench's synthetic corpus (bench/corpus.h, random arrival order unless
// --ordered) goes through a ThreadJoin over a real JoinStore in a temporary
// directory, in transactions of --batch documents, with an enricher that
// only builds each document's summary (with --engine: that enriches it).
// Prints the join's CPU per 1,000 documents (with --engine: join and
// engine, and documents/s wall), the changelog records and bytes it wrote
// per document, the state's size on disk and the process's peak RSS.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "bench/corpus.h"
#include "enrich/engine.h"
#include "enrich/join_store.h"
#include "enrich/batch_prefetch.h"
#include "enrich/thread_join.h"

namespace {

double ProcessCpuSecs() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

uint64_t DirBytes(const std::string& dir) {
  uint64_t n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) n += e.file_size();
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tidings;
  CLI::App app{"The thread join alone: its CPU per document, changelog and state size"};
  int docs = 100000;
  bool ordered = false;
  int batch = 5000;
  app.add_option("--docs", docs, "documents")->capture_default_str()->check(CLI::Range(1, 100000000));
  app.add_flag("--ordered", ordered, "each thread in order (default: random arrival order)");
  app.add_option("--batch", batch, "documents per transaction")->capture_default_str()->check(CLI::Range(1, 1000000));
  bool with_engine = false;
  int threads = 1;
  app.add_flag("--engine", with_engine, "enrich with the real engine (default: only build each summary)");
  app.add_option("--threads", threads, "with --engine: threads enriching each batch's documents ahead")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  CLI11_PARSE(app, argc, argv);
  std::unique_ptr<enrich::Engine> engine;
  if (with_engine) {
    auto e = enrich::Engine::Create({});
    if (!e.ok()) {
      std::fprintf(stderr, "join-bench: %s\n", e.status().ToString().c_str());
      return 2;
    }
    engine = std::move(*e);
  }
  std::optional<enrich::BatchPrefetch> prefetch;
  if (engine && threads > 1) prefetch.emplace(*engine, threads);
  enrich::OutputArena arena;
  enrich::BatchPrefetch::Ahead* ahead = nullptr;  // the current record's output made ahead
  uint64_t made_ahead = 0, taken_ahead = 0;

  bench::CorpusOptions co;
  co.docs = docs;
  co.shuffle = !ordered;
  const auto corpus = bench::SyntheticCorpus(co);
  // The records as the enricher reads them: serialized documents.
  std::vector<std::string> records;
  records.reserve(corpus.size());
  for (const auto& d : corpus) records.push_back(d.SerializeAsString());

  const std::string dir = (std::filesystem::temp_directory_path() / ("tidings-join-bench-" + std::to_string(getpid()))).string();
  auto store = enrich::JoinStore::Open(dir, 32 << 20, &enrich::ThreadJoin::TimeIndexRun);
  if (!store.ok()) {
    std::fprintf(stderr, "join-bench: %s\n", store.status().ToString().c_str());
    return 2;
  }
  uint64_t log_records = 0, log_bytes = 0, enriched = 0;
  enrich::ThreadJoin join(
      **store, enrich::JoinOptions{},
      [&](const v1::Document& d, const enrich::ThreadContext& tc,
          enrich::ThreadJoin::Why why) -> Result<enrich::ThreadDoc> {
        ++enriched;
        if (engine) {
          v1::EnrichedDocument* ed = ahead != nullptr ? &ahead->out : nullptr;
          if (ed == nullptr || why != enrich::ThreadJoin::Why::kArrived || !ahead->Fits(d, tc)) {
            ed = arena.Document();
            TIDINGS_RETURN_IF_ERROR(engine->EnrichInto(d, tc, ed));
          } else {
            ++taken_ahead;
          }
          return enrich::ThreadDoc::Of(*ed);
        }
        enrich::ThreadDoc t;
        t.id = d.id();
        t.version = d.ingest().version();
        t.anchor = d.published_at();
        t.author = d.author();
        t.is_reply = !d.parent_id().empty();
        t.has_question = d.text().find('?') != std::string::npos;
        t.text_head = d.text().substr(0, enrich::ThreadDoc::kTextHeadBytes);
        return t;
      },
      [&](int32_t, const std::string& key, std::optional<std::string> value) {
        ++log_records;
        log_bytes += key.size() + (value ? value->size() : 0);
      });

  const auto t0 = std::chrono::steady_clock::now();
  const double c0 = ProcessCpuSecs();
  int64_t now_ms = 1'800'000'000'000;
  v1::Document doc;
  std::vector<std::string_view> batch_records;
  for (size_t i = 0; i < records.size(); ++i) {
    if (prefetch && i % static_cast<size_t>(batch) == 0) {
      const size_t end = std::min(records.size(), i + static_cast<size_t>(batch));
      batch_records.assign(records.begin() + static_cast<std::ptrdiff_t>(i),
                           records.begin() + static_cast<std::ptrdiff_t>(end));
      prefetch->Run(batch_records, [&](size_t, const std::string& id) {
        auto found = join.Peek(0, id);
        return found.ok() ? std::move(*found) : std::nullopt;
      });
    }
    ahead = prefetch ? prefetch->Get(i % static_cast<size_t>(batch)) : nullptr;
    made_ahead += ahead != nullptr;
    doc.ParseFromString(records[i]);
    if (auto r = join.Add(0, doc, now_ms, records[i]); !r.ok()) {
      std::fprintf(stderr, "join-bench: %s\n", r.status().ToString().c_str());
      return 1;
    }
    if ((i + 1) % static_cast<size_t>(batch) == 0 || i + 1 == records.size()) {
      if (Status st = join.Tick(now_ms); !st.ok()) return 1;
      if (Status st = join.Commit(); !st.ok()) {
        std::fprintf(stderr, "join-bench: %s\n", st.ToString().c_str());
        return 1;
      }
      ++now_ms;
    }
  }
  const double cpu = ProcessCpuSecs() - c0;
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double k = static_cast<double>(docs) / 1000.0;
  std::printf("thread join%s, %d documents (%s), transactions of %d: %.1f CPU ms per 1k documents (%.1f s wall, "
              "%.0f documents/s)\n",
              !engine ? "" : prefetch ? (" and engine, ahead on " + std::to_string(threads) + " threads").c_str()
                                      : " and engine, one thread",
              docs, ordered ? "threads in order" : "random arrival order", batch, cpu * 1000.0 / k, wall,
              static_cast<double>(docs) / wall);
  if (prefetch)
    std::printf("enriched ahead %llu, of which taken %llu\n", static_cast<unsigned long long>(made_ahead),
                static_cast<unsigned long long>(taken_ahead));
  std::printf("enriched %llu, still waiting %lld; changelog %.2f records and %.0f bytes per document\n",
              static_cast<unsigned long long>(enriched), static_cast<long long>(join.stats().waiting),
              static_cast<double>(log_records) / static_cast<double>(docs),
              static_cast<double>(log_bytes) / static_cast<double>(docs));
  std::printf("state on disk %.1f MB, peak RSS %.0f MB (the corpus in memory included)\n",
              static_cast<double>(DirBytes(dir)) / 1e6, PeakRssMb());
  store->reset();
  std::filesystem::remove_all(dir);
  return 0;
}
