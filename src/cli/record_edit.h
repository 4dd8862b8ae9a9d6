#pragma once
/// Internal to the command line: editing one record file by hand in $VISUAL/$EDITOR
/// (`customer edit`, `visit edit`; docs/guide.md "Editing a customer by hand"). The user
/// edits a private draft; it is saved only when valid, and kept for another try when not.
#include <functional>
#include <string>

#include "common.h"

namespace kamgr::cli {

struct RecordEdit {
  std::string rel;        ///< the record's file
  std::string draft_rel;  ///< the draft, under .kamgr/edit/ (mode 0600: contacts are private)
  std::string rerun;      ///< the command that continues an unsaved edit
  /// Saves an unchanged text too (a record that is not where it belongs).
  bool save_unchanged = false;
  /// The errors of an edited text (naming the draft's lines); none: it may be saved.
  std::function<Diagnostics(const std::string& text)> problems;
  /// Saves a valid, changed text; returns the path it is saved as.
  std::function<std::string(const std::string& text)> save;
};

/// Runs the edit: a draft from the record (or the unsaved one left by a refused try),
/// the editor on it, then: unchanged -> nothing written ("no changes") unless
/// `save_unchanged`; valid -> saved;
/// invalid -> every error with its draft:line, "edit again?" on a terminal, else exit 2
/// with the draft kept and nothing written. Returns the exit code.
int edit_record(Context& ctx, const RecordEdit& edit);

}  // namespace kamgr::cli
