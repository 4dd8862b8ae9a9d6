#pragma once
/// Rendering a computed report in the format the user asked for. Computation builds a
/// `Report`; this module alone knows the formats, so adding one touches no computation.
#include <string>
#include <vector>

#include "kamgr/report/value.h"

namespace kamgr {

/// `html`: a page with charts (report/html.h); only some commands offer it.
enum class Format { table, json, csv, yaml, html };

/// A column of the table and CSV views; `key` may be dotted (`contact.status`).
struct Column {
  std::string key;
  std::string header;
  bool numeric = false;  ///< right-aligned in tables
};

/// A report: the full document (JSON/YAML) and how to show its rows as a table/CSV.
struct Report {
  Value doc = Value::object();
  std::string rows_key = "rows";  ///< the array in `doc` that table and CSV show
  std::vector<Column> columns;
  std::vector<std::string> notes;  ///< lines printed under the table (totals, hints)
};

/// Renders `report`. `color` only affects tables (bold headers). `html` gives the page
/// without charts (commands with charts call render_html).
std::string render(const Report& report, Format format, bool color);

/// Display width of UTF-8 text in terminal columns (CJK and full-width count 2).
size_t display_width(const std::string& text);

/// One RFC 4180 CSV field (quoted when it holds a comma, quote, CR or LF).
std::string csv_field(const std::string& text);

/// Looks up a dotted key in an object; nullptr when absent.
const Value* lookup(const Value& object, const std::string& dotted_key);

}  // namespace kamgr
