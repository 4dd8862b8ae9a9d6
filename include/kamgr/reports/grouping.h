#pragma once
/// The `--by` option of every report, parsed and checked in one place.
#include <initializer_list>
#include <string>

namespace kamgr {

/// How a report groups its rows. `none`: one group (the option was not given).
enum class GroupBy { none, customer, rep, team, stage };

/// `customer`, `rep`, `team`, `stage` (`none`: empty).
const char* group_by_name(GroupBy by);

/// Parses `--by TEXT` among `allowed` (in the order the error lists them); an empty
/// text is `absent`. Throws Error (exit 2): `invalid value for --by: 'x' (expected
/// customer, rep or team); did you mean 'rep'?` (the hint only for a near miss).
GroupBy parse_group_by(const std::string& text, std::initializer_list<GroupBy> allowed,
                       GroupBy absent = GroupBy::none);

}  // namespace kamgr
