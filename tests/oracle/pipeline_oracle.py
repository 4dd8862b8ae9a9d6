#!/usr/bin/env python3
"""Differential oracle for the sales pipeline reports (docs/pipeline.md "Rules",
"Figures" and the JSON shapes under "Commands"; docs/formats.md "Time", "calendar";
docs/complaints.md for how working-day deadlines are counted; docs/guide.md "Teams").

Written from the documentation only (not from kamgr's sources).  It
  1. copies the demo data directory (data/: team, customers, visits, calendar...),
     drops its opportunities/ and orders/, and writes by hand, from a seed, 30-60
     opportunities and 10-25 orders whose logs the rules allow (gates by the owner's
     manager or the director, negotiation only after the latest proposal was approved,
     won with a contract, lost with a default reason, reopened only after lost or
     disqualified, events oldest first) plus visits linked to opportunities
     (`opportunity: ID`), and some seeds configure pipeline stages in kamgr.yaml;
  2. runs `kamgr check` on it and requires 0 errors and 0 warnings;
  3. computes `opportunity pipeline --date D [--by stage|rep|team]`,
     `opportunity funnel P [--by rep|team]` and `opportunity forecast P [--by rep|team]`
     itself, for several --now values, dates and periods (months, quarters, the year,
     ISO weeks, --from/--to), and compares them field by field with kamgr's JSON;
  4. writes a `kpi:` block (kpi.metrics with the five pipeline metrics of docs/pipeline.md
     "KPI metrics", one of them at weight 0 and on even seeds one left out of the list but
     given targets; `sales_from: orders` with `sales` weighted on seeds 1, 2 mod 3, the
     default `import` otherwise; sometimes a `cap`) and targets for the director, both
     managers and 3-5 reps in kpi/2026-09..12/ (with later entries replacing values) and
     sometimes kpi/2026-Q4/, then compares `kpi run P --format json` (months, 2026-Q3,
     2026-Q4, 2026; three --now values) member by member: weight, better, computed,
     target, actual, achievement, score, complete, missing, kpi_score, the members listed
     and their order; and that `kpi actual set ... sales=V` is refused (exit 2) when
     sales come from orders.  A metric kamgr does not compute yet is reported as "kamgr
     does not know metric X", once per seed, instead of field by field.
kamgr runs ahead in a few threads (-j); the checks read the results back in a fixed
order, so the report is the same from run to run.

Readings chosen where the documentation leaves room (a mismatch on them is reported,
not bent to kamgr):
  R1 "on D" is the state at the end of local day D: events whose local date (in the
     kamgr.yaml timezone) is <= D and whose instant is <= now.  "The owner on the date
     concerned" (attribution of an opening, a win, a loss) is therefore the owner at the
     end of that day, after any reassignment the same day.
  R2 Money is exact (2-decimal amounts, whole percentages); every reported figure is
     rounded once, half away from zero: a group's `weighted` is the rounded exact sum of
     the members' exact weighted amounts (not the sum of rounded rows), and `forecast`
     is the rounded exact sum of ordered + won_unordered + open_weighted.
  R3 Team (`--by team`, key "manager") is the team the member works in (docs/guide.md
     "Teams"): a rep's team is their manager's; a manager or the director leads, and is
     the key of, their own team.  (docs/pipeline.md says "by that member's manager",
     which for a manager-owned opportunity would name the director: if kamgr follows
     that literal reading it shows up as a mismatch on manager-owned rows.)
  R4 Stale on D: deadline = end of the Nth working day (N = rot_days of the stage held
     on D) after the later of the local date of the last event counted on D and the
     date of the last linked visit (visit `date` <= D, `recorded_at` <= now); stale when
     D is after the deadline's day.  Working days: Mon-Fri minus holidays plus make-up
     days of calendar/<YYYY>.yaml.
  R5 Funnel "reached": the highest stage the opportunity was ever put at by its events
     up to now (won = every stage; lost/disqualified add nothing).  Conversion of the
     last stage (negotiation) is won / reached negotiation.
  R6 negotiation_win_rate: a loss counts "after reaching negotiation" when the
     opportunity was at `negotiation` at any point before that `lost` event (an earlier
     life before a reopening included).
  R7 avg_cycle_days is rounded to 2 decimals like the other figures; velocity is
     computed from the unrounded win rate, mean won amount and mean cycle, rounded once.
     "Open at the end of P (or now, if earlier)" is the count of every opportunity open
     on min(last day of P, local date of now) (not only those opened in P); per row it
     is those owned (R1) by that rep / in that team on that date.
  R8 Orders: an order exists as of now when its `date` <= the local date of now; only
     such orders count as `ordered` and only they "name" an opportunity for the
     forecast (nothing after now counts).  Their lines in force are those of now.
  R9 Per-row funnel figures (`--by rep|team`): `opened` and `stages` over the
     opportunities opened in P that the row's member owned on the opening day; won/lost,
     win rates, lost reasons, avg won amount, cycle from the wins and losses in P whose
     owner on that day is the row's member; velocity as in R7.
  R10 Groups with nothing in them may be listed with zeros or left out: a missing row is
     compared as an all-zero (null-ratio) row.  In the grouped pipeline the list may be
     named "stages" (as the documented shape) or "rows".
  R11 Instants (last_event_at) are compared as instants.
  R12 proposal_approval: per opportunity, its first review ever (the first `approved` or
     `rejected` of the log up to now, whichever proposal it reviewed); it counts in P by
     its local date, for the owner at the end of that day (R1, "the owner on the date
     concerned"), and approves when it is `approved`.  A later review of the same or a
     later proposal changes nothing.
  R13 Quarter / year targets built from the months (no own value in kpi/2026-Q4/):
     summed for the metrics docs/kpi.md "Quarters and years" lists (sales, profit,
     new_customers, churn, opportunities, order_sales - so `sales` with sales_from:
     orders), averaged over the months with a value for the others.  The year is built
     from its 12 months, not from the quarter folder.
  R14 order_sales: the orders whose `rep` is in the member's scope, dated in P and not
     after the local date of now (as R8), each with its lines in force at the end of
     min(last day of P, today): events dated on or before that day and not after now.
  R15 Scopes: a rep - themselves; a manager - themselves and the reps whose `manager` they
     are (the team file as it is, it has no history); a director - every member.  An
     opportunity figure counts for a member when its owner on the day concerned (R1) is
     in the scope; an order when its `rep` is.
  R16 KPI: members listed = every rep, manager or director with a target in P; a metric
     with a target but not in kpi.metrics has weight 0; the five metrics and, with
     sales_from: orders, `sales` are `computed: true`; with no imported metric weighted
     every member is complete with `missing` empty; achievement = actual / target x 100
     from the unrounded actual, score = min(achievement, cap), KPI = the weighted mean
     over the metrics with a target and a non-null actual (null when the weights add up
     to 0).  Actuals are compared exactly after rounding half away from zero (R2);
     targets, achievements, scores and KPIs within 0.005 (docs/kpi.md fixes no rounding
     rule for them).
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
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from fractions import Fraction

try:
    import yaml
except ImportError:   # outside CTest on this machine python's yaml lives with the system python
    sys.path.append("/usr/lib/python3/dist-packages")
    import yaml

D = dt.date
ONE_DAY = dt.timedelta(days=1)
TZS = "+08:00"
TZ = dt.timezone(dt.timedelta(hours=8))
BASE32 = "0123456789abcdefghjkmnpqrstvwxyz"   # as in data/: no i, l, o, u
STAGES = ["lead", "qualified", "needs", "proposal", "negotiation"]
RANK = {"lead": 0, "qualified": 1, "needs": 2, "proposal": 3, "negotiation": 4, "won": 5}
ENDS = ("won", "lost", "disqualified")
DEFAULT_STAGES = {"lead": (10, 10), "qualified": (20, 10), "needs": (30, 10),
                  "proposal": (50, 10), "negotiation": (70, 15)}
LOST_REASONS = ["price", "competitor", "no_budget", "no_decision", "product_fit", "other"]
CAP = dt.datetime(2026, 12, 2, 20, 0, 0, tzinfo=TZ)   # nothing generated after this instant
CAP_DATE = CAP.date()


# --------------------------------------------------------------------------------------
# 0. Reading YAML exactly: decimals stay decimals, timestamps stay text.
class ExactLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


ExactLoader.add_constructor("tag:yaml.org,2002:float", lambda l, n: Decimal(l.construct_scalar(n)))
ExactLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda l, n: l.construct_scalar(n))


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=ExactLoader)


def parse_tz(s):
    s = str(s)
    if s in ("Z", "UTC"):
        return dt.timezone.utc
    sign = -1 if s[0] == "-" else 1
    return dt.timezone(sign * dt.timedelta(hours=int(s[1:3]), minutes=int(s[4:6])))


def instant(s, tz):
    t = dt.datetime.fromisoformat(str(s).replace("Z", "+00:00"))
    return t if t.tzinfo else t.replace(tzinfo=tz)


def day(s):
    return s if isinstance(s, D) else D.fromisoformat(str(s))


def money(x):
    return Fraction(Decimal(str(x))) if not isinstance(x, Fraction) else x


def r2(x):
    """Fraction -> Decimal with 2 decimals, half away from zero (None stays None)."""
    if x is None:
        return None
    x = Fraction(x)
    sign = -1 if x < 0 else 1
    n = (abs(x) * 100 + Fraction(1, 2)).__floor__()
    return (Decimal(sign * n) / Decimal(100)).quantize(Decimal("0.01"))


def pct(a, b):
    return None if b == 0 else Fraction(a, b) * 100


# --------------------------------------------------------------------------------------
# 1. The data directory as the oracle reads it.
class Calendar:
    def __init__(self, folder):
        self.years = {}
        if os.path.isdir(folder):
            for f in os.listdir(folder):
                if f.endswith(".yaml"):
                    c = load(os.path.join(folder, f)) or {}
                    self.years[int(f[:4])] = {"holidays": {day(x) for x in c.get("holidays") or []},
                                              "workdays": {day(x) for x in c.get("workdays") or []}}

    def working(self, d):
        c = self.years.get(d.year)
        if c is not None:
            if d in c["workdays"]:
                return True
            if d in c["holidays"]:
                return False
        return d.weekday() < 5

    def nth_after(self, d, n):
        k = 0
        while k < n:
            d += ONE_DAY
            if self.working(d):
                k += 1
        return d


class Data:
    def __init__(self, root):
        self.root = root
        cfg = load(os.path.join(root, "kamgr.yaml")) or {}
        self.tz = parse_tz(cfg.get("timezone", TZS))
        self.prob, self.rot = {}, {}
        for s, (p, r) in DEFAULT_STAGES.items():
            self.prob[s], self.rot[s] = p, r
        for e in ((cfg.get("pipeline") or {}).get("stages") or []):
            if "probability" in e:
                self.prob[e["stage"]] = int(e["probability"])
            if "rot_days" in e:
                self.rot[e["stage"]] = int(str(e["rot_days"])[:-2])
        self.cal = Calendar(os.path.join(root, "calendar"))
        self.team = {}
        for f in os.listdir(os.path.join(root, "team")):
            m = load(os.path.join(root, "team", f))
            self.team[m["id"]] = m
        self.opps = {}
        for dirpath, _, files in os.walk(os.path.join(root, "opportunities")):
            for f in files:
                o = load(os.path.join(dirpath, f))
                for e in o["events"]:
                    e["at"] = instant(e["at"], self.tz)
                    e["day"] = e["at"].astimezone(self.tz).date()
                    if "amount" in e:
                        e["amount"] = money(e["amount"])
                    if "expected_close" in e:
                        e["expected_close"] = day(e["expected_close"])
                o["amount"] = money(o["amount"])
                o["expected_close"] = day(o["expected_close"]) if o.get("expected_close") else None
                self.opps[o["id"]] = o
        self.orders = {}
        for dirpath, _, files in os.walk(os.path.join(root, "orders")):
            for f in files:
                o = load(os.path.join(dirpath, f))
                o["date"] = day(o["date"])
                for e in o.get("events") or []:
                    e["at"] = instant(e["at"], self.tz)
                self.orders[o["id"]] = o
        self.visits = {}   # opportunity -> [(date, recorded_at)]
        for dirpath, _, files in os.walk(os.path.join(root, "visits")):
            for f in files:
                with open(os.path.join(dirpath, f), encoding="utf-8") as fh:
                    if "opportunity" not in fh.read():   # only linked visits matter here
                        continue
                v = load(os.path.join(dirpath, f))
                if v.get("opportunity"):
                    self.visits.setdefault(str(v["opportunity"]), []).append(
                        (day(v["date"]), instant(v["recorded_at"], self.tz)))

    def team_of(self, m):  # R3
        t = self.team.get(m)
        if t is None:
            return m
        return t.get("manager") if t["role"] == "rep" else m

    def local(self, t):
        return t.astimezone(self.tz).date()


# --------------------------------------------------------------------------------------
# 2. The rules: replaying an opportunity.
def replay(o, events):
    """State after the given prefix of the log."""
    st = {"stage": None, "owner": o["owner"], "amount": o["amount"], "ec": o["expected_close"],
          "held": None, "max": -1, "won_amount": None, "neg": False, "opened": None}
    for e in events:
        t = e["type"]
        if t == "opened":
            st["stage"] = "lead"
            st["opened"] = e["day"]
        elif t == "qualified":
            st["stage"] = "qualified"
        elif t == "stage":
            st["stage"] = e["stage"]
        elif t == "proposed":
            st["stage"] = "proposal"
            if e.get("amount") is not None:
                st["amount"] = e["amount"]
        elif t == "updated":
            if e.get("amount") is not None:
                st["amount"] = e["amount"]
            if e.get("expected_close") is not None:
                st["ec"] = e["expected_close"]
        elif t in ENDS:
            st["held"] = st["stage"]
            st["stage"] = t
            if t == "won":
                st["won_amount"] = e["amount"] if e.get("amount") is not None else st["amount"]
        elif t == "reopened":
            st["stage"] = st["held"]
        elif t == "reassigned":
            st["owner"] = e["owner"]
        if st["stage"] in RANK:
            st["max"] = max(st["max"], RANK[st["stage"]])
        if st["stage"] == "negotiation":
            st["neg"] = True
    return st


def upto(o, now, d=None):
    return [e for e in o["events"] if e["at"] <= now and (d is None or e["day"] <= d)]


def state_on(o, now, d=None):
    ev = upto(o, now, d)
    if not ev:
        return None, ev
    return replay(o, ev), ev


def is_open(st):
    return st is not None and st["stage"] not in ENDS


def weighted(data, st):
    return st["amount"] * data.prob[st["stage"]] / 100


def stale_on(data, o, st, ev, d, now):
    base = max(e["day"] for e in ev)
    for vd, rec in ([] if os.environ.get("PIPELINE_ORACLE_NO_VISITS") else data.visits.get(o["id"], [])):
        if vd <= d and rec <= now:
            base = max(base, vd)
    deadline = data.cal.nth_after(base, data.rot[st["stage"]])
    return d > deadline


def oracle_pipeline(data, d, now, by):
    key = {"stage": lambda st: st["stage"], "rep": lambda st: st["owner"],
           "team": lambda st: data.team_of(st["owner"])}[by]
    rows, opn = {}, {}
    if by == "stage":
        for s in STAGES:
            rows[s] = {"count": 0, "amount": Fraction(0), "weighted": Fraction(0), "stale": 0}
    tot = {"count": 0, "amount": Fraction(0), "weighted": Fraction(0), "stale": 0}
    for oid, o in data.opps.items():
        st, ev = state_on(o, now, d)
        if not is_open(st):
            continue
        w = weighted(data, st)
        sl = stale_on(data, o, st, ev, d, now)
        opn[oid] = {"id": oid, "customer": o["customer"], "owner": st["owner"], "stage": st["stage"],
                    "amount": r2(st["amount"]), "weighted": r2(w),
                    "expected_close": None if st["ec"] is None else str(st["ec"]),
                    "last_event_at": ev[-1]["at"], "stale": sl}
        for g in (rows.setdefault(key(st), {"count": 0, "amount": Fraction(0), "weighted": Fraction(0),
                                            "stale": 0}), tot):
            g["count"] += 1
            g["amount"] += st["amount"]
            g["weighted"] += w
            g["stale"] += int(sl)
    fin = lambda g: {"count": g["count"], "amount": r2(g["amount"]), "weighted": r2(g["weighted"]),
                     "stale": g["stale"]}
    return {k: fin(v) for k, v in rows.items()}, opn, fin(tot)


def funnel_block(data, cohort, outcomes, n_open):
    """cohort: [(o, st_now)], outcomes: [(kind, info)] -> the figures of one funnel."""
    reached = [sum(1 for _, st in cohort if st["max"] >= i) for i in range(6)]
    stages = []
    for i, s in enumerate(STAGES):
        c = pct(reached[i + 1], reached[i])
        stages.append({"stage": s, "reached": reached[i], "conversion": r2(c)})
    wins = [x for k, x in outcomes if k == "won"]
    losses = [x for k, x in outcomes if k == "lost"]
    won, lost = len(wins), len(losses)
    lost_neg = sum(1 for x in losses if x["neg"])
    reasons = {}
    for x in losses:
        g = reasons.setdefault(x["reason"], {"count": 0, "amount": Fraction(0)})
        g["count"] += 1
        g["amount"] += x["amount"]
    avg_won = None if not wins else sum(x["amount"] for x in wins) / won
    avg_cycle = None if not wins else Fraction(sum(x["cycle"] for x in wins), won)
    wr = pct(won, won + lost)
    if not wins or avg_cycle == 0:
        vel = None
    else:
        vel = n_open * wr / 100 * avg_won / avg_cycle
    return {"opened": len(cohort), "stages": stages, "won": won, "lost": lost,
            "win_rate": r2(wr), "negotiation_win_rate": r2(pct(won, won + lost_neg)),
            "lost_reasons": {k: {"count": v["count"], "amount": r2(v["amount"])} for k, v in reasons.items()},
            "avg_won_amount": r2(avg_won), "avg_cycle_days": r2(avg_cycle), "velocity": r2(vel)}


def oracle_funnel(data, a, b, now, by):
    nowd = data.local(now)
    keyf = (lambda m: m) if by == "rep" else (lambda m: data.team_of(m))
    cohort, outcomes, open_end = [], [], []
    end = min(b, nowd)
    for oid, o in data.opps.items():
        st, ev = state_on(o, now)
        if st is None:
            continue
        if a <= st["opened"] <= b:
            st_open, _ = state_on(o, now, st["opened"])
            if os.environ.get("PIPELINE_ORACLE_OPEN_OWNER"):  # diagnostics: the owner written in the file
                st_open = {"owner": o["owner"]}
            cohort.append((o, st, st_open["owner"]))
        for i, e in enumerate(ev):
            if e["type"] in ("won", "lost") and a <= e["day"] <= b:
                before = replay(o, ev[:i])
                on_day, _ = state_on(o, now, e["day"])
                info = {"owner": on_day["owner"], "neg": before["neg"]}
                if e["type"] == "won":
                    info["amount"] = e["amount"] if e.get("amount") is not None else before["amount"]
                    info["cycle"] = (e["day"] - st["opened"]).days
                else:
                    info["amount"] = before["amount"]
                    info["reason"] = e["reason"]
                outcomes.append((e["type"], info))
        se, _ = state_on(o, now, end)
        if is_open(se):
            open_end.append(se["owner"])
    total = funnel_block(data, [(o, st) for o, st, _ in cohort], outcomes, len(open_end))
    rows = {}
    if by:
        keys = {keyf(w) for _, _, w in cohort} | {keyf(x["owner"]) for _, x in outcomes} | \
               {keyf(w) for w in open_end}
        for k in keys:
            rows[k] = funnel_block(data, [(o, st) for o, st, w in cohort if keyf(w) == k],
                                   [(t, x) for t, x in outcomes if keyf(x["owner"]) == k],
                                   sum(1 for w in open_end if keyf(w) == k))
    return total, rows


def order_amount(o, now):
    lines = o["lines"]
    pending = None
    for e in o.get("events") or []:
        if e["at"] > now:
            break
        if e["type"] == "changed":
            pending = e["lines"]
        elif e["type"] == "change_approved":
            lines, pending = pending, None
        elif e["type"] == "change_rejected":
            pending = None
        elif e["type"] == "cancelled":
            lines = []
    return sum((money(l["quantity"]) * money(l["unit_price"]) for l in lines), Fraction(0))


def oracle_forecast(data, a, b, now, by):
    nowd = data.local(now)
    keyf = (lambda m: m) if by == "rep" else (lambda m: data.team_of(m))
    rows = {}

    def row(k):
        return rows.setdefault(k, {"ordered": Fraction(0), "won_unordered": Fraction(0),
                                   "open_weighted": Fraction(0)})
    named = set()
    for o in data.orders.values():
        if o.get("opportunity") and os.environ.get("PIPELINE_ORACLE_NAME_ANY"):  # diagnostics: any order names
            named.add(str(o["opportunity"]))
        if o["date"] > nowd:  # R8
            continue
        if o.get("opportunity"):
            named.add(str(o["opportunity"]))
        if a <= o["date"] <= b:
            row(keyf(o["rep"]))["ordered"] += order_amount(o, now)
    for oid, o in data.opps.items():
        st, ev = state_on(o, now)
        if st is None or oid in named:
            continue
        for e in ev:
            if e["type"] == "won" and a <= e["day"] <= b:
                on_day, _ = state_on(o, now, e["day"])
                row(keyf(on_day["owner"]))["won_unordered"] += st["won_amount"]
        if is_open(st) and st["ec"] is not None and a <= st["ec"] <= b:
            row(keyf(st["owner"]))["open_weighted"] += weighted(data, st)
    tot = {"ordered": Fraction(0), "won_unordered": Fraction(0), "open_weighted": Fraction(0)}
    for v in rows.values():
        for k in tot:
            tot[k] += v[k]

    def fin(g):
        out = {k: r2(v) for k, v in g.items()}
        out["forecast"] = r2(g["ordered"] + g["won_unordered"] + g["open_weighted"])
        return out
    return {k: fin(v) for k, v in rows.items()}, fin(tot)


# --------------------------------------------------------------------------------------
# 3. Generating a data directory.
TITLES = ["年度清洁用品集采", "门店清洁设备更新", "仓储区地面养护服务", "厨房油污清洁方案", "消毒用品季度采购",
          "工厂车间保洁外包", "环保包装替换项目", "新店开业清洁套装"]
PRODUCTS = ["工业清洁剂A", "清洁设备B", "消毒液C", "地坪养护剂D", "环保垃圾袋E"]
NOTES = ["值得跟进", "价格偏低", "需补充方案", "客户认可", "预算已批", "重新评估"]


class Gen:
    def __init__(self, seed, demo, n):
        self.r = random.Random(seed)
        self.seed = seed
        self.n = n
        self.ids = set()
        self.team = {}
        for f in os.listdir(os.path.join(demo, "team")):
            m = load(os.path.join(demo, "team", f))
            self.team[m["id"]] = m
        self.director = sorted(k for k, v in self.team.items() if v["role"] == "director")[0]
        act = lambda m: m.get("active", True) is not False
        self.reps = sorted(k for k, v in self.team.items() if v["role"] == "rep" and act(v))
        self.managers = sorted(k for k, v in self.team.items() if v["role"] == "manager" and act(v))
        self.customers = []
        for f in sorted(os.listdir(os.path.join(demo, "customers"))):
            c = load(os.path.join(demo, "customers", f))
            h = c.get("history") or []
            if h and day(h[0]["date"]) <= D(2026, 6, 1) and not any(x.get("status") == "lost" for x in h):
                self.customers.append(c["id"])
        self.opps, self.orders, self.visits = [], [], []
        # some seeds configure the stages (a stage left out keeps its defaults)
        self.stage_cfg = None
        if seed % 2 == 1:
            self.stage_cfg = [("needs", self.r.choice([25, 35, 40]), self.r.choice([5, 8, 12])),
                              ("negotiation", self.r.choice([60, 75, 80]), self.r.choice([10, 20]))]

    # -- helpers -----------------------------------------------------------------------
    def new_id(self, d):
        while True:
            i = d.strftime("%Y%m%d") + "-" + "".join(self.r.choice(BASE32) for _ in range(8))
            if i not in self.ids:
                self.ids.add(i)
                return i

    def mgr(self, m):
        return self.team[m].get("manager") or self.director

    def gate_by(self, owner):
        return self.mgr(owner) if self.r.random() < 0.75 else self.director

    def step_by(self, owner):
        x = self.r.random()
        return owner if x < 0.85 else (self.mgr(owner) if x < 0.95 else self.director)

    def amount(self, lo=5000, hi=2000000):
        r = self.r
        v = Decimal(r.randint(lo, hi))
        k = r.random()
        if k < 0.35:
            v = (v / 1000).quantize(Decimal(1)) * 1000
        elif k < 0.7:
            v += Decimal(r.randint(1, 99)) / 100
        elif k < 0.85:
            v += Decimal(r.choice([5, 15, 25, 35, 45, 55, 65, 75, 85, 95])) / 100  # ties when weighted
        else:
            v += Decimal(r.randint(1, 9)) / 10
        return v

    def next_time(self, t):
        r = self.r
        k = r.random()
        if k < 0.08:
            d = dt.timedelta(minutes=r.randint(1, 90))
        elif k < 0.4:
            d = dt.timedelta(hours=r.randint(2, 30))
        elif k < 0.78:
            d = dt.timedelta(days=r.randint(1, 6), hours=r.randint(0, 10))
        elif k < 0.94:
            d = dt.timedelta(days=r.randint(7, 20), hours=r.randint(0, 10))
        else:
            d = dt.timedelta(days=r.randint(21, 40))
        t2 = (t + d).astimezone(TZ)
        x = r.random()
        if x < 0.15:   # late at night, near the day's end
            t2 = t2.replace(hour=23, minute=r.randint(40, 59), second=r.randint(0, 59))
        elif x < 0.22:  # just after midnight
            t2 = t2.replace(hour=0, minute=r.randint(0, 15), second=r.randint(0, 59))
        elif x < 0.8:
            t2 = t2.replace(hour=r.randint(8, 19), minute=r.choice([0, 0, 15, 30, 45]), second=0)
        if t2 <= t:
            t2 = t + dt.timedelta(minutes=r.randint(1, 30))
        y = r.random()
        if y < 0.03:
            return t          # at the same instant as the previous event ("at or after")
        if y < 0.07:
            t2 = t2.replace(microsecond=r.choice([500000, 250000, 999999, 1]))  # a fraction of a second
        return t2

    def open_time(self):
        r = self.r
        x = r.random()
        if x < 0.25:  # around National Day / the make-up days
            d = D(2026, 9, 18) + dt.timedelta(days=r.randint(0, 24))
        elif x < 0.35:  # before every period tested
            d = D(2026, 6, 20) + dt.timedelta(days=r.randint(0, 60))
        else:
            d = D(2026, 8, 20) + dt.timedelta(days=r.randint(0, 98))
        h = r.choice([9, 10, 11, 14, 15, 16, 23, 0, 8, 17])
        m = r.randint(0, 59) if h in (23, 0) else r.choice([0, 30])
        return dt.datetime(d.year, d.month, d.day, h, m, 0, tzinfo=TZ)

    # -- an opportunity ----------------------------------------------------------------
    def opportunity(self, idx):
        r = self.r
        pool = self.reps + self.managers
        owner = r.choice(self.managers) if idx % 9 == 4 else r.choice(self.reps if r.random() < 0.85 else pool)
        t = self.open_time()
        if idx % 11 == 3:   # opened at the very end of a day / of a month / of an ISO week
            t = r.choice([dt.datetime(2026, 9, 30, 23, 59, 30, tzinfo=TZ),
                          dt.datetime(2026, 10, 4, 23, 59, 59, tzinfo=TZ),
                          dt.datetime(2026, 10, 31, 23, 58, 0, tzinfo=TZ),
                          dt.datetime(2026, 11, 1, 0, 0, 5, tzinfo=TZ)])
        o = {"customer": r.choice(self.customers), "owner": owner, "title": r.choice(TITLES),
             "amount": self.amount(), "events": []}
        if r.random() < 0.8:
            o["expected_close"] = t.date() + dt.timedelta(days=r.randint(5, 120))
        if r.random() < 0.7:
            o["source"] = r.choice(["visit", "referral", "exhibition", "inbound", "other"])
        ev = o["events"]
        ev.append({"type": "opened", "at": t, "by": owner if r.random() < 0.8 else
                   r.choice([self.mgr(owner), self.director])})
        stage, held, review = "lead", None, None   # review: None | pending | approved | rejected
        cur = owner
        if idx % 13 == 7 and r.random() < 0.8:  # reassigned on the day it was opened
            t2 = t + dt.timedelta(minutes=r.randint(5, 20))
            if t2.date() == t.date():
                new = r.choice([m for m in pool if m != cur])
                ev.append({"type": "reassigned", "at": t2, "by": self.director, "owner": new})
                cur, t = new, t2
        steps = r.randint(0, 14)
        for _ in range(steps):
            t = self.next_time(t)
            if t > CAP:
                break
            if stage in ENDS:
                if stage == "won" or r.random() < 0.45:
                    break
                ev.append({"type": "reopened", "at": t, "by": self.step_by(cur), "note": "客户重新招标"})
                stage = held
                continue
            acts = []
            if stage == "lead":
                acts += [("qualified", 7), ("disqualified", 1.2), ("updated", 0.8), ("reassigned", 0.6),
                         ("lost", 0.4), ("won", 0.15)]
            else:
                if review is None or review in ("approved", "rejected"):
                    acts.append(("proposed", 4 if stage in ("qualified", "needs") else 1.2))
                else:
                    acts.append(("proposed", 0.2))
                if review == "pending":
                    acts += [("approved", 4), ("rejected", 2.5)]
                if stage != "needs":
                    acts.append(("stage needs", 3 if stage == "qualified" else 0.3))
                if review == "approved" and stage != "negotiation":
                    acts.append(("stage negotiation", 6))
                acts += [("updated", 1.2), ("reassigned", 0.5),
                         ("won", 3 if stage == "negotiation" else 0.25),
                         ("lost", 1.5 if stage == "negotiation" else 0.7)]
            names = [a for a, _ in acts]
            a = r.choices(names, [w for _, w in acts])[0]
            e = {"type": a.split()[0], "at": t}
            if a in ("qualified", "disqualified", "approved", "rejected", "reassigned"):
                e["by"] = self.gate_by(cur)
            else:
                e["by"] = self.step_by(cur)
            if a == "qualified":
                stage = "qualified"
                if r.random() < 0.4:
                    e["note"] = r.choice(NOTES)
            elif a == "disqualified":
                held, stage = stage, "disqualified"
            elif a.startswith("stage"):
                stage = e["stage"] = a.split()[1]
            elif a == "proposed":
                stage, review = "proposal", "pending"
                if r.random() < 0.6:
                    e["amount"] = self.amount()
            elif a in ("approved", "rejected"):
                review = a
                if a == "rejected":
                    e["note"] = "价格偏低"
            elif a == "updated":
                x = r.random()
                if x < 0.4 or "expected_close" not in o and x < 0.7:
                    e["amount"] = self.amount()
                if x >= 0.3 or "amount" not in e:
                    e["expected_close"] = t.date() + dt.timedelta(days=r.randint(-20, 90))
            elif a == "reassigned":
                if r.random() < 0.6:   # to another manager's team
                    others = [m for m in pool if m != cur and self.mgr(m) != self.mgr(cur)]
                else:
                    others = [m for m in pool if m != cur]
                e["owner"] = cur = r.choice(others)
            elif a == "won":
                held, stage = stage, "won"
                e["contract"] = "HT-2026-%03d" % r.randint(1, 999)
                if r.random() < 0.5:
                    e["amount"] = self.amount()
            elif a == "lost":
                held, stage = stage, "lost"
                e["reason"] = r.choice(LOST_REASONS)
                if r.random() < 0.5:
                    e["note"] = "对手降价"
            ev.append(e)
        o["id"] = self.new_id(ev[0]["at"].date())
        o["final_owner"] = cur
        o["stage"] = stage
        self.opps.append(o)
        # visits linked to it
        if r.random() < 0.3:
            last = ev[-1]["at"]
            for _ in range(r.randint(1, 2)):
                vd = ev[0]["at"].date() + dt.timedelta(days=r.randint(0, max(0, (CAP_DATE - ev[0]["at"].date()).days)))
                if vd > CAP_DATE - ONE_DAY:
                    continue
                if r.random() < 0.5 and last.date() < CAP_DATE - dt.timedelta(days=3):
                    vd = last.date() + dt.timedelta(days=r.randint(1, 12))
                    if vd > CAP_DATE - ONE_DAY:
                        continue
                rec = dt.datetime(vd.year, vd.month, vd.day, r.randint(17, 22), r.randint(0, 59), 0, tzinfo=TZ)
                self.visits.append({"id": self.new_id(vd), "customer": o["customer"], "rep": cur, "date": vd,
                                    "recorded_at": rec, "opportunity": o["id"]})
        return o

    # -- an order ----------------------------------------------------------------------
    def lines(self):
        r = self.r
        out = []
        for p in r.sample(PRODUCTS, r.randint(1, 3)):
            q = Decimal(r.randint(1, 500))
            if r.random() < 0.2:
                q += Decimal(r.choice([25, 5, 75, 33])) / 100
            out.append({"product": p, "quantity": q, "unit_price": self.amount(10, 20000)})
        return out

    def order(self, rep, customer, d, opp=None):
        r = self.r
        o = {"id": self.new_id(d), "customer": customer, "rep": rep, "date": d, "lines": self.lines(),
             "events": []}
        if opp:
            o["opportunity"] = opp
        if r.random() < 0.3:
            o["payment"] = {"method": "transfer", "terms": "月结30天"}
        if r.random() < 0.3:
            o["po"] = "PO-%05d" % r.randint(1, 99999)
        t = dt.datetime(d.year, d.month, d.day, 9, 0, 0, tzinfo=TZ)
        if r.random() < 0.6:
            for _ in range(r.randint(1, 3)):
                t = self.next_time(t)
                if t > CAP:
                    break
                o["events"].append({"type": "changed", "at": t, "by": rep if r.random() < 0.8 else self.mgr(rep),
                                    "reason": "客户调整数量", "lines": self.lines()})
                t = self.next_time(t)
                x = r.random()
                if t > CAP or x < 0.2:
                    break   # left pending
                o["events"].append({"type": "change_approved" if x < 0.65 else "change_rejected", "at": t,
                                    "by": self.gate_by(rep)})
        pend = o["events"] and o["events"][-1]["type"] == "changed"
        if not pend and r.random() < 0.2:
            t = self.next_time(t)
            if t <= CAP:
                o["events"].append({"type": "cancelled", "at": t, "by": self.gate_by(rep), "reason": "客户取消"})
        self.orders.append(o)

    def edge_opportunities(self):
        """Fixed shapes the random walk may miss (dated in October 2026)."""
        def T(m, d, h, mi=0, s=0):
            return dt.datetime(2026, m, d, h, mi, s, tzinfo=TZ)
        r = self.r
        rep_a = self.reps[0]                                       # a rep of one manager ...
        rep_b = next(x for x in self.reps if self.mgr(x) != self.mgr(rep_a))   # ... and of another
        ma, mb, boss = self.mgr(rep_a), self.mgr(rep_b), self.director
        shapes = [
            # R6: negotiation, then a new proposal moves it back to proposal, then lost
            (rep_a, Decimal("250000.00"), D(2026, 11, 15), [
                ("opened", T(10, 13, 9), rep_a, {}), ("qualified", T(10, 13, 15), ma, {}),
                ("proposed", T(10, 14, 10), rep_a, {"amount": Decimal("240000.5")}),
                ("approved", T(10, 14, 16), ma, {}), ("stage", T(10, 15, 9), rep_a, {"stage": "negotiation"}),
                ("proposed", T(10, 19, 10), rep_a, {"amount": Decimal("230000.25")}),
                ("lost", T(10, 22, 23, 59, 59), rep_a, {"reason": "price"})]),
            # R1: lost, reopened and reassigned to another team the same day, then won
            (rep_a, Decimal("88000.35"), D(2026, 10, 30), [
                ("opened", T(10, 14, 9), rep_a, {}), ("qualified", T(10, 15, 9), boss, {}),
                ("lost", T(10, 20, 10), rep_a, {"reason": "no_decision"}),
                ("reopened", T(10, 20, 11), rep_a, {}),
                ("reassigned", T(10, 20, 12), boss, {"owner": rep_b}),
                ("won", T(10, 28, 16), rep_b, {"contract": "HT-2026-901"})]),
            # half a cent: 1000.05 at proposal (50%) weighs 500.03 (docs/pipeline.md "Amounts")
            (rep_b, Decimal("1000.05"), D(2026, 11, 30), [
                ("opened", T(10, 16, 9), rep_b, {}), ("qualified", T(10, 16, 10), mb, {}),
                ("proposed", T(10, 16, 11), rep_b, {})]),
            # won straight from negotiation on the last second of October, opened in another month
            (rep_b, Decimal("120000.10"), None, [
                ("opened", T(9, 29, 23, 59, 0), rep_b, {}), ("qualified", T(9, 30, 9), mb, {}),
                ("proposed", T(10, 8, 9), rep_b, {}), ("approved", T(10, 9, 9), boss, {}),
                ("stage", T(10, 9, 10), rep_b, {"stage": "negotiation"}),
                ("won", T(10, 31, 23, 59, 59), rep_b, {"contract": "HT-2026-902", "amount": Decimal("119999.99")})]),
        ]
        for owner, amount, ec, evs in shapes:
            o = {"customer": r.choice(self.customers), "owner": owner, "title": "边界用例", "amount": amount,
                 "events": [dict(x[3], type=x[0], at=x[1], by=x[2]) for x in evs]}
            if ec:
                o["expected_close"] = ec
            o["id"] = self.new_id(evs[0][1].date())
            o["final_owner"] = o["events"][-1].get("owner", owner) if evs[-1][0] == "reassigned" else \
                next((e["owner"] for e in reversed(o["events"]) if e["type"] == "reassigned"), owner)
            o["stage"] = "won" if evs[-1][0] == "won" else ("lost" if evs[-1][0] == "lost" else "open")
            self.opps.append(o)

    def build(self):
        r = self.r
        nopp = max(30, min(60, self.n))
        for i in range(nopp - 4):
            self.opportunity(i)
        self.edge_opportunities()
        won = [o for o in self.opps if o["stage"] == "won"]
        for o in won:
            if r.random() < 0.55:
                w = next(e for e in o["events"] if e["type"] == "won")
                d = w["at"].astimezone(TZ).date() + dt.timedelta(days=r.randint(0, 8))
                if d <= CAP_DATE:
                    self.order(o["final_owner"], o["customer"], d, o["id"])
        opn = [o for o in self.opps if o["stage"] not in ENDS]
        for o in r.sample(opn, min(len(opn), r.randint(1, 3))):
            d0 = o["events"][0]["at"].astimezone(TZ).date()
            d = d0 + dt.timedelta(days=r.randint(0, max(0, (CAP_DATE - d0).days)))
            self.order(o["final_owner"], o["customer"], d, o["id"])
        while len(self.orders) < 10 or (len(self.orders) < 25 and r.random() < 0.6):
            d = D(2026, 8, 1) + dt.timedelta(days=r.randint(0, (CAP_DATE - D(2026, 8, 1)).days))
            rep = r.choice(self.reps) if r.random() < 0.85 else r.choice(self.managers)
            self.order(rep, r.choice(self.customers), d)
        self.orders = self.orders[:25]

    # -- writing -----------------------------------------------------------------------
    def fmt_at(self, t):
        """An instant in one of the written forms docs/formats.md "Time" allows."""
        x = self.r.random()
        frac = (".%06d" % t.microsecond).rstrip("0") if t.microsecond else ""
        if x < 0.08:
            return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + frac + "Z"
        if x < 0.12:
            return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + frac + "+00:00"
        if x < 0.17:   # no offset: the configured timezone
            return t.astimezone(TZ).strftime("%Y-%m-%dT%H:%M:%S") + frac
        if x < 0.22 and t.second == 0 and not t.microsecond:   # seconds left out
            return t.astimezone(TZ).strftime("%Y-%m-%dT%H:%M") + TZS
        return t.astimezone(TZ).strftime("%Y-%m-%dT%H:%M:%S") + frac + TZS

    @staticmethod
    def num(v):
        return str(v)

    def write(self, demo, d):
        shutil.copytree(demo, d, ignore=shutil.ignore_patterns(".kamgr", ".git"))
        for sub in ("opportunities", "orders"):
            shutil.rmtree(os.path.join(d, sub), ignore_errors=True)
            os.makedirs(os.path.join(d, sub))
        if self.stage_cfg:
            with open(os.path.join(d, "kamgr.yaml"), "a", encoding="utf-8") as f:
                f.write("pipeline:\n  stages:\n")
                for s, p, rd in self.stage_cfg:
                    f.write("    - {stage: %s, probability: %d, rot_days: %dwd}\n" % (s, p, rd))
        for o in self.opps:
            y = o["id"][:4]
            folder = os.path.join(d, "opportunities", y)
            os.makedirs(folder, exist_ok=True)
            out = ["id: %s" % o["id"], "customer: %s" % o["customer"], "owner: %s" % o["owner"],
                   "title: %s" % o["title"], "amount: %s" % self.num(o["amount"])]
            if "expected_close" in o:
                out.append("expected_close: %s" % o["expected_close"])
            if "source" in o:
                out.append("source: %s" % o["source"])
            out.append("events:")
            for e in o["events"]:
                kv = ["type: %s" % e["type"], "at: %s" % self.fmt_at(e["at"]), "by: %s" % e["by"]]
                for k in ("stage", "owner", "contract", "reason", "note"):
                    if k in e:
                        kv.append("%s: %s" % (k, e[k]))
                if "amount" in e:
                    kv.append("amount: %s" % self.num(e["amount"]))
                if "expected_close" in e:
                    kv.append("expected_close: %s" % e["expected_close"])
                if self.r.random() < 0.85:
                    out.append("  - {%s}" % ", ".join(kv))
                else:
                    out.append("  - " + kv[0])
                    out.extend("    " + x for x in kv[1:])
            with open(os.path.join(folder, o["id"] + ".yaml"), "w", encoding="utf-8") as f:
                f.write("\n".join(out) + "\n")
        fl = lambda ls: "[%s]" % ", ".join("{product: %s, quantity: %s, unit_price: %s}" % (
            x["product"], self.num(x["quantity"]), self.num(x["unit_price"])) for x in ls)
        for o in self.orders:
            folder = os.path.join(d, "orders", "%04d" % o["date"].year, "%02d" % o["date"].month)
            os.makedirs(folder, exist_ok=True)
            out = ["id: %s" % o["id"], "customer: %s" % o["customer"], "rep: %s" % o["rep"]]
            if "opportunity" in o:
                out.append("opportunity: %s" % o["opportunity"])
            out.append("date: %s" % o["date"])
            out.append("lines:")
            for x in o["lines"]:
                out.append("  - {product: %s, quantity: %s, unit_price: %s}" % (
                    x["product"], self.num(x["quantity"]), self.num(x["unit_price"])))
            if "payment" in o:
                out.append("payment: {method: %s, terms: %s}" % (o["payment"]["method"], o["payment"]["terms"]))
            if "po" in o:
                out.append("po: %s" % o["po"])
            if o["events"]:
                out.append("events:")
                for e in o["events"]:
                    kv = ["type: %s" % e["type"], "at: %s" % self.fmt_at(e["at"]), "by: %s" % e["by"]]
                    if "reason" in e:
                        kv.append("reason: %s" % e["reason"])
                    if "lines" in e:
                        kv.append("lines: %s" % fl(e["lines"]))
                    out.append("  - {%s}" % ", ".join(kv))
            with open(os.path.join(folder, o["id"] + ".yaml"), "w", encoding="utf-8") as f:
                f.write("\n".join(out) + "\n")
        for v in self.visits:
            folder = os.path.join(d, "visits", "%04d" % v["date"].year, "%02d" % v["date"].month)
            os.makedirs(folder, exist_ok=True)
            out = ["id: %s" % v["id"], "customer: %s" % v["customer"], "rep: %s" % v["rep"],
                   "date: %s" % v["date"], 'start: "14:00"', 'end: "15:00"', "purpose: 商机跟进",
                   "opportunity: %s" % v["opportunity"],
                   "recorded_at: %s" % v["recorded_at"].strftime("%Y-%m-%dT%H:%M:%S+08:00")]
            with open(os.path.join(folder, v["id"] + ".yaml"), "w", encoding="utf-8") as f:
                f.write("\n".join(out) + "\n")


def coverage(data, nows):
    """What the generated directory exercises (printed with -v)."""
    c = {}

    def hit(k, n=1):
        c[k] = c.get(k, 0) + n
    for o in data.opps.values():
        ev, types = o["events"], [e["type"] for e in o["events"]]
        st = None
        for i, e in enumerate(ev):
            prev = replay(o, ev[:i]) if i else None
            if e["type"] == "proposed" and prev and prev["stage"] == "qualified":
                hit("proposed straight from qualified")
            if e["type"] == "proposed" and i and "pending" == _review(ev[:i]):
                hit("proposed while a proposal was pending")
            if e["type"] == "won" and prev and prev["stage"] == "lead":
                hit("won from lead")
            if e["type"] == "stage" and prev and RANK.get(e["stage"], 9) < RANK.get(prev["stage"], 0):
                hit("stage moved back")
            if e["type"] == "reassigned":
                hit("reassigned")
                if data.team_of(prev["owner"]) != data.team_of(e["owner"]):
                    hit("reassigned across teams")
                if e["day"] == ev[0]["day"]:
                    hit("reassigned on the opening day")
            lt = e["at"].astimezone(data.tz)
            if lt.hour == 23 and lt.minute >= 30 or lt.hour == 0 and lt.minute < 30:
                hit("event near midnight")
            if e["at"].utcoffset() != data.tz.utcoffset(None):
                pass
        if "rejected" in types and "approved" in types[types.index("rejected"):]:
            hit("rejected then approved")
        if "reopened" in types:
            hit("reopened")
            if types[-1] == "won":
                hit("reopened then won")
            if "disqualified" in types:
                hit("disqualified then reopened")
        if "updated" in types:
            hit("updated")
        if data.team.get(o["owner"], {}).get("role") == "manager" or any(
                data.team.get(e.get("owner"), {}).get("role") == "manager" for e in ev if e["type"] == "reassigned"):
            hit("owned by a manager")
        if any(e.get("amount") is not None and e["amount"].denominator != 1 for e in ev) or o["amount"].denominator != 1:
            hit("amount with decimals")
        if any(e["at"] > min(nows) for e in ev) and ev[0]["at"] <= min(nows):
            hit("events after the earliest --now")
        final = replay(o, ev)
        hit("final " + final["stage"])
        if final["stage"] in ENDS and ev[0]["day"].month != ev[-1]["day"].month:
            hit("opened in one month, ended in a later one")
        if final["ec"] is not None and final["stage"] not in ENDS and final["ec"] < data.local(max(nows)):
            hit("open with expected_close overdue")
    for o in data.orders.values():
        hit("order linked" if o.get("opportunity") else "order unlinked")
        for e in o.get("events") or []:
            hit("order " + e["type"])
        if (o.get("events") or [{}])[-1].get("type") == "changed":
            hit("order change pending")
    hit("linked visits", sum(len(v) for v in data.visits.values()))
    return c


def _review(events):
    r = None
    for e in events:
        if e["type"] == "proposed":
            r = "pending"
        elif e["type"] in ("approved", "rejected"):
            r = e["type"]
    return r


# --------------------------------------------------------------------------------------
# 4. Running kamgr and comparing.
def run(kamgr, args):
    env = dict(os.environ, NO_COLOR="1")
    for k in ("KAMGR_DATA", "KAMGR_NOW", "KAMGR_USER"):
        env.pop(k, None)
    for attempt in range(40):   # the binary may be briefly missing while it is rebuilt
        try:
            p = subprocess.run([kamgr] + args, capture_output=True, text=True, env=env)
        except OSError:
            if attempt == 39:
                raise
            time.sleep(3)
            continue
        if p.returncode < 0 and attempt < 3:   # killed (a binary replaced while starting): once more
            time.sleep(1)
            continue
        return p


class Runner:
    """kamgr calls of one seed, run ahead in a few threads; results are read back in the
    order the checks ask for them, so the report is deterministic."""
    def __init__(self, kamgr, workers):
        self.kamgr = kamgr
        self.pool = ThreadPoolExecutor(max_workers=workers)
        self.futures = {}
        self.collect = False

    def get(self, args):
        key = tuple(args)
        f = self.futures.get(key)
        if f is None:
            f = self.futures[key] = self.pool.submit(run, self.kamgr, list(args))
        return None if self.collect else f.result()

    def close(self):
        self.pool.shutdown(wait=True)


def cmd_kind(cmd):
    for k in ("pipeline", "funnel", "forecast", "kpi run", "kpi actual", "check"):
        if " %s" % k in " " + cmd:
            return k
    return cmd.split()[0]


def field_class(field):
    import re as _re
    f = _re.sub(r"^(stage|rep|manager)=[^.]*\.", "", field)
    f = _re.sub(r"^open \S+?\.", "open.", f)
    f = _re.sub(r"^total\.", "", f)
    f = _re.sub(r"stages\.[a-z]+\.", "stages.*.", f)
    f = _re.sub(r"lost_reasons\.[a-z_]+\.", "lost_reasons.*.", f)
    f = _re.sub(r"^kpi \S+?\.", "kpi ", f) if f.count(".") >= 1 and f.startswith("kpi ") else f
    return f


class Cmp:
    def __init__(self, seed, keep):
        self.seed = seed
        self.keep = keep
        self.mismatches = []
        self.checks = 0
        self.when = None
        self.runner = None
        self.npipe = 0
        self.unknown = {}   # metric -> where kamgr did not compute it
        self.fields = []    # (report, field class) of each mismatch, for the summary

    def eq(self, cmd, field, want, got, kind="plain"):
        self.checks += 1
        w, g = want, got
        if kind == "money":
            w = None if want is None else Decimal(want)
            g = None if got is None or isinstance(got, (str, bool)) else Decimal(got)
            ok = (w is None and g is None) or (w is not None and g is not None and w == g)
        elif kind == "instant":
            try:
                g = None if got is None else instant(got, TZ)
            except (ValueError, TypeError):
                g = got
            ok = w == g
        else:
            ok = w == g
        if not ok:
            self.fields.append((cmd_kind(cmd), field_class(field)))
            self.mismatches.append("seed %d: %s\n    %s: kamgr %s, oracle %s" % (
                self.seed, cmd, field, json.dumps(got, default=str, ensure_ascii=False),
                json.dumps(want if kind != "money" or want is None else str(want), default=str,
                           ensure_ascii=False)))


def next_calendar_reminder(w, d):
    """docs/complaints.md "Adding next year's": from 1 December (check runs on the system
    clock here), check warns while calendar/<next year>.yaml is missing."""
    today = dt.datetime.now(TZ).date()
    name = "calendar/%d.yaml" % (today.year + 1)
    return (today.month == 12 and isinstance(w, dict) and w.get("file") == name
            and not os.path.exists(os.path.join(d, name)))


def kamgr_json(cmp, kamgr, d, now, args):
    when = cmp.when or ["--now", now.isoformat()]
    full = ["-C", d] + when + ["--format", "json", "opportunity"] + args
    cmd = "kamgr -C %s %s --format json opportunity %s" % (cmp.keep or "DIR", " ".join(when), " ".join(args))
    p = cmp.runner.get(full)
    if p is None:   # collecting the calls to run ahead
        return cmd, None
    if p.returncode != 0:
        cmp.eq(cmd, "exit code", 0, "%d: %s" % (p.returncode, p.stderr.strip()[:300]))
        return cmd, None
    try:
        return cmd, json.loads(p.stdout, parse_float=Decimal)
    except ValueError:
        cmp.eq(cmd, "json", "valid JSON", p.stdout[:200])
        return cmd, None


ZERO_PIPE = {"count": 0, "amount": Decimal("0.00"), "weighted": Decimal("0.00"), "stale": 0}


def check_pipeline(cmp, data, kamgr, d, now, date, by):
    args = ["pipeline", "--date", str(date)] + ([] if by == "stage" else ["--by", by])
    cmp.npipe += 1
    if by == "stage" and cmp.npipe % 2:
        args += ["--by", "stage"]
    cmd, j = kamgr_json(cmp, kamgr, d, now, args)
    if j is None:
        return
    rows, opn, tot = oracle_pipeline(data, date, now, by)
    cmp.eq(cmd, "date", str(date), j.get("date"))
    keyname = {"stage": "stage", "rep": "rep", "team": "manager"}[by]
    glist = j.get("stages") if by == "stage" or "rows" not in j else j.get("rows")
    if not isinstance(glist, list):
        cmp.eq(cmd, "groups list", "a list under 'stages' or 'rows'", sorted(j))
        glist = []
    got = {}
    for g in glist:
        got[g.get(keyname)] = g
    if by == "stage":
        cmp.eq(cmd, "stage order", STAGES, [g.get("stage") for g in glist])
    for k in sorted(set(rows) | set(got), key=str):
        w = rows.get(k, ZERO_PIPE)
        g = got.get(k)
        if g is None:
            if w["count"] == 0:
                continue
            g = {}
        for f in ("count", "stale"):
            cmp.eq(cmd, "%s=%s.%s" % (keyname, k, f), w[f], g.get(f))
        for f in ("amount", "weighted"):
            cmp.eq(cmd, "%s=%s.%s" % (keyname, k, f), w[f], g.get(f), "money")
    for f in ("count", "stale"):
        cmp.eq(cmd, "total." + f, tot[f], (j.get("total") or {}).get(f))
    for f in ("amount", "weighted"):
        cmp.eq(cmd, "total." + f, tot[f], (j.get("total") or {}).get(f), "money")
    gopen = {x.get("id"): x for x in j.get("open") or []}
    cmp.eq(cmd, "open ids", sorted(opn), sorted(gopen, key=str))
    for oid in sorted(set(opn) & set(gopen)):
        w, g = opn[oid], gopen[oid]
        for f in ("customer", "owner", "stage", "expected_close", "stale"):
            cmp.eq(cmd, "open %s.%s" % (oid, f), w[f], g.get(f))
        for f in ("amount", "weighted"):
            cmp.eq(cmd, "open %s.%s" % (oid, f), w[f], g.get(f), "money")
        cmp.eq(cmd, "open %s.last_event_at" % oid, w["last_event_at"], g.get("last_event_at"), "instant")


def compare_funnel_block(cmp, cmd, prefix, w, g):
    cmp.eq(cmd, prefix + "opened", w["opened"], g.get("opened"))
    gst = {s.get("stage"): s for s in g.get("stages") or []}
    for s in w["stages"]:
        x = gst.get(s["stage"], {})
        cmp.eq(cmd, "%sstages.%s.reached" % (prefix, s["stage"]), s["reached"], x.get("reached"))
        cmp.eq(cmd, "%sstages.%s.conversion" % (prefix, s["stage"]), s["conversion"], x.get("conversion"), "money")
    for f in ("won", "lost"):
        cmp.eq(cmd, prefix + f, w[f], g.get(f))
    for f in ("win_rate", "negotiation_win_rate", "avg_won_amount", "avg_cycle_days", "velocity"):
        cmp.eq(cmd, prefix + f, w[f], g.get(f), "money")
    glr = {x.get("reason"): x for x in g.get("lost_reasons") or []}
    for reason in sorted(set(w["lost_reasons"]) | set(glr), key=str):
        wr = w["lost_reasons"].get(reason, {"count": 0, "amount": Decimal("0.00")})
        gr = glr.get(reason, {"count": 0, "amount": 0})
        cmp.eq(cmd, "%slost_reasons.%s.count" % (prefix, reason), wr["count"], gr.get("count"))
        cmp.eq(cmd, "%slost_reasons.%s.amount" % (prefix, reason), wr["amount"], gr.get("amount"), "money")


EMPTY_FUNNEL = None


def check_funnel(cmp, data, kamgr, d, now, pargs, a, b, by):
    args = ["funnel"] + pargs + (["--by", by] if by else [])
    cmd, j = kamgr_json(cmp, kamgr, d, now, args)
    if j is None:
        return
    total, rows = oracle_funnel(data, a, b, now, by)
    cmp.eq(cmd, "period", {"from": str(a), "to": str(b)}, j.get("period"))
    compare_funnel_block(cmp, cmd, "", total, j)
    if by:
        keyname = "rep" if by == "rep" else "manager"
        got = {x.get(keyname): x for x in j.get("rows") or []}
        if "rows" not in j:
            cmp.eq(cmd, "rows", "a list of rows", sorted(j))
        empty = funnel_block(data, [], [], 0)
        for k in sorted(set(rows) | set(got), key=str):
            compare_funnel_block(cmp, cmd, "%s=%s." % (keyname, k), rows.get(k, empty), got.get(k, {}))


def check_forecast(cmp, data, kamgr, d, now, pargs, a, b, by):
    args = ["forecast"] + pargs + (["--by", by] if by else [])
    cmd, j = kamgr_json(cmp, kamgr, d, now, args)
    if j is None:
        return
    rows, tot = oracle_forecast(data, a, b, now, by or "rep")
    cmp.eq(cmd, "period", {"from": str(a), "to": str(b)}, j.get("period"))
    keyname = "manager" if by == "team" else "rep"
    got = {x.get(keyname): x for x in j.get("rows") or []}
    zero = {k: Decimal("0.00") for k in ("ordered", "won_unordered", "open_weighted", "forecast")}
    for k in sorted(set(rows) | set(got), key=str):
        w, g = rows.get(k, zero), got.get(k)
        if g is None:
            if w == zero:
                continue
            g = {}
        for f in ("ordered", "won_unordered", "open_weighted", "forecast"):
            cmp.eq(cmd, "%s=%s.%s" % (keyname, k, f), w[f], g.get(f), "money")
    for f in ("ordered", "won_unordered", "open_weighted", "forecast"):
        cmp.eq(cmd, "total." + f, tot[f], (j.get("total") or {}).get(f), "money")


def period(spec):
    """A period spec -> (args, first day, last day)."""
    return period_range(spec)


def period_range(spec):
    if isinstance(spec, tuple):
        return ["--from", str(spec[0]), "--to", str(spec[1])], spec[0], spec[1]
    if "-W" in spec:
        y, w = spec.split("-W")
        mon = D.fromisocalendar(int(y), int(w), 1)
        return [spec], mon, mon + dt.timedelta(days=6)
    if "-Q" in spec:
        y, q = spec.split("-Q")
        y, q = int(y), int(q)
        return [spec], D(y, 3 * q - 2, 1), D(y + (q == 4), (3 * q) % 12 + 1, 1) - ONE_DAY
    if "-" in spec:
        y, m = map(int, spec.split("-"))
        return [spec], D(y, m, 1), D(y + (m == 12), m % 12 + 1, 1) - ONE_DAY
    y = int(spec)
    return [spec], D(y, 1, 1), D(y, 12, 31)


PERIODS = ["2026-10", "2026-11", "2026-09", "2026-12", "2026-Q4", "2026-Q3", "2026", "2026-W40", "2026-W41",
           "2026-W39", "2026-W44", "2026-W45", "2026-W48", (D(2026, 9, 25), D(2026, 10, 10)),
           (D(2026, 10, 31), D(2026, 11, 1)), (D(2026, 11, 20), D(2026, 11, 20))]
PIPE_DATES = [D(2026, 9, 19), D(2026, 9, 20), D(2026, 9, 28), D(2026, 9, 30), D(2026, 10, 1), D(2026, 10, 8),
              D(2026, 10, 9), D(2026, 10, 10), D(2026, 10, 12), D(2026, 10, 16), D(2026, 10, 19),
              D(2026, 10, 23), D(2026, 10, 31), D(2026, 11, 1), D(2026, 11, 16), D(2026, 11, 30)]

# --------------------------------------------------------------------------------------
# 5. The pipeline KPI metrics (docs/pipeline.md "KPI metrics", docs/kpi.md "Scores",
#    "Quarters and years", the `kpi run` JSON shape).
PIPE_METRICS = ["opportunities", "win_rate", "negotiation_win_rate", "proposal_approval", "order_sales"]
# docs/kpi.md "Quarters and years" (R13)
SUMMED = {"sales", "profit", "new_customers", "churn", "opportunities", "order_sales"}
KPI_MONTHS = ["2026-09", "2026-10", "2026-11", "2026-12"]


class KpiPlan:
    """The kpi: block of kamgr.yaml and the targets files of one seed (its own random
    stream, so the opportunities and orders of a seed do not depend on it)."""
    def __init__(self, seed, gen):
        r = random.Random(seed * 101 + 5)
        self.sales_from = ["import", "orders", "orders"][seed % 3]
        self.write_sales_from = seed % 3 != 0 or r.random() < 0.5   # import: written or default
        self.cap = r.choice([None, 110, 150])
        self.metrics = {}
        listed = PIPE_METRICS[:]
        self.unlisted = None
        if seed % 2 == 0:   # a metric with targets that kpi.metrics leaves out: weight 0
            self.unlisted = r.choice(listed)
            listed.remove(self.unlisted)
        for k in listed:
            self.metrics[k] = r.choice([5, 10, 15, 20])
        self.metrics[r.choice(listed)] = 0            # shown, not scored
        if self.sales_from == "orders":
            self.metrics["sales"] = r.choice([20, 30, 40])
        tmetrics = PIPE_METRICS + (["sales"] if self.sales_from == "orders" else [])
        members = [gen.director] + gen.managers + sorted(r.sample(gen.reps, min(len(gen.reps), r.randint(3, 5))))
        self.targets = {}   # folder -> [entry]

        def value(k, months, m):
            scale = {"rep": 1, "manager": 3, "director": 8}[gen.team[m]["role"]]   # achievements near 100
            if k == "opportunities":
                return Decimal(r.randint(1, 4) * scale * months)
            if k in ("order_sales", "sales"):
                v = Decimal(r.randint(2, 80) * 50000 * scale * months)
                return v + (Decimal(r.choice([0, 0, 50, 5, 99])) / 100)
            return Decimal(r.choice(["40", "50", "55.5", "60", "66.67", "75", "80", "90"]))
        for mon in KPI_MONTHS:
            ent = []
            for m in members:
                ks = r.sample(tmetrics, r.randint(2, len(tmetrics)))
                ent.append({"member": m, **{k: value(k, 1, m) for k in sorted(ks, key=tmetrics.index)}})
                if r.random() < 0.15:     # a later entry replaces one value
                    k = r.choice(ks)
                    ent.append({"member": m, k: value(k, 1, m)})
            self.targets[mon] = ent
        ent = []
        for m in members:   # the quarter's own targets for some members and metrics
            if r.random() < 0.5:
                ks = r.sample(tmetrics, r.randint(1, 3))
                ent.append({"member": m, **{k: value(k, 3, m) for k in ks}})
        if ent:
            self.targets["2026-Q4"] = ent

    def write(self, d):
        shutil.rmtree(os.path.join(d, "kpi"), ignore_errors=True)
        with open(os.path.join(d, "kamgr.yaml"), "a", encoding="utf-8") as f:
            f.write("kpi:\n")
            if self.write_sales_from:
                f.write("  sales_from: %s\n" % self.sales_from)
            if self.cap:
                f.write("  cap: %d\n" % self.cap)
            f.write("  metrics:\n")
            for k, w in self.metrics.items():
                f.write("    %s: {weight: %d}\n" % (k, w))
        for folder, ent in self.targets.items():
            os.makedirs(os.path.join(d, "kpi", folder))
            with open(os.path.join(d, "kpi", folder, "targets.yaml"), "w", encoding="utf-8") as f:
                f.write("# targets written by the pipeline oracle\nentries:\n")
                for e in ent:
                    f.write("  - {%s}\n" % ", ".join("%s: %s" % (k, v) for k, v in e.items()))


class Kpi:
    """The kpi configuration and targets as the oracle reads them from the data directory."""
    def __init__(self, root):
        cfg = (load(os.path.join(root, "kamgr.yaml")) or {}).get("kpi") or {}
        self.cap = Fraction(Decimal(str(cfg.get("cap", 120))))
        self.sales_from = cfg.get("sales_from", "import")
        self.metrics = {}
        for k, v in (cfg.get("metrics") or {}).items():
            self.metrics[k] = {"weight": Fraction(Decimal(str((v or {}).get("weight", 0)))),
                               "better": (v or {}).get("better", "higher")}
        self.targets = {}   # folder -> member -> metric -> Fraction (latest entry wins)
        kd = os.path.join(root, "kpi")
        for folder in (os.listdir(kd) if os.path.isdir(kd) else []):
            p = os.path.join(kd, folder, "targets.yaml")
            if os.path.exists(p):
                t = self.targets.setdefault(folder, {})
                for e in (load(p) or {}).get("entries") or []:
                    for k, v in e.items():
                        if k != "member":
                            t.setdefault(e["member"], {})[k] = Fraction(Decimal(str(v)))

    def computed(self, k):
        return k in PIPE_METRICS or (k == "sales" and self.sales_from == "orders")

    def period_targets(self, period):
        months = months_of(period)
        if len(months) == 1:
            return self.targets.get(period, {})
        own = self.targets.get(period, {})
        out = {}
        members = set(own) | {m for mon in months for m in self.targets.get(mon, {})}
        for m in members:
            ks = set(own.get(m, {})) | {k for mon in months for k in self.targets.get(mon, {}).get(m, {})}
            for k in ks:
                if k in own.get(m, {}):
                    v = own[m][k]
                else:
                    xs = [self.targets[mon][m][k] for mon in months
                          if k in self.targets.get(mon, {}).get(m, {})]
                    v = sum(xs) if k in SUMMED else sum(xs) / len(xs)   # R13
                out.setdefault(m, {})[k] = v
        return out


def months_of(period):
    if "-Q" in period:
        y, q = period.split("-Q")
        return ["%s-%02d" % (y, 3 * int(q) - 2 + i) for i in range(3)]
    if "-" in period:
        return [period]
    return ["%s-%02d" % (period, i) for i in range(1, 13)]


def scope(data, m):
    """R15: a rep: themselves; a manager: themselves and the reps whose manager they are; a
    director: every member (the team file as it is: it has no history)."""
    role = data.team[m]["role"]
    if role == "director":
        return set(data.team)
    if role == "manager":
        return {m} | {k for k, v in data.team.items() if v["role"] == "rep" and v.get("manager") == m}
    return {m}


def order_amount_on(o, now, d):
    """The amount of an order with the lines in force at the end of local day d (events
    dated on or before d and not after now)."""
    return order_amount({"lines": o["lines"], "events": [e for e in o.get("events") or []
                                                          if e["at"].astimezone(TZ).date() <= d]}, now)


def kpi_actuals(data, a, b, now, S):
    nowd = data.local(now)
    opened = won = lost = lost_neg = rev = appr = 0
    for oid, o in data.opps.items():
        ev = upto(o, now)
        if not ev:
            continue
        od = ev[0]["day"]
        if a <= od <= b and state_on(o, now, od)[0]["owner"] in S:   # R1: owner at the end of the day
            opened += 1
        for i, e in enumerate(ev):
            if e["type"] in ("won", "lost") and a <= e["day"] <= b:
                if state_on(o, now, e["day"])[0]["owner"] not in S:
                    continue
                if e["type"] == "won":
                    won += 1
                else:
                    lost += 1
                    lost_neg += int(replay(o, ev[:i])["neg"])   # R6
        first = next((e for e in ev if e["type"] in ("approved", "rejected")), None)   # R12
        if first is not None and a <= first["day"] <= b and state_on(o, now, first["day"])[0]["owner"] in S:
            rev += 1
            appr += int(first["type"] == "approved")
    sales = Fraction(0)
    end = min(b, nowd)
    for o in data.orders.values():
        if o["rep"] in S and a <= o["date"] <= b and o["date"] <= nowd:   # R14
            sales += order_amount_on(o, now, end)
    return {"opportunities": Fraction(opened), "win_rate": pct(won, won + lost),
            "negotiation_win_rate": pct(won, won + lost_neg), "proposal_approval": pct(appr, rev),
            "order_sales": sales}


def kpi_expected(data, kpi, period, now):
    _, a, b = period_range(period)
    tg_all = kpi.period_targets(period)
    members = []
    for m in sorted(data.team):
        if data.team[m]["role"] not in ("rep", "manager", "director") or not tg_all.get(m):
            continue
        act = kpi_actuals(data, a, b, now, scope(data, m))
        tg = tg_all[m]
        rows = {}
        num = den = Fraction(0)
        for k in list(kpi.metrics) + sorted(set(tg) - set(kpi.metrics)):
            cfg = kpi.metrics.get(k, {"weight": Fraction(0), "better": "higher"})
            ac = None
            if kpi.computed(k):
                ac = act["order_sales" if k == "sales" else k]
            t = tg.get(k)
            ach = sc = None
            if t is not None and ac is not None:
                ach = ac / t * 100   # all five are higher-is-better
                sc = min(ach, kpi.cap)
                num += cfg["weight"] * sc
                den += cfg["weight"]
            rows[k] = {"weight": cfg["weight"], "better": cfg["better"], "target": t, "actual": ac,
                       "achievement": ach, "score": sc, "computed": kpi.computed(k)}
        members.append({"member": m, "complete": True, "kpi_score": num / den if den else None,
                        "metrics": rows})
    return members


def near(want, got):
    """Achievements, scores, KPI: any correct 2-decimal rounding of the exact value."""
    if want is None or got is None or isinstance(got, (bool, str)):
        return want is None and got is None
    return abs(Fraction(want) - Fraction(Decimal(str(got)))) <= Fraction(5, 1000) + Fraction(1, 10 ** 9)


def check_kpi(cmp, data, kpi, d, now, period):
    when = cmp.when or ["--now", now.isoformat()]
    cmd = "kamgr -C %s %s --format json kpi run %s" % (cmp.keep or "DIR", " ".join(when), period)
    p = cmp.runner.get(["-C", d] + when + ["--format", "json", "kpi", "run", period])
    if p is None:
        return
    if p.returncode != 0:
        cmp.eq(cmd, "exit code", 0, "%d: %s" % (p.returncode, p.stderr.strip()[:300]))
        return
    try:
        j = json.loads(p.stdout, parse_float=Decimal)
    except ValueError:
        cmp.eq(cmd, "json", "valid JSON", p.stdout[:200])
        return
    want = kpi_expected(data, kpi, period, now)
    cmp.eq(cmd, "kpi period", period, j.get("period"))
    got = {x.get("member"): x for x in j.get("members") or []}
    cmp.eq(cmd, "kpi members", [w["member"] for w in want], sorted(got, key=str))
    order = [x.get("member") for x in j.get("members") or []]   # director first, each manager then their reps
    lead = None
    for i, m in enumerate(order):
        role = data.team.get(m, {}).get("role")
        ok = (role == "director") == (i == 0) and (role != "rep" or lead == data.team[m].get("manager"))
        if role == "manager":
            lead = m
        if not ok:
            cmp.eq(cmd, "kpi member order", "director first, each manager followed by their reps", order)
            break
    for w in want:
        m = w["member"]
        g = got.get(m)
        if g is None:
            continue
        grows = {x.get("metric"): x for x in g.get("metrics") or []}
        unknown = set()
        for k, wr in w["metrics"].items():
            x = grows.get(k)
            if wr["computed"] and x is not None and x.get("computed") is not True:
                unknown.add(k)
                cmp.unknown.setdefault(k, []).append("%s %s" % (period, m))
                continue
            if x is None:
                if wr["target"] is not None:
                    cmp.eq(cmd, "kpi %s.%s" % (m, k), "listed (it has a target)", None)
                continue
            tag = "kpi %s.%s." % (m, k)
            cmp.eq(cmd, tag + "weight", Decimal(wr["weight"].numerator) / wr["weight"].denominator,
                   x.get("weight"), "money" if wr["weight"].denominator == 1 else "plain")
            cmp.eq(cmd, tag + "better", wr["better"], x.get("better"))
            cmp.eq(cmd, tag + "computed", wr["computed"], x.get("computed"))
            cmp.checks += 1
            if not near(wr["target"], x.get("target")):
                cmp.eq(cmd, tag + "target", r2(wr["target"]), x.get("target"), "money")
            cmp.eq(cmd, tag + "actual", r2(wr["actual"]), x.get("actual"), "money")
            for f in ("achievement", "score"):
                cmp.checks += 1
                if not near(wr[f], x.get(f)):
                    cmp.eq(cmd, tag + f, "%s (exact %s)" % (r2(wr[f]), None if wr[f] is None else
                                                           "%.6f" % float(wr[f])), x.get(f))
        if unknown & {k for k, wr in w["metrics"].items() if wr["target"] is not None}:
            continue   # complete / kpi_score follow from the unknown metrics: reported once above
        cmp.eq(cmd, "kpi %s.complete" % m, w["complete"], g.get("complete"))
        cmp.eq(cmd, "kpi %s.missing" % m, [], g.get("missing") or [])
        cmp.checks += 1
        if not near(w["kpi_score"], g.get("kpi_score")):
            cmp.eq(cmd, "kpi %s.kpi_score" % m, "%s (exact %s)" % (r2(w["kpi_score"]), None if w["kpi_score"]
                                                                   is None else "%.6f" % float(w["kpi_score"])),
                   g.get("kpi_score"))


def run_seed(seed, kamgr, demo, n, keep_root, workers=3):
    tmp = tempfile.mkdtemp(prefix="pipeline-oracle-")
    d = os.path.join(tmp, "data")
    keep = os.path.join(keep_root, "seed%d" % seed) if keep_root else None
    cmp = Cmp(seed, keep)
    cmp.runner = Runner(kamgr, workers)
    try:
        g = Gen(seed, demo, n)
        g.build()
        g.write(demo, d)
        plan = KpiPlan(seed, g)
        plan.write(d)
        p = run(kamgr, ["-C", d, "--format", "json", "check"])
        try:
            cj = json.loads(p.stdout)
            errs, warns = cj.get("errors") or [], cj.get("warnings") or []
        except ValueError:
            errs, warns = [p.stdout + p.stderr], []
        cmp.eq("kamgr check", "errors", [], errs)
        for w in warns:   # the KPI metrics not known yet: reported as such
            msg = str(w.get("message") if isinstance(w, dict) else w)
            for k in PIPE_METRICS + ["kpi.sales_from"]:
                if "'%s'" % k in msg:
                    cmp.unknown.setdefault(k, []).append("check: " + msg)
                    break
            else:
                if next_calendar_reminder(w, d):
                    continue
                cmp.eq("kamgr check", "warning", None, w)
        data = Data(d)
        kpi = Kpi(d)
        r = random.Random(seed * 31 + 7)
        # nows: after everything, exactly at an event and one second before it, mid-stream
        evs = sorted({e["at"] for o in data.opps.values() for e in o["events"]})
        pick = r.choice([t for t in evs if D(2026, 9, 25) <= data.local(t) <= D(2026, 11, 25)] or evs)
        nows = [dt.datetime(2026, 12, 3, 12, 0, 0, tzinfo=TZ), pick.astimezone(TZ),
                (pick - dt.timedelta(seconds=1)).astimezone(TZ),
                r.choice([dt.datetime(2026, 10, 31, 23, 59, 59, tzinfo=TZ),
                          dt.datetime(2026, 11, 1, 0, 0, 0, tzinfo=TZ),
                          dt.datetime(2026, 10, 9, 18, 0, 0, tzinfo=TZ),
                          dt.datetime(2026, 11, 18, 9, 30, 0, tzinfo=TZ)])]
        tasks = []   # (when, function, arguments): built first, so that kamgr can run ahead
        for i, now in enumerate(nows):
            nd = data.local(now)
            when = None
            if i == 1:     # the same instant written in UTC: "today" is still the local date
                when = ["--now", now.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")]
            elif now.time() == dt.time(0, 0):   # --today D is midnight of D
                when = ["--today", str(nd)]
            dates = [nd, nd - dt.timedelta(days=r.randint(1, 20))] + r.sample([x for x in PIPE_DATES if x <= nd] or
                                                                             [nd], min(3, len(PIPE_DATES)))
            if i == 0:
                dates += PIPE_DATES
            if i == 3:
                dates.append(nd + dt.timedelta(days=r.randint(1, 10)))   # a date after now
            for date in sorted(set(dates)):
                for by in ("stage", "rep", "team"):
                    tasks.append((when, check_pipeline, (cmp, data, kamgr, d, now, date, by)))
            specs = PERIODS if i == 0 else r.sample(PERIODS, 5)
            for spec in specs:
                pargs, a, b = period(spec)
                for by in (None, "rep", "team"):
                    tasks.append((when, check_funnel, (cmp, data, kamgr, d, now, pargs, a, b, by)))
                    tasks.append((when, check_forecast, (cmp, data, kamgr, d, now, pargs, a, b, by)))
            kps = KPI_MONTHS + ["2026-Q3", "2026-Q4", "2026"] if i == 0 else \
                ["2026-10", "2026-11", "2026-Q4", "2026"] if i != 2 else []
            for kp in kps:
                tasks.append((when, check_kpi, (cmp, data, kpi, d, now, kp)))
        for collect in (True, False):
            cmp.runner.collect, cmp.npipe = collect, 0
            for when, fn, args in tasks:
                cmp.when = when
                fn(*args)
        cmp.when = None
        if keep:
            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(d, keep)
        if kpi.sales_from == "orders":   # `kpi actual set` refuses a sales value (last: it may write)
            m = sorted(kpi.targets.get("2026-10", {}))[0]
            p = run(kamgr, ["-C", d, "--now", "2026-12-03T12:00:00+08:00", "kpi", "actual", "set", "2026-10",
                            "--member", m, "sales=1000"])
            if "sales" not in cmp.unknown:
                cmp.eq("kamgr kpi actual set 2026-10 --member %s sales=1000 (kpi.sales_from: orders)" % m,
                       "exit code", 2, p.returncode)
        cmp.coverage = coverage(data, nows)
        cmp.stats = "seed %d: %d opportunities, %d orders, %d linked visits, stages %s, kpi.sales_from %s: %d checks" % (
            seed, len(g.opps), len(g.orders), len(g.visits), "custom" if g.stage_cfg else "default",
            kpi.sales_from, cmp.checks)
    finally:
        cmp.runner.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return cmp


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kamgr", default=os.environ.get("KAMGR"))
    ap.add_argument("--repo", default=os.path.normpath(os.path.join(here, "..", "..")))
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("-n", type=int, default=45, help="opportunities per seed (30-60)")
    ap.add_argument("--max-report", type=int, default=400)
    ap.add_argument("--keep", default=os.environ.get("PIPELINE_ORACLE_KEEP"),
                    help="keep each seed's data directory as KEEP/seed<N> (to replay a mismatch)")
    ap.add_argument("-j", "--jobs", type=int, default=max(2, min(4, (os.cpu_count() or 2) + 1)),
                    help="kamgr processes run at a time")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    if not a.kamgr:
        sys.exit("set --kamgr or $KAMGR")
    demo = os.path.join(a.repo, "data")
    problems, checks, fields, unknown = [], 0, {}, []
    t0 = time.time()
    for s in [int(x) for x in a.seeds.split(",") if x]:
        cmp = run_seed(s, a.kamgr, demo, a.n, a.keep, a.jobs)
        checks += cmp.checks
        problems += cmp.mismatches
        for f in cmp.fields:
            fields[f] = fields.get(f, 0) + 1
        for k, where in sorted(cmp.unknown.items()):
            unknown.append("seed %d: kamgr does not know %s %s: %d place(s), e.g. %s" % (
                s, "the key" if "." in k else "metric", k, len(where), "; ".join(where[:2])))
        if a.verbose:
            print(cmp.stats)
            print("  covers: " + ", ".join("%s %d" % kv for kv in sorted(cmp.coverage.items())))
    if a.verbose:
        print("%.1f s" % (time.time() - t0))
    if unknown:
        print("%d unknown KPI metric / key report(s) (docs/pipeline.md \"KPI metrics\"):" % len(unknown))
        for u in unknown:
            print("  " + u)
    if fields:
        print("mismatches per report and field: " + ", ".join(
            "%s %s: %d" % (k[0], k[1], v) for k, v in sorted(fields.items())))
    if problems or unknown:
        if not problems:
            sys.exit(1)
        print("%d mismatch(es) out of %d checks%s:" % (len(problems), checks,
                                                       "" if len(problems) <= a.max_report else
                                                       "; the first %d" % a.max_report))
        for m in problems[:a.max_report]:
            print("  " + m)
        sys.exit(1)
    print("pipeline oracle: %d checks, all match" % checks)


if __name__ == "__main__":
    main()
