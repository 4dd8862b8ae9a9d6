// kamgr kpi run | kpi target check
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "charts.h"
#include "kpi_common.h"
#include "kamgr/reports/grouping.h"
#include "kamgr/reports/kpi_engine.h"
#include "kamgr/reports/kpi_teams.h"
#include "kamgr/store/kpi_files.h"

namespace kamgr::cli {

/// kpi explain (cmd_kpi_explain.cc).
void add_kpi_explain_command(CLI::App& kpi, Context& ctx, Outcome& outcome);

Period kpi_period(const std::string& text) {
  const auto p = Period::parse(text);
  if (!p || !is_kpi_period(*p))
    throw input_error(fmt::format("invalid period '{}' (expected a month 2026-10, a quarter "
                                  "2026-Q4 or a year 2026)",
                                  text));
  return *p;
}

Value kpi_number(const std::optional<double>& v) { return v ? Value::round2(*v) : Value(); }

Value kpi_metric_value(const MetricScore& s) {
  Value m = Value::object();
  m.set("metric", s.metric);
  m.set("weight", s.weight);
  m.set("better", s.lower_is_better ? "lower" : "higher");
  m.set("target", kpi_number(s.target));
  m.set("actual", kpi_number(s.actual));
  m.set("achievement", kpi_number(s.achievement));
  m.set("score", kpi_number(s.score));
  m.set("computed", s.computed);
  return m;
}

namespace {

struct RunOptions {
  std::string period, member, by;
  bool strict = false;
};

Value member_value(const MemberKpi& k) {
  Value v = Value::object();
  v.set("member", k.member);
  v.set("name", k.name);
  v.set("complete", k.complete);
  v.set("kpi_score", kpi_number(k.kpi_score));
  Value metrics = Value::array();
  for (const MetricScore& s : k.metrics) metrics.push(kpi_metric_value(s));
  v.set("metrics", metrics);
  Value missing = Value::array();
  for (const std::string& m : k.missing) missing.push(m);
  v.set("missing", missing);
  return v;
}

std::vector<std::string> incomplete_notes(const std::vector<MemberKpi>& kpis) {
  std::vector<std::string> notes;
  for (const MemberKpi& k : kpis)
    if (!k.complete)
      notes.push_back(fmt::format("{} is incomplete: no actual for {}", k.member,
                                  fmt::join(k.missing, ", ")));
  return notes;
}

/// Table: one row per member, one column per weighted metric (its score).
Report overview_table(const Period& period, const Config& config,
                      const std::vector<MemberKpi>& kpis) {
  Report r;
  r.columns = {{"member", "MEMBER"}, {"name", "NAME"}, {"kpi", "KPI", true}};
  std::vector<std::string> shown;
  for (const auto& [metric, mc] : config.kpi_metrics) {
    if (mc.weight <= 0) continue;
    for (const MemberKpi& k : kpis)
      for (const MetricScore& s : k.metrics)
        if (s.metric == metric && std::find(shown.begin(), shown.end(), metric) == shown.end())
          shown.push_back(metric);
  }
  for (const std::string& m : shown) r.columns.push_back({"scores." + m, m, true});
  r.columns.push_back({"complete", "COMPLETE"});
  Value rows = Value::array();
  for (const MemberKpi& k : kpis) {
    Value row = Value::object();
    row.set("member", k.member);
    row.set("name", k.name);
    row.set("kpi", kpi_number(k.kpi_score));
    Value scores = Value::object();
    for (const MetricScore& s : k.metrics) scores.set(s.metric, kpi_number(s.score));
    row.set("scores", scores);
    row.set("complete", k.complete ? "yes" : "no");
    rows.push(row);
  }
  r.doc.set("rows", rows);
  r.notes.push_back(fmt::format("{}: {} member{}; scores are achievement % capped at {}; KPI = "
                                "their mean weighted by kpi.metrics",
                                period.name(), kpis.size(), kpis.size() == 1 ? "" : "s",
                                format_number(config.kpi_cap)));
  const auto more = incomplete_notes(kpis);
  r.notes.insert(r.notes.end(), more.begin(), more.end());
  return r;
}

/// Table for one member: one row per metric.
Report member_table(const Period& period, const Config& config, const MemberKpi& k) {
  Report r;
  r.columns = {{"metric", "METRIC"},      {"weight", "WEIGHT", true},
               {"better", "BETTER"},      {"target", "TARGET", true},
               {"actual", "ACTUAL", true}, {"achievement", "ACHIEVED", true},
               {"score", "SCORE", true}};
  Value rows = Value::array();
  for (const MetricScore& s : k.metrics) rows.push(kpi_metric_value(s));
  r.doc.set("rows", rows);
  r.notes.push_back(fmt::format("{} {} {}: KPI {} (weighted mean of the scores, cap {})",
                                period.name(), k.member, k.name,
                                k.kpi_score ? format_number(*k.kpi_score) : "-",
                                format_number(config.kpi_cap)));
  const auto more = incomplete_notes({k});
  r.notes.insert(r.notes.end(), more.begin(), more.end());
  return r;
}

/// CSV: one row per member and metric (members without metrics: one empty row).
Report long_csv(const Period& period, const std::vector<MemberKpi>& kpis) {
  Report r;
  for (const char* key : {"period", "member", "name", "complete", "kpi_score", "metric", "weight",
                          "better", "target", "actual", "achievement", "score"})
    r.columns.push_back({key, key});
  Value rows = Value::array();
  for (const MemberKpi& k : kpis) {
    std::vector<Value> metrics;
    for (const MetricScore& s : k.metrics) metrics.push_back(kpi_metric_value(s));
    if (metrics.empty()) metrics.push_back(Value::object());
    for (Value& row : metrics) {
      Value full = Value::object();
      full.set("period", period.name());
      full.set("member", k.member);
      full.set("name", k.name);
      full.set("complete", k.complete);
      full.set("kpi_score", kpi_number(k.kpi_score));
      for (const auto& [key, value] : row.fields()) full.set(key, value);
      rows.push(full);
    }
  }
  r.doc.set("rows", rows);
  return r;
}

/// --by team: one row per member with reports.
Report team_report(const Period& period, const Team& team, const std::vector<MemberKpi>& kpis) {
  Report r;
  r.rows_key = "teams";
  r.columns = {{"manager", "MANAGER"}, {"name", "NAME"},          {"kpi_score", "OWN KPI", true},
               {"members", "MEMBERS", true}, {"scored", "SCORED", true},
               {"mean", "MEAN", true},  {"min", "MIN", true},      {"max", "MAX", true},
               {"incomplete", "INCOMPLETE", true}};
  Value rows = Value::array();
  for (const TeamKpi& t : roll_up_kpis(team, kpis)) {
    Value row = Value::object();
    row.set("manager", t.lead->id);
    row.set("name", t.lead->name);
    row.set("kpi_score", t.own ? kpi_number(t.own->kpi_score) : Value());
    row.set("members", t.members);
    row.set("scored", static_cast<long>(t.scores.size()));
    row.set("mean", kpi_number(t.mean()));
    row.set("min", kpi_number(t.min()));
    row.set("max", kpi_number(t.max()));
    row.set("incomplete", t.incomplete);
    rows.push(row);
  }
  r.doc.set("period", period.name());
  r.doc.set("teams", rows);
  r.notes.push_back(fmt::format("{}: KPI scores of the members reporting to each manager", period.name()));
  return r;
}

/// One row per member (or, for one member, per metric) with the long CSV as its own view.
Report members_report(Context& ctx, const Period& period, const std::vector<MemberKpi>& kpis,
                      bool one_member) {
  Report r;
  r.doc.set("period", period.name());
  add_git_source_if_structured(ctx, r);
  Value members = Value::array();
  for (const MemberKpi& k : kpis) members.push(member_value(k));
  r.doc.set("members", members);
  r.set_table_view(one_member ? member_table(period, ctx.config(), kpis.front())
                              : overview_table(period, ctx.config(), kpis));
  r.set_csv_view(long_csv(period, kpis));
  return r;
}

int run_kpi(Context& ctx, const RunOptions& o) {
  const Period period = kpi_period(o.period);
  const GroupBy by = parse_group_by(o.by, {GroupBy::team});
  Diagnostics diag;
  track_source(ctx);
  Repository repo(ctx.data(), diag);
  const std::optional<std::string> member =
      o.member.empty() ? std::nullopt : std::optional(o.member);
  const KpiSources sources = load_kpi_sources(repo, period, member);
  const auto kpis = compute_kpis(sources, ctx.now(), member);
  diag.throw_if_errors();
  ctx.print_warnings(diag);
  Report r;
  if (by == GroupBy::team) {
    r = team_report(period, sources.team, kpis);
    add_git_source_if_structured(ctx, r);
  } else {
    r = members_report(ctx, period, kpis, member.has_value());
  }
  const KpiRows rows = by == GroupBy::team ? KpiRows::teams
                       : member            ? KpiRows::metrics
                                           : KpiRows::members;
  ctx.emit(r, kpi_page(period, r.shown_as_table(), rows, ctx.config()));
  const bool incomplete =
      std::any_of(kpis.begin(), kpis.end(), [](const MemberKpi& k) { return !k.complete; });
  return o.strict && incomplete ? static_cast<int>(Exit::found) : 0;
}

struct CheckOptions {
  std::string period;
};

int run_target_check(Context& ctx, const CheckOptions& o) {
  const Period period = kpi_period(o.period);
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const KpiFigures figures = load_kpi_figures(repo, period, team);
  diag.throw_if_errors();
  ctx.print_warnings(diag);
  Report r;
  r.columns = {{"member", "MEMBER"}, {"metric", "METRIC"}, {"target", "TARGET", true},
               {"sum", "SUM OF REPORTS", true}, {"gap", "GAP", true}, {"status", "STATUS"},
               {"without", "WITHOUT TARGET"}};
  Value rows = Value::array();
  long gaps = 0;
  for (const CascadeCheck& c : check_cascade(team, figures.targets)) {
    Value row = Value::object();
    row.set("member", c.member);
    row.set("metric", c.metric);
    row.set("target", kpi_number(c.target));
    row.set("sum", Value::round2(c.sum));
    row.set("gap", c.target ? Value::round2(*c.target - c.sum) : Value());
    row.set("status", !c.gap() ? "ok" : c.target ? "gap" : "no target");
    Value counted = Value::array(), without = Value::array();
    for (const std::string& m : c.counted) counted.push(m);
    for (const std::string& m : c.without) without.push(m);
    row.set("reports", counted);
    row.set("without", without);
    rows.push(row);
    if (c.gap()) ++gaps;
  }
  r.doc.set("period", period.name());
  r.doc.set("rows", rows);
  r.doc.set("gaps", gaps);
  r.notes.push_back(gaps ? fmt::format("{} gap{} in the {} target cascade", gaps,
                                       gaps == 1 ? "" : "s", period.name())
                         : fmt::format("{} targets add up", period.name()));
  ctx.emit(r);
  return gaps ? static_cast<int>(Exit::found) : 0;
}

}  // namespace

void add_kpi_report_commands(CLI::App& kpi, CLI::App& target, Context& ctx, Outcome& outcome) {
  auto run = std::make_shared<RunOptions>();
  CLI::App* cmd = add_command(
      kpi, "run", "Score every member with a target: achievement, capped score, weighted KPI",
      "kamgr kpi run 2026-10 --format json > kpi-2026-10.json\n"
      "  kamgr kpi run 2026-10 --format html > kpi-2026-10.html");
  cmd->add_option("period", run->period, "month 2026-10, quarter 2026-Q4 or year 2026")->required();
  cmd->add_option("--member", run->member, "only this member (table: one row per metric)");
  cmd->add_option("--by", run->by, "team: one row per manager with their reps' scores");
  cmd->add_flag("--strict", run->strict, "exit 1 when a member's KPI is incomplete");
  on_run(cmd, outcome, [&ctx, run] { return run_kpi(ctx, *run); });

  auto check = std::make_shared<CheckOptions>();
  CLI::App* ch = add_command(
      target, "check",
      "Check the target cascade: each manager's (director's) target against the sum of "
      "their reports' (exit 1 on gaps)",
      "kamgr kpi target check 2026-Q4");
  ch->add_option("period", check->period, "month 2026-10, quarter 2026-Q4 or year 2026")->required();
  on_run(ch, outcome, [&ctx, check] { return run_target_check(ctx, *check); });

  add_kpi_explain_command(kpi, ctx, outcome);
}

}  // namespace kamgr::cli
