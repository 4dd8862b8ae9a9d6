#pragma once
/// Complaint records and their SLA (docs/complaints.md "SLA rules"). Pure. The KPI
/// engine calls `evaluate_sla` for `complaint_sla`, and reads `closed_at`/`csat`
/// (docs/kpi.md "The metrics").
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/calendar.h"
#include "kamgr/core/error.h"
#include "kamgr/domain/config.h"
#include "kamgr/domain/records.h"

namespace kamgr {

/// One event of a complaint's log.
struct ComplaintEvent {
  std::string type;  ///< contacted | answered | closed | callback | reopened
  Instant at;
  std::string by;
  std::string note;
  std::optional<int> csat;  ///< on `closed`, 1..5
  std::string reason;       ///< on `reopened`
  int line = 0;
};

/// complaints/<YYYY>/<id>.yaml
struct Complaint {
  std::string id;
  std::string customer;
  std::string rep;
  std::string level;
  std::string category;  ///< product | service | delivery | after_sales | other
  std::string summary;
  Instant received_at;
  std::vector<ComplaintEvent> events;  ///< oldest first
  Source source;
  int customer_line = 0;  ///< where `customer` and `rep` are written (for errors about them)
  int rep_line = 0;
};

enum class SlaStatus { met, breached, pending };
const char* sla_status_name(SlaStatus status);

/// One judged SLA part (contact, one answer cycle, or a call-back).
struct SlaPart {
  Instant start;              ///< when the clock started
  Instant due;                ///< deadline
  std::optional<Instant> at;  ///< when it was done, if done
  SlaStatus status = SlaStatus::pending;
};

/// A complaint's SLA as of `now` (events after now are ignored).
struct ComplaintSla {
  std::optional<SlaPart> contact;
  std::vector<SlaPart> answers;  ///< one per cycle: received, then each reopening
  /// Every required call-back, oldest first (one per `closed` event with csat <=
  /// callback_below, at or before now).
  std::vector<SlaPart> callbacks;
  /// True when no part is pending and every part is met.
  bool all_met() const;
  bool any_pending() const;
  bool any_breached() const;
  /// The answer cycle that decides the complaint's answer status: the latest cycle with
  /// the worst status (breached, then pending, then met); nullptr when none.
  const SlaPart* deciding_answer() const;
  /// The call-back that decides the complaint's callback status, by the same rule (so a
  /// late call-back of an earlier closing is not hidden by a later one); nullptr when none
  /// was required.
  const SlaPart* deciding_callback() const;
};

/// The deadline "within `d`" of `start`: wall-clock durations add exactly; working days
/// end at 23:59:59 local time of the Nth working day after start's local date.
Instant deadline(Instant start, const Duration& d, const WorkCalendar& calendar, TzOffset zone);

/// Judges a complaint's SLA per docs/complaints.md "SLA rules" as of `now`. Throws
/// nothing; an unknown level judges nothing (`check` reports it).
ComplaintSla evaluate_sla(const Complaint& complaint, const Config& config,
                          const WorkCalendar& calendar, Instant now);

/// The instant of the last `closed` event at or before `now` that is not followed by a
/// `reopened` event at or before `now`; std::nullopt while open.
std::optional<Instant> closed_at(const Complaint& complaint, Instant now);
/// The csat of that closing event.
std::optional<int> closing_csat(const Complaint& complaint, Instant now);

/// The complaint categories (docs/complaints.md), in order.
const std::vector<std::string>& complaint_categories();

/// Where a complaint stands after all its events (for the lifecycle commands).
struct ComplaintProgress {
  bool contacted = false;
  bool answered = false;  ///< answered since it was received or last reopened
  bool closed = false;    ///< the last of closed/reopened is a `closed`
  bool ever_closed = false;
  std::optional<Instant> last_event;  ///< the latest event instant
};
ComplaintProgress complaint_progress(const Complaint& complaint);

/// Why `event` cannot be appended to `complaint` (an empty string when it can):
/// before `received_at` or the last event, answering or closing a closed complaint,
/// closing one not answered since received or reopened, reopening one neither
/// answered nor closed, a call-back before any closing, csat outside 1..5.
std::string refuse_event(const Complaint& complaint, const ComplaintEvent& event, TzOffset zone);

class Team;
class CustomerBook;

/// `check`: customer, rep and event authors exist; IDs unique; the customer is managed
/// when received (warning); impossible lifecycle steps in hand-written logs (warnings).
void check_complaints(const std::vector<Complaint>& complaints, const CustomerBook& customers,
                      const Team& team, const Config& config, Diagnostics& diag);

}  // namespace kamgr
