// Computed metrics over visits and complaint SLAs: visit_compliance, visit_timeliness,
// complaint_sla, csat. (Pending: wired once compliance.h and complaint.h are implemented.)
#include "kamgr/domain/kpi_metrics.h"

namespace kamgr {

ComputedMetric visit_compliance_metric(const KpiRecords&, const MemberScope&) { return {}; }
ComputedMetric visit_timeliness_metric(const KpiRecords&, const MemberScope&) { return {}; }
ComputedMetric complaint_sla_metric(const KpiRecords&, const MemberScope&) { return {}; }
ComputedMetric csat_metric(const KpiRecords&, const MemberScope&) { return {}; }

}  // namespace kamgr
