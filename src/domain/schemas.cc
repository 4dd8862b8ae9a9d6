#include "kamgr/domain/schemas.h"

#include "kamgr/domain/record_types.h"

#include <fmt/format.h>

#include <map>
#include <utility>
#include <vector>

#include "kamgr/domain/pipeline.h"
#include "kamgr/domain/review.h"

namespace kamgr {
namespace {

// The value shapes the loaders take (docs/formats.md). A text field takes any scalar:
// the loaders read `12345` or `true` as the text they spell.
const std::string kId = R"({"type": "string", "pattern": "^[a-z0-9][a-z0-9._-]{0,63}$"})";
/// A generated record ID (core/id.h is_generated_id): `20261105-x7k2m9pq`.
const std::string kGeneratedId = R"({"type": "string", "pattern": "^[0-9]{8}-[a-z0-9]{6,}$"})";
const std::string kDate = R"({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})";
const std::string kInstant =
    R"({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:?[0-9]{2})?)?$"})";
const std::string kTime =
    R"({"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"})";
const std::string kText = R"({"type": ["string", "number", "boolean"]})";
const std::string kNonBlank = R"({"type": ["string", "number", "boolean"], "minLength": 1})";
const std::string kAnything = "{}";
const std::string kNumber = R"({"type": "number"})";
/// A duration: 30m, 24h, 3wd (docs/formats.md "Time").
const std::string kDuration = R"({"type": "string", "pattern": "^[0-9]+(m|h|d|wd|w)$"})";
const std::string kWorkingDays = R"({"type": "string", "pattern": "^[0-9]+wd$"})";

std::string range(const char* type, double low, double high) {
  return fmt::format(R"({{"type": "{}", "minimum": {}, "maximum": {}}})", type, low, high);
}

/// One field of a record: its schema, and whether the loader requires it. An optional
/// field may also be null (the loaders read null as absent).
struct Field {
  std::string name;
  std::string schema;
  bool required = false;
};

Field req(std::string name, std::string schema) { return {std::move(name), std::move(schema), true}; }
Field opt(std::string name, std::string schema) { return {std::move(name), std::move(schema), false}; }

std::string nullable(const std::string& schema) {
  return R"({"anyOf": [)" + schema + R"(, {"type": "null"}]})";
}

/// The `"required": [...]` list and the `"properties"` entries of `fields`, the entries
/// joined by `separator`.
std::pair<std::string, std::string> members(const std::vector<Field>& fields,
                                            const std::string& separator) {
  std::string required, properties;
  for (const Field& f : fields) {
    if (f.required) required += (required.empty() ? "\"" : ", \"") + f.name + "\"";
    properties += (properties.empty() ? "" : separator) +
                  fmt::format(R"("{}": {})", f.name, f.required ? f.schema : nullable(f.schema));
  }
  return {required, properties};
}

/// An object with `fields`; `extra` adds keywords (`, "if": ...`).
std::string object(const std::vector<Field>& fields, const std::string& extra = "") {
  const auto [required, properties] = members(fields, ", ");
  return fmt::format(R"({{"type": "object", "required": [{}], "properties": {{{}}}{}}})", required,
                     properties, extra);
}

std::string array_of(const std::string& items, const std::string& extra = "") {
  return R"({"type": "array", "items": )" + items + extra + "}";
}

std::string enum_of(const std::vector<std::string>& values) {
  std::string list;
  for (const std::string& v : values) list += (list.empty() ? "\"" : ", \"") + v + "\"";
  return "{\"enum\": [" + list + "]}";
}

/// A record's schema: an object with `fields`, one property per line.
std::string schema(const std::string& title, const std::vector<Field>& fields,
                   const std::string& extra = "") {
  const auto [required, properties] = members(fields, ",\n    ");
  return fmt::format(R"({{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "kamgr {}",
  "type": "object",
  "required": [{}],
  "properties": {{
    {}
  }}{}
}}
)",
                     title, required, properties, extra);
}

/// An `events` log: items with `type` (one of `types`), `at` and the `fields`.
std::string event_log(const std::vector<std::string>& types, std::vector<Field> fields,
                      bool by_required, const std::string& extra = "") {
  fields.insert(fields.begin(), {req("type", enum_of(types)), req("at", kInstant),
                                 by_required ? req("by", kId) : opt("by", kId)});
  return array_of(object(fields, extra));
}

std::string member_schema() {
  return schema(
      "team member",
      {req("id", kId), req("name", kNonBlank), req("role", enum_of({"rep", "manager", "director", "hr"})),
       opt("manager", kId), opt("email", kText),
       opt("handle", R"({"type": ["string", "number", "boolean"], "pattern": "^@?[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$"})"),
       opt("active", R"({"type": "boolean"})")},
      R"(,
  "if": {"properties": {"role": {"enum": ["rep", "manager"]}}, "required": ["role"]},
  "then": {"required": ["manager"], "properties": {"manager": )" + kId + "}}");
}

std::string customer_schema() {
  const std::string contact = object({req("name", kNonBlank), opt("title", kText),
                                      opt("phone", kText), opt("email", kText)});
  auto entry = [](bool first) {  // the first entry says the tier and the owner
    return object({req("date", kDate), Field{"tier", kNonBlank, first}, Field{"owner", kId, first},
                   opt("status", enum_of({"active", "lost"}))});
  };
  return schema("customer",
                {req("id", kId), req("name", kNonBlank), opt("industry", kAnything),
                 opt("scale", kAnything), opt("business_scope", kAnything),
                 opt("decision_process", kAnything), opt("competitors", array_of(kAnything)),
                 opt("contacts", array_of(contact)), opt("since", kDate),
                 req("history", array_of(entry(false), R"(, "minItems": 1, "prefixItems": [)" + entry(true) + "]"))});
}

std::string visit_schema() {
  const std::string step = R"({"anyOf": [)" + kText + ", " +
                           object({req("action", kNonBlank), opt("due", kDate)}) + "]}";
  return schema("visit", {req("id", kId), req("customer", kId), req("rep", kId),
                          req("date", kDate), opt("start", kTime), opt("end", kTime),
                          req("purpose", kNonBlank), opt("outcome", kText),
                          opt("feedback", kText), opt("next_steps", array_of(step)),
                          opt("opportunity", kGeneratedId), req("recorded_at", kInstant)});
}

std::string plan_schema() {
  const std::string planned = object({req("customer", kId), req("date", kDate), opt("purpose", kText)});
  return schema("monthly visit plan",
                {req("member", kId),
                 req("month", R"({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"})"),
                 req("visits", array_of(planned)),
                 opt("events", event_log({"submitted", "approved", "rejected"},
                                         {opt("note", kText), opt("digest", kText)}, true))});
}

std::string complaint_schema() {
  return schema(
      "complaint",
      {req("id", kId), req("customer", kId), req("rep", kId), req("level", kNonBlank),
       req("category", enum_of({"product", "service", "delivery", "after_sales", "other"})),
       req("summary", kNonBlank), req("received_at", kInstant),
       req("events", nullable(event_log({"contacted", "answered", "closed", "callback", "reopened"},
                                        {opt("note", kText), opt("csat", range("integer", 1, 5)),
                                         opt("reason", kText)},
                                        false)))});
}

std::string review_schema() {
  const std::string total = range("number", 0, 120);
  const std::string flags = array_of(enum_of({kFlagPip, kFlagConsecutiveD, kFlagExtraCommission, kFlagPromotion}));
  const std::string metric = object({req("metric", kNonBlank), opt("weight", kNumber),
                                     opt("target", kNumber), opt("actual", kNumber),
                                     opt("achievement", kNumber), opt("score", kNumber)});
  const std::string result =
      object({opt("kpi_score", kNumber), opt("qualitative", kNumber), opt("deductions", kNumber),
              req("total", total), req("grade", kNonBlank), opt("flags", flags),
              opt("metrics", array_of(metric))});
  // Which fields each kind of event needs (docs/reviews.md).
  const std::string needs = R"(, "allOf": [)"
      R"({"if": {"properties": {"type": {"enum": ["self", "manager", "upward"]}}}, "then": {"required": ["score"], "properties": {"score": {"type": "number"}}}}, )"
      R"({"if": {"properties": {"type": {"const": "deduction"}}}, "then": {"required": ["points", "reason"], "properties": {"points": {"type": "number"}, "reason": {"type": ["string", "number", "boolean"]}}}}, )"
      R"({"if": {"properties": {"type": {"const": "finalized"}}}, "then": {"required": ["result"], "properties": {"result": {"type": "object"}}}}, )"
      R"({"if": {"properties": {"type": {"const": "appeal"}}}, "then": {"required": ["reason"], "properties": {"reason": {"type": ["string", "number", "boolean"]}}}}, )"
      R"({"if": {"properties": {"type": {"const": "decision"}}}, "then": {"required": ["outcome", "total"], "properties": {"outcome": {"type": "string"}, "total": {"type": "number"}}}}])";
  return schema(
      "performance review",
      {req("member", kId),
       req("period", R"({"type": "string", "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$"})"),
       req("events", nullable(event_log({"self", "manager", "upward", "deduction", "finalized",
                                         "interview", "appeal", "decision"},
                                        {opt("score", range("number", 0, 100)),
                                         opt("points", R"({"type": "number", "exclusiveMinimum": 0, "maximum": 100})"),
                                         opt("comment", kText), opt("reason", kNonBlank),
                                         opt("outcome", enum_of({"upheld", "revised"})),
                                         opt("total", total), opt("grade", kNonBlank),
                                         opt("flags", flags), opt("result", result)},
                                        true, needs)))});
}

/// An exact amount (docs/pipeline.md "Amounts"): at most 2 decimals, up to ten billion.
/// `positive` refuses 0 as well.
std::string amount(bool positive = false) {
  return fmt::format(R"({{"type": "number", "{}": 0, "maximum": 10000000000}})",
                     positive ? "exclusiveMinimum" : "minimum");
}

/// `{"if": {type == t}, "then": {required: ...}}` for each (type, required fields).
std::string requires_by_type(const std::vector<std::pair<std::string, std::vector<std::string>>>& rules) {
  std::string all;
  for (const auto& [type, fields] : rules) {
    std::string required;
    for (const std::string& f : fields) required += (required.empty() ? "\"" : ", \"") + f + "\"";
    all += fmt::format(R"({}{{"if": {{"properties": {{"type": {{"const": "{}"}}}}}}, "then": {{"required": [{}]}}}})",
                       all.empty() ? "" : ", ", type, required);
  }
  return R"(, "allOf": [)" + all + "]";
}

std::string opportunity_schema() {
  const std::string needs = requires_by_type(
      {{"stage", {"stage"}}, {"won", {"contract"}}, {"lost", {"reason"}}, {"reassigned", {"owner"}}});
  return schema(
      "sales opportunity",
      {req("id", kId), req("customer", kId), req("owner", kId), req("title", kNonBlank),
       req("amount", amount()), opt("expected_close", kDate),
       opt("source", enum_of(opportunity_sources())),
       req("events", R"({"type": "array", "minItems": 1, "prefixItems": [{"type": "object", "properties": {"type": {"const": "opened"}}}], "items": )" +
                         object({req("type", enum_of(opportunity_event_types())),
                                 req("at", kInstant), req("by", kId), opt("note", kText),
                                 opt("stage", enum_of({"needs", "negotiation"})),
                                 opt("amount", amount()), opt("expected_close", kDate),
                                 opt("contract", kNonBlank), opt("reason", kId),
                                 opt("owner", kId)},
                                needs) + "}")});
}

std::string order_schema() {
  const std::string line = object({req("product", kNonBlank), req("quantity", amount(true)),
                                   req("unit_price", amount())});
  const std::string lines = array_of(line, R"(, "minItems": 1)");
  const std::string needs =
      requires_by_type({{"changed", {"reason", "lines"}}, {"cancelled", {"reason"}}});
  return schema(
      "order",
      {req("id", kId), req("customer", kId), req("rep", kId), opt("opportunity", kGeneratedId),
       req("date", kDate), req("lines", lines),
       opt("payment", object({req("method", kNonBlank), opt("terms", kText)})),
       opt("invoice", kText), opt("po", kText),
       opt("events", event_log(order_event_types(),
                               {opt("note", kText), opt("reason", kNonBlank), opt("lines", lines)},
                               true, needs))});
}

std::string config_schema() {
  // A map of named entries; `may_be_null`: the loader reads a null entry as its default.
  auto map_of = [](const std::string& value, bool may_be_null = false) {
    return R"({"type": "object", "additionalProperties": )" +
           (may_be_null ? nullable(value) : value) + "}";
  };
  const std::string level = object({req("contact", kDuration), req("answer", kDuration)});
  const std::string metric = object({opt("weight", range("number", 0, 1000)),
                                     opt("better", enum_of({"higher", "lower"}))});
  const std::string grade = object({req("grade", kText), req("min", range("number", 0, 1000)),
                                    opt("share", range("number", 0, 1))});
  const std::string share = range("number", 0, 1);
  return schema(
      "configuration (kamgr.yaml)",
      {opt("org", kText), opt("timezone", R"({"type": "string", "pattern": "^[+-][0-9]{2}:?[0-9]{2}$"})"),
       opt("week_anchor", kDate),
       opt("visits", object({opt("frequency", map_of(R"({"type": "string", "pattern": "^[0-9]+(w|m)$"})", true)),
                             opt("entry_deadline", kDuration)})),
       opt("complaints", object({opt("levels", map_of(level)),
                                 opt("callback_below", range("number", 0, 5)),
                                 opt("callback_within", kDuration)})),
       opt("customers", object({opt("required_fields", array_of(kText))})),
       opt("kpi", object({opt("cap", range("number", 1, 1000)),
                          opt("sales_from", enum_of({"import", "orders"})),
                          opt("metrics", map_of(metric))})),
       opt("review", object({opt("kpi_share", share),
                             opt("qualitative", object({opt("self", share), opt("manager", share), opt("upward", share)})),
                             opt("grades", array_of(grade, R"(, "minItems": 1)")),
                             opt("commission_metric", kText),
                             opt("commission_at", range("number", 0, 1000)),
                             opt("pip_days", range("integer", 1, 3650)),
                             opt("interview_within", kWorkingDays),
                             opt("appeal_within", kWorkingDays),
                             opt("decision_within", kWorkingDays)})),
       opt("pipeline",
           object({opt("stages", array_of(object({req("stage", enum_of({"lead", "qualified", "needs", "proposal", "negotiation"})),
                                                  opt("probability", range("integer", 0, 100)),
                                                  opt("rot_days", kWorkingDays)}))),
                   opt("proposal_within", kDuration),
                   opt("lost_reasons", array_of(kId))}))});
}

std::map<std::string, std::string> build() {
  std::map<std::string, std::string> s;
  s["member"] = member_schema();
  s["customer"] = customer_schema();
  s["visit"] = visit_schema();
  s["plan"] = plan_schema();
  s["complaint"] = complaint_schema();
  s["kpi"] = schema("KPI targets or actuals",
                    {req("entries", nullable(array_of(object({req("member", kId)},
                                                             R"(, "additionalProperties": {"type": "number"})"))))});
  s["review"] = review_schema();
  s["opportunity"] = opportunity_schema();
  s["order"] = order_schema();
  s["calendar"] = schema("working-day calendar",
                         {opt("holidays", array_of(kDate)), opt("workdays", array_of(kDate))});
  s["config"] = config_schema();
  return s;
}

}  // namespace

const std::vector<std::string>& record_type_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all;
    for (const RecordType* type : record_types()) all.emplace_back(type->name);
    return all;
  }();
  return names;
}

const std::string* record_schema(const std::string& type) {
  static const std::map<std::string, std::string> schemas = build();
  const auto it = schemas.find(type);
  return it == schemas.end() ? nullptr : &it->second;
}

std::string schema_file(const std::string& type) { return "schemas/" + type + ".schema.json"; }

std::string vscode_settings() {
  std::string map;
  for (const RecordType* type : record_types())
    map += fmt::format("{}    \"./{}\": [\"{}\"]", map.empty() ? "" : ",\n",
                       schema_file(std::string(type->name)), record_glob(*type));
  return fmt::format(R"({{
  "yaml.schemas": {{
{}
  }},
  "yaml.validate": true,
  "[yaml]": {{
    "editor.insertSpaces": true,
    "editor.tabSize": 2,
    "files.insertFinalNewline": true,
    "files.eol": "\n"
  }}
}}
)",
                     map);
}

}  // namespace kamgr
