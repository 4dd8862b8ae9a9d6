#pragma once
/// What every command gets: the global options, the clock, the data directory and the
/// output streams. No globals: tests build a Context over string streams.
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/date.h"
#include "kamgr/core/error.h"
#include "kamgr/core/progress.h"
#include "kamgr/core/i18n.h"
#include "kamgr/render/html.h"
#include "kamgr/render/render.h"
#include "kamgr/store/datadir.h"

namespace kamgr {

class Team;
class Terminal;

/// The global options (docs/kamgr.1.md "GLOBAL OPTIONS"), as typed.
struct GlobalOptions {
  std::optional<std::string> data;
  std::string format;  ///< empty: table
  std::optional<std::string> now;
  std::optional<std::string> today;
  std::optional<std::string> as;
  bool no_color = false;
  bool quiet = false;
  bool commit = false;  ///< commit what the command wrote
  std::string lang;     ///< --lang; empty: from $LC_ALL, $LC_MESSAGES or $LANG
};

/// Reads an environment variable; nullptr when unset. Replaceable in tests.
using Getenv = std::function<const char*(const char*)>;

class Context {
 public:
  Context(std::ostream& out, std::ostream& err, Getenv getenv, bool stdout_is_tty);

  GlobalOptions options;
  std::ostream& out;
  std::ostream& err;
  /// Where missing values are asked for; nullptr unless stdin and stderr are terminals.
  Terminal* terminal = nullptr;

  /// The data directory (found and loaded on first use). Throws Error when none, or
  /// (unless `strict` is false, as for `check`) when kamgr.yaml has an error.
  const DataDir& data(bool strict = true);
  const Config& config() { return data().config(); }
  /// Throws Error (exit 2) when --now, --today or $KAMGR_NOW is not a valid time, so
  /// every command refuses it, including those that never ask what time it is.
  void check_time_options() const;
  /// "Now": --now, else --today (midnight), else $KAMGR_NOW, else the system clock.
  Instant now();
  /// The local date of now.
  Date today() { return now().local_date(zone()); }
  TzOffset zone();
  Format format();
  /// The language of tables, messages and help: --lang, else the locale. Throws Error
  /// (exit 2) for a --lang other than zh-CN, zh-TW or en.
  Lang lang() const;
  bool color() const;
  /// The acting member: --as, else $KAMGR_USER, else the member whose email is git's
  /// user.email. Throws Error (exit 2) when none can be found or it is not in the team.
  std::string acting_member(const Team& team);
  /// The acting member's ID as typed (--as, else $KAMGR_USER), unchecked; std::nullopt
  /// when it would come from git's user.email. Lets quick commands load one member.
  std::optional<std::string> acting_member_hint() const;
  /// Like acting_member, but std::nullopt instead of an error when none is configured.
  std::optional<std::string> acting_member_if_any(const Team& team);

  /// With `on`, long loads draw a progress line on `err` (main: when stderr is a
  /// terminal). Never with --quiet.
  void show_progress(bool on) { show_progress_ = on; }
  /// Erases the progress line; called before results or errors are printed.
  void end_progress();
  /// Renders a report on `out` in the chosen format (table headers and notes in lang()).
  void emit(const Report& report);
  /// The same; with --format html the page shows `page`'s charts above the table.
  void emit(const Report& report, const HtmlPage& page);
  /// `kamgr: warning: ...` on stderr unless --quiet (in lang()).
  void warn(const std::string& message);
  /// Prints the warnings collected in `diag` (errors are left to the caller).
  void print_warnings(const Diagnostics& diag);
  /// Problems found while loading (config warnings, calendar warnings).
  Diagnostics& diagnostics() { return diag_; }
  const char* env(const char* name) const { return getenv_(name); }
  /// With --commit: commits the files this command wrote, with `message`. Throws Error
  /// (exit 3) when git fails; the files stay written.
  /// A removed file is staged as a removal (one git never knew is left out).
  void commit_written(const std::string& message);
  /// A paragraph the commit message gets after its first line (`visit remove`'s reason).
  void add_commit_detail(const std::string& text) { commit_details_.push_back(text); }

 private:
  Getenv getenv_;
  bool tty_;
  std::optional<DataDir> data_;
  std::optional<Instant> now_;
  Diagnostics diag_;
  std::vector<std::string> commit_details_;
  bool show_progress_ = false;
  std::unique_ptr<Progress> progress_;
};

/// Parses a date typed on the command line; Error naming `option` when invalid.
Date parse_date_option(const std::string& text, const std::string& option);
/// Parses an instant typed on the command line (zone for times without offset).
Instant parse_instant_option(const std::string& text, const std::string& option, TzOffset zone);

}  // namespace kamgr
