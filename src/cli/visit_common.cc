#include "visit_common.h"

#include <fmt/format.h>

#include "kamgr/domain/integrity.h"
#include "kamgr/domain/record_types.h"

namespace kamgr::cli {

std::vector<Visit> recorded_visits(const Repository& repo, Date from, Date to, Instant now) {
  Diagnostics diag;
  Repository quiet(repo.dir(), diag);
  // Only the years that have a folder (a long frequency can reach far back).
  std::vector<int> years = quiet.year_folders(kVisitRecord);
  std::erase_if(years, [](int y) { return !Date::from_ymd(y, 1, 1); });
  if (years.empty()) return {};
  from = std::max(from, *Date::from_ymd(years.front(), 1, 1));
  to = std::min(to, *Date::from_ymd(years.back(), 12, 31));
  if (to < from) return {};
  std::vector<Visit> visits = quiet.load_visits(from, to);
  diag.throw_if_errors();
  std::erase_if(visits, [&](const Visit& v) { return v.recorded_at > now; });
  return visits;
}

WorkCalendar working_calendar(Context& ctx, const Repository& repo) {
  WorkCalendar calendar = repo.load_calendar();
  calendar.on_missing_year([&ctx](int year) {
    ctx.warn(fmt::format("no calendar/{}.yaml: counting Monday-Friday as working days in {}", year,
                         year));
  });
  return calendar;
}

void require_member(const Team& team, const std::string& option, const std::string& id) {
  if (!team.find(id)) throw input_error(unknown_member_message(option, id, team));
}

Value window_value(const Window& w) {
  Value v = Value::object();
  v.set("from", Value::plain(w.from.str()));
  v.set("to", Value::plain(w.to.str()));
  return v;
}

}  // namespace kamgr::cli
