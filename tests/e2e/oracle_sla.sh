#!/usr/bin/env bash
# Differential test of the complaint SLA against an independent oracle
# (tests/oracle/sla_oracle.py, written from docs/complaints.md's rules, not from kamgr's
# sources): its own copy of China's
# 2025/2026 holidays and make-up days (compared with what `kamgr init` writes and with
# data/calendar), generated complaints around holidays, make-up days, year ends, other
# UTC offsets, m/h/wd levels, events at the due instant and one second after, reopen
# cycles, csat around callback_below, and years without a calendar file; every status,
# due and at of `complaint sla` (and `complaint show`) and the summary are compared.
source "$(dirname "$0")/lib/assert.sh"
HERE="$(cd "$(dirname "$0")" && pwd)"
case_ "sla oracle, seeds 11-15"
if ! python3 "$HERE/../oracle/sla_oracle.py" --kamgr "$KAMGR" --repo "$HERE/../.." \
    --seeds 11,12,13,14,15 -n 45 >"$TMP/oracle.out" 2>&1; then
  cat "$TMP/oracle.out" >&2
  FAILURES=$((FAILURES + 1))
fi
finish
