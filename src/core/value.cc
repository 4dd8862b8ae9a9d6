#include "kamgr/core/value.h"

#include <fmt/format.h>

#include <cmath>
#include <regex>

#include "kamgr/core/rounding.h"

namespace kamgr {

Value Value::plain(std::string text) {
  Value v;
  v.type_ = Type::plain;
  v.text_ = std::move(text);
  return v;
}

Value Value::round2(double d) { return Value(round_half_up(d)); }

Value Value::array() {
  Value v;
  v.type_ = Type::array;
  return v;
}

Value Value::object() {
  Value v;
  v.type_ = Type::object;
  return v;
}

Value& Value::set(const std::string& key, Value v) {
  for (auto& [k, existing] : fields_)
    if (k == key) return existing = std::move(v);
  fields_.emplace_back(key, std::move(v));
  return fields_.back().second;
}

const Value* Value::find(const std::string& key) const {
  for (const auto& [k, v] : fields_)
    if (k == key) return &v;
  return nullptr;
}

Value& Value::push(Value v) {
  items_.push_back(std::move(v));
  return items_.back();
}

std::string format_number(double d) {
  if (!std::isfinite(d)) return "null";
  const double r = round_half_up(d);
  if (r == 0) return "0";
  return fmt::format("{}", r);
}

std::string Value::to_cell() const {
  switch (type_) {
    case Type::null: return "";
    case Type::boolean: return int_ ? "true" : "false";
    case Type::integer: return std::to_string(int_);
    case Type::number: return format_number(number_);
    case Type::string:
    case Type::plain: return text_;
    case Type::array: {
      std::string s;
      for (const Value& item : items_) {
        if (!s.empty()) s += " ";
        s += item.to_cell();
      }
      return s;
    }
    case Type::object: break;
  }
  return "";
}

namespace {

void json_string(std::string& out, const std::string& s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out += static_cast<char>(c);
    }
  }
  out += '"';
}

void json(std::string& out, const Value& v, int indent) {
  const std::string pad(indent + 2, ' ');
  switch (v.type()) {
    case Value::Type::null: out += "null"; return;
    case Value::Type::boolean: out += v.as_bool() ? "true" : "false"; return;
    case Value::Type::integer: out += std::to_string(v.as_int()); return;
    case Value::Type::number: out += format_number(v.as_number()); return;
    case Value::Type::string:
    case Value::Type::plain: json_string(out, v.as_text()); return;
    case Value::Type::array:
      if (v.items().empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      for (size_t i = 0; i < v.items().size(); ++i) {
        out += pad;
        json(out, v.items()[i], indent + 2);
        out += i + 1 < v.items().size() ? ",\n" : "\n";
      }
      out += std::string(indent, ' ') + "]";
      return;
    case Value::Type::object:
      if (v.fields().empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      for (size_t i = 0; i < v.fields().size(); ++i) {
        out += pad;
        json_string(out, v.fields()[i].first);
        out += ": ";
        json(out, v.fields()[i].second, indent + 2);
        out += i + 1 < v.fields().size() ? ",\n" : "\n";
      }
      out += std::string(indent, ' ') + "}";
      return;
  }
}

/// True when a plain scalar `s` would read back as something other than a string in
/// YAML 1.1 or 1.2 (a bool, null, number, date or sexagesimal time).
bool looks_like_other_type(const std::string& s) {
  static const std::regex kOther(
      R"(^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|)"
      R"(off|Off|OFF|y|Y|n|N)$|)"
      R"(^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|)"
      R"(^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$|^0[xXoObB][0-9a-fA-F_]+$|)"
      R"(^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|$)|)"
      R"(^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$)");
  return std::regex_search(s, kOther);
}

}  // namespace

std::string yaml_scalar(const std::string& s, bool in_flow) {
  bool plain = !s.empty() && !looks_like_other_type(s) && s.front() != ' ' && s.back() != ' ';
  if (plain) {
    static const std::string kIndicators = "-?:,[]{}#&*!|>'\"%@`";
    if (kIndicators.find(s.front()) != std::string::npos) plain = false;
    for (size_t i = 0; plain && i < s.size(); ++i) {
      const unsigned char c = s[i];
      if (c < 0x20 || c == 0x7f) plain = false;
      else if (c == ':' && (i + 1 == s.size() || s[i + 1] == ' ')) plain = false;
      else if (c == '#' && i > 0 && s[i - 1] == ' ') plain = false;
      else if (in_flow && (c == ',' || c == '[' || c == ']' || c == '{' || c == '}')) plain = false;
    }
  }
  if (plain) return s;
  std::string out;
  json_string(out, s);  // a JSON string is a valid YAML double-quoted scalar
  return out;
}

namespace {

std::string yaml_leaf(const Value& v) {
  switch (v.type()) {
    case Value::Type::null: return "null";
    case Value::Type::string: return yaml_scalar(v.as_text(), false);
    case Value::Type::plain: return v.as_text();
    case Value::Type::array: return "[]";
    case Value::Type::object: return "{}";
    default: return v.to_cell();
  }
}

void yaml_block(std::string& out, const Value& v, int indent);

void yaml_item(std::string& out, const Value& v, int indent) {
  if ((v.type() == Value::Type::object || v.type() == Value::Type::array) && v.size() > 0) {
    out += "\n";
    yaml_block(out, v, indent);
  } else {
    out += " " + yaml_leaf(v) + "\n";
  }
}

void yaml_block(std::string& out, const Value& v, int indent) {
  const std::string pad(indent, ' ');
  if (v.type() == Value::Type::object) {
    for (const auto& [k, child] : v.fields()) {
      out += pad + yaml_scalar(k, false) + ":";
      yaml_item(out, child, indent + 2);
    }
  } else if (v.type() == Value::Type::array) {
    for (const Value& child : v.items()) {
      out += pad + "-";
      yaml_item(out, child, indent + 2);
    }
  } else {
    out += pad + yaml_leaf(v) + "\n";
  }
}

}  // namespace

std::string to_json(const Value& v) {
  std::string out;
  json(out, v, 0);
  out += "\n";
  return out;
}

std::string to_yaml(const Value& v) {
  std::string out;
  yaml_block(out, v, 0);
  return out;
}

}  // namespace kamgr
