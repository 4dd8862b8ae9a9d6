#pragma once
/// The computed KPI metrics (docs/kpi.md "The metrics"): each is a figure for one member over one
/// period, with the records behind it for `kpi explain`. Pure: records in, results out.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/period.h"
#include "kamgr/domain/collections.h"
#include "kamgr/domain/complaint.h"
#include "kamgr/domain/compliance.h"
#include "kamgr/domain/config.h"
#include "kamgr/domain/kpi_index.h"
#include "kamgr/domain/pipeline.h"

namespace kamgr {

/// Whose customers a member's computed metrics cover: a rep's (or anyone else's) own;
/// a manager's own and their reps'; a director's the whole team.
struct MemberScope {
  std::string member;
  bool everyone = false;
  std::vector<std::string> members;  ///< sorted; includes `member`
  /// True when a customer owned by `owner` (or a visit by rep `owner`) counts.
  bool covers(const std::string& owner) const;
};
MemberScope scope_of(const Team& team, const std::string& member);

/// One record behind a computed figure.
struct KpiInput {
  std::string kind;     ///< window_met, window_missed, visit_on_time, visit_late, ...
  std::string subject;  ///< the customer, visit or complaint
  std::string detail;   ///< what about it counted, in words
  Source source;
  bool counted = true;  ///< false for records shown but left out (pending complaints)
};

/// A computed metric's value (unrounded; nullopt when there is no data) and its basis.
struct ComputedMetric {
  std::optional<double> value;
  std::string basis;  ///< `7 of 8 windows met`
  std::vector<KpiInput> inputs;
  bool keep_inputs = true;  ///< false when only the value is wanted (`kpi run`)
  /// Adds the input `make()` returns, when inputs are kept.
  template <class Make>
  void note(Make&& make) {
    if (keep_inputs) inputs.push_back(make());
  }
};

/// What the computed metrics read, loaded once for a period and shared by all members.
struct KpiRecords {
  const Config* config = nullptr;
  const CustomerBook* customers = nullptr;
  Period period;
  Instant now;
  /// Working days (for working-day entry deadlines and complaint SLAs).
  WorkCalendar calendar;
  /// The required visit windows of the period (compliance.h `required_windows`).
  std::vector<RequiredWindow> windows;
  /// Visits from `visits_needed_from` to the end of the period, recorded by now.
  std::vector<Visit> visits;
  /// Complaints received by now that can matter for the period (received in its years,
  /// or the year before for `csat`).
  std::vector<Complaint> complaints;
  /// Their SLA as of now, same order (filled only when `complaint_sla` is needed).
  std::vector<ComplaintSla> slas;
  /// Opportunities opened up to the end of the period (their events are read up to now),
  /// when a pipeline metric is needed.
  std::vector<Opportunity> opportunities;
  /// Orders dated in the period, when `order_sales` (or `sales` from orders) is needed.
  std::vector<Order> orders;
  /// False when only values are wanted: the metrics then skip their inputs.
  bool keep_inputs = true;

  /// The part of the period that has happened as of now: its first day to the earlier of
  /// its last day and today. Customer facts (`since`, losses, who owns what "at the end
  /// of the period") are read in it, so a report run during the period counts a first
  /// deal or a loss dated later only once that day has come (docs/kpi.md "The metrics":
  /// data as it stood then). Empty (to < from) when now is before the period.
  Period known_period() const {
    return Period{period.kind, period.from,
                  std::min(period.to, now.local_date(config->timezone))};
  }

  /// An empty result that keeps inputs as `keep_inputs` says.
  ComputedMetric new_metric() const {
    ComputedMetric m;
    m.keep_inputs = keep_inputs;
    return m;
  }

  /// The index every member's metrics share; built on first use, so the records above
  /// must not change once a metric has been computed.
  const KpiIndex& index() const { return index_.of(*this); }

 private:
  LazyKpiIndex index_;
};

/// The value of computed `metric` for `scope` (docs/kpi.md "The metrics"):
/// - `visit_compliance`: met / required windows whose owner (on the window's last day)
///   the scope covers, x 100;
/// - `visit_timeliness`: on-time / visits dated in the period whose rep it covers, x 100;
/// - `new_customers`: customers whose `since` is in the period, owned then by it;
/// - `complaint_rate`: of the active customers it owns at the end of the period, the %
///   with a complaint received in the period while it owned them;
///   (customer facts as of now: see `KpiRecords::known_period`)
/// - `complaint_sla`: % of complaints received in the period about customers it owned
///   then, with every SLA part met (those with a pending part and none breached are
///   left out);
/// - `csat`: mean csat of complaints closed in the period about customers it owned then;
/// - `churn`: customers that became lost in the period while it owned them;
/// - `profile_completeness`: mean % of `customers.required_fields` filled over the active
///   customers it owns at the end of the period.
ComputedMetric compute_metric(const std::string& metric, const KpiRecords& records,
                              const MemberScope& scope);

ComputedMetric new_customers_metric(const KpiRecords& records, const MemberScope& scope);
ComputedMetric churn_metric(const KpiRecords& records, const MemberScope& scope);
ComputedMetric profile_completeness_metric(const KpiRecords& records, const MemberScope& scope);
ComputedMetric visit_compliance_metric(const KpiRecords& records, const MemberScope& scope);
ComputedMetric visit_timeliness_metric(const KpiRecords& records, const MemberScope& scope);
ComputedMetric complaint_rate_metric(const KpiRecords& records, const MemberScope& scope);
ComputedMetric complaint_sla_metric(const KpiRecords& records, const MemberScope& scope);
ComputedMetric csat_metric(const KpiRecords& records, const MemberScope& scope);

/// The pipeline's metrics (docs/pipeline.md "KPI metrics"), each counted for the owner on
/// the date concerned (the owner at the end of that local day; nothing after now):
/// - `opportunities`: opportunities opened in the period, owned that day by the scope;
/// - `win_rate`: won / (won + lost) x 100 over the `won` and `lost` events in the period;
/// - `negotiation_win_rate`: won / (won + lost after reaching negotiation) x 100;
/// - `proposal_approval`: of the opportunities whose first proposal review is dated in
///   the period, the % where it approved;
/// - `order_sales`: the amounts of the scope's orders dated in the period (up to today),
///   lines in force at the end of the period or now, if earlier.
/// Ratios with a zero denominator have no value.
ComputedMetric opportunities_metric(const KpiRecords& records, const MemberScope& scope);
ComputedMetric win_rate_metric(const KpiRecords& records, const MemberScope& scope);
ComputedMetric negotiation_win_rate_metric(const KpiRecords& records, const MemberScope& scope);
ComputedMetric proposal_approval_metric(const KpiRecords& records, const MemberScope& scope);
ComputedMetric order_sales_metric(const KpiRecords& records, const MemberScope& scope);

/// The dates in the period on which `customer` became lost (its status on the day
/// before was not lost), oldest first.
std::vector<Date> loss_dates(const Customer& customer, const Period& period);

}  // namespace kamgr
