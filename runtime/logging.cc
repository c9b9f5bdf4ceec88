#include "runtime/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <unistd.h>

#include "base/json.h"
#include "base/utf8.h"

namespace tidings::runtime {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// A spdlog flag that writes one field of the message (`Field`) through an
// escaper (`Escape`), so that no message can forge a field or a line.
using Escaper = void (*)(std::string&, std::string_view);
using FieldOf = spdlog::string_view_t (*)(const spdlog::details::log_msg&);

template <FieldOf Field, Escaper Escape>
class EscapedFlag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    const spdlog::string_view_t f = Field(msg);
    std::string s;
    Escape(s, std::string_view(f.data(), f.size()));
    dest.append(s.data(), s.data() + s.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<EscapedFlag>(); }
};

spdlog::string_view_t Payload(const spdlog::details::log_msg& m) { return m.payload; }
spdlog::string_view_t LoggerName(const spdlog::details::log_msg& m) { return m.logger_name; }

}  // namespace

void AppendJsonEscaped(std::string& out, std::string_view s) { base::AppendJsonEscaped(out, s); }

void AppendTextEscaped(std::string& out, std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    size_t n = base::DecodeUtf8At(s, i, &cp);
    if (n == 0 || (cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t') || cp == 0x7F) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
      ++i;
      continue;
    }
    if (cp == '\n') out += "\\n";
    else if (cp == '\r') out += "\\r";
    else if (cp == '\t') out += "\\t";
    else if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) base::AppendUnicodeEscape(out, cp);
    else out.append(s.data() + i, n);
    i += n;
  }
}

std::unique_ptr<spdlog::formatter> MakeLogFormatter(LogFormat format) {
  auto f = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  if (format == LogFormat::kJson) {
    // %l is one of spdlog's fixed level names: nothing to escape.
    f->add_flag<EscapedFlag<LoggerName, AppendJsonEscaped>>('&')
        .add_flag<EscapedFlag<Payload, AppendJsonEscaped>>('*')
        .set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l","component":"%&","msg":"%*"})");
  } else {
    f->add_flag<EscapedFlag<Payload, AppendTextEscaped>>('*').set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %n: %*");
  }
  return f;
}

void InitLogging(std::string_view component, std::string_view level, LogFormat format) {
  auto logger = isatty(STDERR_FILENO) ? spdlog::stderr_color_mt(std::string(component))
                                      : spdlog::stderr_logger_mt(std::string(component));
  logger->set_formatter(MakeLogFormatter(format));
  logger->set_level(spdlog::level::from_str(std::string(level)));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

}  // namespace tidings::runtime
