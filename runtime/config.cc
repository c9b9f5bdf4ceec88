#include "runtime/config.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tidings::runtime {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string_view TypeName(OptionType t) {
  switch (t) {
    case OptionType::kString: return "string";
    case OptionType::kInt: return "int";
    case OptionType::kBool: return "bool";
    case OptionType::kDouble: return "number";
    case OptionType::kFile: return "file";
  }
  return "?";
}

std::string FormatBound(double v, OptionType t) {
  if (t == OptionType::kInt) return std::to_string(static_cast<int64_t>(v));
  std::ostringstream os;
  os << v;
  return os.str();
}

std::string EnvName(std::string_view component, std::string_view key) {
  std::string out = "TIDINGS_";
  for (char c : component) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  out.push_back('_');
  for (char c : key) out.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

std::string KeyFromEnv(std::string_view suffix) {
  std::string out;
  for (char c : suffix) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

}  // namespace

Status Config::Set(std::string_view key, std::string_view raw, std::string_view source) {
  std::string k(key);
  std::replace(k.begin(), k.end(), '-', '_');
  auto it = values_.find(k);
  if (it == values_.end())
    return {ErrorCode::kConfig, std::string(source) + ": unknown option '" + std::string(key) + "'"};
  Value& v = it->second;
  const OptionSpec& s = *v.spec;
  auto bad = [&](std::string_view why) {
    return Status(ErrorCode::kConfig, std::string(source) + ": option '" + s.name + "' " + std::string(why) +
                                          ", got '" + std::string(raw) + "'");
  };
  bool bounded = s.min <= s.max;
  switch (s.type) {
    case OptionType::kString:
    case OptionType::kFile: break;  // a file is checked once every source is applied
    case OptionType::kInt: {
      int64_t i = 0;
      auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), i);
      if (ec != std::errc() || p != raw.data() + raw.size() || raw.empty()) return bad("must be an integer");
      if (bounded && (static_cast<double>(i) < s.min || static_cast<double>(i) > s.max))
        return bad("must be between " + FormatBound(s.min, s.type) + " and " + FormatBound(s.max, s.type));
      v.i = i;
      break;
    }
    case OptionType::kDouble: {
      std::string tmp(raw);
      char* end = nullptr;
      double d = std::strtod(tmp.c_str(), &end);
      if (tmp.empty() || end != tmp.c_str() + tmp.size()) return bad("must be a number");
      if (bounded && (d < s.min || d > s.max))
        return bad("must be between " + FormatBound(s.min, s.type) + " and " + FormatBound(s.max, s.type));
      v.d = d;
      break;
    }
    case OptionType::kBool: {
      if (raw == "true" || raw == "1" || raw == "yes" || raw == "on") v.b = true;
      else if (raw == "false" || raw == "0" || raw == "no" || raw == "off") v.b = false;
      else return bad("must be true or false");
      break;
    }
  }
  v.raw = std::string(raw);
  v.source = std::string(source.substr(0, source.find(' ')));
  return Status::Ok();
}

Result<Config> Config::Load(std::string_view component, std::vector<OptionSpec> specs, int argc,
                            const char* const* argv, const char* const* envp) {
  Config c;
  c.component_ = std::string(component);
  c.specs_ = std::move(specs);
  for (const auto& s : c.specs_) {
    Value v;
    v.spec = &s;
    c.values_.emplace(s.name, v);
  }
  // Defaults go through the same checks: a bad default is a programmer error.
  for (const auto& s : c.specs_) {
    Status st = c.Set(s.name, s.default_value, "default");
    if (!st.ok()) throw std::logic_error(st.ToString());
  }

  // Collect flags first (we need --config and --help before the rest).
  std::vector<std::pair<std::string, std::string>> flags;
  std::string config_path;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "-h" || a == "--help" || a == "--help-markdown") {
      c.help_ = true;
      c.markdown_ = a == "--help-markdown";
      return c;
    }
    if (a.substr(0, 2) != "--") {
      return Status(ErrorCode::kConfig, "unexpected argument '" + std::string(a) + "' (options are --key=value)");
    }
    a.remove_prefix(2);
    std::string key, val;
    if (auto eq = a.find('='); eq != std::string_view::npos) {
      key = std::string(a.substr(0, eq));
      val = std::string(a.substr(eq + 1));
    } else {
      key = std::string(a);
      std::string norm = key;
      std::replace(norm.begin(), norm.end(), '-', '_');
      auto it = c.values_.find(norm);
      bool is_bool = it != c.values_.end() && it->second.spec->type == OptionType::kBool;
      if (is_bool && (i + 1 >= argc || std::string_view(argv[i + 1]).substr(0, 2) == "--")) {
        val = "true";
      } else if (key == "config" || it != c.values_.end()) {
        if (i + 1 >= argc) return Status(ErrorCode::kConfig, "flag --" + key + " needs a value");
        val = argv[++i];
      }
    }
    if (key == "config") config_path = val;
    else flags.emplace_back(key, val);
  }

  if (!config_path.empty()) {
    std::ifstream in(config_path);
    if (!in) return Status(ErrorCode::kConfig, "cannot read config file '" + config_path + "'");
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      std::string_view l = Trim(line);
      if (l.empty() || l.front() == '#') continue;
      auto eq = l.find('=');
      std::string where = config_path + ":" + std::to_string(n);
      if (eq == std::string_view::npos)
        return Status(ErrorCode::kConfig, where + ": expected 'key = value', got '" + std::string(l) + "'");
      std::string_view val = Trim(l.substr(eq + 1));
      if (val.size() >= 2 && val.front() == '"' && val.back() == '"') val = val.substr(1, val.size() - 2);
      Status st = c.Set(Trim(l.substr(0, eq)), val, "file " + where);
      if (!st.ok()) return Status(ErrorCode::kConfig, where + st.message().substr(st.message().find(':')));
    }
  }

  if (envp != nullptr) {
    std::string prefix = EnvName(component, "");
    for (const char* const* e = envp; *e != nullptr; ++e) {
      std::string_view kv = *e;
      if (kv.substr(0, prefix.size()) != prefix) continue;
      auto eq = kv.find('=');
      if (eq == std::string_view::npos) continue;
      std::string name(kv.substr(0, eq));
      std::string key = KeyFromEnv(kv.substr(prefix.size(), eq - prefix.size()));
      if (c.values_.find(key) == c.values_.end())
        return Status(ErrorCode::kConfig, "environment: unknown option '" + key + "' (from " + name + ")");
      TIDINGS_RETURN_IF_ERROR(c.Set(key, kv.substr(eq + 1), "env " + name));
    }
  }

  for (const auto& [k, v] : flags) TIDINGS_RETURN_IF_ERROR(c.Set(k, v, "flag --" + k));
  TIDINGS_RETURN_IF_ERROR(c.CheckFiles());
  return c;
}

Status Config::CheckFiles() const {
  for (const auto& [name, v] : values_) {
    if (v.spec->type != OptionType::kFile || v.raw.empty()) continue;
    struct stat st {};
    std::string why;
    if (::stat(v.raw.c_str(), &st) != 0) why = std::strerror(errno);
    else if (!S_ISREG(st.st_mode)) why = "not a regular file";
    else if (::access(v.raw.c_str(), R_OK) != 0) why = std::strerror(errno);
    if (!why.empty())
      return {ErrorCode::kConfig, "option '" + name + "' (" + v.source + "): cannot read '" + v.raw + "': " + why};
  }
  return Status::Ok();
}

const Config::Value& Config::Find(std::string_view name, OptionType type) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.spec->type != type)
    throw std::logic_error("option '" + std::string(name) + "' not declared with that type");
  return it->second;
}

const std::string& Config::GetString(std::string_view name) const {
  auto it = values_.find(name);
  if (it != values_.end() && it->second.spec->type == OptionType::kFile) return it->second.raw;
  return Find(name, OptionType::kString).raw;
}
int64_t Config::GetInt(std::string_view name) const { return Find(name, OptionType::kInt).i; }
bool Config::GetBool(std::string_view name) const { return Find(name, OptionType::kBool).b; }
double Config::GetDouble(std::string_view name) const { return Find(name, OptionType::kDouble).d; }
const std::string& Config::SourceOf(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end()) throw std::logic_error("option '" + std::string(name) + "' not declared");
  return it->second.source;
}

std::string Config::HelpText(std::string_view program, std::string_view summary) const {
  std::ostringstream os;
  os << program << ": " << summary << "\n\n"
     << "Usage: " << program << " [--config FILE] [--key=value ...]\n"
     << "Each option can also be set in the config file (key = value) or as the\n"
     << "environment variable shown; flags win over the environment, which wins\n"
     << "over the file.\n\nOptions:\n";
  for (const auto& s : specs_) {
    os << "  --" << s.name << " <" << TypeName(s.type) << ">";
    os << "  (default: " << (s.default_value.empty() ? "\"\"" : s.default_value);
    if (s.min <= s.max) os << "; " << FormatBound(s.min, s.type) << ".." << FormatBound(s.max, s.type);
    os << "; env " << EnvName(component_, s.name) << ")\n      " << s.description << "\n";
  }
  os << "  --config <path>\n      Read options from this file first.\n"
     << "  --help\n      Print this table and exit.\n";
  return os.str();
}

std::string Config::MarkdownTable() const {
  std::ostringstream os;
  os << "| option | type | default | range | environment | description |\n|---|---|---|---|---|---|\n";
  for (const auto& s : specs_) {
    os << "| `" << s.name << "` | " << TypeName(s.type) << " | "
       << (s.default_value.empty() ? std::string("\"\"") : "`" + s.default_value + "`") << " | ";
    if (s.min <= s.max) os << FormatBound(s.min, s.type) << "–" << FormatBound(s.max, s.type);
    os << " | `" << EnvName(component_, s.name) << "` | " << s.description << " |\n";
  }
  return os.str();
}

}  // namespace tidings::runtime
