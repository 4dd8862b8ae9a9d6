#pragma once
/// Finding one visit's file by its ID (docs/visits.md "Correcting a visit"): `visit add`
/// files it under the month of its date, which its ID starts with; an edit that changed
/// the date moved it to another month folder.
#include <string>
#include <vector>

#include "kamgr/store/datadir.h"

namespace kamgr {

/// The paths of the files `visits/<YYYY>/<MM>/<id>.yaml`, in every month folder (a
/// stat per folder: no file is read). Empty when `id` is not a visit ID or has no file;
/// more than one only when the same visit was copied by hand.
std::vector<std::string> visit_files_named(const DataDir& dir, const std::string& id);

/// The visit IDs in the month folder of the date `id` starts with (for "did you mean").
std::vector<std::string> visit_ids_of_month(const DataDir& dir, const std::string& id);

/// The 1-based line of the top-level key `key` in the YAML document `text`; 0 when the
/// key is absent or the text does not parse.
int top_level_line(const std::string& text, const std::string& key);

}  // namespace kamgr
