#include "kamgr/reports/complaint_sla.h"

#include <fmt/format.h>

#include "kamgr/core/error.h"

namespace kamgr {

std::vector<Complaint> received_in(std::vector<Complaint> all, const Period& period,
                                   TzOffset zone) {
  std::erase_if(
      all, [&](const Complaint& c) { return !period.contains(c.received_at.local_date(zone)); });
  return all;
}

namespace {

bool is(const SlaPart* part, SlaStatus status) { return part && part->status == status; }

}  // namespace

bool JudgedComplaint::shows_pending() const {
  return is(contact(), SlaStatus::pending) || is(answer(), SlaStatus::pending) ||
         is(callback(), SlaStatus::pending);
}

void SlaCounts::add(const JudgedComplaint& row) {
  ++received;
  contact_met += is(row.contact(), SlaStatus::met);
  contact_breached += is(row.contact(), SlaStatus::breached);
  answer_met += is(row.answer(), SlaStatus::met);
  answer_breached += is(row.answer(), SlaStatus::breached);
  callback_met += is(row.callback(), SlaStatus::met);
  callback_breached += is(row.callback(), SlaStatus::breached);
  pending += row.shows_pending();
  breached += row.sla.any_breached();
}

SlaResult compute_complaint_sla(const std::vector<Complaint>& complaints, const Config& config,
                                const WorkCalendar& calendar, Instant now) {
  SlaResult out;
  for (const Complaint& c : complaints) {
    out.rows.push_back({&c, evaluate_sla(c, config, calendar, now)});
    out.counts.add(out.rows.back());
  }
  return out;
}

StatusFilter parse_status_filter(const std::string& text) {
  if (text == "all") return StatusFilter::all;
  if (text == "open") return StatusFilter::open;
  if (text == "closed") return StatusFilter::closed;
  throw input_error(
      fmt::format("invalid value for --status: '{}' (expected open, closed or all)", text));
}

std::vector<JudgedComplaint> list_complaints(const std::vector<Complaint>& complaints,
                                             const Config& config, const WorkCalendar& calendar,
                                             Instant now, StatusFilter status,
                                             bool breached_only) {
  std::vector<JudgedComplaint> out;
  for (const Complaint& c : complaints) {
    const bool closed = closed_at(c, now).has_value();
    if ((status == StatusFilter::open && closed) || (status == StatusFilter::closed && !closed))
      continue;
    JudgedComplaint row{&c, evaluate_sla(c, config, calendar, now)};
    if (breached_only && !row.sla.any_breached()) continue;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace kamgr
