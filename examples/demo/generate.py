#!/usr/bin/env python3
"""Write kamgr's demo data directory (a KA team in East China, 2025-11 .. 2026-11,
"today" = 2026-11-23 +08:00). Deterministic: every module draws from its own
seeded random stream.

usage: python3 examples/demo/generate.py [TARGET]     (default: the repo's data/)

Only the parts this generator owns are deleted and rewritten (OWNED below);
.git, reviews/ and any other file in TARGET are left alone."""
import shutil
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import calendars, complaints, kpi, plans, reviews, team_customers_visits  # noqa: E402

OWNED = ["kamgr.yaml", "calendar", "team", "customers", "visits", "complaints", "plans", "kpi",
         "reviews"]
MODULES = [calendars, team_customers_visits, complaints, plans, kpi, reviews]
CONFIG = """\
# kamgr configuration. Every key is optional; the commented values are the defaults.
org: 华东大客户部
timezone: "+08:00"
# week_anchor: 2024-01-01
# visits:
#   frequency: {key: 1w, secondary: 2w, general: 1m}
#   entry_deadline: 24h
# complaints:
#   levels:
#     general: {contact: 24h, answer: 3wd}
#     major:   {contact: 24h, answer: 7wd}
#   callback_below: 3
#   callback_within: 24h
# customers:
#   required_fields: [name, industry, business_scope, decision_process, competitors, contacts]
# kpi:
#   cap: 120
# review:
#   kpi_share: 0.7
"""


def main(argv):
    target = Path(argv[1]) if len(argv) > 1 else HERE.parents[1] / "data"
    target = target.resolve()
    if target == Path(target.anchor) or target == Path.home():
        sys.exit(f"generate.py: refusing to write into {target}")
    target.mkdir(parents=True, exist_ok=True)
    for name in OWNED:
        p = target / name
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p)
        elif p.exists() or p.is_symlink():
            p.unlink()
    (target / "kamgr.yaml").write_text(CONFIG, encoding="utf-8")
    world = {}
    for mod in MODULES:
        mod.generate(target, world)
    counts = Counter(p.relative_to(target).parts[0] for p in target.rglob("*.yaml")
                     if p.relative_to(target).parts[0] in OWNED)
    print(f"wrote {sum(counts.values())} files to {target}: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main(sys.argv)
