#pragma once
// Helpers for the store's unit tests: a temporary directory, documents, and
// a RocksDB file system that fails writes on demand (a full disk).

#include <atomic>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include "store/loop.h"
#include "tidings/v1/enriched.pb.h"

namespace tidings::store::testutil {

// A fresh directory under the system temp dir, removed with its contents.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// An enriched document with this id, ingest version and text.
v1::EnrichedDocument Doc(const std::string& id, uint32_t version, const std::string& text = "text",
                         const std::string& thread = "");

// The store loop's source of records (topic "enriched"), fed by the test.
// Offsets count up per partition from 0, or from the one given.
class FakeSource : public RecordSource {
 public:
  void Add(const v1::EnrichedDocument& d, int32_t partition = 0, std::optional<int64_t> offset = {}) {
    Add(d.SerializeAsString(), partition, offset);
  }
  void Add(const std::string& value, int32_t partition = 0, std::optional<int64_t> offset = {}) {
    if (offset) next_offset_[partition] = *offset;
    runtime::Message m;
    m.topic = "enriched";
    m.partition = partition;
    m.offset = next_offset_[partition]++;
    m.value = value;
    queue_.push_back(std::move(m));
  }
  Result<std::optional<runtime::Message>> Poll(int timeout_ms) override {
    poll_timeouts.push_back(timeout_ms);
    if (queue_.empty()) return std::optional<runtime::Message>();
    auto m = std::move(queue_.front());
    queue_.pop_front();
    return std::optional<runtime::Message>(std::move(m));
  }
  void Stored(const std::vector<runtime::TopicPartition>& next) override { stored.push_back(next); }
  std::vector<std::vector<runtime::TopicPartition>> stored;
  // The timeout of each Poll, in order.
  std::vector<int> poll_timeouts;

 private:
  std::deque<runtime::Message> queue_;
  std::map<int32_t, int64_t> next_offset_;
};

// Writes through to the default file system, except that while `no_space`
// is set, creating or appending to a file fails with IOStatus::NoSpace, and
// while `corrupt` is set, appending fails with IOStatus::Corruption.
class FaultFs : public rocksdb::FileSystemWrapper {
 public:
  FaultFs();
  static const char* kClassName() { return "TidingsTestFaultFs"; }
  const char* Name() const override { return kClassName(); }
  rocksdb::IOStatus NewWritableFile(const std::string& f, const rocksdb::FileOptions& fo,
                                    std::unique_ptr<rocksdb::FSWritableFile>* r,
                                    rocksdb::IODebugContext* dbg) override;
  std::atomic<bool> no_space{false};
  std::atomic<bool> corrupt{false};
};

// A FaultFs and an Env over it, for StoreOptions::env.
struct FaultEnv {
  FaultEnv();
  std::shared_ptr<FaultFs> fs;
  std::unique_ptr<rocksdb::Env> env;
};

}  // namespace tidings::store::testutil
