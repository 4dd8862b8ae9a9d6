// Scoring, resolution (latest wins), quarter/year aggregation and the target cascade.
#include <doctest/doctest.h>

#include "kamgr/domain/kpi.h"
#include "kamgr/core/rounding.h"

using namespace kamgr;

namespace {

MetricScore metric(const std::string& name, double weight, std::optional<double> target,
                   std::optional<double> actual, bool lower = false, bool computed = false) {
  MetricScore m;
  m.metric = name;
  m.weight = weight;
  m.lower_is_better = lower;
  m.computed = computed;
  m.target = target;
  m.actual = actual;
  return m;
}

Period period(const char* name) { return *Period::parse(name); }

KpiFile file(const std::string& path, std::vector<KpiEntry> entries) {
  KpiFile f;
  f.file = path;
  f.entries = std::move(entries);
  return f;
}

}  // namespace

TEST_CASE("achievement: higher is better, lower is better, caps and zeros") {
  // 87 / 100 x 100 = 87
  CHECK(*achievement_of(100, 87, false, 120).achievement == doctest::Approx(87));
  // 150 / 100 = 150 -> score capped at 120
  const auto capped = achievement_of(100, 150, false, 120);
  CHECK(*capped.achievement == doctest::Approx(150));
  CHECK(*capped.score == doctest::Approx(120));
  // actual 0, higher is better: 0
  CHECK(*achievement_of(100, 0, false, 120).score == 0);
  // lower is better: target 3 / actual 4 x 100 = 75
  CHECK(*achievement_of(3, 4, true, 120).score == doctest::Approx(75));
  // lower is better, actual 0 or below: the cap
  CHECK(*achievement_of(3, 0, true, 120).score == 120);
  CHECK(*achievement_of(3, -1, true, 120).achievement == 120);
  // lower is better, target 0 and actual 2: 0 / 2 = 0
  CHECK(*achievement_of(0, 2, true, 120).score == 0);
  // higher is better with target 0: no achievement (such a target is refused on input)
  CHECK_FALSE(achievement_of(0, 5, false, 120).achievement);
  // missing target or actual
  CHECK_FALSE(achievement_of(std::nullopt, 5, false, 120).score);
  CHECK_FALSE(achievement_of(5, std::nullopt, false, 120).score);
  // another cap
  CHECK(*achievement_of(100, 150, false, 110).score == 110);
}

TEST_CASE("KPI score: weighted mean over metrics with target and actual") {
  MemberKpi k;
  k.metrics = {metric("sales", 40, 100, 90),                 // 90
               metric("collection_rate", 15, 90, 108),       // 120 (capped)
               metric("complaint_rate", 10, 3, 4, true),     // 75
               metric("visit_compliance", 15, 95, std::nullopt, false, true),  // no data
               metric("profit", 0, 10, 5)};                  // weight 0: shown, not counted
  score_member(k, 120);
  // (40 x 90 + 15 x 120 + 10 x 75) / (40 + 15 + 10) = 6150 / 65 = 94.615... -> 94.62
  REQUIRE(k.kpi_score);
  CHECK(round_half_up(*k.kpi_score) == doctest::Approx(94.62));
  CHECK(k.complete);  // a computed metric without data does not make it incomplete
  CHECK(*k.metrics[1].achievement == doctest::Approx(120));
  CHECK(*k.metrics[4].score == doctest::Approx(50));
  CHECK_FALSE(k.metrics[3].score);
}

TEST_CASE("KPI score: an imported weighted metric without actual is incomplete") {
  MemberKpi k;
  k.metrics = {metric("sales", 40, 100, std::nullopt), metric("collection_rate", 15, 90, 81),
               metric("profit", 0, 10, std::nullopt)};  // weight 0: no effect
  score_member(k, 120);
  CHECK_FALSE(k.complete);
  CHECK(k.missing == std::vector<std::string>{"sales"});
  // only collection_rate is scored: 81 / 90 = 90
  CHECK(*k.kpi_score == doctest::Approx(90));
  score_member(k, 120);  // idempotent
  CHECK(k.missing.size() == 1);
}

TEST_CASE("KPI score: unrounded mean rounded once; none when nothing is scored") {
  MemberKpi k;
  // achievements 1/3 x 100 = 33.333.. and 2/3 x 100 = 66.666.., shown as 33.33 and 66.67
  k.metrics = {metric("a", 1, 3, 1), metric("b", 2, 3, 2)};
  score_member(k, 120);
  // (33.333.. + 2 x 66.666..) / 3 = 55.555.. -> 55.56
  CHECK(round_half_up(*k.kpi_score) == doctest::Approx(55.56));  // shown rounded, kept exact
  CHECK(*k.kpi_score == doctest::Approx(500.0 / 9));
  CHECK(*k.metrics[0].achievement == doctest::Approx(33.33));
  MemberKpi empty;
  empty.metrics = {metric("profit", 0, 10, 5)};
  score_member(empty, 120);
  CHECK_FALSE(empty.kpi_score);
}

TEST_CASE("values that are refused") {
  const Config c = Config::defaults();
  CHECK(kpi_value_problem(c, KpiKind::targets, "sales", 0));  // higher is better: > 0
  CHECK(kpi_value_problem(c, KpiKind::targets, "sales", -5));
  CHECK_FALSE(kpi_value_problem(c, KpiKind::targets, "complaint_rate", 0));  // lower: 0 ok
  CHECK(kpi_value_problem(c, KpiKind::targets, "complaint_rate", -1));
  CHECK_FALSE(kpi_value_problem(c, KpiKind::actuals, "profit", -2000));  // a loss
  CHECK(kpi_value_problem(c, KpiKind::actuals, "collection_rate", -1));
  CHECK(kpi_value_problem(c, KpiKind::actuals, "new_customers", -1));
  CHECK(kpi_value_problem(c, KpiKind::actuals, "market_rate", -1));
  CHECK_FALSE(kpi_value_problem(c, KpiKind::actuals, "sales", 0));
  CHECK(is_known_metric(c, "profit"));
  CHECK(is_known_metric(c, "csat"));
  CHECK_FALSE(is_known_metric(c, "slaes"));
}

TEST_CASE("latest entry wins per member and metric") {
  const KpiTable t = latest_values(file("kpi/2026-10/targets.yaml",
                                        {{"a", {{"sales", 100}, {"new_customers", 2}}, 2},
                                         {"b", {{"sales", 50}}, 3},
                                         {"a", {{"sales", 130}}, 4}}));
  CHECK(t.at({"a", "sales"}).value == 130);
  CHECK(t.at({"a", "sales"}).sources.front().line == 4);
  CHECK(t.at({"a", "sales"}).replaced.front().line == 2);
  CHECK(t.at({"a", "sales"}).replaced_values.front() == 100);
  CHECK(t.at({"a", "new_customers"}).value == 2);
  CHECK(t.at({"b", "sales"}).value == 50);
}

TEST_CASE("quarter: own file first, else summed or averaged over its months") {
  std::map<std::string, KpiTable> months;
  months["2026-10"] = latest_values(file("kpi/2026-10/actuals.yaml",
                                         {{"a", {{"sales", 100}, {"collection_rate", 90}}, 2},
                                          {"b", {{"sales", 10}}, 3}}));
  months["2026-11"] = latest_values(file("kpi/2026-11/actuals.yaml",
                                         {{"a", {{"sales", 200}, {"collection_rate", 96}}, 2}}));
  months["2026-12"] = latest_values(file("kpi/2026-12/actuals.yaml", {{"a", {{"sales", 300}}, 2}}));
  const KpiTable own =
      latest_values(file("kpi/2026-Q4/actuals.yaml", {{"b", {{"sales", 999}}, 2}}));
  const KpiTable q = resolve_figures(period("2026-Q4"), own, months);
  // sales is summed: 100 + 200 + 300
  CHECK(q.at({"a", "sales"}).value == 600);
  CHECK(q.at({"a", "sales"}).summed);
  CHECK(q.at({"a", "sales"}).months.size() == 3);
  // collection_rate is averaged over the months that have it: (90 + 96) / 2
  CHECK(q.at({"a", "collection_rate"}).value == doctest::Approx(93));
  CHECK(q.at({"a", "collection_rate"}).months.size() == 2);
  // b's sales come from the quarter's own file
  CHECK(q.at({"b", "sales"}).value == 999);
  CHECK(q.at({"b", "sales"}).months.empty());
  // a month is its own file
  CHECK(resolve_figures(period("2026-10"), months["2026-10"], {}).size() == 3);
  CHECK(months_of(period("2026")).size() == 12);
  CHECK(months_of(period("2026-Q1")).back() == "2026-03");
}

TEST_CASE("target cascade: managers against their reps, the director against managers") {
  Team team({{"boss", "B", Role::director, "", "", true, {}, {}},
             {"m1", "M", Role::manager, "boss", "", true, {}, {}},
             {"r1", "R1", Role::rep, "m1", "", true, {}, {}},
             {"r2", "R2", Role::rep, "m1", "", true, {}, {}},
             {"r3", "R3", Role::rep, "m1", "", false, {}, {}}});
  const KpiTable t = latest_values(file(
      "kpi/2026-10/targets.yaml", {{"boss", {{"sales", 300}, {"new_customers", 4}}, 2},
                                   {"m1", {{"sales", 300}, {"new_customers", 3}, {"csat", 4}}, 3},
                                   {"r1", {{"sales", 100}, {"new_customers", 1}}, 4},
                                   {"r2", {{"sales", 200}}, 5}}));
  const auto checks = check_cascade(team, t);
  REQUIRE(checks.size() == 4);  // boss and m1 x (new_customers, sales); csat is not additive
  CHECK(checks[0].member == "boss");
  CHECK(checks[0].metric == "new_customers");
  CHECK(checks[0].gap());  // 4 vs 3
  CHECK_FALSE(checks[1].gap());  // boss sales 300 = m1 300
  CHECK(checks[2].member == "m1");
  CHECK(checks[2].gap());  // new_customers 3 vs r1's 1
  CHECK(checks[2].without == std::vector<std::string>{"r2"});  // r3 is inactive
  CHECK_FALSE(checks[3].gap());  // sales 300 = 100 + 200
  CHECK(reporting_order(team).front()->id == "boss");
  CHECK(reporting_order(team)[1]->id == "m1");
}

TEST_CASE("achievements round halves up although binary floating point falls just short") {
  MemberKpi k;
  k.metrics = {metric("sales", 40, 200000, 219350)};  // 109.675 is 109.67499.. in binary
  score_member(k, 120);
  CHECK(*k.metrics[0].achievement == doctest::Approx(109.68));
  CHECK(round_half_up(79.995) == doctest::Approx(80.0));
  CHECK(round_half_up(-0.001) == 0.0);
}
