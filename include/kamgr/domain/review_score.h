#pragma once
/// The review formulas (docs/reviews.md "How the result is computed" and "Calibration"):
/// qualitative score with renormalised weights, total, grade, flags and calibration. Pure: the KPI score and achievements
/// come in as inputs (the store asks the KPI engine for them).
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/date.h"
#include "kamgr/core/rounding.h"
#include "kamgr/domain/config.h"
#include "kamgr/domain/review.h"

namespace kamgr {

/// The latest self and manager scores and the latest upward score of each rep.
struct ScoreInputs {
  std::optional<double> self;
  std::optional<double> manager;
  std::vector<double> upward;  ///< one per rep (their latest)
};
/// The scores of `review`'s events before its `finalized` event (all when not finalized).
ScoreInputs latest_scores(const Review& review);
/// Sum of the deduction points before the `finalized` event (all when not finalized).
double deduction_points(const Review& review);

/// The qualitative part and how it was weighed.
struct Qualitative {
  std::optional<double> score;        ///< nullopt: no score present (or all weights 0)
  std::optional<double> upward_mean;  ///< mean of the upward scores, when any
  double self_weight = 0, manager_weight = 0, upward_weight = 0;  ///< renormalised; 0 if absent
};
/// Weighted mean of the present scores, with the configured weights renormalised over
/// the scores present (a present score with weight 0 counts for nothing).
Qualitative qualitative_score(const ScoreInputs& scores, const Config& config);

/// kpi_share x kpi + (1 - kpi_share) x qualitative - deductions, clamped to [0, cap] and
/// rounded to 2 decimals. A missing KPI score or qualitative score counts as 0.
double review_total(std::optional<double> kpi_score, std::optional<double> qualitative,
                    double deductions, const Config& config);

/// The first grade from the top whose min the total reaches (the last grade otherwise).
std::string grade_for(double total, const Config& config);
/// True when `grade` is `floor` or a better grade (higher in the configured list).
bool grade_at_least(const std::string& grade, const std::string& floor, const Config& config);

/// What the flags depend on besides the grade.
struct FlagInputs {
  Date finalized_on;                          ///< local date of finalizing (pip re-review)
  std::optional<std::string> previous_grade;  ///< same kind, previous period, if finalized
  bool quarterly = false;
  /// Quarterly reviews: the grades of the two quarters before (nullopt: none finalized).
  std::vector<std::optional<std::string>> earlier_quarters;
};
/// Sets `result.flags` (in the order of docs/reviews.md "How the result is computed")
/// and the `pip` re-review date from its grade, its metrics (`extra_commission`: the
/// commission metric's achievement >= commission_at) and `in`.
void apply_flags(const FlagInputs& in, const Config& config, ReviewResult& result);

/// Everything a result is computed from.
struct ResultInputs {
  std::optional<double> kpi_score;
  bool kpi_complete = true;
  std::vector<ResultMetric> metrics;
  ScoreInputs scores;
  double deductions = 0;
  FlagInputs flags;
};
/// The finalized result (docs/reviews.md "How the result is computed").
ReviewResult compute_result(const ResultInputs& in, const Config& config);
/// The result a `revised` decision leaves: `base` with a new total (clamped, rounded),
/// its grade and the grade's flags (pip from the decision date).
ReviewResult revise_result(const ReviewResult& base, double total, const FlagInputs& flags,
                           const Config& config);

/// One grade of a calibration group.
struct GradeCount {
  std::string grade;
  int count = 0;
  int allowed = 0;  ///< ceil(share x n)
  bool over = false;
};
struct CalibrationGroup {
  std::string group;
  int n = 0;  ///< finalized reviews in the group
  std::vector<GradeCount> grades;
};
/// ceil(share x n), immune to binary noise (0.07 x 100 is 7, not 8).
int allowed_count(double share, int n);
/// Groups (group name, grade) pairs (groups sorted by name) and counts every configured
/// grade; a grade is over its share when its count > ceil(share x n).
std::vector<CalibrationGroup> calibrate(
    const std::vector<std::pair<std::string, std::string>>& graded, const Config& config);

}  // namespace kamgr
