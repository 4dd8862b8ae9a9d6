#pragma once
/// Internal to the customer commands: contact details are confidential (docs/security.md) and
/// appear in output only when the user passes --with-contacts. Every command that
/// shows customers takes them from here and nowhere else.
#include <string>

#include "common.h"
#include "kamgr/domain/records.h"

namespace kamgr::cli {

/// Registers `--with-contacts` on `cmd`.
void add_with_contacts_flag(CLI::App* cmd, bool& with_contacts);

/// `[{name, title, phone, email}]` of the customer's contacts.
Value contacts_value(const Customer& c);

/// One contact on one line: `王敏 採購總監 13800000000 wangmin@example.com`.
std::string contact_line(const Contact& contact);

}  // namespace kamgr::cli
