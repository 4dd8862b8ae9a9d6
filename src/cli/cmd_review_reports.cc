// kamgr review list | calibrate (show: cmd_review_show.cc).
#include <fmt/format.h>

#include "kamgr/domain/review_book.h"
#include "kamgr/reports/review_calibration.h"
#include "kamgr/store/review_store.h"
#include "charts.h"
#include "review_common.h"

namespace kamgr::cli {

namespace {

struct CalibrateOptions {
  std::string period, by;
};

Value number_or_null(const std::optional<double>& v) {
  return v ? Value::round2(*v) : Value();
}

Value string_list(const std::vector<std::string>& items) {
  Value list = Value::array();
  for (const std::string& s : items) list.push(s);
  return list;
}

/// "interview by 2026-11-05 (overdue)", joined with "; ".
std::string due_text(const ReviewDeadlines& d, TzOffset zone) {
  std::string text;
  for (const DueItem& item : d.due)
    text += fmt::format("{}{} by {}{}", text.empty() ? "" : "; ", item.step,
                        item.deadline.local_date(zone).str(), item.overdue ? " (overdue)" : "");
  return text;
}

Value optional_instant(Context& ctx, const std::optional<Instant>& at) {
  return at ? Value::plain(instant_text(ctx, *at)) : Value();
}

Value list_row(Context& ctx, const Review& review, const WorkCalendar& calendar) {
  const Config& config = ctx.config();
  Value row = Value::object();
  row.set("member", review.member);
  row.set("status", review.status());
  if (const auto result = review.effective_result()) {
    row.set("kpi_score", number_or_null(result->kpi_score));
    row.set("qualitative", number_or_null(result->qualitative));
    row.set("deductions", Value::round2(result->deductions));
    row.set("total", Value::round2(result->total));
    row.set("grade", result->grade);
    row.set("flags", string_list(result->flags));
    row.set("re_review_due",
            result->re_review_due ? Value::plain(result->re_review_due->str()) : Value());
  } else {
    row.set("kpi_score", Value());
    row.set("qualitative", number_or_null(qualitative_score(latest_scores(review), config).score));
    row.set("deductions", Value::round2(deduction_points(review)));
    row.set("total", Value());
    row.set("grade", Value());
    row.set("flags", Value::array());
    row.set("re_review_due", Value());
  }
  const ReviewDeadlines d = review_deadlines(review, config, calendar, ctx.zone(), ctx.now());
  row.set("interview_due", optional_instant(ctx, d.interview));
  row.set("appeal_until", optional_instant(ctx, d.appeal));
  row.set("decision_due", optional_instant(ctx, d.decision));
  row.set("due", due_value(ctx, d));
  row.set("next", due_text(d, ctx.zone()));
  return row;
}

int run_list(Context& ctx, const std::string& period_text) {
  track_source(ctx);
  const Period period = review_period(period_text);
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  std::vector<Review> reviews = load_period_reviews(repo, period);
  diag.throw_if_errors();
  const Instant now = ctx.now();
  for (Review& r : reviews) r = r.as_of(now);
  Report report = review_list_report(ctx, period, reviews, repo.load_calendar());
  add_git_source_if_structured(ctx, report);
  ctx.emit(report);
  return 0;
}

Report calibration_report(const Period& period, const std::vector<CalibrationGroup>& groups) {
  Report r;
  r.doc.set("period", period.name());
  Value list = Value::array(), rows = Value::array();
  for (const CalibrationGroup& g : groups) {
    Value group = Value::object(), grades = Value::array();
    group.set("group", g.group);
    group.set("n", g.n);
    for (const GradeCount& c : g.grades) {
      Value v = Value::object();
      v.set("grade", c.grade);
      v.set("count", c.count);
      v.set("allowed", c.allowed);
      v.set("over", c.over);
      grades.push(v);
      Value row = Value::object();
      row.set("group", g.group);
      row.set("n", g.n);
      for (const auto& [k, val] : v.fields()) row.set(k, val);
      rows.push(row);
    }
    group.set("grades", grades);
    list.push(group);
  }
  r.doc.set("groups", list);
  r.doc.set("rows", rows);
  r.columns = {{"group", "GROUP"},           {"n", "N", true},
               {"grade", "GRADE"},           {"count", "COUNT", true},
               {"allowed", "ALLOWED", true}, {"over", "OVER"}};
  return r;
}

int run_calibrate(Context& ctx, const CalibrateOptions& o) {
  track_source(ctx);
  const Period period = review_period(o.period);
  const GroupBy by = parse_group_by(o.by, {GroupBy::team});
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const std::vector<Review> reviews = load_period_reviews(repo, period);
  diag.throw_if_errors();
  const auto graded = graded_reviews(reviews, team, by, ctx.now());
  const auto groups = calibrate(graded, ctx.config());
  Report report = calibration_report(period, groups);
  std::vector<std::string> over;
  for (const CalibrationGroup& g : groups)
    for (const GradeCount& c : g.grades)
      if (c.over)
        over.push_back(
            fmt::format("{}: {} {} of {} (allowed {})", g.group, c.count, c.grade, g.n, c.allowed));
  if (graded.empty()) report.notes.push_back("no finalized reviews for " + period.name());
  for (const std::string& s : over) report.notes.push_back("over its share: " + s);
  // JSON and YAML show the groups; the table, CSV and page one row per grade.
  Report shown = report;
  Value doc = Value::object();
  for (const auto& [k, v] : report.doc.fields())
    if (k != "rows") doc.set(k, v);
  shown.doc = doc;
  add_git_source_if_structured(ctx, shown);
  shown.set_table_view(report);
  ctx.emit(shown, calibration_page(period, groups, ctx.config()));
  return over.empty() ? 0 : static_cast<int>(Exit::found);
}

}  // namespace

Report review_list_report(Context& ctx, const Period& period, const std::vector<Review>& reviews,
                          const WorkCalendar& calendar) {
  Report r;
  r.rows_key = "reviews";
  r.doc.set("period", period.name());
  Value rows = Value::array();
  for (const Review& review : reviews) rows.push(list_row(ctx, review, calendar));
  r.doc.set("reviews", rows);
  r.columns = {{"member", "MEMBER"},
               {"status", "STATUS"},
               {"kpi_score", "KPI", true},
               {"qualitative", "QUAL", true},
               {"deductions", "DED", true},
               {"total", "TOTAL", true},
               {"grade", "GRADE"},
               {"flags", "FLAGS"},
               {"next", "DUE"}};
  return r;
}

void add_review_show_command(CLI::App& review, Context& ctx, Outcome& outcome);

void add_review_report_commands(CLI::App& review, Context& ctx, Outcome& outcome) {
  auto period = std::make_shared<std::string>();
  CLI::App* list =
      add_command(review, "list", "List a period's reviews: status, result, flags, what is due",
                  "kamgr review list 2026-10 --format json");
  list->add_option("period", *period, "review period: 2026-10, 2026-Q4 or 2026")->required();
  on_run(list, outcome, [&ctx, period] { return run_list(ctx, *period); });

  add_review_show_command(review, ctx, outcome);

  auto c = std::make_shared<CalibrateOptions>();
  CLI::App* cal =
      add_command(review, "calibrate", "Grade counts against their shares; exit 1 when one is over",
                  "kamgr review calibrate 2026-Q3 --by team\n"
                  "  kamgr review calibrate 2026-Q3 --format html > grades.html");
  cal->add_option("period", c->period, "review period: 2026-10, 2026-Q4 or 2026")->required();
  cal->add_option("--by", c->by, "team: one group per manager (default: everyone together)");
  on_run(cal, outcome, [&ctx, c] { return run_calibrate(ctx, *c); });
}

}  // namespace kamgr::cli
