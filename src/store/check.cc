#include "kamgr/store/check.h"

#include "kamgr/domain/integrity.h"
#include "kamgr/store/review_engine.h"

namespace kamgr {

void check_everything(const Repository& repo, Diagnostics& diag) {
  const Team team = repo.load_team();
  check_team(team, diag);
  const CustomerBook customers = repo.load_customers();
  check_customers(customers, team, diag);
  const std::vector<Visit> visits = repo.load_all_visits();
  check_visits(visits, customers, team, diag);
  repo.load_calendar();
  check_reviews(repo, team, diag);
  diag.sort();
}

}  // namespace kamgr
