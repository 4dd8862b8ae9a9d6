#pragma once
/// The data directory: finding it, its configuration, and reading its files.
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kamgr/core/error.h"
#include "kamgr/core/progress.h"
#include "kamgr/domain/config.h"

namespace kamgr {

namespace fs = std::filesystem;

class DataDir {
 public:
  /// Finds the data directory: `flag` (-C), else `env` ($KAMGR_DATA), else the nearest
  /// ancestor of `cwd` holding kamgr.yaml. Throws Error (exit 2) with a hint to run
  /// `kamgr init` when there is none. Loads kamgr.yaml; config problems go to `diag`,
  /// and with `strict` a config error throws (`check` is not strict: it reports it).
  static DataDir discover(const std::optional<std::string>& flag, const char* env,
                          const fs::path& cwd, Diagnostics& diag, bool strict = true);
  /// Opens `root` (which must hold kamgr.yaml).
  static DataDir open(const fs::path& root, Diagnostics& diag, bool strict = true);

  const fs::path& root() const { return root_; }
  const Config& config() const { return config_; }
  /// SHA-256 of kamgr.yaml's text: part of the parse cache's key.
  const std::string& config_digest() const { return config_digest_; }
  /// Absolute path of a path relative to the root.
  fs::path path(const std::string& rel) const { return root_ / rel; }
  bool exists(const std::string& rel) const;
  /// False when `rel` is a symbolic link (or under one) resolving outside the root.
  bool inside(const std::string& rel) const;
  /// Reads a file whole; Error (exit 2, naming the file) when it cannot be read.
  std::string read(const std::string& rel) const;
  /// Relative paths of the `*.yaml` files directly in `folder` (sorted); empty when
  /// the folder does not exist.
  std::vector<std::string> list_yaml(const std::string& folder) const;
  /// Relative paths of the sub-folders of `folder` (sorted names).
  std::vector<std::string> list_dirs(const std::string& folder) const;

  /// Files this process has written (relative paths, in order), for `--commit`.
  const std::vector<std::string>& written() const { return written_; }
  /// Records that `rel` was written (called by the store's write functions).
  void note_written(const std::string& rel) const { written_.push_back(rel); }

  /// The folders listed and files looked for so far (relative, sorted): what a report
  /// was computed from, for its git `dirty` flag. Filled by list_yaml and exists, which
  /// are called from the command's own thread only.
  const std::set<std::string>& consulted() const { return consulted_; }

  /// A digest of the names and stamps of a folder's record files as the parse cache
  /// saw them when it read the folder whole; nullptr when it did not. For the git
  /// verdict key (git_verdict.h), which then needs no second look at those files.
  const std::string* folder_digest(const std::string& folder) const;
  void note_folder_digest(const std::string& folder, std::string digest) const {
    folder_digests_[folder] = std::move(digest);
  }
  /// The names in a folder listed by list_yaml that are not record files (sub-folders,
  /// hidden and other files); nullptr when it was not listed.
  const std::vector<std::string>* other_entries(const std::string& folder) const;

  /// Asks list_yaml and the parse cache to keep what a report's git source needs
  /// (git_source.h): the files each folder held, and the git blob ID of each file read.
  /// Off by default: `check` over the whole history would keep millions of them.
  void track_content() const { tracking_content_ = true; }
  bool tracking_content() const { return tracking_content_; }
  /// While tracking: the record files list_yaml last found in `folder` (relative
  /// paths, sorted); else nullptr.
  const std::vector<std::string>* listed_yaml(const std::string& folder) const;
  /// While tracking: the git blob ID (git_blob_id) of a file's content as a load read
  /// it, noted by the parse cache from the command's own thread; else std::nullopt.
  std::optional<std::string_view> noted_blob(const std::string& rel) const;
  /// Notes one file's blob ID; an empty `blob` says it is not known (the file could not
  /// be read), which hides any the folder's views below hold for it.
  void note_blob(const std::string& rel, std::string blob) const {
    if (tracking_content_) blobs_[rel] = std::move(blob);
  }
  /// The blob IDs of files of one folder that the parse cache found unchanged: views
  /// into its cache file, kept alive by `owner`, as (name, blob) sorted by name. Noting
  /// them costs no allocation per file (a warm month is 80,000 files).
  struct FolderBlobs {
    std::shared_ptr<const void> owner;
    std::vector<std::pair<std::string_view, std::string_view>> by_name;
  };
  void note_folder_blobs(const std::string& folder, FolderBlobs blobs) const {
    if (tracking_content_) folder_blobs_[folder] = std::move(blobs);
  }

  /// Where loads report their progress (nullptr: nowhere). Not owned.
  Progress* progress() const { return progress_; }
  void set_progress(Progress* progress) const { progress_ = progress; }

 private:
  fs::path root_;
  Config config_;
  std::string config_digest_;
  mutable std::vector<std::string> written_;
  mutable Progress* progress_ = nullptr;
  mutable std::set<std::string> consulted_;
  mutable std::unordered_map<std::string, std::string> folder_digests_;
  mutable std::unordered_map<std::string, std::vector<std::string>> other_entries_;
  mutable bool tracking_content_ = false;
  mutable std::unordered_map<std::string, std::vector<std::string>> listed_yaml_;
  mutable std::unordered_map<std::string, std::string> blobs_;
  mutable std::unordered_map<std::string, FolderBlobs> folder_blobs_;
};

/// Whether list_yaml takes a folder entry of this name for a record file: `*.yaml`, not
/// hidden.
bool is_record_file_name(const std::string& name);

/// Reads a file whole; std::nullopt when it cannot be opened.
std::optional<std::string> read_file(const fs::path& path);

}  // namespace kamgr
