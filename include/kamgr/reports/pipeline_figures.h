#pragma once
/// The pipeline's figures (docs/pipeline.md "Figures"): the pipeline open on a date and
/// its stale opportunities, the proposal SLA, the funnel and outcomes of a period, and
/// the forecast. Pure: loaded opportunities and orders, the team, the configuration, the
/// calendar and the clock in; typed results out, amounts exact until they are shown.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/calendar.h"
#include "kamgr/core/decimal.h"
#include "kamgr/core/period.h"
#include "kamgr/domain/collections.h"
#include "kamgr/domain/config.h"
#include "kamgr/domain/pipeline.h"
#include "kamgr/reports/grouping.h"

namespace kamgr {

/// The dates of the visits that name each opportunity (`opportunity:` in the visit),
/// by opportunity ID, oldest first: a linked visit keeps an opportunity from going stale.
using LinkedVisits = std::map<std::string, std::vector<Date>>;

/// The linked visits among `visits`, those recorded at or before `now` (nothing after
/// now counts).
LinkedVisits linked_visits(const std::vector<Visit>& visits, Instant now);

/// The latest date in `linked[id]` on or before `on`; nullopt when there is none.
std::optional<Date> last_linked_visit(const LinkedVisits& linked, const std::string& id, Date on);

/// The first date a linked visit can matter to the staleness, on `until`, of the
/// opportunities open then: the earliest local date of their last event (a visit before
/// an opportunity's last event moves nothing). nullopt when none is open.
std::optional<Date> linked_visits_from(const std::vector<Opportunity>& opportunities,
                                       Instant until, TzOffset zone);

/// What every pipeline figure reads. The vectors must outlive the results. `linked`
/// needs the visits dated from linked_visits_from(opportunities, the pipeline's date) to
/// that date; only the pipeline's staleness reads it.
struct PipelineInputs {
  const std::vector<Opportunity>& opportunities;
  const std::vector<Order>& orders;
  const Team& team;
  const Config& config;
  const WorkCalendar& calendar;
  Instant now;
  const LinkedVisits& linked;
};

/// amount x probability / 100, exact (an amount has at most 2 decimals).
Decimal weighted_amount(Decimal amount, int probability);

/// The rot deadline of an open opportunity in state `s` (docs/pipeline.md "Stale on D"):
/// the end of the `rot_days`-th working day after the later of the local day of its last
/// event and `last_visit` (its last linked visit). nullopt when it is not open.
std::optional<Instant> rot_deadline(const OpportunityState& s, const Config& config,
                                    const WorkCalendar& calendar,
                                    std::optional<Date> last_visit = std::nullopt);

/// The proposal SLA of one opportunity as of `now` (docs/pipeline.md "Proposal SLA").
struct ProposalSla {
  Instant due;
  std::optional<Instant> proposed_at;  ///< the first `proposed` after the first `qualified`
  const char* status = "pending";      ///< met | breached | pending
};
/// nullopt when never qualified, or ended before the due time without a proposal.
std::optional<ProposalSla> proposal_sla(const Opportunity& o, const Config& config,
                                        const WorkCalendar& calendar, Instant now);

/// One open opportunity on the pipeline's date.
struct PipelineItem {
  const Opportunity* opportunity = nullptr;
  OpportunityState state;
  Decimal weighted;
  bool stale = false;
  std::string group;  ///< its stage, owner or owner's team
};

/// Count, amount, weighted amount and stale count of some open opportunities.
struct PipelineTally {
  long count = 0, stale = 0;
  Decimal amount, weighted;
  void add(const PipelineItem& item);
};

struct PipelineResult {
  Date date;
  GroupBy by = GroupBy::stage;  ///< stage, rep or team
  std::vector<PipelineItem> open;  ///< by ID
  /// By stage: the five open stages in order, every one listed. By rep or team: the
  /// groups with an open opportunity, by key.
  std::vector<std::pair<std::string, PipelineTally>> groups;
  PipelineTally total;
};

/// The opportunities open on `date` (their state from the events up to the end of that
/// day and not after now), grouped by stage, rep (the owner on that day) or team.
PipelineResult compute_pipeline(const PipelineInputs& in, Date date, GroupBy by);

/// The funnel and outcomes of one group (or of everyone).
struct FunnelTally {
  long opened = 0;
  long reached[6] = {};  ///< by stage_rank: lead..negotiation, and won
  long won = 0, lost = 0, lost_after_negotiation = 0;
  Decimal won_amount;
  long cycle_days = 0;  ///< the sum over the wins of (won date - opened date)
  std::map<std::string, std::pair<long, Decimal>> lost_reasons;  ///< reason -> count, amount
  long open_at_end = 0;  ///< open at the end of the period (or now, if earlier)

  /// Adds another group's counts (the total is the sum of the rows).
  void merge(const FunnelTally& other);

  /// Percentages and means, rounded once to 2 decimals; nullopt with a zero denominator.
  std::optional<double> conversion(int rank) const;
  std::optional<double> win_rate() const;
  std::optional<double> negotiation_win_rate() const;
  std::optional<double> avg_won_amount() const;
  std::optional<double> avg_cycle_days() const;
  /// open_at_end x win rate / 100 x average won amount / average cycle; nullopt when
  /// nothing was won or the cycle is 0.
  std::optional<double> velocity() const;
};

struct FunnelResult {
  Period period;
  GroupBy by = GroupBy::none;
  std::map<std::string, FunnelTally> rows;  ///< by rep or team; empty when `by` is none
  FunnelTally total;
};

/// Opened in P (each in its state now), the ending events dated in P, and the open ones
/// at the end of P; each counted for the owner on the date concerned.
FunnelResult compute_funnel(const PipelineInputs& in, const Period& period, GroupBy by);

/// The forecast of one group (or of everyone).
struct ForecastTally {
  Decimal ordered, won_unordered, open_weighted;
  Decimal forecast() const { return ordered + won_unordered + open_weighted; }
};

struct ForecastResult {
  Period period;
  GroupBy by = GroupBy::rep;
  std::map<std::string, ForecastTally> rows;  ///< by rep or team
  ForecastTally total;
};

/// ordered (orders dated in P, lines in force now) + won_unordered (won in P, named by
/// no order) + open_weighted (open now, expected close in P, named by no order).
ForecastResult compute_forecast(const PipelineInputs& in, const Period& period, GroupBy by);

/// `num / den`, rounded once to 2 decimals, halves away from zero (exact integers in,
/// so no binary error can tip a half); nullopt when `den` is 0.
std::optional<double> exact_ratio(__int128 num, __int128 den);

/// An exact amount rounded once to 2 decimals, halves away from zero.
double rounded_amount(Decimal amount);

}  // namespace kamgr
