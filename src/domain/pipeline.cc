// The sales pipeline's state and steps (docs/pipeline.md "Rules").
#include "kamgr/domain/pipeline.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace kamgr {

const std::vector<std::string>& opportunity_event_types() {
  static const std::vector<std::string> types = {
      "opened", "qualified", "disqualified", "stage",    "proposed", "approved", "rejected",
      "updated", "won",      "lost",         "reopened", "reassigned"};
  return types;
}

const std::vector<std::string>& opportunity_sources() {
  static const std::vector<std::string> sources = {"visit", "referral", "exhibition", "inbound",
                                                   "other"};
  return sources;
}

const std::vector<std::string>& order_event_types() {
  static const std::vector<std::string> types = {"changed", "change_approved", "change_rejected",
                                                 "cancelled"};
  return types;
}

Instant end_of_day(Date d, TzOffset zone) {
  return Instant::at(d, TimeOfDay{86399}, zone);
}

std::string owner_on(const Opportunity& o, Date day, TzOffset zone, Instant now) {
  return opportunity_state(o, std::min(end_of_day(day, zone), now)).owner;
}

int stage_rank(const std::string& stage) {
  static const char* const order[] = {"lead", "qualified", "needs", "proposal", "negotiation",
                                      "won"};
  for (int i = 0; i < 6; ++i)
    if (stage == order[i]) return i;
  return -1;
}

void advance(OpportunityState& s, const OpportunityEvent& e) {
  const std::string& t = e.type;
  if (t == "opened") {
    s.exists = true;
    s.stage = "lead";
    s.opened_at = e.at;
  } else if (t == "qualified") {
    s.stage = "qualified";
    if (!s.first_qualified_at) s.first_qualified_at = e.at;
  } else if (t == "stage") {
    s.stage = e.stage;
  } else if (t == "proposed") {
    s.stage = "proposal";
    s.proposal = OpportunityState::Proposal::pending;
  } else if (t == "approved") {
    s.proposal = OpportunityState::Proposal::approved;
  } else if (t == "rejected") {
    s.proposal = OpportunityState::Proposal::rejected;
  } else if (t == "updated") {
    if (e.expected_close) s.expected_close = e.expected_close;
  } else if (t == "won" || t == "lost" || t == "disqualified") {
    s.stage_before_end = s.stage;
    s.stage = t;
    if (t == "won") s.contract = e.contract;
    if (t == "lost") s.lost_reason = e.reason;
  } else if (t == "reopened") {
    s.stage = s.stage_before_end;
    s.contract.clear();
    s.lost_reason.clear();
  } else if (t == "reassigned") {
    s.owner = e.owner;
  }
  if (e.amount) s.amount = *e.amount;
  s.last_event_at = e.at;
  s.highest_rank = std::max(s.highest_rank, stage_rank(s.stage));
}

namespace {

bool is_director(const Team& team, const std::string& id) {
  const Member* m = team.find(id);
  return m && m->role == Role::director;
}

/// Why `by` may not take a step of `gate` on an opportunity owned by `owner` ("" when
/// they may).
std::string refuse_actor(const Team& team, Gate gate, const std::string& by,
                         const std::string& owner, const std::string& step) {
  if (!team.find(by)) return fmt::format("'{}' is not a member of the team", by);
  const std::string manager = team.reports_to(owner);
  if (is_director(team, by) || (!manager.empty() && by == manager)) return {};
  if (gate == Gate::owner && by == owner) return {};
  if (gate == Gate::manager)
    return fmt::format("only {}'s manager{} or a director may {}; '{}' may not", owner,
                       manager.empty() ? "" : " (" + manager + ")", step, by);
  return fmt::format("only the owner ({}), their manager or a director may {}; '{}' may not",
                     owner, step, by);
}

/// Why a step of `e.type` cannot follow the state `s` ("" when it can).
std::string refuse_step(const OpportunityState& s, const OpportunityEvent& e,
                        const std::string& id, const Team& team, const Config& config) {
  const std::string& t = e.type;
  if (t == "opened") return fmt::format("opportunity {} is already opened", id);
  if (s.ended() && t != "reopened")
    return fmt::format("opportunity {} is {}; {}", id, s.stage,
                       s.stage == "won" ? "a won opportunity is final"
                                        : "reopen it before any other step");
  if (t == "reopened" && s.stage != "lost" && s.stage != "disqualified")
    return fmt::format("opportunity {} is {}, not lost or disqualified; there is nothing to reopen",
                       id, s.stage);
  if ((t == "qualified" || t == "disqualified") && s.stage != "lead")
    return fmt::format("opportunity {} is at stage {}; only a lead is qualified or disqualified",
                       id, s.stage);
  if (t == "stage") {
    if (s.stage == "lead")
      return fmt::format("opportunity {} is a lead; its manager qualifies it first", id);
    if (s.stage == e.stage) return fmt::format("opportunity {} is already at stage {}", id, e.stage);
    if (e.stage == "negotiation" && s.proposal != OpportunityState::Proposal::approved)
      return fmt::format("opportunity {} has no approved proposal; negotiation needs the latest "
                         "proposal approved",
                         id);
  }
  if (t == "proposed" && s.stage == "lead")
    return fmt::format("opportunity {} is a lead; its manager qualifies it before a proposal", id);
  if ((t == "approved" || t == "rejected") && s.proposal != OpportunityState::Proposal::pending)
    return fmt::format("opportunity {} has no proposal awaiting review", id);
  if (t == "lost" && std::find(config.pipeline.lost_reasons.begin(),
                               config.pipeline.lost_reasons.end(),
                               e.reason) == config.pipeline.lost_reasons.end())
    return fmt::format("'{}' is not a lost reason (expected {})", e.reason,
                       fmt::join(config.pipeline.lost_reasons, ", "));
  if (t == "won" && e.contract.find_first_not_of(" \t") == std::string::npos)
    return fmt::format("winning opportunity {} needs the contract number", id);
  if (t == "reassigned") {
    if (!team.find(e.owner)) return fmt::format("'{}' is not a member of the team", e.owner);
    if (e.owner == s.owner) return fmt::format("opportunity {} is already {}'s", id, e.owner);
  }
  return refuse_actor(team, gate_of(t), e.by, s.owner, "record '" + t + "' on it");
}

}  // namespace

OpportunityState state_before_events(const Opportunity& o) {
  OpportunityState s;
  s.owner = o.owner;
  s.amount = o.amount;
  s.expected_close = o.expected_close;
  return s;
}

OpportunityState opportunity_state(const Opportunity& o, Instant until) {
  OpportunityState s = state_before_events(o);
  for (const OpportunityEvent& e : o.events) {
    if (e.at > until) break;
    advance(s, e);
  }
  return s;
}

Gate gate_of(const std::string& t) {
  return t == "qualified" || t == "disqualified" || t == "approved" || t == "rejected" ||
                 t == "reassigned"
             ? Gate::manager
             : Gate::owner;
}

std::string refuse_opportunity_event(const Opportunity& o, const OpportunityEvent& event,
                                     const Team& team, const Config& config, TzOffset zone) {
  const OpportunityState s = opportunity_state(o, Instant{INT64_MAX, 0});
  if (s.last_event_at && event.at < *s.last_event_at)
    return fmt::format("{} at {} is before the last event of opportunity {} ({}); events are kept "
                       "oldest first",
                       event.type, event.at.str(zone), o.id, s.last_event_at->str(zone));
  return refuse_step(s, event, o.id, team, config);
}

std::vector<std::string> opportunity_step_problems(const Opportunity& o, const Team& team,
                                                   const Config& config) {
  std::vector<std::string> out;
  OpportunityState s;
  s.owner = o.owner;
  s.amount = o.amount;
  for (size_t i = 0; i < o.events.size(); ++i) {
    const OpportunityEvent& e = o.events[i];
    if (i > 0) {
      const std::string why = refuse_step(s, e, o.id, team, config);
      out.push_back(why);
    } else {
      out.emplace_back();
    }
    advance(s, e);
  }
  return out;
}

Decimal OrderState::amount() const {
  Decimal sum;
  for (const OrderLine& l : lines) sum += l.amount();
  return sum;
}

const char* OrderState::status() const {
  return cancelled ? "cancelled" : change_pending ? "change_pending" : "active";
}

OrderState order_state(const Order& order, Instant until) {
  OrderState s;
  s.lines = order.lines;
  std::vector<OrderLine> pending;
  for (const OrderEvent& e : order.events) {
    if (e.at > until) break;
    if (e.type == "changed") {
      pending = e.lines;
      s.change_pending = true;
    } else if (e.type == "change_approved" && s.change_pending) {
      s.lines = pending;
      s.change_pending = false;
    } else if (e.type == "change_rejected") {
      s.change_pending = false;
    } else if (e.type == "cancelled") {
      s.cancelled = true;
      s.change_pending = false;
      s.lines.clear();
    }
  }
  return s;
}

namespace {

std::string refuse_order_step(const OrderState& s, const OrderEvent& e, const Order& order,
                              const Team& team) {
  if (s.cancelled) return fmt::format("order {} is cancelled", order.id);
  if (e.type == "changed" && s.change_pending)
    return fmt::format("order {} has a change awaiting approval; approve or reject it first",
                       order.id);
  if ((e.type == "change_approved" || e.type == "change_rejected") && !s.change_pending)
    return fmt::format("order {} has no change awaiting approval", order.id);
  const Gate gate = e.type == "changed" ? Gate::owner : Gate::manager;
  const std::string step = e.type == "changed"     ? "change it"
                           : e.type == "cancelled" ? "cancel it"
                                                   : "decide its change";
  return refuse_actor(team, gate, e.by, order.rep, step);
}

}  // namespace

std::string refuse_order_event(const Order& order, const OrderEvent& event, const Team& team,
                               TzOffset zone) {
  if (!order.events.empty() && event.at < order.events.back().at)
    return fmt::format("{} at {} is before the last event of order {} ({}); events are kept "
                       "oldest first",
                       event.type, event.at.str(zone), order.id, order.events.back().at.str(zone));
  return refuse_order_step(order_state(order, Instant{INT64_MAX, 0}), event, order, team);
}

std::vector<std::string> order_step_problems(const Order& order, const Team& team) {
  std::vector<std::string> out;
  Order replay = order;
  replay.events.clear();
  for (const OrderEvent& e : order.events) {
    out.push_back(refuse_order_step(order_state(replay, Instant{INT64_MAX, 0}), e, order, team));
    replay.events.push_back(e);
  }
  return out;
}

}  // namespace kamgr
