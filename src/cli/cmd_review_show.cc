// kamgr review show MEMBER PERIOD: the result and everything behind it (each score and
// its weight, each deduction, the KPI metrics, the feedback deadlines).
#include <fmt/format.h>

#include "kamgr/domain/review_book.h"
#include "kamgr/reports/review_engine.h"
#include "kamgr/store/review_store.h"
#include "review_common.h"

namespace kamgr::cli {

namespace {

struct ShowOptions {
  std::string member, period;
};

/// Lines of the table view: item, value, detail.
class Lines {
 public:
  void add(const std::string& item, const std::string& value, const std::string& detail = {}) {
    Value row = Value::object();
    row.set("item", item);
    row.set("value", value);
    row.set("detail", detail);
    rows_.push(row);
  }
  Value rows() const { return rows_; }

 private:
  Value rows_ = Value::array();
};

std::string num(std::optional<double> v) {
  return v ? format_number(*v) : "-";
}

std::string when(Context& ctx, const ReviewEvent& e) {
  return fmt::format("by {} at {}", e.by, instant_text(ctx, e.at));
}

/// The self, manager and upward scores with their configured and renormalised weights.
Value scores_value(Context& ctx, const Review& review, Lines& lines) {
  const Config& config = ctx.config();
  const ScoreInputs in = latest_scores(review);
  const Qualitative q = qualitative_score(in, config);
  Value scores = Value::array();
  auto add = [&](const char* source, std::optional<double> score, double configured, double weight,
                 const ReviewEvent* e) {
    Value v = Value::object();
    v.set("source", source);
    v.set("score", score ? Value::round2(*score) : Value());
    v.set("configured_weight", configured);
    v.set("weight", weight);
    if (e) {
      v.set("by", e->by);
      v.set("at", Value::plain(instant_text(ctx, e->at)));
      if (!e->comment.empty()) v.set("comment", e->comment);
    }
    scores.push(v);
    lines.add(source, num(score),
              fmt::format("weight {} -> {}{}", format_number(configured), format_number(weight),
                          e ? ", " + when(ctx, *e) : std::string()));
  };
  const ReviewEvent* last_self = nullptr;
  const ReviewEvent* last_manager = nullptr;
  for (const ReviewEvent& e : review.events) {
    if (e.type == ReviewEventType::finalized) break;
    if (e.type == ReviewEventType::self) last_self = &e;
    if (e.type == ReviewEventType::manager) last_manager = &e;
  }
  add("self", in.self, config.weight_self, q.self_weight, last_self);
  add("manager", in.manager, config.weight_manager, q.manager_weight, last_manager);
  add("upward", q.upward_mean, config.weight_upward, q.upward_weight, nullptr);
  return scores;
}

Value deductions_value(Context& ctx, const Review& review, Lines& lines) {
  Value list = Value::array();
  for (const ReviewEvent& e : review.events) {
    if (e.type == ReviewEventType::finalized) break;
    if (e.type != ReviewEventType::deduction) continue;
    Value v = Value::object();
    v.set("points", e.points);
    v.set("reason", e.reason);
    v.set("by", e.by);
    v.set("at", Value::plain(instant_text(ctx, e.at)));
    list.push(v);
    lines.add("deduction", "-" + format_number(e.points), e.reason + ", " + when(ctx, e));
  }
  return list;
}

Value metrics_value(const ReviewResult& result, Lines& lines) {
  Value list = Value::array();
  for (const ResultMetric& m : result.metrics) {
    Value v = Value::object();
    v.set("metric", m.metric);
    v.set("weight", m.weight);
    v.set("target", m.target);
    v.set("actual", m.actual);
    v.set("achievement", m.achievement ? Value::round2(*m.achievement) : Value());
    v.set("score", m.score ? Value::round2(*m.score) : Value());
    list.push(v);
    lines.add(
        "kpi " + m.metric, num(m.score),
        fmt::format("weight {}, target {}, actual {}, achievement {}%", format_number(m.weight),
                    num(m.target), num(m.actual), num(m.achievement)));
  }
  return list;
}

/// The result figures: KPI, qualitative, total with its formula, grade and flags.
void result_value(Context& ctx, const ReviewResult& r, double deductions, Value& doc,
                  Lines& lines) {
  const Config& config = ctx.config();
  const double share = config.review_kpi_share;
  doc.set("kpi_share", share);
  doc.set("kpi_score", r.kpi_score);
  doc.set("kpi_complete", r.kpi_complete);
  doc.set("qualitative", r.qualitative);
  doc.set("deductions_total", Value::round2(deductions));
  doc.set("total", r.total);
  doc.set("grade", r.grade);
  Value flags = Value::array();
  for (const std::string& f : r.flags) flags.push(f);
  doc.set("flags", flags);
  doc.set("re_review_due", r.re_review_due ? Value::plain(r.re_review_due->str()) : Value());
  // A part without a score counts as 0 in the total (docs/reviews.md "How the result is
  // computed"): the formula shows the 0 it uses.
  lines.add("kpi score", num(r.kpi_score),
            fmt::format("x {}{}", format_number(share),
                        !r.kpi_score      ? " (none: counts as 0)"
                        : r.kpi_complete ? ""
                                         : " (incomplete KPI data)"));
  lines.add("qualitative", num(r.qualitative),
            fmt::format("x {}{}", format_number(1 - share),
                        r.qualitative ? "" : " (no score weighted above 0: counts as 0)"));
  lines.add("total", format_number(r.total),
            fmt::format("{} x {} + {} x {} - {}, within 0..{}, 2 decimals", format_number(share),
                        format_number(r.kpi_score.value_or(0)), format_number(1 - share),
                        format_number(r.qualitative.value_or(0)), format_number(deductions),
                        format_number(config.kpi_cap)));
  lines.add("grade", r.grade);
  std::string f;
  for (const std::string& flag : r.flags) f += (f.empty() ? "" : " ") + flag;
  lines.add("flags", f, r.re_review_due ? "re-review due " + r.re_review_due->str() : "");
}

Value upward_value(Context& ctx, const Review& review) {
  Value list = Value::array();
  for (const ReviewEvent& e : review.events) {
    if (e.type == ReviewEventType::finalized) break;
    if (e.type != ReviewEventType::upward) continue;
    Value v = Value::object();
    v.set("by", e.by);
    v.set("score", e.score);
    v.set("at", Value::plain(instant_text(ctx, e.at)));
    list.push(v);
  }
  return list;
}

/// Feedback after the result: interview, appeal, decision and what is due.
void feedback_value(Context& ctx, const Review& review, const WorkCalendar& calendar, Value& doc,
                    Lines& lines) {
  const ReviewDeadlines d = review_deadlines(review, ctx.config(), calendar, ctx.zone(), ctx.now());
  Value deadlines = Value::object();
  deadlines.set("interview", d.interview ? Value::plain(instant_text(ctx, *d.interview)) : Value());
  deadlines.set("appeal", d.appeal ? Value::plain(instant_text(ctx, *d.appeal)) : Value());
  deadlines.set("decision", d.decision ? Value::plain(instant_text(ctx, *d.decision)) : Value());
  doc.set("deadlines", deadlines);
  for (const DueItem& item : d.due)
    lines.add(item.step, item.overdue ? "overdue" : "due",
              "by " + instant_text(ctx, item.deadline));
  doc.set("due", due_value(ctx, d));
  if (const ReviewEvent* e = review.last(ReviewEventType::interview))
    lines.add("interview", "held", when(ctx, *e));
  if (const ReviewEvent* e = review.last(ReviewEventType::appeal))
    lines.add("appeal", e->reason, when(ctx, *e));
  if (const ReviewEvent* e = review.last(ReviewEventType::decision)) {
    Value v = Value::object();
    v.set("outcome", e->outcome);
    v.set("total", e->result ? Value(e->result->total) : Value());
    v.set("grade", e->result ? Value(e->result->grade) : Value());
    v.set("by", e->by);
    v.set("at", Value::plain(instant_text(ctx, e->at)));
    doc.set("decision", v);
    lines.add("decision", e->outcome,
              (e->result ? fmt::format("total {}, grade {}, ", format_number(e->result->total),
                                       e->result->grade)
                         : std::string()) +
                  when(ctx, *e));
  }
}

int run_show(Context& ctx, const ShowOptions& o) {
  const Period period = review_period(o.period);
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const Member& member = require_member(team, o.member);
  const Instant now = ctx.now();
  const Review review = read_review(ctx, period, member.id).as_of(now);
  const WorkCalendar calendar = repo.load_calendar();
  Value doc = Value::object();
  Lines lines;
  doc.set("member", member.id);
  doc.set("name", member.name);
  doc.set("period", period.name());
  doc.set("status", review.status());
  std::optional<ReviewResult> result = review.effective_result();
  doc.set("provisional", !result.has_value());
  if (const ReviewEvent* fin = review.finalized())
    lines.add("status", review.status(), "finalized " + when(ctx, *fin));
  else
    lines.add("status", "open", "provisional: what finalizing now would give");
  if (!result) {
    const std::vector<Review> all = load_all_reviews(repo, diag);
    KpiCache kpis(kpi_sources_loader(repo));
    result = recompute_result(all, review, now, kpis, ctx.config());
  }
  doc.set("scores", scores_value(ctx, review, lines));
  doc.set("upward", upward_value(ctx, review));
  doc.set("deductions", deductions_value(ctx, review, lines));
  doc.set("metrics", metrics_value(*result, lines));
  result_value(ctx, *result, deduction_points(review), doc, lines);
  feedback_value(ctx, review, calendar, doc, lines);
  Report r;
  r.doc = doc;
  Report table;  // ITEM VALUE DETAIL lines
  table.doc.set("lines", lines.rows());
  table.rows_key = "lines";
  table.columns = {{"item", "ITEM"}, {"value", "VALUE"}, {"detail", "DETAIL"}};
  table.notes.push_back(fmt::format("{} ({}) {}", member.id, member.name, period.name()));
  r.set_table_view(table);
  ctx.emit(r);
  return 0;
}

}  // namespace

void add_review_show_command(CLI::App& review, Context& ctx, Outcome& outcome) {
  auto o = std::make_shared<ShowOptions>();
  CLI::App* cmd = add_command(review, "show",
                              "Explain a review: scores, weights, deductions, KPI metrics, "
                              "result and deadlines",
                              "kamgr review show zhang-san 2026-10");
  cmd->add_option("member", o->member, "the member reviewed")->required();
  cmd->add_option("period", o->period, "review period: 2026-10, 2026-Q4 or 2026")->required();
  on_run(cmd, outcome, [&ctx, o] { return run_show(ctx, *o); });
}

}  // namespace kamgr::cli
