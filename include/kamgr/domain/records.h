#pragma once
/// The records of the data directory (docs/formats.md) as plain values. Loaders fill them;
/// the domain computations read them. Each record remembers where it came from.
/// Adding a field to Member, Customer or Visit (or Complaint): encode it in
/// store/record_codec.cc and bump kRecordCodecVersion, or the parse cache drops it.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/date.h"

namespace kamgr {

/// Where a record or one of its items was read from.
struct Source {
  std::string file;  ///< relative to the data directory
  int line = 0;      ///< 1-based
};

enum class Role { rep, manager, director, hr };
std::optional<Role> parse_role(const std::string& text);
const char* role_name(Role role);

/// team/<id>.yaml
struct Member {
  std::string id;
  std::string name;
  Role role = Role::rep;
  std::string manager;  ///< empty for directors and hr
  std::string email;
  bool active = true;
  Source source;
  /// User name on the git host (GitHub or GitLab) without '@', for CODEOWNERS; may be
  /// empty. `org/team` names are allowed.
  std::string handle;
  int manager_line = 0;  ///< where `manager` is written (for errors about it)
};

enum class CustomerStatus { active, lost };
std::optional<CustomerStatus> parse_customer_status(const std::string& text);
const char* status_name(CustomerStatus status);

/// One entry of a customer's `history`: the values it sets from `date` on.
struct HistoryEntry {
  Date date;
  std::optional<std::string> tier;
  std::optional<std::string> owner;
  std::optional<CustomerStatus> status;
  int line = 0;        ///< the entry's first line
  int owner_line = 0;  ///< where `owner` is written (the entry's line when flow style)
};

struct Contact {
  std::string name, title, phone, email;
};

/// A customer's tier, owner and status on one day.
struct CustomerState {
  bool managed = false;  ///< false before the first history entry
  std::string tier;
  std::string owner;
  CustomerStatus status = CustomerStatus::active;
  bool active() const { return managed && status == CustomerStatus::active; }
};

/// customers/<id>.yaml
struct Customer {
  std::string id;
  std::string name;
  std::optional<Date> since;
  std::vector<HistoryEntry> history;  ///< oldest first
  std::vector<Contact> contacts;
  /// Top-level fields that are present and non-empty (for profile completeness).
  std::vector<std::string> filled_fields;
  /// Other top-level profile fields as text, in file order (`industry`, `competitors`
  /// joined with ", "...), for display.
  std::vector<std::pair<std::string, std::string>> profile;
  Source source;

  /// The state on `day`: the last values set by entries dated <= day.
  CustomerState state_on(Date day) const;
  /// Date of the first history entry (when the customer became managed).
  std::optional<Date> managed_from() const;
};

struct NextStep {
  std::string action;
  std::optional<Date> due;
};

/// visits/<YYYY>/<MM>/<id>.yaml
struct Visit {
  std::string id;
  std::string customer;
  std::string rep;
  Date date;
  std::optional<TimeOfDay> start;
  std::optional<TimeOfDay> end;
  std::string purpose;
  std::string outcome;
  std::string feedback;
  std::vector<NextStep> next_steps;
  /// The opportunity the visit served ("" when none); a linked visit keeps it from going
  /// stale (docs/pipeline.md "Stale on D").
  std::string opportunity;
  Instant recorded_at;
  Source source;
  int customer_line = 0;  ///< where `customer` and `rep` are written (for errors about them)
  int rep_line = 0;
  int opportunity_line = 0;
};

}  // namespace kamgr
