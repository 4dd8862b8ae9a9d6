#!/usr/bin/env bash
# The parse cache in .kamgr/cache never changes an output: compared with runs that do
# not use it (KAMGR_NO_CACHE=1) after edits within the same second, in-place rewrites
# that keep size and modification time, git checkouts, deletions and a corrupt or
# deleted cache. Also `check --changed`.
source "$(dirname "$0")/lib/assert.sh"
export KAMGR_NOW=2026-11-30T12:00:00+08:00

d="$TMP/data"
demo_repo "$d"

# outputs: the reports whose figures come from cached records, one file per run.
outputs() {
  "$KAMGR" -C "$d" visit list 2026-10 --format json
  "$KAMGR" -C "$d" kpi run 2026-10 --format json | grep -v '"commit"\|"dirty"'
  "$KAMGR" -C "$d" customer list --format json
  "$KAMGR" -C "$d" complaint list 2026 --format json
  "$KAMGR" -C "$d" check --format json
}
reference() { KAMGR_NO_CACHE=1 outputs > "$TMP/ref.out" 2>&1; }
# same_as_reference NAME: a cached run (twice: filling, then hitting) equals the reference.
same_as_reference() {
  case_ "$1"
  reference
  outputs > "$TMP/run1.out" 2>&1
  outputs > "$TMP/run2.out" 2>&1
  cmp -s "$TMP/ref.out" "$TMP/run1.out" || fail "first cached run differs from the reference"
  cmp -s "$TMP/ref.out" "$TMP/run2.out" || fail "second cached run differs from the reference"
}

sleep 2.2  # let the files age past the racy window, so they are cached
same_as_reference "cold then warm"
case_ "cache files exist per folder"
expect_file "$d/.kamgr/cache/customers.bin"
expect_file "$d/.kamgr/cache/visits/2026/10.bin"
expect_file "$d/.kamgr/cache/team.bin"
git -C "$d" status --porcelain | grep -q kamgr/cache && fail "the cache shows in git status"

visit=$(ls "$d"/visits/2026/10/*.yaml | head -1)
case_ "in-place rewrite keeping size and mtime"
cp -p "$visit" "$TMP/orig.yaml"
# Same inode, same size, same modification time: only the change time tells.
python3 - "$visit" <<'PY'
import re, sys
p = sys.argv[1]
text = open(p, encoding="utf-8").read()
new = re.sub(r"^purpose: ....$", "purpose: 临时改动", text, count=1, flags=re.M)
assert len(new.encode()) == len(text.encode()), "test setup: purpose is not 4 CJK characters"
with open(p, "r+b") as f:
    f.write(new.encode())
PY
[ "$(stat -c %s "$visit")" = "$(stat -c %s "$TMP/orig.yaml")" ] || fail "test setup: size changed"
touch -r "$TMP/orig.yaml" "$visit"
outputs > /dev/null 2>&1
same_as_reference "in-place rewrite keeping size and mtime"
grep -q 临时改动 "$TMP/run2.out" || fail "the rewritten purpose is not shown"

case_ "rewrite within the same second as the cache"
for i in 1 2 3; do
  sed -i "s/^purpose: .*/purpose: 改动${i}号/" "$visit"
  run -C "$d" visit list 2026-10 --format json
  expect_out_has "改动${i}号"
done

case_ "git checkout restores the committed file"
git -C "$d" checkout -q -- "$visit"
same_as_reference "git checkout"
grep -q 临时改动 "$TMP/run2.out" && fail "a stale purpose is shown after checkout"

case_ "a branch switch with other records"
git -C "$d" checkout -q -b other
victim=$(ls "$d"/customers/*.yaml | head -1)
sed -i 's/^name: .*/name: 分支客户名/' "$victim"
git -C "$d" -c user.name=t -c user.email=t@x commit -qam "rename" 
outputs > /dev/null 2>&1
git -C "$d" checkout -q -
same_as_reference "after switching back"
grep -q 分支客户名 "$TMP/run2.out" && fail "the other branch's customer name leaked"
git -C "$d" checkout -q other
same_as_reference "on the other branch"
grep -q 分支客户名 "$TMP/run2.out" || fail "the branch's customer name is missing"
git -C "$d" checkout -q -

case_ "deleted and added files"
mv "$visit" "$TMP/moved.yaml"
same_as_reference "a deleted visit"
mv "$TMP/moved.yaml" "$visit"
same_as_reference "the visit back"

case_ "a deleted cache"
rm -rf "$d/.kamgr/cache"
same_as_reference "deleted cache"

case_ "a corrupt cache"
for f in $(find "$d/.kamgr/cache" -name '*.bin'); do head -c 100 /dev/urandom >> "$f"; done
same_as_reference "corrupt cache (appended garbage)"
for f in $(find "$d/.kamgr/cache" -name '*.bin'); do printf 'KAMGR-PARSE-CACHE-4\n\377\377' > "$f"; done
same_as_reference "corrupt cache (truncated)"

case_ "a changed kamgr.yaml"
printf '\n# a comment\n' >> "$d/kamgr.yaml"
same_as_reference "changed kamgr.yaml"
git -C "$d" checkout -q -- kamgr.yaml

# --- check --changed --------------------------------------------------------------
case_ "check --changed: nothing staged"
run -C "$d" check --changed
expect_code 0

case_ "check --changed: a staged visit with an unknown customer"
bad="$d/visits/2026/11/20261120-zzzzzz.yaml"
cat > "$bad" <<'YAML'
id: 20261120-zzzzzz
customer: no-such-customer
rep: huang-li
date: 2026-11-20
purpose: 拜访
recorded_at: 2026-11-20T18:00:00+08:00
YAML
run -C "$d" check --changed
expect_code 0  # not staged yet: the index has no change
git -C "$d" add "$bad"
run -C "$d" check --changed
expect_code 1
expect_out_has "visits/2026/11/20261120-zzzzzz.yaml"
expect_out_has "unknown customer 'no-such-customer'"

case_ "check --changed warns about unstaged edits of a staged file"
echo "outcome: 补充" >> "$bad"
run -C "$d" check --changed
expect_err_has "has changes that are not staged"

case_ "check --changed: a staged valid visit, no unstaged edits"
good="$d/visits/2026/11/20261121-yyyyyy.yaml"
sed -e 's/^id: .*/id: 20261121-yyyyyy/' -e "s/^customer: .*/customer: $(ls "$d/customers" | head -1 | sed 's/.yaml$//')/" \
  "$bad" > "$good"
git -C "$d" add "$good"
git -C "$d" reset -q -- "$bad"
run -C "$d" check --changed
expect_code 0
expect_err_lacks "not staged"
git -C "$d" rm -q --cached "$good" && rm "$good"

case_ "check --changed: a staged customer with an unknown owner"
c1="$d/customers/$(ls "$d/customers" | head -1)"
sed -i 's/^\(  - {date: [0-9-]*, .*owner: \)[a-z-]*/\1no-such-rep/' "$c1"
grep -q "no-such-rep" "$c1" || fail "fixture edit"
git -C "$d" add "$c1"
run -C "$d" check --changed
expect_code 1
expect_out_has "no-such-rep"
git -C "$d" reset -q -- "$c1" && git -C "$d" checkout -q -- "$c1"
git -C "$d" add "$bad"

case_ "check --changed=HEAD sees untracked files"
git -C "$d" reset -q -- "$bad"
run -C "$d" check --changed=HEAD
expect_code 1
expect_out_has "20261120-zzzzzz.yaml"
rm "$bad"
run -C "$d" check --changed=HEAD
expect_code 0

case_ "check --changed: a deleted customer means a full check"
cust=$(grep -l "customer: " "$d"/visits/2026/10/*.yaml | head -1 | xargs grep '^customer:' | cut -d' ' -f2)
git -C "$d" rm -q "customers/$cust.yaml"
run -C "$d" check --changed
expect_code 1
expect_out_has "unknown customer '$cust'"
git -C "$d" reset -q HEAD -- "customers/$cust.yaml" && git -C "$d" checkout -q -- "customers/$cust.yaml"

case_ "check --changed: unknown revision"
run -C "$d" check --changed=no-such-ref
expect_code 2
expect_err_has "no-such-ref"

case_ "check --changed outside git"
rm -rf "$d/.git"
run -C "$d" check --changed
expect_code 2
expect_err_has "git work tree"

finish
