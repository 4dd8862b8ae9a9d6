#include "kamgr/store/check.h"

#include <fmt/format.h>

#include <limits>

#include "kamgr/domain/integrity.h"
#include "kamgr/store/complaints.h"

namespace kamgr {

void check_everything(const Repository& repo, Diagnostics& diag) {
  const Team team = repo.load_team();
  check_team(team, diag);
  const CustomerBook customers = repo.load_customers();
  check_customers(customers, team, diag);
  const std::vector<Visit> visits = repo.load_all_visits();
  check_visits(visits, customers, team, diag);
  const std::vector<Complaint> complaints = load_all_complaints(repo);
  check_complaints(complaints, customers, team, repo.dir().config(), diag);
  // Working-day deadlines of every complaint: warns about each year they need that has
  // no calendar file.
  WorkCalendar calendar = repo.load_calendar();
  calendar.on_missing_year([&diag](int year) {
    diag.warning(fmt::format("calendar/{}.yaml", year), 0,
                 fmt::format("no calendar for {}: working days count Monday-Friday", year));
  });
  for (const Complaint& c : complaints)
    evaluate_sla(c, repo.dir().config(), calendar, Instant{std::numeric_limits<int64_t>::max()});
  diag.sort();
}

}  // namespace kamgr
