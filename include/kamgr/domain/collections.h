#pragma once
/// The team and the customer book: records indexed by ID, with the look-ups commands
/// need (by email, by manager, a customer by what a user typed).
#include <string>
#include <vector>

#include "kamgr/domain/records.h"

namespace kamgr {

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

 private:
  std::vector<Member> members_;  ///< sorted by ID
};

/// Customers, indexed by ID.
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
  /// Resolves what a user typed: an ID, an exact name, or a unique part of a name.
  /// Throws Error (exit 2) when nothing or more than one customer matches (listing them).
  const Customer& resolve(const std::string& query) const;

 private:
  std::vector<Customer> customers_;  ///< sorted by ID
};

}  // namespace kamgr
