#include <fmt/format.h>

#include "kamgr/core/id.h"
#include "kamgr/domain/record_types.h"
#include "kamgr/store/loaders.h"
#include "yaml_fields.h"

namespace kamgr {

using store::Fields;

namespace {

/// A visit must sit in visits/<YYYY>/<MM>/ of its date.
void check_folder(Fields& f, const std::string& file, Date date) {
  if (const std::string expected = misfiled(kVisitRecord, file, date); !expected.empty())
    f.error("date", fmt::format("visit dated {} belongs in folder '{}'", date.str(), expected));
}

void load_next_steps(Fields& f, Visit& v, Diagnostics& diag) {
  const auto seq = f.sequence("next_steps", false);
  if (!seq) return;
  for (const YAML::Node& item : *seq) {
    NextStep step;
    if (item.IsScalar()) {
      step.action = item.Scalar();
    } else if (item.IsMap()) {
      Fields e(item, f.file(), diag, "next step");
      if (auto a = e.text("action", true)) step.action = *a;
      step.due = e.date("due", false);
      e.warn_unknown_keys();
    } else {
      diag.error(f.file(), store::line_of(item), "a next step must be {action: ..., due: ...}");
      continue;
    }
    v.next_steps.push_back(std::move(step));
  }
}

}  // namespace

std::optional<Visit> load_visit(const std::string& text, const std::string& file,
                                const Config& config, Diagnostics& diag) {
  const auto root = store::parse_document(text, file, diag);
  if (!root) return std::nullopt;
  const size_t errors_before = diag.error_count();
  Fields f(*root, file, diag);
  Visit v;
  v.source = {file, f.map_line()};
  if (auto id = f.text("id", true)) {
    v.id = *id;
    if (!is_generated_id(v.id) && !is_valid_id(v.id))
      f.error("id", fmt::format("field 'id': '{}' is not a valid visit id", v.id));
    else if (v.id != file_stem(file))
      f.error("id", fmt::format("id '{}' does not match the file name '{}.yaml'", v.id,
                                file_stem(file)));
  }
  if (auto c = f.id("customer", true)) v.customer = *c;
  if (auto r = f.id("rep", true)) v.rep = *r;
  v.customer_line = f.line("customer");
  v.rep_line = f.line("rep");
  if (auto d = f.date("date", true)) {
    v.date = *d;
    check_folder(f, file, v.date);
  }
  v.start = f.time("start", false);
  v.end = f.time("end", false);
  if (v.start && v.end && *v.end < *v.start)
    f.error("end", fmt::format("field 'end': {} is before the start {}", v.end->str(),
                               v.start->str()));
  if (auto p = f.text("purpose", true)) v.purpose = *p;
  if (auto o = f.text("outcome", false)) v.outcome = *o;
  if (auto fb = f.text("feedback", false)) v.feedback = *fb;
  load_next_steps(f, v, diag);
  if (auto o = f.text("opportunity", false)) {
    v.opportunity = *o;
    v.opportunity_line = f.line("opportunity");
    if (!is_generated_id(v.opportunity))
      f.error("opportunity", fmt::format("field 'opportunity': '{}' is not an opportunity id", *o));
  }
  if (auto r = f.instant("recorded_at", true, config.timezone)) v.recorded_at = *r;
  f.warn_unknown_keys();
  if (diag.error_count() != errors_before) return std::nullopt;
  return v;
}

}  // namespace kamgr
