#pragma once
/// Report periods (`2026-10`, `2026-Q4`, `2026`, `2026-W47`, or an explicit range) and
/// durations (`30m`, `2h`, `3wd`, `1w`, `1m`).
#include <optional>
#include <string>
#include <string_view>

#include "kamgr/core/date.h"

namespace kamgr {

/// An inclusive range of dates with the kind of period it came from.
struct Period {
  enum class Kind { month, quarter, year, week, range };
  Kind kind = Kind::range;
  Date from;
  Date to;

  /// Parses a period name; std::nullopt when it is not one.
  static std::optional<Period> parse(std::string_view text);
  /// An explicit `--from/--to` range (kind `range`).
  static Period range(Date from, Date to) { return Period{Kind::range, from, to}; }
  /// The month containing `d`.
  static Period month_of(Date d);
  /// The period's name as typed (`2026-10`), or `FROM..TO` for a range.
  std::string name() const;
  /// The period of the same kind just before this one (a range: the same length before).
  Period previous() const;
  bool contains(Date d) const { return from <= d && d <= to; }
};

/// A length of time. Wall-clock kinds (minutes, hours) are exact seconds; working days,
/// weeks and months are counted on the calendar.
struct Duration {
  enum class Unit { minutes, hours, working_days, weeks, months };
  Unit unit = Unit::hours;
  int count = 0;

  /// Parses `30m`, `2h`, `3wd`, `1w`, `1m` (count 1..100000); std::nullopt otherwise.
  /// `m` is months when `m_means_months` (visit frequencies) and minutes otherwise
  /// (SLAs); `min` is always minutes and `mo` always months.
  static std::optional<Duration> parse(std::string_view text, bool m_means_months);
  /// Seconds of a wall-clock duration (minutes or hours); 0 for calendar units.
  long long seconds() const;
  std::string str() const;
};

}  // namespace kamgr
