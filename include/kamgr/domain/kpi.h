#pragma once
/// KPI figures (docs/kpi.md): the metrics kamgr knows, the targets and actuals files as
/// records, latest-wins resolution, quarter and year aggregation, and scoring. Pure:
/// records in, results out.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kamgr/core/period.h"
#include "kamgr/domain/collections.h"
#include "kamgr/domain/config.h"
#include "kamgr/domain/records.h"

namespace kamgr {

/// The metrics kamgr computes from the records (docs/kpi.md "The metrics"); every other
/// metric is imported (`kpi actual set|import`).
const std::vector<std::string>& computed_metrics();
bool is_computed_metric(const std::string& metric);
/// Metrics whose quarter and year figures are the sum of the months' (docs/kpi.md
/// "Quarters and years"); the others are averaged. Also the metrics `kpi target check` adds up.
bool is_additive_metric(const std::string& metric);
/// The metrics a targets or actuals file may name: the configured ones (`kpi.metrics`),
/// the computed ones, and `sales`, `profit`, `collection_rate`.
std::vector<std::string> known_metrics(const Config& config);
bool is_known_metric(const Config& config, const std::string& metric);
/// Counts and percentages cannot be negative; money (`sales`, `profit`, unlisted
/// metrics) can.
bool may_be_negative(const std::string& metric);
/// The weight (0 when not configured) and direction of a metric.
double metric_weight(const Config& config, const std::string& metric);
bool lower_is_better(const Config& config, const std::string& metric);

enum class KpiKind { targets, actuals };
/// `targets` or `actuals` (also the file name without `.yaml`).
const char* kpi_kind_name(KpiKind kind);

/// One item of a kpi file's `entries`: a member and metric values, in file order.
struct KpiEntry {
  std::string member;
  std::vector<std::pair<std::string, double>> values;
  int line = 0;
};

/// kpi/<period>/targets.yaml or actuals.yaml.
struct KpiFile {
  std::string period;  ///< the folder name: 2026-10, 2026-Q4 or 2026
  KpiKind kind = KpiKind::targets;
  std::vector<KpiEntry> entries;  ///< oldest first
  std::string file;               ///< relative to the data directory
};

/// The problem with `value` for `metric` in a file of `kind`, or std::nullopt when it
/// is acceptable: no negative counts or percentages; a target <= 0 for a
/// higher-is-better metric is refused (docs/kpi.md "The files").
std::optional<std::string> kpi_value_problem(const Config& config, KpiKind kind,
                                             const std::string& metric, double value);

/// A member's target or actual for one metric, and the entries behind it.
struct KpiFigure {
  double value = 0;
  std::vector<Source> sources;   ///< the entry it came from, or one per month summed/averaged
  std::vector<double> parts;     ///< the value of each source
  std::vector<Source> replaced;  ///< earlier entries for the same member and metric
  std::vector<double> replaced_values;
  /// Months it was aggregated from (`2026-07`...); empty when read from the period's file.
  std::vector<std::string> months;
  bool summed = false;  ///< aggregated by sum (else by mean) when `months` is set
};

/// (member, metric) -> figure.
using KpiTable = std::map<std::pair<std::string, std::string>, KpiFigure>;

/// The values of one file: per member and metric the latest entry wins.
KpiTable latest_values(const KpiFile& file);

/// The figures of `period` (docs/kpi.md "Quarters and years"): a month's are its own
/// file's. A quarter's or a year's come, per member and metric, from the period's own
/// file when it has them, else from its months: summed for additive metrics, else
/// averaged over the months that have a value. `months` maps month names (`2026-10`) to their tables.
KpiTable resolve_figures(const Period& period, const KpiTable& own,
                         const std::map<std::string, KpiTable>& months);

/// The month names (`2026-10`) of a month, quarter or year.
std::vector<std::string> months_of(const Period& period);

/// One metric of one member for a period, scored.
struct MetricScore {
  std::string metric;
  double weight = 0;
  bool lower_is_better = false;
  bool computed = false;               ///< computed from records (else imported)
  std::optional<double> target;
  std::optional<double> actual;        ///< unrounded (render with 2 decimals)
  std::optional<double> achievement;   ///< percent, 2 decimals (halves up)
  std::optional<double> score;         ///< min(achievement, cap), 2 decimals (halves up)
};

/// One member's KPI for a period.
struct MemberKpi {
  std::string member;
  std::string name;
  bool complete = true;              ///< false when a weighted imported metric lacks an actual
  /// Weighted mean of the (unrounded) scores, unrounded so a review's total rounds once;
  /// reports show it to 2 decimals. nullopt when no metric counts.
  std::optional<double> kpi_score;
  std::vector<MetricScore> metrics;
  /// Why it is incomplete: `sales` (no actual) or `sales 2026-07` (a month of a quarter
  /// or year without an actual).
  std::vector<std::string> missing;
};

/// Achievement and score of one metric (unrounded): actual / target x 100, or for a
/// lower-is-better metric target / actual x 100 and the cap when actual <= 0; score =
/// min(achievement, cap). Both nullopt without a target or an actual, or with a target
/// of 0 for a higher-is-better metric.
struct Achievement {
  std::optional<double> achievement;
  std::optional<double> score;
};
Achievement achievement_of(std::optional<double> target, std::optional<double> actual,
                           bool lower_is_better, double cap);

/// Fills achievement and score of every metric and the member's KPI score: the mean of
/// the unrounded scores of metrics with a target and an actual, weighted by `weight`
/// (kept unrounded); nullopt when their weights add up to 0. Each metric's achievement
/// and score are stored rounded to 2 decimals, halves up.
/// A metric with weight > 0 that is not computed, with a target and no actual, is added
/// to `missing`; `complete` is true when `missing` is empty (the caller may have added
/// months of a quarter or year without an actual before).
void score_member(MemberKpi& kpi, double cap);

/// Members in reporting order: each member without a (known) manager, by ID, followed
/// depth-first by the members reporting to them, by ID.
std::vector<const Member*> reporting_order(const Team& team);

/// One step of the target cascade (`kpi target check`, docs/kpi.md "Commands"): a
/// member's target for an additive metric against the sum of the targets of the members
/// reporting to them.
struct CascadeCheck {
  std::string member;
  std::string metric;
  std::optional<double> target;
  double sum = 0;
  std::vector<std::string> counted;  ///< reports with a target
  std::vector<std::string> without;  ///< active reports without one
  /// The member has no target while reports do, or target and sum differ by >= 0.005.
  bool gap() const;
};

/// The cascade of `targets`: for every member with reports (in reporting order) and
/// every additive metric that they or a report have a target for.
std::vector<CascadeCheck> check_cascade(const Team& team, const KpiTable& targets);

}  // namespace kamgr
