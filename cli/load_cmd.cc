// `tidings load FILE...`: publishes documents to the raw topics, JSON Lines
// files as they are (each line a document; tidings-ingest validates) and
// raw text dumps through the splitter. Articles go to tidings.raw.articles,
// comments to tidings.raw.comments, keyed by thread id. Waits until every
// record is acknowledged; exits 1 if any failed.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "ingest/splitter.h"
#include "proto/json_codec.h"
#include "runtime/kafka.h"

namespace tidings::cli {
namespace {

struct LoadArgs {
  std::vector<std::string> files;
  KafkaFlags kafka;
  std::string format = "auto";
  std::string id_prefix;
};

struct Item {
  std::string topic_base;  // raw.articles or raw.comments
  std::string key;
  std::string value;
};

bool IsDump(const std::string& path, const std::string& format, std::string_view head) {
  if (format == "dump") return true;
  if (format == "jsonl") return false;
  if (path.ends_with(".jsonl") || path.ends_with(".json") || path.ends_with(".ndjson")) return false;
  size_t i = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  return i == std::string_view::npos || head[i] != '{';
}

int RunLoad(const LoadArgs& a) {
  std::vector<Item> items;
  for (const auto& path : a.files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "tidings load: cannot read %s\n", path.c_str());
      return 2;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    std::string data = ss.str();
    if (IsDump(path, a.format, std::string_view(data).substr(0, 4096))) {
      ingest::SplitOptions so;
      so.id_prefix = a.id_prefix.empty() ? ingest::DefaultIdPrefix(path) : a.id_prefix;
      for (const auto& d : ingest::SplitDump(data, so)) {
        bool comment = d.kind() == "comment";
        items.push_back({comment ? "tidings.raw.comments" : "tidings.raw.articles",
                         comment ? d.thread_id() : d.id(), proto::DocumentToJson(d)});
      }
    } else {
      std::istringstream lines(data);
      std::string line;
      while (std::getline(lines, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        // Route by kind where the line says it; anything else goes to the
        // articles topic as it is, where tidings-ingest dead-letters it.
        auto d = proto::ParseDocumentJson(line);
        bool comment = d.ok() && d->kind() == "comment";
        std::string key = d.ok() ? (comment && !d->thread_id().empty() ? d->thread_id() : d->id()) : "";
        items.push_back({comment ? "tidings.raw.comments" : "tidings.raw.articles", key, line});
      }
    }
  }

  auto kafka = a.kafka.Options("tidings-load");
  if (!kafka.ok()) {
    std::fprintf(stderr, "tidings load: %s\n", kafka.status().message().c_str());
    return 2;
  }
  const runtime::KafkaOptions& ko = *kafka;
  if (Status st = runtime::CheckBrokers(ko, 10000); !st.ok()) {
    std::fprintf(stderr, "tidings load: %s\n", st.message().c_str());
    return ExitCodeOf(st);
  }
  // Declared before the producer: delivery reports may run until it is gone.
  std::atomic<uint64_t> ok{0}, failed{0};
  std::string first_error;
  auto producer = runtime::Producer::Create(ko);
  if (!producer.ok()) {
    std::fprintf(stderr, "tidings load: %s\n", producer.status().message().c_str());
    return 2;
  }
  uint64_t bytes = 0, articles = 0, comments = 0;
  Progress progress("loading", items.size());
  auto t0 = std::chrono::steady_clock::now();
  for (const auto& it : items) {
    Status st = (*producer)->Produce(a.kafka.prefix + it.topic_base, it.key, it.value,
                                     {{"content-type", "application/json"}},
                                     [&](const Status& s, int32_t, int64_t) {
                                       if (s.ok()) ++ok;
                                       else {
                                         if (failed++ == 0) first_error = s.ToString();
                                       }
                                     });
    if (!st.ok()) {
      if (failed++ == 0) first_error = st.ToString();
      continue;
    }
    bytes += it.value.size();
    (it.topic_base == "tidings.raw.comments" ? comments : articles)++;
    (*producer)->Poll(0);
    progress.Update(ok + failed, bytes);
  }
  if (Status st = (*producer)->Flush(120000); !st.ok() && first_error.empty()) first_error = st.ToString();
  progress.Update(ok + failed, bytes);
  progress.Finish();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  uint64_t lost = items.size() - ok - failed;
  std::fprintf(stderr, "tidings load: sent %llu (%llu articles, %llu comments, %.2f MB) in %.2f s; failed %llu\n",
               static_cast<unsigned long long>(ok.load()), static_cast<unsigned long long>(articles),
               static_cast<unsigned long long>(comments), static_cast<double>(bytes) / 1e6, secs,
               static_cast<unsigned long long>(failed.load() + lost));
  if (failed > 0 || lost > 0) {
    std::fprintf(stderr, "tidings load: first error: %s\n", first_error.empty() ? "not acknowledged" : first_error.c_str());
    return 1;
  }
  return 0;
}

}  // namespace

void AddLoadCommand(CLI::App& app) {
  auto a = std::make_shared<LoadArgs>();
  auto* cmd = app.add_subcommand("load", "Publish JSON Lines files or raw text dumps to the raw topics");
  cmd->add_option("files", a->files, "JSON Lines files or raw dumps")->required()->check(CLI::ExistingFile);
  AddKafkaFlags(cmd, &a->kafka);
  cmd->add_option("--format", a->format, "auto (by extension and content), jsonl or dump")
      ->check(CLI::IsMember({"auto", "jsonl", "dump"}));
  cmd->add_option("--id-prefix", a->id_prefix, "Id prefix for documents split from dumps (default: from the file name)");
  cmd->callback([a] {
    int rc = RunLoad(*a);
    if (rc != 0) throw CLI::RuntimeError(rc);
  });
}

}  // namespace tidings::cli
