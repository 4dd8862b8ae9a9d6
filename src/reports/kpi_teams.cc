#include "kamgr/reports/kpi_teams.h"

#include <algorithm>
#include <numeric>


namespace kamgr {

std::optional<double> TeamKpi::mean() const {
  if (scores.empty()) return std::nullopt;
  return std::accumulate(scores.begin(), scores.end(), 0.0) / scores.size();
}

std::optional<double> TeamKpi::min() const {
  if (scores.empty()) return std::nullopt;
  return *std::min_element(scores.begin(), scores.end());
}

std::optional<double> TeamKpi::max() const {
  if (scores.empty()) return std::nullopt;
  return *std::max_element(scores.begin(), scores.end());
}

std::vector<TeamKpi> roll_up_kpis(const Team& team, const std::vector<MemberKpi>& kpis) {
  auto find = [&](const std::string& id) -> const MemberKpi* {
    for (const MemberKpi& k : kpis)
      if (k.member == id) return &k;
    return nullptr;
  };
  std::vector<TeamKpi> out;
  for (const Member* lead : reporting_order(team)) {
    const auto reports = team.reports_of(lead->id);
    if (reports.empty()) continue;
    TeamKpi t{lead, find(lead->id)};
    for (const Member* m : reports)
      if (const MemberKpi* k = find(m->id)) {
        ++t.members;
        if (!k->complete) ++t.incomplete;
        if (k->kpi_score) t.scores.push_back(*k->kpi_score);
      }
    if (t.own || t.members > 0) out.push_back(std::move(t));
  }
  return out;
}

}  // namespace kamgr
