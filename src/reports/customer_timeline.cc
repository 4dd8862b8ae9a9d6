// customer show --timeline: the items of one customer's records, oldest first
// (docs/guide.md "A customer's timeline").
#include "kamgr/reports/customer_timeline.h"

#include <algorithm>
#include <tuple>

namespace kamgr {

namespace {

std::string at_text(Date d, std::optional<TimeOfDay> t) {
  return t ? d.str() + "T" + t->str() : d.str();
}

std::string at_text(Instant i, TzOffset zone) {
  return at_text(i.local_date(zone), i.local_time(zone));
}

/// `a: b`, or `a` alone when `b` is empty.
std::string joined(const std::string& a, const std::string& b, const std::string& sep = ": ") {
  if (b.empty()) return a;
  if (a.empty()) return b;
  return a + sep + b;
}

std::string history_what(const HistoryEntry& h, bool first) {
  std::string change;
  if (h.tier) change += " tier=" + *h.tier;
  if (h.owner) change += " owner=" + *h.owner;
  if (h.status) change += std::string(" status=") + status_name(*h.status);
  if (!change.empty()) change.erase(0, 1);
  return first ? joined("managed from", change) : change;
}

std::string visit_what(const Visit& v) {
  std::string what = v.rep + " " + v.purpose;
  if (!v.outcome.empty()) what += " -> " + v.outcome;
  return what;
}

std::string complaint_what(const Complaint& c, const ComplaintEvent& e) {
  std::string detail;
  if (e.csat) detail = "csat " + std::to_string(*e.csat);
  detail = joined(detail, e.reason, ", ");
  detail = joined(detail, e.note, ", ");
  return joined(c.summary, detail, " - ");
}

std::string opportunity_detail(const OpportunityEvent& e) {
  std::string d = e.stage;
  if (e.amount) d = joined(d, e.amount->str(), " ");
  if (e.expected_close) d = joined(d, "close " + e.expected_close->str(), " ");
  d = joined(d, e.contract, " ");
  d = joined(d, e.reason, " ");
  if (!e.owner.empty()) d = joined(d, "owner=" + e.owner, " ");
  return joined(d, e.note, ", ");
}

std::string order_what(const Order& o, Instant now) {
  const OrderState s = order_state(o, now);
  return joined(s.amount().str() + " " + s.status(), o.opportunity, ", opportunity ");
}

/// One line per whitespace run: a multi-line note stays on one line.
std::string one_line(std::string text) {
  for (char& ch : text)
    if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
  return text;
}

}  // namespace

std::vector<TimelineItem> customer_timeline(const Customer& customer, const TimelineSources& sources,
                                            TzOffset zone, Instant now) {
  const Date today = now.local_date(zone);
  std::vector<TimelineItem> items;
  auto add = [&](std::string at, std::string kind, const std::string& what, const std::string& ref,
                 const std::string& file) {
    items.push_back({std::move(at), std::move(kind), one_line(what), ref, file});
  };
  for (size_t i = 0; i < customer.history.size(); ++i) {
    const HistoryEntry& h = customer.history[i];
    if (h.date > today) continue;
    add(h.date.str(), "history", history_what(h, i == 0), customer.id, customer.source.file);
  }
  for (const Visit& v : sources.visits) {
    if (v.customer != customer.id || v.recorded_at > now || v.date > today) continue;
    if (v.start && Instant::at(v.date, *v.start, zone) > now) continue;
    add(at_text(v.date, v.start), "visit", visit_what(v), v.id, v.source.file);
  }
  for (const Complaint& c : sources.complaints) {
    if (c.customer != customer.id || c.received_at > now) continue;
    add(at_text(c.received_at, zone), "complaint received", c.summary, c.id, c.source.file);
    for (const ComplaintEvent& e : c.events)
      if (e.at <= now)
        add(at_text(e.at, zone), "complaint " + e.type, complaint_what(c, e), c.id, c.source.file);
  }
  for (const Opportunity& o : sources.opportunities) {
    if (o.customer != customer.id) continue;
    for (const OpportunityEvent& e : o.events) {
      if (e.at > now) continue;
      const std::string what = e.type == "opened" ? joined(o.title, o.amount.str(), " - ")
                                                  : joined(o.title, opportunity_detail(e), " - ");
      add(at_text(e.at, zone), "opportunity " + e.type, what, o.id, o.source.file);
    }
  }
  for (const Order& o : sources.orders) {
    if (o.customer != customer.id || o.date > today) continue;
    add(o.date.str(), "order", order_what(o, now), o.id, o.source.file);
    for (const OrderEvent& e : o.events)
      if (e.at <= now)
        add(at_text(e.at, zone), "order " + e.type,
            joined(joined(e.reason, e.note, ", "), "by " + e.by, " - "), o.id, o.source.file);
  }
  std::stable_sort(items.begin(), items.end(), [](const TimelineItem& a, const TimelineItem& b) {
    return std::tie(a.at, a.kind, a.ref) < std::tie(b.at, b.kind, b.ref);
  });
  return items;
}

}  // namespace kamgr
