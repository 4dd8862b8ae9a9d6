#!/usr/bin/env bash
# End-to-end: visit add, complaint open and customer add ask for what is missing when
# stdin and stderr are a terminal (driven through a pseudo-terminal by
# lib/pty_session.py), and name everything missing in one error when they are not.
source "$(dirname "$0")/lib/assert.sh"
DRIVE="$(cd "$(dirname "$0")" && pwd)/lib/pty_session.py"
NOW=(--now 2026-11-23T10:00:00+08:00 --as zhang-san)
export PTY_TRANSCRIPT="$TMP/.transcript"

# drive EXPECT ANSWER ... -- ARGS...: runs kamgr on a pseudo-terminal answering prompts;
# $OUT is its stdout, $ERR what the terminal showed, $CODE its exit code.
drive() {
  local pairs=()
  while [ "$1" != "--" ]; do pairs+=("$1"); shift; done
  shift
  OUT=$(python3 "$DRIVE" "${pairs[@]}" -- "$KAMGR" "$@") && CODE=0 || CODE=$?
  ERR=$(cat "$TMP/.transcript" 2>/dev/null | tr -d '\r')
  rm -f "$TMP/.transcript"
}
expect_err_lacks() { case "$ERR" in *"$1"*) fail "terminal showed: $1" ;; esac; }
# field FILE KEY: the value of a top-level `KEY: value` line of a record.
field() { grep -E "^$2:" "$1" | head -1 | sed -E "s/^$2: *//"; }

F=$(copy_fixture basic)

case_ "visit add asks for customer, date, purpose and rep"
drive 'customer: ' '?' 'customer: ' 'a' 'customer: ' '萬家' \
      'date [2026-11-23]: ' '2026-11-20' 'purpose: ' '季度业务回顾' \
      'rep [zhang-san]: ' '' -- -C "$F" "${NOW[@]}" visit add --start 09:30
expect_code 0
expect_out_match '^20261120-[a-z0-9]+$'
expect_err_has "acme  華潤萬家"          # '?' listed the customers
expect_err_has "gamma  广州华润包装"
expect_err_has "customer 'a' is ambiguous"   # and an ambiguous answer was asked again
V="$F/visits/2026/11/$OUT.yaml"
expect_file "$V"
[ "$(field "$V" customer)" = acme ] || fail "customer: $(field "$V" customer)"
[ "$(field "$V" date)" = 2026-11-20 ] || fail "date: $(field "$V" date)"
[ "$(field "$V" rep)" = zhang-san ] || fail "rep: $(field "$V" rep)"
[ "$(field "$V" purpose)" = 季度业务回顾 ] || fail "purpose: $(field "$V" purpose)"
[ "$(field "$V" start)" = '"09:30"' ] || fail "start: $(field "$V" start)"
run -C "$F" "${NOW[@]}" check
expect_code 0

case_ "a default is taken on Enter; a bad date is asked again"
drive 'customer: ' 'beta' 'date [2026-11-23]: ' '2026-11-31' 'date [2026-11-23]: ' '' \
      'purpose: ' '回访' 'rep [zhang-san]: ' 'zhao-liu' -- -C "$F" "${NOW[@]}" visit add
expect_code 0
expect_err_has "invalid value for --date: '2026-11-31' is not a date"
V="$F/visits/2026/11/$OUT.yaml"
[ "$(field "$V" date)" = 2026-11-23 ] || fail "date: $(field "$V" date)"
[ "$(field "$V" rep)" = zhao-liu ] || fail "rep: $(field "$V" rep)"

case_ "complaint open asks only for what is missing"
drive 'customer: ' 'gamma' 'level [general]: ' '' 'category: ' 'delivry' 'category: ' '?' \
      'category: ' 'delivery' 'rep [zhang-san]: ' '' \
      -- -C "$F" "${NOW[@]}" complaint open --summary 到货包装破损
expect_code 0
expect_err_has "did you mean 'delivery'?"
expect_err_has "after_sales"
expect_err_lacks "summary:"
C="$F/complaints/2026/$OUT.yaml"
expect_file "$C"
[ "$(field "$C" customer)" = gamma ] || fail "customer: $(field "$C" customer)"
[ "$(field "$C" level)" = general ] || fail "level: $(field "$C" level)"
[ "$(field "$C" category)" = delivery ] || fail "category: $(field "$C" category)"

case_ "Tab completes a customer ID, a member ID and a level; Backspace erases a character"
drive 'customer: ' $'ac\t' 'date [2026-11-23]: ' '' 'purpose: ' $'回访x\x7f' \
      'rep [zhang-san]: ' $'zhao\t' -- -C "$F" "${NOW[@]}" visit add
expect_code 0
V="$F/visits/2026/11/$OUT.yaml"
[ "$(field "$V" customer)" = acme ] || fail "customer: $(field "$V" customer)"
[ "$(field "$V" purpose)" = 回访 ] || fail "purpose: $(field "$V" purpose)"
[ "$(field "$V" rep)" = zhao-liu ] || fail "rep: $(field "$V" rep)"
expect_err_has "customer: acme"      # the completed ID was shown in place
drive 'customer: ' $'萬家\t' 'level [general]: ' $'ma\t' 'category: ' $'del\t' \
      'rep [zhang-san]: ' '' -- -C "$F" "${NOW[@]}" complaint open --summary 破损
expect_code 0
C="$F/complaints/2026/$OUT.yaml"
[ "$(field "$C" customer)" = acme ] || fail "customer: $(field "$C" customer)"
[ "$(field "$C" level)" = major ] || fail "level: $(field "$C" level)"
[ "$(field "$C" category)" = delivery ] || fail "category: $(field "$C" category)"

case_ "Tab with several candidates lists them and keeps what was typed"
before=$(tree_digest "$F")
drive 'customer: ' $'\t' $'gives up)\r\ncustomer: ' '^D' -- -C "$F" "${NOW[@]}" visit add
expect_code 2
expect_err_has $'\n  acme\n  beta\n  gamma\n'
[ "$before" = "$(tree_digest "$F")" ] || fail "a visit was written"

case_ "arrow keys and Ctrl-U leave no trace in the answer"
drive 'customer: ' $'zzz\x15gam\x1b[D\x1b[Cma' 'date [2026-11-23]: ' '' 'purpose: ' '回访' \
      'rep [zhang-san]: ' '' -- -C "$F" "${NOW[@]}" visit add
expect_code 0
V="$F/visits/2026/11/$OUT.yaml"
[ "$(field "$V" customer)" = gamma ] || fail "customer: $(field "$V" customer)"

case_ "customer add asks for name, tier and owner"
drive 'name: ' '深圳万象' 'tier: ' 'key' 'owner [zhang-san]: ' 'wang-da' 'owner [zhang-san]: ' '' \
      -- -C "$F" "${NOW[@]}" customer add --id wanxiang
expect_code 0
expect_out "wanxiang"
expect_err_has "--owner 'wang-da' is a director"
run -C "$F" "${NOW[@]}" customer show wanxiang --format json
expect_json 'j["name"] == "深圳万象" and j["tier"] == "key" and j["owner"] == "zhang-san"'

case_ "questions in Chinese with --lang zh-CN; answers as ever"
drive '客户: ' '' '客户: ' 'acme' '日期 [2026-11-23]: ' '' '拜访目的: ' '回访' \
      '销售代表 [zhang-san]: ' 'nobody' '销售代表 [zhang-san]: ' '' \
      -- -C "$F" "${NOW[@]}" --lang zh-CN visit add
expect_code 0
expect_out_match '^20261123-[a-z0-9]+$'
expect_err_has "--customer 为必填项"
expect_err_has "未知成员 'nobody'"
[ "$(field "$F/visits/2026/11/$OUT.yaml" rep)" = zhang-san ] || fail "rep"
drive '客戶: ' 'beta' '日期 [2026-11-23]: ' '' '拜訪目的: ' '回訪' '銷售代表 [zhang-san]: ' '' \
      -- -C "$F" "${NOW[@]}" --lang zh-TW visit add
expect_code 0

case_ "Ctrl-D at a prompt: exit 2, nothing written"
BEFORE=$(tree_digest "$F")
drive 'customer: ' 'acme' 'date [2026-11-23]: ' '^D' -- -C "$F" "${NOW[@]}" visit add
expect_code 2
expect_err_has "kamgr: error: input ended before --date was given; nothing was written"
[ "$(tree_digest "$F")" = "$BEFORE" ] || fail "files changed"

case_ "all options given on a terminal: no questions"
drive -- -C "$F" "${NOW[@]}" visit add --customer acme --date 2026-11-23 --purpose 拜访
expect_code 0
expect_out_match '^20261123-[a-z0-9]+$'
expect_err_lacks ": "

case_ "no terminal: one line naming everything missing, nothing written"
BEFORE=$(tree_digest "$F")
run -C "$F" "${NOW[@]}" visit add --purpose 拜访 </dev/null
expect_code 2
expect_err_has "kamgr: error: --customer and --date are required"
[ "$(printf '%s\n' "$ERR" | wc -l)" = 1 ] || fail "more than one line"
run -C "$F" "${NOW[@]}" complaint open </dev/null
expect_code 2
expect_err_has "kamgr: error: --customer, --level, --category and --summary are required"
run -C "$F" "${NOW[@]}" customer add --tier key </dev/null
expect_code 2
expect_err_has "kamgr: error: --name and --owner are required"
[ "$(tree_digest "$F")" = "$BEFORE" ] || fail "files changed"

case_ "--help still marks the asked options as required"
run visit add --help
expect_out_has "--customer TEXT REQUIRED"

finish
