#pragma once
// The operator endpoint of every daemon: GET /metrics (Prometheus text
// format from the daemon's registry), /healthz (the process is alive) and
// /readyz (assigned and caught up enough; the daemon decides).
//
// A deliberately small HTTP/1.1 server (one request per connection, GET
// only) on its own thread, instead of prometheus-cpp's civetweb Exposer,
// because the Exposer cannot serve /healthz and /readyz beside /metrics.
// Start() binds and returns; Stop() (or the destructor) joins the thread.

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include <prometheus/registry.h>

#include "runtime/status.h"

namespace tidings::runtime {

class HttpServer {
 public:
  // `ready` is called on every /readyz request from the server thread; it
  // returns true when ready and may fill `why` when not.
  using ReadyFn = std::function<bool(std::string* why)>;

  HttpServer(std::shared_ptr<prometheus::Registry> registry, ReadyFn ready);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds `address:port` (port 0 picks a free one) and starts serving.
  [[nodiscard]] Status Start(const std::string& address, int port);
  void Stop();
  // The bound port, after Start().
  int port() const { return port_; }

 private:
  void Serve();
  void Handle(int fd);

  std::shared_ptr<prometheus::Registry> registry_;
  ReadyFn ready_;
  int listen_fd_ = -1;
  int wake_pipe_[2] = {-1, -1};
  int port_ = 0;
  std::thread thread_;
};

}  // namespace tidings::runtime
