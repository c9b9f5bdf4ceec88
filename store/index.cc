#include "store/index.h"

#include <algorithm>
#include <cctype>

#include "base/bytes.h"

namespace tidings::store {
namespace {

bool Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return false;
  for (size_t i = pos; i < pos + n; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

int Num(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// "THH:MM[:SS[.fff]]" at pos; adds its ms to *ms and moves pos past it.
bool ParseClock(std::string_view s, size_t& pos, int64_t* ms) {
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) return true;
  if (!Digits(s, pos + 1, 2) || pos + 3 >= s.size() || s[pos + 3] != ':' || !Digits(s, pos + 4, 2)) return false;
  int64_t secs = Num(s, pos + 1, 2) * 3600 + Num(s, pos + 4, 2) * 60;
  pos += 6;
  if (pos < s.size() && s[pos] == ':') {
    if (!Digits(s, pos + 1, 2)) return false;
    secs += Num(s, pos + 1, 2);
    pos += 3;
  }
  int64_t frac = 0;
  if (pos < s.size() && s[pos] == '.') {
    size_t k = pos + 1, n = 0;
    for (; k < s.size() && std::isdigit(static_cast<unsigned char>(s[k])); ++k, ++n)
      if (n < 3) frac = frac * 10 + (s[k] - '0');
    if (n == 0) return false;
    for (; n < 3; ++n) frac *= 10;
    pos = k;
  }
  *ms += secs * 1000 + frac;
  return true;
}

// "Z" or "+HH:MM" / "-HH:MM" at pos (or nothing: UTC).
bool ParseZone(std::string_view s, size_t pos, int64_t* ms) {
  if (pos == s.size()) return true;
  if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) return true;
  if ((s[pos] != '+' && s[pos] != '-') || !Digits(s, pos + 1, 2) || pos + 6 != s.size() || s[pos + 3] != ':' ||
      !Digits(s, pos + 4, 2))
    return false;
  const int64_t off = (Num(s, pos + 1, 2) * 60 + Num(s, pos + 4, 2)) * 60000;
  *ms -= s[pos] == '+' ? off : -off;
  return true;
}

bool Add(std::vector<IndexValue>* out, IndexField f, std::string_view value) {
  if (value.empty() && f != IndexField::kPublished) return false;
  if (value.find('\0') != std::string_view::npos) return false;
  out->emplace_back(f, value);
  return true;
}

// The year, month and day prefixes of a TIMEX3 date value that starts with a
// year ("2016", "2016-10", "2016-10-20T08:00"), coarsest first.
struct Granules {
  std::string_view g[3];
  int n = 0;
  const std::string_view* begin() const { return g; }
  const std::string_view* end() const { return g + n; }
};
Granules DateGranules(std::string_view v) {
  Granules out;
  if (!Digits(v, 0, 4)) return out;
  out.g[out.n++] = v.substr(0, 4);
  if (v.size() >= 7 && v[4] == '-' && Digits(v, 5, 2)) {
    out.g[out.n++] = v.substr(0, 7);
    if (v.size() >= 10 && v[7] == '-' && Digits(v, 8, 2)) out.g[out.n++] = v.substr(0, 10);
  }
  return out;
}

}  // namespace

std::optional<int64_t> ParseTimeMs(std::string_view s) {
  if (!Digits(s, 0, 4) || s.size() < 10 || s[4] != '-' || !Digits(s, 5, 2) || s[7] != '-' || !Digits(s, 8, 2))
    return std::nullopt;
  const int m = Num(s, 5, 2), d = Num(s, 8, 2);
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  int64_t ms = DaysFromCivil(Num(s, 0, 4), static_cast<unsigned>(m), static_cast<unsigned>(d)) * 86400000;
  size_t pos = 10;
  if (!ParseClock(s, pos, &ms) || !ParseZone(s, pos, &ms)) return std::nullopt;
  return ms;
}

std::optional<int64_t> DocumentTimeMs(const v1::EnrichedDocument& d) {
  if (auto t = ParseTimeMs(d.document().published_at())) return t;
  return ParseTimeMs(d.anchor().value());
}

uint64_t TimeNumber(int64_t ms) {
  // Newest first: larger times give smaller keys; kNoTime gives the largest.
  return ms == kNoTime ? UINT64_MAX : UINT64_MAX / 2 - static_cast<uint64_t>(ms);
}

std::string TimeBytes(int64_t ms) {
  std::string s;
  base::AppendBigEndian(s, TimeNumber(ms), 8);
  return s;
}

int64_t TimeFromBytes(std::string_view eight) {
  const uint64_t v = base::ReadBigEndian(eight, 8);
  return v == UINT64_MAX ? kNoTime : static_cast<int64_t>(UINT64_MAX / 2 - v);
}

std::string IndexPrefix(IndexField f, std::string_view value) {
  std::string k;
  k.reserve(value.size() + 2);
  k.push_back(static_cast<char>(f));
  k.append(value);
  k.push_back('\0');
  return k;
}

std::string StanceValue(std::string_view target, std::string_view label) {
  std::string v(target);
  v.push_back(kStanceSep);
  v.append(label);
  return v;
}

void IndexValues(const v1::EnrichedDocument& d, std::vector<IndexValue>* out, std::deque<std::string>* composed,
                 std::vector<std::string_view>* entity_names) {
  const auto& doc = d.document();
  Add(out, IndexField::kPublished, "");
  for (const auto& e : d.entities()) {
    if (Add(out, IndexField::kEntity, e.id()) && entity_names != nullptr) entity_names->push_back(e.name());
    // A name of an entity with an id is found through the name table and the
    // id's entries (EntityNames); only a mention without an id stores one.
    if (e.id().empty()) Add(out, IndexField::kName, e.name());
  }
  for (const auto& m : d.dates())
    if (m.type() == v1::DATE || m.type() == v1::TIME)
      for (auto g : DateGranules(m.value())) Add(out, IndexField::kMention, g);
  for (const auto& s : d.stances())
    Add(out, IndexField::kStance,
        composed->emplace_back(StanceValue(s.target(), v1::StanceLabel_Name(s.label()))));
  if (d.has_reply_stance() && d.reply_stance().label() != v1::REPLY_LABEL_UNSPECIFIED)
    Add(out, IndexField::kReply, v1::ReplyLabel_Name(d.reply_stance().label()));
  Add(out, IndexField::kSource, doc.source());
  Add(out, IndexField::kAuthor, doc.author());
  Add(out, IndexField::kKind, doc.kind());
  Add(out, IndexField::kLanguage, d.language_detected().empty() ? doc.language() : d.language_detected());
}

std::string IndexTail(const v1::EnrichedDocument& d) {
  return TimeBytes(DocumentTimeMs(d).value_or(kNoTime)) + d.document().id();
}

void EntityNames(const v1::EnrichedDocument& d, std::vector<std::pair<std::string_view, std::string_view>>* out) {
  for (const auto& e : d.entities())
    if (!e.id().empty() && !e.name().empty() && e.id().find('\0') == std::string::npos &&
        e.name().find('\0') == std::string::npos)
      out->emplace_back(e.name(), e.id());
}

std::string NameTableKey(std::string_view name, std::string_view id) {
  std::string k = NameTablePrefix(name);
  k.append(id);
  return k;
}

std::string NameTablePrefix(std::string_view name) {
  std::string k(1, kNameTable);
  k.append(name);
  k.push_back('\0');
  return k;
}

namespace {
// The entry keys of d's index values, sorted, each once; with the names of
// its entities that have an id when `with_linked_names`.
std::vector<std::string> EntryKeys(const v1::EnrichedDocument& d, bool with_linked_names) {
  const std::string tail = IndexTail(d);
  std::vector<IndexValue> values;
  std::deque<std::string> composed;
  IndexValues(d, &values, &composed);
  if (with_linked_names)
    for (const auto& e : d.entities())
      if (!e.id().empty()) Add(&values, IndexField::kName, e.name());
  std::vector<std::string> keys;
  keys.reserve(values.size());
  for (const auto& [f, v] : values) keys.push_back(IndexPrefix(f, v) + tail);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}
}  // namespace

std::vector<std::string> StoredIndexKeys(const v1::EnrichedDocument& d) { return EntryKeys(d, false); }

std::vector<std::string> IndexKeys(const v1::EnrichedDocument& d) { return EntryKeys(d, true); }

size_t EntryPrefixSize(std::string_view key) {
  const size_t nul = key.find('\0', 1);
  return nul == std::string_view::npos ? 0 : nul + 1;
}

std::string BucketBytes(std::string_view time_bytes) {
  std::string s;
  base::AppendBigEndian(s, base::ReadBigEndian(time_bytes, 8) / kPostingBucketMs, 8);
  return s;
}

std::string PostingGroup(std::string_view key) {
  const size_t p = EntryPrefixSize(key);
  if (p == 0 || key.size() < p + 8) return {};
  std::string g(key.substr(0, p));
  g += BucketBytes(key.substr(p, 8));
  return g;
}

uint64_t BucketOfTime(std::string_view time_bytes) { return base::ReadBigEndian(time_bytes, 8) / kPostingBucketMs; }

uint64_t BucketStart(std::string_view bucket_bytes) {
  return base::ReadBigEndian(bucket_bytes, 8) * kPostingBucketMs;
}

namespace {

// Writes n as a varint at out (room for 10 bytes); its length.
size_t PutVarint(char* out, uint64_t n) {
  size_t k = 0;
  while (n >= 0x80) {
    out[k++] = static_cast<char>((n & 0x7f) | 0x80);
    n >>= 7;
  }
  out[k++] = static_cast<char>(n);
  return k;
}

bool GetVarint(std::string_view v, size_t& pos, uint64_t* n) {
  *n = 0;
  for (int shift = 0; shift <= 63; shift += 7) {
    if (pos >= v.size()) return false;
    const auto c = static_cast<unsigned char>(v[pos++]);
    *n |= static_cast<uint64_t>(c & 0x7f) << shift;
    if (c < 0x80) return true;
  }
  return false;
}

}  // namespace

void PostingWriter::Add(std::string_view time_and_id) {
  Add(base::ReadBigEndian(time_and_id, 8), time_and_id.substr(8));
}

void PostingWriter::Reset(uint64_t bucket_start) {
  value_.clear();
  last_id_.clear();
  last_time_ = bucket_start;
  entries_ = 0;
}

void PostingWriter::Add(uint64_t t, std::string_view id) {
  size_t shared = 0;
  const size_t most = std::min(id.size(), last_id_.size());
  while (shared < most && id[shared] == last_id_[shared]) ++shared;
  char head[30];  // three varints
  size_t n = PutVarint(head, t - last_time_);  // entries come in key order: t >= last_time_
  n += PutVarint(head + n, shared);
  n += PutVarint(head + n, id.size() - shared);
  value_.append(head, n);
  value_.append(id.substr(shared));
  last_time_ = t;
  last_id_.assign(id);
  ++entries_;
}

bool PostingReader::Next() {
  if (!ok_ || pos_ >= v_.size()) return false;
  uint64_t dt = 0, shared = 0, rest = 0;
  const size_t id_len = entry_.size() < 8 ? 0 : entry_.size() - 8;
  if (!GetVarint(v_, pos_, &dt) || !GetVarint(v_, pos_, &shared) || !GetVarint(v_, pos_, &rest) ||
      shared > id_len || v_.size() - pos_ < rest)
    return ok_ = false;
  time_ += dt;
  if (entry_.size() < 8) entry_.resize(8);
  for (int i = 0; i < 8; ++i) entry_[i] = static_cast<char>((time_ >> (8 * (7 - i))) & 0xff);
  entry_.resize(8 + shared);
  entry_.append(v_.substr(pos_, rest));
  pos_ += rest;
  return true;
}

std::optional<IndexEntry> ParseIndexKey(std::string_view key) {
  const size_t nul = key.find('\0', 1);
  if (key.empty() || nul == std::string_view::npos || key.size() < nul + 9) return std::nullopt;
  IndexEntry e;
  e.field = static_cast<IndexField>(key[0]);
  e.value = key.substr(1, nul - 1);
  e.time_ms = TimeFromBytes(key.substr(nul + 1, 8));
  e.id = key.substr(nul + 9);
  return e;
}

}  // namespace tidings::store
