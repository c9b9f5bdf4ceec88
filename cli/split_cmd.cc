#include "cli/commands.h"

namespace tidings::cli {

void AddSplitCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("split", "(not yet implemented)");
  cmd->callback([] { throw CLI::RuntimeError("tidings split: not yet implemented", 2); });
}

}  // namespace tidings::cli
