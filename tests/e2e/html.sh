#!/usr/bin/env bash
# End-to-end: --format html pages of kpi run, visit compliance, complaint summary and
# review calibrate. Structure is checked with Python's html.parser (balanced, svg, the
# expected bars and cells, escaped names, nothing fetched from outside); then, when
# Chromium is installed, each page is loaded headless: its DOM must keep the charts and
# a screenshot must show something. Without Chromium that part is skipped, unless
# KAMGR_REQUIRE_CHROMIUM=1 (CI), where it fails.
source "$(dirname "$0")/lib/assert.sh"

# check_page FILE EXPR: parses FILE and evaluates the Python expression EXPR over
#   els  - every element as a dict of its attributes plus "tag" (document order)
#   text - the page's text, raw - the file as written
# Fails when the page is not balanced (every non-void element closed in order).
check_page() {
  python3 - "$1" "$2" <<'PY' || fail "page check failed ($1): $2"
import sys
from html.parser import HTMLParser
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.els, self.stack, self.text, self.errors = [], [], [], []
    def handle_starttag(self, tag, attrs):
        self.els.append(dict(attrs, tag=tag))
        if tag not in VOID:
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        self.els.append(dict(attrs, tag=tag))
    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append("unbalanced </%s>" % tag)
    def handle_data(self, data):
        self.text.append(data)
raw = open(sys.argv[1], encoding="utf-8").read()
p = P(); p.feed(raw); p.close()
if p.errors or p.stack:
    print("not well-formed:", p.errors[:3], "open:", p.stack, file=sys.stderr); sys.exit(1)
els, text = p.els, "".join(p.text)
def of(tag, cls=None):
    return [e for e in els if e["tag"] == tag and (cls is None or e.get("class") == cls)]
ok = eval(sys.argv[2])
if not ok:
    print("expression is false", file=sys.stderr)
sys.exit(0 if ok else 1)
PY
}

# Every page: a doctype, UTF-8, an svg, no script, nothing from outside.
check_common() {
  check_page "$1" 'raw.startswith("<!DOCTYPE html>") and of("meta")[0].get("charset") == "utf-8" and of("svg") and of("table") and not of("script") and "http://" not in raw and "https://" not in raw and not any(k in ("src", "href") for e in els for k in e)'
}

PAGES=()

# --- kpi run ---------------------------------------------------------------------------
F=$(copy_fixture kpi)
NOW=(--now 2026-11-03T12:00:00+08:00)
case_ "kpi run --format html: one bar per scored member, table below"
run -C "$F" "${NOW[@]}" --format json kpi run 2026-10
SCORED=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(sum(m["kpi_score"] is not None for m in json.load(sys.stdin)["members"]))')
MEMBERS=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["members"]))')
"$KAMGR" -C "$F" "${NOW[@]}" kpi run 2026-10 --format html >"$TMP/kpi.html" 2>"$TMP/.stderr"
CODE=$?; expect_code 0
check_common "$TMP/kpi.html"
check_page "$TMP/kpi.html" "len(of('rect', 'bar')) == $SCORED and len(of('g', 'row')) == $MEMBERS and len(of('tr')) == $MEMBERS + 1"
check_page "$TMP/kpi.html" 'len(of("line", "reference")) == 1 and "KPI 2026-10" in text'
PAGES+=("$TMP/kpi.html")

case_ "kpi run --member and --by team have pages too"
run -C "$F" "${NOW[@]}" kpi run 2026-10 --member rep-a --format html
expect_code 0; expect_out_has "Score by metric"; expect_out_has "<svg"
run -C "$F" "${NOW[@]}" kpi run 2026-10 --by team --format html
expect_code 0; expect_out_has "Mean KPI score of each manager"

# --- visit compliance --------------------------------------------------------------------
V=$(copy_fixture visits)
# A hostile name: markup and quotes must arrive as text.
python3 - "$V/customers/acme.yaml" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(text.replace("name: 华润万家\n", 'name: "华润<b>万家</b> & \\"Co\\""\n'))
PY
grep -q '^name: "华润<b>万家</b> & \\"Co\\""$' "$V/customers/acme.yaml" || fail "could not rename acme"
case_ "visit compliance --format html: customers x ISO weeks, coloured by hand"
"$KAMGR" -C "$V" --now 2026-11-02T09:00:00+08:00 visit compliance 2026-10 --format html \
  >"$TMP/visits.html" 2>"$TMP/.stderr"
CODE=$?; expect_code 0
check_common "$TMP/visits.html"
# October 2026 spans ISO weeks 40-44; see visits.sh for the windows. Rows by customer ID.
check_page "$TMP/visits.html" 'len(of("rect", "cell")) == 25 and len(of("g", "row")) == 5'
check_page "$TMP/visits.html" '[{"#59a14f": "met", "#e15759": "missed", "#e6e6e6": "-"}[c["fill"]] for c in of("rect", "cell")] == "met missed met met met  met met met - -  - - missed met -  met met met met met  missed met met - -".replace("  ", " ").split()'
check_page "$TMP/visits.html" '"华润<b>万家</b> & \"Co\"" in text and not of("b") and "&lt;b&gt;" in raw'
PAGES+=("$TMP/visits.html")

case_ "visit compliance --by rep keeps its table under the heatmap"
run -C "$V" --now 2026-11-02T09:00:00+08:00 visit compliance 2026-10 --by rep --format html
expect_code 0; expect_out_has "<th>REP</th>"; expect_out_has 'class="cell"'

# --- complaint summary -------------------------------------------------------------------
C=$(copy_fixture complaints)
CNOW=(--now 2026-10-12T12:00:00+08:00)
case_ "complaint summary --format html: contact and answer SLA stacked by level"
run -C "$C" "${CNOW[@]}" complaint summary --from 2026-09-30 --to 2026-10-31 --format json
RECEIVED=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(sum(r["received"] for r in json.load(sys.stdin)["by_level"]))')
LEVELS=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["by_level"]))')
"$KAMGR" -C "$C" "${CNOW[@]}" complaint summary --from 2026-09-30 --to 2026-10-31 --format html \
  >"$TMP/complaints.html" 2>"$TMP/.stderr"
CODE=$?; expect_code 0
check_common "$TMP/complaints.html"
# Two charts; in each, the segments (titled "LEVEL PART: N") add up to the complaints received.
check_page "$TMP/complaints.html" "len(of('svg')) == 2 and len(of('g', 'row')) == 2 * $LEVELS"
check_page "$TMP/complaints.html" "[sum(int(t.rsplit(': ', 1)[1]) for t in s) for s in [[x for x in __import__('re').findall(r'<rect class=\"seg\"[^>]*><title>([^<]*)</title>', chunk)] for chunk in raw.split('<svg')[1:]]] == [$RECEIVED, $RECEIVED] and $RECEIVED > 0"
PAGES+=("$TMP/complaints.html")

# --- review calibrate --------------------------------------------------------------------
D=$(copy_fixture reviews)
# Finalize 2026-09 (see reviews.sh): without KPI data every total is low, so one grade is
# over its share in every group.
run -C "$D" --now 2026-09-28T09:00:00+08:00 review open 2026-09
run -C "$D" --now 2026-09-29T10:00:00+08:00 --as chen-qi review manager sun-ba 2026-09 --score 40
run -C "$D" --now 2026-09-30T18:00:00+08:00 --as boss review finalize 2026-09 --allow-incomplete
expect_code 0
RNOW=(--now 2026-10-02T12:00:00+08:00)
case_ "review calibrate --format html: a bar per grade, the share as marker, exit 1 when over"
run -C "$D" "${RNOW[@]}" review calibrate 2026-09 --format json
expect_code 1
OVER=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print([x["over"] for x in json.load(sys.stdin)["groups"][0]["grades"]])')
"$KAMGR" -C "$D" "${RNOW[@]}" review calibrate 2026-09 --format html >"$TMP/grades.html" 2>"$TMP/.stderr"
CODE=$?; expect_code 1
check_common "$TMP/grades.html"
# Red bars exactly for the grades over their share; an over grade's bar ends right of its
# share marker (count > ceil(share x n) >= share x n).
check_page "$TMP/grades.html" "len(of('line', 'marker')) == len($OVER) and [b['fill'] == '#e15759' for b in of('rect', 'bar')] == $OVER and True in $OVER"
check_page "$TMP/grades.html" "all(float(m['x1']) < float(b['x']) + float(b['width']) for m, b, o in zip(of('line', 'marker'), of('rect', 'bar'), $OVER) if o)"
PAGES+=("$TMP/grades.html")
run -C "$D" "${RNOW[@]}" review calibrate 2026-09 --by team --format json
BARS=$(printf '%s' "$OUT" | python3 -c 'import json,sys; g=json.load(sys.stdin)["groups"]; print(len(g), sum(len(x["grades"]) for x in g))')
run -C "$D" "${RNOW[@]}" review calibrate 2026-09 --by team --format html
expect_code 1
printf '%s' "$OUT" >"$TMP/grades-team.html"
check_page "$TMP/grades-team.html" "(len(of('svg')), len(of('rect', 'bar'))) == tuple(int(x) for x in '$BARS'.split()) and len(of('svg')) > 1"

# --- refused -----------------------------------------------------------------------------
case_ "--format html elsewhere is bad input, before anything is written"
run -C "$F" "${NOW[@]}" team list --format html
expect_code 2
expect_err_has "--format html is available for kpi run, visit compliance, complaint summary, review calibrate"
BEFORE=$(tree_digest "$V")
run -C "$V" --as zhang-san --format html visit add --customer acme --date 2026-10-20 --purpose x
expect_code 2
expect_err_has "--format html is available for"
[ "$(tree_digest "$V")" = "$BEFORE" ] || fail "a refused --format html wrote files"
run -C "$F" "${NOW[@]}" kpi run 2026-10 --format htm
expect_code 2
expect_err_has "expected table, json, csv, yaml or html"

# --- Chromium ----------------------------------------------------------------------------
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then
  if [ "${KAMGR_REQUIRE_CHROMIUM:-0}" = 1 ]; then
    case_ "chromium"; fail "KAMGR_REQUIRE_CHROMIUM=1 but no chromium binary"
  else
    echo "SKIP chromium part (no chromium binary)"
  fi
else
  chrome() {
    timeout 90 "$CHROME" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
      --no-first-run --user-data-dir="$TMP/chrome-profile" "$@" 2>>"$TMP/chrome.log"
  }
  for page in "${PAGES[@]}"; do
    case_ "chromium renders $(basename "$page")"
    SVGS=$(grep -o '<svg' "$page" | wc -l)
    chrome --dump-dom "file://$page" >"$page.dom" || fail "chromium --dump-dom failed"
    check_page "$page.dom" "len(of('svg')) == $SVGS and len(of('rect')) == $(grep -o '<rect' "$page" | wc -l)"
  done
  case_ "a font with Chinese characters for the screenshot"
  # Without one, Chromium draws the names as empty boxes: CI installs fonts-wqy-zenhei.
  if [ -z "$(fc-list ':charset=534e 6da6' family 2>/dev/null)" ]; then  # 华 润
    if [ "${KAMGR_REQUIRE_CHROMIUM:-0}" = 1 ]; then fail "no font covers 华润 (fc-list)"
    else echo "SKIP: no Chinese font; the screenshot shows boxes for Chinese names"; fi
  fi
  case_ "chromium screenshot of the kpi page"
  chrome --screenshot="$TMP/kpi.png" --window-size=1200,900 "file://$TMP/kpi.html" >/dev/null
  SIZE=$(stat -c %s "$TMP/kpi.png" 2>/dev/null || echo 0)
  [ "$SIZE" -gt 10240 ] || fail "screenshot is $SIZE bytes"
fi

finish
