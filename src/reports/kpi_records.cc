// Loading the visits and complaints behind the computed KPI metrics, only as far as the
// period needs them: visits from the start of the longest window that can end in the
// period, complaints from the year folders of the period (and the year before, for
// complaints closed in the period).
#include <fmt/format.h>

#include <set>

#include "kamgr/domain/kpi_metrics.h"
#include "kamgr/store/complaints.h"
#include "kamgr/store/repository.h"

namespace kamgr {

namespace {

bool any_of(const std::set<std::string>& metrics, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (metrics.count(n)) return true;
  return false;
}

}  // namespace

void load_kpi_records(const Repository& repo, const std::set<std::string>& metrics,
                      KpiRecords& r) {
  const Config& config = *r.config;
  const bool visits = any_of(metrics, {"visit_compliance", "visit_timeliness"});
  const bool complaints = any_of(metrics, {"complaint_rate", "complaint_sla", "csat"});
  if (!visits && !complaints) return;
  r.calendar = repo.load_calendar();
  Diagnostics& diag = repo.diagnostics();
  r.calendar.on_missing_year([&diag](int year) {
    diag.warning(fmt::format("calendar/{}.yaml", year), 0,
                 fmt::format("no calendar for {}: working days count Monday-Friday", year));
  });
  if (visits) {
    r.visits = repo.load_visits(visits_needed_from(config, r.period), r.period.to);
    std::erase_if(r.visits, [&](const Visit& v) { return v.recorded_at > r.now; });
    if (metrics.count("visit_compliance"))
      r.windows = required_windows(*r.customers, config, r.period, r.now.local_date(config.timezone),
                                   VisitIndex(r.visits));
  }
  if (complaints) {
    const int first = r.period.from.year() - (metrics.count("csat") ? 1 : 0);
    r.complaints = load_complaints(repo, first, r.period.to.year());
    std::erase_if(r.complaints, [&](const Complaint& c) { return c.received_at > r.now; });
    if (metrics.count("complaint_sla"))
      for (const Complaint& c : r.complaints)
        r.slas.push_back(evaluate_sla(c, config, r.calendar, r.now));
  }
}

}  // namespace kamgr
