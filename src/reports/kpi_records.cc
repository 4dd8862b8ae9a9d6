// Loading the visits and complaints behind the computed KPI metrics, only as far as the
// period needs them: visits from the start of the longest window that can end in the
// period, complaints from the year folders of the period (and the year before, for
// complaints closed in the period).
#include <fmt/format.h>

#include <set>

#include "kamgr/domain/kpi_metric_table.h"
#include "kamgr/store/complaints.h"
#include "kamgr/store/repository.h"

namespace kamgr {

void load_kpi_records(const Repository& repo, const std::set<std::string>& metrics,
                      KpiRecords& r) {
  const Config& config = *r.config;
  const RecordNeeds needs = record_needs(metrics);
  if (!needs.visits && !needs.complaints) return;
  r.calendar = load_checked_calendar(repo, repo.diagnostics());
  if (needs.visits) {
    r.visits = repo.load_visits(visits_needed_from(config, r.period), r.period.to);
    std::erase_if(r.visits, [&](const Visit& v) { return v.recorded_at > r.now; });
    if (needs.windows)
      r.windows = required_windows(*r.customers, config, r.period, r.now.local_date(config.timezone),
                                   VisitIndex(r.visits));
  }
  if (needs.complaints) {
    const int first = r.period.from.year() - (needs.prior_year ? 1 : 0);
    r.complaints = load_complaints(repo, first, r.period.to.year());
    std::erase_if(r.complaints, [&](const Complaint& c) { return c.received_at > r.now; });
    if (needs.slas)
      for (const Complaint& c : r.complaints)
        r.slas.push_back(evaluate_sla(c, config, r.calendar, r.now));
  }
}

}  // namespace kamgr
