#pragma once
/// The KPI engine (contract 5 "KPI"): targets, actuals and computed metrics of every
/// member for a period, scored. OWNER: issue #5 implements it; reviews (issue #6) call
/// `compute_kpis` for the KPI score behind a review.
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/period.h"
#include "kamgr/store/repository.h"

namespace kamgr {

/// One metric of one member for a period.
struct MetricScore {
  std::string metric;
  double weight = 0;
  bool lower_is_better = false;
  bool computed = false;               ///< computed from records (else imported)
  std::optional<double> target;
  std::optional<double> actual;
  std::optional<double> achievement;   ///< percent, 2 decimals
  std::optional<double> score;         ///< min(achievement, cap)
};

/// One member's KPI for a period.
struct MemberKpi {
  std::string member;
  std::string name;
  bool complete = true;              ///< false when a weighted imported metric lacks an actual
  std::optional<double> kpi_score;   ///< weighted mean of scores; nullopt when none
  std::vector<MetricScore> metrics;
};

/// The KPIs of every member with a target in `period` (or only `member`), as the data
/// stood at `now`. Problems in the records it reads go to the repository's Diagnostics.
std::vector<MemberKpi> compute_kpis(const Repository& repo, const Period& period, Instant now,
                                    const std::optional<std::string>& member);

}  // namespace kamgr
