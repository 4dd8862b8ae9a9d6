#pragma once
/// The command line: parses argv with the command table and runs the chosen command.
#include "kamgr/cli/context.h"

namespace kamgr {

/// Runs kamgr with `argv` in `ctx`; returns the process exit code (contract 8). Every
/// error ends here: printed as `kamgr: error: <what> (<file>:<line>)` on ctx.err.
int run_cli(int argc, const char* const* argv, Context& ctx);

}  // namespace kamgr
