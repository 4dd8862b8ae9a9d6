// Working-day arithmetic (docs/complaints.md "The working-day calendar") on the shipped
// Chinese calendars of 2025 and 2026.
#include "kamgr/core/calendar.h"

#include <doctest/doctest.h>

#include "kamgr/domain/china_calendar.h"
#include "kamgr/domain/complaint.h"
#include "kamgr/store/repository.h"

using namespace kamgr;

namespace {

Date d(const char* text) {
  return *Date::parse(text);
}

/// The calendars `kamgr init` ships, parsed the way the store reads calendar files.
WorkCalendar china() {
  WorkCalendar cal;
  for (const ShippedCalendar& c : shipped_calendars()) {
    Diagnostics diag;
    const auto year =
        load_calendar_year(c.text, "calendar/" + std::to_string(c.year) + ".yaml", diag);
    REQUIRE(year);
    CHECK(diag.problems().empty());
    cal.add_year(c.year, *year);
  }
  return cal;
}

std::string nth(const WorkCalendar& cal, const char* from, int n) {
  return cal.nth_working_day_after(d(from), n).str();
}

}  // namespace

TEST_CASE("the shipped calendars are the State Council's") {
  const WorkCalendar cal = china();
  // 2026 days off: Jan 1-3; Feb 15-23; Apr 4-6; May 1-5; Jun 19-21; Sep 25-27; Oct 1-7.
  for (const char* off :
       {"2026-01-01", "2026-01-02", "2026-02-16", "2026-02-20", "2026-02-23", "2026-04-06",
        "2026-05-05", "2026-06-19", "2026-09-25", "2026-10-01", "2026-10-07", "2025-01-01",
        "2025-01-28", "2025-02-04", "2025-06-02", "2025-10-08"})
    CHECK_MESSAGE(!cal.is_working_day(d(off)), off);
  // Make-up working days (weekends that are worked).
  for (const char* on :
       {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
        "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"})
    CHECK_MESSAGE(cal.is_working_day(d(on)), on);
  CHECK(cal.is_working_day(d("2026-02-24")));   // first day back after the Spring Festival
  CHECK(!cal.is_working_day(d("2026-02-21")));  // an ordinary Saturday inside the holiday
  CHECK(!cal.is_working_day(d("2026-03-01")));  // an ordinary Sunday
  CHECK(cal.is_working_day(d("2026-10-08")));
}

TEST_CASE("working days around the 2026 Spring Festival") {
  const WorkCalendar cal = china();
  // Fri Feb 13 -> Sat Feb 14 (make-up) -> Tue Feb 24 (Feb 15-23 off).
  CHECK(nth(cal, "2026-02-13", 1) == "2026-02-14");
  CHECK(nth(cal, "2026-02-13", 2) == "2026-02-24");
  CHECK(nth(cal, "2026-02-14", 1) == "2026-02-24");  // from the make-up day itself
  CHECK(nth(cal, "2026-02-15", 1) == "2026-02-24");  // from inside the holiday
  CHECK(nth(cal, "2026-02-12", 3) == "2026-02-24");  // 13, 14, 24
  // 7 working days from Thu Feb 12: 13, 14, 24, 25, 26, 27, 28 (make-up Saturday).
  CHECK(nth(cal, "2026-02-12", 7) == "2026-02-28");
  // 3 from Fri Feb 27: 28 (make-up), Mon Mar 2, Tue Mar 3.
  CHECK(nth(cal, "2026-02-27", 3) == "2026-03-03");
  CHECK(nth(cal, "2026-02-27", 1) == "2026-02-28");
  CHECK(cal.working_days_between(d("2026-02-13"), d("2026-02-24")) == 2);
  CHECK(cal.working_days_between(d("2026-02-14"), d("2026-02-23")) == 0);
}

TEST_CASE("working days around National Day") {
  const WorkCalendar cal = china();
  // 2026: Oct 1-7 off, Sat Oct 10 worked; Sep 25-27 off, Sun Sep 20 worked.
  CHECK(nth(cal, "2026-09-30", 1) == "2026-10-08");
  CHECK(nth(cal, "2026-09-30", 3) == "2026-10-10");  // 8, 9, 10 (make-up Saturday)
  CHECK(nth(cal, "2026-09-30", 4) == "2026-10-12");
  CHECK(nth(cal, "2026-09-24", 1) == "2026-09-28");
  CHECK(nth(cal, "2026-09-19", 1) == "2026-09-20");  // Saturday -> make-up Sunday
  // 2025: Oct 1-8 off, Sun Sep 28 and Sat Oct 11 worked.
  CHECK(nth(cal, "2025-09-27", 1) == "2025-09-28");
  CHECK(nth(cal, "2025-09-30", 1) == "2025-10-09");
  CHECK(nth(cal, "2025-09-30", 3) == "2025-10-11");
}

TEST_CASE("working days across year ends") {
  const WorkCalendar cal = china();
  // Wed 2025-12-31 -> Jan 1-3 off -> Sun 2026-01-04 is a make-up day.
  CHECK(nth(cal, "2025-12-31", 1) == "2026-01-04");
  CHECK(nth(cal, "2025-12-30", 3) == "2026-01-05");                        // Dec 31, Jan 4, Jan 5
  CHECK(nth(cal, "2024-12-31", 1) == "2025-01-02");                        // Wed Jan 1 off
  CHECK(cal.working_days_between(d("2025-12-26"), d("2026-01-05")) == 5);  // 29, 30, 31, 4, 5
}

TEST_CASE("a missing year counts Monday to Friday and is reported once") {
  WorkCalendar cal = china();
  std::vector<int> missing;
  cal.on_missing_year([&](int y) { missing.push_back(y); });
  CHECK(nth(cal, "2026-12-31", 1) == "2027-01-01");  // a Friday; 2027 unknown: no holiday
  CHECK(nth(cal, "2026-12-31", 2) == "2027-01-04");
  CHECK(cal.is_working_day(d("2027-10-01")));
  CHECK(!cal.is_working_day(d("2027-10-02")));
  CHECK(missing == std::vector<int>{2027});
  CHECK(nth(cal, "2026-12-28", 3) == "2026-12-31");  // needs no 2027: nothing more reported
  CHECK(missing.size() == 1);
}

TEST_CASE("'within N working days' ends at 23:59:59 local of the Nth working day after") {
  const WorkCalendar cal = china();
  const TzOffset cst{480};
  const Duration wd3{Duration::Unit::working_days, 3}, wd1{Duration::Unit::working_days, 1};
  auto at = [&](const char* text) { return *Instant::parse(text, cst); };
  CHECK(deadline(at("2026-02-27T14:05"), wd3, cal, cst).str(cst) == "2026-03-03T23:59:59+08:00");
  // T's own day does not count, even at 00:00.
  CHECK(deadline(at("2026-02-13T00:00"), wd1, cal, cst).str(cst) == "2026-02-14T23:59:59+08:00");
  // The local date decides: 01:00 +08:00 is the previous day in UTC.
  CHECK(deadline(at("2026-02-13T01:00"), wd1, cal, cst).str(cst) == "2026-02-14T23:59:59+08:00");
  // Written in another offset: 20:00 -05:00 on the 13th is Saturday the 14th in +08:00.
  CHECK(deadline(at("2026-02-13T20:00:00-05:00"), wd1, cal, cst).str(cst) ==
        "2026-02-24T23:59:59+08:00");
  // A received day off: counting starts the day after all the same.
  CHECK(deadline(at("2026-10-03T11:00"), wd1, cal, cst).str(cst) == "2026-10-08T23:59:59+08:00");
  // Another zone: 23:59:59 in that zone.
  const TzOffset utc{0};
  CHECK(deadline(at("2026-02-13T10:00:00+08:00"), wd1, cal, utc).str(utc) ==
        "2026-02-14T23:59:59+00:00");
  // Wall-clock durations ignore the calendar.
  CHECK(deadline(at("2026-02-13T10:00"), Duration{Duration::Unit::hours, 24}, cal, cst).str(cst) ==
        "2026-02-14T10:00:00+08:00");
  CHECK(
      deadline(at("2026-02-13T23:50"), Duration{Duration::Unit::minutes, 30}, cal, cst).str(cst) ==
      "2026-02-14T00:20:00+08:00");
}
