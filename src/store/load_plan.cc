#include <fmt/format.h>

#include "kamgr/domain/record_types.h"
#include "kamgr/store/loaders.h"
#include "kamgr/store/plans.h"
#include "yaml_fields.h"

namespace kamgr {

using store::Fields;

namespace {

/// The `YYYY-MM` folder of a plan file (`plans/2026-11/x.yaml` -> `2026-11`), else empty.
std::string month_folder(const std::string& file) {
  const size_t slash = file.find_last_of('/');
  const size_t start = std::string_view(kPlanRecord.folder).size() + 1;
  if (slash == std::string::npos || !is_under(kPlanRecord, file)) return {};
  return file.substr(start, slash - start);
}

void load_planned_visits(Fields& f, Plan& plan, bool month_known, Diagnostics& diag) {
  const auto seq = f.sequence("visits", true);
  if (!seq) return;
  for (const YAML::Node& item : *seq) {
    if (!item.IsMap()) {
      diag.error(f.file(), store::line_of(item),
                 "a planned visit must be a mapping {customer: ..., date: ..., purpose: ...}");
      continue;
    }
    Fields e(item, f.file(), diag, "planned visit");
    PlannedVisit v;
    v.line = store::line_of(item);
    const auto customer = e.id("customer", true);
    const auto date = e.date("date", true);
    if (auto p = e.text("purpose", false)) v.purpose = *p;
    e.warn_unknown_keys();
    if (!customer || !date) continue;
    v.customer = *customer;
    v.date = *date;
    if (month_known && !plan.month.contains(v.date))
      e.error("date", fmt::format("planned visit on {} is outside the plan's month {}",
                                  v.date.str(), plan.month.name()));
    plan.visits.push_back(std::move(v));
  }
}

void load_events(Fields& f, Plan& plan, const Config& config, Diagnostics& diag) {
  const auto seq = f.sequence("events", false);
  if (!seq) return;
  for (const YAML::Node& item : *seq) {
    if (!item.IsMap()) {
      diag.error(f.file(), store::line_of(item), "an event must be a mapping {type: ..., at: ...}");
      continue;
    }
    Fields e(item, f.file(), diag, "event");
    PlanEvent ev;
    ev.line = store::line_of(item);
    const auto type = e.choice("type", true, {"submitted", "approved", "rejected"});
    const auto at = e.instant("at", true, config.timezone);
    const auto by = e.id("by", true);
    if (auto n = e.text("note", false)) ev.note = *n;
    if (auto d = e.text("digest", false)) ev.digest = *d;
    e.warn_unknown_keys();
    if (!type || !at || !by) continue;
    ev.type = *type;
    ev.at = *at;
    ev.by = *by;
    plan.events.push_back(std::move(ev));
  }
}

}  // namespace

std::string plan_file(const std::string& member, const Period& month) {
  return file_in(named_folder(kPlanRecord, month.name()), member);
}

std::optional<Plan> load_plan(const std::string& text, const std::string& file,
                              const Config& config, Diagnostics& diag) {
  const auto root = store::parse_document(text, file, diag);
  if (!root) return std::nullopt;
  const size_t errors_before = diag.error_count();
  Fields f(*root, file, diag);
  Plan plan;
  plan.source = {file, f.map_line()};
  if (auto m = f.id("member", true)) {
    plan.member = *m;
    if (plan.member != file_stem(file))
      f.error("member", fmt::format("member '{}' does not match the file name '{}.yaml'",
                                    plan.member, file_stem(file)));
  }
  bool month_known = false;
  if (auto m = f.text("month", true)) {
    const auto p = Period::parse(*m);
    if (!p || p->kind != Period::Kind::month) {
      f.error("month", fmt::format("field 'month': '{}' is not a month (YYYY-MM)", *m));
    } else {
      plan.month = *p;
      month_known = true;
      const std::string folder = month_folder(file);
      if (!folder.empty() && folder != p->name())
        f.error("month",
                fmt::format("a plan for {} belongs in folder 'plans/{}/'", p->name(), p->name()));
    }
  }
  load_planned_visits(f, plan, month_known, diag);
  load_events(f, plan, config, diag);
  f.warn_unknown_keys({"visits", "events"});
  if (diag.error_count() != errors_before) return std::nullopt;
  return plan;
}

namespace {

std::vector<Plan> load_plan_files(const Repository& repo, const std::vector<std::string>& files) {
  const Config& config = repo.dir().config();
  return repo.load_files<Plan>(
      files, [&](const std::string& text, const std::string& file, Diagnostics& d) {
        return load_plan(text, file, config, d);
      });
}

}  // namespace

std::vector<Plan> load_plans(const Repository& repo, Date from, Date to) {
  std::vector<std::string> files;
  for (Date month = add_months_first(from, 0); month <= to; month = add_months_first(month, 1)) {
    const auto names = repo.dir().list_yaml(named_folder(kPlanRecord, Period::month_of(month).name()));
    files.insert(files.end(), names.begin(), names.end());
  }
  return load_plan_files(repo, files);
}

std::vector<Plan> load_all_plans(const Repository& repo) {
  std::vector<std::string> files;
  for (const std::string& folder : repo.dir().list_dirs(kPlanRecord.folder)) {
    const auto names = repo.dir().list_yaml(named_folder(kPlanRecord, folder));
    files.insert(files.end(), names.begin(), names.end());
  }
  return load_plan_files(repo, files);
}

}  // namespace kamgr
