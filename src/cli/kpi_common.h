#pragma once
/// Internal to the kpi commands: the pieces run, explain and target check share.
#include <optional>
#include <string>

#include "common.h"
#include "kamgr/domain/kpi.h"

namespace kamgr::cli {

/// A KPI period typed by the user: a month, quarter or year; Error (exit 2) otherwise.
Period kpi_period(const std::string& text);
/// A number rounded to 2 decimals, or null.
Value kpi_number(const std::optional<double>& v);
/// `{"metric","weight","better","target","actual","achievement","score","computed"}`.
Value kpi_metric_value(const MetricScore& s);

}  // namespace kamgr::cli
