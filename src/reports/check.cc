#include "kamgr/reports/check.h"

#include <fmt/format.h>

#include <algorithm>

#include "kamgr/domain/integrity.h"
#include "kamgr/domain/plan.h"
#include "kamgr/domain/record_types.h"
#include "kamgr/store/complaints.h"
#include "kamgr/store/kpi_files.h"
#include "kamgr/store/loaders.h"
#include "kamgr/store/pipeline_store.h"
#include "kamgr/store/plans.h"
#include "kamgr/store/review_store.h"
#include "kamgr/reports/review_engine.h"

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

  /// Everyone: the whole team and the whole customer book.
  People(const Repository& repo, Diagnostics& diag)
      : team(repo.load_team()), customers(repo.load_customers()) {
    check_loaded(repo, diag);
    broken.customers = broken_ids(repo, "customers", ids_of(customers));
  }

  /// The whole team and only the customers `ids`, each from its own file (all of them
  /// have one: see files_for_all).
  People(const Repository& repo, const std::vector<std::string>& ids, Diagnostics& diag)
      : team(repo.load_team()), customers(repo.load_customers(ids)) {
    check_loaded(repo, diag);
    const std::vector<std::string> loaded = ids_of(customers);
    for (const std::string& id : ids)
      if (!std::binary_search(loaded.begin(), loaded.end(), id)) broken.customers.push_back(id);
  }

 private:
  /// Checks the team and the customers loaded; notes the team's broken files.
  void check_loaded(const Repository& repo, Diagnostics& diag) {
    check_team(team, diag);
    check_customers(customers, team, diag);
    broken.members = broken_ids(repo, "team", team.ids());
  }

  static std::vector<std::string> ids_of(const CustomerBook& book) {
    std::vector<std::string> ids;
    for (const Customer& c : book.all()) ids.push_back(c.id);
    return ids;
  }
};

/// True when every customer in `ids` has a file (`customers/<id>.yaml`). When one has
/// not, the whole book is loaded, so that the error can suggest the nearest names.
bool files_for_all(const Repository& repo, const std::vector<std::string>& ids) {
  return std::all_of(ids.begin(), ids.end(), [&](const std::string& id) {
    return repo.has_record(kCustomerRecord, id);
  });
}


/// Checks complaints against the people, and computes every deadline (which warns
/// about each year they need that has no calendar file).
void check_complaint_list(const Repository& repo, const std::vector<Complaint>& complaints,
                          const People& people, Diagnostics& diag) {
  check_complaints(complaints, people.customers, people.team, repo.dir().config(), diag);
  const WorkCalendar calendar = load_checked_calendar(repo, diag);
  // "Now" far in the future: every deadline gets computed.
  const Instant end_of_time = Instant::at(*Date::from_ymd(9999, 12, 31), {}, TzOffset{0});
  for (const Complaint& c : complaints) evaluate_sla(c, repo.dir().config(), calendar, end_of_time);
}

/// Checks every review file, recomputing each published result from the records.
void check_review_files(const Repository& repo, const People& people, Diagnostics& diag) {
  KpiCache kpis(kpi_sources_loader(repo));
  check_reviews(load_all_reviews(repo, diag), people.team, repo.dir().config(), kpis, diag,
                people.broken);
}

/// Checks every opportunity and order (orders name opportunities: both are loaded), and
/// the links of `links`' visits to them.
void check_pipeline(const Repository& repo, const People& people,
                    const std::vector<VisitLink>& links, Diagnostics& diag) {
  const std::vector<Opportunity> opportunities = load_opportunities(repo);
  check_opportunities(opportunities, people.customers, people.team, repo.dir().config(), diag,
                      people.broken);
  check_orders(load_orders(repo), opportunities, people.customers, people.team, diag,
               people.broken);
  check_visit_links(links, opportunities, diag);
}

/// True when `changes` call for a full check (see check_changed).
bool check_changed_needs_everything(const ChangedFiles& changes) {
  for (const std::string& path : changes.present)
    if (is_file_of(kConfigRecord, path)) return true;
  for (const std::string& path : changes.deleted)
    if (is_file_of(kConfigRecord, path) || is_under(kMemberRecord, path) ||
        is_under(kCustomerRecord, path))
      return true;
  return false;
}

}  // namespace

void check_everything(const Repository& repo, Instant now, Diagnostics& diag) {
  const People people(repo, diag);
  const TzOffset zone = repo.dir().config().timezone;
  // A month folder at a time: the check never holds the whole history in memory.
  VisitChecker visit_checker(people.customers, people.team, diag, people.broken, now, zone);
  std::vector<VisitLink> links;
  repo.for_each_visit_month([&](std::vector<Visit> month) {
    visit_checker.check(month);
    const std::vector<VisitLink> linked = visit_links(month);
    links.insert(links.end(), linked.begin(), linked.end());
  });
  check_plans(load_all_plans(repo), people.customers, people.team, diag, people.broken);
  check_complaint_list(repo, load_all_complaints(repo), people, diag);
  load_all_kpi_files(repo, people.team, diag, people.broken);
  check_review_files(repo, people, diag);
  check_pipeline(repo, people, links, diag);
  diag.sort();
}

void check_changed(const Repository& repo, const ChangedFiles& changes, Instant now,
                   Diagnostics& diag) {
  if (check_changed_needs_everything(changes)) return check_everything(repo, now, diag);
  std::vector<std::string> visit_files, complaint_files, customers;
  bool plans = false, kpi = false, reviews = false, calendar = false, pipeline = false;
  for (const std::string& path : changes.present) {
    if (is_file_of(kVisitRecord, path)) visit_files.push_back(path);
    if (is_file_of(kComplaintRecord, path)) complaint_files.push_back(path);
    if (is_file_of(kCustomerRecord, path)) customers.push_back(file_stem(path));
    calendar = calendar || is_under(kCalendarRecord, path);
  }
  for (const auto* paths : {&changes.present, &changes.deleted})
    for (const std::string& path : *paths) {
      plans = plans || is_under(kPlanRecord, path);
      kpi = kpi || is_under(kKpiRecord, path);
      reviews = reviews || is_under(kReviewRecord, path);
      pipeline = pipeline || is_under(kOpportunityRecord, path) || is_under(kOrderRecord, path);
    }
  std::sort(visit_files.begin(), visit_files.end());
  std::sort(complaint_files.begin(), complaint_files.end());
  const std::vector<Visit> visits = repo.load_visit_files(visit_files);
  const std::vector<Complaint> complaints = load_complaint_files(repo, complaint_files);
  // Plans, KPI files and reviews refer to many customers: they take the whole book.
  // Visits and complaints take only the customers they name (and the changed ones).
  std::vector<std::string> named;
  for (const Visit& v : visits) named.push_back(v.customer);
  for (const Complaint& c : complaints) named.push_back(c.customer);
  const std::vector<VisitLink> links = visit_links(visits);
  pipeline = pipeline || !links.empty();
  const bool everyone = plans || kpi || reviews || pipeline || !files_for_all(repo, named);
  customers.insert(customers.end(), named.begin(), named.end());
  std::sort(customers.begin(), customers.end());
  customers.erase(std::unique(customers.begin(), customers.end()), customers.end());
  const People people = everyone ? People(repo, diag) : People(repo, customers, diag);
  VisitChecker(people.customers, people.team, diag, people.broken, now,
               repo.dir().config().timezone)
      .check(visits);
  if (!complaints.empty() || calendar) check_complaint_list(repo, complaints, people, diag);
  if (plans) check_plans(load_all_plans(repo), people.customers, people.team, diag, people.broken);
  if (kpi) load_all_kpi_files(repo, people.team, diag, people.broken);
  if (reviews) check_review_files(repo, people, diag);
  if (pipeline) check_pipeline(repo, people, links, diag);
  diag.sort();
}

void check_next_calendar(const Repository& repo, Date today, Diagnostics& diag) {
  if (today.month() != 12) return;
  const std::string next = std::to_string(today.year() + 1);
  if (repo.has_record(kCalendarRecord, next)) return;
  diag.warning(file_in(kCalendarRecord.folder, next), 0,
               fmt::format("no calendar for {} yet: complaints received in late December have "
                           "deadlines in January (get it with kamgr calendar import FILE, "
                           "docs/complaints.md)",
                           next));
}

}  // namespace kamgr
