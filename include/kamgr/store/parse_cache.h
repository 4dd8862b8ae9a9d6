#pragma once
/// The parse cache: parsed records kept in `.kamgr/cache/` (derived, never committed),
/// one cache file per record folder (`.kamgr/cache/visits/2026/11.bin`).
///
/// Contract: the cache never changes an output. An entry is used only when the file's
/// path, size, modification time, change time and inode (all in nanoseconds where the
/// file system has them) equal the ones recorded when it was parsed, and when the
/// cache was written by the same kamgr version, record encoding and kamgr.yaml. Any
/// write, `git checkout`, rename or `touch` changes the change time, so it is seen.
/// Racy files: a file changed within `kRacyWindowNs` before the scan started is
/// parsed but not cached, because a second change within the file system's timestamp
/// resolution could leave every stamp equal (git's "racy clean" problem). Files that
/// gave any warning or error, symbolic links and files in linked folders are never
/// cached. A missing, unreadable or corrupt cache file is an empty cache; a cache that
/// cannot be written (read-only data directory) is silently not written.
/// `KAMGR_NO_CACHE=1` turns the cache off (neither read nor written).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kamgr/store/datadir.h"
#include "kamgr/store/derived_file.h"

namespace kamgr {

/// Files changed this close to the scan are not cached (2 s: covers file systems that
/// store times in whole or even seconds).
inline constexpr int64_t kRacyWindowNs = 2'000'000'000;

/// One lookup-then-store pass over a list of files of one record type.
class ParseCache {
 public:
  /// `tag` names the record type (record_cache_tag). `files` are relative paths as the
  /// repository lists them; when `complete` they are every file of their folders, so
  /// entries of files not listed are dropped when a folder's cache is rewritten.
  /// `racy_window_ns`: see kRacyWindowNs (tests pass 0 to cache fresh files).
  ParseCache(const DataDir& dir, std::string tag, const std::vector<std::string>& files,
             bool complete, int64_t racy_window_ns = kRacyWindowNs);
  ~ParseCache();
  ParseCache(const ParseCache&) = delete;
  ParseCache& operator=(const ParseCache&) = delete;

  /// The cached encoding of files[i] when it is current, else an empty view. Safe to
  /// call concurrently for different i (it stats the file).
  std::string_view lookup(size_t i);
  /// Notes the git blob ID (git_blob_id) of the content just read for files[i], whether
  /// or not it parsed. Safe to call concurrently for different i.
  void note_read(size_t i, std::string blob);
  /// Offers the encoding of files[i], parsed cleanly just now (after note_read, whose
  /// blob ID the entry keeps); kept if not racy. Safe to call concurrently for
  /// different i.
  void remember(size_t i, std::string bytes);
  /// Rewrites the cache files of the folders whose content changed; notes in the DataDir
  /// the blob ID of each file read or found (DataDir::noted_blob, when it tracks
  /// content) and, when the files are whole folders, each folder's digest of names and
  /// stamps (DataDir::folder_digest). Never throws.
  void save();

  /// False when KAMGR_NO_CACHE is set: lookups miss and nothing is saved.
  static bool enabled();

 private:
  struct Folder;
  struct Slot;
  void note_folder_digests() const;
  void note_blobs() const;
  const DataDir& dir_;
  const std::vector<std::string>& files_;
  std::string key_;
  bool complete_;
  int64_t scan_start_ns_;
  int64_t racy_window_ns_;
  std::vector<std::shared_ptr<Folder>> folders_;  ///< shared: DataDir::FolderBlobs
  std::vector<Slot> slots_;
};

}  // namespace kamgr
