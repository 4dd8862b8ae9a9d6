#pragma once
/// Working days: Monday-Friday, minus public holidays, plus make-up working days,
/// read per year from `calendar/<YYYY>.yaml`. Pure: the calendar is filled by the store.
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "kamgr/core/date.h"

namespace kamgr {

/// One year's official calendar.
struct CalendarYear {
  std::set<Date> holidays;  ///< days off that would otherwise be working days
  std::set<Date> workdays;  ///< make-up working days (usually a Saturday or Sunday)
};

/// A working-day calendar over several years. Years without data count Monday-Friday;
/// each such year is reported once through `on_missing_year` (the CLI warns on stderr).
class WorkCalendar {
 public:
  WorkCalendar() = default;
  void add_year(int year, CalendarYear data) { years_[year] = std::move(data); }
  void on_missing_year(std::function<void(int)> callback) { missing_ = std::move(callback); }

  /// True when `d` is a working day.
  bool is_working_day(Date d) const;
  /// The `n`th working day strictly after `d` (n >= 1).
  Date nth_working_day_after(Date d, int n) const;
  /// Working days in (from, to]: days after `from` up to and including `to`.
  int working_days_between(Date from, Date to) const;

 private:
  std::map<int, CalendarYear> years_;
  std::function<void(int)> missing_;
  mutable std::set<int> warned_;
};

}  // namespace kamgr
