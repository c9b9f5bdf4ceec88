#include "cli/commands.h"

namespace tidings::cli {

void AddLoadCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("load", "(not yet implemented)");
  cmd->callback([] { throw CLI::RuntimeError("tidings load: not yet implemented", 2); });
}

}  // namespace tidings::cli
