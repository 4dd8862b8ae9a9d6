#pragma once
/// `review calibrate`: the grade distribution of a period's finalized reviews against
/// `review.grades` shares, for everyone together or by team (docs/reviews.md
/// "Calibration"). Pure: reviews and team in, groups out.
#include <string>
#include <utility>
#include <vector>

#include "kamgr/domain/collections.h"
#include "kamgr/domain/review.h"
#include "kamgr/domain/review_score.h"
#include "kamgr/reports/grouping.h"

namespace kamgr {

/// The (group, grade) of every review with an effective result as of `now`: the group is
/// `all`, or by team the member the reviewed one reports to (`(none)` without one).
std::vector<std::pair<std::string, std::string>> graded_reviews(const std::vector<Review>& reviews,
                                                                const Team& team, GroupBy by,
                                                                Instant now);

}  // namespace kamgr
