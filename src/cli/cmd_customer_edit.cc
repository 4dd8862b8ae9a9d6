// kamgr customer edit C: edit a customer's file in $VISUAL/$EDITOR, saved only when
// valid; the user's text is kept for another try when it is not.
#include <fmt/format.h>

#include "common.h"
#include "kamgr/cli/prompt.h"
#include "kamgr/domain/integrity.h"
#include "kamgr/system/editor.h"
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

/// Asks "edit again? [Y/n]" on the terminal; true for yes (the default).
bool ask_edit_again(Terminal& terminal) {
  const std::optional<std::string> answer = terminal.ask("edit again? [Y/n] ", {});
  return answer && (answer->empty() || (*answer)[0] == 'y' || (*answer)[0] == 'Y');
}

int run_edit(Context& ctx, const std::string& query) {
  const DataDir& dir = ctx.data();
  Diagnostics diag;
  Repository repo(dir, diag);
  const Team team = repo.load_team();
  const CustomerBook book = repo.load_customers();
  const Customer& before = book.resolve(query);
  const std::string rel = before.source.file;
  const std::string original = dir.read(rel);
  // The draft: the user's text between tries, private (contacts are confidential).
  const std::string draft_rel = ".kamgr/edit/" + before.id + ".yaml";
  const fs::path draft = dir.path(draft_rel);
  if (dir.exists(draft_rel)) {
    ctx.warn(
        fmt::format("continuing your unsaved edit in {} (delete it to start over)", draft_rel));
  } else {
    atomic_write(draft, original, /*exclusive=*/true, 0600);
  }
  const auto words = split_command_words(editor_setting(ctx.env("VISUAL"), ctx.env("EDITOR")));
  for (;;) {
    if (const int status = run_editor(words, draft); status != 0)
      throw input_error(
          fmt::format("the editor '{}' failed (exit status {}); nothing saved, "
                      "your text is kept in {}",
                      words[0], status, draft_rel));
    const std::string text = dir.read(draft_rel);
    if (text == original) {
      std::error_code ec;
      fs::remove(draft, ec);
      if (!ctx.options.quiet) ctx.err << fmt::format("kamgr: no changes to {}\n", rel);
      return 0;
    }
    const Diagnostics problems = problems_of(text, before, ctx.config(), team);
    if (!problems.has_errors()) {
      replace_record(dir, rel, original, text,
                     [](const std::string&, const std::string&, Diagnostics&) {});
      std::error_code ec;
      fs::remove(draft, ec);
      if (!ctx.options.quiet) ctx.err << fmt::format("kamgr: saved {}\n", rel);
      return 0;
    }
    for (const Problem& p : problems.problems())
      if (p.severity == Problem::Severity::error)
        ctx.err << "kamgr: error: "
                << Error(Exit::bad_input, p.message, draft_rel, p.line).describe() << "\n";
    if (!ctx.terminal || !ask_edit_again(*ctx.terminal)) break;
  }
  ctx.err << fmt::format(
      "kamgr: not saved: your text is kept in {}; run 'kamgr customer edit {}' again to "
      "continue, or delete it to start over\n",
      draft.string(), before.id);
  return static_cast<int>(Exit::bad_input);
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
