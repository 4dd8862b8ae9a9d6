#!/usr/bin/env bash
# The basic commands audited as a careful user would (docs/formats.md, docs/guide.md,
# docs/kamgr.1.md: init, team, customer, visit add|list, check, JSON and exit codes): a corpus
# of hand-written broken records that `check` must report with file and line
# (tests/oracle/foundation_corpus.py), appends to hand-written files that keep every
# earlier byte, data directory discovery, init, config errors, global options, visit add
# refusals, output formats and colour. Adds to foundation.sh and hostile.sh; does not
# repeat them.
source "$(dirname "$0")/lib/assert.sh"
HERE="$(cd "$(dirname "$0")" && pwd)"
NOW=(--now 2026-11-23T10:00:00+08:00)
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com

# A small hand-written data directory (not the shared fixture, so this test stands alone).
base() {  # base DIR
  mkdir -p "$1/team" "$1/customers" "$1/visits/2026/11" "$1/calendar"
  printf 'org: 审计\ntimezone: "+08:00"\n' >"$1/kamgr.yaml"
  printf 'holidays: [2026-01-01]\nworkdays: []\n' >"$1/calendar/2026.yaml"
  printf 'id: boss\nname: 老板\nrole: director\n' >"$1/team/boss.yaml"
  printf 'id: mgr\nname: 经理\nrole: manager\nmanager: boss\n' >"$1/team/mgr.yaml"
  printf 'id: rep1\nname: 张三\nrole: rep\nmanager: mgr\nemail: rep1@example.com\n' >"$1/team/rep1.yaml"
  printf 'id: rep2\nname: 李四\nrole: rep\nmanager: mgr\n' >"$1/team/rep2.yaml"
  printf 'id: acme\nname: 华润万家\nhistory:\n  - {date: 2025-01-01, tier: key, owner: rep1}\n' >"$1/customers/acme.yaml"
}

case_ "broken-records corpus: check reports each with file and line"
OUT=$(python3 "$HERE/../oracle/foundation_corpus.py" "$KAMGR" 2>&1) && CODE=0 || CODE=$?
[ "$CODE" = 0 ] || { echo "$OUT" | grep -v '^NOTE' >&2; FAILURES=$((FAILURES + 1)); }
echo "$OUT" | grep '^NOTE' >&2 || true

# ---------------------------------------------------------------- appends
# append_ok NAME CONTENT EXPECTED_NEW_TAIL: customer set on a hand-written file keeps
# every earlier byte and adds exactly EXPECTED_NEW_TAIL; the result re-reads cleanly.
D="$TMP/app"; base "$D"
append_ok() {
  local name=$1 content=$2 tail=$3
  case_ "append to hand-written $name"
  printf '%b' "$content" >"$D/customers/$name.yaml"
  cp "$D/customers/$name.yaml" "$TMP/before"
  run -C "$D" --today 2026-11-23 customer set "$name" --tier secondary --date 2026-11-01
  expect_code 0
  local n; n=$(stat -c %s "$TMP/before")
  head -c "$n" "$D/customers/$name.yaml" | cmp -s - "$TMP/before" || fail "an earlier byte changed"
  printf '%b' "$tail" | cmp -s - <(tail -c +"$((n + 1))" "$D/customers/$name.yaml") \
    || fail "appended bytes: $(tail -c +"$((n + 1))" "$D/customers/$name.yaml" | od -c | head -3)"
  run -C "$D" --today 2026-11-02 customer show "$name" --format json
  expect_json 'j["tier"] == "secondary"'
}
append_ok h-comments '# 手写\nid: h-comments   # id\nname: "甲 公司"\nmy_field: {a: 1}\nhistory:\n    # first\n    -   date: 2025-01-01\n        tier: key\n        owner: rep1   # x\n    -   {date: 2025-06-01, owner: rep2}\n# trailing comment\n' \
  '    - {date: 2026-11-01, tier: secondary}\n'
append_ok h-zero-indent 'id: h-zero-indent\nname: 乙\nhistory:\n- date: 2025-01-01\n  tier: general\n  owner: rep1' \
  '\n- {date: 2026-11-01, tier: secondary}\n'
append_ok h-crlf 'id: h-crlf\r\nname: 丙\r\nhistory:\r\n  - {date: 2025-01-01, tier: key, owner: rep1}\r\n' \
  '  - {date: 2026-11-01, tier: secondary}\r\n'
append_ok h-blank-lines '---\nid: h-blank-lines\nname: 丁\nhistory:\n  - {date: 2025-01-01, tier: key, owner: rep1}\n\n\n' \
  '  - {date: 2026-11-01, tier: secondary}\n'
append_ok h-block-scalar 'id: h-block-scalar\nname: 戊\nhistory:\n  - date: 2025-01-01\n    tier: key\n    owner: rep1\n    note: |\n      多行\n      文本\n' \
  '  - {date: 2026-11-01, tier: secondary}\n'
append_ok h-multiline-flow 'id: h-multiline-flow\nname: 己\nhistory:\n  - {date: 2025-01-01,\n     tier: key, owner: rep1}\n' \
  '  - {date: 2026-11-01, tier: secondary}\n'

case_ "five appends in a row each keep the file before them"
cp "$D/customers/h-comments.yaml" "$TMP/c0"
for d in 2026-11-02 2026-11-03 2026-11-04 2026-11-05 2026-11-06; do
  cp "$D/customers/h-comments.yaml" "$TMP/prev"
  run -C "$D" --today 2026-11-23 customer set h-comments --owner rep1 --date "$d"
  expect_code 0
  head -c "$(stat -c %s "$TMP/prev")" "$D/customers/h-comments.yaml" | cmp -s - "$TMP/prev" || fail "append $d changed earlier bytes"
done
[ "$(wc -l <"$D/customers/h-comments.yaml")" = $(($(wc -l <"$TMP/c0") + 5)) ] || fail "not one line per append"
run -C "$D" check
expect_code 0

# refuse NAME CONTENT WORD: customer set must refuse (exit 2), name the file, write nothing.
refuse() {
  local name=$1 content=$2 word=$3
  case_ "append refused: $name"
  printf '%b' "$content" >"$D/customers/$name.yaml"
  local before; before=$(tree_digest "$D")
  run -C "$D" --today 2026-11-23 customer set "$name" --tier general --date 2026-11-01
  expect_code 2
  expect_err_has "kamgr: error: "
  expect_err_has "customers/$name.yaml:"
  expect_err_has "$word"
  [ "$(tree_digest "$D")" = "$before" ] || fail "something was written"
}
refuse r-flow 'id: r-flow\nname: X\nhistory: [{date: 2025-01-01, tier: key, owner: rep1}]\n' "block"
refuse r-not-last 'id: r-not-last\nname: X\nhistory:\n  - {date: 2025-01-01, tier: key, owner: rep1}\nnotes: 后面还有\n' "last"
refuse r-flow-doc '{id: r-flow-doc, name: X, history: [{date: 2025-01-01, tier: key, owner: rep1}]}\n' "history"

case_ "an invalid hand-written record is refused naming its file and line, not 'unknown'"
printf 'id: bad1\nname: B\nsince: 2025-13-01\nhistory:\n  - {date: 2025-01-01, tier: key, owner: rep1}\n' >"$D/customers/bad1.yaml"
before=$(tree_digest "$D")
run -C "$D" --today 2026-11-23 customer set bad1 --tier general
expect_code 2; expect_err_has "customers/bad1.yaml:3"
run -C "$D" --today 2026-11-23 customer show bad1
expect_code 2; expect_err_has "customers/bad1.yaml:3"
run -C "$D" "${NOW[@]}" --as rep1 visit add --customer bad1 --date 2026-11-20 --purpose x
expect_code 2; expect_err_has "customers/bad1.yaml:3"
[ "$(tree_digest "$D")" = "$before" ] || fail "something was written"
rm "$D/customers/bad1.yaml"

# ---------------------------------------------------------------- discovery and init
case_ "data directory: -C over \$KAMGR_DATA over the nearest kamgr.yaml"
A="$TMP/da"; B="$TMP/db"; base "$A"; base "$B"
printf 'id: only-a\nname: A\nrole: director\n' >"$A/team/only-a.yaml"
printf 'id: only-b\nname: B\nrole: director\n' >"$B/team/only-b.yaml"
OUT=$(cd "$A/team" && "$KAMGR" team list --format csv 2>/dev/null)
expect_out_has "only-a"
OUT=$(cd "$A/team" && KAMGR_DATA="$B" "$KAMGR" team list --format csv 2>/dev/null)
expect_out_has "only-b"; expect_out_lacks "only-a"
OUT=$(cd "$A/team" && KAMGR_DATA="$B" "$KAMGR" -C "$A" team list --format csv 2>/dev/null)
expect_out_has "only-a"; expect_out_lacks "only-b"
OUT=$(cd "$TMP" && "$KAMGR" --data "$B" team list --format csv 2>/dev/null)
expect_out_has "only-b"
run -C "$TMP/nowhere" team list
expect_code 2; expect_err_has "kamgr init"
KAMGR_DATA="$TMP/nowhere" run team list
expect_code 2; expect_err_has "kamgr init"

case_ "init: defaults as comments, folders, .gitignore, calendars, git"
run init "$TMP/i1" --org 审计 --timezone +05:30
expect_code 0
for k in org timezone week_anchor visits frequency entry_deadline complaints levels callback_below \
  callback_within customers required_fields kpi cap metrics review kpi_share qualitative grades \
  commission_metric commission_at pip_days interview_within appeal_within decision_within; do
  grep -Eq "^#? *-? *$k:" "$TMP/i1/kamgr.yaml" || fail "kamgr.yaml does not show '$k'"
done
grep -q '+05:30' "$TMP/i1/kamgr.yaml" || fail "--timezone not written"
for f in team customers visits plans complaints kpi reviews calendar; do
  [ -d "$TMP/i1/$f" ] || fail "no folder $f"
done
grep -qx '\.kamgr/\?' "$TMP/i1/.gitignore" || fail ".gitignore lacks .kamgr/"
[ -d "$TMP/i1/.git" ] || fail "no git init"
python3 - "$TMP/i1/calendar" <<'PY' || fail "calendars differ from the State Council notices (domain 4)"
import sys, yaml, datetime as dt
def days(a, b):
    a, b = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
    return [a + dt.timedelta(i) for i in range((b - a).days + 1)]
want = {2025: (days("2025-01-01", "2025-01-01") + days("2025-01-28", "2025-02-04") + days("2025-04-04", "2025-04-06")
               + days("2025-05-01", "2025-05-05") + days("2025-05-31", "2025-06-02") + days("2025-10-01", "2025-10-08"),
               ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]),
        2026: (days("2026-01-01", "2026-01-03") + days("2026-02-15", "2026-02-23") + days("2026-04-04", "2026-04-06")
               + days("2026-05-01", "2026-05-05") + days("2026-06-19", "2026-06-21") + days("2026-09-25", "2026-09-27")
               + days("2026-10-01", "2026-10-07"),
               ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"])}
ok = True
for y, (hol, wd) in want.items():
    c = yaml.safe_load(open(f"{sys.argv[1]}/{y}.yaml"))
    if sorted(c["holidays"]) != hol or sorted(c["workdays"]) != [dt.date.fromisoformat(d) for d in wd]:
        print(y, "differs"); ok = False
sys.exit(0 if ok else 1)
PY
run -C "$TMP/i1" check
expect_code 0

case_ "init inside a git work tree does not create a nested repository"
mkdir -p "$TMP/outer" && git -C "$TMP/outer" init -q
run init "$TMP/outer/sales"
expect_code 0
expect_no_file "$TMP/outer/sales/.git"
run init "$TMP/i2" --timezone 8
expect_code 2; expect_err_has "--timezone"
expect_no_file "$TMP/i2/kamgr.yaml"

# ---------------------------------------------------------------- config
case_ "config: an invalid value is exit 2 naming the key and line; an unknown key warns"
C="$TMP/cfg"; base "$C"
printf 'org: x\nvisits:\n  frequency: {key: 1w, secondary: 2x}\n' >"$C/kamgr.yaml"
run -C "$C" team list
expect_code 2; expect_err_has "visits.frequency.secondary"; expect_err_has "kamgr.yaml:3"
run -C "$C" check --format json
expect_code 1
expect_json 'any(e["file"] == "kamgr.yaml" and e["line"] == 3 for e in j["errors"])'
printf 'org: x\nkpi:\n  capp: 100\n' >"$C/kamgr.yaml"
run -C "$C" team list
expect_code 0; expect_err_has "warning"; expect_err_has "kpi.capp"; expect_err_has "did you mean 'kpi.cap'"
run -C "$C" -q team list
expect_code 0; expect_err_empty
run -C "$C" check --format json
expect_code 0
expect_json 'j["errors"] == [] and any(w["file"] == "kamgr.yaml" and w["line"] == 3 for w in j["warnings"])'

# ---------------------------------------------------------------- global options
case_ "an invalid --now or --today is exit 2 on every command"
for cmd in "team list" "customer list" "check" "team show rep1"; do
  run -C "$C" --now yesterday $cmd
  [ "$CODE" = 2 ] || fail "--now yesterday $cmd: exit $CODE"
  run -C "$C" --today 2026-02-30 $cmd
  [ "$CODE" = 2 ] || fail "--today 2026-02-30 $cmd: exit $CODE"
done

case_ "--help shows an example on every command"
for c in init "team add" "team list" "team show" "customer add" "customer list" "customer show" \
  "customer set" "visit add" "visit list" "visit compliance" "visit due" "visit plan new" \
  "complaint open" "complaint list" "complaint sla" "complaint summary" "kpi target set" \
  "kpi actual import" "kpi run" "kpi explain" "review open" "review finalize" "review calibrate" check; do
  run $c --help
  [ "$CODE" = 0 ] || fail "$c --help: exit $CODE"
  case "$OUT" in *"Example"*"kamgr "*) ;; *) fail "$c --help has no example" ;; esac
done
run --version
expect_code 0; expect_out_match '^kamgr [0-9]+\.[0-9]+'

# ---------------------------------------------------------------- visit add
V="$TMP/v"; base "$V"
printf 'id: crv\nname: 华润\nhistory:\n  - {date: 2025-01-01, tier: key, owner: rep2}\n' >"$V/customers/crv.yaml"
printf 'id: crv2\nname: 华润医药\nhistory:\n  - {date: 2025-01-01, tier: key, owner: rep2}\n' >"$V/customers/crv2.yaml"
case_ "visit add: exact name beats a part of another name; ID beats a name part"
run -C "$V" "${NOW[@]}" --as rep1 visit add --customer 华润 --date 2026-11-20 --purpose x
expect_code 0
grep -q '^customer: crv$' "$V/visits/2026/11/$OUT.yaml" || fail "exact name not preferred"
run -C "$V" "${NOW[@]}" --as rep1 visit add --customer 医药 --date 2026-11-20 --purpose x
expect_code 0
grep -q '^customer: crv2$' "$V/visits/2026/11/$OUT.yaml" || fail "unique part"

case_ "visit add: the ID alone on stdout, rep from --as / \$KAMGR_USER / git email, recorded_at = now"
run -C "$V" --now 2026-11-22T20:00:00Z --as rep1 visit add --customer acme --date 2026-11-23 --purpose 跨时区
expect_code 0
[ "$(printf '%s\n' "$OUT" | wc -l)" = 1 ] && [[ "$OUT" =~ ^20261123-[0-9a-hjkmnp-tv-z]{6,}$ ]] || fail "stdout is not the ID alone: $OUT"
F="$V/visits/2026/11/$OUT.yaml"
grep -Eq '^recorded_at: 2026-11-(23T04:00:00\+08:00|22T20:00:00(Z|\+00:00))$' "$F" || fail "recorded_at: $(grep recorded_at "$F")"
grep -q '^rep: rep1$' "$F" || fail "rep not the acting member"
KAMGR_USER=rep2 run -C "$V" "${NOW[@]}" visit add --customer acme --date 2026-11-20 --purpose x
expect_code 0; grep -q '^rep: rep2$' "$V/visits/2026/11/$OUT.yaml" || fail "\$KAMGR_USER"
git -C "$V" init -q && git -C "$V" config user.email rep1@example.com
run -C "$V" "${NOW[@]}" visit add --customer acme --date 2026-11-20 --purpose x
expect_code 0; grep -q '^rep: rep1$' "$V/visits/2026/11/$OUT.yaml" || fail "git user.email"
run -C "$V" "${NOW[@]}" --as rep1 visit add --customer acme --date 2026-11-20 --purpose x --rep rep2
expect_code 0; grep -q '^rep: rep2$' "$V/visits/2026/11/$OUT.yaml" || fail "--rep"

case_ "visit add: canonical file, YAML-special text round-trips"
run -C "$V" "${NOW[@]}" --as rep1 visit add --customer acme --date 2026-11-21 --start 09:30 --end 10:45 \
  --purpose 'yes' --outcome 'a: b # c' --feedback '"引号", 逗号
第二行' --next '发送报价单@2026-11-24' --next 'call back'
expect_code 0
ID=$OUT
python3 - "$V/visits/2026/11/$ID.yaml" "$ID" <<'PY' || fail "canonical visit file"
import sys, yaml
raw = open(sys.argv[1], "rb").read()
assert raw.endswith(b"\n") and b"\r" not in raw and b"\t" not in raw, "LF, final newline"
assert "引号".encode() in raw, "UTF-8 unescaped"
d = yaml.load(raw, Loader=yaml.BaseLoader)
keys = [k for k in d]
order = ["id", "customer", "rep", "date", "start", "end", "purpose", "outcome", "feedback", "next_steps", "recorded_at"]
assert keys == [k for k in order if k in d], keys
assert d["purpose"] == "yes" and d["outcome"] == "a: b # c" and d["feedback"] == '"引号", 逗号\n第二行', d
assert d["start"] == "09:30" and d["end"] == "10:45"
assert d["next_steps"][0] == {"action": "发送报价单", "due": "2026-11-24"}, d["next_steps"]
assert d["next_steps"][1]["action"] == "call back"
for line in raw.decode().splitlines():
    ind = len(line) - len(line.lstrip(" "))
    assert ind % 2 == 0, line
PY

case_ "visit add refusals (exit 2, nothing written)"
before=$(tree_digest "$V")
for args in \
  "--customer acme --date 2026-11-23 --start 10:30 --purpose x" \
  "--customer acme --date 2025-02-29 --purpose x" \
  "--customer acme --date 2026-11-20 --start 9:30 --purpose x" \
  "--customer acme --date 2026-11-20 --end 24:00 --purpose x" \
  "--customer acme --date 2026-11-20 --purpose x --next 送样@2026-11-31" \
  "--customer acme --date 2026-11-20 --purpose x --next 送样@2026-13-01"; do
  run -C "$V" "${NOW[@]}" --as rep1 visit add $args
  [ "$CODE" = 2 ] || fail "exit $CODE for: $args"
done
[ "$(tree_digest "$V")" = "$before" ] || fail "a refused visit add wrote something"

# ---------------------------------------------------------------- history semantics
case_ "customer tier, owner and status on any date"
H="$TMP/hist"; base "$H"
printf 'id: h\nname: 历史\nhistory:\n  - {date: 2025-03-01, tier: key, owner: rep1}\n  - {date: 2025-06-01, owner: rep2}\n  - {date: 2025-06-01, tier: general}\n  - {date: 2025-09-01, status: lost}\n  - {date: 2025-12-01, status: active, owner: rep1}\n' >"$H/customers/h.yaml"
state() { run -C "$H" --today "$1" customer list --status all --format json; }
state 2025-02-28; expect_json '[c for c in j["customers"] if c["id"]=="h"][0]["tier"] is None'
state 2025-03-01; expect_json '[(c["tier"],c["owner"],c["status"]) for c in j["customers"] if c["id"]=="h"] == [("key","rep1","active")]'
state 2025-06-01; expect_json '[(c["tier"],c["owner"],c["status"]) for c in j["customers"] if c["id"]=="h"] == [("general","rep2","active")]'
state 2025-09-01; expect_json '[(c["tier"],c["owner"],c["status"]) for c in j["customers"] if c["id"]=="h"] == [("general","rep2","lost")]'
state 2025-12-01; expect_json '[(c["tier"],c["owner"],c["status"]) for c in j["customers"] if c["id"]=="h"] == [("general","rep1","active")]'
run -C "$H" --today 2025-10-01 customer list --status lost --format csv
expect_out_has "h,历史,general,rep2,lost"
run -C "$H" --today 2025-10-01 customer list --format csv
expect_out_lacks "h,历史"

# ---------------------------------------------------------------- output
case_ "CSV is RFC 4180; YAML equals JSON; tables align by display width"
run -C "$V" "${NOW[@]}" visit list 2026-11 --format csv
python3 -c '
import csv, io, sys
rows = list(csv.reader(io.StringIO(sys.stdin.read())))
assert any(r and "\"引号\", 逗号\n第二行" in r for r in rows) or any("yes" in r for r in rows), rows
assert len({len(r) for r in rows}) == 1, "ragged rows"
' <<<"$OUT" || fail "CSV does not parse back"
J=$("$KAMGR" -C "$V" "${NOW[@]}" visit list 2026-11 --format json)
Y=$("$KAMGR" -C "$V" "${NOW[@]}" visit list 2026-11 --format yaml)
python3 - "$J" "$Y" <<'PY' || fail "YAML and JSON differ"
import json, sys, yaml, datetime as dt
def norm(x):
    if isinstance(x, dict): return {k: norm(v) for k, v in x.items()}
    if isinstance(x, list): return [norm(v) for v in x]
    if isinstance(x, (dt.date, dt.datetime)): return x.isoformat()
    return x
assert norm(yaml.safe_load(sys.argv[2])) == json.loads(sys.argv[1])
PY
W="$TMP/w"; base "$W"
for n in "ＡＢＣ:fw" "Zoë:ascii" "😀x:emoji" "王小明明明:cjk"; do
  printf 'id: %s\nname: %s\nrole: director\n' "${n#*:}" "${n%%:*}" >"$W/team/${n#*:}.yaml"
done
run -C "$W" team list --format table
python3 -c '
import sys, unicodedata
def w(s): return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = [l for l in sys.stdin.read().splitlines() if l.strip()]
col = w(lines[0][:lines[0].index("ROLE")])
for l in lines[1:]:
    for r in (" director", " manager", " rep"):
        i = l.find(r)
        if i >= 0:
            assert w(l[:i + 1]) == col, l
            break
' <<<"$OUT" || fail "table not aligned by display width: $OUT"

case_ "colour only on a terminal, never with NO_COLOR or --no-color"
python3 - "$KAMGR" "$W" <<'PY' || fail "colour rules"
import os, pty, sys
def tty(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.clear(); os.environ.update(env); os.execv(argv[0], argv)
    out = b""
    while True:
        try: c = os.read(fd, 4096)
        except OSError: break
        if not c: break
        out += c
    os.waitpid(pid, 0)
    return out
k, d = sys.argv[1:3]
env = {"PATH": os.environ["PATH"], "TERM": "xterm", "HOME": os.environ.get("HOME", "/")}
lst = [k, "-C", d, "team", "list"]
bad = []
if b"\x1b[" in tty(lst, dict(env, NO_COLOR="1")): bad.append("NO_COLOR")
if b"\x1b[" in tty(lst[:3] + ["--no-color"] + lst[3:], env): bad.append("--no-color")
if b"\x1b[" in tty(lst + ["--format", "json"], env): bad.append("json on a tty")
print(bad); sys.exit(1 if bad else 0)
PY
run -C "$W" team list --format table
[[ "$OUT" != *$'\e['* ]] || fail "colour in a pipe"

case_ "reports run inside a git work tree carry source {commit, dirty} (docs/formats.md)"
G="$TMP/gitsrc"; base "$G"
git -C "$G" init -q && git -C "$G" add -A && git -C "$G" commit -qm base
HEAD_=$(git -C "$G" rev-parse HEAD)
for c in "kpi run 2026-11" "visit compliance 2026-11" "complaint sla 2026-11" "complaint summary 2026-11" \
  "review list 2026-11" "review calibrate 2026-11"; do
  run -C "$G" "${NOW[@]}" $c --format json
  [ "$CODE" = 0 ] || [ "$CODE" = 1 ] || fail "$c: exit $CODE"
  printf '%s' "$OUT" | python3 -c "import json,sys; s=json.load(sys.stdin).get('source') or {}; sys.exit(0 if s.get('commit')=='$HEAD_' and s.get('dirty') is False else 1)" \
    || fail "$c --format json has no source {commit: HEAD, dirty: false}"
done

finish
