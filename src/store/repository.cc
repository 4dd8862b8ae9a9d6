#include "kamgr/store/repository.h"

#include <fmt/format.h>

#include <algorithm>

#include "kamgr/store/loaders.h"

namespace kamgr {

Team Repository::load_team() const {
  return Team(load_files<Member>(dir_.list_yaml("team"), load_member));
}

CustomerBook Repository::load_customers() const {
  const Config& config = dir_.config();
  return CustomerBook(load_files<Customer>(
      dir_.list_yaml("customers"), [&](const std::string& text, const std::string& file,
                                       Diagnostics& d) { return load_customer(text, file, config, d); }));
}

std::vector<Visit> Repository::load_visits(Date from, Date to) const {
  std::vector<std::string> files;
  for (Date month = add_months_first(from, 0); month <= to; month = add_months_first(month, 1)) {
    const auto names =
        dir_.list_yaml(fmt::format("visits/{:04}/{:02}", month.year(), month.month()));
    files.insert(files.end(), names.begin(), names.end());
  }
  const Config& config = dir_.config();
  auto visits = load_files<Visit>(files, [&](const std::string& text, const std::string& file,
                                             Diagnostics& d) { return load_visit(text, file, config, d); });
  std::erase_if(visits, [&](const Visit& v) { return v.date < from || v.date > to; });
  return visits;
}

std::vector<int> Repository::year_folders(const std::string& folder) const {
  std::vector<int> years;
  for (const std::string& name : dir_.list_dirs(folder))
    if (name.size() == 4 && std::all_of(name.begin(), name.end(), ::isdigit))
      years.push_back(std::stoi(name));
  return years;
}

std::vector<Visit> Repository::load_all_visits() const {
  const auto years = year_folders("visits");
  if (years.empty()) return {};
  return load_visits(*Date::from_ymd(years.front(), 1, 1), *Date::from_ymd(years.back(), 12, 31));
}

WorkCalendar Repository::load_calendar() const {
  WorkCalendar calendar;
  for (const std::string& file : dir_.list_yaml("calendar")) {
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

}  // namespace kamgr
