#include "ingest/offset_tracker.h"

namespace tidings::ingest {

Status OffsetTracker::Begin(std::int64_t offset) {
  if (offset < 0) return {ErrorCode::kInternal, "negative offset " + std::to_string(offset)};
  if (last_begun_ && offset <= *last_begun_)
    return {ErrorCode::kInternal, "offset " + std::to_string(offset) +
                                      " begun after offset " + std::to_string(*last_begun_)};
  last_begun_ = offset;
  in_flight_.emplace(offset, false);
  return Status::Ok();
}

Status OffsetTracker::MarkDone(std::int64_t offset) {
  auto it = in_flight_.find(offset);
  if (it == in_flight_.end() || it->second)
    return {ErrorCode::kNotFound, "offset " + std::to_string(offset) + " is not in flight"};
  it->second = true;
  ++done_count_;
  // Advance over the contiguous done prefix.
  while (!in_flight_.empty() && in_flight_.begin()->second) {
    committable_ = in_flight_.begin()->first + 1;
    in_flight_.erase(in_flight_.begin());
    --done_count_;
  }
  return Status::Ok();
}

void OffsetTracker::Reset() {
  in_flight_.clear();
  done_count_ = 0;
  last_begun_.reset();
  committable_.reset();
}

OffsetTracker& PartitionOffsets::Of(const std::string& topic, std::int32_t partition) {
  return trackers_[{topic, partition}];
}

void PartitionOffsets::Remove(const std::string& topic, std::int32_t partition) {
  trackers_.erase({topic, partition});
}

std::map<std::pair<std::string, std::int32_t>, std::int64_t> PartitionOffsets::Committable() const {
  std::map<std::pair<std::string, std::int32_t>, std::int64_t> out;
  for (const auto& [tp, t] : trackers_)
    if (auto c = t.CommittableOffset()) out.emplace(tp, *c);
  return out;
}

}  // namespace tidings::ingest
