#pragma once
/// Monthly visit plans (`plans/<YYYY-MM>/<member>.yaml`, docs/visits.md "Monthly visit
/// plans"): the record, its approval status, the digest an approval records, drafting a
/// plan from the required windows, and plan adherence. Pure: records in, results out.
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/calendar.h"
#include "kamgr/core/error.h"
#include "kamgr/core/period.h"
#include "kamgr/domain/collections.h"
#include "kamgr/domain/compliance.h"
#include "kamgr/domain/config.h"
#include "kamgr/domain/integrity.h"

namespace kamgr {

/// One planned visit: `{customer, date, purpose}`.
struct PlannedVisit {
  std::string customer;
  Date date;
  std::string purpose;
  int line = 0;
};

/// One event of a plan's log: `{type: submitted|approved|rejected, at, by, note}`;
/// an approval also records `digest` (plan_digest of the visits it approved).
struct PlanEvent {
  std::string type;
  Instant at;
  std::string by;
  std::string note;
  std::string digest;
  int line = 0;
};

/// plans/<YYYY-MM>/<member>.yaml
struct Plan {
  std::string member;
  Period month;  ///< the plan's month (kind month)
  std::vector<PlannedVisit> visits;
  std::vector<PlanEvent> events;  ///< oldest first
  Source source;
};

enum class PlanStatus { draft, submitted, approved, rejected };
const char* plan_status_name(PlanStatus status);

/// The plan's status as of `now`: the type of its last event at or before `now`
/// (draft when there is none).
PlanStatus plan_status(const Plan& plan, Instant now);
/// The approval in force at `now` (the last event is an approval), else nullptr.
const PlanEvent* current_approval(const Plan& plan, Instant now);

/// A digest of the planned visits (16 hex digits of SHA-256 over the sorted lines
/// `customer<TAB>date<TAB>purpose`): equal exactly when the same visits are planned,
/// whatever their order in the file.
std::string plan_digest(const std::vector<PlannedVisit>& visits);
/// True when the plan is approved at `now` with a digest that no longer matches its
/// visits (it was edited after the approval). An approval without digest: false.
bool changed_since_approval(const Plan& plan, Instant now);

/// True when `approver` may approve or reject `member`'s plan: the member's manager
/// or any director.
bool may_approve(const Team& team, const std::string& approver, const std::string& member);

/// A draft for `member`'s plan of `month`: one planned visit for each window that would
/// be required of the customers the member owns on the window's last day (windows
/// ending in the month, docs/visits.md "Visit compliance"), on a working day of the
/// window inside the month (spread over the week per customer), sorted by date then
/// customer (docs/visits.md "Monthly visit plans").
std::vector<PlannedVisit> draft_plan(const CustomerBook& customers, const Config& config,
                                     const std::string& member, const Period& month,
                                     const WorkCalendar& calendar);

/// One planned visit judged for adherence.
struct PlanOutcome {
  std::string member;
  PlannedVisit planned;
  bool happened = false;  ///< a visit to the customer (by anyone) in the planned ISO week
};

/// The planned visits of `plans` dated in `period` whose ISO week ended before `today`,
/// each judged against `visits` (which must cover those weeks). Sorted by member,
/// date, customer.
std::vector<PlanOutcome> plan_adherence(const std::vector<Plan>& plans, const Period& period,
                                        Date today, const VisitIndex& visits);

/// The ISO week (Monday..Sunday) containing `day`.
Window iso_week_of(Date day);

/// Cross-checks: member, customers and event authors exist; approvals and rejections
/// by someone allowed to give them; events in time order; approved plans changed
/// afterwards (warning).
/// References to members or customers whose own files are broken are not reported again.
void check_plans(const std::vector<Plan>& plans, const CustomerBook& customers, const Team& team,
                 Diagnostics& diag, const BrokenIds& broken = {});

}  // namespace kamgr
