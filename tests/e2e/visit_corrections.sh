#!/usr/bin/env bash
# Correcting visits (docs/visits.md "Correcting a visit"): visit show, visit edit through
# $EDITOR (saved only when valid; moved when its month changes), visit remove --reason
# (--commit puts the reason in the commit message), who may do it, and nothing written on
# every refusal. Also visit list's CSV with every field and complaint list --customer.
# Fixture tests/fixtures/visits: director boss; manager li-si (reps zhang-san, wang-wu);
# manager wu-wei (rep zhao-liu); hr-x is added below.
source "$(dirname "$0")/lib/assert.sh"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
unset VISUAL EDITOR
NOW=(--now 2026-11-02T09:00:00+08:00)

fresh() {
  F=$(copy_fixture visits)
  printf 'id: hr-x\nname: 人事\nrole: hr\nactive: true\n' >"$F/team/hr-x.yaml"
  git -C "$F" init -q && echo .kamgr/ >"$F/.git/info/exclude"
  git -C "$F" add -A && git -C "$F" commit -qm base
}
ZS=visits/2026/10/20261002-v00002.yaml    # zhang-san's visit to acme, 10-02 09:00
WW=visits/2026/10/20261016-v00005.yaml    # wang-wu's visit to beta
ZL=visits/2026/10/20261008-v00004.yaml    # zhao-liu's visit to delta

# An editor script: sed -i with the expression in $SED_EXPR.
EDIT="$TMP/edit.sh"
printf '#!/bin/sh\nsed -i "$SED_EXPR" "$1"\n' >"$EDIT" && chmod +x "$EDIT"
edit() { SED_EXPR=$1 EDITOR="$EDIT" run -C "$F" "${NOW[@]}" --as "$2" visit edit "${@:3}" </dev/null; }

case_ "visit show: every field, the customer's name, the file"
fresh
run -C "$F" "${NOW[@]}" visit show 20261002-v00002
expect_code 0
expect_out_has "customer_name  华润万家"
expect_out_has "file           $ZS"
expect_out_match "end +10:00"
expect_out_match "outcome *"
run -C "$F" "${NOW[@]}" --format json visit show 20261002-v00002
expect_code 0
expect_json 'list(j) == ["id", "customer", "customer_name", "rep", "date", "start", "end", "purpose", "outcome", "feedback", "next_steps", "opportunity", "recorded_at", "file", "as_of"]'
expect_json 'j["customer"] == "acme" and j["customer_name"] == "华润万家" and j["file"] == "'$ZS'" and j["outcome"] is None'
run -C "$F" "${NOW[@]}" --format yaml visit show 20261002-v00002
expect_code 0
expect_out_has "customer_name: 华润万家"

case_ "visit show: an unknown or malformed ID is one line, exit 2"
run -C "$F" visit show 20261002-w00002
expect_code 2
expect_err_has "unknown visit '20261002-w00002'; did you mean '20261002-v00002'?"
[ "$(printf '%s\n' "$ERR" | wc -l)" = 1 ] || fail "more than one line"
run -C "$F" visit show ../../etc/passwd
expect_code 2
expect_err_has "is not a visit ID"

case_ "visit edit: a valid change is saved in place; an unchanged edit writes nothing"
fresh
edit 's/^purpose: 例行拜访$/purpose: 季度回顾/; $a\outcome: 同意试用' zhang-san 20261002-v00002
expect_code 0
expect_err_has "saved $ZS"
grep -q "^purpose: 季度回顾$" "$F/$ZS" || fail "edit not saved"
grep -q "^outcome: 同意试用$" "$F/$ZS" || fail "added field not saved"
expect_no_file "$F/.kamgr/edit/visits/20261002-v00002.yaml"
before=$(tree_digest "$F")
edit 's/nothing//' zhang-san 20261002-v00002
expect_code 0
expect_err_has "no changes to $ZS"
[ "$(tree_digest "$F")" = "$before" ] || fail "an unchanged edit wrote something"

case_ "visit edit: an invalid change is refused with file:line, the text kept, nothing saved"
fresh
before=$(tree_digest "$F")
edit 's/^date: 2026-10-02$/date: 2026-10-32/' zhang-san 20261002-v00002
expect_code 2
expect_err_has ".kamgr/edit/visits/20261002-v00002.yaml:4)"
expect_err_has "is not a date"
expect_err_has "your text is kept in $F/.kamgr/edit/visits/20261002-v00002.yaml"
[ "$(tree_digest "$F")" = "$before" ] || fail "the refused edit changed the data"
edit 's/2026-10-32/2026-10-01/' zhang-san 20261002-v00002
expect_code 0
expect_err_has "continuing your unsaved edit"
grep -q "^date: 2026-10-01$" "$F/$ZS" || fail "the second try was not saved"

case_ "visit edit: the id, recorded_at, an unknown customer and a visit after its entry are refused"
fresh
before=$(tree_digest "$F")
for expr in 's/^id: 20261002-v00002$/id: 20261002-v00099/' \
            's/^recorded_at: .*/recorded_at: 2026-10-05T18:00:00+08:00/' \
            's/^customer: acme$/customer: acne/' \
            's/^start: "09:00"$/start: "19:00"/; /^end:/d' \
            's/^rep: zhang-san$/rep: zhao-liu/'; do
  rm -rf "$F/.kamgr/edit"
  edit "$expr" zhang-san 20261002-v00002
  expect_code 2
  case "$expr" in
    *id:*) expect_err_has "id '20261002-v00099' does not match the file name '20261002-v00002.yaml' (.kamgr/edit/visits/20261002-v00002.yaml:1)" ;;
    *recorded_at*) expect_err_has "field 'recorded_at': it is set when the visit is added and cannot change (it is 2026-10-02T18:00:00+08:00) (.kamgr/edit/visits/20261002-v00002.yaml:8)" ;;
    *acne*) expect_err_has "unknown customer 'acne'; did you mean 'acme'?" ;;
    *19:00*) expect_err_has "the visit on 2026-10-02 19:00 would start after it was recorded (2026-10-02T18:00:00+08:00)" ;;
    *zhao-liu*) expect_err_has "field 'rep': 'zhang-san' may not make this the visit of 'zhao-liu'" ;;
  esac
done
[ "$(tree_digest "$F")" = "$before" ] || fail "a refused edit changed the data"
rm -rf "$F/.kamgr/edit"
# The rep's manager may give it to another rep of the team.
edit 's/^rep: zhang-san$/rep: wang-wu/' li-si 20261002-v00002
expect_code 0
grep -q "^rep: wang-wu$" "$F/$ZS" || fail "the manager's change of rep was not saved"

case_ "visit edit: a new month moves the file (the old one gone, one file, check clean)"
fresh
edit 's/^date: 2026-10-02$/date: 2026-09-30/' zhang-san 20261002-v00002
expect_code 0
expect_err_has "saved visits/2026/09/20261002-v00002.yaml (moved from $ZS)"
expect_no_file "$F/$ZS"
expect_file "$F/visits/2026/09/20261002-v00002.yaml"
[ "$(find "$F/visits" -name '20261002-v00002*' | wc -l)" = 1 ] || fail "not exactly one file"
[ -z "$(find "$F/visits" -name '.*tmp*')" ] || fail "a temporary file was left"
run -C "$F" "${NOW[@]}" check
expect_code 0
run -C "$F" "${NOW[@]}" --format json visit show 20261002-v00002
expect_json 'j["file"] == "visits/2026/09/20261002-v00002.yaml" and j["date"] == "2026-09-30"'
# With --commit: the commit holds the old path's removal and the new file.
fresh
SED_EXPR='s/^date: 2026-10-02$/date: 2026-09-29/' EDITOR="$EDIT" run -C "$F" "${NOW[@]}" --as zhang-san --commit visit edit 20261002-v00002 </dev/null
expect_code 0
[ -z "$(git -C "$F" status --porcelain)" ] || fail "the move was not committed whole: $(git -C "$F" status --porcelain)"
git -C "$F" show --name-status --format= HEAD >"$TMP/names"
grep -q "visits/2026/09/20261002-v00002.yaml" "$TMP/names" || fail "the commit lacks the new path: $(cat "$TMP/names")"
grep -q "$ZS" "$TMP/names" || fail "the commit does not remove the old path: $(cat "$TMP/names")"
[ "$(git -C "$F" log -1 --format=%s)" = "kamgr --as zhang-san visit edit 20261002-v00002" ] || fail "subject: $(git -C "$F" log -1 --format=%s)"

case_ "visit edit killed at random moments while moving between months: always one file"
fresh
TOGGLE="$TMP/toggle.sh"
printf '#!/bin/sh\nif grep -q "^date: 2026-10-02$" "$1"; then sed -i "s/^date: 2026-10-02$/date: 2026-09-30/" "$1"; else sed -i "s/^date: .*/date: 2026-10-02/" "$1"; fi\n' >"$TOGGLE"
chmod +x "$TOGGLE"
RANDOM=7
exec 3>&2 2>/dev/null   # bash reports every killed job on stderr: silence it
for i in $(seq 1 60); do
  EDITOR="$TOGGLE" "$KAMGR" -C "$F" "${NOW[@]}" -q --as zhang-san visit edit 20261002-v00002 </dev/null >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '0.%03d' $((RANDOM % 40)))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  n=$(find "$F/visits" -name '20261002-v00002.yaml' | wc -l)
  [ "$n" = 1 ] || { exec 2>&3; fail "run $i: $n files hold the visit"; break; }
done
exec 2>&3
find "$F" -name '.*.tmp-*' -delete   # leftovers of killed writers are ignored temp files
EDITOR="$TOGGLE" run -C "$F" "${NOW[@]}" --as zhang-san visit edit 20261002-v00002 </dev/null
expect_code 0
run -C "$F" "${NOW[@]}" check
expect_code 0
[ "$(find "$F/visits" -name '20261002-v00002.yaml' | wc -l)" = 1 ] || fail "not one file at the end"

case_ "visit edit: who may (rep, their manager, a director) and who may not"
fresh
before=$(tree_digest "$F")
for who in wang-wu zhao-liu wu-wei hr-x; do
  edit 's/例行拜访/改/' "$who" 20261002-v00002
  expect_code 2
  expect_err_has "only the rep who recorded the visit (zhang-san), their manager (li-si) or a director may edit it; '$who'"
  [ "$(printf '%s\n' "$ERR" | wc -l)" = 1 ] || fail "$who: more than one line"
  expect_no_file "$F/.kamgr/edit/visits/20261002-v00002.yaml"
done
[ "$(tree_digest "$F")" = "$before" ] || fail "a refused member changed the data"
edit 's/^purpose: 例行拜访$/purpose: 经理改/' li-si 20261002-v00002
expect_code 0
edit 's/^purpose: 经理改$/purpose: 总监改/' boss 20261002-v00002
expect_code 0
grep -q "^purpose: 总监改$" "$F/$ZS" || fail "the director's edit was not saved"
EDITOR="$EDIT" run -C "$F" "${NOW[@]}" visit edit 20261002-v00002 </dev/null
expect_code 2
expect_err_has "who is acting?"

case_ "visit remove: refused for another rep, another team's rep and manager, HR; nothing written"
fresh
before=$(tree_digest "$F")
for who in wang-wu zhao-liu wu-wei hr-x; do
  run -C "$F" "${NOW[@]}" --as "$who" --commit visit remove 20261002-v00002 --reason 重复
  expect_code 2
  expect_err_has "may remove it; '$who'"
done
run -C "$F" "${NOW[@]}" --as zhang-san visit remove 20261002-v00002 --reason " "
expect_code 2
expect_err_has "--reason is empty"
run -C "$F" "${NOW[@]}" --as zhang-san visit remove 20261002-v00002
expect_code 2
expect_err_has "--reason is required"
run -C "$F" "${NOW[@]}" --as zhang-san visit remove 20261002-v0000x --reason x
expect_code 2
expect_err_has "unknown visit"
[ "$(tree_digest "$F")" = "$before" ] || fail "a refused remove changed the data"
[ "$(git -C "$F" rev-list --count HEAD)" = 1 ] || fail "a refused remove committed"

case_ "visit remove: the rep, the team's manager and a director; --commit carries the reason"
run -C "$F" "${NOW[@]}" --as zhang-san --commit visit remove 20261002-v00002 --reason "重复录入 (duplicate)"
expect_code 0
expect_err_has "removed $ZS"
expect_no_file "$F/$ZS"
[ -z "$(git -C "$F" status --porcelain)" ] || fail "the removal was not committed: $(git -C "$F" status --porcelain)"
msg=$(git -C "$F" log -1 --format=%B)
case "$msg" in *"Reason: 重复录入 (duplicate)"*) ;; *) fail "commit message lacks the reason: $msg" ;; esac
case "$msg" in "kamgr --as zhang-san visit remove 20261002-v00002 --reason 重复录入 (duplicate)"*) ;; *) fail "commit subject: $msg" ;; esac
git -C "$F" show --name-status --format= HEAD | grep -q "^D.$ZS" || fail "not committed as a removal"
run -C "$F" "${NOW[@]}" --as li-si visit remove 20261016-v00005 --reason 客户取消
expect_code 0
expect_no_file "$F/$WW"
run -C "$F" "${NOW[@]}" --as boss --commit visit remove 20261008-v00004 --reason 测试数据
expect_code 0
expect_no_file "$F/$ZL"
git -C "$F" log -1 --format=%B | grep -q "Reason: 测试数据" || fail "the director's reason"
# Without --commit the removal of wang-wu's visit is left for the user to commit.
git -C "$F" status --porcelain | grep -q "^ D $WW" || fail "the uncommitted removal: $(git -C "$F" status --porcelain)"
run -C "$F" "${NOW[@]}" check
expect_code 0

case_ "visit remove --commit of a visit git never knew"
fresh
ID=$("$KAMGR" -C "$F" "${NOW[@]}" --as zhao-liu visit add --customer delta --date 2026-11-01 --purpose 回访)
run -C "$F" "${NOW[@]}" --as zhao-liu --commit visit remove "$ID" --reason 录错
expect_code 0
[ "$(git -C "$F" rev-list --count HEAD)" = 1 ] || fail "an empty commit was made"

case_ "visit list --format csv carries every field"
fresh
ID=$("$KAMGR" -C "$F" "${NOW[@]}" --as zhang-san visit add --customer acme --date 2026-10-30 --start 09:30 --end 10:45 --purpose 回顾 --outcome 同意 --feedback 价格高 --next 报价@2026-11-04 --next 试用)
run -C "$F" "${NOW[@]}" --format csv visit list --from 2026-10-30 --to 2026-10-30 --customer acme
expect_code 0
printf '%s' "$OUT" | python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
assert list(rows[0]) == ["date", "start", "customer", "rep", "id", "purpose", "end", "outcome", "feedback", "next_steps", "opportunity", "recorded_at"], list(rows[0])
r = rows[0]
assert (r["end"], r["outcome"], r["feedback"], r["recorded_at"]) == ("10:45", "同意", "价格高", "2026-11-02T09:00:00+08:00"), r
assert r["next_steps"] == "报价@2026-11-04\n试用", r["next_steps"]
' || fail "csv columns"

case_ "complaint list --customer by ID or name"
F=$(copy_fixture complaints)
run -C "$F" --today 2026-12-01 --format json complaint list
all=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["complaints"]))')
run -C "$F" --today 2026-12-01 --format json complaint list --customer acme
expect_code 0
expect_json 'len(j["complaints"]) == 4 and all(c["customer"] == "acme" for c in j["complaints"])'
name=$(grep '^name:' "$F/customers/acme.yaml" | sed 's/^name: //')
run -C "$F" --today 2026-12-01 --format json complaint list --customer "$name"
expect_code 0
expect_json 'j["complaints"] and all(c["customer"] == "acme" for c in j["complaints"])'
run -C "$F" --today 2026-12-01 --format json complaint list --customer 医药
expect_json 'len(j["complaints"]) == 3 and all(c["customer"] == "beta" for c in j["complaints"])'
run -C "$F" --today 2026-12-01 complaint list --customer nobody
expect_code 2
expect_err_has "unknown customer 'nobody'"
[ "$all" -gt 0 ] || fail "the fixture has no complaints"
finish
