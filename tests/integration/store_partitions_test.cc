// Two tidings-store instances in one consumer group on the 6-partition
// enriched topic (issue 13 item 5): they split the partitions, each
// document is stored by exactly one of them, each answers GET
// /v1/partitions with its view, and a thread asked of the instance that
// does not hold its partition is a 307 to the one that does. When one
// stops, the other takes its partitions and replays them from the
// beginning of the topic; when it comes back, it resumes the partitions it
// held from its own stored offsets.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "runtime/kafka.h"
#include "store/store.h"
#include "tests/integration/broker_env.h"
#include "tests/integration/stack_util.h"

namespace tidings {
namespace {

using namespace std::chrono_literals;

constexpr int32_t kPartitions = 6;  // tidings.enriched in runtime::StandardTopics

// One partition in an instance's GET /v1/partitions.
struct View {
  bool held = false;
  std::string start_offset, first_offset, next_offset;  // as in the JSON ("null" or a number)
};

// GET /v1/partitions of the instance whose API port is `port`; empty when
// it does not answer.
std::map<int32_t, View> Partitions(int port) {
  std::string body;
  std::map<int32_t, View> out;
  if (testing::HttpGet(port, "/v1/partitions", &body) != 200) return out;
  static const std::regex kPart(
      "\\{\"partition\":([0-9]+),\"held\":(true|false),\"assigned_at\":(null|\"[^\"]*\"),"
      "\"start_offset\":(null|[0-9]+),\"first_offset\":(null|[0-9]+),\"next_offset\":(null|[0-9]+)");
  for (std::sregex_iterator it(body.begin(), body.end(), kPart), end; it != end; ++it)
    out[std::stoi((*it)[1])] = {(*it)[2] == "true", (*it)[4], (*it)[5], (*it)[6]};
  return out;
}

std::set<int32_t> Held(const std::map<int32_t, View>& v) {
  std::set<int32_t> out;
  for (const auto& [p, s] : v)
    if (s.held) out.insert(p);
  return out;
}

// Whether the two instances' views (*a, *b, read now) hold disjoint,
// non-empty sets of partitions that cover the topic: the group's settled
// split between two members. (A member that has just joined holds nothing
// until the others have given partitions up: not settled yet.)
bool Split(int port_a, int port_b, std::map<int32_t, View>* a, std::map<int32_t, View>* b) {
  *a = Partitions(port_a);
  *b = Partitions(port_b);
  const auto ha = Held(*a), hb = Held(*b);
  if (ha.empty() || hb.empty() || ha.size() + hb.size() != static_cast<size_t>(kPartitions)) return false;
  std::set<int32_t> all(ha.begin(), ha.end());
  all.insert(hb.begin(), hb.end());
  return all.size() == static_cast<size_t>(kPartitions);
}

std::set<std::string> StoredIds(const std::string& db) {
  std::set<std::string> ids;
  auto s = store::Store::OpenReadOnly(db);
  if (!s.ok()) return ids;
  (void)(*s)->ScanAll([&](const v1::EnrichedDocument& d) { return ids.insert(d.document().id()), true; });
  return ids;
}

int ApiPort(const std::string& dir) { return std::atoi(testing::ReadFile(dir + "/api.port").c_str()); }

// The value of response header `name` in HttpGet's headers.
std::string HeaderValue(const std::string& headers, const std::string& name) {
  const auto at = headers.find(name + ": ");
  if (at == std::string::npos) return "";
  const auto from = at + name.size() + 2;
  return headers.substr(from, headers.find("\r\n", from) - from);
}

v1::EnrichedDocument Doc(const std::string& id, const std::string& thread) {
  v1::EnrichedDocument d;
  d.mutable_document()->set_id(id);
  d.mutable_document()->set_kind(id == thread ? "article" : "comment");
  if (id != thread) {
    d.mutable_document()->set_thread_id(thread);
    d.mutable_document()->set_parent_id(thread);
  }
  d.mutable_document()->set_text("text of " + id);
  d.mutable_document()->set_published_at("2016-10-20T09:00:00Z");
  d.mutable_document()->mutable_ingest()->set_version(1);
  return d;
}

TEST(StorePartitions, TwoInstancesSplitThePartitionsStoreOnceAndRouteThreads) {
  TIDINGS_REQUIRE_BROKER(brokers);
  const std::string prefix = testing::UniquePrefix();
  ASSERT_TRUE(testing::CreateTopics(brokers, prefix).ok());
  testing::TempDir dir;
  const std::string dir_a = dir.path() + "/a", dir_b = dir.path() + "/b";
  std::filesystem::create_directories(dir_a);
  std::filesystem::create_directories(dir_b);
  // Both join the group prefix + "store" (DaemonProcess's group id).
  const std::vector<std::string> opts = {"--batch_max_records", "20"};
  testing::DaemonProcess a("store", brokers, prefix, dir_a, opts), b("store", brokers, prefix, dir_b, opts);
  std::string why;
  ASSERT_TRUE(a.Start());
  ASSERT_TRUE(a.WaitReady(90s, &why)) << why;
  ASSERT_TRUE(b.Start());
  ASSERT_TRUE(b.WaitReady(90s, &why)) << why;
  const int api_a = ApiPort(dir_a), api_b = ApiPort(dir_b);
  ASSERT_GT(api_a, 0);
  ASSERT_GT(api_b, 0);
  std::map<int32_t, View> view_a, view_b;
  ASSERT_TRUE(testing::WaitUntil([&] { return Split(api_a, api_b, &view_a, &view_b); }, 90s))
      << "a holds " << Held(view_a).size() << ", b " << Held(view_b).size() << "\n"
      << a.Log() << b.Log();
  const std::set<int32_t> held_a = Held(view_a), held_b = Held(view_b);

  // 40 threads of an article and two comments, keyed by thread id as the
  // enricher keys them, with the enricher's producer settings.
  runtime::KafkaOptions ko;
  ko.brokers = brokers;
  auto producer = runtime::Producer::Create(ko);
  ASSERT_TRUE(producer.ok());
  std::map<std::string, int32_t> partition_of;  // document id -> partition written to
  std::map<int32_t, int64_t> records;            // partition -> records
  std::map<std::string, std::string> thread_of;
  std::mutex mu;
  for (int t = 0; t < 40; ++t) {
    const std::string thread = "th" + std::to_string(t);
    for (const std::string& id : {thread, thread + "-c1", thread + "-c2"}) {
      thread_of[id] = thread;
      ASSERT_TRUE((*producer)
                      ->Produce(prefix + "tidings.enriched", thread, Doc(id, thread).SerializeAsString(), {},
                                [&, id](const Status& st, int32_t p, int64_t) {
                                  EXPECT_TRUE(st.ok()) << st.ToString();
                                  std::lock_guard lock(mu);
                                  partition_of[id] = p;
                                  ++records[p];
                                })
                      .ok());
    }
  }
  ASSERT_TRUE((*producer)->Flush(30000).ok());
  ASSERT_EQ(partition_of.size(), 120u);

  // Each document is stored by the instance holding its partition, and by
  // that one only.
  ASSERT_TRUE(testing::WaitUntil(
      [&] { return StoredIds(dir_a + "/db").size() + StoredIds(dir_b + "/db").size() >= partition_of.size(); },
      120s))
      << a.Log() << b.Log();
  const auto ids_a = StoredIds(dir_a + "/db"), ids_b = StoredIds(dir_b + "/db");
  EXPECT_EQ(ids_a.size() + ids_b.size(), partition_of.size());
  for (const auto& [id, p] : partition_of) {
    EXPECT_EQ(ids_a.count(id) + ids_b.count(id), 1u) << id;
    EXPECT_EQ(ids_a.count(id), held_a.count(p)) << id << " in partition " << p;
  }
  // The views show what each stored: from the first record of the
  // partition to its end. (Read until the view of the last batch is in.)
  auto caught_up = [&](int port, const std::set<int32_t>& held, std::map<int32_t, View>* view) {
    *view = Partitions(port);
    for (int32_t p : held)
      if (records.count(p) && (*view)[p].next_offset != std::to_string(records[p])) return false;
    return !view->empty();
  };
  ASSERT_TRUE(testing::WaitUntil([&] { return caught_up(api_a, held_a, &view_a); }, 30s));
  ASSERT_TRUE(testing::WaitUntil([&] { return caught_up(api_b, held_b, &view_b); }, 30s));
  for (const auto& [p, v] : view_a) {
    if (!held_a.count(p)) {
      EXPECT_EQ(v.next_offset, "null") << p;  // listed (a held it at first), nothing stored
      continue;
    }
    EXPECT_EQ(v.start_offset, "null") << p;  // a fresh store starts each partition at the beginning
    EXPECT_EQ(v.first_offset, records.count(p) ? "0" : "null") << p;
  }

  // Routing: a thread of b's partition asked of a is a 307 to b, and b
  // answers it; and the other way round.
  auto thread_in = [&](const std::set<int32_t>& held) {
    for (const auto& [id, p] : partition_of)
      if (held.count(p) && thread_of[id] == id) return id;
    return std::string();
  };
  const std::string of_b = thread_in(held_b), of_a = thread_in(held_a);
  ASSERT_FALSE(of_b.empty());
  ASSERT_FALSE(of_a.empty());
  std::string body, headers;
  ASSERT_EQ(testing::HttpGet(api_a, "/v1/threads/" + of_b, &body, &headers), 307) << body;
  const std::string owner_b = "127.0.0.1:" + std::to_string(api_b);
  EXPECT_EQ(HeaderValue(headers, "Location"), "http://" + owner_b + "/v1/threads/" + of_b) << headers;
  EXPECT_NE(body.find("\"owner\":\"" + owner_b + "\""), std::string::npos) << body;
  EXPECT_NE(body.find("\"partition\":" + std::to_string(partition_of[of_b])), std::string::npos) << body;
  ASSERT_EQ(testing::HttpGet(api_b, "/v1/threads/" + of_b, &body), 200) << body;
  EXPECT_NE(body.find("\"thread_id\":\"" + of_b + "\""), std::string::npos);
  EXPECT_NE(body.find(of_b + "-c2"), std::string::npos);
  ASSERT_EQ(testing::HttpGet(api_b, "/v1/threads/" + of_a, &body, &headers), 307) << body;
  EXPECT_EQ(HeaderValue(headers, "Location"), "http://127.0.0.1:" + std::to_string(api_a) + "/v1/threads/" + of_a);
  EXPECT_EQ(testing::HttpGet(api_a, "/v1/threads/" + of_a), 200);

  // b stops: a takes its partitions and replays them from the beginning of
  // the topic (it never held them), then answers b's threads itself.
  b.child().Signal(SIGTERM);
  ASSERT_EQ(b.child().Wait(30s), 0) << b.Log();
  ASSERT_TRUE(testing::WaitUntil([&] { return Held(Partitions(api_a)).size() == kPartitions; }, 90s)) << a.Log();
  ASSERT_TRUE(testing::WaitUntil([&] { return StoredIds(dir_a + "/db").size() == partition_of.size(); }, 120s))
      << a.Log();
  ASSERT_TRUE(testing::WaitUntil([&] { return caught_up(api_a, held_b, &view_a); }, 30s));
  for (const auto& [p, v] : view_a) {
    if (!held_b.count(p) || !records.count(p)) continue;
    EXPECT_EQ(v.start_offset, "null") << p;
    EXPECT_EQ(v.first_offset, "0") << p;
  }
  ASSERT_EQ(testing::HttpGet(api_a, "/v1/threads/" + of_b, &body), 200) << body;

  // b comes back: it lists what its store holds, resumes each partition it
  // held before from its own stored offset, and replays from the beginning
  // only those it never held: it writes no document of its old partitions
  // again.
  ASSERT_TRUE(b.Start());
  ASSERT_TRUE(b.WaitReady(90s, &why)) << why;
  const int api_b2 = ApiPort(dir_b);
  std::map<int32_t, View> view_a2, view_b2;
  ASSERT_TRUE(testing::WaitUntil([&] { return Split(api_a, api_b2, &view_a2, &view_b2); }, 90s))
      << a.Log() << b.Log();
  for (const auto& [p, before] : view_b) EXPECT_TRUE(view_b2.count(p)) << "b forgot partition " << p;
  std::set<std::string> expect_b = ids_b;
  size_t replayed = 0;
  for (const auto& [p, v] : view_b2) {
    auto before = view_b.find(p);
    if (before == view_b.end()) {
      EXPECT_TRUE(v.held) << p;
      EXPECT_EQ(v.start_offset, "null") << p;  // never held: from the beginning
      for (const auto& [id, q] : partition_of)
        if (q == p) replayed += expect_b.insert(id).second;
      continue;
    }
    EXPECT_EQ(v.first_offset, before->second.first_offset) << p;
    if (v.held) {
      EXPECT_EQ(v.start_offset, before->second.next_offset) << p;  // its own offset
    }
  }
  ASSERT_TRUE(testing::WaitUntil([&] { return StoredIds(dir_b + "/db") == expect_b; }, 120s)) << b.Log();
  ASSERT_TRUE(testing::WaitUntil(
      [&] { return b.Metric("tidings_store_records_total", "outcome=\"stored\"") >= static_cast<double>(replayed); },
      30s));
  EXPECT_EQ(b.Metric("tidings_store_records_total", "outcome=\"stored\""), static_cast<double>(replayed));
  const std::string again = thread_in(Held(view_b2));
  ASSERT_FALSE(again.empty());
  EXPECT_EQ(testing::HttpGet(api_a, "/v1/threads/" + again), 307);

  for (auto* d : {&a, &b}) {
    d->child().Signal(SIGTERM);
    EXPECT_EQ(d->child().Wait(30s), 0) << d->Log();
  }
}

}  // namespace
}  // namespace tidings
