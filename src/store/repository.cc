#include "kamgr/store/repository.h"

#include <fmt/format.h>

#include <algorithm>

#include "kamgr/core/id.h"
#include "kamgr/store/loaders.h"

namespace kamgr {

namespace {

/// The files of `files` whose record is not among `loaded`, each with its first error.
template <typename T>
std::vector<BrokenRecord> broken_records(const std::vector<std::string>& files,
                                         const std::vector<T>& loaded, const Diagnostics& diag) {
  std::vector<std::string> ids;
  for (const T& record : loaded) ids.push_back(record.id);
  std::sort(ids.begin(), ids.end());
  std::vector<BrokenRecord> broken;
  for (const std::string& file : files) {
    std::string id = file_stem(file);
    if (std::binary_search(ids.begin(), ids.end(), id)) continue;
    for (const Problem& p : diag.problems())
      if (p.severity == Problem::Severity::error && p.file == file) {
        broken.push_back({std::move(id), p});
        break;
      }
  }
  return broken;
}

}  // namespace

Team Repository::load_team() const {
  const std::vector<std::string> files = dir_.list_yaml(kMemberRecord.folder);
  Team team(load_cached<Member>(files, kamgr::load_member));
  team.set_broken(broken_records(files, team.members(), diag_));
  return team;
}

CustomerBook Repository::load_customers() const {
  const Config& config = dir_.config();
  const std::vector<std::string> files = dir_.list_yaml(kCustomerRecord.folder);
  CustomerBook book(load_cached<Customer>(
      files, [&](const std::string& text, const std::string& file, Diagnostics& d) {
        return kamgr::load_customer(text, file, config, d);
      }));
  book.set_broken(broken_records(files, book.all(), diag_));
  return book;
}

namespace {

/// The single file of record `id` in `folder`, or nothing when there is none.
std::vector<std::string> record_file(const Repository& repo, const RecordType& type,
                                     const std::string& id) {
  if (!repo.has_record(type, id)) return {};
  return {file_in(type.folder, id)};
}

template <typename T>
std::optional<T> only(std::vector<T> records) {
  if (records.empty()) return std::nullopt;
  return std::move(records.front());
}

}  // namespace

bool Repository::has_record(const RecordType& type, const std::string& id) const {
  return is_valid_id(id) && dir_.exists(file_in(type.folder, id));
}

std::optional<Member> Repository::load_member(const std::string& id) const {
  return only(load_cached<Member>(record_file(*this, kMemberRecord, id), kamgr::load_member, false));
}

std::optional<Customer> Repository::load_customer(const std::string& id) const {
  return only(load_customers(std::vector<std::string>{id}));
}

std::vector<Customer> Repository::load_customers(const std::vector<std::string>& ids) const {
  std::vector<std::string> files;
  for (const std::string& id : ids) {
    const auto file = record_file(*this, kCustomerRecord, id);
    files.insert(files.end(), file.begin(), file.end());
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  const Config& config = dir_.config();
  return load_cached<Customer>(
      files,
      [&](const std::string& text, const std::string& file, Diagnostics& d) {
        return kamgr::load_customer(text, file, config, d);
      },
      false);
}

std::vector<Visit> Repository::load_visits(Date from, Date to) const {
  std::vector<std::string> files;
  for (Date month = add_months_first(from, 0); month <= to; month = add_months_first(month, 1)) {
    const auto names = dir_.list_yaml(dated_folder(kVisitRecord, month));
    files.insert(files.end(), names.begin(), names.end());
  }
  auto visits = load_visit_files(files, true);
  std::erase_if(visits, [&](const Visit& v) { return v.date < from || v.date > to; });
  return visits;
}

std::vector<Visit> Repository::load_visit_files(const std::vector<std::string>& files,
                                               bool complete) const {
  const Config& config = dir_.config();
  return load_cached<Visit>(
      files,
      [&](const std::string& text, const std::string& file, Diagnostics& d) {
        return load_visit(text, file, config, d);
      },
      complete);
}

std::vector<int> Repository::year_folders(const RecordType& type) const {
  std::vector<int> years;
  for (const std::string& name : dir_.list_dirs(type.folder))
    if (name.size() == 4 && std::all_of(name.begin(), name.end(), ::isdigit))
      years.push_back(std::stoi(name));
  return years;
}

void Repository::for_each_visit_month(const std::function<void(std::vector<Visit>)>& fn) const {
  for (int year : year_folders(kVisitRecord))
    for (int month = 1; month <= 12; ++month) {
      const Date first = *Date::from_ymd(year, month, 1);
      fn(load_visits(first, add_months_first(first, 1) - 1));
    }
}

WorkCalendar Repository::load_calendar() const {
  WorkCalendar calendar;
  for (const std::string& file : dir_.list_yaml(kCalendarRecord.folder)) {
    const std::string stem = file_stem(file);
    const auto text = read_file(dir_.path(file));
    if (stem.size() != 4 || !std::all_of(stem.begin(), stem.end(), ::isdigit)) {
      diag_.warning(file, 0, "calendar files are named after their year (calendar/2026.yaml)");
      continue;
    }
    if (!text) {
      diag_.error(file, 0, "cannot read the file");
      continue;
    }
    if (auto year = load_calendar_year(*text, file, diag_)) calendar.add_year(std::stoi(stem), *year);
  }
  return calendar;
}

WorkCalendar load_checked_calendar(const Repository& repo, Diagnostics& diag) {
  WorkCalendar calendar = repo.load_calendar();
  calendar.on_missing_year([&diag](int year) {
    diag.warning(file_in(kCalendarRecord.folder, std::to_string(year)), 0,
                 fmt::format("no calendar for {}: working days count Monday-Friday", year));
  });
  return calendar;
}

}  // namespace kamgr
