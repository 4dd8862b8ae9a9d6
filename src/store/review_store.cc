// Loading review folders and the canonical form of review records and events.
#include "kamgr/domain/record_types.h"
#include "kamgr/store/review_store.h"

#include <fmt/format.h>

#include <algorithm>

namespace kamgr {

namespace {

std::vector<Review> load_folder(const Repository& repo, const std::string& folder) {
  const Config& config = repo.dir().config();
  auto reviews =
      repo.load_files<Review>(repo.dir().list_yaml(folder),
                              [&](const std::string& text, const std::string& file,
                                  Diagnostics& d) { return load_review(text, file, config, d); });
  return reviews;
}

Value optional_number(const std::optional<double>& v) {
  return v ? Value(*v) : Value();
}

Value metric_value(const ResultMetric& m) {
  Value v = Value::object();
  v.set("metric", m.metric);
  v.set("weight", m.weight);
  v.set("target", optional_number(m.target));
  v.set("actual", optional_number(m.actual));
  v.set("achievement", optional_number(m.achievement));
  v.set("score", optional_number(m.score));
  return v;
}

Value flags_value(const std::vector<std::string>& flags) {
  Value list = Value::array();
  for (const std::string& f : flags) list.push(f);
  return list;
}

}  // namespace

std::vector<Review> load_period_reviews(const Repository& repo, const Period& period) {
  return load_folder(repo, named_folder(kReviewRecord, period.name()));
}

std::vector<Review> load_all_reviews(const Repository& repo, Diagnostics& diag) {
  std::vector<Review> all;
  for (const std::string& name : repo.dir().list_dirs(kReviewRecord.folder)) {
    const auto period = Period::parse(name);
    if (!period || !is_review_period(*period) || period->name() != name) {
      diag.warning(named_folder(kReviewRecord, name), 0,
                   "not a review period folder (a month, quarter or year such as 2026-10, "
                   "2026-Q4, 2026); its files are ignored");
      continue;
    }
    auto reviews = load_folder(repo, named_folder(kReviewRecord, name));
    all.insert(all.end(), std::make_move_iterator(reviews.begin()),
               std::make_move_iterator(reviews.end()));
  }
  return all;
}

std::string review_path(const Period& period, const std::string& member) {
  return file_in(named_folder(kReviewRecord, period.name()), member);
}

Value new_review_value(const std::string& member, const Period& period) {
  Value v = Value::object();
  v.set("member", member);
  v.set("period", Value::plain(period.name()));
  v.set("events", Value::array());
  return v;
}

Value review_result_value(const ReviewResult& r) {
  Value v = Value::object();
  v.set("kpi_score", optional_number(r.kpi_score));
  if (!r.kpi_complete) v.set("kpi_complete", false);
  v.set("qualitative", optional_number(r.qualitative));
  v.set("deductions", r.deductions);
  v.set("total", r.total);
  v.set("grade", r.grade);
  v.set("flags", flags_value(r.flags));
  if (r.re_review_due) v.set("re_review_due", Value::plain(r.re_review_due->str()));
  Value metrics = Value::array();
  for (const ResultMetric& m : r.metrics) metrics.push(metric_value(m));
  v.set("metrics", metrics);
  return v;
}

Value review_event_value(const ReviewEvent& e, TzOffset zone) {
  Value v = Value::object();
  v.set("type", review_event_name(e.type));
  switch (e.type) {
    case ReviewEventType::self:
    case ReviewEventType::manager:
    case ReviewEventType::upward:
      v.set("score", optional_number(e.score));
      if (!e.comment.empty()) v.set("comment", e.comment);
      break;
    case ReviewEventType::deduction:
      v.set("points", e.points);
      v.set("reason", e.reason);
      break;
    default:
      break;
  }
  v.set("at", Value::plain(e.at.str(zone)));
  v.set("by", e.by);
  if (e.type == ReviewEventType::appeal) v.set("reason", e.reason);
  if (e.type == ReviewEventType::finalized && e.result)
    v.set("result", review_result_value(*e.result));
  if (e.type == ReviewEventType::decision) {
    v.set("outcome", e.outcome);
    if (e.result) {
      v.set("total", e.result->total);
      v.set("grade", e.result->grade);
      v.set("flags", flags_value(e.result->flags));
      if (e.result->re_review_due)
        v.set("re_review_due", Value::plain(e.result->re_review_due->str()));
    }
  }
  return v;
}

}  // namespace kamgr
