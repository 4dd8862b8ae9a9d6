#include "kamgr/core/rounding.h"

#include <cmath>

namespace kamgr {

double round_half_up(double value) {
  // The nudge is in hundredths, far above binary noise and far below any real digit.
  const double nudge = value >= 0 ? 1e-7 : -1e-7;
  const double r = std::round(value * 100.0 + nudge) / 100.0;
  return r == 0 ? 0.0 : r;
}

}  // namespace kamgr
