#include "record_edit.h"

#include <fmt/format.h>

#include "kamgr/cli/prompt.h"
#include "kamgr/store/writer.h"
#include "kamgr/system/editor.h"

namespace kamgr::cli {

namespace {

/// Asks "edit again? [Y/n]" on the terminal; true for yes (the default).
bool ask_edit_again(Terminal& terminal, Lang lang) {
  const std::optional<std::string> answer = terminal.ask(tr(lang, "edit again? [Y/n] "), {});
  return answer && (answer->empty() || (*answer)[0] == 'y' || (*answer)[0] == 'Y');
}

/// `kamgr: MESSAGE` on stderr unless --quiet, in the user's language.
void say(Context& ctx, const std::string& message) {
  if (!ctx.options.quiet) ctx.err << "kamgr: " << tr_message(ctx.lang(), message) << "\n";
}

}  // namespace

int edit_record(Context& ctx, const RecordEdit& edit) {
  const DataDir& dir = ctx.data();
  const std::string original = dir.read(edit.rel);
  const fs::path draft = dir.path(edit.draft_rel);
  if (dir.exists(edit.draft_rel)) {
    ctx.warn(fmt::format("continuing your unsaved edit in {} (delete it to start over)",
                         edit.draft_rel));
  } else {
    atomic_write(draft, original, /*exclusive=*/true, 0600);
  }
  const auto words = split_command_words(editor_setting(ctx.env("VISUAL"), ctx.env("EDITOR")));
  for (;;) {
    if (const int status = run_editor(words, draft); status != 0)
      throw input_error(
          fmt::format("the editor '{}' failed (exit status {}); nothing saved, "
                      "your text is kept in {}",
                      words[0], status, edit.draft_rel));
    const std::string text = dir.read(edit.draft_rel);
    if (text == original && !edit.save_unchanged) {
      std::error_code ec;
      fs::remove(draft, ec);
      say(ctx, fmt::format("no changes to {}", edit.rel));
      return 0;
    }
    const Diagnostics problems = edit.problems(text);
    if (!problems.has_errors()) {
      const std::string saved = edit.save(text);
      std::error_code ec;
      fs::remove(draft, ec);
      say(ctx, saved == edit.rel ? fmt::format("saved {}", saved)
                                 : fmt::format("saved {} (moved from {})", saved, edit.rel));
      return 0;
    }
    for (const Problem& p : problems.problems())
      if (p.severity == Problem::Severity::error)
        ctx.err << "kamgr: error: "
                << Error(Exit::bad_input, tr_message(ctx.lang(), p.message), edit.draft_rel, p.line)
                       .describe()
                << "\n";
    if (!ctx.terminal || !ask_edit_again(*ctx.terminal, ctx.lang())) break;
  }
  ctx.err << "kamgr: "
          << tr_message(ctx.lang(),
                        fmt::format("not saved: your text is kept in {}; run '{}' again to "
                                    "continue, or delete it to start over",
                                    draft.string(), edit.rerun))
          << "\n";
  return static_cast<int>(Exit::bad_input);
}

}  // namespace kamgr::cli
