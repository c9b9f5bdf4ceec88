#include "runtime/http_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <prometheus/text_serializer.h>
#include <spdlog/spdlog.h>

namespace tidings::runtime {
namespace {

constexpr int kReadTimeoutMs = 2000;
constexpr size_t kMaxRequestBytes = 8192;

void WriteAll(int fd, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    off += static_cast<size_t>(n);
  }
}

std::string Response(int code, std::string_view reason, std::string_view type, const std::string& body) {
  std::string r = "HTTP/1.1 " + std::to_string(code) + " " + std::string(reason) + "\r\n";
  r += "Content-Type: " + std::string(type) + "\r\n";
  r += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
  r += body;
  return r;
}

}  // namespace

HttpServer::HttpServer(std::shared_ptr<prometheus::Registry> registry, ReadyFn ready)
    : registry_(std::move(registry)), ready_(std::move(ready)) {}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Start(const std::string& address, int port) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) return {ErrorCode::kIo, std::string("socket: ") + std::strerror(errno)};
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(static_cast<uint16_t>(port));
  if (::inet_pton(AF_INET, address.c_str(), &sa.sin_addr) != 1) {
    ::close(listen_fd_);
    listen_fd_ = -1;
    return {ErrorCode::kConfig, "metrics address '" + address + "' is not an IPv4 address"};
  }
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 || ::listen(listen_fd_, 64) != 0) {
    std::string err = std::strerror(errno);
    ::close(listen_fd_);
    listen_fd_ = -1;
    return {ErrorCode::kIo, "cannot listen on " + address + ":" + std::to_string(port) + ": " + err};
  }
  socklen_t len = sizeof sa;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&sa), &len);
  port_ = ntohs(sa.sin_port);
  if (::pipe2(wake_pipe_, O_CLOEXEC) != 0) return {ErrorCode::kIo, "pipe failed"};
  thread_ = std::thread([this] { Serve(); });
  return Status::Ok();
}

void HttpServer::Stop() {
  if (thread_.joinable()) {
    char c = 'x';
    (void)!::write(wake_pipe_[1], &c, 1);
    thread_.join();
  }
  for (int* fd : {&listen_fd_, &wake_pipe_[0], &wake_pipe_[1]}) {
    if (*fd >= 0) ::close(*fd);
    *fd = -1;
  }
}

void HttpServer::Serve() {
  for (;;) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    int n = ::poll(fds, 2, -1);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 || (fds[1].revents & POLLIN)) return;
    if (fds[0].revents & POLLIN) {
      int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      // A client that does not read must not hold the server (or Stop()).
      timeval tv{2, 0};
      ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
      Handle(fd);
      ::close(fd);
    }
  }
}

void HttpServer::Handle(int fd) {
  std::string req;
  char buf[2048];
  while (req.find("\r\n\r\n") == std::string::npos && req.size() < kMaxRequestBytes) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, kReadTimeoutMs) <= 0) return;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return;
    req.append(buf, static_cast<size_t>(n));
  }
  auto sp1 = req.find(' ');
  auto sp2 = sp1 == std::string::npos ? sp1 : req.find(' ', sp1 + 1);
  if (sp2 == std::string::npos) {
    WriteAll(fd, Response(400, "Bad Request", "text/plain", "bad request\n"));
    return;
  }
  std::string method = req.substr(0, sp1);
  std::string path = req.substr(sp1 + 1, sp2 - sp1 - 1);
  if (auto q = path.find('?'); q != std::string::npos) path.resize(q);
  if (method != "GET" && method != "HEAD") {
    WriteAll(fd, Response(405, "Method Not Allowed", "text/plain", "GET only\n"));
    return;
  }
  if (path == "/metrics") {
    std::string body = prometheus::TextSerializer().Serialize(registry_->Collect());
    WriteAll(fd, Response(200, "OK", "text/plain; version=0.0.4; charset=utf-8", body));
  } else if (path == "/healthz") {
    WriteAll(fd, Response(200, "OK", "text/plain", "ok\n"));
  } else if (path == "/readyz") {
    std::string why;
    bool ok = ready_ ? ready_(&why) : true;
    WriteAll(fd, ok ? Response(200, "OK", "text/plain", "ready\n")
                    : Response(503, "Service Unavailable", "text/plain", "not ready: " + why + "\n"));
  } else if (path == "/") {
    WriteAll(fd, Response(200, "OK", "text/plain", "tidings: /metrics /healthz /readyz\n"));
  } else {
    WriteAll(fd, Response(404, "Not Found", "text/plain", "not found\n"));
  }
}

}  // namespace tidings::runtime
