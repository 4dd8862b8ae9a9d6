#!/usr/bin/env python3
"""A corpus of hand-written broken records that `kamgr check` must report, each with
its file and line (the records and IDs of docs/formats.md, its "What `check` verifies"
with the `check` JSON, and the errors and exit codes of docs/guide.md "Exit codes").

Written from the documented rules only (not from kamgr's sources). One data directory
holds a small valid team, customers and visits (hand-written, with comments, odd
indentation and own fields, which must raise nothing) plus one broken file per case;
`check --format json` must report every case (file, line, a word of the message) in ONE
run, and nothing about the valid files.

Line numbers: docs/guide.md "Exit codes" says "naming the file, line and field at
fault". Our reading, written down per case: a bad value is reported on the line of its
key; a missing required field on line 1 (the mapping that lacks it; the line of the
mapping it belongs to for a history entry); a syntax error on the line where the parser
stops. Where two lines are defensible the case lists both.

Usage: foundation_corpus.py KAMGR [--perturb]   (exit 1 on any mismatch)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

BASE = {
    "kamgr.yaml": 'org: 测试\ntimezone: "+08:00"\n',
    "calendar/2026.yaml": "holidays: [2026-01-01]\nworkdays: [2026-01-04]\n",
    "team/boss.yaml": "id: boss\nname: 老板\nrole: director\n",
    "team/mgr.yaml": "id: mgr\nname: 经理\nrole: manager\nmanager: boss\n",
    "team/rep1.yaml": "id: rep1\nname: 张三\nrole: rep\nmanager: mgr\nemail: a@x.cn\n",
    # Hand-written but valid: comments, own fields, other key order, 4-space items.
    "team/rep2.yaml": "# a comment\nname: 李四   # trailing\nrole: rep\nid: rep2\n"
                      "manager: mgr\nx-hobby: 钓鱼\nactive: true\n",
    "customers/good1.yaml": (
        "id: good1\nname: 好客户\nindustry: 零售\ncompetitors: [甲, 乙]\n"
        "contacts:\n  - {name: 王敏, title: 总监}\n# own note\nmy_rating: 5\n"
        "history:\n    - date: 2025-01-01\n      tier: key\n      owner: rep1\n"
        "    - {date: 2025-06-01, owner: rep2}   # handed over\n"
        "    - {date: 2026-03-01, status: lost}\n"),
    "customers/good2.yaml": "id: good2\nname: 第二\nhistory: [{date: 2025-01-01, tier: general, owner: rep2}]\n",
    "visits/2026/11/20261102-good0001.yaml": (
        "id: 20261102-good0001\ncustomer: good1\nrep: rep1\ndate: 2026-11-02\n"
        'start: "09:30"\nend: "10:00"\npurpose: 回访\nx-my-field: x\n'
        "next_steps:\n  - {action: 报价, due: 2026-11-05}\n"
        "recorded_at: 2026-11-02T18:00:00+08:00\n"),
    # also the first of a duplicate pair (see below)
    "visits/2026/11/20261111-dupdup01.yaml": (
        "id: 20261111-dupdup01\ncustomer: good2\nrep: rep2\ndate: 2026-11-11\n"
        "purpose: 拜访\nrecorded_at: 2026-11-11T12:00:00+08:00\n"),
}


def visit(vid, date, **over):
    f = {"id": vid, "customer": "good1", "rep": "rep1", "date": date, "purpose": "拜访",
         "recorded_at": date + "T20:00:00+08:00"}
    f.update(over)
    return "".join(f"{k}: {v}\n" for k, v in f.items() if v is not None)


# (path, content, acceptable lines, words: the message must contain one of them)
CASES = [
    # --- team
    ("team/t-role.yaml", "id: t-role\nname: A\nrole: reps\nmanager: mgr\n", {3}, ["role"]),
    ("team/t-noname.yaml", "id: t-noname\nrole: director\n", {1}, ["name"]),
    ("team/t-idmis.yaml", "id: t-other\nname: A\nrole: director\n", {1}, ["file name", "t-other"]),
    ("team/t-nomgr.yaml", "id: t-nomgr\nname: A\nrole: rep\n", {1, 3}, ["manager"]),
    ("team/t-badmgr.yaml", "id: t-badmgr\nname: A\nrole: rep\nmanager: nobody\n", {4}, ["nobody"]),
    ("team/t-active.yaml", "id: t-active\nname: A\nrole: director\nactive: maybe\n", {4}, ["active"]),
    ("team/T-Upper.yaml", "id: T-Upper\nname: A\nrole: director\n", {1}, ["id", "T-Upper"]),
    ("team/t-syntax.yaml", "id: t-syntax\nname: A\nrole: director: x\n", {3}, ["syntax", "yaml", "mapping"]),
    ("team/t-tab.yaml", "id: t-tab\nname: A\nrole: director\nx:\n\t- 1\n", {5}, ["tab", "syntax", "yaml"]),
    ("team/t-email.yaml", "id: t-email\nname: A\nrole: director\nemail: [a, b]\n", {4}, ["email"]),
    # --- customers
    ("customers/c-order.yaml",
     "id: c-order\nname: X\nhistory:\n  - {date: 2025-06-01, tier: key, owner: rep1}\n"
     "  - {date: 2025-01-01, owner: rep2}\n", {5}, ["order", "oldest", "before", "earlier"]),
    ("customers/c-notier.yaml", "id: c-notier\nname: X\nhistory:\n  - {date: 2025-01-01, owner: rep1}\n",
     {4}, ["tier"]),
    ("customers/c-noowner.yaml", "id: c-noowner\nname: X\nhistory:\n  - {date: 2025-01-01, tier: key}\n",
     {4}, ["owner"]),
    ("customers/c-status.yaml",
     "id: c-status\nname: X\nhistory:\n  - {date: 2025-01-01, tier: key, owner: rep1}\n"
     "  - {date: 2025-02-01, status: gone}\n", {5}, ["status"]),
    ("customers/c-tier.yaml", "id: c-tier\nname: X\nhistory:\n  - {date: 2025-01-01, tier: kye, owner: rep1}\n",
     {4}, ["did you mean 'key'"]),
    ("customers/c-block.yaml",
     "id: c-block\nname: X\nhistory:\n  - date: 2025-01-01\n    tier: key\n    owner: rep1\n"
     "  - date: 2025-03-01\n    owner: ghost\n", {8}, ["ghost"]),
    ("customers/c-since.yaml",
     "id: c-since\nname: X\nsince: 2025-13-01\nhistory:\n  - {date: 2025-01-01, tier: key, owner: rep1}\n",
     {3}, ["2025-13-01", "since"]),
    ("customers/c-noname.yaml", "id: c-noname\nhistory:\n  - {date: 2025-01-01, tier: key, owner: rep1}\n",
     {1}, ["name"]),
    ("customers/c-nohist.yaml", "id: c-nohist\nname: X\nindustry: Y\n", {1}, ["history"]),
    ("customers/c-feb30.yaml",
     "id: c-feb30\nname: X\nhistory:\n  - {date: 2025-02-30, tier: key, owner: rep1}\n", {4}, ["2025-02-30"]),
    ("customers/c-dupkey.yaml",
     "id: c-dupkey\nname: X\nname: Y\nhistory:\n  - {date: 2025-01-01, tier: key, owner: rep1}\n",
     {3}, ["duplicate"]),
    ("customers/c-idmis.yaml",
     "name: X\nid: c-other\nhistory:\n  - {date: 2025-01-01, tier: key, owner: rep1}\n", {2}, ["file name", "c-other"]),
    ("customers/c-contacts.yaml",
     "id: c-contacts\nname: X\ncontacts: 王敏\nhistory:\n  - {date: 2025-01-01, tier: key, owner: rep1}\n",
     {3}, ["contacts"]),
    ("customers/c-nametype.yaml",
     "id: c-nametype\nname: {a: 1}\nhistory:\n  - {date: 2025-01-01, tier: key, owner: rep1}\n",
     {2}, ["name"]),
    ("customers/c-histscalar.yaml", "id: c-histscalar\nname: X\nhistory: yes\n", {3}, ["history"]),
    ("customers/c-unclosed.yaml",
     "id: c-unclosed\nname: X\nindustry: [a, b\nhistory:\n  - {date: 2025-01-01, tier: key, owner: rep1}\n",
     {3, 4, 5, 6}, ["syntax", "yaml", "flow", "unclosed", "end"]),
    # --- visits
    ("visits/2026/10/20261105-wrongfld.yaml", visit("20261105-wrongfld", "2026-11-05"), {1, 4}, ["folder"]),
    ("visits/2026/11/20261106-idmismat.yaml", visit("20261106-other000", "2026-11-06"), {1}, ["file name", "other000"]),
    ("visits/2026/11/20261107-unkcust1.yaml", visit("20261107-unkcust1", "2026-11-07", customer="nobody-c"),
     {2}, ["nobody-c"]),
    ("visits/2026/11/20261107-unkrep01.yaml", visit("20261107-unkrep01", "2026-11-07", rep="nobody-r"),
     {3}, ["nobody-r"]),
    ("visits/2026/11/20261108-badtime1.yaml",
     visit("20261108-badtime1", "2026-11-08", purpose=None) + 'start: "25:00"\npurpose: x\n', {6}, ["25:00", "start"]),
    ("visits/2026/11/20261108-endbefor.yaml",
     visit("20261108-endbefor", "2026-11-08") + 'start: "10:00"\nend: "09:00"\n', {8}, ["end"]),
    ("visits/2026/11/20261109-nopurpos.yaml", visit("20261109-nopurpos", "2026-11-09", purpose=None),
     {1}, ["purpose"]),
    ("visits/2026/11/20261109-emptypur.yaml", visit("20261109-emptypur", "2026-11-09", purpose='""'),
     {5}, ["purpose"]),
    ("visits/2026/11/20261110-norecat1.yaml", visit("20261110-norecat1", "2026-11-10", recorded_at=None),
     {1}, ["recorded_at"]),
    ("visits/2026/11/20261110-badrecat.yaml", visit("20261110-badrecat", "2026-11-10", recorded_at="yesterday"),
     {6}, ["recorded_at", "yesterday"]),
    ("visits/2026/02/20260230-feb30xxx.yaml", visit("20260230-feb30xxx", "2026-02-30"), {4}, ["2026-02-30"]),
    ("visits/2026/11/20261112-nextdue1.yaml",
     visit("20261112-nextdue1", "2026-11-12") + "next_steps:\n  - {action: x, due: 2026-11-31}\n",
     {8}, ["2026-11-31", "due"]),
    ("visits/2026/11/20261112-nextact1.yaml",
     visit("20261112-nextact1", "2026-11-12") + "next_steps:\n  - {due: 2026-11-20}\n", {8}, ["action"]),
    # An unterminated quoted scalar is a YAML syntax error (it swallows the next lines).
    ("visits/2026/11/20261113-syntax01.yaml",
     visit("20261113-syntax01", "2026-11-13") + 'outcome: "ok\nfeedback: none\n', {7, 8, 9},
     ["syntax", "yaml", "quote", "end"]),
    ("visits/2026/11/20261113-custlist.yaml", visit("20261113-custlist", "2026-11-13", customer="[good1, good2]"),
     {2}, ["customer"]),
    ("visits/2026/11/20261114-daterr01.yaml", visit("20261114-daterr01", "2026-11-14") .replace(
        "date: 2026-11-14\n", "date: 14/11/2026\n"), {4}, ["date", "14/11/2026"]),
    # the second file of a duplicate ID; its date is in 11, so it is also in the wrong
    # folder. Known gap: a misfiled visit is not loaded, so only the folder error is
    # reported; the duplicate shows once the file is moved to its folder.
    ("visits/2026/12/20261111-dupdup01.yaml", BASE["visits/2026/11/20261111-dupdup01.yaml"], {4}, ["folder"]),
    # a duplicate ID with both files in the folder of their date (see DUP_PAIRS)
    ("visits/2026/10/20261115-dupdup02.yaml", visit("20261115-dupdup02", "2026-10-15"), None, []),
    ("visits/2026/11/20261115-dupdup02.yaml", visit("20261115-dupdup02", "2026-11-15"), None, []),
    # --- calendar
    ("calendar/2025.yaml", "# 2025\nholidays: [2025-01-01,\n  2025-02-30]\nworkdays: []\n", {3}, ["2025-02-30"]),
]


# Duplicate IDs: an error in either file of the pair that says "duplicate" and names
# the other file (one error naming both is enough).
DUP_PAIRS = [
    ("visits/2026/10/20261115-dupdup02.yaml", "visits/2026/11/20261115-dupdup02.yaml"),
]

# Readings of the ID rule that kamgr may defensibly not enforce: printed as NOTE, not
# failures. Generated visit IDs start with the date as YYYYMMDD and end with random
# base-32 characters, but docs/formats.md "IDs" lets hand-written records use any ID
# of the member rule.
SOFT_CASES = [
    ("visits/2026/11/hello.yaml", visit("hello", "2026-11-16"), {1}, ["id"]),
    ("visits/2026/11/20261101-prefix01.yaml", visit("20261101-prefix01", "2026-11-17"), {1, 4}, ["id", "date"]),
]


def build(root, perturb=False):
    for rel, text in list(BASE.items()) + [(c[0], c[1]) for c in CASES + SOFT_CASES]:
        p = os.path.join(root, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)


def main():
    kamgr = sys.argv[1]
    perturb = "--perturb" in sys.argv
    env = dict(os.environ, NO_COLOR="1")
    for k in ("KAMGR_DATA", "KAMGR_NOW", "KAMGR_USER"):
        env.pop(k, None)
    root = tempfile.mkdtemp(prefix="kamgr-corpus-")
    fails = []
    try:
        build(root)
        p = subprocess.run([kamgr, "-C", root, "--now", "2026-11-23T10:00:00+08:00", "check",
                            "--format", "json"], capture_output=True, text=True, env=env, timeout=60)
        if p.returncode != 1:
            fails.append(f"check --format json: exit {p.returncode}, expected 1")
        try:
            j = json.loads(p.stdout)
        except ValueError:
            print(f"FAIL: check --format json is not JSON: {p.stdout[:300]!r} {p.stderr[:300]!r}")
            return 1
        if set(j) < {"errors", "warnings"}:
            fails.append(f"check JSON keys {sorted(j)}, expected errors and warnings")
        errors = j.get("errors", [])
        for e in errors:
            if set(e) < {"file", "line", "message"} or not isinstance(e.get("line"), int):
                fails.append(f"error object shape: {e}")
            if e.get("message", "") != e.get("message", "").strip():
                fails.append(f"message not trimmed: {e}")
        by_file = {}
        for e in errors:
            by_file.setdefault(e.get("file"), []).append(e)
        expected_files = {c[0] for c in CASES}
        for rel, _, lines, words in CASES:
            if perturb and rel == "team/t-role.yaml":
                lines = {99}
            if lines is None:
                continue
            got = by_file.get(rel, [])
            ok = [e for e in got if e["line"] in lines
                  and any(w.lower() in e["message"].lower() for w in words)]
            if not ok:
                fails.append(f"{rel}: expected an error on line {sorted(lines)} mentioning one of {words}; "
                             f"got {[(e['line'], e['message']) for e in got] or 'nothing'}")
        for a, b in DUP_PAIRS:
            if not [e for e in by_file.get(a, []) + by_file.get(b, [])
                    if "duplicate" in e["message"].lower() and (a in e["message"] or b in e["message"])]:
                fails.append(f"duplicate visit ID in {a} and {b}: not reported; got "
                             f"{[(e['file'], e['line'], e['message']) for e in by_file.get(a, []) + by_file.get(b, [])] or 'nothing'}")
        for rel, _, lines, words in SOFT_CASES:
            got = by_file.get(rel, [])
            if not [e for e in got if e["line"] in lines and any(w.lower() in e["message"].lower() for w in words)]:
                print(f"NOTE: {rel}: no error on line {sorted(lines)} mentioning {words}")
        seen = set()
        for e in errors:
            key = json.dumps(e, sort_keys=True, ensure_ascii=False)
            if key in seen:
                fails.append(f"the same error reported twice: {key}")
            seen.add(key)
        expected_files |= {c[0] for c in SOFT_CASES}
        for e in errors:
            f = e.get("file")
            if f not in expected_files and f not in {x for pair in DUP_PAIRS for x in pair}:
                fails.append(f"error on a valid file: {e}")
        for w in j.get("warnings", []):
            if w.get("file") in BASE:
                fails.append(f"warning on a valid file: {w}")
        # The text form names the same file:line pairs.
        t = subprocess.run([kamgr, "-C", root, "--now", "2026-11-23T10:00:00+08:00", "check"],
                           capture_output=True, text=True, env=env, timeout=60)
        if t.returncode != 1:
            fails.append(f"check (text): exit {t.returncode}, expected 1")
        text = t.stdout + t.stderr
        for e in errors:
            if f"{e['file']}:{e['line']}" not in text:
                fails.append(f"text output lacks {e['file']}:{e['line']}")
                break
        # The valid files alone are clean.
        clean = tempfile.mkdtemp(prefix="kamgr-clean-")
        try:
            for rel, text_ in BASE.items():
                q = os.path.join(clean, rel)
                os.makedirs(os.path.dirname(q), exist_ok=True)
                open(q, "w", encoding="utf-8").write(text_)
            c = subprocess.run([kamgr, "-C", clean, "--now", "2026-11-23T10:00:00+08:00", "check",
                                "--format", "json"], capture_output=True, text=True, env=env, timeout=60)
            cj = json.loads(c.stdout or "{}")
            if c.returncode != 0 or cj.get("errors") or cj.get("warnings"):
                fails.append(f"valid hand-written base: exit {c.returncode}, {c.stdout[:400]}")
        finally:
            shutil.rmtree(clean)
    finally:
        shutil.rmtree(root)
    for f in fails:
        print("FAIL:", f)
    print(f"{len(CASES)} broken files, {len(fails)} mismatches")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
