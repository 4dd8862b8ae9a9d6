// The computed KPI metrics on small in-memory records (docs/kpi.md "The metrics").
#include <doctest/doctest.h>

#include "kamgr/domain/kpi_metrics.h"

using namespace kamgr;

namespace {

const TzOffset kZone{480};

Date d(const char* text) { return *Date::parse(text); }
Instant at(const char* text) { return *Instant::parse(text, kZone); }

HistoryEntry entry(const char* date, std::optional<std::string> tier,
                   std::optional<std::string> owner,
                   std::optional<CustomerStatus> status = std::nullopt) {
  return {d(date), std::move(tier), std::move(owner), status, 0};
}

Customer customer(const std::string& id, std::vector<HistoryEntry> history,
                  std::vector<std::string> filled = {"name"}, std::optional<Date> since = {}) {
  Customer c;
  c.id = id;
  c.name = id;
  c.history = std::move(history);
  c.filled_fields = std::move(filled);
  c.since = since;
  c.source = {"customers/" + id + ".yaml", 1};
  return c;
}

Team team() {
  return Team({{"boss", "B", Role::director, "", "", true, {}, {}},
               {"mgr", "M", Role::manager, "boss", "", true, {}, {}},
               {"a", "A", Role::rep, "mgr", "", true, {}, {}},
               {"b", "B", Role::rep, "mgr", "", true, {}, {}},
               {"other", "O", Role::manager, "boss", "", true, {}, {}},
               {"c", "C", Role::rep, "other", "", true, {}, {}}});
}

/// October 2026 as of 2026-11-10, over `book`.
KpiRecords october(const CustomerBook& book, const Config& config) {
  KpiRecords r;
  r.config = &config;
  r.customers = &book;
  r.period = *Period::parse("2026-10");
  r.now = at("2026-11-10T12:00:00");
  return r;
}

/// A visit of customer v1 by `rep`, ending 10:00 on `date`, recorded at `recorded`.
Visit visit(const char* id, const char* rep, const char* date, const char* recorded) {
  Visit v;
  v.id = id;
  v.customer = "v1";
  v.rep = rep;
  v.date = d(date);
  v.end = TimeOfDay::parse("10:00");
  v.recorded_at = at(recorded);
  v.source = {std::string("visits/") + id + ".yaml", 1};
  return v;
}

Complaint complaint(const std::string& id, const std::string& customer, const char* received,
                    std::vector<ComplaintEvent> events = {}) {
  Complaint c;
  c.id = id;
  c.customer = customer;
  c.rep = "a";
  c.level = "general";
  c.category = "product";
  c.received_at = at(received);
  c.events = std::move(events);
  return c;
}

ComplaintEvent closed(const char* when, int csat) {
  ComplaintEvent e;
  e.type = "closed";
  e.at = at(when);
  e.csat = csat;
  return e;
}

ComplaintEvent reopened(const char* when) {
  ComplaintEvent e;
  e.type = "reopened";
  e.at = at(when);
  return e;
}

SlaPart part(SlaStatus status) {
  SlaPart p;
  p.status = status;
  return p;
}

}  // namespace

TEST_CASE("scopes: a rep alone, a manager with their reps, a director everyone") {
  const Team t = team();
  CHECK(scope_of(t, "a").members == std::vector<std::string>{"a"});
  const MemberScope m = scope_of(t, "mgr");
  CHECK(m.members == std::vector<std::string>{"a", "b", "mgr"});
  CHECK(m.covers("b"));
  CHECK_FALSE(m.covers("c"));
  const MemberScope boss = scope_of(t, "boss");
  CHECK(boss.everyone);
  CHECK(boss.covers("c"));
  CHECK_FALSE(boss.covers(""));
}

TEST_CASE("new_customers: since in the period, owned then by the member") {
  const Config config = Config::defaults();
  const CustomerBook book({
      customer("n1", {entry("2026-01-01", "key", "a")}, {}, d("2026-10-05")),
      // since in October, but handed from b to a on Oct 20: counts for b
      customer("n2", {entry("2026-01-01", "key", "b"), entry("2026-10-20", {}, "a")}, {},
               d("2026-10-10")),
      customer("n3", {entry("2026-01-01", "key", "a")}, {}, d("2026-09-30")),  // September
      customer("n4", {entry("2026-10-15", "key", "a")}, {}, d("2026-10-01")),  // not managed yet
  });
  const KpiRecords r = october(book, config);
  const Team t = team();
  CHECK(*new_customers_metric(r, scope_of(t, "a")).value == 1);
  CHECK(*new_customers_metric(r, scope_of(t, "b")).value == 1);
  CHECK(*new_customers_metric(r, scope_of(t, "mgr")).value == 2);
  CHECK(*new_customers_metric(r, scope_of(t, "c")).value == 0);  // a count: 0, not null
  CHECK(new_customers_metric(r, scope_of(t, "a")).inputs.at(0).subject == "n1");
}

TEST_CASE("churn: customers that became lost in the period, owner on that day") {
  const Config config = Config::defaults();
  const auto lost = CustomerStatus::lost;
  const auto active = CustomerStatus::active;
  const CustomerBook book({
      customer("l1", {entry("2025-01-01", "key", "a"), entry("2026-10-20", {}, {}, lost)}),
      // lost twice in October (lost, won back, lost): one customer
      customer("l2", {entry("2025-01-01", "key", "b"), entry("2026-10-02", {}, {}, lost),
                      entry("2026-10-09", {}, {}, active), entry("2026-10-25", {}, {}, lost)}),
      // already lost in September; a repeated 'lost' entry in October is no new loss
      customer("l3", {entry("2025-01-01", "key", "a"), entry("2026-09-02", {}, {}, lost),
                      entry("2026-10-03", {}, {}, lost)}),
      // handed to c and lost the same day: counts for c
      customer("l4", {entry("2025-01-01", "key", "a"), entry("2026-10-12", {}, "c", lost)}),
  });
  const KpiRecords r = october(book, config);
  const Team t = team();
  CHECK(*churn_metric(r, scope_of(t, "a")).value == 1);
  CHECK(*churn_metric(r, scope_of(t, "b")).value == 1);
  CHECK(*churn_metric(r, scope_of(t, "c")).value == 1);
  CHECK(*churn_metric(r, scope_of(t, "boss")).value == 3);
  CHECK(loss_dates(book.all()[1], r.period).size() == 2);
}

TEST_CASE("profile_completeness: mean % of required fields over active customers at the end") {
  Config config = Config::defaults();  // 6 required fields
  const CustomerBook book({
      customer("p1", {entry("2025-01-01", "key", "a")},
               {"name", "industry", "business_scope", "decision_process", "competitors", "contacts"}),
      customer("p2", {entry("2025-01-01", "key", "a")}, {"name", "industry"}),
      customer("p3", {entry("2025-01-01", "key", "a"), entry("2026-10-30", {}, {}, CustomerStatus::lost)},
               {"name"}),  // lost by the end: left out
      customer("p4", {entry("2025-01-01", "key", "a"), entry("2026-10-31", {}, "b")}, {"name"}),
  });
  const KpiRecords r = october(book, config);
  const Team t = team();
  // (100 + 33.33) / 2 = 66.67
  CHECK(*profile_completeness_metric(r, scope_of(t, "a")).value == doctest::Approx(200.0 / 3));
  // p4 is b's at the end of the month: 1/6
  CHECK(*profile_completeness_metric(r, scope_of(t, "b")).value == doctest::Approx(100.0 / 6));
  CHECK_FALSE(profile_completeness_metric(r, scope_of(t, "c")).value);  // no customers: null
  config.customer_required_fields.clear();
  CHECK_FALSE(profile_completeness_metric(october(book, config), scope_of(t, "a")).value);
}

TEST_CASE("complaint_rate: active customers at the end with a complaint while owned") {
  const Config config = Config::defaults();
  const CustomerBook book({
      customer("r1", {entry("2025-01-01", "key", "a")}),
      customer("r2", {entry("2025-01-01", "key", "a")}),
      customer("r3", {entry("2025-01-01", "key", "b"), entry("2026-10-15", {}, "a")}),
      customer("r4", {entry("2025-01-01", "key", "a")}),
  });
  KpiRecords r = october(book, config);
  r.complaints = {complaint("k1", "r1", "2026-10-03T10:00:00"),
                  complaint("k2", "r1", "2026-10-04T10:00:00"),   // same customer: counted once
                  complaint("k3", "r3", "2026-10-05T10:00:00"),   // while b owned r3
                  complaint("k4", "r2", "2026-09-30T23:00:00"),   // September
                  complaint("k5", "r4", "2026-11-01T00:30:00")};  // November (local date)
  const Team t = team();
  // a owns r1..r4 at the end; only r1 had a complaint while a owned it: 1/4
  CHECK(*complaint_rate_metric(r, scope_of(t, "a")).value == doctest::Approx(25));
  // mgr covers a and b: r1 and r3 -> 2/4
  CHECK(*complaint_rate_metric(r, scope_of(t, "mgr")).value == doctest::Approx(50));
  CHECK_FALSE(complaint_rate_metric(r, scope_of(t, "c")).value);  // no customers
}

TEST_CASE("complaint_sla: every part met; pending left out; a breach decides") {
  const Config config = Config::defaults();
  const CustomerBook book({customer("s1", {entry("2025-01-01", "key", "a")}),
                           customer("s2", {entry("2025-01-01", "key", "b")})});
  KpiRecords r = october(book, config);
  r.complaints = {complaint("met", "s1", "2026-10-03T10:00:00"),
                  complaint("late", "s1", "2026-10-04T10:00:00"),
                  complaint("open", "s1", "2026-10-30T10:00:00"),
                  complaint("late-and-open", "s1", "2026-10-30T11:00:00"),
                  complaint("b-met", "s2", "2026-10-05T10:00:00"),
                  complaint("sept", "s1", "2026-09-05T10:00:00")};
  ComplaintSla met, late, open, late_open;
  met.contact = part(SlaStatus::met);
  met.answers = {part(SlaStatus::met)};
  late.contact = part(SlaStatus::breached);
  late.answers = {part(SlaStatus::met)};
  open.contact = part(SlaStatus::met);
  open.answers = {part(SlaStatus::pending)};
  late_open.contact = part(SlaStatus::breached);
  late_open.answers = {part(SlaStatus::pending)};
  r.slas = {met, late, open, late_open, met, late};
  const Team t = team();
  // a: met, late, late-and-open judged (open left out): 1/3
  const ComputedMetric a = complaint_sla_metric(r, scope_of(t, "a"));
  CHECK(*a.value == doctest::Approx(100.0 / 3));
  CHECK(a.inputs.size() == 4);
  CHECK_FALSE(a.inputs[2].counted);
  CHECK(*complaint_sla_metric(r, scope_of(t, "b")).value == 100);
  CHECK(*complaint_sla_metric(r, scope_of(t, "boss")).value == 50);  // 2 of 4
  CHECK_FALSE(complaint_sla_metric(r, scope_of(t, "c")).value);
}

TEST_CASE("csat: mean csat of complaints closed in the period, owner on closing day") {
  const Config config = Config::defaults();
  const CustomerBook book({customer("c1", {entry("2025-01-01", "key", "a")}),
                           customer("c2", {entry("2025-01-01", "key", "b"),
                                           entry("2026-10-20", {}, "a")})});
  KpiRecords r = october(book, config);
  r.complaints = {
      complaint("x1", "c1", "2026-09-20T10:00:00", {closed("2026-10-02T10:00:00", 4)}),
      complaint("x2", "c1", "2026-10-03T10:00:00", {closed("2026-10-05T10:00:00", 2)}),
      // closed in October but reopened after: not closed
      complaint("x3", "c1", "2026-10-03T10:00:00",
                {closed("2026-10-06T10:00:00", 1), reopened("2026-11-02T10:00:00")}),
      // closed in November
      complaint("x4", "c1", "2026-10-03T10:00:00", {closed("2026-11-01T10:00:00", 1)}),
      // c2 closed on Oct 25: a owns it then
      complaint("x5", "c2", "2026-10-10T10:00:00", {closed("2026-10-25T10:00:00", 5)})};
  const Team t = team();
  // a: 4, 2, 5 -> 3.67
  CHECK(*csat_metric(r, scope_of(t, "a")).value == doctest::Approx(11.0 / 3));
  CHECK_FALSE(csat_metric(r, scope_of(t, "b")).value);
  // as of Oct 31 x3 is still closed (the reopening is after now): 4, 2, 1, 5 -> 3
  r.now = at("2026-10-31T23:00:00");
  CHECK(*csat_metric(r, scope_of(t, "a")).value == doctest::Approx(3));
}

TEST_CASE("visit_compliance and visit_timeliness by scope") {
  const Config config = Config::defaults();
  const CustomerBook book({customer("v1", {entry("2025-01-01", "key", "a")})});
  KpiRecords r = october(book, config);
  const Window w1{d("2026-10-05"), d("2026-10-11")}, w2{d("2026-10-12"), d("2026-10-18")};
  r.windows = {{"v1", "a", "key", w1, true}, {"v1", "a", "key", w2, false},
               {"v2", "b", "key", w1, true}};
  r.visits = {visit("on-time", "a", "2026-10-06", "2026-10-06T20:00:00"),
              visit("late", "a", "2026-10-20", "2026-10-21T10:30:00"),  // > end + 24h
              visit("sept", "a", "2026-09-30", "2026-09-30T20:00:00"),  // not in October
              visit("b", "b", "2026-10-07", "2026-10-07T20:00:00"),
              visit("future", "a", "2026-10-28", "2026-11-11T10:00:00")};  // after now
  const Team t = team();
  const ComputedMetric ca = visit_compliance_metric(r, scope_of(t, "a"));
  CHECK(*ca.value == 50);
  CHECK(ca.inputs[0].source.file == "visits/on-time.yaml");  // the visit that met it
  CHECK(ca.inputs[1].kind == "window_missed");
  CHECK(*visit_compliance_metric(r, scope_of(t, "mgr")).value == doctest::Approx(200.0 / 3));
  CHECK_FALSE(visit_compliance_metric(r, scope_of(t, "c")).value);
  const ComputedMetric ta = visit_timeliness_metric(r, scope_of(t, "a"));
  CHECK(*ta.value == 50);
  CHECK(ta.inputs[1].kind == "visit_late");
  CHECK(*visit_timeliness_metric(r, scope_of(t, "mgr")).value == doctest::Approx(200.0 / 3));
  CHECK_FALSE(visit_timeliness_metric(r, scope_of(t, "c")).value);
}

TEST_CASE("OwnerIndex: a scope's positions in record order, each once; everyone skips no owner") {
  OwnerIndex index;
  index.add("b", 4);
  index.add("a", 1);
  index.add("", 0);
  index.add("b", 2);
  index.add("a", 2);
  index.add("c", 3);
  MemberScope ab;
  ab.members = {"a", "b"};
  CHECK(index.covered_by(ab) == std::vector<size_t>{1, 2, 4});
  MemberScope all;
  all.everyone = true;
  CHECK(index.covered_by(all) == std::vector<size_t>{1, 2, 3, 4});
  MemberScope nobody;
  nobody.members = {"z"};
  CHECK(index.covered_by(nobody).empty());
}

TEST_CASE("KpiRecords: the shared index follows added records and a new now") {
  const Config config = Config::defaults();
  const CustomerBook book({customer("c1", {entry("2025-01-01", "key", "a")})});
  KpiRecords r = october(book, config);
  const Team t = team();
  r.visits = {visit("on-time", "a", "2026-10-06", "2026-10-06T20:00:00")};
  CHECK(*visit_timeliness_metric(r, scope_of(t, "a")).value == 100);
  r.visits.push_back(visit("late", "a", "2026-10-20", "2026-10-21T10:30:00"));
  CHECK(*visit_timeliness_metric(r, scope_of(t, "a")).value == 50);
  r.now = at("2026-10-21T09:00:00");  // the late one is not recorded yet
  CHECK(*visit_timeliness_metric(r, scope_of(t, "a")).value == 100);
  const KpiRecords copy = r;  // a copy builds its own index
  CHECK(*visit_timeliness_metric(copy, scope_of(t, "a")).value == 100);
}
