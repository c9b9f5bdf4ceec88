#pragma once
// The operator endpoint of every daemon: GET /metrics (Prometheus text
// format from the daemon's registry), /healthz (the process is alive) and
// /readyz (the daemon's readiness conditions all hold), plus any GET
// handlers a part registers (exact path or path prefix).
//
// Built on cpp-httplib (Debian libcpp-httplib-dev): a listener thread and a
// fixed pool of kWorkerThreads workers, so one client never blocks another.
// httplib's own timeouts are per read, so a client that sends one byte just
// inside each timeout could hold a worker for hours. Here every connection
// has one deadline, kConnectionDeadline from accept: each read and write
// waits at most until it, so reading the request, answering and sending
// the answer all fit in it, however the client paces its bytes. A
// connection also reads at most kMaxRequestBytes (the request line and all
// headers; requests have no body), so a huge header is refused (400) rather
// than buffered. One request per connection (the answer says
// `Connection: close`), as Prometheus and probes need no more.
// A worker is therefore busy at most kConnectionDeadline per connection:
// with every worker held by slow clients, a probe waits at most that long.
//
// Threads: handlers run on the worker threads, possibly at the same time;
// they must be thread-safe. Register handlers before Start(). Start() binds
// and returns; Stop() (or the destructor) cuts open connections and joins
// every thread. Several servers may run in one process (another port each).

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <prometheus/registry.h>

#include "runtime/status.h"

namespace tidings::runtime {

// What a GET handler sees of a request.
struct HttpRequest {
  std::string path;                               // without the query
  std::multimap<std::string, std::string> query;  // decoded query parameters
  std::multimap<std::string, std::string> headers;  // as sent
  // The first header of that name, compared case-insensitively; "" if none.
  std::string Header(std::string_view name) const;
};

// What a GET handler answers; 200 text/plain unless it says otherwise.
struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra response headers
};

class HttpServer {
 public:
  // `ready` is called on every /readyz request from a worker thread; it
  // returns true when ready and may fill `why` when not.
  using ReadyFn = std::function<bool(std::string* why)>;
  using GetHandler = std::function<void(const HttpRequest&, HttpResponse*)>;

  static constexpr int kWorkerThreads = 4;
  static constexpr std::chrono::milliseconds kConnectionDeadline{5000};
  static constexpr size_t kMaxRequestBytes = 16 * 1024;

  // A null `registry` serves no /metrics; a null `ready` is always ready.
  HttpServer(std::shared_ptr<prometheus::Registry> registry, ReadyFn ready);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Serves GET (and HEAD) `path` exactly; replaces a handler of the same
  // path, built-in ones included. Call before Start().
  void Get(const std::string& path, GetHandler handler);
  // Serves GET of every path starting with `prefix` (e.g. "/api/") that has
  // no exact handler; the longest matching prefix wins. Call before Start().
  void GetPrefix(const std::string& prefix, GetHandler handler);

  // Binds `address:port` (IPv4; port 0 picks a free one) and starts
  // serving. kConfig when the address is not an IPv4 address, kIo when it
  // cannot listen.
  [[nodiscard]] Status Start(const std::string& address, int port);
  // Stops accepting, cuts open connections, joins the threads. Idempotent.
  void Stop();
  // The bound port, after Start().
  int port() const { return port_; }

 private:
  class Impl;
  // Finds the handler of `path` (exact, then longest prefix); null if none.
  const GetHandler* Route(const std::string& path) const;

  std::map<std::string, GetHandler> exact_;
  std::vector<std::pair<std::string, GetHandler>> prefixes_;
  std::unique_ptr<Impl> impl_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace tidings::runtime
