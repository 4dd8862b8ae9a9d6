#include "kamgr/domain/review.h"

#include <algorithm>
#include <array>

namespace kamgr {

namespace {

constexpr std::array<std::pair<ReviewEventType, const char*>, 8> kEventNames{{
    {ReviewEventType::self, "self"},
    {ReviewEventType::manager, "manager"},
    {ReviewEventType::upward, "upward"},
    {ReviewEventType::deduction, "deduction"},
    {ReviewEventType::finalized, "finalized"},
    {ReviewEventType::interview, "interview"},
    {ReviewEventType::appeal, "appeal"},
    {ReviewEventType::decision, "decision"},
}};

bool is_score_step(ReviewEventType t) {
  return t == ReviewEventType::self || t == ReviewEventType::manager ||
         t == ReviewEventType::upward || t == ReviewEventType::deduction;
}

}  // namespace

const char* review_event_name(ReviewEventType type) {
  for (const auto& [t, name] : kEventNames)
    if (t == type) return name;
  return "?";
}

std::optional<ReviewEventType> parse_review_event(const std::string& text) {
  for (const auto& [t, name] : kEventNames)
    if (text == name) return t;
  return std::nullopt;
}

std::vector<std::string> review_event_names() {
  std::vector<std::string> names;
  for (const auto& entry : kEventNames) names.emplace_back(entry.second);
  return names;
}

bool ReviewResult::has_flag(const std::string& flag) const {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

Review Review::as_of(Instant now) const {
  Review r = *this;
  std::erase_if(r.events, [&](const ReviewEvent& e) { return e.at > now; });
  return r;
}

const ReviewEvent* Review::last(ReviewEventType type) const {
  for (auto it = events.rbegin(); it != events.rend(); ++it)
    if (it->type == type) return &*it;
  return nullptr;
}

std::optional<ReviewResult> Review::effective_result() const {
  const ReviewEvent* fin = finalized();
  if (!fin || !fin->result) return std::nullopt;
  ReviewResult result = *fin->result;
  const ReviewEvent* dec = last(ReviewEventType::decision);
  if (dec && dec->outcome == "revised" && dec->result) {
    result.total = dec->result->total;
    result.grade = dec->result->grade;
    result.flags = dec->result->flags;
    result.re_review_due = dec->result->re_review_due;
  }
  return result;
}

std::string Review::status() const {
  if (last(ReviewEventType::decision)) return "decided";
  if (last(ReviewEventType::appeal)) return "appealed";
  if (finalized()) return "finalized";
  return "open";
}

bool is_review_period(const Period& period) {
  return period.kind == Period::Kind::month || period.kind == Period::Kind::quarter ||
         period.kind == Period::Kind::year;
}

std::string refusal(const Review& review, ReviewEventType type) {
  const std::string who = "'" + review.member + "' for " + review.period.name();
  const std::string what = "the review of " + who;
  const bool finalized = review.finalized() != nullptr;
  if (is_score_step(type))
    return finalized ? what + " is finalized; scores and deductions can no longer change" : "";
  switch (type) {
    case ReviewEventType::finalized:
      return finalized ? what + " is already finalized" : "";
    case ReviewEventType::interview:
      if (!finalized) return what + " is not finalized yet; the interview follows the result";
      return review.last(type) ? "the interview of " + who + " is already recorded" : "";
    case ReviewEventType::appeal:
      if (!finalized) return what + " is not finalized yet; there is nothing to appeal";
      return review.last(type) ? what + " has already been appealed (one appeal per review)" : "";
    case ReviewEventType::decision:
      if (!review.last(ReviewEventType::appeal)) return what + " has no appeal to decide";
      return review.last(type) ? "the appeal of " + who + " is already decided" : "";
    default:
      return "";
  }
}

}  // namespace kamgr
