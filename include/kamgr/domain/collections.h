#pragma once
/// The team and the customer book: records indexed by ID, with the look-ups commands
/// need (by email, by manager, a customer by what a user typed).
#include <string>
#include <string_view>
#include <vector>

#include "kamgr/core/error.h"
#include "kamgr/domain/records.h"

namespace kamgr {

/// A record file that exists but did not load: its ID (the file name) and its first
/// error, so a reference to it can say what is wrong instead of "unknown".
struct BrokenRecord {
  std::string id;
  Problem problem;
};

/// The first broken record with ID `id` in `broken`, or nullptr.
const Problem* find_broken(const std::vector<BrokenRecord>& broken, const std::string& id);

/// The team, indexed by ID.
class Team {
 public:
  explicit Team(std::vector<Member> members);
  const std::vector<Member>& members() const { return members_; }
  /// nullptr when there is no such member.
  const Member* find(const std::string& id) const;
  /// The member whose email is `email` (case-insensitive), or nullptr.
  const Member* find_by_email(const std::string& email) const;
  std::vector<std::string> ids() const;
  /// The reps whose manager is `manager`.
  std::vector<const Member*> reports_of(const std::string& manager) const;
  /// The team a member works in, named by the one who leads it (docs/guide.md "Teams"):
  /// a rep's is their manager's; a manager or director leads their own. An unknown
  /// member, or a rep without a manager, is a team of their own.
  std::string team_of(const std::string& member) const;
  /// Whom a member reports to: their `manager`; empty for the director or an unknown
  /// member. Reviews are calibrated, and KPIs rolled up, under this member.
  std::string reports_to(const std::string& member) const;
  /// The member's name; empty when unknown.
  std::string name_of(const std::string& member) const;
  /// The member files that did not load (set by the Repository that loaded the team).
  void set_broken(std::vector<BrokenRecord> broken) { broken_ = std::move(broken); }
  /// The first error of member `id`'s file when it exists but did not load; nullptr
  /// otherwise.
  const Problem* broken(const std::string& id) const { return find_broken(broken_, id); }

 private:
  std::vector<Member> members_;  ///< sorted by ID
  std::vector<BrokenRecord> broken_;
};

/// Customers, indexed by ID.
/// A customer name as names are compared (`customer add`'s duplicate check, `check`):
/// without the blanks around it.
std::string_view trimmed_name(std::string_view name);

class CustomerBook {
 public:
  explicit CustomerBook(std::vector<Customer> customers);
  const std::vector<Customer>& all() const { return customers_; }
  const Customer* find(const std::string& id) const;
  /// The owner of customer `id` on `day`; empty when unknown or not managed then.
  std::string owner_on(const std::string& id, Date day) const;
  /// The customers whose ID or name contains `part` (case-insensitive), by ID; all of
  /// them for an empty `part`.
  std::vector<const Customer*> matching(const std::string& part) const;
  /// The customers named exactly `name` (surrounding blanks ignored), by ID: a second
  /// customer of the same name is refused by `customer add` and warned about by `check`
  /// (docs/guide.md "Customers").
  std::vector<const Customer*> named(const std::string& name) const;
  /// Resolves what a user typed: an ID, an exact name, or a unique part of a name.
  /// Throws Error (exit 2) when nothing or more than one customer matches (listing them),
  /// or, for the ID of a customer whose file did not load, that file's error.
  const Customer& resolve(const std::string& query) const;
  /// The customer files that did not load (set by the Repository that loaded the book).
  void set_broken(std::vector<BrokenRecord> broken) { broken_ = std::move(broken); }
  const Problem* broken(const std::string& id) const { return find_broken(broken_, id); }

 private:
  std::vector<Customer> customers_;  ///< sorted by ID
  std::vector<BrokenRecord> broken_;
};

}  // namespace kamgr
