#pragma once
/// Internal to the command line: the HTML pages (--format html) of the four reports that
/// have one. Each turns a command's computed results into chart descriptions
/// (report/html.h); none draws anything itself, and none computes a figure the report
/// does not have.
#include <map>
#include <string>
#include <vector>

#include "kamgr/core/period.h"
#include "kamgr/domain/compliance.h"
#include "kamgr/domain/complaint_summary.h"
#include "kamgr/domain/config.h"
#include "kamgr/domain/review_score.h"
#include "kamgr/render/html.h"

namespace kamgr::cli {

/// What the rows of a `kpi run` table are.
enum class KpiRows { members, metrics, teams };

/// kpi run: one bar per row of `shown` (the table the page carries: members, one
/// member's metrics, or --by team's managers), scores on an axis up to the cap.
HtmlPage kpi_page(const Period& period, const Report& shown, KpiRows rows, const Config& config);

/// visit compliance: customers by ISO weeks of the period, a week coloured by the
/// required windows that overlap it (missed wins over met; none: no window).
HtmlPage compliance_page(const Period& period, const std::vector<RequiredWindow>& windows,
                         const CustomerBook& book);

/// complaint summary: contact and answer SLA by level, met / breached / pending.
HtmlPage complaint_page(const Period& period, const std::vector<std::string>& levels,
                        const std::map<std::string, ComplaintStats>& by_level);

/// review calibrate: per group, each grade's count with its share of the group as marker.
HtmlPage calibration_page(const Period& period, const std::vector<CalibrationGroup>& groups,
                          const Config& config);

}  // namespace kamgr::cli
