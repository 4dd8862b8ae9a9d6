#pragma once
/// Internal to the review commands: what every review step shares (the period, the
/// member, the acting member and its permission, reading and appending review files).
#include <string>
#include <vector>

#include "common.h"
#include "kamgr/domain/complaint.h"
#include "kamgr/domain/review_rules.h"
#include "kamgr/domain/review_score.h"
#include "kamgr/store/repository.h"

namespace kamgr::cli {

/// Parses a review period (a month, quarter or year); exit 2 otherwise.
Period review_period(const std::string& text);

/// The team member `id`; exit 2 with "did you mean" when unknown.
const Member& require_member(const Team& team, const std::string& id);

/// The acting member, checked against the rule of `action` on `subject`'s review
/// (nullptr for finalize): exit 2 naming the rule when it forbids the step.
const Member& permitted_actor(Context& ctx, const Team& team, ReviewAction action,
                              const Member* subject);

/// Reads reviews/<period>/<member>.yaml; exit 2 when there is none (with a hint to run
/// `review open`) or it is invalid.
Review read_review(Context& ctx, const Period& period, const std::string& member);

/// Refuses (exit 2) a step `type` that `review`'s state or clock does not allow: the
/// cycle order of `refusal`, and a `now` earlier than the review's last event.
void require_step(const Review& review, ReviewEventType type, Instant now, TzOffset zone);

/// A step on one member's review, every check passed.
struct ReviewStep {
  Period period;
  Member subject;
  Member actor;
  Review review;
};
/// Checks the acting member's permission for `action` on `member`'s review for
/// `period_text`, reads the review and checks that a `type` event may follow now.
ReviewStep begin_step(Context& ctx, const Repository& repo, const std::string& member,
                      const std::string& period_text, ReviewAction action, ReviewEventType type);

/// The feedback steps due (`review list` and `show`): [{step, deadline, overdue}].
Value due_value(Context& ctx, const ReviewDeadlines& deadlines);

/// Appends `event` to the review's file. Under the write lock the file is read again and
/// the step re-checked; the result is validated before it replaces the file.
void append_review_event(Context& ctx, const Review& review, const ReviewEvent& event);

/// A new event of `type` by `by` at now.
ReviewEvent new_event(Context& ctx, ReviewEventType type, const std::string& by);

/// The `review list` report (docs/reviews.md "Reports") of `reviews`, each as it stands
/// at now: status, the published (or so far) figures, flags, and the feedback steps due
/// or overdue.
Report review_list_report(Context& ctx, const Period& period, const std::vector<Review>& reviews,
                          const WorkCalendar& calendar);

/// "2026-11-05T23:59:59+08:00" in the data directory's zone.
std::string instant_text(Context& ctx, Instant at);

}  // namespace kamgr::cli
