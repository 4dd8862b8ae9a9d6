#pragma once
/// A strict JSON reader (RFC 8259) that keeps the line of every value, for inputs kamgr
/// reads from other tools (`calendar import`, docs/formats.md "Importing a calendar").
/// Not YAML: a file that is not JSON is refused, and a key given twice in one object is
/// refused (other readers would silently keep one of the two).
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kamgr {

struct JsonValue {
  enum class Kind { null, boolean, number, string, array, object };
  Kind kind = Kind::null;
  int line = 0;      ///< 1-based line where the value starts
  bool boolean = false;
  std::string text;  ///< a string's decoded text, or a number as written
  std::vector<JsonValue> items;                          ///< an array's items
  std::vector<std::pair<std::string, JsonValue>> members;  ///< an object's, in order

  /// The member `key` of an object, or nullptr.
  const JsonValue* find(std::string_view key) const;
};

/// Parses `text` (UTF-8, an optional BOM); throws Error (exit 2, `file` and the line)
/// when it is not one JSON value.
JsonValue parse_json(std::string_view text, const std::string& file);

/// "string", "number"... for messages.
const char* json_kind_name(JsonValue::Kind kind);

}  // namespace kamgr
