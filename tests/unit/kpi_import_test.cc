// CSV reading, `METRIC=VALUE` words and CSV rows -> kpi entries, and the kpi file loader.
#include <doctest/doctest.h>

#include "kamgr/core/csv.h"
#include "kamgr/domain/kpi_import.h"
#include "kamgr/store/kpi_files.h"

using namespace kamgr;

namespace {

Team team() {
  return Team({{"boss", "B", Role::director, "", "", true, {}, {}},
               {"zhang-san", "Z", Role::rep, "boss", "", true, {}, {}},
               {"li-si", "L", Role::rep, "boss", "", true, {}, {}}});
}

std::vector<KpiDraft> import(const std::string& csv, KpiKind kind, Diagnostics& diag) {
  return kpi_drafts_from_csv(parse_csv(csv, "in.csv"), "in.csv", kind, Config::defaults(),
                             team(), diag);
}

}  // namespace

TEST_CASE("csv: BOM, CRLF, quotes, blank lines and line numbers") {
  const auto rows = parse_csv("\xEF\xBB\xBFmember,sales\r\n\r\n\"li-si\",\"1\"\"2\"\r\nx,\"a\nb\"\r\ny,3", "f");
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].cells == std::vector<std::string>{"member", "sales"});
  CHECK(rows[1].line == 3);
  CHECK(rows[1].cells[1] == "1\"2");
  CHECK(rows[2].cells[1] == "a\nb");
  CHECK(rows[3].line == 6);  // the quoted line break counts
  CHECK(parse_csv(",,\n , \n", "f").empty());
  CHECK_THROWS_WITH(parse_csv("a,\"b\n", "f"), doctest::Contains("not closed"));
  CHECK_THROWS_WITH(parse_csv("a\n\xC4\xE3\xBA\xC3\n", "f"), doctest::Contains("not UTF-8"));
  CHECK_THROWS_WITH(parse_csv("\xFF\xFEm\0", "f"), doctest::Contains("UTF-16"));
}

TEST_CASE("import: wide form, one entry per member, empty cells skipped") {
  Diagnostics diag;
  const auto drafts =
      import("member,sales,collection_rate\nzhang-san,1200000,93.5\nli-si,,88\n", KpiKind::actuals, diag);
  CHECK_FALSE(diag.has_errors());
  REQUIRE(drafts.size() == 2);
  CHECK(drafts[0].member == "zhang-san");
  CHECK(drafts[0].values == std::vector<std::pair<std::string, std::string>>{
                                {"sales", "1200000"}, {"collection_rate", "93.5"}});
  CHECK(drafts[1].values.size() == 1);
}

TEST_CASE("import: long form with or without header, grouped by member") {
  Diagnostics diag;
  auto drafts = import("Member,Metric,Value\nli-si,sales,5\nzhang-san,sales,7\nli-si,Profit,-3\n",
                       KpiKind::actuals, diag);
  CHECK_FALSE(diag.has_errors());
  REQUIRE(drafts.size() == 2);
  CHECK(drafts[0].member == "li-si");
  CHECK(drafts[0].values.size() == 2);  // sales and profit (a loss may be negative)
  drafts = import("li-si,sales,5\n", KpiKind::targets, diag);
  CHECK(drafts.size() == 1);
  CHECK_FALSE(diag.has_errors());
}

TEST_CASE("import: every bad row is reported with its line, nothing is returned") {
  Diagnostics diag;
  const auto drafts = import(
      "member,sales,collection_rate\n"
      "zhang-san,100,90\n"       // 2: fine
      "zhang-sna,100,90\n"       // 3: unknown member
      "li-si,1.2.3,90\n"         // 4: not a number
      "boss,100,-4\n"            // 5: negative percentage
      "zhang-san,5,\n",          // 6: zhang-san sales again
      KpiKind::actuals, diag);
  CHECK(drafts.empty());
  REQUIRE(diag.error_count() == 4);
  const auto& p = diag.problems();
  CHECK(p[0].line == 3);
  CHECK(p[0].message.find("did you mean 'zhang-san'") != std::string::npos);
  CHECK(p[1].line == 4);
  CHECK(p[1].message.find("not a number") != std::string::npos);
  CHECK(p[2].line == 5);
  CHECK(p[2].message.find("negative") != std::string::npos);
  CHECK(p[3].line == 6);
  CHECK(p[3].message.find("twice") != std::string::npos);
}

TEST_CASE("import: unknown or computed metrics, targets <= 0") {
  Diagnostics d1;
  import("member,slaes\nli-si,5\n", KpiKind::targets, d1);
  REQUIRE(d1.has_errors());
  CHECK(d1.problems()[0].message.find("did you mean 'sales'") != std::string::npos);
  CHECK(d1.problems()[0].line == 1);
  Diagnostics d2;
  import("li-si,visit_compliance,80\n", KpiKind::actuals, d2);
  CHECK(d2.problems().at(0).message.find("computed by kamgr") != std::string::npos);
  Diagnostics d3;
  CHECK(import("li-si,visit_compliance,80\n", KpiKind::targets, d3).size() == 1);
  Diagnostics d4;
  import("li-si,sales,0\n", KpiKind::targets, d4);
  CHECK(d4.problems().at(0).message.find("above 0") != std::string::npos);
  Diagnostics d5;
  import("li-si,\"1,200\"\n", KpiKind::targets, d5);  // two cells: not long form
  CHECK(d5.has_errors());
  Diagnostics d6;
  import("member,sales\nli-si,\"1,200\"\n", KpiKind::targets, d6);
  CHECK(d6.problems().at(0).message.find("thousands") != std::string::npos);
}

TEST_CASE("set: METRIC=VALUE words") {
  const Config c = Config::defaults();
  const KpiDraft d = kpi_draft_from_assignments("li-si", {"sales=1e6", "complaint_rate=0"},
                                                KpiKind::targets, c, team());
  CHECK(d.values[0].second == "1000000");
  CHECK(d.values[1].second == "0");
  CHECK_THROWS_WITH(kpi_draft_from_assignments("li-su", {"sales=1"}, KpiKind::targets, c, team()),
                    doctest::Contains("did you mean 'li-si'"));
  CHECK_THROWS_WITH(kpi_draft_from_assignments("li-si", {"sales"}, KpiKind::targets, c, team()),
                    doctest::Contains("METRIC=VALUE"));
  CHECK_THROWS_WITH(kpi_draft_from_assignments("li-si", {"sales=-1"}, KpiKind::targets, c, team()),
                    doctest::Contains("above 0"));
  CHECK_THROWS(kpi_draft_from_assignments("li-si", {"csat=4"}, KpiKind::actuals, c, team()));
}

TEST_CASE("kpi file loader") {
  const Config c = Config::defaults();
  const Team t = team();
  Diagnostics diag;
  const auto f = load_kpi_file(
      "# comment\nentries:\n  - {member: li-si, sales: 100, slaes: 3}\n  - member: boss\n    "
      "sales: 7\n",
      "kpi/2026-10/targets.yaml", c, &t, diag);
  REQUIRE(f);
  CHECK(f->period == "2026-10");
  CHECK(f->kind == KpiKind::targets);
  CHECK(f->entries.size() == 2);
  CHECK(f->entries[1].line == 4);
  CHECK_FALSE(diag.has_errors());
  CHECK(diag.problems().size() == 1);  // the unknown metric is a warning
  CHECK(diag.problems()[0].line == 3);

  Diagnostics bad;
  CHECK_FALSE(load_kpi_file("entries:\n  - {member: nobody, sales: 0}\n",
                            "kpi/2026-10/targets.yaml", c, &t, bad));
  CHECK(bad.error_count() == 2);  // unknown member, target 0
  Diagnostics empty;
  CHECK(load_kpi_file("entries:\n", "kpi/2026/actuals.yaml", c, &t, empty));
  CHECK_FALSE(empty.has_errors());
  Diagnostics none;
  CHECK_FALSE(load_kpi_file("period: 2026\n", "kpi/2026/actuals.yaml", c, &t, none));
}

TEST_CASE("import again: only new or changed values are appended") {
  KpiTable in_force;
  in_force[{"zhang-san", "sales"}].value = 1200000;
  in_force[{"zhang-san", "profit"}].value = 94.2;
  const std::vector<KpiDraft> drafts = {
      {"zhang-san", {{"sales", "1200000"}, {"profit", "94.20"}, {"collection_rate", "95"}}, 2},
      {"li-si", {{"sales", "800000"}}, 3}};
  const KpiDelta same = kpi_delta(in_force, {{"zhang-san", {{"sales", "1200000"}, {"profit", "94.2"}}, 2}});
  CHECK(same.to_append.empty());
  CHECK(same.unchanged == 2);
  KpiTable changed = in_force;
  changed[{"zhang-san", "sales"}].value = 1100000;
  const KpiDelta d = kpi_delta(changed, drafts);
  CHECK(d.added == 2);
  CHECK(d.changed == 1);
  CHECK(d.unchanged == 1);
  REQUIRE(d.to_append.size() == 2);
  CHECK(d.to_append[0].values == std::vector<std::pair<std::string, std::string>>{
                                     {"sales", "1200000"}, {"collection_rate", "95"}});
  CHECK(d.to_append[0].line == 2);
  CHECK(d.to_append[1].member == "li-si");
}
