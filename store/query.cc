#include "store/query.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace tidings::store {
namespace {

constexpr char kHex[] = "0123456789abcdef";

std::string Hex(std::string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  for (unsigned char c : s) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

std::optional<std::string> Unhex(std::string_view s) {
  if (s.size() % 2) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < s.size(); i += 2) {
    auto v = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; };
    const int hi = v(s[i]), lo = v(s[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

Status Bad(std::string_view param, std::string_view why) {
  return {ErrorCode::kConfig, "bad parameter '" + std::string(param) + "': " + std::string(why)};
}

bool IsDateBound(std::string_view s) {
  static const std::string_view kShape = "0000-00-00";
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return false;
  for (size_t i = 0; i < s.size(); ++i)
    if ((kShape[i] == '-') != (s[i] == '-') || (s[i] != '-' && (s[i] < '0' || s[i] > '9'))) return false;
  return true;
}

bool HasEntity(const v1::EnrichedDocument& d, const std::string& e) {
  return std::any_of(d.entities().begin(), d.entities().end(),
                     [&](const v1::EntityMention& m) { return m.id() == e || m.name() == e; });
}

bool HasStance(const v1::EnrichedDocument& d, const Query& q) {
  return std::any_of(d.stances().begin(), d.stances().end(), [&](const v1::Stance& s) {
    return s.target() == q.target && (q.stance.empty() || v1::StanceLabel_Name(s.label()) == q.stance);
  });
}

// A mentioned date value overlaps [from, to] (YYYY[-MM[-DD]] bounds; a
// value of coarser precision overlaps when any day of it does).
bool MentionsInRange(const v1::EnrichedDocument& d, const Query& q) {
  for (const auto& m : d.dates()) {
    if (m.type() != v1::DATE && m.type() != v1::TIME) continue;
    const std::string& v = m.value();
    if (v.size() < 4 || !IsDateBound(v.substr(0, v.size() >= 10 ? 10 : v.size() >= 7 ? 7 : 4))) continue;
    const std::string end = v + "\xff";
    if (!q.mentions_from.empty() && end < q.mentions_from) continue;
    if (!q.mentions_to.empty() && v > q.mentions_to + "\xff") continue;
    return true;
  }
  return false;
}

std::string Language(const v1::EnrichedDocument& d) {
  return d.language_detected().empty() ? d.document().language() : d.language_detected();
}

bool Matches(const v1::EnrichedDocument& d, const Query& q) {
  const auto& doc = d.document();
  if (!q.entity.empty() && !HasEntity(d, q.entity)) return false;
  if (!q.target.empty() && !HasStance(d, q)) return false;
  if (!q.reply.empty() && (!d.has_reply_stance() || v1::ReplyLabel_Name(d.reply_stance().label()) != q.reply))
    return false;
  if (!q.source.empty() && doc.source() != q.source) return false;
  if (!q.author.empty() && doc.author() != q.author) return false;
  if (!q.kind.empty() && doc.kind() != q.kind) return false;
  if (!q.lang.empty() && Language(d) != q.lang) return false;
  if ((!q.mentions_from.empty() || !q.mentions_to.empty()) && !MentionsInRange(d, q)) return false;
  return true;
}

// The prefix of the index the query drives, and whether that index alone
// (with the time bounds) decides the query, so documents need not be read
// to count.
struct Driver {
  std::string prefix;
  bool alone = false;
};

Result<bool> AnyKey(const IndexReader& r, const std::string& prefix) {
  bool any = false;
  TIDINGS_RETURN_IF_ERROR(r.ScanIndex(prefix, prefix, [&](std::string_view) { return any = true, false; }));
  return any;
}

Result<Driver> ChooseDriver(const IndexReader& r, const Query& q) {
  const int filters = !q.entity.empty() + !q.target.empty() + !q.source.empty() + !q.author.empty() +
                      !q.reply.empty() + !q.kind.empty() + !q.lang.empty() +
                      (!q.mentions_from.empty() || !q.mentions_to.empty());
  const bool alone = filters == 1;
  if (!q.entity.empty()) {
    std::string p = IndexPrefix(IndexField::kEntity, q.entity);
    auto any = AnyKey(r, p);
    if (!any.ok()) return any.status();
    // An id matches an id; otherwise the canonical name, checked on each
    // document: the store finds a name's documents through its ids, and an
    // id's documents may carry a name it had before (store/index.h).
    return Driver{*any ? p : IndexPrefix(IndexField::kName, q.entity), alone && *any};
  }
  if (!q.target.empty() && !q.stance.empty())
    return Driver{IndexPrefix(IndexField::kStance, StanceValue(q.target, q.stance)), alone};
  const std::pair<const std::string*, IndexField> equal[] = {
      {&q.source, IndexField::kSource}, {&q.author, IndexField::kAuthor}, {&q.reply, IndexField::kReply},
      {&q.kind, IndexField::kKind},     {&q.lang, IndexField::kLanguage}};
  for (const auto& [value, field] : equal)
    if (!value->empty()) return Driver{IndexPrefix(field, *value), alone};
  return Driver{IndexPrefix(IndexField::kPublished, ""), filters == 0};
}

// Walks the driver's entries between the time bounds, from the cursor;
// fn(entry, key) returns false to stop. Sets *partial when max_scan keys
// were seen and *last to the last key seen.
Status Walk(const IndexReader& r, const Driver& d, const Query& q, bool* partial, std::string* last,
            size_t* scanned, const std::function<bool(const IndexEntry&)>& fn) {
  std::string start = d.prefix;
  if (!q.cursor.empty()) {
    start += *Unhex(q.cursor);
    start.push_back('\0');  // the first key after the cursor's
  } else if (q.to_ms) {
    start += TimeBytes(*q.to_ms);
  }
  return r.ScanIndex(d.prefix, start, [&](std::string_view key) {
    auto e = ParseIndexKey(key);
    if (!e) return true;
    // A document without a time is in no range (its entries sort last).
    if ((q.from_ms || q.to_ms) && e->time_ms == kNoTime) return false;
    if (q.from_ms && e->time_ms < *q.from_ms) return false;
    if (*scanned >= q.max_scan) return *partial = true, false;
    ++*scanned;
    *last = std::string(key);
    return fn(*e);
  });
}

// Walk, reading each entry's document (null when it is gone since; fn may
// move it away); a read error stops the walk and is returned.
Status WalkDocuments(const IndexReader& r, const Driver& d, const Query& q, bool* partial, std::string* last,
                     size_t* scanned, const std::function<bool(v1::EnrichedDocument*)>& fn) {
  Status inner = Status::Ok();
  TIDINGS_RETURN_IF_ERROR(Walk(r, d, q, partial, last, scanned, [&](const IndexEntry& e) {
    auto doc = r.GetDocument(std::string(e.id));
    if (!doc.ok()) return inner = doc.status(), false;
    return fn(doc->has_value() ? &**doc : nullptr);
  }));
  return inner;
}

std::string CursorOf(const Driver& d, const std::string& key) { return Hex(std::string_view(key).substr(d.prefix.size())); }

// YYYY-MM-DD from days since the epoch (H. Hinnant's civil_from_days).
std::string CivilDay(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

std::string BucketOf(int64_t ms, Interval iv) {
  const int64_t days = FloorDiv(ms, 86400000);
  switch (iv) {
    case Interval::kDay: return CivilDay(days);
    case Interval::kWeek: return CivilDay(days - ((days + 3) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
    case Interval::kMonth: return CivilDay(days).substr(0, 8) + "01";
  }
  return "";
}

EntityRanking Rank(const std::map<std::string, EntityCount>& counts, size_t top, bool partial) {
  EntityRanking out;
  out.partial = partial;
  for (const auto& [key, c] : counts) out.entities.push_back(c);
  std::sort(out.entities.begin(), out.entities.end(), [](const EntityCount& a, const EntityCount& b) {
    return a.documents != b.documents ? a.documents > b.documents : a.name < b.name;
  });
  if (out.entities.size() > top) out.entities.resize(top);
  return out;
}

// Counts each entity once per document into `counts`, skipping `except`.
void CountEntities(const v1::EnrichedDocument& d, std::string_view type, const std::string& except,
                   std::map<std::string, EntityCount>& counts) {
  std::set<std::string> seen;
  for (const auto& m : d.entities()) {
    if (!type.empty() && v1::EntityType_Name(m.type()) != type) continue;
    const std::string key = m.id().empty() ? m.name() : m.id();
    if (key.empty() || m.id() == except || m.name() == except || !seen.insert(key).second) continue;
    EntityCount& c = counts[key];
    c.id = m.id();
    c.name = m.name();
    c.type = m.type();
    ++c.documents;
  }
}

}  // namespace

std::string DayOf(int64_t ms) { return CivilDay(FloorDiv(ms, 86400000)); }

Result<std::optional<int64_t>> ParseTimeBound(std::string_view value, std::string_view param, bool end_of_day) {
  if (value.empty()) return std::optional<int64_t>();
  auto ms = ParseTimeMs(value);
  if (!ms) return Bad(param, "an RFC 3339 date or time");
  return std::optional<int64_t>(*ms + (end_of_day && value.size() == 10 ? 86400000 - 1 : 0));
}

Status ValidateQuery(const Query& q) {
  if (q.limit == 0 || q.limit > kMaxPageSize)
    return Bad("limit", "must be 1.." + std::to_string(kMaxPageSize));
  if (!q.stance.empty() && q.target.empty()) return Bad("stance", "needs target");
  if (!q.stance.empty() && q.stance != "FAVOR" && q.stance != "AGAINST" && q.stance != "NONE")
    return Bad("stance", "FAVOR, AGAINST or NONE");
  if (!q.reply.empty() && q.reply != "SUPPORT" && q.reply != "DENY" && q.reply != "QUERY" && q.reply != "COMMENT")
    return Bad("reply", "SUPPORT, DENY, QUERY or COMMENT");
  if (!q.kind.empty() && q.kind != "article" && q.kind != "comment") return Bad("kind", "article or comment");
  if (!q.mentions_from.empty() && !IsDateBound(q.mentions_from)) return Bad("mentions_from", "YYYY[-MM[-DD]]");
  if (!q.mentions_to.empty() && !IsDateBound(q.mentions_to)) return Bad("mentions_to", "YYYY[-MM[-DD]]");
  if (q.from_ms && q.to_ms && *q.from_ms > *q.to_ms) return Bad("from", "after 'to'");
  if (!q.cursor.empty() && (!Unhex(q.cursor) || q.cursor.size() < 18)) return Bad("cursor", "not a cursor of ours");
  if (q.max_scan == 0) return Bad("max_scan", "must be positive");
  return Status::Ok();
}

Result<Page> FindDocuments(const IndexReader& r, const Query& q) {
  TIDINGS_RETURN_IF_ERROR(ValidateQuery(q));
  auto driver = ChooseDriver(r, q);
  if (!driver.ok()) return driver.status();
  Page page;
  std::string last;
  bool full = false;
  TIDINGS_RETURN_IF_ERROR(
      WalkDocuments(r, *driver, q, &page.partial, &last, &page.scanned, [&](v1::EnrichedDocument* d) {
        if (d != nullptr && Matches(*d, q)) page.documents.push_back(std::move(*d));
        return !(full = page.documents.size() >= q.limit);
      }));
  if ((full || page.partial) && !last.empty()) page.next_cursor = CursorOf(*driver, last);
  return page;
}

Result<Count> CountDocuments(const IndexReader& r, const Query& q0) {
  Query q = q0;
  q.cursor.clear();
  q.limit = 1;
  TIDINGS_RETURN_IF_ERROR(ValidateQuery(q));
  auto driver = ChooseDriver(r, q);
  if (!driver.ok()) return driver.status();
  Count c;
  std::string last;
  size_t scanned = 0;
  if (driver->alone) {
    TIDINGS_RETURN_IF_ERROR(
        Walk(r, *driver, q, &c.partial, &last, &scanned, [&](const IndexEntry&) { return ++c.documents, true; }));
    return c;
  }
  TIDINGS_RETURN_IF_ERROR(
      WalkDocuments(r, *driver, q, &c.partial, &last, &scanned, [&](v1::EnrichedDocument* d) {
        c.documents += d != nullptr && Matches(*d, q);
        return true;
      }));
  return c;
}

std::optional<Interval> ParseInterval(std::string_view s) {
  if (s == "day") return Interval::kDay;
  if (s == "week") return Interval::kWeek;
  if (s == "month") return Interval::kMonth;
  return std::nullopt;
}

Result<StanceSeries> StanceOverTime(const IndexReader& r, const std::string& target, Interval interval,
                                    std::optional<int64_t> from_ms, std::optional<int64_t> to_ms, size_t max_scan) {
  if (target.empty()) return Bad("target", "required");
  std::map<std::string, StanceBucket> buckets;
  // Each day's bucket, so that its name is worked out once per day rather
  // than once per entry (a year of a busy target is ~10^5 entries).
  std::unordered_map<int64_t, StanceBucket*> bucket_of_day;
  StanceSeries out;
  size_t scanned = 0;
  for (const char* label : {"FAVOR", "AGAINST", "NONE"}) {
    Query q;
    q.from_ms = from_ms;
    q.to_ms = to_ms;
    q.max_scan = max_scan;
    const Driver d{IndexPrefix(IndexField::kStance, StanceValue(target, label)), true};
    std::string last;
    TIDINGS_RETURN_IF_ERROR(Walk(r, d, q, &out.partial, &last, &scanned, [&](const IndexEntry& e) {
      StanceBucket* b = &out.undated;
      if (e.time_ms != kNoTime) {
        auto [day, fresh] = bucket_of_day.try_emplace(FloorDiv(e.time_ms, 86400000), nullptr);
        if (fresh) day->second = &buckets[BucketOf(e.time_ms, interval)];
        b = day->second;
      }
      ++(label[0] == 'F' ? b->favor : label[0] == 'A' ? b->against : b->none);
      return true;
    }));
  }
  for (auto& [start, b] : buckets) {
    b.start = start;
    out.buckets.push_back(b);
  }
  return out;
}

Result<EntityRanking> TopEntities(const IndexReader& r, std::optional<int64_t> from_ms, std::optional<int64_t> to_ms,
                                  std::string_view type, size_t top, size_t max_scan) {
  Query q;
  q.from_ms = from_ms;
  q.to_ms = to_ms;
  q.max_scan = max_scan;
  const Driver d{IndexPrefix(IndexField::kPublished, ""), true};
  std::map<std::string, EntityCount> counts;
  bool partial = false;
  std::string last;
  size_t scanned = 0;
  TIDINGS_RETURN_IF_ERROR(WalkDocuments(r, d, q, &partial, &last, &scanned, [&](v1::EnrichedDocument* doc) {
    if (doc != nullptr) CountEntities(*doc, type, "", counts);
    return true;
  }));
  return Rank(counts, top, partial);
}

Result<EntityRanking> Cooccurring(const IndexReader& r, const std::string& entity, size_t top, size_t max_scan) {
  if (entity.empty()) return Bad("entity", "required");
  Query q;
  q.entity = entity;
  q.max_scan = max_scan;
  auto d = ChooseDriver(r, q);
  if (!d.ok()) return d.status();
  std::map<std::string, EntityCount> counts;
  bool partial = false;
  std::string last;
  size_t scanned = 0;
  TIDINGS_RETURN_IF_ERROR(WalkDocuments(r, *d, q, &partial, &last, &scanned, [&](v1::EnrichedDocument* doc) {
    if (doc != nullptr) CountEntities(*doc, "", entity, counts);
    return true;
  }));
  return Rank(counts, top, partial);
}

}  // namespace tidings::store
