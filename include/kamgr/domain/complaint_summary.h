#pragma once
/// The monthly complaint summary (docs/complaints.md "Reports"): per group of complaints
/// (a category, a level, or all) the counts, SLA rates, csat, call-backs and the recovery rate. Pure.
#include <optional>

#include "kamgr/domain/complaint.h"

namespace kamgr {

/// Figures over a group of complaints, as of `now` (events after now are ignored).
/// Rates are percentages 0-100 and std::nullopt when nothing could be judged yet.
struct ComplaintStats {
  int received = 0;
  int contact_met = 0, contact_judged = 0;  ///< judged: met or breached (not pending)
  int answer_met = 0, answer_judged = 0;    ///< by the deciding answer cycle
  int still_open = 0;                       ///< not closed as of now
  int csat_count = 0;
  double csat_sum = 0;     ///< over closing csat of closed complaints
  int callbacks_due = 0;   ///< required call-backs (low csat closings)
  int callbacks_done = 0;  ///< of those, done (on time or late)
  int callbacks_met = 0;   ///< of those, done on time
  /// Recovery rate parts: a first `contacted` within 1 hour of received_at; a first
  /// `answered` within 24 hours of received_at; closed complaints with a `callback`
  /// event after closing. Complaints still inside the hour (day) without the event
  /// are not judged yet.
  int response_1h = 0, response_judged = 0;
  int resolution_24h = 0, resolution_judged = 0;
  int closed = 0, closed_with_callback = 0;

  /// Adds one complaint with its SLA as of `now`.
  void add(const Complaint& complaint, const ComplaintSla& sla, Instant now);

  std::optional<double> contact_met_rate() const;
  std::optional<double> answer_met_rate() const;
  std::optional<double> mean_csat() const;
  std::optional<double> response_1h_rate() const;
  std::optional<double> resolution_24h_rate() const;
  std::optional<double> callback_rate() const;
  /// response_1h_rate x 30% + resolution_24h_rate x 50% + callback_rate x 20%;
  /// std::nullopt when any part is.
  std::optional<double> recovery_rate() const;
};

}  // namespace kamgr
