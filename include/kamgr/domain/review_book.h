#pragma once
/// Looking across reviews: the grade another review had at a moment (for the flags that
/// depend on earlier periods) and the checks of reviews against the team. Pure.
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/error.h"
#include "kamgr/domain/collections.h"
#include "kamgr/domain/integrity.h"
#include "kamgr/domain/review_score.h"

namespace kamgr {

/// `member`'s review for `period`, or nullptr.
const Review* find_review(const std::vector<Review>& all, const std::string& member,
                          const Period& period);

/// The published grade of `member`'s review for `period` as it stood at `at` (a revised
/// decision counts from its time); nullopt when it was not finalized by then.
std::optional<std::string> grade_as_of(const std::vector<Review>& all, const std::string& member,
                                       const Period& period, Instant at);

/// The flag inputs of `review` finalized (or revised) at `at`: the previous period of the
/// same kind and, for a quarter, the two quarters before, as they stood at `at`.
FlagInputs flag_inputs(const std::vector<Review>& all, const Review& review, Instant at,
                       TzOffset zone);

/// The review's own inputs at `at`: scores and deductions before finalizing, and flags.
/// The KPI fields are left for the caller (from the KPI engine).
ResultInputs review_inputs(const std::vector<Review>& all, const Review& review, Instant at,
                           TzOffset zone);

/// Members and actors exist (members whose own file is broken are not reported again);
/// reviews are of reps and managers. Problems carry each review's file and line.
void check_review_members(const std::vector<Review>& reviews, const Team& team, Diagnostics& diag,
                          const BrokenIds& broken = {});

}  // namespace kamgr
