#include "kamgr/domain/collections.h"

#include <fmt/format.h>

#include <algorithm>

#include "kamgr/core/error.h"

namespace kamgr {

namespace {
std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

const Problem* find_broken(const std::vector<BrokenRecord>& broken, const std::string& id) {
  for (const BrokenRecord& b : broken)
    if (b.id == id) return &b.problem;
  return nullptr;
}

Team::Team(std::vector<Member> members) : members_(std::move(members)) {
  std::sort(members_.begin(), members_.end(),
            [](const Member& a, const Member& b) { return a.id < b.id; });
}

const Member* Team::find(const std::string& id) const {
  auto it = std::lower_bound(members_.begin(), members_.end(), id,
                             [](const Member& m, const std::string& k) { return m.id < k; });
  return it != members_.end() && it->id == id ? &*it : nullptr;
}

const Member* Team::find_by_email(const std::string& email) const {
  for (const Member& m : members_)
    if (!m.email.empty() && lower(m.email) == lower(email)) return &m;
  return nullptr;
}

std::vector<std::string> Team::ids() const {
  std::vector<std::string> out;
  for (const Member& m : members_) out.push_back(m.id);
  return out;
}

std::vector<const Member*> Team::reports_of(const std::string& manager) const {
  std::vector<const Member*> out;
  for (const Member& m : members_)
    if (m.manager == manager) out.push_back(&m);
  return out;
}

std::string Team::team_of(const std::string& member) const {
  const Member* m = find(member);
  if (!m || m->role != Role::rep || m->manager.empty()) return member;
  return m->manager;
}

std::string Team::reports_to(const std::string& member) const {
  const Member* m = find(member);
  return m ? m->manager : std::string();
}

std::string Team::name_of(const std::string& member) const {
  const Member* m = find(member);
  return m ? m->name : std::string();
}

CustomerBook::CustomerBook(std::vector<Customer> customers) : customers_(std::move(customers)) {
  std::sort(customers_.begin(), customers_.end(),
            [](const Customer& a, const Customer& b) { return a.id < b.id; });
}

const Customer* CustomerBook::find(const std::string& id) const {
  auto it = std::lower_bound(customers_.begin(), customers_.end(), id,
                             [](const Customer& c, const std::string& k) { return c.id < k; });
  return it != customers_.end() && it->id == id ? &*it : nullptr;
}

std::string CustomerBook::owner_on(const std::string& id, Date day) const {
  const Customer* c = find(id);
  return c ? c->state_on(day).owner : std::string();
}

std::vector<const Customer*> CustomerBook::matching(const std::string& part) const {
  const std::string q = lower(part);
  std::vector<const Customer*> out;
  for (const Customer& c : customers_)
    if (lower(c.name).find(q) != std::string::npos || c.id.find(q) != std::string::npos)
      out.push_back(&c);
  return out;
}

std::string_view trimmed_name(std::string_view s) {
  const size_t first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::vector<const Customer*> CustomerBook::named(const std::string& name) const {
  std::vector<const Customer*> out;
  const std::string_view wanted = trimmed_name(name);
  for (const Customer& c : customers_)
    if (trimmed_name(c.name) == wanted) out.push_back(&c);
  return out;
}

const Customer& CustomerBook::resolve(const std::string& query) const {
  if (const Customer* c = find(query)) return *c;
  std::vector<const Customer*> exact, partial;
  if (!query.empty())
    for (const Customer* c : matching(query))
      (c->name == query ? exact : partial).push_back(c);
  if (exact.size() == 1) return *exact.front();
  const auto& matches = exact.empty() ? partial : exact;
  if (matches.size() == 1) return *matches.front();
  if (matches.empty()) {
    if (const Problem* p = broken(query))
      throw input_error(fmt::format("customer '{}' cannot be used: {}", query, p->message), p->file,
                        p->line);
    std::vector<std::string> ids;
    for (const Customer& c : customers_) ids.push_back(c.id);
    std::string message = fmt::format("unknown customer '{}'", query);
    if (const std::string near = closest_match(query, ids); !near.empty())
      message += fmt::format("; did you mean '{}'?", near);
    throw input_error(message);
  }
  std::string list;
  for (size_t i = 0; i < matches.size() && i < 10; ++i)
    list += fmt::format("{}{} ({})", i ? ", " : "", matches[i]->id, matches[i]->name);
  if (matches.size() > 10) list += fmt::format(" and {} more", matches.size() - 10);
  throw input_error(fmt::format("customer '{}' is ambiguous: {}", query, list));
}

}  // namespace kamgr
