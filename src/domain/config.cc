#include "kamgr/domain/config.h"

#include <fmt/format.h>

#include "kamgr/core/value.h"

namespace kamgr {

Config Config::defaults() {
  Config c;
  using U = Duration::Unit;
  c.visit_frequency = {{"key", {U::weeks, 1}}, {"secondary", {U::weeks, 2}},
                       {"general", {U::months, 1}}};
  c.complaint_levels = {
      {"general", {{U::hours, 24}, {U::working_days, 3}, ""}},
      {"major", {{U::hours, 24}, {U::working_days, 7}, ""}},
  };
  c.customer_required_fields = {"name",     "industry",         "business_scope",
                                "decision_process", "competitors", "contacts"};
  c.kpi_metrics = {
      {"sales", {40, false}},           {"collection_rate", {15, false}},
      {"new_customers", {15, false}},   {"visit_compliance", {15, false}},
      {"complaint_rate", {10, true}},   {"visit_timeliness", {5, false}},
  };
  c.grades = {{"S", 90, 0.10}, {"A", 80, 0.20}, {"B", 70, 0.40}, {"C", 60, 0.20}, {"D", 0, 0.10}};
  c.pipeline.stages = {{"lead", 10, {U::working_days, 10}},
                       {"qualified", 20, {U::working_days, 10}},
                       {"needs", 30, {U::working_days, 10}},
                       {"proposal", 50, {U::working_days, 10}},
                       {"negotiation", 70, {U::working_days, 15}}};
  c.pipeline.lost_reasons = {"price", "competitor", "no_budget", "no_decision", "product_fit",
                             "other"};
  return c;
}

const PipelineStage* PipelineConfig::find(const std::string& name) const {
  for (const PipelineStage& s : stages)
    if (s.stage == name) return &s;
  return nullptr;
}

const ComplaintLevel* Config::level(const std::string& name) const {
  for (const auto& [n, l] : complaint_levels)
    if (n == name) return &l;
  return nullptr;
}

const MetricConfig* Config::metric(const std::string& name) const {
  for (const auto& [n, m] : kpi_metrics)
    if (n == name) return &m;
  return nullptr;
}

std::vector<std::string> Config::tiers() const {
  std::vector<std::string> out;
  for (const auto& [t, _] : visit_frequency) out.push_back(t);
  return out;
}

std::vector<std::string> Config::level_names() const {
  std::vector<std::string> out;
  for (const auto& [n, _] : complaint_levels) out.push_back(n);
  return out;
}

std::string default_config_text(const std::string& org, const std::string& timezone) {
  return fmt::format(R"(# kamgr data directory configuration. Every key is optional; the values shown
# in comments are the built-in defaults. Uncomment a line to change it.
org: {}
timezone: {}
# week_anchor: 2024-01-01            # a Monday; 2w windows are counted from it
# visits:
#   frequency: {{key: 1w, secondary: 2w, general: 1m}}
#   entry_deadline: 24h
# complaints:
#   levels:
#     general: {{contact: 24h, answer: 3wd}}
#     major:   {{contact: 24h, answer: 7wd}}
#   callback_below: 3                # csat <= this needs a call-back
#   callback_within: 24h
# customers:
#   required_fields: [name, industry, business_scope, decision_process, competitors, contacts]
# kpi:
#   cap: 120
#   sales_from: import                # import | orders (sales = order_sales)
#   metrics:                          # weight; better: higher (default) | lower
#     sales: {{weight: 40}}
#     collection_rate: {{weight: 15}}
#     new_customers: {{weight: 15}}
#     visit_compliance: {{weight: 15}}
#     complaint_rate: {{weight: 10, better: lower}}
#     visit_timeliness: {{weight: 5}}
# review:
#   kpi_share: 0.7
#   qualitative: {{self: 0.2, manager: 0.8, upward: 0.0}}
#   grades:                           # from the top; a total >= min gets the grade
#     - {{grade: S, min: 90, share: 0.10}}
#     - {{grade: A, min: 80, share: 0.20}}
#     - {{grade: B, min: 70, share: 0.40}}
#     - {{grade: C, min: 60, share: 0.20}}
#     - {{grade: D, min: 0,  share: 0.10}}
#   commission_metric: sales
#   commission_at: 120
#   pip_days: 30
#   interview_within: 3wd
#   appeal_within: 5wd
#   decision_within: 10wd
# pipeline:                           # docs/pipeline.md
#   stages:                           # probability in %, rot_days in working days
#     - {{stage: lead,        probability: 10, rot_days: 10wd}}
#     - {{stage: qualified,   probability: 20, rot_days: 10wd}}
#     - {{stage: needs,       probability: 30, rot_days: 10wd}}
#     - {{stage: proposal,    probability: 50, rot_days: 10wd}}
#     - {{stage: negotiation, probability: 70, rot_days: 15wd}}
#   proposal_within: 5wd              # from qualification to the first proposal
#   lost_reasons: [price, competitor, no_budget, no_decision, product_fit, other]
)",
                     yaml_scalar(org, false), yaml_scalar(timezone, false));
}

}  // namespace kamgr
