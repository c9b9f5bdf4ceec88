// The real Prometheus scrapes a running daemon, and promtool accepts what
// the daemons expose and the shipped configuration and alert rules.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include "tests/integration/broker_env.h"
#include "tests/integration/stack_util.h"

namespace tidings {
namespace {

using namespace std::chrono_literals;

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa);
  socklen_t len = sizeof sa;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len);
  ::close(fd);
  return ntohs(sa.sin_port);
}

int RunShell(const std::string& cmd, const std::string& log) {
  testing::Child c;
  if (!c.Start({"/bin/sh", "-c", cmd}, log)) return -1;
  return c.Wait(60s);
}

TEST(Prometheus, PromtoolAcceptsShippedConfigAndRules) {
  testing::TempDir dir;
  const std::string src = TIDINGS_SOURCE_DIR;
  EXPECT_EQ(RunShell("promtool check config " + src + "/deploy/prometheus/prometheus.yml", dir.path() + "/c"), 0)
      << testing::ReadFile(dir.path() + "/c");
  EXPECT_EQ(RunShell("promtool check rules " + src + "/deploy/prometheus/tidings.rules.yml", dir.path() + "/r"), 0)
      << testing::ReadFile(dir.path() + "/r");
}

TEST(Prometheus, ScrapesEveryDaemonAndPromtoolLintsTheirMetrics) {
  TIDINGS_REQUIRE_BROKER(brokers);
  const std::string prefix = testing::UniquePrefix();
  ASSERT_TRUE(testing::CreateTopics(brokers, prefix).ok());
  testing::TempDir dir;
  std::vector<std::unique_ptr<testing::DaemonProcess>> daemons;
  for (const char* name : {"ingest", "enrich", "store"}) {
    daemons.push_back(std::make_unique<testing::DaemonProcess>(name, brokers, prefix, dir.path()));
    ASSERT_TRUE(daemons.back()->Start());
  }
  std::string targets;
  for (auto& d : daemons) {
    std::string why;
    ASSERT_TRUE(d->WaitReady(60s, &why)) << why;
    std::string body;
    ASSERT_EQ(testing::HttpGet(d->port(), "/metrics", &body), 200);
    std::string file = dir.path() + "/metrics-" + std::to_string(d->port()) + ".txt";
    std::ofstream(file) << body;
    EXPECT_EQ(RunShell("promtool check metrics < " + file, file + ".lint"), 0)
        << testing::ReadFile(file + ".lint");
    targets += (targets.empty() ? "" : ", ") + std::string("\"127.0.0.1:") + std::to_string(d->port()) + "\"";
  }

  const int port = FreePort();
  std::ofstream(dir.path() + "/prometheus.yml")
      << "global: {scrape_interval: 1s}\nscrape_configs:\n  - job_name: tidings\n    static_configs:\n"
      << "      - targets: [" << targets << "]\n";
  testing::Child prom;
  ASSERT_TRUE(prom.Start({"/usr/bin/prometheus", "--config.file=" + dir.path() + "/prometheus.yml",
                          "--storage.tsdb.path=" + dir.path() + "/tsdb",
                          "--web.listen-address=127.0.0.1:" + std::to_string(port)},
                         dir.path() + "/prometheus.log"));
  std::string body;
  bool all_up = testing::WaitUntil(
      [&] {
        body.clear();
        if (testing::HttpGet(port, "/api/v1/query?query=sum(up%7Bjob%3D%22tidings%22%7D)", &body) != 200) return false;
        return body.find("\"3\"]") != std::string::npos;
      },
      60s);
  EXPECT_TRUE(all_up) << body << testing::ReadFile(dir.path() + "/prometheus.log");
  ASSERT_TRUE(testing::WaitUntil(
      [&] {
        return testing::HttpGet(port, "/api/v1/query?query=count(tidings_consumer_lag_records)", &body) == 200 &&
               body.find("\"result\":[{") != std::string::npos;
      },
      30s))
      << body;
  prom.Signal(SIGTERM);
  EXPECT_EQ(prom.Wait(30s), 0);
  for (auto& d : daemons) {
    d->child().Signal(SIGTERM);
    EXPECT_EQ(d->child().Wait(20s), 0) << d->Log();
  }
}

}  // namespace
}  // namespace tidings
