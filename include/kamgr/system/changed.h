#pragma once
/// Which files of the data directory differ from a git revision, for `check --changed`.
#include <filesystem>
#include <string>
#include <vector>

namespace kamgr {

/// Paths relative to the data directory's root (only files under it).
struct ChangedFiles {
  std::vector<std::string> present;  ///< added or modified: to be checked
  std::vector<std::string> deleted;  ///< removed: records may now point at nothing
  /// With the index as the reference: the staged blob of each `present` file (its
  /// object ID in the index), same order; empty otherwise.
  std::vector<std::string> staged_blobs;
};

/// With `ref` empty: what is staged in the index against HEAD (every staged file when
/// there is no commit yet) - what a pre-commit hook is about to commit. Otherwise the
/// work tree against `ref`, plus untracked files that are not ignored.
/// Throws Error (exit 2) outside a git work tree or for a revision git does not know.
ChangedFiles changed_files(const std::filesystem::path& root, const std::string& ref);

/// Of the staged files in `changes` (changed_files with the index), those whose
/// work-tree content differs from what is staged: `git hash-object` of each work-tree
/// file (with the filters `git add` would apply) against its staged blob. Never reads
/// the index, whose size follows the whole history.
std::vector<std::string> unstaged_among(const std::filesystem::path& root,
                                        const ChangedFiles& changes);

}  // namespace kamgr
