#pragma once
/// `visit compliance`: required windows met and entry timeliness over a period, grouped
/// by customer, rep or team (docs/visits.md "Compliance" and "Entry timeliness"). Pure:
/// loaded records in, counts out.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/calendar.h"
#include "kamgr/core/period.h"
#include "kamgr/domain/collections.h"
#include "kamgr/domain/compliance.h"
#include "kamgr/domain/config.h"
#include "kamgr/reports/grouping.h"

namespace kamgr {

/// The counts of one row (or the total).
struct ComplianceTally {
  long required = 0, met = 0;  ///< required windows, and those with a visit
  long visits = 0, on_time = 0;  ///< visits dated in the period, and those entered in time
  std::vector<Window> missed;    ///< the required windows without a visit, in order
  /// By customer: the owner and tier on the last day of the window ending last.
  std::string owner, tier;

  /// met / required x 100 (2 decimals); nullopt without a required window.
  std::optional<double> rate() const;
  /// on_time / visits x 100 (2 decimals); nullopt without a visit.
  std::optional<double> timeliness() const;
  /// Counts `window` (its owner and tier when it ends last so far).
  void add(const RequiredWindow& window);
  /// Counts a visit dated in the period.
  void add_visit(bool in_time);

 private:
  Date last_end_{};
};

/// What the report reads: the customer book and team, the configuration, the
/// calendar, and the visits recorded by now from `visits_needed_from` to the period's end.
struct ComplianceInputs {
  const CustomerBook& customers;
  const Team& team;
  const Config& config;
  const WorkCalendar& calendar;
  const std::vector<Visit>& visits;
  Period period;
  Date today;  ///< windows ending on or after today are not judged yet
};

/// The report: one tally per group key (customer ID, rep ID, or the team's lead), the
/// total, and the windows behind them (for the HTML page).
struct ComplianceResult {
  GroupBy by = GroupBy::customer;
  std::map<std::string, ComplianceTally> rows;  ///< by key
  ComplianceTally total;
  std::vector<RequiredWindow> windows;
};

/// Groups the period's required windows by customer, by owner (on the window's last day)
/// or by the owner's team, and (by rep or team) the period's visits by rep; the total
/// counts every window and visit. By customer, rows have no visit counts.
ComplianceResult compute_visit_compliance(const ComplianceInputs& in, GroupBy by);

}  // namespace kamgr
