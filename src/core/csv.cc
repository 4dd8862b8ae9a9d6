#include "kamgr/core/csv.h"

#include <algorithm>

#include "kamgr/core/error.h"
#include "kamgr/core/text_encoding.h"

namespace kamgr {

std::string trim_blanks(std::string_view text) {
  const size_t b = text.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const size_t e = text.find_last_not_of(" \t");
  return std::string(text.substr(b, e - b + 1));
}

namespace {

void check_encoding(std::string_view text, const std::string& file) {
  if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') ||
                           (text[0] == '\xFE' && text[1] == '\xFF')))
    throw input_error("the file is UTF-16; save it as CSV UTF-8", file, 1);
  if (const size_t nul = text.find('\0'); nul != std::string_view::npos) {
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + nul, '\n'));
    throw input_error("the file holds a NUL byte: is it a spreadsheet, not CSV?", file, line);
  }
  if (const int line = first_invalid_utf8_line(text))
    throw input_error("the file is not UTF-8 (a GBK export?); save it as CSV UTF-8", file, line);
}

bool blank(const std::vector<std::string>& cells) {
  for (const std::string& c : cells)
    if (!trim_blanks(c).empty()) return false;
  return true;
}

}  // namespace

std::vector<CsvRow> parse_csv(std::string_view text, const std::string& file) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  check_encoding(text, file);
  std::vector<CsvRow> rows;
  CsvRow row{1, {}};
  std::string cell;
  bool quoted = false, was_quoted = false;
  int line = 1, quote_line = 0;
  auto end_cell = [&] {
    row.cells.push_back(std::move(cell));
    cell.clear();
    was_quoted = false;
  };
  auto end_row = [&] {
    end_cell();
    if (!blank(row.cells)) rows.push_back(std::move(row));
    row = CsvRow{line, {}};
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
    } else if (c == '"' && !was_quoted && trim_blanks(cell).empty()) {
      cell.clear();
      quoted = was_quoted = true;
      quote_line = line;
    } else if (c == ',') {
      end_cell();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      end_row();
    } else {
      cell += c;
    }
  }
  if (quoted) throw input_error("a quoted field is not closed (a missing '\"')", file, quote_line);
  if (!cell.empty() || !row.cells.empty()) end_row();
  return rows;
}

}  // namespace kamgr
