#include "store/partitions.h"

#include <spdlog/spdlog.h>

#include "base/time.h"
#include "proto/json_codec.h"

namespace tidings::store {

Status PartitionTable::Load(const Store& store) {
  auto stored = store.Partitions(topic_);
  if (!stored.ok()) return stored.status();
  std::lock_guard lock(mu_);
  for (const auto& s : *stored) {
    PartitionState& p = At(s.partition);
    p.next_offset = s.next_offset;
    p.first_offset = s.first_offset;
  }
  return Status::Ok();
}

Status PartitionTable::SetStartOffsets(const Store& store, std::vector<runtime::TopicPartition>& parts) {
  Status result = Status::Ok();
  std::string said;
  for (auto& tp : parts) {
    if (tp.topic != topic_) continue;
    auto next = store.NextOffset(tp.topic, tp.partition);
    if (!next.ok()) {
      result = next.status();
      continue;
    }
    tp.offset = next->value_or(RdKafka::Topic::OFFSET_BEGINNING);
    said += (said.empty() ? "" : ", ") + std::to_string(tp.partition) +
            (*next ? " at stored offset " + std::to_string(**next) : " from the beginning (never held here)");
    std::lock_guard lock(mu_);
    pending_start_[tp.partition] = *next;
  }
  if (!said.empty()) spdlog::info("store: starting {} partitions: {}", topic_, said);
  return result;
}

void PartitionTable::Assigned(const std::vector<runtime::TopicPartition>& parts,
                              std::chrono::system_clock::time_point now) {
  std::lock_guard lock(mu_);
  for (const auto& tp : parts) {
    if (tp.topic != topic_) continue;
    PartitionState& p = At(tp.partition);
    p.held = true;
    p.assigned_at = now;
    auto it = pending_start_.find(tp.partition);
    p.start_offset = it != pending_start_.end() ? it->second : p.next_offset;
    if (it != pending_start_.end()) pending_start_.erase(it);
  }
  ++generation_;
}

void PartitionTable::Revoked(const std::vector<runtime::TopicPartition>& parts) {
  std::lock_guard lock(mu_);
  for (const auto& tp : parts) {
    if (tp.topic != topic_) continue;
    PartitionState& p = At(tp.partition);
    p.held = false;
    p.lag.reset();
  }
  ++generation_;
}

void PartitionTable::Stored(const std::vector<PartitionOffset>& offsets) {
  std::lock_guard lock(mu_);
  for (const auto& o : offsets) {
    if (o.topic != topic_) continue;
    PartitionState& p = At(o.partition);
    // As Store::WriteBatch: the first batch of a partition sets its first
    // offset; a partition stored before first offsets were kept has none.
    if (!p.next_offset && o.first_offset >= 0) p.first_offset = o.first_offset;
    p.next_offset = o.next_offset;
  }
}

void PartitionTable::SetLags(const std::vector<std::pair<runtime::TopicPartition, int64_t>>& lags) {
  std::lock_guard lock(mu_);
  for (auto& [n, p] : parts_) p.lag.reset();
  for (const auto& [tp, lag] : lags)
    if (tp.topic == topic_) At(tp.partition).lag = lag;
}

bool PartitionTable::Held(int32_t partition) const {
  std::lock_guard lock(mu_);
  auto it = parts_.find(partition);
  return it != parts_.end() && it->second.held;
}

std::vector<int32_t> PartitionTable::HeldPartitions() const {
  std::lock_guard lock(mu_);
  std::vector<int32_t> out;
  for (const auto& [n, p] : parts_)
    if (p.held) out.push_back(n);
  return out;
}

std::vector<PartitionState> PartitionTable::Snapshot() const {
  std::lock_guard lock(mu_);
  std::vector<PartitionState> out;
  out.reserve(parts_.size());
  for (const auto& [n, p] : parts_) out.push_back(p);
  return out;
}

uint64_t PartitionTable::generation() const {
  std::lock_guard lock(mu_);
  return generation_;
}

PartitionState& PartitionTable::At(int32_t partition) {
  PartitionState& p = parts_[partition];
  p.partition = partition;
  return p;
}

std::string PartitionsJson(const std::string& topic, const std::string& advertised,
                           const std::vector<PartitionState>& parts) {
  auto number = [](const std::optional<int64_t>& v) { return v ? std::to_string(*v) : std::string("null"); };
  std::string b = "{\"topic\":";
  proto::AppendJsonString(b, topic);
  b += ",\"advertised\":";
  proto::AppendJsonString(b, advertised);
  b += ",\"partitions\":[";
  for (size_t i = 0; i < parts.size(); ++i) {
    const PartitionState& p = parts[i];
    b += i ? "," : "";
    b += "{\"partition\":" + std::to_string(p.partition) + ",\"held\":" + (p.held ? "true" : "false") +
         ",\"assigned_at\":";
    if (p.assigned_at) proto::AppendJsonString(b, base::FormatRfc3339(*p.assigned_at));
    else b += "null";
    b += ",\"start_offset\":" + number(p.start_offset) + ",\"first_offset\":" + number(p.first_offset) +
         ",\"next_offset\":" + number(p.next_offset) + ",\"lag\":" + number(p.lag) + "}";
  }
  return b + "]}";
}

}  // namespace tidings::store
