#include "kamgr/store/changed.h"

#include <fmt/format.h>

#include "kamgr/core/error.h"
#include "kamgr/store/git.h"

namespace kamgr {

namespace {

/// Splits git's `-z` output into its NUL-terminated fields.
std::vector<std::string> nul_fields(const std::string& out) {
  std::vector<std::string> fields;
  size_t start = 0;
  for (size_t end; (end = out.find('\0', start)) != std::string::npos; start = end + 1)
    fields.push_back(out.substr(start, end - start));
  return fields;
}

std::string git_or_throw(std::vector<std::string> argv, const std::filesystem::path& root,
                         const std::string& what) {
  int status = 0;
  std::string out = run_program(argv, root, status);
  if (status != 0) throw input_error(what);
  return out;
}

}  // namespace

ChangedFiles changed_files(const std::filesystem::path& root, const std::string& ref) {
  if (!inside_git_work_tree(root))
    throw input_error(fmt::format("--changed needs a git work tree; '{}' is not in one",
                                  root.string()));
  std::vector<std::string> diff = {"git",         "diff",       "--name-status", "-z",
                                   "--no-renames", "--relative", "--no-ext-diff"};
  if (ref.empty()) {
    diff.push_back("--cached");
  } else {
    if (ref.starts_with("-")) throw input_error(fmt::format("--changed: bad revision '{}'", ref));
    diff.push_back(ref);
  }
  diff.push_back("--");
  const std::string out =
      git_or_throw(diff, root, fmt::format("--changed: git does not know the revision '{}'", ref));
  ChangedFiles changes;
  const std::vector<std::string> fields = nul_fields(out);
  for (size_t i = 0; i + 1 < fields.size(); i += 2)
    (fields[i] == "D" ? changes.deleted : changes.present).push_back(fields[i + 1]);
  if (!ref.empty()) {
    const std::string untracked = git_or_throw(
        {"git", "ls-files", "-z", "--others", "--exclude-standard", "--", "."}, root,
        "--changed: 'git ls-files' failed");
    for (std::string& path : nul_fields(untracked)) changes.present.push_back(std::move(path));
  }
  return changes;
}

std::vector<std::string> unstaged_among(const std::filesystem::path& root,
                                        const std::vector<std::string>& paths) {
  if (paths.empty()) return {};
  std::vector<std::string> argv = {"git", "diff", "--name-only", "-z", "--relative", "--"};
  argv.insert(argv.end(), paths.begin(), paths.end());
  int status = 0;
  const std::string out = run_program(argv, root, status);
  return status == 0 ? nul_fields(out) : std::vector<std::string>{};
}

}  // namespace kamgr
