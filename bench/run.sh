#!/usr/bin/env bash
# The kamgr benchmark: builds the sizes S and L (and L cut to its last year) if they
# are missing, then times every scenario side by side in one run (bench/harness.py).
#
#   bench/run.sh [--data DIR] [--kamgr BIN] [--runs N] [--only NAMES] [--json FILE]
#   bench/run.sh --smoke            # tiny data in a temporary folder, one run (CI)
#
# DIR defaults to $KAMGR_BENCH_DATA, else /tmp/kamgr-bench; L needs about 5 GB there.
# BIN defaults to build/kamgr (build it first: cmake --build build). The generated data
# is never put in the repository. Results and their meaning: docs/performance.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${KAMGR_BENCH_DATA:-/tmp/kamgr-bench}
kamgr=$here/../build/kamgr
runs=5
smoke=0
extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --data) data=$2; shift 2 ;;
    --kamgr) kamgr=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --only|--json) extra+=("$1" "$2"); shift 2 ;;
    --smoke) smoke=1; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -x "$kamgr" ] || { echo "run.sh: no kamgr binary at $kamgr (build first)" >&2; exit 2; }

gen() {  # gen SIZE NAME: generate and commit into $data/NAME unless it is there
  if [ ! -f "$data/$2/kamgr.yaml" ]; then
    rm -rf "${data:?}/$2"
    python3 "$here/gen_data.py" "$1" "$data/$2" --git
  fi
}

if [ $smoke = 1 ]; then
  data=$(mktemp -d)
  trap 'rm -rf "$data"' EXIT
  gen smoke smoke
  exec python3 "$here/harness.py" --kamgr "$kamgr" --data "$data" --runs 1 --smoke "${extra[@]}"
fi

mkdir -p "$data"
gen S S
gen L L
if [ ! -f "$data/L1/kamgr.yaml" ]; then
  rm -rf "${data:?}/L1"
  python3 "$here/gen_data.py" --last-year "$data/L" "$data/L1" --git
fi
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(uname -r)"
exec python3 "$here/harness.py" --kamgr "$kamgr" --data "$data" --runs "$runs" "${extra[@]}"
