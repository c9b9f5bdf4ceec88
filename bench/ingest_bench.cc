// Ingest throughput on a real broker: generates a synthetic corpus (seed
// paragraphs recombined into articles and comment threads), loads it into
// the raw topics, runs tidings-ingest over it and times until every
// document is on tidings.documents. Prints documents/s and MB/s for the
// load and for ingest, and the machine. Never fails on time.
//
//   bench/run_ingest_bench.sh [--docs N]     starts a broker and runs this
//   tidings-ingest-bench --brokers H:P [--docs N] [--prefix P]
#include <fcntl.h>
#include <signal.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include <CLI/CLI.hpp>

#include "bench/corpus.h"
#include "ingest/processor.h"
#include "proto/json_codec.h"
#include "runtime/kafka.h"

namespace {

using Clock = std::chrono::steady_clock;

std::string Machine() {
  std::ifstream cpu("/proc/cpuinfo");
  std::string line, model = "?";
  while (std::getline(cpu, line))
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  return std::to_string(std::thread::hardware_concurrency()) + " hardware threads, " + model;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"tidings ingest throughput on a real broker"};
  std::string brokers = "127.0.0.1:9092", prefix, ingest_bin;
  int docs = 100000;
  std::string batch = "5000";
  app.add_option("--brokers", brokers);
  app.add_option("--docs", docs, "documents to generate (>= 100000 for the published figure)");
  app.add_option("--prefix", prefix, "topic prefix (default: a fresh one)");
  app.add_option("--batch", batch, "tidings-ingest batch_max_records (records per transaction)");
  app.add_option("--ingest-bin", ingest_bin, "tidings-ingest executable (default: beside this one)");
  CLI11_PARSE(app, argc, argv);
  if (prefix.empty()) prefix = "bench" + std::to_string(getpid()) + "-";
  if (ingest_bin.empty()) ingest_bin = std::filesystem::path(argv[0]).parent_path() / "tidings-ingest";

  tidings::runtime::KafkaOptions ko;
  ko.brokers = brokers;
  if (auto st = tidings::runtime::CreateTopics(ko, tidings::runtime::StandardTopics(prefix), 30000);
      !st.ok()) {
    std::fprintf(stderr, "ingest-bench: %s\n", st.ToString().c_str());
    return 1;
  }

  // 1. A synthetic corpus: one article per 20 documents, comments replying
  // to the article or an earlier comment of the thread.
  tidings::bench::CorpusOptions co;
  co.docs = docs;
  std::vector<std::pair<std::string, std::string>> records;  // topic, json
  std::vector<std::string> keys;
  size_t bytes = 0;
  for (const auto& d : tidings::bench::SyntheticCorpus(co)) {
    std::string json = tidings::proto::DocumentToJson(d);
    bytes += json.size();
    records.emplace_back(prefix + tidings::bench::RawTopic(d), json);
    keys.push_back(tidings::bench::RawKey(d));
  }

  // 2. The processing core alone, in process (no Kafka): what one ingest
  // thread can do.
  double core_s = 0;
  {
    tidings::ingest::LruDedupStore dedup;
    tidings::ingest::SystemClock clock;
    tidings::ingest::Processor proc({}, dedup, clock);
    auto c0 = Clock::now();
    int published = 0;
    for (size_t i = 0; i < records.size(); ++i) {
      tidings::ingest::Record r{records[i].first, 0, static_cast<int64_t>(i), keys[i], records[i].second,
                                {{"content-type", "application/json"}}};
      auto o = proc.Process(r);
      if (auto* p = std::get_if<tidings::ingest::Publish>(&o)) {
        std::string bytes = p->doc.SerializeAsString();
        published += !bytes.empty();
      }
    }
    core_s = std::chrono::duration<double>(Clock::now() - c0).count();
    if (published != docs) std::fprintf(stderr, "ingest-bench: only %d of %d published in process\n", published, docs);
  }

  // 3. Load.
  auto producer = tidings::runtime::Producer::Create(ko);
  if (!producer.ok()) return 1;
  std::atomic<int> acked{0};
  auto t0 = Clock::now();
  for (size_t i = 0; i < records.size(); ++i) {
    if (!(*producer)
             ->Produce(records[i].first, keys[i], records[i].second, {{"content-type", "application/json"}},
                       [&](const tidings::Status& st, int32_t, int64_t) { acked += st.ok(); })
             .ok())
      return 1;
    if (i % 1000 == 0) (*producer)->Poll(0);
  }
  if (!(*producer)->Flush(300000).ok()) return 1;
  double load_s = std::chrono::duration<double>(Clock::now() - t0).count();

  // 4. Ingest it and time until everything is on tidings.documents.
  const std::string tmp = std::filesystem::temp_directory_path().string() + "/";
  std::string port_file = tmp + prefix + "ingest.port";
  pid_t pid = fork();
  if (pid == 0) {
    int fd = ::open((tmp + prefix + "ingest.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    execl(ingest_bin.c_str(), ingest_bin.c_str(), "--brokers", brokers.c_str(), "--topic_prefix", prefix.c_str(),
          "--group_id", (prefix + "ingest").c_str(), "--transactional_id", (prefix + "ingest").c_str(),
          "--metrics_port", "0", "--log_level", "warn", "--batch_max_records", batch.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  auto t1 = Clock::now();
  int64_t out = 0;
  auto c = tidings::runtime::Consumer::Create(ko, prefix + "bench-reader", {prefix + "tidings.documents"});
  if (!c.ok()) return 1;
  Clock::time_point first{}, last{};
  auto deadline = Clock::now() + std::chrono::minutes(20);
  while (out < docs && Clock::now() < deadline) {
    auto m = (*c)->Poll(200);
    if (m.ok() && m->has_value()) {
      if (out == 0) first = Clock::now();
      ++out;
      last = Clock::now();
    }
  }
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  double ingest_s = std::chrono::duration<double>(last - t1).count();

  std::printf("machine: %s\n", Machine().c_str());
  std::printf("corpus: %d documents (%d articles), %.1f MB of JSON\n", docs, (docs + 19) / 20, bytes / 1e6);
  std::printf("ingest core in process (parse, validate, NFC, hash, dedup, serialize; 1 thread): %.0f documents/s, "
              "%.1f MB/s\n",
              docs / core_s, bytes / 1e6 / core_s);
  std::printf("load (tidings.raw.*, idempotent producer): %.0f documents/s, %.1f MB/s (%.2f s)\n", docs / load_s,
              bytes / 1e6 / load_s, load_s);
  std::printf("tidings-ingest batch_max_records %s\n", batch.c_str());
  std::printf("ingest (validate, normalise, dedup, transactional publish; start-up included): %lld of %d documents, "
              "%.0f documents/s, %.1f MB/s (%.2f s)\n",
              static_cast<long long>(out), docs, out / ingest_s, bytes / 1e6 / ingest_s, ingest_s);
  std::printf("ingest steady state (first to last output): %.0f documents/s\n",
              out / std::max(1e-9, std::chrono::duration<double>(last - first).count()));
  return out == docs ? 0 : 1;
}
