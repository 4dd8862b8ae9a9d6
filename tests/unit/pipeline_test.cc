// The sales pipeline's pure rules (domain/pipeline.h, core/decimal.h): exact amounts,
// the state on a date, the gates, and orders' lines in force.
#include <doctest/doctest.h>

#include "kamgr/core/decimal.h"
#include "kamgr/domain/pipeline.h"

using namespace kamgr;

namespace {

const TzOffset kCst{480};

Instant at(const char* text) { return *Instant::parse(text, kCst); }
Decimal amount(const char* text) { return *Decimal::parse(text); }

Member member(const char* id, Role role, const char* manager) {
  Member m;
  m.id = id;
  m.name = id;
  m.role = role;
  m.manager = manager;
  return m;
}

/// boss (director) <- mgr (manager) <- rep1, rep2; other-mgr <- rep3.
Team team() {
  return Team({member("boss", Role::director, ""), member("mgr", Role::manager, "boss"),
               member("rep1", Role::rep, "mgr"), member("rep2", Role::rep, "mgr"),
               member("other-mgr", Role::manager, "boss"), member("rep3", Role::rep, "other-mgr")});
}

OpportunityEvent event(const char* type, const char* when, const char* by) {
  OpportunityEvent e;
  e.type = type;
  e.at = at(when);
  e.by = by;
  return e;
}

Opportunity opened() {
  Opportunity o;
  o.id = "20261105-x7k2m9pq";
  o.customer = "crv";
  o.owner = "rep1";
  o.amount = amount("1200000");
  o.events = {event("opened", "2026-11-05T10:00", "rep1")};
  return o;
}

/// Appends `e` if the rules allow it; returns the refusal otherwise.
std::string step(Opportunity& o, OpportunityEvent e) {
  const Config config = Config::defaults();
  std::string why = refuse_opportunity_event(o, e, team(), config, kCst);
  if (why.empty()) o.events.push_back(std::move(e));
  return why;
}

}  // namespace

TEST_CASE("decimal: exact, at most 2 decimals, products and sums exact") {
  CHECK(amount("18000.5").str() == "18000.5");
  CHECK(amount("0.05").str() == "0.05");
  CHECK(amount("-3.25").str() == "-3.25");
  CHECK_FALSE(Decimal::parse("0.125"));
  CHECK_FALSE(Decimal::parse("1e5"));
  CHECK_FALSE(Decimal::parse("1,000"));
  CHECK_FALSE(Decimal::parse("1."));
  CHECK_FALSE(Decimal::parse(""));
  CHECK_FALSE(Decimal::parse("10000000000.01"));  // above ten billion
  CHECK(amount("0.29").times(amount("100"))->str() == "29");  // 28.999... in binary
  CHECK(amount("2.5").times(amount("18000.05"))->str() == "45000.125");
  CHECK_FALSE(amount("10000000000").times(amount("2")));
  Decimal sum;
  for (int i = 0; i < 10; ++i) sum += amount("0.1");
  CHECK(sum == amount("1"));
}

TEST_CASE("opportunity: the manager's gates, in order") {
  Opportunity o = opened();
  CHECK(step(o, event("proposed", "2026-11-05T11:00", "rep1")) ==
        "opportunity 20261105-x7k2m9pq is a lead; its manager qualifies it before a proposal");
  CHECK(step(o, event("qualified", "2026-11-06T09:00", "rep1")) ==
        "only rep1's manager (mgr) or a director may record 'qualified' on it; 'rep1' may not");
  CHECK(step(o, event("qualified", "2026-11-06T09:00", "other-mgr")).find("may not") !=
        std::string::npos);
  CHECK(step(o, event("qualified", "2026-11-06T09:00", "mgr")).empty());
  CHECK(step(o, event("stage", "2026-11-05T09:00", "rep1")).find("before the last event") !=
        std::string::npos);
  OpportunityEvent negotiation = event("stage", "2026-11-07T10:00", "rep1");
  negotiation.stage = "negotiation";
  CHECK(step(o, negotiation).find("no approved proposal") != std::string::npos);
  OpportunityEvent proposal = event("proposed", "2026-11-14T11:00", "rep1");
  proposal.amount = amount("1150000");
  CHECK(step(o, proposal).empty());
  CHECK(step(o, event("rejected", "2026-11-15T10:00", "mgr")).empty());
  CHECK(step(o, event("approved", "2026-11-15T11:00", "mgr")) ==
        "opportunity 20261105-x7k2m9pq has no proposal awaiting review");
  proposal.at = at("2026-11-18T11:00");
  proposal.amount = amount("1180000");
  CHECK(step(o, proposal).empty());
  CHECK(step(o, event("approved", "2026-11-19T10:00", "boss")).empty());  // a director may
  negotiation.at = at("2026-11-20T10:00");
  CHECK(step(o, negotiation).empty());
  OpportunityEvent lost = event("lost", "2026-11-21T10:00", "rep1");
  lost.reason = "weather";
  CHECK(step(o, lost).find("'weather' is not a lost reason") != std::string::npos);
  lost.reason = "price";
  CHECK(step(o, lost).empty());
  CHECK(step(o, event("updated", "2026-11-22T10:00", "rep1")).find("is lost") != std::string::npos);
  CHECK(step(o, event("reopened", "2026-11-23T10:00", "rep2")).find("may not") != std::string::npos);
  CHECK(step(o, event("reopened", "2026-11-23T10:00", "rep1")).empty());
  OpportunityEvent won = event("won", "2026-12-20T16:00", "rep1");
  won.amount = amount("1080000");
  won.contract = "HT-2026-118";
  CHECK(step(o, won).empty());
  CHECK(step(o, event("reopened", "2026-12-21T10:00", "rep1")).find("nothing to reopen") !=
        std::string::npos);

  // The state on a date reads only the events up to then.
  const OpportunityState nov16 = opportunity_state(o, end_of_day(*Date::parse("2026-11-16"), kCst));
  CHECK(nov16.stage == "proposal");
  CHECK(nov16.proposal == OpportunityState::Proposal::rejected);
  CHECK(nov16.amount == amount("1150000"));
  CHECK(nov16.open());
  const OpportunityState reopened = opportunity_state(o, at("2026-11-23T12:00"));
  CHECK(reopened.stage == "negotiation");  // restored: the stage before the loss
  const OpportunityState final_state = opportunity_state(o, at("2026-12-31T00:00"));
  CHECK(final_state.stage == "won");
  CHECK(final_state.amount == amount("1080000"));
  CHECK_FALSE(final_state.open());
  CHECK_FALSE(opportunity_state(o, at("2026-11-05T09:59")).exists);

  const Config config = Config::defaults();
  for (const std::string& problem : opportunity_step_problems(o, team(), config))
    CHECK(problem.empty());
}

TEST_CASE("opportunity: a lead's stage cannot skip the gate, reassigning is the manager's") {
  Opportunity o = opened();
  OpportunityEvent needs = event("stage", "2026-11-06T10:00", "rep1");
  needs.stage = "needs";
  CHECK(step(o, needs).find("is a lead") != std::string::npos);
  OpportunityEvent move = event("reassigned", "2026-11-06T10:00", "rep1");
  move.owner = "rep2";
  CHECK(step(o, move).find("may not") != std::string::npos);
  move.by = "mgr";
  CHECK(step(o, move).empty());
  CHECK(opportunity_state(o, at("2026-11-07T00:00")).owner == "rep2");
  // The gate follows the owner in force: rep2 may not qualify their own lead.
  CHECK(step(o, event("qualified", "2026-11-07T09:00", "rep2")).find("may not") != std::string::npos);
  CHECK(step(o, event("disqualified", "2026-11-07T09:00", "mgr")).empty());
  CHECK(opportunity_state(o, at("2026-11-08T00:00")).stage == "disqualified");
  CHECK(step(o, event("reopened", "2026-11-08T09:00", "rep2")).empty());
  CHECK(opportunity_state(o, at("2026-11-09T00:00")).stage == "lead");
}

TEST_CASE("order: a change counts once approved; one pending at a time; cancelled is none") {
  Order order;
  order.id = "20261222-p4c8tt2a";
  order.rep = "rep1";
  order.lines = {{"A", amount("200"), amount("350")}, {"B", amount("2"), amount("18000.5")}};
  CHECK(order_state(order, at("2026-12-23T00:00")).amount() == amount("106001"));

  auto add = [&](const char* type, const char* when, const char* by,
                 std::vector<OrderLine> lines = {}) {
    OrderEvent e;
    e.type = type;
    e.at = at(when);
    e.by = by;
    e.lines = std::move(lines);
    std::string why = refuse_order_event(order, e, team(), kCst);
    if (why.empty()) order.events.push_back(e);
    return why;
  };
  CHECK(add("change_approved", "2026-12-23T10:00", "mgr") ==
        "order 20261222-p4c8tt2a has no change awaiting approval");
  CHECK(add("changed", "2026-12-23T10:00", "rep1", {{"A", amount("300"), amount("350")}}).empty());
  CHECK(add("changed", "2026-12-23T11:00", "rep1", {{"A", amount("1"), amount("1")}})
            .find("awaiting approval") != std::string::npos);
  const OrderState pending = order_state(order, at("2026-12-23T12:00"));
  CHECK(pending.change_pending);
  CHECK(pending.amount() == amount("106001"));  // the change does not count yet
  CHECK(std::string(pending.status()) == "change_pending");
  CHECK(add("change_approved", "2026-12-24T10:00", "rep1").find("may not") != std::string::npos);
  CHECK(add("change_approved", "2026-12-24T10:00", "mgr").empty());
  CHECK(order_state(order, at("2026-12-25T00:00")).amount() == amount("105000"));
  CHECK(order_state(order, at("2026-12-23T12:00")).amount() == amount("106001"));  // as it was
  CHECK(add("cancelled", "2026-12-26T10:00", "rep1").find("may not") != std::string::npos);
  CHECK(add("cancelled", "2026-12-26T10:00", "boss").empty());
  const OrderState cancelled = order_state(order, at("2026-12-27T00:00"));
  CHECK(cancelled.amount() == Decimal{});
  CHECK(std::string(cancelled.status()) == "cancelled");
  CHECK(add("changed", "2026-12-27T10:00", "rep1").find("is cancelled") != std::string::npos);
  for (const std::string& problem : order_step_problems(order, team())) CHECK(problem.empty());
}

namespace kamgr::cli {
// src/cli/cmd_order.cc: one `--line PRODUCT:QUANTITY:PRICE`; why it is not one ("" when it is).
std::string parse_order_line(const std::string& text, OrderLine& out);
}  // namespace kamgr::cli

TEST_CASE("order --line: split on the last two colons; quantity above 0, price 0 or more") {
  using kamgr::cli::parse_order_line;
  OrderLine line;
  CHECK(parse_order_line("工业清洁剂A:200:350", line).empty());
  CHECK(line.product == "工业清洁剂A");
  CHECK(line.quantity == amount("200"));
  CHECK(line.unit_price == amount("350"));
  CHECK(parse_order_line("型号:X1:2.5:18000.05", line).empty());  // a colon in the name
  CHECK(line.product == "型号:X1");
  CHECK(line.quantity == amount("2.5"));
  CHECK(line.unit_price == amount("18000.05"));
  CHECK(parse_order_line(" 样品 : 1 : 0 ", line).empty());  // spaces trimmed, a free line
  CHECK(line.product == "样品");
  CHECK(line.unit_price == Decimal{});
  CHECK(line.amount() == Decimal{});

  line = OrderLine{"kept", amount("1"), amount("1")};
  CHECK(parse_order_line("A:2", line) == "expected PRODUCT:QUANTITY:PRICE");
  CHECK(parse_order_line("A", line) == "expected PRODUCT:QUANTITY:PRICE");
  CHECK(parse_order_line(":2:3", line) == "the product is empty");
  CHECK(parse_order_line("  :2:3", line) == "the product is empty");
  CHECK(parse_order_line("A:0:3", line).find("quantity '0'") != std::string::npos);
  CHECK(parse_order_line("A:-1:3", line).find("quantity '-1'") != std::string::npos);
  CHECK(parse_order_line("A:1.005:3", line).find("quantity '1.005'") != std::string::npos);
  CHECK(parse_order_line("A::3", line).find("quantity ''") != std::string::npos);
  CHECK(parse_order_line("A:1:-0.01", line).find("price '-0.01'") != std::string::npos);
  CHECK(parse_order_line("A:1:1,000", line).find("price '1,000'") != std::string::npos);
  CHECK(parse_order_line("A:1:", line).find("price ''") != std::string::npos);
  CHECK(parse_order_line("A:100000:1000000", line) == "the line's amount is above 10000000000");
  CHECK(line.product == "kept");  // a refused line leaves `out` as it was
}
