#pragma once
/// Internal to the command line: what the complaint commands share (finding a
/// complaint by what the user typed, SLA values).
#include <string>
#include <vector>

#include "common.h"
#include "kamgr/domain/complaint.h"
#include "kamgr/core/value.h"
#include "kamgr/store/repository.h"

namespace kamgr::cli {

/// Every complaint (errors in any file stop the command), received at or before now.
std::vector<Complaint> load_complaints_as_of(Context& ctx, const Repository& repo,
                                             Diagnostics& diag);

/// The complaint whose ID is `query` (or whose ID uniquely contains it); Error (exit 2)
/// with a "did you mean" otherwise.
Complaint find_complaint(Context& ctx, const Repository& repo, const std::string& query);

/// `{"due","at","status"}` of a part; null when absent.
Value sla_part_value(const SlaPart* part, TzOffset zone);

/// "3h 20m", "2d 4h": a non-negative span of seconds for people.
std::string human_span(int64_t seconds);

}  // namespace kamgr::cli
