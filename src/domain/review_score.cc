#include "kamgr/domain/review_score.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace kamgr {

namespace {

/// Tolerance for binary noise in sums of decimal figures.
constexpr double kEps = 1e-9;

/// The events before the `finalized` one (all of them when not finalized).
template <typename Fn>
void for_each_before_final(const Review& review, Fn fn) {
  for (const ReviewEvent& e : review.events) {
    if (e.type == ReviewEventType::finalized) break;
    fn(e);
  }
}

std::optional<double> round2_opt(std::optional<double> v) {
  if (!v) return std::nullopt;
  return round_half_up(*v);
}

int grade_index(const std::string& grade, const Config& config) {
  for (size_t i = 0; i < config.grades.size(); ++i)
    if (config.grades[i].grade == grade) return static_cast<int>(i);
  return -1;
}

}  // namespace

ScoreInputs latest_scores(const Review& review) {
  ScoreInputs in;
  std::map<std::string, double> upward;
  for_each_before_final(review, [&](const ReviewEvent& e) {
    if (!e.score) return;
    if (e.type == ReviewEventType::self) in.self = e.score;
    if (e.type == ReviewEventType::manager) in.manager = e.score;
    if (e.type == ReviewEventType::upward) upward[e.by] = *e.score;
  });
  for (const auto& [by, score] : upward) in.upward.push_back(score);
  return in;
}

double deduction_points(const Review& review) {
  double sum = 0;
  for_each_before_final(review, [&](const ReviewEvent& e) {
    if (e.type == ReviewEventType::deduction) sum += e.points;
  });
  return sum;
}

Qualitative qualitative_score(const ScoreInputs& scores, const Config& config) {
  Qualitative q;
  if (!scores.upward.empty()) {
    double sum = 0;
    for (double s : scores.upward) sum += s;
    q.upward_mean = sum / static_cast<double>(scores.upward.size());
  }
  const double ws = scores.self ? config.weight_self : 0;
  const double wm = scores.manager ? config.weight_manager : 0;
  const double wu = q.upward_mean ? config.weight_upward : 0;
  const double weight = ws + wm + wu;
  if (weight <= kEps) return q;
  q.self_weight = ws / weight;
  q.manager_weight = wm / weight;
  q.upward_weight = wu / weight;
  q.score = (ws * scores.self.value_or(0) + wm * scores.manager.value_or(0) +
             wu * q.upward_mean.value_or(0)) /
            weight;
  return q;
}

double review_total(std::optional<double> kpi_score, std::optional<double> qualitative,
                    double deductions, const Config& config) {
  const double share = config.review_kpi_share;
  const double raw =
      share * kpi_score.value_or(0) + (1 - share) * qualitative.value_or(0) - deductions;
  return round_half_up(std::clamp(raw, 0.0, config.kpi_cap));
}

std::string grade_for(double total, const Config& config) {
  for (const GradeRule& g : config.grades)
    if (total >= g.min - kEps) return g.grade;
  return config.grades.empty() ? std::string() : config.grades.back().grade;
}

bool grade_at_least(const std::string& grade, const std::string& floor, const Config& config) {
  const int g = grade_index(grade, config);
  const int f = grade_index(floor, config);
  return g >= 0 && f >= 0 && g <= f;
}

void apply_flags(const FlagInputs& in, const Config& config, ReviewResult& result) {
  result.flags.clear();
  result.re_review_due.reset();
  if (result.grade == "C") {
    result.flags.emplace_back(kFlagPip);
    result.re_review_due = in.finalized_on + config.pip_days;
  }
  if (result.grade == "D" && in.previous_grade == "D") result.flags.emplace_back(kFlagConsecutiveD);
  for (const ResultMetric& m : result.metrics)
    if (m.metric == config.commission_metric && m.achievement &&
        round_half_up(*m.achievement) >= config.commission_at - kEps)
      result.flags.emplace_back(kFlagExtraCommission);
  if (in.quarterly && in.earlier_quarters.size() == 2 &&
      grade_at_least(result.grade, "A", config) &&
      std::all_of(in.earlier_quarters.begin(), in.earlier_quarters.end(),
                  [&](const auto& g) { return g && grade_at_least(*g, "A", config); }))
    result.flags.emplace_back(kFlagPromotion);
}

ReviewResult compute_result(const ResultInputs& in, const Config& config) {
  ReviewResult r;
  const Qualitative q = qualitative_score(in.scores, config);
  r.kpi_score = round2_opt(in.kpi_score);
  r.kpi_complete = in.kpi_complete;
  r.qualitative = round2_opt(q.score);
  r.deductions = round_half_up(in.deductions);
  r.total = review_total(in.kpi_score, q.score, in.deductions, config);  // only the total rounds
  r.grade = grade_for(r.total, config);
  r.metrics = in.metrics;
  apply_flags(in.flags, config, r);
  return r;
}

ReviewResult revise_result(const ReviewResult& base, double total, const FlagInputs& flags,
                           const Config& config) {
  ReviewResult r = base;
  r.total = round_half_up(std::clamp(total, 0.0, config.kpi_cap));
  r.grade = grade_for(r.total, config);
  apply_flags(flags, config, r);
  return r;
}

int allowed_count(double share, int n) {
  return std::max(0, static_cast<int>(std::ceil(share * n - kEps)));
}

std::vector<CalibrationGroup> calibrate(
    const std::vector<std::pair<std::string, std::string>>& graded, const Config& config) {
  std::map<std::string, std::map<std::string, int>> counts;
  std::map<std::string, int> sizes;
  for (const auto& [group, grade] : graded) {
    ++counts[group][grade];
    ++sizes[group];
  }
  std::vector<CalibrationGroup> groups;
  for (const auto& [name, by_grade] : counts) {
    CalibrationGroup g{name, sizes[name], {}};
    for (const GradeRule& rule : config.grades) {
      GradeCount c{rule.grade, 0, allowed_count(rule.share, g.n), false};
      if (const auto it = by_grade.find(rule.grade); it != by_grade.end()) c.count = it->second;
      c.over = c.count > c.allowed;
      g.grades.push_back(c);
    }
    groups.push_back(std::move(g));
  }
  return groups;
}

}  // namespace kamgr
