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
constexpr char kSummary = 'p';
constexpr char kWaiting = 'w';
constexpr char kTime = 't';
constexpr uint32_t kWaitingFormat = 1;

using base::AppendBigEndian;
using base::ReadBigEndian;

std::string TimeKey(int64_t since_ms, std::string_view wkey) {
  std::string k(1, kTime);
  AppendBigEndian(k, static_cast<uint64_t>(std::max<int64_t>(0, since_ms)), 8);
  k.append(wkey);
  return k;
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

ThreadJoin::ThreadJoin(JoinStore& store, JoinOptions opts, EnrichFn enrich, ChangeFn change)
    : store_(store), opts_(opts), enrich_(std::move(enrich)), change_(std::move(change)) {}

int64_t ThreadJoin::waiting(int32_t partition) const {
  int64_t n = 0;
  if (auto it = waiting_.find(partition); it != waiting_.end()) n += it->second;
  if (auto it = waiting_delta_.find(partition); it != waiting_delta_.end()) n += it->second;
  return n;
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

Result<ThreadJoin::Added> ThreadJoin::Add(int32_t partition, const v1::Document& doc, int64_t now_ms) {
  partitions_.insert(partition);
  if (!doc.parent_id().empty()) {
    auto parent = Find(partition, doc.parent_id());
    if (!parent.ok()) return parent.status();
    if (!parent->has_value()) {
      TIDINGS_RETURN_IF_ERROR(Wait(partition, doc, now_ms));
      return Added::kWaiting;
    }
  }
  TIDINGS_RETURN_IF_ERROR(EnrichAndRelease(partition, doc, Why::kArrived));
  if (!doc.parent_id().empty()) {
    // An older version of it may still wait (its parent came since): this
    // one replaces it.
    const std::string wkey = WaitingKey(doc.parent_id(), doc.id());
    auto dropped = DropWaitingTime(partition, wkey);
    if (!dropped.ok()) return dropped.status();
    if (*dropped) {
      SetState(partition, wkey, std::nullopt);
      --waiting_delta_[partition];
    }
  }
  return Added::kEnriched;
}

Result<bool> ThreadJoin::DropWaitingTime(int32_t partition, const std::string& wkey) {
  auto old = store_.Get(partition, wkey);
  if (!old.ok()) return old.status();
  if (!old->has_value()) return false;
  auto w = ParseWaiting(**old);
  if (!w.ok()) return w.status();
  store_.Delete(partition, TimeKey(w->since_ms(), wkey));
  return true;
}

Status ThreadJoin::Wait(int32_t partition, const v1::Document& doc, int64_t now_ms) {
  const std::string wkey = WaitingKey(doc.parent_id(), doc.id());
  // A newer version of a waiting comment takes its place (and its time).
  auto dropped = DropWaitingTime(partition, wkey);
  if (!dropped.ok()) return dropped.status();
  if (!*dropped) ++waiting_delta_[partition];
  v1::WaitingComment w;
  w.set_format(kWaitingFormat);
  w.set_document(doc.SerializeAsString());
  w.set_since_ms(now_ms);
  SetState(partition, wkey, w.SerializeAsString());
  store_.Put(partition, TimeKey(now_ms, wkey), "");
  if (const int64_t over = waiting(partition) - opts_.max_waiting; over > 0)
    return ReleaseOldest(partition, std::numeric_limits<int64_t>::max(), over, Why::kBound);
  return Status::Ok();
}

Status ThreadJoin::StoreSummary(int32_t partition, const ThreadDoc& summary) {
  const std::string key = SummaryKey(summary.id);
  auto held = store_.Get(partition, key);
  if (!held.ok()) return held.status();
  if (held->has_value()) {
    // A replayed or late copy of an older version never hides a newer one.
    auto t = ThreadDoc::Parse(**held);
    if (t.ok() && t->version > summary.version) return Status::Ok();
  }
  SetState(partition, key, summary.Serialize());
  return Status::Ok();
}

Status ThreadJoin::EnrichAndRelease(int32_t partition, const v1::Document& first, Why why) {
  // Documents to enrich, each with why; the queue grows by the comments
  // that waited for one enriched before them (their replies after them).
  std::deque<std::pair<v1::Document, Why>> todo;
  todo.emplace_back(first, why);
  bool is_first = true;
  while (!todo.empty()) {
    auto [doc, doc_why] = std::move(todo.front());
    todo.pop_front();
    std::optional<ThreadDoc> parent, root;
    if (!doc.parent_id().empty()) {
      auto p = Find(partition, doc.parent_id());
      if (!p.ok()) return p.status();
      parent = std::move(*p);
    }
    if (!doc.thread_id().empty() && doc.thread_id() != doc.id()) {
      if (parent && doc.thread_id() == doc.parent_id()) {
        root = parent;
      } else {
        auto r = Find(partition, doc.thread_id());
        if (!r.ok()) return r.status();
        root = std::move(*r);
      }
    }
    ThreadContext ctx;
    ctx.parent = parent ? &*parent : nullptr;
    ctx.root = root ? &*root : nullptr;
    auto summary = enrich_(doc, ctx, doc_why);
    if (!summary.ok()) {
      // The document read now fails as a whole (the caller dead-letters
      // it); one that waited is gone from the store, its replies wait on.
      if (is_first) return summary.status();
      is_first = false;
      continue;
    }
    is_first = false;
    TIDINGS_RETURN_IF_ERROR(StoreSummary(partition, *summary));
    // Release what waited for it.
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
      --waiting_delta_[partition];
      ++released_delta_[Why::kParentArrived];
      v1::Document reply;
      if (!reply.ParseFromString(w->document())) continue;  // written by us: cannot happen
      todo.emplace_back(std::move(reply), Why::kParentArrived);
    }
  }
  return Status::Ok();
}

Status ThreadJoin::ReleaseOldest(int32_t partition, int64_t cutoff_ms, int64_t max_n, Why why) {
  std::vector<std::string> due;  // waiting keys, oldest first
  TIDINGS_RETURN_IF_ERROR(store_.Scan(partition, std::string(1, kTime), [&](std::string_view k, std::string_view) {
    if (static_cast<int64_t>(ReadBigEndian(k.substr(1), 8)) > cutoff_ms) return false;
    due.emplace_back(k.substr(9));
    return static_cast<int64_t>(due.size()) < max_n;
  }));
  for (const std::string& wkey : due) {
    // Releasing one may have released others (its replies) already.
    auto v = store_.Get(partition, wkey);
    if (!v.ok()) return v.status();
    if (!v->has_value()) continue;
    auto w = ParseWaiting(**v);
    if (!w.ok()) return w.status();
    store_.Delete(partition, TimeKey(w->since_ms(), wkey));
    SetState(partition, wkey, std::nullopt);
    --waiting_delta_[partition];
    ++released_delta_[why];
    v1::Document doc;
    if (!doc.ParseFromString(w->document())) continue;
    Status st = EnrichAndRelease(partition, doc, why);
    // Its enrichment failing is the EnrichFn's to report; it is gone.
    if (!st.ok() && st.code() == ErrorCode::kIo) return st;
  }
  return Status::Ok();
}

Status ThreadJoin::Tick(int64_t now_ms) {
  for (int32_t p : partitions_)
    TIDINGS_RETURN_IF_ERROR(ReleaseOldest(p, now_ms - opts_.parent_wait_ms, opts_.max_released_per_tick, Why::kParentWait));
  return Status::Ok();
}

Status ThreadJoin::Commit() {
  TIDINGS_RETURN_IF_ERROR(store_.Commit());
  for (const auto& [p, d] : waiting_delta_) {
    waiting_[p] += d;
    stats_.waiting += d;
  }
  for (const auto& [why, n] : released_delta_) stats_.released[why] += n;
  waiting_delta_.clear();
  released_delta_.clear();
  return Status::Ok();
}

void ThreadJoin::Abort() {
  store_.Abort();
  waiting_delta_.clear();
  released_delta_.clear();
}

Status ThreadJoin::BeginRestore(int32_t partition) {
  TIDINGS_RETURN_IF_ERROR(Drop(partition));
  partitions_.insert(partition);
  return Status::Ok();
}

Status ThreadJoin::ApplyRestored(int32_t partition, std::string_view key, std::optional<std::string_view> value) {
  if (key.empty() || (key[0] != kSummary && key[0] != kWaiting))
    return Status(ErrorCode::kInvalidProtobuf, "changelog key of an unknown kind");
  if (key[0] == kSummary) {
    if (value) {
      if (auto t = ThreadDoc::Parse(*value); !t.ok()) return t.status();
    }
    return store_.ApplyRestored(partition, key, value);
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
  }
  if (value) {
    auto w = ParseWaiting(*value);
    if (!w.ok()) return w.status();
    TIDINGS_RETURN_IF_ERROR(store_.ApplyRestored(partition, TimeKey(w->since_ms(), key), std::string_view("")));
    ++waiting_[partition];
    ++stats_.waiting;
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
  return Status::Ok();
}

}  // namespace tidings::enrich
