// StageHealth (runtime/stage.h): lag from committed offsets, the age of the
// last commit, and the /readyz conditions, over a fake source.
#include <gtest/gtest.h>

#include "runtime/stage.h"
#include "tests/unit/runtime/fake_stage_io.h"

namespace tidings::runtime {
namespace {

using namespace std::chrono_literals;
using fake::FakeCluster;
using fake::FakeSource;
using fake::StageHarness;

class StageHealthTest : public ::testing::Test {
 protected:
  StageHealthTest() : h({"--ready_max_commit_age_ms=5000", "--ready_max_lag=100"}), src(h.cluster()) {
    for (int i = 0; i < 10; ++i) h.cluster().Append("in", 0, "k", "v");
    h.cluster().committed[{"in", 0}] = 4;
    src.Assign({{"in", 0, -1001}});
  }
  std::string Why() {
    std::string why;
    return h.ctx().Ready(&why) ? "" : why;
  }

  StageHarness h;
  FakeSource src;
  StageHealth::Clock::time_point t0 = StageHealth::Clock::now();
};

TEST_F(StageHealthTest, LagIsFromTheCommittedOffsetNotTheReadPosition) {
  StageHealth health(h.ctx(), "test", t0);
  ASSERT_TRUE(src.Seek({{"in", 0, 10}}, 0).ok());  // everything read, 4 committed
  ASSERT_TRUE(health.Update(src, t0, true));
  EXPECT_EQ(health.total_lag(), 6);
  EXPECT_EQ(h.Metric("tidings_consumer_lag_records", "topic", "in"), 6);
  EXPECT_EQ(Why(), "");
  health.Committed({{"in", 0, 10}}, t0 + 1s);
  health.Update(src, t0 + 2s);
  EXPECT_EQ(health.total_lag(), 0);
  EXPECT_EQ(h.Metric("tidings_consumer_lag_records", "topic", "in"), 0);
}

TEST_F(StageHealthTest, NothingCommittedYetCountsEverythingRetained) {
  h.cluster().committed.clear();
  StageHealth health(h.ctx(), "test", t0);
  health.Update(src, t0, true);
  EXPECT_EQ(health.total_lag(), 10);
}

TEST_F(StageHealthTest, UpdatesAtMostOnceASecond) {
  StageHealth health(h.ctx(), "test", t0);
  EXPECT_TRUE(health.Update(src, t0 + 1s));
  EXPECT_FALSE(health.Update(src, t0 + 1500ms));
  EXPECT_TRUE(health.Update(src, t0 + 2s));
}

TEST_F(StageHealthTest, NotReadyWithoutPartitions) {
  StageHealth health(h.ctx(), "test", t0);
  health.Update(src, t0, true);
  EXPECT_EQ(Why(), "");
  src.Revoke({{"in", 0, -1001}});
  health.Revoked({{"in", 0, -1001}}, true);
  EXPECT_NE(Why().find("no partitions assigned"), std::string::npos) << Why();
  health.Update(src, t0 + 1s, true);
  EXPECT_NE(Why().find("no partitions assigned"), std::string::npos) << Why();
  EXPECT_EQ(h.Metric("tidings_consumer_lag_records", "topic", "in"), -1);  // the series went with it
  src.Assign({{"in", 0, -1001}});
  health.Assigned({{"in", 0, -1001}});
  health.Update(src, t0 + 2s, true);
  EXPECT_EQ(Why(), "");
}

TEST_F(StageHealthTest, NotReadyWhileTheBrokersAreUnreachable) {
  StageHealth health(h.ctx(), "test", t0);
  h.cluster().broker_trouble = "all brokers down";
  health.Update(src, t0, true);
  EXPECT_NE(Why().find("brokers unreachable: all brokers down"), std::string::npos) << Why();
  h.cluster().broker_trouble = "";
  health.Update(src, t0 + 1s);
  EXPECT_EQ(Why(), "");
}

TEST_F(StageHealthTest, NotReadyWhenNoCommitForTooLongWithInputWaiting) {
  StageHealth health(h.ctx(), "test", t0);
  health.Update(src, t0 + 4s);
  EXPECT_EQ(Why(), "");
  health.Update(src, t0 + 6s);
  EXPECT_NE(Why().find("no commit for 6 s with 6 records waiting"), std::string::npos) << Why();
  EXPECT_EQ(h.Metric("tidings_stage_last_commit_age_seconds", "stage", "test"), 6);
  health.Committed({{"in", 0, 8}}, t0 + 7s);
  health.Update(src, t0 + 8s);
  EXPECT_EQ(Why(), "");
  EXPECT_EQ(h.Metric("tidings_stage_last_commit_age_seconds", "stage", "test"), 1);
}

TEST_F(StageHealthTest, AnIdleStageWithNothingWaitingStaysReady) {
  h.cluster().committed[{"in", 0}] = 10;
  StageHealth health(h.ctx(), "test", t0);
  health.Update(src, t0 + 1h);
  EXPECT_EQ(Why(), "");
}

TEST_F(StageHealthTest, NotReadyOverTheLagLimit) {
  for (int i = 0; i < 200; ++i) h.cluster().Append("in", 0, "k", "v");
  StageHealth health(h.ctx(), "test", t0);
  health.Update(src, t0, true);
  EXPECT_NE(Why().find("consumer lag 206"), std::string::npos) << Why();
}

}  // namespace
}  // namespace tidings::runtime
