#pragma once
/// China's official calendars that `kamgr init` writes (State Council notices:
/// 国办发明电〔2024〕12号 for 2025, the notice of 2025-11-04 for 2026).
#include <string>
#include <vector>

#include "kamgr/core/calendar.h"

namespace kamgr {

struct ShippedCalendar {
  int year;
  std::string text;  ///< the calendar/<year>.yaml content
};

/// The text of `calendar/<year>.yaml` as kamgr writes it (docs/formats.md): the comment
/// `lines` (each after `# `), then `holidays:` and `workdays:` as one-line lists of dates.
std::string calendar_file_text(const std::vector<std::string>& comments, const CalendarYear& days);

/// The calendars shipped with kamgr, oldest first.
const std::vector<ShippedCalendar>& shipped_calendars();

}  // namespace kamgr
