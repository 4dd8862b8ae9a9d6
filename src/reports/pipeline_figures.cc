// The pipeline's figures (docs/pipeline.md "Figures").
#include "kamgr/reports/pipeline_figures.h"

#include <algorithm>
#include <set>

#include "kamgr/domain/complaint.h"

namespace kamgr {

namespace {

/// The key a member's figures count under: their ID, or their team's lead.
std::string member_key(const Team& team, const std::string& member, GroupBy by) {
  return by == GroupBy::team ? team.team_of(member) : member;
}

/// The IDs of the opportunities some order dated up to `today` names, whatever its
/// status (an order dated later does not exist yet: nothing after now counts).
std::set<std::string> ordered_opportunities(const std::vector<Order>& orders, Date today) {
  std::set<std::string> ids;
  for (const Order& order : orders)
    if (!order.opportunity.empty() && order.date <= today) ids.insert(order.opportunity);
  return ids;
}

/// The owner on `date` (domain/pipeline.h owner_on).
std::string owner_on(const Opportunity& o, Date date, const PipelineInputs& in) {
  return kamgr::owner_on(o, date, in.config.timezone, in.now);
}

}  // namespace

std::optional<double> exact_ratio(__int128 num, __int128 den) {
  if (den == 0) return std::nullopt;
  if (den < 0) num = -num, den = -den;
  const bool negative = num < 0;
  const __int128 magnitude = negative ? -num : num;
  // Hundredths, halves away from zero: (2 x 100 x |num| + den) / (2 x den).
  const __int128 hundredths = (magnitude * 200 + den) / (den * 2);
  const double value = static_cast<double>(static_cast<int64_t>(hundredths)) / 100.0;
  return negative && hundredths != 0 ? -value : value;
}

double rounded_amount(Decimal amount) {
  return *exact_ratio(amount.units(), Decimal::kScale);
}

Decimal weighted_amount(Decimal amount, int probability) {
  return Decimal::from_units(amount.units() * probability / 100);
}

LinkedVisits linked_visits(const std::vector<Visit>& visits, Instant now) {
  LinkedVisits linked;
  for (const Visit& v : visits)
    if (!v.opportunity.empty() && v.recorded_at <= now) linked[v.opportunity].push_back(v.date);
  for (auto& [id, dates] : linked) std::sort(dates.begin(), dates.end());
  return linked;
}

std::optional<Date> last_linked_visit(const LinkedVisits& linked, const std::string& id, Date on) {
  const auto it = linked.find(id);
  if (it == linked.end()) return std::nullopt;
  const auto after = std::upper_bound(it->second.begin(), it->second.end(), on);
  if (after == it->second.begin()) return std::nullopt;
  return *std::prev(after);
}

std::optional<Date> linked_visits_from(const std::vector<Opportunity>& opportunities,
                                       Instant until, TzOffset zone) {
  std::optional<Date> from;
  for (const Opportunity& o : opportunities) {
    const OpportunityState s = opportunity_state(o, until);
    if (!s.open() || !s.last_event_at) continue;
    const Date last = s.last_event_at->local_date(zone);
    if (!from || last < *from) from = last;
  }
  return from;
}

std::optional<Instant> rot_deadline(const OpportunityState& s, const Config& config,
                                    const WorkCalendar& calendar, std::optional<Date> last_visit) {
  const PipelineStage* stage = config.pipeline.find(s.stage);
  if (!s.open() || !stage || !s.last_event_at) return std::nullopt;
  const TzOffset zone = config.timezone;
  Instant start = *s.last_event_at;
  // Any instant of the later day will do: the count starts the day after it.
  if (last_visit && *last_visit > start.local_date(zone)) start = Instant::at(*last_visit, {}, zone);
  return deadline(start, stage->rot_days, calendar, zone);
}

std::optional<ProposalSla> proposal_sla(const Opportunity& o, const Config& config,
                                        const WorkCalendar& calendar, Instant now) {
  const OpportunityState s = opportunity_state(o, now);
  if (!s.first_qualified_at) return std::nullopt;
  ProposalSla sla;
  sla.due = deadline(*s.first_qualified_at, config.pipeline.proposal_within, calendar,
                     config.timezone);
  std::optional<Instant> ended_at;
  for (const OpportunityEvent& e : o.events) {
    if (e.at > now) break;
    if (!sla.proposed_at && e.type == "proposed" && e.at >= *s.first_qualified_at)
      sla.proposed_at = e.at;
    if (!ended_at && (e.type == "won" || e.type == "lost" || e.type == "disqualified"))
      ended_at = e.at;
  }
  if (sla.proposed_at) {
    sla.status = *sla.proposed_at <= sla.due ? "met" : "breached";
    return sla;
  }
  if (ended_at && *ended_at <= sla.due) return std::nullopt;
  sla.status = now > sla.due ? "breached" : "pending";
  return sla;
}

void PipelineTally::add(const PipelineItem& item) {
  ++count;
  if (item.stale) ++stale;
  amount += item.state.amount;
  weighted += item.weighted;
}

PipelineResult compute_pipeline(const PipelineInputs& in, Date date, GroupBy by) {
  const Config& config = in.config;
  PipelineResult result;
  result.date = date;
  result.by = by;
  const Instant until = std::min(end_of_day(date, config.timezone), in.now);
  std::map<std::string, PipelineTally> groups;
  for (const PipelineStage& stage : config.pipeline.stages) groups[stage.stage];
  for (const Opportunity& o : in.opportunities) {
    PipelineItem item;
    item.opportunity = &o;
    item.state = opportunity_state(o, until);
    if (!item.state.open()) continue;
    const PipelineStage* stage = config.pipeline.find(item.state.stage);
    item.weighted = weighted_amount(item.state.amount, stage ? stage->probability : 0);
    const std::optional<Instant> rot = rot_deadline(
        item.state, config, in.calendar, last_linked_visit(in.linked, o.id, date));
    item.stale = rot && date > rot->local_date(config.timezone);
    item.group = by == GroupBy::stage ? item.state.stage : member_key(in.team, item.state.owner, by);
    groups[item.group].add(item);
    result.total.add(item);
    result.open.push_back(std::move(item));
  }
  std::sort(result.open.begin(), result.open.end(), [](const auto& a, const auto& b) {
    return a.opportunity->id < b.opportunity->id;
  });
  if (by == GroupBy::stage) {
    for (const PipelineStage& stage : config.pipeline.stages)
      result.groups.emplace_back(stage.stage, groups[stage.stage]);
  } else {
    for (auto& [key, tally] : groups)
      if (tally.count > 0) result.groups.emplace_back(key, tally);
  }
  return result;
}

void FunnelTally::merge(const FunnelTally& o) {
  opened += o.opened;
  for (int rank = 0; rank < 6; ++rank) reached[rank] += o.reached[rank];
  won += o.won;
  lost += o.lost;
  lost_after_negotiation += o.lost_after_negotiation;
  won_amount += o.won_amount;
  cycle_days += o.cycle_days;
  for (const auto& [reason, part] : o.lost_reasons) {
    lost_reasons[reason].first += part.first;
    lost_reasons[reason].second += part.second;
  }
  open_at_end += o.open_at_end;
}

std::optional<double> FunnelTally::conversion(int rank) const {
  return exact_ratio(__int128{reached[rank + 1]} * 100, reached[rank]);
}

std::optional<double> FunnelTally::win_rate() const {
  return exact_ratio(__int128{won} * 100, won + lost);
}

std::optional<double> FunnelTally::negotiation_win_rate() const {
  return exact_ratio(__int128{won} * 100, won + lost_after_negotiation);
}

std::optional<double> FunnelTally::avg_won_amount() const {
  return exact_ratio(won_amount.units(), __int128{won} * Decimal::kScale);
}

std::optional<double> FunnelTally::avg_cycle_days() const {
  return exact_ratio(cycle_days, won);
}

std::optional<double> FunnelTally::velocity() const {
  // open x (won / (won + lost)) x (won_amount / won) / (cycle_days / won)
  if (won == 0 || cycle_days == 0) return std::nullopt;
  return exact_ratio(__int128{open_at_end} * won * won_amount.units(),
                     __int128{won + lost} * Decimal::kScale * cycle_days);
}

namespace {

/// Counts one opportunity's part of the funnel into `tally_of(owner)`.
template <typename TallyOf>
void count_funnel(const Opportunity& o, const PipelineInputs& in, const Period& period,
                  Instant period_end, TallyOf tally_of) {
  const TzOffset zone = in.config.timezone;
  OpportunityState s = state_before_events(o);
  for (const OpportunityEvent& e : o.events) {
    if (e.at > in.now) break;
    const OpportunityState before = s;
    advance(s, e);
    const Date day = e.at.local_date(zone);
    if (!period.contains(day)) continue;
    if (e.type == "opened") ++tally_of(owner_on(o, day, in)).opened;
    if (e.type == "won") {
      FunnelTally& t = tally_of(owner_on(o, day, in));
      ++t.won;
      t.won_amount += s.amount;
      t.cycle_days += e.at.local_date(zone) - s.opened_at->local_date(zone);
    } else if (e.type == "lost") {
      FunnelTally& t = tally_of(owner_on(o, day, in));
      ++t.lost;
      if (before.highest_rank >= stage_rank("negotiation")) ++t.lost_after_negotiation;
      auto& [count, amount] = t.lost_reasons[e.reason];
      ++count;
      amount += s.amount;
    }
  }
  // The stages reached, now, by those opened in P (for the owner on the opening day).
  const OpportunityEvent& opened = o.events.front();
  const Date opened_on = opened.at.local_date(zone);
  if (opened.at <= in.now && period.contains(opened_on)) {
    FunnelTally& t = tally_of(owner_on(o, opened_on, in));
    for (int rank = 0; rank <= s.highest_rank; ++rank) ++t.reached[rank];
  }
  const OpportunityState at_end = opportunity_state(o, period_end);
  if (at_end.open()) ++tally_of(at_end.owner).open_at_end;
}

}  // namespace

FunnelResult compute_funnel(const PipelineInputs& in, const Period& period, GroupBy by) {
  FunnelResult result;
  result.period = period;
  result.by = by;
  const Instant period_end = std::min(end_of_day(period.to, in.config.timezone), in.now);
  for (const Opportunity& o : in.opportunities)
    count_funnel(o, in, period, period_end, [&](const std::string& owner) -> FunnelTally& {
      return result.rows[by == GroupBy::none ? std::string() : member_key(in.team, owner, by)];
    });
  for (const auto& [key, tally] : result.rows) result.total.merge(tally);
  if (by == GroupBy::none) result.rows.clear();
  return result;
}

ForecastResult compute_forecast(const PipelineInputs& in, const Period& period, GroupBy by) {
  const TzOffset zone = in.config.timezone;
  ForecastResult result;
  result.period = period;
  result.by = by;
  const Date today = in.now.local_date(zone);
  auto add = [&](const std::string& member, Decimal ForecastTally::*part, Decimal amount) {
    result.rows[member_key(in.team, member, by)].*part += amount;
    result.total.*part += amount;
  };
  for (const Order& order : in.orders)
    if (period.contains(order.date) && order.date <= today)
      add(order.rep, &ForecastTally::ordered, order_state(order, in.now).amount());
  const std::set<std::string> named = ordered_opportunities(in.orders, today);
  for (const Opportunity& o : in.opportunities) {
    if (named.count(o.id)) continue;
    OpportunityState s = state_before_events(o);
    for (const OpportunityEvent& e : o.events) {
      if (e.at > in.now) break;
      advance(s, e);
      const Date day = e.at.local_date(zone);
      if (e.type == "won" && period.contains(day))
        add(owner_on(o, day, in), &ForecastTally::won_unordered, s.amount);
    }
    if (s.open() && s.expected_close && period.contains(*s.expected_close)) {
      const PipelineStage* stage = in.config.pipeline.find(s.stage);
      add(s.owner, &ForecastTally::open_weighted,
          weighted_amount(s.amount, stage ? stage->probability : 0));
    }
  }
  return result;
}

}  // namespace kamgr
