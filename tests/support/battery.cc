#include "tests/support/battery.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tidings::testing {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kRepeatOpen = "@@REPEAT:";
constexpr std::string_view kRepeatClose = "@@";
// A typo in a count must not fill the memory of the test machine.
constexpr size_t kMaxExpandedBytes = 64u << 20;

Status Bad(const std::string& where, const std::string& why) {
  return {ErrorCode::kConfig, where + ": " + why};
}

bool ReadBytes(const fs::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Applies one `name = value` line of a .meta file to `c`.
Status ApplyMeta(const std::string& where, std::string_view name, std::string_view value, BatteryCase* c) {
  std::string v(value);
  if (name == "key" || name == "header") {  // the byte-exact settings
    auto text = Unescape(value);
    if (!text.ok()) return Bad(where, text.status().message());
    auto expanded = ExpandRepeats(*text);
    if (!expanded.ok()) return Bad(where, expanded.status().message());
    v = std::move(expanded).value();
  }
  if (name == "expect") {
    if (v != "published" && !v.starts_with("dead_letter:")) return Bad(where, "expect must be published or dead_letter:<code>");
    c->expect = v;
  } else if (name == "topic") {
    if (v != "articles" && v != "comments") return Bad(where, "topic must be articles or comments");
    c->topic = "tidings.raw." + v;
  } else if (name == "key") {
    c->key = v;
  } else if (name == "header") {
    auto colon = v.find(':');
    if (colon == std::string::npos) return Bad(where, "a header is 'name: value'");
    std::string hv = v.substr(colon + 1);
    if (hv.starts_with(' ')) hv.erase(0, 1);
    c->headers.push_back({v.substr(0, colon), hv});
  } else if (name == "value") {
    if (v != "null") return Bad(where, "the only value setting is 'value = null'");
    c->tombstone = true;
  } else if (name == "why") {
    c->why = v;
  } else if (name == "known_bug") {
    c->known_bug = v;
  } else {
    return Bad(where, "unknown setting '" + std::string(name) + "'");
  }
  return Status::Ok();
}

Result<BatteryCase> LoadCase(const fs::path& meta_path) {
  BatteryCase c;
  c.name = meta_path.stem().string();
  c.topic = "tidings.raw.articles";
  c.key = "battery:" + c.name;
  std::string meta;
  if (!ReadBytes(meta_path, &meta)) return Bad(meta_path.string(), "cannot read");
  std::istringstream in(meta);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    const std::string where = meta_path.filename().string() + ":" + std::to_string(n);
    auto eq = line.find(" = ");
    if (eq == std::string::npos) return Bad(where, "expected 'name = value'");
    Status s = ApplyMeta(where, std::string_view(line).substr(0, eq), std::string_view(line).substr(eq + 3), &c);
    if (!s.ok()) return s;
  }
  if (c.expect.empty()) return Bad(meta_path.string(), "no 'expect' line");
  if (c.why.empty()) return Bad(meta_path.string(), "no 'why' line");
  if (!c.tombstone) {
    fs::path value_path = meta_path;
    value_path.replace_extension(".value");
    std::string raw;
    if (!ReadBytes(value_path, &raw)) return Bad(value_path.string(), "missing (or say 'value = null')");
    auto value = ExpandRepeats(raw);
    if (!value.ok()) return Bad(value_path.string(), value.status().message());
    c.value = std::move(value).value();
  }
  return c;
}

}  // namespace

std::string_view BatteryCase::ExpectedCode() const {
  std::string_view e = expect;
  return e.starts_with("dead_letter:") ? e.substr(12) : std::string_view();
}

std::string BatteryCase::Describe() const {
  std::string s = name + " (" + why + ")";
  if (!known_bug.empty()) s += " [KNOWN BUG, see tests/data/ingest/battery/README.md: " + known_bug + "]";
  return s;
}

Result<std::string> Unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out.push_back(s[i]);
      continue;
    }
    if (++i == s.size()) return Result<std::string>(ErrorCode::kConfig, "a lone backslash at the end");
    switch (s[i]) {
      case '\\': out.push_back('\\'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'x': {
        int hi = i + 1 < s.size() ? HexDigit(s[i + 1]) : -1;
        int lo = i + 2 < s.size() ? HexDigit(s[i + 2]) : -1;
        if (hi < 0 || lo < 0) return Result<std::string>(ErrorCode::kConfig, "\\x needs two hex digits");
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        break;
      }
      default: return Result<std::string>(ErrorCode::kConfig, std::string("unknown escape \\") + s[i]);
    }
  }
  return out;
}

Result<std::string> ExpandRepeats(std::string_view s) {
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = s.find(kRepeatOpen, pos);
    if (open == std::string_view::npos) break;
    out.append(s.substr(pos, open - pos));
    size_t count_at = open + kRepeatOpen.size();
    size_t colon = s.find(':', count_at);
    size_t close = colon == std::string_view::npos ? colon : s.find(kRepeatClose, colon + 1);
    size_t count = 0;
    auto [p, ec] = std::from_chars(s.data() + count_at, s.data() + std::min(colon, s.size()), count);
    if (close == std::string_view::npos || ec != std::errc() || p != s.data() + colon || colon + 1 == close)
      return Result<std::string>(ErrorCode::kConfig, "malformed @@REPEAT:<count>:<unit>@@ at byte " + std::to_string(open));
    std::string_view unit = s.substr(colon + 1, close - colon - 1);
    if (count * unit.size() + out.size() > kMaxExpandedBytes)
      return Result<std::string>(ErrorCode::kConfig, "@@REPEAT expands beyond 64 MiB");
    out.reserve(out.size() + count * unit.size());
    for (size_t i = 0; i < count; ++i) out.append(unit);
    pos = close + kRepeatClose.size();
  }
  out.append(s.substr(pos));
  return out;
}

Result<std::vector<BatteryCase>> LoadBattery(const std::string& dir) {
  std::vector<BatteryCase> cases;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() != ".meta") continue;
    auto c = LoadCase(e.path());
    if (!c.ok()) return c.status();
    cases.push_back(std::move(c).value());
  }
  if (ec) return Result<std::vector<BatteryCase>>(ErrorCode::kConfig, dir + ": " + ec.message());
  std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return cases;
}

std::string BatteryDir() { return std::string(TIDINGS_SOURCE_DIR) + "/tests/data/ingest/battery"; }

}  // namespace tidings::testing
