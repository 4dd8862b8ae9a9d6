#pragma once
/// Checks across records: references that must exist, IDs that must be unique, the
/// shape of the team. Pure: records in, problems out (with each record's file/line).
#include <string>
#include <unordered_map>
#include <vector>

#include "kamgr/core/error.h"
#include "kamgr/domain/records.h"

namespace kamgr {

class Team;
class CustomerBook;

/// Managers exist and have the right role; reps and managers have a manager.
void check_team(const Team& team, Diagnostics& diag);
/// History owners exist.
void check_customers(const CustomerBook& customers, const Team& team, Diagnostics& diag);
/// A hand edit of a customer (`customer edit`): the id stays, and `history` only grows
/// (docs/guide.md "Editing a customer by hand"): every entry of `before` is still
/// there, unchanged and in place; new entries come after them. Problems name `after`'s file and line.
void check_customer_edit(const Customer& before, const Customer& after, Diagnostics& diag);

/// IDs whose files exist but failed to load: references to them are not reported
/// again (the file's own error says what is wrong).
struct BrokenIds {
  std::vector<std::string> members, customers;
  bool member(const std::string& id) const;
  bool customer(const std::string& id) const;
};

/// The earliest moment a visit can be recorded: its date + `end`, else + `start`, else
/// the day's 00:00 (docs/visits.md "What check verifies").
Instant visit_over_at(Date date, std::optional<TimeOfDay> start, std::optional<TimeOfDay> end,
                      TzOffset zone);

/// Checks visits given in batches (a month folder at a time, so a check never holds
/// the whole history): customer and rep exist, IDs unique across every batch, a visit
/// while the customer is managed, recorded no earlier than it ended (an error) and not
/// dated after `now` (a warning) (docs/visits.md "What check verifies").
class VisitChecker {
 public:
  VisitChecker(const CustomerBook& customers, const Team& team, Diagnostics& diag,
               const BrokenIds& broken, Instant now, TzOffset zone)
      : customers_(customers), team_(team), diag_(diag), broken_(broken), now_(now), zone_(zone) {}
  void check(const std::vector<Visit>& batch);

 private:
  void check_times(const Visit& v);
  const CustomerBook& customers_;
  const Team& team_;
  Diagnostics& diag_;
  const BrokenIds& broken_;
  Instant now_;
  TzOffset zone_;
  std::unordered_map<std::string, std::string> file_of_id_;
};

/// "unknown customer 'x'; did you mean 'y'?"
std::string unknown_customer_message(const std::string& what, const std::string& id,
                                     const CustomerBook& customers);

/// "unknown member 'x'; did you mean 'y'?"
std::string unknown_member_message(const std::string& what, const std::string& id,
                                   const Team& team);

}  // namespace kamgr
