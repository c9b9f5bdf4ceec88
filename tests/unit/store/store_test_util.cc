#include "tests/unit/store/store_test_util.h"

#include <cstdlib>

namespace tidings::store::testutil {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "tidings-store-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

v1::EnrichedDocument Doc(const std::string& id, uint32_t version, const std::string& text,
                         const std::string& thread) {
  v1::EnrichedDocument d;
  d.mutable_document()->set_id(id);
  d.mutable_document()->set_kind(thread.empty() ? "article" : "comment");
  d.mutable_document()->set_thread_id(thread);
  d.mutable_document()->set_text(text);
  d.mutable_document()->mutable_ingest()->set_version(version);
  return d;
}

namespace {

class FaultFile : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  FaultFile(std::unique_ptr<rocksdb::FSWritableFile> f, FaultFs* fs)
      : FSWritableFileOwnerWrapper(std::move(f)), fs_(fs) {}
  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& o,
                           rocksdb::IODebugContext* dbg) override {
    if (rocksdb::IOStatus s = Fault(); !s.ok()) return s;
    return target()->Append(data, o, dbg);
  }
  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& o,
                           const rocksdb::DataVerificationInfo& v, rocksdb::IODebugContext* dbg) override {
    if (rocksdb::IOStatus s = Fault(); !s.ok()) return s;
    return target()->Append(data, o, v, dbg);
  }

 private:
  rocksdb::IOStatus Fault() const {
    if (fs_->no_space) return rocksdb::IOStatus::NoSpace("injected: no space left on device");
    if (fs_->corrupt) return rocksdb::IOStatus::Corruption("injected: bad bytes in 000042.log");
    return rocksdb::IOStatus::OK();
  }

  FaultFs* fs_;
};

}  // namespace

FaultFs::FaultFs() : FileSystemWrapper(rocksdb::FileSystem::Default()) {}

rocksdb::IOStatus FaultFs::NewWritableFile(const std::string& f, const rocksdb::FileOptions& fo,
                                           std::unique_ptr<rocksdb::FSWritableFile>* r,
                                           rocksdb::IODebugContext* dbg) {
  if (no_space) return rocksdb::IOStatus::NoSpace("injected: no space left on device");
  rocksdb::IOStatus s = target()->NewWritableFile(f, fo, r, dbg);
  if (s.ok()) *r = std::make_unique<FaultFile>(std::move(*r), this);
  return s;
}

FaultEnv::FaultEnv() : fs(std::make_shared<FaultFs>()), env(rocksdb::NewCompositeEnv(fs)) {}

}  // namespace tidings::store::testutil
