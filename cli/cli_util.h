#pragma once
// Small helpers shared by the `tidings` subcommands.

#include <cstdint>
#include <cstdlib>
#include <string>

#include <CLI/CLI.hpp>

namespace tidings::cli {

// The broker list: $TIDINGS_BROKERS, else the local stack's 127.0.0.1:9092.
inline std::string DefaultBrokers() {
  const char* b = std::getenv("TIDINGS_BROKERS");
  return b && *b ? b : "127.0.0.1:9092";
}

// Adds --brokers and --topic-prefix to a command.
inline void AddKafkaFlags(CLI::App* cmd, std::string* brokers, std::string* prefix) {
  *brokers = DefaultBrokers();
  cmd->add_option("--brokers", *brokers, "Kafka bootstrap servers (default $TIDINGS_BROKERS or 127.0.0.1:9092)");
  cmd->add_option("--topic-prefix", *prefix, "Prefix of the topic names");
}

// A one-line progress display on stderr, redrawn at most every 100 ms, only
// when stderr is a terminal.
class Progress {
 public:
  explicit Progress(std::string label, uint64_t total = 0);
  void Update(uint64_t done, uint64_t bytes);
  void Finish();

 private:
  std::string label_;
  uint64_t total_;
  bool tty_;
  int64_t start_ms_;
  int64_t last_ms_ = 0;
};

}  // namespace tidings::cli
