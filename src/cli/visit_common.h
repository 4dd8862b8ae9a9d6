#pragma once
/// Internal to the visit commands (compliance, due, plans, customer show, corrections):
/// loading the visits as they stood at "now", one visit by its ID, the working-day
/// calendar, and member look-ups.
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

/// One visit's file as it is on disk.
struct VisitFile {
  std::string rel;   ///< where it is
  std::string text;  ///< its bytes
  Visit visit;
};

/// The visit `id` (docs/visits.md "Correcting a visit"), read from its file. Error
/// (exit 2, one line) when `id` is not a visit ID, has no file (with "did you mean"),
/// has two, or when the file does not load (its first error with file and line). With
/// `anywhere`, a file in the wrong month folder loads too (an edit can move it back).
VisitFile find_visit(Context& ctx, const std::string& id, bool anywhere = false);

/// The document of a visit: every field in the order of docs/formats.md "Visits",
/// absent ones null (`visit list`, `visit show`).
Value visit_value(const Visit& v, TzOffset zone);

/// A next step of visit_value as `visit add --next` takes it: ACTION, or ACTION@DATE.
std::string next_step_text(const Value& step);

/// A `{from, to}` object.
Value window_value(const Window& w);

}  // namespace kamgr::cli
