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

void Add(std::vector<std::string>& keys, IndexField f, std::string_view value, const std::string& tail) {
  if (value.empty() && f != IndexField::kPublished) return;
  if (value.find('\0') != std::string_view::npos) return;
  std::string k = IndexPrefix(f, value);
  k += tail;
  keys.push_back(std::move(k));
}

// The year, month and day prefixes of a TIMEX3 date value that starts with a
// year ("2016", "2016-10", "2016-10-20T08:00"), coarsest first.
std::vector<std::string_view> DateGranules(std::string_view v) {
  std::vector<std::string_view> out;
  if (!Digits(v, 0, 4)) return out;
  out.push_back(v.substr(0, 4));
  if (v.size() >= 7 && v[4] == '-' && Digits(v, 5, 2)) {
    out.push_back(v.substr(0, 7));
    if (v.size() >= 10 && v[7] == '-' && Digits(v, 8, 2)) out.push_back(v.substr(0, 10));
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

std::string TimeBytes(int64_t ms) {
  // Newest first: larger times give smaller keys; kNoTime gives the largest.
  const uint64_t v = ms == kNoTime ? UINT64_MAX : UINT64_MAX / 2 - static_cast<uint64_t>(ms);
  std::string s;
  base::AppendBigEndian(s, v, 8);
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

std::vector<std::string> IndexKeys(const v1::EnrichedDocument& d) {
  const auto& doc = d.document();
  const std::string tail = TimeBytes(DocumentTimeMs(d).value_or(kNoTime)) + doc.id();
  std::vector<std::string> keys;
  Add(keys, IndexField::kPublished, "", tail);
  for (const auto& e : d.entities()) {
    Add(keys, IndexField::kEntity, e.id(), tail);
    Add(keys, IndexField::kName, e.name(), tail);
  }
  for (const auto& m : d.dates())
    if (m.type() == v1::DATE || m.type() == v1::TIME)
      for (auto g : DateGranules(m.value())) Add(keys, IndexField::kMention, g, tail);
  for (const auto& s : d.stances())
    Add(keys, IndexField::kStance, StanceValue(s.target(), v1::StanceLabel_Name(s.label())), tail);
  if (d.has_reply_stance() && d.reply_stance().label() != v1::REPLY_LABEL_UNSPECIFIED)
    Add(keys, IndexField::kReply, v1::ReplyLabel_Name(d.reply_stance().label()), tail);
  Add(keys, IndexField::kSource, doc.source(), tail);
  Add(keys, IndexField::kAuthor, doc.author(), tail);
  Add(keys, IndexField::kKind, doc.kind(), tail);
  Add(keys, IndexField::kLanguage, d.language_detected().empty() ? doc.language() : d.language_detected(), tail);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
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
