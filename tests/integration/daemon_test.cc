// The three daemons as processes: start, report ready, serve /metrics, stop
// on SIGTERM with exit 0; bad configuration is a one-line error and exit 2.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>

#include "tests/integration/broker_env.h"

namespace tidings {
namespace {

using namespace std::chrono_literals;

class DaemonTest : public ::testing::TestWithParam<std::string> {};

TEST_P(DaemonTest, StartsReadyServesMetricsAndStopsOnSigterm) {
  TIDINGS_REQUIRE_BROKER(brokers);
  const std::string daemon = GetParam();
  const std::string prefix = testing::UniquePrefix();
  ASSERT_TRUE(testing::CreateTopics(brokers, prefix).ok());
  testing::TempDir dir;
  std::string port_file = dir.path() + "/port";
  std::vector<std::string> argv = {testing::Bin("tidings-" + daemon), "--brokers", brokers, "--topic_prefix", prefix,
                                   "--group_id", prefix + daemon, "--metrics_port", "0", "--metrics_port_file",
                                   port_file, "--transactional_id", prefix + daemon};
  if (daemon == "store") {
    argv.resize(argv.size() - 2);  // store is not transactional
    argv.insert(argv.end(), {"--db_path", dir.path() + "/db"});
  }
  if (daemon == "enrich") argv.insert(argv.end(), {"--state_dir", dir.path() + "/state"});
  testing::Child child;
  ASSERT_TRUE(child.Start(argv, dir.path() + "/log"));
  int port = 0;
  ASSERT_TRUE(testing::WaitUntil(
      [&] {
        port = std::atoi(testing::ReadFile(port_file).c_str());
        return port > 0;
      },
      30s))
      << testing::ReadFile(dir.path() + "/log");
  EXPECT_EQ(testing::HttpGet(port, "/healthz"), 200);
  ASSERT_TRUE(testing::WaitUntil([&] { return testing::HttpGet(port, "/readyz") == 200; }, 60s))
      << testing::ReadFile(dir.path() + "/log");
  std::string metrics;
  ASSERT_EQ(testing::HttpGet(port, "/metrics", &metrics), 200);
  EXPECT_NE(metrics.find("tidings_" + daemon), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("tidings_consumer_lag_records"), std::string::npos) << metrics;

  auto t0 = std::chrono::steady_clock::now();
  child.Signal(SIGTERM);
  int rc = child.Wait(20s);
  EXPECT_EQ(rc, 0) << testing::ReadFile(dir.path() + "/log");
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 10s);
  EXPECT_NE(testing::ReadFile(dir.path() + "/log").find("stopped cleanly"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(AllDaemons, DaemonTest, ::testing::Values("ingest", "enrich", "store"));

// Runs a daemon to completion and returns (exit code, output).
std::pair<int, std::string> RunToExit(const std::vector<std::string>& argv, const std::vector<std::string>& env = {}) {
  testing::TempDir dir;
  testing::Child child;
  EXPECT_TRUE(child.Start(argv, dir.path() + "/log", env));
  int rc = child.Wait(30s);
  return {rc, testing::ReadFile(dir.path() + "/log")};
}

int Lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

TEST(DaemonConfig, BadConfigIsOneLineAndExit2) {
  const std::string bin = testing::Bin("tidings-enrich");
  struct Case {
    std::vector<std::string> args;
    std::vector<std::string> env;
    std::string expect;
  };
  std::vector<Case> cases = {
      {{"--bogus_key=1"}, {}, "unknown option 'bogus_key'"},
      {{"--batch_max_records=many"}, {}, "must be an integer"},
      {{"--batch_max_records=0"}, {}, "between 1 and 100000"},
      {{"--metrics_port=70000"}, {}, "between 0 and 65535"},
      {{}, {"TIDINGS_ENRICH_NOPE=1"}, "unknown option 'nope'"},
      {{"--log_level=loud"}, {}, "log_level"},
      // Issue 11 (9): an empty broker list exited 1, a missing kb_file 1
      // while a missing targets_file exited 2.
      {{"--brokers="}, {}, "option 'brokers'"},
      {{"--kb_file=/nonexistent/kb.tsv"}, {}, "option 'kb_file'"},
      {{"--targets_file=/nonexistent/targets.ini"}, {}, "option 'targets_file'"},
      {{"--kb_file=/"}, {}, "option 'kb_file'"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> argv = {bin};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    auto [rc, out] = RunToExit(argv, c.env);
    EXPECT_EQ(rc, 2) << out;
    EXPECT_EQ(Lines(out), 1) << out;
    EXPECT_NE(out.find(c.expect), std::string::npos) << out;
  }
}

// Issue 11 (9): the fragment after a comma, part of a password, was echoed.
TEST(DaemonConfig, BadKafkaPropertiesNeverEchoAValue) {
  auto [rc, out] = RunToExit({testing::Bin("tidings-ingest"), "--kafka_properties=sasl.password=hunter,2secret"});
  EXPECT_EQ(rc, 2) << out;
  EXPECT_EQ(Lines(out), 1) << out;
  EXPECT_NE(out.find("option 'kafka_properties': item 2"), std::string::npos) << out;
  EXPECT_EQ(out.find("2secret"), std::string::npos) << out;
}

TEST(DaemonConfig, UnreachableBrokerIsOneLineAndExit1) {
  auto [rc, out] = RunToExit({testing::Bin("tidings-ingest"), "--brokers", "127.0.0.1:1", "--startup_timeout_ms",
                              "1500", "--metrics_port", "0", "--log_level", "off"});
  EXPECT_EQ(rc, 1) << out;
  EXPECT_EQ(Lines(out), 1) << out;
  EXPECT_NE(out.find("cannot reach Kafka at 127.0.0.1:1"), std::string::npos) << out;
}

TEST(DaemonConfig, HelpPrintsTheOptionTable) {
  auto [rc, out] = RunToExit({testing::Bin("tidings-store"), "--help"});
  EXPECT_EQ(rc, 0);
  EXPECT_NE(out.find("--db_path"), std::string::npos) << out;
  EXPECT_NE(out.find("TIDINGS_STORE_BROKERS"), std::string::npos) << out;
}

// Enrich commits 1,000 records a transaction by default (what a batch
// produces is held until commit, about seven times its input); ingest keeps
// the stages' 5,000.
TEST(DaemonConfig, EnrichTakesSmallerBatchesThanIngest) {
  auto [rc, out] = RunToExit({testing::Bin("tidings-enrich"), "--help"});
  EXPECT_EQ(rc, 0);
  EXPECT_NE(out.find("--batch_max_records <int>  (default: 1000;"), std::string::npos) << out;
  auto [irc, iout] = RunToExit({testing::Bin("tidings-ingest"), "--help"});
  EXPECT_EQ(irc, 0);
  EXPECT_NE(iout.find("--batch_max_records <int>  (default: 5000;"), std::string::npos) << iout;
}

}  // namespace
}  // namespace tidings
