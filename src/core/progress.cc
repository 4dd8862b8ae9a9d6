#include "kamgr/core/progress.h"

#include <fmt/format.h>

#include <ostream>

namespace kamgr {

namespace {
constexpr auto kRedrawEvery = std::chrono::milliseconds(100);
constexpr int kBarWidth = 24;
}  // namespace

Progress::Progress(std::ostream* out, std::chrono::milliseconds quiet_for)
    : out_(out), quiet_for_(quiet_for), start_(Clock::now()) {}

Progress::~Progress() { clear(); }

void Progress::begin(const std::string& what, size_t total) {
  if (!out_) return;
  std::lock_guard lock(mutex_);
  files_before_ += done_.exchange(0);
  what_ = what;
  total_ = total;
}

void Progress::tick() {
  if (!out_) return;
  const size_t done = done_.fetch_add(1) + 1;
  const auto now = Clock::now();
  if (now - start_ < quiet_for_) return;
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock() || (drawn_ && now - last_draw_ < kRedrawEvery)) return;
  last_draw_ = now;
  draw(done);
}

void Progress::draw(size_t done) {
  const size_t filled = total_ ? std::min<size_t>(kBarWidth, done * kBarWidth / total_) : 0;
  *out_ << fmt::format("\r\033[Kkamgr: reading {} [{}{}] {} files", what_, std::string(filled, '#'),
                       std::string(kBarWidth - filled, '.'), files_before_ + done)
        << std::flush;
  drawn_ = true;
}

void Progress::clear() {
  if (!out_) return;
  std::lock_guard lock(mutex_);
  if (drawn_) *out_ << "\r\033[K" << std::flush;
  drawn_ = false;
}

}  // namespace kamgr
