// Complaint SLA (docs/complaints.md "SLA rules"): deadlines and the met/breached/pending
// judgement of contact, every answer cycle and call-backs.
#include "kamgr/domain/complaint.h"

#include <algorithm>

namespace kamgr {

const char* sla_status_name(SlaStatus status) {
  switch (status) {
    case SlaStatus::met:
      return "met";
    case SlaStatus::breached:
      return "breached";
    case SlaStatus::pending:
      return "pending";
  }
  return "pending";
}

const std::vector<std::string>& complaint_categories() {
  static const std::vector<std::string> categories = {"product", "service", "delivery",
                                                      "after_sales", "other"};
  return categories;
}

namespace {

/// The same local time `months` calendar months later (the day clamped to the month).
Instant add_months(Instant start, int months, TzOffset zone) {
  const Date d = start.local_date(zone);
  const Date first = add_months_first(d, months);
  const int day = std::min(d.day(), days_in_month(first.year(), first.month()));
  return Instant::at(first + (day - 1), start.local_time(zone), zone);
}

/// A part with its deadline judged as of `now`: met when done by the due time,
/// breached when done late or not done and overdue, else pending.
SlaPart judge(Instant start, Instant due, std::optional<Instant> at, Instant now) {
  SlaPart part{start, due, at, SlaStatus::pending};
  if (at)
    part.status = *at <= due ? SlaStatus::met : SlaStatus::breached;
  else if (now > due)
    part.status = SlaStatus::breached;
  return part;
}

/// The instant of the first event of `type` after position `from` (-1: from the start).
std::optional<Instant> first_after(const std::vector<const ComplaintEvent*>& events, int from,
                                   const std::string& type) {
  for (size_t i = static_cast<size_t>(from + 1); i < events.size(); ++i)
    if (events[i]->type == type) return events[i]->at;
  return std::nullopt;
}

int severity(SlaStatus s) {
  return s == SlaStatus::breached ? 2 : s == SlaStatus::pending ? 1 : 0;
}

}  // namespace

Instant deadline(Instant start, const Duration& d, const WorkCalendar& calendar, TzOffset zone) {
  switch (d.unit) {
    case Duration::Unit::minutes:
    case Duration::Unit::hours:
      return start + d.seconds();
    case Duration::Unit::weeks:
      return start + int64_t{7} * 86400 * d.count;
    case Duration::Unit::months:
      return add_months(start, d.count, zone);
    case Duration::Unit::working_days: {
      const Date day = calendar.nth_working_day_after(start.local_date(zone), d.count);
      return Instant::at(day, TimeOfDay{86399}, zone);
    }
  }
  return start;
}

ComplaintSla evaluate_sla(const Complaint& c, const Config& config, const WorkCalendar& calendar,
                          Instant now) {
  ComplaintSla sla;
  const ComplaintLevel* level = config.level(c.level);
  if (!level || c.received_at > now) return sla;
  const TzOffset zone = config.timezone;
  std::vector<const ComplaintEvent*> events;  // in log order, as of now
  for (const ComplaintEvent& e : c.events)
    if (e.at <= now) events.push_back(&e);

  sla.contact = judge(c.received_at, deadline(c.received_at, level->contact, calendar, zone),
                      first_after(events, -1, "contacted"), now);
  // Answer cycles: from received_at, then from each reopening; each cycle is met by the
  // first `answered` event after its start in the log.
  sla.answers.push_back(judge(c.received_at, deadline(c.received_at, level->answer, calendar, zone),
                              first_after(events, -1, "answered"), now));
  for (size_t i = 0; i < events.size(); ++i) {
    const ComplaintEvent& e = *events[i];
    if (e.type == "reopened") {
      sla.answers.push_back(judge(e.at, deadline(e.at, level->answer, calendar, zone),
                                  first_after(events, static_cast<int>(i), "answered"), now));
    } else if (e.type == "closed" && e.csat && *e.csat <= config.callback_below) {
      sla.callbacks.push_back(judge(e.at, deadline(e.at, config.callback_within, calendar, zone),
                                    first_after(events, static_cast<int>(i), "callback"), now));
    }
  }
  return sla;
}

bool ComplaintSla::any_pending() const {
  auto pending = [](const SlaPart& p) { return p.status == SlaStatus::pending; };
  return (contact && pending(*contact)) || std::any_of(answers.begin(), answers.end(), pending) ||
         std::any_of(callbacks.begin(), callbacks.end(), pending);
}

bool ComplaintSla::any_breached() const {
  auto breached = [](const SlaPart& p) { return p.status == SlaStatus::breached; };
  return (contact && breached(*contact)) || std::any_of(answers.begin(), answers.end(), breached) ||
         std::any_of(callbacks.begin(), callbacks.end(), breached);
}

bool ComplaintSla::all_met() const {
  return !any_pending() && !any_breached();
}

namespace {

/// The latest of `parts` with the worst status; nullptr when there are none.
const SlaPart* deciding(const std::vector<SlaPart>& parts) {
  const SlaPart* worst = nullptr;
  for (const SlaPart& p : parts)
    if (!worst || severity(p.status) >= severity(worst->status)) worst = &p;
  return worst;
}

}  // namespace

const SlaPart* ComplaintSla::deciding_answer() const { return deciding(answers); }
const SlaPart* ComplaintSla::deciding_callback() const { return deciding(callbacks); }

std::optional<Instant> closed_at(const Complaint& c, Instant now) {
  std::optional<Instant> closed;
  for (const ComplaintEvent& e : c.events) {
    if (e.at > now) continue;
    if (e.type == "closed")
      closed = e.at;
    else if (e.type == "reopened")
      closed.reset();
  }
  return closed;
}

std::optional<int> closing_csat(const Complaint& c, Instant now) {
  const ComplaintEvent* closing = nullptr;
  for (const ComplaintEvent& e : c.events) {
    if (e.at > now) continue;
    if (e.type == "closed")
      closing = &e;
    else if (e.type == "reopened")
      closing = nullptr;
  }
  return closing ? closing->csat : std::nullopt;
}

}  // namespace kamgr
