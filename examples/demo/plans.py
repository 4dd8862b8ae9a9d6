"""plans/<YYYY-MM>/<rep>.yaml: monthly visit plans 2026-08 .. 2026-11 for the
active reps. Most planned visits happened (some on another day of the same
week), some did not, some visits were unplanned; November also plans ahead."""
import datetime as dt
import hashlib

from calendars import is_workday
from common import END, at, days, month_range, rng, write
from team_customers_visits import MANAGER, THEMES, reps_on, state, windows

MONTHS = [(2026, 8), (2026, 9), (2026, 10), (2026, 11)]
REJECTED = ((2026, 9), "wang-fang", "重点客户拜访频次不足：请按每周一次补足并写明拜访目的")
ONLY_SUBMITTED = ((2026, 11), {"li-na", "huang-li"})


def _items(r, rep, y, m, visits, custs):
    first, last = month_range(y, m)
    work = [d for d in days(first, last) if is_workday(d)]
    items = []
    for v in visits:
        if v["rep"] == rep and first <= v["date"] <= last and r.random() < 0.88:
            d = v["date"]
            if r.random() < 0.3:  # planned for another working day of the same week
                d = r.choice([x for x in work if x.isocalendar()[:2] == d.isocalendar()[:2]] or [d])
            items.append({"customer": v["customer"], "date": d, "purpose": v["purpose"]})
    owned = [c for c in custs if (s := state(c, first)) and s["status"] == "active" and s["owner"] == rep]
    past = [d for d in work if d <= END]
    for _ in range(max(1, len(items) // 12)):  # planned, but never happened
        items.append({"customer": r.choice(owned)["id"], "date": r.choice(past),
                      "purpose": r.choice(THEMES)[0]})
    if last > END:  # the rest of the current month: plan by tier frequency
        ahead = [d for d in work if d > END]
        seen = {(v["customer"], v["date"]) for v in visits}
        for c in owned:
            s = state(c, END)
            if s["status"] != "active" or s["owner"] != rep:
                continue
            ws, we = windows(s["tier"], END, END)[0]
            if s["tier"] == "key" or not any(cu == c["id"] and ws <= d <= we for cu, d in seen):
                items.append({"customer": c["id"], "date": r.choice(ahead[:5]),
                              "purpose": r.choice(THEMES)[0]})
    return sorted(items, key=lambda x: (x["date"], x["customer"]))


def digest(items):
    """kamgr's plan digest: 16 hex digits of SHA-256 over the sorted lines
    customer<TAB>date<TAB>purpose (recorded by an approval; `check` warns on a change)."""
    lines = sorted(f"{x['customer']}\t{x['date'].isoformat()}\t{x.get('purpose') or ''}\n"
                   for x in items)
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()[:16]


def _events(r, rep, y, m, items):
    mgr = MANAGER[rep]
    start = dt.date(y, m, 1)
    sub = at(start - dt.timedelta(r.randint(4, 7)), r.randint(15, 18), r.randint(0, 59))
    ev = [{"type": "submitted", "at": sub, "by": rep}]
    if ((y, m), rep) == REJECTED[:2]:
        rej = at(sub.date() + dt.timedelta(1), 10, 20)
        ev += [{"type": "rejected", "at": rej, "by": mgr, "note": REJECTED[2]},
               {"type": "submitted", "at": at(rej.date() + dt.timedelta(1), 16, 40), "by": rep}]
    if (y, m) == ONLY_SUBMITTED[0] and rep in ONLY_SUBMITTED[1]:
        return ev
    app = at(ev[-1]["at"].date() + dt.timedelta(r.randint(1, 2)), r.randint(9, 11), r.randint(0, 59))
    return ev + [{"type": "approved", "at": app, "by": mgr, "digest": digest(items)}]


def generate(out, world):
    r = rng("plans")
    for y, m in MONTHS:
        for rep in reps_on(dt.date(y, m, 1)):
            items = _items(r, rep, y, m, world["visits"], world["customers"])
            plan = {"member": rep, "month": f"{y}-{m:02d}", "visits": items,
                    "events": _events(r, rep, y, m, items)}
            write(out / "plans" / f"{y}-{m:02d}" / f"{rep}.yaml", plan, log="events")
