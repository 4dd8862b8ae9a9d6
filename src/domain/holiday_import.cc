// Telling the holiday formats apart and choosing the year (docs/formats.md "Importing a
// calendar").
#include "kamgr/domain/holiday_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "kamgr/core/error.h"

namespace kamgr {

namespace {

std::string_view trimmed_start(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  while (!text.empty() && (text[0] == ' ' || text[0] == '\t' || text[0] == '\r' || text[0] == '\n'))
    text.remove_prefix(1);
  return text;
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  return true;
}

std::string year_list(const std::set<int>& years) {
  std::string out;
  for (int y : years) out += (out.empty() ? "" : ", ") + std::to_string(y);
  return out;
}

std::set<int> years_of(const HolidayArrangement& a) {
  std::set<int> years;
  for (const ArrangedDay& d : a.days) years.insert(d.date.year());
  return years;
}

/// `2027-02-05..2027-02-12, 2027-02-14`: the days as runs of consecutive dates.
std::string runs(const std::set<Date>& days) {
  std::string out;
  for (auto it = days.begin(); it != days.end();) {
    const Date first = *it;
    Date last = first;
    for (++it; it != days.end() && *it == last + 1; ++it) last = *it;
    out += (out.empty() ? "" : ", ") + first.str() + (last == first ? "" : ".." + last.str());
  }
  return out;
}

}  // namespace

const char* holiday_format_name(HolidayFormat format) {
  switch (format) {
    case HolidayFormat::ics: return "iCalendar";
    case HolidayFormat::holiday_cn: return "holiday-cn JSON";
    case HolidayFormat::chinese_days: return "chinese-days JSON";
  }
  return "?";
}

HolidayArrangement parse_holiday_arrangement(std::string_view text, const std::string& file) {
  const std::string_view start = trimmed_start(text);
  if (starts_with_nocase(start, "BEGIN:VCALENDAR")) return parse_ics_holidays(text, file);
  if (start.empty() || start[0] != '{')
    throw input_error("not a calendar kamgr can import: expected an iCalendar file "
                      "(BEGIN:VCALENDAR) or the JSON of holiday-cn or chinese-days",
                      file, 1);
  const JsonValue root = parse_json(text, file);
  if (root.find("days")) return parse_holiday_cn(root, file);
  if (root.find("holidays")) return parse_chinese_days(root, file);
  throw input_error("a JSON file kamgr cannot import: expected holiday-cn's \"days\" or "
                    "chinese-days' \"holidays\"",
                    file, root.line);
}

int import_year(const HolidayArrangement& a, std::optional<int> requested, const std::string& file) {
  const std::set<int> years = years_of(a);
  if (requested) {
    if (!years.count(*requested))
      throw input_error(fmt::format("no day of {} in the file (it has {})", *requested, year_list(years)),
                        file);
    return *requested;
  }
  if (a.declared_year && years.count(*a.declared_year)) return *a.declared_year;
  if (years.size() != 1)
    throw input_error(fmt::format("the file covers several years ({}): choose one with --year",
                                  year_list(years)),
                      file);
  return *years.begin();
}

CalendarYear arranged_year(const HolidayArrangement& a, int year, const std::string& file) {
  CalendarYear cal;
  std::map<Date, const ArrangedDay*> seen;
  for (const ArrangedDay& d : a.days) {
    if (d.date.year() != year) continue;
    const auto [it, fresh] = seen.emplace(d.date, &d);
    if (!fresh && it->second->off != d.off)
      throw input_error(fmt::format("{} is both a day off and a make-up working day (see also line {})",
                                    d.date.str(), it->second->line),
                        file, d.line);
    (d.off ? cal.holidays : cal.workdays).insert(d.date);
  }
  if (cal.holidays.empty() && cal.workdays.empty())
    throw input_error(fmt::format("no day off or make-up working day in {}", year), file);
  return cal;
}

std::vector<std::string> holiday_summary(const HolidayArrangement& a, int year) {
  // Holidays in the order of their first day; each with its days off and make-up days.
  std::map<std::string, std::pair<std::set<Date>, std::set<Date>>> by_name;
  std::multimap<Date, std::string> first_day;
  for (const ArrangedDay& d : a.days) {
    if (d.date.year() != year || d.name.empty()) continue;
    auto& [off, work] = by_name[d.name];
    (d.off ? off : work).insert(d.date);
  }
  for (const auto& [name, days] : by_name) {
    const Date first = !days.first.empty() ? *days.first.begin() : *days.second.begin();
    first_day.emplace(first, name);
  }
  std::vector<std::string> lines;
  for (const auto& [first, name] : first_day) {
    const auto& [off, work] = by_name[name];
    std::string line = printable(name, 40) + ":";
    if (!off.empty()) line += " days off " + runs(off);
    if (!work.empty()) line += std::string(off.empty() ? "" : ";") + " make-up working days " + runs(work);
    lines.push_back(line);
  }
  return lines;
}

}  // namespace kamgr
