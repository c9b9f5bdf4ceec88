#pragma once
// The benches' HTTP client: one GET to a daemon on loopback over a fresh
// connection (the daemons' servers answer one request per connection).
// Header-only: each bench is one translation unit.
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace tidings::bench {

struct HttpAnswer {
  int status = 0;  // 0: no answer (refused, timed out, not HTTP)
  std::string body;
};

// GET http://127.0.0.1:port/path; waits at most `timeout_s` for each read.
inline HttpAnswer HttpGet(int port, const std::string& path, int timeout_s = 30) {
  HttpAnswer out;
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return out;
  timeval tv{timeout_s, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string resp;
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
    const std::string req = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (send(fd, req.data(), req.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(req.size())) {
      char buf[65536];
      for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) resp.append(buf, static_cast<size_t>(n));
    }
  }
  close(fd);
  const size_t head_end = resp.find("\r\n\r\n");
  if (resp.rfind("HTTP/1.", 0) != 0 || resp.size() < 12 || head_end == std::string::npos) return out;
  out.status = std::atoi(resp.c_str() + 9);
  out.body = resp.substr(head_end + 4);
  return out;
}

}  // namespace tidings::bench
