#!/usr/bin/env python3
"""Differential oracle for the complaint SLA (docs/complaints.md "SLA rules", "The
working-day calendar" and the `complaint sla` JSON under "Reports"; docs/formats.md
"Time" and "kamgr.yaml").

Written from the documented rules only (not from kamgr's sources).  It
  1. carries its own copy of China's 2025 and 2026 public holidays and make-up working
     days (typed in from the State Council notices: 国办发明电〔2024〕12号 for 2025 and
     the notice of 2025-11-04 for 2026) and compares it with what `kamgr init` writes
     (and, when run from the repository, data/calendar/*.yaml);
  2. generates data directories (hand-written YAML, a little written by kamgr's own
     complaint commands) with complaints received around holidays, make-up days,
     weekends, year ends, late at night and in other UTC offsets, levels with m / h / wd
     durations, events exactly at the due instant and one second after, several reopen
     cycles, csat around callback_below, call-backs early / late / missing, events after
     --now, and years without a calendar file;
  3. runs `kamgr complaint sla` (and `complaint show`) with --now / -C / --format json
     and compares every status, due and at, and the summary counts.

Readings chosen where the rules leave room (each one documented here; a mismatch on
them is reported, not bent to kamgr):
  R1 "after its start": an `answered` event counts for a cycle when it comes after the
     cycle's `reopened` event in the log (any `answered` for the first cycle), so one at
     the very instant of the reopening counts (docs/complaints.md: "later in the log").
  R2 likewise a `callback` event counts for a closing when it comes after it in the log.
  R3 status: met when the first qualifying event is at <= due; breached when it is later
     or when there is none and now > due; pending when there is none and now <= due.
  R4 several answer cycles (or several low-csat closes) fold into the row's one object:
     the latest one with the worst status (breached, then pending, then met).  For the
     answer this is also what docs/complaints.md documents; for the call-back kamgr
     documents "the call-back of the last low-csat closing" instead, which can show
     `met` while an earlier required call-back was breached: reported as a disagreement.
  R5 summary.pending counts the complaints with at least one part pending.
  R6 a year that is needed and has no calendar/<YYYY>.yaml counts Monday-Friday and
     stderr names that year.
  R7 instants are compared as instants; separately, their offset must be the configured
     timezone (docs/formats.md "Time": timestamps are in that zone).
"""
import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

import yaml

D = dt.date
ONE_DAY = dt.timedelta(days=1)

# --------------------------------------------------------------------------------------
# 1. The calendar, typed in independently (days off as announced, weekends included).
def _span(a, b):
    out, d = [], a
    while d <= b:
        out.append(d)
        d += ONE_DAY
    return out

CAL = {
    2025: {
        "holidays": (
            [D(2025, 1, 1)]                                  # 元旦
            + _span(D(2025, 1, 28), D(2025, 2, 4))           # 春节
            + _span(D(2025, 4, 4), D(2025, 4, 6))            # 清明
            + _span(D(2025, 5, 1), D(2025, 5, 5))            # 劳动节
            + _span(D(2025, 5, 31), D(2025, 6, 2))           # 端午
            + _span(D(2025, 10, 1), D(2025, 10, 8))          # 国庆 + 中秋
        ),
        "workdays": [D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28),
                     D(2025, 10, 11)],
    },
    2026: {
        "holidays": (
            _span(D(2026, 1, 1), D(2026, 1, 3))              # 元旦
            + _span(D(2026, 2, 15), D(2026, 2, 23))          # 春节
            + _span(D(2026, 4, 4), D(2026, 4, 6))            # 清明
            + _span(D(2026, 5, 1), D(2026, 5, 5))            # 劳动节
            + _span(D(2026, 6, 19), D(2026, 6, 21))          # 端午
            + _span(D(2026, 9, 25), D(2026, 9, 27))          # 中秋
            + _span(D(2026, 10, 1), D(2026, 10, 7))          # 国庆
        ),
        "workdays": [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9),
                     D(2026, 9, 20), D(2026, 10, 10)],
    },
}


def compare_calendar_files(folder, label):
    """Mismatches between calendar/<YYYY>.yaml files in folder and CAL."""
    bad = []
    for year, want in CAL.items():
        path = os.path.join(folder, "%d.yaml" % year)
        if not os.path.exists(path):
            bad.append("%s: missing %s" % (label, path))
            continue
        with open(path, encoding="utf-8") as f:
            got = yaml.safe_load(f) or {}
        for key in ("holidays", "workdays"):
            g = set(got.get(key) or [])
            w = set(want[key])
            if g != w:
                bad.append("%s %d %s: missing %s, extra %s" % (
                    label, year, key, sorted(map(str, w - g)), sorted(map(str, g - w))))
    return bad


# --------------------------------------------------------------------------------------
# 2. Time and the SLA rules.
def tzinfo(off):  # "+08:00" -> timezone
    sign = -1 if off[0] == "-" else 1
    h, m = int(off[1:3]), int(off[4:6])
    return dt.timezone(sign * dt.timedelta(hours=h, minutes=m))


class Calendar:
    def __init__(self, years):  # years: {year: {"holidays": [...], "workdays": [...]}}
        self.years = years
        self.needed_missing = set()

    def is_working(self, d):
        c = self.years.get(d.year)
        if c is None:
            self.needed_missing.add(d.year)
            return d.weekday() < 5
        if d in c["workdays"]:
            return True
        if d in c["holidays"]:
            return False
        return d.weekday() < 5

    def nth_working_after(self, d, n):
        k = 0
        while k < n:
            d += ONE_DAY
            if self.is_working(d):
                k += 1
        return d


def parse_duration(s):
    s = str(s)
    if s.endswith("wd"):
        return ("wd", int(s[:-2]))
    if s.endswith("h"):
        return ("s", int(s[:-1]) * 3600)
    if s.endswith("m"):  # minutes in complaint levels (the "severe: 30 min" preset)
        return ("s", int(s[:-1]) * 60)
    raise ValueError(s)


def add_duration(t, dur, tz, cal):
    kind, n = parse_duration(dur)
    if kind == "s":
        return t + dt.timedelta(seconds=n)
    local = t.astimezone(tz).date()
    day = cal.nth_working_after(local, n)
    return dt.datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=tz)


def part(due, at, now):
    if at is not None:
        return {"due": due, "at": at, "status": "met" if at <= due else "breached"}
    return {"due": due, "at": None, "status": "breached" if now > due else "pending"}


def fold(parts):  # R4
    if not parts:
        return None
    for st in ("breached", "pending", "met"):
        hit = [p for p in parts if p["status"] == st]
        if hit:
            return hit[-1]


def oracle_row(c, cfg, cal, now):
    tz = cfg["tz"]
    lvl = cfg["levels"][c["level"]]
    ev = [e for e in c["events"] if e["at"] <= now]
    R = c["received"]
    first_contact = next((e["at"] for e in ev if e["type"] == "contacted"), None)
    contact = part(add_duration(R, lvl["contact"], tz, cal), first_contact, now)
    # R1/R2: "after" its start = later in the log (the log is in time order; an event at
    # the same instant as the reopening / closing but written after it counts).
    starts = [(-1, R)] + [(i, e["at"]) for i, e in enumerate(ev) if e["type"] == "reopened"]
    cycles = []
    for i0, s in starts:
        due = add_duration(s, lvl["answer"], tz, cal)
        at = next((e["at"] for e in ev[i0 + 1:] if e["type"] == "answered"), None)
        p = part(due, at, now)
        p["start"] = s
        cycles.append(p)
    cbs = []
    for i, e in enumerate(ev):
        if e["type"] == "closed" and e.get("csat") is not None and e["csat"] <= cfg["callback_below"]:
            due = add_duration(e["at"], cfg["callback_within"], tz, cal)
            at = next((x["at"] for x in ev[i + 1:] if x["type"] == "callback"), None)
            cbs.append(part(due, at, now))
    cb = fold(cbs)
    if os.environ.get("SLA_ORACLE_CALLBACK_FOLD") == "last" and cbs:  # diagnostics only
        cb = cbs[-1]
    return {"contact": contact, "answer": fold(cycles), "callback": cb, "cycles": cycles,
            "callbacks": cbs}


def oracle_sla(complaints, cfg, cal, now, dfrom, dto):
    tz = cfg["tz"]
    rows = {}
    for c in complaints:
        if c["received"] > now:
            continue
        d = c["received"].astimezone(tz).date()
        if dfrom <= d <= dto:
            rows[c["id"]] = oracle_row(c, cfg, cal, now)
    summ = {"received": len(rows), "contact_met": 0, "contact_breached": 0, "answer_met": 0,
            "answer_breached": 0, "pending": 0, "callback_met": 0, "callback_breached": 0}
    for r in rows.values():
        for k in ("contact", "answer", "callback"):
            if r[k] is not None and r[k]["status"] != "pending":
                summ["%s_%s" % (k, r[k]["status"])] += 1
        if any(r[k] is not None and r[k]["status"] == "pending" for k in ("contact", "answer", "callback")):
            summ["pending"] += 1  # R5
    return rows, summ


# --------------------------------------------------------------------------------------
# 3. Generating data directories.
ANCHORS = [
    # around the 2025 holidays and make-up days
    D(2024, 12, 27), D(2024, 12, 30), D(2024, 12, 31), D(2025, 1, 1), D(2025, 1, 24),
    D(2025, 1, 25), D(2025, 1, 26), D(2025, 1, 27), D(2025, 2, 4), D(2025, 2, 7),
    D(2025, 2, 8), D(2025, 4, 3), D(2025, 4, 25), D(2025, 4, 27), D(2025, 4, 30),
    D(2025, 5, 30), D(2025, 9, 26), D(2025, 9, 28), D(2025, 9, 30), D(2025, 10, 9),
    D(2025, 10, 10), D(2025, 10, 11), D(2025, 12, 26), D(2025, 12, 29), D(2025, 12, 30),
    D(2025, 12, 31),
    # 2026
    D(2026, 1, 1), D(2026, 1, 3), D(2026, 1, 4), D(2026, 2, 12), D(2026, 2, 13),
    D(2026, 2, 14), D(2026, 2, 24), D(2026, 2, 27), D(2026, 2, 28), D(2026, 4, 3),
    D(2026, 4, 30), D(2026, 5, 8), D(2026, 5, 9), D(2026, 6, 18), D(2026, 9, 18),
    D(2026, 9, 19), D(2026, 9, 20), D(2026, 9, 24), D(2026, 9, 30), D(2026, 10, 9),
    D(2026, 10, 10), D(2026, 10, 11), D(2026, 11, 20), D(2026, 12, 24), D(2026, 12, 28),
    D(2026, 12, 30), D(2026, 12, 31),
]
TIMES = [(0, 0, 0), (0, 0, 1), (23, 59, 59), (23, 30, 0), (9, 0, 0), (17, 45, 30),
         (12, 0, 0), (7, 59, 59), (16, 0, 0)]
DEFAULT_LEVELS = {"general": {"contact": "24h", "answer": "3wd"},
                  "major": {"contact": "24h", "answer": "7wd"}}
CUSTOM_LEVELS = {"general": {"contact": "2h", "answer": "3wd"},
                 "major": {"contact": "24h", "answer": "7wd"},
                 "severe": {"contact": "30m", "answer": "24h", "owner": "director"},
                 "minor": {"contact": "1wd", "answer": "5wd"},
                 "fast": {"contact": "45m", "answer": "90m"}}
BASE32 = "0123456789abcdefghjkmnpqrstvwxyz"


def fmt(t, style, cfg_tz):
    """Writes instant t (aware) in one of several hand-written styles."""
    if style == "local-noofs":
        return t.astimezone(cfg_tz).strftime("%Y-%m-%dT%H:%M:%S")
    if style == "utc":
        return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if style == "nosec" and t.second == 0:  # 2026-11-22T10:15+08:00
        return t.astimezone(cfg_tz).strftime("%Y-%m-%dT%H:%M") + cfg_tz.tzname(None)[3:]
    if style == "plus9":
        return t.astimezone(tzinfo("+09:00")).isoformat()
    return t.astimezone(cfg_tz).isoformat()


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.seed = seed
        r = self.r
        self.tzs = r.choice(["+08:00", "+08:00", "+08:00", "-05:00", "+05:30", "+00:00"])
        self.cfg = {"tz": tzinfo(self.tzs)}
        custom = r.random() < 0.6
        self.cfg["levels"] = CUSTOM_LEVELS if custom else DEFAULT_LEVELS
        self.custom = custom
        self.cfg["callback_below"] = r.choice([3, 3, 2, 4])
        self.cfg["callback_within"] = r.choice(["24h", "24h", "2h", "1wd", "2wd", "30m"])
        # calendar years present in the data directory
        years = {2025: CAL[2025], 2026: CAL[2026]}
        if r.random() < 0.3:
            del years[2025]
        self.years = years
        self.complaints = []
        self.ids = set()

    def new_id(self, local_day):
        while True:
            i = local_day.strftime("%Y%m%d") + "-" + "".join(self.r.choice(BASE32) for _ in range(8))
            if i not in self.ids:
                self.ids.add(i)
                return i

    def rel(self, base, due, allow_none=True):
        """An event instant chosen around a due instant (or None)."""
        r = self.r
        k = r.choice(["exact", "plus1", "minus1", "early", "early", "late", "none", "tie"] if allow_none
                     else ["exact", "plus1", "minus1", "early", "late", "tie"])
        if k == "tie":  # at the very instant of the event it answers
            return base
        if k == "none":
            return None
        if k == "exact":
            t = due
        elif k == "plus1":
            t = due + dt.timedelta(seconds=1)
        elif k == "minus1":
            t = due - dt.timedelta(seconds=1)
        elif k == "early":
            span = max(1, int((due - base).total_seconds()))
            t = base + dt.timedelta(seconds=r.randint(1, span))
        else:
            t = due + dt.timedelta(seconds=r.randint(2, 4 * 86400))
        if t < base or (t == base and r.random() < 0.5):
            t = base + dt.timedelta(seconds=1)
        return t

    def complaint(self, cal):
        r, cfg = self.r, self.cfg
        tz = cfg["tz"]
        day = r.choice(ANCHORS) + dt.timedelta(days=r.choice([0, 0, 0, -1, 1]))
        h, m, s = r.choice(TIMES)
        R = dt.datetime(day.year, day.month, day.day, h, m, s, tzinfo=tz)
        level = r.choice(sorted(cfg["levels"]))
        lvl = cfg["levels"][level]
        ev = []
        c_due = add_duration(R, lvl["contact"], tz, cal)
        t = self.rel(R, c_due)
        if t is not None:
            ev.append({"type": "contacted", "at": t})
            if r.random() < 0.15:
                ev.append({"type": "contacted", "at": t + dt.timedelta(hours=r.randint(1, 30))})
        start = R
        ncycles = r.choice([1, 1, 1, 2, 2, 3, 4])
        for cyc in range(ncycles):
            due = add_duration(start, lvl["answer"], tz, cal)
            last = cyc == ncycles - 1
            at = self.rel(start, due, allow_none=last)
            if at is None:
                break
            ev.append({"type": "answered", "at": at})
            if r.random() < 0.1:
                ev.append({"type": "answered", "at": at + dt.timedelta(minutes=r.randint(1, 600))})
            if r.random() < (0.85 if not last else 0.6):
                close = at + dt.timedelta(seconds=r.randint(60, 3 * 86400))
                csat = r.choice([None, 1, 2, 3, 4, 5, cfg["callback_below"], cfg["callback_below"],
                                 cfg["callback_below"] + 1])
                e = {"type": "closed", "at": close}
                if csat is not None:
                    e["csat"] = csat
                ev.append(e)
                after = close
                if csat is not None and csat <= cfg["callback_below"]:
                    cdue = add_duration(close, cfg["callback_within"], tz, cal)
                    cb = self.rel(close, cdue)
                    if cb is not None:
                        ev.append({"type": "callback", "at": cb})
                        after = max(after, cb)
                elif r.random() < 0.1:  # a call-back nobody required
                    ev.append({"type": "callback", "at": close + dt.timedelta(hours=1)})
            else:
                after = at
            if last:
                break
            start = max([after] + [e["at"] for e in ev]) + dt.timedelta(seconds=r.randint(3600, 3 * 86400))
            ev.append({"type": "reopened", "at": start, "reason": "仍未解决"})
        ev.sort(key=lambda e: e["at"])
        local = R.astimezone(tz).date()
        c = {"id": self.new_id(local), "customer": r.choice(self.customers), "rep": "rep-a",
             "level": level, "category": r.choice(["product", "service", "delivery", "after_sales", "other"]),
             "received": R, "events": ev}
        self.complaints.append(c)
        return c

    def edge_complaints(self, cal):
        """A few fixed shapes the random ones may miss."""
        tz = self.cfg["tz"]
        out = []
        # answered at the very instant of receipt and call-back at the instant of closing
        R = dt.datetime(2026, 3, 10, 10, 0, 0, tzinfo=tz)
        out.append({"level": "general", "received": R, "events": [
            {"type": "contacted", "at": R}, {"type": "answered", "at": R + dt.timedelta(seconds=1)},
            {"type": "closed", "at": R + dt.timedelta(hours=1), "csat": 1},
            {"type": "callback", "at": R + dt.timedelta(hours=1, seconds=1)}]})
        # Dec 30 2025 with 3wd: Dec 31, Jan 5 (Jan 1-3 off, Jan 4 make-up Sunday works) ...
        R = dt.datetime(2025, 12, 30, 23, 59, 59, tzinfo=tz)
        out.append({"level": "general", "received": R, "events": []})
        # received on the make-up Saturday 2026-02-28, reopened on a holiday
        R = dt.datetime(2026, 2, 13, 18, 0, 0, tzinfo=tz)
        out.append({"level": "major", "received": R, "events": [
            {"type": "answered", "at": dt.datetime(2026, 2, 14, 9, 0, 0, tzinfo=tz)},
            {"type": "closed", "at": dt.datetime(2026, 2, 14, 10, 0, 0, tzinfo=tz), "csat": 2},
            {"type": "reopened", "at": dt.datetime(2026, 2, 16, 8, 0, 0, tzinfo=tz), "reason": "x"},
            {"type": "answered", "at": dt.datetime(2026, 3, 2, 23, 59, 59, tzinfo=tz)}]})
        # Dec 2026 into 2027 (no calendar file for 2027)
        R = dt.datetime(2026, 12, 29, 8, 0, 0, tzinfo=tz)
        out.append({"level": "major", "received": R, "events": [
            {"type": "contacted", "at": R + dt.timedelta(hours=24)}]})
        for e in out:
            local = e["received"].astimezone(tz).date()
            e.update({"id": self.new_id(local), "customer": self.customers[0], "rep": "rep-a",
                      "category": "other"})
            self.complaints.append(e)

    # -- writing -----------------------------------------------------------------------
    def write(self, d, kamgr):
        r, cfg = self.r, self.cfg
        tz = cfg["tz"]
        os.makedirs(d)
        lines = ["# oracle seed %d" % self.seed, "org: 测试部", 'timezone: "%s"' % self.tzs, "complaints:"]
        if self.custom:
            lines.append("  levels:")
            for name, v in CUSTOM_LEVELS.items():
                extra = ", owner: %s" % v["owner"] if "owner" in v else ""
                lines.append("    %s: {contact: %s, answer: %s%s}" % (name, v["contact"], v["answer"], extra))
        lines.append("  callback_below: %d" % cfg["callback_below"])
        lines.append("  callback_within: %s" % cfg["callback_within"])
        with open(os.path.join(d, "kamgr.yaml"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        os.makedirs(os.path.join(d, "calendar"))
        for y, c in self.years.items():
            with open(os.path.join(d, "calendar", "%d.yaml" % y), "w", encoding="utf-8") as f:
                f.write("# %d 年放假与调休\nholidays:\n" % y)
                for h in c["holidays"]:
                    f.write("  - %s\n" % h)
                f.write("workdays: [%s]\n" % ", ".join(map(str, c["workdays"])))
        os.makedirs(os.path.join(d, "team"))
        team = [("boss", "director", None), ("mgr", "manager", "boss"), ("rep-a", "rep", "mgr")]
        for i, role, mgr in team:
            with open(os.path.join(d, "team", i + ".yaml"), "w", encoding="utf-8") as f:
                f.write("id: %s\nname: 成员%s\nrole: %s\n" % (i, i, role))
                if mgr:
                    f.write("manager: %s\n" % mgr)
        os.makedirs(os.path.join(d, "customers"))
        for cu in self.customers:
            with open(os.path.join(d, "customers", cu + ".yaml"), "w", encoding="utf-8") as f:
                f.write("id: %s\nname: 客户%s\nhistory:\n  - {date: 2024-01-01, tier: key, owner: rep-a}\n" % (cu, cu))
        for c in self.complaints:
            if c.get("via_kamgr"):
                continue
            local = c["received"].astimezone(tz)
            folder = os.path.join(d, "complaints", "%04d" % local.year)
            os.makedirs(folder, exist_ok=True)
            style = lambda: r.choice(["cfg", "cfg", "cfg", "local-noofs", "utc", "plus9", "nosec"])
            out = ["id: %s" % c["id"], "customer: %s" % c["customer"], "rep: %s" % c["rep"],
                   "level: %s" % c["level"], "category: %s" % c["category"], "summary: 测试投诉",
                   "received_at: %s" % fmt(c["received"], style(), tz)]
            if not c["events"]:
                out.append("events:")
            else:
                out.append("events:")
                for e in c["events"]:
                    kv = ["type: %s" % e["type"], "at: %s" % fmt(e["at"], style(), tz), "by: rep-a"]
                    if "csat" in e:
                        kv.append("csat: %d" % e["csat"])
                    if "reason" in e:
                        kv.append("reason: %s" % e["reason"])
                    if r.random() < 0.8:
                        out.append("  - {%s}" % ", ".join(kv))
                    else:
                        out.append("  - " + kv[0])
                        out.extend("    " + x for x in kv[1:])
            with open(os.path.join(folder, c["id"] + ".yaml"), "w", encoding="utf-8") as f:
                f.write("\n".join(out) + "\n")
        # A couple of complaints written by kamgr's own commands.
        for c in [x for x in self.complaints if x.get("via_kamgr")]:
            base = [kamgr, "-C", d, "--now", "2027-06-01T00:00:00+08:00", "--as", "rep-a", "-q"]
            p = subprocess.run(base + ["complaint", "open", "--customer", c["customer"], "--level", c["level"],
                                       "--category", c["category"], "--summary", "命令生成",
                                       "--received-at", c["received"].isoformat()],
                               capture_output=True, text=True)
            if p.returncode != 0:
                raise RuntimeError("complaint open failed: " + p.stderr)
            c["id"] = p.stdout.strip()
            verbs = {"contacted": "contact", "answered": "answer", "closed": "close",
                     "callback": "callback", "reopened": "reopen"}
            for e in c["events"]:
                args = base + ["complaint", verbs[e["type"]], c["id"], "--at", e["at"].isoformat()]
                if "csat" in e:
                    args += ["--csat", str(e["csat"])]
                if e["type"] == "reopened":
                    args += ["--reason", "再次投诉"]
                p = subprocess.run(args, capture_output=True, text=True)
                if p.returncode != 0:
                    raise RuntimeError("complaint %s failed: %s" % (e["type"], p.stderr))


def commands_would_accept(c):
    """Event logs that kamgr's own commands can write (its documented refusals)."""
    closed, answered, ever_closed = False, False, False
    for e in c["events"]:
        t = e["type"]
        if t == "answered":
            if closed:
                return False
            answered = True
        elif t == "closed":
            if closed or not answered:
                return False
            closed = ever_closed = True
        elif t == "reopened":
            if not (closed or answered):
                return False
            closed, answered = False, False
        elif t == "callback" and not ever_closed:
            return False
    return True


def build(seed, d, kamgr, n):
    g = Gen(seed)
    g.customers = ["cu%02d" % i for i in range(8)]
    gen_cal = Calendar(g.years)  # events are placed by the data directory's own calendar
    for _ in range(n):
        g.complaint(gen_cal)
    g.edge_complaints(gen_cal)
    ok = [c for c in g.complaints[:n] if commands_would_accept(c)]
    for c in g.r.sample(ok, min(2, len(ok))):
        c["via_kamgr"] = True
    g.write(d, kamgr)
    return g


# --------------------------------------------------------------------------------------
# 4. Running kamgr and comparing.
def iso(x):
    return None if x is None else dt.datetime.fromisoformat(x.replace("Z", "+00:00"))


def show(t):
    return None if t is None else t.isoformat()


class Cmp:
    def __init__(self, seed):
        self.seed = seed
        self.mismatches = []
        self.checks = 0

    def eq(self, cmd, field, want, got):
        self.checks += 1
        if want != got:
            self.mismatches.append("seed %d: %s\n    %s: expected %s, got %s" % (
                self.seed, cmd, field, want, got))


def run(kamgr, args):
    env = dict(os.environ, NO_COLOR="1")
    for k in ("KAMGR_DATA", "KAMGR_NOW", "KAMGR_USER"):
        env.pop(k, None)
    p = subprocess.run([kamgr] + args, capture_output=True, text=True, env=env)
    return p


def compare_part(cmp, cmd, field, want, got, tzs):
    if want is None or got is None:
        cmp.eq(cmd, field, None if want is None else "{...}", None if got is None else got)
        return
    cmp.eq(cmd, field + ".status", want["status"], got.get("status"))
    cmp.eq(cmd, field + ".due", show(want["due"]), show(iso(got.get("due"))))
    cmp.eq(cmd, field + ".at", show(want["at"]), show(iso(got.get("at"))))
    for k in ("due", "at"):  # R7
        s = got.get(k)
        if s is not None:
            ok = s.endswith(tzs) or (tzs == "+00:00" and s.endswith("Z"))
            cmp.eq(cmd, field + "." + k + " offset", tzs, tzs if ok else s)


def check_sla(cmp, g, d, kamgr, now, period_args, dfrom, dto, today=None):
    cal = Calendar(g.years)
    want_rows, want_sum = oracle_sla(g.complaints, g.cfg, cal, now, dfrom, dto)
    when = ["--today", str(today)] if today else ["--now", now.isoformat()]
    args = ["-C", d] + when + ["--format", "json", "complaint", "sla"] + period_args
    cmd = "kamgr -C DIR " + " ".join(args[2:])
    p = run(kamgr, args)
    if p.returncode != 0:
        cmp.eq(cmd, "exit code", 0, "%d: %s" % (p.returncode, p.stderr.strip()[:300]))
        return
    j = json.loads(p.stdout)
    cmp.eq(cmd, "period", {"from": str(dfrom), "to": str(dto)}, j.get("period"))
    got_rows = {r["id"]: r for r in j.get("rows", [])}
    cmp.eq(cmd, "row ids", sorted(want_rows), sorted(got_rows))
    for cid, w in sorted(want_rows.items()):
        gr = got_rows.get(cid)
        if gr is None:
            continue
        for k in ("contact", "answer", "callback"):
            compare_part(cmp, cmd, "%s %s" % (cid, k), w[k], gr.get(k), g.tzs)
        if "answer_cycles" in gr:  # kamgr's extra key: every cycle, compared too
            gc = gr["answer_cycles"]
            cmp.eq(cmd, "%s answer_cycles count" % cid, len(w["cycles"]), len(gc))
            for i, (wc, gcc) in enumerate(zip(w["cycles"], gc)):
                cmp.eq(cmd, "%s cycle %d start" % (cid, i), show(wc["start"]), show(iso(gcc.get("start"))))
                compare_part(cmp, cmd, "%s cycle %d" % (cid, i), wc, gcc, g.tzs)
    gs = j.get("summary", {})
    for k, v in want_sum.items():
        cmp.eq(cmd, "summary." + k, v, gs.get(k))
    # R6: a needed year without a calendar file is named on stderr.
    for y in sorted(cal.needed_missing):
        cmp.checks += 1
        if str(y) not in p.stderr:
            cmp.mismatches.append("seed %d: %s\n    stderr: expected a warning naming %d (no calendar file), got %r"
                                  % (cmp.seed, cmd, y, p.stderr.strip()[:200]))
    return want_rows


def check_show(cmp, g, d, kamgr, now, cid):
    cal = Calendar(g.years)
    c = next(x for x in g.complaints if x["id"] == cid)
    w = oracle_row(c, g.cfg, cal, now)
    args = ["-C", d, "--now", now.isoformat(), "--format", "json", "complaint", "show", cid]
    cmd = "kamgr -C DIR " + " ".join(args[2:])
    p = run(kamgr, args)
    if p.returncode != 0:
        cmp.eq(cmd, "exit code", 0, "%d: %s" % (p.returncode, p.stderr.strip()[:300]))
        return
    j = json.loads(p.stdout)
    sla = j.get("sla")
    if not isinstance(sla, list):
        return  # show does not expose deadlines: nothing to compare
    got = {"contact": [], "answer": [], "callback": []}
    for x in sla:  # parts are named contact, answer, answer 2, ..., callback
        got.setdefault(str(x.get("part")).split(" ")[0], []).append(x)
    if c["received"] > now:  # not received yet as of now: no part to show
        cmp.eq(cmd, "parts of a complaint received after now", 0, len(sla))
        return
    cmp.eq(cmd, "contact parts", 1, len(got["contact"]))
    if got["contact"]:
        compare_part(cmp, cmd, "contact", w["contact"], got["contact"][0], g.tzs)
    cmp.eq(cmd, "answer parts", len(w["cycles"]), len(got["answer"]))
    for i, (wc, gc) in enumerate(zip(w["cycles"], got["answer"])):
        compare_part(cmp, cmd, "answer %d" % i, wc, gc, g.tzs)
    cmp.eq(cmd, "callback parts", len(w["callbacks"]), len(got["callback"]))
    for i, (wc, gc) in enumerate(zip(w["callbacks"], got["callback"])):
        compare_part(cmp, cmd, "callback %d" % i, wc, gc, g.tzs)


def periods_for(now, r):
    """(args, from, to) triples: a wide range, a month, a quarter, a year, an ISO week."""
    out = [(["--from", "2024-12-01", "--to", "2027-01-31"], D(2024, 12, 1), D(2027, 1, 31))]
    y, m = r.choice([(2025, 1), (2025, 10), (2025, 12), (2026, 2), (2026, 9), (2026, 12), (2026, 5)])
    last = (D(y + (m == 12), m % 12 + 1, 1) - ONE_DAY)
    out.append((["%04d-%02d" % (y, m)], D(y, m, 1), last))
    q = r.choice([1, 4])
    y = r.choice([2025, 2026])
    out.append((["%d-Q%d" % (y, q)], D(y, 3 * q - 2, 1),
                D(y + (q == 4), (3 * q) % 12 + 1, 1) - ONE_DAY))
    y = r.choice([2025, 2026])
    out.append((["%d" % y], D(y, 1, 1), D(y, 12, 31)))
    wk = r.choice([(2026, 1), (2026, 8), (2025, 40), (2026, 53)])
    monday = D.fromisocalendar(wk[0], wk[1], 1)
    out.append((["%d-W%02d" % wk], monday, monday + dt.timedelta(days=6)))
    return out


def run_seed(seed, kamgr, n, verbose):
    cmp = Cmp(seed)
    tmp = tempfile.mkdtemp(prefix="sla-oracle-")
    try:
        d = os.path.join(tmp, "data")
        g = build(seed, d, kamgr, n)
        r = random.Random(seed * 7 + 1)
        tz = g.cfg["tz"]
        nows = [dt.datetime(2027, 3, 1, 12, 0, 0, tzinfo=tz)]
        # nows inside the data: mid-stream, and exactly at / one second after a due instant
        cal = Calendar(g.years)
        for c in r.sample(g.complaints, 3):
            nows.append(c["received"] + dt.timedelta(hours=r.randint(1, 200)))
        c = r.choice(g.complaints)
        due = oracle_row(c, g.cfg, cal, c["received"])["contact"]["due"]
        nows += [due, due + dt.timedelta(seconds=1)]
        c = r.choice(g.complaints)
        due = oracle_row(c, g.cfg, cal, c["received"])["answer"]["due"]
        nows += [due, due + dt.timedelta(seconds=1)]
        c = r.choice([x for x in g.complaints if x["events"]])  # an event exactly at now, and 1s after
        e = r.choice(c["events"])
        nows += [e["at"], e["at"] - dt.timedelta(seconds=1)]
        for now in nows:
            for pargs, a, b in (periods_for(now, r) if now == nows[0] else periods_for(now, r)[:1]):
                check_sla(cmp, g, d, kamgr, now, pargs, a, b)
        # --today DATE: midnight of that day in the configured zone
        day = r.choice([D(2026, 2, 24), D(2025, 10, 9), D(2026, 1, 5), D(2027, 1, 4)])
        check_sla(cmp, g, d, kamgr, dt.datetime(day.year, day.month, day.day, tzinfo=tz),
                  ["--from", "2024-12-01", "--to", "2027-01-31"], D(2024, 12, 1), D(2027, 1, 31), today=day)
        for c in r.sample(g.complaints, 4):
            check_show(cmp, g, d, kamgr, r.choice(nows), c["id"])
        if verbose:
            print("seed %d: tz %s, %d complaints, levels %s, callback_below %d within %s, years %s: %d checks"
                  % (seed, g.tzs, len(g.complaints), "custom" if g.custom else "default",
                     g.cfg["callback_below"], g.cfg["callback_within"], sorted(g.years), cmp.checks))
        if os.environ.get("SLA_ORACLE_KEEP"):
            keep = os.path.join(os.environ["SLA_ORACLE_KEEP"], "seed%d" % seed)
            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(d, keep)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return cmp


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kamgr", default=os.environ.get("KAMGR"))
    ap.add_argument("--seeds", default="1,2,3,4,5")
    ap.add_argument("-n", type=int, default=50, help="random complaints per seed")
    ap.add_argument("--repo", help="repository root: also compare its data/calendar")
    ap.add_argument("--max-report", type=int, default=25)
    ap.add_argument("-v", "--verbose", action="store_true")
    # Set SLA_ORACLE_KEEP=DIR to keep each seed's data directory (DIR/seed<N>) for replay.
    a = ap.parse_args()
    if not a.kamgr:
        sys.exit("set --kamgr or $KAMGR")
    problems = []
    # Calendar: what `kamgr init` writes, and the demo data's calendar.
    tmp = tempfile.mkdtemp(prefix="sla-oracle-init-")
    try:
        p = run(a.kamgr, ["init", os.path.join(tmp, "d")])
        if p.returncode != 0:
            problems.append("kamgr init failed: " + p.stderr)
        else:
            problems += compare_calendar_files(os.path.join(tmp, "d", "calendar"), "kamgr init calendar")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if a.repo:
        problems += compare_calendar_files(os.path.join(a.repo, "data", "calendar"), "data/calendar")
    checks = 0
    for s in [int(x) for x in a.seeds.split(",") if x]:
        cmp = run_seed(s, a.kamgr, a.n, a.verbose)
        checks += cmp.checks
        problems += cmp.mismatches
    if problems:
        print("%d mismatch(es) out of %d checks; the first ones:" % (len(problems), checks))
        for m in problems[:a.max_report]:
            print("  " + m)
        sys.exit(1)
    print("sla oracle: %d checks, all match" % checks)


if __name__ == "__main__":
    main()
