#pragma once
// The document store: enriched documents in RocksDB, with the Kafka offsets
// they were read up to, so that tidings-store resumes exactly where its last
// durable write ended (no document lost, none written twice).
//
// Column families:
//   docs     document id                 -> EnrichedDocument (protobuf)
//   threads  thread id \0 document id    -> "" (a thread's documents)
//   offsets  topic \0 partition (4 bytes) -> next offset (8 bytes, big endian)
//
// One Store per directory and process (RocksDB's lock); its methods are
// thread-safe. OpenReadOnly() gives a view for queries beside a running
// writer, as of the time it was opened.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/status.h"
#include "tidings/v1/enriched.pb.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
}  // namespace rocksdb

namespace tidings::store {

namespace v1 = ::tidings::v1;

struct PartitionOffset {
  std::string topic;
  int32_t partition = 0;
  int64_t next_offset = 0;
};

struct StoreStats {
  uint64_t documents = 0;  // estimate
  uint64_t disk_bytes = 0;
};

class Store {
 public:
  [[nodiscard]] static Result<std::unique_ptr<Store>> Open(const std::string& path);
  [[nodiscard]] static Result<std::unique_ptr<Store>> OpenReadOnly(const std::string& path);
  ~Store();

  // Writes the documents and the consumer offsets in one atomic batch.
  // After OK, a restart resumes after these offsets and never sees these
  // documents twice. A document id written again replaces the older one.
  [[nodiscard]] Status WriteBatch(const std::vector<v1::EnrichedDocument>& docs,
                                  const std::vector<PartitionOffset>& next);

  // The next offset to read for a partition, nullopt when never written.
  [[nodiscard]] Result<std::optional<int64_t>> NextOffset(const std::string& topic, int32_t partition) const;
  [[nodiscard]] Result<std::optional<v1::EnrichedDocument>> Get(const std::string& id) const;
  // Calls fn for each document of the thread (the article and its
  // comments), in id order; stops early when fn returns false.
  [[nodiscard]] Status ScanThread(const std::string& thread_id,
                                  const std::function<bool(const v1::EnrichedDocument&)>& fn) const;
  // Calls fn for every document; stops early when fn returns false.
  [[nodiscard]] Status ScanAll(const std::function<bool(const v1::EnrichedDocument&)>& fn) const;
  StoreStats Stats() const;

 private:
  Store() = default;
  [[nodiscard]] static Result<std::unique_ptr<Store>> OpenImpl(const std::string& path, bool read_only);
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs_;  // default, docs, threads, offsets
};

}  // namespace tidings::store
