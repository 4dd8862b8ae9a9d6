// The pipeline's figures (reports/pipeline_figures.h) on the worked examples of
// docs/pipeline.md "Figures": proposal SLA, staleness, weighted amounts, the funnel's
// reached stages and outcomes, the forecast, and rounding once from exact integers.
#include <doctest/doctest.h>

#include "kamgr/reports/pipeline_figures.h"

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

OpportunityEvent event(const char* type, const char* when, const char* by) {
  OpportunityEvent e;
  e.type = type;
  e.at = at(when);
  e.by = by;
  return e;
}

/// The example of docs/pipeline.md, up to `last` events.
Opportunity example(size_t last) {
  Opportunity o;
  o.id = "20261105-x7k2m9pq";
  o.customer = "crv";
  o.owner = "zhang-san";
  o.amount = amount("1200000");
  o.expected_close = Date::parse("2027-01-15");
  OpportunityEvent stage_needs = event("stage", "2026-11-10T15:00", "zhang-san");
  stage_needs.stage = "needs";
  OpportunityEvent proposed1 = event("proposed", "2026-11-14T11:00", "zhang-san");
  proposed1.amount = amount("1150000");
  OpportunityEvent proposed2 = event("proposed", "2026-11-18T11:00", "zhang-san");
  proposed2.amount = amount("1180000");
  OpportunityEvent negotiation = event("stage", "2026-11-20T10:00", "zhang-san");
  negotiation.stage = "negotiation";
  OpportunityEvent updated = event("updated", "2026-11-25T10:00", "zhang-san");
  updated.amount = amount("1100000");
  updated.expected_close = Date::parse("2027-01-31");
  OpportunityEvent won = event("won", "2026-12-20T16:00", "zhang-san");
  won.amount = amount("1080000");
  won.contract = "HT-2026-118";
  o.events = {event("opened", "2026-11-05T10:00", "zhang-san"),
              event("qualified", "2026-11-06T09:00", "li-si"),
              stage_needs,
              proposed1,
              event("rejected", "2026-11-15T10:00", "li-si"),
              proposed2,
              event("approved", "2026-11-19T10:00", "li-si"),
              negotiation,
              updated,
              won};
  o.events.resize(last);
  return o;
}

struct Fixture {
  Team team{{member("boss", Role::director, ""), member("li-si", Role::manager, "boss"),
             member("zhang-san", Role::rep, "li-si")}};
  Config config = Config::defaults();
  WorkCalendar calendar;  // Monday-Friday: the example's weeks have no holiday
  std::vector<Opportunity> opportunities;
  std::vector<Order> orders;
  LinkedVisits linked;
  PipelineInputs inputs(const char* now) const {
    return {opportunities, orders, team, config, calendar, at(now), linked};
  }
};

}  // namespace

TEST_CASE("pipeline figures: exact rounding, weighted amounts") {
  CHECK(*exact_ratio(2, 3) == doctest::Approx(0.67));
  CHECK(*exact_ratio(200, 3) == doctest::Approx(66.67));
  CHECK(*exact_ratio(1, 200) == doctest::Approx(0.01));  // 0.005: half away from zero
  CHECK(*exact_ratio(-1, 200) == doctest::Approx(-0.01));
  CHECK_FALSE(exact_ratio(1, 0));
  CHECK(rounded_amount(Decimal::from_units(12345)) == doctest::Approx(1.23));  // 1.2345
  CHECK(rounded_amount(Decimal::from_units(12350)) == doctest::Approx(1.24));  // 1.235
  CHECK(weighted_amount(amount("1100000"), 70) == amount("770000"));
  CHECK(weighted_amount(amount("0.01"), 50).units() == 50);  // 0.005, exact
}

Visit linked_visit(const char* date, const char* recorded_at, const char* opportunity) {
  Visit v;
  v.date = *Date::parse(date);
  v.recorded_at = at(recorded_at);
  v.opportunity = opportunity;
  return v;
}

TEST_CASE("pipeline figures: a linked visit moves the rot deadline; one recorded later does not") {
  Fixture f;
  const Opportunity o = example(10);  // last event before the win: Wednesday 11-25
  f.opportunities = {o};
  const std::vector<Visit> visits = {
      linked_visit("2026-11-20", "2026-11-20T18:00", o.id.c_str()),  // before the last event
      linked_visit("2026-12-07", "2026-12-07T18:00", o.id.c_str()),  // Monday: moves it
      linked_visit("2026-12-10", "2027-01-05T09:00", o.id.c_str()),  // recorded after now
      linked_visit("2026-12-11", "2026-12-11T09:00", "20261105-other000"),
      linked_visit("2026-12-12", "2026-12-12T09:00", ""),
  };
  f.linked = linked_visits(visits, at("2026-12-31T00:00"));
  CHECK(f.linked.size() == 2);  // the visit naming no opportunity is in neither
  CHECK(f.linked.at(o.id).size() == 2);  // the one recorded after now is left out
  CHECK(last_linked_visit(f.linked, o.id, *Date::parse("2026-12-06")) == Date::parse("2026-11-20"));
  CHECK(last_linked_visit(f.linked, o.id, *Date::parse("2026-12-16")) == Date::parse("2026-12-07"));
  CHECK_FALSE(last_linked_visit(f.linked, o.id, *Date::parse("2026-11-19")));
  const OpportunityState s = opportunity_state(o, at("2026-12-16T12:00"));
  // 15 working days after Monday 12-07: Monday 12-28.
  CHECK(*rot_deadline(s, f.config, f.calendar, Date::parse("2026-12-07")) == at("2026-12-28T23:59:59"));
  CHECK(*rot_deadline(s, f.config, f.calendar, Date::parse("2026-11-20")) == at("2026-12-16T23:59:59"));
  const auto on = [&](const char* date) {
    return compute_pipeline(f.inputs("2026-12-31T00:00"), *Date::parse(date), GroupBy::stage);
  };
  CHECK(on("2026-12-17").total.stale == 0);  // the visit of 12-07 moved the deadline
  CHECK(on("2026-12-06").total.stale == 0);
  // The earliest day a linked visit can matter on 12-17: the last event's, 11-25.
  CHECK(linked_visits_from(f.opportunities, at("2026-12-17T23:59:59"), kCst) == Date::parse("2026-11-25"));
  CHECK_FALSE(linked_visits_from(f.opportunities, at("2026-12-21T00:00"), kCst));  // won
}

TEST_CASE("pipeline figures: the proposal SLA and staleness of the worked example") {
  Fixture f;
  const Opportunity o = example(10);
  // Qualified Friday 11-06: due Friday 11-13 23:59:59; proposed Saturday 11-14: breached.
  const auto sla = proposal_sla(o, f.config, f.calendar, at("2026-12-01T09:00"));
  REQUIRE(sla);
  CHECK(sla->due == at("2026-11-13T23:59:59"));
  CHECK(std::string(sla->status) == "breached");
  CHECK(std::string(proposal_sla(o, f.config, f.calendar, at("2026-11-13T12:00"))->status) ==
        "pending");
  CHECK_FALSE(proposal_sla(example(1), f.config, f.calendar, at("2026-12-01T09:00")));

  // The last event before the win: Wednesday 11-25 at negotiation (15wd): 12-16 23:59:59.
  f.opportunities = {o};
  const OpportunityState s = opportunity_state(o, at("2026-12-16T12:00"));
  CHECK(*rot_deadline(s, f.config, f.calendar) == at("2026-12-16T23:59:59"));
  const auto on = [&](const char* date) {
    return compute_pipeline(f.inputs("2026-12-31T00:00"), *Date::parse(date), GroupBy::stage);
  };
  CHECK(on("2026-12-16").total.stale == 0);
  CHECK(on("2026-12-17").total.stale == 1);
  CHECK(on("2026-12-20").total.count == 0);  // won that day
  const PipelineResult dec1 = on("2026-12-01");
  CHECK(dec1.total.count == 1);
  CHECK(dec1.total.weighted == amount("770000"));
  CHECK(dec1.groups.size() == 5);
  CHECK(dec1.groups[4].first == "negotiation");
  // Nothing after now counts: on 12-01 seen from 11-12, it is at needs.
  const PipelineResult early = compute_pipeline(f.inputs("2026-11-12T00:00"),
                                                *Date::parse("2026-12-01"), GroupBy::rep);
  REQUIRE(early.open.size() == 1);
  CHECK(early.open[0].state.stage == "needs");
}

TEST_CASE("pipeline figures: the funnel counts stages reached and outcomes in the period") {
  Fixture f;
  Opportunity lost = example(5);  // rejected at proposal, then lost
  lost.id = "20261105-lost0001";
  OpportunityEvent loss = event("lost", "2026-11-20T10:00", "zhang-san");
  loss.reason = "price";
  lost.events.push_back(loss);
  f.opportunities = {example(10), lost, example(2)};
  const FunnelResult nov = compute_funnel(f.inputs("2026-12-31T00:00"), *Period::parse("2026-11"),
                                          GroupBy::team);
  const FunnelTally& t = nov.total;
  CHECK(t.opened == 3);
  CHECK(t.reached[0] == 3);
  CHECK(t.reached[1] == 3);
  CHECK(t.reached[2] == 2);   // the won one and the lost one reached needs
  CHECK(t.reached[4] == 1);   // only the won one reached negotiation
  CHECK(t.reached[5] == 1);
  CHECK(t.won == 0);          // won in December
  CHECK(t.lost == 1);
  CHECK(t.lost_reasons.at("price").second == amount("1150000"));
  CHECK(*t.win_rate() == doctest::Approx(0));  // 0 / (0 + 1)
  CHECK_FALSE(t.avg_won_amount());  // nothing won
  REQUIRE(nov.rows.count("li-si"));
  const FunnelResult dec = compute_funnel(f.inputs("2026-12-31T00:00"), *Period::parse("2026-12"),
                                          GroupBy::none);
  CHECK(dec.total.won == 1);
  CHECK(dec.total.cycle_days == 45);
  CHECK(*dec.total.win_rate() == doctest::Approx(100));
  CHECK(*dec.total.avg_won_amount() == doctest::Approx(1080000));
  // One open at the end of December (the third, still qualified) x 100% x 1080000 / 45.
  CHECK(dec.total.open_at_end == 1);
  CHECK(*dec.total.velocity() == doctest::Approx(24000));
}

TEST_CASE("pipeline figures: the forecast leaves out opportunities an order names") {
  Fixture f;
  Opportunity open = example(9);  // at negotiation, 1100000, closing 2027-01-31
  f.opportunities = {open};
  CHECK(compute_forecast(f.inputs("2026-12-01T00:00"), *Period::parse("2027-01"), GroupBy::rep)
            .total.open_weighted == amount("770000"));
  Order order;
  order.id = "20261222-p4c8tt2a";
  order.rep = "zhang-san";
  order.opportunity = open.id;
  order.date = *Date::parse("2027-01-05");
  OrderLine line;
  line.product = "A";
  line.quantity = amount("2");
  line.unit_price = amount("18000.5");
  order.lines = {line};
  f.orders = {order};
  const ForecastResult jan = compute_forecast(f.inputs("2027-01-10T00:00"), *Period::parse("2027-01"),
                                              GroupBy::team);
  CHECK(jan.total.open_weighted == Decimal{});
  CHECK(jan.total.ordered == amount("36001"));
  CHECK(jan.rows.at("li-si").forecast() == amount("36001"));
}
