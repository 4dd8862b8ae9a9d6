#include "kamgr/domain/schemas.h"

#include "kamgr/domain/record_types.h"

#include <fmt/format.h>

#include <map>

namespace kamgr {
namespace {

constexpr const char* kId = R"({"type": "string", "pattern": "^[a-z0-9][a-z0-9._-]{0,63}$"})";
constexpr const char* kDate =
    R"({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})";
constexpr const char* kInstant =
    R"({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:?[0-9]{2})?)?$"})";
constexpr const char* kTime = R"({"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"})";

std::string schema(const std::string& title, const std::string& required,
                   const std::string& properties) {
  return fmt::format(R"({{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "kamgr {}",
  "type": "object",
  "required": [{}],
  "properties": {{
{}
  }}
}}
)",
                     title, required, properties);
}

std::string event_list(const std::string& types, const std::string& extra) {
  return fmt::format(
      R"({{"type": ["array", "null"], "items": {{"type": "object", "required": ["type", "at"], "properties": {{"type": {{"enum": [{}]}}, "at": {}, "by": {}{}}}}}}})",
      types, kInstant, kId, extra);
}

std::map<std::string, std::string> build() {
  std::map<std::string, std::string> s;
  s["member"] = schema("team member", R"("id", "name", "role")", fmt::format(R"(    "id": {0},
    "name": {{"type": "string", "minLength": 1}},
    "role": {{"enum": ["rep", "manager", "director", "hr"]}},
    "manager": {0},
    "email": {{"type": "string"}},
    "handle": {{"type": "string", "pattern": "^@?[A-Za-z0-9][A-Za-z0-9._/-]{{0,99}}$"}},
    "active": {{"type": "boolean"}})", kId));
  s["customer"] = schema("customer", R"("id", "name", "history")", fmt::format(R"(    "id": {0},
    "name": {{"type": "string", "minLength": 1}},
    "industry": {{"type": "string"}},
    "scale": {{"type": "string"}},
    "business_scope": {{"type": "string"}},
    "decision_process": {{"type": "string"}},
    "competitors": {{"type": "array", "items": {{"type": "string"}}}},
    "contacts": {{"type": "array", "items": {{"type": "object", "required": ["name"], "properties": {{"name": {{"type": "string"}}, "title": {{"type": "string"}}, "phone": {{"type": "string"}}, "email": {{"type": "string"}}}}}}}},
    "since": {1},
    "history": {{"type": "array", "minItems": 1, "items": {{"type": "object", "required": ["date"], "properties": {{"date": {1}, "tier": {{"type": "string"}}, "owner": {0}, "status": {{"enum": ["active", "lost"]}}}}}}}})",
                                                                                          kId, kDate));
  s["visit"] = schema("visit", R"("id", "customer", "rep", "date", "purpose", "recorded_at")",
                      fmt::format(R"(    "id": {{"type": "string"}},
    "customer": {0},
    "rep": {0},
    "date": {1},
    "start": {2},
    "end": {2},
    "purpose": {{"type": "string", "minLength": 1}},
    "outcome": {{"type": "string"}},
    "feedback": {{"type": "string"}},
    "next_steps": {{"type": "array", "items": {{"type": "object", "required": ["action"], "properties": {{"action": {{"type": "string"}}, "due": {1}}}}}}},
    "recorded_at": {3})",
                                  kId, kDate, kTime, kInstant));
  s["plan"] = schema("monthly visit plan", R"("member", "month", "visits")",
                     fmt::format(R"(    "member": {0},
    "month": {{"type": "string", "pattern": "^[0-9]{{4}}-[0-9]{{2}}$"}},
    "visits": {{"type": "array", "items": {{"type": "object", "required": ["customer", "date"], "properties": {{"customer": {0}, "date": {1}, "purpose": {{"type": "string"}}}}}}}},
    "events": {2})",
                                 kId, kDate,
                                 event_list(R"("submitted", "approved", "rejected")",
                                            R"(, "note": {"type": "string"}, "digest": {"type": "string"})")));
  s["complaint"] = schema(
      "complaint", R"("id", "customer", "rep", "level", "category", "summary", "received_at", "events")",
      fmt::format(R"(    "id": {{"type": "string"}},
    "customer": {0},
    "rep": {0},
    "level": {{"type": "string"}},
    "category": {{"enum": ["product", "service", "delivery", "after_sales", "other"]}},
    "summary": {{"type": "string", "minLength": 1}},
    "received_at": {1},
    "events": {2})",
                  kId, kInstant,
                  event_list(R"("contacted", "answered", "closed", "callback", "reopened")",
                             R"(, "note": {"type": "string"}, "csat": {"type": "integer", "minimum": 1, "maximum": 5}, "reason": {"type": "string"})")));
  s["kpi"] = schema("KPI targets or actuals", R"("entries")", fmt::format(
      R"(    "entries": {{"type": ["array", "null"], "items": {{"type": "object", "required": ["member"], "properties": {{"member": {0}}}, "additionalProperties": {{"type": "number"}}}}}})",
      kId));
  s["review"] = schema("performance review", R"("member", "period", "events")", fmt::format(
      R"(    "member": {0},
    "period": {{"type": "string"}},
    "events": {1})",
      kId,
      event_list(R"("self", "manager", "upward", "deduction", "finalized", "interview", "appeal", "decision")",
                 R"(, "score": {"type": "number", "minimum": 0, "maximum": 100}, "points": {"type": "number", "exclusiveMinimum": 0, "maximum": 100}, "comment": {"type": "string"}, "reason": {"type": "string"}, "outcome": {"enum": ["upheld", "revised"]}, "total": {"type": "number"}, "grade": {"type": "string"}, "flags": {"type": "array", "items": {"type": "string"}}, "result": {"type": "object"})")));
  s["calendar"] = schema("working-day calendar", "", fmt::format(
      R"(    "holidays": {{"type": "array", "items": {0}}},
    "workdays": {{"type": "array", "items": {0}}})",
      kDate));
  s["config"] = schema("configuration (kamgr.yaml)", "", R"(    "org": {"type": "string"},
    "timezone": {"type": "string", "pattern": "^[+-][0-9]{2}:?[0-9]{2}$"},
    "week_anchor": {"type": "string"},
    "visits": {"type": "object", "properties": {"frequency": {"type": "object", "additionalProperties": {"type": "string", "pattern": "^[0-9]+(w|m)$"}}, "entry_deadline": {"type": "string"}}},
    "complaints": {"type": "object"},
    "customers": {"type": "object", "properties": {"required_fields": {"type": "array", "items": {"type": "string"}}}},
    "kpi": {"type": "object"},
    "review": {"type": "object"})");
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
