#!/usr/bin/env python3
"""Differential agreement test: `kamgr schema TYPE` (the hand-written JSON Schemas of
src/domain/schemas.cc, draft 2020-12) against the real loaders behind `kamgr check`.

Claims, for every record type (config, member, customer, visit, plan, complaint, kpi,
review, calendar):
 1. every record file of the data directory that `check` accepts passes its schema;
 2. for a deterministic sample of files per type and every field the schema or the file
    has (top level and nested: list items, mappings inside them), each mutation
    (remove, "", null, number, plain string, bool, list, map, [], bad date 2026-02-30,
    bad id "Bad ID", bad time 25:00, bad instant ...T25:00..., unknown key) gets the
    same verdict from the loader (an error of `check --format json` whose `file` is the
    mutated file) and from the schema -- except loader refusals the schema cannot
    express, listed in ALLOW below (cross-record references, folder / file name, days
    that do not exist, ...).

Readings (each also a comment at its place):
 R1 YAML is read like an editor's YAML 1.2 core schema: dates and timestamps stay
    strings, only true/false are booleans, only decimal / 0o / 0x are integers (PyYAML's
    YAML 1.1 would turn 2026-10-08 into a date, yes into true, 09:30 into 570).
 R2 Mutated files never replace their original: each is an added copy with its own
    identity, so many can share one `check` run without interacting:
      member, customer, visit, complaint: a new id (= the file name; visits stay in the
      folder of their date, complaints in the folder of their year);
      plan, kpi, review, calendar (their file name is the member / a fixed name / the
      year): every date-like string of the year Y moved to a year 1901..2023 that has no
      records, and the folder with it; mutations beyond the free years go to further runs;
      config (one per data directory): its own directory holding just kamgr.yaml (the
      config loader reads nothing else).
    Every relocated copy, unmutated, is first checked to be accepted (the "controls").
 R3 The demo data has no reviews: the test makes some with kamgr itself (review open,
    self, manager, deduct, upward, finalize, interview, appeal, decide) in the copy.
    The config sample adds the documented defaults of docs/formats.md ("kamgr.yaml") so
    the nested config keys are exercised.
 R4 The loader refuses a file when `check` reports an error whose `file` is that file's
    path. Warnings are not refusals.

Usage: schema_agreement.py --kamgr PATH [--data DIR] [--now ISO] [--seed N] [--samples N]
         [--types a,b] [--perturb [TYPE.FIELD]] [--keep DIR] [-v]
Exit 0 when loader and schemas agree, 1 on any disagreement, 2 on a setup problem.
--perturb drops FIELD (default visit.customer) from TYPE's `required` to show that the
test catches a broken schema (it must then exit 1 and report that field).
"""
import argparse
import copy
import glob
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

import yaml
import jsonschema
from jsonschema.exceptions import best_match

# --- YAML: the editor's reading (R1) -----------------------------------------------

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CoreLoader(_Base):
    pass


CoreLoader.yaml_implicit_resolvers = {}
for _tag, _re, _first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+.0123456789")),
]:
    CoreLoader.add_implicit_resolver(_tag, re.compile(_re), _first)


def _int(loader, node):
    v = loader.construct_scalar(node)
    if v.startswith("0o"):
        return int(v[2:], 8)
    if v.startswith("0x"):
        return int(v[2:], 16)
    return int(v, 10)


def _float(loader, node):
    v = loader.construct_scalar(node).lower()
    return float(v.replace(".inf", "inf").replace(".nan", "nan"))


CoreLoader.add_constructor("tag:yaml.org,2002:int", _int)
CoreLoader.add_constructor("tag:yaml.org,2002:float", _float)


def yload_text(text):
    return yaml.load(text, Loader=CoreLoader)


def yload(path):
    with open(path, encoding="utf-8") as f:
        return yload_text(f.read())


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def ydump(doc, verify=True):
    # SafeDumper quotes every string PyYAML 1.1 would read as something else: a superset
    # of what YAML 1.2 needs, so the loader and the schema see the same values (the
    # controls prove the loader reads these files as the originals). verify=False skips
    # the round trip for speed: main() checks once that every mutation value survives it.
    text = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=None,
                     width=1 << 16)
    if verify and yload_text(text) != doc:
        raise SetupError(f"YAML round trip changed {doc!r}")
    return text


# --- record types --------------------------------------------------------------------

GLOBS = {
    "config": "kamgr.yaml",
    "member": "team/*.yaml",
    "customer": "customers/*.yaml",
    "visit": "visits/*/*/*.yaml",
    "plan": "plans/*/*.yaml",
    "complaint": "complaints/*/*.yaml",
    "kpi": "kpi/*/*.yaml",
    "review": "reviews/*/*.yaml",
    "opportunity": "opportunities/*/*.yaml",
    "order": "orders/*/*/*.yaml",
    "calendar": "calendar/*.yaml",
}
# Checked as they are in step 1 only: relocating a copy of these (step 2) would need a
# new generated ID and a matching opened/order date, which this oracle does not write yet.
UNMUTATED_TYPES = ("opportunity", "order")
ID_TYPES = {"member": "sam", "customer": "sac", "visit": "sav", "complaint": "saq"}
YEAR_TYPES = ("plan", "kpi", "review", "calendar")
FREE_YEARS = list(range(1901, 2024))  # no record of the demo lies before 2024 (R2)

# The documented defaults of docs/formats.md "kamgr.yaml" (R3).
CONFIG_DEFAULTS = """\
org: ""
timezone: "+08:00"
week_anchor: 2024-01-01
visits:
  frequency: {key: 1w, secondary: 2w, general: 1m}
  entry_deadline: 24h
complaints:
  levels:
    general: {contact: 24h, answer: 3wd}
    major:   {contact: 24h, answer: 7wd}
  callback_below: 3
  callback_within: 24h
customers:
  required_fields: [name, industry, business_scope, decision_process, competitors, contacts]
kpi:
  cap: 120
  metrics:
    sales: {weight: 40}
    collection_rate: {weight: 15}
    new_customers: {weight: 15}
    visit_compliance: {weight: 15}
    complaint_rate: {weight: 10, better: lower}
    visit_timeliness: {weight: 5}
review:
  kpi_share: 0.7
  qualitative: {self: 0.2, manager: 0.8, upward: 0.0}
  grades:
    - {grade: S, min: 90, share: 0.10}
    - {grade: A, min: 80, share: 0.20}
    - {grade: B, min: 70, share: 0.40}
    - {grade: C, min: 60, share: 0.20}
    - {grade: D, min: 0,  share: 0.10}
  commission_metric: sales
  commission_at: 120
  pip_days: 30
  interview_within: 3wd
  appeal_within: 5wd
  decision_within: 10wd
"""

# A review cycle made with kamgr itself in the copy (R3): (now, as, args...).
REVIEW_STEPS = [
    ("2026-10-25T09:00:00+08:00", None, "review open 2026-10"),
    ("2026-10-26T10:00:00+08:00", "zhang-wei", "review self zhang-wei 2026-10 --score 90 --comment 完成"),
    ("2026-10-26T11:00:00+08:00", "liu-yang", "review manager zhang-wei 2026-10 --score 80"),
    ("2026-10-26T12:00:00+08:00", "liu-yang", "review deduct zhang-wei 2026-10 --points 3 --reason 迟交"),
    ("2026-10-26T12:30:00+08:00", "zhang-wei", "review upward liu-yang 2026-10 --score 70"),
    ("2026-11-02T10:00:00+08:00", "xu-qing", "review finalize 2026-10 --member zhang-wei --allow-incomplete"),
    ("2026-11-03T10:00:00+08:00", "liu-yang", "review interview zhang-wei 2026-10"),
    ("2026-11-04T10:00:00+08:00", "zhang-wei", "review appeal zhang-wei 2026-10 --reason 不服"),
    ("2026-11-06T10:00:00+08:00", "xu-qing", "review decide zhang-wei 2026-10 --outcome revised --total 90"),
]

# --- mutations -------------------------------------------------------------------------

VALUES = [  # (name, value) set in place of a field / list item
    ("blank", ""),
    ("null", None),
    ("number", 12345),
    ("string", "x"),
    ("bool", True),
    ("list", ["x"]),
    ("map", {"x": "y"}),
    ("empty_list", []),
    ("bad_date", "2026-02-30"),
    ("bad_id", "Bad ID"),
    ("bad_time", "25:00"),
    ("bad_instant", "2026-11-22T25:00:00+08:00"),
    ("date_only", "2026-11-20"),  # a real day: a date field's good value, an instant without time
]
UNKNOWN_KEY = "zz_unknown"
MAX_DEPTH = 4  # mapping keys deep (events[3].result.metrics[0].metric is 4)

# --- the allow-list: loader refusals a JSON Schema cannot express ----------------------
# (name, type regex, mutation regex, loader message regex). A refusal the schema accepts
# is allowed when EVERY loader error of the file matches one entry. Mutation regexes keep
# each entry to the values that really are inexpressible, so a blank or a wrong type is
# never excused by them.
ALLOW = [
    # cross-record reference: a well-formed id ("x", "2026-02-30", "2026-11-20") naming
    # no customer / member.
    ("unknown reference", r".*", r".*", r"^(string|bad_date|date_only)$",
     r"unknown (customer|member)"),
    # id = file name (member = plan / review file name): a well-formed id that is not the
    # file's name; a schema does not see file names.
    ("id vs file name", r".*", r"^(id|member)$", r"^(string|bad_date|date_only)$",
     r"does not match the file name"),
    # a visit in the folder of its date, a planned visit in the plan's month: another
    # field or the path decides.
    ("folder / month", r"^(visit|plan)$", r"^(date|visits\[\d+\]\.date)$", r"^date_only$",
     r"folder|month"),
    # a day that does not exist (2026-02-30) fits ^[0-9]{4}-[0-9]{2}-[0-9]{2}$; a regex
    # of the real calendar (month lengths, leap years) is not worth it.
    ("day out of calendar", r".*", r".*", r"^bad_date$", r"is not a (date|timestamp)"),
    # logs are kept oldest first (history, events after received_at): a real date that
    # breaks the order is refused by comparing two fields, which a schema cannot.
    ("oldest first", r".*", r".*", r"^date_only$", r"oldest first|is before received_at"),
    # a visit is recorded after it ended (its date + end, else start): comparing two
    # fields, which a schema cannot.
    ("recorded after the visit", r"^visit$", r"^recorded_at$", r"^date_only$",
     r"is before the visit (ended|began|day)"),
    # week_anchor must be a Monday: a weekday is no pattern.
    ("week_anchor Monday", r"^config$", r"^week_anchor$", r"^(bad_date|date_only)$", r"expected a Monday"),
    # a calendar lists days of the year of its file name (calendar/2026.yaml).
    ("calendar year", r"^calendar$", r"^(holidays|workdays)\[\d+\]$", r"^date_only$", r"is not in [0-9]{4}"),
    # tiers are the keys of visits.frequency, levels those of complaints.levels and
    # grades the review.grades[].grade of kamgr.yaml: a static schema cannot list them.
    ("configured values", r"^(customer|complaint|review)$",
     r"^(level|history\[\d+\]\.tier|events\[\d+\]\.(result\.)?grade)$",
     r"^(string|bad_date|date_only|bad_id|bad_time|bad_instant|number|bool)$",
     r"unknown value '.*' \(expected"),
    # ... and when that grade is a finalized result's, the review has no valid result, so
    # its later interview, appeal and decision are refused too: consequences, not drift.
    ("after a refused result", r"^review$", r"^events\[\d+\]\.result\.grade$", r".*",
     r"is not finalized yet|has no appeal to decide"),
]

# ----------------------------------------------------------------------------------------


def walk_schema(schema, key):
    """Sub-schema of property `key` of an object schema (properties, else
    additionalProperties when it is a schema, else {})."""
    if not isinstance(schema, dict):
        return {}
    props = schema.get("properties", {})
    if key in props:
        return props[key]
    extra = schema.get("additionalProperties")
    return extra if isinstance(extra, dict) else {}


def item_schema(schema):
    if isinstance(schema, dict) and isinstance(schema.get("items"), dict):
        return schema["items"]
    return {}


def fmt_path(path):
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (("." if out else "") + str(p))
    return out or "(top)"


def get_at(doc, path):
    for p in path:
        doc = doc[p]
    return doc


def set_at(doc, path, value):
    node = doc
    for p in path[:-1]:
        if isinstance(p, str) and (not isinstance(node, dict) or p not in node or not isinstance(node[p], (dict, list))):
            node[p] = {}
        node = node[p]
    node[path[-1]] = value


def field_paths(doc, schema, path=(), depth=0):
    """Yield (path, present, is_object) for every field of the file or the schema."""
    if depth >= MAX_DEPTH:
        return
    if isinstance(doc, dict) or (doc is None and isinstance(schema, dict) and "properties" in schema):
        node = doc or {}
        yield (path, True, "object")  # for the unknown key
        keys = list(node.keys()) + [k for k in (schema.get("properties", {}) if isinstance(schema, dict) else {}) if k not in node]
        for k in keys:
            sub = walk_schema(schema, k)
            yield (path + (k,), k in node, "field")
            child = node.get(k)
            if isinstance(child, (dict, list)):
                yield from field_paths(child, sub, path + (k,), depth + 1)
            elif child is None and k not in node and isinstance(sub, dict) and "properties" in sub:
                yield from field_paths(None, sub, path + (k,), depth + 1)
    elif isinstance(doc, list) and doc:
        isch = item_schema(schema)
        yield (path + (0,), True, "item")
        dict_items = [i for i, it in enumerate(doc) if isinstance(it, dict)]
        if not dict_items:
            return
        # each key in the first item that has it; schema keys nowhere present: item 0
        seen = []
        for i in dict_items:
            for k in doc[i]:
                if k not in [s for s, _ in seen]:
                    seen.append((k, i))
        first = dict_items[0]
        for k in (isch.get("properties", {}) if isinstance(isch, dict) else {}):
            if k not in [s for s, _ in seen]:
                seen.append((k, first))
        objects_done = set()
        for k, i in seen:
            if i not in objects_done:
                objects_done.add(i)
                yield (path + (i,), True, "object")
            sub = walk_schema(isch, k)
            present = k in doc[i]
            yield (path + (i, k), present, "field")
            child = doc[i].get(k)
            if isinstance(child, (dict, list)):
                yield from field_paths(child, sub, path + (i, k), depth + 1)


def mutations_of(doc, schema):
    """Yield (field, mutation name, op); apply(doc, op) makes the mutated copy (the op
    applies as well to a relocated copy of doc, which has the same shape)."""
    seen = set()
    for path, present, kind in field_paths(doc, schema):
        if kind == "object":
            if (path, "unknown_key") in seen:
                continue
            seen.add((path, "unknown_key"))
            yield (fmt_path(path + (UNKNOWN_KEY,)), "unknown_key", ("set", path + (UNKNOWN_KEY,), "x"))
            continue
        if (path, None) in seen:
            continue
        seen.add((path, None))
        if kind == "field" and present:
            yield (fmt_path(path), "remove", ("del", path))
        try:
            old = get_at(doc, path)
        except (KeyError, IndexError, TypeError):
            old = object()
        for name, value in VALUES:
            if present and old == value and type(old) is type(value):
                continue
            yield (fmt_path(path), name, ("set", path, value))


def apply(doc, op):
    m = copy.deepcopy(doc)
    if op[0] == "del":
        del get_at(m, op[1][:-1])[op[1][-1]]
    else:
        set_at(m, op[1], copy.deepcopy(op[2]))
    return m


# --- relocation (R2) ---------------------------------------------------------------------

def shift_years(node, old, new):
    if isinstance(node, dict):
        return {k: shift_years(v, old, new) for k, v in node.items()}
    if isinstance(node, list):
        return [shift_years(v, old, new) for v in node]
    if isinstance(node, str) and (node == old or node.startswith(old + "-")):
        return new + node[len(old):]
    return node


def seed_year(rtype, rel):
    parts = rel.split("/")
    m = re.match(r"^([0-9]{4})", parts[1])
    return m.group(1) if m else None


def relocate(rtype, rel, doc, slot):
    """(new relative path, doc) of copy number `slot` of a seed file."""
    doc = copy.deepcopy(doc)
    if rtype in ID_TYPES:
        new_id = f"{ID_TYPES[rtype]}{slot:05d}"
        if isinstance(doc, dict):
            doc["id"] = new_id
            if rtype == "member" and "email" in doc:
                doc["email"] = f"{new_id}@sa.example.com"
            if rtype == "member" and "handle" in doc:
                doc["handle"] = new_id
        folder = os.path.dirname(rel)
        return f"{folder}/{new_id}.yaml", doc
    year = seed_year(rtype, rel)
    new = str(FREE_YEARS[slot])
    doc = shift_years(doc, year, new)
    parts = rel.split("/")
    parts[1] = new + parts[1][len(year):]
    return "/".join(parts), doc


# --- running kamgr -------------------------------------------------------------------------


class Kamgr:
    def __init__(self, exe, now):
        self.exe, self.now, self.runs, self.seconds = exe, now, 0, 0.0

    def check(self, data):
        shutil.rmtree(os.path.join(data, ".kamgr"), ignore_errors=True)
        t = time.monotonic()
        p = subprocess.run([self.exe, "-C", data, "--now", self.now, "check", "--format", "json"],
                           capture_output=True, text=True, env=kenv())
        self.runs += 1
        self.seconds += time.monotonic() - t
        if p.returncode not in (0, 1):
            # not a verdict: a crash (the caller narrows it down to the file)
            raise Crash(f"exit {p.returncode}: {p.stderr.strip()[:300]}")
        try:
            j = json.loads(p.stdout)
        except ValueError:
            raise SetupError(f"kamgr check printed no JSON in {data}: {p.stdout[:300]} {p.stderr[:300]}")
        by_file = {}
        for e in j.get("errors", []):
            by_file.setdefault(e.get("file", ""), []).append(e.get("message", ""))
        return by_file

    def run(self, data, now, who, args):
        cmd = [self.exe, "-C", data, "--now", now] + (["--as", who] if who else []) + args.split(" ")
        p = subprocess.run(cmd, capture_output=True, text=True, env=kenv())
        if p.returncode != 0:
            raise SetupError(f"{' '.join(cmd)}: exit {p.returncode}: {p.stderr.strip()}")


def kenv():
    env = dict(os.environ, NO_COLOR="1", LANG="C.UTF-8", LC_ALL="C.UTF-8",
               GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")
    for k in ("KAMGR_USER", "KAMGR_DATA", "KAMGR_NOW", "LC_MESSAGES", "LANGUAGE"):
        env.pop(k, None)
    env["LC_ALL"] = "C.UTF-8"
    return env


class SetupError(Exception):
    pass


class Crash(Exception):
    pass


def load_schemas(exe, types, perturb):
    schemas = {}
    for t in types:
        p = subprocess.run([exe, "schema", t], capture_output=True, text=True, env=kenv())
        if p.returncode != 0:
            raise SetupError(f"kamgr schema {t}: exit {p.returncode}: {p.stderr.strip()}")
        schemas[t] = json.loads(p.stdout)
    if perturb:
        t, _, field = perturb.partition(".")
        if t not in schemas or field not in schemas[t].get("required", []):
            raise SetupError(f"--perturb {perturb}: {t} has no required field {field!r}")
        schemas[t]["required"].remove(field)
        print(f"PERTURBED: dropped {field!r} from the `required` of the {t} schema")
    validators = {}
    for t, s in schemas.items():
        jsonschema.Draft202012Validator.check_schema(s)
        validators[t] = jsonschema.Draft202012Validator(s)
    return schemas, validators


def schema_verdict(validator, doc):
    errs = list(validator.iter_errors(doc))
    if not errs:
        return True, ""
    e = best_match(errs)
    where = "/".join(str(p) for p in e.absolute_path) or "(top)"
    return False, f"{where}: {e.message}"[:200]


def allowed(rtype, field, mutation, messages):
    names = []
    for msg in messages:
        hit = None
        for name, t_re, f_re, m_re, msg_re in ALLOW:
            if (re.search(t_re, rtype) and re.search(f_re, field) and re.search(m_re, mutation)
                    and re.search(msg_re, msg)):
                hit = name
                break
        if hit is None:
            return None
        names.append(hit)
    return ", ".join(sorted(set(names)))


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def clear(root, rels):
    dirs = set()
    for rel in rels:
        os.remove(os.path.join(root, rel))
        dirs.add(os.path.dirname(os.path.join(root, rel)))
    for d in sorted(dirs, key=len, reverse=True):
        while d.startswith(root + os.sep) and d != root:
            try:
                os.rmdir(d)
            except OSError:
                break
            d = os.path.dirname(d)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kamgr", required=True)
    ap.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data"))
    ap.add_argument("--now", default="2026-11-23T10:00:00+08:00")
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--samples", type=int, default=3, help="sample files per type")
    ap.add_argument("--types", default=",".join(GLOBS))
    ap.add_argument("--perturb", nargs="?", const="visit.customer", default=None, metavar="TYPE.FIELD")
    ap.add_argument("--keep", help="keep the work directory here")
    ap.add_argument("--verdicts", help="write every mutation's verdicts here (JSON lines)")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    t0 = time.monotonic()
    try:
        return run(a, t0)
    except SetupError as e:
        print(f"SETUP ERROR: {e}", file=sys.stderr)
        return 2


def run(a, t0):
    exe = os.path.abspath(a.kamgr)
    types = [t for t in a.types.split(",") if t]
    for t in types:
        if t not in GLOBS:
            raise SetupError(f"unknown type {t}")
    schemas, validators = load_schemas(exe, types, a.perturb)
    probe = {"a": [dict(VALUES)], "b": dict(VALUES)}
    ydump(probe)  # every mutation value survives the YAML round trip (ydump verify=False)
    k = Kamgr(exe, a.now)
    work = a.keep or tempfile.mkdtemp(prefix="kamgr-schema-agreement-")
    if a.keep:
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
    base = os.path.join(work, "data")
    shutil.copytree(a.data, base, ignore=shutil.ignore_patterns(".kamgr", ".git"))
    try:
        return _run(a, t0, types, schemas, validators, k, work, base)
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


def _run(a, t0, types, schemas, validators, k, work, base):
    def tick(what):
        if a.verbose:
            print(f"  [{time.monotonic() - t0:5.1f}s] {what} (kamgr {k.seconds:.1f}s, {k.runs} runs)")

    disagreements = []  # dicts
    stats = {"agree": 0, "allowed": 0, "files": 0}
    allowed_seen = {}

    # R3: reviews made by kamgr when the data has none.
    if "review" in types and not glob.glob(os.path.join(base, GLOBS["review"])):
        for now, who, args in REVIEW_STEPS:
            k.run(base, now, who, args)

    # --- 1. every file check accepts passes its schema ---------------------------------
    try:
        errors = k.check(base)
    except Crash as c:
        raise SetupError(f"check crashed on the data: {c}")
    files = {t: sorted(os.path.relpath(p, base) for p in glob.glob(os.path.join(base, GLOBS[t])))
             for t in types}
    docs = {}
    for t in types:
        for rel in files[t]:
            stats["files"] += 1
            try:
                doc = yload(os.path.join(base, rel))
            except yaml.YAMLError as e:
                doc = e
            docs[rel] = doc
            if rel in errors:
                print(f"note: check refuses {rel} in the data: {errors[rel][0]}")
                continue
            ok, smsg = (False, f"YAML: {doc}") if isinstance(doc, Exception) else schema_verdict(validators[t], doc)
            if ok:
                stats["agree"] += 1
            else:
                disagreements.append(dict(type=t, file=rel, field="(file as is)", mutation="none",
                                          loader="accepted", schema="refused: " + smsg))
    print(f"1. data files: {stats['files']} checked against their schema "
          f"({sum(1 for d in disagreements if d['mutation'] == 'none')} disagreement(s))")

    # --- 2. mutations ------------------------------------------------------------------
    tick("step 1")
    rng = random.Random(a.seed)
    seeds = {}
    for t in types:
        ok_files = [rel for rel in files[t] if rel not in errors and isinstance(docs[rel], dict)]
        if t in UNMUTATED_TYPES:
            ok_files = []
        # the file with the most fields (every event type of a review, ...) and a random few
        if not ok_files:
            seeds[t] = []
            continue
        richest = max(ok_files, key=lambda r: (len(list(field_paths(docs[r], schemas[t]))), r))
        rest = [r for r in ok_files if r != richest]
        picked = [richest] + sorted(rng.sample(rest, min(a.samples - 1, len(rest))))
        seeds[t] = [(rel, docs[rel]) for rel in picked]
    if "config" in seeds:
        seeds["config"].append(("kamgr.yaml (docs defaults)", yload_text(CONFIG_DEFAULTS)))

    jobs = []  # dict(type, seed, field, mutation, doc, rel, batch)
    controls = {}  # rel -> text (unmutated relocated copies)
    slot_id = 0
    cursor, used = {}, set()
    for t in types:
        for rel, doc in seeds[t]:
            for n, (field, mname, op) in enumerate(mutations_of(doc, schemas[t])):
                job = dict(type=t, seed=rel, field=field, mutation=mname)
                if t == "config":
                    job.update(rel="kamgr.yaml", doc=apply(doc, op), batch=None)
                else:
                    # relocate first, then mutate: a mutated id / date stays as mutated
                    if t in ID_TYPES:
                        slot_id += 1
                        new_rel, moved = relocate(t, rel, doc, slot_id)
                        batch = 0
                        if n:  # a new id is the same move for every copy: one control a seed
                            job.update(rel=new_rel, doc=apply(moved, op), batch=batch)
                            jobs.append(job)
                            continue
                    else:  # the next (batch, year) whose path no other job of the batch has
                        while True:
                            batch, year = divmod(cursor.get(rel, 0), len(FREE_YEARS))
                            cursor[rel] = cursor.get(rel, 0) + 1
                            new_rel, moved = relocate(t, rel, doc, year)
                            if (batch, new_rel) not in used:
                                used.add((batch, new_rel))
                                break
                    controls[new_rel] = ydump(moved)
                    job.update(rel=new_rel, doc=apply(moved, op), batch=batch)
                jobs.append(job)

    tick(f"{len(jobs)} jobs generated")
    # controls: every relocated copy, unmutated, must be accepted
    cfg_dir = os.path.join(work, "config")
    if controls:
        for rel, text in controls.items():
            write(base, rel, text)
        try:
            ctl_errors = k.check(base)
        except Crash as c:
            raise SetupError(f"controls: check crashed: {c}")
        bad = [(rel, ctl_errors[rel][0]) for rel in controls if rel in ctl_errors]
        clear(base, list(controls))
        if bad:
            raise SetupError(f"{len(bad)} unmutated relocated copies refused, e.g. {bad[:3]}")
    for rel, doc in seeds.get("config", []):
        os.makedirs(cfg_dir, exist_ok=True)
        write(cfg_dir, "kamgr.yaml", ydump(doc))
        try:
            e = k.check(cfg_dir)
        except Crash as c:
            raise SetupError(f"config seed {rel}: check crashed: {c}")
        if "kamgr.yaml" in e:
            raise SetupError(f"config seed {rel} refused on its own: {e['kamgr.yaml']}")

    verdicts = open(a.verdicts, "w", encoding="utf-8") if a.verdicts else None

    def judge(job, messages):
        t = job["type"]
        s_ok, s_msg = schema_verdict(validators[t], job["doc"])
        l_ok = not messages
        if verdicts:
            verdicts.write(json.dumps(dict(type=t, seed=job["seed"], field=job["field"], mutation=job["mutation"],
                                           loader=messages, schema=s_msg if not s_ok else None),
                                      ensure_ascii=False) + "\n")
        if s_ok == l_ok:
            stats["agree"] += 1
            return
        if not l_ok and s_ok:
            why = allowed(t, job["field"], job["mutation"], messages)
            if why:
                stats["allowed"] += 1
                allowed_seen.setdefault(why, []).append(f"{t} {job['field']} {job['mutation']}: {messages[0]}")
                return
        disagreements.append(dict(type=t, file=job["seed"], field=job["field"], mutation=job["mutation"],
                                  loader=("accepted" if l_ok else "refused: " + " | ".join(dict.fromkeys(messages))),
                                  schema=("accepted" if s_ok else "refused: " + s_msg)))

    def run_jobs(root, these):
        """Write the mutated files, check once, judge each; on a crash of check split
        the batch until the crashing file is alone (its verdict: CRASH)."""
        for j in these:
            write(root, j["rel"], ydump(j["doc"], verify=j["type"] == "config"))
        try:
            errs = k.check(root)
        except Crash as c:
            if len(these) == 1:
                j = these[0]
                s_ok, s_msg = schema_verdict(validators[j["type"]], j["doc"])
                disagreements.append(dict(type=j["type"], file=j["seed"], field=j["field"],
                                          mutation=j["mutation"], loader=f"CRASH ({c})",
                                          schema=("accepted" if s_ok else "refused: " + s_msg)))
                clear(root, [j["rel"]])
                return
            clear(root, [j["rel"] for j in these])
            half = len(these) // 2
            run_jobs(root, these[:half])
            run_jobs(root, these[half:])
            return
        for j in these:
            judge(j, errs.get(j["rel"], []))
        clear(root, [j["rel"] for j in these])

    tick("controls")
    # config: one directory each
    for job in [j for j in jobs if j["type"] == "config"]:
        run_jobs(cfg_dir, [job])

    batches = sorted({j["batch"] for j in jobs if j["batch"] is not None})
    for b in batches:
        run_jobs(base, [j for j in jobs if j["batch"] == b])

    tick("batches")
    # --- 3. report ----------------------------------------------------------------------
    n_mut = len(jobs)
    print(f"2. mutations: {n_mut} over {sum(len(s) for s in seeds.values())} sample files "
          f"({', '.join(f'{t} {len(seeds[t])}' for t in types)}); "
          f"{stats['allowed']} loader refusals allowed (inexpressible), "
          f"{k.runs} kamgr check runs")
    if a.verbose:
        for why, items in sorted(allowed_seen.items()):
            print(f"  allowed [{why}] x{len(items)}, e.g. {items[0]}")
    if disagreements:
        print(f"\nDISAGREEMENTS: {len(disagreements)}")
        groups = {}
        for d in disagreements:
            groups.setdefault((d["type"], d["field"], d["mutation"]), []).append(d)
        for (t, field, mname), ds in sorted(groups.items()):
            d = ds[0]
            extra = f" (x{len(ds)} samples)" if len(ds) > 1 else ""
            print(f"- {t} {field} {mname}{extra} [{d['file']}]")
            print(f"    loader: {d['loader']}")
            print(f"    schema: {d['schema']}")
    print(f"\n{'FAIL' if disagreements else 'ok'}: {len(disagreements)} disagreement(s); "
          f"kamgr {k.seconds:.1f}s in {k.runs} runs, total {time.monotonic() - t0:.1f}s")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
