// Computed metrics over opportunities and orders: opportunities, win_rate,
// negotiation_win_rate, proposal_approval, order_sales (docs/pipeline.md "KPI metrics",
// "Attribution", "Outcomes in P"). The funnel report (reports/pipeline_figures.h) counts
// wins and losses the same way but keeps no record behind them, which `kpi explain`
// lists, so the few lines of replay are repeated here.
#include <fmt/format.h>

#include <algorithm>

#include "kamgr/domain/kpi_metrics.h"

#include "kamgr/core/plural.h"

namespace kamgr {

namespace {

std::optional<double> percent(long part, long whole) {
  if (whole == 0) return std::nullopt;
  return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

/// The owner on `day` (domain/pipeline.h owner_on).
std::string owner_on(const Opportunity& o, Date day, const KpiRecords& records) {
  return kamgr::owner_on(o, day, records.config->timezone, records.now);
}

Source event_source(const Opportunity& o, const OpportunityEvent& e) {
  return {o.source.file, e.line};
}

/// One `won` or `lost` event dated in the period, for an owner the scope covers.
struct Outcome {
  const Opportunity* opportunity = nullptr;
  const OpportunityEvent* event = nullptr;
  std::string owner;
  std::string stage_before;  ///< the open stage it ended from
  bool after_negotiation = false;  ///< it had reached negotiation before the event
  Decimal amount;  ///< won: the won amount; lost: the amount in force when lost
  bool won() const { return event->type == "won"; }
};

/// The wins and losses in the period (docs/pipeline.md "Outcomes in P"), whenever the
/// opportunity was opened: a loss, a reopening and a win count a loss and a win.
std::vector<Outcome> outcomes(const KpiRecords& records, const MemberScope& scope) {
  const TzOffset zone = records.config->timezone;
  const int negotiation = stage_rank("negotiation");
  std::vector<Outcome> out;
  for (const Opportunity& o : records.opportunities) {
    OpportunityState s = state_before_events(o);
    for (const OpportunityEvent& e : o.events) {
      if (e.at > records.now) break;
      const OpportunityState before = s;
      advance(s, e);
      if (e.type != "won" && e.type != "lost") continue;
      const Date day = e.at.local_date(zone);
      if (!records.period.contains(day)) continue;
      std::string owner = owner_on(o, day, records);
      if (!scope.covers(owner)) continue;
      out.push_back({&o, &e, std::move(owner), before.stage,
                     before.highest_rank >= negotiation, s.amount});
    }
  }
  return out;
}

std::string outcome_detail(const Outcome& x, TzOffset zone) {
  const Opportunity& o = *x.opportunity;
  const std::string day = x.event->at.local_date(zone).str();
  if (x.won())
    return fmt::format("{} won {} (owner {}): {}, contract {}", o.customer, day, x.owner,
                       x.amount.str(), x.event->contract);
  return fmt::format("{} lost {} at {} (owner {}): {}, {}{}", o.customer, day, x.stage_before,
                     x.owner, x.event->reason, x.amount.str(),
                     x.after_negotiation ? ", after negotiation" : "");
}

/// won / (won + counted losses) x 100, where `counts_loss` says which losses count.
template <class CountsLoss>
ComputedMetric outcome_rate(const KpiRecords& records, const MemberScope& scope,
                            CountsLoss counts_loss, const char* loss_words) {
  ComputedMetric out = records.new_metric();
  const TzOffset zone = records.config->timezone;
  long won = 0, lost = 0, left_out = 0;
  for (const Outcome& x : outcomes(records, scope)) {
    const bool counted = x.won() || counts_loss(x);
    if (x.won()) ++won;
    else if (counted) ++lost;
    else ++left_out;
    out.note([&] {
      return KpiInput{x.won() ? "opportunity_won" : "opportunity_lost", x.opportunity->id,
                      outcome_detail(x, zone), event_source(*x.opportunity, *x.event), counted};
    });
  }
  out.value = percent(won, won + lost);
  out.basis = fmt::format("{} won of {} won or lost{}", won, won + lost, loss_words);
  if (left_out > 0)
    out.basis += fmt::format(" ({} {} before negotiation left out)", left_out,
                             left_out == 1 ? "loss" : "losses");
  return out;
}

}  // namespace

ComputedMetric opportunities_metric(const KpiRecords& records, const MemberScope& scope) {
  ComputedMetric out = records.new_metric();
  const TzOffset zone = records.config->timezone;
  long count = 0;
  for (const Opportunity& o : records.opportunities) {
    if (o.events.empty()) continue;
    const OpportunityEvent& opened = o.events.front();
    const Date day = opened.at.local_date(zone);
    if (opened.at > records.now || !records.period.contains(day)) continue;
    const std::string owner = owner_on(o, day, records);
    if (!scope.covers(owner)) continue;
    ++count;
    out.note([&] {
      return KpiInput{"opportunity_opened", o.id,
                      fmt::format("{} opened {} (owner {}): {}", o.customer, day.str(), owner,
                                  o.title),
                      event_source(o, opened)};
    });
  }
  out.value = static_cast<double>(count);
  out.basis = fmt::format("{} {} opened in {}", count,
                          count == 1 ? "opportunity" : "opportunities", records.period.name());
  return out;
}

ComputedMetric win_rate_metric(const KpiRecords& records, const MemberScope& scope) {
  return outcome_rate(records, scope, [](const Outcome&) { return true; }, "");
}

ComputedMetric negotiation_win_rate_metric(const KpiRecords& records, const MemberScope& scope) {
  return outcome_rate(records, scope, [](const Outcome& x) { return x.after_negotiation; },
                      " after negotiation");
}

ComputedMetric proposal_approval_metric(const KpiRecords& records, const MemberScope& scope) {
  ComputedMetric out = records.new_metric();
  const TzOffset zone = records.config->timezone;
  long approved = 0, reviewed = 0;
  for (const Opportunity& o : records.opportunities) {
    const auto first = std::find_if(o.events.begin(), o.events.end(), [](const auto& e) {
      return e.type == "approved" || e.type == "rejected";
    });
    if (first == o.events.end() || first->at > records.now) continue;
    const Date day = first->at.local_date(zone);
    if (!records.period.contains(day)) continue;
    const std::string owner = owner_on(o, day, records);
    if (!scope.covers(owner)) continue;
    const bool ok = first->type == "approved";
    ++reviewed;
    if (ok) ++approved;
    out.note([&] {
      return KpiInput{ok ? "proposal_approved" : "proposal_rejected", o.id,
                      fmt::format("{}: first proposal review {} {} by {} (owner {})", o.customer,
                                  first->type, day.str(), first->by, owner),
                      event_source(o, *first)};
    });
  }
  out.value = percent(approved, reviewed);
  out.basis = fmt::format("{} of {} approved at the first review", approved,
                          plural(reviewed, "proposal"));
  return out;
}

ComputedMetric order_sales_metric(const KpiRecords& records, const MemberScope& scope) {
  ComputedMetric out = records.new_metric();
  const TzOffset zone = records.config->timezone;
  const Date today = records.now.local_date(zone);
  const Instant until = std::min(end_of_day(records.period.to, zone), records.now);
  Decimal sum;
  long count = 0;
  for (const Order& order : records.orders) {
    if (!records.period.contains(order.date) || order.date > today) continue;
    if (!scope.covers(order.rep)) continue;
    const OrderState state = order_state(order, until);
    const Decimal amount = state.amount();
    sum += amount;
    ++count;
    out.note([&] {
      std::string detail = fmt::format("{} dated {} (rep {}): {}", order.customer,
                                       order.date.str(), order.rep, amount.str());
      if (state.cancelled) detail += " (cancelled: no lines)";
      else if (state.change_pending) detail += " (a change is pending: the lines before it)";
      return KpiInput{state.cancelled        ? "order_cancelled"
                      : state.change_pending ? "order_change_pending"
                                             : "order",
                      order.id, detail, order.source, !state.cancelled};
    });
  }
  out.value = sum.to_double();
  out.basis = fmt::format("{} dated in {}: {}", plural(count, "order"), records.period.name(),
                          sum.str());
  return out;
}

}  // namespace kamgr
