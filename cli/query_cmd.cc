// `tidings query`: reads enriched documents from a tidings-store directory
// (read-only, safe beside the running daemon) as JSON Lines.
#include <cstdio>
#include <limits>

#include "cli/commands.h"
#include "proto/json_codec.h"
#include "store/query.h"
#include "store/store.h"

namespace tidings::cli {

namespace {

// The filter mode: one page (or the count) through the query library; the
// next page's cursor goes to stderr, so that stdout stays JSON Lines.
template <typename Args, typename Print>
Status RunFilters(const store::Store& s, const Args& a, Print& print) {
  store::Query q = a.q;
  auto from = store::ParseTimeBound(a.from, "from", false);
  if (!from.ok()) return from.status();
  auto to = store::ParseTimeBound(a.to, "to", true);
  if (!to.ok()) return to.status();
  q.from_ms = *from;
  q.to_ms = *to;
  q.limit = a.limit > 0 ? static_cast<size_t>(a.limit) : 50;
  q.max_scan = SIZE_MAX;  // an operator's own query: no cap
  auto view = s.View();
  if (!view.ok()) return view.status();
  if (a.count) {
    auto c = store::CountDocuments(**view, q);
    if (!c.ok()) return c.status();
    std::printf("%llu\n", static_cast<unsigned long long>(c->documents));
    return Status::Ok();
  }
  auto page = store::FindDocuments(**view, q);
  if (!page.ok()) return page.status();
  for (const auto& d : page->documents) print(d);
  if (!page->next_cursor.empty()) std::fprintf(stderr, "next page: --cursor %s\n", page->next_cursor.c_str());
  return Status::Ok();
}

}  // namespace

void AddQueryCommand(CLI::App& app) {
  struct Args {
    std::string db = "var/store";
    std::string id, thread;
    bool all = false, stats = false, debug = false, count = false;
    int64_t limit = -1;
    store::Query q;
    std::string from, to;
    bool Filtered() const {
      return count || !q.entity.empty() || !q.target.empty() || !q.source.empty() || !q.author.empty() ||
             !q.kind.empty() || !q.lang.empty() || !q.reply.empty() || !q.mentions_from.empty() ||
             !q.mentions_to.empty() || !from.empty() || !to.empty() || !q.cursor.empty();
    }
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("query", "Read enriched documents from the store as JSON Lines");
  cmd->add_option("--db", a->db, "Store directory (tidings-store's db_path)");
  auto* g = cmd->add_option_group("what", "what to read");
  g->add_option("--id", a->id, "One document by id");
  g->add_option("--thread", a->thread, "An article and all its comments");
  g->add_flag("--all", a->all, "Every document");
  g->add_flag("--stats", a->stats, "Counts only");
  g->require_option(0, 1);
  cmd->add_option("--limit", a->limit, "At most this many documents (with filters: the page size, default 50)")
      ->check(CLI::Range(int64_t{1}, std::numeric_limits<int64_t>::max()));
  auto* f = cmd->add_option_group("filters", "documents matching all of these, newest first (store/query.h)");
  f->add_option("--entity", a->q.entity, "Linked entity: id (Q-id or slug) or canonical name");
  f->add_option("--target", a->q.target, "Stance target key");
  f->add_option("--stance", a->q.stance, "FAVOR, AGAINST or NONE (with --target)");
  f->add_option("--from", a->from, "Published at or after (RFC 3339 date or time)");
  f->add_option("--to", a->to, "Published at or before (a date alone: its whole day)");
  f->add_option("--mentions-from", a->q.mentions_from, "Mentions a date at or after (YYYY[-MM[-DD]])");
  f->add_option("--mentions-to", a->q.mentions_to, "Mentions a date at or before (YYYY[-MM[-DD]])");
  f->add_option("--source", a->q.source, "Source");
  f->add_option("--author", a->q.author, "Author");
  f->add_option("--kind", a->q.kind, "article or comment");
  f->add_option("--lang", a->q.lang, "Language code (detected, else declared)");
  f->add_option("--reply", a->q.reply, "Reply stance: SUPPORT, DENY, QUERY or COMMENT");
  f->add_option("--cursor", a->q.cursor, "Go on after the page that printed this cursor");
  f->add_flag("--count", a->count, "Print the number of matching documents only");
  cmd->add_flag("--debug", a->debug, "Include debug explanations where stored");
  cmd->callback([a] {
    if (!a->q.stance.empty() && a->q.target.empty()) {
      std::fprintf(stderr, "tidings query: --stance needs --target (the stance toward which target)\n");
      throw CLI::RuntimeError(2);
    }
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
    if (a->Filtered()) {
      st = RunFilters(**store, *a, print);
    } else if (a->stats) {
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
    } else if (a->all) {
      st = (*store)->ScanAll(print);
    } else {
      st = Status(ErrorCode::kConfig, "say what to read: --id, --thread, --all, --stats or filters (--entity, ...)");
    }
    if (!st.ok()) {
      std::fprintf(stderr, "tidings query: %s\n", st.message().c_str());
      throw CLI::RuntimeError(st.code() == ErrorCode::kConfig ? 2 : 1);
    }
  });
}

}  // namespace tidings::cli
