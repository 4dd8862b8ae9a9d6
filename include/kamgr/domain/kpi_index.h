#pragma once
/// Indexes over a period's KPI records, built once and shared by every member's computed
/// metrics, so that a `kpi run` over N members costs the records once (plus each
/// member's own share), not N times the records.
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "kamgr/domain/complaint.h"
#include "kamgr/domain/records.h"

namespace kamgr {

struct KpiRecords;
struct MemberScope;

/// Positions of records (in their vector) grouped by the member they count for.
class OwnerIndex {
 public:
  void add(const std::string& owner, size_t position);
  /// The positions whose owner `scope` covers, ascending (the records' own order), each
  /// once. Costs the scope's share, not the whole index (except for `everyone`).
  std::vector<size_t> covered_by(const MemberScope& scope) const;

 private:
  std::unordered_map<std::string, std::vector<size_t>> by_owner_;
};

/// What the computed metrics look up, derived from one KpiRecords.
struct KpiIndex {
  /// visit_compliance: `windows` by owner; a customer's visits, oldest first.
  OwnerIndex windows;
  std::unordered_map<std::string, std::vector<const Visit*>> visits_of_customer;
  /// visit_timeliness: `visits` dated in the period, by rep.
  OwnerIndex period_visits;
  /// Customers (positions in `customers->all()`): active at the end of the period, by
  /// owner then; new in the period, by owner on `since`; lost in the period, by owner on
  /// each day they became lost.
  OwnerIndex active_at_end, new_customers, lost_customers;
  /// `complaints` received in the period, by owner on the day received; and by customer.
  OwnerIndex received;
  std::unordered_map<std::string, std::vector<const Complaint*>> received_by_customer;
  /// `complaints` closed in the period, by owner on the day closed.
  OwnerIndex closed;
};

/// Builds the index of `records`. Pure; O(records).
std::shared_ptr<const KpiIndex> build_kpi_index(const KpiRecords& records);

/// What a KpiIndex was built from: when any of it differs, the index is rebuilt.
struct KpiIndexKey {
  const void* customers = nullptr;
  const void* config = nullptr;
  Date from, to;
  Instant now;
  const void* windows = nullptr;
  const void* visits = nullptr;
  const void* complaints = nullptr;
  size_t sizes[3] = {0, 0, 0};
  bool operator==(const KpiIndexKey&) const = default;
};
KpiIndexKey kpi_index_key(const KpiRecords& records);

/// Holds a KpiRecords' index, built on first use and again whenever the records' period,
/// `now`, references or vectors (address or size) change. Records changed in place
/// (same vector, same size) after a metric was computed are not noticed: don't.
class LazyKpiIndex {
 public:
  LazyKpiIndex() = default;
  LazyKpiIndex(const LazyKpiIndex&) {}
  LazyKpiIndex& operator=(const LazyKpiIndex&) {
    index_.reset();
    return *this;
  }
  /// The index of `records` (which own this holder).
  const KpiIndex& of(const KpiRecords& records) const {
    const KpiIndexKey key = kpi_index_key(records);
    if (!index_ || !(key == key_)) {
      index_ = build_kpi_index(records);
      key_ = key;
    }
    return *index_;
  }

 private:
  mutable std::shared_ptr<const KpiIndex> index_;
  mutable KpiIndexKey key_;
};

}  // namespace kamgr
