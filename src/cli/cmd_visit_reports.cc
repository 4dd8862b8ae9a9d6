// kamgr visit compliance | due | plan: registered here, implemented by issue #3.
#include "common.h"

namespace kamgr::cli {

void add_visit_report_commands(CLI::App&, Context&, Outcome&) {}

}  // namespace kamgr::cli
