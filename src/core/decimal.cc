#include "kamgr/core/decimal.h"

#include <cstdlib>

namespace kamgr {

std::optional<Decimal> Decimal::parse(std::string_view text, int max_places) {
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  const size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view places = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 12) return std::nullopt;
  if (dot != std::string_view::npos && places.empty()) return std::nullopt;
  if (static_cast<int>(places.size()) > max_places || places.size() > 4) return std::nullopt;
  int64_t units = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    units = units * 10 + (c - '0');
  }
  int64_t fraction = 0, scale = kScale;
  for (char c : places) {
    if (c < '0' || c > '9') return std::nullopt;
    scale /= 10;
    fraction += (c - '0') * scale;
  }
  units = units * kScale + fraction;
  if (units > kMaxWhole * kScale) return std::nullopt;
  return Decimal(negative ? -units : units);
}

std::optional<Decimal> Decimal::times(Decimal o) const {
  const __int128 product = static_cast<__int128>(units_) * o.units_ / kScale;
  const __int128 limit = static_cast<__int128>(kMaxWhole) * kScale;
  if (product > limit || product < -limit) return std::nullopt;
  return Decimal(static_cast<int64_t>(product));
}

std::string Decimal::str() const {
  const int64_t magnitude = std::llabs(units_);
  std::string out = (units_ < 0 ? "-" : "") + std::to_string(magnitude / kScale);
  int64_t fraction = magnitude % kScale;
  if (fraction == 0) return out;
  std::string digits = std::to_string(fraction + kScale).substr(1);  // 4 digits, leading zeros
  while (digits.back() == '0') digits.pop_back();
  return out + "." + digits;
}

}  // namespace kamgr
