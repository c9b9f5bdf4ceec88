#include "enrich/learn/clusters.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "enrich/learn/bytes.h"
#include "enrich/learn/hash.h"

namespace tidings::enrich::learn {
namespace {

constexpr size_t kBuckets = size_t{1} << 16;

}  // namespace

Result<WordClusters> WordClusters::FromTsv(std::string_view text, std::string_view what,
                                           const std::function<std::string(std::string_view)>& key_of) {
  WordClusters c;
  std::vector<std::pair<uint64_t, size_t>> order;  // fingerprint, line's ids
  std::vector<uint16_t> ids;
  size_t line_no = 0;
  auto bad = [&](const std::string& why) {
    return Status(ErrorCode::kConfig, std::string(what) + ":" + std::to_string(line_no) + ": " + why);
  };
  for (size_t pos = 0; pos < text.size();) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;  // a comment
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0) return bad("expected word<TAB>ids");
    uint16_t row[kMaxLevels];
    uint32_t n = 0;
    for (size_t p = tab + 1; p < line.size();) {
      while (p < line.size() && line[p] == ' ') ++p;
      if (p == line.size()) break;
      unsigned v = 0;
      const auto [end, ec] = std::from_chars(line.data() + p, line.data() + line.size(), v);
      if (ec != std::errc() || (end != line.data() + line.size() && *end != ' ') || v > 65535) {
        return bad("cluster ids must be numbers from 0 to 65535 separated by spaces");
      }
      if (n == kMaxLevels) return bad("at most " + std::to_string(kMaxLevels) + " cluster ids a word");
      row[n++] = static_cast<uint16_t>(v);
      p = static_cast<size_t>(end - line.data());
    }
    if (n == 0) return bad("no cluster ids");
    if (c.levels_ == 0) c.levels_ = n;
    if (n != c.levels_) {
      return bad(std::to_string(n) + " cluster ids where the first line had " + std::to_string(c.levels_));
    }
    const std::string key = key_of(line.substr(0, tab));
    if (key.empty()) continue;
    order.emplace_back(Fingerprint(key), order.size());
    ids.insert(ids.end(), row, row + n);
  }
  if (order.empty()) return Status(ErrorCode::kConfig, std::string(what) + ": no words");
  // By fingerprint; of equal ones (one key, or a 64-bit collision) the first line's.
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t k = 0; k < order.size(); ++k) {
    if (k > 0 && order[k].first == order[k - 1].first) continue;
    c.fp_.push_back(order[k].first);
    const uint16_t* r = &ids[order[k].second * c.levels_];
    c.ids_.insert(c.ids_.end(), r, r + c.levels_);
  }
  c.BuildIndex();
  const std::string bin = c.Serialize();
  std::memcpy(&c.checksum_, bin.data() + bin.size() - 8, 8);
  return c;
}

std::string WordClusters::Serialize() const {
  std::string s(kClustersMagic);
  PutU32(&s, kClustersFormatVersion);
  PutU32(&s, levels_);
  PutU32(&s, static_cast<uint32_t>(fp_.size()));
  for (size_t k = 0; k < fp_.size(); ++k) {
    PutU64(&s, fp_[k]);
    for (uint32_t l = 0; l < levels_; ++l) PutU16(&s, ids_[k * levels_ + l]);
  }
  PutU64(&s, HashBytes(s));
  return s;
}

Result<WordClusters> WordClusters::Parse(std::string_view b, std::string_view what) {
  auto corrupt = [&](const std::string& why) {
    return Status(ErrorCode::kConfig, std::string(what) + " is corrupt: " + why);
  };
  if (b.substr(0, kClustersMagic.size()) != kClustersMagic) return corrupt("not a word-cluster file (bad magic)");
  ByteReader r(b.substr(kClustersMagic.size()));
  uint32_t version = 0, levels = 0, words = 0;
  if (!r.Get(&version)) return corrupt("truncated header");
  if (version != kClustersFormatVersion) {
    return Status(ErrorCode::kConfig, std::string(what) + " has format version " + std::to_string(version) +
                                          "; this tidings reads version " + std::to_string(kClustersFormatVersion));
  }
  if (!r.Get(&levels) || !r.Get(&words)) return corrupt("truncated header");
  const size_t pos = kClustersMagic.size() + r.pos();
  if (levels == 0 || levels > kMaxLevels) return corrupt("bad number of levels " + std::to_string(levels));
  if (words == 0) return corrupt("no words");
  const size_t entry = 8 + 2 * size_t{levels};
  if ((b.size() - pos) / entry < words || b.size() - pos != entry * words + 8) {
    return corrupt("size does not match its " + std::to_string(words) + " words");
  }
  uint64_t sum = 0;
  std::memcpy(&sum, b.data() + b.size() - 8, 8);
  if (HashBytes(b.substr(0, b.size() - 8)) != sum) return corrupt("checksum mismatch");
  WordClusters c;
  c.levels_ = levels;
  c.fp_.resize(words);
  c.ids_.resize(size_t{words} * levels);
  // The size was checked above: plain copies, entry by entry.
  const char* p = b.data() + pos;
  for (size_t k = 0; k < words; ++k, p += entry) {
    std::memcpy(&c.fp_[k], p, 8);
    std::memcpy(&c.ids_[k * levels], p + 8, 2 * size_t{levels});
    if (k > 0 && c.fp_[k] <= c.fp_[k - 1]) return corrupt("fingerprints out of order");
  }
  c.BuildIndex();
  c.checksum_ = sum;
  return c;
}

void WordClusters::BuildIndex() {
  start_.assign(kBuckets + 1, 0);
  for (uint64_t f : fp_) ++start_[(f >> 48) + 1];
  for (size_t b = 0; b < kBuckets; ++b) start_[b + 1] += start_[b];
}

uint64_t WordClusters::Fingerprint(std::string_view key) { return HashBytes(key) | 1; }

const uint16_t* WordClusters::FindInBucket(uint32_t first, uint64_t f) const {
  for (uint32_t k = first; k < start_[(f >> 48) + 1]; ++k) {
    if (fp_[k] == f) return &ids_[size_t{k} * levels_];
    if (fp_[k] > f) break;
  }
  return nullptr;
}

const uint16_t* WordClusters::FindFingerprint(uint64_t f) const {
  return fp_.empty() ? nullptr : FindInBucket(start_[f >> 48], f);
}

void WordClusters::FindFingerprints(const uint64_t* f, size_t n, const uint16_t** out) const {
  if (fp_.empty()) {
    for (size_t i = 0; i < n; ++i) out[i] = nullptr;
    return;
  }
  // Three stages, kAhead words apart: fetch the bucket's start; read it and
  // fetch its fingerprints and ids; look up.
  constexpr size_t kAhead = 8;
  uint32_t first[2 * kAhead];  // bucket starts, by word index modulo 2 * kAhead
  for (size_t i = 0; i < n + 2 * kAhead; ++i) {
    if (i < n) __builtin_prefetch(&start_[f[i] >> 48]);
    if (i >= kAhead && i - kAhead < n) {
      const size_t j = i - kAhead;
      const uint32_t s = start_[f[j] >> 48];
      first[j % (2 * kAhead)] = s;
      if (s < fp_.size()) {
        __builtin_prefetch(&fp_[s]);
        __builtin_prefetch(&ids_[size_t{s} * levels_]);
      }
    }
    if (i >= 2 * kAhead) {
      const size_t k = i - 2 * kAhead;
      out[k] = FindInBucket(first[k % (2 * kAhead)], f[k]);
    }
  }
}

}  // namespace tidings::enrich::learn
