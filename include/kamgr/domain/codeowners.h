#pragma once
/// A CODEOWNERS file (GitHub, GitLab) derived from the team and the customer book, so
/// the git host enforces who may approve a change to which record. Pure.
#include <string>
#include <string_view>
#include <vector>

#include "kamgr/core/date.h"
#include "kamgr/domain/collections.h"

namespace kamgr {

/// True for a git host user or team name as a member's `handle` holds it (without the
/// leading '@'): letters, digits, '.', '_', '-', and '/' for `org/team`; up to 100.
bool is_valid_handle(std::string_view handle);

/// How a member is named in CODEOWNERS: `@handle`, else the email when it is a plain
/// address (no spaces or '#'), else empty (the member cannot be an owner).
std::string codeowner_name(const Member& member);

/// The generated file and what the caller should warn about (members left out).
struct Codeowners {
  std::string text;
  std::vector<std::string> warnings;
};

/// The rules, later ones winning as on GitHub and GitLab:
/// - `kamgr.yaml`, `calendar/`, `team/` and `CODEOWNERS`: the active directors;
/// - `reviews/`: the active HR members and the directors;
/// - `customers/<id>.yaml`: the manager of the customer's owner on `today` (before its
///   first history entry: the first owner) and the owner; the directors when neither
///   can be named.
/// Inactive members and members without a handle or usable email are left out (with a
/// warning each); a rule left without any owner is left out. `prefix` is the data
/// directory's path inside the git repository (`sales/` or empty), put before every
/// pattern. Deterministic: rules in this order, customers by ID, owners as listed.
Codeowners make_codeowners(const Team& team, const CustomerBook& customers, Date today,
                           const std::string& prefix);

}  // namespace kamgr
