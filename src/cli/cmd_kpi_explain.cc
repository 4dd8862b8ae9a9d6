// kamgr kpi explain: the records behind every figure of one member's KPI
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "kpi_common.h"
#include "kamgr/reports/kpi_engine.h"
#include "kamgr/store/kpi_files.h"

namespace kamgr::cli {

namespace {

struct ExplainOptions {
  std::string period, member;
};

std::string text(const std::optional<double>& v) { return v ? format_number(*v) : "-"; }

Value input_row(const std::string& kind, const std::string& subject, const std::string& detail,
                const Source& source, bool counted = true) {
  Value v = Value::object();
  v.set("kind", kind);
  v.set("subject", subject);
  v.set("detail", detail);
  v.set("file", source.file);
  v.set("line", source.line > 0 ? Value(source.line) : Value());
  v.set("counted", counted);
  return v;
}

/// The entries behind a target or an actual, and those they replaced.
void figure_rows(const std::string& kind, const KpiFigure& f, Value& inputs) {
  for (size_t i = 0; i < f.sources.size(); ++i) {
    std::string detail = format_number(f.parts[i]);
    if (!f.months.empty())
      detail = fmt::format("{}: {} (1 of {} month{}, {})", f.months[i], detail, f.months.size(),
                           f.months.size() == 1 ? "" : "s", f.summed ? "summed" : "averaged");
    inputs.push(input_row(kind, "", detail, f.sources[i]));
  }
  for (size_t i = 0; i < f.replaced.size(); ++i)
    inputs.push(input_row(kind, "",
                          fmt::format("{} (replaced by a later entry)",
                                      format_number(f.replaced_values[i])),
                          f.replaced[i], false));
}

std::string summary(const MetricScore& s, double cap) {
  if (!s.target) return fmt::format("no target; actual {}", text(s.actual));
  if (!s.actual) return fmt::format("target {}; no actual{}", text(s.target),
                                    s.computed ? " (no data: left out of the KPI)" : "");
  const std::string formula = s.lower_is_better
                                  ? (*s.actual <= 0 ? std::string("actual <= 0 -> cap")
                                                    : std::string("target / actual x 100"))
                                  : std::string("actual / target x 100");
  return fmt::format("target {}, actual {}: achievement {} ({}), score {}{} x weight {}",
                     text(s.target), text(s.actual), text(s.achievement), formula,
                     text(s.score), s.achievement && *s.achievement > cap ? " (capped)" : "",
                     format_number(s.weight));
}

Value metric_explained(const MetricExplanation& m, double cap) {
  const MetricScore& s = m.score;
  Value v = kpi_metric_value(s);
  v.set("summary", summary(s, cap));
  v.set("basis", m.basis.empty() ? Value() : Value(m.basis));
  Value inputs = Value::array();
  if (m.target) figure_rows("target", *m.target, inputs);
  if (m.actual) figure_rows("actual", *m.actual, inputs);
  for (const KpiInput& in : m.inputs)
    inputs.push(input_row(in.kind, in.subject, in.detail, in.source, in.counted));
  v.set("inputs", inputs);
  return v;
}

/// Table and CSV: one row per input, after a summary row per metric.
Value flat_rows(const Value& metrics) {
  Value rows = Value::array();
  auto row = [&](const std::string& metric, const std::string& item, const std::string& subject,
                 const std::string& detail, const std::string& source) {
    Value r = Value::object();
    r.set("metric", metric);
    r.set("item", item);
    r.set("subject", subject);
    r.set("detail", detail);
    r.set("source", source);
    rows.push(r);
  };
  for (const Value& m : metrics.items()) {
    const std::string metric = m.find("metric")->as_text();
    row(metric, "score", "", m.find("summary")->as_text(), "");
    if (!m.find("basis")->is_null()) row(metric, "basis", "", m.find("basis")->as_text(), "");
    for (const Value& in : m.find("inputs")->items()) {
      const Value* line = in.find("line");
      const std::string file = in.find("file")->as_text();
      std::string source = line->is_null() ? file : fmt::format("{}:{}", file, line->as_int());
      std::string item = in.find("kind")->as_text();
      if (!in.find("counted")->as_bool()) item += " (not counted)";
      row(metric, item, in.find("subject")->as_text(), in.find("detail")->as_text(), source);
    }
  }
  return rows;
}

/// The table and CSV view: one row per item behind a figure, the KPI's formula as a note.
Report explanation_table(const KpiExplanation& x, const Period& period, const Value& metrics) {
  Report t;
  t.doc.set("rows", flat_rows(metrics));
  t.columns = {{"metric", "METRIC"}, {"item", "ITEM"}, {"subject", "SUBJECT"},
               {"detail", "DETAIL"}, {"source", "SOURCE"}};
  double weights = 0;
  for (const MetricScore& s : x.kpi.metrics)
    if (s.score && s.weight > 0) weights += s.weight;
  t.notes.push_back(fmt::format(
      "{} {} {}: KPI {} = sum(score x weight) / {} (the weights of the scored metrics)",
      period.name(), x.kpi.member, x.kpi.name, text(x.kpi.kpi_score), format_number(weights)));
  if (!x.kpi.complete)
    t.notes.push_back(fmt::format("incomplete: no actual for {}", fmt::join(x.kpi.missing, ", ")));
  if (!x.scope.everyone && x.scope.members.size() > 1)
    t.notes.push_back(fmt::format("computed metrics cover the customers of {}",
                                  fmt::join(x.scope.members, ", ")));
  if (x.scope.everyone) t.notes.push_back("computed metrics cover the whole team");
  return t;
}

int run_explain(Context& ctx, const ExplainOptions& o) {
  const Period period = kpi_period(o.period);
  Diagnostics diag;
  track_source(ctx);
  Repository repo(ctx.data(), diag);
  const KpiExplanation x =
      explain_kpi(load_kpi_sources(repo, period, o.member), ctx.now(), o.member);
  diag.throw_if_errors();
  ctx.print_warnings(diag);
  const double cap = ctx.config().kpi_cap;
  Report r;
  Value metrics = Value::array();
  for (const MetricExplanation& m : x.metrics) metrics.push(metric_explained(m, cap));
  r.doc.set("period", period.name());
  add_git_source_if_structured(ctx, r);
  r.doc.set("member", x.kpi.member);
  r.doc.set("name", x.kpi.name);
  Value scope = Value::array();
  for (const std::string& m : x.scope.members) scope.push(m);
  r.doc.set("scope", x.scope.everyone ? Value("everyone") : scope);
  r.doc.set("complete", x.kpi.complete);
  r.doc.set("kpi_score", kpi_number(x.kpi.kpi_score));
  Value missing = Value::array();
  for (const std::string& m : x.kpi.missing) missing.push(m);
  r.doc.set("missing", missing);
  r.doc.set("metrics", metrics);
  r.set_table_view(explanation_table(x, period, metrics));
  ctx.emit(r);
  return 0;
}

}  // namespace

void add_kpi_explain_command(CLI::App& kpi, Context& ctx, Outcome& outcome) {
  auto o = std::make_shared<ExplainOptions>();
  CLI::App* cmd = add_command(
      kpi, "explain",
      "Show the records behind every figure of a member's KPI: targets, actuals and the "
      "windows, visits, complaints and customers counted",
      "kamgr kpi explain 2026-10 --member zhang-wei");
  cmd->add_option("period", o->period, "month 2026-10, quarter 2026-Q4 or year 2026")->required();
  cmd->add_option("--member", o->member, "the member")->required();
  on_run(cmd, outcome, [&ctx, o] { return run_explain(ctx, *o); });
}

}  // namespace kamgr::cli
