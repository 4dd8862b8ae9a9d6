// kamgr complaint list | sla | summary  (show lives in cmd_complaint_show.cc)
#include <fmt/format.h>

#include "common.h"
#include "complaint_common.h"
#include "kamgr/domain/complaint_summary.h"
#include "kamgr/reports/complaint_sla.h"

namespace kamgr::cli {

namespace {

struct ListOptions {
  PeriodArgs period;
  std::string status = "all";
  bool breached = false;
  std::string customer;
};

struct SlaOptions {
  PeriodArgs period;
  bool fail_on_breach = false;
};

Value status_or_null(const SlaPart* p) {
  return p ? Value(sla_status_name(p->status)) : Value();
}

/// One row of `complaint list`.
Value list_row(const JudgedComplaint& j, TzOffset zone, Instant now) {
  const Complaint& c = *j.complaint;
  const auto closed = closed_at(c, now);
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
  s.set("contact", status_or_null(j.contact()));
  s.set("answer", status_or_null(j.answer()));
  s.set("callback", status_or_null(j.callback()));
  row.set("sla", s);
  row.set("breached", j.sla.any_breached());
  return row;
}

int run_list(Context& ctx, const ListOptions& o) {
  track_source(ctx);
  const StatusFilter status = parse_status_filter(o.status);
  const std::optional<Period> period =
      o.period.period.empty() && o.period.from.empty() && o.period.to.empty()
          ? std::nullopt
          : std::optional<Period>(resolve_period(o.period, std::nullopt));
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  std::optional<std::string> customer;
  if (!o.customer.empty()) customer = repo.load_customers().resolve(o.customer).id;
  const WorkCalendar calendar = working_calendar(ctx, repo, diag);
  std::vector<Complaint> complaints = load_complaints_as_of(ctx, repo, diag);
  const Config& config = ctx.config();
  const TzOffset zone = config.timezone;
  if (period) complaints = received_in(std::move(complaints), *period, zone);
  if (customer) std::erase_if(complaints, [&](const Complaint& c) { return c.customer != *customer; });
  const Instant now = ctx.now();
  Value rows = Value::array();
  for (const JudgedComplaint& j : list_complaints(complaints, config, calendar, now, status,
                                                  o.breached)) {
    rows.push(list_row(j, zone, now));
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

/// One row of `complaint sla`: the parts the row shows and every cycle.
Value sla_row(const JudgedComplaint& j, TzOffset zone) {
  const Complaint& c = *j.complaint;
  Value row = Value::object();
  row.set("id", c.id);
  row.set("customer", c.customer);
  row.set("level", c.level);
  row.set("category", c.category);
  row.set("received_at", Value::plain(c.received_at.str(zone)));
  row.set("contact", sla_part_value(j.contact(), zone));
  row.set("answer", sla_part_value(j.answer(), zone));
  row.set("callback", sla_part_value(j.callback(), zone));
  row.set("answer_cycles", cycles_value(j.sla.answers, zone));
  row.set("callback_cycles", cycles_value(j.sla.callbacks, zone));
  row.set("all_met", j.sla.all_met());
  return row;
}

int run_sla(Context& ctx, const SlaOptions& o) {
  track_source(ctx);
  const Period period = resolve_period(o.period, Period::month_of(ctx.today()));
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const WorkCalendar calendar = working_calendar(ctx, repo, diag);
  const Config& config = ctx.config();
  const TzOffset zone = config.timezone;
  const auto complaints = received_in(load_complaints_as_of(ctx, repo, diag), period, zone);
  const SlaResult result = compute_complaint_sla(complaints, config, calendar, ctx.now());
  Value rows = Value::array();
  for (const JudgedComplaint& j : result.rows) rows.push(sla_row(j, zone));
  const SlaCounts& n = result.counts;
  Value summary = Value::object();
  summary.set("received", n.received);
  summary.set("contact_met", n.contact_met);
  summary.set("contact_breached", n.contact_breached);
  summary.set("answer_met", n.answer_met);
  summary.set("answer_breached", n.answer_breached);
  summary.set("pending", n.pending);
  summary.set("callback_met", n.callback_met);
  summary.set("callback_breached", n.callback_breached);
  summary.set("breached", n.breached);
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
      n.received, period.name(), n.contact_met, n.contact_breached, n.answer_met,
      n.answer_breached, n.pending));
  add_git_source_if_structured(ctx, r);
  ctx.emit(r);
  return o.fail_on_breach && n.breached > 0 ? static_cast<int>(Exit::found) : 0;
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
  ls->add_option("--customer", list->customer, "only this customer's complaints (ID, exact name or unique part of a name)");
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
