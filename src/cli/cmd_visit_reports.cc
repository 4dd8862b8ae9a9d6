// kamgr visit compliance (docs/visits.md "Visit compliance" and "Entry timeliness"); also
// registers the other visit reports: due (cmd_visit_due.cc) and plan (cmd_visit_plan.cc).
#include <fmt/format.h>

#include "charts.h"
#include "kamgr/reports/visit_compliance.h"
#include "visit_common.h"

namespace kamgr::cli {

void add_visit_due_command(CLI::App& visit, Context& ctx, Outcome& outcome);
void add_visit_plan_commands(CLI::App& visit, Context& ctx, Outcome& outcome);

namespace {

struct ComplianceOptions {
  PeriodArgs period;
  std::string by = "customer";
};

void set_counts(Value& row, const ComplianceTally& t, bool timeliness) {
  row.set("required", t.required);
  row.set("met", t.met);
  row.set("rate", t.rate());
  if (!timeliness) return;
  row.set("visits", t.visits);
  row.set("on_time", t.on_time);
  row.set("timeliness", t.timeliness());
}

Value customer_row(const CustomerBook& book, const std::string& id, const ComplianceTally& t) {
  Value row = Value::object();
  row.set("customer", id);
  row.set("name", book.find(id) ? book.find(id)->name : "");
  row.set("owner", t.owner);
  row.set("tier", t.tier);
  set_counts(row, t, false);
  Value missed = Value::array();
  for (const Window& w : t.missed) missed.push(window_value(w));
  row.set("missed", missed);
  return row;
}

/// The table and CSV view by customer: the missed windows joined into one cell.
Report with_missed_cells(const Report& r, const ComplianceResult& result) {
  Report view = r;
  Value rows = Value::array();
  auto tally = result.rows.begin();
  for (Value row : r.doc.find("rows")->items()) {
    std::string text;
    for (const Window& w : (tally++)->second.missed)
      text += (text.empty() ? "" : " ") + w.from.str() + ".." + w.to.str();
    row.set("missed_windows", text);
    rows.push(row);
  }
  view.doc.set("rows", rows);
  return view;
}

std::vector<Column> compliance_columns(GroupBy by) {
  if (by == GroupBy::customer)
    return {{"customer", "CUSTOMER"}, {"name", "NAME"},         {"owner", "OWNER"},
            {"tier", "TIER"},         {"required", "REQUIRED", true}, {"met", "MET", true},
            {"rate", "RATE%", true},  {"missed_windows", "MISSED"}};
  const bool by_rep = by == GroupBy::rep;
  return {{by_rep ? "rep" : "manager", by_rep ? "REP" : "TEAM"},
          {"name", "NAME"},
          {"required", "REQUIRED", true},
          {"met", "MET", true},
          {"rate", "RATE%", true},
          {"visits", "VISITS", true},
          {"on_time", "ON TIME", true},
          {"timeliness", "TIMELY%", true}};
}

Report compliance_report(const ComplianceResult& result, const CustomerBook& book,
                         const Team& team, const Period& period, Date today) {
  Report r;
  r.doc.set("period", window_value({period.from, period.to}));
  Value list = Value::array();
  for (const auto& [key, t] : result.rows) {
    if (result.by == GroupBy::customer) {
      list.push(customer_row(book, key, t));
      continue;
    }
    Value row = Value::object();
    row.set(result.by == GroupBy::rep ? "rep" : "manager", key);
    row.set("name", team.name_of(key));
    set_counts(row, t, true);
    list.push(row);
  }
  r.doc.set("rows", list);
  Value sum = Value::object();
  set_counts(sum, result.total, true);
  r.doc.set("total", sum);
  r.columns = compliance_columns(result.by);
  auto pct = [](const std::optional<double>& v) {
    return v ? Value(*v).to_cell() + "%" : std::string("-");
  };
  const ComplianceTally& total = result.total;
  r.notes.push_back(
      fmt::format("{}: compliance {}/{} = {}, timeliness {}/{} = {} (windows ending before {})",
                  period.name(), total.met, total.required, pct(total.rate()), total.on_time,
                  total.visits, pct(total.timeliness()), today.str()));
  if (result.by == GroupBy::customer) r.set_table_view(with_missed_cells(r, result));
  return r;
}

int run_compliance(Context& ctx, const ComplianceOptions& o) {
  track_source(ctx);
  const GroupBy by =
      parse_group_by(o.by, {GroupBy::customer, GroupBy::rep, GroupBy::team}, GroupBy::customer);
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
  const WorkCalendar calendar = working_calendar(ctx, repo);
  const ComplianceResult result =
      compute_visit_compliance({book, team, config, calendar, visits, period, today}, by);
  Report r = compliance_report(result, book, team, period, today);
  add_git_source_if_structured(ctx, r);
  ctx.emit(r, compliance_page(period, result.windows, book));
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
