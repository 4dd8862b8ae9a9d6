#pragma once
/// Internal to the command line: the new member, customer and visit records that
/// `team add`, `customer add` and `visit add` write, and that `import` writes for every
/// row of a CSV file (docs/formats.md "Importing CSV"). Each builder checks the fields
/// as its add command always has and returns the document; the add command and the
/// import then write it with create_record and the same validator.
#include <functional>
#include <string>
#include <vector>

#include "common.h"
#include "kamgr/domain/collections.h"
#include "kamgr/store/mutation.h"

namespace kamgr::cli {

/// How the builders' messages name a field: as the add command's option (`--tier`) or
/// as the import's column (`tier`).
enum class Spelling { option, column };

/// `field` spelled for `s`: `--tier` or `tier`. A field with an underscore is an option
/// with a dash (`business_scope` -> `--business-scope`).
std::string spell(const std::string& field, Spelling s);

/// A bad value of one field (exit 2): the message, and the field's name (`tier`).
class FieldError : public Error {
 public:
  FieldError(std::string field, const std::string& message, std::string file = {}, int line = 0)
      : Error(Exit::bad_input, message, std::move(file), line), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

/// Runs `fn()`, turning any other Error it throws into a FieldError about `field` (at
/// the same file and line: a broken record it read).
template <typename Fn>
auto in_field(const std::string& field, Fn fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const FieldError&) {
    throw;
  } catch (const Error& e) {
    throw FieldError(field, e.what(), e.file(), e.line());
  }
}

/// True when an ID is already used (by a record on disk or one being imported).
using Taken = std::function<bool(const std::string& id)>;

/// A record ready to be written: its ID, its file (relative) and its document.
struct NewRecord {
  std::string id, rel;
  Value doc;
  std::string warning;  ///< empty, or a warning to print (a visit to a lost customer)
};

/// The options of `team add` and the columns of `import team`.
struct MemberFields {
  std::string id, name, role, manager, email, handle;
};

/// A new member: `team` holds the members a manager may be, `taken` the IDs in use.
/// Throws FieldError.
NewRecord new_member(const MemberFields& f, const Team& team, const Taken& taken, Spelling s);

/// A member's document, keys in the order of docs/formats.md (also `team list`'s rows).
Value member_value(const Member& m);

/// Validates a member file about to be written: loads it and checks the team made of
/// `others` (a member of the same ID among them is replaced) and it.
Validate member_validator(const Team& others);

/// The options of `customer add` and the columns of `import customers`.
struct CustomerFields {
  std::string id, name, tier, owner, since, industry, scale, business_scope, decision_process;
  std::vector<Contact> contacts;
};

/// A new customer whose history starts on `history_start` with its tier and owner.
/// Without an ID, one is derived from an ASCII name, else generated (never one
/// `taken`). Throws FieldError.
NewRecord new_customer(const CustomerFields& f, const Config& config, const Team& team,
                       const Taken& taken, Date history_start, Spelling s);

/// Validates a customer file about to be written: loads it and checks its owners.
Validate customer_validator(const Config& config, const Team& team);

/// The options of `visit add` and the columns of `import visits` (`next`: the next
/// steps, `ACTION[@YYYY-MM-DD]` each; `recorded_at`: only imports give it).
struct VisitFields {
  std::string customer, date, purpose, rep, start, end, outcome, feedback, opportunity;
  std::vector<std::string> next;
  std::string recorded_at;
};

/// A new visit by `rep`, recorded at `recorded_at` when given (not after `now`, not
/// before the visit began), else at `now`: the customer is resolved in `book`, the
/// opportunity read from `dir`. Refuses a visit in the future or to a customer not
/// managed yet on its date. Throws FieldError.
NewRecord new_visit(const VisitFields& f, const CustomerBook& book, const Team& team,
                    const std::string& rep, const DataDir& dir, Instant now, TzOffset zone,
                    Spelling s);

/// Validates a visit file about to be written: loads it.
Validate visit_validator(const Config& config);

}  // namespace kamgr::cli
