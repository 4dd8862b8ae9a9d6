#pragma once
/// A progress line on a terminal for long loads: nothing for the first second (short
/// commands stay quiet), then a bar redrawn at most ten times a second, erased when
/// the command's work ends. Off (a no-op) when stderr is not a terminal or with -q.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <mutex>
#include <string>

namespace kamgr {

class Progress {
 public:
  /// `out` is where the line is drawn (stderr); nullptr: no progress shown. Nothing is
  /// drawn before `quiet_for` has passed (tests pass zero).
  explicit Progress(std::ostream* out,
                    std::chrono::milliseconds quiet_for = std::chrono::seconds(1));
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// Starts a batch of `total` files named `what` (`visits/2026/11`).
  void begin(const std::string& what, size_t total);
  /// One more file of the batch done. Safe to call from many threads.
  void tick();
  /// Erases the line if one was drawn.
  void clear();

 private:
  using Clock = std::chrono::steady_clock;
  void draw(size_t done);

  std::ostream* out_;
  std::chrono::milliseconds quiet_for_;
  Clock::time_point start_;
  Clock::time_point last_draw_;
  std::mutex mutex_;
  std::string what_;
  size_t total_ = 0;
  size_t files_before_ = 0;
  std::atomic<size_t> done_{0};
  bool drawn_ = false;
};

}  // namespace kamgr
