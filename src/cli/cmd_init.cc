// kamgr init: create a data directory.
#include <fmt/format.h>

#include "common.h"
#include "kamgr/domain/china_calendar.h"
#include "kamgr/domain/record_types.h"
#include "kamgr/domain/schemas.h"
#include "kamgr/system/git.h"
#include "kamgr/system/hooks.h"
#include "kamgr/store/writer.h"

namespace kamgr::cli {

namespace {

struct InitOptions {
  std::string dir = ".";
  std::string org;
  std::string timezone = "+08:00";
  bool hooks = false;
  bool force = false;
};


/// The path of the running kamgr, for the hook to fall back on.
std::string own_path() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("kamgr") : self.string();
}

void install_hook(Context& ctx, const fs::path& root, bool force) {
  fs::path path;
  const HookInstall done = install_pre_commit_hook(root, own_path(), force, path);
  if (ctx.options.quiet) return;
  const char* what = done == HookInstall::unchanged  ? "the pre-commit hook is already installed"
                     : done == HookInstall::replaced ? "replaced the pre-commit hook (the old one "
                                                       "is pre-commit.kamgr-backup)"
                                                     : "installed the pre-commit hook";
  ctx.err << fmt::format("kamgr: {}: {}\n", what, path.string());
}

/// Editor support (docs/guide.md "Editors"): the JSON schemas and VS Code's YAML settings. Schemas
/// are derived and refreshed; an existing settings file is the user's and is kept.
void write_editor_files(const fs::path& root) {
  for (const std::string& type : record_type_names())
    atomic_write(root / schema_file(type), *record_schema(type), false);
  const fs::path settings = root / ".vscode" / "settings.json";
  if (!fs::exists(settings)) atomic_write(settings, vscode_settings(), true);
}

int run_init(Context& ctx, const InitOptions& o) {
  if (!TzOffset::parse(o.timezone))
    throw input_error(
        fmt::format("invalid value for --timezone: '{}' (expected an offset such as "
                    "+08:00)",
                    o.timezone));
  if (o.force && !o.hooks) throw input_error("--force goes with --hooks");
  const fs::path root = fs::absolute(o.dir);
  if (fs::exists(root / "kamgr.yaml")) {
    // An existing data directory: --hooks only installs the hook.
    if (o.hooks) {
      install_hook(ctx, root, o.force);
      return 0;
    }
    throw input_error(
        "a data directory already exists here (to add the git hook: kamgr init "
        "--hooks)",
        (root / "kamgr.yaml").string());
  }
  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) throw Error(Exit::failure, "cannot create the folder: " + ec.message(), root.string());
  for (const RecordType* type : record_types()) {
    if (type->foldering == Foldering::single_file) continue;
    const std::string folder(type->folder);
    fs::create_directories(root / folder, ec);
    if (ec) throw Error(Exit::failure, "cannot create the folder: " + ec.message(), folder);
  }
  for (const ShippedCalendar& c : shipped_calendars()) {
    const fs::path file = root / file_in(named_folder(kCalendarRecord, ""), std::to_string(c.year));
    if (!fs::exists(file)) atomic_write(file, c.text, true);
  }
  write_editor_files(root);
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
  if (o.hooks) install_hook(ctx, root, o.force);
  return 0;
}

}  // namespace

void add_init_command(CLI::App& app, Context& ctx, Outcome& outcome) {
  auto o = std::make_shared<InitOptions>();
  CLI::App* cmd =
      add_command(app, "init", "Create a data directory (config, folders, calendars, git)",
                  "kamgr init sales-data --org 华东大客户部");
  cmd->add_option("dir", o->dir, "folder to create (default: the current folder)");
  cmd->add_option("--org", o->org, "organisation name");
  cmd->add_option("--timezone", o->timezone, "fixed UTC offset of the team (default +08:00)");
  cmd->add_flag("--hooks", o->hooks,
                "install the git pre-commit hook running 'kamgr check --changed' (on an "
                "existing data directory: only that)");
  cmd->add_flag("--force", o->force, "with --hooks: replace a different pre-commit hook");
  on_run(cmd, outcome, [&ctx, o] { return run_init(ctx, *o); });
}

}  // namespace kamgr::cli
