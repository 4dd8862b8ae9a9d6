#!/usr/bin/env bash
# Builds kamgr and runs every test (unit + end-to-end) twice: a normal build, then a
# build under AddressSanitizer and UndefinedBehaviorSanitizer. Exit status: 0 when all
# pass. This is README's test command and exactly what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DKAMGR_SANITIZE=ON
cmake --build build-sanitize -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  KAMGR_CRASH_RUNS=200 KAMGR_CONCURRENCY_PER=50 \
  ctest --test-dir build-sanitize --output-on-failure -j"$jobs"
