// `tidings`: the operator tool. Subcommands: enrich, split, load, topics, query, dlq, train.
#include <cstdio>
#include <string_view>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"tidings: news articles and comment threads, enriched with entities, dates and stance"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "tidings 0.1.0");
  tidings::cli::AddEnrichCommand(app);
  tidings::cli::AddSplitCommand(app);
  tidings::cli::AddLoadCommand(app);
  tidings::cli::AddTopicsCommand(app);
  tidings::cli::AddQueryCommand(app);
  tidings::cli::AddDlqCommand(app);
  tidings::cli::AddTrainCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    // A command's own failure: its message (if any) was printed already.
    if (std::string_view(e.what()) != "Runtime error" && *e.what()) std::fprintf(stderr, "%s\n", e.what());
    return e.get_exit_code();
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);  // prints help, version or the usage error
    return rc == 0 ? 0 : 2;  // usage errors exit 2, like the daemons
  }
  return 0;
}
