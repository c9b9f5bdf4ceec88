// `tidings`: the operator tool. Subcommands: enrich, split, load, topics, query, dlq.
#include <cstdio>

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
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return 0;
}
