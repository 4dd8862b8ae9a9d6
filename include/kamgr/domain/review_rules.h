#pragma once
/// Who may do what to a review (docs/reviews.md "Who may do what") and the feedback
/// deadlines (interview, appeal, decision) in working days (docs/reviews.md
/// "Deadlines"). Pure.
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/calendar.h"
#include "kamgr/domain/collections.h"
#include "kamgr/domain/config.h"
#include "kamgr/domain/review.h"

namespace kamgr {

/// The steps of the review cycle that need an acting member.
enum class ReviewAction { self, manager, upward, deduct, finalize, interview, appeal, decide };

/// Empty when `actor` may take `action` on `subject`'s review (`subject` is nullptr for
/// finalize); else the rule that forbids it, for the error message:
/// self by the member; manager review and interview by the member's manager (a director
/// for a manager); upward by the manager's own reps; deductions by the member's manager,
/// HR or a director; finalize and decide by HR or a director; appeal by the member.
std::string permission_rule(ReviewAction action, const Member& actor, const Member* subject);

/// A duty of the feedback cycle still to be done, or done late.
struct DueItem {
  std::string step;  ///< interview | decision
  Instant deadline;
  bool overdue = false;  ///< not done and past the deadline
};

/// The review's feedback deadlines as of `now` (the review already cut to `now`).
struct ReviewDeadlines {
  std::optional<Instant> interview;  ///< after finalizing
  std::optional<Instant> appeal;     ///< after finalizing
  std::optional<Instant> decision;   ///< after an appeal
  std::vector<DueItem> due;          ///< interview and decision not done yet
};
ReviewDeadlines review_deadlines(const Review& review, const Config& config,
                                 const WorkCalendar& calendar, TzOffset zone, Instant now);

}  // namespace kamgr
