#!/usr/bin/env bash
# The monthly KPI run (docs/kpi.md): import finance's actuals, check that the targets add
# up, score every member and write the JSON and CSV a BI tool takes.
#
# Usage: examples/monthly-kpi.sh [--commit] DATA_DIR MONTH FINANCE.csv [OUT_DIR]
#   --commit   commit the imported actuals first (DATA_DIR must be its own git repository),
#              so the "source" commit in the JSON names the exact records behind the figures
# Example (on a copy of the demo data):
#   cp -r data /tmp/sales && examples/monthly-kpi.sh /tmp/sales 2026-11 examples/finance-2026-11.csv /tmp/out
# Exit status: 0 when done (incomplete members and target gaps are warnings on stderr),
# 2 when the CSV is refused (nothing is imported then), 3 on an I/O failure.
set -euo pipefail
KAMGR=${KAMGR:-kamgr}
commit=0
if [ "${1:-}" = "--commit" ]; then commit=1; shift; fi
if [ $# -lt 3 ]; then
  sed -n '5,7p' "$0" >&2
  exit 2
fi
data=$1 month=$2 csv=$3 out=${4:-.}
mkdir -p "$out"

# 1. Import: all rows or none (a bad row is reported with its line number).
"$KAMGR" -C "$data" kpi actual import "$month" "$csv"
if [ "$commit" = 1 ]; then
  git -C "$data" add "kpi/$month/actuals.yaml"
  git -C "$data" commit -q -m "kpi: $month actuals from $(basename "$csv")"
fi

# 2. Targets should add up: each manager's to their reps', the director's to the managers'.
if ! "$KAMGR" -C "$data" -q kpi target check "$month" >/dev/null; then
  echo "monthly-kpi: warning: $month targets do not add up (kamgr kpi target check $month)" >&2
fi

# 3. Score everyone; JSON (with the data's git commit) and long CSV for the BI tool.
"$KAMGR" -C "$data" -q --format json kpi run "$month" >"$out/kpi-$month.json"
"$KAMGR" -C "$data" -q --format csv kpi run "$month" >"$out/kpi-$month.csv"
if ! "$KAMGR" -C "$data" -q kpi run "$month" --strict >"$out/kpi-$month.txt"; then
  echo "monthly-kpi: warning: some members lack actuals:" >&2
  grep 'is incomplete' "$out/kpi-$month.txt" >&2 || true
fi
echo "wrote $out/kpi-$month.json, $out/kpi-$month.csv and $out/kpi-$month.txt"
