#!/usr/bin/env python3
"""Differential oracle for `kamgr kpi run` (docs/kpi.md: "The files", "The metrics",
"Weights, direction and the cap", "Scores", "Quarters and years", and the `kpi run` JSON
shape under "Commands").

Independent of kamgr's sources: it implements the rules as the docs state them. It
generates random data directories (a director, managers, reps, customers with tier /
owner / status changes, visits, complaints with reopen / csat / call-backs, targets and
actuals in month, quarter and year folders), computes every member's KPI independently and
compares it with `kamgr kpi run PERIOD --format json` to two decimals.

Usage: kpi_oracle.py --kamgr PATH [--seeds 1,2,3] [--keep DIR] [--max-report N]
Exit 0 when everything matches, 1 on any mismatch (first mismatches printed).

Readings chosen where the rules leave room (each is a comment at its place too):
 R1 "Members" listed: every rep / manager / director with a target in the period
    (docs/kpi.md: "scores every member with a target").
 R2 A manager's team = the manager and the reps whose `manager` is them; a director's =
    every member except hr.  Computed metrics of a team member set use "owner in set".
 R3 "end of p" for complaint_rate / profile_completeness = min(last day of p, today).
 R4 complaint_rate numerator: customers of the denominator with a complaint received in
    p while the customer was owned by a member of the set (the "owned on its date" rule).
 R5 complaint_sla: a complaint with a breached part counts as not met even when another
    part is pending; a complaint with no breach and a pending part is left out.
 R6 csat: a complaint counts when it is closed as of now (its last closed/reopened
    event is `closed`), that last closing lies in p and carries a csat; owner on that
    date. (First version counted a closing later reopened; kamgr does not, and
    docs/complaints.md "still_open: never closed, or reopened" agrees: changed.)
 R7 Callback: every `closed` event with csat <= callback_below makes a call-back due
    (met by the first `callback` after that close, on or before the due).
 R8 Quarter / year imported values and targets: per member and metric, the value in
    kpi/<quarter|year>/ when that file has one, else the sum (sales, profit,
    new_customers, churn) or the mean over the months of the period that have a value;
    no month with a value -> none.  The year aggregates its 12 months (not quarters).
 R9 Computed metrics ignore imported actuals of the same name.
 R10 Rounding: numbers are compared with |got - exact| <= 0.005 (+1e-6): any correct
    2-decimal rounding of the exact value is accepted; achievement uses the unrounded
    actual.
"""
import argparse
import datetime as dt
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile

import yaml

D = dt.date
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def yload(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=LOADER)


_ENTRIES = {}
# Random ID characters: RFC 4648 base-32 (a-z, 2-7) minus i, l, o, u, which kamgr refuses
# (it wants Crockford base-32; see id_alphabet_check, reported as a disagreement).
B32 = "abcdefghjkmnpqrstvwxyz234567"
# R3/R11: customer history entries and `since` dated after today are "events after now"
# and left out (False: kamgr's reading, used only to diagnose).
ASOF = os.environ.get("KPI_ORACLE_ASOF", "1") == "1"
# R8b: kamgr's documented stricter `complete` for quarter / year actuals built from months
# (the general rule of docs/kpi.md "Scores" alone gives complete: true as soon as some
# month has an actual).
R8B = os.environ.get("KPI_ORACLE_R8B", "1") == "1"
COMPUTED = {"visit_compliance", "visit_timeliness", "new_customers", "complaint_rate",
            "complaint_sla", "csat", "churn", "profile_completeness"}
SUMMED = {"sales", "profit", "new_customers", "churn"}
DEFAULT_METRICS = {
    "sales": {"weight": 40}, "collection_rate": {"weight": 15},
    "new_customers": {"weight": 15}, "visit_compliance": {"weight": 15},
    "complaint_rate": {"weight": 10, "better": "lower"}, "visit_timeliness": {"weight": 5},
}
DEFAULT_FIELDS = ["name", "industry", "business_scope", "decision_process", "competitors",
                  "contacts"]
HOL = {2025: (["2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
               "2025-02-03", "2025-02-04", "2025-04-04", "2025-05-01", "2025-05-02",
               "2025-05-05", "2025-06-02", "2025-10-01", "2025-10-02", "2025-10-03",
               "2025-10-06", "2025-10-07", "2025-10-08"],
              ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]),
       2026: (["2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18",
               "2026-02-19", "2026-02-20", "2026-02-23", "2026-04-06", "2026-05-01",
               "2026-05-04", "2026-05-05", "2026-09-25", "2026-10-01", "2026-10-02",
               "2026-10-05", "2026-10-06", "2026-10-07"],
              ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
               "2026-10-10"]),
       2027: ([], [])}


# ---------------------------------------------------------------- time helpers
def tzinfo(off):
    sign = -1 if off[0] == "-" else 1
    h, m = off[1:].split(":")
    return dt.timezone(sign * dt.timedelta(hours=int(h), minutes=int(m)))


def parse_ts(s, tz):
    if isinstance(s, dt.datetime):
        return s if s.tzinfo else s.replace(tzinfo=tz)
    s = str(s).replace("Z", "+00:00")
    t = dt.datetime.fromisoformat(s)
    return t if t.tzinfo else t.replace(tzinfo=tz)


def fmt_ts(t, style=0):
    """style 0: local offset; 1: UTC +00:00; 2: no offset (local)."""
    if style == 2:
        return t.strftime("%Y-%m-%dT%H:%M:%S")
    if style == 1:
        return t.astimezone(dt.timezone.utc).isoformat()
    return t.isoformat()


def to_date(v):
    if isinstance(v, D):
        return v
    return D.fromisoformat(str(v))


def period_range(p):
    if "-Q" in p:
        y, q = p.split("-Q")
        y, q = int(y), int(q)
        s = D(y, 3 * q - 2, 1)
        e = D(y, 3 * q, 1)
        return s, month_end(e)
    if "-" in p:
        y, m = map(int, p.split("-"))
        return D(y, m, 1), month_end(D(y, m, 1))
    y = int(p)
    return D(y, 1, 1), D(y, 12, 31)


def month_end(d):
    n = D(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return n - dt.timedelta(days=1)


def add_months(d, n):
    k = d.year * 12 + d.month - 1 + n
    return D(k // 12, k % 12 + 1, 1)


def months_of(p):
    s, e = period_range(p)
    out, d = [], s
    while d <= e:
        out.append(f"{d.year:04d}-{d.month:02d}")
        d = add_months(d, 1)
    return out


def daterange(s, e):
    d = s
    while d <= e:
        yield d
        d += dt.timedelta(days=1)


# ---------------------------------------------------------------- the model
class Data:
    def __init__(self, root):
        self.root = root
        cfg = self.load("kamgr.yaml") or {}
        self.tz = tzinfo(str(cfg.get("timezone", "+08:00")))
        self.anchor = to_date(cfg.get("week_anchor", "2024-01-01"))
        vis = cfg.get("visits") or {}
        self.freq = dict({"key": "1w", "secondary": "2w", "general": "1m"},
                         **(vis.get("frequency") or {}))
        self.entry_deadline = vis.get("entry_deadline", "24h")
        comp = cfg.get("complaints") or {}
        self.levels = comp.get("levels") or {"general": {"contact": "24h", "answer": "3wd"},
                                              "major": {"contact": "24h", "answer": "7wd"}}
        self.callback_below = comp.get("callback_below", 3)
        self.callback_within = comp.get("callback_within", "24h")
        self.fields = (cfg.get("customers") or {}).get("required_fields", DEFAULT_FIELDS)
        kpi = cfg.get("kpi") or {}
        self.cap = float(kpi.get("cap", 120))
        # A kpi.metrics map replaces the default set (the generator always writes the
        # full set when it customises, so either reading gives the same answer).
        self.metrics = kpi.get("metrics") or DEFAULT_METRICS
        self.holidays, self.workdays = set(), set()
        for y in (2025, 2026, 2027):
            c = self.load(f"calendar/{y}.yaml")
            if c:
                self.holidays |= {to_date(x) for x in c.get("holidays") or []}
                self.workdays |= {to_date(x) for x in c.get("workdays") or []}
        self.team = {}
        for f in sorted(os.listdir(os.path.join(root, "team"))):
            t = self.load("team/" + f)
            self.team[t["id"]] = t
        self.customers = {}
        for f in sorted(os.listdir(os.path.join(root, "customers"))):
            c = self.load("customers/" + f)
            c["_hist"] = [(to_date(h["date"]), h) for h in c["history"]]
            self.customers[c["id"]] = c
        self.visits = []
        for dp, _, fs in os.walk(os.path.join(root, "visits")):
            for f in fs:
                self.visits.append(yload(os.path.join(dp, f)))
        self.complaints = []
        for dp, _, fs in os.walk(os.path.join(root, "complaints")):
            for f in fs:
                self.complaints.append(yload(os.path.join(dp, f)))

    def load(self, rel):
        p = os.path.join(self.root, rel)
        if not os.path.exists(p):
            return None
        return yload(p)

    def state(self, cid, d):
        """(tier, owner, status) on date d, or None before the first history entry."""
        c = self.customers[cid]
        st = None
        for hd, h in c["_hist"]:
            if hd > d:
                break
            st = dict(st or {})
            for k in ("tier", "owner", "status"):
                if k in h:
                    st[k] = h[k]
        if st is None:
            return None
        return st.get("tier"), st.get("owner"), st.get("status", "active")

    def local_date(self, t):
        return t.astimezone(self.tz).date()

    def is_workday(self, d):
        if d in self.workdays:
            return True
        return d.weekday() < 5 and d not in self.holidays

    def due(self, t, dur):
        """Due instant of a duration from instant t (SLA durations: m = minutes)."""
        dur = str(dur)
        if dur.endswith("wd"):
            n = int(dur[:-2])
            d = self.local_date(t)
            while n > 0:
                d += dt.timedelta(days=1)
                if self.is_workday(d):
                    n -= 1
            return dt.datetime(d.year, d.month, d.day, 23, 59, 59, tzinfo=self.tz)
        if dur.endswith("h"):
            return t + dt.timedelta(hours=int(dur[:-1]))
        if dur.endswith("m"):
            return t + dt.timedelta(minutes=int(dur[:-1]))
        if dur.endswith("w"):
            return t + dt.timedelta(days=7 * int(dur[:-1]))
        raise ValueError(dur)

    # ------------------------------------------------------------ team sets
    def member_set(self, m):
        # R2: a manager covers their reps (and themself); a director the whole team.
        role = self.team[m]["role"]
        if role == "director":
            return {k for k, t in self.team.items() if t["role"] != "hr"}
        if role == "manager":
            return {m} | {k for k, t in self.team.items() if t.get("manager") == m
                          and t["role"] == "rep"}
        return {m}

    # ------------------------------------------------------------ windows
    def windows_ending(self, freq, last):
        """If `last` is the last day of a window of `freq`, that window's first day."""
        n, unit = int(freq[:-1]), freq[-1]
        if unit == "w":
            L = 7 * n
            off = (last - self.anchor).days + 1
            if off % L == 0:
                return last - dt.timedelta(days=L - 1)
            return None
        if unit == "m":
            if last != month_end(last) or last.month % n != 0:
                return None
            return add_months(D(last.year, last.month, 1), -(n - 1))
        raise ValueError(freq)


class Ctx:
    """One evaluation: a data set, a period and `now`."""

    def __init__(self, data, period, now):
        self.d = data
        self.p = period
        self.now = now
        self.today = data.local_date(now)
        self.ps, self.pe = period_range(period)
        tz = data.tz
        self.visits = []
        for v in data.visits:
            if parse_ts(v["recorded_at"], tz) > now:
                continue  # recorded after now: left out
            self.visits.append(v)
        self.vis_by_cust = {}
        for v in self.visits:
            self.vis_by_cust.setdefault(v["customer"], []).append(to_date(v["date"]))
        self.complaints = []
        for c in data.complaints:
            r = parse_ts(c["received_at"], tz)
            if r > now:
                continue
            evs = [dict(e, _at=parse_ts(e["at"], tz)) for e in (c.get("events") or [])]
            evs = [e for e in evs if e["_at"] <= now]
            self.complaints.append(dict(c, _r=r, _ev=evs))
        self._windows = None

    def in_p(self, d):
        return self.ps <= d <= self.pe

    # visit compliance: list of (owner, met)
    def windows(self):
        if self._windows is not None:
            return self._windows
        out = []
        d = self.d
        for cid, c in d.customers.items():
            first = c["_hist"][0][0]
            dates = self.vis_by_cust.get(cid, [])
            for last in daterange(self.ps, min(self.pe, self.today - dt.timedelta(days=1))):
                st = d.state(cid, last)
                if st is None or st[2] != "active":
                    continue
                start = d.windows_ending(d.freq[st[0]], last)
                if start is None or start < first:
                    continue
                met = any(start <= x <= last for x in dates)
                out.append((st[1], met))
        self._windows = out
        return out

    def sla(self, c):
        """Statuses of the complaint's parts: list of 'met'|'breached'|'pending'."""
        d = self.d
        lv = d.levels[c["level"]]
        r = c["_r"]
        ev = c["_ev"]
        parts = []

        def judge(start, due, typ):
            # the first event of the type (contact: any; answer / callback: after start)
            for e in ev:
                if e["type"] == typ and (typ == "contacted" or e["_at"] > start):
                    return "met" if e["_at"] <= due else "breached"
            return "breached" if self.now > due else "pending"

        parts.append(judge(r, d.due(r, lv["contact"]), "contacted"))
        starts = [r] + [e["_at"] for e in ev if e["type"] == "reopened"]
        for s in starts:
            parts.append(judge(s, d.due(s, lv["answer"]), "answered"))
        for e in ev:
            if e["type"] == "closed" and e.get("csat") is not None \
                    and e["csat"] <= d.callback_below:
                parts.append(judge(e["_at"], d.due(e["_at"], d.callback_within), "callback"))
        return parts

    def computed(self, metric, ms):
        d = self.d
        tz = d.tz
        end = min(self.pe, self.today) if ASOF else self.pe  # R3
        lim = self.today if ASOF else self.pe

        def owner_on(cid, day):
            st = d.state(cid, day)
            return st[1] if st else None

        if metric == "visit_compliance":
            w = [met for o, met in self.windows() if o in ms]
            return 100.0 * sum(w) / len(w) if w else None
        if metric == "visit_timeliness":
            n = ok = 0
            for v in self.visits:
                vd = to_date(v["date"])
                if v["rep"] not in ms or not self.in_p(vd):
                    continue
                n += 1
                hm = v.get("end") or v.get("start")
                if hm:
                    hh, mm = str(hm).split(":")
                    e = dt.datetime(vd.year, vd.month, vd.day, int(hh), int(mm), tzinfo=tz)
                else:
                    e = dt.datetime(vd.year, vd.month, vd.day, 23, 59, 59, tzinfo=tz)
                if parse_ts(v["recorded_at"], tz) <= d.due(e, d.entry_deadline):
                    ok += 1
            return 100.0 * ok / n if n else None
        if metric == "new_customers":
            n = 0
            for cid, c in d.customers.items():
                if c.get("since") is None:
                    continue
                s = to_date(c["since"])
                if self.in_p(s) and s <= lim and owner_on(cid, s) in ms:
                    n += 1
            return float(n)
        if metric == "churn":
            n = 0
            for cid, c in d.customers.items():
                status = None
                for hd, h in c["_hist"]:
                    before = status or "active"
                    status = h.get("status", status or "active")
                    if status == "lost" and before != "lost" and self.in_p(hd) \
                            and hd <= lim and d.state(cid, hd)[1] in ms:
                        n += 1  # distinct customers: lost twice in p counts once
                        break
            return float(n)
        if metric in ("complaint_rate", "profile_completeness"):
            den = [cid for cid in d.customers
                   if (lambda st: st is not None and st[2] == "active" and st[1] in ms)(
                       d.state(cid, end))]
            if not den:
                return None
            if metric == "profile_completeness":
                tot = 0.0
                for cid in den:
                    c = d.customers[cid]
                    filled = sum(1 for f in d.fields if c.get(f) not in (None, "", [], {}))
                    tot += 100.0 * filled / len(d.fields)
                return tot / len(den)
            hit = 0
            for cid in den:
                for k in self.complaints:
                    rd = d.local_date(k["_r"])
                    if k["customer"] == cid and self.in_p(rd) and owner_on(cid, rd) in ms:
                        hit += 1
                        break
            return 100.0 * hit / len(den)
        if metric == "complaint_sla":
            n = ok = 0
            for k in self.complaints:
                rd = d.local_date(k["_r"])
                if not self.in_p(rd) or owner_on(k["customer"], rd) not in ms:
                    continue
                parts = self.sla(k)
                if "breached" in parts:  # R5
                    n += 1
                elif "pending" in parts:
                    continue
                else:
                    n += 1
                    ok += 1
            return 100.0 * ok / n if n else None
        if metric == "csat":
            vals = []
            for k in self.complaints:
                st = [e["type"] for e in k["_ev"] if e["type"] in ("closed", "reopened")]
                if not st or st[-1] != "closed":
                    continue  # not closed as of now (never closed, or reopened)
                closes = [e for e in k["_ev"] if e["type"] == "closed"]
                if closes[-1].get("csat") is None:
                    continue
                cd = d.local_date(closes[-1]["_at"])  # R6
                if self.in_p(cd) and owner_on(k["customer"], cd) in ms:
                    vals.append(float(closes[-1]["csat"]))
            return sum(vals) / len(vals) if vals else None
        raise ValueError(metric)


def read_entries(root, period, kind):
    """{member: {metric: value}}, latest entry wins."""
    p = os.path.join(root, "kpi", period, kind + ".yaml")
    out = {}
    if not os.path.exists(p):
        return out
    doc = yload(p) or {}
    for e in doc.get("entries") or []:
        m = e["member"]
        for k, v in e.items():
            if k != "member":
                out.setdefault(m, {})[k] = float(v)
    return out


def imported(root, period, kind, src=None):
    """R8: values of a period, with quarter / year aggregation over months.
    src, when given, gets {(member, metric): "own" | [months with a value]}."""
    own = read_entries(root, period, kind)
    if "-" in period and "-Q" not in period:
        return own
    months = [read_entries(root, m, kind) for m in months_of(period)]
    out = {}
    keys = set()
    for mo in months:
        for m, vals in mo.items():
            keys |= {(m, k) for k in vals}
    for m, vals in own.items():
        keys |= {(m, k) for k in vals}
    for m, k in keys:
        if k in own.get(m, {}):
            v = own[m][k]
            if src is not None:
                src[(m, k)] = "own"
        else:
            xs = [mo[m][k] for mo in months if k in mo.get(m, {})]
            if src is not None:
                src[(m, k)] = [mn for mn, mo in zip(months_of(period), months)
                               if k in mo.get(m, {})]
            if not xs:
                continue
            v = sum(xs) if k in SUMMED else sum(xs) / len(xs)
        out.setdefault(m, {})[k] = v
    return out


def expected(data, period, now):
    ctx = Ctx(data, period, now)
    tsrc, asrc = {}, {}
    targets = imported(data.root, period, "targets", tsrc)
    actuals = imported(data.root, period, "actuals", asrc)
    multi = "-Q" in period or "-" not in period
    members = []
    for m, t in sorted(data.team.items()):
        if t["role"] not in ("rep", "manager", "director"):  # R1
            continue
        if not targets.get(m):
            continue
        ms = data.member_set(m)
        names = list(data.metrics) + sorted(set(targets.get(m, {})) - set(data.metrics))
        rows = []
        complete = True
        num = den = 0.0
        for k in names:
            cfg = data.metrics.get(k) or {}
            w = float(cfg.get("weight", 0))
            better = cfg.get("better", "higher")
            tg = targets.get(m, {}).get(k)
            if k in COMPUTED:  # R9
                ac = ctx.computed(k, ms)
            else:
                ac = actuals.get(m, {}).get(k)
            ach = sc = None
            if tg is not None and ac is not None:
                if better == "lower":
                    ach = data.cap if ac <= 0 else tg / ac * 100.0
                else:
                    ach = ac / tg * 100.0
                sc = min(ach, data.cap)
                num += w * sc
                den += w
            if tg is not None and ac is None and k not in COMPUTED and w > 0:
                complete = False
            if R8B and multi and tg is not None and ac is not None and k not in COMPUTED \
                    and w > 0 and asrc.get((m, k)) != "own":
                # R8b (docs/kpi.md, "Quarters and years"): an actual built from the
                # months is incomplete when a month with a target (every month when the
                # target is the period's own) has no actual.
                need = months_of(period) if tsrc.get((m, k)) == "own" else tsrc[(m, k)]
                if set(need) - set(asrc.get((m, k)) or []):
                    complete = False
            rows.append({"metric": k, "weight": w, "better": better, "target": tg,
                         "actual": ac, "achievement": ach, "score": sc})
        members.append({"member": m, "complete": complete,
                        "kpi_score": num / den if den > 0 else None, "metrics": rows})
    return {"period": period, "members": members}


# ---------------------------------------------------------------- comparison
def close(exp, got):
    if exp is None or got is None:
        return exp is None and got is None
    if isinstance(exp, bool) or isinstance(got, bool):
        return exp == got
    return abs(float(exp) - float(got)) <= 0.005 + 1e-6


def compare(exp, got, tag, out):
    gm = {m["member"]: m for m in got.get("members", [])}
    if got.get("period") != exp["period"]:
        out.append(f"{tag}: period expected {exp['period']!r} got {got.get('period')!r}")
    for em in exp["members"]:
        m = em["member"]
        g = gm.get(m)
        if g is None:
            out.append(f"{tag}: member {m}: missing from output")
            continue
        for f in ("complete", "kpi_score"):
            if not close(em[f], g.get(f)):
                out.append(f"{tag}: member {m}: {f} expected {fmt(em[f])} got {g.get(f)}")
        gr = {x["metric"]: x for x in g.get("metrics", [])}
        for er in em["metrics"]:
            k = er["metric"]
            x = gr.get(k)
            if x is None:
                if er["target"] is not None:
                    out.append(f"{tag}: member {m}: metric {k} missing")
                continue
            for f in ("weight", "better", "target", "actual", "achievement", "score"):
                if f == "better":
                    ok = er[f] == x.get(f)
                else:
                    ok = close(er[f], x.get(f))
                if not ok:
                    out.append(f"{tag}: member {m}: {k}.{f} expected {fmt(er[f])} "
                               f"got {x.get(f)}")
    extra = set(gm) - {m["member"] for m in exp["members"]}
    if extra:
        out.append(f"{tag}: unexpected members {sorted(extra)}")


def fmt(v):
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".")
    return json.dumps(v)


# ---------------------------------------------------------------- generator
def rid(rng, d):
    return d.strftime("%Y%m%d") + "-" + "".join(rng.choice(B32) for _ in range(6))


def yflow(d):
    """A hand-written style flow mapping."""
    parts = []
    for k, v in d.items():
        if isinstance(v, str):
            v = v if all(ch.isalnum() or ch in "-_.:+" for ch in v) and not v[0].isdigit() \
                else json.dumps(v, ensure_ascii=False)
        elif isinstance(v, float):
            v = repr(round(v, 2))
        parts.append(f"{k}: {v}")
    return "{" + ", ".join(parts) + "}"


def write(root, rel, text):
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w", encoding="utf-8") as f:
        f.write(text)


def generate(seed, root):
    rng = random.Random(seed)
    tzs = rng.choice(["+08:00", "+08:00", "+00:00", "-05:00"])
    tz = tzinfo(tzs)
    custom = seed % 2 == 0
    cfg = [f"org: oracle-{seed}", f'timezone: "{tzs}"']
    anchor = rng.choice(["2024-01-01", "2024-01-01", "2025-03-03"])
    if anchor != "2024-01-01":
        cfg.append(f"week_anchor: {anchor}")
    levels = ["general", "major"]
    if custom:
        cfg += ["visits:", "  frequency: {key: 1w, secondary: 2w, general: 1m}",
                "  entry_deadline: 24h",
                "complaints:", "  levels:",
                "    general: {contact: 24h, answer: 3wd}",
                "    major:   {contact: 24h, answer: 7wd}",
                "    severe:  {contact: 30m, answer: 24h, owner: director}",
                "  callback_below: 3", "  callback_within: 24h",
                "customers:",
                "  required_fields: [name, industry, business_scope, competitors, contacts]"]
        levels.append("severe")
        metrics = {
            "sales": {"weight": 30}, "collection_rate": {"weight": 10},
            "new_customers": {"weight": 10}, "visit_compliance": {"weight": 10},
            "complaint_rate": {"weight": 5, "better": "lower"},
            "visit_timeliness": {"weight": 5}, "complaint_sla": {"weight": 10},
            "csat": {"weight": 5}, "churn": {"weight": 10, "better": "lower"},
            "profile_completeness": {"weight": 5}, "profit": {"weight": 0},
        }
        cap = rng.choice([120, 150])
        cfg += ["kpi:", f"  cap: {cap}", "  metrics:"]
        for k, v in metrics.items():
            cfg.append(f"    {k}: {yflow(v)}")
    else:
        metrics = dict(DEFAULT_METRICS)
    write(root, "kamgr.yaml", "# generated by kpi_oracle.py\n" + "\n".join(cfg) + "\n")
    for y, (h, w) in HOL.items():
        write(root, f"calendar/{y}.yaml", f"holidays: [{', '.join(h)}]\n"
                                          f"workdays: [{', '.join(w)}]\n")

    # team
    team = {"boss": ("director", None)}
    reps = []
    nman = rng.choice([2, 3])
    for i in range(nman):
        mg = f"mgr-{chr(97 + i)}"
        team[mg] = ("manager", "boss")
        for j in range(rng.choice([2, 3])):
            r = f"rep-{chr(97 + i)}{j + 1}"
            team[r] = ("rep", mg)
            reps.append(r)
    team["hr-x"] = ("hr", None)
    for m, (role, mgr) in team.items():
        txt = f"id: {m}\nname: Member {m}\nrole: {role}\n"
        if mgr:
            txt += f"manager: {mgr}\n"
        txt += f"email: {m}@example.com\nactive: true\n"
        write(root, f"team/{m}.yaml", txt)
    managers = [m for m, (r, _) in team.items() if r == "manager"]
    members = [m for m, (r, _) in team.items() if r != "hr"]

    # customers
    custs = {}
    ncust = rng.randint(18, 26)
    end_all = D(2026, 12, 31)
    for i in range(ncust):
        cid = f"c{i:02d}-" + rng.choice(["acme", "bolt", "corp", "delta", "echo"])
        first = D(2025, 9, 1) + dt.timedelta(days=rng.randint(0, 420))
        tier = rng.choice(["key", "secondary", "general"])
        owner = rng.choice(reps) if rng.random() > 0.1 else rng.choice(managers)
        hist = [{"date": first, "tier": tier, "owner": owner}]
        d = first
        status = "active"
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            d = d + dt.timedelta(days=rng.randint(10, 150))
            if d > end_all:
                break
            e = {"date": d}
            x = rng.random()
            if status == "lost":
                e["status"] = "active"
                status = "active"
            elif x < 0.35:
                e["tier"] = rng.choice([t for t in ("key", "secondary", "general")
                                        if t != tier])
                tier = e["tier"]
            elif x < 0.7:
                e["owner"] = rng.choice([r for r in reps if r != owner])
                owner = e["owner"]
                if rng.random() < 0.3:
                    e["tier"] = rng.choice(["key", "secondary", "general"])
                    tier = e["tier"]
            else:
                e["status"] = "lost"
                status = "lost"
            hist.append(e)
        y = rng.random()
        since = None
        if y < 0.75:
            since = first + dt.timedelta(days=rng.randint(0, 45))
        elif y < 0.8:
            since = first  # same day as the first entry
        elif y < 0.85:
            since = first - dt.timedelta(days=rng.randint(1, 20))  # before managed: nobody
        lines = [f"id: {cid}", f"name: Customer {i}"]
        for f in ("industry", "scale", "business_scope", "decision_process"):
            r = rng.random()
            if r < 0.6:
                lines.append(f"{f}: some {f}")
            elif r < 0.7:
                lines.append(f'{f}: ""')
        r = rng.random()
        if r < 0.5:
            lines.append("competitors: [rival-a]")
        elif r < 0.7:
            lines.append("competitors: []")
        if rng.random() < 0.6:
            lines += ["contacts:", "  - {name: Wang, title: buyer, phone: \"138\"}"]
        if since:
            lines.append(f"since: {since}")
        lines.append("history:")
        for e in hist:
            lines.append("  - " + yflow({k: (str(v) if isinstance(v, D) else v)
                                        for k, v in e.items()}).replace('"', ""))
        write(root, f"customers/{cid}.yaml", "\n".join(lines) + "\n")
        custs[cid] = hist

    def owner_on(cid, day):
        o = None
        for e in custs[cid]:
            if e["date"] <= day:
                o = e.get("owner", o)
        return o

    # visits
    prob = {"key": 0.16, "secondary": 0.08, "general": 0.045}
    for cid, hist in custs.items():
        for day in daterange(hist[0]["date"], end_all):
            tier = None
            for e in hist:
                if e["date"] <= day:
                    tier = e.get("tier", tier)
            if rng.random() >= prob[tier] or day.weekday() == 6:
                continue
            rep = owner_on(cid, day) if rng.random() < 0.85 else rng.choice(reps)
            vid = rid(rng, day)
            sh = rng.randint(8, 16)
            lines = [f"id: {vid}", f"customer: {cid}", f"rep: {rep}", f"date: {day}"]
            z = rng.random()
            endt = dt.datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=tz)
            if z < 0.85:
                sm = 15 * rng.randint(0, 3)
                lines.append(f'start: "{sh:02d}:{sm:02d}"')
                endt = dt.datetime(day.year, day.month, day.day, sh, sm, tzinfo=tz)
                if z < 0.7:
                    eh = sh + rng.randint(1, 3)
                    lines.append(f'end: "{eh:02d}:30"')
                    endt = dt.datetime(day.year, day.month, day.day, eh, 30, tzinfo=tz)
            lines.append("purpose: review")
            q = rng.random()
            if q < 0.75:
                delay = dt.timedelta(minutes=rng.randint(10, 23 * 60))
            elif q < 0.8:
                delay = dt.timedelta(hours=24)  # exactly on the deadline
            else:
                delay = dt.timedelta(minutes=rng.randint(24 * 60 + 1, 96 * 60))
            rec = endt + delay
            lines.append(f"recorded_at: {fmt_ts(rec, rng.choice([0, 0, 0, 1, 2]))}")
            write(root, f"visits/{day.year:04d}/{day.month:02d}/{vid}.yaml",
                  "\n".join(lines) + "\n")

    # complaints
    for cid, hist in custs.items():
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            day = hist[0]["date"] + dt.timedelta(days=rng.randint(0, 450))
            if day > D(2026, 12, 28):
                continue
            r = dt.datetime(day.year, day.month, day.day, rng.randint(0, 23),
                            rng.randint(0, 59), tzinfo=tz)
            kid = rid(rng, day)
            lvl = rng.choice(levels)
            rep = owner_on(cid, day) if rng.random() < 0.8 else rng.choice(reps)
            evs = []
            t = r
            if rng.random() < 0.9:
                evs.append({"type": "contacted", "at": r + dt.timedelta(
                    minutes=rng.choice([20, 50, 300, 1300, 1500, 3000]))})
            cycles = rng.choice([1, 1, 1, 2, 3])
            for cyc in range(cycles):
                if rng.random() < 0.85:
                    t = t + dt.timedelta(hours=rng.choice([3, 20, 30, 70, 100, 200]))
                    evs.append({"type": "answered", "at": t})
                else:
                    break
                if rng.random() < 0.8:
                    t = t + dt.timedelta(hours=rng.randint(1, 48))
                    e = {"type": "closed", "at": t}
                    if rng.random() < 0.85:
                        e["csat"] = rng.randint(1, 5)
                    evs.append(e)
                    if e.get("csat", 5) <= 3 and rng.random() < 0.8:
                        evs.append({"type": "callback", "at": t + dt.timedelta(
                            hours=rng.choice([2, 10, 23, 30]))})
                        t = evs[-1]["at"]
                else:
                    break
                if cyc < cycles - 1:
                    t = t + dt.timedelta(hours=rng.randint(5, 100))
                    evs.append({"type": "reopened", "at": t, "reason": "again"})
            evs.sort(key=lambda e: e["at"])
            lines = [f"id: {kid}", f"customer: {cid}", f"rep: {rep}", f"level: {lvl}",
                     "category: " + rng.choice(["product", "service", "delivery"]),
                     "summary: broken", f"received_at: {fmt_ts(r, rng.choice([0, 0, 1, 2]))}",
                     "events:"]
            for e in evs:
                e = dict(e, at=fmt_ts(e["at"], rng.choice([0, 0, 0, 1])))
                lines.append("  - " + yflow(e))
            write(root, f"complaints/{r.year}/{kid}.yaml", "\n".join(lines) + "\n")

    # kpi targets and actuals
    mlist = [k for k in metrics if k != "profit"] + ["profit"]

    def tval(k, scale):
        if k in ("sales", "profit"):
            return int(rng.choice([1, 2, 3]) * 100000 * scale)
        if k == "collection_rate":
            return rng.choice([90, 95, 92.5])
        if k == "new_customers":
            return max(1, int(rng.choice([1, 2]) * scale))
        if k == "complaint_rate":
            return rng.choice([3, 5, 10, 0])
        if k == "churn":
            return rng.choice([0, 0, 1]) * max(1, int(scale))
        if k == "csat":
            return rng.choice([4, 4.5])
        if k in ("visit_compliance", "visit_timeliness", "complaint_sla"):
            return rng.choice([80, 90, 95])
        if k == "profile_completeness":
            return rng.choice([60, 80, 100])
        return 1

    def aval(k, tgt):
        if k in ("sales", "profit"):
            return rng.choice([0, -int(tgt * 0.05), int(tgt * rng.uniform(0.3, 1.6))] +
                              [int(tgt * 0.97)] * 4)  # 0 and negative (returns) too
        if k == "collection_rate":
            return round(rng.uniform(70, 100), 1)
        return round(rng.uniform(0, 10), 2)

    def entries_file(rows):
        out = ["# hand-written", "entries:"]
        for r in rows:
            out.append("  - " + yflow(r))
        return "\n".join(out) + "\n"

    def gen_period(per, scale, pt, pa):
        trows, arows = [], []
        for m in members:
            mscale = scale * (4 if team[m][0] == "director" else 2 if team[m][0] ==
                              "manager" else 1)
            if rng.random() > pt:
                continue
            tv = {k: tval(k, mscale) for k in mlist if rng.random() < 0.85}
            if not tv:
                continue
            items = list(tv.items())
            cut = rng.randint(1, len(items))
            trows.append(dict([("member", m)] + items[:cut]))
            if cut < len(items):
                trows.append(dict([("member", m)] + items[cut:]))
            if rng.random() < 0.4:  # a later entry overrides one metric
                k = rng.choice(list(tv))
                tv[k] = tval(k, mscale)
                trows.append({"member": m, k: tv[k]})
            if rng.random() > pa:
                continue
            av = {k: aval(k, tv.get(k, 100)) for k in mlist
                  if k not in COMPUTED and rng.random() < 0.85}
            if rng.random() < 0.1:
                av["new_customers"] = 7  # an imported value for a computed metric
            if av:
                arows.append(dict([("member", m)] + list(av.items())))
                if rng.random() < 0.3:
                    k = rng.choice(list(av))
                    arows.insert(0, {"member": m, k: aval(k, tv.get(k, 100))})  # older
        if trows:
            write(root, f"kpi/{per}/targets.yaml", entries_file(trows))
        if arows:
            write(root, f"kpi/{per}/actuals.yaml", entries_file(arows))

    for mo in range(1, 13):
        gen_period(f"2026-{mo:02d}", 1, 0.9, 0.85 if mo < 12 else 0.3)
    for q in range(1, 5):
        if rng.random() < 0.4:
            gen_period(f"2026-Q{q}", 3, 0.5, 0.6)
    if rng.random() < 0.3:
        gen_period("2026", 12, 0.4, 0.5)
    return custom


def kamgr_writes(kamgr, root, seed, env):
    """A little of the data through kamgr's own commands (appends to entries)."""
    rng = random.Random(seed * 7 + 1)
    now = ["--now", "2026-06-15T10:00:00+08:00"]
    cmds = [
        ["kpi", "target", "set", "2026-03", "--member", "rep-a1", "sales=250000",
         "collection_rate=91"],
        ["kpi", "actual", "set", "2026-03", "--member", "rep-a1",
         f"sales={rng.randint(100000, 300000)}"],
        ["kpi", "actual", "set", "2026-05", "--member", "mgr-a", "collection_rate=88.5"],
        ["kpi", "target", "set", "2026-Q2", "--member", "rep-b1", "sales=900000"],
    ]
    cmds.append(["customer", "set", sorted(os.listdir(os.path.join(root, "customers")))[0]
                 [:-5], "--owner", "rep-b1", "--date", "2026-12-30"])
    for c in cmds:
        r = subprocess.run([kamgr, "-C", root, "--as", "boss", *now] + c, env=env,
                           capture_output=True, text=True)
        if r.returncode != 0:
            return f"kamgr {' '.join(c)} failed ({r.returncode}): {r.stderr.strip()}"
    return None


def run_kpi(kamgr, root, period, now, env):
    cmd = [kamgr, "-C", root, "--now", now, "--format", "json", "kpi", "run", period]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if r.returncode != 0:
        return cmd, None, f"exit {r.returncode}: {r.stderr.strip()[:300]}"
    return cmd, json.loads(r.stdout), None


def refusal_checks(kamgr, base, env):
    """Target <= 0 for a higher-is-better metric is refused (exit 2)."""
    out = []
    root = os.path.join(base, "refuse")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "team"))
    write(root, "kamgr.yaml", 'timezone: "+08:00"\n')
    write(root, "team/boss.yaml", "id: boss\nname: B\nrole: director\n")
    write(root, "team/m1.yaml", "id: m1\nname: M\nrole: manager\nmanager: boss\n")
    write(root, "team/r1.yaml", "id: r1\nname: R\nrole: rep\nmanager: m1\n")
    os.makedirs(os.path.join(root, "customers"))
    now = ["--now", "2026-11-05T00:00:00+08:00"]
    for val in ("0", "-5"):
        for metric in ("sales", "visit_compliance"):
            r = subprocess.run([kamgr, "-C", root, "--as", "boss", *now, "kpi", "target",
                                "set", "2026-10", "--member", "r1", f"{metric}={val}"],
                               env=env, capture_output=True, text=True)
            if r.returncode != 2:
                out.append(f"refusal: kpi target set {metric}={val}: exit {r.returncode}, "
                           "expected 2")
    # lower-is-better target 0 is accepted
    r = subprocess.run([kamgr, "-C", root, "--as", "boss", *now, "kpi", "target", "set",
                        "2026-10", "--member", "r1", "complaint_rate=0"], env=env,
                       capture_output=True, text=True)
    if r.returncode != 0:
        out.append(f"refusal: kpi target set complaint_rate=0 (lower): exit "
                   f"{r.returncode}, expected 0: {r.stderr.strip()}")
    # a hand-written target 0 for sales: kpi run refuses the invalid record (exit 2)
    write(root, "kpi/2026-09/targets.yaml", "entries:\n  - {member: r1, sales: 0}\n")
    r = subprocess.run([kamgr, "-C", root, *now, "--format", "json", "kpi", "run",
                        "2026-09"], env=env, capture_output=True, text=True)
    if r.returncode != 2:
        out.append(f"refusal: kpi run with hand-written sales target 0: exit "
                   f"{r.returncode}, expected 2; stdout {r.stdout[:200]!r}")
    return out


def id_alphabet_check(kamgr, base, env):
    """Hand-written complaint and visit IDs with RFC 4648 base-32 characters (i, l, o, u
    included) are valid (docs/formats.md "IDs": hand-written records may use any ID of the
    member rule); kpi run must read them (it refused complaint IDs containing i/l/o/u,
    not visit IDs)."""
    out = []
    root = os.path.join(base, "ids")
    shutil.rmtree(root, ignore_errors=True)
    write(root, "kamgr.yaml", 'timezone: "+08:00"\nkpi:\n  metrics:\n'
                              '    complaint_sla: {weight: 10}\n    csat: {weight: 10}\n')
    write(root, "team/boss.yaml", "id: boss\nname: B\nrole: director\n")
    write(root, "team/m1.yaml", "id: m1\nname: M\nrole: manager\nmanager: boss\n")
    write(root, "team/r1.yaml", "id: r1\nname: R\nrole: rep\nmanager: m1\n")
    write(root, "customers/acme.yaml", "id: acme\nname: Acme\nhistory:\n"
                                       "  - {date: 2026-09-01, tier: key, owner: r1}\n")
    write(root, "visits/2026/10/20261008-hou5yw.yaml",
          "id: 20261008-hou5yw\ncustomer: acme\nrep: r1\ndate: 2026-10-08\npurpose: x\n"
          "recorded_at: 2026-10-08T18:00:00+08:00\n")
    write(root, "complaints/2026/20261008-uilo2z.yaml",
          "id: 20261008-uilo2z\ncustomer: acme\nrep: r1\nlevel: general\n"
          "category: product\nsummary: x\nreceived_at: 2026-10-08T10:00:00+08:00\nevents:\n"
          "  - {type: contacted, at: 2026-10-08T11:00:00+08:00}\n"
          "  - {type: answered, at: 2026-10-09T11:00:00+08:00}\n"
          "  - {type: closed, at: 2026-10-09T12:00:00+08:00, csat: 5}\n")
    write(root, "kpi/2026-10/targets.yaml",
          "entries:\n  - {member: r1, complaint_sla: 90, csat: 4}\n")
    cmd = [kamgr, "-C", root, "--now", "2026-11-05T12:00:00+08:00", "--format", "json",
           "kpi", "run", "2026-10"]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    tag = "ids: kamgr -C " + root + " --now 2026-11-05T12:00:00+08:00 kpi run 2026-10"
    if r.returncode != 0:
        out.append(f"{tag}: exit {r.returncode}, expected 0 (complaint id "
                   f"20261008-uilo2z): {r.stderr.strip()[:200]}")
    else:
        m = json.loads(r.stdout)["members"][0]
        want = (100 / 90 * 100 + 120.0) / 2  # sla 100/90 -> 111.11; csat 5/4 -> cap 120
        if not close(want, m["kpi_score"]):
            out.append(f"{tag}: kpi_score expected {want:.2f} got {m['kpi_score']}")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kamgr", default=os.environ.get("KAMGR"))
    ap.add_argument("--seeds", default="1,2,3,4")
    ap.add_argument("--keep", default=None, help="keep generated dirs here")
    ap.add_argument("--max-report", type=int, default=25)
    ap.add_argument("--perturb", action="store_true",
                    help="self-test: perturb one expected score (must fail)")
    a = ap.parse_args()
    env = dict(os.environ, NO_COLOR="1")
    for k in ("KAMGR_USER", "KAMGR_DATA", "KAMGR_NOW"):
        env.pop(k, None)
    base = a.keep or tempfile.mkdtemp(prefix="kpi-oracle-")
    os.makedirs(base, exist_ok=True)
    problems = []
    checked = 0
    try:
        problems += refusal_checks(a.kamgr, base, env)
        problems += id_alphabet_check(a.kamgr, base, env)
        for seed in [int(s) for s in a.seeds.split(",") if s]:
            root = os.path.join(base, f"seed{seed}")
            shutil.rmtree(root, ignore_errors=True)
            generate(seed, root)
            err = kamgr_writes(a.kamgr, root, seed, env)
            if err:
                problems.append(f"seed {seed}: {err}")
            data = Data(root)
            rng = random.Random(seed * 13)
            months = sorted(rng.sample(range(1, 13), 3))
            periods = [f"2026-{m:02d}" for m in months] + \
                      [f"2026-Q{q}" for q in sorted(rng.sample(range(1, 5), 2))] + ["2026"]
            for per in periods:
                s, e = period_range(per)
                inside = s + dt.timedelta(days=rng.randint(3, (e - s).days - 1))
                tzs = data.tz
                nows = [dt.datetime(2027, 1, 20, 9, 0, tzinfo=tzs),
                        dt.datetime(inside.year, inside.month, inside.day,
                                    rng.randint(0, 23), 30, tzinfo=tzs)]
                for i, now in enumerate(nows):
                    # the inside one sometimes in UTC: kamgr must take today in its zone
                    nows_s = now.astimezone(dt.timezone.utc).isoformat() \
                        if i == 1 and seed % 3 == 0 else now.isoformat()
                    cmd, got, err = run_kpi(a.kamgr, root, per, nows_s, env)
                    tag = f"seed {seed}: kamgr -C {root} --now {nows_s} --format json " \
                          f"kpi run {per}"
                    if err:
                        problems.append(f"{tag}: {err}")
                        continue
                    exp = expected(data, per, now)
                    if a.perturb and checked == 0:
                        mm = exp["members"][0]
                        mm["kpi_score"] = (mm["kpi_score"] or 0) + 0.02
                    checked += 1
                    compare(exp, got, tag, problems)
    finally:
        if not a.keep:
            shutil.rmtree(base, ignore_errors=True)
    if problems:
        print(f"kpi oracle: {len(problems)} mismatch(es) over {checked} runs; first "
              f"{min(len(problems), a.max_report)}:", file=sys.stderr)
        for p in problems[:a.max_report]:
            print("  " + p, file=sys.stderr)
        return 1
    print(f"kpi oracle: {checked} kpi runs matched")
    return 0


if __name__ == "__main__":
    sys.exit(main())
