#pragma once
// Helpers for integration and end-to-end tests: the broker the harness
// started, per-test topic prefixes, child processes, HTTP GETs, bounded polls.

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "runtime/kafka.h"
#include "tidings/v1/document.pb.h"

namespace tidings::testing {

// $TIDINGS_TEST_BROKERS (set by CTest's kafka fixture), or "" when absent.
std::string TestBrokers();

// A fresh topic prefix ("t<pid>-<n>-") for one test.
std::string UniquePrefix();

// Creates the five tidings topics under `prefix` (partitions as in
// deploy/local/topics.conf).
[[nodiscard]] Status CreateTopics(const std::string& brokers, const std::string& prefix);

// A document as ingest makes it (ingest version 1): an article when
// `parent` is empty, else a comment.
v1::Document MakeDocument(const std::string& id, const std::string& parent, const std::string& thread,
                          const std::string& text, const std::string& published_at = "2024-03-01T10:00:00Z");

// Polls `cond` every 50 ms until true or the timeout passes.
bool WaitUntil(const std::function<bool()>& cond, std::chrono::milliseconds timeout);

// GET http://127.0.0.1:port/path; returns the status code (0 when the
// connection failed), the body and the response headers (the lines after
// the status line, "Name: value\r\n" each).
int HttpGet(int port, const std::string& path, std::string* body = nullptr, std::string* headers = nullptr);

// A child process with its stderr/stdout redirected to a file.
class Child {
 public:
  Child() = default;
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child();  // kills (SIGKILL) a child still running

  // Starts argv[0] with the given arguments; `log` receives stdout+stderr.
  [[nodiscard]] bool Start(const std::vector<std::string>& argv, const std::string& log,
                           const std::vector<std::string>& env = {});
  void Signal(int sig);
  // Waits for exit; returns the exit status (128+signal when killed), or -1
  // when it is still running after the timeout.
  int Wait(std::chrono::milliseconds timeout);
  bool running();
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int status_ = -1;
};

// Path of a built executable, e.g. Bin("tidings-enrich").
std::string Bin(const std::string& name);

// Reads a whole file ("" when missing).
std::string ReadFile(const std::string& path);

// A temporary directory removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace tidings::testing
