#include "complaint_common.h"

#include <fmt/format.h>

#include "kamgr/core/id.h"
#include "kamgr/store/complaints.h"

namespace kamgr::cli {

std::vector<Complaint> load_complaints_as_of(Context& ctx, const Repository& repo,
                                             Diagnostics& diag) {
  std::vector<Complaint> all = load_all_complaints(repo);
  diag.throw_if_errors();
  const Instant now = ctx.now();
  std::erase_if(all, [&](const Complaint& c) { return c.received_at > now; });
  std::sort(all.begin(), all.end(), [](const Complaint& a, const Complaint& b) {
    return std::tie(a.received_at, a.id) < std::tie(b.received_at, b.id);
  });
  return all;
}

Complaint find_complaint(Context& ctx, const Repository& repo, const std::string& query) {
  const Config& config = ctx.config();
  if (is_generated_id(query) && ctx.data().exists(complaint_path(query))) {
    const std::string rel = complaint_path(query);
    Diagnostics d;
    auto c = load_complaint(ctx.data().read(rel), rel, config, d);
    d.throw_if_errors();
    if (c && c->id == query) return *c;
  }
  Diagnostics d;
  std::vector<Complaint> all = load_all_complaints(Repository(repo.dir(), d));
  std::vector<const Complaint*> found;
  std::vector<std::string> ids;
  for (const Complaint& c : all) {
    if (c.id == query) return c;
    if (!query.empty() && c.id.find(query) != std::string::npos) found.push_back(&c);
    ids.push_back(c.id);
  }
  if (found.size() == 1) return *found.front();
  if (found.size() > 1) {
    std::string list;
    for (const Complaint* c : found) list += (list.empty() ? "" : ", ") + c->id;
    throw input_error(fmt::format("complaint '{}' is ambiguous: {}", query, list));
  }
  d.throw_if_errors();
  std::string message = fmt::format("unknown complaint '{}'", query);
  if (const std::string near = closest_match(query, ids); !near.empty())
    message += fmt::format("; did you mean '{}'?", near);
  throw input_error(message);
}

Value sla_part_value(const SlaPart* part, TzOffset zone) {
  if (!part) return Value();
  Value v = Value::object();
  v.set("due", Value::plain(part->due.str(zone)));
  v.set("at", part->at ? Value::plain(part->at->str(zone)) : Value());
  v.set("status", sla_status_name(part->status));
  return v;
}

std::string human_span(int64_t seconds) {
  const int64_t minutes = seconds / 60;
  const int64_t days = minutes / (24 * 60), hours = minutes / 60 % 24, mins = minutes % 60;
  if (days > 0) return hours ? fmt::format("{}d {}h", days, hours) : fmt::format("{}d", days);
  if (hours > 0) return mins ? fmt::format("{}h {}m", hours, mins) : fmt::format("{}h", hours);
  return fmt::format("{}m", mins);
}

}  // namespace kamgr::cli
