// kamgr complaint: registered here; the commands are added by their issue.
#include "common.h"

namespace kamgr::cli {

void add_complaint_commands(CLI::App&, Context&, Outcome&) {}

}  // namespace kamgr::cli
