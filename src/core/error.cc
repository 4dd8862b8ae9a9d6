#include "kamgr/core/error.h"

#include <fmt/format.h>

#include <algorithm>

namespace kamgr {

std::string printable(std::string_view text, size_t max) {
  std::string out;
  size_t i = 0;
  for (; i < text.size() && out.size() < max; ++i) {
    const unsigned char c = text[i];
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7f) out += fmt::format("\\x{:02x}", c);
    else out += static_cast<char>(c);
  }
  if (i == text.size()) return out;
  // Cut at a character boundary: drop an incomplete UTF-8 sequence at the end.
  size_t lead = out.size();
  while (lead > 0 && (static_cast<unsigned char>(out[lead - 1]) & 0xC0) == 0x80) --lead;
  if (lead > 0 && static_cast<unsigned char>(out[lead - 1]) >= 0xC0) {
    const unsigned char c = out[lead - 1];
    const size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (out.size() - (lead - 1) < need) out.resize(lead - 1);
  }
  return out + "...";
}

std::string Error::located(const std::string& message) const {
  const std::string what_text = printable(message, std::string::npos);
  if (file_.empty()) return what_text;
  const std::string file = printable(file_, std::string::npos);
  if (line_ > 0) return fmt::format("{} ({}:{})", what_text, file, line_);
  return fmt::format("{} ({})", what_text, file);
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
    // The distance is at least the difference in length: skip without computing it
    // (a megabyte-long word costs nothing).
    const size_t gap = word.size() > c.size() ? word.size() - c.size() : c.size() - word.size();
    if (gap >= best_distance) continue;
    const size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace kamgr
