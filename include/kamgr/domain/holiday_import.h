#pragma once
/// Reading the holiday arrangements people publish (docs/formats.md "Importing a
/// calendar"): iCalendar feeds, holiday-cn's JSON and chinese-days' JSON, told apart by
/// their content, into the days off and make-up working days of one year. Pure: text
/// in, days out; every refusal is an Error (exit 2) naming the file and the line.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kamgr/core/calendar.h"
#include "kamgr/core/date.h"
#include "kamgr/core/json.h"

namespace kamgr {

/// One day of a published arrangement.
struct ArrangedDay {
  Date date;
  bool off = true;   ///< true: a day off; false: a make-up working day (调休上班)
  std::string name;  ///< the holiday it belongs to (春节); may be empty
  int line = 0;      ///< where the input states it
};

enum class HolidayFormat { ics, holiday_cn, chinese_days };

/// "iCalendar", "holiday-cn JSON", "chinese-days JSON".
const char* holiday_format_name(HolidayFormat format);

/// What a file says, before a year is chosen.
struct HolidayArrangement {
  HolidayFormat format = HolidayFormat::ics;
  std::vector<ArrangedDay> days;
  std::optional<int> declared_year;  ///< holiday-cn's `"year"`
  int ignored_events = 0;            ///< iCalendar events that are neither (observances)
  /// chinese-days' in-lieu days missing from its `holidays`: not taken as days off.
  std::vector<ArrangedDay> in_lieu_not_off;
};

/// An iCalendar file (RFC 5545: CRLF or LF, folded lines): its VEVENTs classified by
/// their SUMMARY (docs/formats.md lists the rules).
HolidayArrangement parse_ics_holidays(std::string_view text, const std::string& file);
/// NateScarlet/holiday-cn: `{"year", "papers", "days": [{"name","date","isOffDay"}]}`.
HolidayArrangement parse_holiday_cn(const JsonValue& root, const std::string& file);
/// vsme/chinese-days: `{"holidays": {date: "English,中文,n"}, "workdays": {...},
/// "inLieuDays": {...}}`; the in-lieu days are days off already listed in `holidays`.
HolidayArrangement parse_chinese_days(const JsonValue& root, const std::string& file);

/// Any of the three, told apart by the content (not the file name).
HolidayArrangement parse_holiday_arrangement(std::string_view text, const std::string& file);

/// The year to import: `requested`, else the file's declared year, else the one year
/// its days fall in. Throws (listing the years found) when that is not one year.
int import_year(const HolidayArrangement& arrangement, std::optional<int> requested,
                const std::string& file);

/// The days of `year`: throws when a day is both off and a working day, or when the year
/// has no day at all.
CalendarYear arranged_year(const HolidayArrangement& arrangement, int year, const std::string& file);

/// Comment lines (without `# `) naming each holiday's days off and make-up days of `year`,
/// for the file written.
std::vector<std::string> holiday_summary(const HolidayArrangement& arrangement, int year);

}  // namespace kamgr
