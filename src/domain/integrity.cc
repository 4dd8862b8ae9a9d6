#include "kamgr/domain/integrity.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>

#include "kamgr/domain/collections.h"

namespace kamgr {

std::string unknown_member_message(const std::string& what, const std::string& id,
                                   const Team& team) {
  if (const Problem* p = team.broken(id))
    return fmt::format("{}: member '{}' cannot be used: {} ({}:{})", what, id, p->message, p->file,
                       p->line);
  std::string message = fmt::format("{}: unknown member '{}'", what, id);
  if (const std::string near = closest_match(id, team.ids()); !near.empty())
    message += fmt::format("; did you mean '{}'?", near);
  return message;
}

std::string unknown_customer_message(const std::string& what, const std::string& id,
                                     const CustomerBook& customers) {
  std::vector<std::string> ids;
  for (const Customer& c : customers.all()) ids.push_back(c.id);
  std::string message = fmt::format("{}: unknown customer '{}'", what, id);
  if (const std::string near = closest_match(id, ids); !near.empty())
    message += fmt::format("; did you mean '{}'?", near);
  return message;
}

void check_team(const Team& team, Diagnostics& diag) {
  for (const Member& m : team.members()) {
    if (m.manager.empty()) continue;
    const Member* boss = team.find(m.manager);
    if (!boss) {
      diag.error(m.source.file, m.manager_line,
                 unknown_member_message("field 'manager'", m.manager, team));
      continue;
    }
    if (boss->id == m.id) {
      diag.error(m.source.file, m.manager_line, "field 'manager': a member cannot manage themselves");
    } else if (m.role == Role::rep && boss->role != Role::manager && boss->role != Role::director) {
      diag.error(m.source.file, m.manager_line,
                 fmt::format("field 'manager': '{}' is a {}, not a manager", boss->id,
                             role_name(boss->role)));
    } else if (m.role == Role::manager && boss->role != Role::director) {
      diag.error(m.source.file, m.manager_line,
                 fmt::format("field 'manager': a manager reports to a director; '{}' is a {}",
                             boss->id, role_name(boss->role)));
    }
  }
}

void check_customers(const CustomerBook& customers, const Team& team, Diagnostics& diag) {
  // One pass over the book (20,000 customers on the benchmark's L data): customers by
  // name as CustomerBook::named compares them.
  std::unordered_map<std::string_view, std::vector<const Customer*>> by_name;
  for (const Customer& c : customers.all()) by_name[trimmed_name(c.name)].push_back(&c);
  for (const Customer& c : customers.all()) {
    const std::vector<const Customer*>& same = by_name[trimmed_name(c.name)];
    if (same.size() < 2) continue;
    std::string others;
    for (const Customer* o : same)
      if (o != &c) others += (others.empty() ? "'" : ", '") + o->id + "'";
    diag.warning(c.source.file, c.source.line,
                 fmt::format("customer '{}' has the same name '{}' as {}: a name given on the "
                             "command line will be ambiguous",
                             c.id, printable(c.name), others));
  }
  for (const Customer& c : customers.all())
    for (const HistoryEntry& h : c.history)
      if (h.owner && !team.find(*h.owner))
        diag.error(c.source.file, h.owner_line,
                   unknown_member_message("history entry field 'owner'", *h.owner, team));
}

bool BrokenIds::member(const std::string& id) const {
  return std::find(members.begin(), members.end(), id) != members.end();
}

bool BrokenIds::customer(const std::string& id) const {
  return std::find(customers.begin(), customers.end(), id) != customers.end();
}

void VisitChecker::check(const std::vector<Visit>& batch) {
  for (const Visit& v : batch) {
    const auto [it, inserted] = file_of_id_.emplace(v.id, v.source.file);
    if (!inserted)
      diag_.error(v.source.file, v.source.line,
                  fmt::format("duplicate visit id '{}' (also in {})", v.id, it->second));
    const Customer* c = customers_.find(v.customer);
    if (!c && broken_.customer(v.customer)) {
      // its own file's error is reported already
    } else if (!c) {
      diag_.error(v.source.file, v.customer_line,
                  unknown_customer_message("field 'customer'", v.customer, customers_));
    } else if (!c->state_on(v.date).managed) {
      diag_.warning(v.source.file, v.customer_line,
                    fmt::format("visit on {} is before customer '{}' was managed (history starts {})",
                                v.date.str(), c->id, c->history.front().date.str()));
    }
    if (!team_.find(v.rep) && !broken_.member(v.rep))
      diag_.error(v.source.file, v.rep_line, unknown_member_message("field 'rep'", v.rep, team_));
    check_times(v);
  }
}

Instant visit_over_at(Date date, std::optional<TimeOfDay> start, std::optional<TimeOfDay> end,
                      TzOffset zone) {
  return Instant::at(date, end ? *end : start.value_or(TimeOfDay{}), zone);
}

void VisitChecker::check_times(const Visit& v) {
  const Instant began = Instant::at(v.date, v.start.value_or(TimeOfDay{}), zone_);
  if (began > now_) {
    diag_.warning(v.source.file, v.source.line,
                  fmt::format("visit dated {}{} is in the future (now is {})", v.date.str(),
                              v.start ? " " + v.start->str() : std::string(), now_.str(zone_)));
  }
  const std::optional<TimeOfDay> last = v.end ? v.end : v.start;
  if (v.recorded_at < visit_over_at(v.date, v.start, v.end, zone_))
    diag_.error(v.source.file, v.source.line,
                fmt::format("field 'recorded_at': {} is before the visit {} ({} {}); a visit is "
                            "recorded after it happened",
                            v.recorded_at.str(zone_), v.end ? "ended" : v.start ? "began" : "day",
                            v.date.str(), last ? last->str() : "00:00"));
}

namespace {

bool same_entry(const HistoryEntry& a, const HistoryEntry& b) {
  return a.date == b.date && a.tier == b.tier && a.owner == b.owner && a.status == b.status;
}

}  // namespace

void check_customer_edit(const Customer& before, const Customer& after, Diagnostics& diag) {
  const std::string& file = after.source.file;
  if (after.id != before.id)
    diag.error(file, after.source.line,
               fmt::format("the id cannot change ('{}' to '{}'): it names the file; add a new "
                           "customer instead",
                           before.id, after.id));
  for (size_t i = 0; i < before.history.size(); ++i) {
    const HistoryEntry& old = before.history[i];
    if (i < after.history.size() && same_entry(old, after.history[i])) continue;
    const int line = i < after.history.size() ? after.history[i].line : after.source.line;
    diag.error(file, line,
               fmt::format("history entry {} (dated {}) was changed or removed: history is "
                           "append-only; add a new entry at the end instead",
                           i + 1, old.date.str()));
    return;
  }
}

}  // namespace kamgr
