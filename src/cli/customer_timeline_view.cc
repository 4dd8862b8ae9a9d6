// customer show --timeline: what it loads and how it shows (docs/guide.md "A customer's
// timeline").
#include "customer_timeline_view.h"

#include <algorithm>

#include "kamgr/reports/customer_timeline.h"
#include "kamgr/store/complaints.h"
#include "kamgr/store/pipeline_store.h"
#include "visit_common.h"

namespace kamgr::cli {

namespace {

/// The first day the timeline reads from: the customer's first history date or `since`,
/// whichever is earlier; nullopt (everything) when it has neither.
std::optional<Date> first_day(const Customer& c) {
  std::optional<Date> from = c.managed_from();
  if (c.since && (!from || *c.since < *from)) from = c.since;
  return from;
}

TimelineSources load_sources(const Repository& repo, const Customer& c, Date today, Instant now) {
  Diagnostics diag;
  Repository quiet(repo.dir(), diag);
  TimelineSources s;
  const std::optional<Date> from = first_day(c);
  // recorded_visits keeps the range to the year folders there are.
  s.visits = recorded_visits(repo, from.value_or(Date::from_ymd(1900, 1, 1).value()), today, now);
  const int from_year = from ? from->year() : 1900;
  s.complaints = load_complaints(quiet, from_year, today.year());
  s.opportunities = load_opportunities(quiet, from_year, today.year());
  s.orders = load_orders(quiet, from ? Date::from_ymd(from_year, 1, 1) : std::nullopt, today);
  diag.throw_if_errors();
  return s;
}

Value items_value(const std::vector<TimelineItem>& items) {
  Value rows = Value::array();
  for (const TimelineItem& i : items) {
    Value row = Value::object();
    row.set("at", Value::plain(i.at));
    row.set("kind", i.kind);
    row.set("what", i.what);
    row.set("ref", i.ref);
    row.set("file", i.file);
    rows.push(row);
  }
  return rows;
}

Report view(const Value& rows, bool with_file) {
  Report r;
  r.rows_key = "timeline";
  r.doc.set("timeline", rows);
  r.columns = {{"at", "DATE"}, {"kind", "KIND"}, {"what", "WHAT"}, {"ref", "REF"}};
  if (with_file) r.columns.push_back({"file", "FILE"});
  return r;
}

}  // namespace

void add_timeline(Context& ctx, const Repository& repo, const Customer& c, Value& doc,
                  Report& shown) {
  const std::vector<TimelineItem> items =
      customer_timeline(c, load_sources(repo, c, ctx.today(), ctx.now()), ctx.zone(), ctx.now());
  const Value rows = items_value(items);
  doc.set("timeline", rows);
  shown.set_table_view(view(rows, false));
  shown.set_csv_view(view(rows, true));
}

}  // namespace kamgr::cli
