#pragma once
// Structured logging for the daemons and tools: spdlog, one line per event,
// either human text (terminal) or JSON (services: `log_format = json`).

#include <spdlog/spdlog.h>

#include <string_view>

namespace tidings::runtime {

enum class LogFormat { kText, kJson };

// Configures the default logger: stderr, the given level ("trace".."off")
// and format; `component` names the daemon in every line. Call once at
// start-up before any thread logs.
void InitLogging(std::string_view component, std::string_view level, LogFormat format);

}  // namespace tidings::runtime
