// The pipeline's KPI metrics on hand-built opportunities and orders (docs/pipeline.md
// "KPI metrics", "Attribution", "Outcomes in P").
#include <doctest/doctest.h>

#include "kamgr/domain/kpi_metric_table.h"
#include "kamgr/domain/kpi_metrics.h"

using namespace kamgr;

namespace {

const TzOffset kZone{480};

Instant at(const char* text) { return *Instant::parse(text, kZone); }
Decimal amount(const char* text) { return *Decimal::parse(text); }

Team team() {
  return Team({{"boss", "B", Role::director, "", "", true, {}, {}},
               {"mgr", "M", Role::manager, "boss", "", true, {}, {}},
               {"a", "A", Role::rep, "mgr", "", true, {}, {}},
               {"b", "B", Role::rep, "mgr", "", true, {}, {}},
               {"other", "O", Role::manager, "boss", "", true, {}, {}},
               {"c", "C", Role::rep, "other", "", true, {}, {}}});
}

OpportunityEvent event(const char* type, const char* when, const char* by = "a") {
  OpportunityEvent e;
  e.type = type;
  e.at = at(when);
  e.by = by;
  return e;
}

OpportunityEvent with_owner(OpportunityEvent e, const char* owner) {
  e.owner = owner;
  return e;
}

OpportunityEvent with_stage(OpportunityEvent e, const char* stage) {
  e.stage = stage;
  return e;
}

OpportunityEvent lost(const char* when) {
  OpportunityEvent e = event("lost", when);
  e.reason = "price";
  return e;
}

OpportunityEvent won(const char* when) {
  OpportunityEvent e = event("won", when);
  e.contract = "HT-1";
  return e;
}

Opportunity opportunity(const char* id, const char* owner, std::vector<OpportunityEvent> events) {
  Opportunity o;
  o.id = id;
  o.customer = "cust";
  o.owner = owner;
  o.title = "t";
  o.amount = amount("1000");
  o.events = std::move(events);
  o.source = {std::string("opportunities/2026/") + id + ".yaml", 1};
  return o;
}

/// Opened, qualified, proposed, approved and at negotiation by 2026-10-10.
std::vector<OpportunityEvent> to_negotiation(const char* owner) {
  return {event("opened", "2026-10-01T10:00", owner), event("qualified", "2026-10-02T10:00", "mgr"),
          event("proposed", "2026-10-05T10:00", owner), event("approved", "2026-10-06T10:00", "mgr"),
          with_stage(event("stage", "2026-10-10T10:00", owner), "negotiation")};
}

OrderLine line(const char* quantity, const char* price) {
  return {"p", amount(quantity), amount(price)};
}

Order order(const char* id, const char* rep, const char* date, std::vector<OrderLine> lines,
            std::vector<OrderEvent> events = {}) {
  Order o;
  o.id = id;
  o.customer = "cust";
  o.rep = rep;
  o.date = *Date::parse(date);
  o.lines = std::move(lines);
  o.events = std::move(events);
  o.source = {std::string("orders/2026/11/") + id + ".yaml", 1};
  return o;
}

OrderEvent order_event(const char* type, const char* when, std::vector<OrderLine> lines = {}) {
  OrderEvent e;
  e.type = type;
  e.at = at(when);
  e.by = "mgr";
  e.reason = "r";
  e.lines = std::move(lines);
  return e;
}

struct Fixture {
  Team members = team();
  Config config = Config::defaults();
  CustomerBook book{{}};
  KpiRecords records;
  explicit Fixture(const char* period = "2026-11", const char* now = "2026-11-23T10:00") {
    records.config = &config;
    records.customers = &book;
    records.period = *Period::parse(period);
    records.now = at(now);
  }
  MemberScope scope(const char* member) const { return scope_of(members, member); }
};

std::vector<std::string> subjects(const ComputedMetric& m, bool counted_only = false) {
  std::vector<std::string> out;
  for (const KpiInput& in : m.inputs)
    if (in.counted || !counted_only) out.push_back(in.subject);
  return out;
}

}  // namespace

TEST_CASE("opportunities: the owner at the end of the opening day, a same-day reassignment included") {
  Fixture f;
  f.records.opportunities = {
      // opened by the other manager at 09:30, reassigned to a at 09:50: a's opening
      opportunity("o1", "other",
                  {event("opened", "2026-11-05T09:30", "other"),
                   with_owner(event("reassigned", "2026-11-05T09:50", "other"), "a")}),
      // reassigned the next day: still a's opening
      opportunity("o2", "a",
                  {event("opened", "2026-11-10T10:00"),
                   with_owner(event("reassigned", "2026-11-11T10:00", "mgr"), "c")}),
      opportunity("o3", "a", {event("opened", "2026-10-31T23:00")}),  // October
      opportunity("o4", "a", {event("opened", "2026-11-23T11:00")}),  // after now
  };
  const ComputedMetric a = opportunities_metric(f.records, f.scope("a"));
  CHECK(a.value == 2);
  CHECK(subjects(a) == std::vector<std::string>{"o1", "o2"});
  CHECK(a.basis == "2 opportunities opened in 2026-11");
  CHECK(opportunities_metric(f.records, f.scope("other")).value == 0);  // a count: 0, not null
  CHECK(opportunities_metric(f.records, f.scope("c")).value == 0);
  CHECK(opportunities_metric(f.records, f.scope("mgr")).value == 2);   // a is mgr's rep
  CHECK(opportunities_metric(f.records, f.scope("boss")).value == 2);  // the whole team
}

TEST_CASE("win rates: a reopened loss counts a loss and a win; losses before negotiation") {
  Fixture f;
  std::vector<OpportunityEvent> reopened = to_negotiation("a");
  reopened.push_back(lost("2026-11-03T10:00"));
  reopened.push_back(event("reopened", "2026-11-05T10:00"));
  reopened.push_back(won("2026-11-10T10:00"));
  f.records.opportunities = {
      opportunity("o1", "a", reopened),
      opportunity("o2", "a",
                  {event("opened", "2026-11-01T10:00"), event("qualified", "2026-11-02T10:00", "mgr"),
                   lost("2026-11-04T10:00")}),
      opportunity("o3", "b", {event("opened", "2026-11-01T10:00"), won("2026-11-12T10:00")}),
      opportunity("o4", "b", {event("opened", "2026-11-01T10:00"), won("2026-11-24T10:00")}),  // after now
  };
  const ComputedMetric rate = win_rate_metric(f.records, f.scope("a"));
  REQUIRE(rate.value);
  CHECK(*rate.value == doctest::Approx(100.0 / 3));  // 1 won / (1 + 2 lost)
  CHECK(subjects(rate) == std::vector<std::string>{"o1", "o1", "o2"});
  CHECK(rate.basis == "1 won of 3 won or lost");

  const ComputedMetric negotiation = negotiation_win_rate_metric(f.records, f.scope("a"));
  CHECK(negotiation.value == 50);  // o2 was lost at qualified: left out
  CHECK(subjects(negotiation, true) == std::vector<std::string>{"o1", "o1"});
  CHECK(negotiation.basis == "1 won of 2 won or lost after negotiation (1 loss before negotiation left out)");

  // A manager's scope: a's and b's outcomes (2 won, 2 lost).
  CHECK(win_rate_metric(f.records, f.scope("mgr")).value == 50);
  CHECK(negotiation_win_rate_metric(f.records, f.scope("mgr")).value ==
        doctest::Approx(200.0 / 3));
  CHECK(win_rate_metric(f.records, f.scope("b")).value == 100);
  // No win and no loss: no value (left out of the KPI mean).
  CHECK_FALSE(win_rate_metric(f.records, f.scope("other")).value);
  CHECK_FALSE(negotiation_win_rate_metric(f.records, f.scope("c")).value);
}

TEST_CASE("win rates count for the owner at the end of the day of the win") {
  Fixture f;
  f.records.opportunities = {
      opportunity("o1", "c",
                  {event("opened", "2026-11-01T10:00", "c"), won("2026-11-10T10:00"),
                   // a reassignment after the win the same day is refused by the commands,
                   // but a hand-written log is read as the pipeline reads it
                   with_owner(event("reassigned", "2026-11-10T11:00", "other"), "a")}),
  };
  CHECK(win_rate_metric(f.records, f.scope("a")).value == 100);
  CHECK_FALSE(win_rate_metric(f.records, f.scope("c")).value);
}

TEST_CASE("proposal_approval: the first review of each opportunity, dated in the period") {
  Fixture f;
  std::vector<OpportunityEvent> revised = {
      event("opened", "2026-11-01T10:00", "b"), event("qualified", "2026-11-02T10:00", "mgr"),
      event("proposed", "2026-11-05T10:00", "b"), event("rejected", "2026-11-06T10:00", "mgr"),
      event("proposed", "2026-11-07T10:00", "b"), event("approved", "2026-11-08T10:00", "mgr")};
  f.records.opportunities = {
      opportunity("o1", "a", to_negotiation("a")),  // first review in October
      opportunity("o2", "b", revised),              // rejected first: not approved
      opportunity("o3", "a",
                  {event("opened", "2026-11-01T10:00"), event("qualified", "2026-11-02T10:00", "mgr"),
                   event("proposed", "2026-11-09T10:00"), event("approved", "2026-11-10T10:00", "mgr")}),
      opportunity("o4", "a",
                  {event("opened", "2026-11-01T10:00"), event("qualified", "2026-11-02T10:00", "mgr"),
                   event("proposed", "2026-11-20T10:00")}),  // not reviewed yet
  };
  const ComputedMetric a = proposal_approval_metric(f.records, f.scope("a"));
  CHECK(a.value == 100);
  CHECK(subjects(a) == std::vector<std::string>{"o3"});
  CHECK(proposal_approval_metric(f.records, f.scope("b")).value == 0);
  CHECK(proposal_approval_metric(f.records, f.scope("mgr")).value == 50);
  CHECK(proposal_approval_metric(f.records, f.scope("mgr")).basis ==
        "1 of 2 proposals approved at the first review");
  CHECK_FALSE(proposal_approval_metric(f.records, f.scope("c")).value);
}

TEST_CASE("order_sales: lines in force at the end of the period or now; cancelled orders") {
  Fixture f;
  f.records.orders = {
      // a change pending now: the lines before it count
      order("k1", "a", "2026-11-10", {line("10", "100")},
            {order_event("changed", "2026-11-20T10:00", {line("20", "100")})}),
      // an approved change: the new lines
      order("k2", "a", "2026-11-12", {line("5", "100")},
            {order_event("changed", "2026-11-14T10:00", {line("6", "100.5")}),
             order_event("change_approved", "2026-11-15T10:00")}),
      order("k3", "b", "2026-11-13", {line("1", "1000")},
            {order_event("cancelled", "2026-11-16T10:00")}),
      order("k4", "a", "2026-10-30", {line("1", "1")}),  // October
      order("k5", "a", "2026-11-25", {line("1", "1")}),  // dated after today
  };
  const ComputedMetric a = order_sales_metric(f.records, f.scope("a"));
  CHECK(a.value == doctest::Approx(1603));  // 1000 + 6 x 100.5
  CHECK(subjects(a) == std::vector<std::string>{"k1", "k2"});
  CHECK(a.inputs[0].kind == "order_change_pending");
  CHECK(a.inputs[1].kind == "order");
  CHECK(a.basis == "2 orders dated in 2026-11: 1603");
  const ComputedMetric b = order_sales_metric(f.records, f.scope("b"));
  CHECK(b.value == 0);
  REQUIRE(b.inputs.size() == 1);
  CHECK(b.inputs[0].kind == "order_cancelled");
  CHECK_FALSE(b.inputs[0].counted);
  CHECK(order_sales_metric(f.records, f.scope("mgr")).value == doctest::Approx(1603));
  CHECK(order_sales_metric(f.records, f.scope("other")).value == 0);
}

TEST_CASE("order_sales: a change pending at the end of the period, approved after it") {
  Fixture f("2026-10");
  f.records.orders = {order("k1", "a", "2026-10-20", {line("10", "100")},
                            {order_event("changed", "2026-10-30T10:00", {line("20", "100")}),
                             order_event("change_approved", "2026-11-02T10:00")})};
  const ComputedMetric october = order_sales_metric(f.records, f.scope("a"));
  CHECK(october.value == 1000);
  CHECK(october.inputs.at(0).kind == "order_change_pending");
  Fixture now_in_october("2026-10", "2026-10-31T12:00");
  now_in_october.records.orders = f.records.orders;
  CHECK(order_sales_metric(now_in_october.records, now_in_october.scope("a")).value == 1000);
  Fixture quarter("2026-Q4");
  quarter.records.orders = f.records.orders;
  CHECK(order_sales_metric(quarter.records, quarter.scope("a")).value == 2000);
}

TEST_CASE("kpi.sales_from: orders makes sales order_sales") {
  Config config = Config::defaults();
  CHECK_FALSE(is_computed_metric(config, "sales"));
  CHECK(computed_definition(config, "sales") == nullptr);
  CHECK_FALSE(record_needs(config, {"sales"}).orders);
  config.kpi_sales_from = SalesFrom::orders;
  CHECK(is_computed_metric(config, "sales"));
  REQUIRE(computed_definition(config, "sales"));
  CHECK(computed_definition(config, "sales")->id == "order_sales");
  CHECK(record_needs(config, {"sales"}).orders);
  CHECK(record_needs(config, {"win_rate"}).opportunities);
  CHECK_FALSE(record_needs(config, {"win_rate"}).orders);
  CHECK(is_computed_metric(config, "proposal_approval"));
  CHECK_FALSE(is_computed_metric(config, "profit"));
}
