"""Shared helpers for the demo generator: the demo clock, seeded RNGs, IDs and a
tiny writer for kamgr's canonical YAML form (stdlib only)."""
import datetime as dt
import json
import random
import re
from pathlib import Path

TZ = dt.timezone(dt.timedelta(hours=8))
START = dt.date(2025, 11, 1)                     # first day with data
END = dt.date(2026, 11, 22)                      # last day with data
TODAY = dt.date(2026, 11, 23)                    # "today" for the demo
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=TZ)  # nothing is recorded after this
WEEK_ANCHOR = dt.date(2024, 1, 1)
SEED = "kamgr-demo-2026"
B32 = "0123456789abcdefghjkmnpqrstvwxyz"


def rng(name):
    """An independent, seeded random stream per module/purpose."""
    return random.Random(f"{SEED}/{name}")


def at(d, hour, minute=0):
    """Local instant on day d; hour may overflow into the next days."""
    base = dt.datetime(d.year, d.month, d.day, tzinfo=TZ)
    return base + dt.timedelta(hours=hour, minutes=minute)


def days(a, b):
    """Every date from a to b, both inclusive."""
    return [a + dt.timedelta(n) for n in range((b - a).days + 1)]


def month_range(y, m):
    first = dt.date(y, m, 1)
    nxt = dt.date(y + m // 12, m % 12 + 1, 1)
    return first, nxt - dt.timedelta(1)


def new_id(r, d, taken):
    """YYYYMMDD- plus 8 random base-32 characters, unique within `taken`."""
    while True:
        i = d.strftime("%Y%m%d-") + "".join(r.choice(B32) for _ in range(8))
        if i not in taken:
            taken.add(i)
            return i


# ---------------------------------------------------------------- YAML writer
_RESOLVES = re.compile(r"""^(?:
    ~|null|true|false|yes|no|on|off|y|n                 # null and YAML 1.1 booleans
  | [-+]?(?:\d[\d_]*)?(?:\.[\d_]*)?(?:e[-+]?\d+)?        # numbers (also '', '.', '-')
  | [-+]?0[xob][0-9a-f_]+                               # hex / octal / binary
  | [-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.\d*)?               # sexagesimal, e.g. 09:30
  | [-+]?\.(?:inf|nan)
  | \d{4}-\d\d?-\d\d?(?:[Tt\s].*)?                      # dates and timestamps
  | <<|=
)$""", re.X | re.I)


def _needs_quotes(s, flow):
    return (_RESOLVES.match(s) is not None or s != s.strip()
            or s[0] in "-?:,[]{}#&*!|>'\"%@`"
            or ": " in s or " #" in s or s.endswith(":")
            or any(c in s for c in "\n\r\t\\")
            or (flow and any(c in s for c in ",[]{}:")))


def scalar(v, flow=False):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return format(v, "g") if isinstance(v, float) else str(v)
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    s = str(v)
    return json.dumps(s, ensure_ascii=False) if _needs_quotes(s, flow) else s


def flow_map(d):
    return "{" + ", ".join(f"{k}: {scalar(v, True)}" for k, v in d.items()
                           if v is not None) + "}"


def dump(doc, log=None, comment=None):
    """Render a top-level mapping. `log` names the log key, which must be last."""
    keys = [k for k, v in doc.items() if v is not None]
    if log is not None:
        assert keys[-1] == log, f"log key {log} must be last"
    out = [f"# {line}\n" for line in (comment or "").splitlines()]
    for k in keys:
        v = doc[k]
        if isinstance(v, list) and (k == log or any(isinstance(x, dict) for x in v)):
            out.append(f"{k}:\n" + "".join(f"  - {flow_map(x)}\n" for x in v))
        elif isinstance(v, list):
            out.append(f"{k}: [" + ", ".join(scalar(x, True) for x in v) + "]\n")
        else:
            out.append(f"{k}: {scalar(v)}\n")
    return "".join(out)


def write(path, doc, log=None, comment=None):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(dump(doc, log, comment))
