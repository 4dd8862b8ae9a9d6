#include "kamgr/store/derived_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <fstream>

#include "kamgr/store/datadir.h"

namespace kamgr {

namespace {

uint64_t ns(const timespec& t) {
  return static_cast<uint64_t>(int64_t{t.tv_sec} * 1'000'000'000 + t.tv_nsec);
}

/// Makes `.kamgr/` ignore itself, so derived files are never committed by `git add -A`,
/// even where the data directory's .gitignore lacks `.kamgr/`.
void ignore_in_git(const DataDir& dir) {
  const fs::path ignore = dir.path(".kamgr/.gitignore");
  std::error_code ec;
  if (fs::exists(ignore, ec)) return;
  std::ofstream(ignore, std::ios::binary) << "*\n";
}

}  // namespace

std::optional<FileStamp> stamp_entry_at(int dir_fd, const char* path, unsigned& mode) {
  struct stat st {};
  if (fstatat(dir_fd, path, &st, AT_SYMLINK_NOFOLLOW) != 0) return std::nullopt;
  mode = st.st_mode;
  return FileStamp{static_cast<uint64_t>(st.st_size), ns(st.st_mtim), ns(st.st_ctim),
                   static_cast<uint64_t>(st.st_ino)};
}

std::optional<FileStamp> stamp_entry(const fs::path& path, unsigned& mode) {
  return stamp_entry_at(AT_FDCWD, path.c_str(), mode);
}

std::optional<FileStamp> stamp_file_at(int dir_fd, const char* name) {
  unsigned mode = 0;
  const auto stamp = stamp_entry_at(dir_fd, name, mode);
  return stamp && S_ISREG(mode) ? stamp : std::nullopt;
}

std::optional<FileStamp> stamp_file(const fs::path& path) {
  return stamp_file_at(AT_FDCWD, path.c_str());
}

int64_t now_ns() {
  timespec t{};
  clock_gettime(CLOCK_REALTIME, &t);
  return static_cast<int64_t>(ns(t));
}

bool racy(const FileStamp& stamp, int64_t since_ns, int64_t window_ns) {
  const auto newest = static_cast<int64_t>(std::max(stamp.mtime_ns, stamp.ctime_ns));
  return newest + window_ns >= since_ns;
}

void write_derived_file(const DataDir& dir, const std::string& rel, const std::string& bytes) {
  try {
    std::error_code ec;
    const fs::path target = dir.path(".kamgr/" + rel);
    fs::create_directories(target.parent_path(), ec);
    ignore_in_git(dir);
    const fs::path tmp = target.string() + fmt::format(".tmp.{}", getpid());
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      if (!out.flush()) {
        fs::remove(tmp, ec);
        return;
      }
    }
    fs::rename(tmp, target, ec);
    if (ec) fs::remove(tmp, ec);
  } catch (...) {
    // Derived files are an optimisation: failing to write one changes nothing.
  }
}

}  // namespace kamgr
