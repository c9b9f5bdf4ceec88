#include "cli/commands.h"

namespace tidings::cli {

void AddTopicsCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("topics", "(not yet implemented)");
  cmd->callback([] { throw CLI::RuntimeError("tidings topics: not yet implemented", 2); });
}

}  // namespace tidings::cli
