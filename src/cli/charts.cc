#include "charts.h"

#include <fmt/format.h>

#include <algorithm>

namespace kamgr::cli {

namespace {

std::optional<double> number_at(const Value& row, const std::string& key) {
  const Value* v = lookup(row, key);
  if (!v || v->is_null()) return std::nullopt;
  return v->as_number();
}

std::string text_at(const Value& row, const std::string& key) {
  const Value* v = lookup(row, key);
  return v ? v->to_cell() : "";
}

/// "王芳 (wang)", or the ID alone when there is no name.
std::string named(const std::string& name, const std::string& id) {
  return name.empty() ? id : fmt::format("{} ({})", name, id);
}

std::string period_line(const Period& period) {
  return fmt::format("{}: {} to {}", period.name(), period.from.str(), period.to.str());
}

}  // namespace

HtmlPage kpi_page(const Period& period, const Report& shown, KpiRows rows, const Config& config) {
  BarChart chart;
  chart.title = rows == KpiRows::members   ? "KPI score by member"
                : rows == KpiRows::metrics ? "Score by metric"
                                           : "Mean KPI score of each manager's reports";
  chart.max = config.kpi_cap;
  chart.reference = 100;
  chart.reference_label = "100: target met";
  if (const Value* list = shown.doc.find(shown.rows_key))
    for (const Value& row : list->items()) {
      Bar bar;
      if (rows == KpiRows::members) {
        bar.label = named(text_at(row, "name"), text_at(row, "member"));
        bar.value = number_at(row, "kpi");
        if (text_at(row, "complete") == "no") bar.tone = Tone::pending;
      } else if (rows == KpiRows::metrics) {
        bar.label = text_at(row, "metric");
        bar.value = number_at(row, "score");
      } else {
        bar.label = named(text_at(row, "name"), text_at(row, "manager"));
        bar.value = number_at(row, "mean");
        bar.tip = fmt::format("{}: mean {}, min {}, max {} over {} scored", bar.label,
                              text_at(row, "mean"), text_at(row, "min"), text_at(row, "max"),
                              text_at(row, "scored"));
      }
      if (bar.tone == Tone::pending)
        bar.tip = fmt::format("{}: {} (incomplete)", bar.label, bar.value ? format_number(*bar.value) : "-");
      chart.bars.push_back(std::move(bar));
    }
  HtmlPage page;
  page.title = "KPI " + period.name();
  page.subtitle = fmt::format(
      "{}. Scores are achievement % capped at {}; amber bars are incomplete.", period_line(period),
      format_number(config.kpi_cap));
  page.charts.push_back(std::move(chart));
  return page;
}

HtmlPage compliance_page(const Period& period, const std::vector<RequiredWindow>& windows,
                         const CustomerBook& book) {
  enum State : size_t { none, met, missed };
  Heatmap map;
  map.title = "Visit compliance by customer and week";
  map.states = {{"no required window", Tone::none}, {"met", Tone::good}, {"missed", Tone::bad}};
  std::vector<Date> mondays;
  for (Date monday = period.from - (period.from.weekday() - 1); monday <= period.to; monday = monday + 7) {
    mondays.push_back(monday);
    map.columns.push_back(fmt::format("W{:02}", monday.iso_week()));
  }
  for (size_t i = 0; i < windows.size();) {
    const std::string& id = windows[i].customer;
    size_t end = i;
    while (end < windows.size() && windows[end].customer == id) ++end;
    // The name alone (IDs repeat it in pinyin and would crowd the labels); the cells'
    // tips carry the ID.
    const Customer* customer = book.find(id);
    const std::string label = customer && !customer->name.empty() ? customer->name : id;
    Heatmap::Row row{label, {}};
    for (const Date monday : mondays) {
      const Date sunday = monday + 6;
      HeatCell cell;
      std::string judged;
      for (size_t k = i; k < end; ++k) {
        const RequiredWindow& w = windows[k];
        if (w.window.to < monday || w.window.from > sunday) continue;
        cell.state = std::max<size_t>(cell.state, w.met ? met : missed);
        judged += fmt::format("; {}..{} {}", w.window.from.str(), w.window.to.str(),
                              w.met ? "met" : "missed");
      }
      cell.tip = fmt::format("{} {}-W{:02} ({}..{}){}", named(label, id), monday.iso_year(),
                             monday.iso_week(), monday.str(), sunday.str(),
                             judged.empty() ? "; no required window" : judged);
      row.cells.push_back(std::move(cell));
    }
    map.rows.push_back(std::move(row));
    i = end;
  }
  HtmlPage page;
  page.title = "Visit compliance " + period.name();
  page.subtitle = fmt::format(
      "{}. A week is red when a required window overlapping it was missed, green when met.",
      period_line(period));
  page.charts.push_back(std::move(map));
  return page;
}

HtmlPage complaint_page(const Period& period, const std::vector<std::string>& levels,
                        const std::map<std::string, ComplaintStats>& by_level) {
  HtmlPage page;
  page.title = "Complaints " + period.name();
  page.subtitle = period_line(period) + ". SLA results of the complaints received, by level.";
  for (const bool contact : {true, false}) {
    StackedBarChart chart;
    chart.title = contact ? "First contact SLA by level" : "Answer SLA by level";
    chart.series = {{"met", Tone::good}, {"breached", Tone::bad}, {"pending", Tone::pending}};
    for (const std::string& level : levels) {
      const auto it = by_level.find(level);
      const ComplaintStats s = it == by_level.end() ? ComplaintStats{} : it->second;
      const long met = contact ? s.contact_met : s.answer_met;
      const long judged = contact ? s.contact_judged : s.answer_judged;
      chart.bars.push_back({level, {met, judged - met, s.received - judged}});
    }
    page.charts.push_back(std::move(chart));
  }
  return page;
}

HtmlPage calibration_page(const Period& period, const std::vector<CalibrationGroup>& groups,
                          const Config& config) {
  HtmlPage page;
  page.title = "Grade calibration " + period.name();
  page.subtitle = period_line(period) +
                  ". Bars: finalized reviews per grade; black line: the grade's share of the "
                  "group; red bars are over their allowed count.";
  for (const CalibrationGroup& g : groups) {
    BarChart chart;
    chart.title = fmt::format("Grades of {} ({} reviews)", g.group, g.n);
    chart.marker_label = "configured share x reviews";
    chart.max = g.n;  // the whole group: bars and markers read as parts of it
    chart.counts = true;
    for (const GradeCount& c : g.grades) {
      Bar bar{c.grade, static_cast<double>(c.count), std::nullopt, c.over ? Tone::bad : Tone::plain,
              fmt::format("{}: {} of {} (allowed {})", c.grade, c.count, g.n, c.allowed)};
      for (const GradeRule& rule : config.grades)
        if (rule.grade == c.grade) bar.marker = rule.share * g.n;
      chart.bars.push_back(std::move(bar));
    }
    page.charts.push_back(std::move(chart));
  }
  return page;
}

}  // namespace kamgr::cli
