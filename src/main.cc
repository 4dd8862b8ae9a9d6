// The kamgr binary: everything else lives in the libraries.
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "kamgr/cli/app.h"
#include "kamgr/cli/line_editor.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  kamgr::Context ctx(std::cout, std::cerr, [](const char* name) { return std::getenv(name); },
                     ::isatty(STDOUT_FILENO) != 0);
  ctx.show_progress(::isatty(STDERR_FILENO) != 0);
  kamgr::TtyTerminal terminal(STDIN_FILENO, STDERR_FILENO);
  if (::isatty(STDIN_FILENO) && ::isatty(STDERR_FILENO)) ctx.terminal = &terminal;
  const int code = kamgr::run_cli(argc, argv, ctx);
  std::cout.flush();
  if (!std::cout) return static_cast<int>(kamgr::Exit::failure);
  return code;
}
