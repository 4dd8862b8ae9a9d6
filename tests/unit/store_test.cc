// Loaders, config and the canonical writer / log appends.
#include <doctest/doctest.h>

#include "kamgr/core/error.h"
#include "kamgr/core/id.h"
#include "kamgr/store/complaints.h"
#include "kamgr/store/loaders.h"
#include "kamgr/store/writer.h"

using namespace kamgr;

namespace {
bool has_problem(const Diagnostics& d, int line, const std::string& needle) {
  for (const Problem& p : d.problems())
    if (p.line == line && p.message.find(needle) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("ids") {
  CHECK(is_valid_id("zhang-san"));
  CHECK(is_valid_id("a"));
  CHECK(is_valid_id("c.1_x-2"));
  CHECK_FALSE(is_valid_id(""));
  CHECK_FALSE(is_valid_id("Zhang"));
  CHECK_FALSE(is_valid_id("-x"));
  CHECK_FALSE(is_valid_id("a/b"));
  CHECK_FALSE(is_valid_id("a..b"));
  CHECK_FALSE(is_valid_id("a b"));
  CHECK_FALSE(is_valid_id(std::string(65, 'a')));
  const std::string id = generate_record_id(*Date::parse("2026-11-22"));
  CHECK(id.rfind("20261122-", 0) == 0);
  CHECK(is_generated_id(id));
  CHECK(generate_record_id(*Date::parse("2026-11-22")) != id);
  CHECK(slug_from_name("Acme Retail Co.") == "acme-retail-co");
  CHECK(slug_from_name("华润万家") == "");
}

TEST_CASE("config defaults, bad values and unknown keys") {
  Diagnostics d;
  Config c = load_config("", "kamgr.yaml", d);
  CHECK(d.problems().empty());
  CHECK(c.visit_frequency.at("key").unit == Duration::Unit::weeks);
  CHECK(c.visit_frequency.at("general").unit == Duration::Unit::months);
  CHECK(c.level("major")->answer.count == 7);
  CHECK(c.metric("complaint_rate")->lower_is_better);
  CHECK(c.grades.size() == 5);

  Diagnostics d2;
  load_config("timezone: \"+8\"\nvisits:\n  frequency: {key: 3d}\n", "kamgr.yaml", d2);
  CHECK(has_problem(d2, 1, "'timezone'"));
  CHECK(has_problem(d2, 3, "'visits.frequency.key'"));

  Diagnostics d5;  // a partial frequency map changes only the tiers it names
  const Config c5 = load_config("visits:\n  frequency: {general: 3m, vip: 1w}\n", "kamgr.yaml", d5);
  CHECK(d5.problems().empty());
  CHECK(c5.visit_frequency.at("general").count == 3);
  CHECK(c5.visit_frequency.at("key").unit == Duration::Unit::weeks);
  CHECK(c5.visit_frequency.at("secondary").count == 2);
  CHECK(c5.visit_frequency.at("vip").count == 1);

  Diagnostics d3;
  Config c3 = load_config("timezon: \"+09:00\"\nkpi:\n  cap: 150\n", "kamgr.yaml", d3);
  CHECK_FALSE(d3.has_errors());
  CHECK(has_problem(d3, 1, "did you mean 'timezone'"));
  CHECK(c3.kpi_cap == 150);
  CHECK(c3.timezone.minutes == 480);

  Diagnostics d4;
  load_config("week_anchor: 2024-01-02\n", "kamgr.yaml", d4);
  CHECK(has_problem(d4, 1, "a Monday"));

  // A grade without its name was an internal error (yaml-cpp's invalid node), exit 3.
  Diagnostics d6;
  load_config("review:\n  grades:\n    - {x: y}\n    - {min: 80, share: 0.2}\n", "kamgr.yaml", d6);
  CHECK(has_problem(d6, 3, "'review.grades'"));
  CHECK(has_problem(d6, 4, "'review.grades'"));
}

TEST_CASE("member loader") {
  Diagnostics d;
  auto m = load_member("id: zhang-san\nname: 张三\nrole: rep\nmanager: li-si\nfoo: kept\n",
                       "team/zhang-san.yaml", d);
  REQUIRE(m);
  CHECK(m->manager == "li-si");
  CHECK(m->active);
  Diagnostics d2;
  CHECK_FALSE(load_member("id: zhang-san\nname: 张三\nrole: rep\n", "team/zhang-san.yaml", d2));
  CHECK(has_problem(d2, 3, "needs a manager"));
  Diagnostics d3;
  CHECK_FALSE(load_member("id: li\nname: x\nrole: rep\nmanager: a\n", "team/zhang-san.yaml", d3));
  CHECK(has_problem(d3, 1, "does not match the file name"));
  Diagnostics d4;
  CHECK_FALSE(load_member("id: x\nname: a\nname: b\nrole: hr\n", "team/x.yaml", d4));
  CHECK(has_problem(d4, 3, "duplicate key 'name'"));
  Diagnostics d5;
  CHECK_FALSE(load_member("id: x\nname: [a\n", "team/x.yaml", d5));
  CHECK(d5.has_errors());
  CHECK(d5.problems()[0].message.find("syntax") != std::string::npos);
}

TEST_CASE("a quoted string never closed is a syntax error, not the rest of the file") {
  // yaml-cpp 0.7 reads `name: "a` at the end of a file as the rest of the file.
  Diagnostics open_double;
  CHECK_FALSE(load_member("id: x\nrole: hr\nname: \"abc\nemail: a@b\n", "team/x.yaml", open_double));
  CHECK(has_problem(open_double, 3, "double quote opened here is never closed"));
  Diagnostics open_single;
  CHECK_FALSE(load_member("id: x\nrole: hr\nname: 'it''s\n", "team/x.yaml", open_single));
  CHECK(has_problem(open_single, 3, "single quote"));
  Diagnostics closed;  // escapes and doubled quotes do not end a string early
  CHECK(load_member("id: x\nrole: hr\nname: \"a \\\" b\"\nemail: 'it''s'\n", "team/x.yaml", closed));
  CHECK_FALSE(closed.has_errors());
}

TEST_CASE("one YAML document per record; document-end markers alone are fine") {
  const std::string member = "id: x\nname: a\nrole: hr\n";
  Diagnostics ok;
  CHECK(load_member("---\n" + member + "...\n...\n", "team/x.yaml", ok));
  CHECK_FALSE(ok.has_errors());
  Diagnostics two;
  CHECK_FALSE(load_member(member + "---\n" + member, "team/x.yaml", two));
  CHECK(has_problem(two, 4, "more than one YAML document"));
  // Found by fuzzing: yaml-cpp 0.7's LoadAll never returns on a stray comma after a
  // document end (jbeder/yaml-cpp#1040); the file must be refused at once.
  Diagnostics comma;
  CHECK_FALSE(load_member(member + "...\n,\n", "team/x.yaml", comma));
  CHECK(comma.has_errors());
  Diagnostics lone_comma;  // yaml-cpp reads it as null: not an empty file
  CHECK_FALSE(load_member(",\n", "team/x.yaml", lone_comma));
  CHECK(has_problem(lone_comma, 1, "expected a mapping"));
  Diagnostics comments;
  CHECK_FALSE(load_member("# only a comment\n---\n...  # end\n", "team/x.yaml", comments));
  CHECK(has_problem(comments, 1, "file is empty"));
}

TEST_CASE("customer history: tier, owner and status on any date") {
  Diagnostics d;
  auto c = load_customer(
      "id: acme\nname: A\nhistory:\n"
      "  - {date: 2024-03-01, tier: key, owner: zhang-san}\n"
      "  - {date: 2025-06-01, owner: wang-wu}\n"
      "  - {date: 2026-02-01, status: lost}\n",
      "customers/acme.yaml", Config::defaults(), d);
  REQUIRE(c);
  CHECK_FALSE(c->state_on(*Date::parse("2024-02-29")).managed);
  auto s = c->state_on(*Date::parse("2024-03-01"));
  CHECK(s.active());
  CHECK(s.owner == "zhang-san");
  CHECK(c->state_on(*Date::parse("2025-06-01")).owner == "wang-wu");
  CHECK(c->state_on(*Date::parse("2025-06-01")).tier == "key");
  CHECK_FALSE(c->state_on(*Date::parse("2026-02-01")).active());

  Diagnostics d2;
  load_customer("id: acme\nname: A\nhistory:\n  - {date: 2024-03-01, owner: zhang-san}\n"
                "  - {date: 2024-01-01, tier: gold}\n",
                "customers/acme.yaml", Config::defaults(), d2);
  CHECK(has_problem(d2, 4, "missing history entry field 'tier'"));
  CHECK(has_problem(d2, 5, "oldest first"));
  CHECK(has_problem(d2, 5, "unknown value 'gold'"));
}

TEST_CASE("visit loader checks folder, times and required fields") {
  const std::string ok =
      "id: 20261122-k3m9qa\ncustomer: acme\nrep: zhang-san\ndate: 2026-11-22\n"
      "start: \"09:30\"\nend: \"10:45\"\npurpose: p\nrecorded_at: 2026-11-22T18:20:00+08:00\n";
  Diagnostics d;
  CHECK(load_visit(ok, "visits/2026/11/20261122-k3m9qa.yaml", Config::defaults(), d));
  Diagnostics d2;
  CHECK_FALSE(load_visit(ok, "visits/2026/10/20261122-k3m9qa.yaml", Config::defaults(), d2));
  CHECK(has_problem(d2, 4, "visits/2026/11/"));
  Diagnostics d3;
  std::string bad = ok;
  bad.replace(bad.find("10:45"), 5, "08:00");
  CHECK_FALSE(load_visit(bad, "visits/2026/11/20261122-k3m9qa.yaml", Config::defaults(), d3));
  CHECK(has_problem(d3, 6, "before the start"));
  Diagnostics d4;
  CHECK_FALSE(load_visit("id: 20261122-k3m9qa\ncustomer: acme\n",
                         "visits/2026/11/20261122-k3m9qa.yaml", Config::defaults(), d4));
  CHECK(has_problem(d4, 1, "missing field 'rep'"));
  CHECK(has_problem(d4, 1, "missing field 'recorded_at'"));
}

TEST_CASE("canonical records") {
  Value v = Value::object();
  v.set("id", "20261122-k3m9qa");
  v.set("name", "華潤: 萬家");
  v.set("start", "09:30");
  v.set("competitors", Value::array());
  Value list = Value::array();
  list.push("某競品");
  list.push("a, b");
  v.set("competitors", list);
  Value entry = Value::object();
  entry.set("date", Value::plain("2026-01-01"));
  entry.set("note", "yes");
  Value log = Value::array();
  log.push(entry);
  v.set("history", log);
  CHECK(canonical_record(v) ==
        "id: 20261122-k3m9qa\nname: \"華潤: 萬家\"\nstart: \"09:30\"\n"
        "competitors: [某競品, \"a, b\"]\nhistory:\n  - {date: 2026-01-01, note: \"yes\"}\n");
  Value empty = Value::object();
  empty.set("id", "x");
  empty.set("events", Value::array());
  CHECK(canonical_record(empty) == "id: x\nevents:\n");
}

TEST_CASE("appending to a log keeps every byte and follows the indentation") {
  Value item = Value::object();
  item.set("date", Value::plain("2026-06-01"));
  item.set("owner", "li-si");
  const std::string compact = "id: a\n# note\nhistory:\n- {date: 2026-01-01}\n";
  CHECK(append_log_item(compact, "history", item, "f") ==
        compact + "- {date: 2026-06-01, owner: li-si}\n");
  const std::string deep = "history:\n    - date: 2026-01-01\n      tier: key\n# trailing\n";
  CHECK(append_log_item(deep, "history", item, "f") ==
        deep + "    - {date: 2026-06-01, owner: li-si}\n");
  const std::string bare = "id: a\nevents:";
  CHECK(append_log_item(bare, "events", item, "f") ==
        "id: a\nevents:\n  - {date: 2026-06-01, owner: li-si}\n");
  CHECK_THROWS_AS(append_log_item("history:\n  - {a: 1}\nextra: 1\n", "history", item, "f"),
                  Error);
  CHECK_THROWS_AS(append_log_item("events: []\n", "events", item, "f"), Error);
  const std::string crlf = "id: a\r\nevents:\r\n  - {a: 1}\r\n";
  CHECK(append_log_item(crlf, "events", item, "f") ==
        crlf + "  - {date: 2026-06-01, owner: li-si}\r\n");
}

TEST_CASE("unknown keys are warnings with did-you-mean; x- fields and log items too") {
  const std::string text =
      "id: 20261122-k3m9qa\ncustomer: acme\nrep: zhang-san\ndate: 2026-11-22\n"
      "purpose: p\noutcom: signed\nx-crm-id: 4711\nnext_steps:\n"
      "  - {action: call, deu: 2026-11-30}\nrecorded_at: 2026-11-22T18:20:00+08:00\n";
  Diagnostics d;
  CHECK(load_visit(text, "visits/2026/11/20261122-k3m9qa.yaml", Config::defaults(), d));
  REQUIRE(d.problems().size() == 2);
  CHECK(d.problems()[0].severity == Problem::Severity::warning);
  CHECK(has_problem(d, 6, "unknown field 'outcom' (ignored); did you mean 'outcome'?"));
  CHECK(has_problem(d, 9, "unknown next step field 'deu' (ignored); did you mean 'due'?"));
  // A key the loader reads only for some event types is not a typo on another type.
  const std::string complaint =
      "id: 20261101-c00001\ncustomer: acme\nrep: zhang-san\nlevel: general\n"
      "category: delivery\nsummary: s\nreceived_at: 2026-11-01T09:00:00+08:00\nevents:\n"
      "  - {type: contacted, at: 2026-11-01T10:00:00+08:00, by: zhang-san, nte: x}\n";
  Diagnostics d2;
  CHECK(load_complaint(complaint, "complaints/2026/20261101-c00001.yaml", Config::defaults(), d2));
  CHECK(has_problem(d2, 9, "unknown event field 'nte' (ignored); did you mean 'note'?"));
  CHECK(d2.problems().size() == 1);
}
