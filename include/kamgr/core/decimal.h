#pragma once
/// Exact decimal amounts (docs/pipeline.md "Amounts"): money, quantities and prices are
/// kept as whole ten-thousandths, so a quantity with 2 decimals times a price with 2
/// decimals, and any sum of those, is exact. Figures are rounded once, when shown.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kamgr {

class Decimal {
 public:
  static constexpr int64_t kScale = 10000;
  /// The largest magnitude a record may write, and a line's amount may reach: ten
  /// billion. Sums of 90,000 such values still fit in int64.
  static constexpr int64_t kMaxWhole = 10'000'000'000LL;

  constexpr Decimal() = default;
  static constexpr Decimal from_units(int64_t units) { return Decimal(units); }
  static constexpr Decimal whole(int64_t n) { return Decimal(n * kScale); }
  /// Parses `1200000`, `18000.5`, `-3.25`: digits with at most `max_places` decimals and
  /// at most kMaxWhole in magnitude; std::nullopt otherwise (`1e5`, `1,000`, `0.125`).
  static std::optional<Decimal> parse(std::string_view text, int max_places = 2);

  int64_t units() const { return units_; }
  double to_double() const { return static_cast<double>(units_) / kScale; }
  /// The shortest exact text: `1200000`, `18000.5`, `0.05`.
  std::string str() const;

  Decimal operator+(Decimal o) const { return Decimal(units_ + o.units_); }
  Decimal operator-(Decimal o) const { return Decimal(units_ - o.units_); }
  Decimal& operator+=(Decimal o) {
    units_ += o.units_;
    return *this;
  }
  /// The exact product of two values with at most 2 decimals each; std::nullopt when it
  /// exceeds kMaxWhole in magnitude.
  std::optional<Decimal> times(Decimal o) const;
  auto operator<=>(const Decimal&) const = default;

 private:
  explicit constexpr Decimal(int64_t units) : units_(units) {}
  int64_t units_ = 0;
};

}  // namespace kamgr
