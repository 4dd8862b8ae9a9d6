#pragma once
/// Internal to the command line: helpers every command file uses. CLI11 stays in src/cli.
#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kamgr/cli/context.h"
#include "kamgr/core/period.h"
#include "kamgr/store/repository.h"

namespace kamgr::cli {

/// The exit code the chosen command returned.
struct Outcome {
  int code = 0;
};

/// One command that appends one event type to a record's log (`complaint answer`,
/// `opportunity qualify`...): its name, the event type, its help and its example.
struct StepCommand {
  const char* command;
  const char* type;
  const char* description;
  const char* example;
};

/// Adds a subcommand with its description and a worked example shown by --help.
CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& description,
                      const std::string& example);

/// Sets the subcommand's callback: runs `fn()` (returning an exit code) into `outcome`.
template <typename Fn>
void on_run(CLI::App* cmd, Outcome& outcome, Fn fn) {
  cmd->callback([&outcome, fn] { outcome.code = fn(); });
}

/// A period argument: positional PERIOD or --from/--to.
struct PeriodArgs {
  std::string period;
  std::string from, to;
};
/// Registers PERIOD (positional, optional) and --from/--to on `cmd`.
void add_period_args(CLI::App* cmd, PeriodArgs& args, bool positional = true);
/// Resolves the typed period; `fallback` when none was given (nullopt: required).
Period resolve_period(const PeriodArgs& args, std::optional<Period> fallback);

/// `{"from","to"}` of a period, as every report's JSON carries it.
Value period_value(const Period& p);

/// The working-day calendar; each needed year without a file is warned about once.
/// Errors in calendar files stop the command (exit 2).
WorkCalendar working_calendar(Context& ctx, const Repository& repo, Diagnostics& diag);

/// The text of an input file named on the command line (`-`: standard input), at most
/// 10 MB; Error (exit 2) when it is a folder ("not a `kind`"), unreadable or larger.
std::string read_input(const std::string& file, const std::string& kind);

/// Reports run inside a git work tree carry `"source": {"commit", "dirty"}` (docs/guide.md
/// "The ops monthly run"):
/// `track_source(ctx)` before the report loads records (so the blob IDs of the files it
/// reads are kept), then `add_git_source(ctx, doc)` once it has read them.
void track_source(Context& ctx);
/// Sets `"source"` in `doc` when the data directory is in a git work tree.
void add_git_source(Context& ctx, Value& doc);
/// add_git_source for a report printed as JSON or YAML (the formats that show it).
void add_git_source_if_structured(Context& ctx, Report& report);

/// The command table entries: each adds its subcommands to `app`.
void add_init_command(CLI::App& app, Context& ctx, Outcome& outcome);
void add_team_commands(CLI::App& app, Context& ctx, Outcome& outcome);
void add_customer_commands(CLI::App& app, Context& ctx, Outcome& outcome);
void add_visit_commands(CLI::App& app, Context& ctx, Outcome& outcome);
void add_complaint_commands(CLI::App& app, Context& ctx, Outcome& outcome);
void add_opportunity_commands(CLI::App& app, Context& ctx, Outcome& outcome);
void add_order_commands(CLI::App& app, Context& ctx, Outcome& outcome);
void add_kpi_commands(CLI::App& app, Context& ctx, Outcome& outcome);
void add_review_commands(CLI::App& app, Context& ctx, Outcome& outcome);
void add_calendar_commands(CLI::App& app, Context& ctx, Outcome& outcome);
void add_check_command(CLI::App& app, Context& ctx, Outcome& outcome);
void add_completion_command(CLI::App& app, Context& ctx, Outcome& outcome);
void add_schema_command(CLI::App& app, Context& ctx, Outcome& outcome);
void add_import_commands(CLI::App& app, Context& ctx, Outcome& outcome);

/// FIELD/VALUE lines: the table view of a report whose document is one record (a
/// `Report` carries every view; Context::emit picks, docs/design.md "Layers").
class FieldLines {
 public:
  /// One line.
  void add(const std::string& field, const std::string& value);
  /// A line per field of `doc` with its cell text, except the fields named in `skip`
  /// and, with `skip_null`, the null ones.
  void add_fields(const Value& doc, const std::vector<std::string>& skip = {},
                  bool skip_null = false);
  /// The lines as a table view: FIELD and VALUE columns.
  Report view() const;

 private:
  Value rows_ = Value::array();
};

}  // namespace kamgr::cli
