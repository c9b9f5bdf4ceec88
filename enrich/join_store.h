#pragma once
// The local store under the enricher's thread join (thread_join.h): one
// RocksDB in `state_dir` holding, per input partition, the keys the join
// writes, each under a 4-byte big-endian partition prefix.
//
// Writes go to a per-transaction overlay that reads see first; Commit()
// writes the overlay in one RocksDB batch, Abort() drops it, so a batch whose
// Kafka transaction aborts leaves the store as it was (the pattern of
// ingest's DedupOverlay). Restore writes (ApplyRestored, DropPartition) go
// to RocksDB at once and require an empty overlay.
//
// The store holds no data of its own: the changelog topic is the truth and
// the directory is wiped at Open(). RocksDB's WAL is off for that reason.
// Not thread-safe: the stage loop's thread only.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/status.h"

namespace rocksdb {
class DB;
class Cache;
}  // namespace rocksdb

namespace tidings::enrich {

class JoinStore {
 public:
  // How many first bytes of `key` name a run of keys written in ascending
  // order (a time index: the prefix, then the time); 0 for other keys.
  using AscendingFn = size_t (*)(std::string_view key);

  // Wipes `dir` (whatever a previous run left) and opens an empty store
  // there, with a block cache of `cache_bytes`. `ascending`, when given,
  // lets the memtable insert such keys next to the last one of their run
  // instead of searching for their place. kIo naming the directory when
  // it can't (e.g. another process holds it).
  [[nodiscard]] static Result<std::unique_ptr<JoinStore>> Open(const std::string& dir, size_t cache_bytes,
                                                               AscendingFn ascending = nullptr);
  ~JoinStore();
  JoinStore(const JoinStore&) = delete;
  JoinStore& operator=(const JoinStore&) = delete;

  // The value of `key` in `partition` (the overlay first); nullopt when
  // absent; kIo when RocksDB fails.
  [[nodiscard]] Result<std::optional<std::string>> Get(int32_t partition, std::string_view key);
  // Stage a write or a delete in the overlay.
  void Put(int32_t partition, std::string_view key, std::string value);
  void Delete(int32_t partition, std::string_view key);
  // Calls fn(key, value) for the keys of `partition` starting with `prefix`,
  // ascending, overlay included (its deletes hide stored keys), until fn
  // returns false. fn must not write to the store.
  using ScanFn = std::function<bool(std::string_view key, std::string_view value)>;
  [[nodiscard]] Status Scan(int32_t partition, std::string_view prefix, const ScanFn& fn);

  // Writes the overlay to RocksDB (one batch) and clears it.
  [[nodiscard]] Status Commit();
  // Drops the overlay.
  void Abort() { overlay_.clear(); }
  size_t staged() const { return overlay_.size(); }

  // Restore: write or delete one key at once, bypassing the overlay.
  [[nodiscard]] Status ApplyRestored(int32_t partition, std::string_view key, std::optional<std::string_view> value);
  // Deletes every key of `partition`.
  [[nodiscard]] Status DropPartition(int32_t partition);

 private:
  JoinStore() = default;
  static std::string Key(int32_t partition, std::string_view key);

  std::shared_ptr<rocksdb::Cache> cache_;
  std::unique_ptr<rocksdb::DB> db_;
  // Full key (with partition) -> value, nullopt: deleted.
  std::map<std::string, std::optional<std::string>, std::less<>> overlay_;
};

}  // namespace tidings::enrich
