#pragma once
/// The record-type table: where each kind of record lives in the data directory and how
/// its folders are named (docs/formats.md, "The data directory"). Every path kamgr
/// builds or recognises - `init`, the loaders' folder checks, `check --changed`, `schema`
/// and the repository's listings - comes from here, so a layout is written once.
#include <span>
#include <string>
#include <string_view>

#include "kamgr/core/date.h"

namespace kamgr {

/// How the files of a record type are foldered.
enum class Foldering {
  single_file,  ///< one file at the top: `kamgr.yaml`
  flat,         ///< `team/<member>.yaml`
  by_period,    ///< one folder per period name: `plans/2026-11/`, `reviews/2026-Q4/`
  by_year,      ///< `complaints/2026/<id>.yaml`, by the date received
  by_month,     ///< `visits/2026/11/<id>.yaml`, by the visit date
};

struct RecordType {
  const char* name;    ///< `visit`: what `schema TYPE` and messages call it
  const char* folder;  ///< `visits`; the file itself for single_file (`kamgr.yaml`)
  Foldering foldering;
};

extern const RecordType kConfigRecord;
extern const RecordType kMemberRecord;
extern const RecordType kCustomerRecord;
extern const RecordType kVisitRecord;
extern const RecordType kPlanRecord;
extern const RecordType kComplaintRecord;
extern const RecordType kKpiRecord;
extern const RecordType kReviewRecord;
extern const RecordType kCalendarRecord;

/// Every record type, in the order of docs/formats.md.
std::span<const RecordType* const> record_types();

/// The type called `name`, or nullptr.
const RecordType* find_record_type(std::string_view name);

/// The glob an editor matches the type's files with: `visits/*/*/*.yaml`.
std::string record_glob(const RecordType& type);

/// True when `path` (relative, with '/') is a file of `type` at its foldering's depth.
bool is_file_of(const RecordType& type, std::string_view path);

/// True when `path` is anywhere under the type's folder (a file being deleted, a stray).
bool is_under(const RecordType& type, std::string_view path);

/// The folder of the records filed on `date`: `visits/2026/11`, `complaints/2026`.
/// Only for by_month and by_year types.
std::string dated_folder(const RecordType& type, Date date);

/// For a dated file under the type's folder: the folder it belongs in (`visits/2026/11/`,
/// with the slash) when it is not there, else empty. A file outside the type's folder
/// (checked on its own) is never misfiled.
std::string misfiled(const RecordType& type, std::string_view file, Date date);

/// The folder of a period: `plans/2026-11`, `reviews/2026-Q4`, `kpi/2026-10`; the
/// type's folder itself for a flat type (the name is then ignored).
std::string named_folder(const RecordType& type, std::string_view name);

/// `<folder>/<stem>.yaml`.
std::string file_in(const std::string& folder, std::string_view stem);

}  // namespace kamgr
