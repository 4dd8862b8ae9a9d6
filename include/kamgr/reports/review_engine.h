#pragma once
/// Reviews against the data directory: the KPI engine's figures behind a result, and the
/// `check` of review files (including a recomputation of every published result).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kamgr/domain/integrity.h"
#include "kamgr/domain/review_score.h"
#include "kamgr/reports/kpi_engine.h"
#include "kamgr/store/repository.h"

namespace kamgr {

/// The KPI answers for a period at an instant, by member; each (period, instant) is
/// computed once.
class KpiCache {
 public:
  explicit KpiCache(const Repository& repo) : repo_(repo) {}
  /// The member's KPI for `period` as the data stood at `at`; nullptr when the engine
  /// has nothing for them (no target).
  const MemberKpi* get(const Period& period, const std::string& member, Instant at);

 private:
  const Repository& repo_;
  std::map<std::pair<std::string, int64_t>, std::map<std::string, MemberKpi>> cache_;
};

/// Copies the KPI score, completeness and the metrics with a target from the engine's
/// answer into `in` (`kpi` nullptr: no KPI score, incomplete).
void take_kpi(const MemberKpi* kpi, ResultInputs& in);

/// What a result would be if `review` were finalized at `at` with the records as they
/// stand now (its own events before finalizing; other reviews as of `at`).
ReviewResult recompute_result(const std::vector<Review>& all, const Review& review, Instant at,
                              KpiCache& kpis, const Config& config);

/// `check` for reviews: loads every review folder, checks members and actors against
/// the team, and warns where a published result differs from a recomputation at its
/// finalizing time (the published result stands).
void check_reviews(const Repository& repo, const Team& team, Diagnostics& diag,
                   const BrokenIds& broken = {});

}  // namespace kamgr
