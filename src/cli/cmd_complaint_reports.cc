// kamgr complaint list | sla | summary  (show lives in cmd_complaint_show.cc)
#include <fmt/format.h>

#include "common.h"
#include "complaint_common.h"
#include "kamgr/domain/complaint_summary.h"

namespace kamgr::cli {

namespace {

struct ListOptions {
  PeriodArgs period;
  std::string status = "all";
  bool breached = false;
};

struct SlaOptions {
  PeriodArgs period;
  bool fail_on_breach = false;
};

/// The complaints received in `period` (local dates) at or before now.
std::vector<Complaint> in_period(std::vector<Complaint> all, const Period& period, TzOffset zone) {
  std::erase_if(
      all, [&](const Complaint& c) { return !period.contains(c.received_at.local_date(zone)); });
  return all;
}

Value period_value(const Period& p) {
  Value v = Value::object();
  v.set("from", Value::plain(p.from.str()));
  v.set("to", Value::plain(p.to.str()));
  return v;
}

Value status_or_null(const SlaPart* p) {
  return p ? Value(sla_status_name(p->status)) : Value();
}

int run_list(Context& ctx, const ListOptions& o) {
  track_source(ctx);
  if (o.status != "open" && o.status != "closed" && o.status != "all")
    throw input_error(
        fmt::format("invalid value for --status: '{}' (expected open, closed or all)", o.status));
  const std::optional<Period> period =
      o.period.period.empty() && o.period.from.empty() && o.period.to.empty()
          ? std::nullopt
          : std::optional<Period>(resolve_period(o.period, std::nullopt));
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const WorkCalendar calendar = complaint_calendar(ctx, repo, diag);
  std::vector<Complaint> complaints = load_complaints_as_of(ctx, repo, diag);
  const Config& config = ctx.config();
  const TzOffset zone = config.timezone;
  if (period) complaints = in_period(std::move(complaints), *period, zone);
  const Instant now = ctx.now();
  Value rows = Value::array();
  for (const Complaint& c : complaints) {
    const auto closed = closed_at(c, now);
    if ((o.status == "open" && closed) || (o.status == "closed" && !closed)) continue;
    const ComplaintSla sla = evaluate_sla(c, config, calendar, now);
    if (o.breached && !sla.any_breached()) continue;
    Value row = Value::object();
    row.set("id", c.id);
    row.set("received_at", Value::plain(c.received_at.str(zone)));
    row.set("customer", c.customer);
    row.set("rep", c.rep);
    row.set("level", c.level);
    row.set("category", c.category);
    row.set("summary", c.summary);
    row.set("status", closed ? "closed" : "open");
    row.set("closed_at", closed ? Value::plain(closed->str(zone)) : Value());
    row.set("csat", closing_csat(c, now));
    Value s = Value::object();
    s.set("contact", status_or_null(sla.contact ? &*sla.contact : nullptr));
    s.set("answer", status_or_null(sla.deciding_answer()));
    s.set("callback", status_or_null(sla.deciding_callback()));
    row.set("sla", s);
    row.set("breached", sla.any_breached());
    rows.push(row);
  }
  Report r;
  r.rows_key = "complaints";
  r.notes.push_back(
      fmt::format("{} complaints{}", rows.size(), period ? " received in " + period->name() : ""));
  r.doc.set("complaints", rows);
  r.columns = {{"id", "ID"},
               {"received_at", "RECEIVED"},
               {"customer", "CUSTOMER"},
               {"level", "LEVEL"},
               {"status", "STATUS"},
               {"sla.contact", "CONTACT"},
               {"sla.answer", "ANSWER"},
               {"sla.callback", "CALLBACK"},
               {"summary", "SUMMARY"}};
  add_git_source_if_structured(ctx, r);
  ctx.emit(r);
  return 0;
}

/// Every cycle of one SLA part: `[{start, due, at, status}]`, oldest first.
Value cycles_value(const std::vector<SlaPart>& parts, TzOffset zone) {
  Value cycles = Value::array();
  for (const SlaPart& p : parts) {
    Value cycle = Value::object();
    cycle.set("start", Value::plain(p.start.str(zone)));
    const Value part = sla_part_value(&p, zone);
    for (const auto& [k, v] : part.fields()) cycle.set(k, v);
    cycles.push(cycle);
  }
  return cycles;
}

int run_sla(Context& ctx, const SlaOptions& o) {
  track_source(ctx);
  const Period period = resolve_period(o.period, Period::month_of(ctx.today()));
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const WorkCalendar calendar = complaint_calendar(ctx, repo, diag);
  const Config& config = ctx.config();
  const TzOffset zone = config.timezone;
  const auto complaints = in_period(load_complaints_as_of(ctx, repo, diag), period, zone);
  const Instant now = ctx.now();
  Value rows = Value::array();
  int contact_met = 0, contact_breached = 0, answer_met = 0, answer_breached = 0, pending = 0;
  int callback_met = 0, callback_breached = 0, breached = 0;
  for (const Complaint& c : complaints) {
    const ComplaintSla sla = evaluate_sla(c, config, calendar, now);
    const SlaPart* contact = sla.contact ? &*sla.contact : nullptr;
    const SlaPart* answer = sla.deciding_answer();
    const SlaPart* callback = sla.deciding_callback();
    auto is = [](const SlaPart* p, SlaStatus s) { return p && p->status == s; };
    contact_met += is(contact, SlaStatus::met);
    contact_breached += is(contact, SlaStatus::breached);
    answer_met += is(answer, SlaStatus::met);
    answer_breached += is(answer, SlaStatus::breached);
    callback_met += is(callback, SlaStatus::met);
    callback_breached += is(callback, SlaStatus::breached);
    // Pending as the row shows it: a later cycle still open behind a breached one is not.
    pending += is(contact, SlaStatus::pending) || is(answer, SlaStatus::pending) ||
               is(callback, SlaStatus::pending);
    breached += sla.any_breached();
    Value row = Value::object();
    row.set("id", c.id);
    row.set("customer", c.customer);
    row.set("level", c.level);
    row.set("category", c.category);
    row.set("received_at", Value::plain(c.received_at.str(zone)));
    row.set("contact", sla_part_value(contact, zone));
    row.set("answer", sla_part_value(answer, zone));
    row.set("callback", sla_part_value(callback, zone));
    row.set("answer_cycles", cycles_value(sla.answers, zone));
    row.set("callback_cycles", cycles_value(sla.callbacks, zone));
    row.set("all_met", sla.all_met());
    rows.push(row);
  }
  Value summary = Value::object();
  summary.set("received", static_cast<long>(complaints.size()));
  summary.set("contact_met", contact_met);
  summary.set("contact_breached", contact_breached);
  summary.set("answer_met", answer_met);
  summary.set("answer_breached", answer_breached);
  summary.set("pending", pending);
  summary.set("callback_met", callback_met);
  summary.set("callback_breached", callback_breached);
  summary.set("breached", breached);
  Report r;
  r.doc.set("period", period_value(period));
  r.doc.set("rows", rows);
  r.doc.set("summary", summary);
  r.columns = {{"id", "ID"},
               {"customer", "CUSTOMER"},
               {"level", "LEVEL"},
               {"contact.status", "CONTACT"},
               {"answer.due", "ANSWER DUE"},
               {"answer.status", "ANSWER"},
               {"callback.status", "CALLBACK"}};
  r.notes.push_back(fmt::format(
      "{} received in {}: contact {} met, {} breached; answer {} met, {} breached; {} pending",
      complaints.size(), period.name(), contact_met, contact_breached, answer_met, answer_breached,
      pending));
  add_git_source_if_structured(ctx, r);
  ctx.emit(r);
  return o.fail_on_breach && breached > 0 ? static_cast<int>(Exit::found) : 0;
}

}  // namespace

/// complaint summary, in cmd_complaint_summary.cc; show in cmd_complaint_show.cc.
void add_complaint_summary(CLI::App& complaint, Context& ctx, Outcome& outcome);
void add_complaint_show(CLI::App& complaint, Context& ctx, Outcome& outcome);

void add_complaint_report_commands(CLI::App& complaint, Context& ctx, Outcome& outcome) {
  add_complaint_show(complaint, ctx, outcome);

  auto list = std::make_shared<ListOptions>();
  CLI::App* ls =
      add_command(complaint, "list", "List complaints (default: every complaint received so far)",
                  "kamgr complaint list 2026-Q4 --status open --breached");
  add_period_args(ls, list->period);
  ls->add_option("--status", list->status, "open, closed or all (default)");
  ls->add_flag("--breached", list->breached, "only complaints with a breached SLA part");
  on_run(ls, outcome, [&ctx, list] { return run_list(ctx, *list); });

  auto sla = std::make_shared<SlaOptions>();
  CLI::App* sl = add_command(complaint, "sla",
                             "SLA of the complaints received in a period (default: this month)",
                             "kamgr complaint sla 2026-11 --format json --fail-on-breach");
  add_period_args(sl, sla->period);
  sl->add_flag("--fail-on-breach", sla->fail_on_breach, "exit 1 when any part is breached");
  on_run(sl, outcome, [&ctx, sla] { return run_sla(ctx, *sla); });

  add_complaint_summary(complaint, ctx, outcome);
}

}  // namespace kamgr::cli
