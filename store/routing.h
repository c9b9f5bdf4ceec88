#pragma once
// Which tidings-store instance answers for a thread, when several share the
// input topic in one consumer group (docs/operations.md, "More than one
// store"). Each instance holds some partitions, and a thread lives in one
// partition: the enricher keys tidings.enriched by thread id. So a thread
// maps to its partition through the enricher's partitioner (the same
// function librdkafka applies to the key), and a partition this instance
// does not hold maps to the group member that does, through the API address
// every member advertises in its Kafka client id ("<client_id>@<host:port>",
// read back with the admin API's DescribeConsumerGroups). This is the
// routing of Kafka Streams' interactive queries (the key's partition, the
// group's metadata, each instance's `application.server`).
//
// The API answers a thread held elsewhere with 307 and the owner's URL
// (store/api.h). The router never sends a request on: the client follows.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/kafka.h"
#include "runtime/status.h"
#include "store/partitions.h"

namespace tidings::store {

// The client id a store's consumer joins its group with: `client_id`, '@',
// and the API address other instances send clients to.
std::string AdvertisingClientId(std::string_view client_id, std::string_view api_address);
// The API address in such a client id (after its last '@'); "" when none.
std::string AdvertisedAddress(std::string_view client_id);

struct ThreadRoute {
  enum class Kind {
    kHere,         // serve it from this instance's store
    kOwner,        // another instance holds its partition: `owner`
    kUnavailable,  // nobody can answer right now (a rebalance): `why`
  };
  Kind kind = Kind::kHere;
  int32_t partition = -1;  // -1: not known (the topic's partition count is not known)
  std::string owner;       // kOwner: host:port of the owner's API
  std::string why;         // kUnavailable
};

// Maps threads to the instance that holds them. Thread-safe (the API's
// workers call Route at the same time); a lookup of the group runs for one
// caller while the others wait for its answer.
class ThreadRouter {
 public:
  // The group and the topic as the router sees them; in the daemon, an
  // AdminClient's lookups.
  struct Seams {
    std::function<Result<runtime::GroupDescription>()> describe_group;
    std::function<Result<int32_t>()> partition_count;
    std::function<std::chrono::steady_clock::time_point()> now = [] { return std::chrono::steady_clock::now(); };
  };

  // How long a lookup of the group is used before the next: owners move
  // only in a rebalance, and this instance's own moves (the table's
  // generation) force a new lookup.
  static constexpr std::chrono::milliseconds kOwnersMaxAge{1000};

  // `table` (this instance's partitions) must outlive the router; `self` is
  // the address this instance advertises (SetSelf).
  ThreadRouter(const PartitionTable& table, runtime::KeyPartitioner partitioner, std::string self, Seams seams);

  // Where thread `thread_id` (non-empty) is answered:
  //  - kHere when this instance holds its partition, and also when the
  //    partition count or the group cannot be had (brokers unreachable: the
  //    store answers from what it has);
  //  - kOwner with the address of the member holding the partition;
  //  - kUnavailable when no member holds it (a rebalance moving it), when
  //    the group says this instance holds it before the assignment reached
  //    it, or when its holder advertises no API address.
  ThreadRoute Route(std::string_view thread_id);

  // The address this instance advertises (it may be known only once the
  // API is bound, after the router is made).
  void SetSelf(std::string self);
  std::string self() const;

 private:
  // Asks for the partition count and the owners when the last answer is
  // older than kOwnersMaxAge or this instance's assignment changed since.
  // Requires mu_.
  void Refresh();

  const PartitionTable& table_;
  const runtime::KeyPartitioner partitioner_;
  const Seams seams_;
  mutable std::mutex mu_;
  std::string self_;
  std::optional<int32_t> partitions_;
  std::optional<std::map<int32_t, std::string>> owners_;  // partition -> advertised address ("" none)
  std::chrono::steady_clock::time_point asked_{};
  std::optional<uint64_t> asked_generation_;
};

}  // namespace tidings::store
