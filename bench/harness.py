#!/usr/bin/env python3
"""The benchmark proper (bench/run.sh prepares the binary and the data, then runs this).

Every scenario is a shell command run under `/usr/bin/time -f %M` (peak resident set,
KiB); wall time is measured around it. Scenarios run interleaved - run 1 of every
scenario, then run 2 of every scenario... - so that the machine's noise hits them alike,
and the report gives the median of the runs, the peak memory and the ratios the targets
are stated in. Optional `prepare` commands run untimed before each run (deleting the
cache for a cold run, restoring files).

    python3 bench/harness.py --kamgr build/kamgr --data /work/bench-data --runs 5 [--smoke]
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

MONTH, PREV_MONTH, YEAR = "2026-12", "2026-11", "2026"
TODAY = "2027-01-05"
NOW = "2027-01-05T12:00:00+08:00"


class Scenario:
    def __init__(self, name, cmd, prepare=None, after=None, runs=None, check=None):
        self.name, self.cmd, self.prepare, self.after = name, cmd, prepare, after
        self.runs, self.check = runs, check
        self.times, self.mem, self.cpu, self.failed = [], [], [], None

    def median(self):
        return statistics.median(self.times) if self.times else None


def sh(cmd, **kw):
    return subprocess.run(["bash", "-c", cmd], **kw)


def run_once(s, tmp):
    if s.prepare:
        sh(s.prepare, check=True)
    mem_file = os.path.join(tmp, "mem")
    out_file = os.path.join(tmp, "out")
    full = f"/usr/bin/time -f '%M %U %S' -o {mem_file} bash -c {shlex.quote(s.cmd)} > {out_file}"
    t0 = time.perf_counter()
    r = sh(full)
    elapsed = time.perf_counter() - t0
    if r.returncode not in (0, 1):
        s.failed = f"exit {r.returncode}: {s.cmd}"
        return
    with open(mem_file) as f:
        line = f.read().split("\n")[-2].split()
    s.times.append(elapsed)
    s.mem.append(int(line[0]))
    s.cpu.append(float(line[1]) + float(line[2]))
    if s.after:
        sh(s.after.replace("{out}", out_file), check=True)
    if s.check:
        s.check(out_file)


def files_of(data, *globs):
    """A shell snippet listing the files under the given relative folders/globs."""
    parts = " ".join(shlex.quote(g) for g in globs)
    return f"cd {shlex.quote(data)} && find {parts} -type f -print0 2>/dev/null"


def cat_of(data, *globs):
    return files_of(data, *globs) + " | xargs -0 cat > /dev/null"


def first_customer(data):
    """An active customer (ID) of the data set and its owner at the end of the data."""
    import re
    folder = os.path.join(data, "customers")
    for name in sorted(os.listdir(folder)):
        text = open(os.path.join(folder, name), encoding="utf-8").read()
        if "status: lost" in text:
            continue
        owners = re.findall(r"owner: ([a-z0-9.-]+)", text)
        return name[:-5], owners[-1]
    raise SystemExit(f"no active customer in {data}")


def scenarios(k, d, smoke):
    S, L, L1 = (os.path.join(d, n) for n in ("S", "L", "L1"))
    if smoke:
        S = L = L1 = os.path.join(d, "smoke")
    nocache = "rm -rf {}/.kamgr/cache"
    out = []
    for label, data in (("S", S), ("L", L)):
        cust, rep = first_customer(data)
        out.append(Scenario(
            f"visit add {label}",
            f"{k} -C {data} --now {NOW} visit add --customer {cust} --date 2026-12-28 "
            f"--purpose 基准测试 --rep {rep}",
            after=f"f=$(cat {{out}}); rm -f {data}/visits/2026/12/$f.yaml"))
        out.append(Scenario(f"cat visit add {label}",
                            cat_of(data, "kamgr.yaml", f"team/{rep}.yaml", f"customers/{cust}.yaml")))
    for label, data in (("L", L), ("L1", L1)):
        kpi = f"{k} -C {data} --today {TODAY} kpi run {MONTH} --format json"
        out.append(Scenario(f"kpi run {label} cold", kpi, prepare=nocache.format(data)))
        out.append(Scenario(f"kpi run {label}", kpi))
    out.append(Scenario(
        "cat kpi run L",
        cat_of(L, "kamgr.yaml", "team", "customers", "calendar", f"kpi/{MONTH}",
               f"visits/{YEAR}/{MONTH[5:]}", f"visits/{YEAR}/{PREV_MONTH[5:]}",
               f"complaints/{YEAR}")))
    comp = f"{k} -C {L} --today {TODAY} visit compliance {MONTH} --by rep --format json"
    out.append(Scenario("visit compliance L cold", comp, prepare=nocache.format(L)))
    out.append(Scenario("visit compliance L", comp))
    out.append(Scenario("python ref compliance L",
                        f"python3 {os.path.dirname(__file__)}/ref_compliance.py {L} {MONTH} "
                        f"--today {TODAY} --by rep"))
    out.append(Scenario("cat compliance L",
                        cat_of(L, "kamgr.yaml", "customers", f"visits/{YEAR}/{MONTH[5:]}",
                               f"visits/{YEAR}/{PREV_MONTH[5:]}")))
    check = f"{k} -C {L} check -q"
    out.append(Scenario("check L cold", check, prepare=nocache.format(L), runs=3))
    out.append(Scenario("check L", check))
    out.append(Scenario("cat check L", f"cd {L} && find . -path ./.git -prune -o -path ./.kamgr "
                                       "-prune -o -type f -print0 | xargs -0 cat > /dev/null"))
    # A pre-commit hook's work: five visits edited and staged, then restored untimed.
    staged = f"cd {L} && ls visits/{YEAR}/{PREV_MONTH[5:]}/*.yaml | head -5"
    out.append(Scenario(
        "check --changed L", f"{k} -C {L} check --changed -q",
        prepare=f"{staged} | while read f; do echo '# bench' >> $f; git add $f; done",
        after=f"{staged} | xargs git -C {L} checkout -q HEAD --"))
    return out


def report(all_s, targets):
    by = {s.name: s for s in all_s}
    print(f"\n{'scenario':34} {'median s':>10} {'min s':>8} {'cpu/wall':>9} {'peak MiB':>9}  runs")
    for s in all_s:
        if s.failed:
            print(f"{s.name:34} FAILED {s.failed}")
            continue
        m = s.median()
        par = statistics.median(s.cpu) / m if m else 0
        print(f"{s.name:34} {m:10.3f} {min(s.times):8.3f} {par:9.2f} {max(s.mem) / 1024:9.1f}  "
              f"{len(s.times)}")
    med = lambda n: by[n].median() if n in by and by[n].times else None
    print("\nratios and targets")
    rows = []
    for text, value, limit, better in targets(med, by):
        op = "<=" if better == "lower" else ">="
        if value is None:
            rows.append((text, "n/a", f"{op} {limit}", "n/a"))
            continue
        ok = value <= limit if better == "lower" else value >= limit
        rows.append((text, f"{value:.3f}", f"{op} {limit}", "met" if ok else "NOT met"))
    for text, value, limit, verdict in rows:
        print(f"  {text:44} {value:>9}  target {limit:8}  {verdict}")
    return rows


def targets(med, by):
    def ratio(a, b):
        return med(a) / med(b) if med(a) and med(b) else None

    def peak(n):
        return max(by[n].mem) / 1024 if n in by and by[n].mem else None

    def par(n):
        s = by.get(n)
        return statistics.median(s.cpu) / s.median() if s and s.times else None

    return [
        ("visit add L, seconds", med("visit add L"), 0.05, "lower"),
        ("visit add L / visit add S", ratio("visit add L", "visit add S"), 1.5, "lower"),
        ("kpi run L (warm), seconds", med("kpi run L"), 1.0, "lower"),
        ("kpi run L cold, seconds", med("kpi run L cold"), 1.0, "lower"),
        ("kpi run L / kpi run L1 (warm)", ratio("kpi run L", "kpi run L1"), 1.2, "lower"),
        ("kpi run L / kpi run L1 (cold)", ratio("kpi run L cold", "kpi run L1 cold"), 1.2, "lower"),
        ("check L warm / cat of every file", ratio("check L", "cat check L"), 2.0, "lower"),
        ("check L cold: cpu time / wall time", par("check L cold"), 1.6, "higher"),
        ("check --changed L (5 staged files), seconds", med("check --changed L"), 0.5, "lower"),
        ("python ref / visit compliance L (warm)",
         ratio("python ref compliance L", "visit compliance L"), 10, "higher"),
        ("python ref / visit compliance L (cold)",
         ratio("python ref compliance L", "visit compliance L cold"), 10, "higher"),
        ("peak MiB kpi run L", peak("kpi run L cold"), 256, "lower"),
        ("peak MiB check L cold", peak("check L cold"), 1024, "lower"),
    ]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kamgr", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", help="run only scenarios whose name contains this")
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--json", help="also write the results here")
    a = ap.parse_args()
    k = os.path.abspath(a.kamgr)
    all_s = scenarios(k, os.path.abspath(a.data), a.smoke)
    if a.only:
        all_s = [s for s in all_s if any(o in s.name for o in a.only.split(","))]
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(a.runs):
            for s in all_s:
                if s.failed or (s.runs and r >= s.runs):
                    continue
                run_once(s, tmp)
            print(f"run {r + 1}/{a.runs} done", file=sys.stderr)
    rows = report(all_s, targets)
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"scenarios": {s.name: {"times": s.times, "peak_kib": s.mem, "cpu": s.cpu,
                                              "failed": s.failed} for s in all_s},
                       "targets": rows}, f, indent=1, ensure_ascii=False)
    failed = [s.name for s in all_s if s.failed]
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
