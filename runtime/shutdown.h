#pragma once
// Graceful shutdown on SIGTERM/SIGINT. The first signal asks every loop to
// finish its in-flight work, commit and close; a second one exits at once
// (status 130) for an operator who does not want to wait.
//
// Install() must be called on the main thread before any other thread is
// started: it blocks the signals so that only its own waiter thread takes
// them. requested()/WaitFor() may be called from any thread.

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace tidings::runtime {

class Shutdown {
 public:
  // The process-wide instance, with the signal waiter running.
  static Shutdown& Install();
  // An instance with no signal handling (tests, tools).
  Shutdown() = default;

  bool requested() const;
  void Request();
  // Sleeps up to `d` or until shutdown is requested; returns requested().
  bool WaitFor(std::chrono::milliseconds d);

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool requested_ = false;
};

}  // namespace tidings::runtime
