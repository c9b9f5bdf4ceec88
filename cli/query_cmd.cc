// `tidings query`: reads enriched documents from a tidings-store directory
// (read-only, safe beside the running daemon) as JSON Lines.
#include <cstdio>

#include "cli/commands.h"
#include "proto/json_codec.h"
#include "store/store.h"

namespace tidings::cli {

void AddQueryCommand(CLI::App& app) {
  struct Args {
    std::string db = "var/store";
    std::string id, thread;
    bool all = false, stats = false, debug = false;
    int64_t limit = -1;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("query", "Read enriched documents from the store as JSON Lines");
  cmd->add_option("--db", a->db, "Store directory (tidings-store's db_path)");
  auto* g = cmd->add_option_group("what", "what to read");
  g->add_option("--id", a->id, "One document by id");
  g->add_option("--thread", a->thread, "An article and all its comments");
  g->add_flag("--all", a->all, "Every document");
  g->add_flag("--stats", a->stats, "Counts only");
  g->require_option(1);
  cmd->add_option("--limit", a->limit, "At most this many documents");
  cmd->add_flag("--debug", a->debug, "Include debug explanations where stored");
  cmd->callback([a] {
    auto store = store::Store::OpenReadOnly(a->db);
    if (!store.ok()) {
      std::fprintf(stderr, "tidings query: %s\n", store.status().message().c_str());
      throw CLI::RuntimeError(1);
    }
    proto::JsonOptions jo;
    jo.debug = a->debug;
    int64_t n = 0;
    auto print = [&](const v1::EnrichedDocument& d) {
      std::string line = proto::EnrichedToJson(d, jo);
      line.push_back('\n');
      std::fwrite(line.data(), 1, line.size(), stdout);
      return a->limit < 0 || ++n < a->limit;
    };
    Status st = Status::Ok();
    if (a->stats) {
      uint64_t docs = 0, articles = 0, entities = 0, dates = 0, stances = 0;
      st = (*store)->ScanAll([&](const v1::EnrichedDocument& d) {
        ++docs;
        articles += d.document().kind() == "article";
        entities += static_cast<uint64_t>(d.entities_size());
        dates += static_cast<uint64_t>(d.dates_size());
        stances += static_cast<uint64_t>(d.stances_size());
        return true;
      });
      std::printf("documents %llu (articles %llu, comments %llu); entities %llu, dates %llu, stances %llu\n",
                  static_cast<unsigned long long>(docs), static_cast<unsigned long long>(articles),
                  static_cast<unsigned long long>(docs - articles), static_cast<unsigned long long>(entities),
                  static_cast<unsigned long long>(dates), static_cast<unsigned long long>(stances));
    } else if (!a->id.empty()) {
      auto d = (*store)->Get(a->id);
      if (!d.ok()) st = d.status();
      else if (!d->has_value()) st = Status(ErrorCode::kNotFound, "no document with id '" + a->id + "'");
      else print(**d);
    } else if (!a->thread.empty()) {
      st = (*store)->ScanThread(a->thread, print);
    } else {
      st = (*store)->ScanAll(print);
    }
    if (!st.ok()) {
      std::fprintf(stderr, "tidings query: %s\n", st.message().c_str());
      throw CLI::RuntimeError(1);
    }
  });
}

}  // namespace tidings::cli
