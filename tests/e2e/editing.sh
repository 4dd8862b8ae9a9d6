#!/usr/bin/env bash
# Fitting the user's world (docs/guide.md "Working with git", "Editors" and "Editing a
# customer by hand"): `init --hooks` (pre-commit), editor schemas and settings, and
# `customer edit` through $EDITOR.
source "$(dirname "$0")/lib/assert.sh"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
unset VISUAL EDITOR

case_ "init writes the schemas and VS Code's yaml.schemas settings"
run -q init "$TMP/new"
expect_code 0
for t in config member customer visit plan complaint kpi review calendar; do
  python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$TMP/new/schemas/$t.schema.json" \
    || fail "schemas/$t.schema.json is not JSON"
done
OUT=$(cat "$TMP/new/.vscode/settings.json")
expect_json 'j["yaml.schemas"]["./schemas/customer.schema.json"] == ["customers/*.yaml"]'
expect_json 'j["yaml.schemas"]["./schemas/visit.schema.json"] == ["visits/*/*/*.yaml"]'
expect_json 'len(j["yaml.schemas"]) == 11 and j["[yaml]"]["editor.tabSize"] == 2'
cmp -s "$TMP/new/schemas/visit.schema.json" <("$KAMGR" schema visit) || fail "schema file differs from 'kamgr schema visit'"

case_ "an existing settings file is kept; schema --write refreshes the schemas"
F="$TMP/kept"
mkdir -p "$F/.vscode" && echo '{"mine": true}' >"$F/.vscode/settings.json"
run -q init "$F"
expect_code 0
[ "$(cat "$F/.vscode/settings.json")" = '{"mine": true}' ] || fail "settings.json was replaced"
echo stale >"$F/schemas/visit.schema.json"
rm "$F/schemas/plan.schema.json"
run -C "$F" schema --write
expect_code 0
expect_err_has "wrote 11 schema files"
cmp -s "$F/schemas/visit.schema.json" <("$KAMGR" schema visit) || fail "visit schema not refreshed"
expect_file "$F/schemas/plan.schema.json"
run -C "$F" schema
expect_code 2
expect_err_has "or --write"
run -C "$F" check
expect_code 0

case_ "init --hooks on a new data directory installs an executable pre-commit hook"
run -q init "$TMP/hooked" --hooks
expect_code 0
H="$TMP/hooked/.git/hooks/pre-commit"
[ -x "$H" ] || fail "the hook is missing or not executable"
grep -q "check --changed" "$H" || fail "the hook does not run check --changed"

case_ "init --hooks on an existing data directory only installs the hook"
F=$(copy_fixture basic)
git -C "$F" init -q && git -C "$F" add -A && git -C "$F" commit -qm base
before=$(tree_digest "$F")
run -C "$F" init "$F" --hooks
expect_code 0
expect_err_has "installed the pre-commit hook"
[ -x "$F/.git/hooks/pre-commit" ] || fail "hook not installed"
[ "$(tree_digest "$F")" = "$before" ] || fail "init --hooks changed the data directory"
expect_no_file "$F/schemas"
run init "$F" --hooks
expect_code 0
expect_err_has "already installed"

case_ "a commit of a bad record is refused by the hook; a good one passes"
printf 'id: bad\nname: x\nrole: boss\n' >"$F/team/bad.yaml"
git -C "$F" add -A
git -C "$F" commit -qm bad 2>"$TMP/hook.err" && fail "the bad commit was accepted"
grep -q "team/bad.yaml" "$TMP/hook.err" || fail "the hook did not name the bad file: $(cat "$TMP/hook.err")"
rm "$F/team/bad.yaml" && git -C "$F" add -A
"$KAMGR" -C "$F" --today 2026-11-23 --as zhang-san visit add --customer acme --date 2026-11-22 --purpose 回访 >/dev/null
git -C "$F" add -A
git -C "$F" commit -qm good 2>"$TMP/hook.err" || fail "the good commit was refused: $(cat "$TMP/hook.err")"

case_ "a different existing hook is not clobbered without --force"
F=$(copy_fixture basic)
git -C "$F" init -q
printf '#!/bin/sh\necho mine\n' >"$F/.git/hooks/pre-commit"
run init "$F" --hooks
expect_code 2
expect_err_has "a different pre-commit hook is already installed; pass --force"
grep -q mine "$F/.git/hooks/pre-commit" || fail "the user's hook was replaced"
run init "$F" --hooks --force
expect_code 0
grep -q mine "$F/.git/hooks/pre-commit.kamgr-backup" || fail "no backup of the user's hook"
grep -q "kamgr check" "$F/.git/hooks/pre-commit" || fail "hook not replaced with --force"

case_ "core.hooksPath is respected; no git is an error"
F=$(copy_fixture basic)
git -C "$F" init -q && git -C "$F" config core.hooksPath githooks
run init "$F" --hooks
expect_code 0
[ -x "$F/githooks/pre-commit" ] || fail "hook not in core.hooksPath"
expect_no_file "$F/.git/hooks/pre-commit"
F=$(copy_fixture basic)
run init "$F" --hooks
expect_code 2
expect_err_has "not in a git work tree"

# An editor script: sed -i with the expression in $SED_EXPR.
EDIT="$TMP/edit.sh"
printf '#!/bin/sh\nsed -i "$SED_EXPR" "$1"\n' >"$EDIT" && chmod +x "$EDIT"
edit() { SED_EXPR=$1 EDITOR="$EDIT" run -C "$F" customer edit "${@:2}" </dev/null; }

case_ "customer edit saves a valid edit and an appended history entry"
F=$(copy_fixture basic)
edit 's/^industry: 零售$/industry: 零售連鎖/; $a\  - {date: 2026-11-01, tier: secondary}' acme
expect_code 0
expect_err_has "saved customers/acme.yaml"
grep -q "^industry: 零售連鎖$" "$F/customers/acme.yaml" || fail "edit not saved"
grep -q "# our own note: keep this comment" "$F/customers/acme.yaml" || fail "comment lost"
run -C "$F" --today 2026-11-23 customer show acme --format json
expect_json 'j["tier"] == "secondary"'
expect_no_file "$F/.kamgr/edit/acme.yaml"
edit 's/nothing//' acme
expect_code 0
expect_err_has "no changes"

case_ "an invalid edit is refused without a terminal and the text kept"
F=$(copy_fixture basic)
before=$(tree_digest "$F")
edit 's/^since: 2024-03-15$/since: 2024-02-30/' acme
expect_code 2
expect_err_has "is not a date"
expect_err_has ".kamgr/edit/acme.yaml:"
expect_err_has "your text is kept in $F/.kamgr/edit/acme.yaml"
grep -q "since: 2024-02-30" "$F/.kamgr/edit/acme.yaml" || fail "the user's text was not kept"
[ "$(tree_digest "$F")" = "$before" ] || fail "the record changed"
edit 's/2024-02-30/2024-02-28/' acme
expect_code 0
expect_err_has "continuing your unsaved edit"
grep -q "^since: 2024-02-28$" "$F/customers/acme.yaml" || fail "the second try was not saved"

case_ "changing the id or rewriting history is refused"
F=$(copy_fixture basic)
before=$(tree_digest "$F")
edit 's/^id: acme$/id: acme2/' acme
expect_code 2
expect_err_has "id 'acme2' does not match the file name"
rm -f "$F/.kamgr/edit/acme.yaml"
edit 's/owner: zhang-san}/owner: zhao-liu}/' acme
expect_code 2
expect_err_has "history entry 1 (dated 2024-03-01) was changed or removed"
rm -f "$F/.kamgr/edit/acme.yaml"
edit '/2026-10-15/d' acme
expect_code 2
expect_err_has "history entry 2 (dated 2026-10-15) was changed or removed"
rm -f "$F/.kamgr/edit/acme.yaml"
edit 's/^history:/history2:/' acme
expect_code 2
rm -f "$F/.kamgr/edit/acme.yaml"
edit '$a\extra: after history' acme
expect_code 2
expect_err_has "last"
[ "$(tree_digest "$F")" = "$before" ] || fail "a refused edit changed the data"

case_ "the editor runs without a shell; quoted words; a failing editor saves nothing"
F=$(copy_fixture basic)
EDITOR="$EDIT; touch $TMP/pwned" run -C "$F" customer edit acme </dev/null
expect_code 2
expect_err_has "exit status 127"
expect_no_file "$TMP/pwned"
rm -rf "$F/.kamgr/edit"
EDITOR="sh -c 'echo pwned >\$0; exit 3'" run -C "$F" customer edit acme </dev/null
expect_code 2
expect_err_has "the editor 'sh' failed (exit status 3)"
grep -q "^id: acme" "$F/customers/acme.yaml" || fail "the record was touched"
rm -rf "$F/.kamgr/edit"
VISUAL="$EDIT" SED_EXPR='s/^industry: 零售$/industry: x;rm -rf \//' EDITOR=false run -C "$F" customer edit acme </dev/null
expect_code 0
grep -qF 'industry: x;rm -rf /' "$F/customers/acme.yaml" || fail "\$VISUAL was not preferred"
EDITOR="'unclosed" run -C "$F" customer edit acme </dev/null
expect_code 2
expect_err_has "unclosed"

case_ "on a terminal an invalid edit asks 'edit again?' and the next try is saved"
F=$(copy_fixture basic)
# First run of the editor breaks the date, the second fixes it.
printf '#!/bin/sh\nif [ -e "$1.tried" ]; then sed -i s/2024-02-30/2024-02-27/ "$1"; rm "$1.tried"; else sed -i s/2024-03-15/2024-02-30/ "$1"; touch "$1.tried"; fi\n' >"$TMP/twice.sh"
chmod +x "$TMP/twice.sh"
python3 - "$KAMGR" "$F" "$TMP/twice.sh" >"$TMP/pty.out" 2>&1 <<'PY' || fail "pty session: $(tail -5 "$TMP/pty.out")"
import os, pty, sys, time
kamgr, data, editor = sys.argv[1:4]
pid, fd = pty.fork()
if pid == 0:
    os.environ["EDITOR"] = editor
    os.execv(kamgr, [kamgr, "-C", data, "customer", "edit", "acme"])
out = b""
deadline = time.time() + 20
answered = False
while time.time() < deadline:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    if not answered and b"edit again? [Y/n]" in out:
        os.write(fd, b"y\n")
        answered = True
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace"))
sys.exit(0 if answered and os.waitstatus_to_exitcode(status) == 0 else 1)
PY
grep -q "is not a date" "$TMP/pty.out" || fail "the first try's error was not shown"
grep -q "^since: 2024-02-27$" "$F/customers/acme.yaml" || fail "the second try was not saved"
expect_no_file "$F/.kamgr/edit/acme.yaml"
finish
