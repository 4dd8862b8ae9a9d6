#!/usr/bin/env bash
# Crash safety: kill kamgr with SIGKILL at random moments during many mutating commands
# (new records and appends), then: no partial or empty file, `check` clean, and every
# command that reported success is present.
source "$(dirname "$0")/lib/assert.sh"
F=$(copy_fixture basic)
RUNS=${KAMGR_CRASH_RUNS:-1000}
RANDOM=42
: >"$TMP/added"
: >"$TMP/appended"

exec 3>&2 2>/dev/null   # bash reports every killed job on stderr: silence it
for i in $(seq 1 "$RUNS"); do
  if [ $((i % 2)) = 0 ]; then
    "$KAMGR" -C "$F" --now 2026-11-23T10:00:00+08:00 --as zhao-liu visit add --customer gamma \
      --date 2026-11-21 --purpose "crash-$i" >"$TMP/out" 2>/dev/null &
  else
    "$KAMGR" -C "$F" --today 2026-11-23 -q customer set acme --owner zhang-san --date 2026-11-23 \
      >"$TMP/out" 2>/dev/null &
  fi
  pid=$!
  # Sleep 0-79 ms, then kill: sometimes before, during or after the write.
  sleep "$(printf '0.%03d' $((RANDOM % 80)))"
  kill -9 "$pid" 2>/dev/null
  if wait "$pid" 2>/dev/null; then
    if [ $((i % 2)) = 0 ]; then cat "$TMP/out" >>"$TMP/added"; else echo "$i" >>"$TMP/appended"; fi
  fi
done

exec 2>&3

case_ "no partial or empty files"
# A writer killed mid-write leaves only its hidden temporary file (.NAME.tmp-PID-N),
# which kamgr never reads; every real file is whole.
find "$F" -path "$F/.kamgr" -prune -o -type f -empty ! -name '.*.tmp-*' -print | grep . && fail "empty file"
while read -r id; do
  [ -f "$F/visits/2026/11/$id.yaml" ] || fail "reported visit $id missing"
done <"$TMP/added"
SUCCESS_APPENDS=$(wc -l <"$TMP/appended")
ON_DISK=$(grep -c '{date: 2026-11-23, owner: zhang-san}' "$F/customers/acme.yaml")
[ "$ON_DISK" -ge "$SUCCESS_APPENDS" ] || fail "$SUCCESS_APPENDS appends reported, $ON_DISK on disk"

case_ "check is clean after the crashes"
find "$F" -name '.*.tmp-*' -delete   # leftovers of killed writers are ignored temp files
run -C "$F" check -q
expect_code 0
echo "killed runs: $((RUNS - $(wc -l <"$TMP/added") - SUCCESS_APPENDS)) of $RUNS" >&2
finish
