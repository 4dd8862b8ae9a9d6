// kamgr visit add | list  (compliance, due and plans live in their own files)
#include <fmt/format.h>

#include <regex>

#include "common.h"
#include "new_records.h"
#include "pipeline_lookup.h"
#include "questions.h"
#include "visit_common.h"
#include "kamgr/core/id.h"
#include "kamgr/domain/integrity.h"
#include "kamgr/domain/record_types.h"
#include "kamgr/store/loaders.h"
#include "kamgr/store/mutation.h"
#include "kamgr/store/repository.h"

namespace kamgr::cli {

namespace {

struct ListOptions {
  PeriodArgs period;
  std::string rep, customer;
};

/// True when `text` has the shape of a date (`2026-13-01`), valid or not.
bool looks_like_date(const std::string& text) {
  static const std::regex shape(R"(\d{4}-\d{1,2}-\d{1,2})");
  return std::regex_match(text, shape);
}

/// `ACTION[@DATE]` -> {action, due}. An `@` followed by anything but a date is part of
/// the action (`mail li@example.com`); an impossible date (`@2026-11-31`) is refused.
Value next_step(const std::string& text, Spelling s) {
  Value step = Value::object();
  const size_t at = text.rfind('@');
  const bool dated = at != std::string::npos && looks_like_date(text.substr(at + 1));
  const std::string action = dated ? text.substr(0, at) : text;
  step.set("action", action);
  if (dated)  // throws for an impossible date
    step.set("due", Value::plain(in_field("next_steps", [&] {
                                   return parse_date_option(text.substr(at + 1), spell("next", s));
                                 }).str()));
  if (action.find_first_not_of(" \t") == std::string::npos)
    throw FieldError("next_steps",
                     fmt::format("invalid value for {}: '{}' has no action", spell("next", s), text));
  return step;
}

/// On a terminal, asks for the missing customer, date and purpose (and the rep, offering
/// the acting member); without one, names them all in one error.
void ask_missing(Context& ctx, VisitFields& o) {
  if (!must_ask(ctx.terminal,
                {{"--customer", o.customer}, {"--date", o.date}, {"--purpose", o.purpose}}))
    return;
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const CustomerBook book = repo.load_customers();
  ask_questions(*ctx.terminal, {customer_question(book, o.customer),
                                date_question("--date", o.date, ctx.today()),
                                text_question("--purpose", o.purpose),
                                member_question("--rep", team, o.rep, ctx.acting_member_if_any(team))}, ctx.lang());
}

/// The document of a new visit, keys in the order of docs/formats.md "Visits".
Value visit_doc(const VisitFields& o, const std::string& id, const std::string& customer,
                const std::string& rep, Date date, const std::optional<TimeOfDay>& start,
                const std::optional<TimeOfDay>& end, const std::string& opportunity,
                const std::string& recorded_at, Spelling s) {
  Value v = Value::object();
  v.set("id", id);
  v.set("customer", customer);
  v.set("rep", rep);
  v.set("date", Value::plain(date.str()));
  if (start) v.set("start", start->str());
  if (end) v.set("end", end->str());
  v.set("purpose", o.purpose);
  if (!o.outcome.empty()) v.set("outcome", o.outcome);
  if (!o.feedback.empty()) v.set("feedback", o.feedback);
  if (!o.next.empty()) {
    Value steps = Value::array();
    for (const std::string& n : o.next) steps.push(next_step(n, s));
    v.set("next_steps", steps);
  }
  if (!opportunity.empty()) v.set("opportunity", opportunity);
  v.set("recorded_at", Value::plain(recorded_at));
  return v;
}

std::optional<TimeOfDay> time_field(const std::string& text, const char* field, Spelling s) {
  if (text.empty()) return std::nullopt;
  if (auto t = TimeOfDay::parse(text)) return t;
  throw FieldError(field, fmt::format("invalid value for {}: '{}' is not a time (HH:MM)",
                                      spell(field, s), text));
}

}  // namespace

NewRecord new_visit(const VisitFields& o, const CustomerBook& book, const Team& team,
                    const std::string& rep, const DataDir& dir, Instant now, TzOffset zone,
                    Spelling s) {
  const Date date = in_field("date", [&] { return parse_date_option(o.date, spell("date", s)); });
  const std::optional<TimeOfDay> start = time_field(o.start, "start", s);
  const std::optional<TimeOfDay> end = time_field(o.end, "end", s);
  if (start && end && *end < *start)
    throw FieldError("end", fmt::format("{} {} is before {} {}", spell("end", s), o.end,
                                        spell("start", s), o.start));
  if (o.purpose.find_first_not_of(" \t") == std::string::npos)
    throw FieldError("purpose", fmt::format("{} is empty: say why you visited", spell("purpose", s)));
  const Instant began = Instant::at(date, start.value_or(TimeOfDay{0}), zone);
  if (began > now)
    throw FieldError("date", fmt::format("the visit on {}{} is in the future (now is {})",
                                         date.str(), start ? " " + start->str() : "",
                                         now.str(zone)));
  const Customer& customer = in_field("customer", [&]() -> const Customer& {
    return book.resolve(o.customer);
  });
  if (!team.find(rep)) throw FieldError("rep", unknown_member_message(spell("rep", s), rep, team));
  const CustomerState state = customer.state_on(date);
  if (!state.managed)
    throw FieldError("date", fmt::format("customer '{}' is not managed yet on {} (its history "
                                         "starts {})",
                                         customer.id, date.str(),
                                         customer.history.front().date.str()));
  const std::string warning = state.status == CustomerStatus::lost
                                  ? fmt::format("customer '{}' is lost on {}", customer.id, date.str())
                                  : "";
  const std::string opportunity = in_field("opportunity", [&] {
    return customer_opportunity(dir, o.opportunity, customer.id);
  });
  // A visit is recorded once it is over (docs/visits.md "What check verifies").
  const Instant over = visit_over_at(date, start, end, zone);
  Instant recorded = now;
  if (!o.recorded_at.empty()) {
    recorded = in_field("recorded_at", [&] {
      return parse_instant_option(o.recorded_at, spell("recorded_at", s), zone);
    });
    if (recorded > now || recorded < over)
      throw FieldError("recorded_at", fmt::format("{} {} is not between the visit's end ({}) and "
                                                  "now",
                                                  spell("recorded_at", s), o.recorded_at,
                                                  over.str(zone)));
  } else if (over > now) {
    throw FieldError("end", fmt::format("the visit ends at {}, after now ({}): record it once it "
                                        "is over",
                                        over.str(zone), now.str(zone)));
  }
  const std::string id = generate_record_id(date);
  return {id, file_in(dated_folder(kVisitRecord, date), id),
          visit_doc(o, id, customer.id, rep, date, start, end, opportunity, recorded.str(zone), s),
          warning};
}

Validate visit_validator(const Config& config) {
  return [&config](const std::string& text, const std::string& file, Diagnostics& d) {
    load_visit(text, file, config, d);
  };
}

namespace {

int run_add(Context& ctx, const VisitFields& o) {
  const Instant now = ctx.now();

  // Quick path: the rep's and the customer's own files when they are named by ID; the
  // whole team or customer list only to resolve an email or a name.
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const std::optional<std::string> rep_id = o.rep.empty() ? ctx.acting_member_hint() : o.rep;
  const std::optional<Member> member = rep_id ? repo.load_member(*rep_id) : std::nullopt;
  const Team team = member ? Team({*member}) : repo.load_team();
  const std::optional<Customer> direct = repo.load_customer(o.customer);
  const CustomerBook book = direct ? CustomerBook({*direct}) : repo.load_customers();
  const std::string rep = o.rep.empty() ? ctx.acting_member(team) : o.rep;
  const NewRecord r =
      new_visit(o, book, team, rep, ctx.data(), now, ctx.zone(), Spelling::option);
  if (!r.warning.empty()) ctx.warn(r.warning);
  create_record(ctx.data(), r.rel, r.doc, visit_validator(ctx.config()));
  ctx.out << r.id << "\n";
  return 0;
}

/// The CSV of `visit list`: the table's columns, then every other field of a visit
/// (docs/visits.md "Listing visits"); `next_steps` in the `--next` form ACTION[@DATE],
/// one step per line of the cell.
Report csv_view(const Value& rows, std::vector<Column> columns) {
  Report csv;
  csv.rows_key = "visits";
  Value lines = Value::array();
  for (const Value& row : rows.items()) {
    Value line = row;
    std::string steps;
    for (const Value& step : row.find("next_steps")->items())
      steps += (steps.empty() ? "" : "\n") + next_step_text(step);
    line.set("next_steps", steps);
    lines.push(line);
  }
  csv.doc.set("visits", lines);
  for (const char* key : {"end", "outcome", "feedback", "next_steps", "opportunity", "recorded_at"})
    columns.push_back({key, key});
  csv.columns = std::move(columns);
  return csv;
}

int run_list(Context& ctx, const ListOptions& o) {
  const Date today = ctx.today();
  const Period period = resolve_period(o.period, Period::month_of(today));
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  std::optional<std::string> customer_id;
  if (!o.customer.empty()) {
    const CustomerBook book = repo.load_customers();
    customer_id = book.resolve(o.customer).id;
  }
  std::vector<Visit> visits = repo.load_visits(period.from, period.to);
  diag.throw_if_errors();
  const Instant now = ctx.now();
  std::erase_if(visits, [&](const Visit& v) {
    return v.recorded_at > now || (!o.rep.empty() && v.rep != o.rep) ||
           (customer_id && v.customer != *customer_id);
  });
  std::sort(visits.begin(), visits.end(), [](const Visit& a, const Visit& b) {
    return std::tie(a.date, a.start, a.id) < std::tie(b.date, b.start, b.id);
  });
  Report r;
  r.rows_key = "visits";
  Value rows = Value::array();
  for (const Visit& v : visits) rows.push(visit_value(v, ctx.zone()));
  r.doc.set("visits", rows);
  r.columns = {{"date", "DATE"},         {"start", "START"},   {"customer", "CUSTOMER"},
               {"rep", "REP"},           {"id", "ID"},         {"purpose", "PURPOSE"}};
  r.notes.push_back(fmt::format("{} visits in {}", visits.size(), period.name()));
  r.set_csv_view(csv_view(rows, r.columns));
  ctx.emit(r);
  return 0;
}

}  // namespace

/// Further visit subcommands, each in its own file (compliance, due, plan).
void add_visit_report_commands(CLI::App& visit, Context& ctx, Outcome& outcome);
/// visit show, edit, remove (cmd_visit_show.cc, cmd_visit_edit.cc).
void add_visit_correction_commands(CLI::App& visit, Context& ctx, Outcome& outcome);

void add_visit_commands(CLI::App& app, Context& ctx, Outcome& outcome) {
  CLI::App* visit = app.add_subcommand("visit", "Customer visits: record, list, compliance, plans");
  visit->require_subcommand(1);
  visit->footer("\nExample:\n  kamgr visit add --customer 华润 --date 2026-11-22 --purpose 季度回顾");

  auto add = std::make_shared<VisitFields>();
  CLI::App* cmd = add_command(
      *visit, "add", "Record a visit (prints its ID)",
      "kamgr visit add --customer 华润 --date 2026-11-22 --start 09:30 --end 10:45 "
      "--purpose 季度业务回顾 --next 发送报价单@2026-11-24");
  add_asked_option(cmd, "--customer", add->customer, "ID, exact name or unique part of a name");
  add_asked_option(cmd, "--date", add->date, "visit date (YYYY-MM-DD)");
  add_asked_option(cmd, "--purpose", add->purpose, "why you went");
  cmd->add_option("--rep", add->rep, "who visited (default: the acting member)");
  cmd->add_option("--start", add->start, "start time HH:MM");
  cmd->add_option("--end", add->end, "end time HH:MM");
  cmd->add_option("--outcome", add->outcome, "what happened");
  cmd->add_option("--feedback", add->feedback, "the customer's feedback");
  cmd->add_option("--next", add->next, "agreed next step ACTION[@YYYY-MM-DD]; repeatable");
  cmd->add_option("--opportunity", add->opportunity,
                  "the opportunity it served (ID or a unique part), the same customer's");
  on_run(cmd, outcome, [&ctx, add] {
    ask_missing(ctx, *add);
    return run_add(ctx, *add);
  });

  auto list = std::make_shared<ListOptions>();
  CLI::App* ls = add_command(*visit, "list", "List visits in a period (default: this month)",
                             "kamgr visit list 2026-10 --rep zhang-san --format csv");
  add_period_args(ls, list->period);
  ls->add_option("--rep", list->rep, "only this rep's visits");
  ls->add_option("--customer", list->customer, "only visits to this customer");
  on_run(ls, outcome, [&ctx, list] { return run_list(ctx, *list); });

  add_visit_report_commands(*visit, ctx, outcome);
  add_visit_correction_commands(*visit, ctx, outcome);
}

}  // namespace kamgr::cli
