// Charts as inline SVG: horizontal bars, stacked bars and heatmaps (see html.h).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "kamgr/render/html.h"

namespace kamgr {
namespace {

constexpr double kWidth = 760;      ///< the drawing's width in CSS pixels
constexpr double kCharWidth = 7.2;  ///< one terminal column of 13 px sans-serif text
constexpr double kRow = 26;         ///< height of one bar's row
constexpr double kBar = 16;         ///< height of a bar
constexpr double kTop = 28;         ///< room for the axis labels above the bars

const char* fill(Tone tone) {
  switch (tone) {
    case Tone::plain: return "#4e79a7";
    case Tone::good: return "#59a14f";
    case Tone::bad: return "#e15759";
    case Tone::pending: return "#f1ce63";
    case Tone::none: return "#e6e6e6";
  }
  return "#4e79a7";
}

/// A coordinate with at most one decimal.
std::string px(double v) { return format_number(std::round(v * 10) / 10); }

/// `text` cut to at most `columns` terminal columns, with "…" when cut (UTF-8 safe).
std::string clip(const std::string& text, size_t columns) {
  if (display_width(text) <= columns) return text;
  std::string out;
  for (size_t i = 0; i < text.size();) {
    size_t len = 1;
    const unsigned char c = text[i];
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    const std::string next = text.substr(i, len);
    if (display_width(out + next) + 1 > columns) break;
    out += next;
    i += len;
  }
  return out + "…";
}

/// Width of the label column for `labels` (clipped at 32 columns).
double label_width(const std::vector<std::string>& labels) {
  size_t columns = 4;
  for (const std::string& l : labels) columns = std::max(columns, std::min<size_t>(display_width(l), 32));
  return columns * kCharWidth + 12;
}

/// A "nice" axis step (1, 2 or 5 x 10^k) giving about six ticks up to `max`.
double nice_step(double max) {
  if (max <= 0) return 1;
  const double raw = max / 6;
  const double magnitude = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0})
    if (raw <= m * magnitude) return m * magnitude;
  return 10 * magnitude;
}

std::string text(double x, double y, const std::string& s, const std::string& attrs = {}) {
  return fmt::format("<text x=\"{}\" y=\"{}\"{}>{}</text>", px(x), px(y),
                     attrs.empty() ? "" : " " + attrs, html_escape(s));
}

std::string open_svg(const std::string& title, double width, double height) {
  return fmt::format(
      "<svg class=\"chart\" role=\"img\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"sans-serif\" font-size=\"13\"><title>{2}</title>\n",
      px(width), px(height), html_escape(title));
}

/// A legend row of coloured squares (or marker lines) with names, starting at (x, y).
struct LegendEntry {
  std::string name;
  std::string swatch;  ///< the SVG drawn at (0,0)-(12,12)
};

std::string legend(const std::vector<LegendEntry>& entries, double x, double y) {
  std::string out = "<g class=\"legend\">";
  for (const LegendEntry& e : entries) {
    out += fmt::format("<g transform=\"translate({},{})\">{}", px(x), px(y), e.swatch);
    out += text(18, 11, e.name) + "</g>";
    x += 18 + display_width(e.name) * kCharWidth + 24;
  }
  return out + "</g>\n";
}

std::string square(Tone tone) {
  return fmt::format("<rect width=\"12\" height=\"12\" fill=\"{}\"/>", fill(tone));
}

/// Vertical grid lines and their values from 0 to `axis_max` every `step`.
std::string axis(double x0, double plot, double axis_max, double step, double height,
                 const std::string& unit) {
  std::string out = "<g class=\"axis\" fill=\"#555\" font-size=\"11\">";
  for (double v = 0; v <= axis_max + step / 1000; v += step) {
    const double x = x0 + plot * v / axis_max;
    out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#ddd\"/>", px(x),
                       px(kTop - 6), px(height));
    out += text(x, kTop - 10, format_number(v) + unit, "text-anchor=\"middle\"");
  }
  return out + "</g>\n";
}

std::string bar_chart(const BarChart& c) {
  std::vector<std::string> labels;
  double max = c.max;
  for (const Bar& b : c.bars) {
    labels.push_back(b.label);
    if (c.max <= 0) max = std::max({max, b.value.value_or(0), b.marker.value_or(0)});
  }
  if (c.max <= 0 && c.reference) max = std::max(max, *c.reference);
  const double step = c.counts ? std::max(1.0, std::ceil(nice_step(max))) : nice_step(max);
  // A given maximum is the axis end; else the first tick at or past the largest value.
  const double axis_max = c.max > 0 ? c.max : std::max(step, std::ceil(max / step - 1e-9) * step);
  const double x0 = label_width(labels);
  const double plot = kWidth - x0 - 70;
  const double bottom = kTop + c.bars.size() * kRow;
  std::vector<LegendEntry> keys;
  if (!c.marker_label.empty() &&
      std::any_of(c.bars.begin(), c.bars.end(), [](const Bar& b) { return b.marker.has_value(); }))
    keys.push_back({c.marker_label, "<line x1=\"6\" y1=\"-2\" x2=\"6\" y2=\"14\" stroke=\"#222\" "
                                    "stroke-width=\"3\"/>"});
  if (c.reference && !c.reference_label.empty())
    keys.push_back({c.reference_label, "<line x1=\"6\" y1=\"-2\" x2=\"6\" y2=\"14\" stroke=\"#b07aa1\" "
                                       "stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"});
  const double height = bottom + (keys.empty() ? 8 : 34);
  std::string out = open_svg(c.title, kWidth, height);
  out += axis(x0, plot, axis_max, step, bottom, c.unit);
  auto x_of = [&](double v) { return x0 + plot * std::clamp(v, 0.0, axis_max) / axis_max; };
  for (size_t i = 0; i < c.bars.size(); ++i) {
    const Bar& b = c.bars[i];
    const double y = kTop + i * kRow + (kRow - kBar) / 2;
    const std::string shown = b.value ? format_number(*b.value) + c.unit : "-";
    const std::string tip = b.tip.empty() ? b.label + ": " + shown : b.tip;
    out += "<g class=\"row\">";
    out += text(x0 - 8, y + 12.5, clip(b.label, 32), "text-anchor=\"end\"");
    if (b.value)
      out += fmt::format(
          "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}"
          "</title></rect>",
          px(x0), px(y), px(x_of(*b.value) - x0), px(kBar), fill(b.tone), html_escape(tip));
    if (b.marker)
      out += fmt::format(
          "<line class=\"marker\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#222\" "
          "stroke-width=\"3\"><title>{3}</title></line>",
          px(x_of(*b.marker)), px(y - 4), px(y + kBar + 4),
          html_escape(fmt::format("{}: {}", c.marker_label, format_number(*b.marker))));
    // A white halo keeps the value readable where it crosses the reference line.
    out += text((b.value ? x_of(*b.value) : x0) + 6, y + 12.5, shown,
                "stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\"") +
           "</g>\n";
  }
  if (c.reference)
    out += fmt::format(
        "<line class=\"reference\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#b07aa1\" "
        "stroke-width=\"2\" stroke-dasharray=\"4 3\"/>\n",
        px(x_of(*c.reference)), px(kTop - 6), px(bottom));
  if (!keys.empty()) out += legend(keys, x0, bottom + 12);
  return out + "</svg>\n";
}

std::string stacked_chart(const StackedBarChart& c) {
  std::vector<std::string> labels;
  long max = 0;
  for (const StackedBar& b : c.bars) {
    labels.push_back(b.label);
    long total = 0;
    for (long p : b.parts) total += std::max(0L, p);
    max = std::max(max, total);
  }
  const double step = std::max(1.0, std::ceil(nice_step(static_cast<double>(max))));
  const double axis_max = std::max(step, std::ceil(max / step - 1e-9) * step);
  const double x0 = label_width(labels);
  const double plot = kWidth - x0 - 50;
  const double bottom = kTop + c.bars.size() * kRow;
  std::string out = open_svg(c.title, kWidth, bottom + 34);
  out += axis(x0, plot, axis_max, step, bottom, "");
  for (size_t i = 0; i < c.bars.size(); ++i) {
    const StackedBar& b = c.bars[i];
    const double y = kTop + i * kRow + (kRow - kBar) / 2;
    out += "<g class=\"row\">" + text(x0 - 8, y + 12.5, clip(b.label, 32), "text-anchor=\"end\"");
    double x = x0;
    long total = 0;
    for (size_t k = 0; k < b.parts.size() && k < c.series.size(); ++k) {
      const long n = std::max(0L, b.parts[k]);
      total += n;
      if (n == 0) continue;
      const double w = plot * n / axis_max;
      out += fmt::format(
          "<rect class=\"seg\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}"
          "</title></rect>",
          px(x), px(y), px(w), px(kBar), fill(c.series[k].tone),
          html_escape(fmt::format("{} {}: {}", b.label, c.series[k].name, n)));
      if (w >= 8 * std::to_string(n).size() + 4)
        out += text(x + w / 2, y + 12.5, std::to_string(n),
                    "text-anchor=\"middle\" font-size=\"11\" fill=\"#111\"");
      x += w;
    }
    out += text(x + 6, y + 12.5, std::to_string(total)) + "</g>\n";
  }
  std::vector<LegendEntry> keys;
  for (const Series& s : c.series) keys.push_back({s.name, square(s.tone)});
  out += legend(keys, x0, bottom + 12);
  return out + "</svg>\n";
}

std::string heatmap(const Heatmap& c) {
  std::vector<std::string> labels;
  for (const Heatmap::Row& r : c.rows) labels.push_back(r.label);
  const double x0 = label_width(labels);
  const size_t n = std::max<size_t>(1, c.columns.size());
  const double cell = std::clamp((kWidth - x0 - 10) / n, 10.0, 40.0);
  const double rows_top = kTop + 4;
  const double bottom = rows_top + c.rows.size() * 22;
  const double width = std::max(kWidth, x0 + n * cell + 10);
  // Label every k-th column so that labels (about 4 columns wide) do not overlap.
  size_t widest = 1;
  for (const std::string& h : c.columns) widest = std::max(widest, display_width(h));
  const size_t every = std::max<size_t>(1, static_cast<size_t>(std::ceil((widest * 6.5 + 4) / cell)));
  std::string out = open_svg(c.title, width, bottom + 34);
  out += "<g class=\"columns\" font-size=\"11\" fill=\"#555\">";
  for (size_t j = 0; j < c.columns.size(); j += every)
    out += text(x0 + j * cell + cell / 2, kTop - 6, c.columns[j], "text-anchor=\"middle\"");
  out += "</g>\n";
  for (size_t i = 0; i < c.rows.size(); ++i) {
    const Heatmap::Row& r = c.rows[i];
    const double y = rows_top + i * 22;
    out += "<g class=\"row\">" + text(x0 - 8, y + 14.5, clip(r.label, 32), "text-anchor=\"end\"");
    for (size_t j = 0; j < r.cells.size() && j < c.columns.size(); ++j) {
      const HeatCell& h = r.cells[j];
      const Tone tone = h.state < c.states.size() ? c.states[h.state].tone : Tone::none;
      out += fmt::format(
          "<rect class=\"cell\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"20\" fill=\"{}\" "
          "stroke=\"#fff\"><title>{}</title></rect>",
          px(x0 + j * cell), px(y), px(cell), fill(tone), html_escape(h.tip));
    }
    out += "</g>\n";
  }
  std::vector<LegendEntry> keys;
  for (const Series& s : c.states) keys.push_back({s.name, square(s.tone)});
  out += legend(keys, x0, bottom + 12);
  return out + "</svg>\n";
}

}  // namespace

std::string render_svg(const Chart& chart) {
  if (const auto* c = std::get_if<BarChart>(&chart)) return bar_chart(*c);
  if (const auto* c = std::get_if<StackedBarChart>(&chart)) return stacked_chart(*c);
  return heatmap(std::get<Heatmap>(chart));
}

}  // namespace kamgr
