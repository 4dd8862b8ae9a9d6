#include "kamgr/core/date.h"

#include <fmt/format.h>

#include <cctype>

namespace kamgr {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days.
int32_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Ymd {
  int y, m, d;
};

Ymd civil_from_days(int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = yoe + era * 400;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  return {y + (m <= 2), m, d};
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/// Reads exactly `n` digits at `pos`; -1 when any is not a digit.
int digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap(year)) return 29;
  return kDays[month - 1];
}

std::optional<Date> Date::from_ymd(int y, int m, int d) {
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
    return std::nullopt;
  return Date{days_from_civil(y, m, d)};
}

std::optional<Date> Date::parse(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  const int y = digits(t, 0, 4), m = digits(t, 5, 2), d = digits(t, 8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  return from_ymd(y, m, d);
}

int Date::year() const { return civil_from_days(days).y; }
int Date::month() const { return civil_from_days(days).m; }
int Date::day() const { return civil_from_days(days).d; }

int Date::weekday() const {
  // 1970-01-01 was a Thursday (4).
  const int w = static_cast<int>(((int64_t{days} % 7) + 7 + 3) % 7);  // 0 = Monday
  return w + 1;
}

int Date::iso_year() const {
  const Date thursday = *this + (4 - weekday());
  return thursday.year();
}

int Date::iso_week() const {
  const Date thursday = *this + (4 - weekday());
  const Date jan1 = *from_ymd(thursday.year(), 1, 1);
  return (thursday - jan1) / 7 + 1;
}

std::string Date::str() const {
  const Ymd c = civil_from_days(days);
  return fmt::format("{:04}-{:02}-{:02}", c.y, c.m, c.d);
}

Date add_months_first(Date d, int months) {
  const Ymd c = civil_from_days(d.days);
  const int index = c.y * 12 + (c.m - 1) + months;
  return Date{days_from_civil(index / 12, index % 12 + 1, 1)};
}

std::optional<Date> iso_week_monday(int year, int week) {
  if (week < 1 || week > 53) return std::nullopt;
  const auto jan4 = Date::from_ymd(year, 1, 4);
  if (!jan4) return std::nullopt;
  const Date week1 = *jan4 - (jan4->weekday() - 1);
  const Date monday = week1 + (week - 1) * 7;
  if (monday.iso_year() != year) return std::nullopt;
  return monday;
}

std::optional<TimeOfDay> TimeOfDay::parse(std::string_view t) {
  if ((t.size() != 5 && t.size() != 8) || t[2] != ':') return std::nullopt;
  const int h = digits(t, 0, 2), m = digits(t, 3, 2);
  int s = 0;
  if (t.size() == 8) {
    if (t[5] != ':') return std::nullopt;
    s = digits(t, 6, 2);
  }
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) return std::nullopt;
  return TimeOfDay{h * 3600 + m * 60 + s};
}

std::string TimeOfDay::str() const {
  if (seconds % 60 != 0)
    return fmt::format("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
  return fmt::format("{:02}:{:02}", seconds / 3600, seconds / 60 % 60);
}

std::optional<TzOffset> TzOffset::parse(std::string_view t) {
  if (t == "Z" || t == "z") return TzOffset{0};
  if (t.size() != 6 && t.size() != 5) return std::nullopt;
  if (t[0] != '+' && t[0] != '-') return std::nullopt;
  const int h = digits(t, 1, 2);
  const size_t mpos = t.size() == 6 ? 4 : 3;
  if (t.size() == 6 && t[3] != ':') return std::nullopt;
  const int m = digits(t, mpos, 2);
  if (h < 0 || h > 14 || m < 0 || m > 59) return std::nullopt;
  const int total = h * 60 + m;
  return TzOffset{t[0] == '-' ? -total : total};
}

std::string TzOffset::str() const {
  const int a = minutes < 0 ? -minutes : minutes;
  return fmt::format("{}{:02}:{:02}", minutes < 0 ? '-' : '+', a / 60, a % 60);
}

Instant Instant::at(Date d, TimeOfDay t, TzOffset zone) {
  return Instant{int64_t{d.days} * 86400 + t.seconds - int64_t{zone.minutes} * 60};
}

std::optional<Instant> Instant::parse(std::string_view t, TzOffset zone) {
  const auto date = Date::parse(t.substr(0, 10));
  if (!date) return std::nullopt;
  if (t.size() == 10) return at(*date, TimeOfDay{0}, zone);
  if (t[10] != 'T' && t[10] != ' ' && t[10] != 't') return std::nullopt;
  std::string_view rest = t.substr(11);
  size_t tz_pos = rest.find_first_of("+-Zz");
  std::string_view time = rest.substr(0, tz_pos);
  int64_t micros = 0;  // a fraction to the microsecond, rounded up beyond it
  if (const size_t dot = time.find('.'); dot != std::string_view::npos) {
    if (dot + 1 == time.size()) return std::nullopt;
    bool beyond = false;
    for (size_t i = dot + 1; i < time.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(time[i]))) return std::nullopt;
      if (i - dot <= 6) micros = micros * 10 + (time[i] - '0');
      else beyond = beyond || time[i] != '0';
    }
    for (size_t i = time.size() - dot - 1; i < 6; ++i) micros *= 10;
    micros += beyond ? 1 : 0;
    time = time.substr(0, dot);
  }
  const auto tod = TimeOfDay::parse(time);
  if (!tod) return std::nullopt;
  TzOffset offset = zone;
  if (tz_pos != std::string_view::npos) {
    const auto parsed = TzOffset::parse(rest.substr(tz_pos));
    if (!parsed) return std::nullopt;
    offset = *parsed;
  }
  Instant instant = at(*date, *tod, offset);
  instant.seconds += micros / 1'000'000;  // 0.9999999 rounds up to a whole second
  instant.micros = static_cast<int32_t>(micros % 1'000'000);
  return instant;
}

Date Instant::local_date(TzOffset zone) const {
  const int64_t local = seconds + int64_t{zone.minutes} * 60;
  return Date{static_cast<int32_t>(floor_div(local, 86400))};
}

TimeOfDay Instant::local_time(TzOffset zone) const {
  const int64_t local = seconds + int64_t{zone.minutes} * 60;
  return TimeOfDay{static_cast<int>(local - floor_div(local, 86400) * 86400)};
}

std::string Instant::str(TzOffset zone) const {
  const TimeOfDay t = local_time(zone);
  std::string fraction;
  if (micros != 0) {
    fraction = fmt::format(".{:06}", micros);
    while (fraction.back() == '0') fraction.pop_back();
  }
  return fmt::format("{}T{:02}:{:02}:{:02}{}{}", local_date(zone).str(), t.seconds / 3600,
                     t.seconds / 60 % 60, t.seconds % 60, fraction, zone.str());
}

}  // namespace kamgr
