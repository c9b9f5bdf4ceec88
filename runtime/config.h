#pragma once
// Declarative configuration. Each option is declared once (name, type,
// default, bounds, description); the same table prints --help, validates a
// config file, and is listed in the daemon's README.
//
// Sources, later ones winning: defaults < config file (--config FILE, lines
// of `key = value`, `#` comments) < environment (TIDINGS_<COMPONENT>_<KEY>,
// upper-case) < flags (--key=value or --key value; --flag alone sets a bool).
// Unknown keys in any source are an error that names the key.
//
// A Config is immutable after Load() and may be read from any thread.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/status.h"

namespace tidings::runtime {

// kFile is a string naming a file the daemon reads (a knowledge base, a
// targets file, ...): when set (not empty) it must name a readable regular
// file, checked once all sources are applied, and a bad one is a kConfig
// error naming the option. GetString() reads it.
enum class OptionType { kString, kInt, kBool, kDouble, kFile };

struct OptionSpec {
  std::string name;  // snake_case, e.g. "brokers"
  OptionType type = OptionType::kString;
  std::string default_value;
  double min = 0;  // bounds for kInt/kDouble; ignored when min > max
  double max = -1;
  std::string description;
};

class Config {
 public:
  // Reads the sources above. `component` names the env prefix ("ingest" ->
  // TIDINGS_INGEST_). Errors (kConfig) are one line naming the source and
  // key. With --help, help_requested() is true and nothing else is checked.
  [[nodiscard]] static Result<Config> Load(std::string_view component, std::vector<OptionSpec> specs,
                                           int argc, const char* const* argv, const char* const* envp);

  bool help_requested() const { return help_; }
  // --help-markdown: print MarkdownTable() instead (for the docs).
  bool markdown_requested() const { return markdown_; }
  // The option table as printed by --help.
  std::string HelpText(std::string_view program, std::string_view summary) const;
  // The option table as a Markdown table, for READMEs.
  std::string MarkdownTable() const;

  // Typed getters; the name must be declared (programmer error otherwise).
  const std::string& GetString(std::string_view name) const;
  int64_t GetInt(std::string_view name) const;
  bool GetBool(std::string_view name) const;
  double GetDouble(std::string_view name) const;
  // Where the effective value came from: "default", "file", "env", "flag".
  const std::string& SourceOf(std::string_view name) const;

 private:
  struct Value {
    const OptionSpec* spec = nullptr;
    std::string raw;
    std::string source = "default";
    int64_t i = 0;
    double d = 0;
    bool b = false;
  };
  Status Set(std::string_view key, std::string_view raw, std::string_view source);
  // Checks the final value of every kFile option.
  Status CheckFiles() const;
  const Value& Find(std::string_view name, OptionType type) const;

  std::string component_;
  std::vector<OptionSpec> specs_;
  std::map<std::string, Value, std::less<>> values_;
  bool help_ = false;
  bool markdown_ = false;
};

}  // namespace tidings::runtime
