#include "runtime/daemon.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>
#include <fstream>
#include <iostream>
#include <sstream>

#include "runtime/http_server.h"
#include "runtime/logging.h"

extern char** environ;

namespace tidings::runtime {
Result<std::map<std::string, std::string>> ParseKafkaProperties(std::string_view s) {
  std::map<std::string, std::string> out;
  std::vector<std::string> items(1);
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',') {
      items.emplace_back();
    } else if (s[i] != '\\') {
      items.back().push_back(s[i]);
    } else if (i + 1 < s.size() && (s[i + 1] == ',' || s[i + 1] == '\\')) {
      items.back().push_back(s[++i]);
    } else {
      return Status(ErrorCode::kConfig, "option 'kafka_properties': item " + std::to_string(items.size()) +
                                            ": a backslash must be followed by ',' or '\\'");
    }
  }
  for (size_t n = 0; n < items.size(); ++n) {
    std::string_view item = items[n];
    if (item.find_first_not_of(" \t") == std::string_view::npos) continue;
    auto eq = item.find('=');
    std::string key(eq == std::string_view::npos ? "" : item.substr(0, eq));
    key.erase(0, key.find_first_not_of(" \t"));
    key.erase(key.find_last_not_of(" \t") + 1);
    if (key.empty())
      return Status(ErrorCode::kConfig, "option 'kafka_properties': item " + std::to_string(n + 1) +
                                            " is not key=value (values are not shown)");
    out[key] = std::string(item.substr(eq + 1));
  }
  return out;
}

Result<std::map<std::string, std::string>> ParseKafkaPropertiesFile(std::string_view text,
                                                                   std::string_view source) {
  auto trim = [](std::string_view v) {
    auto b = v.find_first_not_of(" \t\r");
    return b == std::string_view::npos ? std::string_view() : v.substr(b, v.find_last_not_of(" \t\r") - b + 1);
  };
  std::map<std::string, std::string> out;
  int n = 0;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++n;
    if (line.empty() || line.front() == '#') continue;
    auto eq = line.find('=');
    std::string_view key = eq == std::string_view::npos ? std::string_view() : trim(line.substr(0, eq));
    if (key.empty())
      return Status(ErrorCode::kConfig, std::string(source) + ":" + std::to_string(n) +
                                            ": expected key=value (values are not shown)");
    out[std::string(key)] = std::string(trim(line.substr(eq + 1)));
  }
  return out;
}

DaemonContext::DaemonContext(const Config& config, Shutdown& shutdown)
    : config_(config), shutdown_(shutdown), registry_(std::make_shared<prometheus::Registry>()) {
  kafka_.brokers = config.GetString("brokers");
  kafka_.client_id = config.GetString("client_id");
  prefix_ = config.GetString("topic_prefix");
}

void DaemonContext::SetCondition(const std::string& name, bool ok, std::string why) {
  std::lock_guard lock(mu_);
  if (ok) failing_.erase(name);
  else failing_[name] = why.empty() ? name + " not ok" : std::move(why);
}

bool DaemonContext::Ready(std::string* why) const {
  std::lock_guard lock(mu_);
  if (failing_.empty()) return true;
  if (why) {
    why->clear();
    for (const auto& [name, reason] : failing_) {
      if (!why->empty()) *why += "; ";
      *why += reason;
    }
  }
  return false;
}

std::vector<OptionSpec> CommonOptions(const DaemonSpec& spec) {
  const std::string& c = spec.component;
  return {
      {"brokers", OptionType::kString, "127.0.0.1:9092", 0, -1, "Kafka bootstrap servers, host:port[,host:port]"},
      {"group_id", OptionType::kString, "tidings-" + c, 0, -1, "Kafka consumer group"},
      {"client_id", OptionType::kString, "tidings-" + c, 0, -1, "Kafka client id (shows in broker logs)"},
      {"topic_prefix", OptionType::kString, "", 0, -1, "Prefix for every topic name (isolates stacks sharing a cluster)"},
      {"kafka_properties", OptionType::kString, "", 0, -1,
       "Extra librdkafka properties, comma-separated key=value (applied last; `\\,` is a comma, `\\\\` a backslash)"},
      {"metrics_address", OptionType::kString, "127.0.0.1", 0, -1, "Address of the /metrics /healthz /readyz server"},
      {"metrics_port", OptionType::kInt, std::to_string(spec.default_metrics_port), 0, 65535,
       "Port of the metrics server (0 picks a free port)"},
      {"metrics_port_file", OptionType::kString, "", 0, -1,
       "If set, the bound metrics port is written to this file once serving"},
      {"log_level", OptionType::kString, "info", 0, -1, "trace, debug, info, warn, error or off"},
      {"log_format", OptionType::kString, "text", 0, -1, "text (for people) or json (for log collectors)"},
      {"startup_timeout_ms", OptionType::kInt, "10000", 100, 600000,
       "How long to wait for the brokers at start-up before giving up"},
      {"shutdown_timeout_ms", OptionType::kInt, "10000", 100, 600000,
       "How long to wait for in-flight records on shutdown"},
      {"ready_max_lag", OptionType::kInt, "100000", 0, 1000000000000,
       "/readyz reports ready while the consumer lag is at most this many records"},
      {"ready_max_commit_age_ms", OptionType::kInt, "60000", 1000, 86400000,
       "/readyz fails when the stage has not committed for this long while input is waiting (lag > 0)"},
  };
}

int DaemonMain(const DaemonSpec& spec, int argc, char** argv, const DaemonRunFn& run, const char* const* envp) {
  const std::string program = "tidings-" + spec.component;
  std::vector<OptionSpec> specs = CommonOptions(spec);
  specs.insert(specs.end(), spec.options.begin(), spec.options.end());
  auto config = Config::Load(spec.component, std::move(specs), argc, argv, envp ? envp : environ);
  if (!config.ok()) {
    std::fprintf(stderr, "%s: %s\n", program.c_str(), config.status().message().c_str());
    return 2;
  }
  if (config->help_requested()) {
    std::cout << (config->markdown_requested() ? config->MarkdownTable() : config->HelpText(program, spec.summary));
    return 0;
  }
  const std::string& level = config->GetString("log_level");
  if (spdlog::level::from_str(level) == spdlog::level::off && level != "off") {
    std::fprintf(stderr, "%s: option 'log_level' must be trace, debug, info, warn, error or off, got '%s'\n",
                 program.c_str(), level.c_str());
    return 2;
  }
  const std::string& format = config->GetString("log_format");
  if (format != "text" && format != "json") {
    std::fprintf(stderr, "%s: option 'log_format' must be text or json, got '%s'\n", program.c_str(), format.c_str());
    return 2;
  }
  if (config->GetString("brokers").find_first_not_of(" \t,") == std::string::npos) {
    std::fprintf(stderr, "%s: option 'brokers' must name at least one host:port\n", program.c_str());
    return 2;
  }
  auto props = ParseKafkaProperties(config->GetString("kafka_properties"));
  if (!props.ok()) {
    std::fprintf(stderr, "%s: %s\n", program.c_str(), props.status().message().c_str());
    return 2;
  }

  Shutdown& shutdown = Shutdown::Install();
  InitLogging(program, level, format == "json" ? LogFormat::kJson : LogFormat::kText);

  DaemonContext ctx(*config, shutdown);
  const_cast<KafkaOptions&>(ctx.kafka()).extra = *props;

  HttpServer http(ctx.registry_ptr(), [&ctx](std::string* why) { return ctx.Ready(why); });
  if (Status st = http.Start(config->GetString("metrics_address"), static_cast<int>(config->GetInt("metrics_port")));
      !st.ok()) {
    std::fprintf(stderr, "%s: %s\n", program.c_str(), st.message().c_str());
    return st.code() == ErrorCode::kConfig ? 2 : 1;
  }
  spdlog::info("serving http://{}:{}/metrics /healthz /readyz", config->GetString("metrics_address"), http.port());
  if (const std::string& pf = config->GetString("metrics_port_file"); !pf.empty()) {
    std::ofstream(pf + ".tmp") << http.port() << "\n";
    std::rename((pf + ".tmp").c_str(), pf.c_str());
  }

  if (Status st = CheckBrokers(ctx.kafka(), static_cast<int>(config->GetInt("startup_timeout_ms"))); !st.ok()) {
    spdlog::default_logger()->flush();
    std::fprintf(stderr, "%s: %s\n", program.c_str(), st.message().c_str());
    return st.code() == ErrorCode::kConfig ? 2 : 1;
  }

  // Shutdown has a deadline: if in-flight work cannot finish (broker gone),
  // the process exits after shutdown_timeout_ms (+5 s for the consumer to
  // leave its group) rather than hang. Exiting there is safe: what was not
  // committed is read again by the next owner.
  const auto stop_budget = std::chrono::milliseconds(config->GetInt("shutdown_timeout_ms") + 5000);
  std::thread([&shutdown, stop_budget, program] {
    while (!shutdown.WaitFor(std::chrono::hours(24))) {
    }
    std::this_thread::sleep_for(stop_budget);
    spdlog::error("did not stop within {} ms; exiting", stop_budget.count());
    spdlog::default_logger()->flush();
    std::fprintf(stderr, "%s: did not stop within %lld ms\n", program.c_str(),
                 static_cast<long long>(stop_budget.count()));
    _exit(1);
  }).detach();

  Status st = run(ctx);
  http.Stop();
  if (!st.ok()) {
    spdlog::error("stopped on error: {}", st.ToString());
    spdlog::default_logger()->flush();
    std::fprintf(stderr, "%s: %s\n", program.c_str(), st.ToString().c_str());
    return st.code() == ErrorCode::kConfig ? 2 : 1;
  }
  spdlog::info("stopped cleanly");
  spdlog::default_logger()->flush();
  return 0;
}

}  // namespace tidings::runtime
