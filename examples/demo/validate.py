#!/usr/bin/env python3
"""Check a generated demo data directory with PyYAML and print the figures
worth knowing (under-visited customers, late entries, SLA breaches, KPI gaps).
The SLA and compliance figures follow contract.md section 5, independently of
the generator. usage: python3 examples/demo/validate.py [DATA]"""
import datetime as dt
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from calendars import deadline  # noqa: E402  (uses the same holiday data as calendar/)

TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
TODAY, P0, P1 = NOW.date(), dt.date(2025, 11, 1), dt.date(2026, 11, 22)
ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
GEN_ID = re.compile(r"^(\d{8})-[0-9a-hjkmnp-tv-z]{6,}$")
LOGS = {"customers": "history", "complaints": "events", "plans": "events", "kpi": "entries"}
errors = []


def err(f, msg):
    errors.append(f"{f}: {msg}")


def load(data):
    docs = {}
    for f in sorted(data.rglob("*.yaml")):
        rel = f.relative_to(data)
        if rel.parts[0].startswith("."):
            continue
        raw = f.read_bytes()
        if b"\r" in raw or not raw.endswith(b"\n") or b"\t" in raw:
            err(rel, "not LF / no final newline / tab")
        doc = yaml.safe_load(raw.decode("utf-8"))
        log = LOGS.get(rel.parts[0])
        if log and list(doc)[-1] != log:
            err(rel, f"{log} is not the last key")
        docs[rel] = doc
    return docs


def state(c, d):
    s = None
    for e in c["history"]:
        if e["date"] > d:
            break
        s = {**(s or {"status": "active"}), **{k: v for k, v in e.items() if k != "date"}}
    return s


def windows(tier):
    """All windows of a tier ending inside the period and before today."""
    out, a = [], dt.date(2024, 1, 1)
    if tier == "general":
        for y, m in [(2025, 11), (2025, 12)] + [(2026, k) for k in range(1, 12)]:
            out.append((dt.date(y, m, 1), dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(1)))
    else:
        step = 7 if tier == "key" else 14
        while a <= P1:
            out.append((a, a + dt.timedelta(step - 1)))
            a += dt.timedelta(step)
    return [(s, e) for s, e in out if P0 <= e <= P1 and e < TODAY]


def compliance(custs, visits):
    dates = defaultdict(list)
    for v in visits:
        dates[v["customer"]].append(v["date"])
    per_c, per_rep = {}, defaultdict(lambda: [0, 0])
    for cid, c in custs.items():
        req = met = 0
        for tier in ("key", "secondary", "general"):
            for s, e in windows(tier):
                st = state(c, e)
                if s < c["history"][0]["date"] or not st or st["status"] != "active" or st["tier"] != tier:
                    continue
                ok = any(s <= d <= e for d in dates[cid])
                req, met = req + 1, met + ok
                per_rep[st["owner"]][0] += 1
                per_rep[st["owner"]][1] += ok
        if req:
            per_c[cid] = (met, req)
    return per_c, per_rep


def sla(c, levels={"general": 3, "major": 7}):
    recv, ev = c["received_at"], [e for e in c["events"] if e["at"] <= NOW]
    out = {}

    def status(due, done):
        return "met" if done and done <= due else "breached" if done or NOW > due else "pending"

    first = next((e["at"] for e in ev if e["type"] == "contacted"), None)
    out["contact"] = status(recv + dt.timedelta(hours=24), first)
    starts = [recv] + [e["at"] for e in ev if e["type"] == "reopened"]
    res = []
    for s in starts:
        done = next((e["at"] for e in ev if e["type"] == "answered" and e["at"] > s), None)
        res.append(status(deadline(s, levels[c["level"]]), done))
    out["answer"] = "breached" if "breached" in res else "pending" if "pending" in res else "met"
    for i, e in enumerate(ev):
        if e["type"] == "closed" and e.get("csat", 5) <= 3:
            cb = next((x["at"] for x in ev[i + 1:] if x["type"] == "callback"), None)
            out["callback"] = status(e["at"] + dt.timedelta(hours=24), cb)
    return out


def main(data):
    docs = load(data)
    by = defaultdict(dict)
    for rel, d in docs.items():
        by[rel.parts[0]][rel] = d
    team = {d["id"]: d for d in by["team"].values()}
    custs = {d["id"]: d for d in by["customers"].values()}
    for rel, d in by["team"].items():
        if rel.stem != d["id"] or not ID.match(d["id"]):
            err(rel, "bad id")
        if d["role"] in ("rep", "manager") and team.get(d.get("manager"), {}).get("role") != \
                {"rep": "manager", "manager": "director"}[d["role"]]:
            err(rel, "bad manager")
    for rel, c in by["customers"].items():
        h = c["history"]
        if rel.stem != c["id"] or not ID.match(c["id"]):
            err(rel, "bad id")
        if not ("tier" in h[0] and "owner" in h[0]) or [e["date"] for e in h] != sorted(e["date"] for e in h):
            err(rel, "bad history")
        for e in h:
            if "owner" in e and team[e["owner"]]["role"] != "rep":
                err(rel, "owner is not a rep")
            if "owner" in e and not team[e["owner"]]["active"] and e is h[-1]:
                err(rel, "still owned by an inactive member")
    visits = []
    for rel, v in by["visits"].items():
        visits.append(v)
        m = GEN_ID.match(v["id"])
        if rel.stem != v["id"] or not m or m.group(1) != f"{v['date']:%Y%m%d}" or \
                rel.parts[1:3] != (f"{v['date']:%Y}", f"{v['date']:%m}"):
            err(rel, "id / folder does not match the date")
        if list(v)[:4] != ["id", "customer", "rep", "date"] or list(v)[-1] != "recorded_at":
            err(rel, "key order")
        st = state(custs[v["customer"]], v["date"])
        if not st or st["status"] != "active":
            err(rel, "customer not managed/active on the visit date")
        elif v["rep"] not in (st["owner"], team[st["owner"]]["manager"]):
            err(rel, "rep is neither owner nor owner's manager")
        if v["date"] > P1 or v["recorded_at"] > NOW or not isinstance(v["start"], str):
            err(rel, "visit after the demo's today, or start not a string")
    complaints = []
    for rel, c in by["complaints"].items():
        complaints.append(c)
        m = GEN_ID.match(c["id"])
        ev = c["events"] or []
        c["events"] = ev
        if rel.stem != c["id"] or not m or m.group(1) != f"{c['received_at']:%Y%m%d}" or \
                rel.parts[1] != f"{c['received_at']:%Y}":
            err(rel, "id / folder does not match received_at")
        if [e["at"] for e in ev] != sorted(e["at"] for e in ev) or any(e["at"] < c["received_at"] for e in ev):
            err(rel, "events out of order")
        if c["customer"] not in custs or c["rep"] not in team or any(e.get("by", "chen-jianguo") not in team for e in ev):
            err(rel, "unknown reference")
    for rel, p in by["plans"].items():
        if rel.stem != p["member"] or rel.parts[1] != str(p["month"]):
            err(rel, "member/month do not match the path")
        for x in p["visits"]:
            if x["customer"] not in custs or f"{x['date']:%Y-%m}" != str(p["month"]):
                err(rel, f"bad planned visit {x}")
        if any(e["by"] not in team for e in p["events"]):
            err(rel, "unknown member in events")
    kpi = {}
    for rel, k in by["kpi"].items():
        for e in k["entries"]:
            if e["member"] not in team:
                err(rel, f"unknown member {e['member']}")
        kpi[rel.parts[1], rel.stem] = {e["member"] for e in k["entries"]}

    # ------------------------------------------------------------- the report
    print(f"files: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(by.items())))
    per_c, per_rep = compliance(custs, visits)
    low = sorted((m / q, cid) for cid, (m, q) in per_c.items() if m / q < 0.8)
    tm, tq = sum(m for m, _ in per_c.values()), sum(q for _, q in per_c.values())
    print(f"visit compliance {tm}/{tq} = {100 * tm / tq:.1f}%; below 80%:")
    for rate, cid in low:
        c = custs[cid]
        print(f"  {cid:22} {c['name']:16} {c['history'][0]['tier']:9} {per_c[cid][0]}/{per_c[cid][1]}")
    print("  by owner: " + ", ".join(f"{r} {100 * m / q:.1f}%" for r, (q, m) in sorted(per_rep.items())))
    late = Counter()
    for v in visits:
        end = dt.datetime.combine(v["date"], dt.time.fromisoformat(v["end"]), TZ)
        late[v["rep"]] += v["recorded_at"] > end + dt.timedelta(hours=24)
    n = Counter(v["rep"] for v in visits)
    print(f"late entries {sum(late.values())}/{len(visits)} = {100 * sum(late.values()) / len(visits):.1f}%: "
          + ", ".join(f"{r} {late[r]}/{n[r]}" for r in sorted(n)))
    print("complaints (SLA as of 2026-11-23T09:00; only those not all met):")
    for c in sorted(complaints, key=lambda c: c["received_at"]):
        s = sla(c)
        if set(s.values()) != {"met"}:
            last = c["events"][-1]["type"] if c["events"] else "-"
            flags = " ".join(f"{k}={v}" for k, v in s.items() if v != "met")
            print(f"  {c['id']} {c['level']:7} {c['received_at']:%Y-%m-%d %H:%M} last={last:10} {flags}")
    reopened = [c["id"] for c in complaints if any(e["type"] == "reopened" for e in c["events"])]
    print(f"  reopened: {', '.join(reopened)}")
    for (period, kind), members in sorted(kpi.items()):
        if kind == "targets" and (period, "actuals") in kpi and members - kpi[period, "actuals"]:
            print(f"kpi {period}: targets without actuals for {sorted(members - kpi[period, 'actuals'])}")
    print(f"{len(errors)} errors")
    for e in errors[:50]:
        print("  " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "data")))
