#include "kamgr/cli/app.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <ostream>
#include <sstream>

#include "common.h"
#include "help_i18n.h"

namespace kamgr {

namespace {

/// The command table: one entry per top-level command group.
using AddCommands = void (*)(CLI::App&, Context&, cli::Outcome&);
constexpr AddCommands kCommands[] = {
    cli::add_init_command,      cli::add_team_commands, cli::add_customer_commands,
    cli::add_visit_commands,    cli::add_complaint_commands, cli::add_opportunity_commands,
    cli::add_order_commands,    cli::add_kpi_commands,
    cli::add_review_commands,   cli::add_check_command,      cli::add_schema_command,
    cli::add_completion_command,  cli::add_calendar_commands, cli::add_import_commands,
};

std::string lowercase_first(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  while (!s.empty() && (s.back() == '.' || s.back() == '\n')) s.pop_back();
  return s;
}

/// All subcommand names and long option names (`--format`), for "did you mean".
void collect_names(const CLI::App& app, std::vector<std::string>& names) {
  for (const CLI::Option* option : app.get_options())
    for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
  for (const CLI::App* sub : app.get_subcommands({})) {
    names.push_back(sub->get_name());
    collect_names(*sub, names);
  }
}

std::string usage_message(const CLI::ParseError& e, const CLI::App& app) {
  std::string message = lowercase_first(e.what());
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    std::vector<std::string> names;
    collect_names(app, names);
    const std::string text = e.what();
    const size_t colon = text.rfind(": ");
    // The words left over: an option among them is the likely typo (`x --custmer`).
    std::istringstream rest(colon == std::string::npos ? "" : text.substr(colon + 2));
    std::string word, candidate;
    while (rest >> candidate)
      if (word.empty() || (word[0] != '-' && candidate[0] == '-')) word = candidate;
    if (const std::string near = closest_match(word, names); !near.empty())
      message += fmt::format("; did you mean '{}'?", near);
  }
  return message;
}

/// "unknown command 'visitt'; did you mean 'visit'?" when a word was left over where
/// a subcommand was expected.
std::optional<std::string> unknown_command_message(const CLI::App& app) {
  const CLI::App* deepest = &app;
  for (auto subs = app.get_subcommands(); !subs.empty(); subs = deepest->get_subcommands())
    deepest = subs.front();
  const auto left = app.remaining(true);
  if (left.empty() || left.front().rfind("-", 0) == 0) return std::nullopt;
  std::vector<std::string> names;
  for (const CLI::App* sub : deepest->get_subcommands({})) names.push_back(sub->get_name());
  std::string message = fmt::format("unknown command '{}'", left.front());
  if (const std::string near = closest_match(left.front(), names); !near.empty())
    message += fmt::format("; did you mean '{}'?", near);
  return message;
}

/// "kamgr visit add --customer acme ..." without the global options that only steer
/// this run (-C, --commit, --format...).
std::string commit_message(int argc, const char* const* argv) {
  static const std::vector<std::string> kSkipWithValue = {"-C",    "--data",  "--format",
                                                          "--now", "--today", "--lang"};
  std::string message = "kamgr";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (std::find(kSkipWithValue.begin(), kSkipWithValue.end(), arg) != kSkipWithValue.end()) {
      ++i;
      continue;
    }
    if (arg == "--commit" || arg == "-q" || arg == "--quiet" || arg == "--no-color" ||
        arg.rfind("--lang=", 0) == 0)
      continue;
    message += " " + arg;
  }
  return message;
}

/// `kamgr: error: `, the same in every language (docs/guide.md "Exit codes" and "In
/// Chinese"): scripts look for it; the message after it follows the language.
std::string error_prefix(Lang) { return "kamgr: error: "; }

/// The commands that draw an HTML page (--format html), as typed.
constexpr const char* kHtmlCommands[] = {"kpi run", "visit compliance", "complaint summary",
                                         "review calibrate"};

/// Before any command runs (so nothing is written): --format html with a command that
/// has no page is bad input.
void check_html_offered(const CLI::App& app, const std::string& format) {
  if (format != "html") return;
  std::string command;
  for (auto subs = app.get_subcommands(); !subs.empty(); subs = subs.front()->get_subcommands())
    command += (command.empty() ? "" : " ") + subs.front()->get_name();
  for (const char* offered : kHtmlCommands)
    if (command == offered) return;
  throw input_error(fmt::format(
      "--format html is available for kpi run, visit compliance, complaint summary, review "
      "calibrate (not for '{}')",
      command));
}

constexpr const char* kProgram = "kamgr: run a key-account sales team from YAML files kept in git";

/// Fills `app` with the command table: global options, every command, the help footer
/// and the checks run once argv is parsed. Nothing runs until `app` parses argv.
void build_app(CLI::App& app, Context& ctx, cli::Outcome& outcome) {
  app.set_version_flag("--version", std::string("kamgr ") + KAMGR_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  app.footer(
      "\nExample:\n  kamgr -C data kpi run 2026-10 --format json\n\n"
      "Run 'kamgr COMMAND --help' for a command's options and an example.");
  GlobalOptions& o = ctx.options;
  app.add_option("-C,--data", o.data, "data directory (default: $KAMGR_DATA, else the nearest "
                                      "folder holding kamgr.yaml)");
  app.add_option("--format", o.format,
                 "output: table, json, csv, yaml or html (a page with charts, on stdout: kpi run, "
                 "visit compliance, complaint summary, review calibrate)");
  app.add_option("--now", o.now, "fix the current time (ISO 8601); also $KAMGR_NOW");
  app.add_option("--today", o.today, "fix today's date (midnight)");
  app.add_option("--as", o.as, "the acting member (else $KAMGR_USER, else git user.email)");
  app.add_flag("--no-color", o.no_color, "no colour (also when NO_COLOR is set)");
  app.add_flag("-q,--quiet", o.quiet, "no warnings");
  app.add_flag("--commit", o.commit, "commit the files a command writes (git)");
  app.add_option("--lang", o.lang,
                 "language of tables, messages and help: zh-CN, zh-TW or en (default: from "
                 "$LC_ALL, $LC_MESSAGES or $LANG)");
  for (AddCommands add : kCommands) add(app, ctx, outcome);
  app.parse_complete_callback([&app, &o, &ctx] {
    check_html_offered(app, o.format);
    ctx.check_time_options();
  });
}

}  // namespace

std::vector<std::string> help_texts() {
  std::ostringstream out, err;
  Context ctx(out, err, [](const char*) -> const char* { return nullptr; }, false);
  cli::Outcome outcome;
  CLI::App app{kProgram, "kamgr"};
  build_app(app, ctx, outcome);
  return cli::help_texts(app);
}

int run_cli(int argc, const char* const* argv, Context& ctx) {
  CLI::App app{kProgram, "kamgr"};
  cli::Outcome outcome;
  build_app(app, ctx, outcome);
  GlobalOptions& o = ctx.options;

  Lang lang = Lang::en;
  try {
    o.lang = cli::lang_argument(argc, argv);
    lang = ctx.lang();
    cli::translate_help(app, lang);
    app.parse(argc, argv);
    ctx.end_progress();
    if (outcome.code == 0) ctx.commit_written(commit_message(argc, argv));
    return outcome.code;
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, ctx.out, ctx.err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, ctx.out, ctx.err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, ctx.out, ctx.err);
  } catch (const CLI::RequiredError& e) {
    if (argc <= 1) {
      ctx.err << app.help();
      return static_cast<int>(Exit::bad_input);
    }
    ctx.err << error_prefix(lang)
            << tr_message(lang, unknown_command_message(app).value_or(usage_message(e, app)))
            << "\n";
    return static_cast<int>(Exit::bad_input);
  } catch (const CLI::ParseError& e) {
    ctx.err << error_prefix(lang) << tr_message(lang, usage_message(e, app)) << "\n";
    return static_cast<int>(Exit::bad_input);
  } catch (const Error& e) {
    ctx.end_progress();
    ctx.err << error_prefix(lang) << e.located(tr_message(lang, e.what())) << "\n";
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    ctx.err << error_prefix(lang) << "internal error: " << e.what() << "\n";
    return static_cast<int>(Exit::failure);
  }
}

}  // namespace kamgr
