#pragma once
/// The git pre-commit hook that `kamgr init --hooks` installs in a data repository.
/// The hook lives in git's hooks folder (core.hooksPath respected), which may lie
/// outside the data directory: it is the one file kamgr writes there, and only when
/// asked to.
#include <filesystem>
#include <string>

namespace kamgr {

/// The text of the hook: runs `kamgr check --changed` (plain `kamgr check` with a kamgr
/// that lacks --changed) on the data directory at `prefix` inside the repository
/// (`sales/`, empty at the top). `kamgr_path` is the program to fall back on when
/// `kamgr` is not on PATH.
std::string pre_commit_hook_text(const std::string& prefix, const std::string& kamgr_path);

/// What install_pre_commit_hook did.
enum class HookInstall { installed, unchanged, replaced };

/// Installs the hook for the git work tree holding `data_root`: writes
/// `<hooks>/pre-commit` atomically, executable. An existing identical hook is left as
/// it is; a different one is refused (Error, exit 2) unless `force`, which keeps it as
/// `pre-commit.kamgr-backup`. Error (exit 2) outside a git work tree. Sets `path` to
/// the hook's path.
HookInstall install_pre_commit_hook(const std::filesystem::path& data_root,
                                    const std::string& kamgr_path, bool force,
                                    std::filesystem::path& path);

}  // namespace kamgr
