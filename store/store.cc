#include "store/store.h"

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

namespace tidings::store {
namespace {

enum Cf { kDefault = 0, kDocs = 1, kThreads = 2, kOffsets = 3 };

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return Status::Ok();
  return {ErrorCode::kIo, std::string(what) + ": " + s.ToString()};
}

std::string OffsetKey(const std::string& topic, int32_t partition) {
  std::string k = topic;
  k.push_back('\0');
  for (int i = 3; i >= 0; --i) k.push_back(static_cast<char>((static_cast<uint32_t>(partition) >> (8 * i)) & 0xff));
  return k;
}

std::string EncodeOffset(int64_t v) {
  std::string s(8, '\0');
  for (int i = 0; i < 8; ++i) s[i] = static_cast<char>((static_cast<uint64_t>(v) >> (8 * (7 - i))) & 0xff);
  return s;
}

int64_t DecodeOffset(std::string_view s) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8 && i < s.size(); ++i) v = (v << 8) | static_cast<unsigned char>(s[i]);
  return static_cast<int64_t>(v);
}

std::string ThreadOf(const v1::EnrichedDocument& d) {
  return d.document().thread_id().empty() ? d.document().id() : d.document().thread_id();
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& path) { return OpenImpl(path, false); }
Result<std::unique_ptr<Store>> Store::OpenReadOnly(const std::string& path) { return OpenImpl(path, true); }

Result<std::unique_ptr<Store>> Store::OpenImpl(const std::string& path, bool read_only) {
  rocksdb::DBOptions dbo;
  dbo.create_if_missing = !read_only;
  dbo.create_missing_column_families = !read_only;
  dbo.max_background_jobs = 2;
  rocksdb::ColumnFamilyOptions docs;
  docs.compression = rocksdb::kLZ4Compression;
  docs.OptimizeForPointLookup(64);
  std::vector<rocksdb::ColumnFamilyDescriptor> cfd = {
      {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()},
      {"docs", docs},
      {"threads", rocksdb::ColumnFamilyOptions()},
      {"offsets", rocksdb::ColumnFamilyOptions()},
  };
  std::unique_ptr<Store> s(new Store());
  rocksdb::DB* db = nullptr;
  rocksdb::Status st = read_only ? rocksdb::DB::OpenForReadOnly(dbo, path, cfd, &s->cfs_, &db)
                                 : rocksdb::DB::Open(dbo, path, cfd, &s->cfs_, &db);
  if (!st.ok()) return FromRocks(st, "open store " + path);
  s->db_.reset(db);
  return s;
}

Store::~Store() {
  if (db_) {
    for (auto* cf : cfs_) db_->DestroyColumnFamilyHandle(cf);
    db_->Close();
  }
}

Status Store::WriteBatch(const std::vector<v1::EnrichedDocument>& docs, const std::vector<PartitionOffset>& next) {
  rocksdb::WriteBatch b;
  std::string bytes;
  for (const auto& d : docs) {
    d.SerializeToString(&bytes);
    TIDINGS_RETURN_IF_ERROR(FromRocks(b.Put(cfs_[kDocs], d.document().id(), bytes), "batch"));
    std::string tk = ThreadOf(d);
    tk.push_back('\0');
    tk += d.document().id();
    TIDINGS_RETURN_IF_ERROR(FromRocks(b.Put(cfs_[kThreads], tk, ""), "batch"));
  }
  for (const auto& o : next)
    TIDINGS_RETURN_IF_ERROR(
        FromRocks(b.Put(cfs_[kOffsets], OffsetKey(o.topic, o.partition), EncodeOffset(o.next_offset)), "batch"));
  rocksdb::WriteOptions wo;
  wo.sync = false;  // the WAL is written; fsync is RocksDB's (and the OS's) schedule
  return FromRocks(db_->Write(wo, &b), "write batch");
}

Result<std::optional<int64_t>> Store::NextOffset(const std::string& topic, int32_t partition) const {
  std::string v;
  rocksdb::Status st = db_->Get(rocksdb::ReadOptions(), cfs_[kOffsets], OffsetKey(topic, partition), &v);
  if (st.IsNotFound()) return std::optional<int64_t>();
  if (!st.ok()) return FromRocks(st, "read offset");
  return std::optional<int64_t>(DecodeOffset(v));
}

Result<std::optional<v1::EnrichedDocument>> Store::Get(const std::string& id) const {
  std::string v;
  rocksdb::Status st = db_->Get(rocksdb::ReadOptions(), cfs_[kDocs], id, &v);
  if (st.IsNotFound()) return std::optional<v1::EnrichedDocument>();
  if (!st.ok()) return FromRocks(st, "read document");
  v1::EnrichedDocument d;
  if (!d.ParseFromString(v)) return Status(ErrorCode::kIo, "stored document '" + id + "' does not parse");
  return std::optional<v1::EnrichedDocument>(std::move(d));
}

Status Store::ScanThread(const std::string& thread_id,
                         const std::function<bool(const v1::EnrichedDocument&)>& fn) const {
  std::string prefix = thread_id;
  prefix.push_back('\0');
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_[kThreads]));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    auto d = Get(it->key().ToString().substr(prefix.size()));
    if (!d.ok()) return d.status();
    if (d->has_value() && !fn(**d)) break;
  }
  return FromRocks(it->status(), "scan thread");
}

Status Store::ScanAll(const std::function<bool(const v1::EnrichedDocument&)>& fn) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_[kDocs]));
  v1::EnrichedDocument d;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (!d.ParseFromArray(it->value().data(), static_cast<int>(it->value().size())))
      return Status(ErrorCode::kIo, "stored document '" + it->key().ToString() + "' does not parse");
    if (!fn(d)) break;
  }
  return FromRocks(it->status(), "scan");
}

StoreStats Store::Stats() const {
  StoreStats s;
  db_->GetIntProperty(cfs_[kDocs], "rocksdb.estimate-num-keys", &s.documents);
  uint64_t live = 0;
  db_->GetIntProperty(cfs_[kDocs], "rocksdb.total-sst-files-size", &live);
  s.disk_bytes = live;
  return s;
}

}  // namespace tidings::store
