// Stance cost beside entity + date cost, on the same texts.
//
//   tidings-stance-bench [--corpus DIR_OR_JSONL] [--repeat N] [--stance-model DIR|none]
//
// The corpus is a directory of .txt files (default: the seed dumps the repo
// keeps in tests/data/seeds; each file an article, each of its paragraphs also a comment replying
// to it) or a JSON Lines file of documents. Each document goes through
// Engine::Enrich, whose Timings split the cost per stage. Prints figures and
// the machine; never fails on time.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "enrich/engine.h"
#include "proto/json_codec.h"

namespace {

namespace v1 = ::tidings::v1;
namespace fs = std::filesystem;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<v1::Document> LoadCorpus(const std::string& path) {
  std::vector<v1::Document> docs;
  if (fs::is_directory(path)) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(path))
      if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      v1::Document a;
      a.set_id(f.stem().string());
      a.set_kind("article");
      a.set_published_at("2016-10-20T00:00:00Z");
      a.set_text(ReadFile(f));
      docs.push_back(a);
      // Paragraphs as comments on the article: exercises reply stance.
      const std::string& t = a.text();
      size_t pos = 0;
      int k = 0;
      while (pos < t.size()) {
        size_t e = t.find("\n\n", pos);
        if (e == std::string::npos) e = t.size();
        if (e - pos > 80) {
          v1::Document c;
          c.set_id(a.id() + "-p" + std::to_string(k++));
          c.set_kind("comment");
          c.set_thread_id(a.id());
          c.set_parent_id(a.id());
          c.set_text(t.substr(pos, e - pos));
          docs.push_back(c);
        }
        pos = e + 2;
      }
    }
  } else {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      auto d = tidings::proto::ParseDocumentJson(line);
      if (d.ok()) docs.push_back(std::move(d).value());
    }
  }
  return docs;
}

double Pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown";
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = std::string(TIDINGS_SOURCE_DIR) + "/tests/data/seeds";
  if (!fs::exists(corpus)) corpus = std::string(TIDINGS_SOURCE_DIR) + "/tests/data/stance/cases.jsonl";
  int repeat = 20;
  tidings::enrich::EngineOptions eo;  // the defaults: the built-in models
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--corpus") && i + 1 < argc) corpus = argv[++i];
    else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--stance-model") && i + 1 < argc) eo.stance_model = argv[++i];
    else {
      std::cerr << "usage: tidings-stance-bench [--corpus DIR_OR_JSONL] [--repeat N] [--stance-model DIR|none]\n";
      return 2;
    }
  }
  auto docs = LoadCorpus(corpus);
  if (docs.empty()) {
    std::cerr << "no documents in " << corpus << "\n";
    return 2;
  }
  auto engine = tidings::enrich::Engine::Create(eo);
  if (!engine.ok()) {
    std::cerr << engine.status().ToString() << "\n";
    return 2;
  }
  size_t bytes = 0;
  for (const auto& d : docs) bytes += d.text().size();

  std::vector<double> ent_dates, stance, total;
  std::vector<tidings::enrich::ThreadDoc> done(docs.size());
  const auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < repeat; ++r) {
    for (size_t i = 0; i < docs.size(); ++i) {
      tidings::enrich::ThreadContext ctx;
      if (docs[i].kind() == "comment")
        for (size_t j = 0; j < i; ++j)
          if (docs[j].id() == docs[i].parent_id()) ctx.parent = ctx.root = &done[j];
      auto out = (*engine)->Enrich(docs[i], ctx);
      if (!out.ok()) continue;
      const auto& tm = out->timings();
      ent_dates.push_back(tm.entities_ms() + tm.dates_ms());
      stance.push_back(tm.stance_ms());
      total.push_back(tm.total_ms());
      done[i] = tidings::enrich::ThreadDoc::Of(*out);
    }
  }
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  auto sum = [](const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return s;
  };
  const double mb = static_cast<double>(bytes) * repeat / 1e6;
  std::printf("machine: %s, %u hardware threads; 1 thread used\n", CpuModel().c_str(),
              std::thread::hardware_concurrency());
  std::printf("corpus: %s: %zu documents, %.1f KB, repeated %d times\n", corpus.c_str(), docs.size(),
              static_cast<double>(bytes) / 1e3, repeat);
  std::printf("%-18s %10s %10s %10s %10s\n", "stage", "total ms", "MB/s", "p50 ms", "p99 ms");
  for (const auto& [name, v] : {std::pair<const char*, const std::vector<double>*>{"entities+dates", &ent_dates},
                                {"stance+reply", &stance},
                                {"whole Enrich", &total}}) {
    const double ms = sum(*v);
    std::printf("%-18s %10.1f %10.2f %10.3f %10.3f\n", name, ms, ms > 0 ? mb / (ms / 1e3) : 0.0, Pct(*v, 0.5),
                Pct(*v, 0.99));
  }
  const double ed = sum(ent_dates), st = sum(stance);
  std::printf("stance / (entities+dates) = %.2f  (%s)\n", ed > 0 ? st / ed : 0.0,
              st <= ed ? "within budget" : "OVER budget");
  std::printf("wall %.2f s, %.0f documents/s\n", wall_s, static_cast<double>(total.size()) / wall_s);
  return 0;
}
