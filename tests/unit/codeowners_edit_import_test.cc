// CODEOWNERS, the customer-edit rules, editor words, one-line messages and strict UTF-8
// in CSV imports (docs/security.md, docs/guide.md, docs/formats.md).
#include <doctest/doctest.h>

#include "kamgr/core/csv.h"
#include "kamgr/core/error.h"
#include "kamgr/domain/codeowners.h"
#include "kamgr/domain/integrity.h"
#include "kamgr/domain/kpi_import.h"
#include "kamgr/system/editor.h"
#include "kamgr/store/loaders.h"

using namespace kamgr;

namespace {

Member member(const char* id, Role role, const char* manager, const char* email,
              const char* handle = "", bool active = true) {
  Member m;
  m.id = id;
  m.name = id;
  m.role = role;
  m.manager = manager;
  m.email = email;
  m.handle = handle;
  m.active = active;
  m.source.file = std::string("team/") + id + ".yaml";
  return m;
}

Customer customer(const std::string& text, const std::string& id = "acme") {
  Diagnostics d;
  auto c = load_customer(text, "customers/" + id + ".yaml", Config::defaults(), d);
  REQUIRE(c);
  return *c;
}

const char* const kAcme =
    "id: acme\nname: A\nhistory:\n  - {date: 2024-03-01, tier: key, owner: zhang}\n"
    "  - {date: 2026-10-15, owner: zhao}\n";

}  // namespace

TEST_CASE("codeowners: directors, HR, the owner's manager and owner on the day") {
  const Team team({member("boss", Role::director, "", "boss@x.com"),
                   member("hr", Role::hr, "", "", "hr-team/people"),
                   member("li", Role::manager, "boss", "li@x.com", "lisi"),
                   member("zhang", Role::rep, "li", "zhang@x.com"),
                   member("zhao", Role::rep, "li", "bad address")});
  const CustomerBook book({customer(kAcme)});
  Codeowners co = make_codeowners(team, book, Date::parse("2026-11-01").value(), "");
  CHECK(co.text.find("\n/team/ boss@x.com\n") != std::string::npos);
  CHECK(co.text.find("\n/reviews/ @hr-team/people boss@x.com\n") != std::string::npos);
  // zhao owns acme now but cannot be named: only the manager is left.
  CHECK(co.text.find("\n/customers/acme.yaml @lisi\n") != std::string::npos);
  REQUIRE(co.warnings.size() == 1);
  CHECK(co.warnings[0].find("'zhao' has no handle or email") != std::string::npos);
  co = make_codeowners(team, book, Date::parse("2025-01-01").value(), "sales/");
  CHECK(co.text.find("\n/sales/customers/acme.yaml @lisi zhang@x.com\n") != std::string::npos);
  // Before the first history entry: the first owner.
  co = make_codeowners(team, book, Date::parse("2020-01-01").value(), "");
  CHECK(co.text.find("\n/customers/acme.yaml @lisi zhang@x.com\n") != std::string::npos);
}

TEST_CASE("codeowners: nobody to name falls back to the directors, or the rule goes") {
  const Team team({member("li", Role::manager, "boss", "li@x.com", "", false),
                   member("zhang", Role::rep, "li", "")});
  const Codeowners co =
      make_codeowners(team, CustomerBook({customer(kAcme)}), Date::parse("2025-01-01").value(), "");
  CHECK(co.text.find("/customers/") == std::string::npos);
  CHECK(co.text.find("/team/") == std::string::npos);
  CHECK(co.warnings.size() >= 3);
}

TEST_CASE("handles") {
  CHECK(is_valid_handle("zhangsan"));
  CHECK(is_valid_handle("org/sales-team"));
  CHECK(is_valid_handle("Zhang.San_1"));
  CHECK_FALSE(is_valid_handle(""));
  CHECK_FALSE(is_valid_handle("@zhang"));  // the loader strips one '@'
  CHECK_FALSE(is_valid_handle("a b"));
  CHECK_FALSE(is_valid_handle("a\n* @evil"));
  CHECK_FALSE(is_valid_handle("org/"));
  CHECK_FALSE(is_valid_handle("a/../b"));
  CHECK_FALSE(is_valid_handle(std::string(101, 'a')));
  Diagnostics d;
  auto m = load_member("id: x\nname: X\nrole: hr\nhandle: '@xx'\n", "team/x.yaml", d);
  REQUIRE(m);
  CHECK(m->handle == "xx");
  CHECK_FALSE(load_member("id: x\nname: X\nrole: hr\nhandle: 'a #b'\n", "team/x.yaml", d));
}

TEST_CASE("customer edit: same id, history only appended") {
  const Customer before = customer(kAcme);
  Diagnostics ok;
  check_customer_edit(before,
                      customer(std::string(kAcme) + "  - {date: 2026-11-01, tier: general}\n"), ok);
  CHECK_FALSE(ok.has_errors());
  Diagnostics reformatted;  // the same entries written differently are unchanged
  check_customer_edit(before,
                      customer("id: acme\nname: B\nindustry: x\nhistory:\n- date: 2024-03-01\n"
                               "  owner: zhang\n  tier: key\n- {owner: zhao, date: 2026-10-15}\n"),
                      reformatted);
  CHECK_FALSE(reformatted.has_errors());
  Diagnostics changed;
  check_customer_edit(before,
                      customer("id: acme\nname: A\nhistory:\n  - {date: 2024-03-01, tier: key, "
                               "owner: zhao}\n  - {date: 2026-10-15, owner: zhao}\n"),
                      changed);
  REQUIRE(changed.has_errors());
  CHECK(changed.problems()[0].line == 4);
  CHECK(changed.problems()[0].message.find("history entry 1") != std::string::npos);
  Diagnostics removed;
  check_customer_edit(before,
                      customer("id: acme\nname: A\nhistory:\n  - {date: 2024-03-01, tier: key, "
                               "owner: zhang}\n"),
                      removed);
  CHECK(removed.has_errors());
  Diagnostics renamed;
  Customer other = customer(kAcme);
  other.id = "acme2";
  check_customer_edit(before, other, renamed);
  CHECK(renamed.has_errors());
}

TEST_CASE("editor words: split like a shell, run like none") {
  using W = std::vector<std::string>;
  CHECK(split_command_words("vi") == W{"vi"});
  CHECK(split_command_words("  code --wait  ") == W{"code", "--wait"});
  CHECK(split_command_words("'/opt/My Editor/ed' -n") == W{"/opt/My Editor/ed", "-n"});
  CHECK(split_command_words(R"("a \"b\" c" d\ e)") == W{R"(a "b" c)", "d e"});
  CHECK(split_command_words("vi; rm -rf /") == W{"vi;", "rm", "-rf", "/"});
  CHECK(split_command_words("emacs $HOME `x` |y") == W{"emacs", "$HOME", "`x`", "|y"});
  CHECK_THROWS_WITH(split_command_words("'vi"), doctest::Contains("unclosed"));
  CHECK_THROWS_WITH(split_command_words("\"vi"), doctest::Contains("unclosed"));
  CHECK_THROWS_WITH(split_command_words("   "), doctest::Contains("empty"));
  CHECK(editor_setting("code -w", "nano") == "code -w");
  CHECK(editor_setting("", "nano") == "nano");
  CHECK(editor_setting(nullptr, nullptr) == "vi");
}

TEST_CASE("messages stay on one line and short") {
  CHECK(printable("a\nb\x1b[31m\tc") == "a\\nb\\x1b[31m\\tc");
  CHECK(printable(std::string(100, 'z')) == std::string(60, 'z') + "...");
  // Cut at a character boundary: 张 is 3 bytes.
  std::string chinese = "a";
  for (int i = 0; i < 30; ++i) chinese += "张";
  CHECK(printable(chinese, 10) == "a张张张...");
  CHECK(printable(chinese, 9) == "a张张...");
  CHECK(Error(Exit::bad_input, "bad\nvalue", "f\n.csv", 3).describe() ==
        "bad\\nvalue (f\\n.csv:3)");
  // A megabyte-long word costs nothing and matches nothing.
  CHECK(closest_match(std::string(1 << 20, 'z'), {"zhang-san", "li-si"}).empty());
  CHECK(closest_match("zhang-sna", {"zhang-san", "li-si"}) == "zhang-san");
}

TEST_CASE("csv: only well-formed UTF-8") {
  CHECK_NOTHROW(parse_csv("member,销售\n张三,1\n\xF0\x9F\x98\x80\n", "f"));
  CHECK_THROWS_WITH(parse_csv("a\n\xC0\xAF\n", "f"), doctest::Contains("not UTF-8"));  // overlong
  CHECK_THROWS_WITH(parse_csv("a\n\xE0\x80\xAF\n", "f"),
                    doctest::Contains("not UTF-8"));  // overlong
  CHECK_THROWS_WITH(parse_csv("a\n\xED\xA0\x80\n", "f"),
                    doctest::Contains("not UTF-8"));  // surrogate
  CHECK_THROWS_WITH(parse_csv("a\n\xF4\x90\x80\x80\n", "f"),
                    doctest::Contains("not UTF-8"));                                 // > U+10FFFF
  CHECK_THROWS_WITH(parse_csv("a\n\xE5\xBC", "f"), doctest::Contains("not UTF-8"));  // cut short
}

TEST_CASE("import: a header without values is refused") {
  const Team team({member("boss", Role::director, "", ""), member("zhang", Role::rep, "boss", "")});
  for (const char* text : {"member,sales\n", "member,metric,value\n", "member,sales\nzhang,\n"}) {
    Diagnostics diag;
    const auto drafts = kpi_drafts_from_csv(parse_csv(text, "in.csv"), "in.csv", KpiKind::actuals,
                                            Config::defaults(), team, diag);
    CHECK(drafts.empty());
    REQUIRE(diag.has_errors());
    CHECK(diag.problems()[0].message.find("no values") != std::string::npos);
  }
  Diagnostics diag;
  kpi_drafts_from_csv(parse_csv("member,sales\n\"x\ny\",1\n", "in.csv"), "in.csv", KpiKind::actuals,
                      Config::defaults(), team, diag);
  REQUIRE(diag.has_errors());
  CHECK(diag.problems()[0].message.find("'x\\ny'") != std::string::npos);
}

TEST_CASE("import: a sign is one '+' or one '-' before the number") {
  std::string problem;
  const Config config = Config::defaults();
  CHECK(kpi_number_text(config, KpiKind::actuals, "sales", "+5", problem) == "5");
  CHECK(problem.empty());
  CHECK(kpi_number_text(config, KpiKind::actuals, "sales", "+.5", problem) == "0.5");
  CHECK(problem.empty());
  for (const char* bad : {"+-5", "++5", "-+5", "+", "--5", "+ 5"}) {
    problem.clear();
    CHECK(kpi_number_text(config, KpiKind::actuals, "sales", bad, problem).empty());
    CHECK_MESSAGE(problem.find("not a number") != std::string::npos, bad);
  }
}
