#!/usr/bin/env python3
"""Writes the hostile-input corpus: each case is a folder under cases/ holding one bad file
at its path inside a data directory (overlaid on tests/fixtures/basic by
tests/e2e/hostile.sh). Re-run after editing; the output is committed.
A case named `ok-*` must be accepted (valid YAML that merely looks unusual)."""
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cases")

MEMBER = "id: zhang-san\nname: 张三\nrole: rep\nmanager: li-si\n"
CUSTOMER = ("id: acme\nname: 華潤萬家\nhistory:\n"
            "  - {date: 2024-03-01, tier: key, owner: zhang-san}\n")
VISIT = ("id: 20261102-aaaaaa03\ncustomer: gamma\nrep: zhao-liu\ndate: 2026-11-02\n"
         "start: \"09:30\"\nend: \"10:00\"\npurpose: p\nrecorded_at: 2026-11-02T20:00:00+08:00\n")
VISIT_PATH = "visits/2026/11/20261102-aaaaaa03.yaml"
KPI = "# 目标\nentries:\n  - {member: zhang-san, sales: 100}\n"
KPI_PATH = "kpi/2026-11/targets.yaml"
cases = {}


def case(name, path, content):
    assert name not in cases, name
    cases[name] = (path, content if isinstance(content, bytes) else content.encode())


def member(name, text):
    case("team-" + name, "team/zhang-san.yaml", text)


def customer(name, text):
    case("customer-" + name, "customers/acme.yaml", text)


def visit(name, text):
    case("visit-" + name, VISIT_PATH, text)


# --- syntax and encoding, applied to each record type -------------------------------
for kind, path, good in (("team", "team/zhang-san.yaml", MEMBER),
                         ("customer", "customers/acme.yaml", CUSTOMER),
                         ("visit", VISIT_PATH, VISIT),
                         ("kpi", KPI_PATH, KPI)):
    case(f"{kind}-empty", path, "")
    case(f"{kind}-only-comment", path, "# nothing here\n")
    case(f"{kind}-whitespace", path, "   \n\n")
    case(f"{kind}-bom", path, b"\xef\xbb\xbf" + good.encode())
    case(f"{kind}-invalid-utf8", path, good.encode().replace(b"\n", b"\xff\xfe\n", 1))
    case(f"{kind}-nul-byte", path, good.encode().replace(b"\n", b"\x00\n", 1))
    case(f"{kind}-tab-indent", path, good.replace("\n", "\n\t", 1))
    case(f"{kind}-unclosed-flow", path, good + "extra: [a, b\n")
    case(f"{kind}-top-level-list", path, "- a\n- b\n")
    case(f"{kind}-top-level-scalar", path, "hello\n")
    case(f"{kind}-duplicate-key", path, good + good.splitlines()[1] + "\n")
    case(f"{kind}-anchor-alias", path, "x: &a foo\n" + good + "y: *a\n")
    case(f"{kind}-alias-bomb", path, good + "".join(
        f"l{i}: &l{i} [" + ",".join([f"*l{i-1}" if i else "x"] * 10) + "]\n" for i in range(9)))
    case(f"{kind}-deep-nesting", path, good + "deep: " + "[" * 10000 + "]" * 10000 + "\n")
    case(f"{kind}-deep-block-nesting", path,
         good + "deep:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 600)) + "  " * 600 + "x: 1\n")
    case(f"{kind}-multi-document", path, good + "---\n" + good)
    case(f"{kind}-binary-garbage", path, bytes(range(1, 255)) * 4)
    case(f"{kind}-directive", path, "%YAML 9.9\n---\n" + good)

# --- members -------------------------------------------------------------------------
member("missing-id", "name: 张三\nrole: rep\nmanager: li-si\n")
member("missing-name", "id: zhang-san\nrole: rep\nmanager: li-si\n")
member("missing-role", "id: zhang-san\nname: 张三\nmanager: li-si\n")
member("bad-role", MEMBER.replace("role: rep", "role: salesman"))
member("role-typo", MEMBER.replace("role: rep", "role: mananger"))
member("no-manager", "id: zhang-san\nname: 张三\nrole: rep\n")
member("unknown-manager", MEMBER.replace("li-si", "nobody"))
member("self-manager", MEMBER.replace("manager: li-si", "manager: zhang-san"))
member("manager-is-rep", MEMBER.replace("manager: li-si", "manager: zhao-liu"))
member("id-mismatch", MEMBER.replace("id: zhang-san", "id: zhang-si"))
member("id-uppercase", MEMBER.replace("id: zhang-san", "id: Zhang-San"))
member("id-slash", MEMBER.replace("id: zhang-san", "id: ../etc/passwd"))
member("id-dotdot", MEMBER.replace("id: zhang-san", "id: a..b"))
member("id-nul", MEMBER.replace("id: zhang-san", 'id: "zhang\\0san"'))
member("id-space", MEMBER.replace("id: zhang-san", "id: zhang san"))
member("id-list", MEMBER.replace("id: zhang-san", "id: [zhang-san]"))
member("name-map", MEMBER.replace("name: 张三", "name: {first: 三}"))
member("name-nul", MEMBER.replace("name: 张三", 'name: "张\\0三"'))
member("name-empty", MEMBER.replace("name: 张三", 'name: ""'))
member("active-not-bool", MEMBER + "active: maybe\n")
member("active-list", MEMBER + "active: [true]\n")
member("manager-map", MEMBER.replace("manager: li-si", "manager: {id: li-si}"))
member("key-is-list", MEMBER + "[a, b]: c\n")

# --- customers -----------------------------------------------------------------------
customer("missing-history", "id: acme\nname: 華潤萬家\n")
customer("empty-history", "id: acme\nname: 華潤萬家\nhistory: []\n")
customer("history-not-list", "id: acme\nname: 華潤萬家\nhistory: {date: 2024-03-01}\n")
customer("history-scalar-item", "id: acme\nname: x\nhistory:\n  - 2024-03-01\n")
customer("first-entry-no-tier", CUSTOMER.replace("tier: key, ", ""))
customer("first-entry-no-owner", CUSTOMER.replace(", owner: zhang-san", ""))
customer("bad-tier", CUSTOMER.replace("tier: key", "tier: gold"))
customer("tier-typo", CUSTOMER.replace("tier: key", "tier: kye"))
customer("unknown-owner", CUSTOMER.replace("owner: zhang-san", "owner: nobody"))
customer("owner-uppercase", CUSTOMER.replace("owner: zhang-san", "owner: Zhang"))
customer("bad-status", CUSTOMER + "  - {date: 2025-01-01, status: gone}\n")
customer("date-feb-30", CUSTOMER.replace("2024-03-01", "2026-02-30"))
customer("date-month-13", CUSTOMER.replace("2024-03-01", "2024-13-01"))
customer("date-no-padding", CUSTOMER.replace("2024-03-01", "2024-3-1"))
customer("date-text", CUSTOMER.replace("2024-03-01", "yesterday"))
customer("date-year-0", CUSTOMER.replace("2024-03-01", "0000-01-01"))
customer("history-out-of-order", CUSTOMER + "  - {date: 2020-01-01, owner: zhao-liu}\n")
customer("entry-missing-date", CUSTOMER + "  - {owner: zhao-liu}\n")
customer("since-bad", CUSTOMER.replace("history:", "since: 2024-02-30\nhistory:"))
customer("since-number", CUSTOMER.replace("history:", "since: 20240301\nhistory:"))
customer("competitors-scalar", CUSTOMER.replace("history:", "competitors: 某競品\nhistory:"))
customer("contacts-scalar", CUSTOMER.replace("history:", "contacts: 王敏\nhistory:"))
customer("contact-no-name", CUSTOMER.replace("history:", "contacts:\n  - {phone: '1'}\nhistory:"))
customer("id-mismatch", CUSTOMER.replace("id: acme", "id: acme2"))
customer("entry-duplicate-key", CUSTOMER + "  - {date: 2025-01-01, owner: li-si, owner: zhao-liu}\n")
customer("huge-number-date", CUSTOMER.replace("2024-03-01", "99999999999999999999"))

# --- visits --------------------------------------------------------------------------
visit("wrong-folder", VISIT.replace("date: 2026-11-02", "date: 2026-10-02"))
visit("date-feb-30", VISIT.replace("date: 2026-11-02", "date: 2026-02-30"))
visit("time-25", VISIT.replace('start: "09:30"', 'start: "25:00"'))
visit("time-60-minutes", VISIT.replace('start: "09:30"', 'start: "09:60"'))
visit("time-text", VISIT.replace('start: "09:30"', "start: morning"))
visit("end-before-start", VISIT.replace('end: "10:00"', 'end: "09:00"'))
visit("unknown-customer", VISIT.replace("customer: gamma", "customer: nobody"))
visit("unknown-rep", VISIT.replace("rep: zhao-liu", "rep: nobody"))
visit("missing-purpose", VISIT.replace("purpose: p\n", ""))
visit("empty-purpose", VISIT.replace("purpose: p", 'purpose: "  "'))
visit("missing-recorded-at", VISIT.replace("recorded_at: 2026-11-02T20:00:00+08:00\n", ""))
visit("recorded-at-bad", VISIT.replace("2026-11-02T20:00:00+08:00", "2026-11-02T20:00:00+25:00"))
visit("recorded-at-date-only-bad", VISIT.replace("2026-11-02T20:00:00+08:00", "2026-11-31"))
visit("id-mismatch", VISIT.replace("id: 20261102-aaaaaa03", "id: 20261102-bbbbbb03"))
visit("id-slash", VISIT.replace("id: 20261102-aaaaaa03", "id: 20261102/aaaaaa03"))
visit("next-steps-scalar", VISIT + "next_steps: call back\n")
visit("next-step-bad-due", VISIT + "next_steps:\n  - {action: x, due: 2026-02-30}\n")
visit("next-step-no-action", VISIT + "next_steps:\n  - {due: 2026-11-03}\n")
visit("customer-list", VISIT.replace("customer: gamma", "customer: [gamma]"))
case("ok-purpose-nan-text", VISIT_PATH, VISIT.replace("purpose: p", "purpose: .nan"))

# --- kpi targets and actuals ---------------------------------------------------------
def kpi(name, entries, path=KPI_PATH):
    case("kpi-" + name, path, "entries:\n" + entries)


case("kpi-entries-missing", KPI_PATH, "period: 2026-11\n")
case("kpi-entries-scalar", KPI_PATH, "entries: 5\n")
kpi("entry-scalar", "  - zhang-san\n")
kpi("no-member", "  - {sales: 100}\n")
kpi("unknown-member", "  - {member: nobody, sales: 100}\n")
kpi("member-uppercase", "  - {member: Zhang-San, sales: 100}\n")
kpi("value-text", "  - {member: zhang-san, sales: lots}\n")
kpi("value-thousands", "  - {member: zhang-san, sales: \"1,200\"}\n")
kpi("value-list", "  - {member: zhang-san, sales: [1, 2]}\n")
kpi("value-map", "  - {member: zhang-san, sales: {a: 1}}\n")
kpi("value-nan", "  - {member: zhang-san, sales: .nan}\n")
kpi("value-inf", "  - {member: zhang-san, sales: .inf}\n")
kpi("value-huge", "  - {member: zhang-san, sales: 1e308}\n")
kpi("target-zero", "  - {member: zhang-san, sales: 0}\n")
kpi("target-negative-rate", "  - {member: zhang-san, complaint_rate: -1}\n")
kpi("actual-negative-rate", "  - {member: zhang-san, collection_rate: -1}\n",
    "kpi/2026-11/actuals.yaml")
kpi("metric-name-uppercase", "  - {member: zhang-san, Sales: 100}\n")
kpi("metric-name-path", "  - {member: zhang-san, ../x: 100}\n")
kpi("duplicate-metric", "  - {member: zhang-san, sales: 1, sales: 2}\n")
case("ok-kpi-empty-log", KPI_PATH, "entries:\n")
case("ok-kpi-unknown-metric", KPI_PATH, "entries:\n  - {member: zhang-san, market_share: 5}\n")
case("ok-kpi-actual-of-computed-metric", "kpi/2026-11/actuals.yaml",
     "entries:\n  - {member: zhang-san, visit_compliance: 80}\n")
case("ok-kpi-folder-not-a-period", "kpi/2026-13/targets.yaml", KPI)

# --- config and calendar -------------------------------------------------------------
case("config-bad-timezone", "kamgr.yaml", "timezone: \"+25:00\"\n")
case("config-bad-frequency", "kamgr.yaml", "visits:\n  frequency: {key: 3d}\n")
case("config-nan-cap", "kamgr.yaml", "kpi:\n  cap: .nan\n")
case("config-huge-cap", "kamgr.yaml", "kpi:\n  cap: 1e308\n")
case("config-week-anchor-tuesday", "kamgr.yaml", "week_anchor: 2024-01-02\n")
case("config-syntax", "kamgr.yaml", "visits: [\n")
case("config-alias", "kamgr.yaml", "a: &x 1\nb: *x\n")
case("config-levels-scalar", "kamgr.yaml", "complaints:\n  levels: fast\n")
case("calendar-bad-date", "calendar/2026.yaml", "holidays: [2026-02-30]\n")
case("calendar-both", "calendar/2026.yaml", "holidays: [2026-01-04]\nworkdays: [2026-01-04]\n")
case("calendar-wrong-year", "calendar/2026.yaml", "holidays: [2025-01-01]\n")
case("calendar-syntax", "calendar/2026.yaml", "holidays: [2026-01-01\n")

# --- unusual but valid: must be accepted --------------------------------------------
case("ok-crlf", "team/zhang-san.yaml", MEMBER.replace("\n", "\r\n"))
case("ok-unknown-field", "team/zhang-san.yaml", MEMBER + "hobby: 围棋\n")
case("ok-comments-everywhere", "customers/acme.yaml",
     "# c\nid: acme # c\nname: 華潤萬家\n# c\nhistory:\n# c\n  - {date: 2024-03-01, tier: key, owner: zhang-san} # c\n")

if os.path.isdir(OUT):
    shutil.rmtree(OUT)
for name, (path, content) in sorted(cases.items()):
    target = os.path.join(OUT, name, path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as f:
        f.write(content)
print(f"{len(cases)} cases in {OUT}")
