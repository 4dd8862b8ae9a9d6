# Shared helpers for the end-to-end tests: each test script runs the real kamgr binary
# ($KAMGR) in a fresh temporary directory and checks stdout, stderr, exit code and files.
# Usage in a test:  source "$(dirname "$0")/lib/assert.sh"
set -u
: "${KAMGR:?KAMGR must point at the kamgr binary}"
: "${FIXTURES:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../fixtures" && pwd)}"
: "${DEMO:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../data" && pwd)}"
export NO_COLOR=1 KAMGR_USER= KAMGR_DATA= KAMGR_NOW= GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
unset KAMGR_USER KAMGR_DATA KAMGR_NOW

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FAILURES=0
CASE=""

# run ARGS...: runs kamgr, capturing $OUT, $ERR and $CODE.
run() {
  OUT=$("$KAMGR" "$@" 2>"$TMP/.stderr") && CODE=0 || CODE=$?
  ERR=$(cat "$TMP/.stderr")
}

fail() {
  echo "FAIL [$CASE]: $*" >&2
  echo "  stdout: ${OUT:-}" | head -20 >&2
  echo "  stderr: ${ERR:-}" | head -10 >&2
  FAILURES=$((FAILURES + 1))
}

case_() { CASE="$1"; }
expect_code() { [ "$CODE" = "$1" ] || fail "exit code $CODE, expected $1"; }
expect_out() { [ "$OUT" = "$1" ] || fail "stdout differs; expected: $1"; }
expect_out_has() { case "$OUT" in *"$1"*) ;; *) fail "stdout lacks: $1" ;; esac; }
expect_out_lacks() { case "$OUT" in *"$1"*) fail "stdout has: $1" ;; *) ;; esac; }
expect_err_has() { case "$ERR" in *"$1"*) ;; *) fail "stderr lacks: $1" ;; esac; }
expect_err_lacks() { case "$ERR" in *"$1"*) fail "stderr has: $1" ;; *) ;; esac; }
expect_err_empty() { [ -z "$ERR" ] || fail "stderr not empty"; }
expect_out_match() { printf '%s' "$OUT" | grep -Eq -- "$1" || fail "stdout does not match /$1/"; }
expect_file() { [ -f "$1" ] || fail "missing file $1"; }
expect_no_file() { [ ! -e "$1" ] || fail "unexpected file $1"; }
# expect_json EXPR: a Python expression over `j` (the parsed stdout) that must be true.
expect_json() {
  printf '%s' "$OUT" | python3 -c "import json,sys; j=json.load(sys.stdin); sys.exit(0 if ($1) else 1)" \
    || fail "json check failed: $1"
}
# copy_fixture NAME: copies tests/fixtures/NAME to $TMP/NAME and prints the path.
# demo_repo DIR: the demo data directory copied to DIR (no cache) and committed to a new
# git repository there.
demo_repo() {
  cp -r "$DEMO" "$1" && rm -rf "$1/.kamgr"
  git -C "$1" init -q && git -C "$1" add -A &&
    git -C "$1" -c user.name=t -c user.email=t@x commit -qm demo
}
copy_fixture() { rm -rf "${TMP:?}/$1"; cp -r "$FIXTURES/$1" "$TMP/$1"; echo "$TMP/$1"; }
# tree_digest DIR: a digest of every file (to prove nothing was written).
tree_digest() { (cd "$1" && find . -path ./.kamgr -prune -o -path ./.git -prune -o -type f -print | sort | xargs -d '\n' sha1sum) | sha1sum; }

finish() {
  if [ "$FAILURES" -gt 0 ]; then
    echo "$FAILURES failure(s)" >&2
    exit 1
  fi
  echo "ok"
}
