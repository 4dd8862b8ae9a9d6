#include <fmt/format.h>
#include <fmt/ranges.h>

#include <set>

#include "kamgr/core/id.h"
#include "kamgr/store/loaders.h"
#include "yaml_fields.h"

namespace kamgr {

namespace {

/// Reads kamgr.yaml section by section. Each key path is named in full in messages
/// (`visits.frequency.key`).
class ConfigReader {
 public:
  ConfigReader(const std::string& file, Diagnostics& diag) : file_(file), diag_(diag) {}

  void unknown_keys(const YAML::Node& map, const std::string& prefix,
                    const std::set<std::string>& known) {
    for (const auto& kv : map) {
      const std::string key = kv.first.Scalar();
      if (known.count(key)) continue;
      std::string message = fmt::format("unknown configuration key '{}{}'", prefix, key);
      const std::string near = closest_match(key, {known.begin(), known.end()});
      if (!near.empty()) message += fmt::format("; did you mean '{}{}'?", prefix, near);
      diag_.warning(file_, store::line_of(kv.first), message + " (ignored)");
    }
  }

  void bad(const YAML::Node& n, const std::string& key, const std::string& expected) {
    diag_.error(file_, store::line_of(n),
                fmt::format("invalid value for '{}': expected {}", key, expected));
  }

  std::optional<YAML::Node> section(const YAML::Node& parent, const std::string& key,
                                    const std::string& path) {
    const YAML::Node n = parent[key];
    if (!n.IsDefined() || n.IsNull()) return std::nullopt;
    if (!n.IsMap()) {
      bad(n, path, "a mapping");
      return std::nullopt;
    }
    return n;
  }

  template <typename T, typename Parse>
  void scalar(const YAML::Node& parent, const std::string& key, const std::string& path, T& out,
              const std::string& expected, Parse parse) {
    const YAML::Node n = parent[key];
    if (!n.IsDefined() || n.IsNull()) return;
    if (!n.IsScalar()) return bad(n, path, expected);
    if (auto v = parse(n.Scalar())) out = *v;
    else bad(n, path, expected);
  }

  void number(const YAML::Node& parent, const std::string& key, const std::string& path,
              double& out, double min, double max) {
    scalar(parent, key, path, out, fmt::format("a number from {} to {}", min, max),
           [&](const std::string& s) -> std::optional<double> {
             try {
               size_t used = 0;
               const double v = std::stod(s, &used);
               if (used != s.size() || v < min || v > max) return std::nullopt;
               return v;
             } catch (...) {
               return std::nullopt;
             }
           });
  }

  void duration(const YAML::Node& parent, const std::string& key, const std::string& path,
                Duration& out, bool m_means_months, const std::string& expected) {
    scalar(parent, key, path, out, expected,
           [&](const std::string& s) { return Duration::parse(s, m_means_months); });
  }

  const std::string& file() const { return file_; }
  Diagnostics& diag() { return diag_; }

 private:
  std::string file_;
  Diagnostics& diag_;
};

void read_visits(ConfigReader& r, const YAML::Node& root, Config& c) {
  const auto visits = r.section(root, "visits", "visits");
  if (!visits) return;
  r.unknown_keys(*visits, "visits.", {"frequency", "entry_deadline"});
  if (const auto freq = r.section(*visits, "frequency", "visits.frequency")) {
    // Every key is optional (docs/formats.md "kamgr.yaml"; docs/visits.md "Frequencies
    // and windows"): the tiers given replace their defaults, the
    // other default tiers stay, and new tiers may be added.
    for (const auto& kv : *freq) {
      const std::string tier = kv.first.Scalar();
      const std::string path = "visits.frequency." + tier;
      Duration d;
      r.duration(*freq, tier, path, d, true, "weeks or months such as 1w, 2w, 1m");
      if (!is_valid_id(tier)) r.bad(kv.first, path, "a tier name in lowercase");
      else if (d.unit == Duration::Unit::weeks || d.unit == Duration::Unit::months)
        c.visit_frequency[tier] = d;
      else if (d.count != 0) r.bad(kv.second, path, "weeks or months such as 1w, 2w, 1m");
    }
  }
  r.duration(*visits, "entry_deadline", "visits.entry_deadline", c.entry_deadline, false,
             "a duration such as 24h or 1wd");
}

void read_complaints(ConfigReader& r, const YAML::Node& root, Config& c) {
  const auto complaints = r.section(root, "complaints", "complaints");
  if (!complaints) return;
  r.unknown_keys(*complaints, "complaints.",
                 {"levels", "callback_below", "callback_within"});
  if (const auto levels = r.section(*complaints, "levels", "complaints.levels")) {
    c.complaint_levels.clear();
    for (const auto& kv : *levels) {
      const std::string name = kv.first.Scalar();
      const std::string path = "complaints.levels." + name;
      if (!kv.second.IsMap()) {
        r.bad(kv.second, path, "{contact: DURATION, answer: DURATION}");
        continue;
      }
      r.unknown_keys(kv.second, path + ".", {"contact", "answer", "owner"});
      ComplaintLevel level;
      for (const char* part : {"contact", "answer"}) {
        Duration& d = std::string(part) == "contact" ? level.contact : level.answer;
        const YAML::Node n = kv.second[part];
        if (!n.IsDefined() || n.IsNull()) r.bad(kv.second, path + "." + part, "a duration");
        else r.duration(kv.second, part, path + "." + part, d, false, "a duration such as 30m, 24h or 3wd");
        if (d.unit == Duration::Unit::weeks || d.unit == Duration::Unit::months)
          r.bad(n, path + "." + part, "minutes, hours or working days");
      }
      const YAML::Node owner = kv.second["owner"];
      if (owner.IsDefined() && !owner.IsNull()) {
        const std::string role = owner.IsScalar() ? owner.Scalar() : "";
        if (parse_role(role)) level.owner = role;
        else r.bad(owner, path + ".owner", "a role: rep, manager, director or hr");
      }
      c.complaint_levels.emplace_back(name, level);
    }
  }
  double below = c.callback_below;
  r.number(*complaints, "callback_below", "complaints.callback_below", below, 0, 5);
  c.callback_below = static_cast<int>(below);
  r.duration(*complaints, "callback_within", "complaints.callback_within", c.callback_within,
             false, "a duration such as 24h or 1wd");
}

void read_customers(ConfigReader& r, const YAML::Node& root, Config& c) {
  const auto customers = r.section(root, "customers", "customers");
  if (!customers) return;
  r.unknown_keys(*customers, "customers.", {"required_fields"});
  const YAML::Node fields = (*customers)["required_fields"];
  if (!fields.IsDefined() || fields.IsNull()) return;
  if (!fields.IsSequence()) return r.bad(fields, "customers.required_fields", "a list of field names");
  c.customer_required_fields.clear();
  for (const YAML::Node& f : fields) {
    if (f.IsScalar()) c.customer_required_fields.push_back(f.Scalar());
    else r.bad(f, "customers.required_fields", "a list of field names");
  }
}

void read_kpi(ConfigReader& r, const YAML::Node& root, Config& c) {
  const auto kpi = r.section(root, "kpi", "kpi");
  if (!kpi) return;
  r.unknown_keys(*kpi, "kpi.", {"cap", "metrics", "sales_from"});
  r.number(*kpi, "cap", "kpi.cap", c.kpi_cap, 1, 1000);
  // docs/pipeline.md "Configuration": `sales_from: import | orders`.
  r.scalar(*kpi, "sales_from", "kpi.sales_from", c.kpi_sales_from, "import or orders",
           [](const std::string& s) -> std::optional<SalesFrom> {
             if (s == "import") return SalesFrom::import;
             if (s == "orders") return SalesFrom::orders;
             return std::nullopt;
           });
  const auto metrics = r.section(*kpi, "metrics", "kpi.metrics");
  if (!metrics) return;
  c.kpi_metrics.clear();
  for (const auto& kv : *metrics) {
    const std::string name = kv.first.Scalar();
    const std::string path = "kpi.metrics." + name;
    if (!kv.second.IsMap()) {
      r.bad(kv.second, path, "{weight: N, better: higher|lower}");
      continue;
    }
    r.unknown_keys(kv.second, path + ".", {"weight", "better"});
    MetricConfig m;
    r.number(kv.second, "weight", path + ".weight", m.weight, 0, 1000);
    std::string better = "higher";
    r.scalar(kv.second, "better", path + ".better", better, "higher or lower",
             [](const std::string& s) -> std::optional<std::string> {
               if (s == "higher" || s == "lower") return s;
               return std::nullopt;
             });
    m.lower_is_better = better == "lower";
    c.kpi_metrics.emplace_back(name, m);
  }
}

void read_grades(ConfigReader& r, const YAML::Node& review, Config& c) {
  const YAML::Node grades = review["grades"];
  if (!grades.IsDefined() || grades.IsNull()) return;
  if (!grades.IsSequence() || grades.size() == 0)
    return r.bad(grades, "review.grades", "a list of {grade, min, share}");
  c.grades.clear();
  for (const YAML::Node& g : grades) {
    // A missing key gives an invalid node, whose type cannot be asked: test it first.
    const YAML::Node name = g.IsMap() ? g["grade"] : YAML::Node();
    if (!g.IsMap() || !name.IsDefined() || !name.IsScalar()) {
      r.bad(g, "review.grades", "{grade: S, min: 90, share: 0.10}");
      continue;
    }
    GradeRule rule;
    rule.grade = name.Scalar();
    r.number(g, "min", "review.grades.min", rule.min, 0, 1000);
    r.number(g, "share", "review.grades.share", rule.share, 0, 1);
    if (!c.grades.empty() && rule.min >= c.grades.back().min)
      r.bad(g, "review.grades", "grades from the top, each with a lower min than the one above");
    c.grades.push_back(rule);
  }
}

void read_review(ConfigReader& r, const YAML::Node& root, Config& c) {
  const auto review = r.section(root, "review", "review");
  if (!review) return;
  r.unknown_keys(*review, "review.",
                 {"kpi_share", "qualitative", "grades", "commission_metric", "commission_at",
                  "pip_days", "interview_within", "appeal_within", "decision_within"});
  r.number(*review, "kpi_share", "review.kpi_share", c.review_kpi_share, 0, 1);
  if (const auto q = r.section(*review, "qualitative", "review.qualitative")) {
    r.unknown_keys(*q, "review.qualitative.", {"self", "manager", "upward"});
    r.number(*q, "self", "review.qualitative.self", c.weight_self, 0, 1);
    r.number(*q, "manager", "review.qualitative.manager", c.weight_manager, 0, 1);
    r.number(*q, "upward", "review.qualitative.upward", c.weight_upward, 0, 1);
  }
  read_grades(r, *review, c);
  r.scalar(*review, "commission_metric", "review.commission_metric", c.commission_metric,
           "a metric name", [](const std::string& s) { return std::optional<std::string>(s); });
  r.number(*review, "commission_at", "review.commission_at", c.commission_at, 0, 1000);
  double pip = c.pip_days;
  r.number(*review, "pip_days", "review.pip_days", pip, 1, 3650);
  c.pip_days = static_cast<int>(pip);
  for (auto [key, target] : {std::pair{"interview_within", &c.interview_within},
                             std::pair{"appeal_within", &c.appeal_within},
                             std::pair{"decision_within", &c.decision_within}})
    r.duration(*review, key, std::string("review.") + key, *target, false,
               "working days such as 3wd");
}

/// `pipeline:` (docs/pipeline.md "Configuration"): the five stages keep their order; a
/// listed stage replaces its default probability and rot_days.
void read_pipeline(ConfigReader& r, const YAML::Node& root, Config& c) {
  const auto pipeline = r.section(root, "pipeline", "pipeline");
  if (!pipeline) return;
  r.unknown_keys(*pipeline, "pipeline.", {"stages", "proposal_within", "lost_reasons"});
  if (const YAML::Node stages = (*pipeline)["stages"]; stages.IsDefined() && !stages.IsNull()) {
    if (!stages.IsSequence()) return r.bad(stages, "pipeline.stages", "a list of {stage: ...}");
    std::vector<std::string> names;
    for (const PipelineStage& s : c.pipeline.stages) names.push_back(s.stage);
    for (const YAML::Node& item : stages) {
      const YAML::Node name = item.IsMap() ? item["stage"] : YAML::Node();
      PipelineStage* stage = nullptr;
      for (PipelineStage& s : c.pipeline.stages)
        if (name.IsScalar() && s.stage == name.Scalar()) stage = &s;
      if (!stage) {
        r.bad(item, "pipeline.stages",
              fmt::format("{{stage: NAME, probability: N, rot_days: Nwd}} with NAME one of {}",
                          fmt::join(names, ", ")));
        continue;
      }
      const std::string path = "pipeline.stages." + stage->stage;
      r.unknown_keys(item, path + ".", {"stage", "probability", "rot_days"});
      double probability = stage->probability;
      r.number(item, "probability", path + ".probability", probability, 0, 100);
      stage->probability = static_cast<int>(probability);
      if (probability != stage->probability)
        r.bad(item["probability"], path + ".probability", "a whole number from 0 to 100");
      r.duration(item, "rot_days", path + ".rot_days", stage->rot_days, false,
                 "working days such as 10wd");
      if (stage->rot_days.unit != Duration::Unit::working_days)
        r.bad(item["rot_days"], path + ".rot_days", "working days such as 10wd");
    }
  }
  r.duration(*pipeline, "proposal_within", "pipeline.proposal_within", c.pipeline.proposal_within,
             false, "a duration such as 5wd or 48h");
  if (const YAML::Node reasons = (*pipeline)["lost_reasons"]; reasons.IsDefined()) {
    c.pipeline.lost_reasons.clear();
    if (!reasons.IsSequence()) return r.bad(reasons, "pipeline.lost_reasons", "a list of reasons");
    for (const YAML::Node& reason : reasons) {
      if (reason.IsScalar() && is_valid_id(reason.Scalar()))
        c.pipeline.lost_reasons.push_back(reason.Scalar());
      else
        r.bad(reason, "pipeline.lost_reasons", "reasons in lowercase such as price");
    }
  }
}

}  // namespace

Config load_config(const std::string& text, const std::string& file, Diagnostics& diag) {
  Config c = Config::defaults();
  std::optional<YAML::Node> root;
  if (!store::has_content(text)) return c;  // empty or comments only: all defaults
  root = store::parse_document(text, file, diag);
  if (!root) return c;
  ConfigReader r(file, diag);
  r.unknown_keys(*root, "",
                 {"org", "timezone", "week_anchor", "visits", "complaints", "customers", "kpi",
                  "review", "pipeline"});
  r.scalar(*root, "org", "org", c.org, "a name",
           [](const std::string& s) { return std::optional<std::string>(s); });
  r.scalar(*root, "timezone", "timezone", c.timezone, "a UTC offset such as +08:00",
           [](const std::string& s) { return TzOffset::parse(s); });
  r.scalar(*root, "week_anchor", "week_anchor", c.week_anchor, "a Monday (YYYY-MM-DD)",
           [](const std::string& s) -> std::optional<Date> {
             const auto d = Date::parse(s);
             if (!d || d->weekday() != 1) return std::nullopt;
             return d;
           });
  read_visits(r, *root, c);
  read_complaints(r, *root, c);
  read_customers(r, *root, c);
  read_kpi(r, *root, c);
  read_review(r, *root, c);
  read_pipeline(r, *root, c);
  return c;
}

}  // namespace kamgr
