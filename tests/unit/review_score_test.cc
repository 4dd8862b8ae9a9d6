// The review formulas: qualitative weights, total and rounding, grades, flags, calibration.
#include "kamgr/domain/review_score.h"

#include <doctest/doctest.h>

using namespace kamgr;

namespace {

const TzOffset kZone{480};

Instant at(const char* text) {
  return *Instant::parse(text, kZone);
}

ReviewEvent score(ReviewEventType type, double value, const char* by, const char* when) {
  ReviewEvent e;
  e.type = type;
  e.score = value;
  e.by = by;
  e.at = at(when);
  return e;
}

ResultInputs inputs(double kpi, std::optional<double> self, std::optional<double> manager) {
  ResultInputs in;
  in.kpi_score = kpi;
  in.scores.self = self;
  in.scores.manager = manager;
  in.flags.finalized_on = *Date::parse("2026-11-02");
  return in;
}

}  // namespace

TEST_CASE("round_half_up: 2 decimals, halves up despite binary noise") {
  CHECK(round_half_up(79.995) == 80.0);  // 79.995 is 79.99499999... in binary
  CHECK(round_half_up(79.994999) == 79.99);
  CHECK(round_half_up(80.0) == 80.0);
  CHECK(round_half_up(87.645) == 87.65);
  CHECK(round_half_up(0.001) == 0.0);
  CHECK(round_half_up(-0.001) == 0.0);
}

TEST_CASE("grade boundaries use the rounded total") {
  const Config c = Config::defaults();
  // 0.7 x 79.95 + 0.3 x 80.1 = 55.965 + 24.03 = 79.995 -> 80.00 -> A
  CHECK(review_total(79.95, 80.1, 0, c) == 80.0);
  CHECK(grade_for(review_total(79.95, 80.1, 0, c), c) == "A");
  // 0.7 x 79.95 + 0.3 x 80.08 = 55.965 + 24.024 = 79.989 -> 79.99 -> B
  CHECK(review_total(79.95, 80.08, 0, c) == 79.99);
  CHECK(grade_for(79.99, c) == "B");
  CHECK(grade_for(80.00, c) == "A");
  CHECK(grade_for(90, c) == "S");
  CHECK(grade_for(60, c) == "C");
  CHECK(grade_for(59.99, c) == "D");
  CHECK(grade_for(0, c) == "D");
}

TEST_CASE("total: shares, deductions, clamping") {
  const Config c = Config::defaults();
  // 0.7 x 100 + 0.3 x 80 - 5 = 89
  CHECK(review_total(100, 80, 5, c) == doctest::Approx(89));
  CHECK(review_total(10, 10, 50, c) == 0);                             // never below 0
  CHECK(review_total(200, 200, 0, c) == 120);                          // never above the cap
  CHECK(review_total(std::nullopt, 80, 0, c) == doctest::Approx(24));  // no KPI counts 0
  CHECK(review_total(100, std::nullopt, 0, c) == doctest::Approx(70));
}

TEST_CASE("qualitative weights are renormalised over the scores present") {
  Config c = Config::defaults();  // self 0.2, manager 0.8, upward 0
  ScoreInputs s;
  CHECK_FALSE(qualitative_score(s, c).score);
  s.self = 70;
  CHECK(*qualitative_score(s, c).score == doctest::Approx(70));
  CHECK(qualitative_score(s, c).self_weight == doctest::Approx(1));
  s.manager = 90;  // 0.2 x 70 + 0.8 x 90 = 86
  CHECK(*qualitative_score(s, c).score == doctest::Approx(86));
  s.upward = {10, 30};  // weight 0: present but counts for nothing
  CHECK(*qualitative_score(s, c).score == doctest::Approx(86));
  CHECK(*qualitative_score(s, c).upward_mean == doctest::Approx(20));
  c.weight_self = 0.2;
  c.weight_manager = 0.6;
  c.weight_upward = 0.2;  // 0.2 x 70 + 0.6 x 90 + 0.2 x 20 = 72
  CHECK(*qualitative_score(s, c).score == doctest::Approx(72));
  s.self.reset();  // (0.6 x 90 + 0.2 x 20) / 0.8 = 72.5
  const Qualitative q = qualitative_score(s, c);
  CHECK(*q.score == doctest::Approx(72.5));
  CHECK(q.manager_weight == doctest::Approx(0.75));
  CHECK(q.upward_weight == doctest::Approx(0.25));
  CHECK(q.self_weight == 0);
  c.weight_manager = 0;
  c.weight_upward = 0;
  CHECK_FALSE(qualitative_score(s, c).score);  // present scores, all with weight 0
}

TEST_CASE("latest scores: the last self and manager, the last upward of each rep") {
  Review r;
  r.events = {score(ReviewEventType::self, 60, "a", "2026-10-01T10:00"),
              score(ReviewEventType::self, 65, "a", "2026-10-02T10:00"),
              score(ReviewEventType::manager, 80, "m", "2026-10-02T10:00"),
              score(ReviewEventType::upward, 50, "x", "2026-10-02T10:00"),
              score(ReviewEventType::upward, 90, "y", "2026-10-02T11:00"),
              score(ReviewEventType::upward, 70, "x", "2026-10-03T10:00")};
  ReviewEvent d;
  d.type = ReviewEventType::deduction;
  d.points = 3;
  r.events.push_back(d);
  ScoreInputs s = latest_scores(r);
  CHECK(*s.self == 65);
  CHECK(*s.manager == 80);
  REQUIRE(s.upward.size() == 2);
  CHECK(s.upward[0] + s.upward[1] == 160);
  CHECK(deduction_points(r) == 3);
  ReviewEvent fin;
  fin.type = ReviewEventType::finalized;
  r.events.push_back(fin);
  r.events.push_back(d);  // after finalizing: not counted (check refuses such a file)
  r.events.push_back(score(ReviewEventType::self, 100, "a", "2026-11-03T10:00"));
  CHECK(deduction_points(r) == 3);
  CHECK(*latest_scores(r).self == 65);
}

TEST_CASE("flag pip: grade C, re-review pip_days after finalizing") {
  const Config c = Config::defaults();
  // 0.7 x 70 + 0.3 x 60 = 67 -> C
  const ReviewResult r = compute_result(inputs(70, 60, 60), c);
  CHECK(r.grade == "C");
  CHECK(r.flags == std::vector<std::string>{"pip"});
  CHECK(r.re_review_due->str() == "2026-12-02");
  const ReviewResult b = compute_result(inputs(75, 70, 70), c);  // 73.5 -> B
  CHECK(b.flags.empty());
  CHECK_FALSE(b.re_review_due);
}

TEST_CASE("flag consecutive_d: D now and in the previous period") {
  const Config c = Config::defaults();
  ResultInputs in = inputs(40, 40, 40);  // 40 -> D
  CHECK(compute_result(in, c).flags.empty());
  in.flags.previous_grade = "D";
  CHECK(compute_result(in, c).flags == std::vector<std::string>{"consecutive_d"});
  in.flags.previous_grade = "C";
  CHECK(compute_result(in, c).flags.empty());
  ResultInputs c_now = inputs(70, 60, 60);  // C now, D before: pip only
  c_now.flags.previous_grade = "D";
  CHECK(compute_result(c_now, c).flags == std::vector<std::string>{"pip"});
}

TEST_CASE("flag extra_commission: the commission metric's achievement >= commission_at") {
  const Config c = Config::defaults();
  ResultInputs in = inputs(100, 80, 80);
  in.metrics = {{"sales", 40, 100, 120, 120, 120}, {"collection_rate", 15, 90, 200, 222.22, 120}};
  CHECK(compute_result(in, c).flags == std::vector<std::string>{"extra_commission"});
  in.metrics[0].achievement = 119.99;
  CHECK(compute_result(in, c).flags.empty());  // another metric over 120 does not count
  in.metrics[0].achievement = 119.995;         // shown as 120.00
  CHECK(compute_result(in, c).has_flag("extra_commission"));
}

TEST_CASE("flag promotion_eligible: A or better in the last three quarters") {
  const Config c = Config::defaults();
  ResultInputs in = inputs(100, 80, 80);  // 94 -> S
  in.flags.quarterly = true;
  in.flags.earlier_quarters = {std::string("A"), std::string("S")};
  CHECK(compute_result(in, c).flags == std::vector<std::string>{"promotion_eligible"});
  in.flags.earlier_quarters = {std::string("A"), std::string("B")};
  CHECK(compute_result(in, c).flags.empty());
  in.flags.earlier_quarters = {std::string("A"), std::nullopt};
  CHECK(compute_result(in, c).flags.empty());
  in.flags.earlier_quarters = {std::string("A"), std::string("A")};
  in.flags.quarterly = false;  // monthly reviews do not get it
  CHECK(compute_result(in, c).flags.empty());
  ResultInputs b = inputs(75, 70, 70);  // 73.5 -> B now
  b.flags.quarterly = true;
  b.flags.earlier_quarters = {std::string("S"), std::string("S")};
  CHECK(compute_result(b, c).flags.empty());
}

TEST_CASE("a revised decision recomputes the grade and its flags") {
  const Config c = Config::defaults();
  const ReviewResult base = compute_result(inputs(70, 60, 60), c);  // 67 C pip
  FlagInputs f;
  f.finalized_on = *Date::parse("2026-11-20");
  const ReviewResult up = revise_result(base, 72.004, f, c);
  CHECK(up.total == 72);
  CHECK(up.grade == "B");
  CHECK(up.flags.empty());
  CHECK(up.kpi_score == base.kpi_score);
  const ReviewResult down = revise_result(compute_result(inputs(75, 70, 70), c), 65, f, c);
  CHECK(down.re_review_due->str() == "2026-12-20");  // pip from the decision
}

TEST_CASE("calibration: ceil(share x n) per grade, small groups") {
  const Config c = Config::defaults();
  CHECK(allowed_count(0.07, 100) == 7);  // 0.07 x 100 is 7.000000000000001 in binary
  CHECK(allowed_count(0.1, 30) == 3);
  CHECK(allowed_count(0.2, 5) == 1);
  CHECK(allowed_count(0.1, 1) == 1);
  CHECK(allowed_count(0.4, 3) == 2);
  CHECK(allowed_count(0.1, 0) == 0);
  auto groups = calibrate({{"t1", "S"}}, c);  // n = 1: one of any grade is allowed
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].n == 1);
  for (const GradeCount& g : groups[0].grades) CHECK(g.allowed == 1);
  CHECK_FALSE(groups[0].grades[0].over);
  groups = calibrate({{"t2", "S"}, {"t1", "B"}, {"t2", "S"}}, c);
  REQUIRE(groups.size() == 2);
  CHECK(groups[0].group == "t1");
  CHECK(groups[1].group == "t2");
  CHECK(groups[1].n == 2);
  CHECK(groups[1].grades[0].grade == "S");
  CHECK(groups[1].grades[0].count == 2);
  CHECK(groups[1].grades[0].allowed == 1);  // ceil(0.1 x 2)
  CHECK(groups[1].grades[0].over);
  CHECK(groups[1].grades.size() == 5);
  CHECK(calibrate({}, c).empty());
}
