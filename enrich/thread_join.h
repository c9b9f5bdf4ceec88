#pragma once
// Comment threads as a stream-table join, the way Kafka Streams joins a
// stream with a table: the enricher keeps, per input partition, the summary
// (ThreadDoc) of every document it enriched and the comments that wait for
// their parent, in a local store (JoinStore) whose every change is also
// written to a compacted changelog topic in the same Kafka transaction as
// the outputs. The store is rebuilt from the changelog when a partition is
// assigned, so it always matches the committed input offsets.
//
//   - A document whose parent is known (or that has none) is enriched at
//     once; its summary is stored, and the comments waiting for it are
//     released: enriched with it as their parent, their summaries stored
//     and their own waiting replies released in turn (a queue, no
//     recursion).
//   - A comment whose parent is not known waits in the store (no output).
//   - Tick() releases comments that waited parent_wait_ms, and a partition
//     holding more than max_waiting comments releases its oldest at once:
//     without their parent, so the reply stance says parent_missing.
//   - A summary is kept summary_retention_ms after it was stored (Tick()
//     removes older ones), and a partition holding more than max_summaries
//     drops its oldest at once. A reply to a document whose summary is
//     gone waits parent_wait_ms like any comment whose parent is unknown.
//
// Each input record is read once and nothing is re-sent. Memory holds one
// transaction's overlay; the rest is on disk, bounded by max_waiting
// comments and max_summaries summaries (at most about 3 KB each) per
// partition.
//
// Documents of a thread share a partition (the input is keyed by thread
// id), so a comment looks for its parent only in its own partition.
//
// Changes made while processing a batch are staged (JoinStore's overlay)
// until Commit() (the transaction committed) or Abort(). Restore()/Drop()
// run between transactions. Not thread-safe: the stage loop's thread only.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "enrich/engine.h"
#include "enrich/join_store.h"
#include "runtime/status.h"
#include "tidings/v1/document.pb.h"

namespace tidings::enrich {

struct JoinOptions {
  // How long a comment waits for its parent before it is enriched without.
  int64_t parent_wait_ms = 600000;
  // Waiting comments per partition at most; past it the oldest is released.
  int64_t max_waiting = 100000;
  // Comments released per partition per Tick() at most (bounds a
  // transaction; the rest go at the next tick).
  int64_t max_released_per_tick = 1000;
  // How long a document's summary is kept for its replies (0: until
  // max_summaries pushes it out).
  int64_t summary_retention_ms = 30LL * 24 * 3600 * 1000;
  // Summaries per partition at most; past it the oldest are removed.
  int64_t max_summaries = 1000000;
  // Summaries removed by age per partition per Tick() at most.
  int64_t max_expired_per_tick = 10000;
};

class ThreadJoin {
 public:
  // Why a document is enriched now.
  enum class Why {
    kArrived,        // it was read, its parent known or none
    kParentArrived,  // it waited and its parent was enriched
    kParentWait,     // it waited parent_wait_ms: enriched without its parent
    kBound,          // its partition held max_waiting comments: without its parent
  };
  // Why a summary is removed.
  enum class Expiry {
    kAge,    // it was stored summary_retention_ms ago
    kBound,  // its partition held max_summaries
  };
  // Enriches `doc` with `ctx`, publishes the output (the caller's business)
  // and returns the document's summary; an error for a document that can
  // never be enriched.
  using EnrichFn =
      std::function<Result<ThreadDoc>(const v1::Document& doc, const ThreadContext& ctx, Why why)>;
  // A change of the state, for the changelog: `key` in `partition` set to
  // `value`, or deleted when nullopt.
  using ChangeFn =
      std::function<void(int32_t partition, const std::string& key, std::optional<std::string> value)>;

  // The store must outlive the join.
  ThreadJoin(JoinStore& store, JoinOptions opts, EnrichFn enrich, ChangeFn change);

  enum class Added { kEnriched, kWaiting };
  // One input document of `partition`, read at `now_ms` (Unix ms). An error
  // of enrich for this document leaves the state as it was for it; a store
  // error (kIo) means the transaction must be retried.
  // `record`: doc serialized, when the caller has it (the input record's
  // value): a waiting comment keeps it as it is instead of serializing doc.
  [[nodiscard]] Result<Added> Add(int32_t partition, const v1::Document& doc, int64_t now_ms,
                                  std::string_view record = {});
  // The summary of document `id` in `partition`, this batch's changes
  // included (what a reply to it read now would get); nullopt when there
  // is none. Changes nothing. kIo when the store fails.
  [[nodiscard]] Result<std::optional<ThreadDoc>> Peek(int32_t partition, const std::string& id) {
    return Find(partition, id);
  }

  // Releases, in every partition, the comments that have waited
  // parent_wait_ms by `now_ms`, and removes the summaries stored
  // summary_retention_ms before it.
  [[nodiscard]] Status Tick(int64_t now_ms);

  // The batch's transaction committed: its changes are kept. kIo when the
  // local store could not take them (the store then no longer matches the
  // changelog: the caller must not go on).
  [[nodiscard]] Status Commit();
  // The batch's transaction aborted: its changes are dropped.
  void Abort();

  // Rebuilds `partition`'s state from its changelog records, in order
  // (value nullopt: a tombstone). Call Begin, then Apply per record, then
  // End. kInvalidProtobuf for a record of another format. A summary
  // written without its time is aged from `now_ms` (Unix ms).
  [[nodiscard]] Status BeginRestore(int32_t partition, int64_t now_ms);
  [[nodiscard]] Status ApplyRestored(int32_t partition, std::string_view key, std::optional<std::string_view> value);
  [[nodiscard]] Status EndRestore(int32_t partition);
  // Forgets `partition` (revoked).
  [[nodiscard]] Status Drop(int32_t partition);

  // Committed figures.
  struct Stats {
    int64_t waiting = 0;  // comments waiting now, all partitions
    std::map<Why, int64_t> released;  // since start, by why (kParentArrived, kParentWait, kBound)
    int64_t summaries = 0;  // summaries held now, all partitions
    std::map<Expiry, int64_t> expired;  // summaries removed since start, by why
  };
  const Stats& stats() const { return stats_; }
  // Waiting comments of `partition`, this batch's changes included.
  int64_t waiting(int32_t partition) const;
  // Summaries held for `partition`, this batch's changes included.
  int64_t summaries(int32_t partition) const;

  // Whether `doc`'s thread root is another document, whose summary the join
  // gives it as ThreadContext::root (BatchPrefetch foresees the same).
  static bool HasOtherRoot(const v1::Document& doc) {
    return !doc.thread_id().empty() && doc.thread_id() != doc.id();
  }

  // Store keys (also the changelog's), exposed for tests and tools.
  static std::string SummaryKey(std::string_view id);
  static std::string WaitingKey(std::string_view parent_id, std::string_view comment_id);
  static std::string WaitingPrefix(std::string_view parent_id);
  // The store's runs of ascending keys (JoinStore::AscendingFn): the two
  // time indexes, written in time order.
  static size_t TimeIndexRun(std::string_view key);

 private:
  [[nodiscard]] Result<std::optional<ThreadDoc>> Find(int32_t partition, const std::string& id);
  [[nodiscard]] Status Wait(int32_t partition, const v1::Document& doc, int64_t now_ms, std::string_view record);
  // If the comment under `wkey` waits, drops its entry of the age index and
  // says true (the caller replaces or deletes the waiting entry itself).
  [[nodiscard]] Result<bool> DropWaitingTime(int32_t partition, const std::string& wkey);
  // Enriches doc and stores its summary, then releases what waits for it.
  // `known_parent`: doc's parent when the caller has looked it up already.
  [[nodiscard]] Status EnrichAndRelease(int32_t partition, const v1::Document& doc, Why why, int64_t now_ms,
                                        const ThreadDoc* known_parent = nullptr);
  // Counts a comment that begins (+1) or stops (-1) waiting for parent_id.
  void CountWaiting(int32_t partition, std::string_view parent_id, int64_t d);
  // Comments waiting for parent_id, this batch's changes included.
  int64_t WaitersOf(int32_t partition, const std::string& parent_id) const;
  [[nodiscard]] Status StoreSummary(int32_t partition, ThreadDoc& summary, int64_t now_ms);
  // Removes the waiting entry (key `wkey`, value `wvalue`) and enriches it.
  [[nodiscard]] Status ReleaseOldest(int32_t partition, int64_t cutoff_ms, int64_t max_n, Why why, int64_t now_ms);
  // The entries of the time index `index` (waiting times or summary ages)
  // at or before cutoff_ms, oldest first, at most max_n: (time, the key's
  // rest).
  [[nodiscard]] Result<std::vector<std::pair<int64_t, std::string>>> Oldest(int32_t partition, char index,
                                                                           int64_t cutoff_ms, int64_t max_n);
  // Removes up to max_n summaries stored at or before cutoff_ms, oldest
  // first; and those over max_summaries.
  [[nodiscard]] Status ExpireOldest(int32_t partition, int64_t cutoff_ms, int64_t max_n, Expiry why);
  [[nodiscard]] Status ExpireOverBound(int32_t partition);
  void SetState(int32_t partition, const std::string& key, std::optional<std::string> value);

  JoinStore& store_;
  JoinOptions opts_;
  EnrichFn enrich_;
  ChangeFn change_;
  std::set<int32_t> partitions_;
  std::map<int32_t, int64_t> waiting_;         // committed, per partition
  std::map<int32_t, int64_t> waiting_delta_;   // this batch's
  // The parents that comments wait for, with how many: committed, and this
  // batch's changes. Spares a document without waiting replies (most) the
  // store's scan for them. At most max_waiting entries per partition.
  using WaiterCounts = std::unordered_map<std::string, int64_t>;
  std::map<int32_t, WaiterCounts> waiters_;
  std::map<int32_t, WaiterCounts> waiters_delta_;
  std::map<Why, int64_t> released_delta_;      // this batch's
  std::map<int32_t, int64_t> summaries_;        // committed, per partition
  std::map<int32_t, int64_t> summaries_delta_;  // this batch's
  std::map<Expiry, int64_t> expired_delta_;     // this batch's
  int64_t restore_ms_ = 0;                      // BeginRestore's now_ms
  Stats stats_;
};

}  // namespace tidings::enrich
