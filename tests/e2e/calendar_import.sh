#!/usr/bin/env bash
# End-to-end: `kamgr calendar import` (docs/formats.md "Importing a calendar") of the
# three published formats into fresh data directories, the file read back by `check`
# and used by `complaint sla`, the refusals (nothing written), and check's reminder
# from 1 December while next year's calendar is missing (docs/complaints.md).
# The 2027 dates of tests/fixtures/calendar/ are test data (see its README.md).
source "$(dirname "$0")/lib/assert.sh"
CAL="$FIXTURES/calendar"
HOLIDAYS='holidays: [2027-01-01, 2027-01-02, 2027-01-03, 2027-02-05, 2027-02-06, 2027-02-07, 2027-02-08, 2027-02-09, 2027-02-10, 2027-02-11, 2027-02-12, 2027-04-03, 2027-04-04, 2027-04-05, 2027-05-01, 2027-05-02, 2027-05-03, 2027-05-04, 2027-05-05, 2027-06-09, 2027-09-15, 2027-10-01, 2027-10-02, 2027-10-03, 2027-10-04, 2027-10-05, 2027-10-06, 2027-10-07]'
WORKDAYS='workdays: [2027-01-31, 2027-02-20, 2027-04-25, 2027-05-08, 2027-09-26, 2027-10-09]'
# fresh NAME: a new data directory made by `kamgr init`, with the complaints fixture's
# team and customers (for complaints).
fresh() {
  rm -rf "${TMP:?}/$1"
  "$KAMGR" init "$TMP/$1" >/dev/null 2>&1 || fail "init $1"
  cp "$FIXTURES"/complaints/team/*.yaml "$TMP/$1/team/"
  cp "$FIXTURES"/complaints/customers/*.yaml "$TMP/$1/customers/"
  echo "$TMP/$1"
}
# expect_days FILE: the holidays and workdays lines of the 2027 test data.
expect_days() {
  grep -qxF "$HOLIDAYS" "$1" || fail "$1: holidays differ: $(grep '^holidays' "$1")"
  grep -qxF "$WORKDAYS" "$1" || fail "$1: workdays differ: $(grep '^workdays' "$1")"
}

case_ "iCalendar (CRLF, folded lines, an observance, a VALARM): calendar/2027.yaml"
ICS=$(fresh ics)
run -C "$ICS" calendar import "$CAL/holidays-2027.ics"
expect_code 0
expect_out "calendar/2027.yaml"
expect_err_has "kamgr: wrote calendar/2027.yaml (28 days off, 6 make-up working days): run kamgr check, then commit it"
expect_err_has "1 events that are neither a day off nor a make-up working day left out"
expect_file "$ICS/calendar/2027.yaml"
expect_days "$ICS/calendar/2027.yaml"
head -2 "$ICS/calendar/2027.yaml" >"$TMP/head"
[ "$(cat "$TMP/head")" = "# Public holidays (days off) and make-up working days of 2027 in China.
# Source: holidays-2027.ics (iCalendar), imported with kamgr calendar import." ] || fail "header: $(cat "$TMP/head")"
grep -qxF "# 春节: days off 2027-02-05..2027-02-12; make-up working days 2027-01-31, 2027-02-20" "$ICS/calendar/2027.yaml" ||
  fail "no 春节 summary line"
grep -q $'\r' "$ICS/calendar/2027.yaml" && fail "CR in the file written"

case_ "check reads the imported file clean (and no reminder on 2026-12-06)"
run -C "$ICS" --now 2026-12-06T10:00:00+08:00 check
expect_code 0
expect_out ""
expect_err_has "kamgr: 0 errors, 0 warnings"

case_ "complaint sla across the new holidays: December 2026 into January 2027, and 春节"
write_complaints() {
  mkdir -p "$1/complaints/2026" "$1/complaints/2027"
  cat >"$1/complaints/2026/20261230-aaaaaa01.yaml" <<'YAML'
# General (3 working days) received Wed 12-30: Thu 12-31; Jan 1-3 off; Mon 01-04,
# Tue 01-05 -> due 01-05 23:59:59 (01-04 without the 2027 calendar).
id: 20261230-aaaaaa01
customer: acme
rep: zhang-san
level: general
category: product
summary: 年底到货延误
received_at: 2026-12-30T10:00:00+08:00
events:
YAML
  cat >"$1/complaints/2026/20261231-aaaaaa02.yaml" <<'YAML'
# Major (7 working days) received Thu 12-31: Jan 4, 5, 6, 7, 8, 11, 12 -> due 01-12
# (01-11 without: Fri 01-01 would count).
id: 20261231-aaaaaa02
customer: acme
rep: zhang-san
level: major
category: service
summary: 跨年安装未完成
received_at: 2026-12-31T10:00:00+08:00
events:
YAML
  cat >"$1/complaints/2027/20270204-aaaaaa03.yaml" <<'YAML'
# Major received Thu 02-04: Feb 5-12 off, 13-14 weekend; Feb 15-19, Sat 02-20 (make-up),
# Mon 02-22 -> due 02-22 (02-15 without).
id: 20270204-aaaaaa03
customer: acme
rep: zhang-san
level: major
category: service
summary: 节前订单未发货
received_at: 2027-02-04T10:00:00+08:00
events:
YAML
}
write_complaints "$ICS"
run -C "$ICS" --now 2027-02-04T12:00:00+08:00 complaint sla --from 2026-12-01 --to 2027-02-28 --format json
expect_code 0
expect_err_lacks "no calendar"
expect_json '[r["answer"]["due"] for r in j["rows"]] == ["2027-01-05T23:59:59+08:00", "2027-01-12T23:59:59+08:00", "2027-02-22T23:59:59+08:00"]'
# The same complaints without the 2027 file: Monday-Friday, and a warning.
NOCAL=$(fresh nocal)
write_complaints "$NOCAL"
run -C "$NOCAL" --now 2027-02-04T12:00:00+08:00 complaint sla --from 2026-12-01 --to 2027-02-28 --format json
expect_code 0
expect_err_has "no calendar/2027.yaml"
expect_json '[r["answer"]["due"] for r in j["rows"]] == ["2027-01-04T23:59:59+08:00", "2027-01-11T23:59:59+08:00", "2027-02-15T23:59:59+08:00"]'

case_ "holiday-cn JSON: the same days"
HC=$(fresh hc)
run -C "$HC" calendar import "$CAL/holiday-cn-2027.json"
expect_code 0
expect_out "calendar/2027.yaml"
expect_days "$HC/calendar/2027.yaml"
grep -qxF "# Source: holiday-cn-2027.json (holiday-cn JSON), imported with kamgr calendar import." "$HC/calendar/2027.yaml" ||
  fail "holiday-cn source line"
grep -qxF "# 国庆节: days off 2027-10-01..2027-10-07; make-up working days 2027-09-26, 2027-10-09" "$HC/calendar/2027.yaml" ||
  fail "holiday-cn 国庆节 line"
run -C "$HC" --now 2026-12-06T10:00:00+08:00 check
expect_code 0
expect_err_has "kamgr: 0 errors, 0 warnings"

case_ "chinese-days JSON: several years need --year; in-lieu days add nothing"
CD=$(fresh cd)
BEFORE=$(tree_digest "$CD")
run -C "$CD" calendar import "$CAL/chinese-days.json"
expect_code 2
expect_err_has "the file covers several years (2026, 2027): choose one with --year"
[ "$(tree_digest "$CD")" = "$BEFORE" ] || fail "something was written"
run -C "$CD" calendar import "$CAL/chinese-days.json" --year 2027
expect_code 0
expect_out "calendar/2027.yaml"
expect_err_has "days of other years left out"
expect_days "$CD/calendar/2027.yaml"
run -C "$CD" --now 2026-12-06T10:00:00+08:00 check
expect_code 0
expect_err_has "kamgr: 0 errors, 0 warnings"
# The three imports agree day for day.
for f in "$HC" "$CD"; do
  diff <(grep -v '^#' "$ICS/calendar/2027.yaml") <(grep -v '^#' "$f/calendar/2027.yaml") >/dev/null || fail "$f differs from the ics import"
done

case_ "an existing calendar file is never rewritten; --dry-run shows what would be written"
BEFORE=$(tree_digest "$CD")
run -C "$CD" calendar import "$CAL/chinese-days.json" --year 2026
expect_code 2
expect_err_has "the file exists and kamgr never rewrites one"
expect_err_has "(calendar/2026.yaml)"
run -C "$CD" calendar import "$CAL/holidays-2027.ics"
expect_code 2
expect_err_has "(calendar/2027.yaml)"
run -C "$CD" calendar import "$CAL/holidays-2027.ics" --force
expect_code 2
expect_err_has "--force"
[ "$(tree_digest "$CD")" = "$BEFORE" ] || fail "something was written"
run -C "$CD" calendar import "$CAL/holidays-2027.ics" --dry-run
expect_code 0
expect_err_has "calendar/2027.yaml exists: the import would refuse to replace it"
expect_err_has "kamgr: --dry-run: would write calendar/2027.yaml (28 days off, 6 make-up working days); nothing written"
[ "$OUT" = "$(cat "$ICS/calendar/2027.yaml")" ] || fail "--dry-run prints another text than the import writes"
[ "$(tree_digest "$CD")" = "$BEFORE" ] || fail "--dry-run wrote something"

case_ "standard input, and --dry-run into a directory without the file"
IN=$(fresh stdin)
BEFORE=$(tree_digest "$IN")
OUT=$("$KAMGR" -C "$IN" calendar import - --dry-run <"$CAL/holiday-cn-2027.json" 2>"$TMP/.stderr") && CODE=0 || CODE=$?
expect_code 0
expect_out_has "# Source: <stdin> (holiday-cn JSON), imported with kamgr calendar import."
[ "$(tree_digest "$IN")" = "$BEFORE" ] || fail "--dry-run wrote something"
OUT=$("$KAMGR" -C "$IN" calendar import - <"$CAL/holidays-2027.ics" 2>"$TMP/.stderr") && CODE=0 || CODE=$?
expect_code 0
expect_days "$IN/calendar/2027.yaml"

case_ "bad input: one line naming file:line, exit 2, nothing written"
BAD=$(fresh bad)
BEFORE=$(tree_digest "$BAD")
head -c 900 "$CAL/holiday-cn-2027.json" >"$TMP/cut.json"
run -C "$BAD" calendar import "$TMP/cut.json"
expect_code 2
expect_err_has "kamgr: error: malformed JSON:"
expect_err_has "($TMP/cut.json:"
[ "$(printf '%s\n' "$ERR" | wc -l)" = 1 ] || fail "more than one line: $ERR"
printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:元旦\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$TMP/none.ics"
run -C "$BAD" calendar import "$TMP/none.ics"
expect_code 2
expect_err_has "no day off (休, 假) or make-up working day (班) among its events (1 other events) ($TMP/none.ics:6)"
printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270132\r\nSUMMARY:元旦 休\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$TMP/baddate.ics"
run -C "$BAD" calendar import "$TMP/baddate.ics"
expect_code 2
expect_err_has "DTSTART '20270132' is not a date (YYYYMMDD) ($TMP/baddate.ics:3)"
printf '{"year": 2027, "days": [\n{"name": "春节", "date": "2027-02-20", "isOffDay": true},\n{"name": "春节", "date": "2027-02-20", "isOffDay": false}]}\n' >"$TMP/both.json"
run -C "$BAD" calendar import "$TMP/both.json"
expect_code 2
expect_err_has "2027-02-20 is both a day off and a make-up working day (see also line 2) ($TMP/both.json:3)"
run -C "$BAD" calendar import "$FIXTURES/complaints/calendar/2026.yaml"
expect_code 2
expect_err_has "not a calendar kamgr can import"
run -C "$BAD" calendar import "$CAL/holidays-2027.ics" --year 27
expect_code 2
expect_err_has "--year: '27' is not a year (2027)"
run -C "$BAD" calendar import "$CAL/holidays-2027.ics" --year 2028
expect_code 2
expect_err_has "no day of 2028 in the file (it has 2027)"
run -C "$BAD" calendar import "$TMP/missing.ics"
expect_code 2
expect_err_has "cannot read the file (does it exist?)"
run -C "$BAD" calendar import "$TMP"
expect_code 2
expect_err_has "this is a folder, not a calendar file"
[ "$(tree_digest "$BAD")" = "$BEFORE" ] || fail "something was written"

case_ "check reminds from 1 December (the data directory's time) while next year's file is missing"
run -C "$BAD" --now 2026-12-01T00:00:00+08:00 check
expect_code 0
expect_out "calendar/2027.yaml: warning: no calendar for 2027 yet: complaints received in late December have deadlines in January (get it with kamgr calendar import FILE, docs/complaints.md)"
run -C "$BAD" --today 2026-12-01 check --format json
expect_code 0
expect_json 'j["warnings"] == [{"file": "calendar/2027.yaml", "line": None, "message": "no calendar for 2027 yet: complaints received in late December have deadlines in January (get it with kamgr calendar import FILE, docs/complaints.md)"}]'
# 2026-11-30T16:30Z is already 1 December at +08:00.
run -C "$BAD" --now 2026-11-30T16:30:00Z check
expect_out_has "no calendar for 2027 yet"
run -C "$BAD" --now 2026-11-30T23:59:59+08:00 check
expect_code 0
expect_out_lacks "no calendar for 2027"
expect_err_has "kamgr: 0 errors, 0 warnings"
# Imported: no reminder.
run -C "$ICS" --today 2026-12-01 check
expect_out_lacks "no calendar for 2027"

finish
