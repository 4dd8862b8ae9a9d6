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

/// What every check starts from: the team and the customers, checked, and the IDs
/// whose files are broken.
struct People {
  Team team;
  CustomerBook customers;
  BrokenIds broken;

  explicit People(const Repository& repo, Diagnostics& diag)
      : team(repo.load_team()), customers(repo.load_customers()) {
    check_team(team, diag);
    check_customers(customers, team, diag);
    broken.members = broken_ids(repo, "team", team.ids());
    std::vector<std::string> customer_ids;
    for (const Customer& c : customers.all()) customer_ids.push_back(c.id);
    broken.customers = broken_ids(repo, "customers", customer_ids);
  }
};

/// The calendar, warning about each year asked for that has no file.
WorkCalendar checked_calendar(const Repository& repo, Diagnostics& diag) {
  WorkCalendar calendar = repo.load_calendar();
  calendar.on_missing_year([&diag](int year) {
    diag.warning(fmt::format("calendar/{}.yaml", year), 0,
                 fmt::format("no calendar for {}: working days count Monday-Friday", year));
  });
  return calendar;
}

/// Checks complaints against the people, and computes every deadline (which warns
/// about each year they need that has no calendar file).
void check_complaint_list(const Repository& repo, const std::vector<Complaint>& complaints,
                          const People& people, Diagnostics& diag) {
  check_complaints(complaints, people.customers, people.team, repo.dir().config(), diag);
  const WorkCalendar calendar = checked_calendar(repo, diag);
  // "Now" far in the future: every deadline gets computed.
  const Instant end_of_time = Instant::at(*Date::from_ymd(9999, 12, 31), {}, TzOffset{0});
  for (const Complaint& c : complaints) evaluate_sla(c, repo.dir().config(), calendar, end_of_time);
}

bool under(const std::string& path, std::string_view folder) {
  return path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/';
}

/// `visits/YYYY/MM/x.yaml` or `complaints/YYYY/x.yaml`: the files a full check reads.
bool is_record_file(const std::string& path, std::string_view folder, int depth) {
  if (!under(path, folder) || !path.ends_with(".yaml")) return false;
  return std::count(path.begin(), path.end(), '/') == depth;
}

/// True when `changes` call for a full check (see check_changed).
bool check_changed_needs_everything(const ChangedFiles& changes) {
  for (const std::string& path : changes.present)
    if (path == "kamgr.yaml") return true;
  for (const std::string& path : changes.deleted)
    if (path == "kamgr.yaml" || under(path, "team") || under(path, "customers")) return true;
  return false;
}

}  // namespace

void check_everything(const Repository& repo, Diagnostics& diag) {
  const People people(repo, diag);
  // A month folder at a time: the check never holds the whole history in memory.
  VisitChecker visit_checker(people.customers, people.team, diag, people.broken);
  repo.for_each_visit_month([&](std::vector<Visit> month) { visit_checker.check(month); });
  check_plans(load_all_plans(repo), people.customers, people.team, diag, people.broken);
  check_complaint_list(repo, load_all_complaints(repo), people, diag);
  load_all_kpi_files(repo, people.team, diag, people.broken);
  check_reviews(repo, people.team, diag, people.broken);
  diag.sort();
}

void check_changed(const Repository& repo, const ChangedFiles& changes, Diagnostics& diag) {
  if (check_changed_needs_everything(changes)) return check_everything(repo, diag);
  const People people(repo, diag);
  std::vector<std::string> visits, complaints;
  bool plans = false, kpi = false, reviews = false, calendar = false;
  for (const std::string& path : changes.present) {
    if (is_record_file(path, "visits", 3)) visits.push_back(path);
    if (is_record_file(path, "complaints", 2)) complaints.push_back(path);
    plans = plans || under(path, "plans");
    kpi = kpi || under(path, "kpi");
    reviews = reviews || under(path, "reviews");
    calendar = calendar || under(path, "calendar");
  }
  for (const std::string& path : changes.deleted) {
    plans = plans || under(path, "plans");
    kpi = kpi || under(path, "kpi");
    reviews = reviews || under(path, "reviews");
  }
  std::sort(visits.begin(), visits.end());
  std::sort(complaints.begin(), complaints.end());
  VisitChecker(people.customers, people.team, diag, people.broken)
      .check(repo.load_visit_files(visits));
  if (!complaints.empty() || calendar)
    check_complaint_list(repo, load_complaint_files(repo, complaints), people, diag);
  if (plans) check_plans(load_all_plans(repo), people.customers, people.team, diag, people.broken);
  if (kpi) load_all_kpi_files(repo, people.team, diag, people.broken);
  if (reviews) check_reviews(repo, people.team, diag, people.broken);
  diag.sort();
}

}  // namespace kamgr
