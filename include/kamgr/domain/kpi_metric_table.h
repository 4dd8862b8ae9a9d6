#pragma once
/// The metric table: every KPI metric kamgr knows, defined once (docs/kpi.md "Metrics").
/// Adding a metric is one entry in kpi_metric_table.cc and, for a computed one, its
/// function. Metrics a team adds in kamgr.yaml (`kpi.metrics`) are not in the table:
/// they are imported, averaged over the months of a quarter or year, and may be negative
/// unless their ID ends in `_rate`.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kamgr/domain/kpi_metrics.h"

namespace kamgr {

/// Where a metric's actual comes from.
enum class MetricOrigin {
  imported,  ///< typed in or imported (`kpi actual set|import`)
  computed,  ///< computed from the records; an actual for it in a file is refused
};

/// How a quarter's or a year's figure comes from its months (docs/kpi.md "Quarters and
/// years").
enum class MetricRollup { sum, mean };

/// The records a computed metric reads besides the customer book; the KPI engine loads
/// only what the metrics with a target need.
struct RecordNeeds {
  bool visits = false;      ///< visits from `visits_needed_from` to the period's end
  bool windows = false;     ///< the period's required visit windows (needs visits)
  bool complaints = false;  ///< complaints received in the period's years
  bool prior_year = false;  ///< complaints of the year before too (closed in the period)
  bool slas = false;        ///< each complaint's SLA as of now (needs complaints)
  bool opportunities = false;  ///< every opportunity opened up to the period's end
  bool orders = false;         ///< the orders dated in the period

  /// What both `*this` and `other` need.
  RecordNeeds& operator|=(const RecordNeeds& other);
};

/// One metric.
struct MetricDefinition {
  std::string_view id;
  MetricOrigin origin = MetricOrigin::imported;
  /// The natural direction; the embedded default configuration uses it, a `kpi.metrics`
  /// entry in kamgr.yaml says its own (`better: higher` when it says nothing).
  bool lower_is_better = false;
  MetricRollup rollup = MetricRollup::mean;
  bool may_be_negative = false;  ///< money may be; counts and percentages may not
  RecordNeeds needs;             ///< computed metrics only
  /// The computation (computed metrics only): its value for a member's scope.
  ComputedMetric (*compute)(const KpiRecords&, const MemberScope&) = nullptr;
};

/// Every metric kamgr defines: the imported built-ins (`sales`, `profit`,
/// `collection_rate`), then the computed ones, in the order reports list them.
const std::vector<MetricDefinition>& metric_table();

/// The table's entry for `id`; nullptr for a metric the table does not define.
const MetricDefinition* find_metric_definition(std::string_view id);

/// What the computed metrics among `metrics` read, together, under `config`: with
/// `kpi.sales_from: orders`, `sales` reads the orders.
RecordNeeds record_needs(const Config& config, const std::set<std::string>& metrics);

/// The entry that computes `metric` under `config` (docs/pipeline.md "KPI metrics"): the
/// table's own for a computed metric, `order_sales`'s for `sales` with
/// `kpi.sales_from: orders`; nullptr for an imported metric.
const MetricDefinition* computed_definition(const Config& config, std::string_view metric);

/// True when `metric` is computed under `config` (an actual for it is refused): the
/// table's computed metrics, and `sales` with `kpi.sales_from: orders`.
bool is_computed_metric(const Config& config, std::string_view metric);

}  // namespace kamgr
