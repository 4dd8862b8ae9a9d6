#include "customer_contacts.h"

#include <fmt/format.h>

namespace kamgr::cli {

void add_with_contacts_flag(CLI::App* cmd, bool& with_contacts) {
  cmd->add_flag("--with-contacts", with_contacts,
                "include contact names, phones and emails (confidential; left out by default)");
}

Value contacts_value(const Customer& c) {
  Value contacts = Value::array();
  for (const Contact& ct : c.contacts) {
    Value row = Value::object();
    row.set("name", ct.name);
    row.set("title", ct.title);
    row.set("phone", ct.phone);
    row.set("email", ct.email);
    contacts.push(row);
  }
  return contacts;
}

std::string contact_line(const Contact& ct) {
  std::string line = ct.name;
  for (const std::string* part : {&ct.title, &ct.phone, &ct.email})
    if (!part->empty()) line += " " + *part;
  return line;
}

}  // namespace kamgr::cli
