#include "kamgr/store/visit_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "kamgr/core/id.h"
#include "kamgr/domain/record_types.h"
#include "kamgr/store/loaders.h"
#include "yaml_fields.h"

namespace kamgr {

namespace {

bool is_number_of(const std::string& name, size_t digits) {
  return name.size() == digits && std::all_of(name.begin(), name.end(), ::isdigit);
}

}  // namespace

std::vector<std::string> visit_files_named(const DataDir& dir, const std::string& id) {
  std::vector<std::string> found;
  if (!is_generated_id(id)) return found;
  const std::string root = kVisitRecord.folder;
  for (const std::string& year : dir.list_dirs(root)) {
    if (!is_number_of(year, 4)) continue;
    for (const std::string& month : dir.list_dirs(root + "/" + year)) {
      if (!is_number_of(month, 2)) continue;
      const std::string rel = file_in(fmt::format("{}/{}/{}", root, year, month), id);
      if (dir.exists(rel)) found.push_back(rel);
    }
  }
  return found;
}

std::vector<std::string> visit_ids_of_month(const DataDir& dir, const std::string& id) {
  std::vector<std::string> ids;
  const auto date = id.size() >= 8 && is_number_of(id.substr(0, 8), 8)
                        ? Date::from_ymd(std::stoi(id.substr(0, 4)), std::stoi(id.substr(4, 2)), 1)
                        : std::nullopt;
  if (!date) return ids;
  for (const std::string& file : dir.list_yaml(dated_folder(kVisitRecord, *date)))
    ids.push_back(file_stem(file));
  return ids;
}

int top_level_line(const std::string& text, const std::string& key) {
  Diagnostics ignored;
  const auto root = store::parse_document(text, "", ignored);
  if (!root) return 0;
  const YAML::Node& map = *root;
  const YAML::Node value = map[key];
  return value ? store::line_of(value) : 0;
}

}  // namespace kamgr
