// The JSON of holiday-cn and of chinese-days (docs/formats.md "Importing a calendar").
#include <fmt/format.h>

#include <set>

#include "kamgr/core/error.h"
#include "kamgr/domain/holiday_import.h"

namespace kamgr {

namespace {

/// The member `key` of `object`, of `kind`; throws naming the field when it is absent
/// or of another kind.
const JsonValue& field(const JsonValue& object, const char* key, JsonValue::Kind kind,
                       const std::string& file) {
  const JsonValue* v = object.find(key);
  if (!v) throw input_error(fmt::format("{}: required", key), file, object.line);
  if (v->kind != kind)
    throw input_error(fmt::format("{}: must be {}, not {}", key, json_kind_name(kind),
                                  json_kind_name(v->kind)),
                      file, v->line);
  return *v;
}

Date json_date(const std::string& text, const char* what, const std::string& file, int line) {
  const std::optional<Date> d = Date::parse(text);
  if (!d)
    throw input_error(fmt::format("{}: '{}' is not a date (YYYY-MM-DD)", what, printable(text)), file,
                      line);
  return *d;
}

/// chinese-days' `"Spring Festival,春节,3"`: the Chinese name (the second part), else
/// the whole text.
std::string chinese_days_name(const std::string& value) {
  const size_t a = value.find(',');
  if (a == std::string::npos) return value;
  const size_t b = value.find(',', a + 1);
  return value.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
}

/// The entries of one of chinese-days' date maps.
void chinese_days_map(const JsonValue& map, const char* key, bool off, const std::string& file,
                      std::vector<ArrangedDay>& out) {
  for (const auto& [date, value] : map.members) {
    if (value.kind != JsonValue::Kind::string)
      throw input_error(fmt::format("{}: {} must be a string (\"Spring Festival,春节,3\")", key,
                                    printable(date)),
                        file, value.line);
    out.push_back({json_date(date, key, file, value.line), off, chinese_days_name(value.text), value.line});
  }
}

}  // namespace

HolidayArrangement parse_holiday_cn(const JsonValue& root, const std::string& file) {
  HolidayArrangement out;
  out.format = HolidayFormat::holiday_cn;
  if (const JsonValue* year = root.find("year")) {
    const std::optional<Date> jan1 =
        year->kind == JsonValue::Kind::number && year->text.size() == 4
            ? Date::parse(year->text + "-01-01")
            : std::nullopt;
    if (!jan1) throw input_error("year: must be a year (2027)", file, year->line);
    out.declared_year = jan1->year();
  }
  const JsonValue& days = field(root, "days", JsonValue::Kind::array, file);
  for (const JsonValue& day : days.items) {
    if (day.kind != JsonValue::Kind::object)
      throw input_error(fmt::format("days: each day must be an object, not {}", json_kind_name(day.kind)),
                        file, day.line);
    const JsonValue& date = field(day, "date", JsonValue::Kind::string, file);
    const JsonValue& off = field(day, "isOffDay", JsonValue::Kind::boolean, file);
    const JsonValue* name = day.find("name");
    out.days.push_back({json_date(date.text, "date", file, date.line), off.boolean,
                        name && name->kind == JsonValue::Kind::string ? name->text : "", day.line});
  }
  if (out.days.empty()) throw input_error("days: empty (no day off or make-up working day)", file, days.line);
  return out;
}

HolidayArrangement parse_chinese_days(const JsonValue& root, const std::string& file) {
  HolidayArrangement out;
  out.format = HolidayFormat::chinese_days;
  const JsonValue& holidays = field(root, "holidays", JsonValue::Kind::object, file);
  chinese_days_map(holidays, "holidays", true, file, out.days);
  if (root.find("workdays"))
    chinese_days_map(field(root, "workdays", JsonValue::Kind::object, file), "workdays", false, file,
                     out.days);
  if (out.days.empty()) throw input_error("holidays: empty (no day off)", file, holidays.line);
  // In-lieu days (调休放假) are the weekdays given off in exchange for the make-up days:
  // chinese-days lists each of them in `holidays` too, so they add nothing. One missing
  // from `holidays` is not taken as a day off (the file contradicts itself): a warning.
  if (root.find("inLieuDays")) {
    std::vector<ArrangedDay> in_lieu;
    chinese_days_map(field(root, "inLieuDays", JsonValue::Kind::object, file), "inLieuDays", true,
                     file, in_lieu);
    std::set<Date> off;
    for (const ArrangedDay& d : out.days)
      if (d.off) off.insert(d.date);
    for (const ArrangedDay& d : in_lieu)
      if (!off.count(d.date)) out.in_lieu_not_off.push_back(d);
  }
  return out;
}

}  // namespace kamgr
