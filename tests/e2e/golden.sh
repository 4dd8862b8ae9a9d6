#!/usr/bin/env bash
# Golden corpus: every command's stdout, stderr and exit code, recorded in
# tests/golden/corpus/ (every report in every format on data/, in three languages, on the
# oracles' generated data, the hostile corpus, help, schema, completion) and
# tests/golden/cases/ (each command's main success and failure paths, writes followed by
# reads), compared byte for byte; then every leaf subcommand of `kamgr --help` must have
# a case. See tests/golden/README.md (re-recording after a deliberate change).
source "$(dirname "$0")/lib/assert.sh"
RUNNER="$(cd "$(dirname "$0")/../golden" && pwd)/run.py"

case_ "golden corpus and cases"
OUT=$(python3 "$RUNNER" --kamgr "$KAMGR" 2>&1) && CODE=0 || CODE=$?
if [ "$CODE" != 0 ]; then
  printf '%s\n' "$OUT" | head -300 >&2
  echo "FAIL [$CASE]: the outputs differ from tests/golden (diffs above)" >&2
  FAILURES=$((FAILURES + 1))
else
  printf '%s\n' "$OUT" | tail -1 >&2
fi

case_ "every leaf subcommand has a case under tests/golden/cases/"
OUT=$(python3 "$RUNNER" --kamgr "$KAMGR" --coverage 2>&1) && CODE=0 || CODE=$?
if [ "$CODE" != 0 ]; then
  printf '%s\n' "$OUT" >&2
  FAILURES=$((FAILURES + 1))
fi
finish
