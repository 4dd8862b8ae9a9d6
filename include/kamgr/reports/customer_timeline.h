#pragma once
/// `customer show C --timeline` (docs/guide.md "A customer's timeline"): everything that
/// happened to one customer, oldest first. Pure: a function of loaded records and now.
#include <string>
#include <vector>

#include "kamgr/core/date.h"
#include "kamgr/domain/complaint.h"
#include "kamgr/domain/pipeline.h"
#include "kamgr/domain/records.h"

namespace kamgr {

/// One thing that happened.
struct TimelineItem {
  /// Local `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS]` when the time is known (so the text
  /// sorts as the moment does).
  std::string at;
  /// history | visit | complaint <event> | opportunity <event> | order | order <event>
  std::string kind;
  std::string what;  ///< one line
  std::string ref;   ///< the record's ID
  std::string file;  ///< relative to the data directory
};

/// The records a timeline is built from (other customers' records are skipped).
struct TimelineSources {
  std::vector<Visit> visits;
  std::vector<Complaint> complaints;
  std::vector<Opportunity> opportunities;
  std::vector<Order> orders;
};

/// The timeline of `customer` as it stood at `now`: its history entries (the first as
/// "managed from"), its visits, the events of its complaints, opportunities and orders,
/// each at its local date (and time) in `zone`. Left out: anything dated after now, a
/// visit recorded after now. Order: by `at`, ties by kind, then ref.
std::vector<TimelineItem> customer_timeline(const Customer& customer, const TimelineSources& sources,
                                            TzOffset zone, Instant now);

}  // namespace kamgr
