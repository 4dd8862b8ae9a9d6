#pragma once
// Finding the opportunity or order a command line names (docs/pipeline.md "Commands"):
// by its ID, or by a unique part of one.
#include <string>

#include <vector>

#include "kamgr/domain/pipeline.h"
#include "kamgr/reports/pipeline_figures.h"
#include "kamgr/store/datadir.h"
#include "kamgr/store/repository.h"

namespace kamgr::cli {

/// The opportunity `query` names: read alone when it is a full ID whose file is where the
/// ID says, else the one opportunity whose ID holds `query`. Error (exit 2) when none or
/// several do (a broken file's problems first: it may be the one asked for).
Opportunity find_opportunity(const DataDir& dir, const std::string& query);

/// The ID of the opportunity `--opportunity QUERY` links a record of `customer` to ("" when
/// `query` is empty): as find_opportunity, and Error (exit 2) when it is another
/// customer's.
std::string customer_opportunity(const DataDir& dir, const std::string& query,
                                 const std::string& customer);

/// The order `query` names, as find_opportunity does for an opportunity.
Order find_order(const DataDir& dir, const std::string& query);

/// The linked visits that can move the staleness on `date` of `opportunities`: those
/// dated from linked_visits_from (reports/pipeline_figures.h) to `date`, recorded at or
/// before `now`. Reads only those month folders.
LinkedVisits load_linked_visits(const Repository& repo, const std::vector<Opportunity>& opportunities,
                                Date date, Instant now);

}  // namespace kamgr::cli
