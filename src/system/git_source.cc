#include "kamgr/system/git_source.h"

#include <algorithm>
#include <map>

#include "kamgr/core/digest.h"
#include "kamgr/system/git.h"

namespace kamgr {

namespace {

/// Paths handed to one `git hash-object` (well under the argument size limit).
constexpr size_t kHashBatch = 500;

/// HEAD's entries under the paths: path (relative to the data directory) -> blob ID;
/// trees and submodules are left out. std::nullopt when git fails.
std::optional<std::map<std::string, std::string>> head_blobs(
    const DataDir& dir, const std::vector<std::string>& folders,
    const std::vector<std::string>& files) {
  std::vector<std::string> argv = {"git", "ls-tree", "-z", "HEAD", "--"};
  for (const std::string& f : folders) argv.push_back(f + "/");
  argv.insert(argv.end(), files.begin(), files.end());
  int status = 0;
  const std::string out = run_program(argv, dir.root(), status);
  if (status != 0) return std::nullopt;
  std::map<std::string, std::string> blobs;
  // Each entry: "<mode> SP <type> SP <object> TAB <path> NUL".
  for (size_t pos = 0; pos < out.size();) {
    size_t end = out.find('\0', pos);
    if (end == std::string::npos) end = out.size();
    const std::string_view entry(out.data() + pos, end - pos);
    pos = end + 1;
    const size_t tab = entry.find('\t');
    const size_t type = entry.find(' ');
    if (tab == std::string_view::npos || type == std::string_view::npos) return std::nullopt;
    const size_t oid = entry.find(' ', type + 1);
    if (oid == std::string_view::npos || oid > tab) return std::nullopt;
    if (entry.substr(type + 1, oid - type - 1) != "blob") continue;
    blobs.emplace(std::string(entry.substr(tab + 1)), std::string(entry.substr(oid + 1, tab - oid - 1)));
  }
  return blobs;
}

/// The blob ID of a work-tree file as the report read it; empty when unreadable.
std::string work_blob(const DataDir& dir, const std::string& rel) {
  if (const auto noted = dir.noted_blob(rel)) return std::string(*noted);
  const auto text = read_file(dir.path(rel));
  return text ? git_blob_id(*text) : std::string();
}

/// Whether git, applying the repository's filters, stores each of `paths` as the blob
/// `expected` says (`git hash-object`, which does not read the index).
bool git_agrees(const DataDir& dir, const std::vector<std::string>& paths,
                const std::map<std::string, std::string>& expected) {
  for (size_t from = 0; from < paths.size(); from += kHashBatch) {
    const size_t to = std::min(paths.size(), from + kHashBatch);
    std::vector<std::string> argv = {"git", "hash-object", "--"};
    argv.insert(argv.end(), paths.begin() + static_cast<std::ptrdiff_t>(from),
                paths.begin() + static_cast<std::ptrdiff_t>(to));
    int status = 0;
    const std::string out = run_program(argv, dir.root(), status);
    if (status != 0 || out.size() != (to - from) * 41) return false;
    for (size_t i = from; i < to; ++i)
      if (out.compare((i - from) * 41, 40, expected.at(paths[i])) != 0) return false;
  }
  return true;
}

}  // namespace

std::optional<GitSource> git_source(const DataDir& dir, const std::vector<std::string>& paths) {
  const std::optional<std::string> head_commit = git_head(dir.root());
  if (!head_commit) return std::nullopt;
  const std::string& commit = *head_commit;

  // What the report read: the record files of the folders it listed, and the files it
  // looked for (present or not).
  std::vector<std::string> folders, files, work;
  std::error_code ec;
  for (const std::string& p : paths) {
    const std::vector<std::string>* listed = dir.listed_yaml(p);
    std::vector<std::string> relisted;
    if (!listed && fs::is_directory(dir.path(p), ec)) listed = &(relisted = dir.list_yaml(p));
    if (listed) {
      folders.push_back(p);
      work.insert(work.end(), listed->begin(), listed->end());
    } else if (fs::exists(dir.path(p), ec)) {
      files.push_back(p);
      work.push_back(p);
    } else {  // gone: HEAD must hold neither a file nor a folder of records there
      files.push_back(p);
      folders.push_back(p);
    }
  }
  std::sort(folders.begin(), folders.end());
  const auto head = head_blobs(dir, folders, files);
  if (!head) return std::nullopt;

  // HEAD's side of the same question: record files directly in those folders, and the
  // files looked for.
  std::vector<std::string> expected;
  for (const auto& [path, blob] : *head) {
    const size_t slash = path.rfind('/');
    const std::string folder = slash == std::string::npos ? "" : path.substr(0, slash);
    const bool in_folder = std::binary_search(folders.begin(), folders.end(), folder) &&
                           is_record_file_name(path.substr(slash + 1));
    if (in_folder || std::find(files.begin(), files.end(), path) != files.end())
      expected.push_back(path);
  }
  std::sort(work.begin(), work.end());
  work.erase(std::unique(work.begin(), work.end()), work.end());
  if (work != expected) return GitSource{commit, true};

  std::vector<std::string> differing;
  for (const std::string& rel : work) {
    const std::string blob = work_blob(dir, rel);
    if (blob.empty()) return GitSource{commit, true};
    if (blob != head->at(rel)) differing.push_back(rel);
  }
  const bool dirty = !differing.empty() && !git_agrees(dir, differing, *head);
  return GitSource{commit, dirty};
}

}  // namespace kamgr
