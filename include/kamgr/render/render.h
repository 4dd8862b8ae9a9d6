#pragma once
/// Rendering a computed report in the format the user asked for. Computation builds a
/// `Report`; this module alone knows the formats, so adding one touches no computation.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/value.h"

namespace kamgr {

/// `html`: a page with charts (report/html.h); only some commands offer it.
enum class Format { table, json, csv, yaml, html };

/// A column of the table and CSV views; `key` may be dotted (`contact.status`).
struct Column {
  std::string key;
  std::string header;
  bool numeric = false;  ///< right-aligned in tables
};

/// A report renders itself: JSON and YAML show its document; table, CSV and HTML show its
/// table view, which is the document's `rows_key` rows under `columns` unless the report
/// carries a view of its own. A command builds every view once; it never asks which
/// format was chosen.
struct Report {
  Value doc = Value::object();
  std::string rows_key = "rows";  ///< the array in `doc` that table and CSV show
  std::vector<Column> columns;
  std::vector<std::string> notes;  ///< lines printed under the table (totals, hints)
  /// The table, CSV and HTML view when it is not the document's own rows (FIELD/VALUE
  /// lines, a list joined into one cell): a report whose `doc` holds those rows.
  std::shared_ptr<const Report> table_view;
  /// The CSV view when it is not the table's (a long form a spreadsheet loads).
  std::shared_ptr<const Report> csv_view;
  /// What the table format prints instead of a table (plain `file:line: ...` lines).
  std::optional<std::string> plain_text;
  /// With `plain_text`: what the table format prints on stderr after it (a count).
  std::optional<std::string> plain_summary;

  /// Sets the table, CSV and HTML view.
  void set_table_view(Report view) { table_view = std::make_shared<const Report>(std::move(view)); }
  /// Sets the CSV view.
  void set_csv_view(Report view) { csv_view = std::make_shared<const Report>(std::move(view)); }
  /// The report table and HTML show: the table view, else this one.
  const Report& shown_as_table() const { return table_view ? *table_view : *this; }
  /// The report CSV shows: the CSV view, else the table's.
  const Report& shown_as_csv() const { return csv_view ? *csv_view : shown_as_table(); }
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
