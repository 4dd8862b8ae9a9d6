#pragma once
/// Turning what users type (`sales=1200000`) or import (CSV) into kpi file entries,
/// refusing bad input with its line. Pure.
#include <string>
#include <vector>

#include "kamgr/core/csv.h"
#include "kamgr/core/error.h"
#include "kamgr/domain/collections.h"
#include "kamgr/domain/kpi.h"

namespace kamgr {

/// One entry to append: a member and metric values as typed (normalised number text).
struct KpiDraft {
  std::string member;
  std::vector<std::pair<std::string, std::string>> values;  ///< metric -> number text
  int line = 0;                                             ///< the CSV line it started on
};

/// Checks one metric name for a file of `kind`: known to kamgr (else "did you mean"),
/// and not a computed metric for actuals. Returns the problem, or empty.
std::string kpi_metric_problem(const Config& config, KpiKind kind, const std::string& metric);

/// Parses a value typed for `metric`: a plain number (no thousands separators), then
/// `kpi_value_problem`. On a problem returns empty and sets `problem`.
std::string kpi_number_text(const Config& config, KpiKind kind, const std::string& metric,
                            const std::string& text, std::string& problem);

/// `kpi target|actual set`: `member` and `METRIC=VALUE` words. Throws Error (exit 2)
/// naming the word at fault.
KpiDraft kpi_draft_from_assignments(const std::string& member,
                                    const std::vector<std::string>& assignments, KpiKind kind,
                                    const Config& config, const Team& team);

/// `kpi target|actual import`: CSV rows in long form (`member,metric,value`, with or
/// without that header) or wide form (a header `member,METRIC...`, one row per member;
/// empty cells are skipped). Every bad row goes to `diag` with `file` and its line:
/// unknown member or metric, a value that is not a number, a negative count or
/// percentage, a target <= 0 for a higher-is-better metric, a member and metric given
/// twice, a file without any value. Text from the file is quoted in messages through
/// `printable` (one line, cut short). Returns one draft per member, in order of first
/// appearance.
std::vector<KpiDraft> kpi_drafts_from_csv(const std::vector<CsvRow>& rows, const std::string& file,
                                          KpiKind kind, const Config& config, const Team& team,
                                          Diagnostics& diag);

/// What appending `drafts` would change against the values in force in the period's
/// own file (`in_force`, kpi.h latest_values): only new or changed values are kept, so
/// importing the same file twice appends nothing (docs/kpi.md "Importing").
struct KpiDelta {
  std::vector<KpiDraft> to_append;  ///< drafts left with at least one new or changed value
  size_t added = 0;                 ///< values with none in force
  size_t changed = 0;               ///< values that differ from the one in force
  size_t unchanged = 0;             ///< values equal to the one in force (left out)
};
KpiDelta kpi_delta(const KpiTable& in_force, const std::vector<KpiDraft>& drafts);

}  // namespace kamgr
