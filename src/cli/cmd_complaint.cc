// kamgr complaint open | contact | answer | close | callback | reopen
// (show, list, sla and summary live in their own files).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>

#include "common.h"
#include "complaint_common.h"
#include "questions.h"
#include "kamgr/core/id.h"
#include "kamgr/domain/integrity.h"
#include "kamgr/store/complaints.h"
#include "kamgr/store/mutation.h"

namespace kamgr::cli {

namespace {

struct OpenOptions {
  std::string customer, level, category, summary, received_at, rep;
};

struct EventOptions {
  std::string id, at, by, note, csat, reason;
};

/// A member given by an option, else the acting member.
std::string member_or_acting(Context& ctx, const Team& team, const std::string& given,
                             const std::string& option) {
  if (given.empty()) return ctx.acting_member(team);
  if (!team.find(given)) throw input_error(unknown_member_message(option, given, team));
  return given;
}

/// An instant typed on the command line, else now; never in the future.
Instant instant_or_now(Context& ctx, const std::string& text, const std::string& option) {
  const Instant now = ctx.now();
  if (text.empty()) return now;
  const Instant t = parse_instant_option(text, option, ctx.zone());
  if (t > now)
    throw input_error(fmt::format("{} {} is in the future (now is {})", option, t.str(ctx.zone()),
                                  now.str(ctx.zone())));
  return t;
}

Validate complaint_validator(const Config& config) {
  return [&config](const std::string& text, const std::string& file, Diagnostics& d) {
    load_complaint(text, file, config, d);
  };
}

/// On a terminal, asks for the missing customer, level, category and summary (and the
/// rep, offering the acting member); without one, names them all in one error.
void ask_missing(Context& ctx, OpenOptions& o) {
  if (!must_ask(ctx.terminal, {{"--customer", o.customer},
                               {"--level", o.level},
                               {"--category", o.category},
                               {"--summary", o.summary}}))
    return;
  const Config& config = ctx.config();
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const CustomerBook book = repo.load_customers();
  const std::vector<std::string> levels = config.level_names();
  ask_questions(*ctx.terminal,
                {customer_question(book, o.customer),
                 choice_question("--level", o.level, levels, levels.empty() ? "" : levels.front()),
                 choice_question("--category", o.category, complaint_categories()),
                 text_question("--summary", o.summary),
                 member_question("--rep", team, o.rep, ctx.acting_member_if_any(team))}, ctx.lang());
}

int run_open(Context& ctx, const OpenOptions& o) {
  const Config& config = ctx.config();
  const TzOffset zone = config.timezone;
  require_one_of("--level", o.level, config.level_names());
  require_one_of("--category", o.category, complaint_categories());
  if (o.summary.find_first_not_of(" \t") == std::string::npos)
    throw input_error("--summary is empty: say what the customer complains about");
  const Instant received = instant_or_now(ctx, o.received_at, "--received-at");
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const CustomerBook book = repo.load_customers();
  const Customer& customer = book.resolve(o.customer);
  const std::string rep = member_or_acting(ctx, team, o.rep, "--rep");
  const Date day = received.local_date(zone);
  if (!customer.state_on(day).managed)
    throw input_error(fmt::format("customer '{}' is not managed yet on {} (its history starts {})",
                                  customer.id, day.str(), customer.history.front().date.str()));

  const std::string id = generate_record_id(day);
  Value v = Value::object();
  v.set("id", id);
  v.set("customer", customer.id);
  v.set("rep", rep);
  v.set("level", o.level);
  v.set("category", o.category);
  v.set("summary", o.summary);
  v.set("received_at", Value::plain(received.str(zone)));
  v.set("events", Value::array());
  create_record(ctx.data(), complaint_path(id), v, complaint_validator(config));
  ctx.out << id << "\n";
  return 0;
}

/// Appends one event of `type` to a complaint, refusing impossible steps.
int run_event(Context& ctx, const std::string& type, const EventOptions& o) {
  const Config& config = ctx.config();
  const TzOffset zone = config.timezone;
  std::optional<int> csat;
  if (!o.csat.empty()) {
    int n = 0;
    auto [p, ec] = std::from_chars(o.csat.data(), o.csat.data() + o.csat.size(), n);
    if (ec != std::errc() || p != o.csat.data() + o.csat.size() || n < 1 || n > 5)
      throw input_error(fmt::format("invalid value for --csat: '{}' (expected 1 to 5)", o.csat));
    csat = n;
  }
  if (type == "reopened" && o.reason.find_first_not_of(" \t") == std::string::npos)
    throw input_error("--reason is empty: say why the complaint is reopened");
  const Instant at = instant_or_now(ctx, o.at, "--at");
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const Complaint complaint = find_complaint(ctx, repo, o.id);
  const std::string by = member_or_acting(ctx, team, o.by, "--by");

  ComplaintEvent event{type, at, by, o.note, csat, o.reason, 0};
  Value item = Value::object();
  item.set("type", type);
  item.set("at", Value::plain(at.str(zone)));
  item.set("by", by);
  if (csat) item.set("csat", *csat);
  if (!o.reason.empty()) item.set("reason", o.reason);
  if (!o.note.empty()) item.set("note", o.note);
  auto refuse = [&](const std::string& text, const std::string& file, Diagnostics& d) {
    const auto current = load_complaint(text, file, config, d);
    if (!current) return;
    if (const std::string why = refuse_event(*current, event, zone); !why.empty())
      d.error(file, 0, why);
  };
  append_to_record(ctx.data(), complaint.source.file, "events", item, refuse,
                   complaint_validator(config));
  if (!ctx.options.quiet) ctx.err << fmt::format("kamgr: complaint {}: {}\n", complaint.id, type);
  if (csat && *csat <= config.callback_below) {
    const WorkCalendar calendar = working_calendar(ctx, repo, diag);
    ctx.warn(fmt::format("csat {} <= {}: a call-back is due by {}", *csat, config.callback_below,
                         deadline(at, config.callback_within, calendar, zone).str(zone)));
  }
  return 0;
}

constexpr StepCommand kSteps[] = {
    {"contact", "contacted", "Record the first contact with the customer",
     "kamgr complaint contact 20261122-7qm2xd --at 2026-11-22T15:00 --note 电话致歉"},
    {"answer", "answered", "Record the answer or solution given",
     "kamgr complaint answer 20261122-7qm2xd --by li-si --note 补发并致歉"},
    {"close", "closed", "Close the complaint, with the customer's satisfaction 1-5",
     "kamgr complaint close 20261122-7qm2xd --csat 4"},
    {"callback", "callback", "Record the call-back after closing",
     "kamgr complaint callback 20261122-7qm2xd --note 确认整改效果"},
    {"reopen", "reopened", "Reopen a complaint the customer is not satisfied with",
     "kamgr complaint reopen 20261122-7qm2xd --reason 仍有破损"},
};

void add_step(CLI::App& complaint, const StepCommand& step, Context& ctx, Outcome& outcome) {
  auto o = std::make_shared<EventOptions>();
  CLI::App* cmd = add_command(complaint, step.command, step.description, step.example);
  cmd->add_option("id", o->id, "complaint ID (or a unique part of it)")->required();
  cmd->add_option("--at", o->at, "when it happened (default: now)");
  cmd->add_option("--by", o->by, "who did it (default: the acting member)");
  cmd->add_option("--note", o->note, "a note");
  const std::string type = step.type;
  if (type == "closed") cmd->add_option("--csat", o->csat, "customer satisfaction, 1 to 5");
  if (type == "reopened") cmd->add_option("--reason", o->reason, "why it is reopened")->required();
  on_run(cmd, outcome, [&ctx, o, type] { return run_event(ctx, type, *o); });
}

}  // namespace

/// complaint show | list | sla | summary, in their own files.
void add_complaint_report_commands(CLI::App& complaint, Context& ctx, Outcome& outcome);

void add_complaint_commands(CLI::App& app, Context& ctx, Outcome& outcome) {
  CLI::App* complaint =
      app.add_subcommand("complaint", "Complaints: lifecycle, SLA, call-backs, summaries");
  complaint->require_subcommand(1);
  complaint->footer("\nExample:\n  kamgr complaint sla 2026-11 --fail-on-breach");

  auto open = std::make_shared<OpenOptions>();
  CLI::App* cmd = add_command(*complaint, "open", "Record a new complaint (prints its ID)",
                              "kamgr complaint open --customer 华润 --level general "
                              "--category delivery --summary 到货包装破损 "
                              "--received-at 2026-11-22T10:15");
  add_asked_option(cmd, "--customer", open->customer, "ID, exact name or unique part of a name");
  add_asked_option(cmd, "--level", open->level, "a level of complaints.levels (general, major...)");
  add_asked_option(cmd, "--category", open->category,
                   "product, service, delivery, after_sales or other");
  add_asked_option(cmd, "--summary", open->summary, "what the customer complains about");
  cmd->add_option("--received-at", open->received_at, "when it was received (default: now)");
  cmd->add_option("--rep", open->rep, "who recorded it (default: the acting member)");
  on_run(cmd, outcome, [&ctx, open] {
    ask_missing(ctx, *open);
    return run_open(ctx, *open);
  });

  for (const StepCommand& step : kSteps) add_step(*complaint, step, ctx, outcome);
  add_complaint_report_commands(*complaint, ctx, outcome);
}

}  // namespace kamgr::cli
