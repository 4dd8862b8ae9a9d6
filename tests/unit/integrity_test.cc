// What `check` verifies across records: visit times against now and their own end,
// customers of the same name.
#include <doctest/doctest.h>

#include "kamgr/domain/collections.h"
#include "kamgr/domain/integrity.h"

using namespace kamgr;

namespace {

const TzOffset kZone{8 * 60};

Instant at(const char* text) { return *Instant::parse(text, kZone); }

Customer customer(const std::string& id, const std::string& name) {
  Customer c;
  c.id = id;
  c.name = name;
  c.source = {"customers/" + id + ".yaml", 1};
  c.history.push_back({*Date::parse("2026-01-01"), "key", "zhang-san", std::nullopt, 3, 3});
  return c;
}

Visit visit(const char* date, std::optional<const char*> start, std::optional<const char*> end,
            const char* recorded) {
  Visit v;
  v.id = std::string("v-") + date;
  v.customer = "acme";
  v.rep = "zhang-san";
  v.date = *Date::parse(date);
  if (start) v.start = TimeOfDay::parse(*start);
  if (end) v.end = TimeOfDay::parse(*end);
  v.recorded_at = at(recorded);
  v.source = {"visits/x.yaml", 1};
  return v;
}

struct Checked {
  Diagnostics diag;
  explicit Checked(const std::vector<Visit>& visits, const char* now = "2026-11-23T10:00:00") {
    const CustomerBook book({customer("acme", "华润万家")});
    const Team team({{"zhang-san", "Z", Role::rep, "boss", "", true, {}, {}},
                     {"boss", "B", Role::director, "", "", true, {}, {}}});
    const BrokenIds broken;
    VisitChecker(book, team, diag, broken, at(now), kZone).check(visits);
  }
  bool says(Problem::Severity severity, const std::string& needle) const {
    for (const Problem& p : diag.problems())
      if (p.severity == severity && p.message.find(needle) != std::string::npos) return true;
    return false;
  }
};

}  // namespace

TEST_CASE("check: a visit recorded before it ended is an error") {
  CHECK(Checked({visit("2026-11-20", "09:00", "10:30", "2026-11-20T10:30:00")}).diag.problems().empty());
  CHECK(visit_over_at(*Date::parse("2026-11-20"), TimeOfDay::parse("09:00"), std::nullopt, kZone) == at("2026-11-20T09:00:00"));
  const Checked early({visit("2026-11-20", "09:00", "10:30", "2026-11-20T10:29:59")});
  CHECK(early.says(Problem::Severity::error, "before the visit ended (2026-11-20 10:30)"));
  // Without an end the start counts, without either the day's beginning.
  CHECK(Checked({visit("2026-11-20", "09:00", std::nullopt, "2026-11-20T08:59:00")})
            .says(Problem::Severity::error, "before the visit began (2026-11-20 09:00)"));
  CHECK(Checked({visit("2026-11-20", std::nullopt, std::nullopt, "2026-11-20T00:00:00")})
            .diag.problems().empty());
  CHECK(Checked({visit("2026-11-20", std::nullopt, std::nullopt, "2026-11-19T23:59:59")})
            .says(Problem::Severity::error, "before the visit day (2026-11-20 00:00)"));
}

TEST_CASE("check: a visit dated after now is a warning; recorded before its end still an error") {
  const Checked future({visit("2026-11-24", "09:00", "10:00", "2026-11-24T11:00:00")});
  CHECK(future.says(Problem::Severity::warning, "visit dated 2026-11-24 09:00 is in the future"));
  CHECK(future.diag.problems().size() == 1);
  const Checked both({visit("2026-11-25", std::nullopt, std::nullopt, "2026-11-22T10:00:00")});
  CHECK(both.says(Problem::Severity::warning, "is in the future"));
  CHECK(both.says(Problem::Severity::error, "before the visit day (2026-11-25 00:00)"));
  // Today, later than now: still the future; today, earlier: fine.
  CHECK(Checked({visit("2026-11-23", "10:00:01", std::nullopt, "2026-11-23T11:00:00")})
            .says(Problem::Severity::warning, "in the future"));
  CHECK(Checked({visit("2026-11-23", "09:00", "09:30", "2026-11-23T09:40:00")}).diag.problems().empty());
}

TEST_CASE("customers of the same name") {
  const CustomerBook book({customer("a", "华润万家"), customer("b", " 华润万家 "), customer("c", "华润")});
  CHECK(book.named("华润万家").size() == 2);
  CHECK(book.named("华润").size() == 1);
  CHECK(book.named("沃尔玛").empty());
  Diagnostics diag;
  check_customers(book, Team({{"zhang-san", "Z", Role::rep, "boss", "", true, {}, {}},
                              {"boss", "B", Role::director, "", "", true, {}, {}}}),
                  diag);
  REQUIRE(diag.problems().size() == 2);
  CHECK(diag.problems()[0].message.find("same name '华润万家' as 'b'") != std::string::npos);
  CHECK(diag.problems()[0].severity == Problem::Severity::warning);
}
