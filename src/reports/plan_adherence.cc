#include "kamgr/reports/plan_adherence.h"

namespace kamgr {

std::optional<double> AdherenceTally::rate() const { return percentage(happened, planned); }

void AdherenceTally::add(const PlanOutcome& outcome) {
  ++planned;
  if (outcome.happened)
    ++happened;
  else
    unmatched.push_back(outcome);
}

AdherenceResult compute_plan_adherence(const std::vector<Plan>& plans, const Period& period,
                                       Date today, const VisitIndex& visits) {
  AdherenceResult out;
  for (const PlanOutcome& outcome : plan_adherence(plans, period, today, visits)) {
    out.by_rep[outcome.member].add(outcome);
    out.total.add(outcome);
  }
  return out;
}

}  // namespace kamgr
