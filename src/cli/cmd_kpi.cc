// kamgr kpi: registered here; the commands are added by their issue.
#include "common.h"

namespace kamgr::cli {

void add_kpi_commands(CLI::App&, Context&, Outcome&) {}

}  // namespace kamgr::cli
