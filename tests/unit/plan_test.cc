#include "kamgr/domain/plan.h"

#include <doctest/doctest.h>

#include "kamgr/core/digest.h"
#include "kamgr/store/plans.h"

using namespace kamgr;

namespace {

Date d(const char* text) {
  return *Date::parse(text);
}
Instant at(const char* text) {
  return *Instant::parse(text, TzOffset{480});
}

Member member(const std::string& id, Role role, const std::string& manager) {
  Member m;
  m.id = id;
  m.name = id;
  m.role = role;
  m.manager = manager;
  return m;
}

Team team() {
  return Team({member("boss", Role::director, ""), member("li", Role::manager, "boss"),
               member("wu", Role::manager, "boss"), member("zhang", Role::rep, "li"),
               member("hr", Role::hr, "")});
}

Plan plan_with(std::vector<PlannedVisit> visits, std::vector<PlanEvent> events) {
  Plan p;
  p.member = "zhang";
  p.month = *Period::parse("2026-11");
  p.visits = std::move(visits);
  p.events = std::move(events);
  p.source = {"plans/2026-11/zhang.yaml", 1};
  return p;
}

}  // namespace

TEST_CASE("sha256 matches the FIPS 180-4 examples") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000, 'a')).substr(0, 16) == "41edece42d63e8d9");
}

TEST_CASE("sha1 matches the FIPS 180-4 examples; blob IDs match git hash-object") {
  CHECK(sha1_hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(sha1_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  CHECK(sha1_hex(std::string(1000, 'a')) == "291e9a6c66994949b57ba5e650361e98fc36b1ba");
  CHECK(git_blob_id("") == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
  CHECK(git_blob_id("hello\n") == "ce013625030ba8dba906f756967f9e9ca394464a");
}

TEST_CASE("plan digest: same visits in any order, any change shows") {
  const PlannedVisit a{"acme", d("2026-11-05"), "新品推介", 0};
  const PlannedVisit b{"beta", d("2026-11-06"), "", 0};
  CHECK(plan_digest({a, b}) == plan_digest({b, a}));
  CHECK(plan_digest({a, b}).size() == 16);
  // The same as python: sha256("acme\t2026-11-05\t新品推介\nbeta\t2026-11-06\t\n")[:16].
  CHECK(plan_digest({a, b}) ==
        sha256_hex("acme\t2026-11-05\t新品推介\nbeta\t2026-11-06\t\n").substr(0, 16));
  PlannedVisit moved = b;
  moved.date = d("2026-11-07");
  CHECK(plan_digest({a, b}) != plan_digest({a, moved}));
  CHECK(plan_digest({a, b}) != plan_digest({a}));
}

TEST_CASE("plan status follows the last event at or before now") {
  const PlannedVisit a{"acme", d("2026-11-05"), "", 0};
  Plan p = plan_with({a}, {{"submitted", at("2026-10-28T10:00"), "zhang", "", "", 5},
                           {"rejected", at("2026-10-29T10:00"), "li", "more", "", 6},
                           {"submitted", at("2026-10-29T15:00"), "zhang", "", "", 7},
                           {"approved", at("2026-10-30T10:00"), "li", "", plan_digest({a}), 8}});
  CHECK(plan_status(p, at("2026-10-27T00:00")) == PlanStatus::draft);
  CHECK(plan_status(p, at("2026-10-28T10:00")) == PlanStatus::submitted);
  CHECK(plan_status(p, at("2026-10-29T12:00")) == PlanStatus::rejected);
  CHECK(plan_status(p, at("2026-10-30T09:59")) == PlanStatus::submitted);
  CHECK(plan_status(p, at("2026-10-30T10:00")) == PlanStatus::approved);
  CHECK_FALSE(changed_since_approval(p, at("2026-11-01T00:00")));
  p.visits.push_back({"beta", d("2026-11-09"), "", 0});
  CHECK(changed_since_approval(p, at("2026-11-01T00:00")));
  CHECK_FALSE(changed_since_approval(p, at("2026-10-30T09:00")));  // not approved yet then
  p.events.back().digest.clear();  // a hand-written approval without digest
  CHECK_FALSE(changed_since_approval(p, at("2026-11-01T00:00")));
}

TEST_CASE("only the member's manager or a director may approve") {
  const Team t = team();
  CHECK(may_approve(t, "li", "zhang"));
  CHECK(may_approve(t, "boss", "zhang"));
  CHECK(may_approve(t, "boss", "li"));
  CHECK_FALSE(may_approve(t, "wu", "zhang"));
  CHECK_FALSE(may_approve(t, "zhang", "zhang"));
  CHECK_FALSE(may_approve(t, "hr", "zhang"));
  CHECK_FALSE(may_approve(t, "nobody", "zhang"));
}

TEST_CASE("check: unknown references, unauthorised approvals, changes after approval") {
  const Team t = team();
  Customer acme;
  acme.id = "acme";
  acme.history.push_back({d("2026-01-01"), "key", "zhang", std::nullopt, 3});
  const CustomerBook book({acme});
  const PlannedVisit a{"acme", d("2026-11-05"), "", 4};
  const PlannedVisit typo{"acmee", d("2026-11-06"), "", 5};
  Plan p =
      plan_with({a, typo}, {{"submitted", at("2026-10-28T10:00"), "zhang", "", "", 7},
                            {"approved", at("2026-10-30T10:00"), "wu", "", plan_digest({a}), 8}});
  Diagnostics diag;
  check_plans({p}, book, t, diag);
  REQUIRE(diag.problems().size() == 3);
  CHECK(diag.problems()[0].message.find("did you mean 'acme'") != std::string::npos);
  CHECK(diag.problems()[0].line == 5);
  CHECK(diag.problems()[1].message.find("neither zhang's manager nor a director") !=
        std::string::npos);
  CHECK(diag.problems()[2].message.find("changed after this approval") != std::string::npos);
  CHECK(diag.problems()[2].line == 8);
}

TEST_CASE("draft plan: one visit per window ending in the month, on a working day inside it") {
  const Config config = Config::defaults();
  Customer key, general, other;
  key.id = "k";
  key.history.push_back({d("2026-01-01"), "key", "zhang", std::nullopt, 0});
  general.id = "g";
  general.history.push_back({d("2026-01-01"), "general", "zhang", std::nullopt, 0});
  other.id = "o";
  other.history.push_back({d("2026-01-01"), "key", "li", std::nullopt, 0});
  WorkCalendar calendar;
  calendar.add_year(2026, CalendarYear{{d("2026-10-01"), d("2026-10-02")}, {}});
  const auto items = draft_plan(CustomerBook({key, general, other}), config, "zhang",
                                *Period::parse("2026-10"), calendar);
  // October 2026: weekly windows ending Oct 4, 11, 18, 25 (k) and the month (g).
  REQUIRE(items.size() == 5);
  // g is the first customer (ordinal 0): first working day of October is the 5th (1st,
  // 2nd holidays, 3rd-4th weekend). k (ordinal 1): window Sep 28 - Oct 4 has no working
  // day in October, so its first day in October; then the 2nd working day of each week.
  CHECK(items[0].customer == "k");
  CHECK(items[0].date == d("2026-10-01"));
  CHECK(items[1].customer == "g");
  CHECK(items[1].date == d("2026-10-05"));
  CHECK(items[2].date == d("2026-10-06"));
  CHECK(items[3].date == d("2026-10-13"));
  CHECK(items[4].date == d("2026-10-20"));
}

TEST_CASE("adherence: a visit to the customer in the planned ISO week, weeks ended before today") {
  Visit v;
  v.customer = "acme";
  v.date = d("2026-11-08");  // Sunday of the week of Nov 2
  const VisitIndex visits({v});
  Plan p = plan_with({{"acme", d("2026-11-02"), "", 0},
                      {"acme", d("2026-11-09"), "", 0},
                      {"beta", d("2026-11-03"), "", 0},
                      {"acme", d("2026-11-23"), "", 0}},
                     {});
  const auto out = plan_adherence({p}, *Period::parse("2026-11"), d("2026-11-23"), visits);
  REQUIRE(out.size() == 3);  // the week of Nov 23 has not ended
  CHECK(out[0].planned.date == d("2026-11-02"));
  CHECK(out[0].happened);
  CHECK_FALSE(out[1].happened);  // beta
  CHECK_FALSE(out[2].happened);  // the week of Nov 9
  CHECK(iso_week_of(d("2026-11-08")) == Window{d("2026-11-02"), d("2026-11-08")});
}

TEST_CASE("plan loader: path, month and events are checked") {
  const Config config = Config::defaults();
  const std::string good =
      "member: zhang\nmonth: 2026-11\nvisits:\n  - {customer: acme, date: 2026-11-05, purpose: x}\n"
      "events:\n  - {type: approved, at: 2026-10-30T17:00:00+08:00, by: li, digest: abc}\n";
  Diagnostics diag;
  const auto p = load_plan(good, "plans/2026-11/zhang.yaml", config, diag);
  REQUIRE(p);
  CHECK(p->visits.size() == 1);
  CHECK(p->visits[0].line == 4);
  CHECK(p->events[0].digest == "abc");
  CHECK(p->events[0].line == 6);

  Diagnostics bad;
  CHECK_FALSE(load_plan(good, "plans/2026-12/wang.yaml", config, bad));
  REQUIRE(bad.problems().size() == 2);
  CHECK(bad.problems()[0].message.find("does not match the file name") != std::string::npos);
  CHECK(bad.problems()[1].message.find("belongs in folder 'plans/2026-11/'") != std::string::npos);

  Diagnostics outside;
  const std::string text =
      "member: zhang\nmonth: 2026-11\nvisits:\n  - {customer: acme, date: 2026-12-01}\n"
      "events:\n  - {type: aproved, at: 2026-10-30T17:00:00+08:00, by: li}\n";
  CHECK_FALSE(load_plan(text, "plans/2026-11/zhang.yaml", config, outside));
  REQUIRE(outside.problems().size() == 2);
  CHECK(outside.problems()[0].message.find("outside the plan's month 2026-11") !=
        std::string::npos);
  CHECK(outside.problems()[0].line == 4);
  CHECK(outside.problems()[1].message.find("did you mean 'approved'") != std::string::npos);
}
