#include "runtime/shutdown.h"

#include <signal.h>
#include <unistd.h>

#include <thread>

#include <spdlog/spdlog.h>

namespace tidings::runtime {

Shutdown& Shutdown::Install() {
  static Shutdown* instance = [] {
    auto* s = new Shutdown();
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::thread([s, set] {
      for (int count = 0;; ++count) {
        int sig = 0;
        if (sigwait(&set, &sig) != 0) continue;
        if (count == 0) {
          spdlog::info("{} received: finishing in-flight work (send again to exit at once)",
                       sig == SIGINT ? "SIGINT" : "SIGTERM");
          s->Request();
        } else {
          spdlog::warn("second signal: exiting now");
          spdlog::default_logger()->flush();
          _exit(130);
        }
      }
    }).detach();
    return s;
  }();
  return *instance;
}

bool Shutdown::requested() const {
  std::lock_guard lock(mu_);
  return requested_;
}

void Shutdown::Request() {
  {
    std::lock_guard lock(mu_);
    requested_ = true;
  }
  cv_.notify_all();
}

bool Shutdown::WaitFor(std::chrono::milliseconds d) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, d, [this] { return requested_; });
  return requested_;
}

}  // namespace tidings::runtime
