#include "visit_common.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "kamgr/core/id.h"
#include "kamgr/domain/integrity.h"
#include "kamgr/domain/record_types.h"
#include "kamgr/store/loaders.h"
#include "kamgr/store/visit_files.h"

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

VisitFile find_visit(Context& ctx, const std::string& id, bool anywhere) {
  const DataDir& dir = ctx.data();
  if (!is_generated_id(id))
    throw input_error(fmt::format("'{}' is not a visit ID (YYYYMMDD- and its random part)", id));
  const std::vector<std::string> files = visit_files_named(dir, id);
  if (files.empty()) {
    std::string message = fmt::format("unknown visit '{}'", id);
    if (const std::string near = closest_match(id, visit_ids_of_month(dir, id)); !near.empty())
      message += fmt::format("; did you mean '{}'?", near);
    throw input_error(message);
  }
  if (files.size() > 1)
    throw input_error(fmt::format("visit '{}' has {} files ({}): remove the copies by hand", id,
                                  files.size(), fmt::join(files, ", ")));
  VisitFile found{files.front(), dir.read(files.front()), {}};
  Diagnostics diag;
  // Outside visits/ the folder is not checked: a misfiled visit still loads.
  const std::string as = anywhere ? file_in(".kamgr/edit/visits", id) : found.rel;
  std::optional<Visit> v = load_visit(found.text, as, ctx.config(), diag);
  for (Problem p : diag.problems())
    if (p.severity == Problem::Severity::error)
      throw Error(Exit::bad_input, p.message, found.rel, p.line);
  found.visit = std::move(*v);
  found.visit.source.file = found.rel;
  return found;
}

Value visit_value(const Visit& v, TzOffset zone) {
  Value o = Value::object();
  o.set("id", v.id);
  o.set("customer", v.customer);
  o.set("rep", v.rep);
  o.set("date", Value::plain(v.date.str()));
  o.set("start", v.start ? Value(v.start->str()) : Value());
  o.set("end", v.end ? Value(v.end->str()) : Value());
  o.set("purpose", v.purpose);
  o.set("outcome", v.outcome.empty() ? Value() : Value(v.outcome));
  o.set("feedback", v.feedback.empty() ? Value() : Value(v.feedback));
  Value steps = Value::array();
  for (const NextStep& s : v.next_steps) {
    Value step = Value::object();
    step.set("action", s.action);
    step.set("due", s.due ? Value::plain(s.due->str()) : Value());
    steps.push(step);
  }
  o.set("next_steps", steps);
  o.set("opportunity", v.opportunity.empty() ? Value() : Value(v.opportunity));
  o.set("recorded_at", Value::plain(v.recorded_at.str(zone)));
  return o;
}

std::string next_step_text(const Value& step) {
  const Value* due = step.find("due");
  return step.find("action")->as_text() + (due->is_null() ? "" : "@" + due->as_text());
}

Value window_value(const Window& w) {
  Value v = Value::object();
  v.set("from", Value::plain(w.from.str()));
  v.set("to", Value::plain(w.to.str()));
  return v;
}

}  // namespace kamgr::cli
