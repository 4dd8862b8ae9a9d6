#pragma once
/// The git source of a report (commit and dirty flag) without asking `git status` again
/// when nothing it looks at has changed since it last said "clean".
///
/// `git status` reads the whole index, whose size follows the whole history (111 MB and
/// over a second for a million records), so a monthly report would cost what the
/// history costs. Instead, a clean verdict is remembered in `.kamgr/git-clean` under a
/// key made of: HEAD, the stamps (size, times, inode) of the index, of the ignore files
/// (`info/exclude` and each `.gitignore` from the work tree's top to the data
/// directory), and of every entry under the paths the report read (folders included,
/// so an added or removed file changes the key). The key's file stamps are the ones
/// the parse cache took when the records were read (DataDir::noted_stamp).
///
/// A verdict is remembered only when git said clean, HEAD and the index did not change
/// while it looked, and no stamp in the key is within kRacyWindowNs of now (a file
/// changed twice in one clock tick could keep its stamp). Dirty verdicts are never
/// remembered. KAMGR_NO_CACHE=1 turns this off like the parse cache. Not seen: a change
/// to a global excludes file (core.excludesFile) that un-ignores a file in a record
/// folder.
#include <optional>
#include <string>
#include <vector>

#include "kamgr/store/datadir.h"
#include "kamgr/store/git.h"

namespace kamgr {

/// git_source(dir.root(), paths), answered from a remembered clean verdict when its key
/// still holds. `paths` are relative to the data directory and not empty.
std::optional<GitSource> remembered_git_source(const DataDir& dir,
                                               const std::vector<std::string>& paths);

}  // namespace kamgr
