#include "kamgr/domain/kpi_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cmath>
#include <map>

#include "kamgr/domain/integrity.h"
#include "kamgr/domain/kpi_metric_table.h"

namespace kamgr {

std::string kpi_metric_problem(const Config& config, KpiKind kind, const std::string& metric) {
  if (kind == KpiKind::actuals && metric == "sales" && is_computed_metric(config, metric))
    return "'sales' is computed from the orders (kpi.sales_from: orders in kamgr.yaml); it "
           "cannot be imported";
  if (kind == KpiKind::actuals && is_computed_metric(metric))
    return fmt::format("'{}' is computed by kamgr from the records; it cannot be imported",
                       metric);
  if (is_known_metric(config, metric)) return {};
  const std::string near = closest_match(metric, known_metrics(config));
  if (!near.empty())
    return fmt::format("unknown metric '{}'; did you mean '{}'?", printable(metric), near);
  return fmt::format("unknown metric '{}' (add it to kpi.metrics in kamgr.yaml to use it)",
                     printable(metric));
}

std::string kpi_number_text(const Config& config, KpiKind kind, const std::string& metric,
                            const std::string& text, std::string& problem) {
  const std::string s = trim_blanks(text);
  double v = 0;
  // A leading '+' is allowed before a digit or '.' only: "+-5" and "++5" are not numbers.
  const bool plus = s.size() > 1 && s[0] == '+' &&
                    (std::isdigit(static_cast<unsigned char>(s[1])) || s[1] == '.');
  const char* begin = s.data() + (plus ? 1 : 0);
  const auto [end, ec] = std::from_chars(begin, s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v) ||
      std::fabs(v) > 1e15) {
    problem = fmt::format("'{}' for '{}' is not a number", printable(s), metric);
    if (s.find(',') != std::string::npos) problem += " (write it without thousands separators)";
    return {};
  }
  if (auto p = kpi_value_problem(config, kind, metric, v)) {
    problem = *p;
    return {};
  }
  return fmt::format("{}", v == 0 ? 0.0 : v);
}

KpiDraft kpi_draft_from_assignments(const std::string& member,
                                    const std::vector<std::string>& assignments, KpiKind kind,
                                    const Config& config, const Team& team) {
  if (!team.find(member)) throw input_error(unknown_member_message("--member", member, team));
  if (assignments.empty())
    throw input_error("give at least one METRIC=VALUE (such as sales=1200000)");
  KpiDraft d{member, {}, 0};
  for (const std::string& a : assignments) {
    const size_t eq = a.find('=');
    if (eq == std::string::npos)
      throw input_error(fmt::format("'{}' is not METRIC=VALUE (such as sales=1200000)", a));
    const std::string metric = trim_blanks(a.substr(0, eq));
    if (std::string p = kpi_metric_problem(config, kind, metric); !p.empty()) throw input_error(p);
    std::string problem;
    const std::string number = kpi_number_text(config, kind, metric, a.substr(eq + 1), problem);
    if (!problem.empty()) throw input_error(problem);
    for (const auto& [m, _] : d.values)
      if (m == metric) throw input_error(fmt::format("'{}' is given twice", metric));
    d.values.emplace_back(metric, number);
  }
  return d;
}

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// Collects values per member in order of first appearance, refusing repeats.
class DraftBuilder {
 public:
  DraftBuilder(const std::string& file, KpiKind kind, const Config& config, const Team& team,
               Diagnostics& diag)
      : file_(file), kind_(kind), config_(config), team_(team), diag_(diag) {}

  bool member_ok(const std::string& member, int line) {
    if (member.empty()) diag_.error(file_, line, "the member cell is empty");
    else if (!team_.find(member))
      diag_.error(file_, line, unknown_member_message("member", printable(member), team_));
    else return true;
    return false;
  }

  void add(const std::string& member, const std::string& metric, const std::string& text, int line) {
    std::string problem;
    const std::string number = kpi_number_text(config_, kind_, metric, text, problem);
    if (!problem.empty()) return diag_.error(file_, line, fmt::format("{}: {}", member, problem));
    auto [seen, fresh] = lines_.try_emplace({member, metric}, line);
    if (!fresh)
      return diag_.error(file_, line, fmt::format("{} {} is given twice (also on line {})", member,
                                                  metric, seen->second));
    auto it = std::find_if(drafts_.begin(), drafts_.end(),
                           [&](const KpiDraft& d) { return d.member == member; });
    if (it == drafts_.end()) it = drafts_.insert(drafts_.end(), KpiDraft{member, {}, line});
    it->values.emplace_back(metric, number);
  }

  std::vector<KpiDraft> take() { return std::move(drafts_); }

 private:
  const std::string& file_;
  KpiKind kind_;
  const Config& config_;
  const Team& team_;
  Diagnostics& diag_;
  std::vector<KpiDraft> drafts_;
  std::map<std::pair<std::string, std::string>, int> lines_;
};

bool metric_ok(const std::string& metric, int line, const std::string& file, KpiKind kind,
               const Config& config, Diagnostics& diag) {
  const std::string p = metric.empty() ? std::string("a column has no metric name")
                                       : kpi_metric_problem(config, kind, metric);
  if (!p.empty()) diag.error(file, line, p);
  return p.empty();
}

void read_long(const std::vector<CsvRow>& rows, size_t first, DraftBuilder& b,
               const std::string& file, KpiKind kind, const Config& config, Diagnostics& diag) {
  for (size_t i = first; i < rows.size(); ++i) {
    const CsvRow& r = rows[i];
    if (r.cells.size() != 3) {
      diag.error(file, r.line, fmt::format("expected 3 cells (member,metric,value), found {}",
                                           r.cells.size()));
      continue;
    }
    const std::string member = trim_blanks(r.cells[0]), metric = lower(trim_blanks(r.cells[1]));
    const bool ok = b.member_ok(member, r.line);
    if (metric_ok(metric, r.line, file, kind, config, diag) && ok)
      b.add(member, metric, r.cells[2], r.line);
  }
}

void read_wide(const std::vector<CsvRow>& rows, DraftBuilder& b, const std::string& file,
               KpiKind kind, const Config& config, Diagnostics& diag) {
  std::vector<std::string> metrics;
  bool header_ok = true;
  for (size_t c = 1; c < rows[0].cells.size(); ++c) {
    const std::string m = lower(trim_blanks(rows[0].cells[c]));
    if (std::find(metrics.begin(), metrics.end(), m) != metrics.end() && !m.empty()) {
      diag.error(file, rows[0].line, fmt::format("column '{}' appears twice", printable(m)));
      header_ok = false;
    } else if (!metric_ok(m, rows[0].line, file, kind, config, diag)) {
      header_ok = false;
    }
    metrics.push_back(m);
  }
  if (!header_ok) return;
  for (size_t i = 1; i < rows.size(); ++i) {
    const CsvRow& r = rows[i];
    if (r.cells.size() > metrics.size() + 1) {
      diag.error(file, r.line, fmt::format("{} cells, but the header has {} columns",
                                           r.cells.size(), metrics.size() + 1));
      continue;
    }
    const std::string member = trim_blanks(r.cells[0]);
    if (!b.member_ok(member, r.line)) continue;
    for (size_t c = 1; c < r.cells.size(); ++c)
      if (!trim_blanks(r.cells[c]).empty()) b.add(member, metrics[c - 1], r.cells[c], r.line);
  }
}

}  // namespace

KpiDelta kpi_delta(const KpiTable& in_force, const std::vector<KpiDraft>& drafts) {
  KpiDelta delta;
  for (const KpiDraft& d : drafts) {
    KpiDraft kept{d.member, {}, d.line};
    for (const auto& [metric, number] : d.values) {
      const auto it = in_force.find({d.member, metric});
      // Both sides are the same decimal text read the same way: equal values compare equal.
      const double value = std::strtod(number.c_str(), nullptr);
      if (it == in_force.end()) ++delta.added;
      else if (it->second.value != value) ++delta.changed;
      else {
        ++delta.unchanged;
        continue;
      }
      kept.values.emplace_back(metric, number);
    }
    if (!kept.values.empty()) delta.to_append.push_back(std::move(kept));
  }
  return delta;
}

std::vector<KpiDraft> kpi_drafts_from_csv(const std::vector<CsvRow>& rows, const std::string& file,
                                          KpiKind kind, const Config& config, const Team& team,
                                          Diagnostics& diag) {
  if (rows.empty()) {
    diag.error(file, 1, "the file has no rows");
    return {};
  }
  DraftBuilder b(file, kind, config, team, diag);
  std::vector<std::string> header;
  for (const std::string& c : rows[0].cells) header.push_back(lower(trim_blanks(c)));
  if (header == std::vector<std::string>{"member", "metric", "value"}) {
    read_long(rows, 1, b, file, kind, config, diag);
  } else if (header[0] == "member") {
    if (header.size() < 2) diag.error(file, rows[0].line, "the header names no metric column");
    else read_wide(rows, b, file, kind, config, diag);
  } else if (header.size() == 3) {
    read_long(rows, 0, b, file, kind, config, diag);
  } else {
    diag.error(file, rows[0].line,
               "expected a header 'member,METRIC,...' (one column per metric) or "
               "'member,metric,value' rows");
  }
  if (diag.has_errors()) return {};
  std::vector<KpiDraft> drafts = b.take();
  if (drafts.empty())
    diag.error(file, rows.back().line, "the file holds no values to import (only a header?)");
  return drafts;
}

}  // namespace kamgr
