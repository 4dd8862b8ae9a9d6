// kamgr customer show: one customer's profile, state, history and last visit (and with
// --timeline everything that happened to it).
#include <fmt/format.h>

#include "common.h"
#include "customer_contacts.h"
#include "customer_timeline_view.h"
#include "kamgr/domain/compliance.h"
#include "kamgr/store/repository.h"
#include "visit_common.h"

namespace kamgr::cli {

namespace {

struct ShowOptions {
  std::string customer;
  bool with_contacts = false;
  bool timeline = false;
};

/// The latest visit date of `customer` on or before `today`, looking back month by month
/// (at most `months` months, so the cost does not grow with the whole history).
std::optional<Date> last_visit(const Repository& repo, const std::string& customer, Date today,
                               int months, Instant now) {
  for (int back = 0; back < months; ++back) {
    const Date first = add_months_first(today, -back);
    const Date last = add_months_first(first, 1) - 1;
    const VisitIndex index(recorded_visits(repo, first, std::min(last, today), now));
    if (auto found = index.last_on_or_before(customer, today)) return found;
  }
  return std::nullopt;
}

/// `{period, required, met, rate}` of one customer's required windows in `period`.
Value compliance_value(const Customer& c, const Config& config, const Period& period, Date today,
                       const VisitIndex& index) {
  long required = 0, met = 0;
  for (const RequiredWindow& w :
       required_windows(CustomerBook({c}), config, period, today, index)) {
    ++required;
    met += w.met;
  }
  Value v = Value::object();
  v.set("period", period.name());
  v.set("required", required);
  v.set("met", met);
  v.set("rate", percentage(met, required));
  return v;
}

/// The current window (tier's frequency, containing today), this month's and last
/// month's compliance, and the last visit.
void add_visit_facts(Value& doc, const Repository& repo, const Customer& c, const Config& config,
                     Date today, Instant now) {
  const Period this_month = Period::month_of(today);
  const Period last_month = this_month.previous();
  const VisitIndex index(recorded_visits(repo, visits_needed_from(config, last_month), today, now));
  const CustomerState s = c.state_on(today);
  const auto freq = config.visit_frequency.find(s.tier);
  if (s.active() && freq != config.visit_frequency.end()) {
    const Window w = window_containing(freq->second, config.week_anchor, today);
    Value window = window_value(w);
    window.set("visited", index.any(c.id, w.from, w.to));
    doc.set("window", window);
  } else {
    doc.set("window", Value());
  }
  auto last = index.last_on_or_before(c.id, today);
  if (!last) last = last_visit(repo, c.id, visits_needed_from(config, last_month) - 1, 12, now);
  doc.set("last_visit", last ? Value::plain(last->str()) : Value());
  Value compliance = Value::object();
  compliance.set("this_month", compliance_value(c, config, this_month, today, index));
  compliance.set("last_month", compliance_value(c, config, last_month, today, index));
  doc.set("compliance", compliance);
}

/// The table view of `customer show`: the facts of `doc` as FIELD VALUE lines, then the
/// profile, the contacts (or their count) and the history, one line per entry.
Report facts_table(const Value& doc, const Customer& c, bool with_contacts) {
  Report r;
  r.rows_key = "lines";
  Value lines = Value::array();
  auto line = [&](const std::string& field, const std::string& value) {
    Value row = Value::object();
    row.set("field", field);
    row.set("value", value);
    lines.push(row);
  };
  for (const auto& [k, v] : doc.fields())
    if (k != "history" && k != "profile" && k != "contacts" && k != "window" && k != "compliance")
      line(k, v.to_cell());
  if (const Value* w = doc.find("window"); w && !w->is_null())
    line("window", fmt::format("{}..{} ({})", w->find("from")->to_cell(), w->find("to")->to_cell(),
                               w->find("visited")->as_bool() ? "visited" : "not visited yet"));
  for (const auto& [when, m] : doc.find("compliance")->fields())
    line("compliance",
         fmt::format("{} {}/{} = {}", m.find("period")->to_cell(), m.find("met")->to_cell(),
                     m.find("required")->to_cell(),
                     m.find("rate")->is_null() ? "-" : m.find("rate")->to_cell() + "%"));
  for (const auto& [k, v] : doc.find("profile")->fields()) line(k, v.to_cell());
  if (with_contacts)
    for (const Contact& ct : c.contacts)
      line("contact", contact_line(ct));
  else
    line("contacts", fmt::format("{} (shown with --with-contacts)", c.contacts.size()));
  for (const HistoryEntry& h : c.history) {
    std::string change;
    if (h.tier) change += " tier=" + *h.tier;
    if (h.owner) change += " owner=" + *h.owner;
    if (h.status) change += std::string(" status=") + status_name(*h.status);
    line("history", h.date.str() + change);
  }
  r.doc.set("lines", lines);
  r.columns = {{"field", "FIELD"}, {"value", "VALUE"}};
  return r;
}

int run_show(Context& ctx, const ShowOptions& o) {
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const CustomerBook book = repo.load_customers();
  const Customer& c = book.resolve(o.customer);
  const Date today = ctx.today();
  const CustomerState s = c.state_on(today);

  Value doc = Value::object();
  doc.set("id", c.id);
  doc.set("name", c.name);
  doc.set("tier", s.managed ? Value(s.tier) : Value());
  doc.set("owner", s.managed ? Value(s.owner) : Value());
  doc.set("status", s.managed ? Value(status_name(s.status)) : Value("not yet managed"));
  doc.set("since", c.since ? Value::plain(c.since->str()) : Value());
  Value profile = Value::object();
  for (const auto& [k, v] : c.profile)
    if (k != "since") profile.set(k, v);
  doc.set("profile", profile);
  doc.set("contacts",
          o.with_contacts ? contacts_value(c) : Value(static_cast<long>(c.contacts.size())));
  Value history = Value::array();
  for (const HistoryEntry& h : c.history) {
    Value row = Value::object();
    row.set("date", Value::plain(h.date.str()));
    row.set("tier", h.tier);
    row.set("owner", h.owner);
    row.set("status", h.status ? Value(status_name(*h.status)) : Value());
    history.push(row);
  }
  doc.set("history", history);
  add_visit_facts(doc, repo, c, ctx.config(), today, ctx.now());

  // JSON and YAML show the document; the table the main facts as FIELD VALUE lines, or
  // with --timeline the timeline (docs/guide.md "A customer's timeline").
  Report shown;
  if (o.timeline)
    add_timeline(ctx, repo, c, doc, shown);
  else
    shown.set_table_view(facts_table(doc, c, o.with_contacts));
  shown.doc = doc;
  ctx.emit(shown);
  return 0;
}

}  // namespace

void add_customer_show(CLI::App& customer, Context& ctx, Outcome& outcome) {
  auto o = std::make_shared<ShowOptions>();
  CLI::App* cmd = add_command(customer, "show", "Show a customer: profile, state, history",
                              "kamgr customer show 华润 --with-contacts\n"
                              "  kamgr customer show 华润 --timeline --format json");
  cmd->add_option("customer", o->customer, "ID, exact name or unique part of a name")->required();
  add_with_contacts_flag(cmd, o->with_contacts);
  cmd->add_flag("--timeline", o->timeline,
                "list everything that happened to the customer, oldest first (history, visits, "
                "complaints, opportunities, orders)");
  on_run(cmd, outcome, [&ctx, o] { return run_show(ctx, *o); });
}

}  // namespace kamgr::cli
