#pragma once
/// `visit plan adherence`: planned visits that happened / planned visits, in total and
/// by rep (docs/visits.md "Plans"). Pure: plans and visits in, counts out.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kamgr/domain/plan.h"

namespace kamgr {

/// The counts of one rep (or the total).
struct AdherenceTally {
  long planned = 0, happened = 0;
  std::vector<PlanOutcome> unmatched;  ///< the planned visits that did not happen
  /// happened / planned x 100 (2 decimals); nullopt with nothing planned.
  std::optional<double> rate() const;
  void add(const PlanOutcome& outcome);
};

struct AdherenceResult {
  std::map<std::string, AdherenceTally> by_rep;  ///< by the plan's member
  AdherenceTally total;
};

/// Judges the planned visits of `plans` dated in `period` whose ISO week ended before
/// `today` against `visits` (which must cover those weeks), and counts them.
AdherenceResult compute_plan_adherence(const std::vector<Plan>& plans, const Period& period,
                                       Date today, const VisitIndex& visits);

}  // namespace kamgr
