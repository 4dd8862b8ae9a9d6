#!/usr/bin/env python3
"""Generate a data directory with one of the differential oracles' generators, for the
golden corpus (tests/golden/run.py calls this for `fixture: generate ...` headers).

usage: generate.py SCRIPT --seed N [--n N] OUT [--kamgr PATH]

SCRIPT is one of tests/oracle/kpi_oracle.py, visits_oracle.py, sla_oracle.py or
review_oracle.py (a path relative to the repository top). OUT must not exist yet.

Each oracle draws everything from random.Random(seed), so a seed gives the same bytes
every time (run.py --check-generators proves it: two generations, compared file by
file). What is taken from each oracle:

  kpi_oracle.py     generate(seed, root): pure Python (team, customers with tier / owner
                    / status changes, visits, complaints, targets and actuals). The
                    oracle's separate kamgr_writes() step is not run.
  visits_oracle.py  generate(seed, d, kamgr) with kamgr = `true`: the hand-written YAML
                    only. The few records the oracle adds through kamgr's own commands
                    (a customer and five `visit add`s, which would get random IDs) are
                    skipped, so the result does not depend on any kamgr.
  sla_oracle.py     build(seed, d, kamgr, n) with kamgr = `true` (default n 50): the
                    hand-written complaints; the two the oracle writes through
                    `complaint open` (random IDs) are skipped the same way.
  review_oracle.py  Scenario(kamgr, seed, root).go(): this generator IS a run of kamgr's
                    review commands (open, self, manager, upward, deduct, finalize,
                    interview, appeal, decide, each with --now and --as) over 15 periods,
                    so it needs --kamgr: run.py passes the binary under test. Review
                    records carry no generated IDs, so the result is deterministic for a
                    deterministic kamgr; a kamgr whose review commands changed behaviour
                    generates different records, and the reports over them differ.

The oracles' own checks are not run here (tests/e2e/oracle_*.sh do that); for the
review scenario the number of oracle mismatches is printed on stderr, for information.
"""
import argparse
import importlib.util
import os
import shutil
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TRUE = shutil.which("true") or "/bin/true"


def load(script):
    path = os.path.join(TOP, script)
    name = os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.path.insert(0, os.path.dirname(path))
    spec.loader.exec_module(mod)
    return mod


def generate(script, seed, out, kamgr=None, n=50):
    base = os.path.basename(script)
    mod = load(script)
    if base == "kpi_oracle.py":
        mod.generate(seed, out)
    elif base == "visits_oracle.py":
        mod.generate(seed, out, TRUE)
    elif base == "sla_oracle.py":
        mod.build(seed, out, TRUE, n)
    elif base == "review_oracle.py":
        if not kamgr:
            sys.exit("generate.py: review_oracle.py runs kamgr: give --kamgr")
        run = mod.Scenario(kamgr, seed, out, False, False).go()
        if run.mismatches:
            print("generate.py: review oracle seed %d: %d oracle mismatch(es) while generating"
                  % (seed, len(run.mismatches)), file=sys.stderr)
    else:
        sys.exit("generate.py: no generator known for %s" % script)
    # The generators may leave a git repository or a parse cache: the runner makes its own.
    for sub in (".git", ".kamgr"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("script")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--n", type=int, default=50, help="sla_oracle.py: random complaints")
    ap.add_argument("--kamgr", default=os.environ.get("KAMGR"))
    ap.add_argument("out")
    a = ap.parse_args(argv)
    if os.path.exists(a.out):
        sys.exit("generate.py: %s exists" % a.out)
    generate(a.script, a.seed, os.path.abspath(a.out), a.kamgr and os.path.abspath(a.kamgr), a.n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
