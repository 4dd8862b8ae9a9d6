// iCalendar holiday feeds (docs/formats.md "Importing a calendar").
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "kamgr/core/error.h"
#include "kamgr/domain/holiday_import.h"

namespace kamgr {

namespace {

/// An event may last at most this long (a feed's typo, or a year-long "event").
constexpr int kMaxEventDays = 31;

/// One content line after unfolding: `NAME;PARAMS:VALUE`, and the physical line it
/// started on.
struct ContentLine {
  std::string name;    ///< upper case
  std::string params;  ///< upper case, without the leading ';'
  std::string value;
  int line = 0;
};

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

/// Splits `text` into content lines: CRLF or LF, a line starting with a space or a tab
/// continues the previous one (RFC 5545 3.1).
std::vector<ContentLine> content_lines(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::pair<std::string, int>> logical;
  int number = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !logical.empty())
      logical.back().first.append(line.substr(1));
    else if (!line.empty())
      logical.emplace_back(std::string(line), number);
  }
  std::vector<ContentLine> out;
  for (const auto& [line, at] : logical) {
    // The name ends at ';' or ':'; parameters end at the first ':' outside quotes.
    size_t i = line.find_first_of(";:");
    ContentLine cl;
    cl.line = at;
    cl.name = upper(line.substr(0, i));
    if (i != std::string::npos && line[i] == ';') {
      bool quoted = false;
      size_t j = i + 1;
      for (; j < line.size() && (quoted || line[j] != ':'); ++j)
        if (line[j] == '"') quoted = !quoted;
      cl.params = upper(line.substr(i + 1, j - i - 1));
      i = j;
    }
    if (i != std::string::npos && i < line.size()) cl.value = line.substr(i + 1);
    out.push_back(std::move(cl));
  }
  return out;
}

/// TEXT values escape `\\`, `\;`, `\,` and `\n` (RFC 5545 3.3.11).
std::string unescape_text(const std::string& value) {
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '\\' || i + 1 == value.size()) {
      out += value[i];
      continue;
    }
    const char c = value[++i];
    out += (c == 'n' || c == 'N') ? ' ' : c;
  }
  return out;
}

/// A DATE (`20270101`) or the date of a DATE-TIME (`20270101T000000`, `...Z`); `midnight`
/// tells whether the time was 00:00:00 (or absent).
std::optional<Date> ics_date(const std::string& value, bool& midnight) {
  if (value.size() < 8 || !std::all_of(value.begin(), value.begin() + 8, ::isdigit))
    return std::nullopt;
  const std::string rest = value.substr(8);
  midnight = rest.empty() || rest == "T000000" || rest == "T000000Z";
  if (!rest.empty() && (rest[0] != 'T' || rest.size() < 7)) return std::nullopt;
  return Date::from_ymd(std::stoi(value.substr(0, 4)), std::stoi(value.substr(4, 2)),
                        std::stoi(value.substr(6, 2)));
}

/// `P3D`, `P1W`: the whole days of a DURATION (hours and the like are refused).
std::optional<int> duration_days(const std::string& value) {
  if (value.size() < 3 || value[0] != 'P') return std::nullopt;
  const std::string number = value.substr(1, value.size() - 2);
  if (number.empty() || !std::all_of(number.begin(), number.end(), ::isdigit) || number.size() > 3)
    return std::nullopt;
  const char unit = value.back();
  if (unit == 'D') return std::stoi(number);
  if (unit == 'W') return 7 * std::stoi(number);
  return std::nullopt;
}

bool contains(const std::string& text, std::string_view what) {
  return text.find(what) != std::string::npos;
}

std::string without(std::string text, std::string_view what) {
  for (size_t at; (at = text.find(what)) != std::string::npos;) text.erase(at, what.size());
  return text;
}

enum class Kind { off, work, neither, unclear };

/// The rules of docs/formats.md: 班 (补班, 上班, 班) is a make-up working day; 休 or 假
/// (休, 放假, 假期, 休息) a day off; 调休 alone says neither; anything else (除夕,
/// 情人节) is an observance. Apple's X-APPLE-SPECIAL-DAY, when present, decides.
Kind classify(const std::string& summary, const std::string& special) {
  if (special == "ALTERNATE-WORKDAY") return Kind::work;
  if (special == "WORK-HOLIDAY") return Kind::off;
  if (contains(summary, "班")) return Kind::work;
  const std::string rest = without(summary, "调休");
  if (contains(rest, "休") || contains(rest, "假")) return Kind::off;
  if (contains(summary, "调休")) return Kind::unclear;
  return Kind::neither;
}

/// The holiday's name: the summary up to its first space or bracket, without the
/// markers (`春节 休` -> 春节, `元旦（休）` -> 元旦, `国庆节假期` -> 国庆节, `补班` -> "").
std::string holiday_name(const std::string& summary) {
  std::string name = summary;
  for (std::string_view stop : {" ", "(", "（", "【", "[", "\t"})
    if (const size_t at = name.find(stop); at != std::string::npos) name.erase(at);
  for (std::string_view marker : {"调休", "补班", "上班", "放假", "假期", "休息", "休", "班", "假"})
    if (name.size() >= marker.size() && name.compare(name.size() - marker.size(), marker.size(), marker) == 0)
      name.erase(name.size() - marker.size());
  return name;
}

/// A VEVENT's properties (those at its own level, not of a VALARM inside it).
struct Event {
  int line = 0;
  std::optional<ContentLine> start, end, duration;
  std::string summary, special, status;
  bool repeats = false;
};

void add_event(const Event& e, const std::string& file, HolidayArrangement& out) {
  if (upper(e.status) == "CANCELLED") return;
  if (e.repeats)
    throw input_error("a repeating event (RRULE or RDATE): holiday arrangements change every "
                      "year, list each day",
                      file, e.line);
  if (!e.start) throw input_error("an event without DTSTART", file, e.line);
  const Kind kind = classify(e.summary, upper(e.special));
  if (kind == Kind::neither) {
    ++out.ignored_events;
    return;
  }
  if (kind == Kind::unclear)
    throw input_error(fmt::format("SUMMARY '{}' does not say whether it is a day off (休, 假) "
                                  "or a make-up working day (班)",
                                  printable(e.summary)),
                      file, e.start->line);
  bool midnight = true;
  const std::optional<Date> first = ics_date(e.start->value, midnight);
  if (!first)
    throw input_error(fmt::format("DTSTART '{}' is not a date (YYYYMMDD)", printable(e.start->value)),
                      file, e.start->line);
  Date last = *first;
  if (e.end) {
    const std::optional<Date> end = ics_date(e.end->value, midnight);
    if (!end)
      throw input_error(fmt::format("DTEND '{}' is not a date (YYYYMMDD)", printable(e.end->value)),
                        file, e.end->line);
    // DTEND is exclusive: an all-day event ends the day before (a time after midnight
    // reaches into its day).
    last = midnight ? *end - 1 : *end;
    if (last < *first) throw input_error("DTEND is before DTSTART", file, e.end->line);
  } else if (e.duration) {
    const std::optional<int> days = duration_days(e.duration->value);
    if (!days || *days < 1)
      throw input_error(fmt::format("DURATION '{}' is not a number of days (P3D)",
                                    printable(e.duration->value)),
                        file, e.duration->line);
    last = *first + (*days - 1);
  }
  if (last - *first >= kMaxEventDays)
    throw input_error(fmt::format("an event of {} days: holidays last a few days", last - *first + 1),
                      file, e.start->line);
  const std::string name = holiday_name(e.summary);
  for (Date d = *first; d <= last; d = d + 1) out.days.push_back({d, kind == Kind::off, name, e.start->line});
}

}  // namespace

HolidayArrangement parse_ics_holidays(std::string_view text, const std::string& file) {
  const std::vector<ContentLine> lines = content_lines(text);
  if (lines.empty() || lines.front().name != "BEGIN" || upper(lines.front().value) != "VCALENDAR")
    throw input_error("not an iCalendar file (it must start with BEGIN:VCALENDAR)", file,
                      lines.empty() ? 1 : lines.front().line);
  HolidayArrangement out;
  out.format = HolidayFormat::ics;
  std::optional<Event> event;
  int depth = 0;  // components open inside the current event (VALARM)
  bool closed = false;
  for (const ContentLine& l : lines) {
    if (closed) throw input_error("text after END:VCALENDAR", file, l.line);
    const std::string value = upper(l.value);
    if (l.name == "BEGIN" && value == "VEVENT" && !event) {
      event = Event{};
      event->line = l.line;
    } else if (l.name == "BEGIN" && event) {
      ++depth;
    } else if (l.name == "END" && event && depth > 0) {
      --depth;
    } else if (l.name == "END" && value == "VEVENT" && event) {
      add_event(*event, file, out);
      event.reset();
    } else if (l.name == "END" && value == "VCALENDAR") {
      if (event) throw input_error("an event without END:VEVENT", file, event->line);
      closed = true;
    } else if (event && depth == 0) {
      if (l.name == "DTSTART") event->start = l;
      else if (l.name == "DTEND") event->end = l;
      else if (l.name == "DURATION") event->duration = l;
      else if (l.name == "SUMMARY") event->summary = unescape_text(l.value);
      else if (l.name == "X-APPLE-SPECIAL-DAY") event->special = l.value;
      else if (l.name == "STATUS") event->status = l.value;
      else if (l.name == "RRULE" || l.name == "RDATE") event->repeats = true;
    }
  }
  if (event) throw input_error("an event without END:VEVENT", file, event->line);
  if (!closed) throw input_error("the file ends without END:VCALENDAR", file, lines.back().line);
  if (out.days.empty())
    throw input_error(fmt::format("no day off (休, 假) or make-up working day (班) among its events{}",
                                  out.ignored_events ? fmt::format(" ({} other events)", out.ignored_events)
                                                     : std::string()),
                      file, lines.back().line);
  return out;
}

}  // namespace kamgr
