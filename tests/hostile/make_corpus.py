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
    # yaml-cpp 0.7's LoadAll loops forever on these (found by fuzzing; see docs/testing.md)
    case(f"{kind}-comma-after-document-end", path, good + "...\n,\n")
    case(f"{kind}-lone-comma", path, ",\n")

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
case("config-lone-comma", "kamgr.yaml", ",\n")
# The input the fuzzer found (its selector byte dropped): over 30 s in yaml-cpp's LoadAll.
case("config-fuzz-document-ends", "kamgr.yaml", bytes.fromhex(
    "2e0a0a2e2e2e0a032e0a0a2e2e2e0a2e2e2e700a032e0a0a2e2e2e0a032e0a0a2e2e2e0a2e2e2e702e2e2e"
    "032e0a0a2e2e2e0a032e0a0a2e2e2e0a2e2e2e032e2e2e032e0a0a2e2e2e0a032e0a0a2e2e2e0a032e0a0a"
    "2e2e2e0a2e2e2e702e2e2e032e0a0a2e2e2e0a032e0a0a2e2e2e0a2e052e2e2e2e0a0a2e2e2e0a032e0a0a"
    "6d6265722c73616c652e2e0a2e2e2e702e2e2e032e0a0a2e2e2e0a032e0a0a2e2e2e0a2e2e2e2e2e2e2e2e"
    "0a0a2e2e2e0a032e0a0a6d6265722c73616c652e2e0a2e2e2e702e2e2e032e0a0a2e2e2e0a037a68616e67"
    "2d6e2c312c322e0a0a2e2e2e0a0a0a2c2e2e2e330a0a032e0a0a2e2e2e0a2e2e2e2e0a2e2e2e702e2e2e70"))
case("calendar-bad-date", "calendar/2026.yaml", "holidays: [2026-02-30]\n")
case("calendar-both", "calendar/2026.yaml", "holidays: [2026-01-04]\nworkdays: [2026-01-04]\n")
case("calendar-wrong-year", "calendar/2026.yaml", "holidays: [2025-01-01]\n")
case("calendar-syntax", "calendar/2026.yaml", "holidays: [2026-01-01\n")

# --- CSV files for `kpi actual|target import` -----------------------------------------
# A case's file is import/actuals.csv or import/targets.csv: hostile.sh passes it to the
# importer of that kind instead of overlaying it (it is not a record).
BOM = b"\xef\xbb\xbf"
WIDE = "member,sales,profit,collection_rate\nzhang-san,1200000,200000,94.5\n"


def csv(name, content, kind="actuals"):
    case("csv-" + name, f"import/{kind}.csv", content)


def bad_value(name, value, kind="actuals", metric="sales"):
    csv(name, f"member,{metric}\nzhang-san,{value}\n", kind)


csv("empty", "")
csv("whitespace-only", "  \n\t\n\n")
csv("commas-only", ",,,\n,,\n")
csv("header-only-wide", "member,sales,profit\n")
csv("header-only-long", "member,metric,value\n")
csv("header-only-crlf", "member,sales\r\n")
csv("header-only-bom", BOM + b"member,sales\n")
csv("all-cells-empty", "member,sales,profit\nzhang-san,,\nli-si, ,\n")
csv("double-bom", BOM + BOM + WIDE.encode())
csv("utf16le-bom", b"\xff\xfe" + WIDE.encode("utf-16-le"))
csv("utf16be-bom", b"\xfe\xff" + WIDE.encode("utf-16-be"))
csv("utf16le-no-bom", WIDE.encode("utf-16-le"))
csv("utf32le-bom", b"\xff\xfe\x00\x00" + WIDE.encode("utf-32-le"))
csv("utf32be-bom", b"\x00\x00\xfe\xff" + WIDE.encode("utf-32-be"))
csv("gbk", "member,sales\n".encode() + "张三".encode("gbk") + b",100\n")
csv("invalid-utf8-late", WIDE.encode() + b"li-si,1\xff,2,3\n")
csv("overlong-utf8", b"member,sales\nzhang-san\xc0\xaf,1\n")
csv("surrogate-utf8", b"member,sales\nzhang-san\xed\xa0\x80,1\n")
csv("above-unicode-utf8", b"member,sales\nzhang-san\xf4\x90\x80\x80,1\n")
csv("truncated-utf8-at-end", b"member,sales\nzhang-san,1\n\xe5\xbc")
csv("nul-byte", b"member,sales\nzhang-san,1\x00\n")
csv("nul-in-quotes", b'member,sales\n"zhang\x00san",1\n')
csv("unterminated-quote", 'member,sales\nzhang-san,"100\n')
csv("unterminated-quote-last-cell", 'member,sales\nzhang-san,1\nli-si,"')
csv("quote-inside-cell", 'member,sales\nzh"ang-san,1\n')
csv("newline-in-member", 'member,sales\n"zhang\nsan",1\n')
csv("escape-sequence-in-member", "member,sales\nzhang-san\x1b[31m,1\n")
csv("crlf-unknown-member", "member,sales\r\nzhang-san,1\r\nnobody,2\r\n")
csv("cr-only-unknown-member", "member,sales\rzhang-san,1\rnobody,2\r")
csv("wide-too-many-cells", "member,sales\nzhang-san,1,2\n")
csv("long-four-cells", "member,metric,value\nzhang-san,sales,1,2\n")
csv("long-two-cells", "member,metric,value\nzhang-san,sales\n")
csv("no-header-four-columns", "zhang-san,1,2,3\n")
csv("semicolon-separated", "member;sales\nzhang-san;1\n")
csv("tab-separated", "member\tsales\nzhang-san\t1\n")
csv("only-member-column", "member\nzhang-san\n")
csv("unknown-member", "member,sales\nnobody,1\n")
csv("member-uppercase", "member,sales\nZhang-San,1\n")
csv("member-path", "member,sales\n../team/zhang-san,1\n")
csv("empty-member", "member,sales\n,1\n")
csv("unknown-metric", "member,salez\nzhang-san,1\n")
csv("unknown-metric-long-form", "member,metric,value\nzhang-san,market_size,1\n")
csv("computed-metric-actual", "member,visit_compliance\nzhang-san,80\n")
csv("empty-metric-header", "member,,sales\nzhang-san,1,2\n")
csv("duplicate-column", "member,sales,Sales\nzhang-san,1,2\n")
csv("duplicate-member-row", "member,sales\nzhang-san,1\nzhang-san,2\n")
csv("duplicate-long-row", "member,metric,value\nzhang-san,sales,1\nzhang-san,SALES,2\n")
csv("many-duplicate-columns", "member," + ",".join(["sales"] * 20000) + "\nzhang-san,1\n")
bad_value("nan", "nan")
bad_value("nan-upper", "NaN")
bad_value("inf", "inf")
bad_value("minus-infinity", "-Infinity")
bad_value("1e999", "1e999")
bad_value("minus-1e999", "-1e999")
bad_value("huge", "1e16")
bad_value("huge-digits", "9" * 400)
bad_value("hex", "0x10")
bad_value("thousands-quoted", '"1,200"')
bad_value("percent-sign", "94.5%", metric="collection_rate")
bad_value("fullwidth-digits", "１２００")
bad_value("currency", "¥1200")
bad_value("two-signs", "+-5")
bad_value("negative-collection-rate", "-1", metric="collection_rate")
bad_value("negative-new-customers", "-1", metric="new_customers")
bad_value("target-zero", "0", kind="targets")
bad_value("target-minus-zero", "-0", kind="targets")
bad_value("target-negative", "-100", kind="targets")
bad_value("target-negative-complaint-rate", "-1", kind="targets", metric="complaint_rate")
bad_value("formula-cmd", "\"=cmd|' /C calc'!A0\"")
bad_value("formula-sum", "=SUM(1+1)")
bad_value("formula-plus", "+cmd|' /C calc'!A0")
bad_value("formula-minus", "-2+3+cmd|' /C calc'!A0")
bad_value("formula-at", "@SUM(1)")
csv("formula-member", 'member,sales\n"=HYPERLINK(""http://x"",""y"")",1\n')
csv("formula-header", "member,=1+1\nzhang-san,1\n")
csv("very-long-member", "member,sales\n" + "z" * 100_000 + ",1\n")
csv("very-long-value", "member,sales\nzhang-san," + "1" * 100_000 + "\n")
csv("very-long-header", "member," + "s" * 100_000 + "\nzhang-san,1\n")
csv("one-bad-row-among-good", WIDE + "li-si,1,2,lots\n")

# Unusual but valid imports: accepted and appended.
case("ok-csv-bom-crlf", "import/actuals.csv", BOM + WIDE.replace("\n", "\r\n").encode())
case("ok-csv-quoted-cells", "import/actuals.csv",
     'member,sales\n"zhang-san","1200000"\n" li-si ", 5 \n')
case("ok-csv-long-form-no-header", "import/targets.csv", "zhang-san,sales,1e6\nli-si,SALES,+900000\n")
case("ok-csv-negative-profit-and-sales", "import/actuals.csv",
     "member,profit,sales\nzhang-san,-20000,-5\n")  # returns can exceed sales
case("ok-csv-minus-zero-actual", "import/actuals.csv", "member,sales\nzhang-san,-0\n")

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
