// The shared index behind the computed KPI metrics (kpi_index.h).
#include "kamgr/domain/kpi_index.h"

#include <algorithm>

#include "kamgr/domain/kpi_metrics.h"

namespace kamgr {

void OwnerIndex::add(const std::string& owner, size_t position) {
  by_owner_[owner].push_back(position);
}

std::vector<size_t> OwnerIndex::covered_by(const MemberScope& scope) const {
  std::vector<size_t> out;
  const auto take = [&out](const std::vector<size_t>& positions) {
    out.insert(out.end(), positions.begin(), positions.end());
  };
  if (scope.everyone) {
    for (const auto& [owner, positions] : by_owner_)
      if (!owner.empty()) take(positions);
  } else {
    for (const std::string& member : scope.members)
      if (const auto it = by_owner_.find(member); it != by_owner_.end()) take(it->second);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {

void index_visits(const KpiRecords& r, KpiIndex& x) {
  for (size_t i = 0; i < r.windows.size(); ++i) x.windows.add(r.windows[i].owner, i);
  for (size_t i = 0; i < r.visits.size(); ++i) {
    const Visit& v = r.visits[i];
    x.visits_of_customer[v.customer].push_back(&v);
    if (r.period.contains(v.date) && v.recorded_at <= r.now) x.period_visits.add(v.rep, i);
  }
  for (auto& [_, list] : x.visits_of_customer)
    std::stable_sort(list.begin(), list.end(),
                     [](const Visit* a, const Visit* b) { return a->date < b->date; });
}

void index_customers(const KpiRecords& r, KpiIndex& x) {
  const std::vector<Customer>& all = r.customers->all();
  const Period known = r.known_period();
  for (size_t i = 0; i < all.size(); ++i) {
    const Customer& c = all[i];
    if (const CustomerState end = c.state_on(known.to); end.active())
      x.active_at_end.add(end.owner, i);
    if (c.since && known.contains(*c.since))
      if (const CustomerState then = c.state_on(*c.since); then.managed)
        x.new_customers.add(then.owner, i);
    for (const Date d : loss_dates(c, known)) x.lost_customers.add(c.state_on(d).owner, i);
  }
}

void index_complaints(const KpiRecords& r, KpiIndex& x) {
  const TzOffset zone = r.config->timezone;
  for (size_t i = 0; i < r.complaints.size(); ++i) {
    const Complaint& c = r.complaints[i];
    const Date received = c.received_at.local_date(zone);
    if (c.received_at <= r.now && r.period.contains(received)) {
      x.received.add(r.customers->owner_on(c.customer, received), i);
      x.received_by_customer[c.customer].push_back(&c);
    }
    if (const auto closed = closed_at(c, r.now); closed && r.period.contains(closed->local_date(zone)))
      x.closed.add(r.customers->owner_on(c.customer, closed->local_date(zone)), i);
  }
}

}  // namespace

KpiIndexKey kpi_index_key(const KpiRecords& r) {
  return {r.customers,         r.config,
          r.period.from,       r.period.to,
          r.now,               r.windows.data(),
          r.visits.data(),     r.complaints.data(),
          {r.windows.size(), r.visits.size(), r.complaints.size()}};
}

std::shared_ptr<const KpiIndex> build_kpi_index(const KpiRecords& records) {
  auto index = std::make_shared<KpiIndex>();
  index_visits(records, *index);
  if (records.customers) index_customers(records, *index);
  if (records.customers && records.config) index_complaints(records, *index);
  return index;
}

}  // namespace kamgr
