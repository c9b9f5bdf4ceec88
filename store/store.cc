#include "store/store.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <deque>
#include <filesystem>
#include <functional>
#include <system_error>
#include <thread>
#include <unordered_map>

#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/memtablerep.h>
#include <rocksdb/slice_transform.h>
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
constexpr size_t kMaxKnownNames = 1u << 20;
// A write batch with at least this many documents to write serializes them
// on a second thread while it builds their index (WriteBatch).
constexpr size_t kOverlapMinDocs = 64;
// A document buffer larger than this is freed after its batch, and no more
// buffers than this are kept (the store loop's default batch is 1,000).
constexpr size_t kKeptDocBufferBytes = 1u << 20;
constexpr size_t kKeptDocBuffers = 1024;

// The fingerprint of a (canonical name, entity id) pair of the name table:
// the two strings' hashes, mixed (splitmix64's finaliser); never 0.
uint64_t PairFingerprint(std::string_view name, std::string_view id) {
  uint64_t h = std::hash<std::string_view>()(name) * 0x9E3779B97F4A7C15ULL ^ std::hash<std::string_view>()(id);
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ULL;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EBULL;
  h ^= h >> 31;
  return h == 0 ? 1 : h;
}

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
  dbo.allow_concurrent_memtable_write = false;
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
rocksdb::ColumnFamilyOptions SmallOptions(const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  rocksdb::ColumnFamilyOptions cf;
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  cf.compression = rocksdb::kLZ4Compression;
  return cf;
}

// The prefix "<field><value>\0" of an index key (store/index.h; the name
// table's "N<name>\0" too): every read of the index is a scan within one
// such prefix (Store::View(), DropEntries), so the memtable can be a hash of
// them (below).
class IndexValuePrefix : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "tidings.IndexValuePrefix"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    const size_t p = EntryPrefixSize(key.ToStringView());
    return {key.data(), p == 0 ? key.size() : p};
  }
  bool InDomain(const rocksdb::Slice&) const override { return true; }
};

// The index's memtable is a hash of value prefixes, each a short sorted
// list (a skip list past 256 entries), rather than one skip list: a write
// batch puts ~3,000 postings of as many values, each landing between the
// earlier batches' keys, and in one skip list of a memtable's ~50,000 keys
// each insert cost ~3 us of cache misses (a third of what the index cost
// the writing thread). Reads are prefix seeks (no total-order iteration:
// flushes sort the buckets in a background thread). The hash memtables
// need allow_concurrent_memtable_write off (one writer: no loss).
constexpr size_t kIndexMemtableBuckets = 1u << 16;

rocksdb::ColumnFamilyOptions IndexOptions(const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions cf = SmallOptions(cache);
  cf.prefix_extractor = std::make_shared<IndexValuePrefix>();
  cf.memtable_factory.reset(rocksdb::NewHashLinkListRepFactory(kIndexMemtableBuckets, 0, 4096, false));
  // Every flush of the index spans all of its keys (every value has
  // postings in it), so each L0 -> L1 compaction rewrites the whole of L1;
  // more L0 files before one means fewer such rewrites (1M documents: ~900
  // MB compacted with RocksDB's 4, ~460 with 8, ~190 with 16, about 4 s of
  // CPU instead of 8-10 against 8), for a few more files per seek: reads
  // over a 1M store did not slow down (docs/benchmarks.md).
  cf.level0_file_num_compaction_trigger = 16;
  cf.level0_slowdown_writes_trigger = 32;
  cf.level0_stop_writes_trigger = 48;
  // Postings are varints already: LZ4 shrinks them by about a seventh
  // (200,000 documents: 37 MB against 43), for CPU on every flush and every
  // compaction input. The hot levels stay uncompressed; the bottommost level,
  // where the bulk ends up, is LZ4 (docs/benchmarks.md).
  cf.compression = rocksdb::kNoCompression;
  cf.bottommost_compression = rocksdb::kLZ4Compression;
  return cf;
}

// The postings (store/index.h) of a write batch's documents. A batch of
// 1,000 has ~25,000 entries of ~3,000 values: each value gets a group
// through a hash table (the documents' values are views, nothing is
// copied), the documents are sorted once in entry-key order (time, then
// id), and a counting pass over them in that order lays out each group's
// documents already sorted.
class PostingsBuilder {
 public:
  // The document must outlive the builder (its values are views into it).
  void Add(const v1::EnrichedDocument& d) {
    docs_.push_back({TimeNumber(DocumentTimeMs(d).value_or(kNoTime)), d.document().id(),
                     static_cast<uint32_t>(entry_group_.size())});
    values_.clear();
    names_.clear();
    IndexValues(d, &values_, &composed_, &names_);
    size_t k = 0;
    for (const auto& v : values_) {
      const uint32_t group = GroupOf(v);
      entry_group_.push_back(group);
      if (v.first != IndexField::kEntity) continue;
      // The name table's pairs (EntityNames), by the group of their id:
      // most ids have one name; a second one of a batch is kept aside.
      const std::string_view name = names_[k++];
      if (name.empty() || name.find('\0') != std::string_view::npos) continue;
      Group& g = groups_[group];
      if (g.name.empty()) g.name = name;
      else if (g.name != name) other_names_.emplace_back(name, v.second);
    }
  }

  // The (name, id) pairs of the documents added, "name\0id", without
  // repeats, but those `known` says were written already.
  std::vector<std::string> Names(const std::function<bool(std::string_view, std::string_view)>& known = {}) const {
    std::vector<std::string> out;
    std::string pair;
    auto add = [&](std::string_view name, std::string_view id) {
      if (known && known(name, id)) return;
      pair.assign(name);
      pair.push_back('\0');
      pair.append(id);
      out.push_back(pair);
    };
    for (const auto& g : groups_)
      if (!g.name.empty()) add(g.name, g.value.second);
    for (const auto& [name, id] : other_names_) add(name, id);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  // Puts the postings into b, `batch` naming them.
  Status Put(rocksdb::WriteBatch& b, rocksdb::ColumnFamilyHandle* cf, uint64_t batch, ErrorKind* kind) {
    const size_t n = docs_.size(), groups = groups_.size(), entries = entry_group_.size();
    std::vector<uint32_t> order(n);
    for (uint32_t i = 0; i < n; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
      return docs_[x].time != docs_[y].time ? docs_[x].time < docs_[y].time : docs_[x].id < docs_[y].id;
    });
    // Each group's slice of `sorted`: [begin[g], end[g]).
    std::vector<uint32_t> begin(groups + 1, 0), end(groups), sorted(entries);
    for (uint32_t g : entry_group_) ++begin[g + 1];
    for (size_t g = 0; g < groups; ++g) begin[g + 1] += begin[g];
    std::copy(begin.begin(), begin.end() - 1, end.begin());
    for (uint32_t doc : order) {
      const uint32_t last = doc + 1 < n ? docs_[doc + 1].first_entry : static_cast<uint32_t>(entries);
      for (uint32_t e = docs_[doc].first_entry; e < last; ++e) {
        const uint32_t g = entry_group_[e];
        if (end[g] > begin[g] && sorted[end[g] - 1] == doc) continue;  // a value twice in a document
        sorted[end[g]++] = doc;
      }
    }
    // In the groups' order: the index's memtable is a hash of values
    // (IndexOptions), where no order of inserts is cheaper than another.
    std::string key;
    PostingWriter w;
    for (uint32_t g = 0; g < groups; ++g) {
      key.assign(1, static_cast<char>(groups_[g].value.first));
      key.append(groups_[g].value.second);
      key.push_back('\0');
      const size_t prefix = key.size();
      for (uint32_t i = begin[g]; i < end[g];) {
        const uint64_t bucket = docs_[sorted[i]].time / kPostingBucketMs;
        key.resize(prefix);
        base::AppendBigEndian(key, bucket, 8);
        base::AppendBigEndian(key, batch, kPostingBatchBytes);
        w.Reset(bucket * kPostingBucketMs);
        for (; i < end[g] && docs_[sorted[i]].time / kPostingBucketMs == bucket; ++i)
          w.Add(docs_[sorted[i]].time, docs_[sorted[i]].id);
        TIDINGS_RETURN_IF_ERROR(FromRocks(b.Put(cf, key, w.value()), "batch", kind));
      }
    }
    return Status::Ok();
  }

 private:
  struct Doc {
    uint64_t time;  // the entry keys' time bytes as a number
    std::string_view id;
    uint32_t first_entry;  // its entries are entry_group_[first_entry, the next document's)
  };
  struct Group {
    IndexValue value;
    size_t hash;
    std::string_view name;  // an entity id's first canonical name in the batch
  };

  // The group of a value, made when new (open addressing, linear probing).
  uint32_t GroupOf(const IndexValue& v) {
    const size_t h = HashOf(v);
    if (2 * (groups_.size() + 1) > slots_.size()) Grow();
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      if (slots_[i] == 0) {
        groups_.push_back({v, h, {}});
        slots_[i] = static_cast<uint32_t>(groups_.size());
        return slots_[i] - 1;
      }
      const Group& g = groups_[slots_[i] - 1];
      if (g.hash == h && g.value == v) return slots_[i] - 1;
    }
  }

  // A quick hash of a short value (ids, names, dates: most under 24 bytes),
  // 8 bytes at a time.
  static size_t HashOf(const IndexValue& v) {
    const std::string_view s = v.second;
    uint64_t h = (static_cast<uint64_t>(static_cast<unsigned char>(v.first)) << 56) ^ s.size();
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
      h ^= h >> 29;
    }
    if (i < s.size()) {
      uint64_t w = 0;
      std::memcpy(&w, s.data() + i, s.size() - i);
      h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
      h ^= h >> 29;
    }
    h *= 0xBF58476D1CE4E5B9ULL;
    return static_cast<size_t>(h ^ (h >> 32));
  }

  void Grow() {
    slots_.assign(std::max<size_t>(1024, 2 * slots_.size()), 0);
    const size_t mask = slots_.size() - 1;
    for (uint32_t k = 0; k < groups_.size(); ++k) {
      size_t i = groups_[k].hash & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = k + 1;
    }
  }

  std::vector<Doc> docs_;
  std::vector<uint32_t> entry_group_;  // each entry's group, documents in the order added
  std::vector<Group> groups_;
  std::vector<uint32_t> slots_;  // group + 1, 0 when free; a power of two long
  std::deque<std::string> composed_;
  std::vector<IndexValue> values_;
  std::vector<std::string_view> names_;  // of values_'s entities
  std::vector<std::pair<std::string_view, std::string_view>> other_names_;
};

// The name table key of a "name\0id" pair.
std::string NameKeyOf(std::string_view pair) {
  std::string k(1, kNameTable);
  k.append(pair);
  return k;
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
  TIDINGS_RETURN_IF_ERROR(s->ReadIndexLayout());
  return s;
}

Status Store::OpenDb(ErrorKind* kind) {
  if (!cache_) cache_ = rocksdb::NewLRUCache(kBlockCacheBytes);
  const auto& cache = cache_;
  std::vector<rocksdb::ColumnFamilyDescriptor> cfd = {
      {rocksdb::kDefaultColumnFamilyName, SmallOptions(cache)},
      {"docs", DocsOptions(cache)},
      {"threads", SmallOptions(cache)},
      {"offsets", SmallOptions(cache)},
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

// The name table's pairs this process has written, as 64-bit fingerprints
// in one open-addressing table: a look-up is about one cache line (the
// table is at most half full), where a set of
// "name\0id" strings cost a string built per pair and three misses. Two
// pairs that share a fingerprint (odds about 2^-44 a look-up with the table
// full) would leave the second out of the name table: a query by its name
// would miss that id's documents (a query by the id finds them).
class Store::NameFingerprints {
 public:
  bool Contains(uint64_t f) const {
    if (slots_.empty()) return false;
    const size_t mask = slots_.size() - 1;
    for (size_t i = f & mask;; i = (i + 1) & mask) {
      if (slots_[i] == f) return true;
      if (slots_[i] == 0) return false;
    }
  }
  void Insert(uint64_t f) {
    // A bound on the memory (16 MB): pairs forgotten are only written again.
    if (size_ >= kMaxKnownNames) Clear();
    if (2 * (size_ + 1) > slots_.size()) Grow();
    const size_t mask = slots_.size() - 1;
    size_t i = f & mask;
    while (slots_[i] != 0 && slots_[i] != f) i = (i + 1) & mask;
    if (slots_[i] == 0) slots_[i] = f, ++size_;
  }
  void Clear() {
    slots_.clear();
    size_ = 0;
  }

 private:
  void Grow() {
    std::vector<uint64_t> old = std::move(slots_);
    slots_.assign(std::max<size_t>(1024, 2 * old.size()), 0);
    size_ = 0;
    for (uint64_t f : old)
      if (f != 0) Insert(f);
  }
  std::vector<uint64_t> slots_;  // a power of two long; 0 is free
  size_t size_ = 0;
};

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
    if (parsed && opts_.write_index) (*old_keys)[i] = StoredIndexKeys(stored);
  }
  return Status::Ok();
}

Status Store::DropEntries(std::vector<std::string>& entries, rocksdb::WriteBatch& b, ErrorKind* kind) const {
  if (entries.empty()) return Status::Ok();
  std::sort(entries.begin(), entries.end());
  entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ReadOpts(), cfs_[kIndex]));
  for (size_t i = 0; i < entries.size();) {
    // The entries of one (value, bucket): their postings are read once.
    const std::string group = PostingGroup(entries[i]);
    const size_t p = EntryPrefixSize(entries[i]);
    size_t end = i + 1;
    while (end < entries.size() && PostingGroup(entries[end]) == group) ++end;
    if (group.empty()) {
      i = end;
      continue;
    }
    std::vector<std::string_view> gone;
    for (size_t k = i; k < end; ++k) gone.push_back(std::string_view(entries[k]).substr(p));
    const uint64_t start = BucketStart(std::string_view(group).substr(p));
    for (it->Seek(group); it->Valid() && it->key().starts_with(group); it->Next()) {
      PostingReader r(it->value().ToStringView(), start);
      PostingWriter w(start);
      size_t had = 0;
      while (r.Next()) {
        ++had;
        if (!std::binary_search(gone.begin(), gone.end(), r.entry())) w.Add(r.entry());
      }
      if (!r.ok() || w.entries() == had) continue;  // a posting that does not parse is left as it is
      TIDINGS_RETURN_IF_ERROR(FromRocks(w.entries() == 0 ? b.Delete(cfs_[kIndex], it->key())
                                                          : b.Put(cfs_[kIndex], it->key(), w.value()),
                                        "batch", kind));
    }
    TIDINGS_RETURN_IF_ERROR(FromRocks(it->status(), "read index postings", kind));
    i = end;
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
  // The documents written: the last of an id's highest version, newer than
  // the stored one.
  std::vector<size_t> written;
  written.reserve(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    const auto& d = docs[i];
    if (winner[d.document().id()] != i || (stored[i] && *stored[i] > VersionOf(d))) ++r.stale;
    else written.push_back(i);
  }
  // Their bytes. With the index, a second thread serializes them while this
  // one builds their index, then this one takes its share of what is left
  // (the two take about as long). A document the second thread took but has
  // not finished when this one is done (its core went to a compaction in
  // the middle of it) is serialized again here rather than waited for; the
  // second thread is joined only after the batch is written.
  if (const size_t buffers = std::max<size_t>(written.size(), 1); doc_bytes_.size() < buffers) doc_bytes_.resize(buffers);
  std::atomic<size_t> next_to_serialize{0};
  std::vector<std::atomic<bool>> serialized(written.size());
  auto serialize = [&] {
    for (size_t k; (k = next_to_serialize.fetch_add(1, std::memory_order_relaxed)) < written.size();) {
      docs[written[k]].SerializeToString(&doc_bytes_[k]);
      serialized[k].store(true, std::memory_order_release);
    }
  };
  // On the second thread an exception (no memory) stops it; the document it
  // was on is serialized again by the calling thread, where it would throw.
  auto serialize_quietly = [&] {
    try {
      serialize();
    } catch (...) {
    }
  };
  std::jthread serializer;
  if (opts_.write_index && written.size() >= kOverlapMinDocs) {
    try {
      serializer = std::jthread(serialize_quietly);
    } catch (const std::system_error&) {
      // no thread to be had: all in this one, below
    }
  }
  rocksdb::WriteBatch b;
  std::vector<std::string> index_drops, new_names;
  std::vector<uint64_t> new_fingerprints;  // of new_names, once written known
  if (opts_.write_index) {
    PostingsBuilder postings;
    for (size_t i : written) {
      // The replaced version's index entries go, the new ones come, in the
      // same batch (an entry in both leaves its old posting for this batch's).
      for (auto& k : old_keys[i]) index_drops.push_back(std::move(k));
      postings.Add(docs[i]);
    }
    TIDINGS_RETURN_IF_ERROR(DropEntries(index_drops, b, &r.error));
    // The next sequence number names this batch's postings: no earlier
    // write had it, and the one writer makes the next write's larger.
    TIDINGS_RETURN_IF_ERROR(postings.Put(b, cfs_[kIndex], db_->GetLatestSequenceNumber() + 1, &r.error));
    // The name table's pairs this process has not written yet.
    if (!known_names_) known_names_ = std::make_unique<NameFingerprints>();
    new_names = postings.Names([&](std::string_view name, std::string_view id) {
      const uint64_t f = PairFingerprint(name, id);
      if (known_names_->Contains(f)) return true;
      new_fingerprints.push_back(f);
      return false;
    });
    for (const auto& pair : new_names)
      TIDINGS_RETURN_IF_ERROR(FromRocks(b.Put(cfs_[kIndex], NameKeyOf(pair), ""), "batch", &r.error));
  }
  // Without the second thread each document is serialized just before it
  // is put, into one buffer that stays in the cache.
  const bool overlapped = serializer.joinable();
  if (overlapped) serialize();
  std::string again;  // a document the second thread has not finished
  for (size_t k = 0; k < written.size(); ++k) {
    const auto& d = docs[written[k]];
    std::string* bytes = &doc_bytes_[overlapped ? k : 0];
    if (!overlapped) {
      d.SerializeToString(bytes);
    } else if (!serialized[k].load(std::memory_order_acquire)) {
      d.SerializeToString(&again);
      bytes = &again;
    }
    TIDINGS_RETURN_IF_ERROR(FromRocks(b.Put(cfs_[kDocs], d.document().id(), *bytes), "batch", &r.error));
    std::string tk = ThreadOf(d);
    tk.push_back('\0');
    tk += d.document().id();
    TIDINGS_RETURN_IF_ERROR(FromRocks(b.Put(cfs_[kThreads], tk, ""), "batch", &r.error));
  }
  r.written = written.size();
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
  if (serializer.joinable()) serializer.join();
  // What is kept for the next batch is bounded: a buffer a very large
  // document grew is freed, and so are the buffers past the default batch's.
  if (doc_bytes_.size() > kKeptDocBuffers) {
    doc_bytes_.resize(kKeptDocBuffers);
    doc_bytes_.shrink_to_fit();
  }
  for (auto& bytes : doc_bytes_)
    if (bytes.capacity() > kKeptDocBufferBytes) std::string().swap(bytes);
  if (st.ok())
    for (uint64_t f : new_fingerprints) known_names_->Insert(f);  // known once written
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
// 1: a key per entry; 2: postings (store/index.h). A store of another
// layout gets its index rebuilt when tidings-store opens it.
constexpr char kIndexVersion[] = "2";
}  // namespace

bool Store::has_index() const { return cfs_.size() > kIndex; }

Status Store::ReadIndexLayout() {
  index_layout_.clear();
  rocksdb::Status st = db_->Get(ReadOpts(), cfs_[kDefault], kIndexVersionKey, &index_layout_);
  if (!st.ok() && !st.IsNotFound()) return FromRocks(st, "read index version");
  return Status::Ok();
}

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
  size_t n = 0;
  // The postings of 10,000 documents at a time, as WriteBatch writes them.
  std::deque<v1::EnrichedDocument> docs;
  auto postings = std::make_unique<PostingsBuilder>();
  auto put = [&] {
    TIDINGS_RETURN_IF_ERROR(postings->Put(b, cfs_[kIndex], db_->GetLatestSequenceNumber() + 1, nullptr));
    for (const auto& pair : postings->Names())
      TIDINGS_RETURN_IF_ERROR(FromRocks(b.Put(cfs_[kIndex], NameKeyOf(pair), ""), "index batch"));
    postings = std::make_unique<PostingsBuilder>();
    docs.clear();
    return Status::Ok();
  };
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto& d = docs.emplace_back();
    if (!d.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      docs.pop_back();
      continue;
    }
    postings->Add(d);
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

// The entries of one stored value (a prefix "<field><value>\0" of the
// postings), from a start (8 time bytes and an id, or less), in key order:
// each bucket's postings are merged, each read only as far as needed.
class ValueCursor {
 public:
  ValueCursor(rocksdb::Iterator* it, std::string prefix, std::string_view from)
      : it_(it), prefix_(std::move(prefix)), from_(from) {
    std::string seek = prefix_;
    if (from.size() >= 8) seek += BucketBytes(from.substr(0, 8));
    it_->Seek(seek);
  }

  // Moves to the next entry (the first, the first time).
  void Next() {
    valid_ = false;
    while (status_.ok()) {
      if (!heap_.empty()) {
        std::pop_heap(heap_.begin(), heap_.end(), Later());
        PostingReader& r = readers_[heap_.back()];
        entry_.assign(r.entry());
        if (r.Next()) std::push_heap(heap_.begin(), heap_.end(), Later());
        else heap_.pop_back();
        if (!r.ok()) return Fail();
        if (entry_ < from_) continue;
        valid_ = true;
        return;
      }
      if (!LoadBucket()) return;
    }
  }
  bool valid() const { return valid_; }
  std::string_view entry() const { return entry_; }
  const Status& status() const { return status_; }

 private:
  struct LaterEntry {
    const std::vector<PostingReader>* readers;
    bool operator()(size_t a, size_t b) const { return (*readers)[a].entry() > (*readers)[b].entry(); }
  };
  LaterEntry Later() const { return {&readers_}; }

  // Reads the next bucket's postings; false at the end of the value.
  bool LoadBucket() {
    const size_t group_size = prefix_.size() + 8, key_size = group_size + kPostingBatchBytes;
    while (it_->Valid()) {
      const std::string_view k = it_->key().ToStringView();
      if (!k.starts_with(prefix_)) break;
      if (k.size() != key_size) {  // not a posting of this value
        it_->Next();
        continue;
      }
      const std::string group(k.substr(0, group_size));
      const uint64_t bucket_start = BucketStart(std::string_view(group).substr(prefix_.size()));
      values_.clear();
      for (; it_->Valid() && it_->key().starts_with(group); it_->Next()) values_.push_back(it_->value().ToString());
      readers_.clear();
      heap_.clear();
      for (const auto& v : values_) readers_.emplace_back(v, bucket_start);
      for (size_t i = 0; i < readers_.size(); ++i) {
        if (readers_[i].Next()) heap_.push_back(i);
        if (!readers_[i].ok()) return Fail(), false;
      }
      std::make_heap(heap_.begin(), heap_.end(), Later());
      if (!heap_.empty()) return true;
    }
    status_ = FromRocks(it_->status(), "scan index");
    return false;
  }

  void Fail() {
    valid_ = false;
    status_ = Status(ErrorCode::kIo, "an index posting of '" + prefix_.substr(1, prefix_.size() - 2) +
                                         "' does not parse");
  }

  std::unique_ptr<rocksdb::Iterator> it_;
  std::string prefix_, from_, entry_;
  std::vector<std::string> values_;
  std::vector<PostingReader> readers_;
  std::vector<size_t> heap_;
  bool valid_ = false;
  Status status_ = Status::Ok();
};

class Store::SnapshotView : public IndexReader {
 public:
  SnapshotView(const Store& s, std::shared_lock<std::shared_mutex> lock)
      : s_(s), lock_(std::move(lock)), snap_(s.db_->GetSnapshot()) {
    ro_ = ReadOpts();
    ro_.snapshot = snap_;
  }
  ~SnapshotView() override { s_.db_->ReleaseSnapshot(snap_); }

  rocksdb::Iterator* NewIndexIterator() const { return s_.db_->NewIterator(ro_, s_.cfs_[kIndex]); }

  // The entry keys of `prefix` (an IndexPrefix) from `start`, in key order,
  // from the postings (store/index.h); a name's from its ids' too.
  Status ScanIndex(std::string_view prefix, std::string_view start,
                   const std::function<bool(std::string_view)>& fn) const override {
    if (prefix.size() < 2) return Status(ErrorCode::kInternal, "index scan without a value");
    const std::string_view from = start.size() > prefix.size() ? start.substr(prefix.size()) : std::string_view();
    std::vector<std::unique_ptr<ValueCursor>> cursors;
    cursors.push_back(std::make_unique<ValueCursor>(NewIndexIterator(), std::string(prefix), from));
    if (prefix[0] == static_cast<char>(IndexField::kName)) {
      const std::string names = NameTablePrefix(prefix.substr(1, prefix.size() - 2));
      std::unique_ptr<rocksdb::Iterator> it(NewIndexIterator());
      for (it->Seek(names); it->Valid() && it->key().starts_with(names); it->Next())
        cursors.push_back(std::make_unique<ValueCursor>(
            NewIndexIterator(), IndexPrefix(IndexField::kEntity, it->key().ToStringView().substr(names.size())),
            from));
      TIDINGS_RETURN_IF_ERROR(FromRocks(it->status(), "read the name table"));
    }
    // Merged (a document under two ids of the name: once).
    auto later = [&](size_t a, size_t b) { return cursors[a]->entry() > cursors[b]->entry(); };
    std::vector<size_t> heap;
    for (size_t i = 0; i < cursors.size(); ++i) {
      cursors[i]->Next();
      if (cursors[i]->valid()) heap.push_back(i);
      TIDINGS_RETURN_IF_ERROR(cursors[i]->status());
    }
    std::make_heap(heap.begin(), heap.end(), later);
    std::string key(prefix), last;
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), later);
      ValueCursor& c = *cursors[heap.back()];
      if (key.size() == prefix.size() || c.entry() != last) {
        last.assign(c.entry());
        key.resize(prefix.size());
        key.append(last);
        if (!fn(key)) return Status::Ok();
      }
      c.Next();
      TIDINGS_RETURN_IF_ERROR(c.status());
      if (c.valid()) std::push_heap(heap.begin(), heap.end(), later);
      else heap.pop_back();
    }
    return Status::Ok();
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
  if (index_layout_ != kIndexVersion)
    return Status(ErrorCode::kIo, "store " + path_ + " has an index of another layout (" +
                                      (index_layout_.empty() ? std::string("none") : index_layout_) + ", this is " +
                                      kIndexVersion + "): start tidings-store once to rebuild it");
  return std::unique_ptr<IndexReader>(new SnapshotView(*this, std::move(lock)));
}

}  // namespace tidings::store
