#!/usr/bin/env bash
# End-to-end: customer show --timeline on the demo data (docs/guide.md "A customer's
# timeline"): the kinds, the order, the --now cut-off, the JSON shape, contacts hidden.
source "$(dirname "$0")/lib/assert.sh"
NOW=(-C "$DEMO" --now 2026-11-23T10:00:00+08:00)
C=ankang-shaoxing

case_ "the table lists every kind, oldest first"
run "${NOW[@]}" customer show $C --timeline
expect_code 0
expect_err_empty
expect_out_match '^DATE +KIND +WHAT +REF'
expect_out_match '^2024-01-01 +history +managed from: tier=secondary owner=zhang-wei +ankang-shaoxing'
for kind in visit "complaint received" "complaint closed" "opportunity opened" "opportunity won" order "order change_approved"; do
  expect_out_match "^[0-9-]{10}(T[0-9:]+)? +$kind "
done
expect_out_match '^2026-11-10 +order +1132012 active, opportunity 20260915-k3m8q2pz +20261110-h8n4v6ke'
dates=$(printf '%s\n' "$OUT" | tail -n +2 | cut -c1-16)
[ "$dates" = "$(sort <<<"$dates")" ] || fail "not oldest first"

case_ "JSON: the show document plus the timeline"
run "${NOW[@]}" --format json customer show $C --timeline
expect_code 0
expect_json 'list(j) == ["id","name","tier","owner","status","since","profile","contacts","history","window","last_visit","compliance","timeline","as_of"]'
expect_json 'all(list(i) == ["at","kind","what","ref","file"] for i in j["timeline"])'
expect_json '[i["at"] for i in j["timeline"]] == sorted(i["at"] for i in j["timeline"])'
expect_json 'all(i["file"].startswith(("customers/","visits/","complaints/","opportunities/","orders/")) for i in j["timeline"])'
expect_json 'isinstance(j["contacts"], int)'
expect_json '{"ankang-shaoxing","20260917-msx7jt27","20260915-k3m8q2pz","20261110-h8n4v6ke"} <= {i["ref"] for i in j["timeline"]}'
run "${NOW[@]}" --format json customer show $C
expect_json '"timeline" not in j'

case_ "--now leaves out what came later"
run -C "$DEMO" --now 2026-11-12T12:00:00+08:00 --format json customer show $C --timeline
expect_code 0
expect_json 'max(i["at"] for i in j["timeline"]) == "2026-11-12T10:00"'
expect_json '[i["what"] for i in j["timeline"] if i["kind"] == "order"] == ["1060010 change_pending, opportunity 20260915-k3m8q2pz"]'
expect_json 'not any(i["kind"] == "order change_approved" for i in j["timeline"])'
run -C "$DEMO" --now 2026-09-17T17:00:00+08:00 --format json customer show $C --timeline
expect_json '[i["kind"] for i in j["timeline"]][-1] == "complaint received"'

case_ "CSV carries the file; YAML the timeline"
run "${NOW[@]}" --format csv customer show $C --timeline
expect_code 0
expect_out_match '^at,kind,what,ref,file'
expect_out_has 'orders/2026/11/20261110-h8n4v6ke.yaml'
run "${NOW[@]}" --format yaml customer show $C --timeline
expect_out_match '^timeline:'

case_ "contacts stay hidden unless --with-contacts"
PHONE=$(python3 -c "import yaml,sys; print(yaml.safe_load(open(sys.argv[1]))['contacts'][0]['phone'])" "$DEMO/customers/$C.yaml")
for format in table json csv yaml; do
  run "${NOW[@]}" --format $format customer show $C --timeline
  expect_out_lacks "$PHONE"
done
run "${NOW[@]}" --format json customer show $C --timeline --with-contacts
expect_out_has "$PHONE"

case_ "an unknown customer is refused"
run "${NOW[@]}" customer show nobody --timeline
expect_code 2
expect_err_has "unknown customer 'nobody'"

finish
