#pragma once
/// Reading complaint files (docs/complaints.md): `complaints/<YYYY>/<id>.yaml`, foldered by the
/// year received. The text loader is pure; the collection loaders read only the year
/// folders they need, in parallel.
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/error.h"
#include "kamgr/domain/complaint.h"
#include "kamgr/store/repository.h"

namespace kamgr {

/// Parses one complaint file. Errors (with file and line): missing or invalid fields,
/// an unknown level (of `config`) or category, an ID that is not generated or differs
/// from the file name, a file outside the folder of its year received, an event before
/// `received_at` or before the event above it, csat outside 1..5.
std::optional<Complaint> load_complaint(const std::string& text, const std::string& file,
                                        const Config& config, Diagnostics& diag);

/// Complaints whose year folder lies in [from_year, to_year] (files in the wrong folder
/// are reported by the loader).
std::vector<Complaint> load_complaints(const Repository& repo, int from_year, int to_year);
/// The complaint files `files`; `complete`: they are whole year folders.
std::vector<Complaint> load_complaint_files(const Repository& repo,
                                            const std::vector<std::string>& files,
                                            bool complete = false);
/// Every complaint file.
std::vector<Complaint> load_all_complaints(const Repository& repo);

/// The path of a complaint file: `complaints/<YYYY>/<id>.yaml`, the year taken from
/// the ID's date.
std::string complaint_path(const std::string& id);

}  // namespace kamgr
