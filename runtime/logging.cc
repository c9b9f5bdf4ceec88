#include "runtime/logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <unistd.h>

namespace tidings::runtime {

void InitLogging(std::string_view component, std::string_view level, LogFormat format) {
  auto logger = isatty(STDERR_FILENO) ? spdlog::stderr_color_mt(std::string(component))
                                      : spdlog::stderr_logger_mt(std::string(component));
  if (format == LogFormat::kJson) {
    logger->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l","component":"%n","msg":"%v"})",
                        spdlog::pattern_time_type::utc);
  } else {
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %n: %v", spdlog::pattern_time_type::utc);
  }
  logger->set_level(spdlog::level::from_str(std::string(level)));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

}  // namespace tidings::runtime
