// kamgr customer edit C: edit a customer's file in $VISUAL/$EDITOR, saved only when
// valid; the user's text is kept for another try when it is not.
#include <fmt/format.h>

#include "common.h"
#include "record_edit.h"
#include "kamgr/domain/integrity.h"
#include "kamgr/store/loaders.h"
#include "kamgr/store/mutation.h"
#include "kamgr/store/repository.h"
#include "kamgr/store/writer.h"

namespace kamgr::cli {

namespace {

/// The problems with an edited text: the loader and cross-checks `check` runs, the
/// id and the append-only history, and the history still last and appendable.
Diagnostics problems_of(const std::string& text, const Customer& before, const Config& config,
                        const Team& team) {
  Diagnostics diag;
  const std::string& rel = before.source.file;
  const auto after = load_customer(text, rel, config, diag);
  if (!after) return diag;
  check_customers(CustomerBook({*after}), team, diag);
  check_customer_edit(before, *after, diag);
  if (diag.has_errors()) return diag;
  try {
    // A later `customer set` appends to history: it must stay the last key, as a block
    // list. Appending a throw-away entry to the text proves it.
    Value probe = Value::object();
    probe.set("date", Value::plain(after->history.back().date.str()));
    append_log_item(text, "history", probe, rel);
  } catch (const Error& e) {
    diag.error(rel, e.line(),
               fmt::format("kamgr could not append to this file later: {}", e.what()));
  }
  return diag;
}

int run_edit(Context& ctx, const std::string& query) {
  const DataDir& dir = ctx.data();
  Diagnostics diag;
  Repository repo(dir, diag);
  const Team team = repo.load_team();
  const CustomerBook book = repo.load_customers();
  const Customer& before = book.resolve(query);
  RecordEdit edit;
  edit.rel = before.source.file;
  edit.draft_rel = ".kamgr/edit/" + before.id + ".yaml";
  edit.rerun = "kamgr customer edit " + before.id;
  edit.problems = [&](const std::string& text) {
    return problems_of(text, before, ctx.config(), team);
  };
  const std::string original = dir.read(edit.rel);
  edit.save = [&](const std::string& text) {
    replace_record(dir, edit.rel, original, text,
                   [](const std::string&, const std::string&, Diagnostics&) {});
    return edit.rel;
  };
  return edit_record(ctx, edit);
}

}  // namespace

void add_customer_edit(CLI::App& customer, Context& ctx, Outcome& outcome) {
  auto query = std::make_shared<std::string>();
  CLI::App* cmd = add_command(
      customer, "edit",
      "Edit a customer's file in $VISUAL/$EDITOR; saved only when valid (history: append only)",
      "EDITOR=nano kamgr customer edit 华润");
  cmd->add_option("customer", *query, "ID, exact name or unique part of a name")->required();
  on_run(cmd, outcome, [&ctx, query] { return run_edit(ctx, *query); });
}

}  // namespace kamgr::cli
