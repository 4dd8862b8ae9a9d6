#include <fmt/format.h>

#include <algorithm>

#include "kamgr/core/id.h"
#include "kamgr/domain/codeowners.h"
#include "kamgr/store/loaders.h"
#include "yaml_fields.h"

namespace kamgr {

using store::Fields;

std::string file_stem(const std::string& file) {
  const size_t slash = file.find_last_of('/');
  std::string name = slash == std::string::npos ? file : file.substr(slash + 1);
  if (name.size() > 5 && name.compare(name.size() - 5, 5, ".yaml") == 0)
    name.resize(name.size() - 5);
  return name;
}

namespace {

void check_id_matches_file(Fields& f, const std::string& id, const std::string& file) {
  if (id != file_stem(file))
    f.error("id", fmt::format("id '{}' does not match the file name '{}.yaml'", id, file_stem(file)));
}

}  // namespace

std::optional<Member> load_member(const std::string& text, const std::string& file,
                                  Diagnostics& diag) {
  const auto root = store::parse_document(text, file, diag);
  if (!root) return std::nullopt;
  const size_t errors_before = diag.error_count();
  Fields f(*root, file, diag);
  Member m;
  m.source = {file, f.map_line()};
  if (auto id = f.id("id", true)) {
    m.id = *id;
    check_id_matches_file(f, m.id, file);
  }
  if (auto name = f.text("name", true)) m.name = *name;
  if (auto role = f.choice("role", true, {"rep", "manager", "director", "hr"}))
    m.role = *parse_role(*role);
  const bool needs_manager = m.role == Role::rep || m.role == Role::manager;
  m.manager_line = f.line("manager");
  if (auto manager = f.id("manager", false)) m.manager = *manager;
  else if (needs_manager && f.has("role") && !f.has("manager"))
    f.error("role", fmt::format("a {} needs a manager (field 'manager')", role_name(m.role)));
  if (auto email = f.text("email", false)) m.email = *email;
  if (auto handle = f.text("handle", false)) {
    m.handle = handle->size() > 1 && (*handle)[0] == '@' ? handle->substr(1) : *handle;
    if (!is_valid_handle(m.handle))
      f.error("handle", fmt::format("invalid handle '{}' (a GitHub or GitLab user name such as "
                                    "'zhangsan' or '@zhangsan')",
                                    *handle));
  }
  if (auto active = f.boolean("active", false)) m.active = *active;
  f.warn_unknown_keys();
  if (diag.error_count() != errors_before) return std::nullopt;
  return m;
}

namespace {

void load_history(Fields& f, Customer& c, const Config& config, Diagnostics& diag) {
  const auto seq = f.sequence("history", true);
  if (!seq) return;
  if (seq->size() == 0) {
    f.error("history", "history is empty: its first entry needs a date, a tier and an owner");
    return;
  }
  const std::vector<std::string> tiers = config.tiers();
  for (size_t i = 0; i < seq->size(); ++i) {
    const YAML::Node item = (*seq)[i];
    if (!item.IsMap()) {
      diag.error(f.file(), store::line_of(item), "a history entry must be a mapping {date: ...}");
      continue;
    }
    Fields e(item, f.file(), diag, "history entry");
    HistoryEntry h;
    h.line = store::line_of(item);
    const auto date = e.date("date", true);
    h.tier = e.choice("tier", i == 0, tiers);
    h.owner = e.id("owner", i == 0);
    h.owner_line = e.line("owner");
    if (auto s = e.choice("status", false, {"active", "lost"})) h.status = parse_customer_status(*s);
    e.warn_unknown_keys();
    if (!date) continue;
    h.date = *date;
    if (!c.history.empty() && h.date < c.history.back().date)
      diag.error(f.file(), h.line,
                 fmt::format("history entry dated {} comes after one dated {}: keep history "
                             "oldest first",
                             h.date.str(), c.history.back().date.str()));
    c.history.push_back(std::move(h));
  }
  std::stable_sort(c.history.begin(), c.history.end(),
                   [](const HistoryEntry& a, const HistoryEntry& b) { return a.date < b.date; });
}

void load_contacts(Fields& f, Customer& c, Diagnostics& diag) {
  const auto seq = f.sequence("contacts", false);
  if (!seq) return;
  for (const YAML::Node& item : *seq) {
    if (!item.IsMap()) {
      diag.error(f.file(), store::line_of(item), "a contact must be a mapping {name: ...}");
      continue;
    }
    Fields e(item, f.file(), diag, "contact");
    Contact contact;
    if (auto v = e.text("name", true)) contact.name = *v;
    if (auto v = e.text("title", false)) contact.title = *v;
    if (auto v = e.text("phone", false)) contact.phone = *v;
    if (auto v = e.text("email", false)) contact.email = *v;
    e.warn_unknown_keys();
    c.contacts.push_back(std::move(contact));
  }
}

bool is_filled(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return false;
  if (n.IsScalar()) return n.Scalar().find_first_not_of(" \t") != std::string::npos;
  return n.size() > 0;
}

/// A field's value as one line of text: scalars as they are, lists joined with ", ".
std::string profile_text(const YAML::Node& n) {
  if (n.IsScalar()) return n.Scalar();
  std::string out;
  if (n.IsSequence())
    for (const YAML::Node& item : n)
      out += (out.empty() ? "" : ", ") + (item.IsScalar() ? item.Scalar() : std::string("..."));
  else
    out = "...";
  return out;
}

}  // namespace

std::optional<Customer> load_customer(const std::string& text, const std::string& file,
                                      const Config& config, Diagnostics& diag) {
  const auto root = store::parse_document(text, file, diag);
  if (!root) return std::nullopt;
  const size_t errors_before = diag.error_count();
  Fields f(*root, file, diag);
  Customer c;
  c.source = {file, f.map_line()};
  if (auto id = f.id("id", true)) {
    c.id = *id;
    check_id_matches_file(f, c.id, file);
  }
  if (auto name = f.text("name", true)) c.name = *name;
  c.since = f.date("since", false);
  if (f.has("competitors") && !(*root)["competitors"].IsSequence())
    f.error("competitors", "field 'competitors' must be a list");
  load_contacts(f, c, diag);
  load_history(f, c, config, diag);
  for (const auto& kv : *root) {
    if (!kv.first.IsScalar() || !is_filled(kv.second)) continue;
    const std::string key = kv.first.Scalar();
    c.filled_fields.push_back(key);
    if (key == "id" || key == "name" || key == "history" || key == "contacts") continue;
    c.profile.emplace_back(key, profile_text(kv.second));
  }
  if (diag.error_count() != errors_before) return std::nullopt;
  return c;
}

}  // namespace kamgr
