#include "runtime/http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <prometheus/counter.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "tests/support/test_support.h"

namespace tidings::runtime {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// A raw TCP connection to 127.0.0.1:port (-1 on failure).
int Connect(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Reads until the peer closes or `timeout` passes; returns what came.
std::string ReadAll(int fd, milliseconds timeout) {
  const auto end = Clock::now() + timeout;
  std::string out;
  char buf[4096];
  for (;;) {
    auto left = std::chrono::duration_cast<milliseconds>(end - Clock::now()).count();
    pollfd p{fd, POLLIN, 0};
    if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) break;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

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
  EXPECT_EQ(testing::HttpGet(server.port(), "/healthz", &body), 200);
  EXPECT_EQ(body, "ok\n");
  EXPECT_EQ(testing::HttpGet(server.port(), "/readyz", &body), 503);
  EXPECT_NE(body.find("partition assignment"), std::string::npos);
  ready = true;
  EXPECT_EQ(testing::HttpGet(server.port(), "/readyz", &body), 200);
  EXPECT_EQ(body, "ready\n");
  EXPECT_EQ(testing::HttpGet(server.port(), "/nope"), 404);
  server.Stop();
  EXPECT_EQ(testing::HttpGet(server.port(), "/healthz"), 0);
}

TEST(HttpServer, BadAddressIsAConfigError) {
  HttpServer server(std::make_shared<prometheus::Registry>(), nullptr);
  Status st = server.Start("not-an-ip", 0);
  EXPECT_EQ(st.code(), ErrorCode::kConfig);
}

TEST(HttpServer, APortInUseIsRefused) {
  HttpServer first(nullptr, nullptr);
  ASSERT_TRUE(first.Start("127.0.0.1", 0).ok());
  HttpServer second(nullptr, nullptr);
  Status st = second.Start("127.0.0.1", first.port());
  EXPECT_EQ(st.code(), ErrorCode::kIo) << st.ToString();
}

TEST(HttpServer, OnlyGetIsServed) {
  HttpServer server(nullptr, nullptr);
  ASSERT_TRUE(server.Start("127.0.0.1", 0).ok());
  int fd = Connect(server.port());
  ASSERT_GE(fd, 0);
  std::string req = "DELETE /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_EQ(::send(fd, req.data(), req.size(), MSG_NOSIGNAL), static_cast<ssize_t>(req.size()));
  std::string resp = ReadAll(fd, milliseconds(3000));
  ::close(fd);
  EXPECT_EQ(resp.rfind("HTTP/1.1 405", 0), 0u) << resp;
}

TEST(HttpServer, ExtraHandlersByPathAndPrefixOnASecondServer) {
  HttpServer metrics(std::make_shared<prometheus::Registry>(), nullptr);
  ASSERT_TRUE(metrics.Start("127.0.0.1", 0).ok());
  HttpServer api(nullptr, nullptr);
  api.Get("/api/stats", [](const HttpRequest&, HttpResponse* res) { res->body = "stats"; });
  api.GetPrefix("/api/", [](const HttpRequest& req, HttpResponse* res) {
    res->content_type = "application/json";
    auto it = req.query.find("q");
    res->body = req.path + "|" + (it == req.query.end() ? "" : it->second);
  });
  api.GetPrefix("/api/doc/", [](const HttpRequest& req, HttpResponse* res) {
    res->status = 201;
    res->body = "doc " + req.path.substr(9);
  });
  ASSERT_TRUE(api.Start("127.0.0.1", 0).ok());
  ASSERT_NE(api.port(), metrics.port());
  std::string body;
  EXPECT_EQ(testing::HttpGet(api.port(), "/api/stats", &body), 200);
  EXPECT_EQ(body, "stats");
  EXPECT_EQ(testing::HttpGet(api.port(), "/api/search?q=a%20b", &body), 200);
  EXPECT_EQ(body, "/api/search|a b");
  EXPECT_EQ(testing::HttpGet(api.port(), "/api/doc/42", &body), 201);
  EXPECT_EQ(body, "doc 42");
  EXPECT_EQ(testing::HttpGet(api.port(), "/other"), 404);
  EXPECT_EQ(testing::HttpGet(api.port(), "/metrics"), 404);  // no registry here
  EXPECT_EQ(testing::HttpGet(api.port(), "/healthz"), 200);
  EXPECT_EQ(testing::HttpGet(metrics.port(), "/metrics"), 200);
  EXPECT_EQ(testing::HttpGet(metrics.port(), "/api/stats"), 404);
}

// Issue 11, break 6: a client sending one byte every 1.5 s held the old
// one-connection-at-a-time server, and no probe was answered.
TEST(HttpServer, ASlowClientDoesNotBlockProbes) {
  HttpServer server(std::make_shared<prometheus::Registry>(), nullptr);
  ASSERT_TRUE(server.Start("127.0.0.1", 0).ok());
  std::atomic<bool> stop{false};
  std::thread drip([&] {
    const std::string req = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    while (!stop) {
      int fd = Connect(server.port());
      if (fd < 0) return;
      for (size_t i = 0; i < req.size() && !stop; ++i) {
        if (::send(fd, &req[i], 1, MSG_NOSIGNAL) != 1) break;
        for (int k = 0; k < 15 && !stop; ++k) std::this_thread::sleep_for(milliseconds(100));
      }
      ::close(fd);
    }
  });
  std::this_thread::sleep_for(milliseconds(300));  // the drip has started
  for (int i = 0; i < 10; ++i) {
    auto start = Clock::now();
    EXPECT_EQ(testing::HttpGet(server.port(), "/healthz"), 200) << "probe " << i;
    EXPECT_LT(Clock::now() - start, milliseconds(2000)) << "probe " << i;
    std::this_thread::sleep_for(milliseconds(200));
  }
  stop = true;
  drip.join();
}

// The whole connection has one deadline, however the client paces itself.
TEST(HttpServer, ASlowClientIsCutAtTheConnectionDeadline) {
  HttpServer server(nullptr, nullptr);
  ASSERT_TRUE(server.Start("127.0.0.1", 0).ok());
  int fd = Connect(server.port());
  ASSERT_GE(fd, 0);
  const auto start = Clock::now();
  bool cut = false;
  const std::string req = "GET /healthz HTTP/1.1\r\nX-Slow: " + std::string(200, 'a');
  for (char c : req) {
    if (::send(fd, &c, 1, MSG_NOSIGNAL) != 1) {
      cut = true;
      break;
    }
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 400) > 0) {  // the server answered or closed
      cut = true;
      break;
    }
    if (Clock::now() - start > HttpServer::kConnectionDeadline + milliseconds(3000)) break;
  }
  ::close(fd);
  EXPECT_TRUE(cut);
  EXPECT_LT(Clock::now() - start, HttpServer::kConnectionDeadline + milliseconds(2000));
}

// Every worker held by a slow client: probes still get through within the
// connection deadline, and at once when the slow clients are gone.
TEST(HttpServer, ManyConcurrentClients) {
  std::atomic<int> in_handler{0};
  std::atomic<int> most{0};
  HttpServer server(nullptr, nullptr);
  server.Get("/slow", [&](const HttpRequest&, HttpResponse* res) {
    int now = ++in_handler;
    for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
    }
    std::this_thread::sleep_for(milliseconds(300));
    --in_handler;
    res->body = "done";
  });
  ASSERT_TRUE(server.Start("127.0.0.1", 0).ok());
  std::vector<std::future<int>> calls;
  const auto start = Clock::now();
  for (int i = 0; i < 8; ++i)
    calls.push_back(std::async(std::launch::async, [&] { return testing::HttpGet(server.port(), "/slow"); }));
  for (auto& c : calls) EXPECT_EQ(c.get(), 200);
  // 8 calls of 300 ms on 4 workers: about 600 ms, not 2400 ms.
  EXPECT_LT(Clock::now() - start, milliseconds(1800));
  EXPECT_GE(most.load(), 2);
  EXPECT_LE(most.load(), HttpServer::kWorkerThreads);
}

TEST(HttpServer, AHugeHeaderIsRefused) {
  HttpServer server(nullptr, nullptr);
  ASSERT_TRUE(server.Start("127.0.0.1", 0).ok());
  for (size_t header_bytes : {size_t{9000}, size_t{100000}}) {
    int fd = Connect(server.port());
    ASSERT_GE(fd, 0);
    std::string req = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    // One long header, or many short ones adding up to more than the cap.
    if (header_bytes < HttpServer::kMaxRequestBytes) {
      req += "X-Big: " + std::string(header_bytes, 'a') + "\r\n";
    } else {
      for (size_t n = 0; n < header_bytes; n += 100) req += "X-Many: " + std::string(90, 'a') + "\r\n";
    }
    req += "\r\n";
    (void)!::send(fd, req.data(), req.size(), MSG_NOSIGNAL);
    std::string resp = ReadAll(fd, milliseconds(3000));
    ::close(fd);
    // 400, or a reset when the server closed with the client still sending.
    EXPECT_TRUE(resp.empty() || resp.rfind("HTTP/1.1 400", 0) == 0) << header_bytes << ": " << resp.substr(0, 200);
  }
  EXPECT_EQ(testing::HttpGet(server.port(), "/healthz"), 200);
}

TEST(HttpServer, StopCutsSlowClients) {
  auto server = std::make_unique<HttpServer>(nullptr, nullptr);
  ASSERT_TRUE(server->Start("127.0.0.1", 0).ok());
  int fd = Connect(server->port());
  ASSERT_GE(fd, 0);
  (void)!::send(fd, "GET", 3, MSG_NOSIGNAL);
  std::this_thread::sleep_for(milliseconds(200));
  const auto start = Clock::now();
  server->Stop();
  EXPECT_LT(Clock::now() - start, milliseconds(1500));
  ::close(fd);
}

}  // namespace
}  // namespace tidings::runtime
