#include "kamgr/reports/grouping.h"

#include <fmt/format.h>

#include <vector>

#include "kamgr/core/error.h"

namespace kamgr {

const char* group_by_name(GroupBy by) {
  switch (by) {
    case GroupBy::none: return "";
    case GroupBy::customer: return "customer";
    case GroupBy::rep: return "rep";
    case GroupBy::team: return "team";
    case GroupBy::stage: return "stage";
  }
  return "";
}

namespace {

/// `a`, `a or b`, `a, b or c`.
std::string alternatives(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  return out;
}

}  // namespace

GroupBy parse_group_by(const std::string& text, std::initializer_list<GroupBy> allowed,
                       GroupBy absent) {
  if (text.empty()) return absent;
  std::vector<std::string> names;
  for (GroupBy by : allowed) {
    if (text == group_by_name(by)) return by;
    names.emplace_back(group_by_name(by));
  }
  std::string message =
      fmt::format("invalid value for --by: '{}' (expected {})", text, alternatives(names));
  if (const std::string near = closest_match(text, names); !near.empty())
    message += fmt::format("; did you mean '{}'?", near);
  throw input_error(message);
}

}  // namespace kamgr
