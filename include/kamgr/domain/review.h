#pragma once
/// Performance review records (`reviews/<period>/<member>.yaml`, docs/reviews.md) and the state
/// a review is in. Pure: the loader fills them, commands and reports read them.
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/date.h"
#include "kamgr/core/period.h"
#include "kamgr/domain/records.h"

namespace kamgr {

enum class ReviewEventType {
  self,
  manager,
  upward,
  deduction,
  finalized,
  interview,
  appeal,
  decision
};
/// `self`, `manager`... as written in the file.
const char* review_event_name(ReviewEventType type);
std::optional<ReviewEventType> parse_review_event(const std::string& text);
/// Every event type name, in the order of docs/formats.md "Other records" (for "did
/// you mean").
std::vector<std::string> review_event_names();

/// One KPI metric behind a result, as the KPI engine gave it.
struct ResultMetric {
  std::string metric;
  double weight = 0;
  std::optional<double> target;
  std::optional<double> actual;
  std::optional<double> achievement;  ///< percent
  std::optional<double> score;        ///< min(achievement, cap)
  bool operator==(const ResultMetric&) const = default;
};

/// The flag names, in the order results list them (docs/reviews.md "How the result is
/// computed").
inline constexpr const char* kFlagPip = "pip";
inline constexpr const char* kFlagConsecutiveD = "consecutive_d";
inline constexpr const char* kFlagExtraCommission = "extra_commission";
inline constexpr const char* kFlagPromotion = "promotion_eligible";

/// A finalized result (docs/reviews.md "How the result is computed"), frozen in the
/// `finalized` event.
struct ReviewResult {
  std::optional<double> kpi_score;    ///< 2 decimals; nullopt: no KPI data (counted as 0)
  bool kpi_complete = true;           ///< false when finalized with --allow-incomplete
  std::optional<double> qualitative;  ///< 2 decimals; nullopt: no score (counted as 0)
  double deductions = 0;
  double total = 0;  ///< clamped to [0, cap], 2 decimals
  std::string grade;
  std::vector<std::string> flags;     ///< pip, consecutive_d, extra_commission, promotion_eligible
  std::optional<Date> re_review_due;  ///< with `pip`: pip_days after finalizing
  std::vector<ResultMetric> metrics;
  bool operator==(const ReviewResult&) const = default;
  bool has_flag(const std::string& flag) const;
};

/// One event of a review's log (fields unused by a type stay empty).
struct ReviewEvent {
  ReviewEventType type = ReviewEventType::self;
  Instant at;
  std::string by;
  std::optional<double> score;  ///< self | manager | upward
  std::string comment;
  double points = 0;   ///< deduction
  std::string reason;  ///< deduction | appeal
  /// finalized: the whole result; decision: the total, grade, flags and re-review date
  /// it leaves (the rest stays as finalized).
  std::optional<ReviewResult> result;
  std::string outcome;  ///< decision: upheld | revised
  int line = 0;
};

/// reviews/<period>/<member>.yaml
struct Review {
  std::string member;
  Period period;
  std::vector<ReviewEvent> events;  ///< in file order (oldest first)
  Source source;

  /// The review as it stood at `now`: events after now are left out.
  Review as_of(Instant now) const;
  /// The last event of `type`, or nullptr.
  const ReviewEvent* last(ReviewEventType type) const;
  /// The `finalized` event, or nullptr.
  const ReviewEvent* finalized() const { return last(ReviewEventType::finalized); }
  /// The published result: a revised decision's result, else the finalized one.
  std::optional<ReviewResult> effective_result() const;
  /// open | finalized | appealed | decided
  std::string status() const;
};

/// The folder name of a review period (`2026-10`, `2026-Q4`, `2026`); only months,
/// quarters and years have reviews.
bool is_review_period(const Period& period);

/// Why one more event of `type` cannot be appended to `review` (its current state), or
/// empty when it can: scores and deductions only before finalizing, finalizing once,
/// interview / appeal after finalizing and once each, a decision once after an appeal.
std::string refusal(const Review& review, ReviewEventType type);

}  // namespace kamgr
