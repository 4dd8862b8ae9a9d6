#include "common.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "kamgr/system/git_verdict.h"

namespace kamgr::cli {

CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& description,
                      const std::string& example) {
  CLI::App* cmd = parent.add_subcommand(name, description);
  cmd->footer("\nExample:\n  " + example);
  return cmd;
}

void add_period_args(CLI::App* cmd, PeriodArgs& args, bool positional) {
  if (positional)
    cmd->add_option("period", args.period,
                    "month 2026-10, quarter 2026-Q4, year 2026 or ISO week 2026-W47");
  cmd->add_option("--from", args.from, "first day of a custom period (YYYY-MM-DD)");
  cmd->add_option("--to", args.to, "last day of a custom period (YYYY-MM-DD)");
}

Period resolve_period(const PeriodArgs& args, std::optional<Period> fallback) {
  if (!args.from.empty() || !args.to.empty()) {
    if (!args.period.empty())
      throw input_error("give either a PERIOD or --from/--to, not both");
    if (args.from.empty() || args.to.empty())
      throw input_error("--from and --to go together: give both");
    const Date from = parse_date_option(args.from, "--from");
    const Date to = parse_date_option(args.to, "--to");
    if (to < from) throw input_error(fmt::format("--to {} is before --from {}", args.to, args.from));
    return Period::range(from, to);
  }
  if (args.period.empty()) {
    if (fallback) return *fallback;
    throw input_error("a PERIOD is required (such as 2026-10, 2026-Q4, 2026 or 2026-W47)");
  }
  const auto p = Period::parse(args.period);
  if (!p)
    throw input_error(fmt::format(
        "invalid period '{}' (expected 2026-10, 2026-Q4, 2026 or 2026-W47)", args.period));
  return *p;
}

namespace {

/// The formats that show a report's `source`.
bool shows_source(Context& ctx) {
  const Format format = ctx.format();
  return format == Format::json || format == Format::yaml;
}

}  // namespace

void track_source(Context& ctx) {
  if (shows_source(ctx)) ctx.data().track_content();
}

void add_git_source(Context& ctx, Value& doc) {
  const DataDir& dir = ctx.data();
  std::vector<std::string> read(dir.consulted().begin(), dir.consulted().end());
  read.push_back("kamgr.yaml");
  if (const auto git = remembered_git_source(dir, read)) {
    Value source = Value::object();
    source.set("commit", git->commit);
    source.set("dirty", git->dirty);
    doc.set("source", source);
  }
}

void add_git_source_if_structured(Context& ctx, Report& report) {
  if (shows_source(ctx)) add_git_source(ctx, report.doc);
}

void FieldLines::add(const std::string& field, const std::string& value) {
  Value row = Value::object();
  row.set("field", field);
  row.set("value", value);
  rows_.push(row);
}

void FieldLines::add_fields(const Value& doc, const std::vector<std::string>& skip,
                            bool skip_null) {
  for (const auto& [k, v] : doc.fields())
    if (std::find(skip.begin(), skip.end(), k) == skip.end() && !(skip_null && v.is_null()))
      add(k, v.to_cell());
}

Report FieldLines::view() const {
  Report r;
  r.rows_key = "lines";
  r.doc.set("lines", rows_);
  r.columns = {{"field", "FIELD"}, {"value", "VALUE"}};
  return r;
}

WorkCalendar working_calendar(Context& ctx, const Repository& repo, Diagnostics& diag) {
  WorkCalendar calendar = repo.load_calendar();
  diag.throw_if_errors();
  calendar.on_missing_year([&ctx](int year) {
    ctx.warn(
        fmt::format("no calendar/{}.yaml: working days in {} count Monday-Friday without "
                    "holidays",
                    year, year));
  });
  return calendar;
}

Value period_value(const Period& p) {
  Value v = Value::object();
  v.set("from", Value::plain(p.from.str()));
  v.set("to", Value::plain(p.to.str()));
  return v;
}

namespace {

/// An imported file is a team's figures or a year's holidays: kilobytes. Anything above
/// this is refused before it is parsed, so a wrong file (or an endless pipe) costs
/// bounded time.
constexpr size_t kMaxInputBytes = 10 * 1024 * 1024;

/// Reads at most kMaxInputBytes from `in`; Error (exit 2) naming `name` when there is more.
std::string read_bounded(std::istream& in, const std::string& name) {
  std::string text;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxInputBytes)
      throw input_error(fmt::format("the file is too large (more than {} MB): is it the right "
                                    "file?",
                                    kMaxInputBytes / (1024 * 1024)),
                        name);
  }
  if (in.bad()) throw input_error("cannot read the file", name);
  return text;
}

}  // namespace

std::string read_input(const std::string& file, const std::string& kind) {
  if (file == "-") return read_bounded(std::cin, "<stdin>");
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) throw input_error("this is a folder, not a " + kind, file);
  std::ifstream in(file, std::ios::binary);
  if (!in) throw input_error("cannot read the file (does it exist?)", file);
  return read_bounded(in, file);
}

}  // namespace kamgr::cli
