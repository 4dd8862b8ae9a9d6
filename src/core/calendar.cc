#include "kamgr/core/calendar.h"

namespace kamgr {

bool WorkCalendar::is_working_day(Date d) const {
  const auto it = years_.find(d.year());
  if (it == years_.end()) {
    if (missing_ && warned_.insert(d.year()).second) missing_(d.year());
    return d.weekday() <= 5;
  }
  if (it->second.workdays.count(d)) return true;
  if (it->second.holidays.count(d)) return false;
  return d.weekday() <= 5;
}

Date WorkCalendar::nth_working_day_after(Date d, int n) const {
  Date day = d;
  while (n > 0) {
    day = day + 1;
    if (is_working_day(day)) --n;
  }
  return day;
}

int WorkCalendar::working_days_between(Date from, Date to) const {
  int n = 0;
  for (Date d = from + 1; d <= to; d = d + 1)
    if (is_working_day(d)) ++n;
  return n;
}

}  // namespace kamgr
