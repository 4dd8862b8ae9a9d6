// Review records: the cycle order, permissions, deadlines, loading and the written form.
#include "kamgr/domain/review_rules.h"

#include <doctest/doctest.h>

#include "kamgr/domain/complaint.h"
#include "kamgr/domain/review_book.h"
#include "kamgr/store/review_store.h"
#include "kamgr/store/writer.h"

using namespace kamgr;

namespace {

const TzOffset kZone{480};

Member member(const char* id, Role role, const char* manager, bool active = true) {
  Member m;
  m.id = id;
  m.role = role;
  m.manager = manager;
  m.active = active;
  return m;
}

ReviewEvent event(ReviewEventType type, const char* when) {
  ReviewEvent e;
  e.type = type;
  e.at = *Instant::parse(when, kZone);
  e.by = "x";
  return e;
}

bool has_problem(const Diagnostics& d, int line, const std::string& needle) {
  for (const Problem& p : d.problems())
    if (p.line == line && p.message.find(needle) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("permissions name the rule") {
  const Member boss = member("boss", Role::director, "");
  const Member hr = member("hr", Role::hr, "");
  const Member li = member("li", Role::manager, "boss");
  const Member chen = member("chen", Role::manager, "boss");
  const Member zhang = member("zhang", Role::rep, "li");
  const Member sun = member("sun", Role::rep, "chen");
  const Member gone = member("gone", Role::rep, "li", false);
  using A = ReviewAction;
  CHECK(permission_rule(A::self, zhang, &zhang).empty());
  CHECK(permission_rule(A::self, li, &zhang).find("themselves") != std::string::npos);
  CHECK(permission_rule(A::manager, li, &zhang).empty());
  CHECK(permission_rule(A::manager, chen, &zhang).find("'li'") != std::string::npos);
  CHECK(permission_rule(A::manager, boss, &zhang).find("'li'") != std::string::npos);
  CHECK(permission_rule(A::manager, boss, &li).empty());
  CHECK(permission_rule(A::manager, li, &li).find("a director") != std::string::npos);
  CHECK(permission_rule(A::upward, zhang, &li).empty());
  CHECK(permission_rule(A::upward, sun, &li).find("own reps") != std::string::npos);
  CHECK(permission_rule(A::upward, zhang, &sun).find("of managers") != std::string::npos);
  CHECK(permission_rule(A::upward, gone, &li).find("not an active member") != std::string::npos);
  CHECK(permission_rule(A::deduct, li, &zhang).empty());
  CHECK(permission_rule(A::deduct, hr, &zhang).empty());
  CHECK(permission_rule(A::deduct, boss, &zhang).empty());
  CHECK_FALSE(permission_rule(A::deduct, chen, &zhang).empty());
  CHECK_FALSE(permission_rule(A::deduct, zhang, &zhang).empty());
  CHECK(permission_rule(A::finalize, hr, nullptr).empty());
  CHECK(permission_rule(A::finalize, boss, nullptr).empty());
  CHECK(permission_rule(A::finalize, li, nullptr).find("HR or a director") != std::string::npos);
  CHECK(permission_rule(A::decide, hr, &zhang).empty());
  CHECK_FALSE(permission_rule(A::decide, li, &zhang).empty());
  CHECK(permission_rule(A::interview, li, &zhang).empty());
  CHECK_FALSE(permission_rule(A::interview, hr, &zhang).empty());
  CHECK(permission_rule(A::appeal, zhang, &zhang).empty());
  CHECK_FALSE(permission_rule(A::appeal, li, &zhang).empty());
}

TEST_CASE("the cycle order: scores before finalizing, feedback after") {
  Review r;
  r.member = "zhang";
  r.period = *Period::parse("2026-10");
  using T = ReviewEventType;
  CHECK(refusal(r, T::self).empty());
  CHECK(refusal(r, T::interview).find("not finalized yet") != std::string::npos);
  CHECK(refusal(r, T::appeal).find("not finalized yet") != std::string::npos);
  CHECK(refusal(r, T::decision).find("no appeal") != std::string::npos);
  r.events.push_back(event(T::finalized, "2026-11-02T10:00"));
  CHECK(refusal(r, T::manager).find("can no longer change") != std::string::npos);
  CHECK(refusal(r, T::deduction).find("can no longer change") != std::string::npos);
  CHECK(refusal(r, T::finalized).find("already finalized") != std::string::npos);
  CHECK(refusal(r, T::interview).empty());
  r.events.push_back(event(T::interview, "2026-11-03T10:00"));
  CHECK(refusal(r, T::interview).find("already recorded") != std::string::npos);
  CHECK(refusal(r, T::decision).find("no appeal") != std::string::npos);
  r.events.push_back(event(T::appeal, "2026-11-04T10:00"));
  CHECK(refusal(r, T::appeal).find("already been appealed") != std::string::npos);
  CHECK(refusal(r, T::decision).empty());
  r.events.push_back(event(T::decision, "2026-11-05T10:00"));
  CHECK(refusal(r, T::decision).find("already decided") != std::string::npos);
  CHECK(r.status() == "decided");
  CHECK(r.as_of(*Instant::parse("2026-11-03T12:00", kZone)).status() == "finalized");
  CHECK(r.as_of(*Instant::parse("2026-11-01T12:00", kZone)).status() == "open");
}

TEST_CASE("deadlines in working days end at 23:59:59 of the Nth working day") {
  WorkCalendar cal;
  CalendarYear y;
  for (int d = 1; d <= 7; ++d) y.holidays.insert(*Date::from_ymd(2026, 10, d));
  y.workdays.insert(*Date::parse("2026-10-10"));
  cal.add_year(2026, y);
  const Instant fin = *Instant::parse("2026-09-30T18:00", kZone);
  const Duration wd3{Duration::Unit::working_days, 3};
  CHECK(deadline(fin, wd3, cal, kZone).str(kZone) == "2026-10-10T23:59:59+08:00");
  const Duration wd5{Duration::Unit::working_days, 5};
  CHECK(deadline(fin, wd5, cal, kZone).str(kZone) == "2026-10-13T23:59:59+08:00");
  const Duration h24{Duration::Unit::hours, 24};
  CHECK(deadline(fin, h24, cal, kZone).str(kZone) == "2026-10-01T18:00:00+08:00");

  Review r;
  r.events.push_back(event(ReviewEventType::finalized, "2026-09-30T18:00"));
  const Config c = Config::defaults();
  auto d = review_deadlines(r, c, cal, kZone, *Instant::parse("2026-10-10T23:00", kZone));
  REQUIRE(d.due.size() == 1);
  CHECK(d.due[0].step == "interview");
  CHECK_FALSE(d.due[0].overdue);
  d = review_deadlines(r, c, cal, kZone, *Instant::parse("2026-10-11T00:00", kZone));
  CHECK(d.due[0].overdue);
  r.events.push_back(event(ReviewEventType::interview, "2026-10-12T10:00"));
  r.events.push_back(event(ReviewEventType::appeal, "2026-10-13T10:00"));
  d = review_deadlines(r, c, cal, kZone, *Instant::parse("2026-10-14T00:00", kZone));
  REQUIRE(d.due.size() == 1);
  CHECK(d.due[0].step == "decision");
  CHECK(d.decision->str(kZone) == "2026-10-27T23:59:59+08:00");  // 10 working days
}

TEST_CASE("a review file: written form, appends, reading back") {
  const Config c = Config::defaults();
  const Period p = *Period::parse("2026-10");
  std::string text = canonical_record(new_review_value("zhang", p));
  CHECK(text == "member: zhang\nperiod: 2026-10\nevents:\n");
  ReviewEvent self = event(ReviewEventType::self, "2026-10-26T10:00");
  self.score = 85;
  self.comment = "完成: 目标";
  self.by = "zhang";
  text = append_log_item(text, "events", review_event_value(self, kZone), "f");
  ReviewEvent fin = event(ReviewEventType::finalized, "2026-11-02T10:00");
  ReviewResult result;
  result.kpi_score = 97;
  result.qualitative = 82.5;
  result.deductions = 5;
  result.total = 67.55;
  result.grade = "C";
  result.flags = {"pip"};
  result.re_review_due = Date::parse("2026-12-02");
  result.metrics = {{"sales", 40, 100000, 95000, 95, 95}};
  fin.result = result;
  text = append_log_item(text, "events", review_event_value(fin, kZone), "f");
  CHECK(text.find("  - {type: self, score: 85, comment: \"完成: 目标\", at: "
                  "2026-10-26T10:00:00+08:00, by: zhang}\n") != std::string::npos);
  Diagnostics d;
  const auto r = load_review(text, "reviews/2026-10/zhang.yaml", c, d);
  REQUIRE(r);
  CHECK_FALSE(d.has_errors());
  REQUIRE(r->events.size() == 2);
  CHECK(r->events[0].comment == "完成: 目标");
  CHECK(*r->events[1].result == result);
  CHECK(r->effective_result()->grade == "C");
}

TEST_CASE("a hand-written review with problems") {
  const Config c = Config::defaults();
  Diagnostics d;
  const std::string text =
      "member: zhang\n"
      "period: 2026-11\n"
      "events:\n"
      "  - {type: selff, score: 80, at: 2026-10-01T10:00:00+08:00, by: zhang}\n"
      "  - {type: deduction, points: 0, reason: x, at: 2026-10-01T10:00:00+08:00, by: li}\n"
      "  - {type: decision, outcome: revised, at: 2026-10-02T10:00:00+08:00, by: hr}\n";
  CHECK_FALSE(load_review(text, "reviews/2026-10/zhang.yaml", c, d));
  CHECK(has_problem(d, 2, "belongs in folder 'reviews/2026-11/'"));
  CHECK(has_problem(d, 4, "did you mean 'self'"));
  CHECK(has_problem(d, 5, "outside 0.01 to 100"));
  CHECK(has_problem(d, 6, "missing event field 'total'"));
  Diagnostics d2;
  CHECK_FALSE(
      load_review("member: li\nperiod: 2026-W44\nevents:\n", "reviews/x/zhang.yaml", c, d2));
  CHECK(has_problem(d2, 1, "does not match the file name"));
  CHECK(has_problem(d2, 2, "not a month, quarter or year"));
}

TEST_CASE("grades of other reviews as they stood at a moment") {
  Review prev;
  prev.member = "zhang";
  prev.period = *Period::parse("2026-09");
  ReviewEvent fin = event(ReviewEventType::finalized, "2026-10-02T10:00");
  ReviewResult r;
  r.grade = "D";
  fin.result = r;
  prev.events.push_back(fin);
  ReviewEvent dec = event(ReviewEventType::decision, "2026-10-20T10:00");
  dec.outcome = "revised";
  ReviewResult revised;
  revised.grade = "C";
  dec.result = revised;
  prev.events.push_back(event(ReviewEventType::appeal, "2026-10-03T10:00"));
  prev.events.push_back(dec);
  Review now;
  now.member = "zhang";
  now.period = *Period::parse("2026-10");
  const std::vector<Review> all = {prev, now};
  auto f = flag_inputs(all, now, *Instant::parse("2026-10-10T10:00", kZone), kZone);
  CHECK(f.previous_grade == "D");
  f = flag_inputs(all, now, *Instant::parse("2026-11-02T10:00", kZone), kZone);
  CHECK(f.previous_grade == "C");  // the revised grade counts from the decision
  CHECK(f.finalized_on.str() == "2026-11-02");
  f = flag_inputs(all, now, *Instant::parse("2026-10-01T10:00", kZone), kZone);
  CHECK_FALSE(f.previous_grade);
}
