// Benchmark of the enrichment engine: entities + dates (and, separately, the
// whole Enrich() call with stance) over the seed corpus repeated to at least
// 50 MB, single thread. Prints MB/s, words/s, startup time, RSS and the
// machine. Never fails on time.
//
// The entities + dates pass runs --rounds times (default 3) over the whole
// corpus; each round is printed, then the median and the best. On a shared
// machine single readings move by a quarter with the neighbours' load; the
// median of a few rounds is the figure to compare.
//
// Language detection (enrich/lang), which the engine runs first on every
// document, is timed on its own over the same corpus and added to the
// entities + dates figure.
//
// Usage: tidings-enrich-bench [--mb N] [--rounds N] [--seeds DIR]
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "enrich/dates.h"
#include "enrich/engine.h"
#include "enrich/entities.h"
#include "enrich/kb.h"
#include "enrich/lang/lang.h"
#include "enrich/names/tagger.h"
#include "enrich/text.h"

namespace te = tidings::enrich;
using Clock = std::chrono::steady_clock;

static double ThreadCpuSecs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double Secs(Clock::time_point a) { return std::chrono::duration<double>(Clock::now() - a).count(); }

static std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown";
}

static long RssMb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6)) / 1024;
  }
  return -1;
}

static long PeakRssMb() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}

int main(int argc, char** argv) {
  double target_mb = 50;
  int rounds = 3;
  // The seed dumps kept in the repository; --seeds overrides.
  std::string seeds = std::string(TIDINGS_SOURCE_DIR) + "/tests/data/seeds";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--mb")) target_mb = std::atof(argv[i + 1]);
    if (!std::strcmp(argv[i], "--rounds")) rounds = std::max(1, std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--seeds")) seeds = argv[i + 1];
  }
  std::vector<std::string> docs;
  if (std::filesystem::is_directory(seeds)) {
    for (const auto& e : std::filesystem::directory_iterator(seeds)) {
      if (e.path().extension() != ".txt") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      if (!ss.str().empty()) docs.push_back(ss.str());
    }
  }
  if (docs.empty()) {
    std::fprintf(stderr, "no seed texts under %s (use --seeds DIR)\n", seeds.c_str());
    return 2;
  }
  size_t corpus_bytes = 0;
  for (auto& d : docs) corpus_bytes += d.size();

  auto t0 = Clock::now();
  auto kb = te::KnowledgeBase::Create("");
  if (!kb.ok()) {
    std::fprintf(stderr, "%s\n", kb.status().ToString().c_str());
    return 2;
  }
  double kb_ms = Secs(t0) * 1e3;
  t0 = Clock::now();
  auto engine = te::Engine::Create({});
  double engine_ms = Secs(t0) * 1e3;
  if (!engine.ok()) return 2;
  // The learned name tagger as the engine runs it (the built-in model), and
  // the rules alone, to report the model's share of the time.
  t0 = Clock::now();
  auto names = te::names::NameModel::BuiltIn();
  const double names_ms = Secs(t0) * 1e3;
  te::EntityTagger tagger(kb->get(), names.ok() ? names->get() : nullptr);
  te::EntityTagger rules_only(kb->get());

  const size_t reps = static_cast<size_t>(target_mb * 1e6 / corpus_bytes) + 1;
  struct Round {
    double wall_mbs, cpu_mbs, wall_wps, cpu_wps, cpu_secs;
  };
  std::vector<Round> results;
  size_t bytes = 0, words = 0, ents = 0, dates = 0;
  std::string key_storage;
  te::OutputArena arena;  // as the daemon builds its output
  double rules_cpu_secs = 0;  // the entities step of one extra round with the rules alone
  for (int round = -1; round < rounds; ++round) {
    const bool rules_round = round < 0;  // first, so that the counts printed are the model's
    const te::EntityTagger& t = rules_round ? rules_only : tagger;
    bytes = words = ents = dates = 0;
    const auto t0 = Clock::now();
    const double cpu0 = ThreadCpuSecs();
    for (size_t r = 0; r < reps; ++r) {
      for (const auto& text : docs) {
        // The same steps as Engine::EnrichInto (enrich/engine.cc) without stance.
        std::vector<te::Token> tokens = te::Tokenize(text);
        te::CodePointIndex cps(text);
        te::MarkSentenceStarts(te::SplitSentences(text, cps), &tokens);
        const te::KeyViews keys = te::TokenKeyViews(text, tokens, &key_storage);
        tidings::v1::EnrichedDocument& out = *arena.Document();
        t.Tag(text, tokens, keys, cps, false, out.mutable_entities());
        te::CivilDate anchor{2016, 10, 20};
        te::TagDates(text, tokens, keys, cps, &anchor, false, out.mutable_dates());
        bytes += text.size();
        for (const auto& t : tokens) words += t.kind != te::TokenKind::kPunct;
        ents += out.entities_size();
        dates += out.dates_size();
      }
    }
    const double secs = Secs(t0);
    const double cpu_secs = ThreadCpuSecs() - cpu0;
    if (rules_round) {
      rules_cpu_secs = cpu_secs;
      continue;
    }
    results.push_back({bytes / 1e6 / secs, bytes / 1e6 / cpu_secs, words / 1e6 / secs,
                       words / 1e6 / cpu_secs, cpu_secs});
  }

  // Language detection: what the engine adds before entities and dates.
  size_t lang_bytes = 0, lang_docs = 0, lang_en = 0;
  const double lang_cpu0 = ThreadCpuSecs();
  for (size_t r = 0; r < reps; ++r) {
    for (const auto& text : docs) {
      lang_en += te::DetectLanguage(text).code == "en";
      lang_bytes += text.size();
      ++lang_docs;
    }
  }
  const double lang_cpu = ThreadCpuSecs() - lang_cpu0;

  // The whole Enrich() call (adds stance and the document copy).
  size_t full_bytes = 0;
  auto t1 = Clock::now();
  const double full_cpu0 = ThreadCpuSecs();
  const size_t full_reps = std::max<size_t>(1, reps / 5);
  for (size_t r = 0; r < full_reps; ++r) {
    for (const auto& text : docs) {
      tidings::v1::Document d;
      d.set_id("bench");
      d.set_kind("article");
      d.set_published_at("2016-10-20T00:00:00Z");
      d.set_text(text);
      if (!(*engine)->EnrichInto(d, {}, arena.Document()).ok()) return 2;
      full_bytes += text.size();
    }
  }
  double full_secs = Secs(t1);
  const double full_cpu = ThreadCpuSecs() - full_cpu0;

  std::printf("machine: %u hardware threads (nproc), CPU %s\n", std::thread::hardware_concurrency(),
              CpuModel().c_str());
  std::printf("corpus: %zu seed texts, %.1f KB, repeated %zu times = %.1f MB\n", docs.size(),
              corpus_bytes / 1e3, reps, bytes / 1e6);
  std::printf("startup: knowledge base %.0f ms (%zu entities, %zu aliases); engine incl. stance %.0f ms\n",
              kb_ms, (*kb)->entities().size(), (*kb)->alias_count(), engine_ms);
  for (size_t r = 0; r < results.size(); ++r) {
    std::printf("entities+dates round %zu: %.1f MB/s, %.2f M words/s on-CPU (%.1f s); %.1f MB/s wall\n",
                r + 1, results[r].cpu_mbs, results[r].cpu_wps, results[r].cpu_secs, results[r].wall_mbs);
  }
  std::vector<Round> by_speed = results;
  std::sort(by_speed.begin(), by_speed.end(),
            [](const Round& a, const Round& b) { return a.cpu_mbs < b.cpu_mbs; });
  const Round& median = by_speed[by_speed.size() / 2];
  const Round& best = by_speed.back();
  std::printf("name model: %s, loaded in %.1f ms\n",
              names.ok() ? "built-in" : names.status().message().c_str(), names_ms);
  std::printf("learned name tagger's share of entities+dates (on-CPU, vs a round with the rules alone at "
              "%.1f MB/s): %.0f%%\n",
              bytes / 1e6 / rules_cpu_secs, 100.0 * (median.cpu_secs - rules_cpu_secs) / median.cpu_secs);
  std::printf("entities+dates (single thread, median of %d rounds): %.1f MB/s, %.2f M words/s on-CPU "
              "(%.1f MB/s wall); best %.1f MB/s; %zu entities, %zu dates per round\n",
              rounds, median.cpu_mbs, median.cpu_wps, median.wall_mbs, best.cpu_mbs, ents, dates);
  const double lang_mbs = lang_bytes / 1e6 / lang_cpu;
  std::printf("language detection (first %zu bytes of each document, %zu when unclear): %.1f MB/s of documents, "
              "%.1f us per document on-CPU (%zu of %zu English); entities+dates with it: %.1f MB/s\n",
              te::kLanguageQuickPrefixBytes, te::kLanguagePrefixBytes, lang_mbs, lang_cpu * 1e6 / static_cast<double>(lang_docs), lang_en,
              lang_docs, 1 / (1 / median.cpu_mbs + 1 / lang_mbs));
  std::printf("load average while running: %s", [] {
    std::ifstream in("/proc/loadavg");
    std::string l;
    std::getline(in, l);
    return l + "\n";
  }().c_str());
  std::printf("full Enrich() incl. stance (single thread): %.1f MB/s on-CPU (%.1f MB/s wall) over %.1f MB\n",
              full_bytes / 1e6 / full_cpu, full_bytes / 1e6 / full_secs, full_bytes / 1e6);
  std::printf("rss: current %ld MB, peak %ld MB\n", RssMb(), PeakRssMb());
  return 0;
}
