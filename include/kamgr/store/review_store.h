#pragma once
/// Review files on disk (`reviews/<period>/<member>.yaml`, docs/reviews.md): parsing,
/// loading every period folder, and the canonical form of the events kamgr appends.
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/error.h"
#include "kamgr/domain/config.h"
#include "kamgr/domain/review.h"
#include "kamgr/core/value.h"
#include "kamgr/store/repository.h"

namespace kamgr {

/// Parses one review file. The member must match the file name and the period its
/// folder; every event is checked for its fields and for the order of the cycle (no
/// score after finalizing, one finalizing, interview and appeal after it, a decision
/// after an appeal). Problems go to `diag` with their line; nullopt on errors.
std::optional<Review> load_review(const std::string& text, const std::string& file,
                                  const Config& config, Diagnostics& diag);

/// The reviews of one period (`reviews/<period>/`), sorted by member.
std::vector<Review> load_period_reviews(const Repository& repo, const Period& period);
/// Every review of every period folder; a folder that is not a month, quarter or year is
/// reported to `diag` as a warning and skipped.
std::vector<Review> load_all_reviews(const Repository& repo, Diagnostics& diag);

/// `reviews/<period>/<member>.yaml`
std::string review_path(const Period& period, const std::string& member);

/// The new review file `review open` writes: member, period and an empty `events:` log.
Value new_review_value(const std::string& member, const Period& period);
/// An event as kamgr appends it, keys in the order docs/reviews.md shows; `at` in `zone`.
Value review_event_value(const ReviewEvent& event, TzOffset zone);
/// A result as frozen in the `finalized` event.
Value review_result_value(const ReviewResult& result);

}  // namespace kamgr
