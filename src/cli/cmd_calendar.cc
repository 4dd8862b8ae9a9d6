// kamgr calendar import FILE: next year's calendar/<YYYY>.yaml from a published holiday
// file (docs/formats.md "Importing a calendar").
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "common.h"
#include "kamgr/domain/china_calendar.h"
#include "kamgr/domain/holiday_import.h"
#include "kamgr/domain/record_types.h"
#include "kamgr/store/mutation.h"
#include "kamgr/store/repository.h"

namespace kamgr::cli {

namespace {

struct ImportOptions {
  std::string file, year;
  bool dry_run = false;
};

std::optional<int> year_option(const std::string& text) {
  if (text.empty()) return std::nullopt;
  const std::optional<Date> jan1 =
      text.size() == 4 ? Date::parse(text + "-01-01") : std::optional<Date>();
  if (!jan1) throw input_error(fmt::format("--year: '{}' is not a year (2027)", printable(text)));
  return jan1->year();
}

/// The file's comments: what it is, where it came from, and each holiday's days.
std::vector<std::string> header(const HolidayArrangement& a, int year, const std::string& name) {
  const std::string source =
      name == "<stdin>" ? name : std::filesystem::path(name).filename().string();
  std::vector<std::string> lines = {
      fmt::format("Public holidays (days off) and make-up working days of {} in China.", year),
      fmt::format("Source: {} ({}), imported with kamgr calendar import.", printable(source),
                  holiday_format_name(a.format))};
  for (const std::string& line : holiday_summary(a, year)) lines.push_back(line);
  return lines;
}

/// What the user should know about the days not imported.
void warn_left_out(Context& ctx, const HolidayArrangement& a, int year, const std::string& name) {
  const auto other = std::count_if(a.days.begin(), a.days.end(),
                                   [year](const ArrangedDay& d) { return d.date.year() != year; });
  if (other > 0) ctx.warn(fmt::format("{}: {} days of other years left out", name, other));
  if (a.ignored_events > 0)
    ctx.warn(fmt::format("{}: {} events that are neither a day off nor a make-up working day left out",
                         name, a.ignored_events));
  for (const ArrangedDay& d : a.in_lieu_not_off)
    if (d.date.year() == year)
      ctx.warn(fmt::format("{}:{}: inLieuDays: {} is not in holidays: not taken as a day off", name,
                           d.line, d.date.str()));
}

void validate_calendar(const std::string& text, const std::string& file, Diagnostics& diag) {
  load_calendar_year(text, file, diag);
}

int run_import(Context& ctx, const ImportOptions& o) {
  const DataDir& dir = ctx.data();
  const std::string name = o.file == "-" ? "<stdin>" : o.file;
  const std::optional<int> requested = year_option(o.year);
  const HolidayArrangement a = parse_holiday_arrangement(read_input(o.file, "calendar file"), name);
  const int year = import_year(a, requested, name);
  const CalendarYear days = arranged_year(a, year, name);
  const std::string rel = file_in(kCalendarRecord.folder, std::to_string(year));
  const std::string text = calendar_file_text(header(a, year, name), days);
  Diagnostics diag;
  validate_calendar(text, rel, diag);
  diag.throw_if_errors();
  const bool exists = dir.exists(rel);
  if (exists && !o.dry_run)
    throw input_error("the file exists and kamgr never rewrites one (docs/formats.md \"Importing "
                      "a calendar\"): compare it with --dry-run and, to replace it, remove it "
                      "first (git rm)",
                      rel);
  warn_left_out(ctx, a, year, name);
  ctx.print_warnings(diag);
  const std::string counts = fmt::format("{} days off, {} make-up working days", days.holidays.size(),
                                         days.workdays.size());
  if (o.dry_run) {
    ctx.out << text;
    if (exists) ctx.warn(fmt::format("{} exists: the import would refuse to replace it", rel));
    if (!ctx.options.quiet)
      ctx.err << fmt::format("kamgr: --dry-run: would write {} ({}); nothing written\n", rel, counts);
    return 0;
  }
  create_file(dir, rel, text, validate_calendar);
  ctx.out << rel << "\n";
  if (!ctx.options.quiet)
    ctx.err << fmt::format("kamgr: wrote {} ({}): run kamgr check, then commit it\n", rel, counts);
  return 0;
}

}  // namespace

void add_calendar_commands(CLI::App& app, Context& ctx, Outcome& outcome) {
  CLI::App* calendar =
      app.add_subcommand("calendar", "The working-day calendars (public holidays, make-up days)");
  calendar->require_subcommand(1);
  calendar->footer("\nExample:\n  kamgr calendar import holidays-2027.ics");

  auto o = std::make_shared<ImportOptions>();
  CLI::App* cmd = add_command(
      *calendar, "import",
      "Write calendar/<YYYY>.yaml from a published holiday file: iCalendar (.ics), "
      "holiday-cn or chinese-days JSON, told apart by content",
      "kamgr calendar import 2027.json --dry-run   # see the file it would write\n"
      "  kamgr calendar import holidays.ics --year 2027 --commit");
  cmd->add_option("file", o->file, "the holiday file (- for standard input)")->required();
  cmd->add_option("--year", o->year,
                  "the year to import (required when the file covers several years)");
  cmd->add_flag("--dry-run", o->dry_run, "print the file it would write, and write nothing");
  on_run(cmd, outcome, [&ctx, o] { return run_import(ctx, *o); });
}

}  // namespace kamgr::cli
