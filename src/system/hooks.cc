#include "kamgr/system/hooks.h"

#include <fmt/format.h>

#include "kamgr/core/error.h"
#include "kamgr/store/datadir.h"
#include "kamgr/system/git.h"
#include "kamgr/store/writer.h"

namespace kamgr {

namespace {

/// `text` in single quotes for sh.
std::string sh_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string pre_commit_hook_text(const std::string& prefix, const std::string& kamgr_path) {
  return fmt::format(R"HOOK(#!/bin/sh
# kamgr pre-commit hook, installed by `kamgr init --hooks`: refuses a commit while the
# changed records of the data directory do not pass `kamgr check --changed`.
# Skip it once with `git commit --no-verify`; remove this file to uninstall.
kamgr=$(command -v kamgr || echo {kamgr})
data="$(git rev-parse --show-toplevel)/"{prefix}
if ! [ -x "$kamgr" ]; then
  echo "pre-commit: kamgr not found; install it (or commit with --no-verify)" >&2
  exit 1
fi
"$kamgr" -C "$data" check --changed
status=$?
[ "$status" -eq 0 ] || echo "pre-commit: kamgr check failed: fix the records above (or commit with --no-verify)" >&2
exit "$status"
)HOOK",
                     fmt::arg("kamgr", sh_quote(kamgr_path)), fmt::arg("prefix", sh_quote(prefix)));
}

HookInstall install_pre_commit_hook(const fs::path& data_root, const std::string& kamgr_path,
                                    bool force, fs::path& path) {
  if (!inside_git_work_tree(data_root))
    throw input_error("the data directory is not in a git work tree: run 'git init' first",
                      data_root.string());
  const fs::path hooks = git_path(data_root, "hooks");
  if (hooks.empty())
    throw Error(Exit::failure, "cannot find git's hooks folder", data_root.string());
  path = (hooks / "pre-commit").lexically_normal();
  const std::string text = pre_commit_hook_text(git_prefix(data_root), kamgr_path);
  HookInstall result = HookInstall::installed;
  std::error_code ec;
  if (fs::exists(path, ec)) {
    const auto current = read_file(path);
    if (current && *current == text) {
      fs::permissions(path, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                      fs::perm_options::add, ec);
      return HookInstall::unchanged;
    }
    if (!force)
      throw input_error(
          "a different pre-commit hook is already installed; pass --force to "
          "replace it (it is kept as pre-commit.kamgr-backup)",
          path.string());
    fs::copy_file(path, fs::path(path).replace_filename("pre-commit.kamgr-backup"),
                  fs::copy_options::overwrite_existing, ec);
    if (ec) throw Error(Exit::failure, "cannot keep a backup: " + ec.message(), path.string());
    result = HookInstall::replaced;
  }
  atomic_write(path, text, /*exclusive=*/false, /*mode=*/0755);
  return result;
}

}  // namespace kamgr
