// The bad-input battery (tests/data/ingest/battery) against the running
// stack: tidings-ingest, tidings-enrich and tidings-store on the real broker.
// Good documents go in before and after the battery. Afterwards every
// battery record is accounted for exactly once, by its source coordinates:
// a dead letter from ingest with the expected code, or one document on
// tidings.documents that is enriched and stored; the good documents after
// the battery are stored (no record stalled a stage); every daemon is still
// running and answers /healthz (issue 11, acceptance).
#include <gtest/gtest.h>
#include <signal.h>

#include <map>
#include <mutex>
#include <set>
#include <tuple>

#include "runtime/dead_letter.h"
#include "runtime/kafka.h"
#include "store/store.h"
#include "tests/integration/stack_util.h"
#include "tests/support/battery.h"

namespace tidings {
namespace {

using namespace std::chrono_literals;
using testing::BatteryCase;

// Where a record landed: topic, partition, offset.
using Coords = std::tuple<std::string, int32_t, int64_t>;

std::string Show(const Coords& c) {
  return std::get<0>(c) + "/" + std::to_string(std::get<1>(c)) + "@" + std::to_string(std::get<2>(c));
}

std::vector<runtime::Message> ReadTopic(const std::string& brokers, const std::string& topic) {
  runtime::KafkaOptions ko;
  ko.brokers = brokers;
  std::vector<runtime::Message> out;
  Status s = runtime::ReadTopic(ko, topic, [&](const runtime::Message& m) { return out.push_back(m), true; }, 30000);
  EXPECT_TRUE(s.ok()) << topic << ": " << s.ToString();
  return out;
}

// Good documents: an article and two comments under it per round.
std::vector<std::tuple<std::string, std::string, std::string>> GoodDocs(const std::string& tag) {
  std::vector<std::tuple<std::string, std::string, std::string>> out;  // topic, key, value
  for (int i = 0; i < 3; ++i) {
    const std::string a = "good-" + tag + "-a" + std::to_string(i);
    out.emplace_back("tidings.raw.articles", a,
                     R"({"id": ")" + a + R"(", "kind": "article", "published_at": "2016-12-20T09:00:00Z", )"
                     R"("text": "Russian and Syrian forces took eastern Aleppo on 20 December 2016."})");
    for (int c = 0; c < 2; ++c) {
      const std::string id = a + "-c" + std::to_string(c);
      out.emplace_back("tidings.raw.comments", a,
                       R"({"id": ")" + id + R"(", "kind": "comment", "thread_id": ")" + a + R"(", "parent_id": ")" + a +
                           R"(", "text": "Spot on. Assad could not have done it without Putin."})");
    }
  }
  return out;
}

class BatteryStack : public ::testing::Test {
 protected:
  void SetUp() override {
    brokers_ = testing::TestBrokers();
    if (brokers_.empty()) GTEST_SKIP() << "TIDINGS_TEST_BROKERS not set (run through ctest)";
    auto cases = testing::LoadBattery(testing::BatteryDir());
    ASSERT_TRUE(cases.ok()) << cases.status().ToString();
    cases_ = std::move(cases).value();
    prefix_ = testing::UniquePrefix();
    ASSERT_TRUE(testing::CreateTopics(brokers_, prefix_).ok());
    // The shipped limits and defaults, but for how long a comment waits for
    // a parent that never comes (a comment that is its own parent, a cycle).
    ingest_ = std::make_unique<testing::DaemonProcess>("ingest", brokers_, prefix_, dir_.path());
    enrich_ = std::make_unique<testing::DaemonProcess>("enrich", brokers_, prefix_, dir_.path(),
                                                       std::vector<std::string>{"--parent_wait_ms", "2000"});
    store_ = std::make_unique<testing::DaemonProcess>("store", brokers_, prefix_, dir_.path());
    std::string why;
    for (auto* d : Daemons()) ASSERT_TRUE(d->Start());
    for (auto* d : Daemons()) ASSERT_TRUE(d->WaitReady(90s, &why)) << why;
  }

  std::vector<testing::DaemonProcess*> Daemons() { return {ingest_.get(), enrich_.get(), store_.get()}; }

  // Sends one record; its coordinates land in *where once acknowledged.
  void Send(runtime::Producer& p, const std::string& topic, const std::string& key, std::string_view value,
            const std::vector<runtime::Header>& headers, Coords* where) {
    const std::string full = prefix_ + topic;
    Status s = p.Produce(full, key, value, headers, [this, full, where](const Status& st, int32_t part, int64_t off) {
      std::lock_guard lock(mu_);
      if (st.ok()) *where = {full, part, off};
      else send_errors_.push_back(full + ": " + st.ToString());
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // The stored documents among `ids` (one read-only view of the store).
  std::map<std::string, v1::EnrichedDocument> Stored(const std::vector<std::string>& ids) {
    std::map<std::string, v1::EnrichedDocument> out;
    auto s = store::Store::OpenReadOnly(dir_.path() + "/db");
    if (!s.ok()) return out;
    for (const auto& id : ids)
      if (auto d = (*s)->Get(id); d.ok() && d->has_value()) out.emplace(id, **d);
    return out;
  }

  // Documents ingest published, by the coordinates of the raw record they
  // came from: id, one entry per copy.
  std::map<Coords, std::vector<std::string>> Published() {
    std::map<Coords, std::vector<std::string>> out;
    for (const auto& m : ReadTopic(brokers_, prefix_ + "tidings.documents")) {
      v1::Document d;
      EXPECT_TRUE(d.ParseFromString(m.value)) << "an unreadable document at offset " << m.offset;
      out[{d.ingest().source_topic(), d.ingest().source_partition(), d.ingest().source_offset()}].push_back(d.id());
    }
    return out;
  }

  void CheckDeadLetter(const BatteryCase& c, const v1::DeadLetter& dl);
  void CheckAccounting(const std::vector<Coords>& case_at);

  std::string brokers_, prefix_;
  testing::TempDir dir_;
  std::vector<BatteryCase> cases_;
  std::unique_ptr<testing::DaemonProcess> ingest_, enrich_, store_;
  std::mutex mu_;
  std::vector<std::string> send_errors_;
  size_t good_docs_ = 0;  // good documents sent around the battery
};

// The dead letter of `c` carries the expected code, its key and its bytes
// (both cut to the dead-letter bounds of runtime/dead_letter.h).
void BatteryStack::CheckDeadLetter(const BatteryCase& c, const v1::DeadLetter& dl) {
  EXPECT_EQ(dl.stage(), "ingest") << c.Describe();
  EXPECT_EQ(dl.error_code(), c.ExpectedCode()) << c.Describe() << ": " << dl.message();
  EXPECT_FALSE(dl.message().empty()) << c.Describe();
  EXPECT_FALSE(dl.minimal()) << c.Describe();
  if (c.key.size() <= runtime::kMaxDeadLetterKeyBytes) {
    EXPECT_EQ(dl.original_key(), c.key) << c.Describe();
  } else {
    EXPECT_TRUE(dl.original_key_truncated()) << c.Describe();
    EXPECT_EQ(dl.original_key_size(), c.key.size()) << c.Describe();
    EXPECT_EQ(dl.original_key(), c.key.substr(0, dl.original_key().size())) << c.Describe();
  }
  if (!dl.original_truncated()) {
    EXPECT_EQ(dl.original(), c.value) << c.Describe();
  } else {
    EXPECT_EQ(dl.original_size(), c.value.size()) << c.Describe();
    EXPECT_EQ(dl.original(), c.value.substr(0, dl.original().size())) << c.Describe();
  }
}

// Each case exactly once: a dead letter from ingest with its code, or one
// published document that is stored (and was not dead-lettered downstream).
void BatteryStack::CheckAccounting(const std::vector<Coords>& case_at) {
  size_t want_dead = 0, want_published = 0;
  for (const auto& c : cases_) (c.ExpectsPublished() ? want_published : want_dead)++;
  std::map<Coords, std::vector<std::string>> published;
  std::vector<runtime::Message> dlq;
  const std::set<Coords> sent(case_at.begin(), case_at.end());
  // Read until every record has come out of ingest one way or the other.
  testing::WaitUntil(
      [&] {
        published = Published();
        dlq = ReadTopic(brokers_, prefix_ + "tidings.dlq");
        return published.size() + dlq.size() >= cases_.size() + good_docs_;
      },
      60s);
  std::map<Coords, std::vector<v1::DeadLetter>> dead;  // by the raw record's coordinates
  std::set<std::string> dead_downstream;              // document ids dead-lettered by enrich or store
  for (const auto& m : dlq) {
    v1::DeadLetter dl;
    ASSERT_TRUE(dl.ParseFromString(m.value)) << "an unreadable dead letter at offset " << m.offset;
    const Coords at{dl.source_topic(), dl.source_partition(), dl.source_offset()};
    if (dl.stage() == "ingest") {
      EXPECT_TRUE(sent.count(at)) << "a dead letter for a record that is not a battery case (" << Show(at)
                                  << "): " << dl.error_code() << ": " << dl.message();
      dead[at].push_back(dl);
    } else {
      ADD_FAILURE() << "a dead letter from " << dl.stage() << " for document '" << dl.document_id()
                    << "': " << dl.error_code() << ": " << dl.message();
      dead_downstream.insert(dl.document_id());
    }
  }
  std::vector<std::string> ids;  // of the published cases, to find them in the store
  for (const auto& at : case_at)
    for (const auto& id : published[at]) ids.push_back(id);
  std::map<std::string, v1::EnrichedDocument> stored;
  testing::WaitUntil([&] { return (stored = Stored(ids)).size() >= ids.size(); }, 90s);

  size_t accounted = 0;
  for (size_t i = 0; i < cases_.size(); ++i) {
    const BatteryCase& c = cases_[i];
    const Coords& at = case_at[i];
    const auto& dls = dead[at];
    const auto& docs = published[at];
    if (c.ExpectsPublished()) {
      EXPECT_TRUE(docs.size() == 1 && dls.empty())
          << c.Describe() << " at " << Show(at) << ": published " << docs.size() << " times, dead-lettered "
          << dls.size() << " times" << (dls.empty() ? "" : " (" + dls[0].error_code() + ": " + dls[0].message() + ")");
      if (docs.size() != 1) continue;
      auto it = stored.find(docs[0]);
      EXPECT_TRUE(it != stored.end()) << c.Describe() << ": document '" << docs[0] << "' is not in the store";
      EXPECT_FALSE(dead_downstream.count(docs[0])) << c.Describe() << ": dead-lettered after ingest";
      if (it == stored.end()) continue;
      const auto& in = it->second.document().ingest();
      EXPECT_EQ(Coords(in.source_topic(), in.source_partition(), in.source_offset()), at)
          << c.Describe() << ": the store holds document '" << docs[0] << "' from another record";
      // Also a comment whose parent never came is enriched in the end.
      if (it->second.document().kind() == "comment") {
        EXPECT_TRUE(it->second.has_reply_stance()) << c.Describe() << ": a comment stored without reply_stance";
      }
      ++accounted;
    } else {
      EXPECT_TRUE(dls.size() == 1 && docs.empty())
          << c.Describe() << " at " << Show(at) << ": dead-lettered " << dls.size() << " times, published "
          << docs.size() << " times; expected " << c.expect;
      if (dls.size() != 1) continue;
      CheckDeadLetter(c, dls[0]);
      accounted += dls[0].error_code() == c.ExpectedCode();
    }
  }
  EXPECT_EQ(accounted, cases_.size()) << "battery records not accounted for as expected (see the failures above; "
                                      << want_dead << " dead letters and " << want_published
                                      << " documents expected)";
}

TEST_F(BatteryStack, EveryRecordIsAccountedForAndNoDaemonStallsOrExits) {
  ASSERT_GE(cases_.size(), 75u);
  runtime::KafkaOptions ko;
  ko.brokers = brokers_;
  auto producer = runtime::Producer::Create(ko);
  ASSERT_TRUE(producer.ok()) << producer.status().ToString();

  const auto before = GoodDocs("before"), after = GoodDocs("after");
  const std::vector<runtime::Header> json = {{"content-type", "application/json"}};
  std::vector<Coords> good_at(before.size() + after.size()), case_at(cases_.size());
  for (size_t i = 0; i < before.size(); ++i)
    Send(**producer, std::get<0>(before[i]), std::get<1>(before[i]), std::get<2>(before[i]), json, &good_at[i]);
  ASSERT_TRUE((*producer)->Flush(60000).ok());
  for (size_t i = 0; i < cases_.size(); ++i) {
    const BatteryCase& c = cases_[i];
    // A default string_view (null data) is a null value: a tombstone.
    Send(**producer, c.topic, c.key, c.tombstone ? std::string_view() : std::string_view(c.value), c.headers,
         &case_at[i]);
  }
  ASSERT_TRUE((*producer)->Flush(120000).ok());
  for (size_t i = 0; i < after.size(); ++i)
    Send(**producer, std::get<0>(after[i]), std::get<1>(after[i]), std::get<2>(after[i]), json,
         &good_at[before.size() + i]);
  ASSERT_TRUE((*producer)->Flush(60000).ok());
  {
    std::lock_guard lock(mu_);
    ASSERT_TRUE(send_errors_.empty()) << send_errors_.front();
  }
  good_docs_ = good_at.size();
  const double records_in = static_cast<double>(cases_.size() + good_at.size());

  // No stall: ingest takes in every record, and the good documents sent
  // after the battery reach the store.
  EXPECT_TRUE(testing::WaitUntil([&] { return ingest_->Metric("tidings_ingest_records_total") >= records_in; }, 90s))
      << "ingest counted " << ingest_->Metric("tidings_ingest_records_total") << " of " << records_in
      << " records\n" << ingest_->Log();
  std::vector<std::string> good_ids;
  for (const auto* docs : {&before, &after})
    for (const auto& [topic, key, value] : *docs) {
      auto at = value.find(R"("id": ")") + 7;
      good_ids.push_back(value.substr(at, value.find('"', at) - at));
    }
  EXPECT_TRUE(testing::WaitUntil([&] { return Stored(good_ids).size() == good_ids.size(); }, 90s))
      << "the good documents after the battery were not all stored\n"
      << enrich_->Log() << store_->Log();

  CheckAccounting(case_at);

  // No record made a transaction fail (the stall of issue 11, item 1 showed
  // as one abort every 10 s).
  EXPECT_EQ(ingest_->Metric("tidings_ingest_transactions_total", "result=\"aborted\""), 0) << ingest_->Log();
  EXPECT_EQ(enrich_->Metric("tidings_enrich_transactions_total", "result=\"aborted\""), 0) << enrich_->Log();

  // No daemon exited; each still answers /healthz.
  for (auto* d : Daemons()) {
    EXPECT_TRUE(d->child().running()) << d->Log();
    EXPECT_EQ(testing::HttpGet(d->port(), "/healthz"), 200) << d->Log();
  }
  for (auto* d : Daemons()) {
    d->child().Signal(SIGTERM);
    EXPECT_EQ(d->child().Wait(30s), 0) << d->Log();
  }
}

}  // namespace
}  // namespace tidings
