#include "kamgr/domain/plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <tuple>

#include "kamgr/core/digest.h"
#include "kamgr/domain/integrity.h"

namespace kamgr {

const char* plan_status_name(PlanStatus s) {
  switch (s) {
    case PlanStatus::draft:
      return "draft";
    case PlanStatus::submitted:
      return "submitted";
    case PlanStatus::approved:
      return "approved";
    case PlanStatus::rejected:
      return "rejected";
  }
  return "";
}

namespace {

/// The last event at or before `now`, or nullptr.
const PlanEvent* last_event(const Plan& plan, Instant now) {
  const PlanEvent* last = nullptr;
  for (const PlanEvent& e : plan.events)
    if (e.at <= now) last = &e;
  return last;
}

}  // namespace

PlanStatus plan_status(const Plan& plan, Instant now) {
  const PlanEvent* e = last_event(plan, now);
  if (!e) return PlanStatus::draft;
  if (e->type == "approved") return PlanStatus::approved;
  if (e->type == "rejected") return PlanStatus::rejected;
  return PlanStatus::submitted;
}

const PlanEvent* current_approval(const Plan& plan, Instant now) {
  const PlanEvent* e = last_event(plan, now);
  return e && e->type == "approved" ? e : nullptr;
}

std::string plan_digest(const std::vector<PlannedVisit>& visits) {
  std::vector<std::string> lines;
  lines.reserve(visits.size());
  for (const PlannedVisit& v : visits)
    lines.push_back(fmt::format("{}\t{}\t{}\n", v.customer, v.date.str(), v.purpose));
  std::sort(lines.begin(), lines.end());
  std::string text;
  for (const std::string& line : lines) text += line;
  return sha256_hex(text).substr(0, 16);
}

bool changed_since_approval(const Plan& plan, Instant now) {
  const PlanEvent* approval = current_approval(plan, now);
  return approval && !approval->digest.empty() && approval->digest != plan_digest(plan.visits);
}

bool may_approve(const Team& team, const std::string& approver, const std::string& member) {
  const Member* a = team.find(approver);
  if (!a) return false;
  if (a->role == Role::director) return true;
  const Member* m = team.find(member);
  return m && !m->manager.empty() && m->manager == approver && approver != member;
}

std::vector<PlannedVisit> draft_plan(const CustomerBook& customers, const Config& config,
                                     const std::string& member, const Period& month,
                                     const WorkCalendar& calendar) {
  const VisitIndex no_visits({});
  const Period whole = Period{Period::Kind::month, month.from, month.to};
  std::vector<PlannedVisit> out;
  std::string previous;
  int ordinal = -1;  // the customer's position among the member's customers
  for (const RequiredWindow& w :
       required_windows(customers, config, whole, month.to + 1, no_visits)) {
    if (w.owner != member) continue;
    if (w.customer != previous) ++ordinal, previous = w.customer;
    const Date first = std::max(w.window.from, month.from);
    std::vector<Date> working;
    for (Date d = first; d <= w.window.to; d = d + 1)
      if (calendar.is_working_day(d)) working.push_back(d);
    const Date date =
        working.empty() ? first : working[static_cast<size_t>(ordinal) % working.size()];
    out.push_back({w.customer, date, "", 0});
  }
  std::sort(out.begin(), out.end(), [](const PlannedVisit& a, const PlannedVisit& b) {
    return std::tie(a.date, a.customer) < std::tie(b.date, b.customer);
  });
  return out;
}

Window iso_week_of(Date day) {
  const Date monday = day - (day.weekday() - 1);
  return {monday, monday + 6};
}

std::vector<PlanOutcome> plan_adherence(const std::vector<Plan>& plans, const Period& period,
                                        Date today, const VisitIndex& visits) {
  std::vector<PlanOutcome> out;
  for (const Plan& plan : plans)
    for (const PlannedVisit& v : plan.visits) {
      const Window week = iso_week_of(v.date);
      if (!period.contains(v.date) || week.to >= today) continue;
      out.push_back({plan.member, v, visits.any(v.customer, week.from, week.to)});
    }
  std::sort(out.begin(), out.end(), [](const PlanOutcome& a, const PlanOutcome& b) {
    return std::tie(a.member, a.planned.date, a.planned.customer) <
           std::tie(b.member, b.planned.date, b.planned.customer);
  });
  return out;
}

namespace {

void check_events(const Plan& plan, const Team& team, Diagnostics& diag, const BrokenIds& broken) {
  const std::string& file = plan.source.file;
  const PlanEvent* previous = nullptr;
  for (const PlanEvent& e : plan.events) {
    if (!team.find(e.by) && broken.member(e.by)) {
      // the member's own file reports its error
    } else if (!team.find(e.by)) {
      diag.error(file, e.line, unknown_member_message("event field 'by'", e.by, team));
    } else if ((e.type == "approved" || e.type == "rejected") &&
               !may_approve(team, e.by, plan.member)) {
      diag.warning(file, e.line,
                   fmt::format("{} by '{}', who is neither {}'s manager nor a director", e.type,
                               e.by, plan.member));
    }
    if (previous && e.at < previous->at)
      diag.warning(file, e.line,
                   "event is dated before the one above it: keep events oldest first");
    previous = &e;
  }
  const Instant end_of_time{std::numeric_limits<int64_t>::max()};
  if (changed_since_approval(plan, end_of_time)) {
    const PlanEvent* a = current_approval(plan, end_of_time);
    diag.warning(file, a->line,
                 fmt::format("the planned visits changed after this approval by '{}' (digest {} "
                             "approved, {} now): submit the plan again",
                             a->by, a->digest, plan_digest(plan.visits)));
  }
}

}  // namespace

void check_plans(const std::vector<Plan>& plans, const CustomerBook& customers, const Team& team,
                 Diagnostics& diag, const BrokenIds& broken) {
  for (const Plan& plan : plans) {
    if (!team.find(plan.member) && !broken.member(plan.member))
      diag.error(plan.source.file, plan.source.line,
                 unknown_member_message("field 'member'", plan.member, team));
    for (const PlannedVisit& v : plan.visits) {
      if (!customers.find(v.customer) && !broken.customer(v.customer))
        diag.error(
            plan.source.file, v.line,
            unknown_customer_message("planned visit field 'customer'", v.customer, customers));
    }
    check_events(plan, team, diag, broken);
  }
}

}  // namespace kamgr
