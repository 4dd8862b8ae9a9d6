// customer show --timeline's pure part (reports/customer_timeline.h): which items, what
// they say, their order, and the cut-off at now.
#include <doctest/doctest.h>

#include "kamgr/reports/customer_timeline.h"

using namespace kamgr;

namespace {

const TzOffset kCst{480};

Instant at(const char* text) { return *Instant::parse(text, kCst); }
Date day(const char* text) { return *Date::parse(text); }

Customer customer() {
  Customer c;
  c.id = "acme";
  c.source.file = "customers/acme.yaml";
  HistoryEntry first{day("2026-01-05"), "key", "rep1", std::nullopt};
  HistoryEntry lost{day("2026-10-20"), std::nullopt, std::nullopt, CustomerStatus::lost};
  HistoryEntry later{day("2026-12-01"), "general", std::nullopt, std::nullopt};
  c.history = {first, lost, later};
  return c;
}

Visit visit(const char* id, const char* customer, const char* date, const char* start,
            const char* recorded) {
  Visit v;
  v.id = id;
  v.customer = customer;
  v.rep = "rep1";
  v.date = day(date);
  if (*start) v.start = TimeOfDay::parse(start);
  v.purpose = "回顾";
  v.outcome = "同意";
  v.recorded_at = at(recorded);
  v.source.file = std::string("visits/") + id + ".yaml";
  return v;
}

TimelineSources sources() {
  TimelineSources s;
  s.visits = {visit("v2", "acme", "2026-10-08", "14:00", "2026-10-08T18:00"),
              visit("v1", "acme", "2026-10-08", "", "2026-10-08T12:00"),
              visit("other", "beta", "2026-10-09", "09:00", "2026-10-09T12:00"),
              visit("late", "acme", "2026-11-20", "09:00", "2026-11-25T12:00")};
  Complaint c;
  c.id = "c1";
  c.customer = "acme";
  c.summary = "送货晚了";
  c.received_at = at("2026-10-08T14:00");
  c.source.file = "complaints/2026/c1.yaml";
  ComplaintEvent answered{"answered", at("2026-10-09T10:00"), "rep1", "补送", std::nullopt, "", 0};
  ComplaintEvent closed{"closed", at("2026-10-10T10:00"), "rep1", "", 4, "", 0};
  ComplaintEvent reopened{"reopened", at("2026-11-24T10:00"), "rep1", "", std::nullopt, "again", 0};
  c.events = {answered, closed, reopened};
  s.complaints = {c};
  Opportunity o;
  o.id = "o1";
  o.customer = "acme";
  o.title = "集采";
  o.amount = *Decimal::parse("1000");
  o.source.file = "opportunities/2026/o1.yaml";
  OpportunityEvent opened;
  opened.type = "opened";
  opened.at = at("2026-09-01T09:00");
  OpportunityEvent lost;
  lost.type = "lost";
  lost.at = at("2026-11-01T09:00");
  lost.reason = "price";
  o.events = {opened, lost};
  s.opportunities = {o};
  Order order;
  order.id = "r1";
  order.customer = "acme";
  order.date = day("2026-11-02");
  order.lines = {{"p", *Decimal::parse("2"), *Decimal::parse("10")}};
  order.source.file = "orders/2026/11/r1.yaml";
  s.orders = {order};
  return s;
}

}  // namespace

TEST_CASE("a timeline lists the customer's records oldest first, up to now") {
  const auto items = customer_timeline(customer(), sources(), kCst, at("2026-11-23T10:00"));
  std::vector<std::string> seen;
  for (const TimelineItem& i : items) seen.push_back(i.at + " " + i.kind + " " + i.ref);
  CHECK(seen == std::vector<std::string>{
                    "2026-01-05 history acme",
                    "2026-09-01T09:00 opportunity opened o1",
                    "2026-10-08 visit v1",
                    // the same minute: ties go by kind
                    "2026-10-08T14:00 complaint received c1",
                    "2026-10-08T14:00 visit v2",
                    "2026-10-09T10:00 complaint answered c1",
                    "2026-10-10T10:00 complaint closed c1",
                    "2026-10-20 history acme",
                    "2026-11-01T09:00 opportunity lost o1",
                    "2026-11-02 order r1",
                });
  CHECK(items[0].what == "managed from: tier=key owner=rep1");
  CHECK(items[0].file == "customers/acme.yaml");
  CHECK(items[1].what == "集采 - 1000");
  CHECK(items[2].what == "rep1 回顾 -> 同意");
  CHECK(items[6].what == "送货晚了 - csat 4");
  CHECK(items[7].what == "status=lost");
  CHECK(items[8].what == "集采 - price");
  CHECK(items[9].what == "20 active");
  CHECK(items[9].file == "orders/2026/11/r1.yaml");
}

TEST_CASE("a timeline at an earlier now leaves out what came later") {
  const auto items = customer_timeline(customer(), sources(), kCst, at("2026-10-08T13:00"));
  REQUIRE(items.size() == 3);
  CHECK(items[2].ref == "v1");  // v2 was recorded at 18:00, the complaint came at 14:00
  const auto later = customer_timeline(customer(), sources(), kCst, at("2026-12-01T10:00"));
  CHECK(later.back().kind == "history");
  CHECK(later.back().what == "tier=general");
  CHECK(later[later.size() - 2].kind == "complaint reopened");
  CHECK(later[later.size() - 2].what == "送货晚了 - again");
}
