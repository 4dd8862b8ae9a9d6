#pragma once
/// Running independent work on all cores.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace kamgr {

/// Calls `fn(i)` for every i in [0, n), spread over the machine's cores. `fn` must be
/// safe to run concurrently for different i. Small n runs on the calling thread.
template <typename Fn>
void parallel_for(size_t n, Fn fn) {
  const size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const size_t workers = std::min(cores, n / 64 + 1);
  if (workers <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) fn(i);
  };
  std::vector<std::thread> threads;
  for (size_t t = 1; t < workers; ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
}

}  // namespace kamgr
