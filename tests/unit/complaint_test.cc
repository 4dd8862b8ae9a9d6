// Complaint SLA (docs/complaints.md "SLA rules"): every part on both sides of its
// deadline, reopened cycles, call-backs, and the lifecycle refusals.
#include "kamgr/domain/complaint.h"

#include <doctest/doctest.h>

using namespace kamgr;

namespace {

const TzOffset kCst{480};

Instant at(const char* text) {
  return *Instant::parse(text, kCst);
}

/// The 2026 calendar days that matter here: National Day Oct 1-7, Sat Oct 10 worked.
WorkCalendar calendar() {
  CalendarYear y;
  for (int day = 1; day <= 7; ++day) y.holidays.insert(*Date::from_ymd(2026, 10, day));
  y.workdays.insert(*Date::parse("2026-10-10"));
  WorkCalendar cal;
  cal.add_year(2026, y);
  return cal;
}

ComplaintEvent ev(const char* type, const char* when, std::optional<int> csat = std::nullopt) {
  ComplaintEvent e;
  e.type = type;
  e.at = at(when);
  e.csat = csat;
  return e;
}

/// A general complaint (contact 24h, answer 3wd) received Mon 2026-11-02 10:00.
Complaint complaint(std::vector<ComplaintEvent> events, const char* level = "general") {
  Complaint c;
  c.id = "20261102-aaaaaaaa";
  c.customer = "acme";
  c.rep = "zhang-san";
  c.level = level;
  c.category = "product";
  c.received_at = at("2026-11-02T10:00");
  c.events = std::move(events);
  return c;
}

ComplaintSla sla(const Complaint& c, const char* now, const Config& config = Config::defaults()) {
  return evaluate_sla(c, config, calendar(), at(now));
}

const char* status(const std::optional<SlaPart>& p) {
  return p ? sla_status_name(p->status) : "-";
}
const char* status(const SlaPart* p) {
  return p ? sla_status_name(p->status) : "-";
}
const char* status(const SlaPart& p) {
  return sla_status_name(p.status);
}

}  // namespace

TEST_CASE("contact: due received_at + 24h, met at or before it") {
  // Due 2026-11-03T10:00:00.
  CHECK(std::string(status(
            sla(complaint({ev("contacted", "2026-11-03T10:00:00")}), "2026-12-01").contact)) ==
        "met");
  CHECK(std::string(status(
            sla(complaint({ev("contacted", "2026-11-03T10:00:01")}), "2026-12-01").contact)) ==
        "breached");
  CHECK(std::string(status(sla(complaint({}), "2026-11-03T10:00:00").contact)) == "pending");
  CHECK(std::string(status(sla(complaint({}), "2026-11-03T10:00:01").contact)) == "breached");
  const auto s = sla(complaint({ev("contacted", "2026-11-02T15:00")}), "2026-12-01");
  CHECK(s.contact->due.str(kCst) == "2026-11-03T10:00:00+08:00");
  CHECK(s.contact->at->str(kCst) == "2026-11-02T15:00:00+08:00");
  // Only the first contact counts.
  CHECK(std::string(status(sla(complaint({ev("contacted", "2026-11-03T11:00"),
                                          ev("contacted", "2026-11-03T12:00")}),
                               "2026-12-01")
                               .contact)) == "breached");
}

TEST_CASE("events after now are ignored") {
  const Complaint c =
      complaint({ev("contacted", "2026-11-02T15:00"), ev("answered", "2026-11-03T09:00")});
  const auto s = sla(c, "2026-11-02T14:00");
  CHECK(std::string(status(s.contact)) == "pending");
  CHECK_FALSE(s.contact->at);
  CHECK(std::string(status(s.answers.at(0))) == "pending");
  CHECK(sla(c, "2026-11-01T00:00").answers.empty());  // not received yet: nothing judged
}

TEST_CASE("answer: 3 working days, 23:59:59 of the third working day after") {
  // Mon Nov 2 -> Tue 3, Wed 4, Thu 5: due 2026-11-05T23:59:59.
  auto answer = [](const char* when, const char* now) {
    return std::string(status(sla(complaint({ev("answered", when)}), now).answers.at(0)));
  };
  CHECK(answer("2026-11-05T23:59:59", "2026-12-01") == "met");
  CHECK(answer("2026-11-06T00:00:00", "2026-12-01") == "breached");
  CHECK(std::string(status(sla(complaint({}), "2026-11-05T23:59:59").answers.at(0))) == "pending");
  CHECK(std::string(status(sla(complaint({}), "2026-11-06T00:00:00").answers.at(0))) == "breached");
  CHECK(sla(complaint({}), "2026-11-03").answers.at(0).due.str(kCst) ==
        "2026-11-05T23:59:59+08:00");
  // Across National Day: Wed Sep 30 -> Oct 8, 9, 10 (make-up Saturday).
  Complaint c = complaint({ev("answered", "2026-10-10T18:00")});
  c.received_at = at("2026-09-30T16:00");
  const auto s = sla(c, "2026-12-01");
  CHECK(s.answers.at(0).due.str(kCst) == "2026-10-10T23:59:59+08:00");
  CHECK(std::string(status(s.answers.at(0))) == "met");
  c.events = {ev("answered", "2026-10-11T09:00")};
  CHECK(std::string(status(sla(c, "2026-12-01").answers.at(0))) == "breached");
}

TEST_CASE("every reopened cycle is judged on its own") {
  const std::vector<ComplaintEvent> base = {
      ev("contacted", "2026-11-02T11:00"), ev("answered", "2026-11-03T10:00"),
      ev("closed", "2026-11-04T10:00", 4), ev("reopened", "2026-11-09T10:00")};
  // Cycle 2 from Mon Nov 9: due Thu Nov 12 23:59:59.
  auto with = [&](std::vector<ComplaintEvent> more) {
    auto events = base;
    events.insert(events.end(), more.begin(), more.end());
    return complaint(events);
  };
  auto s = sla(with({ev("answered", "2026-11-12T23:59:59")}), "2026-12-01");
  REQUIRE(s.answers.size() == 2);
  CHECK(s.answers[1].start.str(kCst) == "2026-11-09T10:00:00+08:00");
  CHECK(s.answers[1].due.str(kCst) == "2026-11-12T23:59:59+08:00");
  CHECK(std::string(status(s.answers[1])) == "met");
  CHECK(s.all_met());
  CHECK(s.deciding_answer() == &s.answers[1]);  // all met: the latest cycle

  s = sla(with({ev("answered", "2026-11-13T00:00:00")}), "2026-12-01");
  CHECK(std::string(status(s.answers[0])) == "met");
  CHECK(std::string(status(s.answers[1])) == "breached");
  CHECK(s.any_breached());
  CHECK(s.deciding_answer() == &s.answers[1]);

  s = sla(with({}), "2026-11-12T12:00");  // reopened, not answered yet, not due
  CHECK(std::string(status(s.answers[1])) == "pending");
  CHECK_FALSE(s.answers[1].at);
  CHECK(s.any_pending());
  CHECK_FALSE(s.all_met());
  CHECK(std::string(status(sla(with({}), "2026-11-13T00:00").answers[1])) == "breached");

  // The first cycle's answer does not satisfy the second: the answer before the reopen
  // belongs to cycle 1 only.
  Complaint late_first =
      complaint({ev("answered", "2026-11-06T09:00"), ev("closed", "2026-11-06T10:00", 5),
                 ev("reopened", "2026-11-06T11:00"), ev("answered", "2026-11-06T12:00")});
  s = sla(late_first, "2026-12-01");
  CHECK(std::string(status(s.answers[0])) == "breached");
  CHECK(std::string(status(s.answers[1])) == "met");
  CHECK(s.deciding_answer() == &s.answers[0]);  // the worst cycle decides
}

TEST_CASE("a closing with csat <= callback_below makes a call-back due within 24h") {
  const std::vector<ComplaintEvent> base = {ev("answered", "2026-11-03T10:00"),
                                            ev("closed", "2026-11-04T10:00", 3)};
  auto with = [&](std::vector<ComplaintEvent> more) {
    auto events = base;
    events.insert(events.end(), more.begin(), more.end());
    return complaint(events);
  };
  auto s = sla(with({ev("callback", "2026-11-05T10:00:00")}), "2026-12-01");
  REQUIRE(s.deciding_callback());
  CHECK(s.deciding_callback()->due.str(kCst) == "2026-11-05T10:00:00+08:00");
  CHECK(std::string(status(s.deciding_callback())) == "met");
  CHECK(std::string(status(sla(with({ev("callback", "2026-11-05T10:00:01")}), "2026-12-01")
                               .deciding_callback())) == "breached");
  CHECK(std::string(status(sla(with({}), "2026-11-05T10:00:00").deciding_callback())) == "pending");
  CHECK(std::string(status(sla(with({}), "2026-11-05T10:00:01").deciding_callback())) ==
        "breached");
  // csat 4: none required; callback_below 2: a 3 needs none either.
  CHECK_FALSE(
      sla(complaint({ev("answered", "2026-11-03T10:00"), ev("closed", "2026-11-04T10:00", 4)}),
          "2026-12-01")
          .deciding_callback());
  Config strict = Config::defaults();
  strict.callback_below = 2;
  CHECK_FALSE(sla(with({}), "2026-12-01", strict).deciding_callback());
  // A closing without csat needs none.
  CHECK_FALSE(sla(complaint({ev("answered", "2026-11-03T10:00"), ev("closed", "2026-11-04T10:00")}),
                  "2026-12-01")
                  .deciding_callback());
  // A call-back in working days, when configured so.
  strict.callback_below = 3;
  strict.callback_within = Duration{Duration::Unit::working_days, 1};
  CHECK(sla(with({}), "2026-12-01", strict).deciding_callback()->due.str(kCst) ==
        "2026-11-05T23:59:59+08:00");
}

TEST_CASE("a low closing keeps its call-back after a reopening") {
  const Complaint c =
      complaint({ev("answered", "2026-11-03T10:00"), ev("closed", "2026-11-04T10:00", 2),
                 ev("reopened", "2026-11-05T09:00"), ev("answered", "2026-11-05T15:00"),
                 ev("closed", "2026-11-06T10:00", 5), ev("callback", "2026-11-06T11:00")});
  const auto s = sla(c, "2026-12-01");
  REQUIRE(s.callbacks.size() == 1);
  CHECK(std::string(status(s.deciding_callback())) ==
        "breached");  // done after the 24h of the first closing
  CHECK(s.deciding_callback()->at->str(kCst) == "2026-11-06T11:00:00+08:00");
  CHECK(closing_csat(c, at("2026-12-01")) == 5);
  CHECK(closed_at(c, at("2026-12-01"))->str(kCst) == "2026-11-06T10:00:00+08:00");
  CHECK_FALSE(closed_at(c, at("2026-11-05T12:00")));  // reopened then
  CHECK(closing_csat(c, at("2026-11-04T12:00")) == 2);
  CHECK_FALSE(closed_at(c, at("2026-11-04T09:00")));
}

TEST_CASE("the worst call-back decides, so an early late one is not hidden by a later one") {
  const Complaint c = complaint(
      {ev("answered", "2026-11-03T10:00"), ev("closed", "2026-11-03T12:00", 2),
       ev("callback", "2026-11-05T12:00"),  // due 11-04 12:00: late
       ev("reopened", "2026-11-06T09:00"), ev("answered", "2026-11-06T10:00"),
       ev("closed", "2026-11-06T11:00", 1), ev("callback", "2026-11-06T12:00")});  // on time
  const auto s = sla(c, "2026-12-01");
  REQUIRE(s.callbacks.size() == 2);
  CHECK(std::string(status(s.callbacks[1])) == "met");
  REQUIRE(s.deciding_callback() == &s.callbacks[0]);
  CHECK(std::string(status(s.deciding_callback())) == "breached");
  // Before the second call-back is made the later one is pending; breached still wins.
  CHECK(sla(c, "2026-11-06T11:30").deciding_callback()->status == SlaStatus::breached);
}

TEST_CASE("the three-level preset: minutes and hours are wall clock") {
  Config config = Config::defaults();
  config.complaint_levels = {
      {"severe", {{Duration::Unit::minutes, 30}, {Duration::Unit::hours, 24}, "director"}},
      {"general", {{Duration::Unit::hours, 2}, {Duration::Unit::working_days, 3}, "manager"}},
      {"minor", {{Duration::Unit::hours, 24}, {Duration::Unit::working_days, 5}, "rep"}}};
  Complaint c = complaint({ev("contacted", "2026-11-02T10:30:00")}, "severe");
  CHECK(std::string(status(sla(c, "2026-12-01", config).contact)) == "met");
  c.events = {ev("contacted", "2026-11-02T10:30:01")};
  CHECK(std::string(status(sla(c, "2026-12-01", config).contact)) == "breached");
  // Received Fri Oct 9 (a weekend and National Day do not stop a 24h clock).
  c.received_at = at("2026-10-09T10:00");
  c.events = {ev("answered", "2026-10-10T10:00")};
  CHECK(sla(c, "2026-12-01", config).answers[0].due.str(kCst) == "2026-10-10T10:00:00+08:00");
  CHECK(std::string(status(sla(c, "2026-12-01", config).answers[0])) == "met");
  c.level = "minor";  // 5wd from Fri Oct 9: 10 (Sat, worked), 12, 13, 14, 15
  CHECK(sla(c, "2026-12-01", config).answers[0].due.str(kCst) == "2026-10-15T23:59:59+08:00");
  c.level = "urgent";  // unknown level: nothing judged (check reports it)
  CHECK_FALSE(sla(c, "2026-12-01", config).contact);
}

TEST_CASE("lifecycle refusals") {
  auto refuse = [](std::vector<ComplaintEvent> events, ComplaintEvent next) {
    return refuse_event(complaint(std::move(events)), next, kCst);
  };
  CHECK(refuse({}, ev("contacted", "2026-11-02T09:59")).find("before the complaint was received") !=
        std::string::npos);
  CHECK(refuse({}, ev("contacted", "2026-11-02T10:00")).empty());  // at received_at is fine
  CHECK(refuse({ev("contacted", "2026-11-02T12:00")}, ev("answered", "2026-11-02T11:00"))
            .find("before the last event") != std::string::npos);
  CHECK(refuse({ev("contacted", "2026-11-02T12:00")}, ev("answered", "2026-11-02T12:00")).empty());
  CHECK(refuse({}, ev("closed", "2026-11-03T10:00", 4)).find("never been answered") !=
        std::string::npos);
  const std::vector<ComplaintEvent> closed = {ev("answered", "2026-11-03T10:00"),
                                              ev("closed", "2026-11-04T10:00", 2)};
  CHECK(refuse(closed, ev("answered", "2026-11-05T10:00")).find("is closed; reopen it") !=
        std::string::npos);
  CHECK(refuse(closed, ev("closed", "2026-11-05T10:00")).find("already closed") !=
        std::string::npos);
  CHECK(refuse(closed, ev("callback", "2026-11-05T10:00")).empty());
  CHECK(refuse(closed, ev("reopened", "2026-11-05T10:00")).empty());
  CHECK(refuse({ev("answered", "2026-11-03T10:00")}, ev("reopened", "2026-11-05T10:00")).empty());
  CHECK(refuse({ev("contacted", "2026-11-03T10:00")}, ev("reopened", "2026-11-05T10:00"))
            .find("nothing to reopen") != std::string::npos);
  CHECK(refuse({}, ev("callback", "2026-11-05T10:00")).find("has not been closed") !=
        std::string::npos);
  auto reopened = closed;
  reopened.push_back(ev("reopened", "2026-11-05T10:00"));
  CHECK(refuse(reopened, ev("closed", "2026-11-06T10:00", 5)).find("since it was reopened") !=
        std::string::npos);
  CHECK(refuse(reopened, ev("answered", "2026-11-06T10:00")).empty());
  CHECK(refuse({ev("answered", "2026-11-03T10:00")}, ev("closed", "2026-11-04T10:00", 6))
            .find("outside 1-5") != std::string::npos);
  CHECK(refuse({ev("answered", "2026-11-03T10:00")}, ev("closed", "2026-11-04T10:00", 0))
            .find("outside 1-5") != std::string::npos);
}
