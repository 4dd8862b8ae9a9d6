// The metric table (docs/kpi.md "Metrics"). Each computed metric's function lives with
// its kind of records: kpi_customers.cc (the customer book), kpi_activity.cc (visits and
// complaints), kpi_pipeline_metrics.cc (opportunities and orders, docs/pipeline.md "KPI
// metrics").
#include "kamgr/domain/kpi_metric_table.h"

#include <algorithm>

namespace kamgr {

RecordNeeds& RecordNeeds::operator|=(const RecordNeeds& other) {
  visits |= other.visits;
  windows |= other.windows;
  complaints |= other.complaints;
  prior_year |= other.prior_year;
  slas |= other.slas;
  opportunities |= other.opportunities;
  orders |= other.orders;
  return *this;
}

namespace {

constexpr RecordNeeds kCustomersOnly{};
constexpr RecordNeeds kWindows{.visits = true, .windows = true};
constexpr RecordNeeds kVisits{.visits = true};
constexpr RecordNeeds kComplaints{.complaints = true};
constexpr RecordNeeds kComplaintSlas{.complaints = true, .slas = true};
constexpr RecordNeeds kComplaintsClosed{.complaints = true, .prior_year = true};
constexpr RecordNeeds kOpportunities{.opportunities = true};
constexpr RecordNeeds kOrders{.orders = true};

using O = MetricOrigin;
using R = MetricRollup;

}  // namespace

const std::vector<MetricDefinition>& metric_table() {
  static const std::vector<MetricDefinition> table = {
      // id                     origin       lower  rollup  negative needs  compute
      {"sales",                 O::imported, false, R::sum,  true,  {}, nullptr},
      {"profit",                O::imported, false, R::sum,  true,  {}, nullptr},
      {"collection_rate",       O::imported, false, R::mean, false, {}, nullptr},
      {"visit_compliance",      O::computed, false, R::mean, false, kWindows,
       visit_compliance_metric},
      {"visit_timeliness",      O::computed, false, R::mean, false, kVisits,
       visit_timeliness_metric},
      {"new_customers",         O::computed, false, R::sum,  false, kCustomersOnly,
       new_customers_metric},
      {"complaint_rate",        O::computed, true,  R::mean, false, kComplaints,
       complaint_rate_metric},
      {"complaint_sla",         O::computed, false, R::mean, false, kComplaintSlas,
       complaint_sla_metric},
      {"csat",                  O::computed, false, R::mean, false, kComplaintsClosed,
       csat_metric},
      {"churn",                 O::computed, true,  R::sum,  false, kCustomersOnly,
       churn_metric},
      {"profile_completeness",  O::computed, false, R::mean, false, kCustomersOnly,
       profile_completeness_metric},
      // docs/pipeline.md "KPI metrics": counts and money are summed over the months of a
      // quarter or year, ratios averaged (targets; the actuals are computed over the whole
      // period, like every computed metric).
      {"opportunities",         O::computed, false, R::sum,  false, kOpportunities,
       opportunities_metric},
      {"win_rate",              O::computed, false, R::mean, false, kOpportunities,
       win_rate_metric},
      {"negotiation_win_rate",  O::computed, false, R::mean, false, kOpportunities,
       negotiation_win_rate_metric},
      {"proposal_approval",     O::computed, false, R::mean, false, kOpportunities,
       proposal_approval_metric},
      {"order_sales",           O::computed, false, R::sum,  false, kOrders,
       order_sales_metric},
  };
  return table;
}

const MetricDefinition* find_metric_definition(std::string_view id) {
  const auto& table = metric_table();
  auto it = std::find_if(table.begin(), table.end(),
                         [id](const MetricDefinition& m) { return m.id == id; });
  return it == table.end() ? nullptr : &*it;
}

RecordNeeds record_needs(const Config& config, const std::set<std::string>& metrics) {
  RecordNeeds needs;
  for (const std::string& id : metrics)
    if (const MetricDefinition* m = computed_definition(config, id)) needs |= m->needs;
  return needs;
}

const MetricDefinition* computed_definition(const Config& config, std::string_view metric) {
  if (metric == "sales" && config.kpi_sales_from == SalesFrom::orders)
    return find_metric_definition("order_sales");
  const MetricDefinition* m = find_metric_definition(metric);
  return m && m->origin == MetricOrigin::computed ? m : nullptr;
}

bool is_computed_metric(const Config& config, std::string_view metric) {
  return computed_definition(config, metric) != nullptr;
}

}  // namespace kamgr
