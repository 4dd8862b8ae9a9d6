#pragma once
/// Running the user's editor ($VISUAL, $EDITOR) without a shell.
#include <filesystem>
#include <string>
#include <vector>

namespace kamgr {

/// Splits an editor setting into words as a shell would split a plain command line,
/// without running one: blanks separate words; '...' keeps everything literally;
/// "..." keeps blanks (a backslash escapes `"` and `\` inside); a backslash outside
/// quotes escapes the next character. `$`, `;`, `|`, backquotes and the like are
/// ordinary characters. Throws Error (exit 2) for an unclosed quote or an empty result.
std::vector<std::string> split_command_words(const std::string& command);

/// The editor command: $VISUAL, else $EDITOR, else `vi` (as git and crontab choose).
std::string editor_setting(const char* visual, const char* editor);

/// Runs `words` followed by `file` (posix_spawnp, no shell), attached to this
/// process's terminal, and waits for it. Returns its exit status (127 when it could not
/// be started, 128 + signal when killed).
int run_editor(const std::vector<std::string>& words, const std::filesystem::path& file);

}  // namespace kamgr
