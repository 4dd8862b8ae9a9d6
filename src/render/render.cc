#include "kamgr/render/render.h"

#include <algorithm>

#include "kamgr/render/html.h"

namespace kamgr {
namespace {

/// Decodes one UTF-8 code point at `i`, advancing it; invalid bytes count as U+FFFD.
uint32_t next_code_point(const std::string& s, size_t& i) {
  const unsigned char c = s[i];
  int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  uint32_t cp = len == 1 ? c : c & (0x7F >> len);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

bool is_wide(uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
         (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
         (cp >= 0x20000 && cp <= 0x3FFFD);
}

bool is_zero_width(uint32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || cp == 0x200B || cp == 0x200D || cp == 0xFEFF;
}

std::string pad_to(const std::string& text, size_t width, bool right) {
  const size_t w = display_width(text);
  const std::string fill(width > w ? width - w : 0, ' ');
  return right ? fill + text : text + fill;
}

std::string cell(const Value& row, const Column& column) {
  const Value* v = lookup(row, column.key);
  return v ? v->to_cell() : "";
}

std::string render_table(const Report& report, bool color) {
  const Value* rows = report.doc.find(report.rows_key);
  std::vector<std::vector<std::string>> cells;
  if (rows)
    for (const Value& row : rows->items()) {
      std::vector<std::string> line;
      for (const Column& c : report.columns) line.push_back(cell(row, c));
      cells.push_back(std::move(line));
    }
  std::vector<size_t> widths;
  for (const Column& c : report.columns) widths.push_back(display_width(c.header));
  for (const auto& line : cells)
    for (size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], display_width(line[i]));

  auto emit = [&](const std::vector<std::string>& line, bool header) {
    std::string out;
    for (size_t i = 0; i < line.size(); ++i) {
      const bool last = i + 1 == line.size();
      std::string text = pad_to(line[i], last && !report.columns[i].numeric ? 0 : widths[i],
                                report.columns[i].numeric && !header);
      if (header && report.columns[i].numeric) text = pad_to(line[i], widths[i], true);
      out += text;
      if (!last) out += "  ";
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (header && color) out = "\033[1m" + out + "\033[0m";
    return out + "\n";
  };
  std::string out;
  std::vector<std::string> headers;
  for (const Column& c : report.columns) headers.push_back(c.header);
  if (!report.columns.empty()) out += emit(headers, true);
  for (const auto& line : cells) out += emit(line, false);
  for (const std::string& note : report.notes) out += note + "\n";
  return out;
}

std::string render_csv(const Report& report) {
  std::string out;
  for (size_t i = 0; i < report.columns.size(); ++i)
    out += (i ? "," : "") + csv_field(report.columns[i].key);
  out += "\r\n";
  if (const Value* rows = report.doc.find(report.rows_key))
    for (const Value& row : rows->items()) {
      for (size_t i = 0; i < report.columns.size(); ++i)
        out += (i ? "," : "") + csv_field(cell(row, report.columns[i]));
      out += "\r\n";
    }
  return out;
}

}  // namespace

size_t display_width(const std::string& text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    const uint32_t cp = next_code_point(text, i);
    if (cp == 0x1B) continue;
    if (is_zero_width(cp)) continue;
    width += is_wide(cp) ? 2 : 1;
  }
  return width;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

const Value* lookup(const Value& object, const std::string& dotted_key) {
  const Value* v = &object;
  size_t start = 0;
  while (v && v->type() == Value::Type::object) {
    const size_t dot = dotted_key.find('.', start);
    v = v->find(dotted_key.substr(start, dot - start));
    if (dot == std::string::npos) return v;
    start = dot + 1;
  }
  return nullptr;
}

std::string render(const Report& report, Format format, bool color) {
  switch (format) {
    case Format::json: return to_json(report.doc);
    case Format::yaml: return to_yaml(report.doc);
    case Format::csv: return render_csv(report.shown_as_csv());
    case Format::table:
      return report.plain_text ? *report.plain_text : render_table(report.shown_as_table(), color);
    case Format::html: return render_html(report, HtmlPage{});
  }
  return {};
}

}  // namespace kamgr
