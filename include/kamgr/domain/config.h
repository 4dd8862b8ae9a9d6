#pragma once
/// kamgr.yaml (docs/formats.md "kamgr.yaml"): every key optional, defaults built in.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/date.h"
#include "kamgr/core/period.h"

namespace kamgr {

/// A complaint level's SLA.
struct ComplaintLevel {
  Duration contact;
  Duration answer;
  std::string owner;  ///< optional owner role (rep, manager, director)
};

/// A KPI metric's weight and direction.
struct MetricConfig {
  double weight = 0;
  bool lower_is_better = false;
};

/// Where the KPI metric `sales` comes from (docs/pipeline.md "Configuration",
/// `kpi.sales_from`): imported from finance's figures, or computed as `order_sales`.
enum class SalesFrom { import, orders };

struct GradeRule {
  std::string grade;
  double min = 0;
  double share = 0;
};

/// A stage of the sales pipeline (docs/pipeline.md "Configuration").
struct PipelineStage {
  std::string stage;
  int probability = 0;  ///< percent, 0..100
  Duration rot_days{Duration::Unit::working_days, 10};
};

struct PipelineConfig {
  /// lead, qualified, needs, proposal, negotiation: always these five, in this order;
  /// kamgr.yaml sets their probability and rot_days.
  std::vector<PipelineStage> stages;
  Duration proposal_within{Duration::Unit::working_days, 5};
  std::vector<std::string> lost_reasons;
  /// The stage called `name`, or nullptr.
  const PipelineStage* find(const std::string& name) const;
};

struct Config {
  std::string org;
  TzOffset timezone{8 * 60};
  Date week_anchor = *Date::from_ymd(2024, 1, 1);

  /// Tier name -> visit frequency (weeks or months). Its keys are the valid tiers.
  std::map<std::string, Duration> visit_frequency;
  Duration entry_deadline{Duration::Unit::hours, 24};

  /// Level name -> SLA, in config order.
  std::vector<std::pair<std::string, ComplaintLevel>> complaint_levels;
  int callback_below = 3;
  Duration callback_within{Duration::Unit::hours, 24};

  std::vector<std::string> customer_required_fields;

  double kpi_cap = 120;
  /// Metric name -> config, in config order.
  std::vector<std::pair<std::string, MetricConfig>> kpi_metrics;
  SalesFrom kpi_sales_from = SalesFrom::import;

  double review_kpi_share = 0.7;
  double weight_self = 0.2, weight_manager = 0.8, weight_upward = 0.0;
  std::vector<GradeRule> grades;  ///< from the top
  std::string commission_metric = "sales";
  double commission_at = 120;
  int pip_days = 30;
  Duration interview_within{Duration::Unit::working_days, 3};
  Duration appeal_within{Duration::Unit::working_days, 5};
  Duration decision_within{Duration::Unit::working_days, 10};

  PipelineConfig pipeline;

  /// The built-in defaults (docs/formats.md "kamgr.yaml").
  static Config defaults();

  const ComplaintLevel* level(const std::string& name) const;
  const MetricConfig* metric(const std::string& name) const;
  std::vector<std::string> tiers() const;
  std::vector<std::string> level_names() const;
};

/// The commented kamgr.yaml that `kamgr init` writes: every default, shown as comments.
std::string default_config_text(const std::string& org, const std::string& timezone);

}  // namespace kamgr
