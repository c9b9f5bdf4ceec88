#include "store/store.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <unordered_map>

#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/transaction_log.h>
#include <rocksdb/write_batch.h>
#include <spdlog/spdlog.h>

#include "base/bytes.h"

namespace tidings::store {
namespace {

enum Cf { kDefault = 0, kDocs = 1, kThreads = 2, kOffsets = 3, kIndex = 4 };

// The reasons for these figures are in store/README.md.
constexpr size_t kBlockCacheBytes = 64u << 20;
constexpr size_t kDocsWriteBufferBytes = 32u << 20;
constexpr uint64_t kMaxTotalWalBytes = 64u << 20;
constexpr size_t kDocsBlockBytes = 16u << 10;
constexpr double kBloomBitsPerKey = 10;

std::string OffsetKey(const std::string& topic, int32_t partition) {
  std::string k = topic;
  k.push_back('\0');
  for (int i = 3; i >= 0; --i) k.push_back(static_cast<char>((static_cast<uint32_t>(partition) >> (8 * i)) & 0xff));
  return k;
}

std::string EncodeOffset(int64_t v) {
  std::string s;
  base::AppendBigEndian(s, static_cast<uint64_t>(v), 8);
  return s;
}

int64_t DecodeOffset(std::string_view s) { return static_cast<int64_t>(base::ReadBigEndian(s, 8)); }

// An offsets value: the next offset, then the first offset when known. A
// reader of the older 8-byte values (DecodeOffset) reads the next offset of
// either.
std::string EncodeOffsets(int64_t next, std::optional<int64_t> first) {
  return first ? EncodeOffset(next) + EncodeOffset(*first) : EncodeOffset(next);
}
std::optional<int64_t> DecodeFirstOffset(std::string_view s) {
  if (s.size() < 16) return std::nullopt;
  return DecodeOffset(s.substr(8));
}

std::string ThreadOf(const v1::EnrichedDocument& d) {
  return d.document().thread_id().empty() ? d.document().id() : d.document().thread_id();
}

uint32_t VersionOf(const v1::EnrichedDocument& d) { return d.document().ingest().version(); }

rocksdb::ReadOptions ReadOpts() {
  rocksdb::ReadOptions r;
  r.verify_checksums = true;  // a corrupt block is an error, never a wrong document
  return r;
}

// Sets the process umask to 077 for its lifetime, so that what RocksDB
// creates meanwhile is the owner's only. The umask is process-wide: the
// daemon keeps 077 for its whole life (store/main.cc).
class OwnerOnlyUmask {
 public:
  OwnerOnlyUmask() : old_(::umask(077)) {}
  ~OwnerOnlyUmask() { ::umask(old_); }
  OwnerOnlyUmask(const OwnerOnlyUmask&) = delete;
  OwnerOnlyUmask& operator=(const OwnerOnlyUmask&) = delete;

 private:
  mode_t old_;
};

// Creates `path` with mode 0700 when missing (its parents as usual).
Status CreateOwnerOnlyDir(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return Status::Ok();
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST)
    return {ErrorCode::kIo, "create store directory " + path + ": " + std::strerror(errno)};
  return Status::Ok();
}

rocksdb::DBOptions DbOptions(const StoreOptions& o, bool read_only) {
  rocksdb::DBOptions dbo;
  dbo.create_if_missing = !read_only;
  dbo.create_missing_column_families = !read_only;
  dbo.max_background_jobs = 2;
  dbo.paranoid_checks = true;                  // a bad file stops writes rather than spreading
  dbo.atomic_flush = true;                     // every column family flushes together: old WAL files go
  dbo.max_total_wal_size = kMaxTotalWalBytes;  // and a cap, whatever the write buffers
  dbo.skip_stats_update_on_db_open = read_only;
  dbo.keep_log_file_num = 10;
  if (o.env != nullptr) dbo.env = o.env;
  return dbo;
}

rocksdb::CompressionType BottommostCompression() {
  auto c = rocksdb::GetSupportedCompressions();
  return std::find(c.begin(), c.end(), rocksdb::kZSTD) != c.end() ? rocksdb::kZSTD : rocksdb::kLZ4Compression;
}

rocksdb::ColumnFamilyOptions DocsOptions(const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  t.block_size = kDocsBlockBytes;
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(kBloomBitsPerKey));
  t.whole_key_filtering = true;
  t.data_block_index_type = rocksdb::BlockBasedTableOptions::kDataBlockBinaryAndHash;
  t.cache_index_and_filter_blocks = true;
  t.pin_l0_filter_and_index_blocks_in_cache = true;
  rocksdb::ColumnFamilyOptions cf;
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  cf.write_buffer_size = kDocsWriteBufferBytes;
  cf.memtable_whole_key_filtering = true;
  cf.memtable_prefix_bloom_size_ratio = 0.02;
  cf.compression = rocksdb::kLZ4Compression;
  cf.bottommost_compression = BottommostCompression();
  cf.level_compaction_dynamic_level_bytes = true;
  return cf;
}

// threads (prefix scans: no bloom filter) and offsets (a key per partition).
rocksdb::ColumnFamilyOptions IndexOptions(const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  rocksdb::ColumnFamilyOptions cf;
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  cf.compression = rocksdb::kLZ4Compression;
  return cf;
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& opts) {
  return OpenImpl(path, false, opts);
}
Result<std::unique_ptr<Store>> Store::OpenReadOnly(const std::string& path, const StoreOptions& opts) {
  return OpenImpl(path, true, opts);
}

Result<std::unique_ptr<Store>> Store::OpenImpl(const std::string& path, bool read_only, const StoreOptions& opts) {
  if (!read_only) TIDINGS_RETURN_IF_ERROR(CreateOwnerOnlyDir(path));
  std::unique_ptr<Store> s(new Store());
  s->path_ = path;
  s->read_only_ = read_only;
  s->opts_ = opts;
  TIDINGS_RETURN_IF_ERROR(s->OpenDb());
  if (!read_only) TIDINGS_RETURN_IF_ERROR(opts.write_index ? s->EnsureIndex() : s->ForgetIndex());
  return s;
}

Status Store::OpenDb(ErrorKind* kind) {
  if (!cache_) cache_ = rocksdb::NewLRUCache(kBlockCacheBytes);
  const auto& cache = cache_;
  std::vector<rocksdb::ColumnFamilyDescriptor> cfd = {
      {rocksdb::kDefaultColumnFamilyName, IndexOptions(cache)},
      {"docs", DocsOptions(cache)},
      {"threads", IndexOptions(cache)},
      {"offsets", IndexOptions(cache)},
      {"index", IndexOptions(cache)},
  };
  // A read-only open of a store written before the index opens what exists.
  if (read_only_) {
    std::vector<std::string> have;
    if (rocksdb::DB::ListColumnFamilies(DbOptions(opts_, read_only_), path_, &have).ok() &&
        std::find(have.begin(), have.end(), "index") == have.end())
      cfd.pop_back();
  }
  const rocksdb::DBOptions dbo = DbOptions(opts_, read_only_);
  rocksdb::DB* db = nullptr;
  rocksdb::Status st;
  if (read_only_) {
    st = rocksdb::DB::OpenForReadOnly(dbo, path_, cfd, &cfs_, &db);
  } else {
    OwnerOnlyUmask umask;
    st = rocksdb::DB::Open(dbo, path_, cfd, &cfs_, &db);
  }
  if (!st.ok()) return FromRocks(st, "open store " + path_, kind);
  db_.reset(db);
  return Status::Ok();
}

void Store::CloseDb() {
  if (!db_) return;
  for (auto* cf : cfs_) (void)db_->DestroyColumnFamilyHandle(cf);
  cfs_.clear();
  (void)db_->Close();
  db_.reset();
}

Store::~Store() {
  std::unique_lock lock(db_mu_);
  CloseDb();
}

Status Store::StoredVersions(const std::vector<v1::EnrichedDocument>& docs,
                             std::vector<std::optional<uint32_t>>* out,
                             std::vector<std::vector<std::string>>* old_keys, ErrorKind* kind) const {
  const size_t n = docs.size();
  std::vector<rocksdb::Slice> keys;
  keys.reserve(n);
  for (const auto& d : docs) keys.emplace_back(d.document().id());
  std::vector<rocksdb::PinnableSlice> values(n);
  std::vector<rocksdb::Status> st(n);
  db_->MultiGet(ReadOpts(), cfs_[kDocs], n, keys.data(), values.data(), st.data());
  out->assign(n, std::nullopt);
  old_keys->assign(n, {});
  v1::EnrichedDocument stored;
  for (size_t i = 0; i < n; ++i) {
    if (st[i].IsNotFound()) continue;
    if (!st[i].ok()) return FromRocks(st[i], "read stored version of '" + docs[i].document().id() + "'", kind);
    // A stored value that does not parse counts as version 0: it is replaced.
    const bool parsed = stored.ParseFromArray(values[i].data(), static_cast<int>(values[i].size()));
    (*out)[i] = parsed ? VersionOf(stored) : 0;
    if (parsed && opts_.write_index) (*old_keys)[i] = IndexKeys(stored);
  }
  return Status::Ok();
}

Status Store::WriteBatch(const std::vector<v1::EnrichedDocument>& docs, const std::vector<PartitionOffset>& next,
                         WriteReport* report) {
  WriteReport local;
  WriteReport& r = report != nullptr ? *report : local;
  r = WriteReport{};
  if (!db_) {
    r.error = ErrorKind::kIo;  // Recover() reopens it
    return {ErrorCode::kIo, "store " + path_ + " is closed (a reopen failed)"};
  }
  std::vector<std::optional<uint32_t>> stored;
  std::vector<std::vector<std::string>> old_keys;
  TIDINGS_RETURN_IF_ERROR(StoredVersions(docs, &stored, &old_keys, &r.error));
  // Within the batch the highest version of an id wins (the later of equals).
  std::unordered_map<std::string_view, size_t> winner;
  for (size_t i = 0; i < docs.size(); ++i) {
    auto [it, fresh] = winner.try_emplace(docs[i].document().id(), i);
    if (!fresh && VersionOf(docs[i]) >= VersionOf(docs[it->second])) it->second = i;
  }
  rocksdb::WriteBatch b;
  std::string bytes;
  std::vector<std::string> index_puts;
  for (size_t i = 0; i < docs.size(); ++i) {
    const auto& d = docs[i];
    if (winner[d.document().id()] != i || (stored[i] && *stored[i] > VersionOf(d))) {
      ++r.stale;
      continue;
    }
    d.SerializeToString(&bytes);
    TIDINGS_RETURN_IF_ERROR(FromRocks(b.Put(cfs_[kDocs], d.document().id(), bytes), "batch", &r.error));
    std::string tk = ThreadOf(d);
    tk.push_back('\0');
    tk += d.document().id();
    TIDINGS_RETURN_IF_ERROR(FromRocks(b.Put(cfs_[kThreads], tk, ""), "batch", &r.error));
    // The replaced version's index entries go, the new ones come, in the
    // same batch (a key in both is deleted, then put again: the puts follow
    // every delete).
    for (const auto& k : old_keys[i]) TIDINGS_RETURN_IF_ERROR(FromRocks(b.Delete(cfs_[kIndex], k), "batch", &r.error));
    if (opts_.write_index)
      for (auto& k : IndexKeys(d)) index_puts.push_back(std::move(k));
    ++r.written;
  }
  // In key order: the memtable then inserts each entry near the one before
  // rather than searching its skip list from the top, which halves the
  // writing thread's time (bench/store_bench.cc).
  std::sort(index_puts.begin(), index_puts.end());
  for (const auto& k : index_puts) TIDINGS_RETURN_IF_ERROR(FromRocks(b.Put(cfs_[kIndex], k, ""), "batch", &r.error));
  // Each partition's first offset goes with its first batch and is carried
  // after; a partition stored before first offsets were kept stays without.
  std::vector<std::string> okeys;
  okeys.reserve(next.size());
  for (const auto& o : next) okeys.push_back(OffsetKey(o.topic, o.partition));
  std::vector<rocksdb::Slice> oslices(okeys.begin(), okeys.end());
  std::vector<rocksdb::PinnableSlice> ovalues(next.size());
  std::vector<rocksdb::Status> ost(next.size());
  if (!next.empty())
    db_->MultiGet(ReadOpts(), cfs_[kOffsets], next.size(), oslices.data(), ovalues.data(), ost.data());
  for (size_t i = 0; i < next.size(); ++i) {
    std::optional<int64_t> first;
    if (ost[i].ok()) first = DecodeFirstOffset(ovalues[i].ToStringView());
    else if (!ost[i].IsNotFound()) return FromRocks(ost[i], "read stored offset", &r.error);
    else if (next[i].first_offset >= 0) first = next[i].first_offset;
    TIDINGS_RETURN_IF_ERROR(FromRocks(b.Put(cfs_[kOffsets], okeys[i], EncodeOffsets(next[i].next_offset, first)),
                                      "batch", &r.error));
  }
  rocksdb::WriteOptions wo;
  wo.sync = false;  // the WAL is written; fsync is RocksDB's (and the OS's) schedule
  Status st = FromRocks(db_->Write(wo, &b), "write batch", &r.error);
  if (!st.ok()) r.written = r.stale = 0;
  return st;
}

Status Store::Recover(ErrorKind* kind) {
  if (kind != nullptr) *kind = ErrorKind::kNone;
  // Always a reopen, not DB::Resume(): after a WAL append failed, Resume()
  // may report OK while the WAL writer keeps its error, and the next write
  // then fails again (or trips an assertion in RocksDB builds that keep
  // them). A reopen starts a fresh WAL and clears any background error.
  std::unique_lock lock(db_mu_);
  CloseDb();
  return OpenDb(kind);
}

Status Store::Flush() {
  if (!db_) return {ErrorCode::kIo, "store " + path_ + " is closed (a reopen failed)"};
  rocksdb::FlushOptions fo;
  fo.wait = true;
  return FromRocks(db_->Flush(fo, cfs_), "flush store");
}

Status Store::Compact() {
  if (!db_) return {ErrorCode::kIo, "store " + path_ + " is closed (a reopen failed)"};
  OwnerOnlyUmask umask;  // the new files too are the owner's only
  rocksdb::CompactRangeOptions o;
  o.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForceOptimized;
  for (auto* cf : cfs_) TIDINGS_RETURN_IF_ERROR(FromRocks(db_->CompactRange(o, cf, nullptr, nullptr), "compact store"));
  return Status::Ok();
}

Result<std::optional<int64_t>> Store::NextOffset(const std::string& topic, int32_t partition) const {
  std::string v;
  rocksdb::Status st = db_->Get(ReadOpts(), cfs_[kOffsets], OffsetKey(topic, partition), &v);
  if (st.IsNotFound()) return std::optional<int64_t>();
  if (!st.ok()) return FromRocks(st, "read offset");
  return std::optional<int64_t>(DecodeOffset(v));
}

Result<std::vector<StoredPartition>> Store::Partitions(const std::string& topic) const {
  std::string prefix = topic;
  prefix.push_back('\0');
  std::vector<StoredPartition> out;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ReadOpts(), cfs_[kOffsets]));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    const std::string_view k = it->key().ToStringView().substr(prefix.size());
    if (k.size() != 4) continue;
    StoredPartition p;
    uint32_t part = 0;
    for (char c : k) part = (part << 8) | static_cast<unsigned char>(c);
    p.partition = static_cast<int32_t>(part);
    p.next_offset = DecodeOffset(it->value().ToStringView());
    p.first_offset = DecodeFirstOffset(it->value().ToStringView());
    out.push_back(p);
  }
  TIDINGS_RETURN_IF_ERROR(FromRocks(it->status(), "scan offsets"));
  return out;
}

Result<std::optional<v1::EnrichedDocument>> Store::Get(const std::string& id) const {
  std::string v;
  rocksdb::Status st = db_->Get(ReadOpts(), cfs_[kDocs], id, &v);
  if (st.IsNotFound()) return std::optional<v1::EnrichedDocument>();
  if (!st.ok()) return FromRocks(st, "read document '" + id + "'");
  v1::EnrichedDocument d;
  if (!d.ParseFromString(v)) return Status(ErrorCode::kIo, "stored document '" + id + "' does not parse");
  return std::optional<v1::EnrichedDocument>(std::move(d));
}

Status Store::ScanThread(const std::string& thread_id,
                         const std::function<bool(const v1::EnrichedDocument&)>& fn) const {
  std::string prefix = thread_id;
  prefix.push_back('\0');
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ReadOpts(), cfs_[kThreads]));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    auto d = Get(it->key().ToString().substr(prefix.size()));
    if (!d.ok()) return d.status();
    if (d->has_value() && !fn(**d)) break;
  }
  return FromRocks(it->status(), "scan thread");
}

Status Store::ScanAll(const std::function<bool(const v1::EnrichedDocument&)>& fn) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ReadOpts(), cfs_[kDocs]));
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
  if (!db_) return s;
  db_->GetIntProperty(cfs_[kDocs], "rocksdb.estimate-num-keys", &s.documents);
  uint64_t live = 0;
  db_->GetIntProperty(cfs_[kDocs], "rocksdb.total-sst-files-size", &live);
  s.disk_bytes = live;
  return s;
}

Result<WalStats> Store::Wal() const {
  if (!db_) return Status(ErrorCode::kIo, "store " + path_ + " is closed (a reopen failed)");
  rocksdb::VectorLogPtr files;
  TIDINGS_RETURN_IF_ERROR(FromRocks(db_->GetSortedWalFiles(files), "list WAL files"));
  WalStats w;
  for (const auto& f : files) {
    if (f->Type() != rocksdb::kAliveLogFile) continue;
    ++w.files;
    w.bytes += f->SizeFileBytes();
  }
  return w;
}

// ---- the index: backfill and snapshot views --------------------------------

namespace {
// Marker in the default column family: the index layout the entries follow.
constexpr char kIndexVersionKey[] = "tidings:index_version";
constexpr char kIndexVersion[] = "1";
}  // namespace

bool Store::has_index() const { return cfs_.size() > kIndex; }

Status Store::ForgetIndex() {
  return FromRocks(db_->Delete(rocksdb::WriteOptions(), cfs_[kDefault], kIndexVersionKey), "forget index version");
}

Status Store::EnsureIndex() {
  OwnerOnlyUmask umask;  // the index's files too are the owner's only
  std::string v;
  rocksdb::Status st = db_->Get(ReadOpts(), cfs_[kDefault], kIndexVersionKey, &v);
  if (st.ok() && v == kIndexVersion) return Status::Ok();
  if (!st.ok() && !st.IsNotFound()) return FromRocks(st, "read index version");
  if (Stats().documents > 0)
    spdlog::info("store: building the index of {} ({} documents, estimate)", path_, Stats().documents);
  TIDINGS_RETURN_IF_ERROR(FromRocks(db_->DropColumnFamily(cfs_[kIndex]), "drop old index"));
  (void)db_->DestroyColumnFamilyHandle(cfs_[kIndex]);
  TIDINGS_RETURN_IF_ERROR(
      FromRocks(db_->CreateColumnFamily(IndexOptions(cache_), "index", &cfs_[kIndex]), "create index"));
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ReadOpts(), cfs_[kDocs]));
  rocksdb::WriteBatch b;
  v1::EnrichedDocument d;
  size_t n = 0;
  std::vector<std::string> keys;  // put in key order, as in WriteBatch
  auto put = [&] {
    std::sort(keys.begin(), keys.end());
    for (const auto& k : keys) TIDINGS_RETURN_IF_ERROR(FromRocks(b.Put(cfs_[kIndex], k, ""), "index batch"));
    keys.clear();
    return Status::Ok();
  };
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (!d.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) continue;
    for (auto& k : IndexKeys(d)) keys.push_back(std::move(k));
    if (++n % 10000 == 0) {
      TIDINGS_RETURN_IF_ERROR(put());
      TIDINGS_RETURN_IF_ERROR(FromRocks(db_->Write(rocksdb::WriteOptions(), &b), "write index"));
      b.Clear();
      spdlog::info("store: indexed {} documents", n);
    }
  }
  TIDINGS_RETURN_IF_ERROR(FromRocks(it->status(), "scan for the index"));
  TIDINGS_RETURN_IF_ERROR(put());
  TIDINGS_RETURN_IF_ERROR(FromRocks(b.Put(cfs_[kDefault], kIndexVersionKey, kIndexVersion), "index batch"));
  TIDINGS_RETURN_IF_ERROR(FromRocks(db_->Write(rocksdb::WriteOptions(), &b), "write index"));
  if (n > 0) spdlog::info("store: index built ({} documents)", n);
  return Status::Ok();
}

class Store::SnapshotView : public IndexReader {
 public:
  SnapshotView(const Store& s, std::shared_lock<std::shared_mutex> lock)
      : s_(s), lock_(std::move(lock)), snap_(s.db_->GetSnapshot()) {
    ro_ = ReadOpts();
    ro_.snapshot = snap_;
  }
  ~SnapshotView() override { s_.db_->ReleaseSnapshot(snap_); }

  Status ScanIndex(std::string_view prefix, std::string_view start,
                   const std::function<bool(std::string_view)>& fn) const override {
    std::unique_ptr<rocksdb::Iterator> it(s_.db_->NewIterator(ro_, s_.cfs_[kIndex]));
    for (it->Seek(rocksdb::Slice(start.data(), start.size())); it->Valid(); it->Next()) {
      const std::string_view key(it->key().data(), it->key().size());
      if (!key.starts_with(prefix) || !fn(key)) break;
    }
    return FromRocks(it->status(), "scan index");
  }

  Result<std::optional<v1::EnrichedDocument>> GetDocument(const std::string& id) const override {
    rocksdb::PinnableSlice v;
    rocksdb::Status st = s_.db_->Get(ro_, s_.cfs_[kDocs], id, &v);
    if (st.IsNotFound()) return std::optional<v1::EnrichedDocument>();
    if (!st.ok()) return FromRocks(st, "read document '" + id + "'");
    v1::EnrichedDocument d;
    if (!d.ParseFromArray(v.data(), static_cast<int>(v.size())))
      return Status(ErrorCode::kIo, "stored document '" + id + "' does not parse");
    return std::optional<v1::EnrichedDocument>(std::move(d));
  }

  Status ScanThread(const std::string& thread_id,
                    const std::function<bool(const v1::EnrichedDocument&)>& fn) const override {
    std::string prefix = thread_id;
    prefix.push_back('\0');
    std::unique_ptr<rocksdb::Iterator> it(s_.db_->NewIterator(ro_, s_.cfs_[kThreads]));
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      auto d = GetDocument(it->key().ToString().substr(prefix.size()));
      if (!d.ok()) return d.status();
      if (d->has_value() && !fn(**d)) break;
    }
    return FromRocks(it->status(), "scan thread");
  }

 private:
  const Store& s_;
  std::shared_lock<std::shared_mutex> lock_;
  const rocksdb::Snapshot* snap_;
  rocksdb::ReadOptions ro_;
};

Result<std::unique_ptr<IndexReader>> Store::View() const {
  std::shared_lock lock(db_mu_);
  if (!db_) return Status(ErrorCode::kIo, "store " + path_ + " is closed (a reopen failed)");
  if (!has_index())
    return Status(ErrorCode::kIo, "store " + path_ + " has no index yet: start tidings-store once to build it");
  if (!opts_.write_index)
    return Status(ErrorCode::kIo, "store " + path_ + " is open without its index (StoreOptions::write_index)");
  return std::unique_ptr<IndexReader>(new SnapshotView(*this, std::move(lock)));
}

}  // namespace tidings::store
