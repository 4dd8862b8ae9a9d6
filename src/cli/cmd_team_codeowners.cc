// kamgr team codeowners [--write]: CODEOWNERS from the team and the customer owners.
#include <fmt/format.h>

#include "common.h"
#include "kamgr/domain/codeowners.h"
#include "kamgr/system/git.h"
#include "kamgr/store/mutation.h"
#include "kamgr/store/repository.h"

namespace kamgr::cli {

namespace {

int run_codeowners(Context& ctx, bool write) {
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const CustomerBook customers = repo.load_customers();
  diag.throw_if_errors();
  const std::string prefix = git_prefix(ctx.data().root());
  const Codeowners co = make_codeowners(team, customers, ctx.today(), prefix);
  for (const std::string& w : co.warnings) ctx.warn(w);
  if (!write) {
    ctx.out << co.text;
    return 0;
  }
  replace_derived_file(ctx.data(), "CODEOWNERS", co.text);
  if (!prefix.empty())
    ctx.warn(
        fmt::format("the data directory is the folder '{}' of its git repository: move "
                    "CODEOWNERS to the repository's top (or .github/) for the host to read it",
                    prefix));
  if (!ctx.options.quiet) ctx.err << "kamgr: wrote CODEOWNERS\n";
  return 0;
}

}  // namespace

void add_team_codeowners(CLI::App& team, Context& ctx, Outcome& outcome) {
  auto write = std::make_shared<bool>(false);
  CLI::App* cmd = add_command(
      team, "codeowners",
      "Print a CODEOWNERS file (GitHub, GitLab) from the team: customers by the owner's "
      "manager and owner, team and config by the directors, reviews by HR",
      "kamgr team codeowners --write && git add CODEOWNERS");
  cmd->add_flag("--write", *write, "write CODEOWNERS at the top of the data directory");
  on_run(cmd, outcome, [&ctx, write] { return run_codeowners(ctx, *write); });
}

}  // namespace kamgr::cli
