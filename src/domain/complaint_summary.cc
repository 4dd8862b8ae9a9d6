#include "kamgr/domain/complaint_summary.h"

namespace kamgr {

namespace {

std::optional<double> percent(int part, int whole) {
  if (whole == 0) return std::nullopt;
  return 100.0 * part / whole;
}

/// The first event of `type` at or before `now`.
const ComplaintEvent* first_event(const Complaint& c, const std::string& type, Instant now) {
  for (const ComplaintEvent& e : c.events)
    if (e.at <= now && e.type == type) return &e;
  return nullptr;
}

/// Counts whether `type` happened within `seconds` of received_at; not judged while the
/// window is still open and the event has not happened.
void within(const Complaint& c, const std::string& type, int64_t seconds, Instant now, int& hits,
            int& judged) {
  const ComplaintEvent* e = first_event(c, type, now);
  const Instant limit = c.received_at + seconds;
  if (!e && now <= limit) return;
  ++judged;
  if (e && e->at <= limit) ++hits;
}

}  // namespace

void ComplaintStats::add(const Complaint& c, const ComplaintSla& sla, Instant now) {
  ++received;
  if (sla.contact && sla.contact->status != SlaStatus::pending) {
    ++contact_judged;
    contact_met += sla.contact->status == SlaStatus::met;
  }
  if (const SlaPart* a = sla.deciding_answer(); a && a->status != SlaStatus::pending) {
    ++answer_judged;
    answer_met += a->status == SlaStatus::met;
  }
  for (const SlaPart& cb : sla.callbacks) {
    ++callbacks_due;
    callbacks_done += cb.at.has_value();
    callbacks_met += cb.status == SlaStatus::met;
  }
  within(c, "contacted", 3600, now, response_1h, response_judged);
  within(c, "answered", 24 * 3600, now, resolution_24h, resolution_judged);
  const auto closing = closed_at(c, now);
  if (!closing) {
    ++still_open;
    return;
  }
  ++closed;
  if (const auto csat = closing_csat(c, now)) {
    ++csat_count;
    csat_sum += *csat;
  }
  for (const ComplaintEvent& e : c.events)
    if (e.type == "callback" && e.at <= now && first_event(c, "closed", now)->at <= e.at) {
      ++closed_with_callback;
      break;
    }
}

std::optional<double> ComplaintStats::contact_met_rate() const {
  return percent(contact_met, contact_judged);
}
std::optional<double> ComplaintStats::answer_met_rate() const {
  return percent(answer_met, answer_judged);
}
std::optional<double> ComplaintStats::mean_csat() const {
  if (csat_count == 0) return std::nullopt;
  return csat_sum / csat_count;
}
std::optional<double> ComplaintStats::response_1h_rate() const {
  return percent(response_1h, response_judged);
}
std::optional<double> ComplaintStats::resolution_24h_rate() const {
  return percent(resolution_24h, resolution_judged);
}
std::optional<double> ComplaintStats::callback_rate() const {
  return percent(closed_with_callback, closed);
}

std::optional<double> ComplaintStats::recovery_rate() const {
  const auto r = response_1h_rate(), s = resolution_24h_rate(), f = callback_rate();
  if (!r || !s || !f) return std::nullopt;
  return *r * 0.3 + *s * 0.5 + *f * 0.2;
}

}  // namespace kamgr
