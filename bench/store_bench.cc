// The store's secondary indexes and query API at scale (issue 13 item 4;
// issue 12's read-only open and `tidings query --id`). N synthetic enriched
// documents (default 1,000,000: bench/corpus.h's articles and comment
// threads, with entities drawn Zipf-like from the knowledge base, dates,
// stances on the default targets, reply stances, sources, authors,
// languages and published_at spread over two years; deterministic for a
// seed) are written through Store::WriteBatch in batches of the store
// loop's default size, once without the index (StoreOptions::write_index
// off) and once with it: documents/s (wall clock) and CPU per document.
// Then:
//   - on-disk size of each store after the final flush and after a full
//     compaction, and the index's share;
//   - over the indexed store, Store::OpenReadOnly with its files evicted
//     from the page cache first ("cold") and not ("warm"), a `tidings query
//     --id` equivalent in process and the real `tidings query --id` binary
//     as a subprocess;
//   - the HTTP API (store/api.h, as tidings-store serves it; the store's
//     files in the page cache) on loopback: p50/p95/p99 and CPU per request
//     of /v1/documents?entity=...&limit=50 for popular, middling and rare
//     entities, /v1/stats/stance over a year by week, /v1/stats/entities
//     and /v1/stats/cooccurrence, one client, one request at a time.
// Prints figures and the load average; never fails on time. The last line
// is machine-readable.
//
//   tidings-store-bench [--docs N] [--seed S] [--dir D] [--keep] [--api-port P]
//                       [--requests K] [--stats-requests K] [--rounds R]
//                       [--writes-only] [--indexed-only | --plain-only]
//   tidings-store-bench --skip-write --dir D ...   reads over D/indexed, kept
//                                                  by an earlier --keep run
//                                                  with the same --docs, --seed
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <rocksdb/db.h>
#include <rocksdb/metadata.h>

#include "bench/corpus.h"
#include "bench/http_get.h"
#include "proto/json_codec.h"
#include "runtime/http_server.h"
#include "store/api.h"
#include "store/index.h"
#include "store/loop.h"
#include "store/query.h"
#include "store/store.h"

extern char** environ;

namespace {

namespace v1 = tidings::v1;
namespace st = tidings::store;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
double MsSince(Clock::time_point t) { return Since(t) * 1e3; }

double ThreadCpuSecs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double ProcessCpuSecs() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return s(ru.ru_utime) + s(ru.ru_stime);
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown";
}

double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

double Median(const std::vector<double>& v) { return Percentile(v, 0.5); }

// ---- the synthetic enriched corpus ------------------------------------------

// A uniform draw in [0, 1) from 53 bits, the same on every platform.
double Unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }
size_t Below(std::mt19937_64& rng, size_t n) { return static_cast<size_t>(rng() % n); }
bool Chance(std::mt19937_64& rng, double p) { return Unit(rng) < p; }

// Ranks 0..n-1 with P(rank k) proportional to 1 / (k + 1)^s.
class Zipf {
 public:
  Zipf(size_t n, double s) : cdf_(n) {
    double sum = 0;
    for (size_t k = 0; k < n; ++k) cdf_[k] = sum += 1.0 / std::pow(static_cast<double>(k + 1), s);
    for (double& c : cdf_) c /= sum;
  }
  size_t operator()(std::mt19937_64& rng) const {
    const auto it = std::lower_bound(cdf_.begin(), cdf_.end(), Unit(rng));
    return std::min(static_cast<size_t>(it - cdf_.begin()), cdf_.size() - 1);
  }

 private:
  std::vector<double> cdf_;
};

struct Entity {
  std::string id, name;
  v1::EntityType type = v1::ENTITY_TYPE_UNSPECIFIED;
};

// The first `n` entities of the knowledge base (curated first: the domain's
// most talked-about come first, and Zipf makes them the most frequent).
std::vector<Entity> Vocabulary(size_t n) {
  std::vector<Entity> out;
  for (const char* f : {"/enrich/kb/curated.tsv", "/enrich/kb/generated.tsv"}) {
    std::ifstream in(std::string(TIDINGS_SOURCE_DIR) + f);
    for (std::string line; out.size() < n && std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream cols(line);
      Entity e;
      std::string type;
      if (!std::getline(cols, type, '\t') || !std::getline(cols, e.name, '\t') || !std::getline(cols, e.id, '\t'))
        continue;
      (void)v1::EntityType_Parse(type, &e.type);
      out.push_back(std::move(e));
    }
  }
  for (size_t k = out.size(); k < n; ++k) out.push_back({"tidings:synthetic-" + std::to_string(k),
                                                         "Synthetic entity " + std::to_string(k), v1::ORG});
  return out;
}

// The default stance targets (enrich/stance/data/targets.default.ini) and
// how often an article / a comment takes a stance toward each.
struct Target {
  const char* id;
  double article, comment;
};
constexpr Target kTargets[] = {{"assad_government", 0.7, 0.3},  {"russia", 0.4, 0.15},
                               {"united_states", 0.35, 0.12},   {"syrian_opposition", 0.3, 0.1},
                               {"jihadist_groups", 0.2, 0.08},  {"western_left", 0.1, 0.04}};

constexpr int64_t kDayMs = 86400000;

std::string Rfc3339(int64_t ms) {
  const int64_t in_day = ((ms % kDayMs) + kDayMs) % kDayMs / 1000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "T%02lld:%02lld:%02lldZ", static_cast<long long>(in_day / 3600),
                static_cast<long long>(in_day / 60 % 60), static_cast<long long>(in_day % 60));
  return st::DayOf(ms) + buf;
}

struct CorpusShape {
  int docs = 1000000;
  unsigned seed = 42;
  size_t entities = 4000;
  int64_t start_ms = *st::ParseTimeMs("2015-01-01");
  int64_t span_ms = 2 * 365 * kDayMs;  // 2015 and 2016
};

// bench/corpus.h's documents (thread order) with the tags tidings-enrich
// would add, drawn from a second generator so that the text is the
// corpus's own. Also counts the documents that link each entity.
class EnrichedCorpus {
 public:
  EnrichedCorpus(const CorpusShape& s, const std::vector<Entity>& vocab)
      : shape_(s),
        vocab_(vocab),
        stream_(tidings::bench::CorpusOptions{s.docs, s.seed, false, "d"}),
        rng_(s.seed * 7919ULL + 1),
        entity_rank_(vocab.size(), 1.0),
        source_rank_(40, 1.1),
        reporter_rank_(2000, 1.0),
        user_rank_(200000, 0.8),
        docs_of_entity_(vocab.size()) {}

  v1::EnrichedDocument Next() {
    const int i = n_++;
    v1::EnrichedDocument e;
    v1::Document& d = *e.mutable_document();
    d = stream_.Next();
    const bool article = d.kind() == "article";
    int64_t t = 0;
    if (article) {
      const int64_t threads = std::max(1, shape_.docs / 20);
      const int64_t slot = shape_.span_ms / threads;
      thread_ms_ = shape_.start_ms + (i / 20) * slot + static_cast<int64_t>(Below(rng_, static_cast<size_t>(slot)));
      source_ = "news" + std::to_string(source_rank_(rng_)) + ".example.org";
      t = thread_ms_;
      d.set_author("reporter" + std::to_string(reporter_rank_(rng_)));
      d.set_url("https://" + source_ + "/" + st::DayOf(t) + "/" + d.id());
    } else {
      // Comments come minutes to days after their article (mean 3 hours).
      t = thread_ms_ + static_cast<int64_t>(-std::log(1 - Unit(rng_)) * 3 * 3600e3);
      d.set_author("user" + std::to_string(user_rank_(rng_)));
    }
    d.set_published_at(Rfc3339(t));
    d.set_source(source_);
    const double lang = Unit(rng_);
    d.set_language(lang < 0.9 ? "en" : lang < 0.94 ? "de" : lang < 0.97 ? "fr" : lang < 0.99 ? "ar" : "ru");
    auto* in = d.mutable_ingest();
    in->set_received_at(Rfc3339(t + 2000));
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hash(64, '0');
    for (char& c : hash) c = kHex[rng_() & 15];
    in->set_content_hash(hash);
    in->set_source_topic(article ? "tidings.raw.articles" : "tidings.raw.comments");
    in->set_source_partition(static_cast<int32_t>((i / 20) % 6));
    in->set_source_offset(i);
    in->set_version(1);
    AddEntities(e);
    AddDates(e, t);
    AddStances(e, article);
    if (!article) {
      auto* r = e.mutable_reply_stance();
      const double u = Unit(rng_);
      r->set_label(u < 0.6 ? v1::COMMENT : u < 0.75 ? v1::SUPPORT : u < 0.9 ? v1::DENY : v1::QUERY);
      r->set_score(static_cast<float>(0.4 + 0.6 * Unit(rng_)));
    }
    e.mutable_anchor()->set_value(d.published_at());
    e.mutable_anchor()->set_source("published_at");
    e.set_enricher_version("tidings-enrich bench");
    auto* tm = e.mutable_timings();
    tm->set_entities_ms(0.05 + Unit(rng_) * 0.2);
    tm->set_dates_ms(0.01 + Unit(rng_) * 0.05);
    tm->set_stance_ms(0.02 + Unit(rng_) * 0.1);
    tm->set_total_ms(tm->entities_ms() + tm->dates_ms() + tm->stance_ms());
    return e;
  }

  // Documents that link the entity of each rank (after the run).
  const std::vector<uint32_t>& docs_of_entity() const { return docs_of_entity_; }

 private:
  void AddEntities(v1::EnrichedDocument& e) {
    const size_t len = e.document().text().size();
    // About as many mentions as tidings-enrich finds in the seed texts:
    // one per ~100 bytes.
    const size_t n = len / 110 + Below(rng_, 5);
    std::vector<size_t> seen;
    for (size_t k = 0; k < n; ++k) {
      const size_t rank = entity_rank_(rng_);
      const Entity& v = vocab_[rank];
      auto* m = e.add_entities();
      const size_t begin = Below(rng_, std::max<size_t>(1, len - std::min(len, v.name.size())));
      m->set_begin(static_cast<uint32_t>(begin));
      m->set_end(static_cast<uint32_t>(begin + v.name.size()));
      m->set_text(v.name);
      m->set_type(v.type);
      m->set_name(v.name);
      m->set_id(v.id);
      m->set_score(static_cast<float>(0.5 + 0.5 * Unit(rng_)));
      if (std::find(seen.begin(), seen.end(), rank) == seen.end()) seen.push_back(rank);
    }
    std::sort(e.mutable_entities()->begin(), e.mutable_entities()->end(),
              [](const v1::EntityMention& a, const v1::EntityMention& b) { return a.begin() < b.begin(); });
    for (size_t r : seen) ++docs_of_entity_[r];
  }

  void AddDates(v1::EnrichedDocument& e, int64_t t) {
    const size_t len = e.document().text().size();
    const size_t n = len / 600 + Below(rng_, 2);
    for (size_t k = 0; k < n; ++k) {
      auto* m = e.add_dates();
      const std::string day = st::DayOf(t - static_cast<int64_t>(Below(rng_, 60)) * kDayMs);
      const double u = Unit(rng_);
      m->set_type(u < 0.95 ? v1::DATE : v1::DURATION);
      m->set_value(u < 0.6 ? day : u < 0.85 ? day.substr(0, 7) : u < 0.95 ? day.substr(0, 4) : "P3D");
      m->set_text(u < 0.6 ? "20 October" : u < 0.85 ? "last month" : u < 0.95 ? "this year" : "three days");
      const size_t begin = Below(rng_, std::max<size_t>(1, len));
      m->set_begin(static_cast<uint32_t>(begin));
      m->set_end(static_cast<uint32_t>(begin + m->text().size()));
      m->set_score(1);
    }
  }

  void AddStances(v1::EnrichedDocument& e, bool article) {
    const size_t len = std::max<size_t>(1, e.document().text().size());
    for (const Target& t : kTargets) {
      if (!Chance(rng_, article ? t.article : t.comment)) continue;
      auto* s = e.add_stances();
      s->set_target(t.id);
      const double u = Unit(rng_);
      s->set_label(u < 0.25 ? v1::FAVOR : u < 0.7 ? v1::AGAINST : v1::NONE);
      s->set_score(static_cast<float>(0.3 + 0.7 * Unit(rng_)));
      for (size_t k = 1 + Below(rng_, 2); k > 0; --k) {
        auto* ev = s->add_evidence();
        const size_t b = Below(rng_, len);
        ev->set_begin(static_cast<uint32_t>(b));
        ev->set_end(static_cast<uint32_t>(std::min(len, b + 80 + Below(rng_, 120))));
      }
    }
  }

  CorpusShape shape_;
  const std::vector<Entity>& vocab_;
  tidings::bench::CorpusStream stream_;
  std::mt19937_64 rng_;
  Zipf entity_rank_, source_rank_, reporter_rank_, user_rank_;
  std::vector<uint32_t> docs_of_entity_;
  int n_ = 0;
  int64_t thread_ms_ = 0;
  std::string source_;
};

// ---- writes and sizes -------------------------------------------------------

struct Disk {
  std::map<std::string, uint64_t> sst_by_cf;  // live SST bytes per column family
  std::map<std::string, uint64_t> keys_by_cf;  // their entries (keys, with any deletions not yet compacted away)
  uint64_t sst = 0;                           // all of them
  uint64_t dir = 0;                           // every file in the directory (WAL, manifest, logs too)
};

// The live SST files of a closed store, by column family (a read-only open
// with default options only to read the metadata).
Disk DiskOf(const std::string& path) {
  Disk out;
  for (const auto& f : fs::recursive_directory_iterator(path))
    if (f.is_regular_file()) out.dir += f.file_size();
  std::vector<std::string> names;
  if (!rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names).ok()) return out;
  std::vector<rocksdb::ColumnFamilyDescriptor> cfd;
  for (const auto& n : names) cfd.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), path, cfd, &handles, &raw).ok()) return out;
  std::unique_ptr<rocksdb::DB> db(raw);
  std::vector<rocksdb::LiveFileMetaData> files;
  db->GetLiveFilesMetaData(&files);
  for (const auto& f : files) {
    out.sst_by_cf[f.column_family_name] += f.size;
    out.keys_by_cf[f.column_family_name] += f.num_entries;
    out.sst += f.size;
  }
  for (auto* h : handles) (void)db->DestroyColumnFamilyHandle(h);
  return out;
}

struct WriteRun {
  bool index = false;
  size_t docs = 0;
  double write_s = 0;   // inside Store::WriteBatch
  double flush_s = 0;   // the final Store::Flush
  double gen_s = 0;     // generating the documents (not counted)
  double cpu_s = 0;     // process CPU over the writes and the flush (background threads too)
  double write_cpu_s = 0;  // the writing thread's CPU inside Store::WriteBatch
  uint64_t doc_bytes = 0, index_keys = 0, index_key_bytes = 0;
  std::map<char, uint64_t> keys_by_field;
  double max_batch_ms = 0;
  Disk disk;            // after the final flush and close
  Disk compacted;       // after Store::Compact
  double compact_s = 0;
  double docs_per_s() const { return static_cast<double>(docs) / (write_s + flush_s); }
};

// Writes the corpus to a new store at `path` in batches of the store
// loop's default size, with offsets as the loop stores them.
WriteRun Write(const std::string& path, const CorpusShape& shape, const std::vector<Entity>& vocab, bool index,
               std::vector<uint32_t>* docs_of_entity) {
  WriteRun r;
  r.index = index;
  st::StoreOptions so;
  so.write_index = index;
  auto store = st::Store::Open(path, so);
  if (!store.ok()) {
    std::fprintf(stderr, "store-bench: %s\n", store.status().ToString().c_str());
    std::exit(1);
  }
  EnrichedCorpus corpus(shape, vocab);
  const size_t batch_size = static_cast<size_t>(st::LoopOptions{}.batch_max_records);
  std::vector<int64_t> next(6, 0);
  std::vector<v1::EnrichedDocument> batch;
  const double cpu0 = ProcessCpuSecs();
  double gen_cpu = 0;
  size_t reported = 0;
  const char* name = index ? "indexed" : "plain";
  while (r.docs < static_cast<size_t>(shape.docs)) {
    const auto g0 = Clock::now();
    const double gc0 = ThreadCpuSecs();
    batch.clear();
    std::vector<st::PartitionOffset> offsets;
    std::vector<bool> touched(next.size(), false);
    while (batch.size() < batch_size && r.docs + batch.size() < static_cast<size_t>(shape.docs)) {
      batch.push_back(corpus.Next());
      const auto p = static_cast<size_t>(batch.back().document().ingest().source_partition());
      ++next[p];
      touched[p] = true;
      r.doc_bytes += batch.back().ByteSizeLong();
      if (index)
        for (const auto& k : st::IndexKeys(batch.back())) {
          ++r.index_keys, r.index_key_bytes += k.size();
          ++r.keys_by_field[k[0]];
        }
    }
    for (size_t p = 0; p < next.size(); ++p)
      if (touched[p]) offsets.push_back({"tidings.enriched", static_cast<int32_t>(p), next[p]});
    gen_cpu += ThreadCpuSecs() - gc0;
    r.gen_s += Since(g0);
    const auto w0 = Clock::now();
    const double wc0 = ThreadCpuSecs();
    st::WriteReport report;
    if (auto s = (*store)->WriteBatch(batch, offsets, &report); !s.ok() || report.written != batch.size()) {
      std::fprintf(stderr, "store-bench: write: %s (%zu of %zu written)\n", s.ToString().c_str(), report.written,
                   batch.size());
      std::exit(1);
    }
    const double ms = MsSince(w0);
    r.write_cpu_s += ThreadCpuSecs() - wc0;
    r.write_s += ms / 1e3;
    r.max_batch_ms = std::max(r.max_batch_ms, ms);
    r.docs += batch.size();
    if (r.docs - reported >= 100000 || r.docs == static_cast<size_t>(shape.docs)) {
      reported = r.docs;
      std::printf("  %-7s %7zu documents, %6.0f docs/s so far (inside WriteBatch), load %s\n", name, r.docs,
                  static_cast<double>(r.docs) / r.write_s, LoadAverage().c_str());
      std::fflush(stdout);
    }
  }
  const auto f0 = Clock::now();
  if (auto s = (*store)->Flush(); !s.ok()) std::fprintf(stderr, "store-bench: flush: %s\n", s.ToString().c_str());
  r.flush_s = Since(f0);
  r.cpu_s = ProcessCpuSecs() - cpu0 - gen_cpu;
  store->reset();  // close: what a clean stop of tidings-store leaves
  r.disk = DiskOf(path);
  // Then at its smallest, so that the two stores compare whatever state
  // RocksDB's background compactions were in at the close.
  store = st::Store::Open(path, so);
  const auto c0 = Clock::now();
  if (!store.ok() || !(*store)->Compact().ok()) {
    std::fprintf(stderr, "store-bench: cannot compact %s\n", path.c_str());
    std::exit(1);
  }
  r.compact_s = Since(c0);
  store->reset();
  r.compacted = DiskOf(path);
  if (docs_of_entity != nullptr) *docs_of_entity = corpus.docs_of_entity();
  return r;
}

void PrintWrite(const WriteRun& r) {
  const double n = static_cast<double>(r.docs);
  std::printf("%-7s %zu documents: %.0f docs/s (%.1f s in WriteBatch + %.1f s final flush; slowest batch %.0f ms); "
              "CPU ms per 1k docs: %.1f in all (%.1f the calling thread in WriteBatch, %.1f other threads: "
              "RocksDB's background ones, the flush%s); generation %.1f s, not counted\n",
              r.index ? "indexed" : "plain", r.docs, r.docs_per_s(), r.write_s, r.flush_s, r.max_batch_ms,
              r.cpu_s * 1e3 / (n / 1e3), r.write_cpu_s * 1e3 / (n / 1e3), (r.cpu_s - r.write_cpu_s) * 1e3 / (n / 1e3),
              r.index ? ", the documents' serializer" : "", r.gen_s);
  std::printf("        %.0f bytes per document serialized", static_cast<double>(r.doc_bytes) / n);
  if (r.index) {
    std::printf("; %.1f index entries per document (by field:", static_cast<double>(r.index_keys) / n);
    for (const auto& [f, c] : r.keys_by_field) std::printf(" %c %.1f", f, static_cast<double>(c) / n);
    std::printf("), %.0f key bytes per document uncompressed", static_cast<double>(r.index_key_bytes) / n);
    // What RocksDB holds for them (store/index.h: postings and the name
    // table), counted in the compacted store's files.
    const auto keys = r.compacted.keys_by_cf.find("index");
    if (keys != r.compacted.keys_by_cf.end())
      std::printf("; stored as %.2f RocksDB keys per document", static_cast<double>(keys->second) / n);
  }
  std::printf("\n");
  auto sizes = [](const char* when, const Disk& d) {
    std::printf("        %s: SST %.1f MB (", when, static_cast<double>(d.sst) / 1e6);
    bool first = true;
    for (const auto& [cf, b] : d.sst_by_cf) {
      if (b < 1000000) continue;  // default, offsets: kilobytes
      std::printf("%s%s %.1f MB", first ? "" : ", ", cf.c_str(), static_cast<double>(b) / 1e6);
      first = false;
    }
    std::printf("); directory %.1f MB\n", static_cast<double>(d.dir) / 1e6);
  };
  sizes("on disk after the final flush and close", r.disk);
  std::printf("        (Store::Compact took %.1f s)\n", r.compact_s);
  sizes("after a full compaction", r.compacted);
  std::fflush(stdout);
}

// ---- open and query --id ----------------------------------------------------

// Writes the store's dirty pages back to the disk, so that the kernel's
// write-back (after a compaction: the whole store) does not run under the
// read figures.
void WriteBack(const std::string& path) {
  for (const auto& f : fs::recursive_directory_iterator(path)) {
    if (!f.is_regular_file()) continue;
    const int fd = open(f.path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    (void)fdatasync(fd);
    close(fd);
  }
}

// Evicts the store's files from the page cache (written back first), so
// that the next open reads them from the disk: a cold start without
// dropping the whole machine's cache.
void EvictFromPageCache(const std::string& path) {
  for (const auto& f : fs::recursive_directory_iterator(path)) {
    if (!f.is_regular_file()) continue;
    const int fd = open(f.path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    (void)fdatasync(fd);
    (void)posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    close(fd);
  }
}

// Reads every file of the store once, so that the page cache holds it
// (as it does for a store in use on a machine with the memory for it).
void LoadIntoPageCache(const std::string& path) {
  std::vector<char> buf(1 << 20);
  for (const auto& f : fs::recursive_directory_iterator(path)) {
    if (!f.is_regular_file()) continue;
    const int fd = open(f.path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    while (read(fd, buf.data(), buf.size()) > 0) {
    }
    close(fd);
  }
}

int RunQuietly(const std::vector<std::string>& args) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return -1;
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

struct OpenFigures {
  std::vector<double> open_cold, open_warm, id_cold, id_warm, cli_cold, cli_warm;
};

// What `tidings query --db D --id X` does: open read-only, get, print JSON.
double QueryIdInProcess(const std::string& path, const std::string& id, double* open_ms, FILE* out) {
  const auto t0 = Clock::now();
  auto s = st::Store::OpenReadOnly(path);
  if (!s.ok()) {
    std::fprintf(stderr, "store-bench: %s\n", s.status().ToString().c_str());
    std::exit(1);
  }
  if (open_ms != nullptr) *open_ms = MsSince(t0);
  auto d = (*s)->Get(id);
  if (!d.ok() || !d->has_value()) {
    std::fprintf(stderr, "store-bench: document %s not found\n", id.c_str());
    std::exit(1);
  }
  const std::string line = tidings::proto::EnrichedToJson(**d, {}) + "\n";
  std::fwrite(line.data(), 1, line.size(), out);
  std::fflush(out);
  s->reset();
  return MsSince(t0);
}

OpenFigures TimeOpenAndQueryId(const std::string& path, const std::string& bin_dir, int docs, int rounds) {
  OpenFigures f;
  FILE* null = std::fopen("/dev/null", "w");
  std::mt19937_64 rng(7);
  const std::string cli = bin_dir + "/tidings";
  const bool have_cli = access(cli.c_str(), X_OK) == 0;
  for (int k = 0; k < rounds; ++k) {
    const std::string id = "d" + std::to_string(Below(rng, static_cast<size_t>(docs)));
    double open_ms = 0;
    EvictFromPageCache(path);
    f.id_cold.push_back(QueryIdInProcess(path, id, &open_ms, null));
    f.open_cold.push_back(open_ms);
    f.id_warm.push_back(QueryIdInProcess(path, id, &open_ms, null));
    f.open_warm.push_back(open_ms);
    if (!have_cli) continue;
    const std::vector<std::string> args = {cli, "query", "--db", path, "--id", id};
    EvictFromPageCache(path);
    auto t0 = Clock::now();
    if (const int rc = RunQuietly(args); rc != 0) std::fprintf(stderr, "store-bench: tidings query exited %d\n", rc);
    f.cli_cold.push_back(MsSince(t0));
    t0 = Clock::now();
    (void)RunQuietly(args);
    f.cli_warm.push_back(MsSince(t0));
  }
  std::fclose(null);
  if (!have_cli) std::printf("(no %s: build it to time the binary too)\n", cli.c_str());
  return f;
}

// ---- the HTTP API -----------------------------------------------------------

struct Latencies {
  std::string name;
  std::vector<double> ms;
  size_t errors = 0;
  double body_bytes = 0;
  double cpu_ms = -1;  // process CPU per request (server and client), load-independent-ish
  std::string first_error;
};

// GETs the paths in turn, `n` requests after `warmup` unmeasured ones.
Latencies Measure(int port, const std::string& name, const std::vector<std::string>& paths, size_t n,
                  size_t warmup) {
  Latencies l;
  l.name = name;
  if (paths.empty()) return l;
  double cpu0 = 0;
  for (size_t k = 0; k < warmup + n; ++k) {
    const std::string& p = paths[k % paths.size()];
    const auto t0 = Clock::now();
    const auto a = tidings::bench::HttpGet(port, p);
    const double ms = MsSince(t0);
    if (k + 1 == warmup) cpu0 = ProcessCpuSecs();
    if (k < warmup) continue;
    l.ms.push_back(ms);
    l.body_bytes += static_cast<double>(a.body.size());
    if (a.status != 200 || a.body.find("\"partial\":true") != std::string::npos) {
      if (a.status != 200) ++l.errors;
      if (l.first_error.empty())
        l.first_error = p + " -> " + std::to_string(a.status) + " " +
                        a.body.substr(a.body.size() > 200 ? a.body.size() - 200 : 0);
    }
  }
  if (warmup == 0) cpu0 = 0;  // no baseline: not reported
  l.cpu_ms = cpu0 > 0 ? (ProcessCpuSecs() - cpu0) * 1e3 / static_cast<double>(n) : -1;
  return l;
}

void PrintLatencies(const Latencies& l) {
  std::printf("  %-42s %5zu requests  p50 %7.2f  p95 %7.2f  p99 %7.2f  max %7.2f ms  CPU %6.2f ms/request  "
              "%7.0f bytes avg%s\n",
              l.name.c_str(), l.ms.size(), Percentile(l.ms, 0.5), Percentile(l.ms, 0.95), Percentile(l.ms, 0.99),
              Percentile(l.ms, 1.0), l.cpu_ms, l.body_bytes / static_cast<double>(std::max<size_t>(1, l.ms.size())),
              l.errors ? (" ERRORS " + std::to_string(l.errors)).c_str() : "");
  if (!l.first_error.empty()) std::printf("    note: %s\n", l.first_error.c_str());
  std::fflush(stdout);
}

std::string UrlEncode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// The ids of `n` entities from position `from` of the vocabulary ranked
// by documents (most first), skipping those linked by no document.
std::vector<std::string> RankedEntities(const std::vector<Entity>& vocab, const std::vector<uint32_t>& docs,
                                        size_t from, size_t n) {
  std::vector<size_t> ranks;
  for (size_t k = 0; k < docs.size(); ++k)
    if (docs[k] > 0) ranks.push_back(k);
  std::stable_sort(ranks.begin(), ranks.end(), [&](size_t a, size_t b) { return docs[a] > docs[b]; });
  std::vector<std::string> out;
  for (size_t k = from; k < from + n && k < ranks.size(); ++k) out.push_back(vocab[ranks[k]].id);
  return out;
}

uint32_t DocsOf(const std::vector<Entity>& vocab, const std::vector<uint32_t>& docs, const std::string& id) {
  for (size_t k = 0; k < vocab.size(); ++k)
    if (vocab[k].id == id) return docs[k];
  return 0;
}

struct ApiFigures {
  std::vector<Latencies> series;
  double entity_p99 = -1, stance_p99 = -1;
};

ApiFigures MeasureApi(const std::string& path, int port, const std::vector<Entity>& vocab,
                      const std::vector<uint32_t>& docs_of_entity, size_t requests, size_t stats_requests) {
  ApiFigures out;
  // As tidings-store serves it: the writable store, its defaults; the
  // files in the page cache (the open and --id figures above evicted them).
  LoadIntoPageCache(path);
  auto store = st::Store::Open(path);
  if (!store.ok()) {
    std::fprintf(stderr, "store-bench: %s\n", store.status().ToString().c_str());
    std::exit(1);
  }
  tidings::runtime::HttpServer http(nullptr, nullptr);
  st::ApiOptions ao;
  ao.web = false;
  const st::Store& s = **store;
  st::RegisterApi(http, ao, [&s] { return s.View(); });
  if (auto started = http.Start("127.0.0.1", port); !started.ok()) {
    std::fprintf(stderr, "store-bench: API: %s\n", started.ToString().c_str());
    std::exit(1);
  }
  std::printf("API on 127.0.0.1:%d (api_max_scan %zu, one client, one request at a time), load %s\n", http.port(),
              ao.max_scan, LoadAverage().c_str());
  std::fflush(stdout);
  // The 10 most linked entities, 100 around the median, the 300 least linked.
  const size_t linked = static_cast<size_t>(
      std::count_if(docs_of_entity.begin(), docs_of_entity.end(), [](uint32_t n) { return n > 0; }));
  const auto popular = RankedEntities(vocab, docs_of_entity, 0, 10);
  const auto middling = RankedEntities(vocab, docs_of_entity, linked / 2 - std::min<size_t>(linked / 2, 50), 100);
  const auto rare = RankedEntities(vocab, docs_of_entity, linked - std::min<size_t>(linked, 300), 300);
  auto docs_path = [](const std::vector<std::string>& ids, const std::string& extra) {
    std::vector<std::string> p;
    for (const auto& id : ids) p.push_back("/v1/documents?entity=" + UrlEncode(id) + "&limit=50" + extra);
    return p;
  };
  auto range = [&](const std::vector<std::string>& ids) {
    uint32_t lo = UINT32_MAX, hi = 0;
    for (const auto& id : ids) {
      const uint32_t n = DocsOf(vocab, docs_of_entity, id);
      lo = std::min(lo, n);
      hi = std::max(hi, n);
    }
    return "(" + std::to_string(ids.size()) + " entities, " + std::to_string(lo) + "-" + std::to_string(hi) +
           " docs)";
  };
  std::printf("entities: popular %s, middling %s, rare %s\n", range(popular).c_str(), range(middling).c_str(),
              range(rare).c_str());
  std::fflush(stdout);
  const int port_used = http.port();
  const size_t warm = std::min<size_t>(100, requests);
  for (const auto& [group, ids] : {std::pair{"popular", &popular}, {"middling", &middling}, {"rare", &rare}})
    out.series.push_back(Measure(port_used, std::string("documents entity=") + group + " limit=50",
                                 docs_path(*ids, ""), requests, warm));
  for (const auto& l : out.series) out.entity_p99 = std::max(out.entity_p99, Percentile(l.ms, 0.99));
  out.series.push_back(
      Measure(port_used, "documents entity=popular count=true", docs_path(popular, "&count=true"), stats_requests, 2));
  const std::string year = "&interval=week&from=2016-01-01&to=2016-12-31";
  const auto stance_busy = Measure(port_used, "stats/stance assad_government 2016/week",
                                   {"/v1/stats/stance?target=assad_government" + year}, stats_requests, 2);
  const auto stance_quiet = Measure(port_used, "stats/stance western_left 2016/week",
                                    {"/v1/stats/stance?target=western_left" + year}, stats_requests, 2);
  out.stance_p99 = std::max(Percentile(stance_busy.ms, 0.99), Percentile(stance_quiet.ms, 0.99));
  out.series.push_back(stance_busy);
  out.series.push_back(stance_quiet);
  out.series.push_back(Measure(port_used, "stats/stance assad_government all/month",
                               {"/v1/stats/stance?target=assad_government&interval=month"}, stats_requests, 2));
  out.series.push_back(
      Measure(port_used, "stats/entities (newest, top 20)", {"/v1/stats/entities"}, stats_requests, 2));
  out.series.push_back(Measure(port_used, "stats/entities one week",
                               {"/v1/stats/entities?from=2016-06-06&to=2016-06-12"}, stats_requests, 2));
  std::vector<std::string> co;
  for (const auto& id : popular) co.push_back("/v1/stats/cooccurrence?entity=" + UrlEncode(id));
  out.series.push_back(Measure(port_used, "stats/cooccurrence popular", co, stats_requests, 2));
  co.clear();
  for (const auto& id : rare) co.push_back("/v1/stats/cooccurrence?entity=" + UrlEncode(id));
  out.series.push_back(Measure(port_used, "stats/cooccurrence rare", co, stats_requests, 2));
  http.Stop();
  return out;
}

struct Args {
  CorpusShape shape;
  std::string dir;
  std::string bin_dir;
  bool keep = false, skip_write = false, writes_only = false, indexed_only = false, plain_only = false;
  int api_port = 0;
  size_t requests = 2000, stats_requests = 30;
  int rounds = 1, open_rounds = 5;
};

int Run(const Args& a) {
  std::printf("machine: %s, %u hardware threads; load average %s\n", CpuModel().c_str(),
              std::thread::hardware_concurrency(), LoadAverage().c_str());
  std::printf("corpus: %d synthetic enriched documents (seed %u, %zu entities, threads of 20, 2015-2016); "
              "write batches of %d (the store loop's default); work dir %s\n",
              a.shape.docs, a.shape.seed, a.shape.entities, st::LoopOptions{}.batch_max_records, a.dir.c_str());
  std::fflush(stdout);
  const auto vocab = Vocabulary(a.shape.entities);
  const std::string indexed_path = a.dir + "/indexed";
  std::vector<uint32_t> docs_of_entity;
  std::vector<WriteRun> plain, indexed;
  if (!a.skip_write) {
    for (int round = 0; round < a.rounds; ++round) {
      for (int k = 0; k < 2; ++k) {
        const bool index = (k == 0) == (round % 2 == 1);  // round 0: plain first
        if (!index && a.indexed_only) continue;
        if (index && a.plain_only) continue;
        const std::string path = index ? indexed_path : a.dir + "/plain";
        fs::remove_all(path);
        WriteRun r = Write(path, a.shape, vocab, index, index ? &docs_of_entity : nullptr);
        PrintWrite(r);
        (index ? indexed : plain).push_back(r);
        if (!index) fs::remove_all(path);
      }
    }
  } else {
    // The entity counts the queries pick from: kept by the run that wrote
    // the store, else the corpus again, unwritten.
    std::ifstream counts(indexed_path + ".entities");
    for (uint32_t n = 0; counts >> n;) docs_of_entity.push_back(n);
    if (docs_of_entity.size() != vocab.size()) {
      EnrichedCorpus corpus(a.shape, vocab);
      for (int i = 0; i < a.shape.docs; ++i) (void)corpus.Next();
      docs_of_entity = corpus.docs_of_entity();
    }
  }
  if (a.keep || a.skip_write) {
    std::ofstream counts(indexed_path + ".entities");  // for the next --skip-write
    for (uint32_t n : docs_of_entity) counts << n << "\n";
  }
  std::vector<double> plain_dps, indexed_dps, plain_cpu, indexed_cpu;
  for (const auto& r : plain) plain_dps.push_back(r.docs_per_s()), plain_cpu.push_back(r.cpu_s / r.docs);
  for (const auto& r : indexed) indexed_dps.push_back(r.docs_per_s()), indexed_cpu.push_back(r.cpu_s / r.docs);
  const bool both = !plain.empty() && !indexed.empty();
  const double ratio = both ? Median(indexed_dps) / Median(plain_dps) : -1;
  double overhead_pct = -1;
  if (both) {
    const Disk& p = plain.back().compacted;
    const Disk& i = indexed.back().compacted;
    const double index_cf = static_cast<double>(i.sst_by_cf.count("index") ? i.sst_by_cf.at("index") : 0);
    overhead_pct = 100.0 * index_cf / static_cast<double>(p.sst);
    std::printf("write rate with the index / without: %.2f (median of %zu; wall clock, so the machine's load counts); "
                "CPU per document without / with: %.2f\n",
                ratio, indexed.size(), Median(plain_cpu) / Median(indexed_cpu));
    std::printf("index size overhead, both stores fully compacted: the index column family is %.1f%% of the plain "
                "store (%.1f MB against %.1f MB); the indexed store is %+.1f%% the plain one in all\n",
                overhead_pct, index_cf / 1e6, static_cast<double>(p.sst) / 1e6,
                100.0 * (static_cast<double>(i.sst) - static_cast<double>(p.sst)) / static_cast<double>(p.sst));
  }

  if (a.writes_only || a.plain_only) return 0;
  WriteBack(indexed_path);
  std::printf("open and query --id (%d rounds, random ids; cold: the store's files evicted from the page cache), "
              "load %s\n",
              a.open_rounds, LoadAverage().c_str());
  const OpenFigures of = TimeOpenAndQueryId(indexed_path, a.bin_dir, a.shape.docs, a.open_rounds);
  auto line = [](const char* what, const std::vector<double>& v) {
    if (!v.empty())
      std::printf("  %-44s median %7.1f ms  max %7.1f ms\n", what, Median(v), Percentile(v, 1.0));
  };
  line("Store::OpenReadOnly, cold", of.open_cold);
  line("Store::OpenReadOnly, warm", of.open_warm);
  line("open + Get + JSON in process, cold", of.id_cold);
  line("open + Get + JSON in process, warm", of.id_warm);
  line("`tidings query --id` subprocess wall, cold", of.cli_cold);
  line("`tidings query --id` subprocess wall, warm", of.cli_warm);
  std::fflush(stdout);

  const ApiFigures api =
      MeasureApi(indexed_path, a.api_port, vocab, docs_of_entity, a.requests, a.stats_requests);
  for (const auto& l : api.series) PrintLatencies(l);
  std::printf("load average at the end: %s\n", LoadAverage().c_str());

  const double query_id = of.cli_cold.empty() ? Median(of.id_cold) : Median(of.cli_cold);
  std::printf("write_ratio=%.2f docs_per_s_indexed=%.0f docs_per_s_plain=%.0f index_overhead_pct=%.1f "
              "open_ms=%.1f query_id_ms=%.1f entity_p99_ms=%.1f stance_year_week_ms=%.1f\n",
              ratio, indexed.empty() ? -1 : Median(indexed_dps), plain.empty() ? -1 : Median(plain_dps),
              overhead_pct, Median(of.open_cold), query_id, api.entity_p99, api.stance_p99);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"the store's indexes and query API over a million synthetic enriched documents"};
  Args a;
  a.bin_dir = fs::absolute(argv[0]).parent_path().string();
  app.add_option("--docs", a.shape.docs, "documents")->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--seed", a.shape.seed, "corpus seed")->capture_default_str();
  app.add_option("--entities", a.shape.entities, "entity vocabulary")->capture_default_str();
  app.add_option("--dir", a.dir, "work directory (default: a new one under the system's temporary directory)");
  app.add_flag("--keep", a.keep, "keep the indexed store (DIR/indexed) for --skip-write");
  app.add_flag("--skip-write", a.skip_write, "measure reads over DIR/indexed from an earlier --keep run");
  app.add_flag("--writes-only", a.writes_only, "write and size the stores, no reads");
  app.add_flag("--indexed-only", a.indexed_only, "write the indexed store only (no ratio)");
  app.add_flag("--plain-only", a.plain_only, "write the store without the index only (no ratio, no reads)")
      ->excludes("--indexed-only");
  app.add_option("--api-port", a.api_port, "port of the API (0: a free one)")->capture_default_str();
  app.add_option("--requests", a.requests, "requests per /v1/documents series")->capture_default_str();
  app.add_option("--stats-requests", a.stats_requests, "requests per stats series")->capture_default_str();
  app.add_option("--rounds", a.rounds, "write rounds, each both stores, alternating which goes first")
      ->capture_default_str();
  app.add_option("--open-rounds", a.open_rounds, "opens and --id queries, each cold and warm")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  if (a.skip_write && a.dir.empty()) {
    std::fprintf(stderr, "store-bench: --skip-write needs --dir\n");
    return 2;
  }
  const bool made_dir = a.dir.empty();
  if (made_dir) {
    std::string tmpl = (fs::temp_directory_path() / "tidings-store-bench-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) return 1;
    a.dir = tmpl;
  }
  fs::create_directories(a.dir);
  const int rc = Run(a);
  if (!a.keep && !a.skip_write) {
    fs::remove_all(a.dir + "/indexed");
    fs::remove(a.dir + "/indexed.entities");
    if (made_dir) fs::remove_all(a.dir);
  }
  return rc;
}
