#pragma once
/// `complaint list` and `complaint sla`: which complaints a period holds and how their
/// SLA parts stand (docs/complaints.md "SLA"). Pure: complaints in, judged rows out.
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/calendar.h"
#include "kamgr/core/period.h"
#include "kamgr/domain/complaint.h"
#include "kamgr/domain/config.h"

namespace kamgr {

/// The complaints of `all` received in `period` (local dates in `zone`).
std::vector<Complaint> received_in(std::vector<Complaint> all, const Period& period,
                                   TzOffset zone);

/// One complaint with its SLA as of now, and the parts its row shows: the contact, the
/// answer of the last cycle that decides (docs/complaints.md "Reopened complaints") and
/// the worst call-back.
struct JudgedComplaint {
  const Complaint* complaint = nullptr;
  ComplaintSla sla;
  const SlaPart* contact() const { return sla.contact ? &*sla.contact : nullptr; }
  const SlaPart* answer() const { return sla.deciding_answer(); }
  const SlaPart* callback() const { return sla.deciding_callback(); }
  /// Pending as the row shows it: a part shown pending (a later cycle still open behind
  /// a breached one does not make the row pending).
  bool shows_pending() const;
};

/// The `complaint sla` summary: per part, the rows showing it met or breached; `pending`
/// the rows showing a pending part; `breached` the complaints with any part breached.
struct SlaCounts {
  long received = 0;
  long contact_met = 0, contact_breached = 0;
  long answer_met = 0, answer_breached = 0;
  long callback_met = 0, callback_breached = 0;
  long pending = 0, breached = 0;
  void add(const JudgedComplaint& row);
};

struct SlaResult {
  std::vector<JudgedComplaint> rows;  ///< in the order of `complaints`
  SlaCounts counts;
};

/// Judges every complaint of `complaints` (which must outlive the result) as of `now`.
SlaResult compute_complaint_sla(const std::vector<Complaint>& complaints, const Config& config,
                                const WorkCalendar& calendar, Instant now);

/// `complaint list --status`: every complaint, or only those open or closed as of now.
enum class StatusFilter { all, open, closed };
/// Parses `open`, `closed` or `all`; Error (exit 2) for anything else.
StatusFilter parse_status_filter(const std::string& text);

/// The complaints `complaint list` shows: those whose status as of `now` passes
/// `status`, and with `breached_only` those with a part breached.
std::vector<JudgedComplaint> list_complaints(const std::vector<Complaint>& complaints,
                                             const Config& config, const WorkCalendar& calendar,
                                             Instant now, StatusFilter status,
                                             bool breached_only);

}  // namespace kamgr
