#pragma once
// The frame every tidings daemon runs in: options (the daemon's own plus the
// common ones), logging, the signal handler, the /metrics /healthz /readyz
// server, and a start-up check that the brokers answer. A daemon's main.cc
// is one call:
//
//   int main(int argc, char** argv) {
//     return tidings::runtime::DaemonMain({"ingest", "raw input -> Document",
//                                          tidings::ingest::Options()},
//                                         argc, argv, &tidings::ingest::Run);
//   }
//
// Exit codes: 0 clean stop, 1 failure while running (one line on stderr),
// 2 bad configuration (one line naming the option).

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <prometheus/registry.h>

#include "runtime/config.h"
#include "runtime/kafka.h"
#include "runtime/shutdown.h"

namespace tidings::runtime {

struct DaemonSpec {
  std::string component;  // "ingest", "enrich", "store"
  std::string summary;    // one line for --help
  std::vector<OptionSpec> options;  // the daemon's own, beside the common ones
  int default_metrics_port = 9464;
};

// What a running daemon gets from the frame. Owned by DaemonMain; lives
// until the daemon's run function returns.
class DaemonContext {
 public:
  DaemonContext(const Config& config, Shutdown& shutdown);

  const Config& config() const { return config_; }
  Shutdown& shutdown() { return shutdown_; }
  prometheus::Registry& registry() { return *registry_; }
  std::shared_ptr<prometheus::Registry> registry_ptr() { return registry_; }
  // Brokers, client id and extra librdkafka properties from the config.
  const KafkaOptions& kafka() const { return kafka_; }
  // A configured topic name with the topic prefix applied.
  std::string Topic(const std::string& base) const { return prefix_ + base; }
  const std::string& group_id() const { return config_.GetString("group_id"); }

  // Readiness as served on /readyz: the AND of named conditions, each owned
  // by one part of the daemon ("stage", "broker", "commit", "store_writes",
  // ...). A condition not set yet does not count; `why` says what is wrong
  // and is joined with the other failing conditions' reasons.
  void SetCondition(const std::string& name, bool ok, std::string why = "");
  // The "stage" condition (kept for the stage loop and the store).
  void SetReady(bool ready, std::string why = "") { SetCondition("stage", ready, std::move(why)); }
  bool Ready(std::string* why) const;

 private:
  const Config& config_;
  Shutdown& shutdown_;
  std::shared_ptr<prometheus::Registry> registry_;
  KafkaOptions kafka_;
  std::string prefix_;
  mutable std::mutex mu_;
  // name -> reason it fails ("" when it holds); "stage" starts failing.
  std::map<std::string, std::string, std::less<>> failing_{{"stage", "starting"}};
};

// The options every daemon has (brokers, group_id, topic_prefix, metrics_*,
// log_*, startup_timeout_ms, ...).
std::vector<OptionSpec> CommonOptions(const DaemonSpec& spec);

// Parses the `kafka_properties` option: key=value items separated by commas.
// In an item, `\,` stands for a comma and `\\` for a backslash; any other
// backslash is an error, as is an item without '=' or with an empty key
// (spaces around a key are dropped; a value is taken as written). Empty
// items are skipped; a later key wins. Errors (kConfig) name the item's
// position only, never its text, which may hold a password.
[[nodiscard]] Result<std::map<std::string, std::string>> ParseKafkaProperties(std::string_view s);

// Parses a Kafka properties file: one `key = value` a line, spaces around
// key and value dropped, blank lines and lines starting with '#' skipped, no
// escapes (a value runs to the end of its line). `source` names the file in
// errors (kConfig), which give the line number only, never its text.
[[nodiscard]] Result<std::map<std::string, std::string>> ParseKafkaPropertiesFile(std::string_view text,
                                                                                 std::string_view source);

using DaemonRunFn = std::function<Status(DaemonContext&)>;

// Runs a daemon; see the file comment. `envp` defaults to the process
// environment.
int DaemonMain(const DaemonSpec& spec, int argc, char** argv, const DaemonRunFn& run,
               const char* const* envp = nullptr);

}  // namespace tidings::runtime
