#include "kamgr/reports/visit_compliance.h"

namespace kamgr {

std::optional<double> ComplianceTally::rate() const { return percentage(met, required); }

std::optional<double> ComplianceTally::timeliness() const { return percentage(on_time, visits); }

void ComplianceTally::add(const RequiredWindow& w) {
  ++required;
  if (w.met)
    ++met;
  else
    missed.push_back(w.window);
  if (required == 1 || w.window.to >= last_end_) {
    owner = w.owner;
    tier = w.tier;
    last_end_ = w.window.to;
  }
}

void ComplianceTally::add_visit(bool in_time) {
  ++visits;
  on_time += in_time;
}

ComplianceResult compute_visit_compliance(const ComplianceInputs& in, GroupBy by) {
  ComplianceResult out;
  out.by = by;
  out.windows = required_windows(in.customers, in.config, in.period, in.today,
                                 VisitIndex(in.visits));
  auto key_of = [&](const std::string& member) {
    return by == GroupBy::team ? in.team.team_of(member) : member;
  };
  for (const RequiredWindow& w : out.windows) {
    out.rows[by == GroupBy::customer ? w.customer : key_of(w.owner)].add(w);
    out.total.add(w);
  }
  for (const Visit& v : in.visits) {
    if (!in.period.contains(v.date)) continue;
    const bool in_time = visit_on_time(v, in.config, in.calendar);
    out.total.add_visit(in_time);
    if (by != GroupBy::customer) out.rows[key_of(v.rep)].add_visit(in_time);
  }
  return out;
}

}  // namespace kamgr
