#!/usr/bin/env bash
# End-to-end: what keeps kamgr from doing harm - typos in hand-edited keys, visits in the
# future or recorded before they ended, duplicate customer names, an import run twice,
# and the as_of every JSON document carries (docs/formats.md, docs/visits.md, docs/kpi.md).
source "$(dirname "$0")/lib/assert.sh"
NOW=(--now 2026-11-23T10:00:00+08:00)

case_ "a typo in a hand-edited key is a warning with file:line and did-you-mean"
D=$(copy_fixture basic)
V="$D/visits/2026/11/20261102-aaaaaa03.yaml"
printf 'outcom: 签约\nx-crm-id: 4711\n' >> "$V"
run -C "$D" "${NOW[@]}" check
expect_code 0
expect_out_has "visits/2026/11/20261102-aaaaaa03.yaml:7: warning: unknown field 'outcom' (ignored); did you mean 'outcome'?"
expect_out_lacks "x-crm-id"
run -C "$D" "${NOW[@]}" check --format json
expect_json 'len(j["errors"]) == 0 and any(w["line"] == 7 and "outcom" in w["message"] for w in j["warnings"])'
# Every other command reads the file as before: the unknown key is ignored.
run -C "$D" "${NOW[@]}" visit list 2026-11 --format json
expect_code 0
expect_json 'len(j["visits"]) == 1'
printf 'id: 20261102-aaaaaa03\ncustomer: gamma\nrep: zhao-liu\ndate: 2026-11-02\npurpose: 新客戶拜訪\nrecorded_at: 2026-11-02T20:00:00+08:00\n' > "$V"
printf -- '- {date: 2026-11-01, tier: key, ownr: zhao-liu}\n' >> "$D/customers/gamma.yaml"
run -C "$D" "${NOW[@]}" check
expect_out_has "customers/gamma.yaml:6: warning: unknown history entry field 'ownr' (ignored); did you mean 'owner'?"

case_ "check: a visit recorded before it ended is an error, one in the future a warning"
D=$(copy_fixture basic)
printf 'id: 20261120-bbbbbb01\ncustomer: gamma\nrep: zhao-liu\ndate: 2026-11-20\nstart: "14:00"\nend: "15:30"\npurpose: x\nrecorded_at: 2026-11-20T15:00:00+08:00\n' \
  > "$D/visits/2026/11/20261120-bbbbbb01.yaml"
mkdir -p "$D/visits/2026/12"
printf 'id: 20261201-bbbbbb02\ncustomer: gamma\nrep: zhao-liu\ndate: 2026-12-01\npurpose: x\nrecorded_at: 2026-12-01T18:00:00+08:00\n' \
  > "$D/visits/2026/12/20261201-bbbbbb02.yaml"
run -C "$D" "${NOW[@]}" check
expect_code 1
expect_out_has "visits/2026/11/20261120-bbbbbb01.yaml:1: error: field 'recorded_at': 2026-11-20T15:00:00+08:00 is before the visit ended (2026-11-20 15:30)"
expect_out_has "visits/2026/12/20261201-bbbbbb02.yaml:1: warning: visit dated 2026-12-01 is in the future (now is 2026-11-23T10:00:00+08:00)"
# A visit in the future that was recorded before it even began: both are said.
printf 'id: 20261125-bbbbbb03\ncustomer: gamma\nrep: zhao-liu\ndate: 2026-11-25\npurpose: x\nrecorded_at: 2026-11-22T10:00:00+08:00\n' \
  > "$D/visits/2026/11/20261125-bbbbbb03.yaml"
run -C "$D" "${NOW[@]}" check
expect_out_has "20261125-bbbbbb03.yaml:1: warning: visit dated 2026-11-25 is in the future"
expect_out_has "20261125-bbbbbb03.yaml:1: error: field 'recorded_at': 2026-11-22T10:00:00+08:00 is before the visit day (2026-11-25 00:00)"
rm "$D/visits/2026/11/20261125-bbbbbb03.yaml"
# On 2026-12-02 the December visit is in the past: only the error remains.
run -C "$D" --now 2026-12-02T09:00:00+08:00 check
expect_out_lacks "in the future"
# check --changed sees the same on the changed file alone.
git -C "$D" init -q && git -C "$D" add -A
run -C "$D" "${NOW[@]}" check --changed
expect_code 1
expect_out_has "is before the visit ended"

case_ "visit add and import refuse a visit recorded before it is over"
D=$(copy_fixture basic)
BEFORE=$(tree_digest "$D")
run -C "$D" "${NOW[@]}" --as zhao-liu visit add --customer gamma --date 2026-11-23 --start 09:00 --end 11:00 --purpose x
expect_code 2
expect_err_has "the visit ends at 2026-11-23T11:00:00+08:00, after now (2026-11-23T10:00:00+08:00): record it once it is over"
printf 'customer,rep,date,start,end,purpose,recorded_at\ngamma,zhao-liu,2026-11-11,14:00,16:00,b,2026-11-11T15:00:00+08:00\n' > "$TMP/v.csv"
run -C "$D" "${NOW[@]}" import visits "$TMP/v.csv"
expect_code 2
expect_err_has "is not between the visit's end (2026-11-11T16:00:00+08:00) and now"
[ "$(tree_digest "$D")" = "$BEFORE" ] || fail "a refused visit was written"
run -C "$D" "${NOW[@]}" --as zhao-liu visit add --customer gamma --date 2026-11-23 --start 09:00 --end 09:45 --purpose x
expect_code 0
run -C "$D" "${NOW[@]}" check
expect_code 0

case_ "customer add refuses an exact duplicate name; check warns about duplicates"
D=$(copy_fixture basic)
BEFORE=$(tree_digest "$D")
run -C "$D" "${NOW[@]}" customer add --name 华润医药 --tier key --owner zhang-san
expect_code 2
expect_err_has "a customer named '华润医药' exists already ('beta'); pass --allow-duplicate-name"
[ "$(tree_digest "$D")" = "$BEFORE" ] || fail "a refused customer add wrote something"
run -C "$D" "${NOW[@]}" customer add --name " 华润医药 " --tier key --owner zhang-san
expect_code 2
run -C "$D" "${NOW[@]}" customer add --name 华润医药 --tier key --owner zhang-san --id beta2 --allow-duplicate-name
expect_code 0; expect_out "beta2"
run -C "$D" "${NOW[@]}" check
expect_code 0
expect_out_has "customers/beta.yaml:1: warning: customer 'beta' has the same name '华润医药' as 'beta2'"
expect_out_has "customers/beta2.yaml:1: warning: customer 'beta2' has the same name '华润医药' as 'beta'"
# A name contained in another is not a duplicate.
run -C "$D" "${NOW[@]}" customer add --name 华润 --tier key --owner zhang-san --id hr
expect_code 0

case_ "kpi actual import twice appends nothing the second time"
D=$(copy_fixture basic)
printf 'member,sales,collection_rate\nzhang-san,1200000,94.2\nzhao-liu,800000,90\n' > "$TMP/fin.csv"
run -C "$D" "${NOW[@]}" kpi actual import 2026-11 "$TMP/fin.csv"
expect_code 0
expect_out "4 values for 2 members appended to kpi/2026-11/actuals.yaml (4 new, 0 changed, 0 unchanged)"
BEFORE=$(tree_digest "$D")
run -C "$D" "${NOW[@]}" kpi actual import 2026-11 "$TMP/fin.csv"
expect_code 0
expect_out "nothing appended to kpi/2026-11/actuals.yaml: every value is the one in force (0 new, 0 changed, 4 unchanged)"
[ "$(tree_digest "$D")" = "$BEFORE" ] || fail "a repeated import wrote something"
printf 'member,sales,collection_rate\nzhang-san,1250000,94.20\nzhao-liu,800000,90\nli-si,500000,\n' > "$TMP/fin2.csv"
run -C "$D" "${NOW[@]}" kpi actual import 2026-11 "$TMP/fin2.csv"
expect_out "2 values for 2 members appended to kpi/2026-11/actuals.yaml (1 new, 1 changed, 3 unchanged)"
[ "$(grep -c 'member:' "$D/kpi/2026-11/actuals.yaml")" = 4 ] || fail "expected 4 entries"
run -C "$D" "${NOW[@]}" kpi actual set 2026-11 --member zhang-san sales=1250000
expect_out_has "nothing appended"

case_ "JSON and YAML documents carry as_of"
D=$(copy_fixture basic)
run -C "$D" "${NOW[@]}" visit compliance 2026-11 --format json
expect_json 'j["as_of"] == "2026-11-23T10:00:00+08:00"'
run -C "$D" "${NOW[@]}" customer list --format yaml
expect_out_has "as_of: 2026-11-23T10:00:00+08:00"
KAMGR_NOW=2026-11-24T08:30:15.25+08:00 run -C "$D" check --format json
expect_json 'j["as_of"] == "2026-11-24T08:30:15+08:00"'

case_ "complaint summary defaults to this month; its CSV has every rate"
D=$(copy_fixture basic)
run -C "$D" "${NOW[@]}" complaint summary --format json
expect_code 0
expect_json 'j["period"] == {"from": "2026-11-01", "to": "2026-11-30"}'
run -C "$D" "${NOW[@]}" complaint summary --format csv
expect_code 0
[ "$(printf '%s\n' "$OUT" | head -1 | tr -d '\r')" = "group,received,contact_met_rate,answer_met_rate,still_open,mean_csat,callbacks_due,callbacks_done,callbacks_on_time,response_1h_rate,resolution_24h_rate,callback_rate,recovery_rate" ] \
  || fail "summary CSV header: $(printf '%s\n' "$OUT" | head -1)"

finish
