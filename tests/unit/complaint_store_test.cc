// Complaint files and the summary figures (docs/complaints.md).
#include <doctest/doctest.h>

#include "kamgr/domain/complaint_summary.h"
#include "kamgr/store/complaints.h"

using namespace kamgr;

namespace {

const char* kFile = "complaints/2026/20261122-7qm2xd.yaml";

const char* kText = R"(id: 20261122-7qm2xd
customer: acme
rep: zhang-san        # who recorded it
level: general
category: product
summary: 到货包装破损
received_at: 2026-11-22T10:15:00+08:00
x-own-field: kept
events:
  - {type: contacted, at: 2026-11-22T15:00:00+08:00, by: zhang-san}
  - {type: answered, at: 2026-11-24T11:00, by: li-si, note: 补发并致歉}
  - {type: closed, at: 2026-11-25T09:00:00+08:00, csat: 3}
  - {type: callback, at: 2026-11-25T16:00:00+08:00, by: zhang-san}
  - {type: reopened, at: 2026-11-26T10:00:00+08:00, reason: 仍有破损}
)";

/// Loads `text` with one substitution; returns the first error message ("" when none).
std::string first_error(std::string text, const std::string& from, const std::string& to,
                        const char* file = kFile) {
  if (!from.empty()) text.replace(text.find(from), from.size(), to);
  Diagnostics diag;
  const auto c = load_complaint(text, file, Config::defaults(), diag);
  for (const Problem& p : diag.problems())
    if (p.severity == Problem::Severity::error) {
      CHECK_FALSE(c);
      return p.message;
    }
  CHECK(c);
  return "";
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a complaint file loads with its events in order") {
  Diagnostics diag;
  const auto c = load_complaint(kText, kFile, Config::defaults(), diag);
  REQUIRE(c);
  CHECK(diag.problems().empty());
  CHECK(c->level == "general");
  CHECK(c->events.size() == 5);
  CHECK(c->events[1].at.str(TzOffset{480}) == "2026-11-24T11:00:00+08:00");  // no offset: +08:00
  CHECK(c->events[1].note == "补发并致歉");
  CHECK(c->events[2].csat == 3);
  CHECK(c->events[4].reason == "仍有破损");
  CHECK(c->events[4].line == 14);
}

TEST_CASE("an empty log is the bare key") {
  const std::string text = std::string(kText).substr(0, std::string(kText).find("events:") + 8);
  Diagnostics diag;
  const auto c = load_complaint(text, kFile, Config::defaults(), diag);
  REQUIRE(c);
  CHECK(c->events.empty());
  CHECK(has(first_error(text, "events:\n", ""), "missing field 'events'"));
}

TEST_CASE("bad complaint files are refused with the field at fault") {
  CHECK(first_error(kText, "", "") == "");
  CHECK(has(first_error(kText, "level: general", "level: genral"), "did you mean 'general'"));
  CHECK(has(first_error(kText, "category: product", "category: quality"), "category"));
  CHECK(has(first_error(kText, "csat: 3", "csat: 6"), "from 1 to 5"));
  CHECK(has(first_error(kText, "type: callback", "type: callbak"), "did you mean 'callback'"));
  CHECK(
      has(first_error(kText, "2026-11-22T15:00:00", "2026-11-22T10:00:00"), "before received_at"));
  CHECK(has(first_error(kText, "2026-11-25T16:00:00", "2026-11-24T16:00:00"),
            "before the event above"));
  CHECK(has(first_error(kText, "summary: 到货包装破损\n", ""), "missing field 'summary'"));
  CHECK(has(first_error(kText, "", "", "complaints/2025/20261122-7qm2xd.yaml"),
            "belongs in folder 'complaints/2026/'"));
  CHECK(has(first_error(kText, "", "", "complaints/2026/20261122-other1.yaml"),
            "does not match the file name"));
  CHECK(has(first_error(kText, "id: 20261122-7qm2xd", "id: Acme 1"), "not a valid complaint id"));
  // A hand-written ID of the member rule is fine when it matches the file name.
  CHECK(has(first_error(kText, "id: 20261122-7qm2xd", "id: c-1"), "does not match the file name"));
}

TEST_CASE("complaint paths follow the ID's year") {
  CHECK(complaint_path("20261122-7qm2xd") == "complaints/2026/20261122-7qm2xd.yaml");
}

namespace {

ComplaintEvent event(const char* type, const char* when, std::optional<int> csat = std::nullopt) {
  ComplaintEvent e;
  e.type = type;
  e.at = *Instant::parse(when, TzOffset{480});
  e.csat = csat;
  return e;
}

Complaint received(const char* when, std::vector<ComplaintEvent> events) {
  Complaint c;
  c.level = "general";
  c.received_at = *Instant::parse(when, TzOffset{480});
  c.events = std::move(events);
  return c;
}

}  // namespace

TEST_CASE("summary figures and the recovery rate") {
  const Config config = Config::defaults();
  const WorkCalendar calendar;  // no files: Monday-Friday
  const Instant now = *Instant::parse("2026-11-20T12:00", TzOffset{480});
  const std::vector<Complaint> complaints = {
      // A: contact in 30m, answer in 5h, closed csat 5, no call-back needed.
      received("2026-11-02T10:00",
               {event("contacted", "2026-11-02T10:30"), event("answered", "2026-11-02T15:00"),
                event("closed", "2026-11-03T10:00", 5)}),
      // B: contact after 2h, answer after 2 days, closed csat 2, call-back on time.
      received("2026-11-03T10:00",
               {event("contacted", "2026-11-03T12:00"), event("answered", "2026-11-05T10:00"),
                event("closed", "2026-11-05T12:00", 2), event("callback", "2026-11-05T15:00")}),
      // C: contact late (30h), never answered (3wd from Wed Nov 4: due Mon Nov 9) - open.
      received("2026-11-04T10:00", {event("contacted", "2026-11-05T16:00")}),
      // D: received 20 minutes ago, nothing yet: not judged for 1h or 24h, all pending.
      received("2026-11-20T11:40", {}),
  };
  ComplaintStats s;
  for (const Complaint& c : complaints) s.add(c, evaluate_sla(c, config, calendar, now), now);
  CHECK(s.received == 4);
  CHECK(s.contact_judged == 3);  // D pending
  CHECK(s.contact_met == 2);     // A, B (C breached)
  CHECK(s.answer_judged == 3);
  CHECK(s.answer_met == 2);                       // A, B; C breached
  CHECK(s.still_open == 2);                       // C, D
  CHECK(*s.mean_csat() == doctest::Approx(3.5));  // (5 + 2) / 2
  CHECK(s.callbacks_due == 1);
  CHECK(s.callbacks_done == 1);
  CHECK(s.callbacks_met == 1);
  // Response within 1h: A only, of A, B, C (D is 20 minutes old) = 33.33%.
  CHECK(s.response_judged == 3);
  CHECK(*s.response_1h_rate() == doctest::Approx(100.0 / 3));
  // Resolution within 24h: A only, of A, B, C = 33.33%.
  CHECK(*s.resolution_24h_rate() == doctest::Approx(100.0 / 3));
  // Closed with a call-back: B of A, B = 50%.
  CHECK(*s.callback_rate() == doctest::Approx(50));
  // 33.33 x 0.3 + 33.33 x 0.5 + 50 x 0.2 = 10 + 16.67 + 10 = 36.67
  CHECK(*s.recovery_rate() == doctest::Approx(36.6667).epsilon(0.0001));
  CHECK(*s.contact_met_rate() == doctest::Approx(100.0 * 2 / 3));

  ComplaintStats empty;
  CHECK_FALSE(empty.recovery_rate());
  CHECK_FALSE(empty.mean_csat());
}
