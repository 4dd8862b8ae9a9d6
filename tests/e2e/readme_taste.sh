#!/usr/bin/env bash
# End-to-end: README's "A taste" block runs verbatim on a fresh `kamgr init`, every line
# succeeding, on the real clock (no --now: a new user's first minutes). check must find no
# errors (in December it warns that next year's calendar is missing, as it should).
source "$(dirname "$0")/lib/assert.sh"
README="$(dirname "$0")/../../README.md"

case_ "README's taste block runs verbatim"
BLOCK=$(python3 - "$README" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
start = text.index("## A taste")
body = text[text.index("```sh\n", start) + 6:]
print(body[:body.index("```")], end="")
PY
)
[ -n "$BLOCK" ] || fail "no taste block in README.md"
mkdir -p "$TMP/bin" "$TMP/taste"
ln -s "$KAMGR" "$TMP/bin/kamgr"
printf '%s\n' "$BLOCK" > "$TMP/taste.sh"
(cd "$TMP/taste" && PATH="$TMP/bin:$PATH" GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@x GIT_COMMITTER_NAME=t \
  GIT_COMMITTER_EMAIL=t@x bash -euo pipefail -x "$TMP/taste.sh") > "$TMP/taste.out" 2> "$TMP/taste.err" \
  || fail "the taste block failed: $(grep -v '^+' "$TMP/taste.err" | tail -3)"
OUT=$(cat "$TMP/taste.out")
expect_out_has '"member": "zhang-san"'
expect_out_has "zhang-san  张三"
grep -q "kamgr: 0 errors" "$TMP/taste.err" || fail "check found errors: $(tail -3 "$TMP/taste.err")"

finish
