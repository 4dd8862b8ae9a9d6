#include "kamgr/domain/review_rules.h"

#include <fmt/format.h>

#include "kamgr/domain/complaint.h"

namespace kamgr {

namespace {

/// The member's manager (for a manager: their director, or any director).
bool manages(const Member& actor, const Member& subject) {
  if (actor.id == subject.id) return false;
  if (actor.id == subject.manager) return true;
  return subject.role == Role::manager && actor.role == Role::director;
}

std::string their_manager(const Member& subject) {
  if (subject.role == Role::manager) return "a director";
  return subject.manager.empty() ? "their manager"
                                 : fmt::format("their manager '{}'", subject.manager);
}

bool is_hr_or_director(const Member& m) {
  return m.role == Role::hr || m.role == Role::director;
}

std::string subject_rule(ReviewAction action, const Member& actor, const Member& s) {
  const std::string by = fmt::format("'{}' ({})", actor.id, role_name(actor.role));
  switch (action) {
    case ReviewAction::self:
      if (actor.id == s.id) return "";
      return fmt::format("a self-assessment is written by the member themselves ('{}'), not by {}",
                         s.id, by);
    case ReviewAction::manager:
      if (manages(actor, s)) return "";
      return fmt::format("the manager review of '{}' is written by {}, not by {}", s.id,
                         their_manager(s), by);
    case ReviewAction::upward:
      if (s.role != Role::manager)
        return fmt::format("upward reviews are of managers by their reps; '{}' is a {}", s.id,
                           role_name(s.role));
      if (actor.role == Role::rep && actor.manager == s.id) return "";
      return fmt::format("an upward review of '{}' is written by one of their own reps, not by {}",
                         s.id, by);
    case ReviewAction::deduct:
      if (manages(actor, s) || is_hr_or_director(actor)) return "";
      return fmt::format("deductions for '{}' are made by {}, HR or a director, not by {}", s.id,
                         their_manager(s), by);
    case ReviewAction::interview:
      if (manages(actor, s)) return "";
      return fmt::format("the interview with '{}' is held by {}, not by {}", s.id, their_manager(s),
                         by);
    case ReviewAction::appeal:
      if (actor.id == s.id) return "";
      return fmt::format("only '{}' may appeal their own review, not {}", s.id, by);
    case ReviewAction::finalize:
    case ReviewAction::decide:
      break;
  }
  return "";
}

}  // namespace

std::string permission_rule(ReviewAction action, const Member& actor, const Member* subject) {
  if (!actor.active) return fmt::format("'{}' is not an active member and cannot act", actor.id);
  if (action == ReviewAction::finalize || action == ReviewAction::decide) {
    if (is_hr_or_director(actor)) return "";
    return fmt::format(
        "{} is done by HR or a director, not by '{}' ({})",
        action == ReviewAction::finalize ? "finalizing reviews" : "deciding an appeal", actor.id,
        role_name(actor.role));
  }
  if (!subject) return "";
  return subject_rule(action, actor, *subject);
}

ReviewDeadlines review_deadlines(const Review& review, const Config& config,
                                 const WorkCalendar& calendar, TzOffset zone, Instant now) {
  ReviewDeadlines out;
  const ReviewEvent* fin = review.finalized();
  if (!fin) return out;
  out.interview = deadline(fin->at, config.interview_within, calendar, zone);
  out.appeal = deadline(fin->at, config.appeal_within, calendar, zone);
  if (!review.last(ReviewEventType::interview))
    out.due.push_back({"interview", *out.interview, now > *out.interview});
  if (const ReviewEvent* appeal = review.last(ReviewEventType::appeal)) {
    out.decision = deadline(appeal->at, config.decision_within, calendar, zone);
    if (!review.last(ReviewEventType::decision))
      out.due.push_back({"decision", *out.decision, now > *out.decision});
  }
  return out;
}

}  // namespace kamgr
