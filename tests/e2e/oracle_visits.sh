#!/usr/bin/env bash
# Differential test: an independent implementation of docs/visits.md "Visit
# compliance" and "Entry timeliness" (tests/oracle/visits_oracle.py) generates data
# directories (tier and owner changes, lost and reactivated customers, customers taken on
# mid-window, late and on-time entries around the deadline, visits recorded after --now,
# other frequencies, anchors, deadlines and time zones), and compares every row and total
# of `kamgr visit compliance PERIOD --by customer|rep|team --format json` with its own.
source "$(dirname "$0")/lib/assert.sh"
ORACLE="$(cd "$(dirname "$0")/../oracle" && pwd)/visits_oracle.py"
case_ "visits oracle, seeds 11,12,13 and the probes"
OUT=$(python3 "$ORACLE" --kamgr "$KAMGR" --seeds 11,12,13 --max-report 15 2>&1) && CODE=0 || CODE=$?
ERR=""
if [ "$CODE" = 0 ]; then echo "$OUT" | head -1; else fail "the oracle found mismatches"; echo "$OUT" | sed -n '2,40p' >&2; fi
finish
