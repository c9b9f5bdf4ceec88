#include "enrich/join_store.h"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

namespace tidings::enrich {
namespace {

constexpr int kBloomBitsPerKey = 10;

Status IoError(const std::string& what, const rocksdb::Status& st) {
  return Status(ErrorCode::kIo, "join state store: " + what + ": " + st.ToString());
}

rocksdb::WriteOptions WriteOpts() {
  rocksdb::WriteOptions w;
  w.disableWAL = true;  // the changelog is the log: the directory is wiped at start
  return w;
}

// The first key after every key that starts with `prefix` ("" when none).
std::string PrefixEnd(std::string prefix) {
  while (!prefix.empty()) {
    auto& c = reinterpret_cast<unsigned char&>(prefix.back());
    if (c != 0xff) {
      ++c;
      return prefix;
    }
    prefix.pop_back();
  }
  return prefix;
}

// The runs of ascending keys, for the memtable's insert hints: a key is its
// 4-byte partition and the caller's key, whose run AscendingFn gives.
class AscendingRun : public rocksdb::SliceTransform {
 public:
  explicit AscendingRun(JoinStore::AscendingFn run) : run_(run) {}
  const char* Name() const override { return "tidings.JoinStoreAscendingRun"; }
  // Only keys in the domain are transformed; a shorter one stays whole.
  // DropPartition's range delete begins at the bare 4-byte partition, out
  // of the domain: it never shares a hint with the runs (RocksDB 7.8 keeps
  // range deletions' insert hints beside the point keys').
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    const size_t n = Length(key);
    return n == 0 ? key : rocksdb::Slice(key.data(), 4 + n);
  }
  bool InDomain(const rocksdb::Slice& key) const override { return Length(key) > 0; }

 private:
  size_t Length(const rocksdb::Slice& key) const {
    if (key.size() <= 4) return 0;
    const size_t n = run_(std::string_view(key.data() + 4, key.size() - 4));
    return n <= key.size() - 4 ? n : 0;
  }
  JoinStore::AscendingFn run_;
};

}  // namespace

JoinStore::~JoinStore() = default;

Result<std::unique_ptr<JoinStore>> JoinStore::Open(const std::string& dir, size_t cache_bytes,
                                                   AscendingFn ascending) {
  std::unique_ptr<JoinStore> s(new JoinStore());
  s->cache_ = rocksdb::NewLRUCache(cache_bytes);
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = s->cache_;
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(kBloomBitsPerKey));
  rocksdb::Options o;
  o.create_if_missing = true;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  if (ascending != nullptr) o.memtable_insert_with_hint_prefix_extractor = std::make_shared<AscendingRun>(ascending);
  // Uncompressed: the directory is a cache of the changelog, wiped at
  // start, and LZ4 on every flush and block read cost the join about an
  // eighth of its CPU (tidings-join-bench: 61 against 70 ms per 1,000
  // documents) for a fifth less disk (96 against 74 MB at 100,000).
  o.compression = rocksdb::kNoCompression;
  // Most lookups miss (a new document's summary, a comment that never
  // waited): a bloom filter over the memtable's whole keys answers them
  // without walking its skip list, as the tables' filters do on disk.
  o.memtable_prefix_bloom_size_ratio = 0.05;
  o.memtable_whole_key_filtering = true;
  // Two memtables of 32 MB at most (RocksDB's default is 64 MB each): the
  // enricher's memory stays bounded at any state size.
  o.write_buffer_size = 32 << 20;
  o.max_write_buffer_number = 2;
  o.max_open_files = 256;
  o.keep_log_file_num = 2;
  // DestroyDB takes the directory's lock first: a store another process has
  // open is refused, not wiped under it.
  if (rocksdb::Status st = rocksdb::DestroyDB(dir, o); !st.ok()) return IoError("cannot wipe " + dir, st);
  rocksdb::DB* db = nullptr;
  if (rocksdb::Status st = rocksdb::DB::Open(o, dir, &db); !st.ok()) return IoError("cannot open " + dir, st);
  s->db_.reset(db);
  return s;
}

std::string JoinStore::Key(int32_t partition, std::string_view key) {
  std::string k(4, '\0');
  const auto p = static_cast<uint32_t>(partition);
  for (int i = 0; i < 4; ++i) k[i] = static_cast<char>((p >> (24 - 8 * i)) & 0xff);
  k.append(key);
  return k;
}

Result<std::optional<std::string>> JoinStore::Get(int32_t partition, std::string_view key) {
  const std::string k = Key(partition, key);
  if (auto it = overlay_.find(k); it != overlay_.end()) return it->second;
  std::string v;
  rocksdb::Status st = db_->Get(rocksdb::ReadOptions(), k, &v);
  if (st.IsNotFound()) return std::optional<std::string>();
  if (!st.ok()) return IoError("get", st);
  return std::optional<std::string>(std::move(v));
}

void JoinStore::Put(int32_t partition, std::string_view key, std::string value) {
  overlay_[Key(partition, key)] = std::move(value);
}

void JoinStore::Delete(int32_t partition, std::string_view key) { overlay_[Key(partition, key)] = std::nullopt; }

Status JoinStore::Scan(int32_t partition, std::string_view prefix, const ScanFn& fn) {
  const std::string from = Key(partition, prefix);
  const std::string to = PrefixEnd(from);
  const size_t cut = 4;  // the partition prefix is not the caller's
  auto ov = overlay_.lower_bound(from);
  auto ov_end = to.empty() ? overlay_.end() : overlay_.lower_bound(to);
  rocksdb::ReadOptions ro;
  rocksdb::Slice upper(to);
  if (!to.empty()) ro.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro));
  it->Seek(from);
  // Merge the two ascending sequences; the overlay wins on equal keys.
  for (;;) {
    const bool db_has = it->Valid();
    const bool ov_has = ov != ov_end;
    if (!db_has && !ov_has) break;
    int cmp = !db_has ? 1 : !ov_has ? -1 : it->key().compare(rocksdb::Slice(ov->first));
    if (cmp < 0) {
      std::string_view k(it->key().data(), it->key().size());
      std::string_view v(it->value().data(), it->value().size());
      if (!fn(k.substr(cut), v)) return Status::Ok();
      it->Next();
      continue;
    }
    if (cmp == 0) it->Next();
    if (ov->second && !fn(std::string_view(ov->first).substr(cut), *ov->second)) return Status::Ok();
    ++ov;
  }
  if (!it->status().ok()) return IoError("scan", it->status());
  return Status::Ok();
}

Status JoinStore::Commit() {
  if (overlay_.empty()) return Status::Ok();
  rocksdb::WriteBatch b;
  for (const auto& [k, v] : overlay_) {
    if (v) b.Put(k, *v);
    else b.Delete(k);
  }
  if (rocksdb::Status st = db_->Write(WriteOpts(), &b); !st.ok()) return IoError("write", st);
  overlay_.clear();
  return Status::Ok();
}

Status JoinStore::ApplyRestored(int32_t partition, std::string_view key, std::optional<std::string_view> value) {
  const std::string k = Key(partition, key);
  rocksdb::Status st = value ? db_->Put(WriteOpts(), k, rocksdb::Slice(value->data(), value->size()))
                             : db_->Delete(WriteOpts(), k);
  if (!st.ok()) return IoError("restore", st);
  return Status::Ok();
}

Status JoinStore::DropPartition(int32_t partition) {
  const std::string from = Key(partition, "");
  const std::string to = PrefixEnd(from);
  rocksdb::Status st = to.empty() ? rocksdb::Status::OK()
                                  : db_->DeleteRange(WriteOpts(), db_->DefaultColumnFamily(), from, to);
  if (!st.ok()) return IoError("drop partition " + std::to_string(partition), st);
  return Status::Ok();
}

}  // namespace tidings::enrich
