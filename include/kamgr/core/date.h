#pragma once
/// Calendar dates, times of day, instants and fixed UTC offsets.
/// All types are small values; parsing returns std::nullopt for impossible input
/// (2026-02-30, 25:00) instead of throwing.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kamgr {

/// A civil date, stored as days since 1970-01-01 (proleptic Gregorian).
struct Date {
  int32_t days = 0;

  /// Builds a date from year/month/day; std::nullopt when the day does not exist.
  static std::optional<Date> from_ymd(int y, int m, int d);
  /// Parses exactly `YYYY-MM-DD`.
  static std::optional<Date> parse(std::string_view text);

  int year() const;
  int month() const;  ///< 1..12
  int day() const;    ///< 1..31
  /// ISO weekday: 1 = Monday .. 7 = Sunday.
  int weekday() const;
  /// ISO 8601 week-numbering year and week (1..53).
  int iso_year() const;
  int iso_week() const;
  /// `YYYY-MM-DD`.
  std::string str() const;

  Date operator+(int n) const { return Date{days + n}; }
  Date operator-(int n) const { return Date{days - n}; }
  int operator-(Date o) const { return days - o.days; }
  auto operator<=>(const Date&) const = default;
};

/// Number of days in a month of a year.
int days_in_month(int year, int month);
/// The first day of the month `months` after (or before, when negative) the month of `d`.
Date add_months_first(Date d, int months);
/// Monday of ISO week `week` of ISO year `year`; nullopt if that week does not exist.
std::optional<Date> iso_week_monday(int year, int week);

/// A time of day in seconds since midnight (0..86399).
struct TimeOfDay {
  int seconds = 0;
  /// Parses `HH:MM` or `HH:MM:SS` (24-hour clock).
  static std::optional<TimeOfDay> parse(std::string_view text);
  /// `HH:MM` (or `HH:MM:SS` when seconds are set).
  std::string str() const;
  auto operator<=>(const TimeOfDay&) const = default;
};

/// A fixed offset from UTC in minutes (kamgr.yaml's `timezone`, docs/formats.md "Time").
struct TzOffset {
  int minutes = 8 * 60;
  /// Parses `+08:00`, `-05:30`, `+0800` or `Z`.
  static std::optional<TzOffset> parse(std::string_view text);
  /// `+08:00`.
  std::string str() const;
  bool operator==(const TzOffset&) const = default;
};

/// A moment in time: seconds since the Unix epoch (UTC), and the microseconds of a
/// timestamp written with a fraction (`10:00:00.5`), so that it compares exactly.
struct Instant {
  int64_t seconds = 0;
  int32_t micros = 0;  ///< 0..999999, added to `seconds`

  /// Parses ISO 8601 `YYYY-MM-DDTHH:MM[:SS[.fraction]][offset]` (also with a space for
  /// `T`); without an offset the time is in `zone`. A bare date means its midnight in
  /// `zone`. A fraction is kept to the microsecond, rounded up beyond it (so a
  /// timestamp a hair after a deadline is never taken as on it).
  static std::optional<Instant> parse(std::string_view text, TzOffset zone);
  /// Midnight starting `d` in `zone`.
  static Instant at(Date d, TimeOfDay t, TzOffset zone);
  /// The local date of this instant in `zone`.
  Date local_date(TzOffset zone) const;
  /// The local time of day in `zone`.
  TimeOfDay local_time(TzOffset zone) const;
  /// `2026-11-22T18:20:00+08:00` (`18:20:00.5+08:00` with a fraction).
  std::string str(TzOffset zone) const;

  Instant operator+(int64_t s) const { return Instant{seconds + s, micros}; }
  /// Whole seconds from `o` to this instant (the fractions ignored).
  int64_t operator-(Instant o) const { return seconds - o.seconds; }
  auto operator<=>(const Instant&) const = default;
};

}  // namespace kamgr
