#pragma once
/// Internal to the store: reading YAML documents into records with validation.
/// yaml-cpp never leaves src/store/. Every problem goes to the Diagnostics with the
/// file and the 1-based line of the field at fault.
#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kamgr/core/date.h"
#include "kamgr/core/error.h"

namespace kamgr::store {

/// 1-based line of a node.
inline int line_of(const YAML::Node& node) { return node.Mark().line + 1; }

/// Whether a file holds anything but blank lines, comments and `---` / `...` markers.
bool has_content(const std::string& text);

/// Parses one YAML document. Syntax errors, an empty file or a top level that is not a
/// mapping are reported; std::nullopt then.
std::optional<YAML::Node> parse_document(const std::string& text, const std::string& file,
                                         Diagnostics& diag);

/// Validating reader over one YAML mapping (a record or an item of a log).
class Fields {
 public:
  /// `what` names the mapping in messages (`history entry`), empty for a whole record.
  Fields(const YAML::Node& map, std::string file, Diagnostics& diag, std::string what = {});

  bool has(const std::string& key) const;
  /// Line of a key's value, else of the mapping.
  int line(const std::string& key) const;
  int map_line() const { return line_of(map_); }
  const YAML::Node& node() const { return map_; }
  /// The value under `key`, undefined when absent (a known key: see warn_unknown_keys).
  YAML::Node value(const std::string& key) const { return get(key); }
  const std::string& file() const { return file_; }

  std::optional<std::string> text(const std::string& key, bool required);
  std::optional<Date> date(const std::string& key, bool required);
  std::optional<TimeOfDay> time(const std::string& key, bool required);
  std::optional<Instant> instant(const std::string& key, bool required, TzOffset zone);
  std::optional<double> number(const std::string& key, bool required);
  std::optional<long long> integer(const std::string& key, bool required, long long min,
                                   long long max);
  std::optional<bool> boolean(const std::string& key, bool required);
  /// A value from a fixed set; "did you mean" for near misses.
  std::optional<std::string> choice(const std::string& key, bool required,
                                    const std::vector<std::string>& allowed);
  /// A sequence under `key` (block or flow); empty when absent (reported if required).
  std::optional<YAML::Node> sequence(const std::string& key, bool required);
  /// A member/customer ID field (the ID rule of docs/formats.md "IDs").
  std::optional<std::string> id(const std::string& key, bool required);

  /// Reports a problem with a field.
  void error(const std::string& key, const std::string& message);
  /// Names a field in messages: `history entry field 'tier'` or `field 'tier'`.
  std::string field_name(const std::string& key) const;

  /// Warns (file:line, "did you mean" among the keys asked for) about every key of the
  /// mapping that no accessor above asked for, such as a typo `outcom:`; the key is kept
  /// in the file and ignored (docs/formats.md "Unknown fields"). Keys beginning with `x-`
  /// are a user's own fields and never warned about. `also_known`: keys the loader reads
  /// from node() directly. Call once, after the loader has read every field it knows.
  void warn_unknown_keys(std::initializer_list<const char*> also_known = {});

 private:
  std::optional<YAML::Node> scalar(const std::string& key, bool required);
  /// The value under `key` (undefined when absent), noting that the loader knows it.
  YAML::Node get(const std::string& key) const;

  YAML::Node map_;
  std::string file_;
  Diagnostics& diag_;
  std::string what_;
  mutable std::vector<std::string> asked_;  ///< keys the loader asked for, in order
};

}  // namespace kamgr::store
