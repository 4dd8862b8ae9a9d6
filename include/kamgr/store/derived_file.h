#pragma once
/// Files kamgr derives and keeps in `.kamgr/` (never committed): their stamps and how
/// they are written.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace kamgr {

class DataDir;

/// What the file system says about a file's content (times in nanoseconds).
struct FileStamp {
  uint64_t size = 0, mtime_ns = 0, ctime_ns = 0, inode = 0;
  bool operator==(const FileStamp&) const = default;
};

/// The stamp of any entry (file, folder, link itself), with its `st_mode` in `mode`;
/// nullopt when it does not exist.
std::optional<FileStamp> stamp_entry(const std::filesystem::path& path, unsigned& mode);
/// The stamp of a regular file that is not a symbolic link; nullopt otherwise.
std::optional<FileStamp> stamp_file(const std::filesystem::path& path);
/// stamp_file of `name` in the open folder `dir_fd` (no path walk: the parse cache
/// stamps tens of thousands of files of one folder).
std::optional<FileStamp> stamp_file_at(int dir_fd, const char* name);

/// Nanoseconds since the epoch, by the real-time clock (the clock file times follow).
int64_t now_ns();

/// True when a file with `stamp` changed within `window_ns` before `since_ns`: its
/// stamp may then not tell a second change apart (git's "racy clean" problem).
bool racy(const FileStamp& stamp, int64_t since_ns, int64_t window_ns);

/// Replaces `.kamgr/<rel>` with `bytes` atomically (temporary file, then rename) and
/// makes sure `.kamgr/` ignores itself in git (`.kamgr/.gitignore` holding `*`). Derived
/// files are an optimisation: any failure is swallowed and leaves the old file.
void write_derived_file(const DataDir& dir, const std::string& rel, const std::string& bytes);

}  // namespace kamgr
