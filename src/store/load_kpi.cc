#include <fmt/format.h>

#include "kamgr/domain/integrity.h"
#include "kamgr/domain/kpi_metric_table.h"
#include "kamgr/domain/record_types.h"
#include "kamgr/store/kpi_files.h"
#include "kamgr/store/loaders.h"
#include "kamgr/store/mutation.h"
#include "yaml_fields.h"

namespace kamgr {

using store::Fields;

std::string kpi_file_path(const std::string& period, KpiKind kind) {
  return file_in(named_folder(kKpiRecord, period), kpi_kind_name(kind));
}

bool is_kpi_period(const Period& period) {
  return period.kind == Period::Kind::month || period.kind == Period::Kind::quarter ||
         period.kind == Period::Kind::year;
}

namespace {

bool is_metric_name(const std::string& s) {
  if (s.empty() || s.size() > 64 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

/// One `{member, METRIC: value...}` item.
std::optional<KpiEntry> load_entry(const YAML::Node& item, const std::string& file, KpiKind kind,
                                   const Config& config, const Team* team, Diagnostics& diag,
                                   const BrokenIds& broken) {
  if (!item.IsMap()) {
    diag.error(file, store::line_of(item), "an entry must be a mapping {member: ..., METRIC: N}");
    return std::nullopt;
  }
  Fields f(item, file, diag, "entry");
  KpiEntry e;
  e.line = store::line_of(item);
  if (auto m = f.id("member", true)) {
    e.member = *m;
    if (team && !team->find(e.member) && !broken.member(e.member))
      f.error("member", unknown_member_message("entry field 'member'", e.member, *team));
  }
  const std::vector<std::string> known = known_metrics(config);
  for (const auto& kv : item) {
    if (!kv.first.IsScalar() || kv.first.Scalar() == "member") continue;
    const std::string metric = kv.first.Scalar();
    if (!is_metric_name(metric)) {
      f.error(metric, fmt::format("'{}' is not a metric name (lowercase letters, digits, '_')",
                                  metric));
      continue;
    }
    const auto value = f.number(metric, true);
    if (!value) continue;
    if (auto problem = kpi_value_problem(config, kind, metric, *value)) {
      f.error(metric, *problem);
      continue;
    }
    // A `sales` actual imported before `kpi.sales_from: orders` stays valid history: it is
    // left out of the figures (resolve, below) without a warning (docs/pipeline.md "KPI
    // metrics").
    if (kind == KpiKind::actuals && is_computed_metric(metric)) {
      diag.warning(file, f.line(metric),
                   fmt::format("'{}' is computed by kamgr from the records; this actual is "
                               "ignored",
                               metric));
    } else if (std::find(known.begin(), known.end(), metric) == known.end()) {
      std::string message = fmt::format("unknown metric '{}' (add it to kpi.metrics in kamgr.yaml)",
                                        metric);
      if (const std::string near = closest_match(metric, known); !near.empty())
        message = fmt::format("unknown metric '{}'; did you mean '{}'?", metric, near);
      diag.warning(file, f.line(metric), message);
    }
    e.values.emplace_back(metric, *value);
  }
  return e;
}

}  // namespace

std::optional<KpiFile> load_kpi_file(const std::string& text, const std::string& file,
                                     const Config& config, const Team* team, Diagnostics& diag,
                                     const BrokenIds& broken) {
  const auto root = store::parse_document(text, file, diag);
  if (!root) return std::nullopt;
  const size_t errors_before = diag.error_count();
  Fields top(*root, file, diag);  // reports duplicate keys
  KpiFile k;
  k.file = file;
  k.kind = file_stem(file) == "actuals" ? KpiKind::actuals : KpiKind::targets;
  const size_t slash = file.find_last_of('/');
  const size_t start = file.rfind('/', slash == std::string::npos ? 0 : slash - 1);
  if (slash != std::string::npos && start != std::string::npos)
    k.period = file.substr(start + 1, slash - start - 1);
  const YAML::Node entries = (*root)["entries"];
  if (!entries.IsDefined()) {
    diag.error(file, 1, "missing field 'entries' (the list of {member: ..., METRIC: N})");
  } else if (!entries.IsNull() && !entries.IsSequence()) {
    diag.error(file, store::line_of(entries), "field 'entries' must be a list");
  } else if (entries.IsSequence()) {
    for (const YAML::Node& item : entries)
      if (auto e = load_entry(item, file, k.kind, config, team, diag, broken)) k.entries.push_back(*e);
  }
  top.warn_unknown_keys({"entries"});
  if (diag.error_count() != errors_before) return std::nullopt;
  return k;
}

namespace {

/// The latest values of one period folder's file; empty when it does not exist.
KpiTable load_table(const Repository& repo, const std::string& period, KpiKind kind,
                    const Team& team) {
  const std::string rel = kpi_file_path(period, kind);
  if (!repo.dir().exists(rel)) return {};
  const Config& config = repo.dir().config();
  const auto files = repo.load_files<KpiFile>(
      {rel}, [&](const std::string& text, const std::string& file, Diagnostics& d) {
        return load_kpi_file(text, file, config, &team, d);
      });
  return files.empty() ? KpiTable{} : latest_values(files.front());
}

KpiTable resolve(const Repository& repo, const Period& period, KpiKind kind, const Team& team) {
  const KpiTable own = load_table(repo, period.name(), kind, team);
  std::map<std::string, KpiTable> months;
  if (period.kind != Period::Kind::month)
    for (const std::string& month : months_of(period))
      months[month] = load_table(repo, month, kind, team);
  KpiTable table = resolve_figures(period, own, months);
  const Config& config = repo.dir().config();
  if (kind == KpiKind::actuals) std::erase_if(table, [&config](const auto& kv) {
      return is_computed_metric(config, kv.first.second);
    });
  return table;
}

}  // namespace

KpiTable load_kpi_file_values(const Repository& repo, const std::string& period, KpiKind kind,
                              const Team& team) {
  return load_table(repo, period, kind, team);
}

KpiFigures load_kpi_figures(const Repository& repo, const Period& period, const Team& team) {
  return {resolve(repo, period, KpiKind::targets, team),
          resolve(repo, period, KpiKind::actuals, team)};
}

std::vector<KpiFile> load_all_kpi_files(const Repository& repo, const Team& team,
                                        Diagnostics& diag, const BrokenIds& broken) {
  std::vector<std::string> files;
  for (const std::string& folder : repo.dir().list_dirs(kKpiRecord.folder)) {
    const auto period = Period::parse(folder);
    if (!period || !is_kpi_period(*period) || period->name() != folder) {
      diag.warning(named_folder(kKpiRecord, folder), 0,
                   "kpi folders are named after a month, quarter or year (2026-10, 2026-Q4, "
                   "2026); this one is ignored");
      continue;
    }
    for (const std::string& file : repo.dir().list_yaml(named_folder(kKpiRecord, folder))) {
      const std::string stem = file_stem(file);
      if (stem == "targets" || stem == "actuals") files.push_back(file);
      else
        diag.warning(file, 0, "a kpi folder holds targets.yaml and actuals.yaml; this file is ignored");
    }
  }
  const Config& config = repo.dir().config();
  return repo.load_files<KpiFile>(files, [&](const std::string& text, const std::string& file,
                                             Diagnostics& d) {
    return load_kpi_file(text, file, config, &team, d, broken);
  });
}

std::string append_kpi_entries(const DataDir& dir, const std::string& period, KpiKind kind,
                               const std::vector<KpiDraft>& drafts, const Team& team) {
  const std::string rel = kpi_file_path(period, kind);
  std::vector<Value> items;
  for (const KpiDraft& d : drafts) {
    Value item = Value::object();
    item.set("member", d.member);
    for (const auto& [metric, number] : d.values) item.set(metric, Value::plain(number));
    items.push_back(std::move(item));
  }
  const Config& config = dir.config();
  const Validate validate = [&](const std::string& text, const std::string& file, Diagnostics& d) {
    Diagnostics all;
    load_kpi_file(text, file, config, &team, all);
    for (const Problem& p : all.problems())
      if (p.severity == Problem::Severity::error) d.error(p.file, p.line, p.message);
  };
  if (!dir.exists(rel)) {
    Value record = Value::object();
    Value entries = Value::array();
    for (const Value& item : items) entries.push(item);
    record.set("entries", entries);
    try {
      create_record(dir, rel, record, validate);
      return rel;
    } catch (const Error&) {
      if (!dir.exists(rel)) throw;  // else another process created it meanwhile: append
    }
  }
  append_items_to_record(dir, rel, "entries", items, nullptr, validate);
  return rel;
}

}  // namespace kamgr
