#pragma once
// The document store: enriched documents in RocksDB, with the Kafka offsets
// they were read up to, so that tidings-store resumes exactly where its last
// durable write ended (no document lost, none written twice).
//
// Column families (options and the reasons for them: store/README.md):
//   docs     document id                 -> EnrichedDocument (protobuf)
//   threads  thread id \0 document id    -> "" (a thread's documents)
//   offsets  topic \0 partition (4 bytes) -> next offset (8 bytes, big endian)
//            [+ the offset of the first record of the partition ever stored
//            (8 bytes); absent in stores written before it was kept]
//   index    secondary index entries (store/index.h) -> ""
//
// One Store per directory and process (RocksDB's lock). Get, NextOffset,
// the scans, Stats and Wal are thread-safe; WriteBatch, Recover and Flush
// are for the one writer and must not run beside each other. OpenReadOnly()
// gives a view for queries beside a running writer, as of the time it was
// opened. A directory the store creates is the owner's only (0700), and so
// are the files RocksDB creates while it opens.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/status.h"
#include "store/errors.h"
#include "store/query.h"
#include "tidings/v1/enriched.pb.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
class Cache;
class Env;
class WriteBatch;
}  // namespace rocksdb

namespace tidings::store {

namespace v1 = ::tidings::v1;

struct PartitionOffset {
  std::string topic;
  int32_t partition = 0;
  int64_t next_offset = 0;
  // The offset of the batch's first record of this partition (-1: not
  // known). Kept as the partition's first offset when the store has
  // nothing of the partition yet.
  int64_t first_offset = -1;
};

// What the store holds of one partition of its input topic.
struct StoredPartition {
  int32_t partition = 0;
  int64_t next_offset = 0;  // the next offset to read
  // The first record of the partition the store ever stored: its copy of
  // the partition runs from here. nullopt in a store written before this
  // was kept.
  std::optional<int64_t> first_offset;
};

struct StoreStats {
  uint64_t documents = 0;  // estimate
  uint64_t disk_bytes = 0;
};

// The live write-ahead log files (those RocksDB still needs on open).
struct WalStats {
  uint64_t files = 0;
  uint64_t bytes = 0;
};

// What one WriteBatch did, or why it failed.
struct WriteReport {
  size_t written = 0;  // documents put
  size_t stale = 0;    // documents skipped: the store holds a higher version
  ErrorKind error = ErrorKind::kNone;
};

struct StoreOptions {
  // RocksDB's environment (tests pass one that injects faults); null: the
  // default. Not owned; must outlive the Store.
  rocksdb::Env* env = nullptr;
  // Whether WriteBatch writes the secondary index entries (store/index.h).
  // Off only to measure what the index costs (bench/store_bench.cc): a
  // store opened so has View() fail and loses its index marker, so the next
  // open with the index on rebuilds the whole index. The daemon never turns
  // it off.
  bool write_index = true;
};

class Store {
 public:
  [[nodiscard]] static Result<std::unique_ptr<Store>> Open(const std::string& path, const StoreOptions& opts = {});
  [[nodiscard]] static Result<std::unique_ptr<Store>> OpenReadOnly(const std::string& path,
                                                                   const StoreOptions& opts = {});
  ~Store();

  // Writes the documents and the consumer offsets in one atomic batch.
  // After OK, a restart resumes after these offsets and never sees these
  // documents twice. A partition's first offset is written with its first
  // batch and kept after. A document replaces the stored one of its id unless
  // that one has a higher ingest version (then it is skipped and counted in
  // report->stale); within the batch, too, the highest version wins. On
  // error nothing is written and report->error says the kind.
  [[nodiscard]] Status WriteBatch(const std::vector<v1::EnrichedDocument>& docs,
                                  const std::vector<PartitionOffset>& next, WriteReport* report = nullptr);

  // After a failed write: closes and reopens the database, which clears a
  // background error (a full disk once space is back) and starts a fresh
  // write-ahead log (see store.cc for why not DB::Resume()). OK when writes
  // may go on; otherwise the error and its kind in *kind; after a failed
  // reopen the store stays closed (writes fail with kIo) and the next
  // Recover tries again.
  [[nodiscard]] Status Recover(ErrorKind* kind = nullptr);
  // Flushes every column family together, so that no write-ahead log file
  // is needed any more (a read-only open then replays nothing).
  [[nodiscard]] Status Flush();
  // Compacts every column family fully: the store at its smallest (for
  // benchmarks and maintenance). Blocks until done; for the one writer.
  [[nodiscard]] Status Compact();

  // The next offset to read for a partition, nullopt when never written.
  [[nodiscard]] Result<std::optional<int64_t>> NextOffset(const std::string& topic, int32_t partition) const;
  // Every partition of `topic` the store has offsets of, by partition.
  [[nodiscard]] Result<std::vector<StoredPartition>> Partitions(const std::string& topic) const;
  [[nodiscard]] Result<std::optional<v1::EnrichedDocument>> Get(const std::string& id) const;
  // Calls fn for each document of the thread (the article and its
  // comments), in id order; stops early when fn returns false.
  [[nodiscard]] Status ScanThread(const std::string& thread_id,
                                  const std::function<bool(const v1::EnrichedDocument&)>& fn) const;
  // Calls fn for every document; stops early when fn returns false.
  [[nodiscard]] Status ScanAll(const std::function<bool(const v1::EnrichedDocument&)>& fn) const;
  StoreStats Stats() const;
  [[nodiscard]] Result<WalStats> Wal() const;

  // A consistent view of the documents and the index as of now (a RocksDB
  // snapshot) for the query library; reads through it never block the
  // writer. Must not outlive the Store; a Recover() waits for open views.
  // kIo naming the fix when the store has no index yet (a read-only open of
  // a store written before indexes: start tidings-store once to build it).
  [[nodiscard]] Result<std::unique_ptr<IndexReader>> View() const;

 private:
  Store() = default;
  [[nodiscard]] static Result<std::unique_ptr<Store>> OpenImpl(const std::string& path, bool read_only,
                                                               const StoreOptions& opts);
  [[nodiscard]] Status OpenDb(ErrorKind* kind = nullptr);
  void CloseDb();
  // The stored ingest version of each id of `docs` (nullopt: none stored)
  // and the index keys of the stored document (to delete when replaced).
  [[nodiscard]] Status StoredVersions(const std::vector<v1::EnrichedDocument>& docs,
                                      std::vector<std::optional<uint32_t>>* out,
                                      std::vector<std::vector<std::string>>* old_keys, ErrorKind* kind) const;
  // Adds to b what removes the index entries (store/index.h's entry keys)
  // from their postings: each posting that holds one is rewritten without
  // it, or deleted when nothing is left.
  [[nodiscard]] Status DropEntries(std::vector<std::string>& entries, rocksdb::WriteBatch& b,
                                   ErrorKind* kind) const;
  // Writes the index entries of every stored document when the index is
  // missing or of an older layout (a store written before it); logs progress.
  [[nodiscard]] Status EnsureIndex();
  // Deletes the index marker (a store written with write_index off), so
  // that the next EnsureIndex rebuilds the index.
  [[nodiscard]] Status ForgetIndex();
  bool has_index() const;
  // Reads the layout the index follows (the marker EnsureIndex writes) into
  // index_layout_; View() needs the current one.
  [[nodiscard]] Status ReadIndexLayout();
  class SnapshotView;

  std::string path_;
  bool read_only_ = false;
  StoreOptions opts_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs_;  // default, docs, threads, offsets[, index]
  std::shared_ptr<rocksdb::Cache> cache_;          // the block cache all column families share
  // Views read under a shared lock; closing and reopening the database
  // (Recover, the destructor) takes it exclusively.
  mutable std::shared_mutex db_mu_;
  std::string index_layout_;  // "" when none
  // The name table's pairs this process has written, so that a batch
  // writes only new ones (store/index.h): a set of their fingerprints.
  class NameFingerprints;
  std::unique_ptr<NameFingerprints> known_names_;
  // Each written document's bytes, serialized while the index is built
  // (WriteBatch); kept for the next batch's buffers.
  std::vector<std::string> doc_bytes_;
};

}  // namespace tidings::store
