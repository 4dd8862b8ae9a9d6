#!/usr/bin/env bash
# The benchmark's smoke version (docs/performance.md "The benchmark"): tiny generated
# data, every scenario once.
# It proves the generator, the harness and every benchmarked command still work; the
# timings of a smoke run mean nothing (the full run: bench/run.sh, docs/performance.md).
source "$(dirname "$0")/lib/assert.sh"
case_ "bench/run.sh --smoke"
here=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$(bash "$here/bench/run.sh" --smoke --kamgr "$KAMGR" 2>"$TMP/err") && CODE=0 || CODE=$?
ERR=$(cat "$TMP/err")
expect_code 0
expect_out_has "ratios and targets"
expect_out_has "check --changed L"
expect_out_lacks "FAILED"
finish
