#!/usr/bin/env bash
# End-to-end: visit compliance, entry timeliness, the due list, customer show and
# monthly visit plans on tests/fixtures/visits (expectations computed by hand below).
source "$(dirname "$0")/lib/assert.sh"
F=$(copy_fixture visits)
NOW=(--now 2026-11-02T09:00:00+08:00)   # Monday; windows must end by Sunday Nov 1

# The fixture (default frequencies key 1w, secondary 2w from 2024-01-01, general 1m):
#   acme    key, zhang-san; general from Thu 2026-10-15
#   beta    secondary, zhang-san; owner wang-wu from 2026-10-14
#   gamma   key, wang-wu; lost from 2026-10-20
#   delta   key, zhao-liu; managed from Wed 2026-10-07
#   epsilon general, zhao-liu
# 2w windows around October: 09-21..10-04, 10-05..10-18, 10-19..11-01 (2024-01-01 + 71 x 14
# days = 2026-09-21).
# Required windows ending in October (all before Nov 2) and their visits:
#   acme    09-28..10-04 key (visit 10-02: met); 10-05..10-11 key (none: missed);
#           10-01..10-31 general (tier on Oct 31; visit 10-02: met); weeks ending Oct 18
#           and 25 are not required (general on their last day)          -> 3 req, 2 met
#   beta    09-21..10-04 zhang-san (visit 09-25, before the period: met);
#           10-05..10-18 wang-wu (owner on Oct 18; visit 10-16: met)     -> 2 req, 2 met
#   gamma   09-28..10-04 (missed), 10-05..10-11 (10-05 met), 10-12..10-18 (10-18 met);
#           10-19..10-25 not required (lost on Oct 25)                   -> 3 req, 2 met
#   delta   10-05..10-11 not required (starts before Oct 7); 10-12..10-18 missed
#           (the 10-08 visit is outside); 10-19..10-25 (10-22 met)        -> 2 req, 1 met
#   epsilon 10-01..10-31 (10-30 met)                                      -> 1 req, 1 met
#   total 11 required, 8 met: 8/11 = 72.727 -> 72.73
# Entry timeliness, visits dated in October recorded by now (the 10-31 epsilon visit was
# recorded on Nov 5: left out): 9 visits; late: beta 10-16 (end = start 14:00, recorded
# next day 15:00) and delta 10-22 (no times: 23:59:59 + 24h < Oct 25 09:00); gamma 10-05
# (no times) recorded exactly at 10-06 23:59:59 is on time. 7/9 = 77.78.

case_ "compliance by customer"
run -C "$F" "${NOW[@]}" visit compliance 2026-10 --format json
expect_code 0
expect_json 'j["period"] == {"from": "2026-10-01", "to": "2026-10-31"}'
expect_json 'j["total"] == {"required": 11, "met": 8, "rate": 72.73, "visits": 9, "on_time": 7, "timeliness": 77.78}'
expect_json '[(r["customer"], r["required"], r["met"], r["rate"]) for r in j["rows"]] == [("acme", 3, 2, 66.67), ("beta", 2, 2, 100), ("delta", 2, 1, 50), ("epsilon", 1, 1, 100), ("gamma", 3, 2, 66.67)]'
# Owner and tier on the last day of the customer's latest window.
expect_json '[(r["owner"], r["tier"]) for r in j["rows"]] == [("zhang-san", "general"), ("wang-wu", "secondary"), ("zhao-liu", "key"), ("zhao-liu", "general"), ("wang-wu", "key")]'
expect_json 'j["rows"][0]["missed"] == [{"from": "2026-10-05", "to": "2026-10-11"}]'
expect_json 'j["rows"][2]["missed"] == [{"from": "2026-10-12", "to": "2026-10-18"}]'
expect_json 'j["rows"][4]["missed"] == [{"from": "2026-09-28", "to": "2026-10-04"}] and j["rows"][1]["missed"] == []'

case_ "compliance by rep: windows by owner on their last day, visits by rep"
# zhang-san: acme 3 (2) + beta 09-21..10-04 (1) = 4 req, 3 met; visits: acme 10-02 (on time)
# wang-wu:   beta 10-05..10-18 (1) + gamma 3 (2) = 4 req, 3 met; visits 10-05, 10-16 (late),
#            10-18, 10-21 = 4, 3 on time
# zhao-liu:  delta 2 (1) + epsilon 1 (1) = 3 req, 2 met; visits 10-08, 10-22 (late), 10-30
# li-si:     no windows (rate null); one visit (acme 10-20, on time)
run -C "$F" "${NOW[@]}" visit compliance 2026-10 --by rep --format json
expect_code 0
expect_json '[(r["rep"], r["required"], r["met"], r["rate"], r["visits"], r["on_time"], r["timeliness"]) for r in j["rows"]] == [("li-si", 0, 0, None, 1, 1, 100), ("wang-wu", 4, 3, 75, 4, 3, 75), ("zhang-san", 4, 3, 75, 1, 1, 100), ("zhao-liu", 3, 2, 66.67, 3, 2, 66.67)]'
expect_json 'j["total"]["required"] == 11 and j["total"]["met"] == 8'

case_ "compliance by team (keyed by manager)"
# li-si's team (li-si, zhang-san, wang-wu): 8 req, 6 met = 75; visits 6, 5 on time = 83.33
# wu-wei's team (zhao-liu): 3 req, 2 met = 66.67; visits 3, 2 on time = 66.67
run -C "$F" "${NOW[@]}" visit compliance 2026-10 --by team --format json
expect_code 0
expect_json '[(r["manager"], r["required"], r["met"], r["rate"], r["visits"], r["timeliness"]) for r in j["rows"]] == [("li-si", 8, 6, 75, 6, 83.33), ("wu-wei", 3, 2, 66.67, 3, 66.67)]'

case_ "compliance over an ISO week, a quarter and a range"
# 2026-W42 (10-12..10-18): beta 10-05..10-18 (met), gamma week (met), delta week (missed);
# acme is general on Oct 18. 2/3.
run -C "$F" "${NOW[@]}" visit compliance 2026-W42 --format json
expect_json 'j["total"]["required"] == 3 and j["total"]["met"] == 2 and j["total"]["rate"] == 66.67'
# 2026-Q4 as of Nov 2 adds the windows ending Nov 1: beta 10-19..11-01 and delta
# 10-26..11-01, both missed: 8/13 = 61.54.
run -C "$F" "${NOW[@]}" visit compliance 2026-Q4 --format json
expect_json 'j["total"]["required"] == 13 and j["total"]["met"] == 8 and j["total"]["rate"] == 61.54'
# 10-12..10-25: beta 10-05..10-18 (met), gamma 10-12..10-18 (met), delta 10-12..10-18
# (missed) and 10-19..10-25 (met): 3/4.
run -C "$F" "${NOW[@]}" visit compliance --from 2026-10-12 --to 2026-10-25 --format json
expect_json 'j["total"]["required"] == 4 and j["total"]["met"] == 3 and j["total"]["rate"] == 75'

case_ "windows end before today; visits recorded after now are left out"
# Today Sunday Oct 18: windows ending by Oct 17: acme 09-28..10-04 (met), 10-05..10-11
# (missed); beta 09-21..10-04 (met); gamma 09-28..10-04 (missed), 10-05..10-11 (met): 3/5.
# Visits recorded by Oct 18 23:00: 10-02, 10-05, 10-08, 10-16 (late), 10-18 = 4/5 on time.
run -C "$F" --now 2026-10-18T23:00:00+08:00 visit compliance 2026-10 --format json
expect_json 'j["total"] == {"required": 5, "met": 3, "rate": 60, "visits": 5, "on_time": 4, "timeliness": 80}'
# With now after Nov 5 the 10-31 visit (recorded Nov 5, 14 h after its deadline) counts: 7/10.
run -C "$F" --now 2026-11-06T09:00:00+08:00 visit compliance 2026-10 --format json
expect_json 'j["total"]["visits"] == 10 and j["total"]["on_time"] == 7 and j["total"]["timeliness"] == 70'
# A period in the future: nothing required yet, rate null.
run -C "$F" "${NOW[@]}" visit compliance 2026-12 --format json
expect_json 'j["total"]["required"] == 0 and j["total"]["rate"] is None and j["rows"] == []'

case_ "compliance table, csv and bad input"
run -C "$F" "${NOW[@]}" visit compliance 2026-10
expect_code 0
expect_out_has "2026-10-05..2026-10-11"
expect_out_has "compliance 8/11 = 72.73%"
run -C "$F" "${NOW[@]}" visit compliance 2026-10 --by rep --format csv
expect_out_has "zhao-liu,赵六,3,2,66.67,3,2,66.67"
run -C "$F" "${NOW[@]}" visit compliance 2026-10 --by reps
expect_code 2; expect_err_has "did you mean 'rep'"
run -C "$F" "${NOW[@]}" visit compliance 2026-13
expect_code 2; expect_err_has "invalid period"
run -C "$F" "${NOW[@]}" visit compliance --from 2026-10-01
expect_code 2; expect_err_has "--from and --to go together"

case_ "visit due"
# Monday Nov 2. acme: general, Nov 1..30 unvisited, October met -> due Nov 30.
# beta: 2w Nov 2..15 unvisited; 10-19..11-01 required and missed -> overdue, due Nov 15.
# gamma: lost. delta: week Nov 2..8; week 10-26..11-01 missed -> overdue, due Nov 8.
# epsilon: Nov unvisited (the 10-31 visit is not recorded yet), October met; last 10-30.
run -C "$F" "${NOW[@]}" visit due --format json
expect_code 0
expect_json '[(r["customer"], r["due"], r["overdue"], r["last_visit"]) for r in j["rows"]] == [("delta", "2026-11-08", True, "2026-10-22"), ("beta", "2026-11-15", True, "2026-10-16"), ("acme", "2026-11-30", False, "2026-10-20"), ("epsilon", "2026-11-30", False, "2026-10-30")]'
expect_json 'j["rows"][1]["window"] == {"from": "2026-11-02", "to": "2026-11-15"} and j["rows"][1]["days_left"] == 13'
run -C "$F" "${NOW[@]}" visit due --rep zhao-liu --format json
expect_json '[r["customer"] for r in j["rows"]] == ["delta", "epsilon"]'
# Within 3 working days of Monday Nov 2 (Nov 5): only the overdue delta of zhao-liu's.
run -C "$F" "${NOW[@]}" visit due --rep zhao-liu --within 3wd --format json
expect_json '[r["customer"] for r in j["rows"]] == ["delta"]'
run -C "$F" "${NOW[@]}" visit due --within 4w --format json
expect_json 'len(j["rows"]) == 4'
run -C "$F" "${NOW[@]}" visit due --rep zhao-lu
expect_code 2; expect_err_has "did you mean 'zhao-liu'"
run -C "$F" "${NOW[@]}" visit due --within soon
expect_code 2; expect_err_has "invalid value for --within"

case_ "customer show: current window, last visit, compliance this month and last"
run -C "$F" "${NOW[@]}" customer show acme --format json
expect_code 0
expect_json 'j["window"] == {"from": "2026-11-01", "to": "2026-11-30", "visited": False}'
expect_json 'j["last_visit"] == "2026-10-20"'
expect_json 'j["compliance"]["this_month"] == {"period": "2026-11", "required": 0, "met": 0, "rate": None}'
expect_json 'j["compliance"]["last_month"] == {"period": "2026-10", "required": 3, "met": 2, "rate": 66.67}'
run -C "$F" "${NOW[@]}" customer show gamma --format json
expect_json 'j["window"] is None and j["status"] == "lost"'
run -C "$F" "${NOW[@]}" customer show acme
expect_out_has "2026-10 2/3 = 66.67%"

case_ "plan adherence"
# zhang-san: acme 10-01 (week 09-28..10-04: visit 10-02, yes), acme 10-07 (week 10-05..10-11:
# no), beta 10-06 (week 10-05..10-11: the 10-16 visit is outside, no), acme 10-21 (li-si's
# 10-20 visit counts: yes) -> 2/4. zhao-liu: delta 10-22 (yes), epsilon 10-30 (yes), delta
# 10-29 (week 10-26..11-01: no) -> 2/3. Total 4/7 = 57.14.
run -C "$F" "${NOW[@]}" visit plan adherence 2026-10 --by rep --format json
expect_code 0
expect_json '[(r["rep"], r["planned"], r["happened"], r["rate"]) for r in j["rows"]] == [("zhang-san", 4, 2, 50), ("zhao-liu", 3, 2, 66.67)]'
expect_json 'j["total"] == {"planned": 7, "happened": 4, "rate": 57.14}'
expect_json '[(u["member"], u["customer"], u["date"]) for u in j["unmatched"]] == [("zhang-san", "beta", "2026-10-06"), ("zhang-san", "acme", "2026-10-07"), ("zhao-liu", "delta", "2026-10-29")]'
# On Wednesday Oct 28 the week of Oct 26 has not ended: its two planned visits wait. 3/5.
run -C "$F" --now 2026-10-28T09:00:00+08:00 visit plan adherence 2026-10 --format json
expect_json 'j["total"] == {"planned": 5, "happened": 3, "rate": 60}'
run -C "$F" "${NOW[@]}" visit plan adherence
expect_code 2; expect_err_has "a PERIOD is required"

case_ "plan new writes a draft from the required windows"
# November: zhang-san owns acme (general): the month window, first working day Nov 2.
# wang-wu owns beta (secondary): windows ending Nov 1 (no working day inside November: its
# first day there, Sunday Nov 1), Nov 15 and Nov 29 (their first working days Nov 2, Nov 16).
run -C "$F" "${NOW[@]}" visit plan new zhang-san 2026-11
expect_code 0; expect_out "plans/2026-11/zhang-san.yaml"
printf 'member: zhang-san\nmonth: 2026-11\nvisits:\n  - {customer: acme, date: 2026-11-02}\nevents:\n' \
  | cmp -s - "$F/plans/2026-11/zhang-san.yaml" || fail "draft plan of zhang-san"
run -C "$F" "${NOW[@]}" visit plan new wang-wu 2026-11
expect_code 0
grep -c 'customer: beta' "$F/plans/2026-11/wang-wu.yaml" | grep -qx 3 || fail "three beta windows"
grep -q '{customer: beta, date: 2026-11-01}' "$F/plans/2026-11/wang-wu.yaml" || fail "window ending Nov 1"
grep -q '{customer: beta, date: 2026-11-16}' "$F/plans/2026-11/wang-wu.yaml" || fail "window ending Nov 29"
BEFORE=$(tree_digest "$F")
run -C "$F" "${NOW[@]}" visit plan new zhang-san 2026-11
expect_code 2; expect_err_has "already exists"
run -C "$F" "${NOW[@]}" visit plan new zhang-sa 2026-11
expect_code 2; expect_err_has "did you mean 'zhang-san'"
run -C "$F" "${NOW[@]}" visit plan new zhang-san 2026-13
expect_code 2; expect_err_has "invalid month"
run -C "$F" "${NOW[@]}" visit plan new boss 2026-11
expect_code 2; expect_err_has "plans are for the reps and managers"
[ "$(tree_digest "$F")" = "$BEFORE" ] || fail "a refused plan new wrote something"

case_ "plan submit, approve, reject: only the manager or a director decides"
P="$F/plans/2026-11/zhang-san.yaml"
BEFORE=$(tree_digest "$F")
run -C "$F" "${NOW[@]}" --as li-si visit plan approve zhang-san 2026-11
expect_code 2; expect_err_has "is draft: only a submitted plan can be approved"
run -C "$F" "${NOW[@]}" --as wang-wu visit plan submit zhang-san 2026-11
expect_code 2; expect_err_has "may not submit"
[ "$(tree_digest "$F")" = "$BEFORE" ] || fail "a refused step wrote something"
run -C "$F" --now 2026-10-26T17:00:00+08:00 --as zhang-san visit plan submit zhang-san 2026-11
expect_code 0
tail -n 1 "$P" | grep -qx '  - {type: submitted, at: 2026-10-26T17:00:00+08:00, by: zhang-san}' || fail "submitted event"
run -C "$F" "${NOW[@]}" --as zhang-san visit plan submit zhang-san 2026-11
expect_code 2; expect_err_has "already submitted"
BEFORE=$(tree_digest "$F")
run -C "$F" "${NOW[@]}" --as wu-wei visit plan approve zhang-san 2026-11
expect_code 2; expect_err_has "only their manager 'li-si' or a director may"
run -C "$F" "${NOW[@]}" --as zhang-san visit plan approve zhang-san 2026-11
expect_code 2
run -C "$F" "${NOW[@]}" --as wu-wei visit plan reject zhang-san 2026-11 --note 不行
expect_code 2
run -C "$F" "${NOW[@]}" --as li-si visit plan reject zhang-san 2026-11
expect_code 2; expect_err_has "note"
[ "$(tree_digest "$F")" = "$BEFORE" ] || fail "a refused approval wrote something"
run -C "$F" --now 2026-10-27T10:00:00+08:00 --as li-si visit plan reject zhang-san 2026-11 --note "每周一次"
expect_code 0
tail -n 1 "$P" | grep -qx '  - {type: rejected, at: 2026-10-27T10:00:00+08:00, by: li-si, note: 每周一次}' || fail "rejected event"
sed -i 's/  - {customer: acme, date: 2026-11-02}/  - {customer: acme, date: 2026-11-03, purpose: 年度框架}/' "$P"
run -C "$F" --now 2026-10-27T16:00:00+08:00 --as zhang-san visit plan submit zhang-san 2026-11
expect_code 0
run -C "$F" --now 2026-10-28T09:00:00+08:00 --as boss visit plan approve zhang-san 2026-11
expect_code 0
# The digest: SHA-256 of the sorted lines "customer<TAB>date<TAB>purpose\n", 16 hex digits.
DIGEST=$(printf 'acme\t2026-11-03\t年度框架\n' | sha256sum | cut -c1-16)
tail -n 1 "$P" | grep -qx "  - {type: approved, at: 2026-10-28T09:00:00+08:00, by: boss, digest: $DIGEST}" || fail "approved event with digest $DIGEST"
run -C "$F" "${NOW[@]}" --as li-si visit plan approve zhang-san 2026-11
expect_code 2; expect_err_has "is approved"
run -C "$F" "${NOW[@]}" visit plan show zhang-san 2026-11 --format json
expect_code 0
expect_json 'j["status"] == "approved" and j["changed_since_approval"] is False and [e["type"] for e in j["events"]] == ["submitted", "rejected", "submitted", "approved"]'
# As of before the approval, the plan was still submitted.
run -C "$F" --now 2026-10-27T20:00:00+08:00 visit plan show zhang-san 2026-11 --format json
expect_json 'j["status"] == "submitted" and len(j["events"]) == 3'
run -C "$F" "${NOW[@]}" check
expect_code 0; expect_err_has "0 errors, 0 warnings"

case_ "check warns when an approved plan changed afterwards"
sed -i 's/date: 2026-11-03, purpose: 年度框架/date: 2026-11-04, purpose: 年度框架/' "$P"
run -C "$F" "${NOW[@]}" check
expect_code 0
expect_out_has "plans/2026-11/zhang-san.yaml:9: warning: the planned visits changed after this approval"
run -C "$F" "${NOW[@]}" visit plan show zhang-san 2026-11 --format json
expect_json 'j["changed_since_approval"] is True'
run -C "$F" "${NOW[@]}" --as zhang-san visit plan submit zhang-san 2026-11
expect_code 0
run -C "$F" "${NOW[@]}" check
expect_err_has "0 errors, 0 warnings"

case_ "plan show: which planned visits happened"
run -C "$F" "${NOW[@]}" visit plan show zhang-san 2026-10 --format json
expect_json '[v["happened"] for v in j["visits"]] == [True, False, False, True]'
run -C "$F" --now 2026-10-22T09:00:00+08:00 visit plan show zhang-san 2026-10 --format json
# The week of Oct 19 has not ended and li-si's Oct 20 visit already counts; Oct 7 missed.
expect_json '[v["happened"] for v in j["visits"]] == [True, False, False, True]'
run -C "$F" --now 2026-10-19T09:00:00+08:00 visit plan show zhang-san 2026-10 --format json
expect_json 'j["visits"][3]["happened"] is None'
run -C "$F" "${NOW[@]}" visit plan show wang-wu 2026-09
expect_code 2; expect_err_has "no plan for wang-wu in 2026-09"

case_ "check validates plan files"
G=$(copy_fixture visits)
printf 'member: zhang-san\nmonth: 2026-10\nvisits:\n  - {customer: acmee, date: 2026-11-01}\nevents:\n  - {type: approved, at: 2026-09-29T10:00:00+08:00, by: wu-wei}\n' > "$G/plans/2026-10/zhang-san.yaml"
run -C "$G" check
expect_code 1
expect_out_has "plans/2026-10/zhang-san.yaml:4: error: planned visit on 2026-11-01 is outside the plan's month 2026-10"
mv "$G/plans/2026-10/zhang-san.yaml" "$G/plans/2026-10/wang-wu.yaml"
sed -i 's/2026-11-01/2026-10-01/' "$G/plans/2026-10/wang-wu.yaml"
run -C "$G" check --format json
expect_code 1
expect_json 'any("does not match the file name" in e["message"] for e in j["errors"])'
sed -i 's/member: zhang-san/member: wang-wu/' "$G/plans/2026-10/wang-wu.yaml"
run -C "$G" check --format json
expect_code 1
expect_json 'any("did you mean \x27acme\x27" in e["message"] for e in j["errors"])'
expect_json 'any("neither wang-wu\x27s manager nor a director" in w["message"] for w in j["warnings"])'

finish
