#pragma once
// Enriching a batch's documents in parallel, ahead of the stage loop.
//
// tidings-enrich processes a batch's records one by one, in order, on the
// stage loop's thread: the thread join (thread_join.h) decides what each
// document is enriched with, and its state changes follow the input order.
// But what most documents are enriched with can be foreseen when the batch
// begins: an article needs nothing; a comment, the summaries of its parent
// and thread root, which are either in the join's state already or those of
// documents earlier in the same batch (made from their outputs). BatchPrefetch
// enriches those documents on a pool of threads, in waves (a reply after
// the document it replies to), and the join's enrich callback takes an
// output when the join hands over the same document with the same context
// (Ahead::Fits): whatever the foresight missed (a summary the join's bounds
// removed during the batch, a parent in another partition) is enriched
// again in order. Comments whose parent comes later or never stay on the
// loop thread.
//
// The output is the same as without it: Engine::EnrichInto is a function of
// the document and its context. Not thread-safe: one caller.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "enrich/engine.h"
#include "tidings/v1/enriched.pb.h"

namespace tidings::enrich {

class BatchPrefetch {
 public:
  // A document's output made ahead, with the context it was made with.
  struct Ahead {
    v1::EnrichedDocument out;
    std::optional<ThreadDoc> parent;
    std::optional<ThreadDoc> root;
    // Whether `out` is what EnrichInto(doc, ctx) gives: it was made from
    // `doc` with the same context.
    bool Fits(const v1::Document& doc, const ThreadContext& ctx) const;
  };

  // The summary of document `id` in the join's state before the batch, in
  // records[i]'s partition (ThreadJoin::Peek); nullopt when it has none or
  // the state cannot say.
  using SummaryFn = std::function<std::optional<ThreadDoc>(size_t i, const std::string& id)>;

  // `threads` >= 2: the caller's thread and threads - 1 of the pool's own.
  BatchPrefetch(const Engine& engine, int threads);
  ~BatchPrefetch();
  BatchPrefetch(const BatchPrefetch&) = delete;
  BatchPrefetch& operator=(const BatchPrefetch&) = delete;

  // Parses records[i] (serialized tidings.v1.Document) and enriches, on
  // the pool and the calling thread, those whose parent is known (in
  // `state` or earlier in the batch); returns when all are done. A record
  // that does not parse, is not valid UTF-8 or fails to enrich is left to
  // the caller.
  void Run(std::span<const std::string_view> records, const SummaryFn& state);

  // records[i]'s output of the last Run(), if one was made: the caller may
  // take the contents of its `out`. Null otherwise.
  Ahead* Get(size_t i);

  // Outputs made by the last Run().
  size_t enriched() const { return enriched_.load(std::memory_order_relaxed); }

 private:
  struct Slot {
    v1::Document doc;
    Ahead ahead;
    bool parsed = false;
    bool wanted = false;   // in the wave being enriched
    bool settled = false;  // enriched ahead or left to the caller
    bool ok = false;       // enriched ahead
  };
  // Where records[i]'s context comes from, if it can be foreseen: false
  // when it waits for a document not enriched yet (`*later` when that one
  // is earlier in the batch, in a wave still to come).
  bool Foresee(size_t i, const SummaryFn& state, bool* later);
  // The summary of `id` for records[i]: of the batch's last document with
  // that id before i if there is one (none if it was not enriched ahead),
  // else the state's.
  bool SummaryFor(size_t i, const std::string& id, const SummaryFn& state, std::optional<ThreadDoc>* out,
                  bool* later);
  // Runs fn(i) for every slot, on the pool and the calling thread.
  void ForEach(void (BatchPrefetch::*fn)(size_t));
  void Parse(size_t i);
  void Enrich(size_t i);
  void Work();
  void Loop();

  const Engine& engine_;
  std::vector<std::unique_ptr<Slot>> slots_;  // kept between batches: protobuf reuses their memory
  std::unordered_map<std::string_view, std::vector<size_t>> by_id_;  // the batch's documents by id
  std::span<const std::string_view> records_;
  void (BatchPrefetch::*fn_)(size_t) = nullptr;
  std::atomic<size_t> next_{0};
  std::atomic<size_t> enriched_{0};
  std::mutex mu_;
  std::condition_variable start_;
  std::condition_variable done_;
  uint64_t generation_ = 0;  // one per ForEach()
  int working_ = 0;          // pool threads not done with this generation
  bool stop_ = false;
  std::vector<std::thread> pool_;
};

}  // namespace tidings::enrich
