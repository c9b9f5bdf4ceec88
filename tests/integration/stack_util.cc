#include "tests/integration/stack_util.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/splitter.h"
#include "proto/json_codec.h"
#include "store/store.h"

namespace tidings::testing {

DaemonProcess::DaemonProcess(std::string name, std::string brokers, std::string prefix, std::string dir,
                             std::vector<std::string> extra)
    : name_(std::move(name)),
      brokers_(std::move(brokers)),
      prefix_(std::move(prefix)),
      dir_(std::move(dir)),
      extra_(std::move(extra)) {
  port_file_ = dir_ + "/" + name_ + ".port";
}

bool DaemonProcess::Start() {
  log_ = dir_ + "/" + name_ + "." + std::to_string(starts_++) + ".log";
  std::remove(port_file_.c_str());
  port_ = 0;
  std::vector<std::string> argv = {Bin("tidings-" + name_), "--brokers", brokers_, "--topic_prefix", prefix_,
                                   "--group_id", prefix_ + name_, "--metrics_port", "0", "--metrics_port_file",
                                   port_file_};
  if (name_ == "store") {
    argv.insert(argv.end(), {"--db_path", dir_ + "/db", "--api_port", "0", "--api_port_file", dir_ + "/api.port"});
  } else {
    argv.insert(argv.end(), {"--transactional_id", prefix_ + name_});
  }
  if (name_ == "enrich") argv.insert(argv.end(), {"--state_dir", dir_ + "/enrich-state"});
  argv.insert(argv.end(), extra_.begin(), extra_.end());
  return child_.Start(argv, log_);
}

bool DaemonProcess::WaitReady(std::chrono::seconds timeout, std::string* why) {
  bool ok = WaitUntil(
      [&] {
        if (!child_.running()) return true;
        if (port_ == 0) port_ = std::atoi(ReadFile(port_file_).c_str());
        return port_ > 0 && HttpGet(port_, "/readyz") == 200;
      },
      timeout);
  if (!ok || !child_.running()) {
    if (why) *why = name_ + " not ready; log:\n" + Log();
    return false;
  }
  return true;
}

double DaemonProcess::Metric(const std::string& name, const std::string& label) {
  std::string body;
  if (HttpGet(port_, "/metrics", &body) != 200) return -1;
  return SumMetric(body, name, label);
}

std::set<std::string> WriteSeedCorpus(const std::string& path, int copies,
                                      const std::function<bool(const v1::Document&)>& keep) {
  std::vector<v1::Document> base;
  for (const auto& e : std::filesystem::directory_iterator(std::string(TIDINGS_SOURCE_DIR) + "/tests/data/seeds")) {
    if (e.path().extension() != ".txt") continue;
    ingest::SplitOptions so;
    so.id_prefix = ingest::DefaultIdPrefix(e.path().string());
    for (auto& d : ingest::SplitDump(ReadFile(e.path().string()), so)) base.push_back(d);
  }
  std::set<std::string> ids;
  std::ofstream out(path);
  for (int c = 0; c < copies; ++c) {
    const std::string tag = "r" + std::to_string(c) + "-";
    for (v1::Document d : base) {
      if (keep && !keep(d)) continue;
      d.set_id(tag + d.id());
      if (!d.thread_id().empty()) d.set_thread_id(tag + d.thread_id());
      if (!d.parent_id().empty()) d.set_parent_id(tag + d.parent_id());
      ids.insert(d.id());
      out << proto::DocumentToJson(d) << "\n";
    }
  }
  return ids;
}

size_t StoredCount(const std::string& db) {
  auto s = store::Store::OpenReadOnly(db);
  if (!s.ok()) return 0;
  size_t n = 0;
  (void)(*s)->ScanAll([&](const v1::EnrichedDocument&) { return ++n, true; });
  return n;
}

std::map<std::string, int> EnrichedCopies(const std::string& brokers, const std::string& topic) {
  runtime::KafkaOptions ko;
  ko.brokers = brokers;
  std::map<std::string, int> copies;
  EXPECT_TRUE(runtime::ReadTopic(
                  ko, topic,
                  [&](const runtime::Message& m) {
                    v1::EnrichedDocument d;
                    EXPECT_TRUE(d.ParseFromString(m.value));
                    ++copies[d.document().id()];
                    return true;
                  },
                  60000)
                  .ok());
  return copies;
}

double SumMetric(const std::string& exposition, const std::string& name, const std::string& label) {
  std::istringstream in(exposition);
  std::string line;
  double sum = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto sp = line.rfind(' ');
    if (sp == std::string::npos) continue;
    std::string series = line.substr(0, sp);
    std::string metric = series.substr(0, series.find('{'));
    if (metric != name) continue;
    if (!label.empty() && series.find(label) == std::string::npos) continue;
    sum += std::stod(line.substr(sp + 1));
  }
  return sum;
}

}  // namespace tidings::testing
