#include "kamgr/store/datadir.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <algorithm>

#include "kamgr/core/digest.h"
#include "kamgr/store/loaders.h"

namespace kamgr {

std::optional<std::string> read_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::string text;
  bool ok = fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode);
  if (ok && st.st_size > 0) text.reserve(static_cast<size_t>(st.st_size));
  char chunk[65536];
  while (ok) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = n == 0;
      break;
    }
    text.append(chunk, static_cast<size_t>(n));
  }
  ::close(fd);
  if (!ok) return std::nullopt;
  return text;
}

DataDir DataDir::open(const fs::path& root, Diagnostics& diag, bool strict) {
  DataDir d;
  d.root_ = root;
  const auto text = read_file(root / "kamgr.yaml");
  if (!text)
    throw input_error(fmt::format("'{}' is not a kamgr data directory (no kamgr.yaml); run "
                                  "'kamgr init {}' to create one",
                                  root.string(), root.string()));
  Diagnostics config_diag;
  d.config_ = load_config(*text, "kamgr.yaml", config_diag);
  d.config_digest_ = sha256_hex(*text);
  diag.merge(config_diag);
  if (strict) config_diag.throw_if_errors();
  return d;
}

DataDir DataDir::discover(const std::optional<std::string>& flag, const char* env,
                          const fs::path& cwd, Diagnostics& diag, bool strict) {
  if (flag) return open(fs::absolute(*flag), diag, strict);
  if (env && *env) return open(fs::absolute(env), diag, strict);
  std::error_code ec;
  for (fs::path dir = cwd;; dir = dir.parent_path()) {
    if (fs::exists(dir / "kamgr.yaml", ec)) return open(dir, diag, strict);
    if (dir == dir.root_path() || dir.empty()) break;
  }
  throw input_error(
      "no data directory found (no kamgr.yaml here or above); run 'kamgr init' to create one, "
      "or pass -C DIR");
}

bool DataDir::exists(const std::string& rel) const {
  consulted_.insert(rel);
  std::error_code ec;
  return fs::exists(path(rel), ec);
}

bool DataDir::inside(const std::string& rel) const {
  std::error_code ec;
  const fs::path p = path(rel);
  if (!fs::is_symlink(p, ec) && !fs::is_symlink(p.parent_path(), ec)) return true;
  const fs::path target = fs::weakly_canonical(p, ec);
  const fs::path root = fs::weakly_canonical(root_, ec);
  const auto [r, t] = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
  return r == root.end();
}

std::string DataDir::read(const std::string& rel) const {
  if (!inside(rel)) throw input_error("the file is a link to outside the data directory", rel);
  auto text = read_file(path(rel));
  if (!text) throw input_error("cannot read the file", rel);
  return std::move(*text);
}

std::vector<std::string> DataDir::list_yaml(const std::string& folder) const {
  consulted_.insert(folder);
  std::vector<std::string> out;
  std::vector<std::string>& others = other_entries_[folder];
  others.clear();
  std::error_code ec;
  for (fs::directory_iterator it(path(folder), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (is_record_file_name(name) && !it->is_directory(ec))
      out.push_back(folder + "/" + name);
    else
      others.push_back(name);
  }
  std::sort(out.begin(), out.end());
  std::sort(others.begin(), others.end());
  if (tracking_content_) listed_yaml_[folder] = out;
  return out;
}

const std::string* DataDir::folder_digest(const std::string& folder) const {
  const auto it = folder_digests_.find(folder);
  return it == folder_digests_.end() ? nullptr : &it->second;
}

const std::vector<std::string>* DataDir::other_entries(const std::string& folder) const {
  const auto it = other_entries_.find(folder);
  return it == other_entries_.end() ? nullptr : &it->second;
}

bool is_record_file_name(const std::string& name) {
  return name.size() > 5 && name.compare(name.size() - 5, 5, ".yaml") == 0 && name[0] != '.';
}

const std::vector<std::string>* DataDir::listed_yaml(const std::string& folder) const {
  const auto it = listed_yaml_.find(folder);
  return it == listed_yaml_.end() ? nullptr : &it->second;
}

std::optional<std::string_view> DataDir::noted_blob(const std::string& rel) const {
  if (const auto it = blobs_.find(rel); it != blobs_.end())
    return it->second.empty() ? std::nullopt : std::optional<std::string_view>(it->second);
  const size_t slash = rel.rfind('/');
  if (slash == std::string::npos) return std::nullopt;
  const auto folder = folder_blobs_.find(rel.substr(0, slash));
  if (folder == folder_blobs_.end()) return std::nullopt;
  const std::string_view name = std::string_view(rel).substr(slash + 1);
  const auto& by_name = folder->second.by_name;
  const auto it = std::lower_bound(by_name.begin(), by_name.end(), name,
                                   [](const auto& e, std::string_view n) { return e.first < n; });
  if (it == by_name.end() || it->first != name) return std::nullopt;
  return it->second;
}

std::vector<std::string> DataDir::list_dirs(const std::string& folder) const {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(path(folder), ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory(ec) && it->path().filename().string()[0] != '.')
      out.push_back(it->path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace kamgr
