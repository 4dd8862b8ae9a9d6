#!/usr/bin/env bash
# examples/ci: the GitHub Actions workflow and the GitLab CI file parse, have the jobs
# they promise, and their check and monthly-KPI scripts work on the demo data.
source "$(dirname "$0")/lib/assert.sh"
CI="$(cd "$(dirname "$0")/../../examples/ci" && pwd)"
mkdir -p "$TMP/bin" && ln -s "$(cd "$(dirname "$KAMGR")" && pwd)/$(basename "$KAMGR")" "$TMP/bin/kamgr"

# scripts FILE: prints "NAME<TAB>python-repr-of-script" of the steps to run locally.
extract() {
  python3 - "$@" <<'PY'
import sys, yaml
kind, path, out = sys.argv[1:4]
doc = yaml.safe_load(open(path))
scripts = {}
if kind == "github":
    assert set(doc["jobs"]) == {"kamgr"}, doc["jobs"].keys()
    triggers = doc[True] if True in doc else doc["on"]   # YAML 1.1 reads `on` as true
    assert {"push", "pull_request", "schedule", "workflow_dispatch"} <= set(triggers), triggers
    steps = doc["jobs"]["kamgr"]["steps"]
    for s in steps:
        assert ("run" in s) != ("uses" in s), s
    names = [s.get("name") for s in steps]
    for want in ("Install kamgr", "Check the records", "Monthly KPI", "Keep the reports"):
        assert want in names, want
    upload = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact")]
    assert upload and upload[0]["with"]["path"] == "out/", upload
    scripts = {s["name"]: s["run"] for s in steps if "run" in s}
    scripts = {"check": scripts["Check the records"], "kpi": scripts["Monthly KPI"],
               "install": scripts["Install kamgr"]}
else:
    assert doc["stages"] == ["check", "report"], doc["stages"]
    for job in ("check", "monthly-kpi"):
        assert doc[job]["artifacts"]["paths"] == ["out/"], job
        assert doc[job]["before_script"], job
    assert {"if": '$CI_PIPELINE_SOURCE == "schedule"'} in doc["monthly-kpi"]["rules"]
    scripts = {"check": "\n".join(doc["check"]["script"]),
               "kpi": "\n".join(doc["monthly-kpi"]["script"]),
               "install": "\n".join(doc["check"]["before_script"])}
for name, text in scripts.items():
    open(f"{out}/{kind}-{name}.sh", "w").write(text)
PY
}

for kind in github gitlab; do
  case_ "$kind: the file parses and has its jobs"
  file="$CI/$kind-actions.yml"
  [ "$kind" = gitlab ] && file="$CI/gitlab-ci.yml"
  extract "$kind" "$file" "$TMP" || { fail "structure"; continue; }
  for s in check kpi install; do bash -n "$TMP/$kind-$s.sh" || fail "$s script is not valid bash"; done

  case_ "$kind: the check and KPI scripts run on the demo data"
  D="$TMP/data-$kind" && cp -r "$DEMO" "$D"
  (cd "$D" && PATH="$TMP/bin:$PATH" bash -e "$TMP/$kind-check.sh") >/dev/null 2>"$TMP/err" \
    || fail "check script failed: $(head -3 "$TMP/err")"
  OUT=$(cat "$D/out/check.json")
  expect_json 'j["errors"] == []'
  (cd "$D" && PATH="$TMP/bin:$PATH" MONTH=2026-10 bash -e "$TMP/$kind-kpi.sh") >/dev/null 2>"$TMP/err" \
    || fail "KPI script failed: $(head -3 "$TMP/err")"
  OUT=$(cat "$D/out/kpi-2026-10.json")
  expect_json 'j["period"] == "2026-10" and len(j["members"]) > 5'
  head -1 "$D/out/kpi-2026-10.csv" | grep -q "member" || fail "no CSV header"

  case_ "$kind: a broken record fails the check script"
  echo "role: [" >>"$D/team/$(ls "$D/team" | head -1)"
  (cd "$D" && PATH="$TMP/bin:$PATH" bash -e "$TMP/$kind-check.sh") >/dev/null 2>&1 \
    && fail "the check script passed a broken record"
  OUT=$(cat "$D/out/check.json")
  expect_json 'len(j["errors"]) >= 1'
done
finish
