// kamgr visit plan adherence: planned visits that happened / planned visits.
#include <fmt/format.h>

#include <map>

#include "kamgr/store/plans.h"
#include "visit_common.h"

namespace kamgr::cli {

namespace {

struct AdherenceOptions {
  PeriodArgs period;
  std::string by;
};

struct Count {
  long planned = 0, happened = 0;
  Value unmatched = Value::array();
};

void set_counts(Value& row, const Count& c) {
  row.set("planned", c.planned);
  row.set("happened", c.happened);
  row.set("rate", percentage(c.happened, c.planned));
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

int run_adherence(Context& ctx, const AdherenceOptions& o) {
  track_source(ctx);
  if (!o.by.empty() && o.by != "rep")
    throw input_error(fmt::format("invalid value for --by: '{}' (expected rep)", o.by));
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

  std::map<std::string, Count> by_rep;
  Count total;
  for (const PlanOutcome& out : plan_adherence(plans, period, today, index)) {
    for (Count* c : {&by_rep[out.member], &total}) {
      ++c->planned;
      if (out.happened)
        ++c->happened;
      else
        c->unmatched.push(unmatched_value(out, book));
    }
  }

  Report r;
  r.doc.set("period", window_value({period.from, period.to}));
  if (o.by == "rep") {
    Value rows = Value::array();
    for (const auto& [rep, c] : by_rep) {
      Value row = Value::object();
      row.set("rep", rep);
      row.set("name", member_name(team, rep));
      set_counts(row, c);
      row.set("unmatched", c.unmatched);
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
  Value sum = Value::object();
  set_counts(sum, total);
  r.doc.set("total", sum);
  r.doc.set("unmatched", total.unmatched);
  const Value* rate = sum.find("rate");
  r.notes.push_back(fmt::format(
      "{}: {} of {} planned visits happened ({}); {} did not (planned weeks ending before {})",
      period.name(), total.happened, total.planned, rate->is_null() ? "-" : rate->to_cell() + "%",
      total.planned - total.happened, today.str()));
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
