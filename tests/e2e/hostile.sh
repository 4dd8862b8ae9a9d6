#!/usr/bin/env bash
# Hostile input: every case of tests/hostile/cases overlays one bad file on the basic
# fixture. `check` must report it (exit 1) naming the file, the command that reads it
# must refuse (exit 2) naming it, each within bounded time and memory, writing nothing.
# Cases named ok-* are unusual but valid and must be accepted.
source "$(dirname "$0")/lib/assert.sh"
CASES="$(cd "$(dirname "$0")/../hostile/cases" && pwd)"
NOW=(--now 2026-11-23T10:00:00+08:00)
# 2 GB of address space: an alias bomb or a huge file must not exceed it. (Not under
# AddressSanitizer, which reserves terabytes of shadow address space.)
[ -n "${ASAN_OPTIONS:-}" ] || ulimit -v 2000000

# reader_for PATH: the command (other than check) that must read this file.
reader_for() {
  case "$1" in
    team/*|kamgr.yaml) echo "team list" ;;
    customers/*) echo "customer list" ;;
    visits/*) echo "visit list 2026-11" ;;
    calendar/*) echo "" ;;
    kpi/*) echo "kpi run 2026-11" ;;
  esac
}

run_case() {  # run_case NAME DATADIR RELPATH
  local name=$1 d=$2 rel=$3 start end
  case_ "$name"
  local before
  before=$(tree_digest "$d")
  start=$(date +%s)
  OUT=$(timeout 20 "$KAMGR" -C "$d" "${NOW[@]}" check 2>"$TMP/.stderr") && CODE=0 || CODE=$?
  ERR=$(cat "$TMP/.stderr")
  end=$(date +%s)
  [ $((end - start)) -le 10 ] || fail "check took $((end - start)) s"
  if [[ "$name" == ok-* ]]; then
    expect_code 0
  else
    expect_code 1
    expect_out_has "$rel"
  fi
  local reader
  reader=$(reader_for "$rel")
  if [ -n "$reader" ]; then
    OUT=$(timeout 20 "$KAMGR" -C "$d" "${NOW[@]}" $reader 2>"$TMP/.stderr") && CODE=0 || CODE=$?
    ERR=$(cat "$TMP/.stderr")
    if [[ "$name" == ok-* ]]; then
      expect_code 0
    elif ! grep -q "warning" <<<"$ERR" || [ "$CODE" != 0 ]; then
      # A reference error (unknown owner...) is found by check only; a broken file must
      # stop the reader with exit 2 naming it.
      if [ "$CODE" != 0 ]; then
        expect_code 2
        expect_err_has "kamgr: error: "
      fi
    fi
  fi
  [ "$(tree_digest "$d")" = "$before" ] || fail "something was written"
}

# run_import NAME DATADIR KIND FILE [STDIN]: `kpi KIND import 2026-11 FILE` on the basic
# fixture must refuse the file (exit 2) with one-line errors naming it and a line,
# write nothing, and finish in bounded time; ok-* cases must be appended.
run_import() {
  local name=$1 d=$2 kind=$3 file=$4 input=${5:-/dev/null} before start end
  case_ "$name"
  before=$(tree_digest "$d")
  start=$(date +%s)
  OUT=$(timeout 20 "$KAMGR" -C "$d" "${NOW[@]}" kpi "$kind" import 2026-11 "$file" \
    <"$input" 2>"$TMP/.stderr") && CODE=0 || CODE=$?
  ERR=$(cat "$TMP/.stderr")
  end=$(date +%s)
  [ $((end - start)) -le 10 ] || fail "the import took $((end - start)) s"
  if [[ "$name" == ok-* ]]; then
    expect_code 0
    expect_file "$d/kpi/2026-11/${kind}s.yaml"
    run -C "$d" check
    expect_code 0
    return
  fi
  expect_code 2
  [ "$(tree_digest "$d")" = "$before" ] || fail "something was written"
  local shown=$file
  [ "$file" = - ] && shown="<stdin>"
  # Every line is short and starts with "kamgr:"; the first error names the file (and
  # a line when the file has one).
  grep -qvE '^kamgr: ' <<<"$ERR" && fail "a message spans several lines"
  awk 'length > 400 { exit 1 }' <<<"$ERR" || fail "a message line is over 400 bytes"
  local first
  first=$(head -1 <<<"$ERR")
  [[ "$first" == "kamgr: error: "* ]] || fail "no error on the first line"
  [[ "$first" =~ \(([^()]*):([0-9]+)\)$ && "${BASH_REMATCH[1]}" == "$shown" ]] \
    || [[ -n "${NO_LINE:-}" && "$first" == *"($shown)" ]] || fail "the error does not name $shown and a line"
}

N=0
for dir in "$CASES"/*/; do
  name=$(basename "$dir")
  d=$(copy_fixture basic)
  rel=$(cd "$dir" && find . -type f | sed 's|^\./||')
  case "$rel" in
    import/*.csv)
      kind=$(basename "$rel" .csv)
      run_import "$name" "$d" "${kind%s}" "$dir$rel" ;;
    *)
      cp -r "$dir"/. "$d"/
      run_case "$name" "$d" "$rel" ;;
  esac
  N=$((N + 1))
done

# Cases made at run time: too big to commit, or needing the file system.
d=$(copy_fixture basic)
{ cat "$FIXTURES/basic/team/zhang-san.yaml"; head -c 50000000 /dev/zero | tr '\0' 'x'; echo; } >"$d/team/zhang-san.yaml"
run_case "runtime-50mb-file" "$d" team/zhang-san.yaml
d=$(copy_fixture basic)
ln -s /etc/passwd "$d/team/evil.yaml"
run_case "runtime-symlink-out" "$d" team/evil.yaml
d=$(copy_fixture basic)
mkdir -p "$TMP/outside/2026" && cp "$FIXTURES/basic/visits/2026/11/"*.yaml "$TMP/outside/2026/"
rm -rf "$d/visits/2026/11" && ln -s "$TMP/outside/2026" "$d/visits/2026/11"
run_case "runtime-symlinked-folder-out" "$d" visits/2026/11/20261102-aaaaaa03.yaml
d=$(copy_fixture basic)
mkdir "$d/team/dir.yaml"
run_case "ok-runtime-folder-named-yaml" "$d" team/dir.yaml
if [ "$(id -u)" != 0 ]; then
  d=$(copy_fixture basic)
  chmod 000 "$d/team/zhang-san.yaml"
  run_case "runtime-unreadable" "$d" team/zhang-san.yaml
  chmod 644 "$d/team/zhang-san.yaml"
fi
# CSV imports made at run time: too big to commit, not a file, an endless pipe.
d=$(copy_fixture basic)
awk 'BEGIN { print "member,sales"; for (i = 1; i <= 3200000; i++) print "zhang-san," i }' \
  | head -c 52428800 >"$TMP/50mb.csv"
NO_LINE=1 run_import "runtime-csv-50mb" "$d" actual "$TMP/50mb.csv"
expect_err_has "too large"
{ printf 'member,sales\n'; head -c 5000000 /dev/zero | tr '\0' 'z'; printf ',1\n'; } >"$TMP/long-line.csv"
run_import "runtime-csv-5mb-line" "$d" actual "$TMP/long-line.csv"
NO_LINE=1 run_import "runtime-csv-folder" "$d" actual "$TMP"
expect_err_has "folder"
NO_LINE=1 run_import "runtime-csv-missing" "$d" target "$TMP/no-such.csv"
NO_LINE=1 run_import "runtime-csv-dev-zero" "$d" actual /dev/zero
NO_LINE=1 run_import "runtime-csv-endless-stdin" "$d" actual - <(yes zhang-san,sales,1)
run_import "runtime-csv-many-errors" "$d" actual - <(awk 'BEGIN { print "member,sales"; for (i = 1; i <= 5000; i++) print "nobody" i ",1" }')
expect_err_has "... and 4980 more"
echo "$((N + 11)) hostile cases" >&2
finish
