#!/usr/bin/env bash
# Git: two clones add records and history independently, then merge. Different records
# never conflict; the same record appended on both sides is the only conflict, and
# `check` reports a bad resolution clearly.
source "$(dirname "$0")/lib/assert.sh"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
NOW=(--now 2026-11-23T10:00:00+08:00)
BASE=$(copy_fixture basic)
git -C "$BASE" init -q -b main && git -C "$BASE" add -A && git -C "$BASE" commit -qm base
git clone -q --bare "$BASE" "$TMP/origin.git"
git clone -q "$TMP/origin.git" "$TMP/a" && git clone -q "$TMP/origin.git" "$TMP/b"

add_on() {  # add_on CLONE: visits and customer changes on one side
  local c=$1 who=$2
  for i in 1 2 3; do
    "$KAMGR" -C "$c" "${NOW[@]}" --as "$who" visit add --customer acme --date 2026-11-2$i --purpose "$who $i" >/dev/null || fail "visit add on $c"
  done
  git -C "$c" add -A && git -C "$c" commit -qm "work of $who"
}

case_ "different records merge cleanly"
add_on "$TMP/a" zhang-san
"$KAMGR" -C "$TMP/a" --today 2026-11-23 -q customer set beta --tier key --date 2026-11-23
git -C "$TMP/a" commit -qam "beta to key"
"$KAMGR" -C "$TMP/b" --today 2026-11-23 -q customer set gamma --owner zhang-san --date 2026-11-23
add_on "$TMP/b" zhao-liu
git -C "$TMP/a" push -q origin main 2>/dev/null || fail "push a"
git -C "$TMP/b" pull -q --no-rebase origin main 2>"$TMP/pull.err" || fail "merge of different records conflicted: $(cat "$TMP/pull.err")"
run -C "$TMP/b" check -q
expect_code 0
[ "$(ls "$TMP/b/visits/2026/11" | wc -l)" = 7 ] || fail "expected 7 visits after the merge"

case_ "the same record appended on both sides is the only conflict"
git -C "$TMP/b" push -q origin main 2>/dev/null || fail "push b"
git -C "$TMP/a" pull -q --no-rebase origin main 2>/dev/null || fail "fast-forward a"
"$KAMGR" -C "$TMP/a" --today 2026-11-24 -q customer set acme --tier secondary --date 2026-11-24
git -C "$TMP/a" commit -qam "acme to secondary"
"$KAMGR" -C "$TMP/b" --today 2026-11-25 -q customer set acme --owner zhang-san --date 2026-11-25
add_on "$TMP/b" zhao-liu
git -C "$TMP/a" push -q origin main 2>/dev/null || fail "push a again"
if git -C "$TMP/b" pull -q --no-rebase origin main >/dev/null 2>&1; then
  fail "expected a conflict on customers/acme.yaml"
fi
CONFLICTS=$(git -C "$TMP/b" diff --name-only --diff-filter=U)
[ "$CONFLICTS" = "customers/acme.yaml" ] || fail "conflicts: $CONFLICTS"

case_ "check reports a bad resolution"
git -C "$TMP/b" commit -qam "resolved badly (markers left)" 2>/dev/null
run -C "$TMP/b" check
expect_code 1
expect_out_has "customers/acme.yaml"
expect_out_has "unresolved git merge conflict"

case_ "a good resolution keeps both entries, oldest first"
python3 - "$TMP/b/customers/acme.yaml" <<'PY'
import sys
p = sys.argv[1]
lines = [l for l in open(p, encoding="utf-8") if not l.startswith(("<<<<<<<", "=======", ">>>>>>>"))]
lines[-2:] = sorted(lines[-2:])   # the two sides' entries, oldest first
open(p, "w", encoding="utf-8").writelines(lines)
PY
run -C "$TMP/b" check -q
expect_code 0
run -C "$TMP/b" --today 2026-11-26 customer show acme --format json
expect_json 'j["tier"] == "secondary" and j["owner"] == "zhang-san"'
finish
