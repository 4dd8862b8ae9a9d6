#include "kamgr/domain/records.h"

namespace kamgr {

std::optional<Role> parse_role(const std::string& t) {
  if (t == "rep") return Role::rep;
  if (t == "manager") return Role::manager;
  if (t == "director") return Role::director;
  if (t == "hr") return Role::hr;
  return std::nullopt;
}

const char* role_name(Role r) {
  switch (r) {
    case Role::rep: return "rep";
    case Role::manager: return "manager";
    case Role::director: return "director";
    case Role::hr: return "hr";
  }
  return "";
}

std::optional<CustomerStatus> parse_customer_status(const std::string& t) {
  if (t == "active") return CustomerStatus::active;
  if (t == "lost") return CustomerStatus::lost;
  return std::nullopt;
}

const char* status_name(CustomerStatus s) { return s == CustomerStatus::lost ? "lost" : "active"; }

CustomerState Customer::state_on(Date day) const {
  CustomerState state;
  for (const HistoryEntry& e : history) {
    if (e.date > day) break;
    state.managed = true;
    if (e.tier) state.tier = *e.tier;
    if (e.owner) state.owner = *e.owner;
    if (e.status) state.status = *e.status;
  }
  return state;
}

std::optional<Date> Customer::managed_from() const {
  if (history.empty()) return std::nullopt;
  return history.front().date;
}

}  // namespace kamgr
