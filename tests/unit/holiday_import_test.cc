// Importing published holiday files (docs/formats.md "Importing a calendar"): the JSON
// reader, the iCalendar, holiday-cn and chinese-days parsers, the sniffing, the choice
// of the year and the file written. The 2027 dates are test data (plausible, not
// official); the 2026 ones are the State Council's.
#include "kamgr/domain/holiday_import.h"

#include <doctest/doctest.h>

#include "kamgr/core/error.h"
#include "kamgr/domain/china_calendar.h"
#include "kamgr/store/repository.h"

using namespace kamgr;

namespace {

Date d(const char* text) { return *Date::parse(text); }

/// The message and line of the Error `fn` throws ("" when it throws none).
template <typename Fn>
std::pair<std::string, int> refusal(Fn fn) {
  try {
    fn();
  } catch (const Error& e) {
    CHECK(e.code() == Exit::bad_input);
    return {e.what(), e.line()};
  }
  return {"", 0};
}

std::string crlf(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

/// An iCalendar feed as the Chinese holiday calendars publish them, with CRLF.
const std::string kIcs = crlf(
    "BEGIN:VCALENDAR\n"
    "VERSION:2.0\n"
    "PRODID:-//example//holidays//ZH\n"
    "X-WR-CALNAME:中国节假日\n"
    "BEGIN:VEVENT\n"                       // 5
    "DTSTART;VALUE=DATE:20270101\n"
    "DTEND;VALUE=DATE:20270104\n"
    "SUMMARY:元旦（休）\n"
    "END:VEVENT\n"
    "BEGIN:VEVENT\n"                       // 10
    "DTSTART;VALUE=DATE:20270205\n"
    "DTEND;VALUE=DATE:20270213\n"
    "SUMMARY:春节\n"
    " 假期 第1天/共8天\n"                  // folded
    "END:VEVENT\n"
    "BEGIN:VEVENT\n"
    "DTSTART;VALUE=DATE:20270131\n"        // 17
    "SUMMARY:春节 班\n"
    "END:VEVENT\n"
    "BEGIN:VEVENT\n"
    "DTSTART;VALUE=DATE:20270205\n"
    "SUMMARY:除夕\n"                       // an observance
    "END:VEVENT\n"
    "BEGIN:VEVENT\n"
    "DTSTART;VALUE=DATE:20270220\n"
    "DTEND;VALUE=DATE:20270221\n"
    "SUMMARY:补班\n"
    "BEGIN:VALARM\n"
    "SUMMARY:明天休息\n"                    // the alarm's, not the event's
    "END:VALARM\n"
    "END:VEVENT\n"
    "END:VCALENDAR\n");

}  // namespace

TEST_CASE("json: values, lines, escapes and refusals") {
  const JsonValue v = parse_json("\xEF\xBB\xBF{\"a\": [1, -2.5e3, true, false, null],\n \"b\":\n \"\\u6625\\u8282\\n\\ud83d\\ude00\"}",
                                 "f.json");
  REQUIRE(v.kind == JsonValue::Kind::object);
  REQUIRE(v.find("a"));
  CHECK(v.find("a")->items.size() == 5);
  CHECK(v.find("a")->items[1].text == "-2.5e3");
  CHECK(v.find("a")->items[2].boolean);
  CHECK_FALSE(v.find("a")->items[3].boolean);
  CHECK(v.find("b")->text == "春节\n\xF0\x9F\x98\x80");
  CHECK(v.find("b")->line == 3);
  CHECK(refusal([] { parse_json("{\"a\": 1,\n}", "f.json"); }) ==
        std::pair<std::string, int>{"malformed JSON: expected a key in double quotes", 2});
  CHECK(refusal([] { parse_json("{\"a\": 1,\n\"a\": 2}", "f.json"); }).second == 2);
  CHECK(refusal([] { parse_json("{a: 1}", "f.json"); }).first ==
        "malformed JSON: expected a key in double quotes");
  CHECK(refusal([] { parse_json("[1] x", "f.json"); }).first == "malformed JSON: unexpected text after the JSON value");
  CHECK(refusal([] { parse_json("\"a\nb\"", "f.json"); }).first.find("control character") != std::string::npos);
  CHECK(refusal([] { parse_json(std::string(100, '['), "f.json"); }).first == "malformed JSON: nested too deeply");
  CHECK(refusal([] { parse_json("", "f.json"); }).first == "malformed JSON: unexpected end of the file");
  CHECK(refusal([] { parse_json("01", "f.json"); }).first == "malformed JSON: unexpected text after the JSON value");
}

TEST_CASE("ics: CRLF, folded lines, ranges with an exclusive end, markers, observances") {
  const HolidayArrangement a = parse_ics_holidays(kIcs, "h.ics");
  CHECK(a.format == HolidayFormat::ics);
  CHECK(a.ignored_events == 1);
  const CalendarYear y = arranged_year(a, 2027, "h.ics");
  CHECK(y.holidays == std::set<Date>{d("2027-01-01"), d("2027-01-02"), d("2027-01-03"), d("2027-02-05"),
                                     d("2027-02-06"), d("2027-02-07"), d("2027-02-08"), d("2027-02-09"),
                                     d("2027-02-10"), d("2027-02-11"), d("2027-02-12")});
  CHECK(y.workdays == std::set<Date>{d("2027-01-31"), d("2027-02-20")});
  // Each day knows the line of its DTSTART and its holiday's name.
  CHECK(a.days.front().line == 6);
  CHECK(a.days.front().name == "元旦");
  CHECK(a.days[3].name == "春节");
  CHECK(holiday_summary(a, 2027) ==
        std::vector<std::string>{"元旦: days off 2027-01-01..2027-01-03",
                                 "春节: days off 2027-02-05..2027-02-12; make-up working days 2027-01-31"});
}

TEST_CASE("ics: the markers of the published feeds") {
  auto kind = [](const std::string& summary) {
    const std::string text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270425\nSUMMARY:" +
                             summary + "\nEND:VEVENT\nEND:VCALENDAR\n";
    const HolidayArrangement a = parse_ics_holidays(text, "h.ics");
    return a.days.front().off ? "off" : "work";
  };
  CHECK(std::string(kind("春节 休")) == "off");
  CHECK(std::string(kind("元旦（休）")) == "off");
  CHECK(std::string(kind("劳动节假期")) == "off");
  CHECK(std::string(kind("国庆节 放假调休")) == "off");
  CHECK(std::string(kind("春节 班")) == "work");
  CHECK(std::string(kind("补班")) == "work");
  CHECK(std::string(kind("劳动节调休上班")) == "work");
  CHECK(std::string(kind("上班")) == "work");
  // Apple's marker decides over the text.
  const HolidayArrangement apple = parse_ics_holidays(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270425\nSUMMARY:劳动节\n"
      "X-APPLE-SPECIAL-DAY:ALTERNATE-WORKDAY\nEND:VEVENT\nEND:VCALENDAR\n",
      "h.ics");
  CHECK_FALSE(apple.days.front().off);
  // 调休 alone says neither: refused rather than guessed.
  CHECK(refusal([] {
          parse_ics_holidays("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270425\nSUMMARY:春节调休\n"
                             "END:VEVENT\nEND:VCALENDAR\n",
                             "h.ics");
        }) == std::pair<std::string, int>{"SUMMARY '春节调休' does not say whether it is a day off "
                                          "(休, 假) or a make-up working day (班)",
                                          3});
}

TEST_CASE("ics: DURATION, date-times, cancelled events and refusals with their line") {
  const HolidayArrangement a = parse_ics_holidays(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20271001\nDURATION:P7D\nSUMMARY:国庆节 休\n"
      "END:VEVENT\nBEGIN:VEVENT\nDTSTART;TZID=Asia/Shanghai:20270926T000000\n"
      "DTEND;TZID=Asia/Shanghai:20270926T235959\nSUMMARY:国庆节 班\nEND:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20271009\nSUMMARY:国庆节 班\nSTATUS:CANCELLED\nEND:VEVENT\n"
      "END:VCALENDAR\n",
      "h.ics");
  const CalendarYear y = arranged_year(a, 2027, "h.ics");
  CHECK(y.holidays.size() == 7);
  CHECK(*y.holidays.rbegin() == d("2027-10-07"));
  CHECK(y.workdays == std::set<Date>{d("2027-09-26")});

  auto ics = [](const std::string& body) {
    return refusal([&] { parse_ics_holidays("BEGIN:VCALENDAR\n" + body + "END:VCALENDAR\n", "h.ics"); });
  };
  CHECK(ics("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270231\nSUMMARY:休\nEND:VEVENT\n") ==
        std::pair<std::string, int>{"DTSTART '20270231' is not a date (YYYYMMDD)", 3});
  CHECK(ics("BEGIN:VEVENT\nSUMMARY:休\nEND:VEVENT\n") ==
        std::pair<std::string, int>{"an event without DTSTART", 2});
  CHECK(ics("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270105\nDTEND;VALUE=DATE:20270101\nSUMMARY:休\nEND:VEVENT\n")
            .first == "DTEND is before DTSTART");
  CHECK(ics("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=YEARLY\nSUMMARY:元旦 休\nEND:VEVENT\n")
            .second == 2);
  CHECK(ics("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nSUMMARY:休\n").first ==
        "an event without END:VEVENT");
  CHECK(ics("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nSUMMARY:除夕\nEND:VEVENT\n").first ==
        "no day off (休, 假) or make-up working day (班) among its events (1 other events)");
  CHECK(ics("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nDTEND;VALUE=DATE:20280101\nSUMMARY:休\nEND:VEVENT\n")
            .first == "an event of 365 days: holidays last a few days");
  CHECK(refusal([] { parse_ics_holidays("BEGIN:VCALENDAR\nBEGIN:VEVENT\n", "h.ics"); }).first ==
        "an event without END:VEVENT");
}

TEST_CASE("holiday-cn: days with isOffDay, the declared year, refusals") {
  const std::string text =
      "{\n"
      "  \"$schema\": \"https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json\",\n"
      "  \"year\": 2027,\n"
      "  \"papers\": [\"https://www.gov.cn/zhengce/content/2026-11/example.htm\"],\n"
      "  \"days\": [\n"
      "    {\"name\": \"元旦\", \"date\": \"2026-12-31\", \"isOffDay\": true},\n"
      "    {\"name\": \"元旦\", \"date\": \"2027-01-01\", \"isOffDay\": true},\n"
      "    {\"name\": \"春节\", \"date\": \"2027-01-31\", \"isOffDay\": false}\n"
      "  ]\n"
      "}\n";
  const HolidayArrangement a = parse_holiday_arrangement(text, "2027.json");
  CHECK(a.format == HolidayFormat::holiday_cn);
  CHECK(a.declared_year == 2027);
  // The declared year wins over the days of December that the file also lists.
  CHECK(import_year(a, std::nullopt, "2027.json") == 2027);
  CHECK(import_year(a, 2026, "2027.json") == 2026);
  const CalendarYear y = arranged_year(a, 2027, "2027.json");
  CHECK(y.holidays == std::set<Date>{d("2027-01-01")});
  CHECK(y.workdays == std::set<Date>{d("2027-01-31")});
  CHECK(a.days[2].line == 8);

  auto bad = [](const std::string& days) {
    return refusal([&] { parse_holiday_arrangement("{\"year\": 2027,\n\"days\": [\n" + days + "]}", "x.json"); });
  };
  CHECK(bad("{\"name\": \"元旦\", \"date\": \"2027-02-30\", \"isOffDay\": true}") ==
        std::pair<std::string, int>{"date: '2027-02-30' is not a date (YYYY-MM-DD)", 3});
  CHECK(bad("{\"name\": \"元旦\", \"date\": \"2027-01-01\", \"isOffDay\": \"yes\"}").first ==
        "isOffDay: must be true or false, not a string");
  CHECK(bad("{\"name\": \"元旦\", \"isOffDay\": true}").first == "date: required");
  CHECK(bad("").first == "days: empty (no day off or make-up working day)");
  CHECK(bad("{\"date\": \"2027-01-01\", \"isOffDay\": true},\n{\"date\": \"2027-01-01\", \"isOffDay\": false}") ==
        std::pair<std::string, int>{"", 0});  // parsing accepts; the year refuses:
  const HolidayArrangement both = parse_holiday_arrangement(
      "{\"days\": [\n{\"date\": \"2027-01-01\", \"isOffDay\": true},\n{\"date\": \"2027-01-01\", \"isOffDay\": false}]}",
      "x.json");
  CHECK(refusal([&] { arranged_year(both, 2027, "x.json"); }) ==
        std::pair<std::string, int>{"2027-01-01 is both a day off and a make-up working day (see also line 2)", 3});
}

TEST_CASE("chinese-days: several years, names, in-lieu days") {
  const std::string text =
      "{\n"
      "  \"holidays\": {\n"
      "    \"2026-10-01\": \"National Day,国庆节,3\",\n"
      "    \"2027-01-01\": \"New Year's Day,元旦,1\",\n"
      "    \"2027-02-11\": \"Spring Festival,春节,4\"\n"
      "  },\n"
      "  \"workdays\": {\n"
      "    \"2027-01-31\": \"Spring Festival,春节,4\"\n"
      "  },\n"
      "  \"inLieuDays\": {\n"
      "    \"2027-02-11\": \"Spring Festival,春节,4\",\n"
      "    \"2027-02-12\": \"Spring Festival,春节,4\"\n"
      "  }\n"
      "}\n";
  const HolidayArrangement a = parse_holiday_arrangement(text, "chinese-days.json");
  CHECK(a.format == HolidayFormat::chinese_days);
  CHECK(refusal([&] { import_year(a, std::nullopt, "chinese-days.json"); }).first ==
        "the file covers several years (2026, 2027): choose one with --year");
  CHECK(refusal([&] { import_year(a, 2025, "chinese-days.json"); }).first ==
        "no day of 2025 in the file (it has 2026, 2027)");
  const CalendarYear y = arranged_year(a, 2027, "chinese-days.json");
  // An in-lieu day is a day off already in holidays; 02-12 (not in holidays) adds nothing.
  CHECK(y.holidays == std::set<Date>{d("2027-01-01"), d("2027-02-11")});
  CHECK(y.workdays == std::set<Date>{d("2027-01-31")});
  REQUIRE(a.in_lieu_not_off.size() == 1);
  CHECK(a.in_lieu_not_off[0].date == d("2027-02-12"));
  CHECK(a.in_lieu_not_off[0].line == 12);
  CHECK(a.days[1].name == "元旦");
  CHECK(refusal([] { parse_holiday_arrangement("{\"holidays\": {\"2027-01-01\": 1}}", "x.json"); }).first ==
        "holidays: 2027-01-01 must be a string (\"Spring Festival,春节,3\")");
  CHECK(refusal([] { parse_holiday_arrangement("{\"holidays\": []}", "x.json"); }).first ==
        "holidays: must be an object, not a list");
}

TEST_CASE("sniffing: by content, not by name") {
  CHECK(parse_holiday_arrangement("\n\n" + kIcs, "holidays.json").format == HolidayFormat::ics);
  CHECK(refusal([] { parse_holiday_arrangement("holidays: [2027-01-01]\n", "x.yaml"); }) ==
        std::pair<std::string, int>{"not a calendar kamgr can import: expected an iCalendar file "
                                    "(BEGIN:VCALENDAR) or the JSON of holiday-cn or chinese-days",
                                    1});
  CHECK(refusal([] { parse_holiday_arrangement("{\"x\": 1}", "x.json"); }).first ==
        "a JSON file kamgr cannot import: expected holiday-cn's \"days\" or chinese-days' \"holidays\"");
  CHECK(refusal([] { parse_holiday_arrangement("{\"days\": [", "x.json"); }).first ==
        "malformed JSON: unexpected end of the file");
}

TEST_CASE("the file written: the layout of the shipped calendars, read back by the loader") {
  const HolidayArrangement a = parse_ics_holidays(kIcs, "h.ics");
  const std::string text =
      calendar_file_text({"Public holidays (days off) and make-up working days of 2027 in China."},
                         arranged_year(a, 2027, "h.ics"));
  CHECK(text ==
        "# Public holidays (days off) and make-up working days of 2027 in China.\n"
        "holidays: [2027-01-01, 2027-01-02, 2027-01-03, 2027-02-05, 2027-02-06, 2027-02-07, "
        "2027-02-08, 2027-02-09, 2027-02-10, 2027-02-11, 2027-02-12]\n"
        "workdays: [2027-01-31, 2027-02-20]\n");
  Diagnostics diag;
  const auto back = load_calendar_year(text, "calendar/2027.yaml", diag);
  REQUIRE(back);
  CHECK(diag.problems().empty());
  CHECK(back->workdays.size() == 2);
  CHECK(calendar_file_text({}, {}) == "holidays: []\nworkdays: []\n");
}
