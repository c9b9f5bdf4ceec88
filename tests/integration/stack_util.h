#pragma once
// Starting tidings daemons as processes for integration and e2e tests, and
// reading their metrics.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "tests/support/test_support.h"
#include "tidings/v1/document.pb.h"

namespace tidings::testing {

// One daemon process with its own log, metrics port file and options.
class DaemonProcess {
 public:
  DaemonProcess(std::string name, std::string brokers, std::string prefix, std::string dir,
                std::vector<std::string> extra = {});
  [[nodiscard]] bool Start();
  // Waits for /readyz 200; false (with the log in *why) on timeout or exit.
  bool WaitReady(std::chrono::seconds timeout, std::string* why);
  int port() const { return port_; }
  std::string Log() const { return ReadFile(log_); }
  // Sum of the samples of metric `name` whose labels contain `label` ("" any).
  double Metric(const std::string& name, const std::string& label = "");
  Child& child() { return child_; }

 private:
  std::string name_, brokers_, prefix_, dir_, log_, port_file_;
  std::vector<std::string> extra_;
  int port_ = 0;
  int starts_ = 0;
  Child child_;
};

// Writes the seed corpus (tests/data/seeds, split like `tidings load`) to
// `path` as JSON Lines, `copies` times under distinct ids ("r<copy>-<id>",
// threads and parents renamed alike); returns the ids written. With
// `keep`, only the documents it accepts (e.g. the comments alone).
std::set<std::string> WriteSeedCorpus(const std::string& path, int copies,
                                      const std::function<bool(const v1::Document&)>& keep = nullptr);

// Documents in the store at `db` (0 when it can't be opened).
size_t StoredCount(const std::string& db);

// How many times each document id is on an enriched topic (read_committed,
// from the start to the end offsets of the call).
std::map<std::string, int> EnrichedCopies(const std::string& brokers, const std::string& topic);

// Sum of the samples of `name` in a Prometheus text exposition whose label
// set contains `label`.
double SumMetric(const std::string& exposition, const std::string& name, const std::string& label = "");

}  // namespace tidings::testing
