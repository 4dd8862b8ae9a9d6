#!/usr/bin/env python3
"""Differential oracle for docs/visits.md "Frequencies and windows", "Visit compliance"
and "Entry timeliness" and the JSON of `kamgr visit compliance [PERIOD] --by
customer|rep|team`.

Written from the documented rules only (not from kamgr's sources). For each seed it
generates a data directory (hand-written YAML in the layout of docs/formats.md, plus a
little written through kamgr's own commands), computes the expected report independently, runs kamgr and compares every row and the totals.

Usage: visits_oracle.py --kamgr PATH [--seeds 1,2,3] [--keep DIR] [--max-report N]
Exit 0 when everything matches, 1 on any mismatch (the first ones are printed).

Readings chosen where the rules leave room:
 * Nw windows tile the whole time line, also before week_anchor (anchor + k*7N days,
   k any integer).  Nm windows start at months m with (year*12 + m-1) % N == 0, which
   is "aligned to January" (only N dividing 12 are generated).
 * "before today": the window's last day < the local date of --now in kamgr.yaml's
   timezone.  A window whose first day is before the first history date is not required.
 * When two tiers share one frequency a window is counted once (it is one window).
 * History entries on the same date: the later one in the list wins.
 * Visits recorded after --now are ignored everywhere (compliance and timeliness);
   recorded_at == now counts.  A visit dated after now but already recorded counts.
 * Visit end: date + end, else + start, else 23:59:59, local time.  `Nh`/`Nmin`
   deadlines add wall-clock time; `Nwd` deadlines are 23:59:59 local of the Nth
   working day after the end's local date (docs/visits.md "Entry timeliness").
 * --by customer: a row per customer with at least one required window; owner and
   tier are the ones in force on the last day of the last required window.
 * --by rep: a row per member who owns a required window or recorded a visit dated in
   the period; windows belong to their owner on their last day, visits to their `rep`.
 * --by team: windows and visits of a rep go to the rep's `manager`; those of a
   manager (or director) go to that member's own row (they lead the team).
 * Rows absent on one side are only mismatches when the other side's row is not all
   zero (a listing of idle members is a presentation choice).
 * Rates: met / required x 100 rounded half-up to 2 decimals; null with 0 required.
 * The order of `missed` windows is not specified: compared as a set.
 * kamgr.yaml's `visits.frequency` given in part keeps the defaults of the other tiers
   ("every key is optional"); kamgr treats the map's keys as the only valid tiers
   (docs/formats.md) and refuses the data: probe-partial reports it.
 * recorded_at with fractional seconds is compared exactly (probe-fraction).
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
from decimal import Decimal, ROUND_HALF_UP

import yaml

D = dt.date
ONE = dt.timedelta(days=1)

# --------------------------------------------------------------------------- helpers


def parse_tz(s):
    s = str(s).strip()
    if s in ("Z", "+00:00", "-00:00"):
        return dt.timezone.utc
    sign = -1 if s[0] == "-" else 1
    h, m = s[1:].split(":")
    return dt.timezone(sign * dt.timedelta(hours=int(h), minutes=int(m)))


def fmt_tz(tz):
    off = tz.utcoffset(None)
    mins = int(off.total_seconds() // 60)
    sign = "-" if mins < 0 else "+"
    mins = abs(mins)
    return "%s%02d:%02d" % (sign, mins // 60, mins % 60)


def to_date(v):
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return D.fromisoformat(str(v))


def to_instant(v, tz):
    """recorded_at as an aware datetime; one without offset is in kamgr.yaml's zone."""
    if isinstance(v, dt.datetime):
        x = v
    else:
        s = str(v).strip().replace("Z", "+00:00")
        x = dt.datetime.fromisoformat(s)
    if x.tzinfo is None:
        x = x.replace(tzinfo=tz)
    return x


def rate(num, den):
    if den == 0:
        return None
    q = (Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return q


def parse_duration(s):
    s = str(s).strip()
    for suf, kind in (("wd", "wd"), ("min", "min"), ("h", "h"), ("w", "w"), ("m", "m")):
        if s.endswith(suf) and s[: -len(suf)].isdigit():
            return kind, int(s[: -len(suf)])
    raise ValueError("bad duration " + s)


def add_months(y, m, n):
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def month_end(y, m):
    ny, nm = add_months(y, m, 1)
    return D(ny, nm, 1) - ONE


# --------------------------------------------------------------------------- periods


def period_range(spec):
    """spec: ('p', '2026-10') or ('ft', from, to). Returns (from, to) dates."""
    if spec[0] == "ft":
        return D.fromisoformat(spec[1]), D.fromisoformat(spec[2])
    p = spec[1]
    if "-W" in p:
        y, w = p.split("-W")
        s = D.fromisocalendar(int(y), int(w), 1)
        return s, s + 6 * ONE
    if "-Q" in p:
        y, q = p.split("-Q")
        y, q = int(y), int(q)
        m0 = 3 * (q - 1) + 1
        return D(y, m0, 1), month_end(y, m0 + 2)
    if len(p) == 4:
        return D(int(p), 1, 1), D(int(p), 12, 31)
    y, m = p.split("-")
    return D(int(y), int(m), 1), month_end(int(y), int(m))


# --------------------------------------------------------------------------- the model


class Calendar:
    def __init__(self, datadir):
        self.hol, self.work = set(), set()
        cdir = os.path.join(datadir, "calendar")
        if os.path.isdir(cdir):
            for f in os.listdir(cdir):
                if f.endswith(".yaml"):
                    with open(os.path.join(cdir, f), encoding="utf-8") as fh:
                        c = yaml.safe_load(fh) or {}
                    self.hol |= {to_date(x) for x in (c.get("holidays") or [])}
                    self.work |= {to_date(x) for x in (c.get("workdays") or [])}

    def working(self, d):
        if d in self.work:
            return True
        if d in self.hol:
            return False
        return d.weekday() < 5

    def nth_after(self, d, n):
        k = 0
        while k < n:
            d += ONE
            if self.working(d):
                k += 1
        return d


class Data:
    def __init__(self, datadir):
        with open(os.path.join(datadir, "kamgr.yaml"), encoding="utf-8") as fh:
            cfg = yaml.safe_load(fh) or {}
        self.tz = parse_tz(cfg.get("timezone", "+08:00"))
        self.anchor = to_date(cfg.get("week_anchor", "2024-01-01"))
        v = cfg.get("visits") or {}
        freq = {"key": "1w", "secondary": "2w", "general": "1m"}
        freq.update({k: str(x) for k, x in (v.get("frequency") or {}).items()})
        self.freq = freq
        self.deadline = parse_duration(v.get("entry_deadline", "24h"))
        self.cal = Calendar(datadir)
        self.team = {}
        for f in sorted(os.listdir(os.path.join(datadir, "team"))):
            with open(os.path.join(datadir, "team", f), encoding="utf-8") as fh:
                t = yaml.safe_load(fh)
            self.team[t["id"]] = t
        self.customers = {}
        for f in sorted(os.listdir(os.path.join(datadir, "customers"))):
            with open(os.path.join(datadir, "customers", f), encoding="utf-8") as fh:
                c = yaml.safe_load(fh)
            hist = []
            for e in c["history"]:
                e = dict(e)
                e["date"] = to_date(e["date"])
                hist.append(e)
            # stable sort by date: same-date entries keep file order (later wins)
            hist.sort(key=lambda e: e["date"])
            self.customers[c["id"]] = {"id": c["id"], "history": hist}
        self.visits = []
        vroot = os.path.join(datadir, "visits")
        for root, _dirs, files in os.walk(vroot):
            for f in files:
                if not f.endswith(".yaml"):
                    continue
                with open(os.path.join(root, f), encoding="utf-8") as fh:
                    v = yaml.safe_load(fh)
                v["date"] = to_date(v["date"])
                v["recorded_at"] = to_instant(v["recorded_at"], self.tz)
                self.visits.append(v)

    # state of a customer on a date: (tier, owner, status) or None before the first entry
    def state(self, cid, d):
        st = None
        for e in self.customers[cid]["history"]:
            if e["date"] > d:
                break
            if st is None:
                st = {"tier": None, "owner": None, "status": "active"}
            for k in ("tier", "owner", "status"):
                if k in e and e[k] is not None:
                    st[k] = str(e[k])
        return st

    def first_date(self, cid):
        return self.customers[cid]["history"][0]["date"]

    def windows_ending_in(self, freq, lo, hi):
        """Windows (start, end) of a frequency whose end lies in [lo, hi]."""
        kind, n = parse_duration(freq)
        out = []
        if lo > hi:
            return out
        if kind == "w":
            L = 7 * n
            k = (lo - self.anchor).days // L - 1
            while True:
                s = self.anchor + dt.timedelta(days=k * L)
                e = s + dt.timedelta(days=L - 1)
                if e > hi:
                    break
                if e >= lo:
                    out.append((s, e))
                k += 1
        elif kind == "m":
            k = (lo.year * 12 + lo.month - 1) // n * n - n
            while True:
                y, m = divmod(k, 12)
                s = D(y, m + 1, 1)
                ey, em = add_months(y, m + 1, n - 1)
                e = month_end(ey, em)
                if e > hi:
                    break
                if e >= lo:
                    out.append((s, e))
                k += n
        else:
            raise ValueError("frequency " + freq)
        return out

    def visit_end(self, v):
        t = v.get("end") or v.get("start")
        if t:
            hh, mm = str(t).split(":")[:2]
            tm = dt.time(int(hh), int(mm))
        else:
            tm = dt.time(23, 59, 59)
        return dt.datetime.combine(v["date"], tm, tzinfo=self.tz)

    def due(self, v):
        end = self.visit_end(v)
        kind, n = self.deadline
        if kind == "h":
            return end + dt.timedelta(hours=n)
        if kind == "min":
            return end + dt.timedelta(minutes=n)
        if kind == "wd":
            d = self.cal.nth_after(end.date(), n)
            return dt.datetime.combine(d, dt.time(23, 59, 59), tzinfo=self.tz)
        if kind == "w":
            return end + dt.timedelta(days=7 * n)
        raise ValueError("deadline kind " + kind)

    def on_time(self, v):
        return v["recorded_at"] <= self.due(v)

    def team_key(self, member):
        t = self.team.get(member)
        if t is None:
            return None
        if t.get("role") in ("manager", "director"):
            return member
        return t.get("manager")

    # ---------------------------------------------------------------- the report
    def report(self, pfrom, pto, now):
        today = now.astimezone(self.tz).date()
        known = [v for v in self.visits if v["recorded_at"] <= now]
        by_cust_dates = {}
        for v in known:
            by_cust_dates.setdefault(v["customer"], []).append(v["date"])
        hi = min(pto, today - ONE)
        windows = []  # (cid, s, e, owner, tier, met)
        for cid in self.customers:
            first = self.first_date(cid)
            dates = by_cust_dates.get(cid, [])
            for freq in sorted(set(self.freq.values())):
                for s, e in self.windows_ending_in(freq, pfrom, hi):
                    if s < first:
                        continue
                    st = self.state(cid, e)
                    if st is None or st["status"] != "active":
                        continue
                    if self.freq.get(st["tier"]) != freq:
                        continue
                    met = any(s <= x <= e for x in dates)
                    windows.append((cid, s, e, st["owner"], st["tier"], met))
        vis = [v for v in known if pfrom <= v["date"] <= pto]
        ontime = {id(v): self.on_time(v) for v in vis}

        def agg(rows, key, wkey, vkey):
            for w in windows:
                k = wkey(w)
                r = rows.setdefault(k, {key: k, "required": 0, "met": 0, "visits": 0, "on_time": 0})
                r["required"] += 1
                r["met"] += 1 if w[5] else 0
            if vkey is not None:
                for v in vis:
                    k = vkey(v)
                    r = rows.setdefault(k, {key: k, "required": 0, "met": 0, "visits": 0, "on_time": 0})
                    r["visits"] += 1
                    r["on_time"] += 1 if ontime[id(v)] else 0
            for r in rows.values():
                r["rate"] = rate(r["met"], r["required"])
                r["timeliness"] = rate(r["on_time"], r["visits"])
            return rows

        out = {"period": {"from": pfrom.isoformat(), "to": pto.isoformat()}}
        total = agg({}, "_", lambda w: "_", lambda v: "_").get("_") or {
            "required": 0, "met": 0, "visits": 0, "on_time": 0, "rate": None, "timeliness": None}
        total.pop("_", None)
        out["total"] = total
        # by customer
        cust = {}
        for w in sorted(windows, key=lambda w: (w[0], w[2])):
            r = cust.setdefault(w[0], {"customer": w[0], "required": 0, "met": 0, "missed": []})
            r["required"] += 1
            r["owner"], r["tier"] = w[3], w[4]
            if w[5]:
                r["met"] += 1
            else:
                r["missed"].append({"from": w[1].isoformat(), "to": w[2].isoformat()})
        for r in cust.values():
            r["rate"] = rate(r["met"], r["required"])
        out["customer"] = cust
        out["rep"] = agg({}, "rep", lambda w: w[3], lambda v: v["rep"])
        out["team"] = agg({}, "manager", lambda w: self.team_key(w[3]), lambda v: self.team_key(v["rep"]))
        return out


# --------------------------------------------------------------------------- generator

B32 = "abcdefghijklmnopqrstuvwxyz234567"
TZS = ["+08:00", "+08:00", "+00:00", "-05:00", "+05:30", "+09:00", "-03:30"]
ANCHORS = ["2024-01-01", "2024-01-01", "2023-01-02", "2025-03-03", "2021-06-07", "2026-05-04"]
HOLIDAYS = {
    2025: (["2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-03",
            "2025-02-04", "2025-04-04", "2025-05-01", "2025-05-02", "2025-05-05", "2025-06-02",
            "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08"],
           ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]),
    2026: (["2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
            "2026-02-20", "2026-02-23", "2026-04-06", "2026-05-01", "2026-05-04", "2026-05-05",
            "2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"],
           ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]),
}


def rand_date(rng, a, b):
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def run_kamgr(kamgr, args, check=True):
    env = dict(os.environ, NO_COLOR="1")
    for k in ("KAMGR_USER", "KAMGR_DATA", "KAMGR_NOW"):
        env.pop(k, None)
    p = subprocess.run([kamgr] + args, capture_output=True, text=True, env=env)
    if check and p.returncode != 0:
        raise RuntimeError("kamgr %s -> %d: %s" % (" ".join(args), p.returncode, p.stderr.strip()))
    return p


def generate(seed, d, kamgr):
    rng = random.Random(seed)
    tzs = rng.choice(TZS)
    tz = parse_tz(tzs)
    freq = {"key": rng.choice(["1w", "1w", "2w"]),
            "secondary": rng.choice(["2w", "2w", "3w", "1m"]),
            "general": rng.choice(["1m", "1m", "2m", "3m"])}
    deadline = rng.choice(["24h", "48h", "36h", "2h", "2wd", "1wd", "3wd", "24h"])
    cfg = ["# generated by tests/oracle/visits_oracle.py seed %d" % seed, "org: 拜访甲骨文"]
    if tzs != "+08:00" or rng.random() < 0.5:
        cfg.append('timezone: "%s"' % tzs)
    anchor = rng.choice(ANCHORS)
    if anchor != "2024-01-01" or rng.random() < 0.3:
        cfg.append("week_anchor: %s" % anchor)
    cfg.append("visits:")
    # the full map: a partial one is probed separately (probe_partial_frequency)
    if freq != {"key": "1w", "secondary": "2w", "general": "1m"} or rng.random() < 0.5:
        cfg.append("  frequency: {%s}" % ", ".join("%s: %s" % kv for kv in freq.items()))
    if deadline != "24h" or rng.random() < 0.5:
        cfg.append("  entry_deadline: %s" % deadline)
    write(os.path.join(d, "kamgr.yaml"), "\n".join(cfg) + "\n")
    for y, (hol, wd) in HOLIDAYS.items():
        if rng.random() < 0.8:
            write(os.path.join(d, "calendar", "%d.yaml" % y),
                  "holidays: [%s]\nworkdays: [%s]\n" % (", ".join(hol), ", ".join(wd)))
    # team
    managers = ["li-si", "wu-wei"]
    reps = {"zhang-san": "li-si", "wang-wu": "li-si", "chen.qi": "li-si",
            "zhao-liu": "wu-wei", "sun-ba": "wu-wei", "zhou9": "wu-wei"}
    write(os.path.join(d, "team", "boss.yaml"), "id: boss\nname: 老板\nrole: director\n")
    for m in managers:
        write(os.path.join(d, "team", m + ".yaml"),
              "id: %s\nname: 经理%s\nrole: manager\nmanager: boss\nactive: true\n" % (m, m))
    for r, m in reps.items():
        act = "false" if r == "zhou9" else "true"
        write(os.path.join(d, "team", r + ".yaml"),
              "id: %s\nname: 代表%s\nrole: rep\nmanager: %s\nemail: %s@example.com\nactive: %s\n"
              % (r, r, m, r, act))
    replist = sorted(reps)
    tiers = ["key", "secondary", "general"]
    lo, hi = D(2024, 10, 1), D(2026, 12, 20)
    ncust = rng.randint(24, 32)
    cust_hist = {}
    for i in range(ncust):
        cid = "c%02d" % i
        first = rand_date(rng, lo, D(2026, 10, 15))
        if rng.random() < 0.2:  # mid-window starts: a Wednesday or the 15th
            first = first + dt.timedelta(days=(2 - first.weekday()) % 7)
        hist = [{"date": first, "tier": rng.choice(tiers), "owner": rng.choice(replist)}]
        t = first
        lost = False
        for _ in range(rng.choice([0, 1, 2, 3, 4, 5])):
            t = t + dt.timedelta(days=rng.choice([0, 1, 6, 13, 20, 35, 60, 100]))
            if t > hi:
                break
            kind = rng.random()
            e = {"date": t}
            if kind < 0.3:
                e["tier"] = rng.choice(tiers)
            elif kind < 0.55:
                e["owner"] = rng.choice(replist)
            elif kind < 0.75:
                e["status"] = "active" if lost else "lost"
                lost = not lost
            elif kind < 0.9:
                e["tier"] = rng.choice(tiers)
                e["owner"] = rng.choice(replist)
            else:
                e["status"] = "active"  # explicit (re)activation, maybe redundant
                lost = False
            hist.append(e)
        cust_hist[cid] = hist
        lines = ["id: %s" % cid, "name: 客户%s号" % cid, "industry: 零售"]
        if rng.random() < 0.3:
            lines.append("since: %s" % first.isoformat())
        lines.append("history:")
        for e in hist:
            kv = ", ".join("%s: %s" % (k, v.isoformat() if isinstance(v, D) else v) for k, v in e.items())
            if rng.random() < 0.8:
                lines.append("  - {%s}" % kv + ("   # 变更" if rng.random() < 0.1 else ""))
            else:
                items = list(e.items())
                k, v = items[0]
                lines.append("  - %s: %s" % (k, v.isoformat() if isinstance(v, D) else v))
                for k, v in items[1:]:
                    lines.append("    %s: %s" % (k, v.isoformat() if isinstance(v, D) else v))
        write(os.path.join(d, "customers", cid + ".yaml"), "\n".join(lines) + "\n")

    def owner_on(cid, day):
        o = None
        for e in cust_hist[cid]:
            if e["date"] <= day:
                o = e.get("owner", o)
        return o

    # we need the due instant while generating (to place recorded_at around it)
    model = Data.__new__(Data)
    model.tz = tz
    model.deadline = parse_duration(deadline)
    model.cal = Calendar(d)
    vid = [0]
    members = replist + managers + ["boss"]

    def put_visit(cid, rep, v, rec):
        z = rng.random()
        if z < 0.6:
            rs = rec.astimezone(tz).isoformat()
        elif z < 0.85:
            rs = rec.astimezone(parse_tz(rng.choice(["+00:00", "-07:00", "+09:00", "+05:45"]))).isoformat()
        else:
            rs = rec.astimezone(tz).replace(tzinfo=None).isoformat()  # no offset: local
        day = v["date"]
        vid[0] += 1
        ident = "%s-%s" % (day.strftime("%Y%m%d"), "".join(rng.choice(B32) for _ in range(6)) + "%03d" % vid[0])
        lines = ["id: %s" % ident, "customer: %s" % cid, "rep: %s" % rep, "date: %s" % day.isoformat()]
        for k in ("start", "end"):
            if k in v:
                lines.append('%s: "%s"' % (k, v[k]))
        lines.append("purpose: 例行拜访")
        if rng.random() < 0.2:
            lines.append("outcome: 同意试用")
        lines.append("recorded_at: %s" % rs)
        write(os.path.join(d, "visits", day.strftime("%Y"), day.strftime("%m"), ident + ".yaml"),
              "\n".join(lines) + "\n")

    # around each query's "now": visits recorded exactly at now (kept) and 1 s after
    # (left out), and visits dated after now but already recorded (kept)
    qs = queries(seed, tz)
    for spec, now, _targs in qs:
        pf, pt = period_range(spec)
        today = now.astimezone(tz).date()
        for delta in (0, 0, 1, 1):
            cid = rng.choice(sorted(cust_hist))
            day = rand_date(rng, pf, max(pf, min(pt, today - ONE)))
            v = {"date": day, "start": "10:00"} if rng.random() < 0.5 else {"date": day}
            put_visit(cid, owner_on(cid, day) or rng.choice(replist), v, now + dt.timedelta(seconds=delta))
        if today <= pt:
            cid = rng.choice(sorted(cust_hist))
            day = rand_date(rng, max(today, pf), pt)
            put_visit(cid, owner_on(cid, day) or rng.choice(replist), {"date": day},
                      now - dt.timedelta(hours=rng.randint(0, 30)))
    for cid, hist in cust_hist.items():
        day = hist[0]["date"] - dt.timedelta(days=rng.randint(0, 40))
        gap = {"key": (2, 12), "secondary": (5, 22), "general": (10, 50)}[hist[0]["tier"]]
        while True:
            day += dt.timedelta(days=rng.randint(*gap))
            if day > D(2027, 1, 10):
                break
            if day < D(2024, 12, 1):
                continue
            o = owner_on(cid, day)
            r = rng.random()
            rep = o if (o and r < 0.75) else (rng.choice(members) if r < 0.97 else "boss")
            v = {"date": day}
            sh = rng.randint(7, 20)
            form = rng.random()
            if form < 0.45:
                sm = rng.choice([0, 15, 30, 45])
                eh = min(sh + rng.randint(0, 3), 23)
                v["start"] = "%02d:%02d" % (sh, sm)
                v["end"] = "%02d:%02d" % (eh, rng.choice([sm, 59]) if eh == sh else rng.choice([0, 10, 59]))
            elif form < 0.65:
                v["start"] = "%02d:%02d" % (sh, rng.choice([0, 30]))
            elif form < 0.72:
                v["end"] = "%02d:%02d" % (sh, rng.choice([0, 30]))
            due = model.due(v)
            end = model.visit_end(v)
            c = rng.random()
            if c < 0.15:
                rec = due
            elif c < 0.3:
                rec = due + dt.timedelta(seconds=1)
            elif c < 0.38:
                rec = due - dt.timedelta(seconds=1)
            elif c < 0.7:
                rec = end + dt.timedelta(minutes=rng.randint(5, 600))
            elif c < 0.78:
                rec = end - dt.timedelta(minutes=rng.randint(0, 120))
            elif c < 0.9:
                rec = due + dt.timedelta(hours=rng.randint(1, 100))
            else:
                rec = end + dt.timedelta(days=rng.randint(3, 40))
            put_visit(cid, rep, v, rec)
    # a little through kamgr's own commands: a customer added and changed, visits added
    nowarg = "2026-03-10T10:00:00" + tzs
    base = ["-C", d, "--as", "boss", "--format", "json"]
    run_kamgr(kamgr, base + ["--now", nowarg, "customer", "add", "--name", "命令客户", "--id", "cmd1",
                             "--tier", "key", "--owner", "zhang-san", "--date", "2026-02-04"])
    run_kamgr(kamgr, base + ["--now", nowarg, "customer", "set", "cmd1", "--tier", "secondary",
                             "--date", "2026-03-01"])
    run_kamgr(kamgr, base + ["--now", nowarg, "customer", "set", "cmd1", "--owner", "sun-ba",
                             "--date", "2026-06-15"])
    for day, rep, start, end, rec in (("2026-02-05", "zhang-san", "09:00", "10:00", "2026-02-06T10:00:00"),
                                      ("2026-02-20", "zhang-san", None, None, "2026-02-22T00:00:00"),
                                      ("2026-03-16", "wang-wu", "14:00", None, "2026-03-17T14:00:00"),
                                      ("2026-07-01", "sun-ba", None, "11:00", "2026-07-02T11:00:01"),
                                      ("2026-07-20", "sun-ba", "08:00", "09:00", "2026-07-20T09:30:00")):
        a = base + ["--now", rec + tzs, "visit", "add", "--customer", "cmd1", "--date", day,
                    "--purpose", "命令拜访", "--rep", rep]
        if start:
            a += ["--start", start]
        if end:
            a += ["--end", end]
        run_kamgr(kamgr, a)
    return qs


def queries(seed, tz):
    rng = random.Random(seed * 7919 + 1)
    q = []
    fixed = [("p", "2026-10"), ("p", "2026-Q1"), ("p", "2025"), ("p", "2026-W53"), ("p", "2026-02"),
             ("p", "2025-W01"), ("p", "2026-Q3"), ("ft", "2025-11-17", "2026-02-08"), ("p", "2026")]
    rng.shuffle(fixed)
    for spec in fixed[:6] + [("p", "%d-%02d" % (rng.choice([2025, 2026]), rng.randint(1, 12))),
                             ("p", "%d-W%02d" % (rng.choice([2025, 2026]), rng.randint(1, 52)))]:
        pf, pt = period_range(spec)
        c = rng.random()
        if c < 0.35:  # now inside the period
            nd = pf + dt.timedelta(days=rng.randint(0, max(0, (pt - pf).days)))
        elif c < 0.8:  # shortly after
            nd = pt + dt.timedelta(days=rng.randint(1, 10))
        else:
            nd = pt + dt.timedelta(days=rng.randint(30, 200))
        hh = rng.choice([0, 0, 9, 23])
        now = dt.datetime.combine(nd, dt.time(hh, rng.choice([0, 0, 30]), rng.choice([0, 0, 17])), tzinfo=tz)
        r = rng.random()
        if r < 0.15:
            targs = ["--today", nd.isoformat()]
            now = dt.datetime.combine(nd, dt.time(0, 0), tzinfo=tz)
        elif r < 0.3:  # the same instant written in another offset
            targs = ["--now", now.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")
                     if r < 0.2 else now.astimezone(parse_tz("-11:00")).isoformat()]
        else:
            targs = ["--now", now.isoformat()]
        q.append((spec, now, targs))
    return q


# --------------------------------------------------------------------------- comparison


def num(x):
    return None if x is None else Decimal(str(x))


def cmp_rows(ctx, key, exp_rows, got_rows, fields, mism):
    got = {}
    for r in got_rows:
        got[r.get(key)] = r
    for k in sorted(set(exp_rows) | set(got), key=str):
        e, g = exp_rows.get(k), got.get(k)
        if e is None:
            if any(g.get(f) for f in ("required", "met", "visits", "on_time")):
                mism.append((ctx, "%s=%s" % (key, k), "row", "absent", json.dumps(g, ensure_ascii=False)))
            continue
        if g is None:
            if any(e.get(f) for f in ("required", "met", "visits", "on_time")):
                mism.append((ctx, "%s=%s" % (key, k), "row", json.dumps(e, default=str, ensure_ascii=False), "absent"))
            continue
        for f in fields:
            ev = e.get(f)
            gv = g.get(f, "<missing key>")
            if f in ("rate", "timeliness"):
                ok = (ev is None and gv is None) or (ev is not None and gv not in (None, "<missing key>")
                                                     and num(gv) == ev)
            elif f == "missed" and isinstance(gv, list):
                # the order of the missed windows is not specified: compare as sets
                norm = lambda l: sorted((x.get("from"), x.get("to")) for x in l)
                ok = norm(ev) == norm(gv)
            else:
                ok = ev == gv
            if not ok:
                mism.append((ctx, "%s=%s" % (key, k), f, ev, gv))


def compare(data, kamgr, d, seed, qs, mism, stats):
    for spec, now, targs in qs:
        pargs = [spec[1]] if spec[0] == "p" else ["--from", spec[1], "--to", spec[2]]
        pf, pt = period_range(spec)
        exp = data.report(pf, pt, now)
        for by in ("customer", "rep", "team"):
            args = ["-C", d, "--format", "json"] + targs + ["visit", "compliance"] + pargs + ["--by", by]
            ctx = "seed %d: kamgr %s" % (seed, " ".join(args[2:]))
            p = run_kamgr(kamgr, args, check=False)
            stats["runs"] += 1
            if p.returncode != 0:
                mism.append((ctx, "-", "exit", 0, "%d %s" % (p.returncode, p.stderr.strip()[:200])))
                continue
            try:
                j = json.loads(p.stdout)
            except ValueError:
                mism.append((ctx, "-", "json", "valid", p.stdout[:200]))
                continue
            if j.get("period") != exp["period"]:
                mism.append((ctx, "-", "period", exp["period"], j.get("period")))
            t = j.get("total") or {}
            for f in ("required", "met", "rate", "visits", "on_time", "timeliness"):
                ev, gv = exp["total"].get(f), t.get(f, "<missing key>")
                if f in ("rate", "timeliness"):
                    ok = (ev is None and gv is None) or (ev is not None and gv not in (None, "<missing key>")
                                                         and num(gv) == ev)
                else:
                    ok = ev == gv
                if not ok:
                    mism.append((ctx, "total", f, ev, gv))
            stats["windows"] += exp["total"]["required"]
            stats["visits"] += exp["total"]["visits"]
            if by == "customer":
                cmp_rows(ctx, "customer", exp["customer"], j.get("rows", []),
                         ("owner", "tier", "required", "met", "rate", "missed"), mism)
            elif by == "rep":
                cmp_rows(ctx, "rep", exp["rep"], j.get("rows", []),
                         ("required", "met", "rate", "visits", "on_time", "timeliness"), mism)
            else:
                cmp_rows(ctx, "manager", exp["team"], j.get("rows", []),
                         ("required", "met", "rate", "visits", "on_time", "timeliness"), mism)


# --------------------------------------------------------------------------- visit due
# A looser check of `kamgr visit due [--rep M]` (docs/visits.md "What is due: `visit
# due`"; the reading here: every customer active today whose current window, the window of today's
# tier containing today, has no visit dated in it yet; `--rep` keeps the customers the
# member owns today; `overdue` when the window before it, of the same frequency, was a
# required window and was missed; due = the window's last day).


def window_containing(data, freq, day):
    for s, e in data.windows_ending_in(freq, day, day + dt.timedelta(days=400)):
        if s <= day <= e:
            return s, e
    raise AssertionError("no window")


def today_of(data, now):
    return now.astimezone(data.tz).date()


def expected_due(data, now, rep):
    today = now.astimezone(data.tz).date()
    known = [v for v in data.visits if v["recorded_at"] <= now]
    dates = {}
    for v in known:
        dates.setdefault(v["customer"], []).append(v["date"])
    rows = {}
    for cid in data.customers:
        st = data.state(cid, today)
        if st is None or st["status"] != "active" or (rep and st["owner"] != rep):
            continue
        f = data.freq[st["tier"]]
        s, e = window_containing(data, f, today)
        # a visit dated after today (entered ahead) has not happened "yet": not counted
        # (docs/visits.md "has no visit yet"; first read as any visit dated in the window)
        ds = [x for x in dates.get(cid, []) if x <= today]
        if any(s <= x <= e for x in ds):
            continue
        ps, pe = window_containing(data, f, s - ONE)
        pst = data.state(cid, pe)
        prev_required = (ps >= data.first_date(cid) and pst is not None and pst["status"] == "active"
                         and data.freq.get(pst["tier"]) == f)
        overdue = prev_required and not any(ps <= x <= pe for x in ds)
        # "searched up to a year back": the exact cut-off is not specified, so a last
        # visit between 360 and 380 days back may be shown or not
        last = max(ds, default=None)
        if last and (today - last).days > 380:
            last = None
        rows[cid] = {"owner": st["owner"], "tier": st["tier"],
                     "window": {"from": s.isoformat(), "to": e.isoformat()}, "due": e.isoformat(),
                     "days_left": (e - today).days, "overdue": overdue,
                     "last_visit": last.isoformat() if last else None}
    return rows


def compare_due(data, kamgr, d, seed, qs, mism, stats):
    for _spec, now, targs in qs[:3]:
        for rep in (None, "zhang-san", "sun-ba"):
            args = ["-C", d, "--format", "json"] + targs + ["visit", "due"] + (["--rep", rep] if rep else [])
            ctx = "seed %d: kamgr %s" % (seed, " ".join(args[2:]))
            p = run_kamgr(kamgr, args, check=False)
            stats["runs"] += 1
            if p.returncode != 0:
                mism.append((ctx, "-", "exit", 0, "%d %s" % (p.returncode, p.stderr.strip()[:200])))
                continue
            got = {r["customer"]: r for r in json.loads(p.stdout).get("rows", [])}
            exp = expected_due(data, now, rep)
            for cid in sorted(set(exp) | set(got)):
                if cid not in got or cid not in exp:
                    mism.append((ctx, "customer=" + cid, "row", exp.get(cid, "absent"),
                                 got.get(cid, "absent")))
                    continue
                for f, ev in exp[cid].items():
                    if f == "last_visit" and ev and got[cid].get(f) is None and \
                            (today_of(data, now) - D.fromisoformat(ev)).days >= 360:
                        continue
                    if got[cid].get(f) != ev:
                        mism.append((ctx, "customer=" + cid, f, ev, got[cid].get(f)))
            # most urgent first: by due date, overdue ones first on the same day
            keys = [(r["due"], not r["overdue"]) for r in json.loads(p.stdout).get("rows", [])]
            if keys != sorted(keys):
                mism.append((ctx, "-", "order", "by due, overdue first", keys[:6]))


# --------------------------------------------------------------------------- probes
# Small hand-made directories for cases the random data rarely hits; the expectations
# still come from the oracle (Data.report), plus a sanity check of the oracle itself.


def small_dir(d, cfg, customers, visits):
    write(os.path.join(d, "kamgr.yaml"), cfg)
    write(os.path.join(d, "team", "b.yaml"), "id: b\nname: B\nrole: director\n")
    write(os.path.join(d, "team", "m1.yaml"), "id: m1\nname: M\nrole: manager\nmanager: b\n")
    write(os.path.join(d, "team", "r1.yaml"), "id: r1\nname: R\nrole: rep\nmanager: m1\n")
    for cid, hist in customers.items():
        write(os.path.join(d, "customers", cid + ".yaml"),
              "id: %s\nname: 客户%s\nhistory:\n%s" % (cid, cid, "".join("  - {%s}\n" % h for h in hist)))
    for i, (cid, day, start, rec) in enumerate(visits):
        ident = "%s-probe%03d" % (day.replace("-", ""), i)
        write(os.path.join(d, "visits", day[:4], day[5:7], ident + ".yaml"),
              "id: %s\ncustomer: %s\nrep: r1\ndate: %s\n%spurpose: x\nrecorded_at: %s\n"
              % (ident, cid, day, ('start: "%s"\n' % start) if start else "", rec))


def probes(kamgr, root, mism, stats):
    cases = []
    # 1. rounding ties: 1 of 32 weekly windows met (3.125 -> 3.13 half-up) and 3 of 32
    #    visits on time (9.375 -> 9.38); binary-exact ties that printf("%.2f") rounds down.
    d = os.path.join(root, "probe-ties")
    vis = [("t1", "2025-01-07", "10:00", "2025-01-07T12:00:00+08:00")]
    for i in range(31):
        day = (D(2025, 1, 8) + dt.timedelta(days=i * 7)).isoformat()
        late = 3 if i >= 2 else 0  # 2 on time, 29 recorded 3 days later
        rec = (D.fromisoformat(day) + late * ONE).isoformat() + "T12:00:00+08:00"
        vis.append(("t2", day, "10:00", rec))
    small_dir(d, "org: ties\n", {"t1": ["date: 2025-01-06, tier: key, owner: r1"],
                                  "t2": ["date: 2026-01-05, tier: key, owner: r1"]}, vis)
    cases.append((d, ["--from", "2025-01-06", "--to", "2025-08-17"], "2025-09-01T00:00:00+08:00",
                  {"required": 32, "met": 1, "rate": Decimal("3.13"), "visits": 32, "on_time": 3,
                   "timeliness": Decimal("9.38")}))
    # 2. a partial frequency map: "every key is optional; the defaults are built in", so
    #    {general: 3m} leaves key 1w and secondary 2w as they are.
    d = os.path.join(root, "probe-partial")
    small_dir(d, "visits:\n  frequency: {general: 3m}\n",
              {"k1": ["date: 2026-01-05, tier: key, owner: r1"],
               "s1": ["date: 2026-01-05, tier: secondary, owner: r1"],
               "g1": ["date: 2026-01-01, tier: general, owner: r1"]},
              [("k1", "2026-01-06", None, "2026-01-06T20:00:00+08:00"),
               ("s1", "2026-02-10", None, "2026-02-10T20:00:00+08:00"),
               ("g1", "2026-02-10", None, "2026-02-10T20:00:00+08:00")])
    cases.append((d, ["2026-Q1"], "2026-04-01T09:00:00+08:00", None))
    # 3. fractional seconds: recorded 0.5 s after end + 24h is late ("recorded_at <= end +
    #    entry_deadline"); a visit recorded 0.5 s after --now is left out.
    d = os.path.join(root, "probe-fraction")
    small_dir(d, "org: fraction\n", {"f1": ["date: 2026-01-05, tier: key, owner: r1"]},
              [("f1", "2026-01-06", "10:00", "2026-01-07T10:00:00.5+08:00"),
               ("f1", "2026-01-08", "10:00", "2026-01-09T10:00:00+08:00"),
               ("f1", "2026-01-13", "10:00", "2026-01-19T09:00:00.5+08:00")])
    cases.append((d, ["2026-01"], "2026-01-19T09:00:00+08:00",
                  {"required": 2, "met": 1, "visits": 2, "on_time": 1, "timeliness": Decimal("50.00")}))
    for d, pargs, now, want in cases:
        data = Data(d)
        nowi = to_instant(now, data.tz)
        pf, pt = (D.fromisoformat(pargs[1]), D.fromisoformat(pargs[3])) if pargs[0] == "--from" \
            else period_range(("p", pargs[0]))
        exp = data.report(pf, pt, nowi)
        if want:  # the oracle agrees with the hand-computed figures
            for k, v in want.items():
                if exp["total"][k] != v:
                    raise AssertionError("oracle self-check %s: %s %s != %s" % (d, k, exp["total"][k], v))
        for by in ("customer", "rep", "team"):
            args = ["-C", d, "--format", "json", "--now", now, "visit", "compliance"] + pargs + ["--by", by]
            ctx = "probe %s: kamgr %s" % (os.path.basename(d), " ".join(args[2:]))
            p = run_kamgr(kamgr, args, check=False)
            stats["runs"] += 1
            if p.returncode != 0:
                mism.append((ctx, "-", "exit", 0, "%d %s" % (p.returncode, p.stderr.strip()[:200])))
                continue
            j = json.loads(p.stdout)
            t = j.get("total") or {}
            for f in ("required", "met", "rate", "visits", "on_time", "timeliness"):
                ev, gv = exp["total"].get(f), t.get(f)
                if not ((ev is None and gv is None) or (ev is not None and gv is not None and num(gv) == ev)):
                    mism.append((ctx, "total", f, ev, gv))
            key = {"customer": "customer", "rep": "rep", "team": "manager"}[by]
            fields = ("owner", "tier", "required", "met", "rate", "missed") if by == "customer" else \
                ("required", "met", "rate", "visits", "on_time", "timeliness")
            cmp_rows(ctx, key, exp[by], j.get("rows", []), fields, mism)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kamgr", default=os.environ.get("KAMGR"))
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--keep", help="generate into DIR/seed-N and keep it")
    ap.add_argument("--max-report", type=int, default=25)
    ap.add_argument("--no-probes", action="store_true")
    ap.add_argument("--perturb", action="store_true", help="self-test: corrupt one expectation")
    a = ap.parse_args()
    if not a.kamgr:
        ap.error("--kamgr or $KAMGR needed")
    mism, stats = [], {"runs": 0, "windows": 0, "visits": 0}
    tmp = tempfile.mkdtemp(prefix="visits-oracle-")
    try:
        for seed in [int(s) for s in a.seeds.split(",") if s]:
            root = a.keep or tmp
            d = os.path.join(root, "seed-%d" % seed)
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d)
            qs = generate(seed, d, a.kamgr)
            data = Data(d)
            if a.perturb:
                orig = data.report

                def bad(pf, pt, now, orig=orig):
                    r = orig(pf, pt, now)
                    r["total"]["met"] += 1
                    return r
                data.report = bad
            compare(data, a.kamgr, d, seed, qs, mism, stats)
            compare_due(data, a.kamgr, d, seed, qs, mism, stats)
        if not a.no_probes:
            probes(a.kamgr, a.keep or tmp, mism, stats)
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print("visits oracle: %d kamgr runs, %d windows and %d visits compared, %d mismatch(es)"
          % (stats["runs"], stats["windows"], stats["visits"], len(mism)))
    for ctx, row, field, e, g in mism[: a.max_report]:
        print("MISMATCH %s\n    row %s field %s: expected %s, got %s" % (ctx, row, field, e, g))
    return 1 if mism else 0


if __name__ == "__main__":
    sys.exit(main())
