#include "kamgr/reports/kpi_engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "kamgr/domain/compliance.h"
#include "kamgr/domain/integrity.h"

namespace kamgr {

namespace {

/// The records of `sources` as they stood at `now`, with what the computed `metrics`
/// derive from them: the visits and complaints recorded by now, the period's required
/// windows, each complaint's SLA as of now; the opportunities and orders (whose metrics
/// read their events up to now themselves).
void take_records(const KpiSources& sources, const std::set<std::string>& metrics, Instant now,
                  KpiRecords& r) {
  const RecordNeeds needs = record_needs(*r.config, metrics);
  if (needs.opportunities) r.opportunities = sources.opportunities;
  if (needs.orders) r.orders = sources.orders;
  if (!needs.visits && !needs.complaints) return;
  r.calendar = sources.calendar;
  if (needs.visits) {
    for (const Visit& v : sources.visits)
      if (v.recorded_at <= now) r.visits.push_back(v);
    if (needs.windows)
      r.windows = required_windows(*r.customers, *r.config, r.period,
                                   now.local_date(r.config->timezone), VisitIndex(r.visits));
  }
  if (needs.complaints) {
    for (const Complaint& c : sources.complaints)
      if (c.received_at <= now) r.complaints.push_back(c);
    if (needs.slas)
      for (const Complaint& c : r.complaints)
        r.slas.push_back(evaluate_sla(c, *r.config, r.calendar, now));
  }
}

/// A period's KPIs computed from its loaded sources, as the data stood at `now`.
class Engine {
 public:
  Engine(const KpiSources& sources, Instant now)
      : sources_(sources), config_(*sources.config), team_(sources.team),
        figures_(sources.figures) {
    records_.config = &config_;
    records_.customers = &sources.customers;
    records_.period = sources.period;
    records_.now = now;
  }

  const Team& team() const { return team_; }

  /// Computes values only: the metrics skip the inputs `kpi explain` shows.
  void values_only() { records_.keep_inputs = false; }

  /// The members with a target, in reporting order; or `only`.
  std::vector<const Member*> members(const std::optional<std::string>& only) const {
    if (only) {
      const Member* m = team_.find(*only);
      if (!m) throw input_error(unknown_member_message("--member", *only, team_));
      return {m};
    }
    std::set<std::string> with_targets;
    for (const auto& [key, _] : figures_.targets) with_targets.insert(key.first);
    std::vector<const Member*> out;
    for (const Member* m : reporting_order(team_))
      if (with_targets.count(m->id)) out.push_back(m);
    return out;
  }

  /// Loads the records the computed metrics with a target of `members` need.
  void prepare(const std::vector<const Member*>& members) {
    std::set<std::string> needed;
    for (const Member* m : members)
      for (const std::string& metric : metrics_of(m->id, false))
        if (is_computed_metric(config_, metric)) needed.insert(metric);
    take_records(sources_, needed, records_.now, records_);
  }

  /// The member's metrics: those with a target, in config order then by name; with
  /// `with_actuals` also imported actuals without a target.
  std::vector<std::string> metrics_of(const std::string& member, bool with_actuals) const {
    std::set<std::string> names;
    for (auto it = figures_.targets.lower_bound({member, ""});
         it != figures_.targets.end() && it->first.first == member; ++it)
      names.insert(it->first.second);
    std::vector<std::string> out;
    for (const auto& [metric, _] : config_.kpi_metrics)
      if (names.erase(metric)) out.push_back(metric);
    out.insert(out.end(), names.begin(), names.end());
    if (with_actuals)
      for (auto it = figures_.actuals.lower_bound({member, ""});
           it != figures_.actuals.end() && it->first.first == member; ++it)
        if (std::find(out.begin(), out.end(), it->first.second) == out.end())
          out.push_back(it->first.second);
    return out;
  }

  KpiExplanation explain(const Member& member, bool with_actuals) const {
    KpiExplanation x;
    x.kpi.member = member.id;
    x.kpi.name = member.name;
    x.scope = scope_of(team_, member.id);
    for (const std::string& metric : metrics_of(member.id, with_actuals))
      x.metrics.push_back(explain_metric(member.id, metric, x.scope, x.kpi.missing));
    for (const MetricExplanation& m : x.metrics) x.kpi.metrics.push_back(m.score);
    score_member(x.kpi, config_.kpi_cap);
    for (size_t i = 0; i < x.metrics.size(); ++i) x.metrics[i].score = x.kpi.metrics[i];
    if (with_actuals)  // the score counts only metrics with a target
      std::erase_if(x.kpi.metrics, [](const MetricScore& s) { return !s.target; });
    return x;
  }

 private:
  MetricExplanation explain_metric(const std::string& member, const std::string& metric,
                                   const MemberScope& scope,
                                   std::vector<std::string>& missing) const {
    MetricExplanation x;
    MetricScore& s = x.score;
    s.metric = metric;
    s.weight = metric_weight(config_, metric);
    s.lower_is_better = lower_is_better(config_, metric);
    s.computed = is_computed_metric(config_, metric);
    if (auto t = figures_.targets.find({member, metric}); t != figures_.targets.end()) {
      x.target = t->second;
      s.target = t->second.value;
    }
    if (s.computed) {
      // `sales` under `kpi.sales_from: orders` is `order_sales` (docs/pipeline.md "KPI metrics").
      const MetricDefinition* d = computed_definition(config_, metric);
      ComputedMetric c = d->compute ? d->compute(records_, scope) : ComputedMetric{};
      s.actual = c.value;
      x.basis = d->id == metric ? std::move(c.basis)
                                : fmt::format("{} ({}, kpi.sales_from: orders)", c.basis, d->id);
      x.inputs = std::move(c.inputs);
    } else if (auto a = figures_.actuals.find({member, metric}); a != figures_.actuals.end()) {
      x.actual = a->second;
      s.actual = a->second.value;
      if (s.weight > 0 && x.target)
        for (const std::string& month : missing_months(*x.target, a->second)) {
          missing.push_back(metric + " " + month);
          x.inputs.push_back({"actual_missing", "", month + ": no actual",
                              {kpi_file_path(month, KpiKind::actuals), 0}, false});
        }
    }
    return x;
  }

  /// The months of an aggregated actual that lack a value while a target expects one.
  std::vector<std::string> missing_months(const KpiFigure& target, const KpiFigure& actual) const {
    if (actual.months.empty()) return {};
    const std::vector<std::string> expected =
        target.months.empty() ? months_of(records_.period) : target.months;
    std::vector<std::string> out;
    for (const std::string& m : expected)
      if (std::find(actual.months.begin(), actual.months.end(), m) == actual.months.end())
        out.push_back(m);
    return out;
  }

  const KpiSources& sources_;
  const Config& config_;
  const Team& team_;
  const KpiFigures& figures_;
  KpiRecords records_;
};

}  // namespace

std::vector<MemberKpi> compute_kpis(const KpiSources& sources, Instant now,
                                    const std::optional<std::string>& member) {
  Engine engine(sources, now);
  engine.values_only();
  const auto members = engine.members(member);
  engine.prepare(members);
  std::vector<MemberKpi> out;
  for (const Member* m : members) out.push_back(engine.explain(*m, false).kpi);
  return out;
}

KpiExplanation explain_kpi(const KpiSources& sources, Instant now, const std::string& member) {
  Engine engine(sources, now);
  const auto members = engine.members(member);
  engine.prepare(members);
  return engine.explain(*members.front(), true);
}

}  // namespace kamgr
