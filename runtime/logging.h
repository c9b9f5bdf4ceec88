#pragma once
// Structured logging for the daemons and tools: spdlog, one line per event,
// either human text (terminal) or JSON (services: `log_format = json`).
//
// A log line is always one line whatever the message holds (record values
// quoted in messages come from outside): in JSON every field is escaped
// (quotes, backslashes, control characters; invalid UTF-8 replaced by
// U+FFFD), so a message can neither add fields nor lines; in text, control
// characters and invalid UTF-8 in the message are shown escaped (`\n`,
// `\x1b`).

#include <spdlog/formatter.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <string>
#include <string_view>

namespace tidings::runtime {

enum class LogFormat { kText, kJson };

// Configures the default logger: stderr, the given level ("trace".."off")
// and format; `component` names the daemon in every line. Call once at
// start-up before any thread logs.
void InitLogging(std::string_view component, std::string_view level, LogFormat format);

// The line formatter InitLogging installs (exposed for tests): text is
// `<time> <level> <component>: <message>`, JSON is
// `{"time":…,"level":…,"component":…,"msg":…}`; times in UTC.
std::unique_ptr<spdlog::formatter> MakeLogFormatter(LogFormat format);

// Appends `s` as the inside of a JSON string (no quotes added): `"` and `\`
// escaped, control characters (C0, DEL, C1) and U+2028/U+2029 as \n, \r,
// \t or \u00XX; valid UTF-8 passes through; each byte that is not part of
// valid UTF-8 becomes U+FFFD.
void AppendJsonEscaped(std::string& out, std::string_view s);

// Appends `s` for one line of text: control characters as \n, \r, \t or
// \xNN (C1 as \u0085 …), invalid UTF-8 bytes as \xNN; everything else as is.
void AppendTextEscaped(std::string& out, std::string_view s);

}  // namespace tidings::runtime
