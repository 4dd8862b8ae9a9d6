#pragma once
/// `kpi run --by team`: each member with reports, their own KPI score and their direct
/// reports' scores rolled up (docs/kpi.md "By team"). Pure: KPIs in, rows out.
#include <optional>
#include <vector>

#include "kamgr/domain/collections.h"
#include "kamgr/domain/kpi.h"

namespace kamgr {

/// One member with reports.
struct TeamKpi {
  const Member* lead = nullptr;
  const MemberKpi* own = nullptr;  ///< nullptr when the lead has no target
  long members = 0;                ///< direct reports with a target
  long incomplete = 0;             ///< of those, with an incomplete KPI
  std::vector<double> scores;      ///< their KPI scores (unrounded), reporting order
  std::optional<double> mean() const;
  std::optional<double> min() const;
  std::optional<double> max() const;
};

/// The members with reports in reporting order (`reporting_order`: director first, then each manager followed by their reps), left out
/// when neither they nor any direct report has a target. `kpis` must outlive the rows.
std::vector<TeamKpi> roll_up_kpis(const Team& team, const std::vector<MemberKpi>& kpis);

}  // namespace kamgr
