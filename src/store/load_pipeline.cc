// Loading opportunities and orders (docs/pipeline.md "Records").
#include <fmt/format.h>

#include "kamgr/core/id.h"
#include "kamgr/store/loaders.h"
#include "kamgr/store/pipeline_store.h"
#include "yaml_fields.h"

namespace kamgr {

using store::Fields;

namespace {

/// An exact amount with at most 2 decimals: `positive` refuses 0 too, else only
/// negatives are refused.
std::optional<Decimal> decimal(Fields& f, const std::string& key, bool required,
                               bool positive = false) {
  const YAML::Node n = f.value(key);
  if (!n.IsDefined() || n.IsNull()) {
    if (required) f.error(key, fmt::format("missing {}", f.field_name(key)));
    return std::nullopt;
  }
  const std::optional<Decimal> d = n.IsScalar() ? Decimal::parse(n.Scalar()) : std::nullopt;
  const char* expected = positive ? "above 0" : "0 or more";
  if (!d || d->units() < 0 || (positive && d->units() == 0)) {
    f.error(key, fmt::format("{} must be a number {} with at most 2 decimals, not '{}'",
                             f.field_name(key), expected,
                             n.IsScalar() ? n.Scalar() : "a list or mapping"));
    return std::nullopt;
  }
  return d;
}

/// A record's `id`: generated (`20261105-x7k2m9pq`) and its file's name.
void read_id(Fields& f, const std::string& file, const char* what, std::string& out) {
  const auto id = f.text("id", true);
  if (!id) return;
  out = *id;
  if (!is_generated_id(out))
    f.error("id", fmt::format("field 'id': '{}' is not a valid {} id (YYYYMMDD-xxxxxxxx)", out, what));
  else if (out != file_stem(file))
    f.error("id", fmt::format("id '{}' does not match the file name '{}.yaml'", out, file_stem(file)));
}

/// Reads `events:` with `read(item_fields, line)`: each a mapping, oldest first.
/// `event_keys`: every key an event of this record may have (any type), for the
/// unknown-key warning.
template <typename Event, typename Read>
std::vector<Event> read_events(Fields& f, std::initializer_list<const char*> event_keys,
                               Diagnostics& diag, TzOffset zone, Read read) {
  std::vector<Event> events;
  const auto seq = f.sequence("events", false);
  if (!seq) return events;
  for (const YAML::Node& item : *seq) {
    if (!item.IsMap()) {
      diag.error(f.file(), store::line_of(item), "an event must be a mapping {type: ..., at: ...}");
      continue;
    }
    const size_t errors_before = diag.error_count();
    Fields e(item, f.file(), diag, "event");
    std::optional<Event> ev = read(e);
    e.warn_unknown_keys(event_keys);
    if (!ev || diag.error_count() != errors_before) continue;
    ev->line = store::line_of(item);
    if (!events.empty() && ev->at < events.back().at)
      diag.error(f.file(), ev->line,
                 fmt::format("event at {} is before the event above it ({}); events are kept "
                             "oldest first",
                             ev->at.str(zone), events.back().at.str(zone)));
    events.push_back(std::move(*ev));
  }
  return events;
}

std::optional<OpportunityEvent> read_opportunity_event(Fields& e, const Config& config) {
  OpportunityEvent ev;
  if (auto t = e.choice("type", true, opportunity_event_types())) ev.type = *t;
  if (auto at = e.instant("at", true, config.timezone)) ev.at = *at;
  if (auto by = e.id("by", true)) ev.by = *by;
  if (auto note = e.text("note", false)) ev.note = *note;
  const std::string& t = ev.type;
  if (t == "stage") {
    if (auto s = e.choice("stage", true, {"needs", "negotiation"})) ev.stage = *s;
  }
  if (t == "proposed" || t == "updated" || t == "won") ev.amount = decimal(e, "amount", false);
  if (t == "updated") {
    ev.expected_close = e.date("expected_close", false);
    if (!e.has("amount") && !e.has("expected_close"))
      e.error("type", "an 'updated' event needs 'amount' or 'expected_close'");
  }
  if (t == "won") {
    if (auto c = e.text("contract", true)) ev.contract = *c;
  }
  if (t == "lost") {
    if (auto r = e.id("reason", true)) ev.reason = *r;
  }
  if (t == "reassigned") {
    if (auto o = e.id("owner", true)) ev.owner = *o;
  }
  return ev;
}

std::optional<OrderLine> read_line(const YAML::Node& item, Fields& parent, Diagnostics& diag) {
  if (!item.IsMap()) {
    diag.error(parent.file(), store::line_of(item),
               "a line must be a mapping {product: ..., quantity: ..., unit_price: ...}");
    return std::nullopt;
  }
  const size_t errors_before = diag.error_count();
  Fields l(item, parent.file(), diag, "line");
  OrderLine line;
  if (auto p = l.text("product", true)) line.product = *p;
  if (auto q = decimal(l, "quantity", true, true)) line.quantity = *q;
  if (auto u = decimal(l, "unit_price", true)) line.unit_price = *u;
  l.warn_unknown_keys();
  if (diag.error_count() != errors_before) return std::nullopt;
  if (!line.quantity.times(line.unit_price)) {
    l.error("quantity", fmt::format("the line's amount is above {}", Decimal::kMaxWhole));
    return std::nullopt;
  }
  return line;
}

/// `lines:` of an order or of a `changed` event: at least one.
std::vector<OrderLine> read_lines(Fields& f, Diagnostics& diag) {
  std::vector<OrderLine> lines;
  const auto seq = f.sequence("lines", true);
  if (!seq) return lines;
  if (seq->size() == 0) f.error("lines", fmt::format("{} needs at least one line", f.field_name("lines")));
  for (const YAML::Node& item : *seq)
    if (auto line = read_line(item, f, diag)) lines.push_back(std::move(*line));
  return lines;
}

std::optional<OrderEvent> read_order_event(Fields& e, const Config& config, Diagnostics& diag) {
  OrderEvent ev;
  if (auto t = e.choice("type", true, order_event_types())) ev.type = *t;
  if (auto at = e.instant("at", true, config.timezone)) ev.at = *at;
  if (auto by = e.id("by", true)) ev.by = *by;
  if (auto note = e.text("note", false)) ev.note = *note;
  if (ev.type == "changed" || ev.type == "cancelled")
    if (auto r = e.text("reason", true)) ev.reason = *r;
  if (ev.type == "changed") ev.lines = read_lines(e, diag);
  return ev;
}

void check_folder(Fields& f, const RecordType& type, const std::string& file, Date date,
                  const std::string& key, const char* what) {
  if (const std::string expected = misfiled(type, file, date); !expected.empty())
    f.error(key, fmt::format("{} {} belongs in folder '{}'", what, date.str(), expected));
}

}  // namespace

std::optional<Opportunity> load_opportunity(const std::string& text, const std::string& file,
                                            const Config& config, Diagnostics& diag) {
  const auto root = store::parse_document(text, file, diag);
  if (!root) return std::nullopt;
  const size_t errors_before = diag.error_count();
  Fields f(*root, file, diag);
  Opportunity o;
  o.source = {file, f.map_line()};
  read_id(f, file, "opportunity", o.id);
  if (auto c = f.id("customer", true)) o.customer = *c;
  if (auto w = f.id("owner", true)) o.owner = *w;
  o.customer_line = f.line("customer");
  o.owner_line = f.line("owner");
  if (auto t = f.text("title", true)) o.title = *t;
  if (auto a = decimal(f, "amount", true)) o.amount = *a;
  o.expected_close = f.date("expected_close", false);
  if (auto s = f.choice("source", false, opportunity_sources())) o.lead_source = *s;
  if (const YAML::Node events = f.value("events");
      !events.IsDefined() || events.IsNull() || (events.IsSequence() && events.size() == 0))
    f.error("events", "missing field 'events': the log starts with {type: opened, at, by}");
  o.events = read_events<OpportunityEvent>(
      f, {"stage", "amount", "expected_close", "contract", "reason", "owner"}, diag, config.timezone,
      [&](Fields& e) { return read_opportunity_event(e, config); });
  if (!o.events.empty()) {
    if (o.events.front().type != "opened")
      diag.error(file, o.events.front().line,
                 fmt::format("the first event is '{}'; an opportunity's log starts with 'opened'",
                             o.events.front().type));
    for (size_t i = 1; i < o.events.size(); ++i)
      if (o.events[i].type == "opened")
        diag.error(file, o.events[i].line, "'opened' may only be the first event");
    check_folder(f, kOpportunityRecord, file, o.events.front().at.local_date(config.timezone),
                 "events", "opportunity opened on");
  }
  f.warn_unknown_keys();
  if (diag.error_count() != errors_before) return std::nullopt;
  return o;
}

std::optional<Order> load_order(const std::string& text, const std::string& file,
                                const Config& config, Diagnostics& diag) {
  const auto root = store::parse_document(text, file, diag);
  if (!root) return std::nullopt;
  const size_t errors_before = diag.error_count();
  Fields f(*root, file, diag);
  Order o;
  o.source = {file, f.map_line()};
  read_id(f, file, "order", o.id);
  if (auto c = f.id("customer", true)) o.customer = *c;
  if (auto r = f.id("rep", true)) o.rep = *r;
  o.customer_line = f.line("customer");
  o.rep_line = f.line("rep");
  if (auto op = f.text("opportunity", false)) {
    o.opportunity = *op;
    o.opportunity_line = f.line("opportunity");
    if (!is_generated_id(o.opportunity))
      f.error("opportunity", fmt::format("field 'opportunity': '{}' is not an opportunity id", *op));
  }
  if (auto d = f.date("date", true)) {
    o.date = *d;
    check_folder(f, kOrderRecord, file, *d, "date", "order dated");
  }
  o.lines = read_lines(f, diag);
  if (const YAML::Node p = f.value("payment"); p.IsDefined() && !p.IsNull()) {
    if (!p.IsMap()) {
      f.error("payment", "field 'payment' must be a mapping {method: ..., terms: ...}");
    } else {
      Fields pay(p, file, diag, "payment");
      if (auto m = pay.text("method", true)) o.payment_method = *m;
      if (auto t = pay.text("terms", false)) o.payment_terms = *t;
      pay.warn_unknown_keys();
    }
  }
  if (auto i = f.text("invoice", false)) o.invoice = *i;
  if (auto po = f.text("po", false)) o.po = *po;
  o.events = read_events<OrderEvent>(f, {"reason", "lines"}, diag, config.timezone,
                                     [&](Fields& e) { return read_order_event(e, config, diag); });
  f.warn_unknown_keys();
  if (diag.error_count() != errors_before) return std::nullopt;
  return o;
}

std::string opportunity_path(const std::string& id) {
  return file_in(fmt::format("{}/{}", kOpportunityRecord.folder, id.substr(0, 4)), id);
}

std::string order_path(const std::string& id) {
  return file_in(fmt::format("{}/{}/{}", kOrderRecord.folder, id.substr(0, 4), id.substr(4, 2)),
                 id);
}

std::vector<Opportunity> load_opportunity_files(const Repository& repo,
                                                const std::vector<std::string>& files) {
  const Config& config = repo.dir().config();
  return repo.load_files<Opportunity>(
      files, [&](const std::string& text, const std::string& file, Diagnostics& d) {
        return load_opportunity(text, file, config, d);
      });
}

std::vector<Order> load_order_files(const Repository& repo, const std::vector<std::string>& files) {
  const Config& config = repo.dir().config();
  return repo.load_files<Order>(
      files, [&](const std::string& text, const std::string& file, Diagnostics& d) {
        return load_order(text, file, config, d);
      });
}

std::vector<Opportunity> load_opportunities(const Repository& repo, std::optional<int> from_year,
                                            std::optional<int> to_year) {
  std::vector<std::string> files;
  for (int year : repo.year_folders(kOpportunityRecord)) {
    if ((from_year && year < *from_year) || (to_year && year > *to_year)) continue;
    const auto names =
        repo.dir().list_yaml(dated_folder(kOpportunityRecord, *Date::from_ymd(year, 1, 1)));
    files.insert(files.end(), names.begin(), names.end());
  }
  return load_opportunity_files(repo, files);
}

std::vector<Order> load_orders(const Repository& repo, std::optional<Date> from,
                               std::optional<Date> to) {
  std::vector<std::string> files;
  for (int year : repo.year_folders(kOrderRecord))
    for (int month = 1; month <= 12; ++month) {
      const Date first = *Date::from_ymd(year, month, 1);
      if ((to && first > *to) || (from && add_months_first(first, 1) <= *from)) continue;
      const auto names = repo.dir().list_yaml(dated_folder(kOrderRecord, first));
      files.insert(files.end(), names.begin(), names.end());
    }
  std::vector<Order> orders = load_order_files(repo, files);
  std::erase_if(orders, [&](const Order& o) { return (from && o.date < *from) || (to && o.date > *to); });
  return orders;
}

}  // namespace kamgr
