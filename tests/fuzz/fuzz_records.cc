// libFuzzer harness for everything that reads bytes from disk: the record loaders, the
// KPI CSV importer and the parse cache's record decoder. Any bytes must give a record
// or diagnostics (or an Error) - never a crash, a hang, or unbounded memory.
// Build and run: see docs/testing.md ("Fuzzing").
#include <cstddef>
#include <cstdint>
#include <string>

#include "kamgr/core/csv.h"
#include "kamgr/core/error.h"
#include "kamgr/domain/kpi_import.h"
#include "kamgr/store/loaders.h"
#include "kamgr/store/record_codec.h"
#include "kamgr/store/repository.h"

namespace {

/// The KPI importer over a two-member team, as `kpi actual import` runs it.
void import_csv(const std::string& text, const kamgr::Config& config,
                kamgr::Diagnostics& diag) {
  static const kamgr::Team team({{"zhang-san", "张三", kamgr::Role::rep, "li-si", "z@x", true, {}},
                                 {"li-si", "李四", kamgr::Role::manager, "", "l@x", true, {}}});
  try {
    const auto rows = kamgr::parse_csv(text, "actuals.csv");
    kamgr::kpi_drafts_from_csv(rows, "actuals.csv", kamgr::KpiKind::actuals, config, team, diag);
  } catch (const kamgr::Error&) {
    // a refused file: what the command reports
  }
}

template <typename T>
void decode(const std::string& bytes) {
  T record;
  kamgr::decode_record(bytes, "x.yaml", record);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the reader; the rest is the file.
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const kamgr::Config config = kamgr::Config::defaults();
  kamgr::Diagnostics diag;
  switch (data[0] % 10) {
    case 0: kamgr::load_member(text, "team/x.yaml", diag); break;
    case 1: kamgr::load_customer(text, "customers/x.yaml", config, diag); break;
    case 2: kamgr::load_visit(text, "visits/2026/11/20261122-aaaaaa.yaml", config, diag); break;
    case 3: kamgr::load_config(text, "kamgr.yaml", diag); break;
    case 4: kamgr::load_calendar_year(text, "calendar/2026.yaml", diag); break;
    case 5: import_csv(text, config, diag); break;
    case 6: decode<kamgr::Visit>(text); break;
    case 7: decode<kamgr::Customer>(text); break;
    case 8: decode<kamgr::Complaint>(text); break;
    default: decode<kamgr::Member>(text); break;
  }
  return 0;
}
