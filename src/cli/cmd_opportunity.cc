// kamgr opportunity open | qualify | disqualify | stage | propose | approve | reject |
// update | win | lose | reopen | reassign | list | show (docs/pipeline.md "Commands").
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common.h"
#include "pipeline_lookup.h"
#include "questions.h"
#include "kamgr/core/id.h"
#include "kamgr/domain/integrity.h"
#include "kamgr/domain/pipeline.h"
#include "kamgr/reports/pipeline_figures.h"
#include "kamgr/store/mutation.h"
#include "kamgr/store/pipeline_store.h"

namespace kamgr::cli {

namespace {

struct OpenOptions {
  std::string customer, title, amount, expected_close, source, owner;
};

struct StepOptions {
  std::string id, note, stage, amount, expected_close, contract, reason, owner;
};

struct ListOptions {
  bool open = false;
  std::string stage, owner, customer;
};

Decimal amount_option(const std::string& text, const std::string& option) {
  const std::optional<Decimal> d = Decimal::parse(text);
  if (!d || d->units() < 0)
    throw input_error(fmt::format(
        "invalid value for {}: '{}' (expected an amount, 0 or more, with at most 2 decimals)",
        option, text));
  return *d;
}

Validate opportunity_validator(const Config& config) {
  return [&config](const std::string& text, const std::string& file, Diagnostics& d) {
    load_opportunity(text, file, config, d);
  };
}

int run_open(Context& ctx, const OpenOptions& o) {
  const Config& config = ctx.config();
  const TzOffset zone = config.timezone;
  if (o.title.find_first_not_of(" \t") == std::string::npos)
    throw input_error("--title is empty: say what the customer may buy");
  const Decimal amount = amount_option(o.amount, "--amount");
  std::optional<Date> close;
  if (!o.expected_close.empty()) close = parse_date_option(o.expected_close, "--expected-close");
  if (!o.source.empty()) require_one_of("--source", o.source, opportunity_sources());
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const CustomerBook book = repo.load_customers();
  const Customer& customer = book.resolve(o.customer);
  const std::string by = ctx.acting_member(team);
  const std::string owner = o.owner.empty() ? by : o.owner;
  if (!team.find(owner)) throw input_error(unknown_member_message("--owner", owner, team));
  const Instant now = ctx.now();
  // Opening for someone else is the owner's manager's (or a director's) step.
  const Member* actor = team.find(by);
  if (owner != by && team.reports_to(owner) != by && !(actor && actor->role == Role::director))
    throw input_error(fmt::format("only {}'s manager or a director may open an opportunity for "
                                  "them; '{}' may not",
                                  owner, by));
  const std::string id = generate_record_id(now.local_date(zone));
  Value v = Value::object();
  v.set("id", id);
  v.set("customer", customer.id);
  v.set("owner", owner);
  v.set("title", o.title);
  v.set("amount", Value::plain(amount.str()));
  if (close) v.set("expected_close", Value::plain(close->str()));
  if (!o.source.empty()) v.set("source", o.source);
  Value opened = Value::object();
  opened.set("type", "opened");
  opened.set("at", Value::plain(now.str(zone)));
  opened.set("by", by);
  Value events = Value::array();
  events.push(opened);
  v.set("events", events);
  create_record(ctx.data(), opportunity_path(id), v, opportunity_validator(config));
  ctx.out << id << "\n";
  return 0;
}

/// The event a step command appends, from its options.
OpportunityEvent step_event(const std::string& type, const StepOptions& o, Instant now,
                            const std::string& by) {
  OpportunityEvent e;
  e.type = type;
  e.at = now;
  e.by = by;
  e.note = o.note;
  e.stage = o.stage;
  if (!o.amount.empty()) e.amount = amount_option(o.amount, "--amount");
  if (!o.expected_close.empty()) e.expected_close = parse_date_option(o.expected_close, "--expected-close");
  e.contract = o.contract;
  e.reason = o.reason;
  e.owner = o.owner;
  return e;
}

Value event_value(const OpportunityEvent& e, TzOffset zone) {
  Value item = Value::object();
  item.set("type", e.type);
  item.set("at", Value::plain(e.at.str(zone)));
  item.set("by", e.by);
  if (!e.stage.empty()) item.set("stage", e.stage);
  if (e.amount) item.set("amount", Value::plain(e.amount->str()));
  if (e.expected_close) item.set("expected_close", Value::plain(e.expected_close->str()));
  if (!e.contract.empty()) item.set("contract", e.contract);
  if (!e.reason.empty()) item.set("reason", e.reason);
  if (!e.owner.empty()) item.set("owner", e.owner);
  if (!e.note.empty()) item.set("note", e.note);
  return item;
}

/// One event for `show`: `2026-11-14T11:00:00+08:00 proposed by zhang-san (amount
/// 1150000): note`.
std::string event_line(const OpportunityEvent& e, TzOffset zone) {
  std::vector<std::string> details;
  if (!e.stage.empty()) details.push_back(e.stage);
  if (e.amount) details.push_back("amount " + e.amount->str());
  if (e.expected_close) details.push_back("expected close " + e.expected_close->str());
  if (!e.contract.empty()) details.push_back("contract " + e.contract);
  if (!e.reason.empty()) details.push_back("reason " + e.reason);
  if (!e.owner.empty()) details.push_back("to " + e.owner);
  return fmt::format("{} {} by {}{}{}", e.at.str(zone), e.type, e.by,
                     details.empty() ? "" : " (" + fmt::format("{}", fmt::join(details, ", ")) + ")",
                     e.note.empty() ? "" : ": " + e.note);
}

/// Appends one step to an opportunity's log, refusing what the rules refuse.
int run_step(Context& ctx, const std::string& type, const StepOptions& o) {
  const Config& config = ctx.config();
  const TzOffset zone = config.timezone;
  if (type == "updated" && o.amount.empty() && o.expected_close.empty())
    throw input_error("give --amount or --expected-close (or both)");
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const Opportunity opportunity = find_opportunity(ctx.data(), o.id);
  const OpportunityEvent event = step_event(type, o, ctx.now(), ctx.acting_member(team));
  if (const std::string why = refuse_opportunity_event(opportunity, event, team, config, zone);
      !why.empty())
    throw input_error(why);
  auto refuse = [&](const std::string& text, const std::string& file, Diagnostics& d) {
    const auto current = load_opportunity(text, file, config, d);
    if (!current) return;
    if (const std::string why = refuse_opportunity_event(*current, event, team, config, zone);
        !why.empty())
      d.error(file, 0, why);
  };
  append_to_record(ctx.data(), opportunity.source.file, "events", event_value(event, zone), refuse,
                   opportunity_validator(config));
  if (!ctx.options.quiet)
    ctx.err << fmt::format("kamgr: opportunity {}: {}\n", opportunity.id, type);
  return 0;
}

Value opportunity_row(const Opportunity& o, const OpportunityState& s, const Config& config) {
  Value row = Value::object();
  row.set("id", o.id);
  row.set("customer", o.customer);
  row.set("owner", s.owner);
  row.set("title", o.title);
  row.set("stage", s.stage);
  row.set("amount", s.amount.to_double());
  const PipelineStage* stage = config.pipeline.find(s.stage);
  row.set("probability", stage ? Value(stage->probability) : Value());
  row.set("expected_close", s.expected_close ? Value(s.expected_close->str()) : Value());
  row.set("last_event_at",
          s.last_event_at ? Value(s.last_event_at->str(config.timezone)) : Value());
  return row;
}

int run_list(Context& ctx, const ListOptions& o) {
  const Config& config = ctx.config();
  if (!o.stage.empty()) {
    std::vector<std::string> stages;
    for (const PipelineStage& s : config.pipeline.stages) stages.push_back(s.stage);
    for (const char* end : {"won", "lost", "disqualified"}) stages.emplace_back(end);
    require_one_of("--stage", o.stage, stages);
  }
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const std::vector<Opportunity> all = load_opportunities(repo);
  diag.throw_if_errors();
  std::string customer;
  if (!o.customer.empty()) customer = repo.load_customers().resolve(o.customer).id;
  const Instant now = ctx.now();
  Value rows = Value::array();
  for (const Opportunity& opp : all) {
    const OpportunityState s = opportunity_state(opp, now);
    if (!s.exists || (o.open && !s.open()) || (!o.stage.empty() && s.stage != o.stage) ||
        (!o.owner.empty() && s.owner != o.owner) || (!customer.empty() && opp.customer != customer))
      continue;
    rows.push(opportunity_row(opp, s, config));
  }
  Report r;
  r.rows_key = "opportunities";
  r.notes.push_back(fmt::format("{} opportunities", rows.size()));
  r.doc.set("opportunities", rows);
  r.columns = {{"id", "ID"},         {"customer", "CUSTOMER"},
               {"owner", "OWNER"},   {"stage", "STAGE"},
               {"amount", "AMOUNT", true}, {"expected_close", "EXPECTED CLOSE"},
               {"title", "TITLE"}};
  ctx.emit(r);
  return 0;
}

/// `{"due","at","status"}` of the proposal SLA; null when it has none.
Value proposal_sla_value(const std::optional<ProposalSla>& sla, const Config& config) {
  if (!sla) return Value();
  Value v = Value::object();
  v.set("due", sla->due.str(config.timezone));
  v.set("at", sla->proposed_at ? Value(sla->proposed_at->str(config.timezone)) : Value());
  v.set("status", sla->status);
  return v;
}

int run_show(Context& ctx, const std::string& query) {
  const Config& config = ctx.config();
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Opportunity o = find_opportunity(ctx.data(), query);
  const WorkCalendar calendar = working_calendar(ctx, repo, diag);
  const Instant now = ctx.now();
  const OpportunityState s = opportunity_state(o, now);
  const Date today = now.local_date(config.timezone);
  const LinkedVisits linked = load_linked_visits(repo, {o}, today, now);
  diag.throw_if_errors();
  Report r;
  r.doc = opportunity_row(o, s, config);
  const std::optional<Instant> rot =
      rot_deadline(s, config, calendar, last_linked_visit(linked, o.id, today));
  r.doc.set("stale_after", rot ? Value(rot->str(config.timezone)) : Value());
  r.doc.set("stale", rot && now.local_date(config.timezone) > rot->local_date(config.timezone));
  r.doc.set("proposal_sla", proposal_sla_value(proposal_sla(o, config, calendar, now), config));
  r.doc.set("source", o.lead_source.empty() ? Value() : Value(o.lead_source));
  r.doc.set("contract", s.contract.empty() ? Value() : Value(s.contract));
  r.doc.set("lost_reason", s.lost_reason.empty() ? Value() : Value(s.lost_reason));
  Value events = Value::array();
  for (const OpportunityEvent& e : o.events) events.push(event_value(e, config.timezone));
  r.doc.set("events", events);
  r.doc.set("file", o.source.file);
  FieldLines lines;
  lines.add_fields(r.doc, {"events", "proposal_sla"}, true);
  if (const std::optional<ProposalSla> sla = proposal_sla(o, config, calendar, now))
    lines.add("proposal_sla", fmt::format("{} (due {}{})", sla->status, sla->due.str(config.timezone),
                                          sla->proposed_at ? ", proposed " + sla->proposed_at->str(config.timezone) : ""));
  for (const OpportunityEvent& e : o.events)
    lines.add("event", event_line(e, config.timezone));
  r.set_table_view(lines.view());
  ctx.emit(r);
  return 0;
}

constexpr StepCommand kSteps[] = {
    {"qualify", "qualified", "Qualify a lead (the owner's manager or a director)",
     "kamgr opportunity qualify 20261105-x7k2m9pq --note 值得跟进"},
    {"disqualify", "disqualified", "Disqualify a lead, ending it (the owner's manager or a director)",
     "kamgr opportunity disqualify 20261105-x7k2m9pq --note 无预算"},
    {"stage", "stage", "Move a qualified opportunity to needs or negotiation",
     "kamgr opportunity stage 20261105-x7k2m9pq needs"},
    {"propose", "proposed", "Record a proposal, for the manager's review",
     "kamgr opportunity propose 20261105-x7k2m9pq --amount 1150000"},
    {"approve", "approved", "Approve the proposal under review (the owner's manager or a director)",
     "kamgr opportunity approve 20261105-x7k2m9pq"},
    {"reject", "rejected", "Reject the proposal under review (the owner's manager or a director)",
     "kamgr opportunity reject 20261105-x7k2m9pq --note 价格偏低"},
    {"update", "updated", "Change the expected amount or close date",
     "kamgr opportunity update 20261105-x7k2m9pq --amount 1100000 --expected-close 2027-01-31"},
    {"win", "won", "Record the win, with the contract number",
     "kamgr opportunity win 20261105-x7k2m9pq --contract HT-2026-118 --amount 1080000"},
    {"lose", "lost", "Record the loss, with a reason of pipeline.lost_reasons",
     "kamgr opportunity lose 20261105-x7k2m9pq --reason price --note 对手报价更低"},
    {"reopen", "reopened", "Reopen a lost or disqualified opportunity",
     "kamgr opportunity reopen 20261105-x7k2m9pq --note 客户重新询价"},
    {"reassign", "reassigned", "Give an opportunity to another owner (the owner's manager or a director)",
     "kamgr opportunity reassign 20261105-x7k2m9pq --owner li-na"},
};

void add_step(CLI::App& parent, const StepCommand& step, Context& ctx, Outcome& outcome) {
  auto o = std::make_shared<StepOptions>();
  CLI::App* cmd = add_command(parent, step.command, step.description, step.example);
  cmd->add_option("id", o->id, "opportunity ID (or a unique part of it)")->required();
  const std::string type = step.type;
  if (type == "stage")
    cmd->add_option("stage", o->stage, "needs or negotiation")
        ->required()
        ->check(CLI::IsMember({"needs", "negotiation"}));
  if (type == "proposed" || type == "updated" || type == "won")
    cmd->add_option("--amount", o->amount, "the amount, up to 2 decimals");
  if (type == "updated")
    cmd->add_option("--expected-close", o->expected_close, "the expected close date");
  if (type == "won") cmd->add_option("--contract", o->contract, "the contract number")->required();
  if (type == "lost") cmd->add_option("--reason", o->reason, "a reason of pipeline.lost_reasons")->required();
  if (type == "reassigned") cmd->add_option("--owner", o->owner, "the new owner")->required();
  if (type != "updated" && type != "reassigned") cmd->add_option("--note", o->note, "a note");
  on_run(cmd, outcome, [&ctx, o, type] { return run_step(ctx, type, *o); });
}

}  // namespace

/// opportunity pipeline | funnel | forecast, in cmd_opportunity_reports.cc.
void add_opportunity_report_commands(CLI::App& opportunity, Context& ctx, Outcome& outcome);

void add_opportunity_commands(CLI::App& app, Context& ctx, Outcome& outcome) {
  CLI::App* opportunity =
      app.add_subcommand("opportunity", "Sales opportunities: the pipeline from lead to won or lost");
  opportunity->require_subcommand(1);
  opportunity->footer("\nExample:\n  kamgr opportunity list --open");

  auto open = std::make_shared<OpenOptions>();
  CLI::App* cmd = add_command(*opportunity, "open", "Record a new opportunity (prints its ID)",
                              "kamgr opportunity open --customer 华润 --title 2027年度集采 "
                              "--amount 1200000 --expected-close 2027-01-15 --source visit");
  cmd->add_option("--customer", open->customer, "ID, exact name or unique part of a name")->required();
  cmd->add_option("--title", open->title, "what the customer may buy")->required();
  cmd->add_option("--amount", open->amount, "the expected value, up to 2 decimals")->required();
  cmd->add_option("--expected-close", open->expected_close, "when it should close (YYYY-MM-DD)");
  cmd->add_option("--source", open->source, "visit, referral, exhibition, inbound or other");
  cmd->add_option("--owner", open->owner, "the owner (default: the acting member)");
  on_run(cmd, outcome, [&ctx, open] { return run_open(ctx, *open); });

  for (const StepCommand& step : kSteps) add_step(*opportunity, step, ctx, outcome);

  auto list = std::make_shared<ListOptions>();
  cmd = add_command(*opportunity, "list", "List opportunities as they stand now",
                    "kamgr opportunity list --open --owner zhang-wei");
  cmd->add_flag("--open", list->open, "only the open ones");
  cmd->add_option("--stage", list->stage, "only those at this stage");
  cmd->add_option("--owner", list->owner, "only this owner's");
  cmd->add_option("--customer", list->customer, "only this customer's");
  on_run(cmd, outcome, [&ctx, list] { return run_list(ctx, *list); });

  auto id = std::make_shared<std::string>();
  cmd = add_command(*opportunity, "show", "Show an opportunity and its events",
                    "kamgr opportunity show 20261105-x7k2m9pq");
  cmd->add_option("id", *id, "opportunity ID (or a unique part of it)")->required();
  on_run(cmd, outcome, [&ctx, id] { return run_show(ctx, *id); });

  add_opportunity_report_commands(*opportunity, ctx, outcome);
}

}  // namespace kamgr::cli
