#pragma once
/// Loading everything a period's KPIs are computed from (docs/kpi.md "Scores"), once,
/// so that the KPI engine (reports/kpi_engine.h) is a function of loaded records: the
/// team, the customer book, the period's targets and actuals, and - only when a computed
/// metric with a target reads them - the calendar, the visits, the complaints, the
/// opportunities and the orders.
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kamgr/core/calendar.h"
#include "kamgr/core/period.h"
#include "kamgr/domain/collections.h"
#include "kamgr/domain/complaint.h"
#include "kamgr/domain/kpi_metric_table.h"
#include "kamgr/domain/pipeline.h"
#include "kamgr/store/kpi_files.h"
#include "kamgr/store/repository.h"

namespace kamgr {

struct KpiSources {
  const Config* config = nullptr;
  Period period;
  Team team{{}};
  CustomerBook customers{{}};
  KpiFigures figures;
  /// What `visits`, `complaints` and `calendar` were loaded for (see kpi_record_needs).
  RecordNeeds needs;
  WorkCalendar calendar;
  /// Visits dated from `visits_needed_from(config, period)` to the period's end, as on
  /// disk (recorded at any time).
  std::vector<Visit> visits;
  /// Complaints received in the period's years (and the year before when `prior_year`).
  std::vector<Complaint> complaints;
  /// Opportunities opened up to the period's last year (when `needs.opportunities`).
  std::vector<Opportunity> opportunities;
  /// Orders dated in the period (when `needs.orders`).
  std::vector<Order> orders;
};

/// The computed metrics with a target in `figures`, for `member` only or for everyone,
/// under `config` (`sales` is computed with `kpi.sales_from: orders`).
std::set<std::string> targeted_computed_metrics(const Config& config, const KpiFigures& figures,
                                                const std::optional<std::string>& member);

/// Loads the sources of `period`'s KPIs (for `member` only, when given: records no other
/// member's metrics need are not read). Problems in the files go to the repository's
/// Diagnostics. Throws Error (exit 2) for a period that is not a month, quarter or year.
KpiSources load_kpi_sources(const Repository& repo, const Period& period,
                            const std::optional<std::string>& member = std::nullopt);

/// A loader of every member's sources by period, reading `repo` (which must outlive it).
std::function<KpiSources(const Period&)> kpi_sources_loader(const Repository& repo);

}  // namespace kamgr
