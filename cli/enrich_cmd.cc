// `tidings enrich`: the offline enricher. Reads documents as JSON Lines
// (docs/contracts/documents-jsonl.md), writes enriched documents, with the
// same engine as the enrich daemon.
//
// Exit codes: 0 all lines enriched; 1 some lines were bad (reported on stderr
// with their line number and skipped, the rest written); 2 usage or I/O error.
// A line is bad when it is no document of the contract: the checks of the
// ingest daemon (ingest/validate.h: required fields, a comment's thread,
// RFC 3339 `published_at`, ...), with the same reason codes, but no size
// limit; the text is enriched as given, not normalised.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <atomic>
#include <fstream>
#include <iostream>
#include <memory>
#include <span>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "enrich/engine.h"
#include "enrich/thread_cache.h"
#include "ingest/validate.h"
#include "proto/json_codec.h"

namespace tidings::cli {
namespace {

namespace v1 = ::tidings::v1;

// The contract's checks without the daemon's size limits.
const ingest::Limits kNoSizeLimits{SIZE_MAX, SIZE_MAX};

// How many enriched documents are kept as thread context for later comments.
constexpr size_t kMaxContextDocs = 200'000;
// Lines read and enriched together (the unit of parallelism).
constexpr size_t kBatchLines = 512;

struct Options {
  std::string input = "-";
  std::string output = "-";
  std::string kb;
  std::string targets;
  std::string ner_model;
  std::string stance_model;
  std::string reply_model;
  bool debug = false;
  int threads = 1;
};

// One input line on its way through. Items are reused from batch to batch,
// so their buffers (the line, the output message's repeated fields) are
// allocated once, not per document.
struct Item {
  size_t line_no = 0;
  std::string line;
  v1::Document doc;
  bool parsed = false;
  std::string error;
  enrich::ThreadContext ctx;
  v1::EnrichedDocument out;
  bool done = false;

  void Reset() {
    parsed = done = false;
    error.clear();
    ctx = {};
  }
};

// CPU time of the whole process (every thread), user and system.
double CpuSecs() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

int Run(const Options& o) {
  enrich::EngineOptions eo;
  eo.kb_extra_path = o.kb;
  eo.targets_path = o.targets;
  eo.ner_model = o.ner_model;
  eo.stance_model = o.stance_model;
  eo.reply_model = o.reply_model;
  eo.debug = o.debug;
  const auto t_start = std::chrono::steady_clock::now();
  auto engine = enrich::Engine::Create(eo);
  if (!engine.ok()) {
    std::cerr << "tidings enrich: " << engine.status().ToString() << "\n";
    return 2;
  }
  if (Status st = CheckInputOutput(o.input, o.output); !st.ok()) {
    std::cerr << "tidings enrich: " << st.message() << "\n";
    return 2;
  }
  std::ifstream fin;
  std::istream* in = &std::cin;
  if (o.input != "-") {
    fin.open(o.input, std::ios::binary);
    if (!fin) {
      std::cerr << "tidings enrich: cannot open input " << o.input << "\n";
      return 2;
    }
    in = &fin;
  }
  std::ofstream fout;
  std::ostream* out = &std::cout;
  if (o.output != "-") {
    fout.open(o.output, std::ios::binary | std::ios::trunc);
    if (!fout) {
      std::cerr << "tidings enrich: cannot open output " << o.output << "\n";
      return 2;
    }
    out = &fout;
  }
  std::ios::sync_with_stdio(false);
  const auto t0 = std::chrono::steady_clock::now();
  const double cpu0 = CpuSecs();
  enrich::ThreadCache context(kMaxContextDocs);
  size_t line_no = 0, docs = 0, bad = 0, bytes = 0;
  proto::JsonOptions jo;
  jo.debug = o.debug;
  const int threads = std::max(1, std::min(o.threads, 64));
  bool eof = false;
  std::vector<Item> items(kBatchLines);
  std::string json;  // the batch's output lines
  while (!eof) {
    size_t n = 0;
    while (n < kBatchLines) {
      Item& it = items[n];
      if (!std::getline(*in, it.line)) {
        eof = true;
        break;
      }
      ++line_no;
      bytes += it.line.size() + 1;
      if (line_no == 1) StripBom(&it.line);
      if (it.line.find_first_not_of(" \t\r") == std::string::npos) continue;
      it.line_no = line_no;
      it.Reset();
      ++n;
    }
    const std::span<Item> batch(items.data(), n);
    for (auto& it : batch) {
      auto d = proto::ParseDocumentJson(it.line);
      if (!d.ok()) {
        it.error = d.status().ToString();
        continue;
      }
      // The contract's checks on a copy: the text is enriched as given.
      v1::Document checked = *d;
      if (Status st = ingest::ValidateDocument(checked, kNoSizeLimits); !st.ok()) {
        it.error = st.ToString();
        continue;
      }
      it.doc = std::move(d).value();
      it.parsed = true;
    }
    // A document's context comes from earlier lines only. Those whose parent
    // and root are not earlier in this batch run in parallel (their context
    // looked up before any of the batch is kept); the others afterwards in
    // input order, each after the batch's lines before it are kept.
    std::unordered_map<std::string, size_t> in_batch;  // id -> its first line in the batch
    for (size_t k = 0; k < batch.size(); ++k) {
      if (batch[k].parsed) in_batch.emplace(batch[k].doc.id(), k);
    }
    auto earlier = [&](const std::string& id, size_t k) {
      auto f = in_batch.find(id);
      return f != in_batch.end() && f->second < k;
    };
    auto depends = [&](size_t k) {
      return earlier(batch[k].doc.parent_id(), k) || earlier(batch[k].doc.thread_id(), k);
    };
    // Looking up the context moves it in the LRU order, so it happens on
    // this thread; the pointers stay valid until the next Put.
    auto find_context = [&](Item& it) {
      it.ctx.parent = it.doc.parent_id().empty() ? nullptr : context.Find(it.doc.parent_id());
      it.ctx.root = it.doc.thread_id().empty() ? nullptr : context.Find(it.doc.thread_id());
    };
    auto enrich_one = [&](Item& it) {
      if (Status st = (*engine)->EnrichInto(it.doc, it.ctx, &it.out); !st.ok()) {
        it.error = st.ToString();
      } else {
        it.done = true;
      }
    };
    std::vector<char> is_free(batch.size(), 0);
    {
      std::vector<size_t> free_items;
      for (size_t k = 0; k < batch.size(); ++k) {
        if (batch[k].parsed && !depends(k)) free_items.push_back(k), is_free[k] = 1;
      }
      for (size_t k : free_items) find_context(batch[k]);
      if (threads > 1 && free_items.size() > 1) {
        std::atomic<size_t> next{0};
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t) {
          pool.emplace_back([&] {
            for (size_t x; (x = next.fetch_add(1)) < free_items.size();) enrich_one(batch[free_items[x]]);
          });
        }
        for (auto& th : pool) th.join();
      } else {
        for (size_t k : free_items) enrich_one(batch[k]);
      }
    }
    for (size_t k = 0; k < batch.size(); ++k) {
      Item& it = batch[k];
      if (!is_free[k] && it.parsed && it.error.empty()) {
        find_context(it);
        enrich_one(it);
      }
      if (it.done) context.Put(it.out);
    }
    json.clear();
    for (auto& it : batch) {
      if (!it.done) {
        ++bad;
        std::cerr << o.input << ":" << it.line_no << ": " << it.error << "\n";
        continue;
      }
      ++docs;
      proto::AppendEnrichedJson(json, it.out, jo);
      json.push_back('\n');
    }
    out->write(json.data(), static_cast<std::streamsize>(json.size()));
    if (!*out) {
      std::cerr << "tidings enrich: write error on " << o.output << "\n";
      return 2;
    }
  }
  if (in->bad()) {
    std::cerr << "tidings enrich: read error on " << o.input << "\n";
    return 2;
  }
  out->flush();
  if (!*out) {
    std::cerr << "tidings enrich: write error on " << o.output << "\n";
    return 2;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = CpuSecs() - cpu0;
  const double startup_ms = std::chrono::duration<double, std::milli>(t0 - t_start).count();
  char summary[256];
  std::snprintf(summary, sizeof summary,
                "tidings enrich: %zu docs, %zu bad lines, %.2f MB in %.2f s (%.2f MB/s; %.2f MB/s "
                "per CPU second), startup %.0f ms\n",
                docs, bad, bytes / 1e6, secs, secs > 0 ? bytes / 1e6 / secs : 0.0,
                cpu > 0 ? bytes / 1e6 / cpu : 0.0, startup_ms);
  std::cerr << summary;
  return bad > 0 ? 1 : 0;
}

}  // namespace

void AddEnrichCommand(CLI::App& app) {
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "enrich", "Tag documents (JSON Lines) with entities, dates and stance, offline");
  cmd->add_option("--input,-i", opts->input, "Input JSON Lines file, '-' for stdin")
      ->capture_default_str();
  cmd->add_option("--output,-o", opts->output, "Output JSON Lines file, '-' for stdout")
      ->capture_default_str();
  cmd->add_option("--kb", opts->kb, "Extra knowledge-base file (enrich/kb/README.md)");
  cmd->add_option("--targets", opts->targets, "Stance target file (default: built-in)");
  cmd->add_option("--ner-model", opts->ner_model,
                  "Name model directory from 'tidings train ner'; 'none' for the rules alone "
                  "(default: built-in)");
  cmd->add_option("--stance-model", opts->stance_model,
                  "Stance model directory from 'tidings train stance' (carries its targets); 'none' for the "
                  "target-file rules alone (default: built-in for the built-in targets, else the rules)");
  cmd->add_option("--reply-model", opts->reply_model,
                  "Reply model directory from 'tidings train reply'; 'none' for the cue rules alone "
                  "(default: built-in)");
  cmd->add_option("--threads", opts->threads, "Worker threads")->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_flag("--debug", opts->debug, "Print which rule or KB entry produced each tag");
  cmd->callback([opts] {
    int rc = Run(*opts);
    if (rc != 0) throw CLI::RuntimeError(rc);
  });
}

}  // namespace tidings::cli
