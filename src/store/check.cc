#include "kamgr/store/check.h"

#include <fmt/format.h>

#include <algorithm>

#include "kamgr/domain/integrity.h"
#include "kamgr/domain/plan.h"
#include "kamgr/store/complaints.h"
#include "kamgr/store/kpi_files.h"
#include "kamgr/store/loaders.h"
#include "kamgr/store/plans.h"
#include "kamgr/store/review_engine.h"

namespace kamgr {

namespace {

/// The stems of files in `folder` that did not load into `loaded_ids`.
std::vector<std::string> broken_ids(const Repository& repo, const std::string& folder,
                                    const std::vector<std::string>& loaded_ids) {
  std::vector<std::string> broken;
  for (const std::string& file : repo.dir().list_yaml(folder)) {
    const std::string id = file_stem(file);
    if (!std::binary_search(loaded_ids.begin(), loaded_ids.end(), id)) broken.push_back(id);
  }
  return broken;
}

}  // namespace

void check_everything(const Repository& repo, Diagnostics& diag) {
  const Team team = repo.load_team();
  check_team(team, diag);
  const CustomerBook customers = repo.load_customers();
  check_customers(customers, team, diag);
  BrokenIds broken;
  broken.members = broken_ids(repo, "team", team.ids());
  std::vector<std::string> customer_ids;
  for (const Customer& c : customers.all()) customer_ids.push_back(c.id);
  broken.customers = broken_ids(repo, "customers", customer_ids);
  const std::vector<Visit> visits = repo.load_all_visits();
  check_visits(visits, customers, team, diag, broken);
  check_plans(load_all_plans(repo), customers, team, diag, broken);
  const std::vector<Complaint> complaints = load_all_complaints(repo);
  check_complaints(complaints, customers, team, repo.dir().config(), diag);
  load_all_kpi_files(repo, team, diag, broken);
  // Working-day deadlines of every complaint: warns about each year they need that has
  // no calendar file.
  WorkCalendar calendar = repo.load_calendar();
  calendar.on_missing_year([&diag](int year) {
    diag.warning(fmt::format("calendar/{}.yaml", year), 0,
                 fmt::format("no calendar for {}: working days count Monday-Friday", year));
  });
  // "Now" far in the future: every deadline gets computed.
  const Instant end_of_time = Instant::at(*Date::from_ymd(9999, 12, 31), {}, TzOffset{0});
  for (const Complaint& c : complaints)
    evaluate_sla(c, repo.dir().config(), calendar, end_of_time);
  check_reviews(repo, team, diag, broken);
  diag.sort();
}

}  // namespace kamgr
