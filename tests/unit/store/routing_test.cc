// ThreadRouter with a fake group: a thread of a partition held here is
// served here, one held by another member goes to that member's advertised
// address, and a partition with no owner (a rebalance), an owner without an
// address, or the group saying "this instance" before the assignment arrives
// are unavailable. Lookups are shared for kOwnersMaxAge and redone when this
// instance's assignment changes; without the brokers, threads are served
// from here.
#include "store/routing.h"

#include <gtest/gtest.h>

namespace tidings::store {
namespace {

using Kind = ThreadRoute::Kind;
using Clock = std::chrono::steady_clock;

constexpr char kTopic[] = "enriched";
constexpr int32_t kPartitions = 6;
constexpr auto kPartitioner = runtime::KeyPartitioner::kCrc32;

int32_t PartitionOf(const std::string& thread) { return runtime::PartitionOfKey(kPartitioner, thread, kPartitions); }

// A thread id whose partition is `p`.
std::string ThreadIn(int32_t p) {
  for (int i = 0;; ++i)
    if (PartitionOf("t" + std::to_string(i)) == p) return "t" + std::to_string(i);
}

runtime::GroupMember Member(const std::string& client_id, std::initializer_list<int32_t> parts) {
  runtime::GroupMember m;
  m.client_id = client_id;
  for (int32_t p : parts) m.assignment.push_back({kTopic, p});
  return m;
}

struct Harness {
  Harness() {
    ThreadRouter::Seams seams;
    seams.describe_group = [this]() -> Result<runtime::GroupDescription> {
      ++describes;
      if (!group_ok) return Status(ErrorCode::kKafka, "all brokers down");
      return group;
    };
    seams.partition_count = [this]() -> Result<int32_t> {
      if (!count_ok) return Status(ErrorCode::kKafka, "all brokers down");
      return kPartitions;
    };
    seams.now = [this] { return now; };
    router = std::make_unique<ThreadRouter>(table, kPartitioner, "10.0.0.1:9476", std::move(seams));
    // This instance holds 0 and 1; B (10.0.0.2) holds 2 and 3; C, which
    // advertises nothing, holds 4; nobody holds 5.
    table.Assigned({{kTopic, 0}, {kTopic, 1}}, std::chrono::system_clock::now());
    group.members = {Member(AdvertisingClientId("tidings-store", "10.0.0.1:9476"), {0, 1}),
                     Member(AdvertisingClientId("tidings-store", "10.0.0.2:9476"), {2, 3}),
                     Member("tidings-store", {4})};
  }
  PartitionTable table{kTopic};
  runtime::GroupDescription group;
  bool group_ok = true, count_ok = true;
  int describes = 0;
  Clock::time_point now{};
  std::unique_ptr<ThreadRouter> router;
};

TEST(Advertising, ClientIdCarriesTheApiAddress) {
  EXPECT_EQ(AdvertisingClientId("tidings-store", "10.0.0.5:9476"), "tidings-store@10.0.0.5:9476");
  EXPECT_EQ(AdvertisedAddress("tidings-store@10.0.0.5:9476"), "10.0.0.5:9476");
  EXPECT_EQ(AdvertisedAddress("ops@team@store-1.example:80"), "store-1.example:80");  // the last '@'
  EXPECT_EQ(AdvertisedAddress("tidings-store"), "");
}

TEST(ThreadRouter, RoutesByPartitionToTheOwner) {
  Harness h;
  auto here = h.router->Route(ThreadIn(1));
  EXPECT_EQ(here.kind, Kind::kHere);
  EXPECT_EQ(here.partition, 1);

  auto b = h.router->Route(ThreadIn(3));
  EXPECT_EQ(b.kind, Kind::kOwner);
  EXPECT_EQ(b.partition, 3);
  EXPECT_EQ(b.owner, "10.0.0.2:9476");

  auto c = h.router->Route(ThreadIn(4));
  EXPECT_EQ(c.kind, Kind::kUnavailable);
  EXPECT_NE(c.why.find("advertises no API address"), std::string::npos) << c.why;

  auto none = h.router->Route(ThreadIn(5));
  EXPECT_EQ(none.kind, Kind::kUnavailable);
  EXPECT_NE(none.why.find("no owner"), std::string::npos) << none.why;
}

TEST(ThreadRouter, TheGroupNamingThisInstanceBeforeTheAssignmentIsUnavailable) {
  Harness h;
  h.group.members[0].assignment.push_back({kTopic, 5});  // given to this instance, not arrived yet
  auto r = h.router->Route(ThreadIn(5));
  EXPECT_EQ(r.kind, Kind::kUnavailable);
  EXPECT_NE(r.why.find("being assigned to this instance"), std::string::npos) << r.why;
  h.table.Assigned({{kTopic, 5}}, std::chrono::system_clock::now());
  EXPECT_EQ(h.router->Route(ThreadIn(5)).kind, Kind::kHere);
}

TEST(ThreadRouter, SharesALookupUntilItIsOldOrTheAssignmentChanges) {
  Harness h;
  EXPECT_EQ(h.router->Route(ThreadIn(2)).kind, Kind::kOwner);
  EXPECT_EQ(h.router->Route(ThreadIn(3)).kind, Kind::kOwner);
  EXPECT_EQ(h.router->Route(ThreadIn(0)).kind, Kind::kHere);  // held: no lookup at all
  EXPECT_EQ(h.describes, 1);

  // B's partitions move to C: seen once the answer is old.
  h.group.members[1].assignment.clear();
  h.group.members[2] = Member(AdvertisingClientId("tidings-store", "10.0.0.3:9476"), {2, 3, 4});
  EXPECT_EQ(h.router->Route(ThreadIn(2)).owner, "10.0.0.2:9476");
  h.now += ThreadRouter::kOwnersMaxAge;
  EXPECT_EQ(h.router->Route(ThreadIn(2)).owner, "10.0.0.3:9476");
  EXPECT_EQ(h.describes, 2);

  // This instance's own assignment changing forces a new lookup.
  h.table.Revoked({{kTopic, 1}});
  h.group.members[0].assignment = {{kTopic, 0}};
  h.group.members[2].assignment.push_back({kTopic, 1});
  auto r = h.router->Route(ThreadIn(1));
  EXPECT_EQ(r.kind, Kind::kOwner);
  EXPECT_EQ(r.owner, "10.0.0.3:9476");
  EXPECT_EQ(h.describes, 3);
}

TEST(ThreadRouter, WithoutTheBrokersServesFromHere) {
  Harness h;
  h.count_ok = false;
  h.group_ok = false;
  auto r = h.router->Route(ThreadIn(3));
  EXPECT_EQ(r.kind, Kind::kHere);
  EXPECT_EQ(r.partition, -1);  // the partition count is not known

  // Known once, then the group alone is unreachable: the last answer, if
  // any, still routes; with none, from here.
  h.count_ok = true;
  h.now += ThreadRouter::kOwnersMaxAge;
  r = h.router->Route(ThreadIn(3));
  EXPECT_EQ(r.kind, Kind::kHere);
  EXPECT_EQ(r.partition, 3);
  h.group_ok = true;
  h.now += ThreadRouter::kOwnersMaxAge;
  EXPECT_EQ(h.router->Route(ThreadIn(3)).kind, Kind::kOwner);
  h.group_ok = false;
  h.now += ThreadRouter::kOwnersMaxAge;
  EXPECT_EQ(h.router->Route(ThreadIn(3)).owner, "10.0.0.2:9476");
}

}  // namespace
}  // namespace tidings::store
