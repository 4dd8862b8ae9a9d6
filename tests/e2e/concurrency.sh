#!/usr/bin/env bash
# Concurrency: 8 processes x 200 `visit add`, and 8 processes appending history to the
# same customer, on one data directory. Every record and every append must be present
# exactly once and every file valid.
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

case_ "everything still valid"
run -C "$F" check -q
expect_code 0
ls -a "$F/visits/2026/11" "$F/customers" | grep -q '\.tmp-' && fail "temporary files left behind"
finish
