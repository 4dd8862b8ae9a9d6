// Rendering: display width, CSV quoting, YAML scalars, JSON and tables.
#include <doctest/doctest.h>

#include "kamgr/core/calendar.h"
#include "kamgr/render/render.h"

using namespace kamgr;

TEST_CASE("display width counts CJK as two columns") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("張三") == 4);
  CHECK(display_width("華潤a") == 5);
  CHECK(display_width("") == 0);
}

TEST_CASE("csv fields follow RFC 4180") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
}

TEST_CASE("yaml scalars are quoted only when needed") {
  CHECK(yaml_scalar("zhang-san", false) == "zhang-san");
  CHECK(yaml_scalar("20261122-k3m9qa", false) == "20261122-k3m9qa");
  CHECK(yaml_scalar("季度業務回顧", false) == "季度業務回顧");
  CHECK(yaml_scalar("09:30", false) == "\"09:30\"");
  CHECK(yaml_scalar("2026-01-01", false) == "\"2026-01-01\"");
  CHECK(yaml_scalar("123", false) == "\"123\"");
  CHECK(yaml_scalar("1e5", false) == "\"1e5\"");
  CHECK(yaml_scalar("true", false) == "\"true\"");
  CHECK(yaml_scalar("No", false) == "\"No\"");
  CHECK(yaml_scalar("", false) == "\"\"");
  CHECK(yaml_scalar("a: b", false) == "\"a: b\"");
  CHECK(yaml_scalar("a #b", false) == "\"a #b\"");
  CHECK(yaml_scalar("- x", false) == "\"- x\"");
  CHECK(yaml_scalar("a,b", false) == "a,b");
  CHECK(yaml_scalar("a,b", true) == "\"a,b\"");
  CHECK(yaml_scalar("tab\there", false) == "\"tab\\there\"");
}

TEST_CASE("json and table rendering") {
  Report r;
  Value rows = Value::array();
  Value row = Value::object();
  row.set("name", "張三");
  row.set("rate", Value::round2(66.66666));
  row.set("none", Value());
  rows.push(row);
  Value row2 = Value::object();
  row2.set("name", "li");
  row2.set("rate", 100);
  rows.push(row2);
  r.doc.set("rows", rows);
  r.columns = {{"name", "NAME"}, {"rate", "RATE", true}};
  CHECK(render(r, Format::json, false).find("\"rate\": 66.67") != std::string::npos);
  CHECK(render(r, Format::json, false).find("\"none\": null") != std::string::npos);
  CHECK(render(r, Format::table, false) == "NAME   RATE\n張三  66.67\nli      100\n");
  CHECK(render(r, Format::csv, false) == "name,rate\r\n張三,66.67\r\nli,100\r\n");
  CHECK(render(r, Format::table, true).rfind("\033[1m", 0) == 0);
}

TEST_CASE("working days with holidays and make-up days") {
  WorkCalendar cal;
  CalendarYear y;
  for (int d = 15; d <= 23; ++d) y.holidays.insert(*Date::from_ymd(2026, 2, d));
  y.workdays.insert(*Date::parse("2026-02-14"));
  y.workdays.insert(*Date::parse("2026-02-28"));
  cal.add_year(2026, y);
  CHECK(cal.is_working_day(*Date::parse("2026-02-14")));   // make-up Saturday
  CHECK_FALSE(cal.is_working_day(*Date::parse("2026-02-16")));  // Spring Festival Monday
  CHECK_FALSE(cal.is_working_day(*Date::parse("2026-02-21")));  // Saturday
  // From Friday Feb 13: Sat 14 (make-up) is the 1st, then Tue 24 is the 2nd.
  CHECK(cal.nth_working_day_after(*Date::parse("2026-02-13"), 1).str() == "2026-02-14");
  CHECK(cal.nth_working_day_after(*Date::parse("2026-02-13"), 2).str() == "2026-02-24");
  std::vector<int> missing;
  cal.on_missing_year([&](int year) { missing.push_back(year); });
  CHECK(cal.nth_working_day_after(*Date::parse("2027-01-01"), 1).str() == "2027-01-04");
  CHECK(cal.is_working_day(*Date::parse("2027-01-05")));
  CHECK(missing == std::vector<int>{2027});
}
