// The store loop with a fake source and dead-letter sink: batches, offsets,
// dead letters, versions, retries of a full disk with readiness, and the
// stop on corruption.
#include "store/loop.h"

#include <deque>

#include <gtest/gtest.h>

#include "tests/unit/store/store_test_util.h"

namespace tidings::store {
namespace {

using testutil::Doc;
using testutil::FakeSource;
using testutil::TempDir;

class FakeDeadLetters : public DeadLetterSink {
 public:
  Status Write(const runtime::Message& m, ErrorCode code, const std::string&) override {
    pending.push_back({m.offset, code});
    return Status::Ok();
  }
  Status Flush() override {
    if (fail) return {ErrorCode::kKafka, "broker refused"};
    durable.insert(durable.end(), pending.begin(), pending.end());
    pending.clear();
    return Status::Ok();
  }
  std::vector<std::pair<int64_t, ErrorCode>> pending, durable;
  bool fail = false;
};

struct Harness {
  explicit Harness(const StoreOptions& so = {}) {
    auto s = Store::Open(dir.path() + "/db", so);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    store = std::move(*s);
    opts.batch_max_wait = std::chrono::milliseconds(20);
    opts.poll_timeout = std::chrono::milliseconds(1);
    opts.retry_first_delay = std::chrono::milliseconds(1);
    opts.retry_max_delay = std::chrono::milliseconds(5);
    opts.set_writable = [this](bool ok, const std::string& why) { writable.emplace_back(ok, why); };
  }
  StoreLoop Loop() { return StoreLoop(*store, source, dlq, probe, shutdown, opts); }
  double Records(const std::string& outcome) {
    for (const auto& f : registry.Collect())
      if (f.name == "tidings_store_records_total")
        for (const auto& m : f.metric)
          for (const auto& l : m.label)
            if (l.name == "outcome" && l.value == outcome) return m.counter.value;
    return 0;
  }

  TempDir dir;
  std::unique_ptr<Store> store;
  FakeSource source;
  FakeDeadLetters dlq;
  prometheus::Registry registry;
  StoreProbe probe{registry};
  runtime::Shutdown shutdown;
  LoopOptions opts;
  std::vector<std::pair<bool, std::string>> writable;
};

TEST(StoreLoop, StoresABatchWithItsOffsetsAndDeadLettersTheRest) {
  Harness h;
  h.source.Add(Doc("a1", 1), 0);
  h.source.Add("not a protobuf \xff\xff", 0);
  h.source.Add(Doc("a2", 1), 1);
  h.source.Add(v1::EnrichedDocument().SerializeAsString(), 1);  // no id
  auto loop = h.Loop();
  ASSERT_TRUE(loop.RunOnce().ok());
  EXPECT_TRUE(h.store->Get("a1")->has_value());
  EXPECT_TRUE(h.store->Get("a2")->has_value());
  EXPECT_EQ(h.store->NextOffset("enriched", 0)->value_or(-1), 2);
  EXPECT_EQ(h.store->NextOffset("enriched", 1)->value_or(-1), 2);
  ASSERT_EQ(h.dlq.durable.size(), 2u);
  EXPECT_EQ(h.dlq.durable[0].second, ErrorCode::kInvalidProtobuf);
  ASSERT_EQ(h.source.stored.size(), 1u);
  EXPECT_EQ(h.source.stored[0].size(), 2u);
  EXPECT_EQ(h.Records("stored"), 2);
  EXPECT_EQ(h.Records("dead_letter"), 2);
  EXPECT_TRUE(h.writable.empty());  // never failed: the condition is never set
}

// A quiet stream is written at once: the batch closes when nothing more is
// buffered, not when batch_max_wait has passed (which here never would).
TEST(StoreLoop, ABatchClosesWhenNothingMoreIsBuffered) {
  Harness h;
  h.opts.batch_max_wait = std::chrono::hours(1);
  h.opts.poll_timeout = std::chrono::milliseconds(50);
  h.source.Add(Doc("a1", 1));
  h.source.Add(Doc("a2", 1));
  auto loop = h.Loop();
  ASSERT_TRUE(loop.RunOnce().ok());
  EXPECT_TRUE(h.store->Get("a2")->has_value());
  ASSERT_EQ(h.source.stored.size(), 1u);
  // The first poll waits for a record; once the batch has one, polls only
  // take what is buffered, and the first that finds nothing ends the batch.
  EXPECT_EQ(h.source.poll_timeouts, (std::vector<int>{50, 0, 0}));
}

TEST(StoreLoop, ADeadLetterNotWrittenStopsBeforeItsOffsetIsStored) {
  Harness h;
  h.source.Add(Doc("a1", 1));
  h.source.Add("garbage");
  h.dlq.fail = true;
  auto loop = h.Loop();
  Status st = loop.RunOnce();
  EXPECT_FALSE(st.ok());
  EXPECT_FALSE(h.store->NextOffset("enriched", 0)->has_value());
  EXPECT_FALSE(h.store->Get("a1")->has_value());
}

// The enriched topic holds C v2 and then the deferred copy of C v1.
TEST(StoreLoop, ALowerVersionAfterAHigherOneIsCountedStale) {
  Harness h;
  h.source.Add(Doc("a1", 1));
  h.source.Add(Doc("c1", 2, "v2", "a1"));
  auto loop = h.Loop();
  ASSERT_TRUE(loop.RunOnce().ok());
  h.source.Add(Doc("c1", 1, "v1", "a1"));
  ASSERT_TRUE(loop.RunOnce().ok());
  EXPECT_EQ((*h.store->Get("c1"))->document().text(), "v2");
  EXPECT_EQ(h.store->NextOffset("enriched", 0)->value_or(-1), 3);
  EXPECT_EQ(h.Records("stale"), 1);
  EXPECT_EQ(h.Records("stored"), 2);
}

TEST(StoreLoop, ADiskFullIsRetriedNotReadyUntilAWriteSucceeds) {
  testutil::FaultEnv fault;
  StoreOptions so;
  so.env = fault.env.get();
  Harness h(so);
  int failures_seen = 0;
  h.opts.set_writable = [&](bool ok, const std::string& why) {
    h.writable.emplace_back(ok, why);
    if (!ok) ++failures_seen;
  };
  auto loop = h.Loop();
  h.source.Add(Doc("a1", 1));
  ASSERT_TRUE(loop.RunOnce().ok());
  fault.fs->no_space = true;
  h.source.Add(Doc("a2", 1));
  // Space is freed while the loop retries (after a few attempts).
  std::thread freer([&] {
    while (h.probe.Errors(ErrorKind::kNoSpace) < 3) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    fault.fs->no_space = false;
  });
  Status st = loop.RunOnce();
  freer.join();
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_TRUE(h.store->Get("a2")->has_value());
  EXPECT_EQ(h.store->NextOffset("enriched", 0)->value_or(-1), 2);
  ASSERT_EQ(h.writable.size(), 2u);
  EXPECT_FALSE(h.writable[0].first);
  EXPECT_NE(h.writable[0].second.find("NoSpace"), std::string::npos) << h.writable[0].second;
  EXPECT_TRUE(h.writable[1].first);
  EXPECT_GE(h.probe.Errors(ErrorKind::kNoSpace), 3);
}

TEST(StoreLoop, ShutdownWhileRetryingIsAnError) {
  testutil::FaultEnv fault;
  StoreOptions so;
  so.env = fault.env.get();
  Harness h(so);
  auto loop = h.Loop();
  fault.fs->no_space = true;
  h.source.Add(Doc("a1", 1));
  std::thread stopper([&] {
    while (h.probe.Errors(ErrorKind::kNoSpace) < 2) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    h.shutdown.Request();
  });
  Status st = loop.RunOnce();
  stopper.join();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("stopped while the store could not be written"), std::string::npos) << st.message();
  fault.fs->no_space = false;  // let the store close cleanly
}

TEST(StoreLoop, CorruptionStopsWithOneClearLine) {
  testutil::FaultEnv fault;
  StoreOptions so;
  so.env = fault.env.get();
  Harness h(so);
  auto loop = h.Loop();
  fault.fs->corrupt = true;
  h.source.Add(Doc("a1", 1));
  Status st = loop.RunOnce();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message().rfind("store corrupted, stopping", 0), 0u) << st.message();
  EXPECT_NE(st.message().find("code=Corruption"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("000042.log"), std::string::npos) << st.message();
  EXPECT_EQ(st.message().find('\n'), std::string::npos);
  EXPECT_EQ(h.probe.Errors(ErrorKind::kCorruption), 1);
  fault.fs->corrupt = false;
}

}  // namespace
}  // namespace tidings::store
