// Computed metrics over the customer book: new_customers, churn, profile_completeness;
// member scopes and the dispatch of every computed metric through the metric table.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "kamgr/domain/kpi.h"
#include "kamgr/domain/kpi_metric_table.h"
#include "kamgr/core/value.h"

namespace kamgr {

bool MemberScope::covers(const std::string& owner) const {
  if (everyone) return !owner.empty();
  return std::binary_search(members.begin(), members.end(), owner);
}

MemberScope scope_of(const Team& team, const std::string& member) {
  MemberScope s;
  s.member = member;
  s.members = {member};
  const Member* m = team.find(member);
  if (m && m->role == Role::director) {
    s.everyone = true;
    s.members = team.ids();
  } else if (m && m->role == Role::manager) {
    for (const Member* r : team.reports_of(member)) s.members.push_back(r->id);
  }
  std::sort(s.members.begin(), s.members.end());
  s.members.erase(std::unique(s.members.begin(), s.members.end()), s.members.end());
  return s;
}

ComputedMetric compute_metric(const std::string& metric, const KpiRecords& records,
                              const MemberScope& scope) {
  const MetricDefinition* m = find_metric_definition(metric);
  return m && m->compute ? m->compute(records, scope) : ComputedMetric{};
}

namespace {

/// The line of the history entry in force on `day` (for evidence), else the record's.
int history_line(const Customer& c, Date day) {
  int line = c.source.line;
  for (const HistoryEntry& h : c.history)
    if (h.date <= day) line = h.line;
  return line;
}

/// The active customers the scope owns at the end of the period.
std::vector<const Customer*> owned_at_end(const KpiRecords& records, const MemberScope& scope) {
  std::vector<const Customer*> out;
  for (const size_t i : records.index().active_at_end.covered_by(scope))
    out.push_back(&records.customers->all()[i]);
  return out;
}

}  // namespace

ComputedMetric new_customers_metric(const KpiRecords& records, const MemberScope& scope) {
  ComputedMetric out = records.new_metric();
  long count = 0;
  for (const size_t i : records.index().new_customers.covered_by(scope)) {
    const Customer& c = records.customers->all()[i];
    const CustomerState state = c.state_on(*c.since);
    ++count;
    out.note([&] {
      return KpiInput{"customer_new",
                      c.id,
                      fmt::format("since {}, owner {}", c.since->str(), state.owner),
                      {c.source.file, history_line(c, *c.since)}};
    });
  }
  out.value = static_cast<double>(count);
  out.basis = fmt::format("{} customer{} with 'since' in {}", count, count == 1 ? "" : "s",
                          records.period.name());
  return out;
}

std::vector<Date> loss_dates(const Customer& c, const Period& period) {
  std::vector<Date> out;
  for (const HistoryEntry& h : c.history) {
    if (!period.contains(h.date) || (!out.empty() && out.back() == h.date)) continue;
    if (c.state_on(h.date).status == CustomerStatus::lost &&
        c.state_on(h.date - 1).status != CustomerStatus::lost)
      out.push_back(h.date);
  }
  return out;
}

ComputedMetric churn_metric(const KpiRecords& records, const MemberScope& scope) {
  ComputedMetric out = records.new_metric();
  long count = 0;
  const Period known = records.known_period();
  for (const size_t i : records.index().lost_customers.covered_by(scope)) {
    const Customer& c = records.customers->all()[i];
    for (const Date d : loss_dates(c, known)) {
      const CustomerState state = c.state_on(d);
      if (!scope.covers(state.owner)) continue;
      ++count;
      out.note([&] {
        return KpiInput{"customer_lost",
                        c.id,
                        fmt::format("lost {}, owner {}", d.str(), state.owner),
                        {c.source.file, history_line(c, d)}};
      });
      break;
    }
  }
  out.value = static_cast<double>(count);
  out.basis = fmt::format("{} customer{} lost in {}", count, count == 1 ? "" : "s",
                          records.period.name());
  return out;
}

ComputedMetric profile_completeness_metric(const KpiRecords& records, const MemberScope& scope) {
  ComputedMetric out = records.new_metric();
  const std::vector<std::string>& required = records.config->customer_required_fields;
  const auto customers = owned_at_end(records, scope);
  if (required.empty() || customers.empty()) {
    out.basis = required.empty() ? "no customers.required_fields configured"
                                 : fmt::format("no active customers at {}",
                                               records.known_period().to.str());
    return out;
  }
  double sum = 0;
  for (const Customer* c : customers) {
    std::vector<std::string> missing;
    for (const std::string& field : required)
      if (std::find(c->filled_fields.begin(), c->filled_fields.end(), field) ==
          c->filled_fields.end())
        missing.push_back(field);
    const size_t filled = required.size() - missing.size();
    const double pct = 100.0 * static_cast<double>(filled) / static_cast<double>(required.size());
    sum += pct;
    out.note([&] {
      std::string detail =
          fmt::format("{} of {} fields filled ({}%)", filled, required.size(), format_number(pct));
      if (!missing.empty()) detail += fmt::format("; missing {}", fmt::join(missing, ", "));
      return KpiInput{"customer", c->id, detail, c->source};
    });
  }
  out.value = sum / static_cast<double>(customers.size());
  out.basis = fmt::format("mean over {} active customer{} at {}", customers.size(),
                          customers.size() == 1 ? "" : "s", records.known_period().to.str());
  return out;
}

ComputedMetric complaint_rate_metric(const KpiRecords& records, const MemberScope& scope) {
  ComputedMetric out = records.new_metric();
  const auto customers = owned_at_end(records, scope);
  if (customers.empty()) {
    out.basis = fmt::format("no active customers at {}", records.known_period().to.str());
    return out;
  }
  const auto& by_customer = records.index().received_by_customer;
  long with = 0;
  for (const Customer* c : customers) {
    std::vector<std::string> ids;
    const auto received = by_customer.find(c->id);
    if (received != by_customer.end())
      for (const Complaint* k : received->second)
        if (scope.covers(c->state_on(k->received_at.local_date(records.config->timezone)).owner))
          ids.push_back(k->id);
    if (!ids.empty()) ++with;
    out.note([&] {
      return KpiInput{ids.empty() ? "customer" : "customer_complained", c->id,
                      ids.empty() ? std::string("no complaint")
                                  : fmt::format("complaints {}", fmt::join(ids, ", ")),
                      c->source};
    });
  }
  out.value = 100.0 * static_cast<double>(with) / static_cast<double>(customers.size());
  out.basis = fmt::format("{} of {} active customers with a complaint", with, customers.size());
  return out;
}

}  // namespace kamgr
