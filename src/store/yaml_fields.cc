#include "yaml_fields.h"

#include <yaml-cpp/eventhandler.h>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <sstream>
#include <cmath>
#include <utility>

#include "kamgr/core/id.h"

namespace kamgr::store {

namespace {

constexpr size_t kMaxRecordBytes = 1 << 20;

/// The 1-based line of byte `pos` in `text`.
int line_at(const std::string& text, size_t pos) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + pos, '\n'));
}

/// Position of the first byte that is not valid UTF-8 (or a NUL), or npos.
size_t first_bad_byte(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    if (c == 0) return i;
    const int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return i;
    for (int k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    if (len == 2 && c < 0xC2) return i;  // overlong
    i += len;
  }
  return std::string::npos;
}

/// Walks a file's YAML events without building a tree: finds the first anchor or alias
/// (records never need them, and aliases can multiply a small file into a huge tree) and
/// where a second document starts.
class EventScanner : public YAML::EventHandler {
 public:
  std::optional<YAML::Mark> anchor;
  std::optional<YAML::Mark> second_document;
  void OnDocumentStart(const YAML::Mark& m) override {
    if (++documents_ == 2) second_document = m;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t a) override { note(m, a); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { note(m, 1); }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t a,
                const std::string&) override {
    note(m, a);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t a,
                       YAML::EmitterStyle::value) override {
    note(m, a);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t a,
                  YAML::EmitterStyle::value) override {
    note(m, a);
  }
  void OnMapEnd() override {}

 private:
  int documents_ = 0;
  void note(const YAML::Mark& m, YAML::anchor_t a) {
    if (a != YAML::NullAnchor && !anchor && documents_ == 1) anchor = m;
  }
};

/// What a file's structure breaks, found before building a tree.
struct StructureProblem {
  int line;
  std::string message;
};

/// An anchor or alias in the first document, or a second document. Reads at most two
/// documents: yaml-cpp 0.7's LoadAll can loop forever on a run of `...` markers (fixed
/// upstream in jbeder/yaml-cpp#1319, after Debian 12's version), so it is never called.
/// Throws YAML::Exception on a syntax error.
std::optional<StructureProblem> structure_problem(const std::string& text) {
  const bool may_alias = text.find_first_of("&*") != std::string::npos;
  const bool may_have_more = text.find("\n---") != std::string::npos ||
                             text.find("\n...") != std::string::npos;
  if (!may_alias && !may_have_more) return std::nullopt;
  std::istringstream in(text);
  YAML::Parser parser(in);
  EventScanner scan;
  parser.HandleNextDocument(scan);
  if (scan.anchor)
    return StructureProblem{scan.anchor->line + 1,
                            "anchors and aliases (& and *) are not allowed in records"};
  if (may_have_more && parser.HandleNextDocument(scan) && scan.second_document)
    return StructureProblem{scan.second_document->line + 1,
                            "more than one YAML document in the file"};
  return std::nullopt;
}

/// The last node of `node` in the text: the last value of a map or item of a sequence,
/// followed down to a scalar. (Recursive: assigning a YAML::Node changes the node
/// it refers to instead of rebinding it.)
YAML::Node last_node(const YAML::Node& node) {
  if (node.IsSequence() && node.size() > 0) return last_node(node[node.size() - 1]);
  if (node.IsMap() && node.size() > 0) {
    YAML::const_iterator last = node.begin();
    for (auto it = node.begin(); it != node.end(); ++it) last = it;
    return last_node(last->second);
  }
  return node;
}

/// Where a quoted scalar that runs to the end of the file starts, or npos. yaml-cpp 0.7
/// accepts `purpose: "abc` at the end of a file as the rest of the file; such a string
/// can only be the last node, so only that one is looked at.
size_t unterminated_quote(const std::string& text, const YAML::Node& root) {
  const YAML::Node last = last_node(root);
  if (!last.IsScalar() || last.Mark().pos < 0) return std::string::npos;
  const size_t start = static_cast<size_t>(last.Mark().pos);
  if (start >= text.size() || (text[start] != '"' && text[start] != '\'')) return std::string::npos;
  const char quote = text[start];
  for (size_t i = start + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') ++i;  // an escape: skip the next character
    else if (text[i] == quote && quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') ++i;
    else if (text[i] == quote) return std::string::npos;
  }
  return start;
}

/// Position of a git conflict marker line (`<<<<<<< `, `=======`, `>>>>>>> `), or npos.
size_t conflict_marker(const std::string& text) {
  for (const char* marker : {"<<<<<<<", "=======", ">>>>>>>"}) {
    for (size_t pos = text.find(marker); pos != std::string::npos; pos = text.find(marker, pos + 1))
      if (pos == 0 || text[pos - 1] == '\n') return pos;
  }
  return std::string::npos;
}

}  // namespace

bool has_content(const std::string& text) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    if (line.rfind("---", 0) == 0 || line.rfind("...", 0) == 0) {
      const size_t rest = line.find_first_not_of(" \t\r", 3);
      if (rest == std::string::npos || line[rest] == '#') continue;
    }
    return true;
  }
  return false;
}

std::optional<YAML::Node> parse_document(const std::string& text, const std::string& file,
                                         Diagnostics& diag) {
  if (text.size() > kMaxRecordBytes) {
    diag.error(file, 0, fmt::format("file is too large ({} bytes; a record is at most {} bytes)",
                                    text.size(), kMaxRecordBytes));
    return std::nullopt;
  }
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    diag.error(file, 1, "file starts with a byte order mark; save it as UTF-8 without BOM");
    return std::nullopt;
  }
  if (const size_t bad = first_bad_byte(text); bad != std::string::npos) {
    diag.error(file, line_at(text, bad),
               text[bad] == 0 ? "file contains a NUL byte" : "file is not valid UTF-8");
    return std::nullopt;
  }
  if (const size_t marker = conflict_marker(text); marker != std::string::npos) {
    diag.error(file, line_at(text, marker),
               "unresolved git merge conflict: remove the <<<<<<<, ======= and >>>>>>> lines "
               "and keep the entries of both sides, oldest first");
    return std::nullopt;
  }
  try {
    if (const auto problem = structure_problem(text)) {
      diag.error(file, problem->line, problem->message);
      return std::nullopt;
    }
    YAML::Node root = YAML::Load(text);
    if ((!root || root.IsNull()) && !has_content(text)) {
      diag.error(file, 1, "file is empty");
      return std::nullopt;
    }
    if (!root || !root.IsMap()) {
      diag.error(file, line_of(root), "expected a mapping of fields at the top level");
      return std::nullopt;
    }
    if (const size_t quote = unterminated_quote(text, root); quote != std::string::npos) {
      diag.error(file, line_at(text, quote),
                 fmt::format("yaml syntax error: the {} quote opened here is never closed",
                             text[quote] == '"' ? "double" : "single"));
      return std::nullopt;
    }
    return root;
  } catch (const YAML::Exception& e) {
    const std::string what = e.msg == "bad file" ? "nesting too deep or not a YAML document" : e.msg;
    diag.error(file, e.mark.line + 1, "yaml syntax error: " + what);
    return std::nullopt;
  }
}

Fields::Fields(const YAML::Node& map, std::string file, Diagnostics& diag, std::string what)
    : map_(map), file_(std::move(file)), diag_(diag), what_(std::move(what)) {
  std::set<std::string> seen;
  for (const auto& kv : map_) {
    if (!kv.first.IsScalar()) {
      diag_.error(file_, line_of(kv.first), "a key must be a plain name");
      continue;
    }
    if (!seen.insert(kv.first.Scalar()).second)
      diag_.error(file_, line_of(kv.first), fmt::format("duplicate key '{}'", kv.first.Scalar()));
  }
}

std::string Fields::field_name(const std::string& key) const {
  return what_.empty() ? fmt::format("field '{}'", key) : fmt::format("{} field '{}'", what_, key);
}

YAML::Node Fields::get(const std::string& key) const {
  if (std::find(asked_.begin(), asked_.end(), key) == asked_.end()) asked_.push_back(key);
  return std::as_const(map_)[key];
}

void Fields::warn_unknown_keys(std::initializer_list<const char*> also_known) {
  for (const char* k : also_known) get(k);
  for (const auto& kv : map_) {
    if (!kv.first.IsScalar()) continue;
    const std::string& key = kv.first.Scalar();
    if (key.rfind("x-", 0) == 0) continue;
    if (std::find(asked_.begin(), asked_.end(), key) != asked_.end()) continue;
    std::string message = fmt::format("unknown {} (ignored)", field_name(printable(key, 40)));
    if (const std::string near = closest_match(key, asked_); !near.empty())
      message += fmt::format("; did you mean '{}'?", near);
    diag_.warning(file_, line_of(kv.first), message);
  }
}

bool Fields::has(const std::string& key) const {
  const YAML::Node n = get(key);
  return n.IsDefined() && !n.IsNull();
}

int Fields::line(const std::string& key) const {
  const YAML::Node n = get(key);
  return n.IsDefined() ? line_of(n) : line_of(map_);
}

void Fields::error(const std::string& key, const std::string& message) {
  diag_.error(file_, line(key), message);
}

std::optional<YAML::Node> Fields::scalar(const std::string& key, bool required) {
  const YAML::Node n = get(key);
  if (!n.IsDefined() || n.IsNull()) {
    if (required) diag_.error(file_, line_of(map_), fmt::format("missing {}", field_name(key)));
    return std::nullopt;
  }
  if (!n.IsScalar()) {
    error(key, fmt::format("{} must be a single value", field_name(key)));
    return std::nullopt;
  }
  return n;
}

std::optional<std::string> Fields::text(const std::string& key, bool required) {
  const auto n = scalar(key, required);
  if (!n) return std::nullopt;
  std::string s = n->Scalar();
  if (s.find('\0') != std::string::npos) {
    error(key, fmt::format("{} contains a NUL character", field_name(key)));
    return std::nullopt;
  }
  if (required && s.find_first_not_of(" \t") == std::string::npos) {
    error(key, fmt::format("{} is empty", field_name(key)));
    return std::nullopt;
  }
  return s;
}

std::optional<Date> Fields::date(const std::string& key, bool required) {
  const auto n = scalar(key, required);
  if (!n) return std::nullopt;
  const auto d = Date::parse(n->Scalar());
  if (!d) error(key, fmt::format("{}: '{}' is not a date (YYYY-MM-DD)", field_name(key), n->Scalar()));
  return d;
}

std::optional<TimeOfDay> Fields::time(const std::string& key, bool required) {
  const auto n = scalar(key, required);
  if (!n) return std::nullopt;
  const auto t = TimeOfDay::parse(n->Scalar());
  if (!t) error(key, fmt::format("{}: '{}' is not a time (HH:MM)", field_name(key), n->Scalar()));
  return t;
}

std::optional<Instant> Fields::instant(const std::string& key, bool required, TzOffset zone) {
  const auto n = scalar(key, required);
  if (!n) return std::nullopt;
  const auto t = Instant::parse(n->Scalar(), zone);
  if (!t)
    error(key, fmt::format("{}: '{}' is not a timestamp (YYYY-MM-DDTHH:MM:SS+08:00)",
                           field_name(key), n->Scalar()));
  return t;
}

std::optional<double> Fields::number(const std::string& key, bool required) {
  const auto n = scalar(key, required);
  if (!n) return std::nullopt;
  const std::string& s = n->Scalar();
  double v = 0;
  const char* begin = s.data() + (s.size() > 1 && s[0] == '+' ? 1 : 0);
  auto [p, ec] = std::from_chars(begin, s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v) || std::fabs(v) > 1e15) {
    error(key, fmt::format("{}: '{}' is not a number", field_name(key), s));
    return std::nullopt;
  }
  return v;
}

std::optional<long long> Fields::integer(const std::string& key, bool required, long long min,
                                         long long max) {
  const auto n = scalar(key, required);
  if (!n) return std::nullopt;
  const std::string& s = n->Scalar();
  long long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < min || v > max) {
    error(key, fmt::format("{}: '{}' is not a whole number from {} to {}", field_name(key), s, min,
                           max));
    return std::nullopt;
  }
  return v;
}

std::optional<bool> Fields::boolean(const std::string& key, bool required) {
  const auto n = scalar(key, required);
  if (!n) return std::nullopt;
  const std::string& s = n->Scalar();
  if (s == "true") return true;
  if (s == "false") return false;
  error(key, fmt::format("{}: '{}' is not true or false", field_name(key), s));
  return std::nullopt;
}

std::optional<std::string> Fields::choice(const std::string& key, bool required,
                                          const std::vector<std::string>& allowed) {
  const auto s = text(key, required);
  if (!s) return std::nullopt;
  for (const std::string& a : allowed)
    if (a == *s) return s;
  std::string list;
  for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
  std::string message = fmt::format("{}: unknown value '{}' (expected {})", field_name(key), *s, list);
  if (const std::string near = closest_match(*s, allowed); !near.empty())
    message += fmt::format("; did you mean '{}'?", near);
  error(key, message);
  return std::nullopt;
}

std::optional<YAML::Node> Fields::sequence(const std::string& key, bool required) {
  const YAML::Node n = get(key);
  if (!n.IsDefined() || n.IsNull()) {
    if (required) diag_.error(file_, line_of(map_), fmt::format("missing {}", field_name(key)));
    return std::nullopt;
  }
  if (!n.IsSequence()) {
    error(key, fmt::format("{} must be a list", field_name(key)));
    return std::nullopt;
  }
  return n;
}

std::optional<std::string> Fields::id(const std::string& key, bool required) {
  const auto s = text(key, required);
  if (!s) return std::nullopt;
  if (!is_valid_id(*s)) {
    error(key, fmt::format("{}: '{}' is not a valid id (lowercase letters, digits, '.', '_', '-')",
                           field_name(key), *s));
    return std::nullopt;
  }
  return s;
}

}  // namespace kamgr::store
