#include "kamgr/core/error.h"

#include <fmt/format.h>

#include <algorithm>

namespace kamgr {

std::string Error::located(const std::string& message) const {
  if (file_.empty()) return message;
  if (line_ > 0) return fmt::format("{} ({}:{})", message, file_, line_);
  return fmt::format("{} ({})", message, file_);
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

size_t Diagnostics::error_count() const {
  return std::count_if(problems_.begin(), problems_.end(),
                       [](const Problem& p) { return p.severity == Problem::Severity::error; });
}

void Diagnostics::throw_if_errors() const {
  for (const Problem& p : problems_)
    if (p.severity == Problem::Severity::error) throw input_error(p.message, p.file, p.line);
}

void Diagnostics::sort() {
  std::stable_sort(problems_.begin(), problems_.end(), [](const Problem& a, const Problem& b) {
    return std::tie(a.file, a.line) < std::tie(b.file, b.line);
  });
}

namespace {
size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  for (const std::string& c : candidates) {
    const size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace kamgr
