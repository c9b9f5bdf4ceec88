// The pipeline end to end against a bare three-hop transactional copy, in
// one series on one broker (issue 12): the same synthetic corpus goes
// through
//   tidings:   raw -> tidings-ingest -> tidings-enrich -> tidings-store (RocksDB)
//   bare copy: raw -> copier -> copier -> copier (sink topic)
// where each copier is this program's `copy` mode: consume, produce and
// commit the consumer offsets in one transaction per batch (5,000 records or
// 100 ms, read_committed, the daemons' producer settings from
// runtime/kafka.h). Rounds alternate the two, K times. Prints per run the
// documents/s, CPU per 1,000 documents per process (the broker's too, when
// its pid is given) and peak RSS; then the enrich engine's own CPU per
// 1,000 documents on the same corpus in process, and produce -> stored
// latency at 20% and 50% of the measured maximum rate (or of --max-rate,
// which skips the throughput runs), split by hop from the records' own
// timestamps, for tidings and, as its floor, for the bare copy at the same
// rates (and at 50% of the copy's own maximum). Never fails on time. The
// last line is machine-readable.
//
//   bench/pipeline [--docs N] [--rounds K]        starts a broker and runs this
//   tidings-pipeline-bench --brokers H:P [--docs N] [--rounds K] [--ordered]
//                          [--broker-pid PID] [--latency-seconds S] [--latency-warmup W] [--max-rate R]
//                          [--daemon-arg NAME=ARG ...]
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <thread>
#include <tuple>
#include <unordered_map>

#include <CLI/CLI.hpp>

#include "bench/corpus.h"
#include "bench/http_get.h"
#include "enrich/engine.h"
#include "proto/json_codec.h"
#include "runtime/kafka.h"
#include "runtime/logging.h"

extern char** environ;

namespace {

namespace rt = tidings::runtime;
namespace v1 = tidings::v1;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// ---- child processes --------------------------------------------------------

pid_t Spawn(const std::vector<std::string>& args, const std::string& log) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&fa);
  return pid;
}

// Exit status, or -1 when still running after the timeout.
int WaitExit(pid_t pid, std::chrono::milliseconds timeout) {
  const auto end = Clock::now() + timeout;
  for (;;) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (Clock::now() >= end) return -1;
    std::this_thread::sleep_for(20ms);
  }
}

void Stop(pid_t pid) {
  if (pid <= 0) return;
  kill(pid, SIGTERM);
  if (WaitExit(pid, 30s) < 0) {
    kill(pid, SIGKILL);
    WaitExit(pid, 10s);
  }
}

struct ProcStats {
  double cpu_s = 0;
  long hwm_mb = 0;
};

// CPU seconds (user + system) and peak RSS of a live process.
ProcStats Stats(pid_t pid) {
  ProcStats s;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string all((std::istreambuf_iterator<char>(stat)), {});
  auto rp = all.rfind(')');
  if (rp != std::string::npos) {
    std::istringstream in(all.substr(rp + 2));
    std::string f;
    unsigned long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && in >> f; ++i) {
      if (i == 14) utime = std::stoull(f);
      if (i == 15) stime = std::stoull(f);
    }
    s.cpu_s = static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
  }
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) s.hwm_mb = std::atol(line.c_str() + 6) / 1024;
  return s;
}

double ThreadCpuSecs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// ---- a daemon's metrics -----------------------------------------------------

// Sum of a metric's samples whose line contains `label`.
double Metric(int port, const std::string& name, const std::string& label = "") {
  std::istringstream in(tidings::bench::HttpGet(port, "/metrics").body);
  double sum = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(name, 0) != 0 || line.find(label) == std::string::npos) continue;
    if (line.size() > name.size() && line[name.size()] != '{' && line[name.size()] != ' ') continue;
    sum += std::atof(line.c_str() + line.rfind(' ') + 1);
  }
  return sum;
}

// ---- copy mode: one hop of the bare transactional copy ----------------------

struct CopyArgs {
  std::string brokers, from, to, group, txn_id;
  size_t expect = 0;
  int batch_records = 5000;
  int batch_ms = 100;
  // Close a batch as soon as nothing more is buffered (as the stages do,
  // runtime/stage.cc) instead of collecting for batch_ms: the latency runs.
  bool idle_close = false;
};

std::vector<rt::TopicPartition> NextOffsets(const std::vector<rt::Message>& batch) {
  std::map<std::pair<std::string, int32_t>, int64_t> next;
  for (const auto& m : batch) {
    auto& n = next[{m.topic, m.partition}];
    n = std::max(n, m.offset + 1);
  }
  std::vector<rt::TopicPartition> out;
  for (const auto& [tp, off] : next) out.push_back({tp.first, tp.second, off});
  return out;
}

tidings::Status CopyBatch(rt::Producer& p, rt::Consumer& c, const CopyArgs& a, const std::vector<rt::Message>& batch) {
  if (auto st = p.BeginTransaction(); !st.ok()) return st;
  for (const auto& m : batch)
    if (auto st = p.Produce(a.to, m.key, m.value, m.headers, nullptr); !st.ok()) return st;
  if (auto st = p.SendOffsetsToTransaction(NextOffsets(batch), c.raw(), 30000); !st.ok()) return st;
  return p.CommitTransaction(30000);
}

int CopyMain(const CopyArgs& a) {
  rt::KafkaOptions ko;
  ko.brokers = a.brokers;
  std::vector<std::string> topics;
  std::stringstream ss(a.from);
  for (std::string t; std::getline(ss, t, ',');) topics.push_back(t);
  auto consumer = rt::Consumer::Create(ko, a.group, topics);
  auto producer = rt::Producer::Create(ko, a.txn_id);
  if (!consumer.ok() || !producer.ok() || !(*producer)->InitTransactions(30000).ok()) {
    std::fprintf(stderr, "copy: cannot create the Kafka clients\n");
    return 1;
  }
  size_t copied = 0;
  while (copied < a.expect) {
    std::vector<rt::Message> batch;
    const auto end = Clock::now() + std::chrono::milliseconds(a.batch_ms);
    while (static_cast<int>(batch.size()) < a.batch_records && Clock::now() < end) {
      auto m = (*consumer)->Poll(a.idle_close && !batch.empty() ? 0 : 10);
      if (!m.ok()) return 1;
      if (*m) batch.push_back(std::move(**m));
      else if (a.idle_close && !batch.empty()) break;
    }
    if (batch.empty()) continue;
    if (auto st = CopyBatch(**producer, **consumer, a, batch); !st.ok()) {
      std::fprintf(stderr, "copy: %s\n", st.ToString().c_str());
      return 1;
    }
    copied += batch.size();
  }
  std::printf("copied %zu\n", copied);
  (*consumer)->Close();
  return 0;
}

// ---- one run of either system ------------------------------------------------

struct Setup {
  std::string brokers, bin_dir, work_dir;
  pid_t broker_pid = -1;
  // Extra command-line arguments per daemon ("ingest", "enrich", "store").
  std::map<std::string, std::vector<std::string>> daemon_args;
  // tidings-enrich processes in one consumer group (issue 12 item 5).
  int enrich_instances = 1;
};

struct RunResult {
  std::string system;
  double secs = 0;
  double docs_per_s = 0;
  std::map<std::string, ProcStats> procs;  // CPU over the run, peak RSS
  bool complete = false;
};

tidings::Status Load(const Setup& s, const std::string& prefix, const std::vector<v1::Document>& docs) {
  rt::KafkaOptions ko;
  ko.brokers = s.brokers;
  auto p = rt::Producer::Create(ko);
  if (!p.ok()) return p.status();
  for (const auto& d : docs) {
    const std::string json = tidings::proto::DocumentToJson(d);
    if (auto st = (*p)->Produce(prefix + tidings::bench::RawTopic(d), tidings::bench::RawKey(d), json, {}, nullptr);
        !st.ok())
      return st;
  }
  return (*p)->Flush(120000);
}

// The name of the i-th tidings-enrich process (1-based): "enrich", "enrich2", ...
std::string EnrichInstanceName(int i) { return i == 1 ? "enrich" : "enrich" + std::to_string(i); }

// `name`: the process's name in the figures, the daemon's ("enrich") or,
// for a second instance of it, with its number ("enrich2"): one group, its
// own transactional id, state directory and metrics port.
std::vector<std::string> DaemonArgs(const Setup& s, const std::string& daemon, const std::string& name,
                                    const std::string& prefix) {
  std::vector<std::string> a = {s.bin_dir + "/tidings-" + daemon, "--brokers", s.brokers, "--topic_prefix", prefix,
                                "--group_id", prefix + daemon, "--metrics_port", "0", "--metrics_port_file",
                                s.work_dir + "/" + prefix + name + ".port", "--log_level", "warn"};
  if (daemon == "store") a.insert(a.end(), {"--db_path", s.work_dir + "/" + prefix + "db", "--api_port", "0"});
  else a.insert(a.end(), {"--transactional_id", prefix + name});
  if (daemon == "enrich") a.insert(a.end(), {"--state_dir", s.work_dir + "/" + prefix + name + "-state"});
  if (auto it = s.daemon_args.find(daemon); it != s.daemon_args.end())
    a.insert(a.end(), it->second.begin(), it->second.end());
  return a;
}

int WaitPort(const std::string& file, pid_t pid) {
  for (int i = 0; i < 1200; ++i) {
    std::ifstream in(file);
    int port = 0;
    if (in >> port && port > 0 && tidings::bench::HttpGet(port, "/readyz").status == 200) return port;
    if (waitpid(pid, nullptr, WNOHANG) == pid) return -1;
    std::this_thread::sleep_for(100ms);
  }
  return -1;
}

// Starts the named processes; returns their pids.
using Procs = std::vector<std::pair<std::string, pid_t>>;

void Measure(const Setup& s, const Procs& procs, const std::map<std::string, double>& cpu0, RunResult& r) {
  for (const auto& [name, pid] : procs) {
    ProcStats st = Stats(pid);
    st.cpu_s -= cpu0.at(name);
    r.procs[name] = st;
  }
  if (s.broker_pid > 0) {
    ProcStats b = Stats(s.broker_pid);
    b.cpu_s -= cpu0.at("broker");
    r.procs["broker"] = b;
  }
}

std::map<std::string, double> CpuNow(const Setup& s, const Procs& procs) {
  std::map<std::string, double> out;
  for (const auto& [name, pid] : procs) out[name] = Stats(pid).cpu_s;
  if (s.broker_pid > 0) out["broker"] = Stats(s.broker_pid).cpu_s;
  return out;
}

// Starts the three daemons on `prefix` and waits until each is ready;
// returns the store's metrics port.
int StartTidings(const Setup& s, const std::string& prefix, Procs& procs) {
  int store_port = -1;
  std::vector<std::pair<std::string, std::string>> daemons = {{"ingest", "ingest"}};  // (daemon, name)
  for (int i = 1; i <= s.enrich_instances; ++i)
    daemons.emplace_back("enrich", EnrichInstanceName(i));
  daemons.emplace_back("store", "store");
  // Instances of one daemon start together and become ready together
  // (ready: assigned its share of the partitions).
  std::vector<std::pair<std::string, pid_t>> started;
  auto wait_started = [&] {
    for (const auto& [name, pid] : started) {
      const int port = WaitPort(s.work_dir + "/" + prefix + name + ".port", pid);
      if (port < 0) std::fprintf(stderr, "pipeline-bench: %s did not become ready\n", name.c_str());
      if (name == "store") store_port = port;
    }
    started.clear();
  };
  for (size_t i = 0; i < daemons.size(); ++i) {
    const auto& [daemon, name] = daemons[i];
    pid_t pid = Spawn(DaemonArgs(s, daemon, name, prefix), s.work_dir + "/" + prefix + name + ".log");
    procs.emplace_back(name, pid);
    started.emplace_back(name, pid);
    if (i + 1 == daemons.size() || daemons[i + 1].first != daemon) wait_started();
  }
  return store_port;
}

// What the enricher did with its input: comments that waited for their
// parent, or (before the thread join) were re-sent behind it.
void PrintEnrichRecords(const Setup& s, const std::string& prefix) {
  double enriched = 0, waiting = 0, resent = 0, released = 0;
  bool any = false;
  for (int i = 1; i <= s.enrich_instances; ++i) {
    int ep = 0;
    std::ifstream(s.work_dir + "/" + prefix + EnrichInstanceName(i) + ".port") >> ep;
    if (ep <= 0) continue;
    any = true;
    enriched += Metric(ep, "tidings_enrich_records_total", "\"enriched\"");
    waiting += Metric(ep, "tidings_enrich_records_total", "\"waiting\"");
    resent += Metric(ep, "tidings_enrich_records_total", "\"deferred\"");
    released += Metric(ep, "tidings_enrich_released_total");
  }
  if (any)
    std::printf("  enrich records: enriched %.0f, waiting %.0f, re-sent %.0f; comments released %.0f\n", enriched,
                waiting, resent, released);
}

// The stages' transactions: records per transaction and the mean time of
// each step (tidings_<stage>_transaction_seconds), warm-up included; the
// store's batches and their RocksDB writes.
void PrintTransactionSteps(const Setup& s, const std::string& prefix) {
  for (const std::string stage : {"ingest", "enrich"}) {
    int port = 0;
    std::ifstream(s.work_dir + "/" + prefix + (stage == "enrich" ? EnrichInstanceName(1) : stage) + ".port") >> port;
    if (port <= 0) continue;
    const std::string steps = "tidings_" + stage + "_transaction_seconds";
    const double n = Metric(port, steps + "_count", "\"commit\"");
    if (n <= 0) continue;
    std::printf("  %s: %.0f transactions, %.1f records each; ms per transaction: process %.1f, send offsets %.1f, "
                "commit %.1f\n",
                stage.c_str(), n, Metric(port, "tidings_" + stage + "_batch_records_sum") / n,
                Metric(port, steps + "_sum", "\"process\"") * 1e3 / n,
                Metric(port, steps + "_sum", "\"send_offsets\"") * 1e3 / n,
                Metric(port, steps + "_sum", "\"commit\"") * 1e3 / n);
  }
  int port = 0;
  std::ifstream(s.work_dir + "/" + prefix + "store.port") >> port;
  const double writes = port > 0 ? Metric(port, "tidings_store_write_batch_seconds_count") : 0;
  if (writes > 0)
    std::printf("  store: %.0f batches, %.1f records each; ms per batch: write %.1f\n", writes,
                Metric(port, "tidings_store_records_total") / writes,
                Metric(port, "tidings_store_write_batch_seconds_sum") * 1e3 / writes);
}

RunResult RunTidings(const Setup& s, const std::string& prefix, const std::vector<v1::Document>& docs) {
  RunResult r;
  r.system = "tidings";
  Procs procs;
  const int store_port = StartTidings(s, prefix, procs);
  const auto cpu0 = CpuNow(s, procs);
  const auto t0 = Clock::now();
  if (auto st = Load(s, prefix, docs); !st.ok()) std::fprintf(stderr, "pipeline-bench: load: %s\n", st.ToString().c_str());
  while (Since(t0) < 1800) {
    if (Metric(store_port, "tidings_store_records_total", "stored") >= static_cast<double>(docs.size())) {
      r.complete = true;
      break;
    }
    std::this_thread::sleep_for(50ms);
  }
  r.secs = Since(t0);
  Measure(s, procs, cpu0, r);
  PrintEnrichRecords(s, prefix);
  for (const auto& [name, pid] : procs) Stop(pid);
  std::filesystem::remove_all(s.work_dir + "/" + prefix + "db");
  return r;
}

// Starts the three copiers on `prefix` (raw -> documents -> enriched ->
// bench.sink), each exiting after `expect` records, and gives them 3 s to
// join their groups.
Procs StartCopiers(const Setup& s, const std::string& prefix, size_t expect, bool idle_close) {
  const std::vector<std::array<std::string, 3>> hops = {
      {"hop1", prefix + "tidings.raw.articles," + prefix + "tidings.raw.comments", prefix + "tidings.documents"},
      {"hop2", prefix + "tidings.documents", prefix + "tidings.enriched"},
      {"hop3", prefix + "tidings.enriched", prefix + "bench.sink"}};
  Procs procs;
  for (const auto& h : hops) {
    std::vector<std::string> args = {s.bin_dir + "/tidings-pipeline-bench", "copy", "--brokers", s.brokers, "--from",
                                     h[1], "--to", h[2], "--group", prefix + h[0], "--txn-id", prefix + h[0],
                                     "--expect", std::to_string(expect)};
    if (idle_close) args.emplace_back("--idle-close");
    procs.emplace_back(h[0], Spawn(args, s.work_dir + "/" + prefix + h[0] + ".log"));
  }
  std::this_thread::sleep_for(3s);
  return procs;
}

RunResult RunCopy(const Setup& s, const std::string& prefix, const std::vector<v1::Document>& docs) {
  RunResult r;
  r.system = "copy";
  Procs procs = StartCopiers(s, prefix, docs.size(), /*idle_close=*/false);
  const auto cpu0 = CpuNow(s, procs);
  const auto t0 = Clock::now();
  if (auto st = Load(s, prefix, docs); !st.ok()) std::fprintf(stderr, "pipeline-bench: load: %s\n", st.ToString().c_str());
  // Each copier exits once it has copied every record: sample them while
  // they live (a finished process has no memory figures left).
  std::map<std::string, ProcStats> last;
  while (Since(t0) < 1800) {
    for (const auto& [name, pid] : procs) {
      ProcStats now = Stats(pid);
      if (now.hwm_mb > 0) last[name] = now;
    }
    if (waitpid(procs[2].second, nullptr, WNOHANG) == procs[2].second) {
      r.complete = true;
      break;
    }
    std::this_thread::sleep_for(20ms);
  }
  r.secs = Since(t0);
  if (s.broker_pid > 0) {
    r.procs["broker"] = Stats(s.broker_pid);
    r.procs["broker"].cpu_s -= cpu0.at("broker");
  }
  for (auto& [name, st] : last) {
    st.cpu_s -= cpu0.at(name);
    r.procs[name] = st;
  }
  Procs live(procs.begin(), procs.begin() + 2);
  for (const auto& [name, pid] : live) Stop(pid);
  return r;
}

// ---- the enrich engine alone, in process ----------------------------------

// The engine as the enrich daemon builds it: its --stance_model from
// --daemon-arg enrich=--stance_model=X, the defaults otherwise.
tidings::enrich::EngineOptions DaemonEngineOptions(const Setup& s) {
  tidings::enrich::EngineOptions eo;
  constexpr std::string_view kStance = "--stance_model=";
  if (auto it = s.daemon_args.find("enrich"); it != s.daemon_args.end())
    for (const auto& arg : it->second)
      if (arg.rfind(kStance, 0) == 0) eo.stance_model = arg.substr(kStance.size());
  return eo;
}

double EngineCpuMsPer1k(const std::vector<v1::Document>& docs, const tidings::enrich::EngineOptions& eo) {
  auto engine = tidings::enrich::Engine::Create(eo);
  if (!engine.ok()) return -1;
  std::unordered_map<std::string, tidings::enrich::ThreadDoc> context;
  const double c0 = ThreadCpuSecs();
  for (const auto& d : docs) {
    tidings::enrich::ThreadContext ctx;
    auto find = [&](const std::string& id) -> const tidings::enrich::ThreadDoc* {
      auto it = context.find(id);
      return it == context.end() ? nullptr : &it->second;
    };
    ctx.parent = find(d.parent_id());
    ctx.root = find(d.thread_id());
    auto r = (*engine)->Enrich(d, ctx);
    if (r.ok()) context.emplace(d.id(), tidings::enrich::ThreadDoc::Of(*r));
  }
  return (ThreadCpuSecs() - c0) * 1000.0 / (static_cast<double>(docs.size()) / 1000.0);
}

// ---- produce -> stored latency at a fixed rate -----------------------------

// One hop's share of the latency: p50 and p99 in ms.
struct Hop {
  double p50 = -1, p99 = -1;
};

// The two systems a latency run can measure.
enum class System { kTidings, kCopy };

struct Latency {
  double rate = 0, p50 = -1, p95 = -1, p99 = -1;
  size_t stored = 0, sent = 0;
  // The same over every document, the warm-up's included.
  double all_p50 = -1, all_p99 = -1;
  // p50 of the documents sent in each second of the run.
  std::vector<double> p50_by_second;
  // Where the time went, from the records' own timestamps (each stage's or
  // copier's produce() call): sent -> the first hop's output, first -> second
  // hop's output, second hop's output -> stored. For tidings the hops are
  // ingest, enrich and the store; for the copy, its three copiers.
  std::array<Hop, 3> hops;
};

double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

Hop HopOf(const std::vector<double>& ms) { return {Percentile(ms, 0.50), Percentile(ms, 0.99)}; }

int64_t WallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// What a topic's values are: the stages' protobuf, or in the bare copy the
// raw JSON copied as it was sent.
enum class Values { kDocument, kEnriched, kRawJson };

// Document id -> timestamp (producer's CreateTime, Unix ms) of the records
// of `topic`.
std::unordered_map<std::string, int64_t> RecordTimes(const Setup& s, const std::string& topic, Values values) {
  rt::KafkaOptions ko;
  ko.brokers = s.brokers;
  std::unordered_map<std::string, int64_t> out;
  (void)rt::ReadTopic(
      ko, topic,
      [&](const rt::Message& m) {
        if (values == Values::kEnriched) {
          v1::EnrichedDocument d;
          if (d.ParseFromString(m.value)) out.emplace(d.document().id(), m.timestamp_ms);
        } else if (values == Values::kDocument) {
          v1::Document d;
          if (d.ParseFromString(m.value)) out.emplace(d.id(), m.timestamp_ms);
        } else if (auto d = tidings::proto::ParseDocumentJson(m.value); d.ok()) {
          out.emplace(d->id(), m.timestamp_ms);
        }
        return true;
      },
      30000);
  return out;
}

// Splits the latency of the documents sent at `sent_ms` (Unix ms, by index
// of the corpus) and stored at `stored_ms` (k-th stored, Unix ms) by hop,
// leaving out the first `skip` documents (the warm-up). Both systems write
// the first two hops' output to `tidings.documents` and `tidings.enriched`.
// The last hop matches the k-th stored with the k-th second hop's output in
// time order (the same first-in, first-out approximation as the total).
void SplitByHop(const Setup& s, const std::string& prefix, System system, const std::vector<v1::Document>& docs,
                const std::vector<int64_t>& sent_ms, const std::vector<int64_t>& stored_ms, size_t count,
                size_t skip, Latency& out) {
  const bool copy = system == System::kCopy;
  const auto first = RecordTimes(s, prefix + "tidings.documents", copy ? Values::kRawJson : Values::kDocument);
  const auto second = RecordTimes(s, prefix + "tidings.enriched", copy ? Values::kRawJson : Values::kEnriched);
  std::array<std::vector<double>, 3> hop;
  std::vector<int64_t> second_ms;
  for (size_t i = 0; i < docs.size(); ++i) {
    auto a = first.find(docs[i].id());
    auto b = second.find(docs[i].id());
    if (b != second.end()) second_ms.push_back(b->second);
    if (i < skip) continue;
    if (a != first.end()) hop[0].push_back(static_cast<double>(a->second - sent_ms[i]));
    if (a != first.end() && b != second.end()) hop[1].push_back(static_cast<double>(b->second - a->second));
  }
  std::sort(second_ms.begin(), second_ms.end());
  for (size_t k = skip; k < std::min(count, second_ms.size()); ++k)
    hop[2].push_back(static_cast<double>(stored_ms[k] - second_ms[k]));
  for (size_t h = 0; h < 3; ++h) out.hops[h] = HopOf(hop[h]);
}

// The part of a latency run both systems share: sends `docs` (threads in
// order) at `rate` to the raw topics of `prefix` and times when
// `stored_count()`, sampled every 2 ms, passes each one. The k-th document
// sent is taken as the k-th stored (first in, first out: an approximation
// when partitions interleave, exact in order of magnitude). The
// percentiles are of the documents after the first `skip` (the warm-up):
// the first transactions on fresh topics take seconds (the coordinator's
// first markers on each partition), and the backlog they leave takes a
// while to drain.
Latency TimeDelivery(const Setup& s, const std::string& prefix, System system, const std::vector<v1::Document>& docs,
                     double rate, size_t skip, const std::function<size_t()>& stored_count) {
  Latency out;
  out.rate = rate;
  rt::KafkaOptions ko;
  ko.brokers = s.brokers;
  auto producer = rt::Producer::Create(ko);
  std::vector<Clock::time_point> sent(docs.size()), stored(docs.size());
  std::vector<int64_t> sent_ms(docs.size()), stored_ms(docs.size());
  std::atomic<bool> done{false};
  std::atomic<size_t> count{0};
  std::thread sampler([&] {
    const auto end = Clock::now() + std::chrono::duration<double>(static_cast<double>(docs.size()) / rate + 60);
    while (!done && Clock::now() < end) {
      const size_t c = stored_count();
      const auto now = Clock::now();
      const int64_t now_ms = WallMs();
      for (size_t k = count; k < std::min(c, docs.size()); ++k) {
        stored[k] = now;
        stored_ms[k] = now_ms;
      }
      if (c > count) count = std::min(c, docs.size());
      if (count == docs.size()) break;
      std::this_thread::sleep_for(2ms);
    }
  });
  const auto t0 = Clock::now();
  for (size_t i = 0; producer.ok() && i < docs.size(); ++i) {
    std::this_thread::sleep_until(t0 + std::chrono::duration<double>(static_cast<double>(i) / rate));
    sent[i] = Clock::now();
    sent_ms[i] = WallMs();
    (void)(*producer)->Produce(prefix + tidings::bench::RawTopic(docs[i]), tidings::bench::RawKey(docs[i]),
                               tidings::proto::DocumentToJson(docs[i]), {}, nullptr);
    (*producer)->Poll(0);
  }
  if (producer.ok()) (void)(*producer)->Flush(30000);
  sampler.join();
  done = true;
  std::vector<double> all, ms;
  std::vector<std::vector<double>> by_second;
  for (size_t k = 0; k < count; ++k) {
    const double v = std::chrono::duration<double, std::milli>(stored[k] - sent[k]).count();
    all.push_back(v);
    if (k >= skip) ms.push_back(v);
    const auto second = static_cast<size_t>(std::chrono::duration<double>(sent[k] - t0).count());
    if (by_second.size() <= second) by_second.resize(second + 1);
    by_second[second].push_back(v);
  }
  out.p50 = Percentile(ms, 0.50);
  out.p95 = Percentile(ms, 0.95);
  out.p99 = Percentile(ms, 0.99);
  out.all_p50 = Percentile(all, 0.50);
  out.all_p99 = Percentile(all, 0.99);
  for (const auto& v : by_second) out.p50_by_second.push_back(Percentile(v, 0.50));
  out.stored = count;
  out.sent = docs.size();
  SplitByHop(s, prefix, system, docs, sent_ms, stored_ms, count, skip, out);
  return out;
}

// Produce -> stored latency at a fixed rate for `warmup` + `seconds`, the
// first `warmup` seconds not counted.
//   tidings: "stored" is the store's tidings_store_records_total{stored}
//     passing the document (written to RocksDB, read read_committed from
//     tidings.enriched).
//   copy: "stored" is a read_committed consumer of the sink topic having
//     received the record: the copy's end, visible after its last
//     transaction's markers, counted as it arrives just as the store's
//     counter is (the sink records' timestamps would be the last copier's
//     produce() call, before its transaction commits, so they would leave
//     out the last commit that the store's counter includes). The copiers
//     close a batch as soon as nothing more is buffered, as the stages do.
//     The copy makes three transactions where tidings makes two and the
//     store a RocksDB write, so its last hop costs a commit the store's
//     does not.
Latency MeasureLatency(const Setup& s, const std::string& prefix, System system, double rate, double seconds,
                       double warmup) {
  tidings::bench::CorpusOptions co;
  co.docs = std::max(1, static_cast<int>(rate * (warmup + seconds)));
  const auto skip = std::min(static_cast<size_t>(rate * warmup), static_cast<size_t>(co.docs - 1));
  co.id_prefix = "l";
  const auto docs = tidings::bench::SyntheticCorpus(co);
  Latency out;
  if (system == System::kTidings) {
    Procs procs;
    const int store_port = StartTidings(s, prefix, procs);
    out = TimeDelivery(s, prefix, system, docs, rate, skip, [&] {
      return static_cast<size_t>(Metric(store_port, "tidings_store_records_total", "stored"));
    });
    PrintEnrichRecords(s, prefix);
    PrintTransactionSteps(s, prefix);
    for (const auto& [name, pid] : procs) Stop(pid);
    std::filesystem::remove_all(s.work_dir + "/" + prefix + "db");
    return out;
  }
  rt::KafkaOptions ko;
  ko.brokers = s.brokers;
  std::atomic<bool> assigned{false}, stop{false};
  std::atomic<size_t> arrived{0};
  rt::Consumer::Hooks hooks;
  hooks.on_assigned = [&](const std::vector<rt::TopicPartition>&) { assigned = true; };
  auto sink = rt::Consumer::Create(ko, prefix + "sink-reader", {prefix + "bench.sink"}, hooks);
  std::thread reader([&] {
    while (sink.ok() && !stop) {
      auto m = (*sink)->Poll(5);
      if (!m.ok()) break;
      if (*m) ++arrived;
    }
  });
  for (int i = 0; i < 300 && !assigned; ++i) std::this_thread::sleep_for(100ms);
  Procs procs = StartCopiers(s, prefix, docs.size(), /*idle_close=*/true);
  out = TimeDelivery(s, prefix, system, docs, rate, skip, [&] { return arrived.load(); });
  stop = true;
  reader.join();
  if (sink.ok()) (*sink)->Close();
  for (const auto& [name, pid] : procs) Stop(pid);
  return out;
}

// ---- the series and its report -----------------------------------------------

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double CpuMsPer1k(const RunResult& r, const std::string& proc, size_t docs) {
  auto it = r.procs.find(proc);
  return it == r.procs.end() ? 0 : it->second.cpu_s * 1e3 / (static_cast<double>(docs) / 1e3);
}

// All the enrich instances' CPU together (enrich, enrich2, ...).
double EnrichCpuMsPer1k(const RunResult& r, size_t docs) {
  double ms = 0;
  for (const auto& [name, st] : r.procs)
    if (name.rfind("enrich", 0) == 0) ms += CpuMsPer1k(r, name, docs);
  return ms;
}

void PrintRun(int round, const RunResult& r, size_t docs) {
  std::printf("round %d %-7s %7.1f s %8.0f docs/s%s  CPU ms per 1k docs:", round, r.system.c_str(), r.secs,
              r.docs_per_s, r.complete ? "" : " (INCOMPLETE)");
  double total = 0;
  for (const auto& [name, st] : r.procs) {
    const double ms = CpuMsPer1k(r, name, docs);
    total += ms;
    std::printf(" %s %.1f", name.c_str(), ms);
  }
  std::printf(" total %.1f  peak RSS MB:", total);
  for (const auto& [name, st] : r.procs) std::printf(" %s %ld", name.c_str(), st.hwm_mb);
  std::printf("\n");
  std::fflush(stdout);
}

struct Args {
  Setup setup;
  int docs = 100000;
  int rounds = 3;
  bool ordered = false;
  double latency_seconds = 20;
  double latency_warmup = 5;
  // > 0: no throughput runs; the latency runs take this as the maximum rate.
  double max_rate = 0;
  // Throughput runs only (e.g. to compare CPU per document).
  bool no_latency = false;
};

int Series(const Args& a) {
  tidings::bench::CorpusOptions co;
  co.docs = a.docs;
  co.shuffle = !a.ordered;
  const auto docs = tidings::bench::SyntheticCorpus(co);
  rt::KafkaOptions ko;
  ko.brokers = a.setup.brokers;
  std::printf("corpus: %zu documents (%s arrival order); machine: %u hardware threads\n", docs.size(),
              a.ordered ? "thread" : "random", std::thread::hardware_concurrency());
  std::vector<double> copy_dps, tid_dps, enrich_cpu;
  long rss_max = 0;
  const std::string run_id = std::to_string(getpid());
  for (int round = 1; a.max_rate <= 0 && round <= a.rounds; ++round) {
    for (int k = 0; k < 2; ++k) {
      const bool tidings_first = round % 2 == 0;
      const bool is_tidings = (k == 0) == tidings_first;
      const std::string prefix = "p" + run_id + "r" + std::to_string(round) + (is_tidings ? "t-" : "c-");
      auto topics = rt::StandardTopics(prefix);
      topics.emplace_back(prefix + "bench.sink", 6);
      if (auto st = rt::CreateTopics(ko, topics, 30000); !st.ok()) {
        std::fprintf(stderr, "pipeline-bench: %s\n", st.ToString().c_str());
        return 1;
      }
      RunResult r = is_tidings ? RunTidings(a.setup, prefix, docs) : RunCopy(a.setup, prefix, docs);
      r.docs_per_s = static_cast<double>(docs.size()) / r.secs;
      PrintRun(round, r, docs.size());
      (is_tidings ? tid_dps : copy_dps).push_back(r.docs_per_s);
      if (is_tidings) {
        enrich_cpu.push_back(EnrichCpuMsPer1k(r, docs.size()));
        for (const auto& [name, st] : r.procs)
          if (name != "broker") rss_max = std::max(rss_max, st.hwm_mb);
      }
    }
  }
  const size_t engine_docs = std::min<size_t>(docs.size(), 100000);
  const double engine =
      a.max_rate > 0 ? 0
                     : EngineCpuMsPer1k({docs.begin(), docs.begin() + static_cast<long>(engine_docs)},
                                        DaemonEngineOptions(a.setup));
  // The same documents with each thread in order: every comment has its
  // parent and root, as the enricher's thread join gives them (in arrival
  // order a comment read before its parent is enriched without it, which
  // costs the engine less).
  double engine_threaded = engine;
  if (a.max_rate <= 0 && !a.ordered) {
    co.shuffle = false;
    auto threaded = tidings::bench::SyntheticCorpus(co);
    threaded.resize(engine_docs);
    engine_threaded = EngineCpuMsPer1k(threaded, DaemonEngineOptions(a.setup));
  }
  if (a.max_rate <= 0)
    std::printf("enrich engine in process (same corpus, first %zu documents, one thread): %.1f CPU ms per 1k docs; "
                "each thread in order (every comment with its parent, as the thread join gives it): %.1f\n",
                engine_docs, engine, engine_threaded);
  const double max_rate = a.max_rate > 0 ? a.max_rate : Median(tid_dps);
  const double copy_max = a.max_rate > 0 ? 0 : Median(copy_dps);
  // Tidings at 20% and 50% of its maximum; the bare copy at the same rates
  // on the same broker (the floor: what the broker's transactions alone
  // cost at that load), then at 50% of its own maximum (issue 12's target
  // applied to the copy; only when the throughput runs measured it).
  struct LatencyRun {
    System system;
    int pct;
    bool of_copy_max;
  };
  std::vector<LatencyRun> runs = {{System::kTidings, 20, false},
                                  {System::kCopy, 20, false},
                                  {System::kTidings, 50, false},
                                  {System::kCopy, 50, false}};
  if (copy_max > 0) runs.push_back({System::kCopy, 50, true});
  if (a.no_latency) runs.clear();
  std::map<std::tuple<System, int, bool>, Latency> lat;
  for (const auto& run : runs) {
    const bool copy = run.system == System::kCopy;
    const std::string prefix =
        "p" + run_id + "l" + std::to_string(run.pct) + (copy ? (run.of_copy_max ? "o-" : "c-") : "t-");
    auto topics = rt::StandardTopics(prefix);
    if (copy) topics.emplace_back(prefix + "bench.sink", 6);
    if (!rt::CreateTopics(ko, topics, 30000).ok()) return 1;
    const double rate = (run.of_copy_max ? copy_max : max_rate) * run.pct / 100.0;
    const Latency l = MeasureLatency(a.setup, prefix, run.system, rate, a.latency_seconds, a.latency_warmup);
    lat[{run.system, run.pct, run.of_copy_max}] = l;
    std::printf("latency produce->%s at %d%% of %s max (%.0f docs/s, %zu of %zu %s): p50 %.0f ms, p95 %.0f ms, "
                "p99 %.0f ms\n",
                copy ? "sink, bare copy," : "stored, tidings,", run.pct, run.of_copy_max ? "the copy's" : "tidings'",
                l.rate, l.stored, l.sent, copy ? "arrived" : "stored", l.p50, l.p95, l.p99);
    std::printf("  with the first %.0f s (warm-up): p50 %.0f ms, p99 %.0f ms; p50 by second sent:", a.latency_warmup,
                l.all_p50, l.all_p99);
    for (double v : l.p50_by_second) std::printf(" %.0f", v);
    std::printf("\n");
    if (copy)
      std::printf("  by hop, p50 / p99: sent->hop1 %.0f / %.0f ms, hop1->hop2 %.0f / %.0f ms, "
                  "hop2->sink read %.0f / %.0f ms\n",
                  l.hops[0].p50, l.hops[0].p99, l.hops[1].p50, l.hops[1].p99, l.hops[2].p50, l.hops[2].p99);
    else
      std::printf("  by hop, p50 / p99: sent->ingested %.0f / %.0f ms, ingested->enriched %.0f / %.0f ms, "
                  "enriched->stored %.0f / %.0f ms\n",
                  l.hops[0].p50, l.hops[0].p99, l.hops[1].p50, l.hops[1].p99, l.hops[2].p50, l.hops[2].p99);
    std::fflush(stdout);
  }
  auto p99 = [&](System system, int pct, bool of_copy_max) {
    auto it = lat.find({system, pct, of_copy_max});
    return it == lat.end() ? -1.0 : it->second.p99;
  };
  std::printf("latency p50 / p99, tidings vs bare copy at the same rate:");
  for (int pct : {20, 50})
    std::printf(" %d%% %.0f / %.0f vs %.0f / %.0f ms%s", pct, lat[{System::kTidings, pct, false}].p50,
                p99(System::kTidings, pct, false), lat[{System::kCopy, pct, false}].p50, p99(System::kCopy, pct, false),
                pct == 20 ? ";" : "\n");
  const double ratio = Median(tid_dps) / std::max(1.0, Median(copy_dps));
  std::printf("median: tidings %.0f docs/s, bare copy %.0f docs/s\n", Median(tid_dps), Median(copy_dps));
  std::printf("ratio=%.2f docs_per_s=%.0f cpu_ms_per_1k_enrich=%.1f enrich_engine_cpu_ms_per_1k=%.1f rss_mb_max=%ld "
              "p99_ms_50pct=%.0f copy_p99_ms_50pct=%.0f copy_p99_ms_50pct_of_copy_max=%.0f "
              "enrich_engine_threaded_cpu_ms_per_1k=%.1f\n",
              ratio, Median(tid_dps), Median(enrich_cpu), engine, rss_max, p99(System::kTidings, 50, false),
              p99(System::kCopy, 50, false), p99(System::kCopy, 50, true), engine_threaded);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"tidings end to end against a bare three-hop transactional copy"};
  Args a;
  CopyArgs c;
  a.setup.bin_dir = std::filesystem::absolute(argv[0]).parent_path().string();
  app.add_option("--brokers", a.setup.brokers, "Kafka bootstrap servers (required for the series)");
  app.add_option("--docs", a.docs, "documents per run")->capture_default_str();
  app.add_option("--rounds", a.rounds, "rounds, each one run of both systems")->capture_default_str();
  app.add_flag("--ordered", a.ordered, "threads in order (default: random arrival order)");
  app.add_option("--broker-pid", a.setup.broker_pid, "the broker's pid, to count its CPU");
  app.add_option("--latency-seconds", a.latency_seconds, "length of each latency run (after its warm-up)")
      ->capture_default_str();
  app.add_option("--latency-warmup", a.latency_warmup,
                 "seconds sent at the rate before the measured ones (not counted: fresh daemons' first transactions)")
      ->capture_default_str();
  app.add_option("--max-rate", a.max_rate,
                 "skip the throughput runs: only the latency runs, at 20% and 50% of this many docs/s");
  app.add_flag("--no-latency", a.no_latency, "throughput runs only, no latency runs");
  app.add_option("--enrich-instances", a.setup.enrich_instances,
                 "tidings-enrich processes in one consumer group (their CPU is added up)")
      ->check(CLI::Range(1, 6))
      ->capture_default_str();
  app.add_option("--work-dir", a.setup.work_dir, "logs and stores (default: a new temporary directory)");
  std::vector<std::string> daemon_args;
  app.add_option("--daemon-arg", daemon_args,
                 "NAME=ARG: pass ARG to tidings-NAME (ingest, enrich, store); repeatable, e.g. "
                 "--daemon-arg store=--batch_max_ms=50");
  auto* copy = app.add_subcommand("copy", "one hop of the bare copy (used by the series)");
  copy->add_option("--brokers", c.brokers)->required();
  copy->add_option("--from", c.from, "comma-separated topics")->required();
  copy->add_option("--to", c.to)->required();
  copy->add_option("--group", c.group)->required();
  copy->add_option("--txn-id", c.txn_id)->required();
  copy->add_option("--expect", c.expect, "exit after copying this many records")->required();
  copy->add_flag("--idle-close", c.idle_close, "close a batch when nothing more is buffered (default: after 100 ms)");
  app.require_subcommand(0, 1);
  CLI11_PARSE(app, argc, argv);
  if (copy->parsed()) return CopyMain(c);
  for (const auto& d : daemon_args) {
    const auto eq = d.find('=');
    if (eq == std::string::npos) {
      std::fprintf(stderr, "pipeline-bench: --daemon-arg wants NAME=ARG, got '%s'\n", d.c_str());
      return 2;
    }
    a.setup.daemon_args[d.substr(0, eq)].push_back(d.substr(eq + 1));
  }
  // The latency runs' sink reader would log its rebalances between the figures.
  rt::InitLogging("pipeline-bench", "warn", rt::LogFormat::kText);
  if (a.setup.brokers.empty()) {
    std::fprintf(stderr, "pipeline-bench: --brokers is required\n");
    return 2;
  }
  if (a.setup.work_dir.empty()) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tidings-pipeline-XXXXXX").string();
    a.setup.work_dir = mkdtemp(tmpl.data());
  }
  std::printf("work dir (logs): %s\n", a.setup.work_dir.c_str());
  return Series(a);
}
