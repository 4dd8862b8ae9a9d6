#!/usr/bin/env bash
# A report's dirty flag says whether the files it read are the commit's (git_source.h),
# and neither the parse cache's blob IDs nor the remembered verdict (.kamgr/git-clean)
# ever change it: after each change to what a monthly KPI run reads, the flag is the
# expected one without the cache (KAMGR_NO_CACHE=1), on the run that may remember and
# on the next one.
source "$(dirname "$0")/lib/assert.sh"
export KAMGR_NOW=2026-11-30T12:00:00+08:00

d="$TMP/data"
demo_repo "$d"
commit() { git -C "$d" -c user.name=t -c user.email=t@x commit -qam "$1"; }

flag() {
  "$KAMGR" -C "$d" kpi run 2026-10 --format json |
    python3 -c 'import json, sys; s = json.load(sys.stdin)["source"]; print(s["commit"][:12], s["dirty"])'
}
# expect_dirty NAME True|False: the reference and two remembering runs all agree.
expect_dirty() {
  case_ "$1"
  local reference first second
  reference=$(KAMGR_NO_CACHE=1 flag)
  first=$(flag)
  second=$(flag)
  [ "${reference#* }" = "$2" ] || fail "without the cache dirty=${reference#* }, expected $2"
  [ "$first" = "$reference" ] || fail "first run: $first, reference: $reference"
  [ "$second" = "$reference" ] || fail "second run: $second, reference: $reference"
}

sleep 2.2  # past the racy window, so a clean verdict is remembered
expect_dirty "clean checkout" False
case_ "the clean verdict is remembered outside git"
expect_file "$d/.kamgr/git-clean"
[ "$(wc -l < "$d/.kamgr/git-clean")" -ge 1 ] || fail "no verdict remembered"
git -C "$d" status --porcelain | grep -q git-clean && fail "the verdict shows in git status"

c="$d/customers/ankang-shaoxing.yaml"
mtime=$(stat -c %y "$c")
sed -i 's/^since: 2019/since: 2018/' "$c" && touch -d "$mtime" "$c"
expect_dirty "a customer rewritten in place, same size and mtime" True
git -C "$d" checkout -q -- customers
expect_dirty "git checkout restores it" False

v="$d/visits/2026/10/20261015-zzzzzzzz.yaml"
cp "$(ls "$d"/visits/2026/10/*.yaml | head -1)" "$v"
sed -i 's/^id: .*/id: 20261015-zzzzzzzz/' "$v"
expect_dirty "an untracked visit in the month" True
rm "$v"
expect_dirty "the untracked visit removed" False

echo "notes" > "$d/customers/notes.txt"
expect_dirty "an untracked non-record file in a folder read: not read, not counted" False
printf 'customers/notes.txt\ncustomers/zz-*.yaml\n' > "$d/.gitignore.new"
cat "$d/.gitignore" >> "$d/.gitignore.new" 2>/dev/null
mv "$d/.gitignore.new" "$d/.gitignore"
git -C "$d" add .gitignore && commit "ignore notes"
expect_dirty "the same file ignored by .gitignore" False
sed 's/^id: .*/id: zz-ignored/' "$c" > "$d/customers/zz-ignored.yaml"
expect_dirty "an ignored customer file is read, and not in the commit" True
rm "$d/customers/zz-ignored.yaml"
expect_dirty "the ignored customer file removed" False

echo "# staged, then undone" >> "$c"
git -C "$d" add "$c"
git -C "$d" show HEAD:customers/ankang-shaoxing.yaml > "$c"
expect_dirty "a staged change undone in the work tree: the files read are the commit's" False
git -C "$d" reset -q

git -C "$d" config core.autocrlf true
sed -i 's/$/\r/' "$c"
sleep 2.2  # so the clean verdict is remembered: the config must be part of its key
expect_dirty "CRLF line ends that git (core.autocrlf) stores as the same blob" False
git -C "$d" config core.autocrlf false
expect_dirty "the same CRLF file without autocrlf (a remembered verdict must not hide it)" True
git -C "$d" checkout -q -- customers

echo "# reviewed" >> "$c"
git -C "$d" add "$c"
expect_dirty "a staged change" True
commit "reviewed"
expect_dirty "the change committed" False

sleep 2.2
expect_dirty "remembered again after aging" False
echo "# again" >> "$c"
expect_dirty "an append after a remembered clean verdict" True
git -C "$d" checkout -q -- customers
rm -f "$d/.kamgr/git-clean"
expect_dirty "a deleted verdict file" False
finish
