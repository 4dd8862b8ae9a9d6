#pragma once
/// Loading collections of records from a data directory. Each load reads only the
/// folders it needs (visits by month folder, complaints by year folder) and parses
/// files on all cores. Problems go to the Diagnostics; records that failed to load are
/// left out (callers that must not work on bad data call `throw_if_errors`).
#include <string>
#include <vector>

#include "kamgr/core/calendar.h"
#include "kamgr/core/error.h"
#include "kamgr/domain/collections.h"
#include "kamgr/domain/records.h"
#include "kamgr/store/datadir.h"

namespace kamgr {

class Repository {
 public:
  Repository(const DataDir& dir, Diagnostics& diag) : dir_(dir), diag_(diag) {}

  const DataDir& dir() const { return dir_; }
  /// Where problems found while loading go.
  Diagnostics& diagnostics() const { return diag_; }
  Team load_team() const;
  CustomerBook load_customers() const;
  /// Visits dated in [from, to]: reads only the month folders of that range.
  std::vector<Visit> load_visits(Date from, Date to) const;
  /// Every visit file, in every month folder.
  std::vector<Visit> load_all_visits() const;
  /// The working-day calendar for the years on disk. A year asked for without a file
  /// is counted Monday-Friday and warned about once on `warnings`.
  WorkCalendar load_calendar() const;
  /// The year folders under visits/ or complaints/ (`2026`...), as numbers.
  std::vector<int> year_folders(const std::string& folder) const;

  /// Parses `files` in parallel with `load` (text, file, diag) -> optional<T>, in order.
  template <typename T, typename Load>
  std::vector<T> load_files(const std::vector<std::string>& files, Load load) const;

 private:
  const DataDir& dir_;
  Diagnostics& diag_;
};

/// Parses a calendar file (`holidays: [...]`, `workdays: [...]`).
std::optional<CalendarYear> load_calendar_year(const std::string& text, const std::string& file,
                                               Diagnostics& diag);

}  // namespace kamgr

#include "kamgr/core/parallel.h"

namespace kamgr {

template <typename T, typename Load>
std::vector<T> Repository::load_files(const std::vector<std::string>& files, Load load) const {
  std::vector<std::optional<T>> parsed(files.size());
  std::vector<Diagnostics> diags(files.size());
  parallel_for(files.size(), [&](size_t i) {
    if (!dir_.inside(files[i])) {
      diags[i].error(files[i], 0, "the file is a link to outside the data directory; not read");
      return;
    }
    const auto text = read_file(dir_.path(files[i]));
    if (!text) {
      diags[i].error(files[i], 0, "cannot read the file");
      return;
    }
    parsed[i] = load(*text, files[i], diags[i]);
  });
  std::vector<T> out;
  out.reserve(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    diag_.merge(diags[i]);
    if (parsed[i]) out.push_back(std::move(*parsed[i]));
  }
  return out;
}

}  // namespace kamgr
