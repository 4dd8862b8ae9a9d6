#pragma once
/// Visit plans on disk: `plans/<YYYY-MM>/<member>.yaml` (docs/visits.md "Monthly
/// visit plans", docs/formats.md "The data directory").
#include <optional>
#include <string>
#include <vector>

#include "kamgr/domain/plan.h"
#include "kamgr/store/repository.h"

namespace kamgr {

/// Parses a plan file. Checks that `member` and `month` match the file's path, that
/// every planned visit lies in the month, and the shape of every event.
std::optional<Plan> load_plan(const std::string& text, const std::string& file,
                              const Config& config, Diagnostics& diag);

/// `plans/2026-11/zhang-san.yaml`.
std::string plan_file(const std::string& member, const Period& month);

/// The plans of the months that overlap [from, to] (reads only those month folders).
std::vector<Plan> load_plans(const Repository& repo, Date from, Date to);
/// Every plan file of every month folder.
std::vector<Plan> load_all_plans(const Repository& repo);

}  // namespace kamgr
