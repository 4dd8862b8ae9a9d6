#pragma once
/// Rounding of the figures kamgr shows and judges (percentages, scores, totals).

namespace kamgr {

/// Rounds to 2 decimals, halves away from zero, as a person computing by hand expects:
/// 79.995 (stored in binary as 79.99499...) becomes 80.00, and 219350 / 200000 x 100
/// (109.674999... in binary) becomes 109.68. Never returns negative zero.
double round_half_up(double value);

}  // namespace kamgr
