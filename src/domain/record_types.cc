#include "kamgr/domain/record_types.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace kamgr {

const RecordType kConfigRecord{"config", "kamgr.yaml", Foldering::single_file};
const RecordType kMemberRecord{"member", "team", Foldering::flat};
const RecordType kCustomerRecord{"customer", "customers", Foldering::flat};
const RecordType kVisitRecord{"visit", "visits", Foldering::by_month};
const RecordType kPlanRecord{"plan", "plans", Foldering::by_period};
const RecordType kComplaintRecord{"complaint", "complaints", Foldering::by_year};
const RecordType kKpiRecord{"kpi", "kpi", Foldering::by_period};
const RecordType kReviewRecord{"review", "reviews", Foldering::by_period};
const RecordType kCalendarRecord{"calendar", "calendar", Foldering::flat};
// Declared with the pipeline's records (domain/pipeline.h).
extern const RecordType kOpportunityRecord{"opportunity", "opportunities", Foldering::by_year};
extern const RecordType kOrderRecord{"order", "orders", Foldering::by_month};

namespace {

constexpr std::array<const RecordType*, 11> kTypes = {
    &kConfigRecord,    &kMemberRecord, &kCustomerRecord, &kVisitRecord,
    &kPlanRecord,      &kComplaintRecord, &kKpiRecord,   &kReviewRecord,
    &kOpportunityRecord, &kOrderRecord, &kCalendarRecord};

/// How many folders deep below the type's folder its files sit.
int depth(Foldering foldering) {
  switch (foldering) {
    case Foldering::single_file: return -1;
    case Foldering::flat: return 0;
    case Foldering::by_period:
    case Foldering::by_year: return 1;
    case Foldering::by_month: return 2;
  }
  return 0;
}

}  // namespace

std::span<const RecordType* const> record_types() { return kTypes; }

const RecordType* find_record_type(std::string_view name) {
  for (const RecordType* type : kTypes)
    if (name == type->name) return type;
  return nullptr;
}

std::string record_glob(const RecordType& type) {
  if (type.foldering == Foldering::single_file) return std::string(type.folder);
  std::string glob(type.folder);
  for (int level = 0; level < depth(type.foldering); ++level) glob += "/*";
  return glob + "/*.yaml";
}

bool is_under(const RecordType& type, std::string_view path) {
  const std::string_view folder = type.folder;
  if (type.foldering == Foldering::single_file) return path == folder;
  return path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/';
}

bool is_file_of(const RecordType& type, std::string_view path) {
  if (type.foldering == Foldering::single_file) return path == type.folder;
  if (!is_under(type, path) || !path.ends_with(".yaml")) return false;
  const auto slashes = std::count(path.begin() + std::string_view(type.folder).size(), path.end(), '/');
  return slashes == depth(type.foldering) + 1;
}

std::string dated_folder(const RecordType& type, Date date) {
  if (type.foldering == Foldering::by_month)
    return fmt::format("{}/{:04}/{:02}", type.folder, date.year(), date.month());
  return fmt::format("{}/{:04}", type.folder, date.year());
}

std::string misfiled(const RecordType& type, std::string_view file, Date date) {
  const size_t slash = file.find_last_of('/');
  const std::string_view folder = slash == std::string_view::npos ? "" : file.substr(0, slash + 1);
  const std::string expected = dated_folder(type, date) + "/";
  if (!is_under(type, file) || folder == expected) return {};
  return expected;
}

std::string named_folder(const RecordType& type, std::string_view name) {
  if (type.foldering != Foldering::by_period) return std::string(type.folder);
  return fmt::format("{}/{}", type.folder, name);
}

std::string file_in(const std::string& folder, std::string_view stem) {
  return fmt::format("{}/{}.yaml", folder, stem);
}

}  // namespace kamgr
