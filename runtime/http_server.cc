#include "runtime/http_server.h"

#include <strings.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <set>

#include <httplib.h>
#include <prometheus/text_serializer.h>

namespace tidings::runtime {

std::string HttpRequest::Header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k.size() == name.size() && strncasecmp(k.data(), name.data(), k.size()) == 0) return v;
  return "";
}
namespace {

using Clock = std::chrono::steady_clock;

// Milliseconds left until `deadline`, at least 0.
int MsLeft(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

// Waits until `fd` has `events` or the deadline passes; true when ready.
bool WaitFor(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    pollfd p{fd, events, 0};
    int n = ::poll(&p, 1, MsLeft(deadline));
    if (n < 0 && errno == EINTR) continue;
    return n > 0;
  }
}

void SockName(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_in sa{};
  socklen_t len = sizeof sa;
  int rc = peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&sa), &len)
                : ::getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len);
  if (rc != 0 || sa.sin_family != AF_INET) return;
  char buf[INET_ADDRSTRLEN] = {};
  ::inet_ntop(AF_INET, &sa.sin_addr, buf, sizeof buf);
  ip = buf;
  port = ntohs(sa.sin_port);
}

// One connection's socket as httplib sees it: every read and write waits at
// most until the connection's deadline, and at most `max_read` bytes are
// read in all. Past either limit, reads fail and httplib drops the request.
class DeadlineStream final : public httplib::Stream {
 public:
  DeadlineStream(int fd, Clock::time_point deadline, size_t max_read)
      : fd_(fd), deadline_(deadline), max_read_(max_read) {}

  bool is_readable() const override { return off_ < buf_.size() || WaitFor(fd_, POLLIN, deadline_); }
  bool is_writable() const override { return WaitFor(fd_, POLLOUT, deadline_); }

  ssize_t read(char* ptr, size_t size) override {
    if (off_ == buf_.size()) {
      if (total_read_ >= max_read_ || !WaitFor(fd_, POLLIN, deadline_)) return -1;
      buf_.resize(std::min<size_t>(4096, max_read_ - total_read_));
      ssize_t n;
      do n = ::recv(fd_, buf_.data(), buf_.size(), 0);
      while (n < 0 && errno == EINTR);
      buf_.resize(n > 0 ? static_cast<size_t>(n) : 0);
      off_ = 0;
      if (n <= 0) return n;
      total_read_ += static_cast<size_t>(n);
    }
    size_t k = std::min(size, buf_.size() - off_);
    std::memcpy(ptr, buf_.data() + off_, k);
    off_ += k;
    return static_cast<ssize_t>(k);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!WaitFor(fd_, POLLOUT, deadline_)) return -1;
    ssize_t n;
    do n = ::send(fd_, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
    while (n < 0 && errno == EINTR);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { SockName(fd_, true, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { SockName(fd_, false, ip, port); }
  int socket() const override { return fd_; }

 private:
  int fd_;
  Clock::time_point deadline_;
  size_t max_read_;
  size_t total_read_ = 0;
  std::vector<char> buf_;
  size_t off_ = 0;
};

// SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, which would let a
// second daemon bind the same port silently instead of failing.
void ListenSocketOptions(int fd) {
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
}

}  // namespace

// httplib's server with each connection processed through a DeadlineStream.
// Open connections are tracked so that Stop() can cut them; a socket is
// closed only after it leaves the set, so Stop() never shuts down a reused
// descriptor.
class HttpServer::Impl final : public httplib::Server {
 public:
  Impl() {
    new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
    set_socket_options(ListenSocketOptions);
    set_address_family(AF_INET);
  }

  // Cuts every open connection and refuses the ones still queued.
  void CutConnections() {
    std::lock_guard lock(mu_);
    stopping_ = true;
    for (int fd : open_) ::shutdown(fd, SHUT_RDWR);
  }

 private:
  // Called by httplib on a worker thread for each accepted socket.
  bool process_and_close_socket(int sock) override {
    const auto deadline = Clock::now() + kConnectionDeadline;
    bool ok = false;
    bool serve = false;
    {
      std::lock_guard lock(mu_);
      serve = !stopping_;
      if (serve) open_.insert(sock);
    }
    if (serve) {
      DeadlineStream strm(sock, deadline, kMaxRequestBytes);
      bool closed = false;
      ok = process_request(strm, /*close_connection=*/true, closed, nullptr);
      std::lock_guard lock(mu_);
      open_.erase(sock);
    }
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ok;
  }

  std::mutex mu_;
  std::set<int> open_;
  bool stopping_ = false;
};

HttpServer::HttpServer(std::shared_ptr<prometheus::Registry> registry, ReadyFn ready) {
  if (registry) {
    Get("/metrics", [registry](const HttpRequest&, HttpResponse* res) {
      res->content_type = "text/plain; version=0.0.4; charset=utf-8";
      res->body = prometheus::TextSerializer().Serialize(registry->Collect());
    });
  }
  Get("/healthz", [](const HttpRequest&, HttpResponse* res) { res->body = "ok\n"; });
  Get("/readyz", [ready = std::move(ready)](const HttpRequest&, HttpResponse* res) {
    std::string why;
    if (!ready || ready(&why)) {
      res->body = "ready\n";
    } else {
      res->status = 503;
      res->body = "not ready: " + why + "\n";
    }
  });
}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Get(const std::string& path, GetHandler handler) { exact_[path] = std::move(handler); }

void HttpServer::GetPrefix(const std::string& prefix, GetHandler handler) {
  prefixes_.emplace_back(prefix, std::move(handler));
}

const HttpServer::GetHandler* HttpServer::Route(const std::string& path) const {
  if (auto it = exact_.find(path); it != exact_.end()) return &it->second;
  const GetHandler* best = nullptr;
  size_t best_len = 0;
  for (const auto& [prefix, handler] : prefixes_) {
    if (path.compare(0, prefix.size(), prefix) == 0 && (!best || prefix.size() > best_len)) {
      best = &handler;
      best_len = prefix.size();
    }
  }
  return best;
}

Status HttpServer::Start(const std::string& address, int port) {
  in_addr probe{};
  if (::inet_pton(AF_INET, address.c_str(), &probe) != 1)
    return {ErrorCode::kConfig, "metrics address '" + address + "' is not an IPv4 address"};
  if (impl_) return {ErrorCode::kInternal, "HttpServer::Start called twice"};
  impl_ = std::make_unique<Impl>();
  impl_->set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (req.method == "GET" || req.method == "HEAD") return httplib::Server::HandlerResponse::Unhandled;
    res.status = 405;
    res.set_content("GET only\n", "text/plain");
    return httplib::Server::HandlerResponse::Handled;
  });
  impl_->Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
    const GetHandler* handler = Route(req.path);
    if (!handler) {
      res.status = 404;
      res.set_content("not found\n", "text/plain");
      return;
    }
    HttpRequest in{req.path, {req.params.begin(), req.params.end()}, {req.headers.begin(), req.headers.end()}};
    HttpResponse out;
    (*handler)(in, &out);
    res.status = out.status;
    for (const auto& [k, v] : out.headers) res.set_header(k, v);
    res.set_content(out.body, out.content_type);
  });
  errno = 0;
  int bound = port == 0 ? impl_->bind_to_any_port(address) : (impl_->bind_to_port(address, port) ? port : -1);
  if (bound <= 0) {
    std::string err = errno ? std::strerror(errno) : "bind failed";
    impl_.reset();
    return {ErrorCode::kIo, "cannot listen on " + address + ":" + std::to_string(port) + ": " + err};
  }
  port_ = bound;
  thread_ = std::thread([impl = impl_.get()] { impl->listen_after_bind(); });
  // httplib's stop() does nothing until the loop runs: wait for it, so that
  // a Stop() right after Start() cannot miss it and join forever.
  while (!impl_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return Status::Ok();
}

void HttpServer::Stop() {
  if (!impl_) return;
  impl_->CutConnections();
  impl_->stop();
  if (thread_.joinable()) thread_.join();
  impl_.reset();
}

}  // namespace tidings::runtime
