// Parsing reviews/<period>/<member>.yaml (docs/reviews.md, docs/formats.md "Other records").
#include <fmt/format.h>

#include "kamgr/domain/review_score.h"
#include "kamgr/domain/record_types.h"
#include "kamgr/store/loaders.h"
#include "kamgr/store/review_store.h"
#include "yaml_fields.h"

namespace kamgr {

using store::Fields;

namespace {

/// A number field within [min, max].
std::optional<double> bounded(Fields& f, const std::string& key, bool required, double min,
                              double max) {
  auto v = f.number(key, required);
  if (v && (*v < min || *v > max)) {
    f.error(key, fmt::format("{}: {} is outside {} to {}", f.field_name(key), format_number(*v),
                             format_number(min), format_number(max)));
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> grade_field(Fields& f, const std::string& key, bool required,
                                       const Config& config) {
  std::vector<std::string> grades;
  for (const GradeRule& g : config.grades) grades.push_back(g.grade);
  return f.choice(key, required, grades);
}

std::vector<std::string> flag_list(Fields& f, Diagnostics& diag) {
  std::vector<std::string> flags;
  const auto seq = f.sequence("flags", false);
  if (!seq) return flags;
  const std::vector<std::string> known = {kFlagPip, kFlagConsecutiveD, kFlagExtraCommission,
                                          kFlagPromotion};
  for (const YAML::Node& item : *seq) {
    if (!item.IsScalar() || std::find(known.begin(), known.end(), item.Scalar()) == known.end()) {
      diag.error(f.file(), store::line_of(item),
                 fmt::format("{}: unknown flag '{}' (expected pip, consecutive_d, "
                             "extra_commission or promotion_eligible)",
                             f.field_name("flags"), item.IsScalar() ? item.Scalar() : "?"));
      continue;
    }
    flags.push_back(item.Scalar());
  }
  return flags;
}

std::vector<ResultMetric> metric_list(Fields& f, Diagnostics& diag) {
  std::vector<ResultMetric> metrics;
  const auto seq = f.sequence("metrics", false);
  if (!seq) return metrics;
  for (const YAML::Node& item : *seq) {
    if (!item.IsMap()) {
      diag.error(f.file(), store::line_of(item), "a result metric must be {metric: ..., ...}");
      continue;
    }
    Fields m(item, f.file(), diag, "result metric");
    ResultMetric rm;
    if (auto name = m.text("metric", true)) rm.metric = *name;
    rm.weight = m.number("weight", false).value_or(0);
    rm.target = m.number("target", false);
    rm.actual = m.number("actual", false);
    rm.achievement = m.number("achievement", false);
    rm.score = m.number("score", false);
    m.warn_unknown_keys();
    metrics.push_back(std::move(rm));
  }
  return metrics;
}

std::optional<ReviewResult> load_result(Fields& event, const Config& config, Diagnostics& diag) {
  const YAML::Node node = event.value("result");
  if (!node.IsDefined() || node.IsNull() || !node.IsMap()) {
    event.error("result", fmt::format("{} must be a mapping {{kpi_score, qualitative, "
                                      "deductions, total, grade, flags, metrics}}",
                                      event.field_name("result")));
    return std::nullopt;
  }
  Fields f(node, event.file(), diag, "result");
  ReviewResult r;
  r.kpi_score = f.number("kpi_score", false);
  r.kpi_complete = f.boolean("kpi_complete", false).value_or(true);
  r.qualitative = f.number("qualitative", false);
  r.deductions = f.number("deductions", false).value_or(0);
  r.total = bounded(f, "total", true, 0, config.kpi_cap).value_or(0);
  r.grade = grade_field(f, "grade", true, config).value_or("");
  r.flags = flag_list(f, diag);
  r.re_review_due = f.date("re_review_due", false);
  r.metrics = metric_list(f, diag);
  f.warn_unknown_keys();
  return r;
}

/// A decision's outcome and, for `revised`, the total, grade and flags it leaves.
void load_decision(Fields& f, ReviewEvent& e, const Config& config, Diagnostics& diag) {
  if (auto o = f.choice("outcome", true, {"upheld", "revised"})) e.outcome = *o;
  const auto total = bounded(f, "total", e.outcome == "revised", 0, config.kpi_cap);
  if (!total) return;
  ReviewResult r;
  r.total = *total;
  r.grade = grade_field(f, "grade", false, config).value_or(grade_for(r.total, config));
  r.flags = flag_list(f, diag);
  r.re_review_due = f.date("re_review_due", false);
  e.result = r;
}

std::optional<ReviewEvent> load_event(const YAML::Node& item, const std::string& file,
                                      const Config& config, Diagnostics& diag) {
  if (!item.IsMap()) {
    diag.error(file, store::line_of(item),
               "an event must be a mapping {type: ..., at: ..., by: ...}");
    return std::nullopt;
  }
  const size_t errors_before = diag.error_count();
  Fields f(item, file, diag, "event");
  ReviewEvent e;
  e.line = f.map_line();
  if (auto t = f.choice("type", true, review_event_names())) e.type = *parse_review_event(*t);
  if (auto at = f.instant("at", true, config.timezone)) e.at = *at;
  if (auto by = f.id("by", true)) e.by = *by;
  switch (e.type) {
    case ReviewEventType::self:
    case ReviewEventType::manager:
    case ReviewEventType::upward:
      e.score = bounded(f, "score", true, 0, 100);
      e.comment = f.text("comment", false).value_or("");
      break;
    case ReviewEventType::deduction:
      e.points = bounded(f, "points", true, 0.01, 100).value_or(0);
      e.reason = f.text("reason", true).value_or("");
      break;
    case ReviewEventType::appeal:
      e.reason = f.text("reason", true).value_or("");
      break;
    case ReviewEventType::finalized:
      e.result = load_result(f, config, diag);
      break;
    case ReviewEventType::decision:
      load_decision(f, e, config, diag);
      break;
    case ReviewEventType::interview:
      break;
  }
  // The keys of every event type: a key of another type is not a typo.
  f.warn_unknown_keys({"score", "comment", "points", "reason", "result", "outcome", "total",
                       "grade", "flags", "re_review_due"});
  if (diag.error_count() != errors_before) return std::nullopt;
  return e;
}

/// Appends events one by one, refusing the ones the cycle does not allow at that point.
void load_events(Fields& f, Review& review, const Config& config, Diagnostics& diag) {
  const YAML::Node events = f.value("events");
  if (!events.IsDefined()) return f.error("events", "missing field 'events' (the review's log)");
  if (events.IsNull()) return;  // `events:` with no items yet
  if (!events.IsSequence()) return f.error("events", "field 'events' must be a list");
  for (const YAML::Node& item : events) {
    auto e = load_event(item, f.file(), config, diag);
    if (!e) continue;
    if (const std::string why = refusal(review, e->type); !why.empty()) {
      diag.error(f.file(), e->line, fmt::format("{} event: {}", review_event_name(e->type), why));
      continue;
    }
    if (!review.events.empty() && e->at < review.events.back().at)
      diag.warning(f.file(), e->line,
                   "event is earlier than the one before it (events are kept "
                   "oldest first)");
    review.events.push_back(std::move(*e));
  }
}

}  // namespace

std::optional<Review> load_review(const std::string& text, const std::string& file,
                                  const Config& config, Diagnostics& diag) {
  const auto root = store::parse_document(text, file, diag);
  if (!root) return std::nullopt;
  const size_t errors_before = diag.error_count();
  Fields f(*root, file, diag);
  Review r;
  r.source = {file, f.map_line()};
  if (auto member = f.id("member", true)) {
    r.member = *member;
    if (r.member != file_stem(file))
      f.error("member", fmt::format("member '{}' does not match the file name '{}.yaml'", r.member,
                                    file_stem(file)));
  }
  if (auto name = f.text("period", true)) {
    const auto period = Period::parse(*name);
    if (!period || !is_review_period(*period)) {
      f.error("period", fmt::format("field 'period': '{}' is not a month, quarter or year "
                                    "(2026-10, 2026-Q4, 2026)",
                                    *name));
    } else {
      r.period = *period;
      const std::string folder = named_folder(kReviewRecord, period->name()) + "/";
      if (is_under(kReviewRecord, file) && file.rfind(folder, 0) != 0)
        f.error("period",
                fmt::format("a review for {} belongs in folder '{}'", period->name(), folder));
    }
  }
  load_events(f, r, config, diag);
  f.warn_unknown_keys();
  if (diag.error_count() != errors_before) return std::nullopt;
  return r;
}

}  // namespace kamgr
