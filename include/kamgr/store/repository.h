#pragma once
/// Loading collections of records from a data directory. Each load reads only the
/// folders it needs (visits by month folder, complaints by year folder) and parses
/// files on all cores. Problems go to the Diagnostics; records that failed to load are
/// left out (callers that must not work on bad data call `throw_if_errors`).
#include <functional>
#include <string>
#include <vector>

#include "kamgr/core/calendar.h"
#include "kamgr/core/error.h"
#include "kamgr/domain/collections.h"
#include "kamgr/domain/record_types.h"
#include "kamgr/domain/records.h"
#include "kamgr/store/datadir.h"

namespace kamgr {

/// See Repository::load_cached.
inline constexpr size_t kFewFiles = 8;

class Repository {
 public:
  Repository(const DataDir& dir, Diagnostics& diag) : dir_(dir), diag_(diag) {}

  const DataDir& dir() const { return dir_; }
  /// Where problems found while loading go.
  Diagnostics& diagnostics() const { return diag_; }
  Team load_team() const;
  CustomerBook load_customers() const;
  /// One member's or one customer's file alone (`team/<id>.yaml`, `customers/<id>.yaml`):
  /// std::nullopt when `id` is not a valid ID or there is no such file; load problems
  /// go to the Diagnostics. What quick commands use instead of loading every file.
  std::optional<Member> load_member(const std::string& id) const;
  std::optional<Customer> load_customer(const std::string& id) const;
  /// True when `id` is a valid ID with a file `<folder>/<id>.yaml` of a flat `type`.
  bool has_record(const RecordType& type, const std::string& id) const;
  /// The customers `ids` that have a file, each from its own file, in one pass (sorted
  /// by ID); invalid IDs and missing files are skipped.
  std::vector<Customer> load_customers(const std::vector<std::string>& ids) const;
  /// Visits dated in [from, to]: reads only the month folders of that range.
  std::vector<Visit> load_visits(Date from, Date to) const;
  /// The visit files `files` (some files of their month folders), e.g. changed ones.
  /// `complete`: the files are whole month folders (see load_cached).
  std::vector<Visit> load_visit_files(const std::vector<std::string>& files,
                                      bool complete = false) const;
  /// Calls `fn(visits)` with the visits of each month folder in turn, oldest first.
  void for_each_visit_month(const std::function<void(std::vector<Visit>)>& fn) const;
  /// The working-day calendar for the years on disk. A year asked for without a file
  /// is counted Monday-Friday and warned about once on `warnings`.
  WorkCalendar load_calendar() const;
  /// The year folders of a dated type (visits/, complaints/: `2026`...), as numbers.
  std::vector<int> year_folders(const RecordType& type) const;

  /// Parses `files` in parallel with `load` (text, file, diag) -> optional<T>, in order.
  template <typename T, typename Load>
  std::vector<T> load_files(const std::vector<std::string>& files, Load load) const;
  /// Like load_files, through the parse cache (store/parse_cache.h) for the record
  /// types it holds: a file whose stamp matches its cache entry is decoded instead of
  /// parsed. `complete`: `files` lists whole folders. Same result as load_files.
  /// A few files that are not whole folders (at most kFewFiles: `visit add`'s customer
  /// and rep) are parsed directly: a folder's cache file holds the whole folder (12 MB
  /// for 20,000 customers), which costs more to read than they cost to parse.
  template <typename T, typename Load>
  std::vector<T> load_cached(const std::vector<std::string>& files, Load load,
                             bool complete = true) const;

 private:
  const DataDir& dir_;
  Diagnostics& diag_;
};

/// Parses a calendar file (`holidays: [...]`, `workdays: [...]`).
/// The calendar, warning on `diag` (on `calendar/<YYYY>.yaml`) about each year asked for
/// that has no file: working days then count Monday-Friday.
WorkCalendar load_checked_calendar(const Repository& repo, Diagnostics& diag);

std::optional<CalendarYear> load_calendar_year(const std::string& text, const std::string& file,
                                               Diagnostics& diag);

}  // namespace kamgr

#include "kamgr/core/digest.h"
#include "kamgr/core/parallel.h"
#include "kamgr/store/parse_cache.h"
#include "kamgr/store/record_codec.h"

namespace kamgr {

namespace detail {

/// Reads and parses one file of a load (symbolic links out of the root refused). Sets
/// `blob`, when given, to the content's git blob ID if the file parsed without a
/// problem (only such a record is cached with it; hashing a refused file, up to the
/// 50 MB the hostile tests throw at it, would be wasted time).
template <typename T, typename Load>
std::optional<T> read_and_parse(const DataDir& dir, const std::string& file, Load& load,
                                Diagnostics& diag, std::string* blob = nullptr) {
  if (!dir.inside(file)) {
    diag.error(file, 0, "the file is a link to outside the data directory; not read");
    return std::nullopt;
  }
  const auto text = read_file(dir.path(file));
  if (!text) {
    diag.error(file, 0, "cannot read the file");
    return std::nullopt;
  }
  std::optional<T> parsed = load(*text, file, diag);
  if (blob && parsed && diag.problems().empty()) *blob = git_blob_id(*text);
  return parsed;
}

/// Moves the parsed records out in file order and merges their problems into `diag`.
template <typename T>
std::vector<T> collect(std::vector<std::optional<T>>& parsed, std::vector<Diagnostics>& diags,
                       Diagnostics& diag) {
  std::vector<T> out;
  out.reserve(parsed.size());
  for (size_t i = 0; i < parsed.size(); ++i) {
    diag.merge(diags[i]);
    if (parsed[i]) out.push_back(std::move(*parsed[i]));
  }
  return out;
}

/// Shows the load of `files` on the data directory's progress line, if any.
inline Progress* begin_progress(const DataDir& dir, const std::vector<std::string>& files) {
  Progress* progress = dir.progress();
  if (progress && !files.empty())
    progress->begin(files.front().substr(0, files.front().rfind('/')), files.size());
  return progress;
}

}  // namespace detail

template <typename T, typename Load>
std::vector<T> Repository::load_files(const std::vector<std::string>& files, Load load) const {
  std::vector<std::optional<T>> parsed(files.size());
  std::vector<Diagnostics> diags(files.size());
  Progress* progress = detail::begin_progress(dir_, files);
  parallel_for(files.size(), [&](size_t i) {
    parsed[i] = detail::read_and_parse<T>(dir_, files[i], load, diags[i]);
    if (progress) progress->tick();
  });
  return detail::collect(parsed, diags, diag_);
}

template <typename T, typename Load>
std::vector<T> Repository::load_cached(const std::vector<std::string>& files, Load load,
                                       bool complete) const {
  if (!complete && files.size() <= kFewFiles) return load_files<T>(files, load);
  ParseCache cache(dir_, record_cache_tag<T>(), files, complete);
  std::vector<std::optional<T>> parsed(files.size());
  std::vector<Diagnostics> diags(files.size());
  Progress* progress = detail::begin_progress(dir_, files);
  parallel_for(files.size(), [&](size_t i) {
    if (progress) progress->tick();
    if (const std::string_view bytes = cache.lookup(i); !bytes.empty()) {
      T record;
      if (decode_record(bytes, files[i], record)) {
        parsed[i] = std::move(record);
        return;
      }
    }
    std::string blob;
    parsed[i] = detail::read_and_parse<T>(dir_, files[i], load, diags[i], &blob);
    cache.note_read(i, std::move(blob));
    if (parsed[i] && diags[i].problems().empty()) cache.remember(i, encode_record(*parsed[i]));
  });
  cache.save();
  return detail::collect(parsed, diags, diag_);
}

}  // namespace kamgr
