#!/usr/bin/env bash
# Differential test: tests/oracle/schema_agreement.py checks the JSON Schemas of `kamgr
# schema TYPE` against the loaders behind `kamgr check`: every record of data/ passes its
# schema, and for a sample of files per type and every field, each mutation (removed,
# blank, null, wrong type, impossible date or time, bad ID, unknown key) gets the same
# verdict from both, except the refusals listed in the script's ALLOW (references to
# other records, file and folder names, days that do not exist). Then --perturb breaks
# one schema on purpose: the test must notice. Needs python3-jsonschema.
source "$(dirname "$0")/lib/assert.sh"
ORACLE="$(dirname "$0")/../oracle/schema_agreement.py"

case_ "every schema agrees with its loader"
OUT=$(python3 "$ORACLE" --kamgr "$KAMGR" 2>&1) && CODE=0 || CODE=$?
if [ "$CODE" != 0 ]; then
  printf '%s\n' "$OUT" | head -80 >&2
  FAILURES=$((FAILURES + 1))
fi

case_ "a schema broken on purpose is caught"
OUT=$(python3 "$ORACLE" --kamgr "$KAMGR" --types visit --samples 1 --perturb visit.customer 2>&1) && CODE=0 || CODE=$?
expect_code 1
expect_out_has "PERTURBED"
expect_out_has "- visit customer remove"
finish
