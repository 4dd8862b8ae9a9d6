#!/usr/bin/env bash
# End-to-end: kamgr import team|customers|visits (docs/guide.md "Moving in") on a fresh
# `kamgr init` directory and on tests/fixtures/basic: UTF-8, UTF-8 with BOM and CRLF,
# GB18030 (as Excel saves "CSV" on Chinese Windows), refusals listing every bad row
# with nothing written, --dry-run, and check / visit compliance on what was imported.
source "$(dirname "$0")/lib/assert.sh"
CSV="$FIXTURES/import"
NOW=(--now 2026-11-02T09:00:00+08:00)

unchanged() {  # unchanged DIR: nothing was written since $before was taken
  [ "$(tree_digest "$1")" = "$before" ] || fail "the tree changed"
}
fresh() {  # fresh DIR: a new data directory
  "$KAMGR" init "$1" --org 测试 >/dev/null 2>&1 || fail "init $1"
}

D="$TMP/fresh"
fresh "$D"

case_ "team: managers named by later rows, IDs printed in row order"
run -C "$D" "${NOW[@]}" import team "$CSV/team.csv"
expect_code 0
expect_out "$(printf 'chen-zong\nli-xs\nwang-jl\nzhou-xs')"
expect_err_has "4 records imported from $CSV/team.csv"
expect_file "$D/team/wang-jl.yaml"
grep -qx 'handle: wangjl' "$D/team/wang-jl.yaml" || fail "handle without @"
grep -qx 'manager: wang-jl' "$D/team/li-xs.yaml" || fail "li-xs's manager"

case_ "team again: every row is a duplicate, nothing written"
before=$(tree_digest "$D")
run -C "$D" "${NOW[@]}" import team "$CSV/team.csv"
expect_code 2
expect_out ""
[ "$(grep -c "^$CSV/team.csv:[2-5]: id: member '.*' already exists$" <<<"$ERR")" = 4 ] || fail "4 duplicate lines"
expect_err_has "kamgr: error: nothing imported: fix the 4 bad rows listed above and run again"
unchanged "$D"

case_ "team: the team check of all rows, each problem on its own row"
before=$(tree_digest "$D")
run -C "$D" "${NOW[@]}" import team "$CSV/team-bad.csv"
expect_code 2
expect_out ""
expect_err_has "$CSV/team-bad.csv:3: manager: 'r2' is a rep, not a manager"
expect_err_lacks "team-bad.csv:2:"
expect_err_lacks "team-bad.csv:4:"
unchanged "$D"

case_ "customers --dry-run (UTF-8 with BOM, CRLF, quoted comma and quotes) writes nothing"
before=$(tree_digest "$D")
run -C "$D" "${NOW[@]}" import customers "$CSV/customers.csv" --dry-run --date 2026-09-01
expect_code 0
expect_out ""
expect_err_has "3 records checked in $CSV/customers.csv, none written (--dry-run)"
unchanged "$D"

case_ "customers: histories start on since, else on --date"
run -C "$D" "${NOW[@]}" import customers "$CSV/customers.csv" --date 2026-09-01
expect_code 0
expect_out "$(printf 'hr-wj\nyh\nbbg')"
grep -qx '  - {date: 2026-09-01, tier: key, owner: li-xs}' "$D/customers/hr-wj.yaml" || fail "hr-wj history"
grep -qx 'since: 2026-09-01' "$D/customers/hr-wj.yaml" || fail "hr-wj since"
grep -qx '  - {name: 王敏, title: 采购总监, phone: "13800000000"}' "$D/customers/hr-wj.yaml" || fail "hr-wj contact"
grep -qx '  - {date: 2026-09-01, tier: secondary, owner: zhou-xs}' "$D/customers/yh.yaml" || fail "yh history from --date"
grep -qx 'industry: "超市, 连锁"' "$D/customers/yh.yaml" || fail "quoted comma"
grep -qx 'name: 步步高 "商业"' "$D/customers/bbg.yaml" || fail "doubled quotes"
grep -qx '  - {date: 2026-10-15, tier: general, owner: wang-jl}' "$D/customers/bbg.yaml" || fail "bbg history"

case_ "visits with a step list in a multi-line cell, a customer by name"
run -C "$D" "${NOW[@]}" import visits "$CSV/visits.csv"
expect_code 0
[ "$(wc -l <<<"$OUT")" = 4 ] || fail "4 IDs"
expect_out_match '^20261008-[a-z0-9]{8}$'
expect_err_has "4 records imported"
id=$(head -1 <<<"$OUT")
f="$D/visits/2026/10/$id.yaml"
expect_file "$f"
grep -qx '  - {action: 发送报价单, due: 2026-10-10}' "$f" || fail "dated step"
grep -qx '  - {action: 安排试用}' "$f" || fail "second step"
grep -qx 'recorded_at: 2026-10-08T18:00:00+08:00' "$f" || fail "recorded_at from its column"
grep -qx 'recorded_at: 2026-11-02T09:00:00+08:00' "$D/visits/2026/10/$(sed -n 2p <<<"$OUT").yaml" || fail "recorded_at is now"
[ "$(grep -l 'customer: hr-wj' "$D"/visits/2026/10/*.yaml | wc -l)" = 2 ] || fail "华润万家 resolved to hr-wj"

case_ "the same visits again are refused as already recorded"
before=$(tree_digest "$D")
run -C "$D" "${NOW[@]}" import visits "$CSV/visits.csv"
expect_code 2
[ "$(grep -c ": row: the same visit is already recorded (visits/2026/10/" <<<"$ERR")" = 4 ] || fail "4 recorded lines"
unchanged "$D"

case_ "check is clean and visit compliance computes on the imported records"
run -C "$D" "${NOW[@]}" check
expect_code 0
expect_err_has "0 errors"
run -C "$D" "${NOW[@]}" visit compliance 2026-10 --by customer --format json
expect_code 0
# hr-wj key from 09-01: the weeks 09-28..10-04 (missed), 10-05..10-11 (10-08), 10-12..10-18
# (missed), 10-19..10-25 (10-20) end in October -> 4 required, 2 met; yh secondary:
# 09-21..10-04 (missed), 10-05..10-18 (10-12) -> 2, 1; bbg general is managed from 10-15,
# after October's window starts: not required. Timeliness: only the 10-08 visit was
# recorded on time (its recorded_at column), the others now -> 1/4.
expect_json '[(r["customer"], r["required"], r["met"]) for r in j["rows"]] == [("hr-wj", 4, 2), ("yh", 2, 1)]'
expect_json 'j["total"]["rate"] == 50 and j["total"]["visits"] == 4 and j["total"]["on_time"] == 1'

case_ "bad customers: every bad row listed with its field, nothing written"
before=$(tree_digest "$D")
run -C "$D" "${NOW[@]}" import customers "$CSV/customers-bad.csv"
expect_code 2
expect_out ""
B="$CSV/customers-bad.csv"
expect_err_has "$B:3: tier: invalid value for tier: 'kye' (expected general, key, secondary); did you mean 'key'?"
expect_err_has "$B:4: owner: unknown member 'nobody'"
expect_err_has "$B:5: since: invalid value for since: '2026-02-30' is not a date (YYYY-MM-DD)"
expect_err_has "$B:6: id: customer 'ok-1' is also on line 2"
expect_err_has "$B:7: owner: owner 'chen-zong' is a director; customers are owned by reps or managers"
expect_err_lacks "$B:2:"
expect_err_has "nothing imported: fix the 5 bad rows listed above and run again"
unchanged "$D"

case_ "bad visits: not managed yet, unknown customer and rep, future, empty purpose"
before=$(tree_digest "$D")
run -C "$D" "${NOW[@]}" import visits "$CSV/visits-bad.csv"
expect_code 2
B="$CSV/visits-bad.csv"
expect_err_has "$B:2: date: customer 'hr-wj' is not managed yet on 2026-08-15 (its history starts 2026-09-01)"
expect_err_has "$B:3: customer: unknown customer 'nobody'"
expect_err_has "$B:4: rep: unknown member 'ghost'"
expect_err_has "$B:5: date: the visit on 2027-01-05 is in the future (now is 2026-11-02T09:00:00+08:00)"
expect_err_has "$B:6: purpose: purpose is empty: say why you visited"
expect_err_lacks "$B:7:"
expect_err_has "$B:8: recorded_at: recorded_at 2026-10-01T10:00 is not between the visit's end (2026-10-23T00:00:00+08:00) and now"
expect_err_has "fix the 6 bad rows listed above"
unchanged "$D"

case_ "an unknown column is named with a suggestion"
run -C "$D" "${NOW[@]}" import customers "$CSV/unknown-column.csv"
expect_code 2
expect_err_has "$CSV/unknown-column.csv:1: tire: unknown column 'tire' (expected id, name, tier, owner, since,"
expect_err_has "did you mean 'tier'?"
expect_err_has "$CSV/unknown-column.csv:1: tier: the column 'tier' is required"

# GB18030: a second fresh directory takes the team, then the customers as Excel on
# Chinese Windows saves them (converted here from the UTF-8 fixture, as committed).
G="$TMP/gb"
fresh "$G"
"$KAMGR" -C "$G" "${NOW[@]}" import team "$CSV/team.csv" >/dev/null 2>&1 || fail "team into $G"
sed '1s/^\xEF\xBB\xBF//' "$CSV/customers.csv" | iconv -f UTF-8 -t GB18030 >"$TMP/gb.csv"
cmp -s "$TMP/gb.csv" "$CSV/customers-gb18030.csv" || fail "the committed GB18030 fixture is not iconv's"

case_ "GB18030 is read as such under auto, refused as utf-8"
before=$(tree_digest "$G")
run -C "$G" "${NOW[@]}" import customers "$TMP/gb.csv" --encoding utf-8
expect_code 2
expect_err_has "the file is not valid UTF-8 ($TMP/gb.csv:2)"
unchanged "$G"
run -C "$G" "${NOW[@]}" import customers "$TMP/gb.csv" --date 2026-09-01
expect_code 0
expect_out "$(printf 'hr-wj\nyh\nbbg')"
expect_err_has "$TMP/gb.csv is not UTF-8: read as GB18030"
grep -qx 'name: 华润万家' "$G/customers/hr-wj.yaml" || fail "decoded name"
# The same records as from the UTF-8 file.
for c in hr-wj yh bbg; do cmp -s "$G/customers/$c.yaml" "$D/customers/$c.yaml" || fail "$c differs"; done

case_ "bytes valid in neither encoding: the line is named"
printf 'id,name,tier,owner\r\nx,\xFF\xFF,key,li-xs\r\n' >"$TMP/bad-bytes.csv"
run -C "$G" import customers "$TMP/bad-bytes.csv"
expect_code 2
expect_err_has "the file is neither UTF-8 nor GB18030; save it as CSV UTF-8 ($TMP/bad-bytes.csv:2)"

case_ "--encoding gb18030 on the same file; a bad --encoding"
run -C "$G" "${NOW[@]}" import customers "$TMP/gb.csv" --encoding gb18030 --dry-run
expect_code 2
expect_err_has "$TMP/gb.csv:2: name: customer 'hr-wj' is already named '华润万家'"
run -C "$G" import customers "$TMP/gb.csv" --encoding latin1
expect_code 2
expect_err_has "invalid value for --encoding: 'latin1' (expected auto, utf-8 or gb18030)"

# On the basic fixture: members and customers that exist already.
F=$(copy_fixture basic)
case_ "basic: a customer whose name exists, an ID that exists"
printf 'id,name,tier,owner\nacme,新名字,key,zhang-san\nnew-one,華潤萬家,key,zhang-san\nfine,新客户,key,zhang-san\n' >"$TMP/dup.csv"
before=$(tree_digest "$F")
run -C "$F" "${NOW[@]}" import customers "$TMP/dup.csv"
expect_code 2
expect_err_has "$TMP/dup.csv:2: id: customer 'acme' already exists"
expect_err_has "$TMP/dup.csv:3: name: customer 'acme' is already named '華潤萬家'"
expect_err_has "fix the 2 bad rows listed above"
unchanged "$F"

case_ "basic: a rep under an existing manager, from standard input"
printf 'id,name,role,manager\nnew-rep,新人,rep,li-si\n' >"$TMP/rep.csv"
run -C "$F" "${NOW[@]}" import team - <"$TMP/rep.csv"
expect_code 0
expect_out "new-rep"
run -C "$F" "${NOW[@]}" check
expect_code 0

case_ "customer add --since starts the history then (unless --date says otherwise)"
run -C "$F" "${NOW[@]}" customer add --name 老客户 --tier key --owner zhang-san --id old --since 2026-03-01
expect_code 0
grep -qx '  - {date: 2026-03-01, tier: key, owner: zhang-san}' "$F/customers/old.yaml" || fail "history on --since"
run -C "$F" "${NOW[@]}" visit add --customer old --rep zhang-san --date 2026-04-02 --purpose 回访
expect_code 0
run -C "$F" "${NOW[@]}" customer add --name 另一个 --tier key --owner zhang-san --id other --since 2026-03-01 --date 2026-06-01
expect_code 0
grep -qx '  - {date: 2026-06-01, tier: key, owner: zhang-san}' "$F/customers/other.yaml" || fail "history on --date"

finish
