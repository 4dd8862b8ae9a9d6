#pragma once
/// Visit compliance and entry timeliness (docs/visits.md). Pure: records in, results
/// out. Implemented in src/domain/compliance.cc; the KPI engine calls it for
/// `visit_compliance` and `visit_timeliness` (docs/kpi.md "The metrics").
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/calendar.h"
#include "kamgr/core/period.h"
#include "kamgr/domain/collections.h"
#include "kamgr/domain/config.h"

namespace kamgr {

/// A visit-frequency window, both days inclusive.
struct Window {
  Date from;
  Date to;
  bool operator==(const Window&) const = default;
};

/// The window of frequency `freq` that contains `day`: `Nw` windows are consecutive
/// N x 7 days from `anchor` (also before it), `Nm` windows are N months aligned to January.
Window window_containing(const Duration& freq, Date anchor, Date day);

/// The windows of `freq` whose last day lies in [from, to], oldest first.
std::vector<Window> windows_ending_in(const Duration& freq, Date anchor, Date from, Date to);

/// Visits indexed by customer and date, for "any visit inside a window" and "last visit".
class VisitIndex {
 public:
  explicit VisitIndex(const std::vector<Visit>& visits);
  /// True when `customer` has a visit (by anyone) dated in [from, to].
  bool any(const std::string& customer, Date from, Date to) const;
  /// The latest visit date of `customer` on or before `day`, among the indexed visits.
  std::optional<Date> last_on_or_before(const std::string& customer, Date day) const;

 private:
  std::vector<std::pair<std::string, Date>> entries_;  ///< sorted (customer, date)
};

/// One required window of one customer, judged (docs/visits.md "Visit compliance").
struct RequiredWindow {
  std::string customer;
  std::string owner;  ///< the owner on the window's last day
  std::string tier;   ///< the tier in force on the window's last day
  Window window;
  bool met = false;
};

/// The required windows of every customer for `period` given `today`: windows of the
/// tier's frequency (tier on the window's last day) that end inside the period and
/// before today, whose first day is on or after the customer's first history date,
/// and on whose last day the customer is active. Sorted by customer, then window.
std::vector<RequiredWindow> required_windows(const CustomerBook& customers, const Config& config,
                                             const Period& period, Date today,
                                             const VisitIndex& visits);

/// The first date whose visits can matter for `period`: the start of the longest
/// window that can end inside it. Callers load visits from here to period.to.
Date visits_needed_from(const Config& config, const Period& period);

/// A customer still to be visited in its current window (`kamgr visit due`).
struct DueVisit {
  std::string customer;
  std::string owner;               ///< today's owner
  std::string tier;                ///< today's tier
  Window window;                   ///< the window of the tier's frequency that contains today
  std::optional<Date> last_visit;  ///< among the indexed visits
  bool overdue = false;            ///< the previous window was required and missed too
};

/// The customers active on `today` whose current window has no visit yet, sorted by
/// the window's last day (the due date), overdue first, then customer.
std::vector<DueVisit> due_visits(const CustomerBook& customers, const Config& config, Date today,
                                 const VisitIndex& visits);
/// The first date whose visits `due_visits` needs: the start of the previous window of
/// the longest frequency.
Date due_visits_needed_from(const Config& config, Date today);

/// A visit's end: `date` + `end`, else + `start`, else 23:59:59 local time.
Instant visit_end(const Visit& visit, TzOffset zone);
/// True when `recorded_at` <= end + `entry_deadline` (docs/visits.md "Entry timeliness").
/// A deadline in working days is counted Monday-Friday here; pass a calendar below.
bool visit_on_time(const Visit& visit, const Config& config);
/// The same with the holiday calendar (for an `entry_deadline` in working days).
bool visit_on_time(const Visit& visit, const Config& config, const WorkCalendar& calendar);
/// The latest `recorded_at` that is on time: end + `entry_deadline` (wall clock exactly;
/// `Nwd`: 23:59:59 of the Nth working day after the end's date; weeks and months on
/// the calendar).
Instant entry_deadline(const Visit& visit, const Config& config, const WorkCalendar& calendar);

/// One member's (or everyone's) visit figures for a period: what `visit_compliance` and
/// `visit_timeliness` are computed from.
struct VisitFigures {
  long required = 0;  ///< required windows (of the member: the owner on the window's last day)
  long met = 0;
  long visits = 0;  ///< visits dated in the period (of the member: whose `rep` it is)
  long on_time = 0;
  std::optional<double> compliance() const;  ///< met / required x 100, 2 decimals
  std::optional<double> timeliness() const;  ///< on_time / visits x 100, 2 decimals
};

/// docs/visits.md "Visit compliance" and "Entry timeliness" over `visits` (which must
/// cover visits_needed_from(config, period) to period.to): visits recorded after `now`
/// are ignored, windows end before now's date. `member` empty: the whole team.
VisitFigures visit_figures(const CustomerBook& customers, const Config& config,
                           const Period& period, Instant now, const std::vector<Visit>& visits,
                           const WorkCalendar& calendar, const std::string& member = {});

/// A percentage rounded to 2 decimals, or std::nullopt when `denominator` is 0.
std::optional<double> percentage(long numerator, long denominator);

}  // namespace kamgr
