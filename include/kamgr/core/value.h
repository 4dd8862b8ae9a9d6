#pragma once
/// A small ordered document tree: what every report computes, and what the JSON, YAML,
/// CSV and table renderers (and the canonical record writer) take.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kamgr {

class Value {
 public:
  enum class Type { null, boolean, integer, number, string, plain, array, object };

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : type_(Type::boolean), int_(b) {}
  Value(int i) : type_(Type::integer), int_(i) {}
  Value(long i) : type_(Type::integer), int_(i) {}
  Value(long long i) : type_(Type::integer), int_(i) {}
  Value(unsigned long i) : type_(Type::integer), int_(static_cast<int64_t>(i)) {}
  Value(double d) : type_(Type::number), number_(d) {}
  Value(std::string s) : type_(Type::string), text_(std::move(s)) {}
  Value(const char* s) : type_(Type::string), text_(s) {}
  template <typename T>
  Value(const std::optional<T>& o) {
    if (o) *this = Value(*o);
  }

  /// A scalar written as-is in YAML (dates, instants): a string in JSON.
  static Value plain(std::string text);
  /// A number rounded to 2 decimals (percentages and scores).
  static Value round2(double d);
  static Value array();
  static Value object();

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::null; }
  bool as_bool() const { return int_ != 0; }
  int64_t as_int() const { return int_; }
  double as_number() const { return type_ == Type::integer ? static_cast<double>(int_) : number_; }
  const std::string& as_text() const { return text_; }
  /// The scalar as text for a table or CSV cell (null: empty).
  std::string to_cell() const;

  /// Object: sets `key` (replacing an existing one, else appending in order).
  Value& set(const std::string& key, Value v);
  /// Object: the value under `key`, or nullptr.
  const Value* find(const std::string& key) const;
  /// Array: appends.
  Value& push(Value v);
  const std::vector<Value>& items() const { return items_; }
  const std::vector<std::pair<std::string, Value>>& fields() const { return fields_; }
  size_t size() const { return type_ == Type::object ? fields_.size() : items_.size(); }

 private:
  Type type_ = Type::null;
  int64_t int_ = 0;
  double number_ = 0;
  std::string text_;
  std::vector<Value> items_;
  std::vector<std::pair<std::string, Value>> fields_;
};

/// Compact-free, 2-space indented JSON with a final newline; UTF-8 unescaped.
std::string to_json(const Value& v);
/// Block-style YAML for reports.
std::string to_yaml(const Value& v);
/// A YAML scalar: plain when that reads back as the same string, else double-quoted.
/// `in_flow` also quotes the characters that end a flow collection.
std::string yaml_scalar(const std::string& s, bool in_flow);
/// A number without trailing zeros (`87.5`, `3`), rounded to 2 decimals.
std::string format_number(double d);

}  // namespace kamgr
