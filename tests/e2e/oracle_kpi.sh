#!/usr/bin/env bash
# Differential test: tests/oracle/kpi_oracle.py generates data directories (director,
# managers, reps, customers with tier / owner / status changes, visits, complaints with
# reopen and csat, targets and partial actuals in month / quarter / year folders),
# computes the figures of docs/kpi.md ("The metrics", "Scores", "Quarters and years")
# independently and compares every member's complete, kpi_score and every metric's
# weight, better, target, actual, achievement and score with `kamgr kpi run --format
# json` (months, quarters, the year; --now after the period and inside it) to 2
# decimals. Exit 1 with the first mismatches on any difference.
source "$(dirname "$0")/lib/assert.sh"
ORACLE="$(dirname "$0")/../oracle/kpi_oracle.py"
# KPI_ORACLE_ASOF=1: customer history entries and `since` dated after --now are left
# out ("events after now"); set 0 to take kamgr's reading (history applies as written).
export KPI_ORACLE_ASOF="${KPI_ORACLE_ASOF:-1}"
case_ "kpi oracle seeds 11,12,13,14"
OUT=$(python3 "$ORACLE" --kamgr "$KAMGR" --seeds 11,12,13,14 2>"$TMP/.stderr") && CODE=0 || CODE=$?
ERR=$(cat "$TMP/.stderr")
if [ "$CODE" != 0 ]; then
  echo "$ERR" | head -40 >&2
  FAILURES=$((FAILURES + 1))
fi
finish
