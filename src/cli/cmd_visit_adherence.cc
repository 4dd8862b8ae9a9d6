// kamgr visit plan adherence: planned visits that happened / planned visits.
#include <fmt/format.h>

#include "kamgr/reports/grouping.h"
#include "kamgr/reports/plan_adherence.h"
#include "kamgr/store/plans.h"
#include "visit_common.h"

namespace kamgr::cli {

namespace {

struct AdherenceOptions {
  PeriodArgs period;
  std::string by;
};

void set_counts(Value& row, const AdherenceTally& c) {
  row.set("planned", c.planned);
  row.set("happened", c.happened);
  row.set("rate", c.rate());
}

Value unmatched_value(const PlanOutcome& o, const CustomerBook& book) {
  Value v = Value::object();
  v.set("member", o.member);
  v.set("date", Value::plain(o.planned.date.str()));
  v.set("customer", o.planned.customer);
  const Customer* c = book.find(o.planned.customer);
  v.set("name", c ? c->name : "");
  v.set("purpose", o.planned.purpose);
  return v;
}

Value unmatched_list(const AdherenceTally& t, const CustomerBook& book) {
  Value list = Value::array();
  for (const PlanOutcome& out : t.unmatched) list.push(unmatched_value(out, book));
  return list;
}

Report adherence_report(const AdherenceResult& result, GroupBy by, const Team& team,
                        const CustomerBook& book, const Period& period, Date today) {
  Report r;
  r.doc.set("period", window_value({period.from, period.to}));
  if (by == GroupBy::rep) {
    Value rows = Value::array();
    for (const auto& [rep, c] : result.by_rep) {
      Value row = Value::object();
      row.set("rep", rep);
      row.set("name", team.name_of(rep));
      set_counts(row, c);
      row.set("unmatched", unmatched_list(c, book));
      rows.push(row);
    }
    r.doc.set("rows", rows);
    r.columns = {{"rep", "REP"},
                 {"name", "NAME"},
                 {"planned", "PLANNED", true},
                 {"happened", "HAPPENED", true},
                 {"rate", "RATE%", true}};
  } else {
    r.rows_key = "unmatched";
    r.columns = {{"member", "MEMBER"},
                 {"date", "PLANNED"},
                 {"customer", "CUSTOMER"},
                 {"name", "NAME"},
                 {"purpose", "PURPOSE"}};
  }
  const AdherenceTally& total = result.total;
  Value sum = Value::object();
  set_counts(sum, total);
  r.doc.set("total", sum);
  r.doc.set("unmatched", unmatched_list(total, book));
  const Value* rate = sum.find("rate");
  r.notes.push_back(fmt::format(
      "{}: {} of {} planned visits happened ({}); {} did not (planned weeks ending before {})",
      period.name(), total.happened, total.planned, rate->is_null() ? "-" : rate->to_cell() + "%",
      total.planned - total.happened, today.str()));
  return r;
}

int run_adherence(Context& ctx, const AdherenceOptions& o) {
  track_source(ctx);
  const GroupBy by = parse_group_by(o.by, {GroupBy::rep});
  const Date today = ctx.today();
  const Period period = resolve_period(o.period, std::nullopt);
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const CustomerBook book = repo.load_customers();
  const std::vector<Plan> plans = load_plans(repo, period.from, period.to);
  diag.throw_if_errors();
  const Date last = std::min(iso_week_of(period.to).to, today);
  const VisitIndex index(recorded_visits(repo, iso_week_of(period.from).from, last, ctx.now()));

  Report r = adherence_report(compute_plan_adherence(plans, period, today, index), by, team,
                              book, period, today);
  add_git_source_if_structured(ctx, r);
  ctx.emit(r);
  return 0;
}

}  // namespace

void add_visit_adherence_command(CLI::App& plan, Context& ctx, Outcome& outcome) {
  auto o = std::make_shared<AdherenceOptions>();
  CLI::App* cmd = add_command(
      plan, "adherence",
      "Plan adherence: planned visits that happened (same customer, a visit in the planned "
      "date's ISO week) / planned, listing the ones that did not",
      "kamgr visit plan adherence 2026-10 --by rep");
  add_period_args(cmd, o->period);
  cmd->add_option("--by", o->by, "rep: one row per rep");
  on_run(cmd, outcome, [&ctx, o] { return run_adherence(ctx, *o); });
}

}  // namespace kamgr::cli
