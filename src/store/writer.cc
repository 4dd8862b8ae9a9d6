#include "kamgr/store/writer.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdio.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "kamgr/core/error.h"

namespace kamgr {
namespace {

Error io_error(const std::string& what, const fs::path& path) {
  return Error(Exit::failure, fmt::format("{}: {}", what, std::strerror(errno)), path.string());
}

void write_all(int fd, const std::string& content, const fs::path& path) {
  size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw io_error("cannot write", path);
    }
    done += static_cast<size_t>(n);
  }
}

void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

void atomic_write(const fs::path& path, const std::string& content, bool exclusive,
                  unsigned mode) {
  const fs::path folder = path.parent_path();
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) throw Error(Exit::failure, "cannot create folder: " + ec.message(), folder.string());
  std::random_device rd;
  const fs::path tmp =
      folder / fmt::format(".{}.tmp-{}-{:x}", path.filename().string(), ::getpid(), rd());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw io_error("cannot create a temporary file", tmp);
  try {
    if (mode != 0644 && ::fchmod(fd, static_cast<mode_t>(mode)) != 0)
      throw io_error("cannot set the permissions", tmp);
    write_all(fd, content, tmp);
    if (::fsync(fd) != 0) throw io_error("cannot flush", tmp);
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  ::close(fd);
  if (exclusive) {
    // link() fails when the target exists: an atomic create-if-absent.
    if (::link(tmp.c_str(), path.c_str()) != 0) {
      const int err = errno;
      ::unlink(tmp.c_str());
      errno = err;
      if (err == EEXIST) throw input_error("the file already exists", path.string());
      throw io_error("cannot create", path);
    }
    ::unlink(tmp.c_str());
  } else if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    errno = err;
    throw io_error("cannot replace", path);
  }
  sync_folder(folder);
}

void atomic_move(const fs::path& from, const fs::path& to) {
  const fs::path folder = to.parent_path();
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) throw Error(Exit::failure, "cannot create folder: " + ec.message(), folder.string());
  // RENAME_NOREPLACE: the move and the "does not exist yet" test are one step.
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) != 0) {
    if (errno == EEXIST) throw input_error("the file already exists", to.string());
    throw io_error("cannot move " + from.string() + " to", to);
  }
  sync_folder(folder);
  sync_folder(from.parent_path());
}

void remove_file(const fs::path& path) {
  if (::unlink(path.c_str()) != 0) throw io_error("cannot remove", path);
  sync_folder(path.parent_path());
}

WriteLock::WriteLock(const fs::path& data_root) {
  const fs::path dir = data_root / ".kamgr";
  std::error_code ec;
  fs::create_directories(dir, ec);
  const fs::path lock = dir / "lock";
  fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw io_error("cannot open the lock file", lock);
  while (::flock(fd_, LOCK_EX) != 0) {
    if (errno != EINTR) {
      ::close(fd_);
      throw io_error("cannot lock", lock);
    }
  }
}

WriteLock::~WriteLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

namespace {

std::string flow_value(const Value& v);

std::string flow_seq(const Value& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.items().size(); ++i) out += (i ? ", " : "") + flow_value(v.items()[i]);
  return out + "]";
}

std::string flow_value(const Value& v) {
  switch (v.type()) {
    case Value::Type::object: return flow_map(v);
    case Value::Type::array: return flow_seq(v);
    case Value::Type::string: return yaml_scalar(v.as_text(), true);
    case Value::Type::plain: return v.as_text();
    case Value::Type::null: return "null";
    default: return v.to_cell();
  }
}

bool is_list_of_maps(const Value& v) {
  if (v.type() != Value::Type::array || v.items().empty()) return false;
  for (const Value& item : v.items())
    if (item.type() != Value::Type::object) return false;
  return true;
}

}  // namespace

std::string flow_map(const Value& object) {
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : object.fields()) {
    if (v.is_null()) continue;
    out += (first ? "" : ", ") + yaml_scalar(k, true) + ": " + flow_value(v);
    first = false;
  }
  return out + "}";
}

std::string canonical_record(const Value& record) {
  std::string out;
  const auto& fields = record.fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    const auto& [key, v] = fields[i];
    const bool last = i + 1 == fields.size();
    if (v.is_null()) continue;
    out += yaml_scalar(key, false) + ":";
    if (is_list_of_maps(v)) {
      out += "\n";
      for (const Value& item : v.items()) out += "  - " + flow_map(item) + "\n";
    } else if (v.type() == Value::Type::array && v.items().empty() && last) {
      out += "\n";  // an empty log: the bare key, ready for appends
    } else if (v.type() == Value::Type::object) {
      out += "\n";
      for (const auto& [ck, cv] : v.fields())
        if (!cv.is_null()) out += "  " + yaml_scalar(ck, false) + ": " + flow_value(cv) + "\n";
    } else {
      out += " " + flow_value(v) + "\n";
    }
  }
  return out;
}

namespace {

/// Indentation of a line (spaces), or -1 for blank and comment-only lines.
int indentation(const std::string& line) {
  const size_t first = line.find_first_not_of(' ');
  if (first == std::string::npos || line[first] == '#' || line[first] == '\r') return -1;
  return static_cast<int>(first);
}

}  // namespace

std::string append_log_item(const std::string& text, const std::string& log_key,
                            const Value& item, const std::string& file) {
  // Split into lines, remembering each line's number.
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    const size_t nl = text.find('\n', start);
    lines.push_back(text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  // The last top-level key must be the log.
  int key_line = -1;
  for (int i = static_cast<int>(lines.size()) - 1; i >= 0; --i) {
    if (indentation(lines[i]) != 0) continue;
    if (lines[i].rfind("- ", 0) == 0 || lines[i] == "-") continue;  // items at column 0
    key_line = i;
    break;
  }
  const std::string prefix = log_key + ":";
  if (key_line < 0 || lines[key_line].rfind(prefix, 0) != 0)
    throw input_error(fmt::format("cannot append: '{}' must be the last top-level key of the "
                                  "file; move it to the end",
                                  log_key),
                      file, key_line < 0 ? 0 : key_line + 1);
  std::string rest = lines[key_line].substr(prefix.size());
  if (const size_t hash = rest.find(" #"); hash != std::string::npos) rest.resize(hash);
  if (rest.find_first_not_of(" \t\r") != std::string::npos)
    throw input_error(fmt::format("cannot append: '{}' must be a block list ('{}:' followed by "
                                  "'- ' items), not '{}'",
                                  log_key, log_key, lines[key_line]),
                      file, key_line + 1);
  // Follow the indentation of the existing items.
  int indent = 2;
  for (size_t i = key_line + 1; i < lines.size(); ++i) {
    const int ind = indentation(lines[i]);
    if (ind < 0) continue;
    if (lines[i].compare(ind, 1, "-") == 0) {
      indent = ind;
      break;
    }
  }
  std::string out = text;
  if (!out.empty() && out.back() != '\n') out += '\n';
  const bool crlf = text.find("\r\n") != std::string::npos;
  out += std::string(indent, ' ') + "- " + flow_map(item) + (crlf ? "\r\n" : "\n");
  return out;
}

}  // namespace kamgr
