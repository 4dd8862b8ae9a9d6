#pragma once
/// The KPI engine (docs/kpi.md "Scores"): targets, actuals and computed metrics of every
/// member for a period, scored. Reviews call `compute_kpis` for the KPI score behind a
/// review (docs/reviews.md "How the result is computed").
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/period.h"
#include "kamgr/domain/kpi.h"
#include "kamgr/domain/kpi_metrics.h"
#include "kamgr/store/kpi_sources.h"

namespace kamgr {

// MetricScore and MemberKpi are declared in kamgr/domain/kpi.h.

/// The KPIs of every member with a target in the sources' period (or only `member`), as
/// the data stood at `now`: records recorded after `now` are left out. `sources` are
/// loaded by store/kpi_sources.h (for `member`, or for everyone). Members come director
/// first, then each manager followed by their reps; metrics in `kpi.metrics` order, then
/// the others by name. Throws Error (exit 2) for an unknown `member` (a known member
/// without targets gets an entry without metrics).
std::vector<MemberKpi> compute_kpis(const KpiSources& sources, Instant now,
                                    const std::optional<std::string>& member);

/// One metric of a member with everything behind it.
struct MetricExplanation {
  MetricScore score;
  std::optional<KpiFigure> target;
  std::optional<KpiFigure> actual;  ///< imported metrics
  std::string basis;                ///< computed metrics: `7 of 8 windows met`
  std::vector<KpiInput> inputs;     ///< computed metrics: the records counted
};

/// A member's KPI with the inputs behind every metric (`kamgr kpi explain`): the metrics
/// with a target, then imported actuals without one.
struct KpiExplanation {
  MemberKpi kpi;
  MemberScope scope;
  std::vector<MetricExplanation> metrics;  ///< same order as kpi.metrics, then the rest
};
KpiExplanation explain_kpi(const KpiSources& sources, Instant now, const std::string& member);

}  // namespace kamgr
