// The complaint lifecycle: which step may follow which, and the cross-record checks.
#include <fmt/format.h>

#include <map>

#include "kamgr/domain/collections.h"
#include "kamgr/domain/complaint.h"
#include "kamgr/domain/integrity.h"

namespace kamgr {

namespace {

void advance(ComplaintProgress& p, const ComplaintEvent& e) {
  if (e.type == "contacted")
    p.contacted = true;
  else if (e.type == "answered")
    p.answered = true;
  else if (e.type == "closed")
    p.closed = p.ever_closed = true;
  else if (e.type == "reopened")
    p.closed = p.answered = false;
  if (!p.last_event || e.at > *p.last_event) p.last_event = e.at;
}

/// Why a step of `type` cannot follow the state `p` ("" when it can).
std::string refuse_step(const ComplaintProgress& p, const ComplaintEvent& e,
                        const std::string& id) {
  if (e.type == "answered" && p.closed)
    return fmt::format("complaint {} is closed; reopen it before answering", id);
  if (e.type == "closed" && p.closed) return fmt::format("complaint {} is already closed", id);
  if (e.type == "closed" && !p.answered)
    return p.ever_closed
               ? fmt::format(
                     "complaint {} has not been answered since it was reopened; answer it "
                     "before closing",
                     id)
               : fmt::format("complaint {} has never been answered; answer it before closing", id);
  if (e.type == "reopened" && !p.closed && !p.answered)
    return fmt::format("complaint {} is neither answered nor closed; there is nothing to reopen",
                       id);
  if (e.type == "callback" && !p.ever_closed)
    return fmt::format("complaint {} has not been closed; a call-back follows the closing", id);
  if (e.csat && (*e.csat < 1 || *e.csat > 5)) return fmt::format("csat {} is outside 1-5", *e.csat);
  return {};
}

}  // namespace

ComplaintProgress complaint_progress(const Complaint& c) {
  ComplaintProgress p;
  for (const ComplaintEvent& e : c.events) advance(p, e);
  return p;
}

std::string refuse_event(const Complaint& c, const ComplaintEvent& e, TzOffset zone) {
  if (e.at < c.received_at)
    return fmt::format("{} at {} is before the complaint was received ({})", e.type, e.at.str(zone),
                       c.received_at.str(zone));
  const ComplaintProgress p = complaint_progress(c);
  if (p.last_event && e.at < *p.last_event)
    return fmt::format(
        "{} at {} is before the last event of complaint {} ({}); events are kept "
        "oldest first",
        e.type, e.at.str(zone), c.id, p.last_event->str(zone));
  return refuse_step(p, e, c.id);
}

namespace {

/// Replays the log, warning about steps the commands would have refused.
void check_lifecycle(const Complaint& c, Diagnostics& diag) {
  ComplaintProgress p;
  for (const ComplaintEvent& e : c.events) {
    if (const std::string why = refuse_step(p, e, c.id); !why.empty())
      diag.warning(c.source.file, e.line, "impossible step: " + why);
    advance(p, e);
  }
}

}  // namespace

void check_complaints(const std::vector<Complaint>& complaints, const CustomerBook& customers,
                      const Team& team, const Config& config, Diagnostics& diag) {
  std::map<std::string, const Complaint*> seen;
  for (const Complaint& c : complaints) {
    const auto [it, inserted] = seen.emplace(c.id, &c);
    if (!inserted)
      diag.error(
          c.source.file, c.source.line,
          fmt::format("duplicate complaint id '{}' (also in {})", c.id, it->second->source.file));
    const Customer* customer = customers.find(c.customer);
    if (!customer) {
      diag.error(c.source.file, c.customer_line,
                 unknown_customer_message("field 'customer'", c.customer, customers));
    } else if (!customer->state_on(c.received_at.local_date(config.timezone)).managed) {
      diag.warning(c.source.file, c.customer_line,
                   fmt::format("complaint received before customer '{}' was managed (history "
                               "starts {})",
                               c.customer, customer->history.front().date.str()));
    }
    if (!team.find(c.rep))
      diag.error(c.source.file, c.rep_line, unknown_member_message("field 'rep'", c.rep, team));
    for (const ComplaintEvent& e : c.events)
      if (!e.by.empty() && !team.find(e.by))
        diag.error(c.source.file, e.line, unknown_member_message("event field 'by'", e.by, team));
    check_lifecycle(c, diag);
  }
}

}  // namespace kamgr
