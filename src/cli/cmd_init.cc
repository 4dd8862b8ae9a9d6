// kamgr init: create a data directory.
#include <fmt/format.h>

#include "common.h"
#include "kamgr/domain/china_calendar.h"
#include "kamgr/store/git.h"
#include "kamgr/store/writer.h"

namespace kamgr::cli {

namespace {

struct InitOptions {
  std::string dir = ".";
  std::string org;
  std::string timezone = "+08:00";
};

const char* const kFolders[] = {"team",       "customers", "visits", "plans",
                                "complaints", "kpi",       "reviews", "calendar"};

int run_init(Context& ctx, const InitOptions& o) {
  if (!TzOffset::parse(o.timezone))
    throw input_error(fmt::format("invalid value for --timezone: '{}' (expected an offset such as "
                                  "+08:00)",
                                  o.timezone));
  const fs::path root = fs::absolute(o.dir);
  if (fs::exists(root / "kamgr.yaml"))
    throw input_error("a data directory already exists here", (root / "kamgr.yaml").string());
  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) throw Error(Exit::failure, "cannot create the folder: " + ec.message(), root.string());
  for (const char* folder : kFolders) {
    fs::create_directories(root / folder, ec);
    if (ec) throw Error(Exit::failure, "cannot create the folder: " + ec.message(), folder);
  }
  for (const ShippedCalendar& c : shipped_calendars()) {
    const fs::path file = root / "calendar" / fmt::format("{}.yaml", c.year);
    if (!fs::exists(file)) atomic_write(file, c.text, true);
  }
  const fs::path ignore = root / ".gitignore";
  if (!fs::exists(ignore)) atomic_write(ignore, ".kamgr/\n", true);
  if (!inside_git_work_tree(root)) {
    int status = 0;
    run_program({"git", "init", "-q"}, root, status);
    if (status != 0) ctx.warn("could not run 'git init'; the data directory is not under git");
  }
  // kamgr.yaml last: its presence marks a complete data directory.
  atomic_write(root / "kamgr.yaml", default_config_text(o.org, o.timezone), true);
  if (!ctx.options.quiet)
    ctx.err << fmt::format("kamgr: created a data directory in {}\n", root.string());
  return 0;
}

}  // namespace

void add_init_command(CLI::App& app, Context& ctx, Outcome& outcome) {
  auto o = std::make_shared<InitOptions>();
  CLI::App* cmd = add_command(app, "init", "Create a data directory (config, folders, calendars, git)",
                              "kamgr init sales-data --org 华东大客户部");
  cmd->add_option("dir", o->dir, "folder to create (default: the current folder)");
  cmd->add_option("--org", o->org, "organisation name");
  cmd->add_option("--timezone", o->timezone, "fixed UTC offset of the team (default +08:00)");
  on_run(cmd, outcome, [&ctx, o] { return run_init(ctx, *o); });
}

}  // namespace kamgr::cli
