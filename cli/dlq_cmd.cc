// `tidings dlq`: shows the dead-letter topic as JSON Lines (one DeadLetter a
// line: stage, error_code, message, source coordinates, original record).
#include <cstdio>
#include <map>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "proto/json_codec.h"
#include "runtime/kafka.h"

namespace tidings::cli {

void AddDlqCommand(CLI::App& app) {
  struct Args {
    KafkaFlags kafka;
    bool follow = false, summary = false;
    int timeout_s = 30;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("dlq", "Show the dead-letter topic");
  AddKafkaFlags(cmd, &a->kafka);
  cmd->add_flag("--follow,-f", a->follow, "Keep reading new dead letters until Ctrl-C");
  cmd->add_flag("--summary", a->summary, "Counts by stage and error code only");
  cmd->add_option("--timeout", a->timeout_s, "Seconds to wait for the broker");
  cmd->callback([a] {
    auto ko = a->kafka.Options("tidings-dlq");
    if (!ko.ok()) {
      std::fprintf(stderr, "tidings dlq: %s\n", ko.status().message().c_str());
      throw CLI::RuntimeError(2);
    }
    std::map<std::string, uint64_t> counts;
    uint64_t bad = 0;
    Status st = runtime::ReadTopic(
        *ko, a->kafka.prefix + "tidings.dlq",
        [&](const runtime::Message& m) {
          v1::DeadLetter dl;
          if (!dl.ParseFromString(m.value)) {
            ++bad;
            return true;
          }
          if (a->summary) {
            ++counts[dl.stage() + "\t" + dl.error_code()];
          } else {
            std::string line = proto::DeadLetterToJson(dl) + "\n";
            std::fwrite(line.data(), 1, line.size(), stdout);
            std::fflush(stdout);
          }
          return true;
        },
        a->timeout_s * 1000, a->follow);
    for (const auto& [k, n] : counts) std::printf("%s\t%llu\n", k.c_str(), static_cast<unsigned long long>(n));
    if (a->summary && counts.empty() && st.ok()) std::printf("no dead letters\n");
    if (bad) std::fprintf(stderr, "tidings dlq: %llu records were not DeadLetter messages\n",
                          static_cast<unsigned long long>(bad));
    if (!st.ok()) {
      std::fprintf(stderr, "tidings dlq: %s\n", st.message().c_str());
      throw CLI::RuntimeError(ExitCodeOf(st));
    }
  });
}

}  // namespace tidings::cli
