#pragma once
// Each subcommand of `tidings` lives in its own cli/<name>_cmd.cc and adds
// itself to the app here. A command's callback returns through
// CLI::RuntimeError(code) so that main() can exit with that code.

#include <CLI/CLI.hpp>

namespace tidings::cli {

void AddEnrichCommand(CLI::App& app);  // cli/enrich_cmd.cc
void AddSplitCommand(CLI::App& app);   // cli/split_cmd.cc
void AddLoadCommand(CLI::App& app);    // cli/load_cmd.cc
void AddTopicsCommand(CLI::App& app);  // cli/topics_cmd.cc
void AddQueryCommand(CLI::App& app);   // cli/query_cmd.cc
void AddDlqCommand(CLI::App& app);     // cli/dlq_cmd.cc
void AddTrainCommand(CLI::App& app);   // cli/train_cmd.cc

}  // namespace tidings::cli
