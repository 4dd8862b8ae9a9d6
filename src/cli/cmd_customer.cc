// kamgr customer add | list | show | set
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common.h"
#include "customer_contacts.h"
#include "new_records.h"
#include "questions.h"
#include "kamgr/core/id.h"
#include "kamgr/domain/integrity.h"
#include "kamgr/domain/record_types.h"
#include "kamgr/store/loaders.h"
#include "kamgr/store/mutation.h"
#include "kamgr/store/repository.h"

namespace kamgr::cli {

namespace {

struct ListOptions {
  std::string tier, owner, status = "active";
  bool with_contacts = false;
};
struct SetOptions {
  std::string customer, tier, owner, status, date;
};

void require_tier(const Config& config, const std::string& tier, Spelling s = Spelling::option) {
  const auto tiers = config.tiers();
  if (std::find(tiers.begin(), tiers.end(), tier) != tiers.end()) return;
  std::string message = fmt::format("invalid value for {}: '{}' (expected {})", spell("tier", s),
                                    tier, fmt::join(tiers, ", "));
  if (const std::string near = closest_match(tier, tiers); !near.empty())
    message += fmt::format("; did you mean '{}'?", near);
  throw FieldError("tier", message);
}

void require_owner(const Team& team, const std::string& owner, Spelling s = Spelling::option) {
  const Member* m = team.find(owner);
  if (!m) throw FieldError("owner", unknown_member_message(spell("owner", s), owner, team));
  if (m->role != Role::rep && m->role != Role::manager)
    throw FieldError("owner", fmt::format("{} '{}' is a {}; customers are owned by reps or "
                                          "managers",
                                          spell("owner", s), owner, role_name(m->role)));
}

/// The customer's ID: `id` as given, else one derived from an ASCII name, else (or when
/// the derived one is taken) a generated one.
std::string customer_id(const CustomerFields& f, const Taken& taken, Spelling s) {
  std::string id = f.id;
  if (id.empty()) id = slug_from_name(f.name);
  if (id.empty() || (f.id.empty() && taken(id))) {
    do id = generate_customer_id();
    while (taken(id));
  }
  if (!is_valid_id(id))
    throw FieldError("id", fmt::format("invalid value for {}: '{}' (lowercase letters, digits, "
                                       "'.', '_', '-'; up to 64)",
                                       spell("id", s), id));
  if (taken(id)) throw FieldError("id", fmt::format("customer '{}' already exists", id));
  return id;
}

Value contact_doc(const Contact& c) {
  Value v = Value::object();
  v.set("name", c.name);
  if (!c.title.empty()) v.set("title", c.title);
  if (!c.phone.empty()) v.set("phone", c.phone);
  if (!c.email.empty()) v.set("email", c.email);
  return v;
}

}  // namespace

NewRecord new_customer(const CustomerFields& f, const Config& config, const Team& team,
                       const Taken& taken, Date history_start, Spelling s) {
  require_tier(config, f.tier, s);
  require_owner(team, f.owner, s);
  if (f.name.find_first_not_of(" \t") == std::string::npos)
    throw FieldError("name", fmt::format("{} is empty", spell("name", s)));
  const std::string id = customer_id(f, taken, s);
  Value v = Value::object();
  v.set("id", id);
  v.set("name", f.name);
  if (!f.industry.empty()) v.set("industry", f.industry);
  if (!f.scale.empty()) v.set("scale", f.scale);
  if (!f.business_scope.empty()) v.set("business_scope", f.business_scope);
  if (!f.decision_process.empty()) v.set("decision_process", f.decision_process);
  if (!f.contacts.empty()) {
    Value contacts = Value::array();
    for (const Contact& c : f.contacts) contacts.push(contact_doc(c));
    v.set("contacts", contacts);
  }
  if (!f.since.empty())
    v.set("since", Value::plain(in_field("since", [&] {
                                  return parse_date_option(f.since, spell("since", s));
                                }).str()));
  Value entry = Value::object();
  entry.set("date", Value::plain(history_start.str()));
  entry.set("tier", f.tier);
  entry.set("owner", f.owner);
  Value history = Value::array();
  history.push(entry);
  v.set("history", history);
  return {id, file_in(kCustomerRecord.folder, id), v, {}};
}

Validate customer_validator(const Config& config, const Team& team) {
  return [&config, &team](const std::string& text, const std::string& file, Diagnostics& d) {
    auto c = load_customer(text, file, config, d);
    if (c) check_customers(CustomerBook({*c}), team, d);
  };
}

namespace {

/// The options of `customer add`: the fields, and --date.
struct AddOptions : CustomerFields {
  std::string date;
  bool allow_duplicate_name = false;
};

/// On a terminal, asks for the missing name, tier and owner (offering the acting member
/// when they can own customers); without one, names them all in one error.
void ask_missing(Context& ctx, AddOptions& o) {
  if (!must_ask(ctx.terminal, {{"--name", o.name}, {"--tier", o.tier}, {"--owner", o.owner}}))
    return;
  const Config& config = ctx.config();
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  std::optional<std::string> me = ctx.acting_member_if_any(team);
  if (me && team.find(*me)->role != Role::rep && team.find(*me)->role != Role::manager)
    me.reset();
  Question owner = member_question("--owner", team, o.owner, me);
  owner.check = [&team](const std::string& answer) {
    require_owner(team, answer);
    return answer;
  };
  ask_questions(*ctx.terminal, {text_question("--name", o.name),
                                choice_question("--tier", o.tier, config.tiers()), owner}, ctx.lang());
}

int run_add(Context& ctx, const AddOptions& o) {
  const Config& config = ctx.config();
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const CustomerBook book = repo.load_customers();
  if (const auto same = book.named(o.name); !same.empty() && !o.allow_duplicate_name)
    throw input_error(fmt::format("a customer named '{}' exists already ('{}'); pass "
                                  "--allow-duplicate-name to add another of that name",
                                  printable(o.name), same.front()->id));
  // The history starts on --date, else on --since (the first deal), else today.
  const Date start = !o.date.empty()  ? parse_date_option(o.date, "--date")
                     : !o.since.empty() ? parse_date_option(o.since, "--since")
                                        : ctx.today();
  const auto taken = [&book](const std::string& id) { return book.find(id) != nullptr; };
  const NewRecord r = new_customer(o, config, team, taken, start, Spelling::option);
  create_record(ctx.data(), r.rel, r.doc, customer_validator(config, team));
  ctx.out << r.id << "\n";
  return 0;
}

Value customer_row(const Customer& c, const CustomerState& s) {
  Value v = Value::object();
  v.set("id", c.id);
  v.set("name", c.name);
  v.set("tier", s.managed ? Value(s.tier) : Value());
  v.set("owner", s.managed ? Value(s.owner) : Value());
  v.set("status", s.managed ? Value(status_name(s.status)) : Value("not yet managed"));
  v.set("since", c.since ? Value::plain(c.since->str()) : Value());
  return v;
}

int run_list(Context& ctx, const ListOptions& o) {
  if (o.status != "active" && o.status != "lost" && o.status != "all")
    throw input_error(fmt::format("invalid value for --status: '{}' (expected active, lost or all)",
                                  o.status));
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const CustomerBook book = repo.load_customers();
  diag.throw_if_errors();
  if (!o.tier.empty()) require_tier(ctx.config(), o.tier);
  const Date today = ctx.today();
  Report r;
  r.rows_key = "customers";
  Value rows = Value::array();
  Value cells = Value::array();  // the table's rows: contacts in one cell
  for (const Customer& c : book.all()) {
    const CustomerState s = c.state_on(today);
    if (!o.tier.empty() && s.tier != o.tier) continue;
    if (!o.owner.empty() && s.owner != o.owner) continue;
    if (o.status == "active" && !s.active()) continue;
    if (o.status == "lost" && (!s.managed || s.status != CustomerStatus::lost)) continue;
    Value row = customer_row(c, s);
    if (!o.with_contacts) {
      rows.push(row);
      continue;
    }
    // JSON and YAML get the list; a table or CSV cell gets the contacts joined by "; ".
    std::string lines;
    for (const Contact& ct : c.contacts) lines += (lines.empty() ? "" : "; ") + contact_line(ct);
    Value cell_row = row;
    cell_row.set("contacts", Value(lines));
    cells.push(cell_row);
    row.set("contacts", contacts_value(c));
    rows.push(row);
  }
  r.notes.push_back(fmt::format("{} customers", rows.size()));
  r.doc.set("customers", rows);
  r.columns = {{"id", "ID"}, {"name", "NAME"}, {"tier", "TIER"}, {"owner", "OWNER"},
               {"status", "STATUS"}};
  if (o.with_contacts) {
    r.columns.push_back({"contacts", "CONTACTS"});
    Report table = r;
    table.doc.set("customers", cells);
    r.set_table_view(table);
  }
  ctx.emit(r);
  return 0;
}

int run_set(Context& ctx, const SetOptions& o) {
  const Config& config = ctx.config();
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const CustomerBook book = repo.load_customers();
  const Customer& c = book.resolve(o.customer);
  if (o.tier.empty() && o.owner.empty() && o.status.empty())
    throw input_error("nothing to change: give --tier, --owner or --status");
  Value entry = Value::object();
  const Date date = o.date.empty() ? ctx.today() : parse_date_option(o.date, "--date");
  entry.set("date", Value::plain(date.str()));
  if (!o.tier.empty()) {
    require_tier(config, o.tier);
    entry.set("tier", o.tier);
  }
  if (!o.owner.empty()) {
    require_owner(team, o.owner);
    entry.set("owner", o.owner);
  }
  if (!o.status.empty()) {
    if (!parse_customer_status(o.status))
      throw input_error(fmt::format("invalid value for --status: '{}' (expected active or lost)",
                                    o.status));
    entry.set("status", o.status);
  }
  const std::string rel = c.source.file;
  auto not_before_last = [&](const std::string& text, const std::string& file, Diagnostics& d) {
    auto now = load_customer(text, file, config, d);
    if (now && !now->history.empty() && date < now->history.back().date)
      d.error(file, now->history.back().line,
              fmt::format("--date {} is before the last history entry ({}); history is kept "
                          "oldest first",
                          date.str(), now->history.back().date.str()));
  };
  append_to_record(ctx.data(), rel, "history", entry, not_before_last,
                   customer_validator(config, team));
  if (!ctx.options.quiet) ctx.err << fmt::format("kamgr: updated {}\n", c.id);
  return 0;
}

}  // namespace

/// customer show and edit live in cmd_customer_show.cc and cmd_customer_edit.cc.
void add_customer_show(CLI::App& customer, Context& ctx, Outcome& outcome);
void add_customer_edit(CLI::App& customer, Context& ctx, Outcome& outcome);

void add_customer_commands(CLI::App& app, Context& ctx, Outcome& outcome) {
  CLI::App* customer = app.add_subcommand("customer", "Customers: profile, tier, owner, status");
  customer->require_subcommand(1);
  customer->footer("\nExample:\n  kamgr customer list --tier key");

  auto add = std::make_shared<AddOptions>();
  CLI::App* cmd = add_command(*customer, "add", "Add a customer (prints its ID)",
                              "kamgr customer add --name 华润万家 --tier key --owner zhang-san "
                              "--id crv --since 2024-03-15");
  add_asked_option(cmd, "--name", add->name, "customer name");
  add_asked_option(cmd, "--tier", add->tier, "tier: key, secondary or general (from kamgr.yaml)");
  add_asked_option(cmd, "--owner", add->owner, "the rep or manager who owns it");
  cmd->add_option("--id", add->id, "ID (default: from an ASCII name, else generated)");
  cmd->add_option("--since", add->since, "date of the first deal (counts as new then)");
  cmd->add_option("--industry", add->industry, "industry");
  cmd->add_option("--date", add->date, "date the history starts (default --since, else today)");
  cmd->add_flag("--allow-duplicate-name", add->allow_duplicate_name,
                "add it even when a customer of that name exists");
  on_run(cmd, outcome, [&ctx, add] {
    ask_missing(ctx, *add);
    return run_add(ctx, *add);
  });

  auto list = std::make_shared<ListOptions>();
  CLI::App* ls = add_command(*customer, "list", "List customers as of today",
                             "kamgr customer list --owner zhang-san --status all");
  ls->add_option("--tier", list->tier, "only this tier");
  ls->add_option("--owner", list->owner, "only this owner");
  ls->add_option("--status", list->status, "active (default), lost or all");
  add_with_contacts_flag(ls, list->with_contacts);
  on_run(ls, outcome, [&ctx, list] { return run_list(ctx, *list); });

  add_customer_show(*customer, ctx, outcome);
  add_customer_edit(*customer, ctx, outcome);

  auto set = std::make_shared<SetOptions>();
  CLI::App* st = add_command(*customer, "set",
                             "Change tier, owner or status from a date (appends to history)",
                             "kamgr customer set 华润 --owner wang-wu --date 2026-12-01");
  st->add_option("customer", set->customer, "ID, exact name or unique part of a name")->required();
  st->add_option("--tier", set->tier, "new tier");
  st->add_option("--owner", set->owner, "new owner");
  st->add_option("--status", set->status, "active or lost");
  st->add_option("--date", set->date, "from this date (default today)");
  on_run(st, outcome, [&ctx, set] { return run_set(ctx, *set); });
}

}  // namespace kamgr::cli
