#include "kamgr/store/parse_cache.h"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>

#include "kamgr/core/digest.h"
#include "kamgr/store/record_codec.h"

namespace kamgr {

namespace {

constexpr std::string_view kMagic = "KAMGR-PARSE-CACHE-5\n";

struct Entry {
  std::string_view name;
  FileStamp stamp;
  std::string_view blob;  ///< git blob ID of the content parsed
  std::string_view bytes;
};

FileStamp read_stamp(ByteReader& r) {
  FileStamp s;
  s.size = r.u64();
  s.mtime_ns = r.u64();
  s.ctime_ns = r.u64();
  s.inode = r.u64();
  return s;
}

void write_stamp(ByteWriter& w, const FileStamp& s) {
  w.u64(s.size);
  w.u64(s.mtime_ns);
  w.u64(s.ctime_ns);
  w.u64(s.inode);
}

/// True when `rel` or one of its ancestors inside the root is a symbolic link.
bool linked(const DataDir& dir, const std::string& rel) {
  std::error_code ec;
  for (fs::path p = rel; !p.empty(); p = p.parent_path())
    if (fs::is_symlink(dir.path(p.string()), ec)) return true;
  return false;
}

}  // namespace

bool ParseCache::enabled() {
  const char* off = std::getenv("KAMGR_NO_CACHE");
  return !(off && *off && std::string_view(off) != "0");
}

/// One folder's cache file, read whole; entries point into `buffer`.
struct ParseCache::Folder {
  std::string rel;     ///< `visits/2026/11`
  bool linked = false;
  int fd = -1;         ///< the folder, open for stamping by name; -1 when linked or absent
  std::string buffer;
  std::vector<Entry> entries;  ///< sorted by name

  Folder() = default;
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;
  ~Folder() {
    if (fd >= 0) ::close(fd);
  }

  /// Relative to `.kamgr/`.
  std::string cache_file() const { return "cache/" + rel + ".bin"; }

  void read(const DataDir& dir, const std::string& key) {
    auto text = read_file(dir.path(".kamgr/" + cache_file()));
    if (!text || !text->starts_with(kMagic)) return;
    buffer = std::move(*text);
    ByteReader r(std::string_view(buffer).substr(kMagic.size()));
    if (r.view() != key) return;
    const uint64_t count = r.u64();
    for (uint64_t n = 0; n < count && r.ok(); ++n) {
      Entry e;
      e.name = r.view();
      e.stamp = read_stamp(r);
      e.blob = r.view();
      e.bytes = r.view();
      entries.push_back(e);
    }
    if (!r.ok() || !r.at_end() ||
        !std::is_sorted(entries.begin(), entries.end(),
                        [](const Entry& a, const Entry& b) { return a.name < b.name; }))
      entries.clear();
  }

  const Entry* find(std::string_view name) const {
    const auto it = std::lower_bound(entries.begin(), entries.end(), name,
                                     [](const Entry& e, std::string_view n) { return e.name < n; });
    return it != entries.end() && it->name == name ? &*it : nullptr;
  }

  /// Writes `fresh` (sorted by name) to a temporary file renamed over the cache file.
  void write(const DataDir& dir, const std::string& key, const std::vector<Entry>& fresh) const {
    ByteWriter w;
    w.bytes().append(kMagic);
    w.str(key);
    w.u64(fresh.size());
    for (const Entry& e : fresh) {
      w.str(e.name);
      write_stamp(w, e.stamp);
      w.str(e.blob);
      w.str(e.bytes);
    }
    write_derived_file(dir, cache_file(), w.bytes());
  }
};

/// What happened to one file of the list.
struct ParseCache::Slot {
  Folder* folder = nullptr;
  std::string name;  ///< file name within the folder
  std::optional<FileStamp> stamp;
  const Entry* hit = nullptr;
  std::string blob;  ///< of the content read, when not a hit
  std::optional<std::string> fresh;
};

ParseCache::ParseCache(const DataDir& dir, std::string tag, const std::vector<std::string>& files,
                       bool complete, int64_t racy_window_ns)
    : dir_(dir),
      files_(files),
      key_(fmt::format("{}|{}|{}|{}", kRecordCodecVersion, tag, KAMGR_VERSION, dir.config_digest())),
      complete_(complete),
      scan_start_ns_(now_ns()),
      racy_window_ns_(racy_window_ns),
      slots_(files.size()) {
  if (!enabled()) return;
  std::map<std::string, Folder*> by_rel;
  for (size_t i = 0; i < files.size(); ++i) {
    const size_t slash = files[i].rfind('/');
    const std::string rel = slash == std::string::npos ? "" : files[i].substr(0, slash);
    Folder*& folder = by_rel[rel];
    if (!folder) {
      folders_.push_back(std::make_shared<Folder>());
      folder = folders_.back().get();
      folder->rel = rel;
      folder->linked = rel.empty() || linked(dir, rel);
      if (!folder->linked) {
        folder->read(dir, key_);
        folder->fd = ::open(dir.path(rel).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      }
    }
    slots_[i].folder = folder;
    slots_[i].name = files[i].substr(slash + 1);
  }
}

ParseCache::~ParseCache() = default;

std::string_view ParseCache::lookup(size_t i) {
  Slot& slot = slots_[i];
  if (!slot.folder || slot.folder->fd < 0) return {};  // linked folders are not opened
  slot.stamp = stamp_file_at(slot.folder->fd, slot.name.c_str());
  if (!slot.stamp) return {};
  const Entry* e = slot.folder->find(slot.name);
  if (!e || !(e->stamp == *slot.stamp)) return {};
  slot.hit = e;
  return e->bytes;
}

void ParseCache::note_read(size_t i, std::string blob) { slots_[i].blob = std::move(blob); }

void ParseCache::remember(size_t i, std::string bytes) {
  Slot& slot = slots_[i];
  if (!slot.stamp || slot.hit) return;
  if (racy(*slot.stamp, scan_start_ns_, racy_window_ns_)) return;
  slot.fresh = std::move(bytes);
}

void ParseCache::note_folder_digests() const {
  if (!complete_) return;
  for (const auto& folder : folders_) {
    if (folder->linked) continue;
    ByteWriter w;
    bool all_stamped = true;
    for (const Slot& slot : slots_) {
      if (slot.folder != folder.get()) continue;
      all_stamped = all_stamped && slot.stamp;
      if (!all_stamped) break;
      w.str(slot.name);
      write_stamp(w, *slot.stamp);
    }
    if (all_stamped) dir_.note_folder_digest(folder->rel, sha256_hex(w.bytes()));
  }
}

void ParseCache::note_blobs() const {
  if (!dir_.tracking_content()) return;
  std::map<const Folder*, DataDir::FolderBlobs> hits;
  for (size_t i = 0; i < slots_.size(); ++i) {
    const Slot& slot = slots_[i];
    if (slot.hit)
      hits[slot.folder].by_name.emplace_back(slot.hit->name, slot.hit->blob);
    else
      dir_.note_blob(files_[i], slot.blob);  // empty when unknown: hides a stale entry
  }
  for (const auto& folder : folders_) {
    const auto it = hits.find(folder.get());
    if (it == hits.end()) continue;
    DataDir::FolderBlobs& blobs = it->second;
    if (!std::is_sorted(blobs.by_name.begin(), blobs.by_name.end()))
      std::sort(blobs.by_name.begin(), blobs.by_name.end());
    blobs.owner = folder;
    dir_.note_folder_blobs(folder->rel, std::move(blobs));
  }
}

void ParseCache::save() {
  note_blobs();
  note_folder_digests();
  try {
    for (const auto& folder : folders_) {
      if (folder->linked) continue;
      std::vector<Entry> fresh;
      std::vector<std::string_view> listed;
      bool changed = false;
      for (const Slot& slot : slots_) {
        if (slot.folder != folder.get()) continue;
        listed.push_back(slot.name);
        if (slot.hit) {
          fresh.push_back(*slot.hit);
        } else if (slot.fresh) {
          fresh.push_back({slot.name, *slot.stamp, slot.blob, *slot.fresh});
          changed = true;
        } else if (folder->find(slot.name)) {
          changed = true;  // a stale entry goes
        }
      }
      if (complete_) {
        changed = changed || fresh.size() != folder->entries.size();
      } else {
        std::sort(listed.begin(), listed.end());
        for (const Entry& e : folder->entries)
          if (!std::binary_search(listed.begin(), listed.end(), e.name)) fresh.push_back(e);
      }
      if (!changed) continue;
      std::sort(fresh.begin(), fresh.end(),
                [](const Entry& a, const Entry& b) { return a.name < b.name; });
      folder->write(dir_, key_, fresh);
    }
  } catch (...) {
    // The cache is an optimisation: failing to write it changes nothing.
  }
}

}  // namespace kamgr
