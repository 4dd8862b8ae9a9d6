// kamgr customer show: one customer's profile, state, history and last visit.
#include <fmt/format.h>

#include "common.h"
#include "kamgr/store/repository.h"

namespace kamgr::cli {

namespace {

struct ShowOptions {
  std::string customer;
  bool with_contacts = false;
};

/// The latest visit to `customer` on or before `today`, looking back month by month
/// (at most `months` months, so the cost does not grow with the whole history).
std::optional<Visit> last_visit(const Repository& repo, const std::string& customer, Date today,
                                int months) {
  for (int back = 0; back < months; ++back) {
    const Date first = add_months_first(today, -back);
    const Date last = add_months_first(first, 1) - 1;
    std::optional<Visit> best;
    for (Visit& v : repo.load_visits(first, std::min(last, today)))
      if (v.customer == customer && (!best || v.date > best->date)) best = std::move(v);
    if (best) return best;
  }
  return std::nullopt;
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
  Value contacts = Value::array();
  if (o.with_contacts)
    for (const Contact& ct : c.contacts) {
      Value row = Value::object();
      row.set("name", ct.name);
      row.set("title", ct.title);
      row.set("phone", ct.phone);
      row.set("email", ct.email);
      contacts.push(row);
    }
  doc.set("contacts", o.with_contacts ? contacts : Value(static_cast<long>(c.contacts.size())));
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
  const auto last = last_visit(repo, c.id, today, 12);
  doc.set("last_visit", last ? Value::plain(last->date.str()) : Value());

  if (ctx.format() == Format::json || ctx.format() == Format::yaml) {
    Report r;
    r.doc = doc;
    ctx.emit(r);
    return 0;
  }
  // Table: the main facts as FIELD VALUE lines, then the history.
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
    if (k != "history" && k != "profile" && k != "contacts") line(k, v.to_cell());
  for (const auto& [k, v] : profile.fields()) line(k, v.to_cell());
  if (o.with_contacts)
    for (const Contact& ct : c.contacts)
      line("contact", fmt::format("{} {} {} {}", ct.name, ct.title, ct.phone, ct.email));
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
  ctx.emit(r);
  return 0;
}

}  // namespace

void add_customer_show(CLI::App& customer, Context& ctx, Outcome& outcome) {
  auto o = std::make_shared<ShowOptions>();
  CLI::App* cmd = add_command(customer, "show", "Show a customer: profile, state, history",
                              "kamgr customer show 华润 --with-contacts");
  cmd->add_option("customer", o->customer, "ID, exact name or unique part of a name")->required();
  cmd->add_flag("--with-contacts", o->with_contacts, "show contact details (confidential)");
  on_run(cmd, outcome, [&ctx, o] { return run_show(ctx, *o); });
}

}  // namespace kamgr::cli
