// kamgr check: validate every record, report all problems with file and line.
#include <fmt/format.h>

#include "common.h"
#include "kamgr/reports/check.h"

namespace kamgr::cli {

namespace {

Value problem_list(const Diagnostics& diag, Problem::Severity severity) {
  Value list = Value::array();
  for (const Problem& p : diag.problems()) {
    if (p.severity != severity) continue;
    Value row = Value::object();
    row.set("file", p.file);
    row.set("line", p.line > 0 ? Value(p.line) : Value());
    row.set("message", p.message);
    list.push(row);
  }
  return list;
}

struct CheckOptions {
  std::optional<std::string> changed;  ///< --changed[=REF]: "" is the index
};

/// `check --changed`: checks what differs from the index or REF, and warns when a
/// file about to be committed has unstaged edits (the work tree's version is checked).
void check_changed_files(Context& ctx, const Repository& repo, const std::string& ref,
                         Diagnostics& diag) {
  const ChangedFiles changes = changed_files(repo.dir().root(), ref);
  check_changed(repo, changes, ctx.now(), diag);
  if (!ref.empty() || changes.present.size() > 1000) return;
  for (const std::string& path : unstaged_among(repo.dir().root(), changes))
    ctx.warn(fmt::format("{}: has changes that are not staged; the work tree's version was checked",
                         path));
}

/// The CSV view: one row per problem with its severity.
Report problem_rows(const Diagnostics& diag) {
  Report r;
  Value rows = Value::array();
  for (const Problem& p : diag.problems()) {
    Value row = Value::object();
    row.set("severity", p.severity == Problem::Severity::error ? "error" : "warning");
    row.set("file", p.file);
    row.set("line", p.line > 0 ? Value(p.line) : Value());
    row.set("message", p.message);
    rows.push(row);
  }
  r.doc.set("rows", rows);
  r.columns = {{"severity", "SEVERITY"}, {"file", "FILE"}, {"line", "LINE"}, {"message", "MESSAGE"}};
  return r;
}

/// The table format's plain text: `file:line: error: message` lines (warnings left out
/// with --quiet), as compilers print them.
std::string problem_lines(const Diagnostics& diag, bool quiet) {
  std::string text;
  for (const Problem& p : diag.problems()) {
    if (p.severity == Problem::Severity::warning && quiet) continue;
    const std::string where = p.line > 0 ? fmt::format("{}:{}", p.file, p.line) : p.file;
    text += fmt::format("{}: {}: {}\n", where,
                        p.severity == Problem::Severity::error ? "error" : "warning", p.message);
  }
  return text;
}

/// Every view of the problems found: JSON and YAML list the errors and the warnings.
Report check_report(const Diagnostics& diag, bool quiet) {
  Report r;
  r.doc.set("errors", problem_list(diag, Problem::Severity::error));
  r.doc.set("warnings", problem_list(diag, Problem::Severity::warning));
  r.set_table_view(problem_rows(diag));
  r.plain_text = problem_lines(diag, quiet);
  const size_t errors = diag.error_count();
  const size_t warnings = diag.problems().size() - errors;
  if (!quiet || errors)
    r.plain_summary = fmt::format("kamgr: {} error{}, {} warning{}\n", errors,
                                  errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
  return r;
}

int run_check(Context& ctx, const CheckOptions& o) {
  Diagnostics diag;
  const DataDir& dir = ctx.data(/*strict=*/false);
  diag.merge(ctx.diagnostics());
  Repository repo(dir, diag);
  if (o.changed)
    check_changed_files(ctx, repo, *o.changed, diag);
  else
    check_everything(repo, ctx.now(), diag);
  check_next_calendar(repo, ctx.today(), diag);
  diag.sort();
  ctx.emit(check_report(diag, ctx.options.quiet));
  return diag.has_errors() ? static_cast<int>(Exit::found) : 0;
}

}  // namespace

void add_check_command(CLI::App& app, Context& ctx, Outcome& outcome) {
  CLI::App* cmd = add_command(app, "check", "Validate every record; exit 1 when any error",
                              "kamgr check --format json\n  kamgr check --changed          "
                              "# what is staged (a pre-commit hook)\n  kamgr check "
                              "--changed=origin/main  # what this branch changed");
  auto o = std::make_shared<CheckOptions>();
  auto ref = std::make_shared<std::string>();
  CLI::Option* changed =
      cmd->add_option("--changed", *ref,
                      "Check only the files that differ from REF (default: what is staged in "
                      "the index, against HEAD) and the records they refer to")
          ->expected(0, 1)
          ->type_name("[=REF]");
  on_run(cmd, outcome, [&ctx, o, ref, changed] {
    if (changed->count() > 0) o->changed = *ref;
    return run_check(ctx, *o);
  });
}

}  // namespace kamgr::cli
