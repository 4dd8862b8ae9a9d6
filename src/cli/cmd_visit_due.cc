// kamgr visit due: the customers whose current window still has no visit.
#include <fmt/format.h>

#include <set>

#include "visit_common.h"

namespace kamgr::cli {

namespace {

struct DueOptions {
  std::string rep, within;
};

/// The last day "within `text`" of now: wall-clock durations from now, working days,
/// weeks and months from today.
Date within_limit(Context& ctx, const Repository& repo, const std::string& text) {
  const auto d = Duration::parse(text, /*m_means_months=*/true);
  if (!d)
    throw input_error(fmt::format(
        "invalid value for --within: '{}' (expected a duration such as 3wd, 1w, 1m or 48h)", text));
  const Date today = ctx.today();
  switch (d->unit) {
    case Duration::Unit::minutes:
    case Duration::Unit::hours:
      return (ctx.now() + d->seconds()).local_date(ctx.zone());
    case Duration::Unit::working_days:
      return working_calendar(ctx, repo).nth_working_day_after(today, d->count);
    case Duration::Unit::weeks:
      return today + 7 * d->count;
    case Duration::Unit::months: {
      const Date first = add_months_first(today, d->count);
      return first + (std::min(today.day(), days_in_month(first.year(), first.month())) - 1);
    }
  }
  return today;
}

/// Fills in the last visit of the listed customers that had none in the loaded range,
/// looking back one month at a time (at most 12 months before `loaded_from`).
void find_older_visits(const Repository& repo, std::vector<DueVisit>& items, Date loaded_from,
                       Instant now) {
  std::set<std::string> missing;
  for (const DueVisit& d : items)
    if (!d.last_visit) missing.insert(d.customer);
  Date to = loaded_from - 1;
  for (int back = 0; back < 12 && !missing.empty(); ++back) {
    const Date from = add_months_first(to, 0);
    const VisitIndex index(recorded_visits(repo, from, to, now));
    for (DueVisit& d : items) {
      if (d.last_visit || !missing.count(d.customer)) continue;
      if ((d.last_visit = index.last_on_or_before(d.customer, to))) missing.erase(d.customer);
    }
    to = from - 1;
  }
}

int run_due(Context& ctx, const DueOptions& o) {
  track_source(ctx);
  const Config& config = ctx.config();
  const Date today = ctx.today();
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const CustomerBook book = repo.load_customers();
  diag.throw_if_errors();
  if (!o.rep.empty()) require_member(team, "--rep", o.rep);
  const std::optional<Date> limit =
      o.within.empty() ? std::nullopt : std::optional<Date>(within_limit(ctx, repo, o.within));

  const Date from = due_visits_needed_from(config, today);
  std::vector<DueVisit> items =
      due_visits(book, config, today, VisitIndex(recorded_visits(repo, from, today, ctx.now())));
  std::erase_if(items, [&](const DueVisit& d) {
    return (!o.rep.empty() && d.owner != o.rep) || (limit && d.window.to > *limit && !d.overdue);
  });
  find_older_visits(repo, items, from, ctx.now());

  Report r;
  r.doc.set("today", Value::plain(today.str()));
  Value rows = Value::array();
  for (const DueVisit& d : items) {
    Value row = Value::object();
    row.set("customer", d.customer);
    row.set("name", book.find(d.customer)->name);
    row.set("owner", d.owner);
    row.set("tier", d.tier);
    row.set("last_visit", d.last_visit ? Value::plain(d.last_visit->str()) : Value());
    row.set("window", window_value(d.window));
    row.set("due", Value::plain(d.window.to.str()));
    row.set("days_left", d.window.to - today);
    row.set("overdue", d.overdue);
    rows.push(row);
  }
  r.doc.set("rows", rows);
  r.columns = {{"due", "DUE"},
               {"days_left", "DAYS", true},
               {"customer", "CUSTOMER"},
               {"name", "NAME"},
               {"tier", "TIER"},
               {"owner", "OWNER"},
               {"last_visit", "LAST VISIT"},
               {"window.from", "WINDOW FROM"},
               {"overdue", "OVERDUE"}};
  const long overdue =
      std::count_if(items.begin(), items.end(), [](const DueVisit& d) { return d.overdue; });
  r.notes.push_back(fmt::format("{} customers to visit, {} overdue (previous window missed too)",
                                items.size(), overdue));
  add_git_source_if_structured(ctx, r);
  ctx.emit(r);
  return 0;
}

}  // namespace

void add_visit_due_command(CLI::App& visit, Context& ctx, Outcome& outcome) {
  auto o = std::make_shared<DueOptions>();
  CLI::App* cmd = add_command(
      visit, "due", "Customers whose current visit window has no visit yet, most urgent first",
      "kamgr visit due --rep zhang-san --within 3wd");
  cmd->add_option("--rep", o->rep, "only the customers this member owns");
  cmd->add_option("--within", o->within,
                  "only those due within DURATION (3wd, 1w, 1m, 48h); overdue ones always show");
  on_run(cmd, outcome, [&ctx, o] { return run_due(ctx, *o); });
}

}  // namespace kamgr::cli
