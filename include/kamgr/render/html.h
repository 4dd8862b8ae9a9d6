#pragma once
/// The HTML format: one self-contained page (inline CSS and SVG, no script, no external
/// resource) with charts over a report's table. Commands compute the numbers and
/// describe the charts with the plain structs below; this module alone knows HTML and
/// SVG, so no computation knows how a page looks.
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kamgr/render/render.h"

namespace kamgr {

/// The meaning of a colour, so that pages agree: good is green, bad red, pending amber,
/// none light grey, plain the neutral blue of ordinary bars.
enum class Tone { plain, good, bad, pending, none };

/// One bar of a horizontal bar chart.
struct Bar {
  std::string label;
  std::optional<double> value;   ///< nullopt: no value (drawn as "-", no bar)
  std::optional<double> marker;  ///< a line across this bar (e.g. the allowed share)
  Tone tone = Tone::plain;
  std::string tip;  ///< hover text; empty: "label: value"
};

/// Horizontal bars on one value axis from 0 to `max` (0: the largest value or marker).
struct BarChart {
  std::string title;
  std::string unit;  ///< appended to the printed values ("%", "")
  double max = 0;
  bool counts = false;  ///< whole-number axis ticks
  std::optional<double> reference;  ///< a dashed line across all bars (e.g. 100)
  std::string reference_label;
  std::string marker_label;  ///< the legend entry for the bars' markers
  std::vector<Bar> bars;
};

/// A named part of stacked bars or a state of heatmap cells, with its colour.
struct Series {
  std::string name;
  Tone tone = Tone::plain;
};

/// One bar made of counts, one per series of its chart.
struct StackedBar {
  std::string label;
  std::vector<long> parts;
};

/// Horizontal stacked bars of counts on a common axis.
struct StackedBarChart {
  std::string title;
  std::vector<Series> series;
  std::vector<StackedBar> bars;
};

/// One cell of a heatmap: the index of its state in `Heatmap::states`.
struct HeatCell {
  size_t state = 0;
  std::string tip;
};

/// A grid of coloured cells: rows by columns.
struct Heatmap {
  std::string title;
  std::vector<std::string> columns;
  std::vector<Series> states;
  struct Row {
    std::string label;
    std::vector<HeatCell> cells;  ///< one per column
  };
  std::vector<Row> rows;
};

using Chart = std::variant<BarChart, StackedBarChart, Heatmap>;

/// What a page shows besides the report's table.
struct HtmlPage {
  std::string title;     ///< <title> and the heading
  std::string subtitle;  ///< a line under the heading (period, data as of)
  std::vector<Chart> charts;
};

/// The whole page: heading, the charts, then the report's table view (render.h
/// under its columns) and notes. Every text is HTML-escaped; UTF-8 is declared.
std::string render_html(const Report& report, const HtmlPage& page);

/// One chart as an inline <svg> element (no xmlns: HTML5 gives it its namespace).
std::string render_svg(const Chart& chart);

/// Escapes &, <, >, " and ' for text and attribute values.
std::string html_escape(std::string_view text);

}  // namespace kamgr
