#include "enrich/batch_prefetch.h"

#include <algorithm>
#include <exception>

#include "base/utf8.h"
#include "enrich/thread_join.h"

namespace tidings::enrich {
namespace {

bool Same(const ThreadDoc* used, const std::optional<ThreadDoc>& made_with) {
  if (used == nullptr || !made_with) return used == nullptr && !made_with;
  return used->SameContent(*made_with);
}

}  // namespace

bool BatchPrefetch::Ahead::Fits(const v1::Document& doc, const ThreadContext& ctx) const {
  return out.document().id() == doc.id() && Same(ctx.parent, parent) && Same(ctx.root, root);
}

BatchPrefetch::BatchPrefetch(const Engine& engine, int threads) : engine_(engine) {
  for (int t = 1; t < std::max(threads, 2); ++t) pool_.emplace_back([this] { Loop(); });
}

BatchPrefetch::~BatchPrefetch() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  start_.notify_all();
  for (auto& t : pool_) t.join();
}

void BatchPrefetch::Run(std::span<const std::string_view> records, const SummaryFn& state) {
  while (slots_.size() < records.size()) slots_.push_back(std::make_unique<Slot>());
  for (size_t i = 0; i < records.size(); ++i) {
    Slot& s = *slots_[i];
    s.parsed = s.wanted = s.settled = s.ok = false;
  }
  records_ = records;
  enriched_.store(0, std::memory_order_relaxed);
  ForEach(&BatchPrefetch::Parse);
  by_id_.clear();
  std::vector<size_t> pending;
  for (size_t i = 0; i < records.size(); ++i) {
    if (!slots_[i]->parsed) continue;
    by_id_[slots_[i]->doc.id()].push_back(i);
    pending.push_back(i);
  }
  // Waves: what can be foreseen now, then what replies to it, ...
  while (!pending.empty()) {
    std::vector<size_t> next;
    bool any = false;
    for (size_t i : pending) {
      Slot& s = *slots_[i];
      bool later = false;
      s.wanted = Foresee(i, state, &later);
      any |= s.wanted;
      if (!s.wanted && later) next.push_back(i);
      s.settled = !s.wanted && !later;
    }
    if (!any) break;
    ForEach(&BatchPrefetch::Enrich);
    pending.swap(next);
  }
  by_id_.clear();
}

bool BatchPrefetch::Foresee(size_t i, const SummaryFn& state, bool* later) {
  const v1::Document& d = slots_[i]->doc;
  Ahead& a = slots_[i]->ahead;
  a.parent.reset();
  a.root.reset();
  if (!d.parent_id().empty()) {
    if (!SummaryFor(i, d.parent_id(), state, &a.parent, later)) return false;
    if (!a.parent) return false;  // it will wait for its parent
  }
  // As the join does: the root is another document's summary, if any.
  if (ThreadJoin::HasOtherRoot(d)) {
    if (a.parent && d.thread_id() == d.parent_id()) a.root = a.parent;
    else if (!SummaryFor(i, d.thread_id(), state, &a.root, later)) return false;
  }
  return true;
}

bool BatchPrefetch::SummaryFor(size_t i, const std::string& id, const SummaryFn& state,
                               std::optional<ThreadDoc>* out, bool* later) {
  if (auto it = by_id_.find(id); it != by_id_.end()) {
    const size_t* before = nullptr;  // the batch's last document with that id before i
    for (const size_t& j : it->second) {
      if (j >= i) break;
      before = &j;
    }
    if (before != nullptr) {
      const Slot& p = *slots_[*before];
      if (p.ok) {
        *out = ThreadDoc::Of(p.ahead.out);
        return true;
      }
      if (!p.settled) *later = true;
      return false;
    }
  }
  *out = state(i, id);
  return true;
}

BatchPrefetch::Ahead* BatchPrefetch::Get(size_t i) {
  return i < records_.size() && slots_[i]->ok ? &slots_[i]->ahead : nullptr;
}

void BatchPrefetch::Parse(size_t i) {
  Slot& s = *slots_[i];
  const std::string_view rec = records_[i];
  s.parsed = s.doc.ParseFromArray(rec.data(), static_cast<int>(rec.size())) && base::IsValidUtf8(s.doc.text());
}

void BatchPrefetch::Enrich(size_t i) {
  Slot& s = *slots_[i];
  if (!s.wanted) return;
  s.wanted = false;
  s.settled = true;
  ThreadContext ctx;
  ctx.parent = s.ahead.parent ? &*s.ahead.parent : nullptr;
  ctx.root = s.ahead.root ? &*s.ahead.root : nullptr;
  if (!engine_.EnrichInto(s.doc, ctx, &s.ahead.out).ok()) return;
  s.ok = true;
  enriched_.fetch_add(1, std::memory_order_relaxed);
}

void BatchPrefetch::ForEach(void (BatchPrefetch::*fn)(size_t)) {
  fn_ = fn;
  next_.store(0, std::memory_order_relaxed);
  {
    std::lock_guard lock(mu_);
    ++generation_;
    working_ = static_cast<int>(pool_.size());
  }
  start_.notify_all();
  Work();
  std::unique_lock lock(mu_);
  done_.wait(lock, [this] { return working_ == 0; });
}

void BatchPrefetch::Loop() {
  uint64_t seen = 0;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      start_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
    }
    Work();
    std::lock_guard lock(mu_);
    if (--working_ == 0) done_.notify_one();
  }
}

void BatchPrefetch::Work() {
  for (size_t i; (i = next_.fetch_add(1, std::memory_order_relaxed)) < records_.size();) {
    try {
      (this->*fn_)(i);
    } catch (const std::exception&) {
      // Left to the caller, whose stage loop dead-letters what cannot be
      // enriched (a throw on a pool thread would end the process).
      slots_[i]->parsed = slots_[i]->wanted = slots_[i]->ok = false;
      slots_[i]->settled = true;
    }
  }
}

}  // namespace tidings::enrich
