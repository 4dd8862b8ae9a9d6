// Loading the sources of a period's KPIs, only as far as the period needs them: visits
// from the start of the longest window that can end in the period, complaints from the
// year folders of the period (and the year before, for complaints closed in the period),
// opportunities from every year up to the period's (a win in the period may close one
// opened years before), orders from the period's months.
#include "kamgr/store/kpi_sources.h"

#include <fmt/format.h>

#include "kamgr/domain/compliance.h"
#include "kamgr/store/complaints.h"
#include "kamgr/store/pipeline_store.h"

namespace kamgr {

std::set<std::string> targeted_computed_metrics(const Config& config, const KpiFigures& figures,
                                                const std::optional<std::string>& member) {
  std::set<std::string> out;
  for (const auto& [key, _] : figures.targets)
    if ((!member || key.first == *member) && is_computed_metric(config, key.second))
      out.insert(key.second);
  return out;
}

KpiSources load_kpi_sources(const Repository& repo, const Period& period,
                            const std::optional<std::string>& member) {
  if (!is_kpi_period(period))
    throw input_error(fmt::format("kpi periods are months, quarters or years (2026-10, "
                                  "2026-Q4, 2026), not '{}'",
                                  period.name()));
  KpiSources s;
  s.config = &repo.dir().config();
  s.period = period;
  s.team = repo.load_team();
  s.customers = repo.load_customers();
  s.figures = load_kpi_figures(repo, period, s.team);
  s.needs = record_needs(*s.config, targeted_computed_metrics(*s.config, s.figures, member));
  if (s.needs.opportunities) s.opportunities = load_opportunities(repo, std::nullopt, period.to.year());
  if (s.needs.orders) s.orders = load_orders(repo, period.from, period.to);
  if (!s.needs.visits && !s.needs.complaints) return s;
  s.calendar = load_checked_calendar(repo, repo.diagnostics());
  if (s.needs.visits) s.visits = repo.load_visits(visits_needed_from(*s.config, period), period.to);
  if (s.needs.complaints)
    s.complaints = load_complaints(repo, period.from.year() - (s.needs.prior_year ? 1 : 0),
                                   period.to.year());
  return s;
}

std::function<KpiSources(const Period&)> kpi_sources_loader(const Repository& repo) {
  return [&repo](const Period& period) { return load_kpi_sources(repo, period); };
}

}  // namespace kamgr
