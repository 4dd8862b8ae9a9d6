#pragma once
/// The sales pipeline (docs/pipeline.md): opportunity and order records, their state on
/// a date, and the steps the commands refuse. Pure: no disk, no YAML.
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/decimal.h"
#include "kamgr/domain/collections.h"
#include "kamgr/domain/config.h"
#include "kamgr/domain/record_types.h"
#include "kamgr/domain/records.h"

namespace kamgr {

extern const RecordType kOpportunityRecord;  ///< opportunities/<YYYY>/<id>.yaml
extern const RecordType kOrderRecord;        ///< orders/<YYYY>/<MM>/<id>.yaml

/// The event types of an opportunity's log, in the order docs/pipeline.md lists them.
const std::vector<std::string>& opportunity_event_types();
/// Where an opportunity comes from (`source:`).
const std::vector<std::string>& opportunity_sources();

/// One event of an opportunity's log. Fields a type does not take stay empty.
struct OpportunityEvent {
  std::string type;
  Instant at;
  std::string by;
  std::string note;
  std::string stage;     ///< stage: needs | negotiation
  std::optional<Decimal> amount;  ///< proposed, updated, won
  std::optional<Date> expected_close;  ///< updated
  std::string contract;  ///< won
  std::string reason;    ///< lost
  std::string owner;     ///< reassigned
  int line = 0;
};

struct Opportunity {
  std::string id;
  std::string customer;
  std::string owner;  ///< the first owner; `reassigned` events change it
  std::string title;
  Decimal amount;
  std::optional<Date> expected_close;
  std::string lead_source;  ///< `source:`, optional
  std::vector<OpportunityEvent> events;  ///< oldest first; the first is `opened`
  Source source;
  int customer_line = 0, owner_line = 0;
};

/// What an opportunity is on a date (docs/pipeline.md "State on a date").
struct OpportunityState {
  bool exists = false;  ///< opened on or before the date
  /// lead | qualified | needs | proposal | negotiation, or the ending: won | lost |
  /// disqualified.
  std::string stage;
  std::string owner;
  Decimal amount;  ///< in force (the won amount once won)
  std::optional<Date> expected_close;
  /// The latest proposal: none, under review, approved or rejected.
  enum class Proposal { none, pending, approved, rejected } proposal = Proposal::none;
  std::optional<Instant> opened_at, first_qualified_at, last_event_at;
  /// The stage held before the ending event (what `reopened` restores).
  std::string stage_before_end;
  std::string contract;  ///< won
  std::string lost_reason;
  /// The furthest stage any event put it at (docs/pipeline.md "Funnel for P"): the
  /// stage_rank of lead..won, -1 before `opened`.
  int highest_rank = -1;
  bool open() const { return exists && !ended(); }
  bool ended() const { return stage == "won" || stage == "lost" || stage == "disqualified"; }
};

/// lead 0, qualified 1, needs 2, proposal 3, negotiation 4, won 5 (won counts as every
/// stage); -1 for lost, disqualified or anything else.
int stage_rank(const std::string& stage);

/// The record's own fields before any event (owner, amount, expected close): where a
/// replay with `advance` starts.
OpportunityState state_before_events(const Opportunity& o);

/// Applies one event of the log to the state before it (the replay behind
/// opportunity_state, for reports that need the state at each event).
void advance(OpportunityState& s, const OpportunityEvent& e);

/// The state from the events at or before `until` (an instant: the end of a local
/// date, or now).
OpportunityState opportunity_state(const Opportunity& o, Instant until);

/// The roles that may take a step (docs/pipeline.md "Who").
enum class Gate {
  owner,    ///< the owner, the owner's manager or a director
  manager,  ///< the owner's manager or a director
};
Gate gate_of(const std::string& event_type);

/// Why `event` cannot follow the log of `o` ("" when it can): dated before the last
/// event, a step the stage does not allow, a gate the actor may not pass, a missing
/// contract or an unknown lost reason.
std::string refuse_opportunity_event(const Opportunity& o, const OpportunityEvent& event,
                                     const Team& team, const Config& config, TzOffset zone);

/// For `check`: per event of the log, why the commands would have refused it ("" for a
/// possible step); the same order as `o.events`.
std::vector<std::string> opportunity_step_problems(const Opportunity& o, const Team& team,
                                                   const Config& config);

/// One product line of an order.
struct OrderLine {
  std::string product;
  Decimal quantity;
  Decimal unit_price;
  /// quantity x unit_price, exact (the loader refuses a line whose amount overflows).
  Decimal amount() const { return quantity.times(unit_price).value_or(Decimal{}); }
};

struct OrderEvent {
  std::string type;  ///< changed | change_approved | change_rejected | cancelled
  Instant at;
  std::string by;
  std::string note;
  std::string reason;            ///< changed, cancelled
  std::vector<OrderLine> lines;  ///< changed
  int line = 0;
};

const std::vector<std::string>& order_event_types();

struct Order {
  std::string id;
  std::string customer;
  std::string rep;
  std::string opportunity;  ///< optional
  Date date;
  std::vector<OrderLine> lines;
  std::string payment_method, payment_terms;
  std::string invoice, po;
  std::vector<OrderEvent> events;
  Source source;
  int customer_line = 0, rep_line = 0, opportunity_line = 0;
};

/// An order on a date (docs/pipeline.md "Amounts"): the lines in force, whether a change
/// awaits its decision, cancelled.
struct OrderState {
  std::vector<OrderLine> lines;
  bool change_pending = false;
  bool cancelled = false;
  Decimal amount() const;
  /// active | change_pending | cancelled
  const char* status() const;
};

OrderState order_state(const Order& order, Instant until);

/// Why `event` cannot follow the order's log ("" when it can): the rep's manager or a
/// director decides changes and cancels; one change pending at a time.
std::string refuse_order_event(const Order& order, const OrderEvent& event, const Team& team,
                               TzOffset zone);

/// Like opportunity_step_problems, for an order's log.
std::vector<std::string> order_step_problems(const Order& order, const Team& team);

struct BrokenIds;

/// `check` for opportunities: unique IDs, the customer, the owner and every actor known,
/// and each step one the commands would have taken (a warning otherwise).
void check_opportunities(const std::vector<Opportunity>& opportunities,
                         const CustomerBook& customers, const Team& team, const Config& config,
                         Diagnostics& diag, const BrokenIds& broken);

/// `check` for orders: as for opportunities, and a linked opportunity exists and is the
/// order's customer's.
void check_orders(const std::vector<Order>& orders, const std::vector<Opportunity>& opportunities,
                  const CustomerBook& customers, const Team& team, Diagnostics& diag,
                  const BrokenIds& broken);

/// A visit's `opportunity:` as `check` keeps it (a little of each visit, not the visit).
struct VisitLink {
  std::string file;
  int line = 0;
  std::string opportunity, customer;
};

/// The links of the visits among `visits` that name an opportunity.
std::vector<VisitLink> visit_links(const std::vector<Visit>& visits);

/// `check` for linked visits: the opportunity exists and is the visit's customer's
/// (errors, with the visit's file and line).
void check_visit_links(const std::vector<VisitLink>& links,
                       const std::vector<Opportunity>& opportunities, Diagnostics& diag);

/// The end of local day `d` (23:59:59), the instant "on D" reads up to.
Instant end_of_day(Date d, TzOffset zone);

/// The owner "on the date concerned" (docs/pipeline.md "Attribution"): the owner at the
/// end of local day `day`, a reassignment later the same day included, never after `now`.
std::string owner_on(const Opportunity& o, Date day, TzOffset zone, Instant now);

}  // namespace kamgr
