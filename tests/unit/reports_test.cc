// The computation layer (src/reports/): each report on in-memory records, no disk.
#include <doctest/doctest.h>

#include "kamgr/core/error.h"
#include "kamgr/domain/kpi_metric_table.h"
#include "kamgr/reports/complaint_sla.h"
#include "kamgr/reports/grouping.h"
#include "kamgr/reports/kpi_engine.h"
#include "kamgr/reports/kpi_teams.h"
#include "kamgr/reports/plan_adherence.h"
#include "kamgr/reports/review_calibration.h"
#include "kamgr/reports/visit_compliance.h"

using namespace kamgr;

namespace {

const TzOffset kCst{480};

Date d(const char* text) { return *Date::parse(text); }
Instant at(const char* text) { return *Instant::parse(text, kCst); }

Member member(const char* id, Role role, const char* manager) {
  Member m;
  m.id = id;
  m.name = std::string("N-") + id;
  m.role = role;
  m.manager = manager;
  return m;
}

/// boss (director) <- mgr (manager) <- rep1, rep2; lone (rep without a manager).
Team team() {
  return Team({member("boss", Role::director, ""), member("mgr", Role::manager, "boss"),
               member("rep1", Role::rep, "mgr"), member("rep2", Role::rep, "mgr"),
               member("lone", Role::rep, "")});
}

Customer customer(const char* id, const char* tier, const char* owner) {
  Customer c;
  c.id = id;
  c.name = id;
  HistoryEntry h;
  h.date = d("2026-01-01");
  h.tier = tier;
  h.owner = owner;
  c.history = {h};
  return c;
}

Visit visit(const char* customer, const char* date, const char* rep, const char* recorded) {
  Visit v;
  v.id = std::string("v-") + customer + date;
  v.customer = customer;
  v.rep = rep;
  v.date = d(date);
  v.recorded_at = at(recorded);
  return v;
}

}  // namespace

TEST_CASE("--by: one parser, one message, a hint for a near miss") {
  CHECK(parse_group_by("rep", {GroupBy::customer, GroupBy::rep}) == GroupBy::rep);
  CHECK(parse_group_by("", {GroupBy::team}) == GroupBy::none);
  CHECK(parse_group_by("", {GroupBy::team}, GroupBy::customer) == GroupBy::customer);
  try {
    parse_group_by("tem", {GroupBy::customer, GroupBy::rep, GroupBy::team});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) ==
          "invalid value for --by: 'tem' (expected customer, rep or team); did you mean 'team'?");
    CHECK(e.code() == Exit::bad_input);
  }
  CHECK_THROWS_WITH(parse_group_by("customer", {GroupBy::team}),
                    "invalid value for --by: 'customer' (expected team)");
}

TEST_CASE("a member's team and whom they report to") {
  const Team t = team();
  CHECK(t.team_of("rep1") == "mgr");
  CHECK(t.team_of("mgr") == "mgr");  // a manager leads their own team
  CHECK(t.team_of("boss") == "boss");
  CHECK(t.team_of("lone") == "lone");
  CHECK(t.team_of("ghost") == "ghost");
  CHECK(t.reports_to("mgr") == "boss");
  CHECK(t.reports_to("rep1") == "mgr");
  CHECK(t.reports_to("boss").empty());
  CHECK(t.name_of("rep2") == "N-rep2");
  CHECK(t.name_of("ghost").empty());
}

TEST_CASE("visit compliance: windows by owner or the owner's team, visits by rep") {
  const Team t = team();
  // Key customers need a visit every ISO week; the weeks ending in November 2026
  // before the 16th end on 11-01 (a Sunday), 11-08 and 11-15.
  const CustomerBook book({customer("a", "key", "rep1"), customer("b", "key", "mgr")});
  const std::vector<Visit> visits = {
      visit("a", "2026-11-03", "rep1", "2026-11-03T18:00"),  // on time
      visit("b", "2026-11-04", "mgr", "2026-11-09T09:00"),   // entered late
  };
  const Config config = Config::defaults();
  const WorkCalendar calendar;
  const Period period{Period::Kind::month, d("2026-11-01"), d("2026-11-30")};
  const ComplianceInputs in{book, t, config, calendar, visits, period, d("2026-11-16")};

  const ComplianceResult by_rep = compute_visit_compliance(in, GroupBy::rep);
  REQUIRE(by_rep.rows.size() == 2);
  CHECK(by_rep.rows.at("rep1").required == 3);
  CHECK(by_rep.rows.at("rep1").met == 1);
  CHECK(by_rep.rows.at("rep1").visits == 1);
  CHECK(by_rep.rows.at("rep1").on_time == 1);
  CHECK(by_rep.rows.at("mgr").on_time == 0);
  CHECK(by_rep.total.required == 6);
  CHECK(by_rep.total.rate() == doctest::Approx(33.33));  // 2 of 6, rounded to 2 decimals
  CHECK(by_rep.total.timeliness() == doctest::Approx(50));

  const ComplianceResult by_team = compute_visit_compliance(in, GroupBy::team);
  REQUIRE(by_team.rows.size() == 1);  // the manager's own customer is in their team
  CHECK(by_team.rows.at("mgr").required == 6);
  CHECK(by_team.rows.at("mgr").visits == 2);

  const ComplianceResult by_customer = compute_visit_compliance(in, GroupBy::customer);
  CHECK(by_customer.rows.at("b").missed.size() == 2);
  CHECK(by_customer.rows.at("b").owner == "mgr");
  CHECK(by_customer.rows.at("a").visits == 0);  // no visit counts by customer
  CHECK(by_customer.total.visits == 2);
}

TEST_CASE("complaint sla: counts per part; pending as the row shows it") {
  Complaint c;
  c.id = "20261102-aaaaaaaa";
  c.customer = "a";
  c.rep = "rep1";
  c.level = "general";
  c.category = "product";
  c.received_at = at("2026-11-02T10:00");
  ComplaintEvent contact;
  contact.type = "contacted";
  contact.at = at("2026-11-02T11:00");
  Complaint late = c;
  late.id = "20261102-bbbbbbbb";  // never contacted: breached after 24 h
  std::vector<Complaint> all = {c, late};
  all[0].events = {contact};
  const Config config = Config::defaults();
  const WorkCalendar calendar;
  const SlaResult r = compute_complaint_sla(all, config, calendar, at("2026-11-04T10:00"));
  CHECK(r.counts.received == 2);
  CHECK(r.counts.contact_met == 1);
  CHECK(r.counts.contact_breached == 1);
  CHECK(r.counts.pending == 2);  // both answers are due 11-05
  CHECK(r.counts.breached == 1);
  CHECK(r.rows[0].shows_pending());

  CHECK(list_complaints(all, config, calendar, at("2026-11-04T10:00"), StatusFilter::open, true)
            .size() == 1);
  CHECK(list_complaints(all, config, calendar, at("2026-11-04T10:00"), StatusFilter::closed,
                        false)
            .empty());
  CHECK_THROWS_WITH(parse_status_filter("opened"),
                    "invalid value for --status: 'opened' (expected open, closed or all)");
  CHECK(received_in(all, {Period::Kind::month, d("2026-10-01"), d("2026-10-31")}, kCst).empty());
}

TEST_CASE("kpi --by team: own score, direct reports rolled up, empty teams left out") {
  const Team t = team();
  MemberKpi rep1{"rep1", "", true, 80.0, {}, {}};
  MemberKpi rep2{"rep2", "", false, 90.0, {}, {"sales"}};
  MemberKpi mgr{"mgr", "", true, 70.0, {}, {}};
  const std::vector<MemberKpi> kpis = {mgr, rep1, rep2};
  const std::vector<TeamKpi> rows = roll_up_kpis(t, kpis);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].lead->id == "boss");
  CHECK(rows[0].own == nullptr);
  CHECK(rows[0].members == 1);  // mgr reports to boss
  CHECK(rows[1].lead->id == "mgr");
  CHECK(rows[1].own->kpi_score == 70.0);
  CHECK(rows[1].members == 2);
  CHECK(rows[1].incomplete == 1);
  CHECK(*rows[1].mean() == doctest::Approx(85));
  CHECK(*rows[1].min() == 80.0);
  CHECK(*rows[1].max() == 90.0);
  CHECK(roll_up_kpis(t, {}).empty());
}

TEST_CASE("the metric table: every computed metric has its computation and its needs") {
  for (const MetricDefinition& m : metric_table()) {
    CAPTURE(m.id);
    CHECK((m.origin == MetricOrigin::computed) == (m.compute != nullptr));
    CHECK(find_metric_definition(m.id) == &m);
    if (m.needs.windows) CHECK(m.needs.visits);
    if (m.needs.slas || m.needs.prior_year) CHECK(m.needs.complaints);
  }
  CHECK(find_metric_definition("bonus") == nullptr);
  const RecordNeeds needs =
      record_needs(Config::defaults(), {"csat", "visit_timeliness", "sales"});
  CHECK(needs.visits);
  CHECK_FALSE(needs.windows);
  CHECK(needs.prior_year);
  CHECK_FALSE(needs.slas);
  CHECK(is_additive_metric("churn"));
  CHECK_FALSE(is_additive_metric("csat"));
  CHECK(may_be_negative("profit"));
  CHECK_FALSE(may_be_negative("collection_rate"));
  CHECK_FALSE(may_be_negative("bonus_rate"));
  CHECK(may_be_negative("bonus"));
}

TEST_CASE("plan adherence: counted by the plan's member, weeks still running not judged") {
  Plan p;
  p.member = "rep1";
  p.month = *Period::parse("2026-11");
  p.visits = {{"a", d("2026-11-02"), "", 0},   // week of Nov 2: visited on the 5th
              {"b", d("2026-11-03"), "", 0},   // never visited
              {"a", d("2026-11-24"), "", 0}};  // week of Nov 23: still running
  Plan q = p;
  q.member = "rep2";
  q.visits = {{"b", d("2026-11-10"), "", 0}};  // visited by someone else: still counts
  const VisitIndex visits({visit("a", "2026-11-05", "rep1", "2026-11-05T18:00"),
                           visit("b", "2026-11-13", "mgr", "2026-11-13T18:00")});
  const AdherenceResult r =
      compute_plan_adherence({p, q}, *Period::parse("2026-11"), d("2026-11-25"), visits);
  REQUIRE(r.by_rep.size() == 2);
  CHECK(r.by_rep.at("rep1").planned == 2);
  CHECK(r.by_rep.at("rep1").happened == 1);
  REQUIRE(r.by_rep.at("rep1").unmatched.size() == 1);
  CHECK(r.by_rep.at("rep1").unmatched[0].planned.customer == "b");
  CHECK(r.by_rep.at("rep2").rate() == doctest::Approx(100));
  CHECK(r.total.planned == 3);
  CHECK(r.total.happened == 2);
  CHECK(r.total.rate() == doctest::Approx(66.67));
  CHECK_FALSE(AdherenceTally{}.rate());  // nothing planned: no rate
}

TEST_CASE("calibration: graded as of now, by the manager the member reports to") {
  auto finalized = [](const char* member, const char* at, const char* grade) {
    Review r;
    r.member = member;
    r.period = *Period::parse("2026-10");
    ReviewEvent e;
    e.type = ReviewEventType::finalized;
    e.at = ::at(at);
    e.by = "boss";
    ReviewResult result;
    result.grade = grade;
    e.result = result;
    r.events.push_back(e);
    return r;
  };
  const std::vector<Review> reviews = {finalized("rep1", "2026-11-05T10:00", "A"),
                                       finalized("mgr", "2026-11-05T10:00", "B"),
                                       finalized("lone", "2026-11-05T10:00", "C"),
                                       finalized("rep2", "2026-11-30T10:00", "S")};  // later
  const Instant now = at("2026-11-20T10:00");
  const auto all = graded_reviews(reviews, team(), GroupBy::none, now);
  REQUIRE(all.size() == 3);  // rep2's result comes after now
  CHECK(all[0] == std::pair<std::string, std::string>{"all", "A"});
  const auto by_team = graded_reviews(reviews, team(), GroupBy::team, now);
  CHECK(by_team[0] == std::pair<std::string, std::string>{"mgr", "A"});
  CHECK(by_team[1] == std::pair<std::string, std::string>{"boss", "B"});
  CHECK(by_team[2] == std::pair<std::string, std::string>{"(none)", "C"});
}

TEST_CASE("kpi engine: a function of loaded sources, as the data stood at now") {
  const Config config = Config::defaults();
  KpiSources sources;
  sources.config = &config;
  sources.period = Period{Period::Kind::month, d("2026-11-01"), d("2026-11-30")};
  sources.team = team();
  sources.customers = CustomerBook({customer("a", "key", "rep1")});
  auto figure = [](double v) {
    KpiFigure f;
    f.value = v;
    return f;
  };
  sources.figures.targets[{"rep1", "sales"}] = figure(100);
  sources.figures.actuals[{"rep1", "sales"}] = figure(90);
  sources.figures.targets[{"rep1", "visit_timeliness"}] = figure(100);
  sources.needs =
      record_needs(config, targeted_computed_metrics(config, sources.figures, std::nullopt));
  REQUIRE(sources.needs.visits);
  sources.visits = {visit("a", "2026-11-03", "rep1", "2026-11-03T18:00"),   // on time
                    visit("a", "2026-11-10", "rep1", "2026-11-20T09:00")};  // entered late

  auto metric = [](const MemberKpi& k, const char* id) {
    for (const MetricScore& m : k.metrics)
      if (m.metric == id) return m;
    FAIL("no metric ", id);
    return MetricScore{};
  };
  const std::vector<MemberKpi> late = compute_kpis(sources, at("2026-11-30T12:00"), std::nullopt);
  REQUIRE(late.size() == 1);  // only rep1 has targets
  CHECK(late[0].member == "rep1");
  CHECK(metric(late[0], "sales").actual == doctest::Approx(90));
  CHECK(metric(late[0], "visit_timeliness").actual == doctest::Approx(50));
  // Before the late visit was recorded, only the timely one counted.
  const std::vector<MemberKpi> early = compute_kpis(sources, at("2026-11-12T12:00"), "rep1");
  CHECK(metric(early[0], "visit_timeliness").actual == doctest::Approx(100));
  CHECK_THROWS_WITH(compute_kpis(sources, at("2026-11-12T12:00"), std::string("nobody")),
                    doctest::Contains("nobody"));

  const KpiExplanation x = explain_kpi(sources, at("2026-11-30T12:00"), "rep1");
  REQUIRE(x.metrics.size() == 2);
  CHECK(x.metrics[1].inputs.size() == 2);  // both visits, each with whether it was on time
}
