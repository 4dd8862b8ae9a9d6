"""reviews/<period>/<member>.yaml: monthly reviews 2026-06 .. 2026-10 and the
quarters 2026-Q2 and 2026-Q3 for every active rep and manager.

The results must be exactly what kamgr computes, so this module does not write
review files itself: it RUNS kamgr (the review commands, with --now and --as)
on a scratch copy of the generated directory, then copies reviews/ back. It
needs a built kamgr: $KAMGR, else build/kamgr of this repository.

Scripted stories (the rest is drawn from rng("reviews")):
- sun-hao 2026-08: grade C (late visit entries, a deduction) -> improvement
  plan (pip) with its re-review date;
- zheng-kai 2026-09 and 2026-10: grade D twice -> consecutive_d;
- wang-fang appeals her 2026-09 result; HR lifts the total to the next grade;
- 2026-07 is finalized with --allow-incomplete (huang-li's actuals are missing);
- the 2026-10 interviews of huang-li and zheng-kai are still outstanding on the
  demo's today (overdue in `kamgr review list 2026-10`)."""
import datetime as dt
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from calendars import workday_after
from common import TZ, rng
from team_customers_visits import DIRECTOR, LEAVER, MANAGER, REPS

HR = "xu-qing"
MONTHS = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]
QUARTERS = {"2026-Q2": "2026-06", "2026-Q3": "2026-09"}  # quarter -> its last month
MEMBERS = sorted([r for r in REPS if r != LEAVER] + sorted(set(MANAGER[r] for r in REPS)))
# (member, period) -> target total, reached with low scores and deductions when needed
SCRIPTED = {("sun-hao", "2026-08"): (66, "拜访记录多次超过24小时录入，客户信息更新不及时"),
            ("zheng-kai", "2026-09"): (55, "报价单未经审批即发送客户"),
            ("zheng-kai", "2026-10"): (54, "客户资料外传至私人邮箱（中度违规）")}
APPEAL = ("wang-fang", "2026-09", "9月新签客户的回款已于月底到账，销售额应计入当月")
NO_INTERVIEW = {("huang-li", "2026-10"), ("zheng-kai", "2026-10")}


def _kamgr():
    exe = os.environ.get("KAMGR") or str(Path(__file__).resolve().parents[2] / "build" / "kamgr")
    if not Path(exe).is_file():
        sys.exit(f"reviews.py: needs a built kamgr ({exe} is missing): build it or set $KAMGR")
    return exe


class Runner:
    """Runs kamgr on the scratch directory; every command must succeed."""

    def __init__(self, exe, data):
        self.exe, self.data = exe, data

    def __call__(self, when, who, *args, ok_codes=(0,)):
        cmd = [self.exe, "-C", str(self.data), "-q", "--now", when.isoformat()]
        cmd += ["--as", who] if who else []
        p = subprocess.run(cmd + [str(a) for a in args], capture_output=True, text=True,
                           env={**os.environ, "KAMGR_USER": "", "NO_COLOR": "1"})
        if p.returncode not in ok_codes:
            sys.exit(f"reviews.py: kamgr {' '.join(map(str, args))} failed ({p.returncode}): "
                     f"{p.stderr.strip()}")
        return p


def _at(day, hour, minute=0):
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _month_end(period):
    y, m = map(int, period.split("-"))
    return dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(1)


def _manager_of(member):
    return MANAGER.get(member) or DIRECTOR


def _reps_of(manager):
    return [r for r in REPS if r != LEAVER and MANAGER[r] == manager]


def _timeline(period):
    """Open, scores, finalize and interview instants of a period's cycle."""
    last = _month_end(QUARTERS.get(period, period))
    finalize = _at(workday_after(last, 3), 17)
    return {"open": _at(last - dt.timedelta(5), 9), "self": _at(last - dt.timedelta(2), 18),
            "manager": _at(workday_after(last, 1), 15), "finalize": finalize,
            "interview": lambda n: _at(workday_after(finalize.date(), n), 10)}


def _scores(r, member, period, kpi):
    """(self, manager, deductions) for one review: drawn, or solved for a scripted total."""
    self_score = min(98, max(60, round(r.gauss(84, 5))))
    manager = min(95, max(55, round(r.gauss(78 + (kpi - 95) * 0.4, 5))))
    if (member, period) not in SCRIPTED:
        deduction = [(5, "周报迟交两次")] if r.random() < 0.06 else []
        return self_score, manager, deduction
    target, reason = SCRIPTED[(member, period)]
    self_score, manager = 70, 50 if target < 60 else 62  # qualitative 54 or 63.6
    qualitative = 0.2 * self_score + 0.8 * manager
    points = math.ceil(0.7 * kpi + 0.3 * qualitative - target)
    return self_score, manager, [(points, reason)] if points > 0 else []


def _kpi_scores(run, period, when):
    """The KPI score of every member, as `review finalize` will see it."""
    scores = {}
    for m in MEMBERS:
        doc = json.loads(run(when, None, "review", "show", m, period, "--format", "json").stdout)
        scores[m] = doc["kpi_score"] or 0
    return scores


def _cycle(run, r, period):
    """Every step of one period's cycle, as (instant, actor, args) in time order."""
    t = _timeline(period)
    run(t["open"], HR, "review", "open", period)
    kpi = _kpi_scores(run, period, t["finalize"])
    steps = []
    for m in MEMBERS:
        self_score, manager, deductions = _scores(r, m, period, kpi[m])
        steps.append((t["self"], m, ["self", m, period, "--score", self_score]))
        steps.append((t["manager"], _manager_of(m), ["manager", m, period, "--score", manager]))
        for i, (points, reason) in enumerate(deductions):
            steps.append((t["manager"] + dt.timedelta(minutes=30 + i), _manager_of(m),
                          ["deduct", m, period, "--points", points, "--reason", reason]))
        for rep in _reps_of(m):
            steps.append((t["self"] + dt.timedelta(minutes=5), rep,
                          ["upward", m, period, "--score", min(98, max(60, round(r.gauss(82, 6))))]))
    for when, who, args in sorted(steps, key=lambda s: s[0]):
        run(when, who, "review", *args)
    fin = run(t["finalize"], HR, "review", "finalize", period, ok_codes=(0, 2))
    if fin.returncode == 2 and "incomplete" in fin.stderr:
        run(t["finalize"], HR, "review", "finalize", period, "--allow-incomplete")
    elif fin.returncode:
        sys.exit(f"reviews.py: finalize {period} failed: {fin.stderr.strip()}")
    for i, m in enumerate(MEMBERS):
        if (m, period) not in NO_INTERVIEW:
            run(t["interview"](1 + i % 3), _manager_of(m), "review", "interview", m, period)


def _appeal(run, t_finalize):
    """The member appeals; HR lifts the total to the next grade's minimum (the top grade:
    upheld)."""
    member, period, reason = APPEAL
    appealed = _at(workday_after(t_finalize.date(), 4), 11)
    run(appealed, member, "review", "appeal", member, period, "--reason", reason)
    doc = json.loads(run(appealed, None, "review", "show", member, period, "--format",
                         "json").stdout)
    decided = _at(workday_after(appealed.date(), 6), 16)
    higher = [m for m in (90, 80, 70, 60) if m > doc["total"]]
    outcome = ["--outcome", "revised", "--total", higher[-1]] if higher else ["--outcome", "upheld"]
    run(decided, HR, "review", "decide", member, period, *outcome)


def generate(out, world):
    run_exe = _kamgr()
    r = rng("reviews")
    with tempfile.TemporaryDirectory(prefix="kamgr-demo-") as tmp:
        scratch = Path(tmp) / "data"
        shutil.copytree(out, scratch, ignore=shutil.ignore_patterns(".git", ".kamgr", "reviews"))
        run = Runner(run_exe, scratch)
        periods = sorted(MONTHS + list(QUARTERS), key=lambda p: _timeline(p)["finalize"])
        for period in periods:
            _cycle(run, r, period)
            if period == APPEAL[1]:
                _appeal(run, _timeline(period)["finalize"])
        shutil.rmtree(out / "reviews", ignore_errors=True)
        shutil.copytree(scratch / "reviews", out / "reviews")
