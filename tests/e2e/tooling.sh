#!/usr/bin/env bash
# Tooling around the records: --commit, JSON schemas, shell completions, install layout.
source "$(dirname "$0")/lib/assert.sh"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
F=$(copy_fixture basic)
git -C "$F" init -q && git -C "$F" add -A && git -C "$F" commit -qm base

case_ "--commit commits exactly what the command wrote"
run -C "$F" --commit --as zhang-san --now 2026-11-23T10:00:00+08:00 visit add --customer acme --date 2026-11-22 --purpose 回访
expect_code 0
[ "$(git -C "$F" log -1 --format=%s)" = "kamgr --as zhang-san visit add --customer acme --date 2026-11-22 --purpose 回访" ] \
  || fail "commit message: $(git -C "$F" log -1 --format=%s)"
[ "$(git -C "$F" show --name-only --format= HEAD)" = "visits/2026/11/$OUT.yaml" ] || fail "committed files"
run -C "$F" --commit --today 2026-11-23 customer set acme --tier secondary
expect_code 0
git -C "$F" show --name-only --format= HEAD | grep -qx customers/acme.yaml || fail "history append not committed"
run -C "$F" --commit visit add --customer nobody --date 2026-11-22 --purpose x --as zhang-san
expect_code 2
[ "$(git -C "$F" rev-list --count HEAD)" = 3 ] || fail "a refused command made a commit"

case_ "schemas are JSON for every record type"
for t in config member customer visit plan complaint kpi review calendar; do
  run schema "$t"
  expect_code 0
  expect_json 'j["type"] == "object" and "properties" in j'
done
run schema vist
expect_code 2; expect_err_has "did you mean 'visit'"

case_ "completions are generated from the command table"
run completion bash
expect_code 0
expect_out_has "complete -F _kamgr kamgr"
expect_out_has '"visit") words="add list'
printf '%s\n' "$OUT" | bash -n || fail "bash completion is not valid bash"
run completion fish
expect_out_has "complete -c kamgr -n '__fish_use_subcommand' -a visit"
run completion tcsh
expect_code 2
run -C "$F" __ids customers
expect_out "acme
beta
gamma"
finish
