#include "kamgr/core/csv.h"

#include <algorithm>

#include "kamgr/core/error.h"

namespace kamgr {

std::string trim_blanks(std::string_view text) {
  const size_t b = text.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const size_t e = text.find_last_not_of(" \t");
  return std::string(text.substr(b, e - b + 1));
}

namespace {

/// Length of the well-formed UTF-8 sequence at `s[i]` (RFC 3629: no overlong forms,
/// no surrogates, nothing above U+10FFFF), or 0 when it is not one.
size_t utf8_sequence_length(std::string_view s, size_t i) {
  const unsigned char c = s[i];
  if (c < 0x80) return 1;
  const size_t len = c >= 0xC2 && c <= 0xDF   ? 2
                     : c >= 0xE0 && c <= 0xEF ? 3
                     : c >= 0xF0 && c <= 0xF4 ? 4
                                              : 0;
  if (len == 0 || i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  const unsigned char c1 = s[i + 1];
  if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
      (c == 0xF4 && c1 > 0x8F))
    return 0;
  return len;
}

/// The line of the first byte that is not valid UTF-8, or 0 when all is valid.
int first_invalid_utf8_line(std::string_view s) {
  int line = 1;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '\n') ++line;
    const size_t len = utf8_sequence_length(s, i);
    if (len == 0) return line;
    i += len;
  }
  return 0;
}

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
