#!/usr/bin/env python3
"""Reference for the benchmark: monthly visit compliance (docs/visits.md) the way a user
would script it with PyYAML's C loader, reading the same files kamgr reads.

    python3 bench/ref_compliance.py DATA_DIR 2026-11 --today 2026-12-10 [--by rep]

Prints JSON shaped like `kamgr visit compliance --format json` (period, rows, total),
so the benchmark can also check that both agree.
"""
import argparse
import datetime as dt
import json
import os
import sys

import yaml

LOADER = yaml.CSafeLoader
DEFAULT_FREQ = {"key": "1w", "secondary": "2w", "general": "1m"}


def load(path):
    with open(path, "rb") as f:
        return yaml.load(f, Loader=LOADER)


def parse_tz(text):
    sign = -1 if text.startswith("-") else 1
    h, m = text.lstrip("+-").split(":")
    return dt.timezone(sign * dt.timedelta(hours=int(h), minutes=int(m)))


def window_containing(freq, anchor, day):
    n, unit = int(freq[:-1]), freq[-1]
    if unit == "w":
        length = 7 * n
        start = anchor + dt.timedelta(days=((day - anchor).days // length) * length)
        return start, start + dt.timedelta(days=length - 1)
    base = anchor.year * 12
    idx = day.year * 12 + day.month - 1
    start = base + ((idx - base) // n) * n
    first = dt.date(start // 12, start % 12 + 1, 1)
    end = start + n
    return first, dt.date(end // 12, end % 12 + 1, 1) - dt.timedelta(days=1)


def windows_ending_in(freq, anchor, first, last):
    out, w = [], window_containing(freq, anchor, first)
    while w[1] <= last:
        out.append(w)
        w = window_containing(freq, anchor, w[1] + dt.timedelta(days=1))
    return out


def state_on(history, day):
    """(tier, owner, status) on `day`, or None before the first entry."""
    if not history or history[0]["date"] > day:
        return None
    tier = owner = None
    status = "active"
    for h in history:
        if h["date"] > day:
            break
        tier, owner, status = h.get("tier", tier), h.get("owner", owner), h.get("status", status)
    return tier, owner, status


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("month")
    ap.add_argument("--today", required=True)
    ap.add_argument("--by", default="rep", choices=["rep", "customer"])
    a = ap.parse_args()
    config = load(os.path.join(a.data, "kamgr.yaml")) or {}
    freq = dict(DEFAULT_FREQ, **((config.get("visits") or {}).get("frequency") or {}))
    anchor = config.get("week_anchor", dt.date(2024, 1, 1))
    zone = parse_tz(str(config.get("timezone", "+08:00")))
    today = dt.date.fromisoformat(a.today)
    now = dt.datetime(today.year, today.month, today.day, tzinfo=zone)
    y, m = map(int, a.month.split("-"))
    first = dt.date(y, m, 1)
    last_of_month = (dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1))
    last = min(last_of_month, today - dt.timedelta(days=1))
    windows = {f: windows_ending_in(f, anchor, first, last) for f in set(freq.values())}

    # Visits that can fall in a window: from the earliest window start to the month's end.
    start = min([ws[0][0] for ws in windows.values() if ws] + [first])
    visited = {}
    d = dt.date(start.year, start.month, 1)
    while d <= last_of_month:
        folder = os.path.join(a.data, "visits", f"{d.year:04d}", f"{d.month:02d}")
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            if name.endswith(".yaml"):
                v = load(os.path.join(folder, name))
                rec = v["recorded_at"]
                if isinstance(rec, dt.datetime) and rec.tzinfo is None:
                    rec = rec.replace(tzinfo=zone)
                if rec <= now:
                    visited.setdefault(v["customer"], []).append(v["date"])
        d = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)

    rows, total = {}, [0, 0]
    folder = os.path.join(a.data, "customers")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".yaml"):
            continue
        c = load(os.path.join(folder, name))
        history = c.get("history") or []
        for f, ws in windows.items():
            for w_from, w_to in ws:
                st = state_on(history, w_to)
                if not st or w_from < history[0]["date"] or st[2] != "active":
                    continue
                if freq.get(st[0]) != f:
                    continue
                met = any(w_from <= v <= w_to for v in visited.get(c["id"], ()))
                key = st[1] if a.by == "rep" else c["id"]
                row = rows.setdefault(key, [0, 0])
                row[0] += 1
                row[1] += met
                total[0] += 1
                total[1] += met

    def rate(req, met):
        return round(met * 100.0 / req, 2) if req else None

    print(json.dumps({
        "period": {"from": first.isoformat(), "to": last_of_month.isoformat()},
        "rows": [{a.by: k, "required": r, "met": mt, "rate": rate(r, mt)}
                 for k, (r, mt) in sorted(rows.items())],
        "total": {"required": total[0], "met": total[1], "rate": rate(*total)},
    }, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
