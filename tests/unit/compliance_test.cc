#include "kamgr/domain/compliance.h"

#include <doctest/doctest.h>

#include <map>

using namespace kamgr;

namespace {

Date d(const char* text) {
  return *Date::parse(text);
}
Duration freq(const char* text) {
  return *Duration::parse(text, true);
}
const Date kAnchor = d("2024-01-01");

HistoryEntry entry(const char* date, const char* tier, const char* owner,
                   std::optional<CustomerStatus> status = std::nullopt) {
  HistoryEntry h;
  h.date = d(date);
  if (*tier) h.tier = tier;
  if (*owner) h.owner = owner;
  h.status = status;
  return h;
}

Customer customer(const std::string& id, std::vector<HistoryEntry> history) {
  Customer c;
  c.id = id;
  c.name = id;
  c.history = std::move(history);
  return c;
}

Visit visit(const std::string& customer, const char* date, const std::string& rep = "a") {
  Visit v;
  v.id = std::string("x-") + date;
  v.customer = customer;
  v.rep = rep;
  v.date = d(date);
  v.recorded_at = Instant::at(v.date, TimeOfDay{12 * 3600}, TzOffset{480});
  return v;
}

/// "from..to" of each required window, for compact checks.
std::vector<std::string> spans(const std::vector<RequiredWindow>& ws) {
  std::vector<std::string> out;
  for (const RequiredWindow& w : ws)
    out.push_back(w.window.from.str() + ".." + w.window.to.str() + " " + w.tier + " " + w.owner +
                  (w.met ? " met" : ""));
  return out;
}

}  // namespace

TEST_CASE("1w windows are ISO weeks, also in ISO years with 53 weeks") {
  CHECK(window_containing(freq("1w"), kAnchor, d("2026-11-23")) ==
        Window{d("2026-11-23"), d("2026-11-29")});
  CHECK(window_containing(freq("1w"), kAnchor, d("2026-11-29")) ==
        Window{d("2026-11-23"), d("2026-11-29")});
  // 2020-W53 and 2026-W53 cross the new year.
  CHECK(window_containing(freq("1w"), kAnchor, d("2021-01-01")) ==
        Window{d("2020-12-28"), d("2021-01-03")});
  CHECK(window_containing(freq("1w"), kAnchor, d("2027-01-03")) ==
        Window{d("2026-12-28"), d("2027-01-03")});
  // ISO year 2026 (2025-12-29 .. 2027-01-03) has 53 weekly windows; the calendar year 52
  // ending in it (W53 ends in 2027).
  CHECK(windows_ending_in(freq("1w"), kAnchor, d("2025-12-29"), d("2027-01-03")).size() == 53);
  const auto year = windows_ending_in(freq("1w"), kAnchor, d("2026-01-01"), d("2026-12-31"));
  REQUIRE(year.size() == 52);
  CHECK(year.front() == Window{d("2025-12-29"), d("2026-01-04")});
  CHECK(year.back() == Window{d("2026-12-21"), d("2026-12-27")});
  // ISO year 2025 has 52.
  CHECK(windows_ending_in(freq("1w"), kAnchor, *iso_week_monday(2025, 1),
                          *iso_week_monday(2026, 1) - 1)
            .size() == 52);
}

TEST_CASE("2w windows count from the anchor, also before it") {
  CHECK(window_containing(freq("2w"), kAnchor, d("2024-01-01")) ==
        Window{d("2024-01-01"), d("2024-01-14")});
  CHECK(window_containing(freq("2w"), kAnchor, d("2024-01-14")) ==
        Window{d("2024-01-01"), d("2024-01-14")});
  CHECK(window_containing(freq("2w"), kAnchor, d("2024-01-15")) ==
        Window{d("2024-01-15"), d("2024-01-28")});
  CHECK(window_containing(freq("2w"), kAnchor, d("2023-12-31")) ==
        Window{d("2023-12-18"), d("2023-12-31")});
  CHECK(window_containing(freq("2w"), kAnchor, d("2023-12-18")) ==
        Window{d("2023-12-18"), d("2023-12-31")});
  CHECK(window_containing(freq("2w"), kAnchor, d("2023-12-17")) ==
        Window{d("2023-12-04"), d("2023-12-17")});
  // 2024-01-01 + 75 x 14 days = 2026-11-16.
  CHECK(window_containing(freq("2w"), kAnchor, d("2026-11-23")) ==
        Window{d("2026-11-16"), d("2026-11-29")});
  // Another anchor shifts them by a week.
  CHECK(window_containing(freq("2w"), d("2024-01-08"), d("2026-11-23")) ==
        Window{d("2026-11-23"), d("2026-12-06")});
  CHECK(window_containing(freq("2w"), d("2024-01-08"), d("2026-11-22")) ==
        Window{d("2026-11-09"), d("2026-11-22")});
  // Across a leap day: 2024-02-26 .. 2024-03-10 is 14 days.
  CHECK(window_containing(freq("2w"), kAnchor, d("2024-02-29")) ==
        Window{d("2024-02-26"), d("2024-03-10")});
  const auto ws = windows_ending_in(freq("2w"), kAnchor, d("2026-11-01"), d("2026-11-30"));
  REQUIRE(ws.size() == 3);
  CHECK(ws[0] == Window{d("2026-10-19"), d("2026-11-01")});
  CHECK(ws[1] == Window{d("2026-11-02"), d("2026-11-15")});
  CHECK(ws[2] == Window{d("2026-11-16"), d("2026-11-29")});
}

TEST_CASE("month windows: month ends, leap days, N months aligned to January") {
  CHECK(window_containing(freq("1m"), kAnchor, d("2024-02-29")) ==
        Window{d("2024-02-01"), d("2024-02-29")});
  CHECK(window_containing(freq("1m"), kAnchor, d("2026-02-10")) ==
        Window{d("2026-02-01"), d("2026-02-28")});
  CHECK(window_containing(freq("1m"), kAnchor, d("2026-12-31")) ==
        Window{d("2026-12-01"), d("2026-12-31")});
  CHECK(window_containing(freq("1m"), kAnchor, d("2019-04-30")) ==
        Window{d("2019-04-01"), d("2019-04-30")});
  CHECK(window_containing(freq("3m"), kAnchor, d("2026-11-23")) ==
        Window{d("2026-10-01"), d("2026-12-31")});
  CHECK(window_containing(freq("2m"), kAnchor, d("2026-01-31")) ==
        Window{d("2026-01-01"), d("2026-02-28")});
  CHECK(window_containing(freq("12m"), kAnchor, d("2026-06-15")) ==
        Window{d("2026-01-01"), d("2026-12-31")});
  // N not dividing 12: consecutive N-month windows from January of the anchor's year.
  CHECK(window_containing(freq("5m"), kAnchor, d("2024-06-01")) ==
        Window{d("2024-06-01"), d("2024-10-31")});
  CHECK(window_containing(freq("5m"), kAnchor, d("2025-03-31")) ==
        Window{d("2024-11-01"), d("2025-03-31")});
  CHECK(window_containing(freq("5m"), kAnchor, d("2023-12-01")) ==
        Window{d("2023-08-01"), d("2023-12-31")});
  // Windows ending in a range: only those whose last day is inside.
  CHECK(windows_ending_in(freq("1m"), kAnchor, d("2026-01-15"), d("2026-03-31")).size() == 3);
  CHECK(windows_ending_in(freq("1m"), kAnchor, d("2026-01-15"), d("2026-03-30")).size() == 2);
  CHECK(windows_ending_in(freq("1m"), kAnchor, d("2026-03-02"), d("2026-03-30")).empty());
  CHECK(windows_ending_in(freq("1m"), kAnchor, d("2024-02-29"), d("2024-02-29")).size() == 1);
}

TEST_CASE("visit index: any visit in a window, last visit") {
  const VisitIndex index(
      {visit("a", "2026-10-05"), visit("a", "2026-10-11"), visit("b", "2026-10-08")});
  CHECK(index.any("a", d("2026-10-05"), d("2026-10-05")));
  CHECK(index.any("a", d("2026-10-06"), d("2026-10-11")));
  CHECK_FALSE(index.any("a", d("2026-10-06"), d("2026-10-10")));
  CHECK_FALSE(index.any("c", d("2026-01-01"), d("2026-12-31")));
  CHECK(index.last_on_or_before("a", d("2026-10-10")) == d("2026-10-05"));
  CHECK(index.last_on_or_before("b", d("2026-12-31")) == d("2026-10-08"));
  CHECK_FALSE(index.last_on_or_before("b", d("2026-10-07")));
  CHECK_FALSE(index.last_on_or_before("a", d("2026-10-04")));
}

TEST_CASE("required windows: tier change mid-period mixes frequencies") {
  const Config config = Config::defaults();
  // key until 2026-10-14, general from 2026-10-15.
  const CustomerBook book(
      {customer("c", {entry("2026-01-01", "key", "a"), entry("2026-10-15", "general", "")})});
  const VisitIndex visits({visit("c", "2026-10-02"), visit("c", "2026-10-30")});
  const auto ws =
      required_windows(book, config, *Period::parse("2026-10"), d("2026-11-23"), visits);
  // Weekly windows ending Oct 4 and 11 (key then); Oct 18 and 25 end while general.
  CHECK(spans(ws) == std::vector<std::string>{"2026-09-28..2026-10-04 key a met",
                                              "2026-10-01..2026-10-31 general a met",
                                              "2026-10-05..2026-10-11 key a"});
}

TEST_CASE("required windows: owner change, lost customer, managed from mid-window") {
  const Config config = Config::defaults();
  const CustomerBook book({
      customer("owner", {entry("2026-01-01", "key", "a"), entry("2026-10-14", "", "b")}),
      customer("lost", {entry("2026-01-01", "key", "a"),
                        entry("2026-10-20", "", "", CustomerStatus::lost)}),
      customer("new", {entry("2026-10-07", "key", "a")}),
      customer("back",
               {entry("2026-01-01", "key", "a"), entry("2026-10-06", "", "", CustomerStatus::lost),
                entry("2026-10-19", "", "", CustomerStatus::active)}),
  });
  const VisitIndex none({});
  const Period oct = *Period::parse("2026-10");
  const auto ws = required_windows(book, config, oct, d("2026-11-23"), none);
  std::map<std::string, std::vector<RequiredWindow>> by;
  for (const auto& w : ws) by[w.customer].push_back(w);
  CHECK(spans(by["owner"]) ==
        std::vector<std::string>{"2026-09-28..2026-10-04 key a", "2026-10-05..2026-10-11 key a",
                                 "2026-10-12..2026-10-18 key b", "2026-10-19..2026-10-25 key b"});
  CHECK(spans(by["lost"]) == std::vector<std::string>{"2026-09-28..2026-10-04 key a",
                                                      "2026-10-05..2026-10-11 key a",
                                                      "2026-10-12..2026-10-18 key a"});
  // Managed from Wednesday 2026-10-07: the week of Oct 5 is not required.
  CHECK(spans(by["new"]) ==
        std::vector<std::string>{"2026-10-12..2026-10-18 key a", "2026-10-19..2026-10-25 key a"});
  // Lost on Oct 6, active again on Oct 19: required again from the week ending Oct 25.
  CHECK(spans(by["back"]) ==
        std::vector<std::string>{"2026-09-28..2026-10-04 key a", "2026-10-19..2026-10-25 key a"});
  // Sorted by customer.
  CHECK(ws.front().customer == "back");
}

TEST_CASE("required windows end strictly before today") {
  const Config config = Config::defaults();
  const CustomerBook book({customer("c", {entry("2026-01-01", "key", "a")})});
  const VisitIndex none({});
  const Period oct = *Period::parse("2026-10");
  // Today Sunday Oct 18: the week ending today is not required yet.
  CHECK(required_windows(book, config, oct, d("2026-10-18"), none).size() == 2);
  CHECK(required_windows(book, config, oct, d("2026-10-19"), none).size() == 3);
  CHECK(required_windows(book, config, oct, d("2026-09-30"), none).empty());
  // An ISO week period and a --from/--to range.
  CHECK(required_windows(book, config, *Period::parse("2026-W42"), d("2026-11-23"), none).size() ==
        1);
  CHECK(required_windows(book, config, Period::range(d("2026-10-05"), d("2026-10-17")),
                         d("2026-11-23"), none)
            .size() == 1);
  // A year: 52 weekly windows end in 2026 (Jan 4 .. Dec 27), but the first starts on
  // 2025-12-29, before the customer was managed: 51; before 2026-11-23 (Jan 11 .. Nov 22): 46.
  CHECK(required_windows(book, config, *Period::parse("2026"), d("2027-06-01"), none).size() == 51);
  CHECK(required_windows(book, config, *Period::parse("2026"), d("2026-11-23"), none).size() == 46);
  CHECK(required_windows(book, config, *Period::parse("2026-Q4"), d("2027-01-05"), none).size() ==
        13);
}

TEST_CASE("visits needed from the start of the longest window ending in the period") {
  const Config config = Config::defaults();
  // 1w: 2026-09-28; 2w: 2026-09-21 (2024-01-01 + 71 x 14); 1m: 2026-10-01.
  CHECK(visits_needed_from(config, *Period::parse("2026-10")) == d("2026-09-21"));
  Config quarterly = config;
  quarterly.visit_frequency["general"] = freq("3m");
  CHECK(visits_needed_from(quarterly, *Period::parse("2026-11")) == d("2026-10-01"));
}

TEST_CASE("entry timeliness: end, else start, else 23:59:59, plus the deadline") {
  const Config config = Config::defaults();  // 24h
  const TzOffset zone{480};
  Visit v = visit("c", "2026-10-09");
  v.start = TimeOfDay::parse("09:30");
  v.end = TimeOfDay::parse("10:45");
  CHECK(visit_end(v, zone) == *Instant::parse("2026-10-09T10:45:00+08:00", zone));
  v.recorded_at = *Instant::parse("2026-10-10T10:45:00+08:00", zone);
  CHECK(visit_on_time(v, config));
  v.recorded_at = v.recorded_at + 1;
  CHECK_FALSE(visit_on_time(v, config));
  v.end.reset();
  CHECK(visit_end(v, zone) == *Instant::parse("2026-10-09T09:30:00+08:00", zone));
  v.start.reset();
  CHECK(visit_end(v, zone) == *Instant::parse("2026-10-09T23:59:59+08:00", zone));
  v.recorded_at = *Instant::parse("2026-10-10T23:59:59+08:00", zone);
  CHECK(visit_on_time(v, config));

  // 1wd from Friday 2026-09-25 (a holiday follows): the next working day counts.
  Config wd = config;
  wd.entry_deadline = *Duration::parse("1wd", false);
  WorkCalendar calendar;
  calendar.add_year(2026, CalendarYear{{d("2026-09-28")}, {}});
  Visit f = visit("c", "2026-09-25");
  f.recorded_at = *Instant::parse("2026-09-29T23:59:59+08:00", zone);
  CHECK(entry_deadline(f, wd, calendar) == *Instant::parse("2026-09-29T23:59:59+08:00", zone));
  CHECK(visit_on_time(f, wd, calendar));
  CHECK_FALSE(visit_on_time(f, wd));  // Monday-Friday only: Monday 28th was the deadline
}

TEST_CASE("percentages round to 2 decimals; none without a denominator") {
  CHECK(percentage(2, 3) == doctest::Approx(66.67));
  CHECK(percentage(1, 8) == doctest::Approx(12.5));
  CHECK(percentage(24, 56) == doctest::Approx(42.86));
  CHECK_FALSE(percentage(0, 0));
}

TEST_CASE("visit figures of one member ignore visits recorded after now") {
  const Config config = Config::defaults();
  const CustomerBook book({customer("c", {entry("2026-01-01", "key", "a")}),
                           customer("e", {entry("2026-01-01", "key", "b")})});
  Visit late = visit("c", "2026-10-13");
  late.recorded_at = *Instant::parse("2026-10-20T08:00:00+08:00", config.timezone);
  const std::vector<Visit> visits = {visit("c", "2026-10-06"), late, visit("e", "2026-10-06", "b")};
  const Period oct = *Period::parse("2026-10");
  const Instant now = *Instant::parse("2026-10-20T07:00:00+08:00", config.timezone);
  const VisitFigures a = visit_figures(book, config, oct, now, visits, WorkCalendar{}, "a");
  // Windows ending Oct 4, 11, 18 (before Oct 20); met: Oct 11 only (the 13th is not yet recorded).
  CHECK(a.required == 3);
  CHECK(a.met == 1);
  CHECK(a.visits == 1);
  CHECK(a.on_time == 1);
  CHECK(a.compliance() == doctest::Approx(33.33));
  const VisitFigures all = visit_figures(book, config, oct, now + 7200, visits, WorkCalendar{});
  CHECK(all.required == 6);
  CHECK(all.met == 3);
  CHECK(all.visits == 3);
  CHECK(all.on_time == 2);  // recorded 7 days later
}

TEST_CASE("due list: current window unmet, overdue when the previous was missed") {
  const Config config = Config::defaults();
  const CustomerBook book({customer("k1", {entry("2026-01-01", "key", "a")}),
                           customer("k2", {entry("2026-01-01", "key", "a")}),
                           customer("g", {entry("2026-01-01", "general", "b")}),
                           customer("lost", {entry("2026-01-01", "key", "a"),
                                             entry("2026-11-01", "", "", CustomerStatus::lost)}),
                           customer("fresh", {entry("2026-11-18", "key", "a")})});
  const VisitIndex visits({visit("k1", "2026-11-17"), visit("g", "2026-10-03")});
  const auto due = due_visits(book, config, d("2026-11-23"), visits);
  REQUIRE(due.size() == 4);
  CHECK(due[0].customer == "k2");  // due Nov 29, previous week missed: overdue first
  CHECK(due[0].overdue);
  CHECK(due[1].customer == "fresh");  // previous week not required (managed from Nov 18)
  CHECK_FALSE(due[1].overdue);
  CHECK(due[2].customer == "k1");
  CHECK(due[2].last_visit == d("2026-11-17"));
  CHECK(due[3].customer == "g");  // month window due Nov 30; October was met
  CHECK(due[3].window == Window{d("2026-11-01"), d("2026-11-30")});
  CHECK_FALSE(due[3].overdue);
  CHECK(due_visits_needed_from(config, d("2026-11-23")) == d("2026-10-01"));
}
