#include <doctest/doctest.h>

#include "kamgr/core/date.h"
#include "kamgr/core/period.h"

using namespace kamgr;

TEST_CASE("dates parse and reject impossible days") {
  CHECK(Date::parse("2026-02-28"));
  CHECK_FALSE(Date::parse("2026-02-29"));
  CHECK(Date::parse("2024-02-29"));
  CHECK_FALSE(Date::parse("2026-02-30"));
  CHECK_FALSE(Date::parse("2026-13-01"));
  CHECK_FALSE(Date::parse("2026-1-01"));
  CHECK_FALSE(Date::parse("20260101"));
  CHECK(Date::parse("2026-11-23")->str() == "2026-11-23");
  CHECK(Date::parse("1970-01-01")->days == 0);
}

TEST_CASE("weekday and ISO weeks") {
  CHECK(Date::parse("2026-11-23")->weekday() == 1);  // a Monday
  CHECK(Date::parse("2026-11-22")->weekday() == 7);
  // 2026 has 53 ISO weeks; 2027-01-01 is in 2026-W53.
  CHECK(Date::parse("2027-01-01")->iso_week() == 53);
  CHECK(Date::parse("2027-01-01")->iso_year() == 2026);
  CHECK(Date::parse("2025-12-29")->iso_year() == 2026);
  CHECK(Date::parse("2025-12-29")->iso_week() == 1);
  CHECK(iso_week_monday(2026, 53)->str() == "2026-12-28");
  CHECK_FALSE(iso_week_monday(2025, 53));
}

TEST_CASE("times of day") {
  CHECK(TimeOfDay::parse("09:30")->seconds == 9 * 3600 + 30 * 60);
  CHECK(TimeOfDay::parse("23:59:59"));
  CHECK_FALSE(TimeOfDay::parse("25:00"));
  CHECK_FALSE(TimeOfDay::parse("12:60"));
  CHECK_FALSE(TimeOfDay::parse("9:30"));
}

TEST_CASE("instants with and without offsets") {
  const TzOffset cst{480};
  const auto a = Instant::parse("2026-11-22T18:20:00+08:00", cst);
  const auto b = Instant::parse("2026-11-22T10:20:00Z", cst);
  const auto c = Instant::parse("2026-11-22T18:20", cst);
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(c);
  CHECK(*a == *b);
  CHECK(*a == *c);
  CHECK(a->str(cst) == "2026-11-22T18:20:00+08:00");
  CHECK(a->local_date(TzOffset{-600}).str() == "2026-11-22");
  CHECK(Instant::parse("2026-11-22T23:30:00-05:00", cst)->local_date(cst).str() == "2026-11-23");
  CHECK_FALSE(Instant::parse("2026-11-22T24:00:00+08:00", cst));
  CHECK_FALSE(Instant::parse("2026-11-22T10:00:00+25:00", cst));
}

TEST_CASE("fractions of a second are kept and compare exactly") {
  const TzOffset cst{480};
  const Instant whole = *Instant::parse("2026-01-07T10:00:00+08:00", cst);
  const auto half = Instant::parse("2026-01-07T10:00:00.5+08:00", cst);
  REQUIRE(half);
  CHECK(half->micros == 500000);
  CHECK(whole < *half);  // recorded half a second after a deadline: late
  CHECK(half->str(cst) == "2026-01-07T10:00:00.5+08:00");
  CHECK(whole.str(cst) == "2026-01-07T10:00:00+08:00");
  CHECK((*half + 60).str(cst) == "2026-01-07T10:01:00.5+08:00");
  CHECK(Instant::parse("2026-01-07T10:00:00.000001Z", cst)->micros == 1);
  // Beyond microseconds: rounded up, never down onto the whole second.
  CHECK(Instant::parse("2026-01-07T10:00:00.0000001Z", cst)->micros == 1);
  const auto carry = Instant::parse("2026-01-07T10:00:00.9999999+08:00", cst);
  CHECK(carry->str(cst) == "2026-01-07T10:00:01+08:00");
  CHECK(Instant::parse("2026-01-07T10:00:00.120+08:00", cst)->str(cst) ==
        "2026-01-07T10:00:00.12+08:00");
  CHECK_FALSE(Instant::parse("2026-01-07T10:00:00.+08:00", cst));
  CHECK_FALSE(Instant::parse("2026-01-07T10:00:00.5x+08:00", cst));
}

TEST_CASE("periods") {
  auto m = Period::parse("2026-02");
  REQUIRE(m);
  CHECK(m->from.str() == "2026-02-01");
  CHECK(m->to.str() == "2026-02-28");
  CHECK(Period::parse("2024-02")->to.str() == "2024-02-29");
  auto q = Period::parse("2026-Q4");
  CHECK(q->from.str() == "2026-10-01");
  CHECK(q->to.str() == "2026-12-31");
  CHECK(Period::parse("2026")->to.str() == "2026-12-31");
  auto w = Period::parse("2026-W47");
  CHECK(w->from.str() == "2026-11-16");
  CHECK(w->to.str() == "2026-11-22");
  CHECK(w->name() == "2026-W47");
  CHECK_FALSE(Period::parse("2026-13"));
  CHECK_FALSE(Period::parse("2026-Q5"));
  CHECK_FALSE(Period::parse("2025-W53"));
  CHECK(Period::parse("2026-01")->previous().name() == "2025-12");
  CHECK(Period::parse("2026-Q1")->previous().name() == "2025-Q4");
}

TEST_CASE("durations") {
  CHECK(Duration::parse("30m", false)->seconds() == 1800);
  CHECK(Duration::parse("1m", true)->unit == Duration::Unit::months);
  CHECK(Duration::parse("3wd", false)->unit == Duration::Unit::working_days);
  CHECK(Duration::parse("2w", true)->count == 2);
  CHECK_FALSE(Duration::parse("0h", false));
  CHECK_FALSE(Duration::parse("h", false));
  CHECK_FALSE(Duration::parse("3x", false));
}
