#pragma once
/// The few git facts kamgr needs, asked of the `git` program without a shell.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kamgr {

/// Runs `argv` (no shell) in `cwd`; returns its stdout and sets `status` to the exit
/// status (127 when it could not be started). stderr is discarded.
std::string run_program(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                        int& status);

/// `git config --get KEY` in `dir`; empty when unset or git is missing.
std::string git_config_value(const std::filesystem::path& dir, const std::string& key);

/// True when `dir` is inside a git work tree.
bool inside_git_work_tree(const std::filesystem::path& dir);

/// A path `git rev-parse` printed when run in `dir`: as printed when absolute, else
/// joined to `dir`.
std::filesystem::path git_printed_path(const std::filesystem::path& dir,
                                       const std::string& printed);

/// `git rev-parse --git-path NAME` in `dir` (`hooks` -> `.git/hooks`, or core.hooksPath),
/// as git_printed_path; empty on failure.
std::filesystem::path git_path(const std::filesystem::path& dir, const std::string& name);

/// The commit checked out in `dir` (`git rev-parse HEAD`); std::nullopt outside a work
/// tree or before the first commit.
std::optional<std::string> git_head(const std::filesystem::path& dir);

/// The path of `dir` inside its git work tree, ending in '/' (`sales/`); empty at the
/// top of the work tree or outside git.
std::string git_prefix(const std::filesystem::path& dir);

}  // namespace kamgr
