#!/usr/bin/env bash
# End-to-end: kpi run / explain / target check on tests/fixtures/kpi with hand-computed
# results, and kpi target|actual set|import with their refusals.
source "$(dirname "$0")/lib/assert.sh"
NOW=(--now 2026-11-03T12:00:00+08:00)
F=$(copy_fixture kpi)

# Hand computation for 2026-10 (kamgr.yaml weights: sales 30, collection_rate 10,
# new_customers 10, visit_compliance 10, visit_timeliness 5, complaint_rate 10 (lower),
# complaint_sla 5, csat 5, churn 5 (lower), profile_completeness 10; cap 120).
#
# Visit windows ending in October before today (2026-11-03); 1w = ISO weeks, 2w from
# 2024-01-01 (Sep 21-Oct 4, Oct 5-18), 1m = October:
#   alpha (key, rep-a): Sep28-Oct4 met (Sep 30), Oct5-11 met (Oct 8), Oct12-18 missed,
#                       Oct19-25 met (Oct 20)
#   gamma (secondary): Sep21-Oct4 owner rep-b met (Oct 1); Oct5-18 owner rep-a missed
#   beta: lost on Oct 31, no window. delta (mgr): October met (Oct 15)
#   epsilon (key, rep-b, managed from Oct 12): Oct12-18 met (Oct 13); Oct19-25 missed
#                       (the Oct 22 visit was recorded on Nov 4, after now)
#   zeta (general, rep-b): October met (Oct 27)
#   rep-a 3/5 = 60; rep-b 3/4 = 75; mgr and boss 7/10 = 70
# Timeliness over October visits: rep-a Oct 8 late (start 09:00, recorded next day
#   09:30), Oct 20 on time -> 50; rep-b Oct 1 late, Oct 13 and Oct 27 on time -> 66.67;
#   mgr 4/6 = 66.67
# new_customers: alpha (since Oct 5, rep-a), epsilon (Oct 12, rep-b): rep-a 1, rep-b 1, mgr 2
# churn: beta lost Oct 20 (rep-a): rep-a 1, rep-b 0, mgr 1
# complaint_rate: rep-a {alpha, gamma} both with one -> 100; rep-b {epsilon, zeta}: 1/2 =
#   50; mgr 4/5 = 80 (zeta has none)
# complaint_sla: rep-a kpcx0001 met, kpcx0002 contact late -> 1/2 = 50; rep-b kpcx0007
#   met (gamma was rep-b's on Oct 9), kpcx0003 pending (left out) -> 100; mgr 3/4 = 75
# csat (closed in October): rep-a 4, 2, 3 -> 3; rep-b none -> null; mgr 4,2,3,5 -> 3.5
# profile_completeness: alpha 6/6, gamma 3/6, delta 2/6, epsilon 1/6, zeta 4/6:
#   rep-a (100 + 50)/2 = 75; rep-b (16.67 + 66.67)/2 = 41.67; mgr 53.33
#
# rep-a: sales 150000/120000 (latest target) = 125 -> 120 x30 = 3600; collection 85.5/90
#   = 95 x10 = 950; new 1/2 = 50 x10 = 500; compliance 60/80 = 75 x10 = 750; timeliness
#   50/90 = 55.56 x5 = 277.78; complaint_rate 40/100 = 40 x10 = 400; sla 50/90 = 55.56
#   x5 = 277.78; csat 3/4 = 75 x5 = 375; churn 1/1 = 100 x5 = 500; profile 75/80 =
#   93.75 x10 = 937.5. Sum 8568.06 / 100 = 85.68
# rep-b: sales 75 x30 = 2250; collection 99/95 = 104.21 x10 = 1042.11; new 100 x10 =
#   1000; compliance 75/90 = 83.33 x10 = 833.33; timeliness 66.67/90 = 74.07 x5 =
#   370.37; complaint_rate 25/50 = 50 x10 = 500; sla 100/90 = 111.11 x5 = 555.56; csat
#   null (left out); churn actual 0 -> cap 120 x5 = 600; profile 41.67/80 = 52.08 x10 =
#   520.83. Sum 7672.20 / 95 = 80.76
# mgr: sales 105 x30; collection 101.33 x10; new 2/4 = 50 x10; compliance 70/85 = 82.35
#   x10; timeliness 74.07 x5; complaint_rate 30/80 = 37.5 x10; sla 75/90 = 83.33 x5;
#   csat 87.5 x5; churn 2/1 = 200 -> 120 x5; profile 53.33/70 = 76.19 x10 = 8448.30/100
#   = 84.48
# boss (everyone): sales and collection_rate have no actual -> incomplete; new 2/3 =
#   66.67 x10; compliance 82.35 x10; churn 120 x5 -> 2090.20 / 25 = 83.61

case_ "kpi run: JSON shape and hand-computed scores"
run -C "$F" "${NOW[@]}" --format json kpi run 2026-10
expect_code 0
expect_json 'list(j) == ["period", "members", "as_of"] and j["period"] == "2026-10"'
expect_json '[m["member"] for m in j["members"]] == ["boss", "mgr", "rep-a", "rep-b"]'
expect_json 'list(j["members"][0])[:5] == ["member", "name", "complete", "kpi_score", "metrics"]'
expect_json 'list(j["members"][2]["metrics"][0])[:7] == ["metric","weight","better","target","actual","achievement","score"]'
expect_json '{m["member"]: m["kpi_score"] for m in j["members"]} == {"boss": 83.61, "mgr": 84.48, "rep-a": 85.68, "rep-b": 80.76}'
expect_json '[m["complete"] for m in j["members"]] == [False, True, True, True]'
expect_json 'j["members"][0]["missing"] == ["sales", "collection_rate"]'
A='{x["metric"]: x for x in j["members"][2]["metrics"]}'
expect_json "(lambda a: a['sales']['target'] == 120000 and a['sales']['achievement'] == 125 and a['sales']['score'] == 120)($A)"
expect_json "(lambda a: [a[k]['actual'] for k in ['visit_compliance','visit_timeliness','new_customers','complaint_rate','complaint_sla','csat','churn','profile_completeness']] == [60, 50, 1, 100, 50, 3, 1, 75])($A)"
expect_json "(lambda a: a['complaint_rate']['better'] == 'lower' and a['complaint_rate']['score'] == 40)($A)"
B='{x["metric"]: x for x in j["members"][3]["metrics"]}'
expect_json "(lambda b: [b[k]['actual'] for k in ['visit_compliance','visit_timeliness','complaint_rate','complaint_sla','csat','churn','profile_completeness']] == [75, 66.67, 50, 100, None, 0, 41.67])($B)"
expect_json "(lambda b: b['churn']['score'] == 120 and b['csat']['score'] is None)($B)"
M='{x["metric"]: x for x in j["members"][1]["metrics"]}'
expect_json "(lambda m: [m[k]['actual'] for k in ['visit_compliance','visit_timeliness','new_customers','complaint_rate','complaint_sla','csat','churn','profile_completeness']] == [70, 66.67, 2, 80, 75, 3.5, 1, 53.33])($M)"

case_ "kpi run --strict exits 1 when a member is incomplete"
run -C "$F" "${NOW[@]}" kpi run 2026-10 --strict
expect_code 1
expect_out_has "boss is incomplete: no actual for sales, collection_rate"
run -C "$F" "${NOW[@]}" kpi run 2026-10 --member rep-a --strict
expect_code 0
expect_out_has "KPI 85.68"
expect_out_match 'sales +30 +higher +120000 +150000 +125 +120'

case_ "kpi run as CSV and YAML"
run -C "$F" "${NOW[@]}" --format csv kpi run 2026-10
expect_code 0
expect_out_has "period,member,name,complete,kpi_score,metric,weight,better,target,actual,achievement,score"
expect_out_has "2026-10,rep-a,甲,true,85.68,sales,30,higher,120000,150000,125,120"
[ "$(printf '%s\n' "$OUT" | wc -l)" = 36 ] || fail "expected 35 metric rows and a header"
run -C "$F" "${NOW[@]}" --format yaml kpi run 2026-10 --member rep-b
expect_code 0
printf '%s' "$OUT" | python3 -c 'import sys,yaml; d=yaml.safe_load(sys.stdin); sys.exit(0 if d["members"][0]["kpi_score"] == 80.76 else 1)' \
  || fail "yaml output"

case_ "kpi run --by team"
run -C "$F" "${NOW[@]}" --format json kpi run 2026-10 --by team
expect_code 0
# mgr's reps: (85.68 + 80.76) / 2 = 83.22; boss's report mgr: 84.48
expect_json '[(t["manager"], t["members"], t["mean"]) for t in j["teams"]] == [("boss", 1, 84.48), ("mgr", 2, 83.22)]'
expect_json 'j["teams"][1]["kpi_score"] == 84.48'

case_ "kpi explain: the records behind every figure"
run -C "$F" "${NOW[@]}" --format json kpi explain 2026-10 --member rep-a
expect_code 0
X='{x["metric"]: x for x in j["metrics"]}'
expect_json "(lambda x: [(i['kind'], i['file'], i['line'], i['counted']) for i in x['sales']['inputs'] if i['kind'] == 'target'] == [('target', 'kpi/2026-10/targets.yaml', 7, True), ('target', 'kpi/2026-10/targets.yaml', 5, False)])($X)"
expect_json "(lambda x: sorted((i['kind'], i['subject']) for i in x['visit_compliance']['inputs'] if i['kind'] == 'window_missed') == [('window_missed', 'alpha'), ('window_missed', 'gamma')])($X)"
expect_json "(lambda x: [i['subject'] for i in x['visit_timeliness']['inputs'] if i['kind'] == 'visit_late'] == ['20261008-kpi00002'])($X)"
expect_json "(lambda x: [i['subject'] for i in x['new_customers']['inputs'] if i['kind'] == 'customer_new'] == ['alpha'] and [i['subject'] for i in x['churn']['inputs'] if i['kind'] == 'customer_lost'] == ['beta'])($X)"
expect_json "(lambda x: sorted(i['subject'] for i in x['csat']['inputs'] if i['kind'] == 'complaint_closed') == ['20260925-kpcx0005', '20261014-kpcx0001', '20261016-kpcx0002'])($X)"
expect_json 'j["kpi_score"] == 85.68 and j["scope"] == ["rep-a"]'
run -C "$F" "${NOW[@]}" kpi explain 2026-10 --member mgr
expect_code 0
expect_out_has "kpi/2026-10/actuals.yaml:3"
expect_out_has "computed metrics cover the customers of mgr, rep-a, rep-b"
run -C "$F" "${NOW[@]}" kpi explain 2026-10 --member nobdy
expect_code 2
expect_err_has "unknown member 'nobdy'"

case_ "quarter: the quarter's own targets, else summed or averaged months"
run -C "$F" "${NOW[@]}" --format json kpi run 2026-Q4
expect_code 0
# rep-a sales: targets 120000 + 100000, actuals 150000 + 50000 -> 200000/220000 = 90.91
# collection_rate: targets (90 + 80)/2 = 85, actual October's 85.5 (November missing)
Q='{x["metric"]: x for x in [m for m in j["members"] if m["member"] == "rep-a"][0]["metrics"]}'
expect_json "(lambda q: (q['sales']['target'], q['sales']['actual'], q['sales']['achievement']) == (220000, 200000, 90.91))($Q)"
expect_json "(lambda q: (q['collection_rate']['target'], q['collection_rate']['actual']) == (85, 85.5))($Q)"
expect_json '[m for m in j["members"] if m["member"] == "rep-a"][0]["missing"] == ["collection_rate 2026-11"]'
# rep-b sales from kpi/2026-Q4/targets.yaml: 60000 / 250000 = 24
R='{x["metric"]: x for x in [m for m in j["members"] if m["member"] == "rep-b"][0]["metrics"]}'
expect_json "(lambda r: (r['sales']['target'], r['sales']['achievement']) == (250000, 24))($R)"
run -C "$F" "${NOW[@]}" kpi run 2026
expect_code 0
run -C "$F" "${NOW[@]}" kpi run 2026-W44
expect_code 2
expect_err_has "expected a month"

case_ "target check: the cascade"
run -C "$F" "${NOW[@]}" --format json kpi target check 2026-10
expect_code 1
# mgr new_customers 4 vs rep-a 2 + rep-b 1; boss 3 vs mgr 4; sales and churn add up
expect_json '[(r["member"], r["metric"], r["gap"]) for r in j["rows"] if r["status"] != "ok"] == [("boss", "new_customers", -1), ("mgr", "new_customers", 1)]'
expect_json 'j["gaps"] == 2 and len(j["rows"]) == 6'
run -C "$F" "${NOW[@]}" kpi target check 2026-11
expect_code 1
expect_out_has "no target"

case_ "source: the commit and dirty flag when the data is in git"
G=$(copy_fixture kpi)
(cd "$G" && git init -q && git add -A && git -c user.email=t@example.com -c user.name=t commit -qm init)
run -C "$G" "${NOW[@]}" --format json kpi run 2026-10
expect_json 'len(j["source"]["commit"]) == 40 and j["source"]["dirty"] is False and list(j)[:3] == ["period", "source", "members"]'
echo "# edited" >> "$G/kpi/2026-10/actuals.yaml"
run -C "$G" "${NOW[@]}" --format json kpi run 2026-10
expect_json 'j["source"]["dirty"] is True'

case_ "target set: creates a canonical file, then appends keeping every byte"
run -C "$F" "${NOW[@]}" kpi target set 2026-12 --member rep-a sales=90000 complaint_rate=0
expect_code 0
expect_out_has "kpi/2026-12/targets.yaml"
printf 'entries:\n  - {member: rep-a, sales: 90000, complaint_rate: 0}\n' | cmp -s - "$F/kpi/2026-12/targets.yaml" \
  || fail "canonical new file"
cp "$F/kpi/2026-10/actuals.yaml" "$TMP/actuals.before"
run -C "$F" "${NOW[@]}" kpi actual set 2026-10 --member boss sales=205000 collection_rate=92.5
expect_code 0
head -c "$(stat -c %s "$TMP/actuals.before")" "$F/kpi/2026-10/actuals.yaml" | cmp -s - "$TMP/actuals.before" \
  || fail "old bytes changed"
tail -n 1 "$F/kpi/2026-10/actuals.yaml" | grep -qx '  - {member: boss, sales: 205000, collection_rate: 92.5}' \
  || fail "appended entry"
run -C "$F" "${NOW[@]}" kpi run 2026-10 --strict
expect_code 0

case_ "actual import: wide CSV with BOM and CRLF, long CSV"
printf '\xef\xbb\xbfmember,sales,profit\r\nrep-a,95000,-1200\r\nrep-b,70000,\r\n' > "$TMP/wide.csv"
run -C "$F" "${NOW[@]}" kpi actual import 2026-12 "$TMP/wide.csv"
expect_code 0
expect_out_has "3 values for 2 members appended to kpi/2026-12/actuals.yaml"
grep -qx '  - {member: rep-a, sales: 95000, profit: -1200}' "$F/kpi/2026-12/actuals.yaml" || fail "wide row"
printf 'member,metric,value\nrep-b,collection_rate,97\nrep-a,collection_rate,91\nrep-b,sales,71000\n' > "$TMP/long.csv"
run -C "$F" "${NOW[@]}" kpi actual import 2026-12 "$TMP/long.csv"
expect_code 0
tail -n 2 "$F/kpi/2026-12/actuals.yaml" | head -n 1 | grep -qx '  - {member: rep-b, collection_rate: 97, sales: 71000}' \
  || fail "long rows grouped per member"
run -C "$F" "${NOW[@]}" --format json kpi run 2026-12 --member rep-a
expect_json 'j["members"][0]["metrics"][0]["actual"] == 95000 and j["members"][0]["metrics"][0]["score"] == 105.56'

case_ "import refusals: nothing written, the line named"
before=$(tree_digest "$F")
refuse() {  # refuse KIND CSV-TEXT EXPECTED-MESSAGE
  printf "$2" > "$TMP/bad.csv"
  run -C "$F" "${NOW[@]}" kpi "$1" import 2026-10 "$TMP/bad.csv"
  expect_code 2
  expect_err_has "$3"
  [ "$(tree_digest "$F")" = "$before" ] || fail "something was written"
}
refuse actual 'member,sales\nrep-a,1\nrep-c,2\n' "unknown member 'rep-c'; did you mean 'rep-a'? ($TMP/bad.csv:3)"
refuse actual 'member,sales\nrep-a,1\nrep-b,12k\n' "'12k' for 'sales' is not a number ($TMP/bad.csv:3)"
refuse actual 'member,sales\nrep-a,"1,200"\n' "without thousands separators"
refuse actual 'member,collection_rate\nrep-a,-3\n' "rep-a: collection_rate -3 cannot be negative ($TMP/bad.csv:2)"
refuse actual 'member,slaes\nrep-a,1\n' "unknown metric 'slaes'; did you mean 'sales'? ($TMP/bad.csv:1)"
refuse actual 'member,metric,value\nrep-a,visit_compliance,80\n' "computed by kamgr"
refuse target 'member,sales\nrep-a,0\n' "must be above 0"
refuse target 'member,metric,value\nrep-a,sales,1\nrep-a,sales,2\n' "given twice (also on line 2)"
refuse target 'member,sales\nrep-a,"1\n' "not closed"
printf 'member,sales\nrep-a,1\nrep-x,2\nrep-b,abc\n' > "$TMP/bad.csv"
run -C "$F" "${NOW[@]}" kpi actual import 2026-10 "$TMP/bad.csv"
expect_code 2
expect_err_has "bad.csv:3"
expect_err_has "bad.csv:4"
expect_err_has "nothing imported"
run -C "$F" "${NOW[@]}" kpi target set 2026-10 --member rep-a sales=-1
expect_code 2
expect_err_has "must be above 0"
run -C "$F" "${NOW[@]}" kpi actual set 2026-10 --member rep-a csat=4
expect_code 2
expect_err_has "computed by kamgr"
run -C "$F" "${NOW[@]}" kpi target set 2026-W44 --member rep-a sales=1
expect_code 2
expect_err_has "invalid period"
run -C "$F" "${NOW[@]}" kpi actual import 2026-10 "$TMP/missing.csv"
expect_code 2
expect_err_has "cannot read"
[ "$(tree_digest "$F")" = "$before" ] || fail "something was written"

case_ "a hand-edited file whose log is not last is refused, and a bad file stops kpi run"
printf 'entries:\n  - {member: rep-a, sales: 1}\nnote: hand-written\n' > "$F/kpi/2026-11/actuals.yaml"
run -C "$F" "${NOW[@]}" kpi actual set 2026-11 --member rep-a sales=2
expect_code 2
expect_err_has "kpi/2026-11/actuals.yaml"
printf 'entries:\n  - {member: rep-a, sales: lots}\n' > "$F/kpi/2026-11/actuals.yaml"
run -C "$F" "${NOW[@]}" kpi run 2026-11
expect_code 2
expect_err_has "kpi/2026-11/actuals.yaml:2"
run -C "$F" "${NOW[@]}" check
expect_code 1
expect_out_has "kpi/2026-11/actuals.yaml:2"

case_ "examples/monthly-kpi.sh imports the finance CSV and writes JSON and CSV"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cp -r "${DEMO:-$ROOT/data}" "$TMP/demo"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
(cd "$TMP/demo" && echo .kamgr/ >.gitignore && git init -q && git add -A && git commit -qm demo)
OUT=$(KAMGR="$KAMGR" KAMGR_NOW=2026-12-01T09:00:00+08:00 bash "$ROOT/examples/monthly-kpi.sh" --commit \
  "$TMP/demo" 2026-11 "$ROOT/examples/finance-2026-11.csv" "$TMP/out" 2>"$TMP/.stderr") && CODE=0 || CODE=$?
ERR=$(cat "$TMP/.stderr")
expect_code 0
expect_out_has "kpi-2026-11.json"
OUT=$(cat "$TMP/out/kpi-2026-11.json")
expect_json 'len(j["members"]) == 10 and all(m["complete"] for m in j["members"]) and j["source"]["dirty"] is False'
expect_json '[m["metrics"][0]["actual"] for m in j["members"] if m["member"] == "zheng-kai"] == [998200]'
head -n 1 "$TMP/out/kpi-2026-11.csv" | grep -q '^period,member,name,complete,kpi_score,metric' || fail "csv header"
[ "$(git -C "$TMP/demo" log --oneline | wc -l)" = 2 ] || fail "the import was not committed"
printf 'member,sales\nzheng-kia,1\n' > "$TMP/typo.csv"
OUT=$(KAMGR="$KAMGR" bash "$ROOT/examples/monthly-kpi.sh" "$TMP/demo" 2026-11 "$TMP/typo.csv" "$TMP/out" 2>"$TMP/.stderr") && CODE=0 || CODE=$?
ERR=$(cat "$TMP/.stderr")
expect_code 2
expect_err_has "did you mean 'zheng-kai'"

finish
