#include "cli/cli_util.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace tidings::cli {
namespace {
int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
}  // namespace

Progress::Progress(std::string label, uint64_t total)
    : label_(std::move(label)), total_(total), tty_(isatty(STDERR_FILENO) != 0), start_ms_(NowMs()) {}

void Progress::Update(uint64_t done, uint64_t bytes) {
  if (!tty_) return;
  int64_t now = NowMs();
  if (now - last_ms_ < 100 && done != total_) return;
  last_ms_ = now;
  double secs = std::max<double>(0.001, static_cast<double>(now - start_ms_) / 1000.0);
  double mb = static_cast<double>(bytes) / 1e6;
  if (total_ > 0) {
    int width = 30;
    int filled = static_cast<int>(static_cast<double>(width) * static_cast<double>(done) / static_cast<double>(total_));
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(static_cast<size_t>(width), '.');
    std::fprintf(stderr, "\r%s [%s] %llu/%llu  %.1f MB  %.1f MB/s ", label_.c_str(), bar.c_str(),
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_), mb, mb / secs);
  } else {
    std::fprintf(stderr, "\r%s %llu  %.1f MB  %.1f MB/s ", label_.c_str(), static_cast<unsigned long long>(done), mb,
                 mb / secs);
  }
  std::fflush(stderr);
}

void Progress::Finish() {
  if (tty_) std::fprintf(stderr, "\n");
}

}  // namespace tidings::cli
