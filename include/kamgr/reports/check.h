#pragma once
/// `kamgr check`: load every record of the data directory and report every problem.
#include "kamgr/core/error.h"
#include "kamgr/system/changed.h"
#include "kamgr/store/repository.h"

namespace kamgr {

/// Loads and cross-checks everything in the data directory; all problems go to `diag`
/// (sorted by file and line at the end). `now`: the instant records are checked against
/// (a visit dated after it is a warning).
void check_everything(const Repository& repo, Instant now, Diagnostics& diag);

/// `check --changed`: checks the changed files and the references they make, against
/// the whole team and customer list. The team and customers are always checked (they
/// are small and cached); a changed visit or complaint is checked alone; a change under
/// plans/, kpi/, reviews/ re-checks that folder; a changed calendar re-checks the
/// complaints' deadlines. A changed kamgr.yaml, or a deleted member or customer
/// (records anywhere may point at it), means a full check_everything. Not seen: a new
/// visit reusing the ID of a visit in another month folder (the full check sees it).
void check_changed(const Repository& repo, const ChangedFiles& changes, Instant now,
                   Diagnostics& diag);

/// From 1 December of `today`'s year, a warning while the next year's calendar file is
/// missing: complaints received in late December have deadlines in January
/// (docs/complaints.md "Adding next year's").
void check_next_calendar(const Repository& repo, Date today, Diagnostics& diag);

}  // namespace kamgr
