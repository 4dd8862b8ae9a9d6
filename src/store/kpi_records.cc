// Loading the visits and complaints behind the computed KPI metrics, only as far as the
// period needs them. (Pending: visits and complaints once compliance.h and complaint.h
// are implemented.)
#include <set>

#include "kamgr/domain/kpi_metrics.h"
#include "kamgr/store/repository.h"

namespace kamgr {

void load_kpi_records(const Repository&, const std::set<std::string>&, KpiRecords&) {}

}  // namespace kamgr
