// Reviews with their KPI figures: recomputed results and the check of published ones.
#include "kamgr/reports/review_engine.h"

#include <fmt/format.h>

#include "kamgr/domain/review_book.h"
#include "kamgr/core/value.h"

namespace kamgr {

namespace {

std::string show(const std::optional<double>& v) {
  return v ? format_number(*v) : "none";
}

std::string show_flags(const std::vector<std::string>& flags) {
  std::string s;
  for (const std::string& f : flags) s += (s.empty() ? "" : " ") + f;
  return s.empty() ? "none" : s;
}

bool same(const std::optional<double>& a, const std::optional<double>& b) {
  if (!a || !b) return a.has_value() == b.has_value();
  return round_half_up(*a) == round_half_up(*b);
}

bool same_metrics(const std::vector<ResultMetric>& a, const std::vector<ResultMetric>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].metric != b[i].metric || !same(a[i].weight, b[i].weight) ||
        !same(a[i].target, b[i].target) || !same(a[i].actual, b[i].actual) ||
        !same(a[i].achievement, b[i].achievement) || !same(a[i].score, b[i].score))
      return false;
  return true;
}

/// "kpi_score 85 -> 86.4, total ..." for each figure that differs; empty when none.
std::string differences(const ReviewResult& was, const ReviewResult& now) {
  std::vector<std::string> parts;
  auto number = [&](const char* name, std::optional<double> a, std::optional<double> b) {
    if (!same(a, b)) parts.push_back(fmt::format("{} {} -> {}", name, show(a), show(b)));
  };
  number("kpi_score", was.kpi_score, now.kpi_score);
  number("qualitative", was.qualitative, now.qualitative);
  number("deductions", was.deductions, now.deductions);
  number("total", was.total, now.total);
  if (was.grade != now.grade) parts.push_back(fmt::format("grade {} -> {}", was.grade, now.grade));
  if (was.flags != now.flags)
    parts.push_back(fmt::format("flags {} -> {}", show_flags(was.flags), show_flags(now.flags)));
  if (was.re_review_due != now.re_review_due)
    parts.push_back(fmt::format("re_review_due {} -> {}",
                                was.re_review_due ? was.re_review_due->str() : "none",
                                now.re_review_due ? now.re_review_due->str() : "none"));
  if (parts.empty() && !same_metrics(was.metrics, now.metrics))
    parts.push_back("the KPI metrics behind it");
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

}  // namespace

const MemberKpi* KpiCache::get(const Period& period, const std::string& member, Instant at) {
  const auto key = std::make_pair(period.name(), at.seconds);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    std::map<std::string, MemberKpi> by_member;
    auto sources = sources_.find(period.name());
    if (sources == sources_.end()) sources = sources_.emplace(period.name(), load_(period)).first;
    for (MemberKpi& k : compute_kpis(sources->second, at, std::nullopt))
      by_member.emplace(k.member, std::move(k));
    it = cache_.emplace(key, std::move(by_member)).first;
  }
  const auto found = it->second.find(member);
  return found == it->second.end() ? nullptr : &found->second;
}

void take_kpi(const MemberKpi* kpi, ResultInputs& in) {
  in.metrics.clear();
  if (!kpi) {
    in.kpi_score.reset();
    in.kpi_complete = false;
    return;
  }
  in.kpi_score = kpi->kpi_score;
  in.kpi_complete = kpi->complete && kpi->kpi_score.has_value();
  for (const MetricScore& m : kpi->metrics) {
    if (!m.target) continue;
    in.metrics.push_back({m.metric, m.weight, m.target, m.actual, m.achievement, m.score});
  }
}

ReviewResult recompute_result(const std::vector<Review>& all, const Review& review, Instant at,
                              KpiCache& kpis, const Config& config) {
  ResultInputs in = review_inputs(all, review, at, config.timezone);
  take_kpi(kpis.get(review.period, review.member, at), in);
  return compute_result(in, config);
}

void check_reviews(const std::vector<Review>& all, const Team& team, const Config& config,
                   KpiCache& kpis, Diagnostics& diag, const BrokenIds& broken) {
  check_review_members(all, team, diag, broken);
  for (const Review& review : all) {
    const ReviewEvent* fin = review.finalized();
    if (!fin || !fin->result) continue;
    ReviewResult now = recompute_result(all, review, fin->at, kpis, config);
    const std::string diff = differences(*fin->result, now);
    if (!diff.empty())
      diag.warning(review.source.file, fin->line,
                   fmt::format("the published result differs from a recomputation with the "
                               "records as they are now ({}); the published result stands",
                               diff));
  }
}

}  // namespace kamgr
