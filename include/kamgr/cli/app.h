#pragma once
/// The command line: parses argv with the command table and runs the chosen command.
#include <string>
#include <vector>

#include "kamgr/cli/context.h"

namespace kamgr {

/// Runs kamgr with `argv` in `ctx`; returns the process exit code (docs/guide.md
/// "Exit codes"). Every
/// error ends here: printed as `kamgr: error: <what> (<file>:<line>)` on ctx.err.
int run_cli(int argc, const char* const* argv, Context& ctx);

/// Every English text the help of the command table looks up in the catalog (command and
/// option descriptions, groups, footer lines, CLI11's labels), each once, sorted. Builds
/// the table without running anything; for the test that each is in help_catalog().
std::vector<std::string> help_texts();

}  // namespace kamgr
