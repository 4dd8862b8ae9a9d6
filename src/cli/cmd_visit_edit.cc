// kamgr visit edit ID | visit remove ID --reason X: correcting a recorded visit
// (docs/visits.md "Correcting a visit"), by its rep, their manager or a director.
#include <fmt/format.h>

#include "common.h"
#include "record_edit.h"
#include "visit_common.h"
#include "kamgr/domain/integrity.h"
#include "kamgr/domain/pipeline.h"
#include "kamgr/domain/record_types.h"
#include "kamgr/domain/visit_rules.h"
#include "kamgr/store/loaders.h"
#include "kamgr/store/mutation.h"
#include "kamgr/store/pipeline_store.h"
#include "kamgr/store/visit_files.h"

namespace kamgr::cli {

namespace {

struct RemoveOptions {
  std::string id, reason;
};

/// A visit the acting member may correct: its file, the team and who is acting.
struct Correction {
  VisitFile found;
  Team team;
  std::string actor;
};

/// The visit `id` and the acting member; throws (exit 2, nothing written) unless they
/// may `action` it. A visit in the wrong month folder is found too.
Correction correction_of(Context& ctx, const std::string& id, const char* action) {
  VisitFile found = find_visit(ctx, id, /*anywhere=*/true);
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  Team team = repo.load_team();
  std::string actor = ctx.acting_member(team);
  if (const std::string why = refuse_visit_change(team, actor, found.visit.rep, action);
      !why.empty())
    throw input_error(why);
  return {std::move(found), std::move(team), std::move(actor)};
}

/// The folder a visit dated `date` belongs in, as its file: `visits/2026/12/<id>.yaml`.
std::string home_of(const std::string& id, Date date) {
  return file_in(dated_folder(kVisitRecord, date), id);
}

/// What an edit of `before` into `text` breaks, naming `draft`'s lines: the loader, the
/// references `check` verifies, the fields an edit may not change, and who may hold it.
Diagnostics problems_of(Context& ctx, const std::string& text, const std::string& draft,
                        const Visit& before, const Team& team, const std::string& actor) {
  Diagnostics diag;
  const std::optional<Visit> after = load_visit(text, draft, ctx.config(), diag);
  if (!after) return diag;
  for (const FieldProblem& p : visit_edit_problems(before, *after, ctx.zone()))
    diag.error(draft, top_level_line(text, p.field), p.message);
  Diagnostics others;  // problems of other files are not this edit's
  Repository repo(ctx.data(), others);
  const CustomerBook customers = repo.load_customers();
  Diagnostics cross;  // as `visit add`, a visit before the customer is managed is refused
  VisitChecker(customers, team, cross, BrokenIds{}, ctx.now(), ctx.zone()).check({*after});
  for (const Problem& p : cross.problems()) diag.error(p.file, p.line, p.message);
  if (!after->opportunity.empty())
    check_visit_links(visit_links({*after}), load_opportunities(repo), diag);
  if (after->rep != before.rep && team.find(after->rep) &&
      !refuse_visit_change(team, actor, after->rep, "edit").empty())
    diag.error(draft, after->rep_line,
               fmt::format("field 'rep': '{}' may not make this the visit of '{}' (a rep their "
                           "own, a manager their team's, a director anyone's)",
                           actor, after->rep));
  return diag;
}

int run_edit(Context& ctx, const std::string& id) {
  const Correction c = correction_of(ctx, id, "edit");
  const VisitFile& found = c.found;
  const Visit& before = found.visit;
  const DataDir& dir = ctx.data();
  const Config& config = ctx.config();
  RecordEdit edit;
  edit.rel = found.rel;
  edit.draft_rel = file_in(".kamgr/edit/visits", before.id);
  edit.rerun = "kamgr visit edit " + before.id;
  // A visit left in the wrong folder (moved by hand) is saved where it belongs.
  edit.save_unchanged = found.rel != home_of(before.id, before.date);
  edit.problems = [&](const std::string& text) {
    return problems_of(ctx, text, edit.draft_rel, before, c.team, c.actor);
  };
  edit.save = [&](const std::string& text) {
    Diagnostics d;
    const std::optional<Visit> after = load_visit(text, edit.draft_rel, config, d);
    const std::string to = home_of(before.id, after->date);
    const Validate validate = [&config](const std::string& t, const std::string& file,
                                        Diagnostics& dd) { load_visit(t, file, config, dd); };
    if (to == found.rel) replace_record(dir, found.rel, found.text, text, validate);
    else move_record(dir, found.rel, to, found.text, text, validate);
    return to;
  };
  return edit_record(ctx, edit);
}

int run_remove(Context& ctx, const RemoveOptions& o) {
  if (o.reason.find_first_not_of(" \t") == std::string::npos)
    throw input_error("--reason is empty: say why the visit is removed");
  const Correction c = correction_of(ctx, o.id, "remove");
  const Visit& v = c.found.visit;
  remove_record(ctx.data(), c.found.rel, c.found.text);
  ctx.add_commit_detail(fmt::format("Removed visit {} ({}, {}, rep {}) by {}.\nReason: {}", v.id,
                                    v.customer, v.date.str(), v.rep, c.actor, o.reason));
  if (!ctx.options.quiet)
    ctx.err << "kamgr: " << tr_message(ctx.lang(), fmt::format("removed {}", c.found.rel)) << "\n";
  return 0;
}

}  // namespace

void add_visit_show(CLI::App& visit, Context& ctx, Outcome& outcome);

void add_visit_correction_commands(CLI::App& visit, Context& ctx, Outcome& outcome) {
  add_visit_show(visit, ctx, outcome);

  auto id = std::make_shared<std::string>();
  CLI::App* ed = add_command(
      visit, "edit",
      "Edit a visit's file in $VISUAL/$EDITOR: saved only when valid, moved when its month "
      "changes (its rep, their manager or a director)",
      "EDITOR=nano kamgr --as zhang-san visit edit 20261122-k3m9qa");
  ed->add_option("id", *id, "visit ID")->required();
  on_run(ed, outcome, [&ctx, id] { return run_edit(ctx, *id); });

  auto rm = std::make_shared<RemoveOptions>();
  CLI::App* re = add_command(
      visit, "remove",
      "Delete a visit's file (its rep, their manager or a director), with --commit the reason "
      "goes in the commit message",
      "kamgr --as li-na --commit visit remove 20261122-k3m9qa --reason 重复录入");
  re->add_option("id", rm->id, "visit ID")->required();
  re->add_option("--reason", rm->reason, "why the visit is removed")->required();
  on_run(re, outcome, [&ctx, rm] { return run_remove(ctx, *rm); });
}

}  // namespace kamgr::cli
