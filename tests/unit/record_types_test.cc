// The record-type table (domain/record_types.h): paths built and recognised from it.
#include <doctest/doctest.h>

#include "kamgr/domain/record_types.h"
#include "kamgr/domain/schemas.h"

using namespace kamgr;

namespace {
Date d(const char* text) { return *Date::parse(text); }
}  // namespace

TEST_CASE("every record type has a schema and a glob for the editor") {
  for (const RecordType* type : record_types()) {
    CAPTURE(type->name);
    CHECK(record_schema(type->name) != nullptr);
    CHECK(find_record_type(type->name) == type);
  }
  CHECK(find_record_type("visits") == nullptr);
  CHECK(record_glob(kVisitRecord) == "visits/*/*/*.yaml");
  CHECK(record_glob(kComplaintRecord) == "complaints/*/*.yaml");
  CHECK(record_glob(kMemberRecord) == "team/*.yaml");
  CHECK(record_glob(kConfigRecord) == "kamgr.yaml");
}

TEST_CASE("a file is of a type only at its foldering's depth") {
  CHECK(is_file_of(kVisitRecord, "visits/2026/11/20261103-abcdefgh.yaml"));
  CHECK_FALSE(is_file_of(kVisitRecord, "visits/2026/20261103-abcdefgh.yaml"));
  CHECK_FALSE(is_file_of(kVisitRecord, "visits/2026/11/x.yml"));
  CHECK_FALSE(is_file_of(kVisitRecord, "visitsx/2026/11/a.yaml"));
  CHECK(is_file_of(kCustomerRecord, "customers/acme.yaml"));
  CHECK_FALSE(is_file_of(kCustomerRecord, "customers/old/acme.yaml"));
  CHECK(is_file_of(kConfigRecord, "kamgr.yaml"));
  CHECK(is_under(kPlanRecord, "plans/2026-11/zhang-san.yaml"));
  CHECK(is_under(kPlanRecord, "plans/README"));
  CHECK_FALSE(is_under(kPlanRecord, "plans"));
  CHECK_FALSE(is_under(kKpiRecord, "kpix/2026-10/targets.yaml"));
}

TEST_CASE("dated and named folders; a misfiled record names its folder") {
  CHECK(dated_folder(kVisitRecord, d("2026-01-05")) == "visits/2026/01");
  CHECK(dated_folder(kComplaintRecord, d("2026-01-05")) == "complaints/2026");
  CHECK(named_folder(kReviewRecord, "2026-Q4") == "reviews/2026-Q4");
  CHECK(named_folder(kMemberRecord, "ignored") == "team");
  CHECK(file_in("plans/2026-11", "li-na") == "plans/2026-11/li-na.yaml");
  CHECK(misfiled(kVisitRecord, "visits/2026/11/a.yaml", d("2026-11-30")).empty());
  CHECK(misfiled(kVisitRecord, "visits/2026/10/a.yaml", d("2026-11-01")) == "visits/2026/11/");
  CHECK(misfiled(kVisitRecord, "/tmp/a.yaml", d("2026-11-01")).empty());  // checked on its own
  CHECK(misfiled(kComplaintRecord, "complaints/2025/a.yaml", d("2026-01-02")) == "complaints/2026/");
}
