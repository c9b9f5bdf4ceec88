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

// Inputs and output of a file-to-file command: kIo when an input is a
// directory, or when the output is one of the inputs (it would be emptied
// before it is read). "-" (stdin, stdout) passes.
[[nodiscard]] Status CheckInputsAndOutput(const std::vector<std::string>& inputs, const std::string& output);
inline Status CheckInputOutput(const std::string& input, const std::string& output) {
  return CheckInputsAndOutput({input}, output);
}

// Drops a UTF-8 byte order mark at the start of `s` (a file's first line).
inline void StripBom(std::string* s) {
  if (s->size() >= 3 && s->compare(0, 3, "\xEF\xBB\xBF") == 0) s->erase(0, 3);
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
