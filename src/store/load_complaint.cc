#include <fmt/format.h>

#include "kamgr/core/id.h"
#include "kamgr/domain/record_types.h"
#include "kamgr/store/complaints.h"
#include "kamgr/store/loaders.h"
#include "yaml_fields.h"

namespace kamgr {

using store::Fields;

namespace {

const std::vector<std::string> kEventTypes = {"contacted", "answered", "closed", "callback",
                                              "reopened"};

/// A complaint must sit in complaints/<YYYY>/ of the year it was received.
void check_folder(Fields& f, const std::string& file, Date received) {
  if (const std::string expected = misfiled(kComplaintRecord, file, received); !expected.empty())
    f.error("received_at", fmt::format("complaint received on {} belongs in folder '{}'",
                                       received.str(), expected));
}

std::optional<ComplaintEvent> load_event(const YAML::Node& item, Fields& f, const Config& config,
                                         Diagnostics& diag) {
  if (!item.IsMap()) {
    diag.error(f.file(), store::line_of(item), "an event must be a mapping {type: ..., at: ...}");
    return std::nullopt;
  }
  const size_t errors_before = diag.error_count();
  Fields e(item, f.file(), diag, "event");
  ComplaintEvent ev;
  ev.line = store::line_of(item);
  if (auto t = e.choice("type", true, kEventTypes)) ev.type = *t;
  if (auto at = e.instant("at", true, config.timezone)) ev.at = *at;
  if (auto by = e.id("by", false)) ev.by = *by;
  if (auto note = e.text("note", false)) ev.note = *note;
  if (auto reason = e.text("reason", false)) ev.reason = *reason;
  if (auto csat = e.integer("csat", false, 1, 5)) {
    ev.csat = static_cast<int>(*csat);
    if (ev.type != "closed" && !ev.type.empty())
      diag.warning(f.file(), ev.line,
                   fmt::format("csat on a '{}' event is ignored (it belongs "
                               "on 'closed')",
                               ev.type));
  }
  e.warn_unknown_keys();
  if (diag.error_count() != errors_before) return std::nullopt;
  return ev;
}

void load_events(Fields& f, Complaint& c, const Config& config, Diagnostics& diag) {
  if (!f.value("events").IsDefined()) {
    f.error("events", "missing field 'events' (write the bare key 'events:' for none)");
    return;
  }
  const auto seq = f.sequence("events", false);
  if (!seq) return;
  for (const YAML::Node& item : *seq) {
    auto ev = load_event(item, f, config, diag);
    if (!ev) continue;
    const TzOffset zone = config.timezone;
    if (ev->at < c.received_at)
      diag.error(f.file(), ev->line,
                 fmt::format("event at {} is before received_at {}", ev->at.str(zone),
                             c.received_at.str(zone)));
    else if (!c.events.empty() && ev->at < c.events.back().at)
      diag.error(f.file(), ev->line,
                 fmt::format("event at {} is before the event above it ({}); events are kept "
                             "oldest first",
                             ev->at.str(zone), c.events.back().at.str(zone)));
    c.events.push_back(std::move(*ev));
  }
}

}  // namespace

std::optional<Complaint> load_complaint(const std::string& text, const std::string& file,
                                        const Config& config, Diagnostics& diag) {
  const auto root = store::parse_document(text, file, diag);
  if (!root) return std::nullopt;
  const size_t errors_before = diag.error_count();
  Fields f(*root, file, diag);
  Complaint c;
  c.source = {file, f.map_line()};
  if (auto id = f.text("id", true)) {
    c.id = *id;
    if (!is_generated_id(c.id) && !is_valid_id(c.id))  // hand-written IDs as for visits
      f.error("id", fmt::format("field 'id': '{}' is not a valid complaint id", c.id));
    else if (c.id != file_stem(file))
      f.error("id",
              fmt::format("id '{}' does not match the file name '{}.yaml'", c.id, file_stem(file)));
  }
  if (auto cu = f.id("customer", true)) c.customer = *cu;
  if (auto r = f.id("rep", true)) c.rep = *r;
  c.customer_line = f.line("customer");
  c.rep_line = f.line("rep");
  if (auto l = f.choice("level", true, config.level_names())) c.level = *l;
  if (auto k = f.choice("category", true, complaint_categories())) c.category = *k;
  if (auto s = f.text("summary", true)) c.summary = *s;
  const auto received = f.instant("received_at", true, config.timezone);
  if (received) {
    c.received_at = *received;
    check_folder(f, file, received->local_date(config.timezone));
    load_events(f, c, config, diag);
  }
  f.warn_unknown_keys({"events"});
  if (diag.error_count() != errors_before) return std::nullopt;
  return c;
}

std::string complaint_path(const std::string& id) {
  return file_in(fmt::format("{}/{}", kComplaintRecord.folder, id.substr(0, 4)), id);
}

std::vector<Complaint> load_complaints(const Repository& repo, int from_year, int to_year) {
  std::vector<std::string> files;
  for (int year : repo.year_folders(kComplaintRecord)) {
    if (year < from_year || year > to_year) continue;
    const auto names = repo.dir().list_yaml(dated_folder(kComplaintRecord, *Date::from_ymd(year, 1, 1)));
    files.insert(files.end(), names.begin(), names.end());
  }
  return load_complaint_files(repo, files, true);
}

std::vector<Complaint> load_complaint_files(const Repository& repo,
                                            const std::vector<std::string>& files, bool complete) {
  const Config& config = repo.dir().config();
  return repo.load_cached<Complaint>(
      files,
      [&](const std::string& text, const std::string& file, Diagnostics& d) {
        return load_complaint(text, file, config, d);
      },
      complete);
}

std::vector<Complaint> load_all_complaints(const Repository& repo) {
  const auto years = repo.year_folders(kComplaintRecord);
  if (years.empty()) return {};
  return load_complaints(repo, years.front(), years.back());
}

}  // namespace kamgr
