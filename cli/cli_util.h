#pragma once
// Small helpers shared by the `tidings` subcommands.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "runtime/kafka.h"

namespace tidings::cli {

// The broker list: $TIDINGS_BROKERS, else the local stack's 127.0.0.1:9092.
inline std::string DefaultBrokers() {
  const char* b = std::getenv("TIDINGS_BROKERS");
  return b && *b ? b : "127.0.0.1:9092";
}

// The Kafka options every Kafka subcommand takes: --brokers, --topic-prefix
// and the client properties (SASL, SSL, ...) from --kafka-properties-file
// and --kafka-property key=value (repeatable; applied after the file).
struct KafkaFlags {
  std::string brokers = DefaultBrokers();
  std::string prefix;
  std::vector<std::string> properties;
  std::string properties_file;

  // The client options with every property applied. kConfig errors name the
  // flag's position or the file's line, never a value (it may be a password).
  [[nodiscard]] Result<runtime::KafkaOptions> Options(const std::string& client_id) const;
};

// Adds the KafkaFlags options to a command.
void AddKafkaFlags(CLI::App* cmd, KafkaFlags* flags);

// 2 for a configuration error (bad property, refused by librdkafka), else 1.
inline int ExitCodeOf(const Status& st) { return st.code() == ErrorCode::kConfig ? 2 : 1; }

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
