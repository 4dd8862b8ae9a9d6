#pragma once
/// Internal to the command line: the command table's help in the chosen language.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "kamgr/core/i18n.h"

namespace kamgr::cli {

/// Translates, through the catalog, the descriptions of `app` and every subcommand and
/// option under it, their "Example:" footers, option groups and CLI11's help labels.
/// Names, option spellings and the examples themselves stay as they are.
void translate_help(CLI::App& app, Lang lang);

/// Every English text translate_help looks up for `app`, each once, sorted: the label
/// keys and, of `app` and every command under it, the descriptions, groups, option texts
/// and footer lines other than examples. Each must be in help_catalog().
std::vector<std::string> help_texts(CLI::App& app);

/// The value of the last `--lang X` or `--lang=X` in argv; empty when there is none.
/// (Help may be asked for before CLI11 has seen --lang, so it is read first.)
std::string lang_argument(int argc, const char* const* argv);

}  // namespace kamgr::cli
