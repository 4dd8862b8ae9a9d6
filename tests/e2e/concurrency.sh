#!/usr/bin/env bash
# Concurrency: 8 processes x 200 `visit add`, and 8 processes appending history to the
# same customer, events to the same complaint and to the same review, on one data
# directory. Every record and every append must be present exactly once, every file
# valid, and a step allowed once (closing a complaint) must succeed exactly once.
source "$(dirname "$0")/lib/assert.sh"
F=$(copy_fixture basic)
PROCS=8
PER=${KAMGR_CONCURRENCY_PER:-200}

case_ "parallel visit add"
for p in $(seq 1 $PROCS); do
  (
    for i in $(seq 1 "$PER"); do
      "$KAMGR" -C "$F" --now 2026-11-23T10:00:00+08:00 --as zhang-san visit add \
        --customer acme --date 2026-11-20 --purpose "p$p-$i" >>"$TMP/ids.$p" 2>>"$TMP/err.$p" \
        || echo "fail $p $i" >>"$TMP/err.$p"
    done
  ) &
done
wait
cat "$TMP"/err.* 2>/dev/null | head -5 | while read -r line; do fail "$line"; done
COUNT=$(cat "$TMP"/ids.* | sort -u | wc -l)
[ "$COUNT" = $((PROCS * PER)) ] || fail "expected $((PROCS * PER)) distinct ids, got $COUNT"
FILES=$(ls "$F/visits/2026/11" | grep -c '^20261120-')
[ "$FILES" = $((PROCS * PER)) ] || fail "expected $((PROCS * PER)) visit files, got $FILES"
for p in $(seq 1 $PROCS); do
  N=$(grep -l "purpose: p$p-" "$F"/visits/2026/11/20261120-*.yaml | wc -l)
  [ "$N" = "$PER" ] || fail "process $p: $N of $PER visits on disk"
done

case_ "parallel appends to one file never interleave or get lost"
APPENDS=25
for p in $(seq 1 $PROCS); do
  (
    for i in $(seq 1 $APPENDS); do
      tier=$([ $((i % 2)) = 0 ] && echo key || echo secondary)
      "$KAMGR" -C "$F" --today 2026-11-23 customer set gamma --tier "$tier" --date 2026-11-23 -q \
        2>>"$TMP/aerr.$p" || echo "fail $p $i" >>"$TMP/aerr.$p"
    done
  ) &
done
wait
cat "$TMP"/aerr.* 2>/dev/null | head -5 | while read -r line; do fail "$line"; done
N=$(grep -c '^- {date: 2026-11-23, tier: ' "$F/customers/gamma.yaml")
[ "$N" = $((PROCS * APPENDS)) ] || fail "expected $((PROCS * APPENDS)) appended entries, got $N"

# parallel_appends NAME FILE PATTERN COMMAND...: 8 processes run COMMAND 25 times each,
# with {tag} replaced by a unique p<process>-<run>; each tag must then appear exactly
# once in FILE on a line matching PATTERN.
parallel_appends() {
  local name=$1 file=$2 pattern=$3
  shift 3
  case_ "$name"
  rm -f "$TMP"/perr.*
  for p in $(seq 1 $PROCS); do
    (
      for i in $(seq 1 $APPENDS); do
        "$KAMGR" -C "$F" --now 2026-11-23T10:00:00+08:00 "${@//\{tag\}/p$p-$i}" -q \
          2>>"$TMP/perr.$p" || echo "fail $p $i" >>"$TMP/perr.$p"
      done
    ) &
  done
  wait
  cat "$TMP"/perr.* 2>/dev/null | head -5 | while read -r line; do fail "$line"; done
  local n
  n=$(grep "$pattern" "$file" | grep -o 'p[0-9]*-[0-9]*\b' | sort | uniq | wc -l)
  [ "$n" = $((PROCS * APPENDS)) ] || fail "expected $((PROCS * APPENDS)) distinct events, got $n"
  n=$(grep -c "$pattern" "$file")
  [ "$n" = $((PROCS * APPENDS)) ] || fail "expected $((PROCS * APPENDS)) events, got $n"
}

ID=$("$KAMGR" -C "$F" --now 2026-11-23T10:00:00+08:00 --as zhang-san complaint open \
  --customer acme --level general --category delivery --summary 包装破损 \
  --received-at 2026-11-22T10:15)
CFILE=$(ls "$F"/complaints/*/"$ID".yaml)
parallel_appends "parallel events on one complaint" "$CFILE" "type: contacted" \
  --as zhang-san complaint contact "$ID" --at 2026-11-22T11:00 --note "{tag}"

"$KAMGR" -C "$F" --now 2026-11-23T10:00:00+08:00 --as li-si review open 2026-10 -q >/dev/null
parallel_appends "parallel deductions on one review" "$F/reviews/2026-10/zhang-san.yaml" \
  "type: deduction" --as li-si review deduct zhang-san 2026-10 --points 0.1 --reason "{tag}"

case_ "a step allowed once succeeds once, however many try at the same time"
"$KAMGR" -C "$F" --now 2026-11-23T10:00:00+08:00 --as zhang-san complaint answer "$ID" \
  --at 2026-11-22T12:00 -q
for p in $(seq 1 $PROCS); do
  ( "$KAMGR" -C "$F" --now 2026-11-23T10:00:00+08:00 --as zhang-san complaint close "$ID" \
      --at 2026-11-22T13:00 -q 2>"$TMP/close-err.$p"; echo $? >"$TMP/close.$p" ) &
done
wait
[ "$(cat "$TMP"/close.* | grep -c '^0$')" = 1 ] || fail "closes that succeeded: $(cat "$TMP"/close.*)"
[ "$(cat "$TMP"/close.* | grep -c '^2$')" = $((PROCS - 1)) ] || fail "refusals: $(cat "$TMP"/close.*)"
[ "$(grep -l 'already closed' "$TMP"/close-err.* | wc -l)" = $((PROCS - 1)) ] ||
  fail "refusals should say 'already closed': $(cat "$TMP"/close-err.*)"
[ "$(grep -c 'type: closed' "$CFILE")" = 1 ] || fail "closed events: $(grep -c 'type: closed' "$CFILE")"

case_ "everything still valid"
run -C "$F" check -q
expect_code 0
ls -a "$F/visits/2026/11" "$F/customers" | grep -q '\.tmp-' && fail "temporary files left behind"
finish
