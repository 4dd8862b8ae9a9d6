#include "kamgr/domain/china_calendar.h"

#include <utility>

#include "kamgr/core/date.h"

namespace kamgr {
namespace {

struct Range {
  int m1, d1, m2, d2;
};

std::set<Date> dates(int year, std::initializer_list<Range> ranges) {
  std::set<Date> out;
  for (const Range& r : ranges)
    for (Date d = *Date::from_ymd(year, r.m1, r.d1); d <= *Date::from_ymd(year, r.m2, r.d2);
         d = d + 1)
      out.insert(d);
  return out;
}

std::string date_list(const std::set<Date>& days) {
  std::string out;
  for (const Date d : days) out += (out.empty() ? "" : ", ") + d.str();
  return "[" + out + "]";
}

std::string calendar_text(int year, const char* source, std::initializer_list<Range> off,
                          std::initializer_list<Range> work) {
  return calendar_file_text({"Public holidays (days off) and make-up working days of " +
                                 std::to_string(year) + " in China.",
                             std::string("Source: ") + source + "."},
                            {dates(year, off), dates(year, work)});
}

}  // namespace

std::string calendar_file_text(const std::vector<std::string>& comments, const CalendarYear& days) {
  std::string text;
  for (const std::string& line : comments) text += "# " + line + "\n";
  return text + "holidays: " + date_list(days.holidays) + "\nworkdays: " + date_list(days.workdays) +
         "\n";
}

const std::vector<ShippedCalendar>& shipped_calendars() {
  static const std::vector<ShippedCalendar> calendars = {
      {2025, calendar_text(2025, "国务院办公厅 国办发明电〔2024〕12号",
                           {{1, 1, 1, 1}, {1, 28, 2, 4}, {4, 4, 4, 6}, {5, 1, 5, 5}, {5, 31, 6, 2},
                            {10, 1, 10, 8}},
                           {{1, 26, 1, 26}, {2, 8, 2, 8}, {4, 27, 4, 27}, {9, 28, 9, 28},
                            {10, 11, 10, 11}})},
      {2026, calendar_text(2026, "国务院办公厅 2025-11-04 关于2026年部分节假日安排的通知",
                           {{1, 1, 1, 3}, {2, 15, 2, 23}, {4, 4, 4, 6}, {5, 1, 5, 5}, {6, 19, 6, 21},
                            {9, 25, 9, 27}, {10, 1, 10, 7}},
                           {{1, 4, 1, 4}, {2, 14, 2, 14}, {2, 28, 2, 28}, {5, 9, 5, 9},
                            {9, 20, 9, 20}, {10, 10, 10, 10}})},
  };
  return calendars;
}

}  // namespace kamgr
