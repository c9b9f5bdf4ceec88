#include "cli/cli_util.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "runtime/daemon.h"

namespace tidings::cli {
namespace {
int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
}  // namespace

Status CheckInputsAndOutput(const std::vector<std::string>& inputs, const std::string& output) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const std::string& in : inputs) {
    if (in == "-") continue;
    if (fs::is_directory(in, ec)) return Status(ErrorCode::kIo, "input " + in + " is a directory, not a file");
    if (output.empty() || output == "-") continue;
    if (fs::equivalent(in, output, ec))
      return Status(ErrorCode::kIo, "output " + output + " is the input " + in +
                                        ": it would be emptied before it is read; write elsewhere");
  }
  return Status::Ok();
}

void AddKafkaFlags(CLI::App* cmd, KafkaFlags* flags) {
  cmd->add_option("--brokers", flags->brokers, "Kafka bootstrap servers (default $TIDINGS_BROKERS or 127.0.0.1:9092)");
  cmd->add_option("--topic-prefix", flags->prefix, "Prefix of the topic names");
  cmd->add_option("--kafka-property", flags->properties,
                  "A librdkafka property key=value (SASL, SSL, ...); repeatable, applied after the file");
  cmd->add_option("--kafka-properties-file", flags->properties_file,
                  "A file of librdkafka properties, one key=value a line ('#' comments)");
}

Result<runtime::KafkaOptions> KafkaFlags::Options(const std::string& client_id) const {
  runtime::KafkaOptions ko;
  if (brokers.find_first_not_of(" \t,") == std::string::npos)
    return Status(ErrorCode::kConfig, "--brokers must name at least one host:port");
  ko.brokers = brokers;
  ko.client_id = client_id;
  if (!properties_file.empty()) {
    std::ifstream in(properties_file, std::ios::binary);
    if (!in) return Status(ErrorCode::kConfig, "--kafka-properties-file: cannot read '" + properties_file + "'");
    std::stringstream ss;
    ss << in.rdbuf();
    auto props = runtime::ParseKafkaPropertiesFile(ss.str(), properties_file);
    if (!props.ok()) return props.status();
    ko.extra = std::move(props).value();
  }
  for (size_t i = 0; i < properties.size(); ++i) {
    const std::string& p = properties[i];
    const auto eq = p.find('=');
    std::string key = p.substr(0, eq == std::string::npos ? 0 : eq);
    key.erase(0, key.find_first_not_of(" \t"));
    key.erase(key.find_last_not_of(" \t") + 1);
    if (key.empty())
      return Status(ErrorCode::kConfig, "--kafka-property #" + std::to_string(i + 1) +
                                            ": expected key=value (values are not shown)");
    ko.extra[key] = p.substr(eq + 1);
  }
  return ko;
}

Progress::Progress(std::string label, uint64_t total)
    : label_(std::move(label)), total_(total), tty_(isatty(STDERR_FILENO) != 0), start_ms_(NowMs()) {}

void Progress::Update(uint64_t done, uint64_t bytes) {
  if (!tty_) return;
  int64_t now = NowMs();
  if (now - last_ms_ < 100 && done != total_) return;
  last_ms_ = now;
  double secs = std::max<double>(0.001, static_cast<double>(now - start_ms_) / 1000.0);
  double mb = static_cast<double>(bytes) / 1e6;
  if (total_ > 0) {
    int width = 30;
    int filled = static_cast<int>(static_cast<double>(width) * static_cast<double>(done) / static_cast<double>(total_));
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(static_cast<size_t>(width), '.');
    std::fprintf(stderr, "\r%s [%s] %llu/%llu  %.1f MB  %.1f MB/s ", label_.c_str(), bar.c_str(),
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_), mb, mb / secs);
  } else {
    std::fprintf(stderr, "\r%s %llu  %.1f MB  %.1f MB/s ", label_.c_str(), static_cast<unsigned long long>(done), mb,
                 mb / secs);
  }
  std::fflush(stderr);
}

void Progress::Finish() {
  if (tty_) std::fprintf(stderr, "\n");
}

}  // namespace tidings::cli
