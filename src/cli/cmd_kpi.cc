// kamgr kpi target|actual set|import (run, explain and target check: cmd_kpi_run.cc)
#include <fmt/format.h>

#include "kpi_common.h"
#include "kamgr/core/csv.h"
#include "kamgr/store/kpi_files.h"
#include "kamgr/store/repository.h"

#include "kamgr/core/plural.h"

namespace kamgr::cli {

namespace {

struct SetOptions {
  std::string period, member;
  std::vector<std::string> assignments;
};

struct ImportOptions {
  std::string period, file;
};

void warn_inactive(Context& ctx, const Team& team, const std::vector<KpiDraft>& drafts) {
  for (const KpiDraft& d : drafts)
    if (const Member* m = team.find(d.member); m && !m->active)
      ctx.warn(fmt::format("member '{}' is not active", d.member));
}

/// Appends what `drafts` change in the period's file (nothing when every value is the
/// one in force) and says how many values were new, changed and unchanged.
void append_changes(Context& ctx, const Repository& repo, const std::string& period,
                    KpiKind kind, const std::vector<KpiDraft>& drafts, const Team& team) {
  const KpiDelta delta = kpi_delta(load_kpi_file_values(repo, period, kind, team), drafts);
  const std::string counts = fmt::format("{} new, {} changed, {} unchanged", delta.added,
                                         delta.changed, delta.unchanged);
  if (delta.to_append.empty()) {
    if (!ctx.options.quiet)
      ctx.out << fmt::format("nothing appended to {}: every value is the one in force ({})\n",
                             kpi_file_path(period, kind), counts);
    return;
  }
  const std::string rel = append_kpi_entries(ctx.data(), period, kind, delta.to_append, team);
  if (ctx.options.quiet) return;
  size_t values = 0;
  for (const KpiDraft& d : delta.to_append) values += d.values.size();
  ctx.out << fmt::format("{} for {} appended to {} ({})\n", plural(static_cast<long long>(values), "value"),
                         plural(static_cast<long long>(delta.to_append.size()), "member"), rel, counts);
}

int run_set(Context& ctx, KpiKind kind, const SetOptions& o) {
  const std::string period = kpi_period(o.period).name();
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const KpiDraft draft =
      kpi_draft_from_assignments(o.member, o.assignments, kind, ctx.config(), team);
  warn_inactive(ctx, team, {draft});
  append_changes(ctx, repo, period, kind, {draft}, team);
  return 0;
}

/// Prints at most this many of an import's errors (a wrong file can have millions).
constexpr size_t kMaxErrorsShown = 20;

int run_import(Context& ctx, KpiKind kind, const ImportOptions& o) {
  const std::string period = kpi_period(o.period).name();
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const std::string name = o.file == "-" ? "<stdin>" : o.file;
  const auto rows = parse_csv(read_input(o.file, "CSV file"), name);
  Diagnostics problems;
  const auto drafts = kpi_drafts_from_csv(rows, name, kind, ctx.config(), team, problems);
  if (problems.has_errors()) {
    size_t shown = 0;
    for (const Problem& p : problems.problems())
      if (shown++ < kMaxErrorsShown)
        ctx.err << "kamgr: error: " << Error(Exit::bad_input, p.message, p.file, p.line).describe()
                << "\n";
    if (problems.problems().size() > kMaxErrorsShown)
      ctx.err << fmt::format("kamgr: ... and {} more\n",
                             problems.problems().size() - kMaxErrorsShown);
    ctx.err << fmt::format("kamgr: nothing imported: fix the {} row{} above and run again\n",
                           problems.error_count(), problems.error_count() == 1 ? "" : "s");
    return static_cast<int>(Exit::bad_input);
  }
  warn_inactive(ctx, team, drafts);
  append_changes(ctx, repo, period, kind, drafts, team);
  return 0;
}

void add_kind_commands(CLI::App& kpi, KpiKind kind, Context& ctx, Outcome& outcome) {
  const bool targets = kind == KpiKind::targets;
  CLI::App* group = kpi.add_subcommand(
      targets ? "target" : "actual",
      targets ? "Targets per member: set, import, check the cascade"
              : "Imported actuals per member (sales, profit, collection_rate...): set, import");
  group->require_subcommand(1);
  const std::string word = targets ? "target" : "actual";

  auto set = std::make_shared<SetOptions>();
  CLI::App* cmd = add_command(
      *group, "set",
      fmt::format("Append {} for one member (the latest entry wins)", word + "s"),
      targets ? "kamgr kpi target set 2026-11 --member zhang-wei sales=1600000 new_customers=2"
              : "kamgr kpi actual set 2026-11 --member zhang-wei sales=1712300 collection_rate=94.5");
  cmd->add_option("period", set->period, "month 2026-11, quarter 2026-Q4 or year 2026")->required();
  cmd->add_option("--member", set->member, "the member")->required();
  cmd->add_option("values", set->assignments, "METRIC=VALUE, one or more")->required();
  on_run(cmd, outcome, [&ctx, kind, set] { return run_set(ctx, kind, *set); });

  auto imp = std::make_shared<ImportOptions>();
  CLI::App* im = add_command(
      *group, "import",
      fmt::format("Append {}s from a CSV file: member,metric,value rows or member,METRIC... "
                  "columns (all or nothing)",
                  word),
      fmt::format("kamgr kpi {} import 2026-11 finance-2026-11.csv", word));
  im->add_option("period", imp->period, "month 2026-11, quarter 2026-Q4 or year 2026")->required();
  im->add_option("file", imp->file, "the CSV file (UTF-8, with or without BOM; - for stdin)")
      ->required();
  on_run(im, outcome, [&ctx, kind, imp] { return run_import(ctx, kind, *imp); });
}

}  // namespace

/// kpi run | explain | target check (cmd_kpi_run.cc).
void add_kpi_report_commands(CLI::App& kpi, CLI::App& target, Context& ctx, Outcome& outcome);

void add_kpi_commands(CLI::App& app, Context& ctx, Outcome& outcome) {
  CLI::App* kpi = app.add_subcommand("kpi", "KPIs: targets, actuals, scores and explanations");
  kpi->require_subcommand(1);
  kpi->footer("\nExample:\n  kamgr kpi run 2026-10 --format json");
  add_kind_commands(*kpi, KpiKind::targets, ctx, outcome);
  add_kind_commands(*kpi, KpiKind::actuals, ctx, outcome);
  add_kpi_report_commands(*kpi, *kpi->get_subcommand("target"), ctx, outcome);
}

}  // namespace kamgr::cli
