#pragma once
/// Counted English nouns for messages: `1 value`, `3 values`.
#include <fmt/format.h>

#include <string>

namespace kamgr {

/// `n` and `word`, with an `s` unless n is 1 (`plural(3, "visit")` is "3 visits").
inline std::string plural(long long n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

}  // namespace kamgr
