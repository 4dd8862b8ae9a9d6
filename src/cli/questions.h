#pragma once
/// Internal to the command line: the questions the adding commands ask on a terminal
/// when options are missing (a customer, a member, one of a list, a date, free text).
#include <optional>
#include <string>
#include <vector>

#include "common.h"
#include "kamgr/cli/prompt.h"
#include "kamgr/domain/collections.h"

namespace kamgr::cli {

/// Adds an option the command needs but asks for on a terminal when it is missing: not
/// required to CLI11 (so the command can ask), shown as REQUIRED by --help.
CLI::Option* add_asked_option(CLI::App* cmd, const std::string& name, std::string& value,
                              const std::string& description);

/// Throws Error (exit 2) unless `value` is one of `allowed`, with "did you mean".
void require_one_of(const std::string& option, const std::string& value,
                    const std::vector<std::string>& allowed);

/// `--customer`: an ID, exact name or unique part of a name, resolved to the ID like the
/// option; `?` lists the customers matching what follows it.
Question customer_question(const CustomerBook& book, std::string& value);
/// A member's ID, defaulting to `fallback` (such as the acting member); `?` lists them.
Question member_question(const std::string& option, const Team& team, std::string& value,
                         const std::optional<std::string>& fallback);
/// One of `allowed`; `?` lists them.
Question choice_question(const std::string& option, std::string& value,
                         std::vector<std::string> allowed, const std::string& fallback = {});
/// A date (YYYY-MM-DD), defaulting to `fallback`.
Question date_question(const std::string& option, std::string& value, Date fallback);
/// Free text (any non-blank answer).
Question text_question(const std::string& option, std::string& value);

}  // namespace kamgr::cli
