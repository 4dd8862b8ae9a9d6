#include "kamgr/reports/review_calibration.h"

namespace kamgr {

std::vector<std::pair<std::string, std::string>> graded_reviews(const std::vector<Review>& reviews,
                                                                const Team& team, GroupBy by,
                                                                Instant now) {
  std::vector<std::pair<std::string, std::string>> graded;
  for (const Review& r : reviews) {
    const auto result = r.as_of(now).effective_result();
    if (!result) continue;
    std::string group = "all";
    if (by == GroupBy::team) {
      group = team.reports_to(r.member);
      if (group.empty()) group = "(none)";
    }
    graded.emplace_back(group, result->grade);
  }
  return graded;
}

}  // namespace kamgr
