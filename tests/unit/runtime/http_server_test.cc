#include "runtime/http_server.h"

#include <gtest/gtest.h>
#include <prometheus/counter.h>

#include <atomic>

#include "tests/support/test_support.h"

namespace tidings::runtime {
namespace {

TEST(HttpServer, ServesMetricsHealthAndReadiness) {
  auto registry = std::make_shared<prometheus::Registry>();
  prometheus::BuildCounter().Name("tidings_test_things_total").Help("x").Register(*registry).Add({}).Increment(3);
  std::atomic<bool> ready{false};
  HttpServer server(registry, [&](std::string* why) {
    if (!ready) *why = "waiting for partition assignment";
    return ready.load();
  });
  ASSERT_TRUE(server.Start("127.0.0.1", 0).ok());
  ASSERT_GT(server.port(), 0);
  std::string body;
  EXPECT_EQ(testing::HttpGet(server.port(), "/metrics", &body), 200);
  EXPECT_NE(body.find("tidings_test_things_total 3"), std::string::npos) << body;
  EXPECT_EQ(testing::HttpGet(server.port(), "/healthz"), 200);
  EXPECT_EQ(testing::HttpGet(server.port(), "/readyz", &body), 503);
  EXPECT_NE(body.find("partition assignment"), std::string::npos);
  ready = true;
  EXPECT_EQ(testing::HttpGet(server.port(), "/readyz"), 200);
  EXPECT_EQ(testing::HttpGet(server.port(), "/nope"), 404);
  server.Stop();
  EXPECT_EQ(testing::HttpGet(server.port(), "/healthz"), 0);
}

TEST(HttpServer, BadAddressIsAConfigError) {
  HttpServer server(std::make_shared<prometheus::Registry>(), nullptr);
  Status st = server.Start("not-an-ip", 0);
  EXPECT_EQ(st.code(), ErrorCode::kConfig);
}

}  // namespace
}  // namespace tidings::runtime
