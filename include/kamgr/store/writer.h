#pragma once
/// Writing records safely (docs/formats.md "How kamgr writes"): new files whole and
/// canonical, existing files only appended to, every write atomic, writers serialised by
/// a lock.
#include <filesystem>
#include <functional>
#include <string>

#include "kamgr/core/value.h"

namespace kamgr {

namespace fs = std::filesystem;

/// Replaces (or creates) `path` atomically: a temporary file in the same folder,
/// flushed to disk, then renamed over it. With `exclusive`, fails (Error exit 2) when
/// the file already exists instead of replacing it. Missing folders are created.
/// Throws Error (exit 3) on I/O failure; the old file is then untouched. The new file
/// gets permissions `mode` (0755 for an executable hook) before it appears.
void atomic_write(const fs::path& path, const std::string& content, bool exclusive,
                  unsigned mode = 0644);

/// Moves the file `from` to `to` in one rename (both in the data directory's file
/// system), creating `to`'s folder. Fails (Error exit 2, nothing moved) when `to`
/// exists; Error exit 3 on I/O failure. At every moment exactly one of the two exists.
void atomic_move(const fs::path& from, const fs::path& to);

/// Removes the file `path` (one unlink, the folder flushed). Error exit 3 on failure.
void remove_file(const fs::path& path);

/// Exclusive lock of a data directory's writers (flock on `.kamgr/lock`), held for the
/// object's lifetime. Readers never wait.
class WriteLock {
 public:
  explicit WriteLock(const fs::path& data_root);
  ~WriteLock();
  WriteLock(const WriteLock&) = delete;
  WriteLock& operator=(const WriteLock&) = delete;

 private:
  int fd_ = -1;
};

/// The canonical text of a new record: `record`'s keys in order, 2-space indent,
/// lists of scalars in flow style, lists of mappings as block items in flow style,
/// UTF-8 unescaped, LF, final newline. An empty `log_key` list is the bare key.
std::string canonical_record(const Value& record);

/// A mapping in one-line flow style: `{date: 2026-01-01, tier: key}`.
std::string flow_map(const Value& object);

/// Appends `item` (a mapping) to the log `log_key` of a file's `text`, keeping every
/// existing byte. The new item follows the indentation of the items already there
/// (2 spaces under a bare key). Throws Error (exit 2, naming `file` and the line) when
/// the log is not the last top-level key or is not a block sequence.
std::string append_log_item(const std::string& text, const std::string& log_key,
                            const Value& item, const std::string& file);

}  // namespace kamgr
