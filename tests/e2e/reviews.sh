#!/usr/bin/env bash
# End-to-end: the whole review cycle on tests/fixtures/reviews, and every refusal.
#
# Fixture config: kpi metrics sales (weight 60) and collection_rate (40); kpi_share 0.7;
# qualitative weights self 0.2, manager 0.6, upward 0.2 (renormalised over the scores
# present). Hand-computed results for 2026-10 (achievement = actual / target x 100):
#   zhang-san  kpi (60x95 + 40x100)/100 = 97; q = (0.2x90 + 0.6x80)/0.8 = 82.5
#              total 0.7x97 + 0.3x82.5 - (3+2) = 67.9 + 24.75 - 5 = 87.65 -> A
#   wang-wu    sales 125 -> score 120, cr 81/90 = 90: kpi (7200+3600)/100 = 108; q = 70 (self
#              only); total 75.6 + 21 = 96.6 -> S; extra_commission (125 >= 120)
#   zhao-liu   kpi (60x70 + 40x80)/100 = 74; q = (0.2x60 + 0.6x50)/0.8 = 52.5 (the later
#              manager score 50 replaces 55); total 51.8 + 15.75 = 67.55 -> C, pip,
#              re-review 2026-11-02 + 30 days = 2026-12-02
#   li-si      sales 291000/300000 = 97, cr 84.6/90 = 94: kpi 58.2 + 37.6 = 95.8;
#              upward mean (70 + 90)/2 = 80 (zhang-san's later 70 replaces 60);
#              q = 0.2x80 + 0.6x85 + 0.2x80 = 83; total 67.06 + 24.9 = 91.96 -> S
#   chen-qi    kpi 100; q = 75 (manager only); total 70 + 22.5 = 92.5 -> S
#   sun-ba     kpi (60x50 + 40x60)/100 = 54; q = (0.2x50 + 0.6x40)/0.8 = 42.5;
#              total 37.8 + 12.75 = 50.55 -> D; 2026-09 was D too -> consecutive_d
#   zhou-jiu   kpi (60x79.95 + 40x79.95)/100 = 79.95; q = (0.2x80.4 + 0.6x80)/0.8 = 80.1;
#              total 55.965 + 24.03 = 79.995 -> rounds to 80 -> A (grade from the rounded total)
# 2026-09: sun-ba kpi (60x40 + 40x50)/100 = 44, q = 40: total 30.8 + 12 = 42.8 -> D;
#   zhao-liu has no actuals (kpi counts 0 with --allow-incomplete), q = 60: total 18 -> D.
# Quarters (zhang-san): Q1, Q2 kpi (60x85 + 40x100)/100 = 91, q 80: 63.7 + 24 = 87.7 -> A;
#   Q3 kpi 100, q 80: 70 + 24 = 94 -> S and promotion_eligible (A, A, S).
# Calibration 2026-10, n = 7: S 3 > ceil(0.1x7) = 1 (over); A 2 <= ceil(1.4) = 2; C 1 <= 2;
#   D 1 <= ceil(0.7) = 1. By team: boss {li-si S, chen-qi S} n=2, S allowed 1 -> over.
# Deadlines: finalized 2026-09-30 (Wed); Oct 1-7 are holidays and Sat Oct 10 a make-up day:
#   interview (3wd) Oct 8, 9, 10 -> 2026-10-10T23:59:59; appeal (5wd) Oct 12, 13 -> 2026-10-13.
#   Finalized 2026-11-02 (Mon): interview 2026-11-05, appeal 2026-11-09; an appeal on
#   2026-11-09 has its decision (10wd) due Nov 10-13, 16-20, 23 -> 2026-11-23T23:59:59.
source "$(dirname "$0")/lib/assert.sh"

D=$(copy_fixture reviews)
# k NOW ACTOR ARGS...: kamgr on the fixture at NOW (2026-MM-DDTHH:MM) acting as ACTOR.
k() {
  local now=$1 who=$2
  shift 2
  run -C "$D" --now "$now:00+08:00" --as "$who" "$@"
}
# refused WHAT: the last command exited 2 with WHAT in its message and wrote nothing.
refused() {
  expect_code 2
  expect_err_has "$1"
  [ "$(tree_digest "$D")" = "$BEFORE" ] || fail "a refused command wrote something"
}

case_ "open a period: every active rep and manager"
run -C "$D" --now 2026-09-28T09:00:00+08:00 review open 2026-09
expect_code 0
expect_out "$(printf 'chen-qi\nli-si\nsun-ba\nwang-wu\nzhang-san\nzhao-liu\nzhou-jiu')"
expect_no_file "$D/reviews/2026-09/old-rep.yaml"
expect_no_file "$D/reviews/2026-09/boss.yaml"
printf 'member: sun-ba\nperiod: 2026-09\nevents:\n' | cmp -s - "$D/reviews/2026-09/sun-ba.yaml" \
  || fail "canonical new review file"
BEFORE=$(tree_digest "$D")
run -C "$D" review open 2026-09
refused "already open"
run -C "$D" review open 2026-W40
refused "reviews are monthly, quarterly or yearly"

case_ "2026-09: finalize one member, --allow-incomplete, finalizing twice"
k 2026-09-29T10:00 chen-qi review manager sun-ba 2026-09 --score 40
expect_code 0
k 2026-09-29T10:00 li-si review manager zhao-liu 2026-09 --score 60
expect_code 0
k 2026-09-30T18:00 boss review finalize 2026-09 --member sun-ba --format json
expect_code 0
expect_json 'j["reviews"][0]["member"] == "sun-ba" and j["reviews"][0]["kpi_score"] == 44'
expect_json 'j["reviews"][0]["total"] == 42.8 and j["reviews"][0]["grade"] == "D" and j["reviews"][0]["flags"] == []'
BEFORE=$(tree_digest "$D")
k 2026-09-30T18:00 boss review finalize 2026-09 --member sun-ba
refused "already finalized"
k 2026-09-30T18:00 boss review finalize 2026-09 --member zhao-liu
refused "'zhao-liu' (no actual for sales, collection_rate)"
k 2026-09-30T18:00 boss review finalize 2026-09 --member zhao-liu --allow-incomplete --format json
expect_code 0
expect_err_has "finalizing incomplete reviews: 'zhao-liu' (no actual for sales, collection_rate)"
expect_json 'j["reviews"][0]["kpi_score"] is None and j["reviews"][0]["total"] == 18 and j["reviews"][0]["grade"] == "D"'
grep -q 'kpi_complete: false' "$D/reviews/2026-09/zhao-liu.yaml" || fail "kpi_complete not recorded"

case_ "working-day deadlines across National Day"
run -C "$D" --now 2026-10-09T12:00:00+08:00 review list 2026-09 --format json
expect_json '[r for r in j["reviews"] if r["member"]=="sun-ba"][0]["due"] == [{"step": "interview", "deadline": "2026-10-10T23:59:59+08:00", "overdue": False}]'
expect_json '[r for r in j["reviews"] if r["member"]=="sun-ba"][0]["appeal_until"] == "2026-10-13T23:59:59+08:00"'
run -C "$D" --now 2026-10-11T09:00:00+08:00 review list 2026-09
expect_out_has "interview by 2026-10-10 (overdue)"
k 2026-10-12T10:00 chen-qi review interview sun-ba 2026-09
expect_code 0
expect_err_has "the interview is late: it was due by 2026-10-10T23:59:59+08:00"
BEFORE=$(tree_digest "$D")
k 2026-10-14T09:00 sun-ba review appeal sun-ba 2026-09 --reason 不服
refused "the appeal deadline for 'sun-ba' 2026-09 was 2026-10-13T23:59:59+08:00"

case_ "quarters: promotion_eligible after A, A, S"
for q in Q1:2026-04 Q2:2026-07 Q3:2026-10; do
  p=2026-${q%%:*} m=${q##*:}
  run -C "$D" --now "$m-01T09:00:00+08:00" review open "$p" >/dev/null
  k "$m-02T09:00" zhang-san review self zhang-san "$p" --score 80
  k "$m-02T10:00" li-si review manager zhang-san "$p" --score 80
  k "$m-05T10:00" hr-wang review finalize "$p" --member zhang-san --format json
  expect_code 0
done
expect_json 'j["reviews"][0]["total"] == 94 and j["reviews"][0]["grade"] == "S" and j["reviews"][0]["flags"] == ["promotion_eligible"]'
run -C "$D" --today 2026-10-06 review list 2026-Q2 --format json
expect_json '[r for r in j["reviews"] if r["member"]=="zhang-san"][0]["grade"] == "A" and [r for r in j["reviews"] if r["member"]=="zhang-san"][0]["flags"] == []'

case_ "2026-10: scores by the right people"
run -C "$D" --now 2026-10-25T10:00:00+08:00 review open 2026-10
expect_code 0
for step in \
  "2026-10-26T10:00 zhang-san self zhang-san --score 90 --comment 完成,目标" \
  "2026-10-26T11:00 li-si manager zhang-san --score 80" \
  "2026-10-26T12:00 li-si deduct zhang-san --points 3 --reason 周报迟交" \
  "2026-10-26T13:00 hr-wang deduct zhang-san --points 2 --reason 考勤" \
  "2026-10-26T10:00 wang-wu self wang-wu --score 70" \
  "2026-10-26T10:00 zhao-liu self zhao-liu --score 60" \
  "2026-10-26T11:00 li-si manager zhao-liu --score 55" \
  "2026-10-27T11:00 li-si manager zhao-liu --score 50" \
  "2026-10-26T10:00 li-si self li-si --score 80" \
  "2026-10-26T11:00 boss manager li-si --score 85" \
  "2026-10-26T12:00 zhang-san upward li-si --score 60" \
  "2026-10-26T13:00 wang-wu upward li-si --score 90" \
  "2026-10-27T09:00 zhang-san upward li-si --score 70" \
  "2026-10-26T11:00 boss manager chen-qi --score 75" \
  "2026-10-26T10:00 sun-ba self sun-ba --score 50" \
  "2026-10-26T11:00 chen-qi manager sun-ba --score 40" \
  "2026-10-26T10:00 zhou-jiu self zhou-jiu --score 80.4" \
  "2026-10-26T11:00 chen-qi manager zhou-jiu --score 80"; do
  set -- $step
  k "$1" "$2" review "$3" "$4" 2026-10 "${@:5}"
  [ "$CODE" = 0 ] || fail "step failed: $step: $ERR"
done
grep -qx '  - {type: self, score: 90, comment: "完成,目标", at: 2026-10-26T10:00:00+08:00, by: zhang-san}' \
  "$D/reviews/2026-10/zhang-san.yaml" || fail "self event as written"

case_ "every forbidden step is refused, naming the rule, writing nothing"
BEFORE=$(tree_digest "$D")
k 2026-10-28T10:00 wang-wu review self zhang-san 2026-10 --score 90
refused "a self-assessment is written by the member themselves ('zhang-san')"
k 2026-10-28T10:00 chen-qi review manager zhang-san 2026-10 --score 90
refused "written by their manager 'li-si'"
k 2026-10-28T10:00 zhang-san review manager zhang-san 2026-10 --score 90
refused "written by their manager 'li-si'"
k 2026-10-28T10:00 li-si review manager li-si 2026-10 --score 90
refused "written by a director"
k 2026-10-28T10:00 hr-wang review manager li-si 2026-10 --score 90
refused "written by a director"
k 2026-10-28T10:00 zhang-san review upward wang-wu 2026-10 --score 90
refused "upward reviews are of managers by their reps"
k 2026-10-28T10:00 sun-ba review upward li-si 2026-10 --score 90
refused "one of their own reps"
k 2026-10-28T10:00 boss review upward li-si 2026-10 --score 90
refused "one of their own reps"
k 2026-10-28T10:00 old-rep review upward li-si 2026-10 --score 90
refused "not an active member"
k 2026-10-28T10:00 wang-wu review deduct zhang-san 2026-10 --points 5 --reason x
refused "made by their manager 'li-si', HR or a director"
k 2026-10-28T10:00 chen-qi review deduct zhang-san 2026-10 --points 5 --reason x
refused "HR or a director"
k 2026-10-28T10:00 li-si review finalize 2026-10
refused "finalizing reviews is done by HR or a director"
k 2026-10-28T10:00 zhang-san review finalize 2026-10
refused "HR or a director"
k 2026-10-28T10:00 li-si review interview zhang-san 2026-10
refused "is not finalized yet"
k 2026-10-28T10:00 zhang-san review appeal zhang-san 2026-10 --reason x
refused "is not finalized yet"
k 2026-10-28T10:00 hr-wang review decide zhang-san 2026-10 --outcome upheld
refused "has no appeal to decide"
k 2026-10-28T10:00 zhang-san review self zhang-san 2026-10 --score 101
refused "invalid value for --score"
k 2026-10-28T10:00 li-si review deduct zhang-san 2026-10 --points 0 --reason x
refused "invalid value for --points"
k 2026-10-28T10:00 li-si review deduct zhang-san 2026-10 --points 18.005 --reason x
refused "18.005 has more than 2 decimals"
k 2026-10-28T10:00 zhang-san review self zhang-san 2026-10 --score 88.125
refused "88.125 has more than 2 decimals"
k 2026-10-28T10:00 zhang-san review self zhang-san 2026-08 --score 90
refused "run 'kamgr review open 2026-08' first"
k 2026-10-28T10:00 zhang-sna review self zhang-san 2026-10 --score 90
refused "did you mean 'zhang-san'"
run -C "$D" --now 2026-10-28T10:00:00+08:00 review self zhang-san 2026-10 --score 90
refused "who is acting"
k 2026-10-20T10:00 zhang-san review self zhang-san 2026-10 --score 90
refused "after now"
KAMGR_USER=wang-wu run -C "$D" --now 2026-10-28T10:00:00+08:00 review self zhang-san 2026-10 --score 90
refused "not by 'wang-wu'"

case_ "finalize refuses incomplete reviews (every gap listed), then publishes every result"
k 2026-11-02T10:00 hr-wang review finalize 2026-10
refused "2 reviews for 2026-10 are incomplete: 'wang-wu' (no manager score), 'zhou-jiu' (no actual for collection_rate)"
printf '  - {member: zhou-jiu, collection_rate: 71.955}\n' >> "$D/kpi/2026-10/actuals.yaml"
BEFORE=$(tree_digest "$D")
k 2026-11-02T10:00 hr-wang review finalize 2026-10
refused "1 review for 2026-10 is incomplete: 'wang-wu' (no manager score); finalize when it is complete, or pass --allow-incomplete"
k 2026-11-02T10:00 hr-wang review finalize 2026-10 --allow-incomplete --format json
expect_code 0
expect_err_has "finalizing incomplete reviews: 'wang-wu' (no manager score)"
row() { echo "[r for r in j['reviews'] if r['member']=='$1'][0]"; }
expect_json "$(row zhang-san)['kpi_score'] == 97 and $(row zhang-san)['qualitative'] == 82.5 and $(row zhang-san)['deductions'] == 5 and $(row zhang-san)['total'] == 87.65 and $(row zhang-san)['grade'] == 'A'"
expect_json "$(row wang-wu)['kpi_score'] == 108 and $(row wang-wu)['total'] == 96.6 and $(row wang-wu)['grade'] == 'S' and $(row wang-wu)['flags'] == ['extra_commission']"
expect_json "$(row zhao-liu)['total'] == 67.55 and $(row zhao-liu)['grade'] == 'C' and $(row zhao-liu)['flags'] == ['pip'] and $(row zhao-liu)['re_review_due'] == '2026-12-02'"
expect_json "$(row li-si)['kpi_score'] == 95.8 and $(row li-si)['qualitative'] == 83 and $(row li-si)['total'] == 91.96 and $(row li-si)['grade'] == 'S'"
expect_json "$(row chen-qi)['total'] == 92.5 and $(row chen-qi)['grade'] == 'S'"
expect_json "$(row sun-ba)['total'] == 50.55 and $(row sun-ba)['grade'] == 'D' and $(row sun-ba)['flags'] == ['consecutive_d']"
expect_json "$(row zhou-jiu)['kpi_score'] == 79.95 and $(row zhou-jiu)['qualitative'] == 80.1 and $(row zhou-jiu)['total'] == 80 and $(row zhou-jiu)['grade'] == 'A'"
BEFORE=$(tree_digest "$D")
k 2026-11-02T11:00 hr-wang review finalize 2026-10
refused "every review for 2026-10 is already finalized"
k 2026-11-02T11:00 li-si review manager zhang-san 2026-10 --score 100
refused "is finalized; scores and deductions can no longer change"
k 2026-11-02T11:00 li-si review deduct zhang-san 2026-10 --points 1 --reason x
refused "can no longer change"

case_ "show explains a result"
run -C "$D" --now 2026-11-02T12:00:00+08:00 review show li-si 2026-10 --format json
expect_code 0
expect_json '[s["weight"] for s in j["scores"]] == [0.2, 0.6, 0.2] and j["scores"][2]["score"] == 80'
expect_json '[u["score"] for u in j["upward"]] == [60, 90, 70] and j["total"] == 91.96'
expect_json '[m["metric"] for m in j["metrics"]] == ["sales", "collection_rate"] and j["metrics"][0]["achievement"] == 97'
run -C "$D" --now 2026-11-02T12:00:00+08:00 review show zhang-san 2026-10 --format json
expect_json '[round(s["weight"], 2) for s in j["scores"]] == [0.25, 0.75, 0] and [d["points"] for d in j["deductions"]] == [3, 2]'
run -C "$D" --now 2026-11-02T12:00:00+08:00 review show zhang-san 2026-10
expect_out_has "0.7 x 97 + 0.3 x 82.5 - 5"
expect_out_has "周报迟交"
run -C "$D" --now 2026-11-02T12:00:00+08:00 review show zhang-san 2026-07 --format json
expect_code 2

case_ "show of an open review is a provisional preview"
run -C "$D" --now 2026-10-30T12:00:00+08:00 review show zhou-jiu 2026-10 --format json
expect_code 0
expect_json 'j["provisional"] == True and j["status"] == "open" and j["kpi_score"] == 79.95'

case_ "calibration: exit 1 when a grade is over its share"
run -C "$D" --now 2026-11-02T12:00:00+08:00 review calibrate 2026-10 --format json
expect_code 1
expect_json 'j["period"] == "2026-10" and j["groups"][0]["group"] == "all" and j["groups"][0]["n"] == 7'
expect_json '[(g["grade"], g["count"], g["allowed"], g["over"]) for g in j["groups"][0]["grades"]] == [("S",3,1,True),("A",2,2,False),("B",0,3,False),("C",1,2,False),("D",1,1,False)]'
run -C "$D" --now 2026-11-02T12:00:00+08:00 review calibrate 2026-10 --by team --format json
expect_code 1
expect_json '[(g["group"], g["n"]) for g in j["groups"]] == [("boss",2),("chen-qi",2),("li-si",3)]'
expect_json '[g["over"] for g in j["groups"][0]["grades"]] == [True, False, False, False, False]'
expect_json 'not any(x["over"] for g in j["groups"][1:] for x in g["grades"])'
run -C "$D" --now 2026-11-02T12:00:00+08:00 review calibrate 2026-09 --by team
expect_code 0
run -C "$D" review calibrate 2026-10 --by rep
expect_code 2

case_ "interview, appeal on the last day, decision"
k 2026-11-03T10:00 li-si review interview zhang-san 2026-10
expect_code 0
BEFORE=$(tree_digest "$D")
k 2026-11-03T11:00 hr-wang review interview zhao-liu 2026-10
refused "held by their manager 'li-si'"
k 2026-11-03T11:00 zhao-liu review interview zhao-liu 2026-10
refused "held by their manager 'li-si'"
k 2026-11-03T11:00 li-si review interview zhang-san 2026-10
refused "already recorded"
k 2026-11-03T11:00 li-si review appeal zhang-san 2026-10 --reason x
refused "only 'zhang-san' may appeal"
k 2026-11-10T09:00 zhao-liu review appeal zhao-liu 2026-10 --reason 不服
refused "2026-11-09T23:59:59+08:00"
k 2026-11-09T20:00 zhang-san review appeal zhang-san 2026-10 --reason 回款已到账
expect_code 0
run -C "$D" --now 2026-11-20T09:00:00+08:00 review list 2026-10 --format json
expect_json "$(row zhang-san)['status'] == 'appealed' and $(row zhang-san)['decision_due'] == '2026-11-23T23:59:59+08:00'"
expect_json "$(row zhao-liu)['due'] == [{'step': 'interview', 'deadline': '2026-11-05T23:59:59+08:00', 'overdue': True}]"
run -C "$D" --now 2026-11-24T09:00:00+08:00 review list 2026-10
expect_out_has "decision by 2026-11-23 (overdue)"
BEFORE=$(tree_digest "$D")
k 2026-11-10T10:00 zhang-san review appeal zhang-san 2026-10 --reason again
refused "already been appealed"
k 2026-11-20T10:00 li-si review decide zhang-san 2026-10 --outcome revised --total 90
refused "deciding an appeal is done by HR or a director"
k 2026-11-20T10:00 hr-wang review decide zhang-san 2026-10 --outcome revised
refused "needs --total"
k 2026-11-20T10:00 hr-wang review decide zhang-san 2026-10 --outcome upheld --total 90
refused "--total goes with --outcome revised"
k 2026-11-20T10:00 hr-wang review decide zhang-san 2026-10 --outcome revise --total 90
refused "did you mean 'revised'"
k 2026-11-20T10:00 hr-wang review decide zhang-san 2026-10 --outcome revised --total 121
refused "invalid value for --total"
k 2026-11-20T10:00 hr-wang review decide zhang-san 2026-10 --outcome revised --total 90.004
expect_code 0
tail -n 1 "$D/reviews/2026-10/zhang-san.yaml" | grep -q 'outcome: revised, total: 90, grade: S' || fail "decision event"
run -C "$D" --now 2026-11-21T09:00:00+08:00 review list 2026-10 --format json
expect_json "$(row zhang-san)['status'] == 'decided' and $(row zhang-san)['total'] == 90 and $(row zhang-san)['grade'] == 'S' and $(row zhang-san)['kpi_score'] == 97"
BEFORE=$(tree_digest "$D")
k 2026-11-21T10:00 hr-wang review decide zhang-san 2026-10 --outcome upheld
refused "already decided"
run -C "$D" --now 2026-11-21T09:00:00+08:00 review calibrate 2026-10 --format json
expect_json 'j["groups"][0]["grades"][0]["count"] == 4'

case_ "check is clean, then warns when the records behind a result change"
# A November day: from 1 December check also reminds of next year's calendar.
run -C "$D" --today 2026-11-30 check
expect_code 0
expect_err_has "0 errors, 0 warnings"
printf '  - {member: wang-wu, sales: 100000}\n' >> "$D/kpi/2026-10/actuals.yaml"
run -C "$D" check
expect_code 0
expect_out_has "reviews/2026-10/wang-wu.yaml:"
expect_out_has "total 96.6 -> 88.2"
expect_out_has "the published result stands"
run -C "$D" --now 2026-11-21T09:00:00+08:00 review list 2026-10 --format json
expect_json "$(row wang-wu)['total'] == 96.6"

case_ "check reports a hand-edited review that breaks the cycle"
B=$(copy_fixture reviews)
mkdir -p "$B/reviews/2026-10" "$B/reviews/bad"
cat > "$B/reviews/2026-10/zhang-san.yaml" <<'EOF'
member: zhang-san
period: 2026-11
events:
  - {type: appeal, at: 2026-11-01T10:00:00+08:00, by: zhang-san, reason: x}
  - {type: self, score: 120, at: 2026-11-01T10:00:00+08:00, by: zhang-san}
EOF
printf 'member: wang-wu\nperiod: 2026-10\nevents:\n  - {type: self, score: 80, at: 2026-10-01T10:00:00+08:00, by: nobody}\n' \
  > "$B/reviews/2026-10/wang-wu.yaml"
printf 'member: x\nperiod: 2026-10\nevents:\n' > "$B/reviews/bad/x.yaml"
run -C "$B" check --format json
expect_code 1
expect_json 'any(e["line"]==2 and "folder" in e["message"] for e in j["errors"])'
expect_json 'any(e["line"]==4 and "not finalized yet" in e["message"] for e in j["errors"])'
expect_json 'any(e["line"]==5 and "outside 0 to 100" in e["message"] for e in j["errors"])'
expect_json 'any(e["file"]=="reviews/2026-10/wang-wu.yaml" and e["line"]==4 and "nobody" in e["message"] for e in j["errors"])'
expect_json 'any(e["file"]=="reviews/bad" for e in j["warnings"])'

case_ "help has examples"
for c in open self manager upward deduct finalize interview appeal decide list show calibrate; do
  run review "$c" --help
  expect_out_has "Example:"
done

finish
