#include "enrich/thread_join.h"

#include <deque>
#include <limits>
#include <utility>
#include <vector>

#include "base/bytes.h"
#include "enrich/state_record.h"
#include "tidings/v1/thread_state.pb.h"

namespace tidings::enrich {
namespace {

// Store keys. The first two kinds are also the changelog's keys; the time
// index is local (rebuilt at restore).
//   p <id>                                   -> ThreadSummary
//   w <parent length, 4 bytes BE> <parent> <comment id> -> WaitingComment
//   t <since_ms, 8 bytes BE> <w key>         -> ""   (oldest first)
//   a <stored_ms, 8 bytes BE> <id>           -> ""   (summaries, oldest first)
constexpr char kSummary = 'p';
constexpr char kWaiting = 'w';
constexpr char kTime = 't';
constexpr char kAge = 'a';
constexpr uint32_t kWaitingFormat = 1;

using base::AppendBigEndian;
using base::ReadBigEndian;

std::string TimeKey(int64_t since_ms, std::string_view wkey) {
  std::string k(1, kTime);
  AppendBigEndian(k, static_cast<uint64_t>(std::max<int64_t>(0, since_ms)), 8);
  k.append(wkey);
  return k;
}

std::string AgeKey(int64_t stored_ms, std::string_view id) {
  std::string k(1, kAge);
  AppendBigEndian(k, static_cast<uint64_t>(std::max<int64_t>(0, stored_ms)), 8);
  k.append(id);
  return k;
}

// The parent id inside a waiting key ("" for a key of another form).
std::string ParentOfWaitingKey(std::string_view wkey) {
  if (wkey.size() < 5 || wkey[0] != kWaiting) return "";
  const uint64_t n = ReadBigEndian(wkey.substr(1), 4);
  if (n > wkey.size() - 5) return "";
  return std::string(wkey.substr(5, n));
}

Result<v1::WaitingComment> ParseWaiting(std::string_view bytes) {
  return ParseStateRecord<v1::WaitingComment>(bytes, kWaitingFormat);
}

}  // namespace

std::string ThreadJoin::SummaryKey(std::string_view id) {
  std::string k(1, kSummary);
  k.append(id);
  return k;
}

std::string ThreadJoin::WaitingPrefix(std::string_view parent_id) {
  std::string k(1, kWaiting);
  AppendBigEndian(k, parent_id.size(), 4);
  k.append(parent_id);
  return k;
}

std::string ThreadJoin::WaitingKey(std::string_view parent_id, std::string_view comment_id) {
  std::string k = WaitingPrefix(parent_id);
  k.append(comment_id);
  return k;
}

size_t ThreadJoin::TimeIndexRun(std::string_view key) {
  return !key.empty() && (key[0] == kTime || key[0] == kAge) ? 1 : 0;
}

ThreadJoin::ThreadJoin(JoinStore& store, JoinOptions opts, EnrichFn enrich, ChangeFn change)
    : store_(store), opts_(opts), enrich_(std::move(enrich)), change_(std::move(change)) {}

namespace {
// A partition's committed count plus the batch's change to it.
int64_t CountOf(const std::map<int32_t, int64_t>& committed, const std::map<int32_t, int64_t>& delta,
                int32_t partition) {
  int64_t n = 0;
  if (auto it = committed.find(partition); it != committed.end()) n += it->second;
  if (auto it = delta.find(partition); it != delta.end()) n += it->second;
  return n;
}
}  // namespace

int64_t ThreadJoin::waiting(int32_t partition) const { return CountOf(waiting_, waiting_delta_, partition); }

int64_t ThreadJoin::summaries(int32_t partition) const { return CountOf(summaries_, summaries_delta_, partition); }

Result<std::vector<std::pair<int64_t, std::string>>> ThreadJoin::Oldest(int32_t partition, char index,
                                                                        int64_t cutoff_ms, int64_t max_n) {
  std::vector<std::pair<int64_t, std::string>> due;
  if (max_n <= 0) return due;
  TIDINGS_RETURN_IF_ERROR(store_.Scan(partition, std::string(1, index), [&](std::string_view k, std::string_view) {
    const auto t = static_cast<int64_t>(ReadBigEndian(k.substr(1), 8));
    if (t > cutoff_ms) return false;
    due.emplace_back(t, k.substr(9));
    return static_cast<int64_t>(due.size()) < max_n;
  }));
  return due;
}

void ThreadJoin::SetState(int32_t partition, const std::string& key, std::optional<std::string> value) {
  if (value) store_.Put(partition, key, *value);
  else store_.Delete(partition, key);
  change_(partition, key, std::move(value));
}

Result<std::optional<ThreadDoc>> ThreadJoin::Find(int32_t partition, const std::string& id) {
  auto v = store_.Get(partition, SummaryKey(id));
  if (!v.ok()) return v.status();
  if (!v->has_value()) return std::optional<ThreadDoc>();
  auto t = ThreadDoc::Parse(**v);
  if (!t.ok()) return t.status();
  return std::optional<ThreadDoc>(std::move(*t));
}

void ThreadJoin::CountWaiting(int32_t partition, std::string_view parent_id, int64_t d) {
  waiting_delta_[partition] += d;
  waiters_delta_[partition][std::string(parent_id)] += d;
}

int64_t ThreadJoin::WaitersOf(int32_t partition, const std::string& parent_id) const {
  int64_t n = 0;
  for (const auto* m : {&waiters_, &waiters_delta_}) {
    auto p = m->find(partition);
    if (p == m->end()) continue;
    if (auto it = p->second.find(parent_id); it != p->second.end()) n += it->second;
  }
  return n;
}

Result<ThreadJoin::Added> ThreadJoin::Add(int32_t partition, const v1::Document& doc, int64_t now_ms,
                                          std::string_view record) {
  partitions_.insert(partition);
  std::optional<ThreadDoc> parent;
  if (!doc.parent_id().empty()) {
    auto found = Find(partition, doc.parent_id());
    if (!found.ok()) return found.status();
    if (!found->has_value()) {
      TIDINGS_RETURN_IF_ERROR(Wait(partition, doc, now_ms, record));
      return Added::kWaiting;
    }
    parent = std::move(*found);
  }
  TIDINGS_RETURN_IF_ERROR(
      EnrichAndRelease(partition, doc, Why::kArrived, now_ms, parent ? &*parent : nullptr));
  if (!doc.parent_id().empty() && WaitersOf(partition, doc.parent_id()) > 0) {
    // An older version of it may still wait (its parent came since): this
    // one replaces it.
    const std::string wkey = WaitingKey(doc.parent_id(), doc.id());
    auto dropped = DropWaitingTime(partition, wkey);
    if (!dropped.ok()) return dropped.status();
    if (*dropped) {
      SetState(partition, wkey, std::nullopt);
      CountWaiting(partition, doc.parent_id(), -1);
    }
  }
  TIDINGS_RETURN_IF_ERROR(ExpireOverBound(partition));
  return Added::kEnriched;
}

Result<bool> ThreadJoin::DropWaitingTime(int32_t partition, const std::string& wkey) {
  // Nothing waits for a parent without waiters.
  if (WaitersOf(partition, ParentOfWaitingKey(wkey)) == 0) return false;
  auto old = store_.Get(partition, wkey);
  if (!old.ok()) return old.status();
  if (!old->has_value()) return false;
  auto w = ParseWaiting(**old);
  if (!w.ok()) return w.status();
  store_.Delete(partition, TimeKey(w->since_ms(), wkey));
  return true;
}

Status ThreadJoin::Wait(int32_t partition, const v1::Document& doc, int64_t now_ms, std::string_view record) {
  const std::string wkey = WaitingKey(doc.parent_id(), doc.id());
  // A newer version of a waiting comment takes its place (and its time).
  auto dropped = DropWaitingTime(partition, wkey);
  if (!dropped.ok()) return dropped.status();
  if (!*dropped) CountWaiting(partition, doc.parent_id(), +1);
  v1::WaitingComment w;
  w.set_format(kWaitingFormat);
  if (record.empty()) w.set_document(doc.SerializeAsString());
  else w.set_document(std::string(record));
  w.set_since_ms(now_ms);
  SetState(partition, wkey, w.SerializeAsString());
  store_.Put(partition, TimeKey(now_ms, wkey), "");
  if (const int64_t over = waiting(partition) - opts_.max_waiting; over > 0) {
    TIDINGS_RETURN_IF_ERROR(ReleaseOldest(partition, std::numeric_limits<int64_t>::max(), over, Why::kBound, now_ms));
    return ExpireOverBound(partition);
  }
  return Status::Ok();
}

Status ThreadJoin::StoreSummary(int32_t partition, ThreadDoc& summary, int64_t now_ms) {
  const std::string key = SummaryKey(summary.id);
  auto held = store_.Get(partition, key);
  if (!held.ok()) return held.status();
  if (held->has_value()) {
    // Stored by this join, so it parses: its age key has its stored_ms.
    auto t = ThreadDoc::Parse(**held);
    if (!t.ok()) return t.status();
    // A replayed or late copy of an older version never hides a newer one.
    if (t->version > summary.version) return Status::Ok();
    store_.Delete(partition, AgeKey(t->stored_ms, summary.id));
  } else {
    ++summaries_delta_[partition];
  }
  summary.stored_ms = now_ms;
  SetState(partition, key, summary.Serialize());
  store_.Put(partition, AgeKey(now_ms, summary.id), "");
  return Status::Ok();
}

Status ThreadJoin::ExpireOldest(int32_t partition, int64_t cutoff_ms, int64_t max_n, Expiry why) {
  auto due = Oldest(partition, kAge, cutoff_ms, max_n);
  if (!due.ok()) return due.status();
  for (const auto& [stored_ms, id] : *due) {
    store_.Delete(partition, AgeKey(stored_ms, id));
    SetState(partition, SummaryKey(id), std::nullopt);
    --summaries_delta_[partition];
    ++expired_delta_[why];
  }
  return Status::Ok();
}

Status ThreadJoin::ExpireOverBound(int32_t partition) {
  const int64_t over = summaries(partition) - opts_.max_summaries;
  if (over <= 0) return Status::Ok();
  return ExpireOldest(partition, std::numeric_limits<int64_t>::max(), over, Expiry::kBound);
}

Status ThreadJoin::EnrichAndRelease(int32_t partition, const v1::Document& first, Why why, int64_t now_ms,
                                    const ThreadDoc* known_parent) {
  // Documents to enrich after `first`, each with why: the comments that
  // waited for one enriched before them (their replies after them).
  std::deque<std::pair<v1::Document, Why>> todo;
  v1::Document released;
  const v1::Document* next = &first;
  Why doc_why = why;
  for (bool is_first = true;; is_first = false) {
    if (!is_first) {
      if (todo.empty()) break;
      released = std::move(todo.front().first);
      doc_why = todo.front().second;
      todo.pop_front();
      next = &released;
    }
    const v1::Document& doc = *next;
    std::optional<ThreadDoc> found_parent, found_root;
    const ThreadDoc* parent = nullptr;
    const ThreadDoc* root = nullptr;
    if (!doc.parent_id().empty()) {
      if (is_first && known_parent != nullptr) {
        parent = known_parent;
      } else {
        auto p = Find(partition, doc.parent_id());
        if (!p.ok()) return p.status();
        found_parent = std::move(*p);
        if (found_parent) parent = &*found_parent;
      }
    }
    if (HasOtherRoot(doc)) {
      if (parent != nullptr && doc.thread_id() == doc.parent_id()) {
        root = parent;
      } else {
        auto r = Find(partition, doc.thread_id());
        if (!r.ok()) return r.status();
        found_root = std::move(*r);
        if (found_root) root = &*found_root;
      }
    }
    ThreadContext ctx;
    ctx.parent = parent;
    ctx.root = root;
    auto summary = enrich_(doc, ctx, doc_why);
    if (!summary.ok()) {
      // The document read now fails as a whole (the caller dead-letters
      // it); one that waited is gone from the store, its replies wait on.
      if (is_first) return summary.status();
      continue;
    }
    TIDINGS_RETURN_IF_ERROR(StoreSummary(partition, *summary, now_ms));
    // Release what waited for it.
    if (WaitersOf(partition, doc.id()) == 0) continue;
    std::vector<std::pair<std::string, std::string>> waiters;
    TIDINGS_RETURN_IF_ERROR(store_.Scan(partition, WaitingPrefix(doc.id()), [&](std::string_view k, std::string_view v) {
      waiters.emplace_back(k, v);
      return true;
    }));
    for (auto& [wkey, wvalue] : waiters) {
      auto w = ParseWaiting(wvalue);
      if (!w.ok()) return w.status();
      store_.Delete(partition, TimeKey(w->since_ms(), wkey));
      SetState(partition, wkey, std::nullopt);
      CountWaiting(partition, doc.id(), -1);
      ++released_delta_[Why::kParentArrived];
      v1::Document reply;
      if (!reply.ParseFromString(w->document())) continue;  // written by us: cannot happen
      todo.emplace_back(std::move(reply), Why::kParentArrived);
    }
  }
  return Status::Ok();
}

Status ThreadJoin::ReleaseOldest(int32_t partition, int64_t cutoff_ms, int64_t max_n, Why why, int64_t now_ms) {
  auto due = Oldest(partition, kTime, cutoff_ms, max_n);
  if (!due.ok()) return due.status();
  for (const auto& [since_ms, wkey] : *due) {
    // Releasing one may have released others (its replies) already.
    auto v = store_.Get(partition, wkey);
    if (!v.ok()) return v.status();
    if (!v->has_value()) continue;
    auto w = ParseWaiting(**v);
    if (!w.ok()) return w.status();
    store_.Delete(partition, TimeKey(w->since_ms(), wkey));
    SetState(partition, wkey, std::nullopt);
    CountWaiting(partition, ParentOfWaitingKey(wkey), -1);
    ++released_delta_[why];
    v1::Document doc;
    if (!doc.ParseFromString(w->document())) continue;
    Status st = EnrichAndRelease(partition, doc, why, now_ms);
    // Its enrichment failing is the EnrichFn's to report; it is gone.
    if (!st.ok() && st.code() == ErrorCode::kIo) return st;
  }
  return Status::Ok();
}

Status ThreadJoin::Tick(int64_t now_ms) {
  for (int32_t p : partitions_) {
    TIDINGS_RETURN_IF_ERROR(
        ReleaseOldest(p, now_ms - opts_.parent_wait_ms, opts_.max_released_per_tick, Why::kParentWait, now_ms));
    if (opts_.summary_retention_ms > 0)
      TIDINGS_RETURN_IF_ERROR(
          ExpireOldest(p, now_ms - opts_.summary_retention_ms, opts_.max_expired_per_tick, Expiry::kAge));
    TIDINGS_RETURN_IF_ERROR(ExpireOverBound(p));
  }
  return Status::Ok();
}

Status ThreadJoin::Commit() {
  TIDINGS_RETURN_IF_ERROR(store_.Commit());
  for (const auto& [p, d] : waiting_delta_) {
    waiting_[p] += d;
    stats_.waiting += d;
  }
  for (const auto& [why, n] : released_delta_) stats_.released[why] += n;
  for (const auto& [p, d] : summaries_delta_) {
    summaries_[p] += d;
    stats_.summaries += d;
  }
  for (const auto& [why, n] : expired_delta_) stats_.expired[why] += n;
  for (auto& [p, counts] : waiters_delta_) {
    WaiterCounts& held = waiters_[p];
    for (auto& [parent, d] : counts) {
      if (d == 0) continue;
      auto it = held.try_emplace(parent, 0).first;
      if ((it->second += d) <= 0) held.erase(it);
    }
  }
  waiters_delta_.clear();
  waiting_delta_.clear();
  released_delta_.clear();
  summaries_delta_.clear();
  expired_delta_.clear();
  return Status::Ok();
}

void ThreadJoin::Abort() {
  store_.Abort();
  waiters_delta_.clear();
  waiting_delta_.clear();
  released_delta_.clear();
  summaries_delta_.clear();
  expired_delta_.clear();
}

Status ThreadJoin::BeginRestore(int32_t partition, int64_t now_ms) {
  TIDINGS_RETURN_IF_ERROR(Drop(partition));
  partitions_.insert(partition);
  restore_ms_ = now_ms;
  return Status::Ok();
}

Status ThreadJoin::ApplyRestored(int32_t partition, std::string_view key, std::optional<std::string_view> value) {
  if (key.empty() || (key[0] != kSummary && key[0] != kWaiting))
    return Status(ErrorCode::kInvalidProtobuf, "changelog key of an unknown kind");
  if (key[0] == kSummary) {
    // Keep the age index and the count with it.
    const std::string_view id = key.substr(1);
    auto old = store_.Get(partition, key);
    if (!old.ok()) return old.status();
    if (old->has_value()) {
      auto t = ThreadDoc::Parse(**old);
      if (!t.ok()) return t.status();
      TIDINGS_RETURN_IF_ERROR(store_.ApplyRestored(partition, AgeKey(t->stored_ms, id), std::nullopt));
      --summaries_[partition];
      --stats_.summaries;
    }
    if (!value) return store_.ApplyRestored(partition, key, std::nullopt);
    auto t = ThreadDoc::Parse(*value);
    if (!t.ok()) return t.status();
    TIDINGS_RETURN_IF_ERROR(store_.ApplyRestored(partition, AgeKey(t->stored_ms ? t->stored_ms : restore_ms_, id),
                                                 std::string_view("")));
    ++summaries_[partition];
    ++stats_.summaries;
    if (t->stored_ms != 0) return store_.ApplyRestored(partition, key, value);
    // Written before summaries had their time: kept locally with the
    // restore's, so that its age key can be found again.
    t->stored_ms = restore_ms_;
    return store_.ApplyRestored(partition, key, t->Serialize());
  }
  // A waiting comment: keep the time index and the count with it.
  auto old = store_.Get(partition, key);
  if (!old.ok()) return old.status();
  if (old->has_value()) {
    auto w = ParseWaiting(**old);
    if (!w.ok()) return w.status();
    TIDINGS_RETURN_IF_ERROR(store_.ApplyRestored(partition, TimeKey(w->since_ms(), key), std::nullopt));
    --waiting_[partition];
    --stats_.waiting;
    WaiterCounts& held = waiters_[partition];
    if (auto it = held.find(ParentOfWaitingKey(key)); it != held.end() && --it->second <= 0) held.erase(it);
  }
  if (value) {
    auto w = ParseWaiting(*value);
    if (!w.ok()) return w.status();
    TIDINGS_RETURN_IF_ERROR(store_.ApplyRestored(partition, TimeKey(w->since_ms(), key), std::string_view("")));
    ++waiting_[partition];
    ++stats_.waiting;
    ++waiters_[partition][std::string(ParentOfWaitingKey(key))];
  }
  return store_.ApplyRestored(partition, key, value);
}

Status ThreadJoin::EndRestore(int32_t) { return Status::Ok(); }

Status ThreadJoin::Drop(int32_t partition) {
  TIDINGS_RETURN_IF_ERROR(store_.DropPartition(partition));
  partitions_.erase(partition);
  if (auto it = waiting_.find(partition); it != waiting_.end()) {
    stats_.waiting -= it->second;
    waiting_.erase(it);
  }
  waiters_.erase(partition);
  if (auto it = summaries_.find(partition); it != summaries_.end()) {
    stats_.summaries -= it->second;
    summaries_.erase(it);
  }
  return Status::Ok();
}

}  // namespace tidings::enrich
