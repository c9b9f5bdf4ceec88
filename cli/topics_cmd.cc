// `tidings topics create`: creates the tidings topics (deploy/local/topics.conf
// partition counts) on a cluster; existing topics are left as they are.
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "runtime/kafka.h"

namespace tidings::cli {

void AddTopicsCommand(CLI::App& app) {
  struct Args {
    KafkaFlags kafka;
    int partitions = 0;
  };
  auto a = std::make_shared<Args>();
  auto* topics = app.add_subcommand("topics", "Manage the tidings topics");
  auto* create = topics->add_subcommand("create", "Create the tidings topics if missing");
  AddKafkaFlags(create, &a->kafka);
  create->add_option("--partitions", a->partitions, "Partitions of every topic (default: per topic, 1-6)");
  topics->require_subcommand(1);
  create->callback([a] {
    auto list = runtime::StandardTopics(a->kafka.prefix);
    for (auto& [name, parts] : list) {
      if (a->partitions > 0) parts = a->partitions;
    }
    auto ko = a->kafka.Options("tidings-topics");
    Status st = ko.ok() ? runtime::CreateTopics(*ko, list, 30000) : ko.status();
    if (!st.ok()) {
      std::fprintf(stderr, "tidings topics create: %s\n", st.message().c_str());
      throw CLI::RuntimeError(ExitCodeOf(st));
    }
    for (const auto& [name, parts] : list) std::printf("%s\t%d\n", name.c_str(), parts);
  });
}

}  // namespace tidings::cli
