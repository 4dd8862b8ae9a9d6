#pragma once
/// Internal to the visit commands (compliance, due, plans, customer show): loading the
/// visits as they stood at "now", the working-day calendar, and member look-ups.
#include <string>
#include <vector>

#include "common.h"
#include "kamgr/domain/compliance.h"
#include "kamgr/store/repository.h"

namespace kamgr::cli {

/// Visits dated in [from, to] that were recorded at or before `now` (docs/guide.md
/// "Periods, formats, time": reports show the data as it stood at now).
/// Throws the first load error (exit 2).
std::vector<Visit> recorded_visits(const Repository& repo, Date from, Date to, Instant now);

/// The working-day calendar; a year without a calendar file is warned about once.
WorkCalendar working_calendar(Context& ctx, const Repository& repo);

/// Throws (exit 2, "did you mean") when `id` is not a member.
void require_member(const Team& team, const std::string& option, const std::string& id);

/// A `{from, to}` object.
Value window_value(const Window& w);

}  // namespace kamgr::cli
