#!/usr/bin/env bash
# End-to-end: init, team, customer, visit add/list, check and the global options.
source "$(dirname "$0")/lib/assert.sh"
NOW=(--now 2026-11-23T10:00:00+08:00)

case_ "init creates a data directory"
run init "$TMP/new" --org 测试
expect_code 0
expect_file "$TMP/new/kamgr.yaml"
expect_file "$TMP/new/calendar/2026.yaml"
expect_file "$TMP/new/.gitignore"
[ -d "$TMP/new/.git" ] || fail "no git repository"
grep -q '2026-02-14' "$TMP/new/calendar/2026.yaml" || fail "2026 make-up day missing"
run init "$TMP/new"
expect_code 2
expect_err_has "already exists"

case_ "no data directory"
(cd "$TMP" && run visit list; expect_code 2; expect_err_has "kamgr init") 

case_ "team add and list"
D="$TMP/new"
run -C "$D" team add boss --name 老板 --role director
expect_code 0; expect_out "boss"
run -C "$D" team add li-si --name 李四 --role manager --manager boss
expect_code 0
run -C "$D" team add zhang-san --name 张三 --role rep
expect_code 2; expect_err_has "needs --manager"
run -C "$D" team add Zhang --name x --role rep --manager li-si
expect_code 2; expect_err_has "invalid member id"
run -C "$D" team add zhang-san --name 张三 --role rep --manager li-sy
expect_code 2; expect_err_has "did you mean 'li-si'"
run -C "$D" team add zhang-san --name 张三 --role rep --manager li-si
expect_code 0
printf 'id: zhang-san\nname: 张三\nrole: rep\nmanager: li-si\nactive: true\n' | cmp -s - "$D/team/zhang-san.yaml" || fail "canonical member file"
run -C "$D" team list --format json
expect_json 'len(j["members"]) == 3 and j["members"][2]["manager"] == "li-si"'

case_ "customer add, set appends, list"
run -C "$D" customer add --name 华润万家 --tier key --owner zhang-san --id crv --date 2026-01-05
expect_code 0; expect_out "crv"
cp "$D/customers/crv.yaml" "$TMP/crv.before"
run -C "$D" customer set 华润 --owner li-si --date 2026-06-01
expect_code 0
head -c "$(stat -c %s "$TMP/crv.before")" "$D/customers/crv.yaml" | cmp -s - "$TMP/crv.before" || fail "old bytes changed"
tail -n 1 "$D/customers/crv.yaml" | grep -qx '  - {date: 2026-06-01, owner: li-si}' || fail "appended entry"
run -C "$D" customer set crv --owner li-si --date 2026-05-01
expect_code 2; expect_err_has "before the last history entry"
run -C "$D" customer add --name X --tier vip --owner zhang-san
expect_code 2; expect_err_has "invalid value for --tier"
run -C "$D" --today 2026-07-01 customer list --format csv
expect_code 0
expect_out_has "crv,华润万家,key,li-si,active"

case_ "visit add on a fixture"
F=$(copy_fixture basic)
run -C "$F" "${NOW[@]}" --as zhang-san visit add --customer 華潤 --date 2026-11-20 --start 09:30 --end 10:00 --purpose 回訪 --next "送樣品@2026-11-25"
expect_code 0
expect_out_match '^20261120-[0-9a-z]{8}$'
ID=$OUT
expect_file "$F/visits/2026/11/$ID.yaml"
grep -qx 'recorded_at: 2026-11-23T10:00:00+08:00' "$F/visits/2026/11/$ID.yaml" || fail "recorded_at"
grep -qx '  - {action: 送樣品, due: 2026-11-25}' "$F/visits/2026/11/$ID.yaml" || fail "next step"

case_ "visit add refusals write nothing"
BEFORE=$(tree_digest "$F")
for args in \
  "--customer nobody --date 2026-11-20 --purpose x" \
  "--customer acme --date 2026-11-24 --purpose x" \
  "--customer acme --date 2026-02-30 --purpose x" \
  "--customer acme --date 2026-11-20 --start 25:00 --purpose x" \
  "--customer acme --date 2026-11-20 --start 10:00 --end 09:00 --purpose x" \
  "--customer 华润 --date 2026-11-20 --purpose x" \
  "--customer acme --date 2026-11-20 --purpose x --rep nobody"; do
  run -C "$F" "${NOW[@]}" --as zhang-san visit add $args
  [ "$CODE" = 2 ] || fail "expected exit 2 for: $args"
  case "$ERR" in "kamgr: error: "*) ;; *) fail "error format for: $args" ;; esac
done
run -C "$F" "${NOW[@]}" --as zhang-san visit add --customer acme --date 2026-11-20 --purpose "   "
expect_code 2; expect_err_has "--purpose is empty"
run -C "$F" "${NOW[@]}" visit add --customer acme --date 2026-11-20 --purpose x
expect_code 2; expect_err_has "who is acting"
[ "$(tree_digest "$F")" = "$BEFORE" ] || fail "a refused command wrote something"

case_ "ambiguous customer lists candidates"
run -C "$F" "${NOW[@]}" --as zhang-san visit add --customer 华润 --date 2026-11-20 --purpose x
expect_code 2; expect_err_has "ambiguous"; expect_err_has "beta (华润医药)"; expect_err_has "gamma"
run -C "$F" "${NOW[@]}" customer show 广州
expect_code 0; expect_out_has "gamma"

case_ "visit list and --now hides later records"
run -C "$F" visit list 2026-10 --format json --now 2026-10-23T00:00:00+08:00
expect_code 0
expect_json 'len(j["visits"]) == 1 and j["visits"][0]["id"] == "20261008-aaaaaa01"'
run -C "$F" visit list 2026-10 --rep zhao-liu --format csv --now 2026-11-01T00:00:00+08:00
expect_out_has "20261021-aaaaaa02"
expect_out_lacks "20261008-aaaaaa01"
run -C "$F" visit list 2026-13
expect_code 2; expect_err_has "invalid period"
run -C "$F" visit list --format xml
expect_code 2; expect_err_has "--format"

case_ "check is clean on the fixture"
run -C "$F" check
expect_code 0

case_ "check reports every problem with file and line"
B=$(copy_fixture basic)
printf 'id: zhang-san\nname: 张三\nrole: boss\n' > "$B/team/zhang-san.yaml"
printf 'id: acme\nname: x\nhistory:\n  - {date: 2026-02-30, tier: key, owner: nobody}\n' > "$B/customers/acme.yaml"
printf 'id: bad\nfoo: [\n' > "$B/customers/bad.yaml"
mv "$B/visits/2026/11/20261102-aaaaaa03.yaml" "$B/visits/2026/10/"
run -C "$B" check --format json
expect_code 1
expect_json 'any(e["file"]=="team/zhang-san.yaml" and e["line"]==3 and "role" in e["message"] for e in j["errors"])'
expect_json 'any(e["file"]=="customers/acme.yaml" and e["line"]==4 and "2026-02-30" in e["message"] for e in j["errors"])'
expect_json 'any(e["file"]=="customers/bad.yaml" and "syntax" in e["message"] for e in j["errors"])'
expect_json 'any(e["file"]=="visits/2026/10/20261102-aaaaaa03.yaml" and "folder" in e["message"] for e in j["errors"])'
run -C "$B" check
expect_code 1
expect_out_has "team/zhang-san.yaml:3: error:"

case_ "usage errors"
run -C "$F" visitt
expect_code 2; expect_err_has "did you mean 'visit'"
run -C "$F" visit list x --formt json
expect_code 2; expect_err_has "did you mean '--format'?"
run --version
expect_code 0; expect_out_has "kamgr "
run visit add --help
expect_code 0; expect_out_has "Example:"

finish
