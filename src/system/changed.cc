#include "kamgr/system/changed.h"

#include <fmt/format.h>

#include <algorithm>

#include "kamgr/core/error.h"
#include "kamgr/system/git.h"

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
  std::vector<std::string> diff = {"git",          "diff",       "--raw",        "-z",
                                   "--no-abbrev",  "--no-renames", "--relative", "--no-ext-diff"};
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
  // Each change: ":<old mode> <new mode> <old id> <new id> <status>" NUL "<path>" NUL.
  const std::vector<std::string> fields = nul_fields(out);
  for (size_t i = 0; i + 1 < fields.size(); i += 2) {
    const std::string& meta = fields[i];
    const std::string& path = fields[i + 1];
    if (meta.ends_with(" D")) {
      changes.deleted.push_back(path);
      continue;
    }
    changes.present.push_back(path);
    if (ref.empty()) {
      const size_t end = meta.rfind(' ');
      const size_t start = end == std::string::npos ? end : meta.rfind(' ', end - 1);
      changes.staged_blobs.push_back(start == std::string::npos
                                         ? std::string()
                                         : meta.substr(start + 1, end - start - 1));
    }
  }
  if (!ref.empty()) {
    const std::string untracked = git_or_throw(
        {"git", "ls-files", "-z", "--others", "--exclude-standard", "--", "."}, root,
        "--changed: 'git ls-files' failed");
    for (std::string& path : nul_fields(untracked)) changes.present.push_back(std::move(path));
  }
  return changes;
}

std::vector<std::string> unstaged_among(const std::filesystem::path& root,
                                        const ChangedFiles& changes) {
  if (changes.staged_blobs.size() != changes.present.size()) return {};
  std::vector<std::string> differ, paths, blobs;
  for (size_t i = 0; i < changes.present.size(); ++i) {
    std::error_code ec;
    const auto type = std::filesystem::symlink_status(root / changes.present[i], ec).type();
    if (type == std::filesystem::file_type::regular) {
      paths.push_back(changes.present[i]);
      blobs.push_back(changes.staged_blobs[i]);
    } else if (type == std::filesystem::file_type::not_found) {
      differ.push_back(changes.present[i]);  // staged, then removed from the work tree
    }
  }
  if (paths.empty()) return differ;
  std::vector<std::string> argv = {"git", "hash-object", "--"};
  argv.insert(argv.end(), paths.begin(), paths.end());
  int status = 0;
  const std::string out = run_program(argv, root, status);
  if (status != 0) return differ;
  size_t start = 0;
  for (size_t i = 0; i < paths.size(); ++i) {
    const size_t end = out.find('\n', start);
    if (end == std::string::npos) break;
    if (out.compare(start, end - start, blobs[i]) != 0) differ.push_back(paths[i]);
    start = end + 1;
  }
  std::sort(differ.begin(), differ.end());
  return differ;
}

}  // namespace kamgr
