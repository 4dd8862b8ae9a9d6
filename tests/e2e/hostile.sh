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

N=0
for dir in "$CASES"/*/; do
  name=$(basename "$dir")
  d=$(copy_fixture basic)
  rel=$(cd "$dir" && find . -type f | sed 's|^\./||')
  cp -r "$dir"/. "$d"/
  run_case "$name" "$d" "$rel"
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
echo "$((N + 4)) hostile cases" >&2
finish
