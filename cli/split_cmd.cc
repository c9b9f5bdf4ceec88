// `tidings split FILE... [--output F] [--id-prefix P] [--language L] [--source S]`
// Turns raw text dumps into documents, one JSON object per line
// (docs/contracts/documents-jsonl.md). See ingest/splitter.h for the rules.

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "ingest/splitter.h"
#include "proto/json_codec.h"

namespace tidings::cli {
namespace {

struct SplitArgs {
  std::vector<std::string> files;
  std::string output;
  std::string id_prefix;
  std::string language;
  std::string source;
};

std::string PrefixOf(const SplitArgs& args, const std::string& path) {
  return args.id_prefix.empty() ? ingest::DefaultIdPrefix(path) : args.id_prefix;
}

int RunSplit(const SplitArgs& args) {
  if (Status st = CheckInputsAndOutput(args.files, args.output); !st.ok()) {
    std::cerr << "tidings split: " << st.message() << "\n";
    return 1;
  }
  // Ids are <prefix>-a<N>, <prefix>-c<N>: two files of one prefix would
  // give two documents one id (the store keeps one of them).
  std::map<std::string, std::string> prefixes;  // prefix -> its first file
  for (const auto& path : args.files) {
    auto [it, fresh] = prefixes.emplace(PrefixOf(args, path), path);
    if (!fresh) {
      std::cerr << "tidings split: " << it->second << " and " << path << " both get the id prefix " << it->first
                << ", so their documents' ids would collide; split them one at a time, each with its own "
                   "--id-prefix\n";
      return 1;
    }
  }
  std::ofstream file_out;
  std::ostream* out = &std::cout;
  if (!args.output.empty() && args.output != "-") {
    file_out.open(args.output, std::ios::binary | std::ios::trunc);
    if (!file_out) {
      std::cerr << "tidings split: cannot open " << args.output << " for writing\n";
      return 1;
    }
    out = &file_out;
  }
  proto::JsonOptions json;
  json.ingest_info = false;
  std::size_t total = 0;
  for (const auto& path : args.files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << "tidings split: cannot read " << path << "\n";
      return 1;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    std::string dump = std::move(ss).str();
    StripBom(&dump);
    ingest::SplitOptions opts;
    opts.id_prefix = PrefixOf(args, path);
    opts.language = args.language;
    opts.source = args.source;
    auto docs = ingest::SplitDump(dump, opts);
    std::size_t articles = 0;
    for (const auto& d : docs) {
      *out << proto::DocumentToJson(d, json) << '\n';
      articles += d.kind() == "article";
    }
    std::cerr << path << ": " << articles << " articles, " << docs.size() - articles
              << " comments (id prefix " << opts.id_prefix << ")\n";
    total += docs.size();
  }
  out->flush();
  if (!*out) {
    std::cerr << "tidings split: write failed\n";
    return 1;
  }
  return 0;
}

}  // namespace

void AddSplitCommand(CLI::App& app) {
  auto args = std::make_shared<SplitArgs>();
  auto* cmd = app.add_subcommand(
      "split", "Split raw text dumps (articles, comment threads) into JSON Lines documents");
  cmd->add_option("files", args->files, "Raw dump files")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", args->output, "Write here instead of stdout");
  cmd->add_option("--id-prefix", args->id_prefix,
                  "Id prefix (<prefix>-a<N>, <prefix>-c<N>); default: seed<leading digits> "
                  "of the file name, else its stem");
  cmd->add_option("--language", args->language, "Language code to set on every document");
  cmd->add_option("--source", args->source, "Source name for articles that do not name one");
  cmd->callback([args] {
    int rc = RunSplit(*args);
    if (rc != 0) throw CLI::RuntimeError(rc);
  });
}

}  // namespace tidings::cli
