#pragma once
/// The git source of a report (commit and dirty flag, git_source.h) without asking git
/// anything but HEAD when nothing it looks at has changed since it last said "clean".
///
/// git_source costs `git ls-tree` over the folders read and a blob ID per file (about
/// 0.1-0.3 s for a month on a million records); a clean verdict is remembered in
/// `.kamgr/git-clean` under a key made of: HEAD; the stamps (size, times, inode) of
/// what decides how git stores a file (the repository's `config`, `info/attributes`
/// and each `.gitattributes` from the work tree's top to the data directory); and the
/// stamps of every entry under the paths the report read (folders included, so an
/// added or removed file changes the key). The key's file stamps are the ones the parse
/// cache took when the records were read (DataDir::folder_digest). Not seen: a change
/// to the global git config (`core.autocrlf` in ~/.gitconfig) that changes how git
/// would store a file whose bytes differ from the commit's.
///
/// A verdict is remembered only when git_source said clean, HEAD did not change while
/// it looked, and no stamp in the key is within kRacyWindowNs of now (a file changed
/// twice in one clock tick could keep its stamp). Dirty verdicts are never remembered.
/// KAMGR_NO_CACHE=1 turns this off like the parse cache.
#include <optional>
#include <string>
#include <vector>

#include "kamgr/store/datadir.h"
#include "kamgr/system/git_source.h"

namespace kamgr {

/// git_source(dir, paths), answered from a remembered clean verdict when its key
/// still holds. `paths` are relative to the data directory and not empty.
std::optional<GitSource> remembered_git_source(const DataDir& dir,
                                               const std::vector<std::string>& paths);

}  // namespace kamgr
