// TEMPORARY stand-in for the KPI engine of issue #5 so that reviews can be built and tested
// before it lands: imported metrics only, from kpi/<period>/targets.yaml and actuals.yaml.
// Delete this file when the real engine (src/store/kpi_engine*.cc) is merged.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "kamgr/store/kpi_engine.h"

namespace kamgr {

namespace {

using Table = std::map<std::string, std::map<std::string, double>>;

Table read_entries(const DataDir& dir, const std::string& rel) {
  Table t;
  const auto text = read_file(dir.path(rel));
  if (!text) return t;
  const YAML::Node root = YAML::Load(*text);
  for (const YAML::Node& e : root["entries"]) {
    const std::string member = e["member"].as<std::string>();
    for (const auto& kv : e) {
      const std::string key = kv.first.as<std::string>();
      if (key != "member") t[member][key] = kv.second.as<double>();
    }
  }
  return t;
}

const std::set<std::string> kComputed = {"visit_compliance", "visit_timeliness", "new_customers",
                                         "complaint_rate",   "complaint_sla",    "csat",
                                         "churn",            "profile_completeness"};

}  // namespace

std::vector<MemberKpi> compute_kpis(const Repository& repo, const Period& period, Instant,
                                    const std::optional<std::string>& member) {
  const Config& config = repo.dir().config();
  const Table targets = read_entries(repo.dir(), "kpi/" + period.name() + "/targets.yaml");
  const Table actuals = read_entries(repo.dir(), "kpi/" + period.name() + "/actuals.yaml");
  const Team team = repo.load_team();
  std::vector<MemberKpi> out;
  for (const auto& [id, metrics] : targets) {
    if (member && *member != id) continue;
    MemberKpi k;
    k.member = id;
    if (const Member* m = team.find(id)) k.name = m->name;
    double sum = 0, weights = 0;
    for (const auto& [name, mc] : config.kpi_metrics) {
      const auto t = metrics.find(name);
      if (t == metrics.end()) continue;
      MetricScore s;
      s.metric = name;
      s.weight = mc.weight;
      s.lower_is_better = mc.lower_is_better;
      s.computed = kComputed.count(name) != 0;
      s.target = t->second;
      const auto a = actuals.count(id) ? actuals.at(id).find(name) : metrics.end();
      if (actuals.count(id) && a != actuals.at(id).end()) s.actual = a->second;
      if (s.actual) {
        double ach = mc.lower_is_better ? (*s.actual <= 0 ? config.kpi_cap : *s.target / *s.actual * 100)
                                        : *s.actual / *s.target * 100;
        s.achievement = std::round(ach * 100) / 100;
        s.score = std::min(*s.achievement, config.kpi_cap);
        sum += mc.weight * *s.score;
        weights += mc.weight;
      } else if (!s.computed && mc.weight > 0) {
        k.complete = false;
      }
      k.metrics.push_back(s);
    }
    if (weights > 0) k.kpi_score = sum / weights;
    out.push_back(k);
  }
  return out;
}

}  // namespace kamgr
