// Correcting visits (docs/visits.md "Correcting a visit"): who may edit or remove a
// visit, what an edit may not change, finding a visit's file and moving it.
#include "kamgr/domain/visit_rules.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "kamgr/store/mutation.h"
#include "kamgr/store/visit_files.h"

using namespace kamgr;
namespace fs = std::filesystem;

namespace {

const TzOffset kZone{480};

Member person(const char* id, Role role, const char* manager) {
  Member m;
  m.id = id;
  m.role = role;
  m.manager = manager;
  return m;
}

Team demo_team() {
  return Team({person("boss", Role::director, ""), person("hr", Role::hr, ""),
               person("m1", Role::manager, "boss"), person("m2", Role::manager, "boss"),
               person("r1", Role::rep, "m1"), person("r2", Role::rep, "m1"),
               person("r3", Role::rep, "m2")});
}

Visit visit(const char* date, const char* start, const char* recorded) {
  Visit v;
  v.id = "20261122-abcdef";
  v.rep = "r1";
  v.date = *Date::parse(date);
  if (*start) v.start = TimeOfDay::parse(start);
  v.recorded_at = *Instant::parse(recorded, kZone);
  return v;
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

}  // namespace

TEST_CASE("the rep, the rep's manager and any director may change a visit; no one else") {
  const Team team = demo_team();
  CHECK(refuse_visit_change(team, "r1", "r1", "edit").empty());
  CHECK(refuse_visit_change(team, "m1", "r1", "edit").empty());
  CHECK(refuse_visit_change(team, "boss", "r1", "remove").empty());
  CHECK(refuse_visit_change(team, "boss", "gone", "remove").empty());  // a departed rep's
  CHECK(refuse_visit_change(team, "m1", "m1", "edit").empty());        // a manager's own
  const std::string other_rep = refuse_visit_change(team, "r2", "r1", "edit");
  CHECK(other_rep.find("only the rep who recorded the visit (r1), their manager (m1) or a "
                       "director may edit it; 'r2' (rep) may not") != std::string::npos);
  CHECK_FALSE(refuse_visit_change(team, "r3", "r1", "remove").empty());  // another team's rep
  CHECK_FALSE(refuse_visit_change(team, "m2", "r1", "remove").empty());  // another manager
  CHECK_FALSE(refuse_visit_change(team, "m1", "m2", "edit").empty());    // a peer manager
  CHECK_FALSE(refuse_visit_change(team, "r1", "m1", "edit").empty());    // a rep, their boss's
  CHECK(refuse_visit_change(team, "hr", "r1", "edit").find("'hr' (hr) may not") !=
        std::string::npos);
  CHECK(refuse_visit_change(team, "r1", "gone", "remove").find("their manager (none) or a "
                                                               "director may remove it") !=
        std::string::npos);
  CHECK(refuse_visit_change(team, "nobody", "r1", "edit") ==
        "'nobody' is not a member of the team");
}

TEST_CASE("an edit keeps the id and recorded_at, and the visit before it was recorded") {
  const Visit before = visit("2026-11-22", "09:30", "2026-11-22T18:00:00+08:00");
  CHECK(visit_edit_problems(before, before, kZone).empty());
  Visit moved = before;
  moved.date = *Date::parse("2026-10-30");  // earlier: fine, another month
  CHECK(visit_edit_problems(before, moved, kZone).empty());

  Visit other = before;
  other.id = "20261122-zzzzzz";
  other.recorded_at = *Instant::parse("2026-11-22T10:00:00+08:00", kZone);
  const auto problems = visit_edit_problems(before, other, kZone);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].field == "id");
  CHECK(problems[1].field == "recorded_at");
  CHECK(problems[1].message.find("(it is 2026-11-22T18:00:00+08:00)") != std::string::npos);

  Visit later = before;
  later.start = TimeOfDay::parse("18:30");  // starts after it was recorded
  REQUIRE(visit_edit_problems(before, later, kZone).size() == 1);
  CHECK(visit_edit_problems(before, later, kZone)[0].field == "date");
  later.start.reset();
  later.date = *Date::parse("2026-11-23");
  CHECK(visit_edit_problems(before, later, kZone).size() == 1);
}

TEST_CASE("a visit's file is found in any month folder; a move leaves exactly one file") {
  const fs::path root = fs::temp_directory_path() / "kamgr-visit-rules-test";
  fs::remove_all(root);
  write(root / "kamgr.yaml", "");
  const std::string text = "id: 20261122-abcdef\n";
  write(root / "visits/2026/11/20261122-abcdef.yaml", text);
  Diagnostics diag;
  const DataDir dir = DataDir::open(root, diag);
  CHECK(visit_files_named(dir, "20261122-abcdef") ==
        std::vector<std::string>{"visits/2026/11/20261122-abcdef.yaml"});
  CHECK(visit_files_named(dir, "../etc") == std::vector<std::string>{});
  CHECK(visit_ids_of_month(dir, "20261130-zzzzzz") == std::vector<std::string>{"20261122-abcdef"});

  const auto keep = [](const std::string&, const std::string&, Diagnostics&) {};
  move_record(dir, "visits/2026/11/20261122-abcdef.yaml", "visits/2026/10/20261122-abcdef.yaml",
              text, "id: 20261122-abcdef\ndate: 2026-10-30\n", keep);
  CHECK(visit_files_named(dir, "20261122-abcdef") ==
        std::vector<std::string>{"visits/2026/10/20261122-abcdef.yaml"});
  CHECK(dir.read("visits/2026/10/20261122-abcdef.yaml") == "id: 20261122-abcdef\ndate: 2026-10-30\n");
  CHECK(dir.written() == std::vector<std::string>{"visits/2026/11/20261122-abcdef.yaml",
                                                  "visits/2026/10/20261122-abcdef.yaml"});
  // The file changed since it was read, or the target exists: nothing moves.
  CHECK_THROWS(move_record(dir, "visits/2026/10/20261122-abcdef.yaml",
                           "visits/2026/09/20261122-abcdef.yaml", text, "x", keep));
  write(root / "visits/2026/09/20261122-abcdef.yaml", "copy");
  CHECK_THROWS(move_record(dir, "visits/2026/10/20261122-abcdef.yaml",
                           "visits/2026/09/20261122-abcdef.yaml",
                           "id: 20261122-abcdef\ndate: 2026-10-30\n", "x", keep));
  CHECK(dir.read("visits/2026/10/20261122-abcdef.yaml") == "id: 20261122-abcdef\ndate: 2026-10-30\n");
  CHECK(visit_files_named(dir, "20261122-abcdef").size() == 2);

  CHECK_THROWS(remove_record(dir, "visits/2026/09/20261122-abcdef.yaml", "not this"));
  remove_record(dir, "visits/2026/09/20261122-abcdef.yaml", "copy");
  CHECK(visit_files_named(dir, "20261122-abcdef").size() == 1);
  CHECK(top_level_line("id: x\n\nrecorded_at: 2026-11-22\n", "recorded_at") == 3);
  CHECK(top_level_line("id: x\n", "date") == 0);
  CHECK(top_level_line("{", "id") == 0);
  fs::remove_all(root);
}
