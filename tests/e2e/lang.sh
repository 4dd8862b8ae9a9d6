#!/usr/bin/env bash
# End-to-end: --lang zh-CN|zh-TW|en and the locale default. Table headers, notes, help and
# the common messages in Chinese (aligned); JSON, CSV and file:line locations unchanged.
source "$(dirname "$0")/lib/assert.sh"
unset LC_ALL LC_MESSAGES LANG LANGUAGE
F=$(copy_fixture basic)
NOW=(--now 2026-11-23T10:00:00+08:00)

# run_env VAR=VALUE... -- ARGS...: `run` with those variables set for kamgr alone.
run_env() {
  local vars=()
  while [ "$1" != "--" ]; do vars+=("$1"); shift; done
  shift
  OUT=$(env "${vars[@]}" "$KAMGR" "$@" 2>"$TMP/.stderr") && CODE=0 || CODE=$?
  ERR=$(cat "$TMP/.stderr")
}

# aligned: every line of $OUT starts its last column at the same display column (wide
# CJK characters count 2), as a terminal shows it.
aligned() {
  printf '%s\n' "$OUT" | python3 -c '
import sys, unicodedata
def width(s): return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
rows = [l for l in sys.stdin.read().split("\n") if "  " in l]
starts = {width(l[: l.rstrip().rfind("  ") + 2]) for l in rows}
sys.exit(0 if len(rows) >= 2 and len(starts) == 1 else 1)' || fail "columns not aligned"
}

case_ "--lang zh-CN customer list: Chinese headers and note, aligned"
run -C "$F" "${NOW[@]}" --lang zh-CN customer list --status all
expect_code 0
expect_out_match '^编号 +名称 +客户分级 +负责人 +状态$'
expect_out_has "华润医药"
expect_out_has "3 个客户"
expect_out_lacks "NAME"
aligned

case_ "--lang zh-TW: Traditional headers"
run -C "$F" "${NOW[@]}" --lang zh-TW customer list --status all
expect_code 0
expect_out_match '^編號 +名稱 +客戶分級 +負責人 +狀態$'
expect_out_has "3 個客戶"
aligned

case_ "--lang en and the C locale keep English"
run -C "$F" "${NOW[@]}" --lang en customer list
expect_out_match '^ID +NAME +TIER +OWNER +STATUS$'
run_env LANG=zh_CN.UTF-8 LC_ALL=C -- -C "$F" "${NOW[@]}" customer list
expect_out_match '^ID +NAME +TIER +OWNER +STATUS$'

case_ "the locale chooses the language: LC_ALL, then LC_MESSAGES, then LANG"
run_env LANG=zh_TW.UTF-8 -- -C "$F" "${NOW[@]}" customer list
expect_out_match '^編號 +名稱'
run_env LANG=en_US.UTF-8 LC_MESSAGES=zh_SG.UTF-8 -- -C "$F" "${NOW[@]}" customer list
expect_out_match '^编号 +名称'
run_env LANG=zh_HK.UTF-8 -- -C "$F" "${NOW[@]}" --lang en customer list
expect_out_match '^ID +NAME'

case_ "LANG=zh_TW.UTF-8 --help: Traditional help, examples and options unchanged"
run_env LANG=zh_TW.UTF-8 -- --help
expect_code 0
expect_out_has "用法"
expect_out_has "客戶拜訪：記錄、列表、合規、計劃"
expect_out_has "績效考核：評分、結果、申訴"
expect_out_has "範例："
expect_out_has "kamgr -C data kpi run 2026-10 --format json"
expect_out_has "--lang"
run_env LANG=zh_TW.UTF-8 -- visit add --help
expect_out_has "記錄一次拜訪（輸出其編號）"
expect_out_has "  --customer TEXT 必填        編號"   # padded by display width
expect_out_has "編號、完整名稱或名稱中唯一的一部分"
expect_out_has "kamgr visit add --customer 华润 --date 2026-11-22"
run --lang zh-CN visit --help
expect_out_has "客户拜访：记录、列表、合规、计划"
expect_out_has "记录一次拜访"
run visit --help --lang zh-CN          # --lang after --help counts too
expect_out_has "客户拜访"

case_ "errors in Chinese: unknown customer, with did-you-mean"
run -C "$F" "${NOW[@]}" --lang zh-CN customer show acmee
expect_code 2
expect_err_has "kamgr: error: 未知客户 'acmee'; 您是否要找 'acme'？"
run -C "$F" "${NOW[@]}" --lang zh-TW visit list --customer nosuch
expect_code 2
expect_err_has "kamgr: error: 未知客戶 'nosuch'"

case_ "errors in Chinese: invalid date, missing options, permission"
BEFORE=$(tree_digest "$F")
run -C "$F" "${NOW[@]}" --as zhang-san --lang zh-CN visit add --customer acme --date 2026-02-30 \
  --purpose 拜访
expect_code 2
expect_err_has "kamgr: error: --date 的值无效：'2026-02-30' 不是日期（YYYY-MM-DD）"
run -C "$F" "${NOW[@]}" --lang zh-TW visit add </dev/null
expect_code 2
expect_err_has "kamgr: error: 缺少必填項 --customer, --date 和 --purpose"
run -C "$F" "${NOW[@]}" --lang zh-CN visit add --customer acme --date 2026-11-20 --purpose x
expect_code 2
expect_err_has "kamgr: error: 无法确定操作人"
[ "$(tree_digest "$F")" = "$BEFORE" ] || fail "files changed"

case_ "a warning in Chinese"
run -C "$F" "${NOW[@]}" --as zhang-san --lang zh-CN visit add --customer beta --date 2026-11-20 \
  --purpose 回访
expect_code 0
expect_err_has "kamgr: warning: 客户 'beta' 在 2026-11-20 已流失"

case_ "file:line stays as it is"
G="$TMP/broken"
cp -r "$F" "$G"
printf 'id: broken\nname: [\n' > "$G/customers/broken.yaml"
run -C "$G" "${NOW[@]}" --lang zh-CN customer list
expect_code 2
expect_err_has "kamgr: error: "
expect_err_has "(customers/broken.yaml:"

case_ "JSON, CSV and YAML are the same in every language"
for fmt in json csv yaml; do
  run -C "$F" "${NOW[@]}" --format $fmt customer list --status all
  EN="$OUT"
  run -C "$F" "${NOW[@]}" --format $fmt --lang zh-CN customer list --status all
  [ "$OUT" = "$EN" ] || fail "$fmt differs under --lang zh-CN"
  LANG=zh_TW.UTF-8 run -C "$F" "${NOW[@]}" --format $fmt visit list 2026-10
  ZH="$OUT"
  run -C "$F" "${NOW[@]}" --format $fmt visit list 2026-10
  [ "$OUT" = "$ZH" ] || fail "$fmt visit list differs under LANG=zh_TW"
done
run -C "$F" "${NOW[@]}" --format json --lang zh-CN customer list
expect_json 'list(j["customers"][0].keys())[:5] == ["id", "name", "tier", "owner", "status"]'

case_ "a bad --lang value: exit 2"
run -C "$F" --lang fr customer list
expect_code 2
expect_err_has "kamgr: error: invalid value for --lang: 'fr' (expected zh-CN, zh-TW or en)"
run -C "$F" --lang=zh_CN customer list
expect_code 2
expect_err_has "invalid value for --lang: 'zh_CN'"
run --lang xx --help
expect_code 2

finish
