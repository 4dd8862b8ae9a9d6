// kamgr complaint summary PERIOD: by category and by level (docs/complaints.md "Reports").
#include <fmt/format.h>

#include <map>

#include "charts.h"
#include "common.h"
#include "complaint_common.h"
#include "kamgr/domain/complaint_summary.h"

namespace kamgr::cli {

namespace {

struct SummaryOptions {
  PeriodArgs period;
};

Value rate(std::optional<double> v) {
  return v ? Value::round2(*v) : Value();
}

/// One group's row: `key` names the group (`category`, `level` or `total`).
Value stats_row(const std::string& key, const std::string& name, const ComplaintStats& s) {
  Value row = Value::object();
  if (!key.empty()) row.set(key, name);
  row.set("received", s.received);
  row.set("contact_met_rate", rate(s.contact_met_rate()));
  row.set("answer_met_rate", rate(s.answer_met_rate()));
  row.set("still_open", s.still_open);
  row.set("mean_csat", rate(s.mean_csat()));
  row.set("callbacks_due", s.callbacks_due);
  row.set("callbacks_done", s.callbacks_done);
  row.set("callbacks_on_time", s.callbacks_met);
  row.set("response_1h_rate", rate(s.response_1h_rate()));
  row.set("resolution_24h_rate", rate(s.resolution_24h_rate()));
  row.set("callback_rate", rate(s.callback_rate()));
  row.set("recovery_rate", rate(s.recovery_rate()));
  return row;
}

/// Both groupings one under the other, then the total, each row named by `group`.
Value group_rows(const Value& doc) {
  Value rows = Value::array();
  for (const auto& [list, key] : {std::pair{"by_category", "category"}, {"by_level", "level"}})
    for (const Value& row : doc.find(list)->items()) {
      Value line = row;
      line.set("group", fmt::format("{} {}", key, row.find(key)->as_text()));
      rows.push(line);
    }
  Value total = *doc.find("total");
  total.set("group", "total");
  rows.push(total);
  return rows;
}

/// The CSV view: the group rows with every figure of the JSON (docs/complaints.md
/// "Reports").
Report csv_view(const Value& doc) {
  Report r;
  r.doc.set("rows", group_rows(doc));
  r.columns = {{"group", "group"}};
  for (const auto& [key, value] : doc.find("total")->fields()) r.columns.push_back({key, key, true});
  return r;
}

/// The table view: the figures that fit a terminal.
Report table_view(const Value& doc) {
  Report r;
  r.doc.set("rows", group_rows(doc));
  r.columns = {{"group", "GROUP"},
               {"received", "RECEIVED", true},
               {"contact_met_rate", "CONTACT MET %", true},
               {"answer_met_rate", "ANSWER MET %", true},
               {"still_open", "OPEN", true},
               {"mean_csat", "CSAT", true},
               {"callbacks_due", "CALL-BACKS DUE", true},
               {"callbacks_done", "DONE", true},
               {"recovery_rate", "RECOVERY %", true}};
  r.notes.push_back(fmt::format(
      "complaints received {} to {}; recovery = 1-hour response x 30% "
      "+ 24-hour resolution x 50% + call-back rate x 20%",
      doc.find("period")->find("from")->as_text(), doc.find("period")->find("to")->as_text()));
  return r;
}

int run_summary(Context& ctx, const SummaryOptions& o) {
  track_source(ctx);
  const Period period = resolve_period(o.period, Period::month_of(ctx.today()));
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const WorkCalendar calendar = working_calendar(ctx, repo, diag);
  const Config& config = ctx.config();
  const TzOffset zone = config.timezone;
  const Instant now = ctx.now();
  std::map<std::string, ComplaintStats> by_category, by_level;
  ComplaintStats total;
  for (const Complaint& c : load_complaints_as_of(ctx, repo, diag)) {
    if (!period.contains(c.received_at.local_date(zone))) continue;
    const ComplaintSla sla = evaluate_sla(c, config, calendar, now);
    by_category[c.category].add(c, sla, now);
    by_level[c.level].add(c, sla, now);
    total.add(c, sla, now);
  }
  Value categories = Value::array(), levels = Value::array();
  for (const std::string& k : complaint_categories())
    categories.push(stats_row("category", k, by_category[k]));
  for (const std::string& l : config.level_names()) levels.push(stats_row("level", l, by_level[l]));
  Value period_doc = Value::object();
  period_doc.set("from", Value::plain(period.from.str()));
  period_doc.set("to", Value::plain(period.to.str()));
  Report r;
  r.doc.set("period", period_doc);
  r.doc.set("by_category", categories);
  r.doc.set("by_level", levels);
  r.doc.set("total", stats_row("", "", total));
  r.set_table_view(table_view(r.doc));
  r.set_csv_view(csv_view(r.doc));
  add_git_source_if_structured(ctx, r);
  ctx.emit(r, complaint_page(period, config.level_names(), by_level));
  return 0;
}

}  // namespace

void add_complaint_summary(CLI::App& complaint, Context& ctx, Outcome& outcome) {
  auto o = std::make_shared<SummaryOptions>();
  CLI::App* cmd =
      add_command(complaint, "summary", "Complaints received in a period by category and by level",
                  "kamgr complaint summary 2026-10 --format json\n"
                  "  kamgr complaint summary            # this month\n"
                  "  kamgr complaint summary 2026-10 --format html > complaints.html");
  add_period_args(cmd, o->period);
  on_run(cmd, outcome, [&ctx, o] { return run_summary(ctx, *o); });
}

}  // namespace kamgr::cli
