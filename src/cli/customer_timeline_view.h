#pragma once
// customer show --timeline (docs/guide.md "A customer's timeline"): loading the
// customer's records and the timeline's views.
#include "common.h"
#include "kamgr/domain/records.h"
#include "kamgr/store/repository.h"

namespace kamgr::cli {

/// Loads what the timeline of `c` needs as it stood at now - the visit month folders from
/// its first history date (or `since`, when earlier) on, the complaint and opportunity
/// year folders and the orders from that year on - sets `doc["timeline"]` and makes the
/// timeline `shown`'s table (DATE KIND WHAT REF) and CSV (with the file) view.
/// Throws the first load error (exit 2).
void add_timeline(Context& ctx, const Repository& repo, const Customer& c, Value& doc,
                  Report& shown);

}  // namespace kamgr::cli
