// kamgr visit plan new | show | submit | approve | reject  (adherence: cmd_visit_adherence.cc)
#include <fmt/format.h>

#include "kamgr/store/mutation.h"
#include "kamgr/store/plans.h"
#include "visit_common.h"

namespace kamgr::cli {

void add_visit_adherence_command(CLI::App& plan, Context& ctx, Outcome& outcome);

namespace {

struct PlanOptions {
  std::string member, month, note;
};

Period parse_month(const std::string& text) {
  const auto p = Period::parse(text);
  if (!p || p->kind != Period::Kind::month)
    throw input_error(fmt::format("invalid month '{}' (expected YYYY-MM such as 2026-11)", text));
  return *p;
}

/// Loads the plan at `rel` from `text`; throws the first problem (exit 2).
Plan parse_plan(const Config& config, const std::string& text, const std::string& rel) {
  Diagnostics diag;
  auto plan = load_plan(text, rel, config, diag);
  diag.throw_if_errors();
  return std::move(*plan);
}

Validate plan_validator(const Config& config) {
  return [&config](const std::string& text, const std::string& file, Diagnostics& d) {
    load_plan(text, file, config, d);
  };
}

std::string require_plan_file(Context& ctx, const std::string& member, const Period& month) {
  const std::string rel = plan_file(member, month);
  if (!ctx.data().exists(rel))
    throw input_error(
        fmt::format("no plan for {} in {} ({}); create one with 'kamgr visit plan "
                    "new {} {}'",
                    member, month.name(), rel, member, month.name()));
  return rel;
}

int run_new(Context& ctx, const PlanOptions& o) {
  const Config& config = ctx.config();
  const Period month = parse_month(o.month);
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const CustomerBook book = repo.load_customers();
  diag.throw_if_errors();
  require_member(team, "MEMBER", o.member);
  const Member& m = *team.find(o.member);
  if (m.role != Role::rep && m.role != Role::manager)
    throw input_error(
        fmt::format("'{}' is a {}; plans are for the reps and managers who own "
                    "customers",
                    m.id, role_name(m.role)));
  const std::string rel = plan_file(o.member, month);
  if (ctx.data().exists(rel)) throw input_error(fmt::format("plan {} already exists", rel));
  Value visits = Value::array();
  for (const PlannedVisit& v :
       draft_plan(book, config, o.member, month, working_calendar(ctx, repo))) {
    Value item = Value::object();
    item.set("customer", v.customer);
    item.set("date", Value::plain(v.date.str()));
    visits.push(item);
  }
  if (visits.size() == 0)
    ctx.warn(fmt::format("{} owns no customer with a window ending in {}: the plan is empty",
                         o.member, month.name()));
  Value plan = Value::object();
  plan.set("member", o.member);
  plan.set("month", Value::plain(month.name()));
  plan.set("visits", visits);
  plan.set("events", Value::array());
  create_record(ctx.data(), rel, plan, plan_validator(config));
  ctx.out << rel << "\n";
  return 0;
}

Value event_value(const PlanEvent& e, TzOffset zone) {
  Value v = Value::object();
  v.set("type", e.type);
  v.set("at", Value::plain(e.at.str(zone)));
  v.set("by", e.by);
  v.set("note", e.note.empty() ? Value() : Value(e.note));
  v.set("digest", e.digest.empty() ? Value() : Value(e.digest));
  return v;
}

int run_show(Context& ctx, const PlanOptions& o) {
  const Config& config = ctx.config();
  const Date today = ctx.today();
  const Instant now = ctx.now();
  const Period month = o.month.empty() ? Period::month_of(today) : parse_month(o.month);
  const std::string rel = require_plan_file(ctx, o.member, month);
  const Plan plan = parse_plan(config, ctx.data().read(rel), rel);
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const CustomerBook book = repo.load_customers();
  const Date last = std::min(iso_week_of(month.to).to, today);
  const VisitIndex index(recorded_visits(repo, iso_week_of(month.from).from, last, now));

  Report r;
  r.rows_key = "visits";
  r.doc.set("member", plan.member);
  r.doc.set("month", Value::plain(month.name()));
  r.doc.set("status", plan_status_name(plan_status(plan, now)));
  r.doc.set("digest", plan_digest(plan.visits));
  r.doc.set("changed_since_approval", changed_since_approval(plan, now));
  Value visits = Value::array();
  for (const PlannedVisit& v : plan.visits) {
    const Window week = iso_week_of(v.date);
    const bool happened = index.any(v.customer, week.from, week.to);
    Value row = Value::object();
    row.set("date", Value::plain(v.date.str()));
    row.set("customer", v.customer);
    row.set("name", book.find(v.customer) ? book.find(v.customer)->name : "");
    row.set("purpose", v.purpose);
    row.set("happened", happened || week.to < today ? Value(happened) : Value());
    visits.push(row);
  }
  r.doc.set("visits", visits);
  Value events = Value::array();
  for (const PlanEvent& e : plan.events)
    if (e.at <= now) events.push(event_value(e, config.timezone));
  r.doc.set("events", events);
  r.columns = {{"date", "DATE"},
               {"customer", "CUSTOMER"},
               {"name", "NAME"},
               {"purpose", "PURPOSE"},
               {"happened", "HAPPENED"}};
  r.notes.push_back(
      fmt::format("{} {}: {} planned visits, {}{}", plan.member, month.name(), plan.visits.size(),
                  plan_status_name(plan_status(plan, now)),
                  changed_since_approval(plan, now) ? " (changed since approval)" : ""));
  for (const PlanEvent& e : plan.events)
    if (e.at <= now)
      r.notes.push_back(fmt::format("  {} {} by {}{}", e.at.str(config.timezone), e.type, e.by,
                                    e.note.empty() ? "" : ": " + e.note));
  ctx.emit(r);
  return 0;
}

/// Refuses a step that does not fit the plan's status at `now`.
void check_step(const Plan& plan, const std::string& type, Instant now) {
  const PlanStatus status = plan_status(plan, now);
  const std::string name = fmt::format("{}'s plan for {}", plan.member, plan.month.name());
  if (type == "submitted") {
    if (status == PlanStatus::submitted)
      throw input_error(name + " is already submitted and waits for approval");
    if (status == PlanStatus::approved && !changed_since_approval(plan, now))
      throw input_error(name + " is already approved and has not changed since");
  } else if (status != PlanStatus::submitted) {
    throw input_error(fmt::format("{} is {}: only a submitted plan can be {}", name,
                                  plan_status_name(status), type));
  }
}

/// submit / approve / reject: appends a `submitted`, `approved` or `rejected` event.
int run_event(Context& ctx, const PlanOptions& o, const std::string& step,
              const std::string& type) {
  const Config& config = ctx.config();
  const Period month = parse_month(o.month);
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  require_member(team, "MEMBER", o.member);
  const std::string actor = ctx.acting_member(team);
  const bool allowed =
      may_approve(team, actor, o.member) || (type == "submitted" && actor == o.member);
  if (!allowed) {
    const Member& m = *team.find(o.member);
    throw input_error(fmt::format(
        "'{}' may not {} {}'s plan: {}", actor, step, o.member,
        type == "submitted" ? "only the member, their manager or a director may"
        : m.manager.empty() ? "only a director may"
                            : fmt::format("only their manager '{}' or a director may", m.manager)));
  }
  if (type == "rejected" && o.note.find_first_not_of(" \t") == std::string::npos)
    throw input_error("--note is empty: say what to change");
  const std::string rel = require_plan_file(ctx, o.member, month);
  const Instant now = ctx.now();
  const Plan before = parse_plan(config, ctx.data().read(rel), rel);
  check_step(before, type, now);
  const std::string digest = plan_digest(before.visits);

  Value item = Value::object();
  item.set("type", type);
  item.set("at", Value::plain(now.str(config.timezone)));
  item.set("by", actor);
  if (!o.note.empty()) item.set("note", o.note);
  if (type == "approved") item.set("digest", digest);
  auto unchanged = [&](const std::string& text, const std::string& file, Diagnostics& d) {
    const auto current = load_plan(text, file, config, d);
    if (current &&
        (plan_digest(current->visits) != digest || current->events.size() != before.events.size()))
      d.error(file, 0, "the plan changed while this command ran; run it again");
  };
  append_to_record(ctx.data(), rel, "events", item, unchanged, plan_validator(config));
  if (!ctx.options.quiet) ctx.err << fmt::format("kamgr: {} {}\n", rel, type);
  return 0;
}

}  // namespace

void add_visit_plan_commands(CLI::App& visit, Context& ctx, Outcome& outcome) {
  CLI::App* plan = visit.add_subcommand("plan", "Monthly visit plans: draft, submit, approve");
  plan->require_subcommand(1);
  plan->footer("\nExample:\n  kamgr visit plan new zhang-san 2026-12");
  auto o = std::make_shared<PlanOptions>();

  CLI::App* cmd = add_command(*plan, "new",
                              "Write a draft plan: one visit per required window of the member's "
                              "customers (prints its path)",
                              "kamgr visit plan new zhang-san 2026-12");
  cmd->add_option("member", o->member, "the rep")->required();
  cmd->add_option("month", o->month, "the month (YYYY-MM)")->required();
  on_run(cmd, outcome, [&ctx, o] { return run_new(ctx, *o); });

  cmd = add_command(*plan, "show", "Show a plan, its status and which planned visits happened",
                    "kamgr visit plan show zhang-san 2026-11");
  cmd->add_option("member", o->member, "the rep")->required();
  cmd->add_option("month", o->month, "the month (default: this month)");
  on_run(cmd, outcome, [&ctx, o] { return run_show(ctx, *o); });

  const std::pair<const char*, const char*> steps[] = {
      {"submit", "Submit a plan for approval (the member, their manager or a director)"},
      {"approve", "Approve a submitted plan (the member's manager or a director)"},
      {"reject", "Reject a submitted plan with a note (the member's manager or a director)"}};
  for (const auto& [name, description] : steps) {
    const std::string step = name;
    const std::string type =
        step == "submit" ? "submitted" : step + (step == "approve" ? "d" : "ed");
    cmd = add_command(*plan, step, description,
                      fmt::format("kamgr --as {} visit plan {} zhang-san 2026-12{}",
                                  step == "submit" ? "zhang-san" : "li-si", step,
                                  step == "reject" ? " --note 重点客户每周一次" : ""));
    cmd->add_option("member", o->member, "whose plan")->required();
    cmd->add_option("month", o->month, "the month (YYYY-MM)")->required();
    if (step == "reject") cmd->add_option("--note", o->note, "what to change")->required();
    on_run(cmd, outcome, [&ctx, o, step, type] { return run_event(ctx, *o, step, type); });
  }
  add_visit_adherence_command(*plan, ctx, outcome);
}

}  // namespace kamgr::cli
