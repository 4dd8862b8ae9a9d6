// Computed metrics over visits and complaints: visit_compliance, visit_timeliness,
// complaint_sla, csat (docs/kpi.md "The metrics", with compliance.h and complaint.h).
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "kamgr/domain/kpi_metrics.h"

#include "kamgr/core/plural.h"

namespace kamgr {

namespace {

std::optional<double> percent(long part, long whole) {
  if (whole == 0) return std::nullopt;
  return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

/// The first visit of `customer` dated in `window`, among `by_customer` (sorted by date).
const Visit* visit_in(const std::unordered_map<std::string, std::vector<const Visit*>>& by_customer,
                      const std::string& customer, const Window& window) {
  const auto it = by_customer.find(customer);
  if (it == by_customer.end()) return nullptr;
  for (const Visit* v : it->second)
    if (window.from <= v->date && v->date <= window.to) return v;
  return nullptr;
}

std::string part_status(const SlaPart* part) {
  return part ? sla_status_name(part->status) : "-";
}

/// The evidence of one required window: the visit that met it, else the customer.
KpiInput window_input(const KpiRecords& records, const KpiIndex& index, const RequiredWindow& w) {
  std::string detail = fmt::format("{}..{} ({}, owner {})", w.window.from.str(), w.window.to.str(),
                                   w.tier, w.owner);
  Source source;
  if (const Visit* v = w.met ? visit_in(index.visits_of_customer, w.customer, w.window) : nullptr) {
    detail += fmt::format(": visited {} by {}", v->date.str(), v->rep);
    source = v->source;
  } else if (const Customer* c = records.customers->find(w.customer)) {
    source = c->source;
  }
  return {w.met ? "window_met" : "window_missed", w.customer, detail, source};
}

}  // namespace

ComputedMetric visit_compliance_metric(const KpiRecords& records, const MemberScope& scope) {
  const KpiIndex& index = records.index();
  ComputedMetric out = records.new_metric();
  long met = 0, required = 0;
  for (const size_t i : index.windows.covered_by(scope)) {
    const RequiredWindow& w = records.windows[i];
    ++required;
    if (w.met) ++met;
    out.note([&] { return window_input(records, index, w); });
  }
  out.value = percent(met, required);
  out.basis = fmt::format("{} of {} met", met, plural(required, "required window"));
  return out;
}

ComputedMetric visit_timeliness_metric(const KpiRecords& records, const MemberScope& scope) {
  ComputedMetric out = records.new_metric();
  const Config& config = *records.config;
  long on_time = 0, visits = 0;
  for (const size_t i : records.index().period_visits.covered_by(scope)) {
    const Visit& v = records.visits[i];
    ++visits;
    const bool ok = visit_on_time(v, config, records.calendar);
    if (ok) ++on_time;
    out.note([&] {
      return KpiInput{ok ? "visit_on_time" : "visit_late", v.id,
                      fmt::format("{} on {} by {}: recorded {}, due by {}", v.customer,
                                  v.date.str(), v.rep, v.recorded_at.str(config.timezone),
                                  entry_deadline(v, config, records.calendar).str(config.timezone)),
                      v.source};
    });
  }
  out.value = percent(on_time, visits);
  out.basis = fmt::format("{} of {} entered on time", on_time, plural(visits, "visit"));
  return out;
}

ComputedMetric complaint_sla_metric(const KpiRecords& records, const MemberScope& scope) {
  ComputedMetric out = records.new_metric();
  const TzOffset zone = records.config->timezone;
  long met = 0, judged = 0, pending = 0;
  for (const size_t i : records.index().received.covered_by(scope)) {
    if (i >= records.slas.size()) break;
    const Complaint& c = records.complaints[i];
    const ComplaintSla& sla = records.slas[i];
    const SlaPart* answer = sla.deciding_answer();
    const SlaPart* callback = sla.deciding_callback();
    const bool judgeable = sla.contact || answer || callback;
    const bool breached = sla.any_breached();
    const bool left_out = !judgeable || (!breached && sla.any_pending());
    if (left_out) {
      ++pending;
    } else {
      ++judged;
      if (!breached) ++met;
    }
    out.note([&] {
      return KpiInput{
          left_out   ? "complaint_pending"
          : breached ? "complaint_breached"
                     : "complaint_met",
          c.id,
          fmt::format("{} received {} (owner {}): contact {}, answer {}, callback {}", c.customer,
                      c.received_at.str(zone),
                      records.customers->owner_on(c.customer, c.received_at.local_date(zone)),
                      part_status(sla.contact ? &*sla.contact : nullptr), part_status(answer),
                      part_status(callback)),
          c.source, !left_out};
    });
  }
  out.value = percent(met, judged);
  out.basis = fmt::format("{} of {} with every SLA part met ({} pending, left out)", met,
                          plural(judged, "complaint"), pending);
  return out;
}

ComputedMetric csat_metric(const KpiRecords& records, const MemberScope& scope) {
  ComputedMetric out = records.new_metric();
  const TzOffset zone = records.config->timezone;
  long count = 0;
  double sum = 0;
  for (const size_t i : records.index().closed.covered_by(scope)) {
    const Complaint& c = records.complaints[i];
    const auto csat = closing_csat(c, records.now);
    if (csat) {
      ++count;
      sum += *csat;
    }
    out.note([&] {
      const Instant closed = *closed_at(c, records.now);  // the index holds closed ones only
      return KpiInput{"complaint_closed", c.id,
                      fmt::format("{} closed {} (owner {}): csat {}", c.customer, closed.str(zone),
                                  records.customers->owner_on(c.customer, closed.local_date(zone)),
                                  csat ? std::to_string(*csat) : std::string("none")),
                      c.source, csat.has_value()};
    });
  }
  if (count) out.value = sum / static_cast<double>(count);
  out.basis = fmt::format("mean csat of {} closed in {}", plural(count, "complaint"),
                          records.period.name());
  return out;
}

}  // namespace kamgr
