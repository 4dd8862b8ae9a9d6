// The HTML format: escaping, the page around a report, and the SVG charts.
#include <doctest/doctest.h>

#include <string>

#include "kamgr/render/html.h"

using namespace kamgr;

namespace {

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

}  // namespace

TEST_CASE("html_escape escapes markup and quotes, keeps UTF-8") {
  CHECK(html_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
  CHECK(html_escape("華潤萬家") == "華潤萬家");
  CHECK(html_escape("") == "");
}

TEST_CASE("a page holds the heading, charts, table and notes, all escaped") {
  Report r;
  r.columns = {{"name", "NAME"}, {"score", "SCORE", true}};
  Value rows = Value::array();
  Value row = Value::object();
  row.set("name", "<script>alert(1)</script>");
  row.set("score", 87.5);
  rows.push(row);
  r.doc.set("rows", rows);
  r.notes.push_back("total & more");
  HtmlPage page;
  page.title = "KPI <2026-10>";
  BarChart chart;
  chart.title = "by member";
  chart.bars = {{"張三", 87.5, std::nullopt, Tone::plain, ""}, {"R&D", std::nullopt, 50.0, Tone::bad, ""}};
  page.charts.push_back(chart);
  const std::string html = render_html(r, page);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(html.find("<title>KPI &lt;2026-10&gt;</title>") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("<td class=\"num\">87.5</td>") != std::string::npos);
  CHECK(html.find("<li>total &amp; more</li>") != std::string::npos);
  CHECK(html.find("R&amp;D") != std::string::npos);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  // One bar drawn (the other has no value), one marker.
  CHECK(count(html, "class=\"bar\"") == 1);
  CHECK(count(html, "class=\"marker\"") == 1);
}

TEST_CASE("bar lengths are proportional to the axis") {
  BarChart chart;
  chart.max = 120;
  chart.bars = {{"a", 120.0, std::nullopt, Tone::plain, ""}, {"b", 60.0, std::nullopt, Tone::plain, ""},
                {"c", 500.0, std::nullopt, Tone::plain, ""}};
  const std::string svg = render_svg(chart);
  auto width_of = [&](size_t nth) {
    size_t at = 0;
    for (size_t i = 0; i <= nth; ++i) at = svg.find("class=\"bar\"", at + 1);
    const size_t w = svg.find("width=\"", at) + 7;
    return std::stod(svg.substr(w, svg.find('"', w) - w));
  };
  CHECK(width_of(1) == doctest::Approx(width_of(0) / 2).epsilon(0.01));
  CHECK(width_of(2) == doctest::Approx(width_of(0)));  // clamped at the axis end
}

TEST_CASE("stacked bars draw one segment per non-zero part") {
  StackedBarChart chart;
  chart.series = {{"met", Tone::good}, {"breached", Tone::bad}, {"pending", Tone::pending}};
  chart.bars = {{"L1", {3, 0, 1}}, {"L2", {0, 0, 0}}, {"L3", {2, 2, 2}}};
  const std::string svg = render_svg(chart);
  CHECK(count(svg, "class=\"seg\"") == 5);
  CHECK(svg.find("L1 pending: 1") != std::string::npos);
}

TEST_CASE("a heatmap draws rows x columns cells with their state's colour") {
  Heatmap map;
  map.columns = {"W40", "W41", "W42"};
  map.states = {{"none", Tone::none}, {"met", Tone::good}, {"missed", Tone::bad}};
  map.rows = {{"甲", {{0, "a"}, {1, "b"}, {2, "c"}}}, {"乙", {{2, "d"}, {2, "e"}, {1, "f"}}}};
  const std::string svg = render_svg(map);
  CHECK(count(svg, "class=\"cell\"") == 6);
  CHECK(count(svg, "fill=\"#e15759\" stroke") == 3);
  CHECK(svg.find("xmlns") == std::string::npos);
}
