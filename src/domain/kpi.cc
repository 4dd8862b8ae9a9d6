#include "kamgr/domain/kpi.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "kamgr/core/rounding.h"
#include "kamgr/domain/kpi_metric_table.h"

namespace kamgr {

const std::vector<std::string>& computed_metrics() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const MetricDefinition& m : metric_table())
      if (m.origin == MetricOrigin::computed) out.emplace_back(m.id);
    return out;
  }();
  return names;
}

bool is_computed_metric(const std::string& metric) {
  const MetricDefinition* m = find_metric_definition(metric);
  return m && m->origin == MetricOrigin::computed;
}

bool is_additive_metric(const std::string& metric) {
  const MetricDefinition* m = find_metric_definition(metric);
  return m && m->rollup == MetricRollup::sum;
}

std::vector<std::string> known_metrics(const Config& config) {
  std::vector<std::string> out;
  auto add = [&out](std::string_view m) {
    if (std::find(out.begin(), out.end(), m) == out.end()) out.emplace_back(m);
  };
  for (const auto& [name, _] : config.kpi_metrics) add(name);
  for (const MetricDefinition& m : metric_table()) add(m.id);
  return out;
}

bool is_known_metric(const Config& config, const std::string& metric) {
  const auto known = known_metrics(config);
  return std::find(known.begin(), known.end(), metric) != known.end();
}

bool may_be_negative(const std::string& metric) {
  if (const MetricDefinition* m = find_metric_definition(metric)) return m->may_be_negative;
  return !(metric.size() > 5 && metric.compare(metric.size() - 5, 5, "_rate") == 0);
}

double metric_weight(const Config& config, const std::string& metric) {
  const MetricConfig* m = config.metric(metric);
  return m ? m->weight : 0;
}

bool lower_is_better(const Config& config, const std::string& metric) {
  const MetricConfig* m = config.metric(metric);
  return m && m->lower_is_better;
}

const char* kpi_kind_name(KpiKind kind) {
  return kind == KpiKind::targets ? "targets" : "actuals";
}

std::optional<std::string> kpi_value_problem(const Config& config, KpiKind kind,
                                             const std::string& metric, double value) {
  const bool lower = lower_is_better(config, metric);
  if (kind == KpiKind::targets && !lower && value <= 0)
    return fmt::format("target {} for {} must be above 0 (higher is better: achievement = "
                       "actual / target)",
                       value, metric);
  if (value < 0 && (!may_be_negative(metric) || (kind == KpiKind::targets && lower)))
    return fmt::format("{} {} cannot be negative", metric, value);
  return std::nullopt;
}

KpiTable latest_values(const KpiFile& file) {
  KpiTable table;
  for (const KpiEntry& e : file.entries)
    for (const auto& [metric, value] : e.values) {
      auto [it, inserted] = table.try_emplace({e.member, metric});
      KpiFigure& f = it->second;
      if (!inserted) {
        f.replaced.insert(f.replaced.end(), f.sources.begin(), f.sources.end());
        f.replaced_values.push_back(f.value);
      }
      f.value = value;
      f.sources = {Source{file.file, e.line}};
      f.parts = {value};
    }
  return table;
}

std::vector<std::string> months_of(const Period& period) {
  std::vector<std::string> out;
  for (Date m = add_months_first(period.from, 0); m <= period.to; m = add_months_first(m, 1))
    out.push_back(fmt::format("{:04}-{:02}", m.year(), m.month()));
  return out;
}

KpiTable resolve_figures(const Period& period, const KpiTable& own,
                         const std::map<std::string, KpiTable>& months) {
  if (period.kind == Period::Kind::month) return own;
  KpiTable out = own;
  KpiTable aggregated;
  for (const std::string& month : months_of(period)) {
    const auto table = months.find(month);
    if (table == months.end()) continue;
    for (const auto& [key, figure] : table->second) {
      if (own.count(key)) continue;
      KpiFigure& f = aggregated[key];
      f.value += figure.value;
      f.sources.insert(f.sources.end(), figure.sources.begin(), figure.sources.end());
      f.parts.insert(f.parts.end(), figure.parts.begin(), figure.parts.end());
      f.months.push_back(month);
    }
  }
  for (auto& [key, f] : aggregated) {
    f.summed = is_additive_metric(key.second);
    if (!f.summed) f.value /= static_cast<double>(f.months.size());
    out.emplace(key, std::move(f));
  }
  return out;
}

Achievement achievement_of(std::optional<double> target, std::optional<double> actual,
                           bool lower_is_better, double cap) {
  if (!target || !actual) return {};
  double a = 0;
  if (lower_is_better) {
    a = *actual <= 0 ? cap : *target / *actual * 100.0;
  } else {
    if (*target <= 0) return {};
    a = *actual / *target * 100.0;
  }
  return {a, std::min(a, cap)};
}

void score_member(MemberKpi& kpi, double cap) {
  double weighted = 0, weights = 0;
  for (MetricScore& m : kpi.metrics) {
    const Achievement a = achievement_of(m.target, m.actual, m.lower_is_better, cap);
    m.achievement = a.achievement ? std::optional(round_half_up(*a.achievement)) : std::nullopt;
    m.score = a.score ? std::optional(round_half_up(*a.score)) : std::nullopt;
    if (a.score && m.weight > 0) {
      weighted += m.weight * *a.score;
      weights += m.weight;
    }
    if (m.weight > 0 && !m.computed && m.target && !m.actual &&
        std::find(kpi.missing.begin(), kpi.missing.end(), m.metric) == kpi.missing.end())
      kpi.missing.push_back(m.metric);
  }
  kpi.complete = kpi.missing.empty();
  kpi.kpi_score = weights > 0 ? std::optional(weighted / weights) : std::nullopt;
}

std::vector<const Member*> reporting_order(const Team& team) {
  std::vector<const Member*> out;
  std::set<std::string> seen;
  std::function<void(const Member&)> visit = [&](const Member& m) {
    if (!seen.insert(m.id).second) return;
    out.push_back(&m);
    for (const Member* r : team.reports_of(m.id)) visit(*r);
  };
  for (const Member& m : team.members())
    if (m.manager.empty() || !team.find(m.manager)) visit(m);
  for (const Member& m : team.members()) visit(m);  // members in a reporting cycle
  return out;
}

bool CascadeCheck::gap() const {
  if (!target) return !counted.empty();
  return std::fabs(*target - sum) >= 0.005;
}

std::vector<CascadeCheck> check_cascade(const Team& team, const KpiTable& targets) {
  std::set<std::string> metrics;
  for (const auto& [key, _] : targets)
    if (is_additive_metric(key.second)) metrics.insert(key.second);
  std::vector<CascadeCheck> out;
  for (const Member* boss : reporting_order(team)) {
    const auto reports = team.reports_of(boss->id);
    if (reports.empty()) continue;
    for (const std::string& metric : metrics) {
      CascadeCheck c{boss->id, metric, std::nullopt, 0, {}, {}};
      if (auto t = targets.find({boss->id, metric}); t != targets.end()) c.target = t->second.value;
      for (const Member* r : reports) {
        if (auto t = targets.find({r->id, metric}); t != targets.end()) {
          c.sum += t->second.value;
          c.counted.push_back(r->id);
        } else if (r->active) {
          c.without.push_back(r->id);
        }
      }
      if (c.target || !c.counted.empty()) out.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace kamgr
