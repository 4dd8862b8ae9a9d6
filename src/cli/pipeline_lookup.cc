// Finding the opportunity or order a command line names (docs/pipeline.md "Commands").
#include "pipeline_lookup.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <vector>

#include "kamgr/core/error.h"
#include "kamgr/core/id.h"
#include "kamgr/store/pipeline_store.h"
#include "kamgr/store/repository.h"

namespace kamgr::cli {

namespace {

/// The one record of `records` whose ID is `query` or holds it; Error (exit 2) when none
/// or several do (`diag` first: a broken file may be the one asked for).
template <typename Record>
Record the_one(std::vector<Record> records, const std::string& query, const char* what,
               const Diagnostics& diag) {
  std::erase_if(records, [&](const Record& r) {
    return query.empty() || r.id.find(query) == std::string::npos;
  });
  if (records.size() > 1) {
    std::vector<std::string> ids;
    for (const Record& r : records) ids.push_back(r.id);
    throw input_error(fmt::format("{} '{}' is ambiguous: {}", what, query, fmt::join(ids, ", ")));
  }
  if (records.empty()) {
    diag.throw_if_errors();
    throw input_error(fmt::format("unknown {} '{}'", what, query));
  }
  return records.front();
}

}  // namespace

Opportunity find_opportunity(const DataDir& dir, const std::string& query) {
  Diagnostics diag;
  const Repository repo(dir, diag);
  const bool direct = is_generated_id(query) && dir.exists(opportunity_path(query));
  return the_one(direct ? load_opportunity_files(repo, {opportunity_path(query)})
                        : load_opportunities(repo),
                 query, "opportunity", diag);
}

std::string customer_opportunity(const DataDir& dir, const std::string& query,
                                 const std::string& customer) {
  if (query.empty()) return {};
  const Opportunity linked = find_opportunity(dir, query);
  if (linked.customer != customer)
    throw input_error(fmt::format("opportunity {} is customer {}'s, not {}'s", linked.id,
                                  linked.customer, customer));
  return linked.id;
}

LinkedVisits load_linked_visits(const Repository& repo, const std::vector<Opportunity>& opportunities,
                                Date date, Instant now) {
  const TzOffset zone = repo.dir().config().timezone;
  const std::optional<Date> from =
      linked_visits_from(opportunities, std::min(end_of_day(date, zone), now), zone);
  if (!from || *from > date) return {};
  return linked_visits(repo.load_visits(*from, date), now);
}

Order find_order(const DataDir& dir, const std::string& query) {
  Diagnostics diag;
  const Repository repo(dir, diag);
  const bool direct = is_generated_id(query) && dir.exists(order_path(query));
  return the_one(direct ? load_order_files(repo, {order_path(query)}) : load_orders(repo), query,
                 "order", diag);
}

}  // namespace kamgr::cli
