#include "kamgr/domain/compliance.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "kamgr/core/error.h"
#include "kamgr/domain/complaint.h"

namespace kamgr {

namespace {

int floor_div(int a, int b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/// Months since January of year 0 (so that month arithmetic is plain integers).
int month_index(Date d) {
  return d.year() * 12 + d.month() - 1;
}

/// Same unit and count.
bool same_frequency(const Duration& a, const Duration& b) {
  return a.unit == b.unit && a.count == b.count;
}

/// The distinct frequencies of the configured tiers.
std::vector<Duration> distinct_frequencies(const Config& config) {
  std::vector<Duration> out;
  for (const auto& tier_frequency : config.visit_frequency) {
    const Duration& freq = tier_frequency.second;
    if (std::none_of(out.begin(), out.end(),
                     [&](const Duration& d) { return same_frequency(d, freq); }))
      out.push_back(freq);
  }
  return out;
}

/// True when `w` (of frequency `freq`) is a required window of `c` (docs/visits.md
/// "Visit compliance").
bool is_required(const Customer& c, const Config& config, const Duration& freq, const Window& w) {
  const auto first = c.managed_from();
  if (!first || w.from < *first) return false;
  const CustomerState s = c.state_on(w.to);
  const auto tier_freq = config.visit_frequency.find(s.tier);
  return s.active() && tier_freq != config.visit_frequency.end() &&
         same_frequency(tier_freq->second, freq);
}

/// The required windows of one customer among `windows` (all of frequency `freq`).
void judge_customer(const Customer& c, const Config& config, const Duration& freq,
                    const std::vector<Window>& windows, const VisitIndex& visits,
                    std::vector<RequiredWindow>& out) {
  const auto first = c.managed_from();
  if (!first) return;
  // Windows are oldest first: skip those starting before the customer was managed.
  const auto begin = std::lower_bound(windows.begin(), windows.end(), *first,
                                      [](const Window& w, Date d) { return w.from < d; });
  for (auto it = begin; it != windows.end(); ++it) {
    const Window& w = *it;
    if (!is_required(c, config, freq, w)) continue;
    const CustomerState s = c.state_on(w.to);
    out.push_back({c.id, s.owner, s.tier, w, visits.any(c.id, w.from, w.to)});
  }
}

}  // namespace

Window window_containing(const Duration& freq, Date anchor, Date day) {
  if (freq.count < 1) throw Error(Exit::failure, "a visit frequency needs a positive count");
  if (freq.unit == Duration::Unit::weeks) {
    const int length = 7 * freq.count;
    const Date from = anchor + floor_div(day - anchor, length) * length;
    return {from, from + (length - 1)};
  }
  if (freq.unit == Duration::Unit::months) {
    // N-month windows counted from January of the anchor's year (for N dividing 12:
    // simply aligned to January of every year).
    const Date january = *Date::from_ymd(anchor.year(), 1, 1);
    const int offset = month_index(day) - month_index(january);
    const Date from = add_months_first(january, floor_div(offset, freq.count) * freq.count);
    return {from, add_months_first(from, freq.count) - 1};
  }
  throw Error(Exit::failure, "a visit frequency is counted in weeks or months, not " + freq.str());
}

std::vector<Window> windows_ending_in(const Duration& freq, Date anchor, Date from, Date to) {
  std::vector<Window> out;
  if (to < from) return out;
  for (Window w = window_containing(freq, anchor, from); w.to <= to;
       w = window_containing(freq, anchor, w.to + 1))
    out.push_back(w);
  return out;
}

VisitIndex::VisitIndex(const std::vector<Visit>& visits) {
  entries_.reserve(visits.size());
  for (const Visit& v : visits) entries_.emplace_back(v.customer, v.date);
  std::sort(entries_.begin(), entries_.end());
}

bool VisitIndex::any(const std::string& customer, Date from, Date to) const {
  const auto it =
      std::lower_bound(entries_.begin(), entries_.end(), std::make_pair(customer, from));
  return it != entries_.end() && it->first == customer && it->second <= to;
}

std::optional<Date> VisitIndex::last_on_or_before(const std::string& customer, Date day) const {
  auto it = std::upper_bound(entries_.begin(), entries_.end(), std::make_pair(customer, day));
  if (it == entries_.begin()) return std::nullopt;
  --it;
  if (it->first != customer) return std::nullopt;
  return it->second;
}

std::vector<RequiredWindow> required_windows(const CustomerBook& customers, const Config& config,
                                             const Period& period, Date today,
                                             const VisitIndex& visits) {
  std::vector<RequiredWindow> out;
  const Date last = std::min(period.to, today - 1);
  if (last < period.from) return out;
  std::vector<std::pair<Duration, std::vector<Window>>> by_frequency;
  for (const Duration& freq : distinct_frequencies(config))
    by_frequency.emplace_back(freq, windows_ending_in(freq, config.week_anchor, period.from, last));
  for (const Customer& c : customers.all()) {
    const size_t begin = out.size();
    for (const auto& [freq, windows] : by_frequency)
      judge_customer(c, config, freq, windows, visits, out);
    std::sort(out.begin() + static_cast<long>(begin), out.end(),
              [](const RequiredWindow& a, const RequiredWindow& b) {
                return std::tie(a.window.from, a.window.to) < std::tie(b.window.from, b.window.to);
              });
  }
  return out;
}

Date visits_needed_from(const Config& config, const Period& period) {
  Date first = period.from;
  for (const Duration& freq : distinct_frequencies(config))
    first = std::min(first, window_containing(freq, config.week_anchor, period.from).from);
  return first;
}

std::vector<DueVisit> due_visits(const CustomerBook& customers, const Config& config, Date today,
                                 const VisitIndex& visits) {
  std::vector<DueVisit> out;
  for (const Customer& c : customers.all()) {
    const CustomerState s = c.state_on(today);
    const auto freq = config.visit_frequency.find(s.tier);
    if (!s.active() || freq == config.visit_frequency.end()) continue;
    const Window current = window_containing(freq->second, config.week_anchor, today);
    if (visits.any(c.id, current.from, current.to)) continue;
    const Window previous = window_containing(freq->second, config.week_anchor, current.from - 1);
    const bool overdue = is_required(c, config, freq->second, previous) &&
                         !visits.any(c.id, previous.from, previous.to);
    out.push_back({c.id, s.owner, s.tier, current, visits.last_on_or_before(c.id, today), overdue});
  }
  std::sort(out.begin(), out.end(), [](const DueVisit& a, const DueVisit& b) {
    return std::make_tuple(a.window.to, !a.overdue, a.customer) <
           std::make_tuple(b.window.to, !b.overdue, b.customer);
  });
  return out;
}

Date due_visits_needed_from(const Config& config, Date today) {
  Date first = today;
  for (const Duration& freq : distinct_frequencies(config)) {
    const Window current = window_containing(freq, config.week_anchor, today);
    first = std::min(first, window_containing(freq, config.week_anchor, current.from - 1).from);
  }
  return first;
}

Instant visit_end(const Visit& visit, TzOffset zone) {
  const TimeOfDay end = visit.end ? *visit.end : visit.start ? *visit.start : TimeOfDay{86399};
  return Instant::at(visit.date, end, zone);
}

Instant entry_deadline(const Visit& visit, const Config& config, const WorkCalendar& calendar) {
  return deadline(visit_end(visit, config.timezone), config.entry_deadline, calendar,
                  config.timezone);
}

bool visit_on_time(const Visit& visit, const Config& config, const WorkCalendar& calendar) {
  return visit.recorded_at <= entry_deadline(visit, config, calendar);
}

bool visit_on_time(const Visit& visit, const Config& config) {
  return visit_on_time(visit, config, WorkCalendar{});
}

std::optional<double> VisitFigures::compliance() const {
  return percentage(met, required);
}
std::optional<double> VisitFigures::timeliness() const {
  return percentage(on_time, visits);
}

VisitFigures visit_figures(const CustomerBook& customers, const Config& config,
                           const Period& period, Instant now, const std::vector<Visit>& visits,
                           const WorkCalendar& calendar, const std::string& member) {
  std::vector<Visit> recorded;
  for (const Visit& v : visits)
    if (v.recorded_at <= now) recorded.push_back(v);
  VisitFigures f;
  const Date today = now.local_date(config.timezone);
  for (const RequiredWindow& w :
       required_windows(customers, config, period, today, VisitIndex(recorded))) {
    if (!member.empty() && w.owner != member) continue;
    ++f.required;
    f.met += w.met;
  }
  for (const Visit& v : recorded) {
    if (!period.contains(v.date) || (!member.empty() && v.rep != member)) continue;
    ++f.visits;
    f.on_time += visit_on_time(v, config, calendar);
  }
  return f;
}

std::optional<double> percentage(long numerator, long denominator) {
  if (denominator == 0) return std::nullopt;
  return std::round(static_cast<double>(numerator) * 10000.0 / static_cast<double>(denominator)) /
         100.0;
}

}  // namespace kamgr
