#include "kamgr/core/json.h"

#include <fmt/format.h>

#include "kamgr/core/error.h"

namespace kamgr {

namespace {

/// Nesting deeper than this is refused (no published calendar needs more than 3).
constexpr int kMaxDepth = 64;

class Reader {
 public:
  Reader(std::string_view text, const std::string& file) : s_(text), file_(file) {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  JsonValue document() {
    JsonValue v = value(0);
    skip_space();
    if (pos_ < s_.size()) fail("unexpected text after the JSON value");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw input_error("malformed JSON: " + what, file_, line_);
  }

  void skip_space() {
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c == '\n') ++line_;
      else if (c != ' ' && c != '\t' && c != '\r') return;
      ++pos_;
    }
  }

  void expect(char c) {
    skip_space();
    if (pos_ >= s_.size() || s_[pos_] != c) fail(fmt::format("expected '{}'", c));
    ++pos_;
  }

  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  JsonValue value(int depth) {
    if (depth > kMaxDepth) fail("nested too deeply");
    skip_space();
    if (pos_ >= s_.size()) fail("unexpected end of the file");
    JsonValue v;
    v.line = line_;
    const char c = s_[pos_];
    if (c == '{') {
      v.kind = JsonValue::Kind::object;
      object(v, depth);
    } else if (c == '[') {
      v.kind = JsonValue::Kind::array;
      array(v, depth);
    } else if (c == '"') {
      v.kind = JsonValue::Kind::string;
      v.text = string();
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      v.kind = JsonValue::Kind::number;
      v.text = number();
    } else if (literal("true")) {
      v.kind = JsonValue::Kind::boolean;
      v.boolean = true;
    } else if (literal("false")) {
      v.kind = JsonValue::Kind::boolean;
    } else if (literal("null")) {
      v.kind = JsonValue::Kind::null;
    } else {
      fail(fmt::format("unexpected '{}'", printable(s_.substr(pos_, 1))));
    }
    return v;
  }

  /// The members or items of the object or array opened at pos_, up to `close`: `item`
  /// reads each.
  template <typename Fn>
  void elements(char close, Fn item) {
    ++pos_;
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == close) {
      ++pos_;
      return;
    }
    for (;;) {
      item();
      skip_space();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      expect(close);
      return;
    }
  }

  void object(JsonValue& v, int depth) {
    elements('}', [&] {
      skip_space();
      if (pos_ >= s_.size() || s_[pos_] != '"') fail("expected a key in double quotes");
      const int key_line = line_;
      std::string key = string();
      if (v.find(key)) {
        line_ = key_line;
        fail(fmt::format("the key \"{}\" is given twice", printable(key)));
      }
      expect(':');
      v.members.emplace_back(std::move(key), value(depth + 1));
    });
  }

  void array(JsonValue& v, int depth) {
    elements(']', [&] { v.items.push_back(value(depth + 1)); });
  }

  unsigned hex4() {
    if (pos_ + 4 > s_.size()) fail("a \\u escape needs 4 hex digits");
    unsigned code = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = s_[pos_++];
      code <<= 4;
      if (h >= '0' && h <= '9') code |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f') code |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') code |= static_cast<unsigned>(h - 'A' + 10);
      else fail("a \\u escape needs 4 hex digits");
    }
    return code;
  }

  static void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  void escape(std::string& out) {
    if (pos_ >= s_.size()) fail("unterminated string");
    const char e = s_[pos_++];
    switch (e) {
      case '"': case '\\': case '/': out += e; return;
      case 'b': out += '\b'; return;
      case 'f': out += '\f'; return;
      case 'n': out += '\n'; return;
      case 'r': out += '\r'; return;
      case 't': out += '\t'; return;
      case 'u': break;
      default: fail(fmt::format("unknown escape '\\{}'", printable(std::string(1, e))));
    }
    unsigned code = hex4();
    if (code >= 0xD800 && code <= 0xDBFF) {
      if (s_.substr(pos_, 2) != "\\u") fail("a lone surrogate in a \\u escape");
      pos_ += 2;
      const unsigned low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) fail("a lone surrogate in a \\u escape");
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    } else if (code >= 0xDC00 && code <= 0xDFFF) {
      fail("a lone surrogate in a \\u escape");
    }
    append_utf8(out, code);
  }

  std::string string() {
    ++pos_;
    std::string out;
    while (pos_ < s_.size()) {
      const char c = s_[pos_++];
      if (c == '"') return out;
      if (c == '\\') escape(out);
      else if (static_cast<unsigned char>(c) < 0x20) fail("a line break or control character inside a string");
      else out += c;
    }
    fail("unterminated string");
  }

  std::string number() {
    const size_t start = pos_;
    auto digits = [&] {
      const size_t from = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      if (pos_ == from) fail("a number needs digits");
    };
    if (s_[pos_] == '-') ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '0') ++pos_;
    else digits();
    if (pos_ < s_.size() && s_[pos_] == '.') ++pos_, digits();
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      digits();
    }
    return std::string(s_.substr(start, pos_ - start));
  }

  std::string_view s_;
  const std::string& file_;
  size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace

const JsonValue* JsonValue::find(std::string_view key) const {
  for (const auto& [k, v] : members)
    if (k == key) return &v;
  return nullptr;
}

JsonValue parse_json(std::string_view text, const std::string& file) {
  return Reader(text, file).document();
}

const char* json_kind_name(JsonValue::Kind kind) {
  switch (kind) {
    case JsonValue::Kind::null: return "null";
    case JsonValue::Kind::boolean: return "true or false";
    case JsonValue::Kind::number: return "a number";
    case JsonValue::Kind::string: return "a string";
    case JsonValue::Kind::array: return "a list";
    case JsonValue::Kind::object: return "an object";
  }
  return "?";
}

}  // namespace kamgr
