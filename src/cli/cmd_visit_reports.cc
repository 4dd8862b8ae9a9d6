// kamgr visit compliance (contract 5 "Visit compliance" and "Entry timeliness"); also
// registers the other visit reports: due (cmd_visit_due.cc) and plan (cmd_visit_plan.cc).
#include <fmt/format.h>

#include <map>

#include "charts.h"
#include "visit_common.h"

namespace kamgr::cli {

void add_visit_due_command(CLI::App& visit, Context& ctx, Outcome& outcome);
void add_visit_plan_commands(CLI::App& visit, Context& ctx, Outcome& outcome);

namespace {

struct ComplianceOptions {
  PeriodArgs period;
  std::string by = "customer";
};

/// Counts of one row (or the total).
struct Tally {
  long required = 0, met = 0, visits = 0, on_time = 0;
  std::vector<Window> missed;
  std::string owner, tier;  ///< by customer: on the last day of the window ending last
  Date last_end{};

  void add(const RequiredWindow& w) {
    ++required;
    if (w.met)
      ++met;
    else
      missed.push_back(w.window);
    if (required == 1 || w.window.to >= last_end) {
      owner = w.owner;
      tier = w.tier;
      last_end = w.window.to;
    }
  }
};

void set_counts(Value& row, const Tally& t, bool timeliness) {
  row.set("required", t.required);
  row.set("met", t.met);
  row.set("rate", percentage(t.met, t.required));
  if (!timeliness) return;
  row.set("visits", t.visits);
  row.set("on_time", t.on_time);
  row.set("timeliness", percentage(t.on_time, t.visits));
}

Value customer_row(const CustomerBook& book, const std::string& id, const Tally& t, bool table) {
  Value row = Value::object();
  row.set("customer", id);
  row.set("name", book.find(id) ? book.find(id)->name : "");
  row.set("owner", t.owner);
  row.set("tier", t.tier);
  set_counts(row, t, false);
  Value missed = Value::array();
  std::string text;
  for (const Window& w : t.missed) {
    missed.push(window_value(w));
    text += (text.empty() ? "" : " ") + w.from.str() + ".." + w.to.str();
  }
  row.set("missed", missed);
  if (table) row.set("missed_windows", text);  // a cell for the table and CSV views
  return row;
}

void check_by(const std::string& by) {
  const std::vector<std::string> allowed = {"customer", "rep", "team"};
  if (std::find(allowed.begin(), allowed.end(), by) != allowed.end()) return;
  std::string message =
      fmt::format("invalid value for --by: '{}' (expected customer, rep or team)", by);
  if (const std::string near = closest_match(by, allowed); !near.empty())
    message += fmt::format("; did you mean '{}'?", near);
  throw input_error(message);
}

int run_compliance(Context& ctx, const ComplianceOptions& o) {
  track_source(ctx);
  check_by(o.by);
  const Config& config = ctx.config();
  const Date today = ctx.today();
  const Period period = resolve_period(o.period, Period::month_of(today));
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const CustomerBook book = repo.load_customers();
  diag.throw_if_errors();
  const auto visits =
      recorded_visits(repo, visits_needed_from(config, period), period.to, ctx.now());
  const auto windows = required_windows(book, config, period, today, VisitIndex(visits));

  // Group the windows and the visits' timeliness by customer, owner or owner's team.
  auto key_of = [&](const std::string& member) {
    return o.by == "team" ? team_of(team, member) : member;
  };
  std::map<std::string, Tally> rows;
  Tally total;
  for (const RequiredWindow& w : windows) {
    rows[o.by == "customer" ? w.customer : key_of(w.owner)].add(w);
    total.add(w);
  }
  const WorkCalendar calendar = working_calendar(ctx, repo);
  for (const Visit& v : visits) {
    if (!period.contains(v.date)) continue;
    const bool on_time = visit_on_time(v, config, calendar);
    total.visits++, total.on_time += on_time;
    if (o.by == "customer") continue;
    Tally& t = rows[key_of(v.rep)];
    t.visits++, t.on_time += on_time;
  }

  Report r;
  const bool table = ctx.format() != Format::json && ctx.format() != Format::yaml;
  r.doc.set("period", window_value({period.from, period.to}));
  Value list = Value::array();
  for (const auto& [key, t] : rows) {
    if (o.by == "customer") {
      list.push(customer_row(book, key, t, table));
      continue;
    }
    Value row = Value::object();
    row.set(o.by == "rep" ? "rep" : "manager", key);
    row.set("name", member_name(team, key));
    set_counts(row, t, true);
    list.push(row);
  }
  r.doc.set("rows", list);
  Value sum = Value::object();
  set_counts(sum, total, true);
  r.doc.set("total", sum);

  const bool by_rep = o.by == "rep";
  r.columns = {{o.by == "customer" ? "customer"
                : by_rep           ? "rep"
                                   : "manager",
                o.by == "customer" ? "CUSTOMER"
                : by_rep           ? "REP"
                                   : "TEAM"},
               {"name", "NAME"}};
  if (o.by == "customer") r.columns.insert(r.columns.end(), {{"owner", "OWNER"}, {"tier", "TIER"}});
  r.columns.insert(r.columns.end(),
                   {{"required", "REQUIRED", true}, {"met", "MET", true}, {"rate", "RATE%", true}});
  if (o.by == "customer")
    r.columns.push_back({"missed_windows", "MISSED"});
  else
    r.columns.insert(r.columns.end(), {{"visits", "VISITS", true},
                                       {"on_time", "ON TIME", true},
                                       {"timeliness", "TIMELY%", true}});
  auto pct = [](const Value* v) { return v->is_null() ? std::string("-") : v->to_cell() + "%"; };
  r.notes.push_back(
      fmt::format("{}: compliance {}/{} = {}, timeliness {}/{} = {} (windows ending before {})",
                  period.name(), total.met, total.required, pct(sum.find("rate")), total.on_time,
                  total.visits, pct(sum.find("timeliness")), today.str()));
  add_git_source_if_structured(ctx, r);
  ctx.emit(r, compliance_page(period, windows, book));
  return 0;
}

}  // namespace

void add_visit_report_commands(CLI::App& visit, Context& ctx, Outcome& outcome) {
  auto o = std::make_shared<ComplianceOptions>();
  CLI::App* cmd =
      add_command(visit, "compliance",
                  "Visit compliance (required windows met) and entry timeliness for a period "
                  "(default: this month)",
                  "kamgr visit compliance 2026-Q4 --by rep --format json\n"
                  "  kamgr visit compliance 2026-Q4 --format html > visits.html");
  add_period_args(cmd, o->period);
  cmd->add_option("--by", o->by, "one row per customer (default), rep or team");
  on_run(cmd, outcome, [&ctx, o] { return run_compliance(ctx, *o); });

  add_visit_due_command(visit, ctx, outcome);
  add_visit_plan_commands(visit, ctx, outcome);
}

}  // namespace kamgr::cli
