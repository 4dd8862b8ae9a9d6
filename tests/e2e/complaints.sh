#!/usr/bin/env bash
# End-to-end: complaint open / contact / answer / close / callback / reopen, their
# refusals, show, list, sla, summary and check, on tests/fixtures/complaints (every
# expected figure is worked out in the comments of the fixture files) and on the demo.
source "$(dirname "$0")/lib/assert.sh"
EXAMPLES="$(cd "$(dirname "$0")/../../examples" && pwd)"
NOW=(--now 2026-10-12T12:00:00+08:00)
# fresh NAME: a copy of the fixture of its own (copy_fixture reuses one path).
fresh() { rm -rf "${TMP:?}/$1"; cp -r "$FIXTURES/complaints" "$TMP/$1"; echo "$TMP/$1"; }
F=$(fresh f)

case_ "sla: statuses and deadlines around National Day and the make-up Saturday"
run -C "$F" "${NOW[@]}" complaint sla --from 2026-09-30 --to 2026-10-31 --format json
expect_code 0
expect_json '[r["id"] for r in j["rows"]] == ["20260930-aaaaaa02", "20260930-aaaaaa01", "20261009-aaaaaa03", "20261010-aaaaaa04", "20261012-aaaaaa05"]'
expect_json 'j["period"] == {"from": "2026-09-30", "to": "2026-10-31"}'
expect_json 'j["rows"][1]["contact"] == {"due": "2026-10-01T16:00:00+08:00", "at": "2026-10-01T15:00:00+08:00", "status": "met"}'
expect_json 'j["rows"][1]["answer"] == {"due": "2026-10-10T23:59:59+08:00", "at": "2026-10-10T18:00:00+08:00", "status": "met"}'
expect_json 'j["rows"][1]["callback"] is None and j["rows"][1]["all_met"]'
expect_json 'j["rows"][0]["contact"]["status"] == "breached" and j["rows"][0]["contact"]["at"] == "2026-10-01T09:00:01+08:00"'
expect_json 'j["rows"][0]["answer"] == {"due": "2026-10-10T23:59:59+08:00", "at": "2026-10-11T09:00:00+08:00", "status": "breached"}'
expect_json 'j["rows"][0]["callback"] == {"due": "2026-10-12T10:00:00+08:00", "at": "2026-10-12T10:00:00+08:00", "status": "met"}'
# C3: reopened; the pending second cycle decides, both cycles listed.
expect_json 'j["rows"][2]["answer"] == {"due": "2026-10-20T23:59:59+08:00", "at": None, "status": "pending"}'
expect_json '[(c["start"], c["due"], c["status"]) for c in j["rows"][2]["answer_cycles"]] == [("2026-10-09T10:00:00+08:00", "2026-10-19T23:59:59+08:00", "met"), ("2026-10-11T10:00:00+08:00", "2026-10-20T23:59:59+08:00", "pending")]'
expect_json 'j["rows"][3]["contact"] == {"due": "2026-10-11T09:00:00+08:00", "at": None, "status": "breached"}'
expect_json 'j["rows"][3]["answer"]["due"] == "2026-10-14T23:59:59+08:00" and j["rows"][3]["answer"]["status"] == "pending"'
expect_json 'j["rows"][4]["contact"]["due"] == "2026-10-13T11:30:00+08:00" and j["rows"][4]["answer"]["due"] == "2026-10-15T23:59:59+08:00"'
expect_json 'j["summary"] == {"received": 5, "contact_met": 2, "contact_breached": 2, "answer_met": 1, "answer_breached": 1, "pending": 3, "callback_met": 1, "callback_breached": 0, "breached": 2}'

case_ "sla: --fail-on-breach, the default period and complaints after now"
run -C "$F" "${NOW[@]}" complaint sla --from 2026-09-30 --to 2026-10-31 --fail-on-breach --format json
expect_code 1
run -C "$F" "${NOW[@]}" complaint sla --from 2026-10-12 --to 2026-10-12 --fail-on-breach --format json
expect_code 0
expect_json '[r["id"] for r in j["rows"]] == ["20261012-aaaaaa05"]'
run -C "$F" "${NOW[@]}" complaint sla --format json      # this month: C3, C4, C5; not C7 (after now)
expect_json '[r["id"][-2:] for r in j["rows"]] == ["03", "04", "05"]'
run -C "$F" --now 2026-10-20T12:00:00+08:00 complaint sla --format json
expect_json '[r["id"][-2:] for r in j["rows"]] == ["03", "04", "05", "07"]'
# As of 10-11 08:00 C2's answer (10-11 09:00) and call-back have not happened yet.
run -C "$F" --now 2026-10-11T08:00:00+08:00 complaint sla 2026-09 --format json
expect_json '[r["answer"]["status"] for r in j["rows"] if r["id"].endswith("02")] == ["breached"]'
expect_json '[r["answer"]["at"] for r in j["rows"] if r["id"].endswith("02")] == [None]'
expect_json '[r["callback"] for r in j["rows"] if r["id"].endswith("02")] == [None]'
# September: C6's call-back (due 09-17 10:00) was never made.
run -C "$F" "${NOW[@]}" complaint sla 2026-09 --fail-on-breach --format json
expect_code 1
expect_json 'j["rows"][0]["callback"] == {"due": "2026-09-17T10:00:00+08:00", "at": None, "status": "breached"}'
run -C "$F" "${NOW[@]}" complaint sla 2026-10
expect_code 0
expect_out_has "ANSWER DUE"
expect_out_has "20261010-aaaaaa04  acme      general  breached"

case_ "summary by category and level (hand-computed in the fixture comments)"
run -C "$F" "${NOW[@]}" complaint summary --from 2026-09-30 --to 2026-10-31 --format json
expect_code 0
# total: response 1/4 (C3), resolution 1/4 (C3), call-back rate 1/2 (C2 of C1, C2):
# 25 x 0.3 + 25 x 0.5 + 50 x 0.2 = 30
expect_json 'j["total"]["received"] == 5 and j["total"]["recovery_rate"] == 30 and j["total"]["mean_csat"] == 3.5'
expect_json 'j["total"]["contact_met_rate"] == 50 and j["total"]["answer_met_rate"] == 50 and j["total"]["still_open"] == 3'
expect_json 'j["total"]["callbacks_due"] == 1 and j["total"]["callbacks_done"] == 1'
expect_json '[r["category"] for r in j["by_category"]] == ["product", "service", "delivery", "after_sales", "other"]'
expect_json 'j["by_category"][2]["recovery_rate"] == 20 and j["by_category"][0]["recovery_rate"] == 0'
expect_json 'j["by_category"][1]["recovery_rate"] is None and j["by_category"][1]["response_1h_rate"] == 100'
# general: contact 1 met of 3 judged; recovery 0 x 0.3 + 0 x 0.5 + 50 x 0.2 = 10
expect_json 'j["by_level"][0] ["level"] == "general" and j["by_level"][0]["contact_met_rate"] == 33.33 and j["by_level"][0]["recovery_rate"] == 10'
run -C "$F" "${NOW[@]}" complaint summary --from 2026-09-30 --to 2026-10-31
expect_out_has "level general"
expect_out_has "total"
run -C "$F" "${NOW[@]}" complaint summary --format csv 2026-10
expect_out_has "group,received,contact_met_rate"
# Without a PERIOD: this month (of --now), as `complaint sla` and `list` default to it.
run -C "$F" "${NOW[@]}" complaint summary --format json
expect_code 0
THIS_MONTH=$OUT
run -C "$F" "${NOW[@]}" complaint summary 2026-10 --format json
[ "$OUT" = "$THIS_MONTH" ] || fail "complaint summary without a period differs from 2026-10's"

case_ "list: periods, --status and --breached"
run -C "$F" "${NOW[@]}" complaint list --format json
expect_json '[c["id"][-2:] for c in j["complaints"]] == ["06", "02", "01", "03", "04", "05"]'
run -C "$F" "${NOW[@]}" complaint list --status open --format json
expect_json '[c["id"][-2:] for c in j["complaints"]] == ["03", "04", "05"]'
run -C "$F" "${NOW[@]}" complaint list --status closed --format json
expect_json '[c["id"][-2:] for c in j["complaints"]] == ["06", "02", "01"] and j["complaints"][1]["csat"] == 2'
run -C "$F" "${NOW[@]}" complaint list --breached --format json
expect_json '[c["id"][-2:] for c in j["complaints"]] == ["06", "02", "04"]'
run -C "$F" "${NOW[@]}" complaint list 2026-09 --breached --format csv
expect_out_has "20260915-aaaaaa06,2026-09-15T10:00:00+08:00,beta,general,closed,met,met,breached"
run -C "$F" "${NOW[@]}" complaint list --status pending
expect_code 2; expect_err_has "invalid value for --status"

case_ "show: deadlines with the time left or over"
run -C "$F" "${NOW[@]}" complaint show 20261010-aaaaaa04
expect_code 0
expect_out_has "breached: due 2026-10-11T09:00:00+08:00 (1d 3h over)"
expect_out_has "pending: due 2026-10-14T23:59:59+08:00 (2d 11h left)"
run -C "$F" "${NOW[@]}" complaint show aaaaaa04 --format json
expect_json 'j["sla"][1]["left_seconds"] == 2*86400 + 11*3600 + 59*60 + 59 and j["sla"][0]["over_seconds"] == 27*3600'
run -C "$F" "${NOW[@]}" complaint show 20261009-aaaaaa03 --format json
expect_json '[p["part"] for p in j["sla"]] == ["contact", "answer", "answer 2"] and j["status"] == "open" and j["csat"] is None'
run -C "$F" "${NOW[@]}" complaint show aaaaaa0
expect_code 2; expect_err_has "is ambiguous"
run -C "$F" "${NOW[@]}" complaint show 20261010-aaaaaa40
expect_code 2; expect_err_has "did you mean '20261010-aaaaaa04'"

case_ "a year without a calendar counts Monday-Friday and warns once"
run -C "$F" --now 2027-01-05T12:00:00+08:00 complaint show 20261231-aaaaaa08
expect_code 0
expect_out_has "pending: due 2027-01-05T23:59:59+08:00 (11h 59m left)"
expect_err_has "no calendar/2027.yaml"
[ "$(printf '%s\n' "$ERR" | grep -c 'no calendar/2027.yaml')" = 1 ] || fail "warned more than once"
run -C "$F" --now 2027-01-05T12:00:00+08:00 -q complaint show 20261231-aaaaaa08
expect_err_empty

case_ "the lifecycle, each step appending one event"
G=$(fresh g)
run -C "$G" "${NOW[@]}" --as zhang-san complaint open --customer 華潤 --level general --category product --summary 包装破损 --received-at 2026-10-12T09:00
expect_code 0
expect_out_match '^20261012-[0-9a-z]{8}$'
ID=$OUT
FILE="$G/complaints/2026/$ID.yaml"
printf 'id: %s\ncustomer: acme\nrep: zhang-san\nlevel: general\ncategory: product\nsummary: 包装破损\nreceived_at: 2026-10-12T09:00:00+08:00\nevents:\n' "$ID" | cmp -s - "$FILE" || fail "canonical new complaint"
step() { # step COMMAND ARGS... : runs one lifecycle step and checks it appended one line
  local before; before=$(wc -l <"$FILE"); cp "$FILE" "$TMP/before"
  run -C "$G" "${NOW[@]}" --as zhang-san complaint "$@"
  expect_code 0
  [ "$(wc -l <"$FILE")" = $((before + 1)) ] || fail "$1 did not append one line"
  head -c "$(stat -c %s "$TMP/before")" "$FILE" | cmp -s - "$TMP/before" || fail "$1 changed earlier bytes"
}
step contact "$ID" --at 2026-10-12T09:30 --note 电话致歉
tail -n 1 "$FILE" | grep -qx '  - {type: contacted, at: 2026-10-12T09:30:00+08:00, by: zhang-san, note: 电话致歉}' || fail "contacted line"
step answer "$ID" --at 2026-10-12T10:00 --by li-si --note 补发
tail -n 1 "$FILE" | grep -qx '  - {type: answered, at: 2026-10-12T10:00:00+08:00, by: li-si, note: 补发}' || fail "answered line"
step close "$ID" --at 2026-10-12T10:30 --csat 2
tail -n 1 "$FILE" | grep -qx '  - {type: closed, at: 2026-10-12T10:30:00+08:00, by: zhang-san, csat: 2}' || fail "closed line"
expect_err_has "a call-back is due by 2026-10-13T10:30:00+08:00"
step callback "$ID" --at 2026-10-12T11:00
step reopen "$ID" --at 2026-10-12T11:30 --reason 仍有破损
tail -n 1 "$FILE" | grep -qx '  - {type: reopened, at: 2026-10-12T11:30:00+08:00, by: zhang-san, reason: 仍有破损}' || fail "reopened line"
step answer "$ID" --at 2026-10-12T11:45
step close "$ID"                                   # --at defaults to now (12:00)
tail -n 1 "$FILE" | grep -qx '  - {type: closed, at: 2026-10-12T12:00:00+08:00, by: zhang-san}' || fail "default --at"
run -C "$G" "${NOW[@]}" complaint show "$ID" --format json
expect_json '[e["type"] for e in j["events"]] == ["contacted", "answered", "closed", "callback", "reopened", "answered", "closed"]'
expect_json '[p["status"] for p in j["sla"]] == ["met", "met", "met", "met"] and j["status"] == "closed"'
run -C "$G" check
expect_code 0

case_ "impossible steps are refused and write nothing"
BEFORE=$(tree_digest "$G")
refuse() { # refuse MESSAGE ARGS...
  local message=$1; shift
  run -C "$G" "${NOW[@]}" --as zhang-san complaint "$@"
  [ "$CODE" = 2 ] || fail "expected exit 2 for: $*"
  case "$ERR" in "kamgr: error: "*"$message"*) ;; *) fail "expected '$message' for: $*" ;; esac
}
refuse "did you mean 'general'" open --customer acme --level genral --category product --summary x
refuse "invalid value for --category" open --customer acme --level general --category quality --summary x
refuse "unknown customer 'nobody'" open --customer nobody --level general --category product --summary x
refuse "is in the future" open --customer acme --level general --category product --summary x --received-at 2026-10-13T09:00
refuse "--summary is empty" open --customer acme --level general --category product --summary " "
refuse "unknown member" open --customer acme --level general --category product --summary x --rep nobody
refuse "before the complaint was received" contact 20261012-aaaaaa05 --at 2026-10-12T11:00
refuse "before the last event" contact 20261009-aaaaaa03 --at 2026-10-11T09:00
refuse "is closed; reopen it before answering" answer 20260930-aaaaaa01 --at 2026-10-12T11:00
refuse "never been answered" close 20261010-aaaaaa04 --csat 4
refuse "not been answered since it was reopened" close 20261009-aaaaaa03 --csat 4
refuse "nothing to reopen" reopen 20261012-aaaaaa05 --reason x
refuse "has not been closed" callback 20261010-aaaaaa04
refuse "invalid value for --csat" close "$ID" --csat 6
refuse "invalid value for --csat" close "$ID" --csat 0
refuse "invalid value for --csat" close "$ID" --csat x
refuse "already closed" close "$ID" --csat 5
refuse "reason" reopen "$ID"
refuse "--reason is empty" reopen "$ID" --reason ""
refuse "--at 2026-10-12T13:00:00+08:00 is in the future" contact 20261012-aaaaaa05 --at 2026-10-12T13:00
refuse "not a timestamp" contact 20261012-aaaaaa05 --at yesterday
refuse "unknown member 'nobody'" contact 20261012-aaaaaa05 --by nobody
refuse "unknown complaint" contact 20261012-zzzzzzzz
refuse "must be the last top-level key" callback 20260915-aaaaaa06
run -C "$G" "${NOW[@]}" complaint contact 20261012-aaaaaa05
expect_code 2; expect_err_has "who is acting"
[ "$(tree_digest "$G")" = "$BEFORE" ] || fail "a refused command wrote something"

case_ "the three-level preset of examples/"
H=$(fresh h)
cp "$EXAMPLES/complaint-levels-three.yaml" "$H/kamgr.yaml"
rm "$H"/complaints/2026/*.yaml
run -C "$H" check
expect_code 0
run -C "$H" "${NOW[@]}" --as zhang-san complaint open --customer acme --level severe --category product --summary x --received-at 2026-10-12T10:00
S=$OUT
run -C "$H" "${NOW[@]}" --as zhang-san complaint contact "$S" --at 2026-10-12T10:31
run -C "$H" "${NOW[@]}" complaint show "$S" --format json
# severe: contact within 30 minutes (due 10:30, done 10:31); resolved within 24 hours.
expect_json 'j["sla"][0]["status"] == "breached" and j["sla"][0]["due"] == "2026-10-12T10:30:00+08:00"'
expect_json 'j["sla"][1]["due"] == "2026-10-13T10:00:00+08:00" and j["owner_role"] == "director"'
run -C "$H" "${NOW[@]}" --as zhang-san complaint open --customer acme --level minor --category product --summary y --received-at 2026-09-30T10:00
run -C "$H" "${NOW[@]}" complaint show "$OUT" --format json
# minor: 5 working days from Wed 09-30 = Oct 8, 9, 10 (Sat, worked), 12, 13.
expect_json 'j["sla"][1]["due"] == "2026-10-13T23:59:59+08:00" and j["sla"][0]["due"] == "2026-10-01T10:00:00+08:00"'
run -C "$H" "${NOW[@]}" --as zhang-san complaint open --customer acme --level major --category product --summary z
expect_code 2; expect_err_has "expected severe, general, minor"

case_ "check: complaint records, references and calendar files"
run -C "$F" check --format json
expect_code 0
expect_json 'j["errors"] == [] and any("2027" in w["message"] for w in j["warnings"])'
K=$(fresh k)
bad_complaint() { # bad_complaint ID EVENT... : a complaint with unknown references
  local id=$1; shift
  { printf 'id: %s\ncustomer: acmee\nrep: zhang-sa\nlevel: general\ncategory: product\n' "$id"
    printf 'summary: x\nreceived_at: 2026-10-01T10:00:00+08:00\nevents:\n'
    printf '  - %s\n' "$@"; } >"$K/complaints/2026/$id.yaml"
}
bad_complaint 20261001-bbbbbb01 "{type: answered, at: 2026-10-01T12:00:00+08:00, by: nobody}" \
  "{type: answered, at: 2026-10-01T11:00:00+08:00}"
bad_complaint 20261001-bbbbbb02 "{type: closed, at: 2026-10-01T12:00:00+08:00, by: nobody, csat: 4}" \
  "{type: answered, at: 2026-10-02T11:00:00+08:00}"
cat >"$K/calendar/2027.yaml" <<'EOF'
holidays: [2027-01-01, 2027-02-30, 2027-02-08]
workdays: [2027-02-08, 2027-02-09, 2027-02-07]
EOF
run -C "$K" check --format json
expect_code 1
expect_json '{"file": "complaints/2026/20261001-bbbbbb01.yaml", "line": 10, "message": "event at 2026-10-01T11:00:00+08:00 is before the event above it (2026-10-01T12:00:00+08:00); events are kept oldest first"} in j["errors"]'
expect_json 'any(e["line"] == 2 and "did you mean '"'"'acme'"'"'" in e["message"] for e in j["errors"] if e["file"].endswith("bbbbbb02.yaml"))'
expect_json 'any(e["line"] == 3 and "did you mean '"'"'zhang-san'"'"'" in e["message"] for e in j["errors"] if e["file"].endswith("bbbbbb02.yaml"))'
expect_json 'any(e["line"] == 9 and "nobody" in e["message"] for e in j["errors"] if e["file"].endswith("bbbbbb02.yaml"))'
expect_json 'any(w["line"] == 9 and "impossible step" in w["message"] for w in j["warnings"] if w["file"].endswith("bbbbbb02.yaml"))'
expect_json 'any(e["file"] == "calendar/2027.yaml" and e["line"] == 1 and "2027-02-30" in e["message"] for e in j["errors"])'
expect_json 'any(e["file"] == "calendar/2027.yaml" and "both as a holiday and as a working day" in e["message"] for e in j["errors"])'
expect_json 'any(w["file"] == "calendar/2027.yaml" and w["line"] == 2 and "2027-02-09 is a weekday" in w["message"] for w in j["warnings"])'

case_ "the demo data: the generator's scripted cases"
DEMO_NOW=(--now 2026-11-23T09:00:00+08:00)
run -C "$DEMO" "${DEMO_NOW[@]}" complaint sla 2026-02 --format json
# Received Fri 02-27 14:05; Sat 02-28 is a make-up working day: Feb 28, Mar 2, Mar 3.
expect_json '[r["answer"] for r in j["rows"] if r["id"] == "20260227-sknqg7r6"] == [{"due": "2026-03-03T23:59:59+08:00", "at": "2026-03-04T10:30:00+08:00", "status": "breached"}]'
run -C "$DEMO" "${DEMO_NOW[@]}" complaint list --status open --breached --format json
expect_json '[c["id"] for c in j["complaints"]] == ["20261106-v6c27n0q"]'
run -C "$DEMO" "${DEMO_NOW[@]}" complaint show 20261106-v6c27n0q --format json
# major, 7 working days from Fri 11-06: Nov 9-13, 16, 17.
expect_json 'j["sla"][1]["due"] == "2026-11-17T23:59:59+08:00" and j["sla"][1]["status"] == "breached"'

case_ "every complaint command has an example in --help"
for c in open contact answer close callback reopen show list sla summary; do
  run complaint "$c" --help
  expect_code 0
  expect_out_has "Example:"
done

finish
