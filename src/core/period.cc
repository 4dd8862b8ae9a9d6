#include "kamgr/core/period.h"

#include <fmt/format.h>

#include <charconv>

namespace kamgr {
namespace {

std::optional<int> to_int(std::string_view s) {
  int v = 0;
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

Date last_of_month(int y, int m) { return *Date::from_ymd(y, m, days_in_month(y, m)); }

}  // namespace

std::optional<Period> Period::parse(std::string_view t) {
  if (t.size() < 4) return std::nullopt;
  const auto year = to_int(t.substr(0, 4));
  if (!year || *year < 1900 || *year > 9999) return std::nullopt;
  const int y = *year;
  if (t.size() == 4) return Period{Kind::year, *Date::from_ymd(y, 1, 1), *Date::from_ymd(y, 12, 31)};
  if (t[4] != '-') return std::nullopt;
  const std::string_view rest = t.substr(5);
  if (rest.size() == 2 && rest[0] == 'Q') {
    const auto q = to_int(rest.substr(1));
    if (!q || *q < 1 || *q > 4) return std::nullopt;
    const int m = (*q - 1) * 3 + 1;
    return Period{Kind::quarter, *Date::from_ymd(y, m, 1), last_of_month(y, m + 2)};
  }
  if (rest.size() == 3 && rest[0] == 'W') {
    const auto w = to_int(rest.substr(1));
    if (!w) return std::nullopt;
    const auto monday = iso_week_monday(y, *w);
    if (!monday) return std::nullopt;
    return Period{Kind::week, *monday, *monday + 6};
  }
  if (rest.size() == 2) {
    const auto m = to_int(rest);
    if (!m || *m < 1 || *m > 12) return std::nullopt;
    return Period{Kind::month, *Date::from_ymd(y, *m, 1), last_of_month(y, *m)};
  }
  return std::nullopt;
}

Period Period::month_of(Date d) {
  return Period{Kind::month, *Date::from_ymd(d.year(), d.month(), 1),
                last_of_month(d.year(), d.month())};
}

std::string Period::name() const {
  switch (kind) {
    case Kind::month: return fmt::format("{:04}-{:02}", from.year(), from.month());
    case Kind::quarter: return fmt::format("{:04}-Q{}", from.year(), (from.month() - 1) / 3 + 1);
    case Kind::year: return fmt::format("{:04}", from.year());
    case Kind::week: return fmt::format("{:04}-W{:02}", from.iso_year(), from.iso_week());
    case Kind::range: break;
  }
  return from.str() + ".." + to.str();
}

Period Period::previous() const {
  switch (kind) {
    case Kind::month: return month_of(from - 1);
    case Kind::quarter: {
      const Date start = add_months_first(from, -3);
      return Period{Kind::quarter, start, from - 1};
    }
    case Kind::year: {
      const Date start = *Date::from_ymd(from.year() - 1, 1, 1);
      return Period{Kind::year, start, from - 1};
    }
    case Kind::week: return Period{Kind::week, from - 7, from - 1};
    case Kind::range: break;
  }
  const int len = to - from + 1;
  return Period{Kind::range, from - len, from - 1};
}

std::optional<Duration> Duration::parse(std::string_view t, bool m_means_months) {
  size_t i = 0;
  while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
  const auto n = to_int(t.substr(0, i));
  if (!n || *n < 1 || *n > 100000) return std::nullopt;
  const std::string_view unit = t.substr(i);
  Duration d;
  d.count = *n;
  if (unit == "m") d.unit = m_means_months ? Unit::months : Unit::minutes;
  else if (unit == "min") d.unit = Unit::minutes;
  else if (unit == "h") d.unit = Unit::hours;
  else if (unit == "wd") d.unit = Unit::working_days;
  else if (unit == "w") d.unit = Unit::weeks;
  else if (unit == "mo") d.unit = Unit::months;
  else return std::nullopt;
  return d;
}

long long Duration::seconds() const {
  switch (unit) {
    case Unit::minutes: return count * 60LL;
    case Unit::hours: return count * 3600LL;
    default: return 0;
  }
}

std::string Duration::str() const {
  switch (unit) {
    case Unit::minutes: return fmt::format("{}m", count);
    case Unit::hours: return fmt::format("{}h", count);
    case Unit::working_days: return fmt::format("{}wd", count);
    case Unit::weeks: return fmt::format("{}w", count);
    case Unit::months: return fmt::format("{}m", count);
  }
  return {};
}

}  // namespace kamgr
