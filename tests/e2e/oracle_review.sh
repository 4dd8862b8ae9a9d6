#!/usr/bin/env bash
# Differential test of performance reviews (docs/reviews.md): an independent oracle
# (tests/oracle/review_oracle.py, Python 3 standard library only) generates a team, KPI
# data and calendars, runs the whole review cycle with kamgr acted by different members (--as,
# $KAMGR_USER, git user.email), tries every forbidden step (exit 2, nothing written) and
# compares `review list` and `review calibrate` with exact-arithmetic figures.
# Seeds 1, 2, 3 cover the three generated configurations (custom weights and grades,
# cap 95 with clamping, the defaults). On failure it prints seed, command, field,
# expected and got.
source "$(dirname "$0")/lib/assert.sh"
ORACLE="$(cd "$(dirname "$0")/../oracle" && pwd)/review_oracle.py"
export TMPDIR="$TMP"
if python3 "$ORACLE" --kamgr "$KAMGR" --seed 1 --seed 2 --seed 3 >"$TMP/oracle.out" 2>&1; then
  tail -1 "$TMP/oracle.out"
else
  cat "$TMP/oracle.out" >&2
  FAILURES=$((FAILURES + 1))
fi
finish
