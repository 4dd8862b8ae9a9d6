#pragma once
/// Internal to the command line: reading the file an import names (`kpi ... import`,
/// `import`), or standard input for `-`.
#include <string>

namespace kamgr::cli {

/// The bytes of `file` (`-`: standard input), at most 10 MB (an import is a team's
/// records: kilobytes; a wrong file or an endless pipe costs bounded time). Error (exit
/// 2, naming the file) when it is a folder, cannot be read or is larger.
std::string read_input_file(const std::string& file);

}  // namespace kamgr::cli
