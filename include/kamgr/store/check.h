#pragma once
/// `kamgr check`: load every record of the data directory and report every problem.
#include "kamgr/core/error.h"
#include "kamgr/store/repository.h"

namespace kamgr {

/// Loads and cross-checks everything in the data directory; all problems go to `diag`
/// (sorted by file and line at the end).
void check_everything(const Repository& repo, Diagnostics& diag);

}  // namespace kamgr
