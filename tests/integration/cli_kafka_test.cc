// The `tidings` CLI's Kafka client properties (issue 11, point 9: the CLI had
// no way to pass SASL/SSL settings): --kafka-property and
// --kafka-properties-file reach every Kafka client it makes, and a bad one
// is a configuration error (exit 2) that names the key, never the value.
#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/test_support.h"

namespace tidings {
namespace {

using namespace std::chrono_literals;

std::pair<int, std::string> RunCli(std::vector<std::string> args) {
  testing::TempDir dir;
  testing::Child child;
  args.insert(args.begin(), testing::Bin("tidings"));
  EXPECT_TRUE(child.Start(args, dir.path() + "/log"));
  int rc = child.Wait(60s);
  return {rc, testing::ReadFile(dir.path() + "/log")};
}

class CliKafka : public ::testing::Test {
 protected:
  void SetUp() override {
    input_ = dir_.path() + "/one.jsonl";
    std::ofstream(input_) << R"({"id":"a1","kind":"article","text":"Hello."})" << "\n";
  }
  // Each Kafka subcommand, pointed at a port nobody listens on: a property
  // error must come before any connection attempt.
  std::vector<std::vector<std::string>> Commands() const {
    return {{"load", input_, "--brokers", "127.0.0.1:1"},
            {"dlq", "--brokers", "127.0.0.1:1", "--timeout", "2"},
            {"topics", "create", "--brokers", "127.0.0.1:1"}};
  }
  testing::TempDir dir_;
  std::string input_;
};

TEST_F(CliKafka, APropertyFlagReachesEveryClient) {
  for (auto args : Commands()) {
    args.insert(args.end(), {"--kafka-property", "bogus.property=hunter2secret"});
    auto [rc, out] = RunCli(args);
    EXPECT_EQ(rc, 2) << args[0] << ": " << out;
    EXPECT_NE(out.find("'bogus.property'"), std::string::npos) << args[0] << ": " << out;
    EXPECT_EQ(out.find("hunter2secret"), std::string::npos) << args[0] << ": " << out;
  }
}

TEST_F(CliKafka, APropertiesFileReachesEveryClient) {
  const std::string file = dir_.path() + "/client.properties";
  std::ofstream(file) << "# SASL\nsecurity.protocol = SASL_PLAINTEXT\nsasl.mechanism = PLAIN\n"
                      << "sasl.password = hunter2secret\nbogus.from.file = x\n";
  for (auto args : Commands()) {
    args.insert(args.end(), {"--kafka-properties-file", file});
    auto [rc, out] = RunCli(args);
    EXPECT_EQ(rc, 2) << args[0] << ": " << out;
    EXPECT_NE(out.find("'bogus.from.file'"), std::string::npos) << args[0] << ": " << out;
    EXPECT_EQ(out.find("hunter2secret"), std::string::npos) << args[0] << ": " << out;
  }
}

TEST_F(CliKafka, MalformedPropertiesAreConfigErrorsWithoutValues) {
  const std::string file = dir_.path() + "/bad.properties";
  std::ofstream(file) << "acks = all\nhunter2secret\n";
  struct Case {
    std::vector<std::string> extra;
    std::string expect;
  };
  for (const Case& c : std::vector<Case>{{{"--kafka-property", "acks=all", "--kafka-property", "hunter2secret"},
                                          "--kafka-property #2"},
                                         {{"--kafka-properties-file", file}, "bad.properties:2"},
                                         {{"--kafka-properties-file", dir_.path() + "/missing"}, "cannot read"},
                                         {{"--kafka-property", "acks=hunter2secret"}, "'acks'"}}) {
    std::vector<std::string> args = {"topics", "create", "--brokers", "127.0.0.1:1"};
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    auto [rc, out] = RunCli(args);
    EXPECT_EQ(rc, 2) << out;
    EXPECT_NE(out.find(c.expect), std::string::npos) << out;
    EXPECT_EQ(out.find("hunter2secret"), std::string::npos) << out;
  }
}

TEST_F(CliKafka, AnEmptyBrokerListIsAConfigError) {
  auto [rc, out] = RunCli({"load", input_, "--brokers", ""});
  EXPECT_EQ(rc, 2) << out;
  EXPECT_NE(out.find("--brokers"), std::string::npos) << out;
}

}  // namespace
}  // namespace tidings
