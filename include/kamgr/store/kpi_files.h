#pragma once
/// The kpi files on disk: kpi/<period>/targets.yaml and actuals.yaml (docs/kpi.md "The files").
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/error.h"
#include "kamgr/domain/collections.h"
#include "kamgr/domain/integrity.h"
#include "kamgr/domain/kpi.h"
#include "kamgr/domain/kpi_import.h"
#include "kamgr/store/repository.h"

namespace kamgr {

/// `kpi/2026-10/targets.yaml`.
std::string kpi_file_path(const std::string& period, KpiKind kind);

/// Parses a kpi file's text. `entries` is the list of `{member, METRIC: number...}`
/// (an empty log may be the bare key). Errors: a value that is not a number, a negative
/// count or percentage, a target <= 0 for a higher-is-better metric, and (when `team`
/// is given) an unknown member. Warnings: a metric kamgr does not know, an actual for a
/// computed metric (ignored). Members in `broken` (files that failed to load) are not
/// reported again.
std::optional<KpiFile> load_kpi_file(const std::string& text, const std::string& file,
                                     const Config& config, const Team* team, Diagnostics& diag,
                                     const BrokenIds& broken = {});

/// The targets and actuals of a month, quarter or year, resolved per docs/kpi.md "The
/// files" and "Quarters and years" (latest entry wins; a quarter or year from its own
/// files, else from its months). Reads only kpi/<period>/ and the folders of its months.
struct KpiFigures {
  KpiTable targets;
  KpiTable actuals;
};
KpiFigures load_kpi_figures(const Repository& repo, const Period& period, const Team& team);

/// Every kpi file in the data directory (for `check`); folders that are not a month,
/// quarter or year are warned about.
std::vector<KpiFile> load_all_kpi_files(const Repository& repo, const Team& team,
                                        Diagnostics& diag, const BrokenIds& broken = {});

/// The values in force in kpi/<period>/<kind>.yaml itself (latest entry wins; nothing
/// from other periods); empty when the file does not exist.
KpiTable load_kpi_file_values(const Repository& repo, const std::string& period, KpiKind kind,
                              const Team& team);

/// Appends `drafts` to kpi/<period>/<kind>.yaml in one atomic write, or creates the file
/// (canonical, `entries:` its only key) when it does not exist. The result is re-read
/// and checked first; nothing is written when anything is wrong. Returns the file.
std::string append_kpi_entries(const DataDir& dir, const std::string& period, KpiKind kind,
                               const std::vector<KpiDraft>& drafts, const Team& team);

/// True for a period kpi files exist for: a month, a quarter or a year.
bool is_kpi_period(const Period& period);

}  // namespace kamgr
