// kamgr team add | list | show
#include <fmt/format.h>

#include <algorithm>

#include "common.h"
#include "new_records.h"
#include "kamgr/core/id.h"
#include "kamgr/domain/codeowners.h"
#include "kamgr/domain/integrity.h"
#include "kamgr/domain/record_types.h"
#include "kamgr/store/loaders.h"
#include "kamgr/store/mutation.h"
#include "kamgr/store/repository.h"

namespace kamgr::cli {

/// team codeowners lives in cmd_team_codeowners.cc.
void add_team_codeowners(CLI::App& team, Context& ctx, Outcome& outcome);

std::string spell(const std::string& field, Spelling s) {
  if (s == Spelling::column) return field;
  std::string option = "--" + field;
  std::replace(option.begin(), option.end(), '_', '-');
  return option;
}

Value member_value(const Member& m) {
  Value v = Value::object();
  v.set("id", m.id);
  v.set("name", m.name);
  v.set("role", role_name(m.role));
  v.set("manager", m.manager.empty() ? Value() : Value(m.manager));
  v.set("email", m.email.empty() ? Value() : Value(m.email));
  v.set("handle", m.handle.empty() ? Value() : Value(m.handle));
  v.set("active", m.active);
  return v;
}

NewRecord new_member(const MemberFields& o, const Team& team, const Taken& taken, Spelling s) {
  if (!is_valid_id(o.id))
    throw FieldError("id", fmt::format("invalid member id '{}' (lowercase letters, digits, '.', "
                                       "'_', '-'; up to 64)",
                                       o.id));
  const auto role = parse_role(o.role);
  if (!role)
    throw FieldError("role", fmt::format("invalid value for {}: '{}' (expected rep, manager, "
                                         "director or hr)",
                                         spell("role", s), o.role));
  if (taken(o.id)) throw FieldError("id", fmt::format("member '{}' already exists", o.id));
  if ((*role == Role::rep || *role == Role::manager) && o.manager.empty())
    throw FieldError("manager", fmt::format("a {} needs {}", o.role, spell("manager", s)));
  if (!o.manager.empty() && !team.find(o.manager))
    throw FieldError("manager", unknown_member_message(spell("manager", s), o.manager, team));
  Member m;
  m.id = o.id;
  m.name = o.name;
  m.role = *role;
  m.manager = o.manager;
  m.email = o.email;
  m.handle = o.handle.size() > 1 && o.handle[0] == '@' ? o.handle.substr(1) : o.handle;
  if (!m.handle.empty() && !is_valid_handle(m.handle))
    throw FieldError("handle", fmt::format("invalid value for {}: '{}' (a GitHub or GitLab user "
                                           "name such as 'zhangsan')",
                                           spell("handle", s), o.handle));
  return {m.id, file_in(kMemberRecord.folder, m.id), member_value(m), {}};
}

Validate member_validator(const Team& others) {
  return [&others](const std::string& text, const std::string& file, Diagnostics& d) {
    auto loaded = load_member(text, file, d);
    if (!loaded) return;
    std::vector<Member> members = others.members();
    std::erase_if(members, [&](const Member& m) { return m.id == loaded->id; });
    members.push_back(*loaded);
    check_team(Team(members), d);
  };
}

namespace {

int run_add(Context& ctx, const MemberFields& o) {
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const auto taken = [&team](const std::string& id) { return team.find(id) != nullptr; };
  NewRecord r;
  try {
    r = new_member(o, team, taken, Spelling::option);
  } catch (const FieldError& e) {
    // A member that exists is named by its file, as before the builder was shared.
    if (e.field() == "id" && taken(o.id))
      throw input_error(e.what(), file_in(kMemberRecord.folder, o.id));
    throw;
  }
  create_record(ctx.data(), r.rel, r.doc, member_validator(team));
  ctx.out << r.id << "\n";
  return 0;
}

Report team_report(const Team& team) {
  Report r;
  r.rows_key = "members";
  Value rows = Value::array();
  for (const Member& m : team.members()) rows.push(member_value(m));
  r.doc.set("members", rows);
  r.columns = {{"id", "ID"}, {"name", "NAME"}, {"role", "ROLE"}, {"manager", "MANAGER"},
               {"active", "ACTIVE"}};
  return r;
}

int run_list(Context& ctx) {
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  diag.throw_if_errors();
  ctx.emit(team_report(team));
  return 0;
}

int run_show(Context& ctx, const std::string& id) {
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  diag.throw_if_errors();
  const Member* m = team.find(id);
  if (!m) throw input_error(unknown_member_message("team show", id, team));
  Report r;
  r.doc = member_value(*m);
  Value reports = Value::array();
  for (const Member* s : team.reports_of(m->id)) reports.push(s->id);
  r.doc.set("reports", reports);
  r.rows_key = "fields";
  Value rows = Value::array();
  for (const auto& [k, v] : r.doc.fields()) {
    Value row = Value::object();
    row.set("field", k);
    row.set("value", v.to_cell());
    rows.push(row);
  }
  Report table = r;
  table.doc.set("fields", rows);
  table.columns = {{"field", "FIELD"}, {"value", "VALUE"}};
  r.set_table_view(table);
  ctx.emit(r);
  return 0;
}

}  // namespace

void add_team_commands(CLI::App& app, Context& ctx, Outcome& outcome) {
  CLI::App* team = app.add_subcommand("team", "The people: reps, managers, directors and HR");
  team->require_subcommand(1);
  team->footer("\nExample:\n  kamgr team list");

  auto add = std::make_shared<MemberFields>();
  CLI::App* cmd = add_command(*team, "add", "Add a member",
                              "kamgr team add zhang-san --name 张三 --role rep --manager li-si");
  cmd->add_option("id", add->id, "member ID (lowercase, e.g. zhang-san)")->required();
  cmd->add_option("--name", add->name, "full name")->required();
  cmd->add_option("--role", add->role, "rep, manager, director or hr")->required();
  cmd->add_option("--manager", add->manager, "the member's manager (required for rep and manager)");
  cmd->add_option("--email", add->email, "email (used to recognise the acting member via git)");
  cmd->add_option("--handle", add->handle, "user name on the git host, for team codeowners");
  on_run(cmd, outcome, [&ctx, add] { return run_add(ctx, *add); });

  CLI::App* list = add_command(*team, "list", "List the team", "kamgr team list --format csv");
  on_run(list, outcome, [&ctx] { return run_list(ctx); });

  auto show_id = std::make_shared<std::string>();
  CLI::App* show = add_command(*team, "show", "Show one member", "kamgr team show zhang-san");
  show->add_option("id", *show_id, "member ID")->required();
  on_run(show, outcome, [&ctx, show_id] { return run_show(ctx, *show_id); });

  add_team_codeowners(*team, ctx, outcome);
}

}  // namespace kamgr::cli
