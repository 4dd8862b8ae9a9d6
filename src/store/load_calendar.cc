#include <fmt/format.h>

#include "kamgr/store/loaders.h"
#include "kamgr/store/repository.h"
#include "yaml_fields.h"

namespace kamgr {

std::optional<CalendarYear> load_calendar_year(const std::string& text, const std::string& file,
                                               Diagnostics& diag) {
  const auto root = store::parse_document(text, file, diag);
  if (!root) return std::nullopt;
  const size_t errors_before = diag.error_count();
  store::Fields f(*root, file, diag);
  const std::string stem = file_stem(file);
  const int year = std::atoi(stem.c_str());
  CalendarYear cal;
  for (const char* key : {"holidays", "workdays"}) {
    const auto seq = f.sequence(key, false);
    if (!seq) continue;
    auto& target = std::string(key) == "holidays" ? cal.holidays : cal.workdays;
    for (const YAML::Node& item : *seq) {
      const int line = store::line_of(item);
      const auto d = item.IsScalar() ? Date::parse(item.Scalar()) : std::nullopt;
      if (!d) {
        diag.error(file, line, fmt::format("{}: '{}' is not a date (YYYY-MM-DD)", key,
                                           item.IsScalar() ? item.Scalar() : "?"));
        continue;
      }
      if (year > 0 && d->year() != year)
        diag.error(file, line, fmt::format("{}: {} is not in {}", key, d->str(), year));
      if (std::string(key) == "workdays") {
        if (cal.holidays.count(*d))
          diag.error(file, line, fmt::format("{} is listed both as a holiday and as a working day",
                                             d->str()));
        if (d->weekday() <= 5)
          diag.warning(file, line, fmt::format("make-up working day {} is a weekday already",
                                               d->str()));
      }
      target.insert(*d);
    }
  }
  if (diag.error_count() != errors_before) return std::nullopt;
  return cal;
}

}  // namespace kamgr
