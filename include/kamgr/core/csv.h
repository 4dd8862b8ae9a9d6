#pragma once
/// Reading CSV files people export from spreadsheets and finance systems (RFC 4180).
#include <string>
#include <string_view>
#include <vector>

namespace kamgr {

/// One record of a CSV file and the 1-based line it starts on.
struct CsvRow {
  int line = 0;
  std::vector<std::string> cells;
};

/// Parses CSV text: UTF-8 with or without a byte order mark, LF or CRLF line ends,
/// fields quoted with `"` (a quote inside doubled, line breaks allowed). Lines that are
/// empty or hold only commas and spaces are skipped. Throws Error (exit 2, naming `file`
/// and the line) for an unterminated quote, text that is not UTF-8 (a UTF-16 or GBK
/// export) or a NUL byte.
std::vector<CsvRow> parse_csv(std::string_view text, const std::string& file);

/// `text` without leading and trailing spaces and tabs.
std::string trim_blanks(std::string_view text);

}  // namespace kamgr
