#include "cli/commands.h"

namespace tidings::cli {

void AddEnrichCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("enrich", "(not yet implemented)");
  cmd->callback([] { throw CLI::RuntimeError("tidings enrich: not yet implemented", 2); });
}

}  // namespace tidings::cli
