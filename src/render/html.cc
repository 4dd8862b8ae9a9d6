// The HTML page: heading, charts (svg_chart.cc), the report's table and notes.
#include <fmt/format.h>

#include "kamgr/render/html.h"

namespace kamgr {
namespace {

/// Inline style: the page needs nothing from outside (no fonts, no images, no script).
constexpr const char* kStyle = R"(
body { font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", sans-serif; color: #222;
       margin: 24px auto; max-width: 1100px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
p.subtitle { color: #555; margin: 0 0 16px; }
section.chart { overflow-x: auto; }
table { border-collapse: collapse; font-size: 13px; margin-top: 8px; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: #fafafa; }
ul.notes { color: #444; font-size: 13px; padding-left: 18px; }
footer { color: #888; font-size: 12px; margin-top: 24px; }
)";

std::string cell_text(const Value& row, const Column& column) {
  const Value* v = lookup(row, column.key);
  return v ? v->to_cell() : "";
}

std::string table(const Report& report) {
  std::string out = "<table>\n<thead><tr>";
  for (const Column& c : report.columns)
    out += fmt::format("<th{}>{}</th>", c.numeric ? " class=\"num\"" : "", html_escape(c.header));
  out += "</tr></thead>\n<tbody>\n";
  if (const Value* rows = report.doc.find(report.rows_key))
    for (const Value& row : rows->items()) {
      out += "<tr>";
      for (const Column& c : report.columns)
        out += fmt::format("<td{}>{}</td>", c.numeric ? " class=\"num\"" : "",
                           html_escape(cell_text(row, c)));
      out += "</tr>\n";
    }
  return out + "</tbody>\n</table>\n";
}

const std::string& chart_title(const Chart& chart) {
  return std::visit([](const auto& c) -> const std::string& { return c.title; }, chart);
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render_html(const Report& whole, const HtmlPage& page) {
  const Report& report = whole.shown_as_table();
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
                     html_escape(page.title), kStyle);
  out += fmt::format("<h1>{}</h1>\n", html_escape(page.title));
  if (!page.subtitle.empty())
    out += fmt::format("<p class=\"subtitle\">{}</p>\n", html_escape(page.subtitle));
  for (const Chart& chart : page.charts)
    out += fmt::format("<section class=\"chart\">\n<h2>{}</h2>\n{}</section>\n",
                       html_escape(chart_title(chart)), render_svg(chart));
  out += "<section class=\"report\">\n";
  if (!report.columns.empty()) out += table(report);
  if (!report.notes.empty()) {
    out += "<ul class=\"notes\">\n";
    for (const std::string& note : report.notes)
      out += fmt::format("<li>{}</li>\n", html_escape(note));
    out += "</ul>\n";
  }
  out += "</section>\n";
  out += fmt::format("<footer>kamgr {}</footer>\n</body>\n</html>\n", KAMGR_VERSION);
  return out;
}

}  // namespace kamgr
