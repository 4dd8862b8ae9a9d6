#include "kamgr/domain/visit_rules.h"

#include <fmt/format.h>

namespace kamgr {

std::string refuse_visit_change(const Team& team, const std::string& actor,
                                const std::string& rep, std::string_view action) {
  const Member* a = team.find(actor);
  if (!a) return fmt::format("'{}' is not a member of the team", actor);
  if (a->role == Role::director || actor == rep) return {};
  const std::string manager = team.reports_to(rep);
  if (a->role == Role::manager && manager == actor) return {};
  // Whole sentences, one per action, so that each has its translation.
  const std::string boss = manager.empty() ? "none" : manager;
  const std::string who = fmt::format("'{}' ({}) may not", actor, role_name(a->role));
  if (action == "remove")
    return fmt::format(
        "only the rep who recorded the visit ({}), their manager ({}) or a director may remove "
        "it; {}",
        rep, boss, who);
  return fmt::format(
      "only the rep who recorded the visit ({}), their manager ({}) or a director may edit it; {}",
      rep, boss, who);
}

std::vector<FieldProblem> visit_edit_problems(const Visit& before, const Visit& after,
                                              TzOffset zone) {
  std::vector<FieldProblem> problems;
  if (after.id != before.id)
    problems.push_back({"id", fmt::format("the id of a visit cannot change (it is '{}')", before.id)});
  if (after.recorded_at != before.recorded_at)
    problems.push_back(
        {"recorded_at",
         fmt::format("field 'recorded_at': it is set when the visit is added and cannot change "
                     "(it is {})",
                     before.recorded_at.str(zone))});
  const Instant began = Instant::at(after.date, after.start.value_or(TimeOfDay{0}), zone);
  if (began > after.recorded_at)
    problems.push_back(
        {"date", fmt::format("the visit on {} would start after it was recorded ({})",
                             after.date.str() + (after.start ? " " + after.start->str() : ""),
                             after.recorded_at.str(zone))});
  return problems;
}

}  // namespace kamgr
