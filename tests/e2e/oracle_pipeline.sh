#!/usr/bin/env bash
# Differential test of the sales pipeline against an independent oracle
# (tests/oracle/pipeline_oracle.py, written from docs/pipeline.md, docs/kpi.md,
# docs/formats.md and docs/guide.md "Teams", not from kamgr's sources): generated
# opportunities (gates, proposals and reviews, reopenings, reassignments across teams,
# events near midnight and at the --now instant), orders with changes and cancellations,
# and visits linked to opportunities, in the demo data directory; `kamgr check` must be
# clean, then every figure of `opportunity pipeline|funnel|forecast` (by stage, rep,
# team; months, quarters, the year, ISO weeks, --from/--to; several --now values) and of
# `kpi run` for the five pipeline KPI metrics and `kpi.sales_from: orders` (reps,
# managers, the director; months, quarters, the year) is compared. The oracle's
# readings where the docs leave room are R1..R16 of its docstring.
source "$(dirname "$0")/lib/assert.sh"
HERE="$(cd "$(dirname "$0")" && pwd)"
case_ "pipeline oracle, seeds 1-3"
if ! python3 "$HERE/../oracle/pipeline_oracle.py" --kamgr "$KAMGR" --repo "$HERE/../.." \
    --seeds 1,2,3 --max-report 60 >"$TMP/oracle.out" 2>&1; then
  head -100 "$TMP/oracle.out" >&2
  FAILURES=$((FAILURES + 1))
fi
finish
