#pragma once
// Helpers for the store's unit tests: a temporary directory, documents, and
// a RocksDB file system that fails writes on demand (a full disk).

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

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
