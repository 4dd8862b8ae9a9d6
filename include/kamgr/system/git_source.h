#pragma once
/// The git source of a report: the commit checked out, and whether the files the report
/// read are exactly that commit's.
///
/// "Dirty" means: a record file listed in a folder the report read, or a file it looked
/// for, differs from HEAD in content (by git blob ID), exists on one side only, or
/// cannot be read. Nothing else counts: a staged change whose file equals HEAD again, an
/// untracked notes file beside the records, a file under a folder the report did not
/// read. An ignored record file the report read does count (HEAD does not hold it).
///
/// Why not `git status`: it reads the whole index, whose size follows the whole
/// history (111 MB, 1-7 s and 280 MB on a million records). `git ls-tree HEAD` reads
/// only the trees of the folders asked about, and the work tree's blob IDs come from
/// the loads that read the files (DataDir::noted_blob, kept in the parse cache), so the
/// cost follows the period. A blob ID that differs is confirmed with `git hash-object`,
/// which applies the repository's filters (`core.autocrlf`, `.gitattributes`), so a
/// file git would store unchanged is not called dirty.
#include <optional>
#include <string>
#include <vector>

#include "kamgr/store/datadir.h"

namespace kamgr {

struct GitSource {
  std::string commit;
  bool dirty = false;
};

/// The source of a report that read `paths` (relative to the data directory: folders
/// listed by DataDir::list_yaml and files looked for; not empty). std::nullopt outside
/// a git work tree or before the first commit.
std::optional<GitSource> git_source(const DataDir& dir, const std::vector<std::string>& paths);

}  // namespace kamgr
