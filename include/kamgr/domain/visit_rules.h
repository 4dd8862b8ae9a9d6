#pragma once
/// Correcting recorded visits (docs/visits.md "Correcting a visit"): who may edit or
/// remove a visit, and what a hand edit may not change. Pure: records in, verdicts out.
#include <string>
#include <string_view>
#include <vector>

#include "kamgr/core/date.h"
#include "kamgr/domain/collections.h"
#include "kamgr/domain/records.h"

namespace kamgr {

/// Why `actor` may not `action` ("edit" or "remove") a visit recorded by `rep`; empty
/// when they may. The rep themselves, the manager the rep reports to, and any director
/// may; anyone else may not (HR included, unless a director). An actor who is not a
/// member may not.
std::string refuse_visit_change(const Team& team, const std::string& actor,
                                const std::string& rep, std::string_view action);

/// A problem with one field of an edited visit.
struct FieldProblem {
  std::string field;
  std::string message;
};

/// What a hand edit of `before` into `after` may not do: change the id, change
/// `recorded_at` (set by kamgr when the visit was added: entry timeliness is measured
/// from it), or date the visit after it was recorded. Empty when the edit is fine.
std::vector<FieldProblem> visit_edit_problems(const Visit& before, const Visit& after,
                                              TzOffset zone);

}  // namespace kamgr
