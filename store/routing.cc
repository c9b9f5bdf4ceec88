#include "store/routing.h"

#include <spdlog/spdlog.h>

namespace tidings::store {

std::string AdvertisingClientId(std::string_view client_id, std::string_view api_address) {
  return std::string(client_id) + "@" + std::string(api_address);
}

std::string AdvertisedAddress(std::string_view client_id) {
  const size_t at = client_id.rfind('@');
  return at == std::string_view::npos ? std::string() : std::string(client_id.substr(at + 1));
}

ThreadRouter::ThreadRouter(const PartitionTable& table, runtime::KeyPartitioner partitioner, std::string self,
                           Seams seams)
    : table_(table), partitioner_(partitioner), seams_(std::move(seams)), self_(std::move(self)) {}

void ThreadRouter::SetSelf(std::string self) {
  std::lock_guard lock(mu_);
  self_ = std::move(self);
}

std::string ThreadRouter::self() const {
  std::lock_guard lock(mu_);
  return self_;
}

void ThreadRouter::Refresh() {
  const auto now = seams_.now();
  const uint64_t generation = table_.generation();
  if (asked_generation_ == generation && now - asked_ < kOwnersMaxAge) return;
  asked_ = now;
  asked_generation_ = generation;
  // The count is asked again with the owners: a topic may grow (which moves
  // keys to other partitions; docs/operations.md says not to).
  if (auto n = seams_.partition_count(); n.ok() && *n > 0) {
    partitions_ = *n;
  } else {
    spdlog::warn("store routing: partition count of {}: {}", table_.topic(),
                 n.ok() ? "no partitions" : n.status().message());
  }
  auto group = seams_.describe_group();
  if (!group.ok()) {
    // The last answer, if any, is kept: better a recent owner than none.
    spdlog::warn("store routing: {}", group.status().message());
    return;
  }
  std::map<int32_t, std::string> owners;
  for (const auto& m : group->members)
    for (const auto& tp : m.assignment)
      if (tp.topic == table_.topic()) owners[tp.partition] = AdvertisedAddress(m.client_id);
  owners_ = std::move(owners);
}

ThreadRoute ThreadRouter::Route(std::string_view thread_id) {
  ThreadRoute r;
  std::lock_guard lock(mu_);
  if (!partitions_) Refresh();
  if (!partitions_ || *partitions_ <= 0) return r;  // no partition count: answer from here
  r.partition = runtime::PartitionOfKey(partitioner_, thread_id, *partitions_);
  if (table_.Held(r.partition)) return r;
  Refresh();
  r.partition = runtime::PartitionOfKey(partitioner_, thread_id, *partitions_);  // the count may have changed
  if (table_.Held(r.partition)) return r;
  if (!owners_) return r;  // the group can't be asked: answer from here
  auto it = owners_->find(r.partition);
  if (it == owners_->end()) {
    r.kind = ThreadRoute::Kind::kUnavailable;
    r.why = "partition " + std::to_string(r.partition) + " of " + table_.topic() +
            " has no owner right now (the group is rebalancing); retry";
  } else if (it->second.empty()) {
    r.kind = ThreadRoute::Kind::kUnavailable;
    r.why = "partition " + std::to_string(r.partition) + " of " + table_.topic() +
            " is held by a member that advertises no API address";
  } else if (it->second == self_) {
    r.kind = ThreadRoute::Kind::kUnavailable;
    r.why = "partition " + std::to_string(r.partition) + " of " + table_.topic() +
            " is being assigned to this instance; retry";
  } else {
    r.kind = ThreadRoute::Kind::kOwner;
    r.owner = it->second;
  }
  return r;
}

}  // namespace tidings::store
