#include "kamgr/domain/review_book.h"

#include <fmt/format.h>

#include "kamgr/domain/integrity.h"

namespace kamgr {

const Review* find_review(const std::vector<Review>& all, const std::string& member,
                          const Period& period) {
  for (const Review& r : all)
    if (r.member == member && r.period.kind == period.kind && r.period.from == period.from)
      return &r;
  return nullptr;
}

std::optional<std::string> grade_as_of(const std::vector<Review>& all, const std::string& member,
                                       const Period& period, Instant at) {
  const Review* r = find_review(all, member, period);
  if (!r) return std::nullopt;
  const auto result = r->as_of(at).effective_result();
  if (!result) return std::nullopt;
  return result->grade;
}

FlagInputs flag_inputs(const std::vector<Review>& all, const Review& review, Instant at,
                       TzOffset zone) {
  FlagInputs in;
  in.finalized_on = at.local_date(zone);
  const Period previous = review.period.previous();
  in.previous_grade = grade_as_of(all, review.member, previous, at);
  in.quarterly = review.period.kind == Period::Kind::quarter;
  if (in.quarterly) {
    in.earlier_quarters.push_back(in.previous_grade);
    in.earlier_quarters.push_back(grade_as_of(all, review.member, previous.previous(), at));
  }
  return in;
}

ResultInputs review_inputs(const std::vector<Review>& all, const Review& review, Instant at,
                           TzOffset zone) {
  ResultInputs in;
  in.scores = latest_scores(review);
  in.deductions = deduction_points(review);
  in.flags = flag_inputs(all, review, at, zone);
  return in;
}

void check_review_members(const std::vector<Review>& reviews, const Team& team, Diagnostics& diag,
                          const BrokenIds& broken) {
  for (const Review& r : reviews) {
    const Member* m = team.find(r.member);
    if (!m) {
      if (broken.member(r.member)) continue;
      diag.error(r.source.file, r.source.line,
                 unknown_member_message("field 'member'", r.member, team));
    } else if (m->role != Role::rep && m->role != Role::manager) {
      diag.warning(r.source.file, r.source.line,
                   fmt::format("'{}' is a {}; reviews are of reps and managers", r.member,
                               role_name(m->role)));
    }
    for (const ReviewEvent& e : r.events)
      if (!team.find(e.by) && !broken.member(e.by))
        diag.error(r.source.file, e.line, unknown_member_message("event field 'by'", e.by, team));
  }
}

}  // namespace kamgr
