#include "review_common.h"

#include <fmt/format.h>

#include "kamgr/domain/integrity.h"
#include "kamgr/store/mutation.h"
#include "kamgr/store/review_store.h"

namespace kamgr::cli {

Period review_period(const std::string& text) {
  const auto p = Period::parse(text);
  if (!p || !is_review_period(*p))
    throw input_error(fmt::format(
        "invalid period '{}': reviews are monthly, quarterly or yearly (2026-10, 2026-Q4, 2026)",
        text));
  return *p;
}

const Member& require_member(const Team& team, const std::string& id) {
  const Member* m = team.find(id);
  if (!m) throw input_error(unknown_member_message("MEMBER", id, team));
  return *m;
}

const Member& permitted_actor(Context& ctx, const Team& team, ReviewAction action,
                              const Member* subject) {
  const Member& actor = require_member(team, ctx.acting_member(team));
  if (const std::string rule = permission_rule(action, actor, subject); !rule.empty())
    throw input_error("not allowed: " + rule);
  return actor;
}

Review read_review(Context& ctx, const Period& period, const std::string& member) {
  const std::string rel = review_path(period, member);
  if (!ctx.data().exists(rel))
    throw input_error(fmt::format("no review of '{}' for {}; run 'kamgr review open {}' first",
                                  member, period.name(), period.name()),
                      rel);
  Diagnostics diag;
  auto review = load_review(ctx.data().read(rel), rel, ctx.config(), diag);
  diag.throw_if_errors();
  return *review;
}

void require_step(const Review& review, ReviewEventType type, Instant now, TzOffset zone) {
  if (const std::string why = refusal(review, type); !why.empty())
    throw input_error(why, review.source.file);
  if (!review.events.empty() && review.events.back().at > now)
    throw input_error(fmt::format("the review's last event is at {}, after now ({}); events "
                                  "are kept oldest first",
                                  review.events.back().at.str(zone), now.str(zone)),
                      review.source.file, review.events.back().line);
}

void append_review_event(Context& ctx, const Review& review, const ReviewEvent& event) {
  const Config& config = ctx.config();
  const TzOffset zone = ctx.zone();
  auto check_current = [&](const std::string& text, const std::string& file, Diagnostics& d) {
    auto now = load_review(text, file, config, d);
    if (!now) return;
    if (const std::string why = refusal(*now, event.type); !why.empty()) d.error(file, 0, why);
  };
  auto validate = [&](const std::string& text, const std::string& file, Diagnostics& d) {
    load_review(text, file, config, d);
  };
  append_to_record(ctx.data(), review.source.file, "events", review_event_value(event, zone),
                   check_current, validate);
}

ReviewStep begin_step(Context& ctx, const Repository& repo, const std::string& member,
                      const std::string& period_text, ReviewAction action, ReviewEventType type) {
  const Period period = review_period(period_text);
  const Team team = repo.load_team();
  const Member& subject = require_member(team, member);
  const Member& actor = permitted_actor(ctx, team, action, &subject);
  Review review = read_review(ctx, period, subject.id);
  require_step(review, type, ctx.now(), ctx.zone());
  return {period, subject, actor, std::move(review)};
}

Value due_value(Context& ctx, const ReviewDeadlines& deadlines) {
  Value list = Value::array();
  for (const DueItem& item : deadlines.due) {
    Value v = Value::object();
    v.set("step", item.step);
    v.set("deadline", Value::plain(instant_text(ctx, item.deadline)));
    v.set("overdue", item.overdue);
    list.push(v);
  }
  return list;
}

ReviewEvent new_event(Context& ctx, ReviewEventType type, const std::string& by) {
  ReviewEvent e;
  e.type = type;
  e.at = ctx.now();
  e.by = by;
  return e;
}

std::string instant_text(Context& ctx, Instant at) {
  return at.str(ctx.zone());
}

}  // namespace kamgr::cli
