#include "kamgr/system/git_verdict.h"

#include <sys/stat.h>

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "kamgr/core/digest.h"
#include "kamgr/system/git.h"
#include "kamgr/store/parse_cache.h"

namespace kamgr {

namespace {

constexpr const char* kVerdictFile = "git-clean";
constexpr size_t kVerdictsKept = 32;

/// What git itself says about where things are.
struct GitPlaces {
  std::string head;
  fs::path top, config, attributes;
};

std::optional<GitPlaces> git_places(const fs::path& dir) {
  int status = 0;
  const std::string out = run_program(
      {"git", "rev-parse", "HEAD", "--show-toplevel", "--git-path", "config", "--git-path",
       "info/attributes"},
      dir, status);
  if (status != 0) return std::nullopt;
  std::istringstream lines(out);
  GitPlaces g;
  std::string top, config, attributes;
  if (!std::getline(lines, g.head) || !std::getline(lines, top) || !std::getline(lines, config) ||
      !std::getline(lines, attributes) || g.head.empty())
    return std::nullopt;
  g.top = top;
  g.config = git_printed_path(dir, config);
  g.attributes = git_printed_path(dir, attributes);
  return g;
}

/// Builds the key text, noting whether any stamp in it is racy.
class KeyBuilder {
 public:
  KeyBuilder(const DataDir& dir, int64_t now) : dir_(dir), now_(now) {}

  /// Any entry, by lstat: `missing`, or its type and stamp; a folder with its entries.
  /// `in_data`: `label` is a path relative to the data directory.
  void entry(const std::string& label, const fs::path& path, bool in_data = false) {
    unsigned mode = 0;
    const std::optional<FileStamp> stamp = stamp_entry(path, mode);
    if (!stamp) {
      text_ += label + " missing\n";
      return;
    }
    add(label, mode, *stamp);
    if (S_ISDIR(mode)) folder(label, path, in_data);
  }

  /// A path relative to the data directory.
  void record(const std::string& rel) { entry(rel, dir_.path(rel), true); }

  const std::string& text() const { return text_; }
  bool racy_seen() const { return racy_; }

 private:
  void add(const std::string& label, unsigned mode, const FileStamp& s) {
    text_ += fmt::format("{} {:o} {} {} {} {}\n", label, mode, s.size, s.mtime_ns, s.ctime_ns,
                         s.inode);
    racy_ = racy_ || racy(s, now_, kRacyWindowNs);
  }

  /// A folder's entries: for one the parse cache read whole, its digest of the record
  /// files as read plus the other entries; else every entry.
  void folder(const std::string& label, const fs::path& path, bool in_data) {
    const std::string* digest = in_data ? dir_.folder_digest(label) : nullptr;
    const std::vector<std::string>* others = in_data ? dir_.other_entries(label) : nullptr;
    if (digest && others) {
      text_ += label + " records " + *digest + "\n";
      for (const std::string& name : *others) record(label + "/" + name);
      return;
    }
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
      names.push_back(it->path().filename().string());
    std::sort(names.begin(), names.end());
    for (const std::string& name : names)
      if (in_data) {
        record(label + "/" + name);
      } else {
        entry(label + "/" + name, path / name);
      }
  }

  const DataDir& dir_;
  int64_t now_;
  std::string text_;
  bool racy_ = false;
};

/// The key of the current state; not `storable` when a stamp in it is racy.
struct Key {
  std::string digest;
  bool storable = false;
};

Key verdict_key(const DataDir& dir, const GitPlaces& g, const std::vector<std::string>& paths) {
  KeyBuilder b(dir, now_ns());
  std::string head = "kamgr-git-verdict 2 " + g.head + "\n";
  // What decides how git stores a file (git_source's hash-object check): the
  // repository's config (core.autocrlf) and attributes files.
  b.entry("git:config", g.config);
  b.entry("git:attributes", g.attributes);
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(dir.root(), ec);
  for (fs::path p = root;; p = p.parent_path()) {
    b.entry("attributes:" + p.string(), p / ".gitattributes");
    if (p == fs::weakly_canonical(g.top, ec) || p == p.root_path() || p.empty()) break;
  }
  std::vector<std::string> sorted = paths;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  for (const std::string& rel : sorted) b.record(rel);
  return {sha256_hex(head + b.text()), !b.racy_seen()};
}

std::vector<std::string> remembered(const DataDir& dir) {
  std::vector<std::string> keys;
  if (const auto text = read_file(dir.path(std::string(".kamgr/") + kVerdictFile))) {
    std::istringstream lines(*text);
    for (std::string line; std::getline(lines, line);)
      if (line.size() == 64) keys.push_back(line);
  }
  return keys;
}

void remember(const DataDir& dir, const std::string& key) {
  std::vector<std::string> keys = remembered(dir);
  std::erase(keys, key);
  keys.push_back(key);
  if (keys.size() > kVerdictsKept) keys.erase(keys.begin(), keys.end() - kVerdictsKept);
  std::string text;
  for (const std::string& k : keys) text += k + "\n";
  write_derived_file(dir, kVerdictFile, text);
}

}  // namespace

std::optional<GitSource> remembered_git_source(const DataDir& dir,
                                               const std::vector<std::string>& paths) {
  if (!ParseCache::enabled()) return git_source(dir, paths);
  const auto before = git_places(dir.root());
  if (!before) return std::nullopt;
  const Key key = verdict_key(dir, *before, paths);
  const std::vector<std::string> known = remembered(dir);
  if (std::find(known.begin(), known.end(), key.digest) != known.end())
    return GitSource{before->head, false};
  auto source = git_source(dir, paths);
  if (!source || source->dirty || !key.storable) return source;
  // Remember only when HEAD and every stamp in the key held still while git_source
  // looked (else the next run asks again).
  const auto after = git_places(dir.root());
  if (after && after->head == before->head && source->commit == before->head &&
      verdict_key(dir, *after, paths).digest == key.digest)
    remember(dir, key.digest);
  return source;
}

}  // namespace kamgr
