#pragma once
/// Reviews with the KPI engine's figures behind them: a result recomputed at any instant,
/// and the `check` of loaded reviews (including a recomputation of every published
/// result). Functions of loaded records: the KPI sources come from a loader given to
/// KpiCache.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kamgr/domain/integrity.h"
#include "kamgr/domain/review_score.h"
#include "kamgr/reports/kpi_engine.h"

namespace kamgr {

/// The KPI answers for a period at an instant, by member: each period's sources are
/// loaded once (by `load`, e.g. store/kpi_sources.h `kpi_sources_loader`), each
/// (period, instant) computed once.
class KpiCache {
 public:
  using Loader = std::function<KpiSources(const Period&)>;
  explicit KpiCache(Loader load) : load_(std::move(load)) {}
  /// The member's KPI for `period` as the data stood at `at`; nullptr when the engine
  /// has nothing for them (no target).
  const MemberKpi* get(const Period& period, const std::string& member, Instant at);

 private:
  Loader load_;
  std::map<std::string, KpiSources> sources_;
  std::map<std::pair<std::string, int64_t>, std::map<std::string, MemberKpi>> cache_;
};

/// Copies the KPI score, completeness and the metrics with a target from the engine's
/// answer into `in` (`kpi` nullptr: no KPI score, incomplete).
void take_kpi(const MemberKpi* kpi, ResultInputs& in);

/// What a result would be if `review` were finalized at `at` with the records as they
/// stand now (its own events before finalizing; other reviews as of `at`).
ReviewResult recompute_result(const std::vector<Review>& all, const Review& review, Instant at,
                              KpiCache& kpis, const Config& config);

/// `check` for the reviews `all` (every review file): checks members and actors against
/// the team, and warns where a published result differs from a recomputation at its
/// finalizing time (the published result stands).
void check_reviews(const std::vector<Review>& all, const Team& team, const Config& config,
                   KpiCache& kpis, Diagnostics& diag, const BrokenIds& broken = {});

}  // namespace kamgr
