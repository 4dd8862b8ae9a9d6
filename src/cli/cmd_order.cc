// kamgr order add | change | approve | reject | cancel | list | show (docs/pipeline.md
// "Commands"): an order's lines, its changes decided by the rep's manager, its
// cancellation.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <tuple>

#include "common.h"
#include "pipeline_lookup.h"
#include "kamgr/core/id.h"
#include "kamgr/domain/integrity.h"
#include "kamgr/domain/pipeline.h"
#include "kamgr/reports/pipeline_figures.h"
#include "kamgr/store/mutation.h"
#include "kamgr/store/pipeline_store.h"
#include "kamgr/store/writer.h"

namespace kamgr::cli {

/// Reads one `--line PRODUCT:QUANTITY:PRICE` into `out`, split on its last two colons (a
/// product name may hold a colon): a product, a quantity above 0 and a unit price of 0 or
/// more, both with at most 2 decimals. Returns why it is not one ("" when it is).
std::string parse_order_line(const std::string& text, OrderLine& out);

std::string parse_order_line(const std::string& text, OrderLine& out) {
  const size_t price_colon = text.rfind(':');
  const size_t quantity_colon =
      price_colon == std::string::npos || price_colon == 0 ? std::string::npos
                                                           : text.rfind(':', price_colon - 1);
  if (quantity_colon == std::string::npos) return "expected PRODUCT:QUANTITY:PRICE";
  auto trimmed = [](std::string s) {
    s.erase(0, std::min(s.find_first_not_of(" \t"), s.size()));
    s.erase(s.find_last_not_of(" \t") + 1);
    return s;
  };
  const std::string product = trimmed(text.substr(0, quantity_colon));
  const std::string quantity =
      trimmed(text.substr(quantity_colon + 1, price_colon - quantity_colon - 1));
  const std::string price = trimmed(text.substr(price_colon + 1));
  if (product.empty()) return "the product is empty";
  const std::optional<Decimal> q = Decimal::parse(quantity);
  if (!q || q->units() <= 0)
    return fmt::format("the quantity '{}' is not a number above 0 with at most 2 decimals", quantity);
  const std::optional<Decimal> p = Decimal::parse(price);
  if (!p || p->units() < 0)
    return fmt::format("the price '{}' is not a number, 0 or more, with at most 2 decimals", price);
  if (!q->times(*p)) return fmt::format("the line's amount is above {}", Decimal::kMaxWhole);
  out = OrderLine{product, *q, *p};
  return {};
}

namespace {

struct AddOptions {
  std::string customer, date, opportunity, invoice, po, payment, rep;
  std::vector<std::string> lines;
};

struct StepOptions {
  std::string id, reason, note;
  std::vector<std::string> lines;
};

struct ListOptions {
  PeriodArgs period;
  std::string customer, rep;
};

/// The `--line` options, each one checked (exit 2 naming the first bad one).
std::vector<OrderLine> order_lines(const std::vector<std::string>& texts) {
  std::vector<OrderLine> lines;
  for (const std::string& text : texts) {
    OrderLine line;
    if (const std::string why = parse_order_line(text, line); !why.empty())
      throw input_error(fmt::format("invalid value for --line: '{}' ({})", text, why));
    lines.push_back(std::move(line));
  }
  if (lines.empty()) throw input_error("give at least one --line PRODUCT:QUANTITY:PRICE");
  return lines;
}

Validate order_validator(const Config& config) {
  return [&config](const std::string& text, const std::string& file, Diagnostics& d) {
    load_order(text, file, config, d);
  };
}

/// `{product, quantity, unit_price}`: exact text for the file, numbers (and the line's
/// amount) for a report.
Value line_value(const OrderLine& l, bool in_file) {
  Value v = Value::object();
  v.set("product", l.product);
  if (in_file) {
    v.set("quantity", Value::plain(l.quantity.str()));
    v.set("unit_price", Value::plain(l.unit_price.str()));
  } else {
    v.set("quantity", l.quantity.to_double());
    v.set("unit_price", l.unit_price.to_double());
    v.set("amount", rounded_amount(l.amount()));
  }
  return v;
}

Value lines_value(const std::vector<OrderLine>& lines, bool in_file) {
  Value v = Value::array();
  for (const OrderLine& l : lines) v.push(line_value(l, in_file));
  return v;
}

/// An order event, keys in the order of docs/pipeline.md's example.
Value event_value(const OrderEvent& e, TzOffset zone, bool in_file) {
  Value item = Value::object();
  item.set("type", e.type);
  item.set("at", Value::plain(e.at.str(zone)));
  item.set("by", e.by);
  if (!e.reason.empty()) item.set("reason", e.reason);
  if (!e.lines.empty()) item.set("lines", lines_value(e.lines, in_file));
  if (!e.note.empty()) item.set("note", e.note);
  return item;
}

/// `工业清洁剂A 200 x 350`.
std::string line_text(const OrderLine& l) {
  return fmt::format("{} {} x {}", l.product, l.quantity.str(), l.unit_price.str());
}

/// One event for `show`: `2026-11-12T10:00:00+08:00 changed by zhang-wei (reason 客户追加
/// 设备; A 2000 x 350, B 24 x 18000.5): note`.
std::string event_line(const OrderEvent& e, TzOffset zone) {
  std::vector<std::string> details;
  if (!e.reason.empty()) details.push_back("reason " + e.reason);
  std::vector<std::string> lines;
  for (const OrderLine& l : e.lines) lines.push_back(line_text(l));
  if (!lines.empty()) details.push_back(fmt::format("{}", fmt::join(lines, ", ")));
  return fmt::format("{} {} by {}{}{}", e.at.str(zone), e.type, e.by,
                     details.empty() ? "" : fmt::format(" ({})", fmt::join(details, "; ")),
                     e.note.empty() ? "" : ": " + e.note);
}

/// Why `by` may not record an order for `rep` ("" when they may): the rep themself, their
/// manager or a director (docs/pipeline.md "Who"); the rep is a rep or a manager.
std::string refuse_recorder(const Team& team, const std::string& by, const std::string& rep) {
  const Member* member = team.find(rep);
  if (member->role != Role::rep && member->role != Role::manager)
    return fmt::format("{} is {}; an order's rep is a rep or a manager (give --rep)", rep,
                       role_name(member->role));
  const Member* actor = team.find(by);
  if (by == rep || team.reports_to(rep) == by || (actor && actor->role == Role::director))
    return {};
  return fmt::format("only {} themself, their manager or a director may record an order for "
                     "them; '{}' may not",
                     rep, by);
}

/// Why `event` cannot follow the order's log ("" when it can): the rules of
/// refuse_order_event, and no event before the order's own date.
std::string refuse_step(const Order& order, const OrderEvent& event, const Team& team,
                        TzOffset zone) {
  if (event.at.local_date(zone) < order.date)
    return fmt::format("{} at {} is before the date of order {} ({})", event.type,
                       event.at.str(zone), order.id, order.date.str());
  return refuse_order_event(order, event, team, zone);
}

int run_add(Context& ctx, const AddOptions& o) {
  const Config& config = ctx.config();
  const TzOffset zone = config.timezone;
  const std::vector<OrderLine> lines = order_lines(o.lines);
  const Date date = parse_date_option(o.date, "--date");
  const Instant now = ctx.now();
  if (date > now.local_date(zone))
    throw input_error(fmt::format("--date {} is in the future (today is {})", date.str(),
                                  now.local_date(zone).str()));
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const CustomerBook book = repo.load_customers();
  const Customer& customer = book.resolve(o.customer);
  const std::string by = ctx.acting_member(team);
  const std::string rep = o.rep.empty() ? by : o.rep;
  if (!team.find(rep)) throw input_error(unknown_member_message("--rep", rep, team));
  if (const std::string why = refuse_recorder(team, by, rep); !why.empty()) throw input_error(why);
  const std::string opportunity = customer_opportunity(ctx.data(), o.opportunity, customer.id);
  const std::string id = generate_record_id(date);
  Value v = Value::object();
  v.set("id", id);
  v.set("customer", customer.id);
  v.set("rep", rep);
  if (!opportunity.empty()) v.set("opportunity", opportunity);
  v.set("date", Value::plain(date.str()));
  v.set("lines", lines_value(lines, true));
  if (!o.payment.empty()) {
    Value payment = Value::object();
    payment.set("method", o.payment);
    v.set("payment", Value::plain(flow_map(payment)));  // one line, as in the docs
  }
  if (!o.invoice.empty()) v.set("invoice", o.invoice);
  if (!o.po.empty()) v.set("po", o.po);
  v.set("events", Value::array());
  create_record(ctx.data(), order_path(id), v, order_validator(config));
  ctx.out << id << "\n";
  return 0;
}

/// Appends one step to an order's log, refusing what the rules refuse (again under the
/// lock, on the file as it is then).
int run_step(Context& ctx, const std::string& type, const StepOptions& o) {
  const Config& config = ctx.config();
  const TzOffset zone = config.timezone;
  OrderEvent event;
  event.type = type;
  if (type == "changed") event.lines = order_lines(o.lines);
  if ((type == "changed" || type == "cancelled") &&
      o.reason.find_first_not_of(" \t") == std::string::npos)
    throw input_error("--reason is empty: say why");
  event.reason = o.reason;
  event.note = o.note;
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const Order order = find_order(ctx.data(), o.id);
  event.at = ctx.now();
  event.by = ctx.acting_member(team);
  if (const std::string why = refuse_step(order, event, team, zone); !why.empty())
    throw input_error(why);
  auto refuse = [&](const std::string& text, const std::string& file, Diagnostics& d) {
    const auto current = load_order(text, file, config, d);
    if (!current) return;
    if (const std::string why = refuse_step(*current, event, team, zone); !why.empty())
      d.error(file, 0, why);
  };
  append_to_record(ctx.data(), order.source.file, "events", event_value(event, zone, true), refuse,
                   order_validator(config));
  if (!ctx.options.quiet) ctx.err << fmt::format("kamgr: order {}: {}\n", order.id, type);
  return 0;
}

/// One order as `list` shows it and `show` starts: the record's fields, its status and
/// its amount from the lines in force.
Value order_row(const Order& o, const OrderState& s) {
  Value row = Value::object();
  row.set("id", o.id);
  row.set("customer", o.customer);
  row.set("rep", o.rep);
  row.set("date", o.date.str());
  row.set("amount", rounded_amount(s.amount()));
  row.set("opportunity", o.opportunity.empty() ? Value() : Value(o.opportunity));
  row.set("status", s.status());
  return row;
}

int run_list(Context& ctx, const ListOptions& o) {
  const PeriodArgs& p = o.period;
  std::optional<Period> period;
  if (!p.period.empty() || !p.from.empty() || !p.to.empty())
    period = resolve_period(p, std::nullopt);
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  std::string customer;
  if (!o.customer.empty()) customer = repo.load_customers().resolve(o.customer).id;
  if (!o.rep.empty()) {
    const Team team = repo.load_team();
    if (!team.find(o.rep)) throw input_error(unknown_member_message("--rep", o.rep, team));
  }
  const Instant now = ctx.now();
  const Date today = now.local_date(ctx.zone());
  std::vector<Order> orders = load_orders(repo, period ? std::optional(period->from) : std::nullopt,
                                          period ? std::min(period->to, today) : today);
  diag.throw_if_errors();
  std::sort(orders.begin(), orders.end(), [](const Order& a, const Order& b) {
    return std::tie(a.date, a.id) < std::tie(b.date, b.id);
  });
  Value rows = Value::array();
  Decimal total;
  for (const Order& order : orders) {
    if ((!customer.empty() && order.customer != customer) || (!o.rep.empty() && order.rep != o.rep))
      continue;
    const OrderState s = order_state(order, now);
    total += s.amount();
    rows.push(order_row(order, s));
  }
  Report r;
  r.rows_key = "orders";
  r.notes.push_back(fmt::format("{} orders, amount {:.2f}", rows.size(), rounded_amount(total)));
  r.doc.set("orders", rows);
  r.columns = {{"id", "ID"},   {"date", "DATE"},     {"customer", "CUSTOMER"},
               {"rep", "REP"}, {"amount", "AMOUNT", true}, {"status", "STATUS"},
               {"opportunity", "OPPORTUNITY"}};
  ctx.emit(r);
  return 0;
}

int run_show(Context& ctx, const std::string& query) {
  const TzOffset zone = ctx.config().timezone;
  const Order o = find_order(ctx.data(), query);
  const Instant now = ctx.now();
  const OrderState s = order_state(o, now);
  std::vector<OrderLine> pending;
  for (const OrderEvent& e : o.events)
    if (e.at <= now && e.type == "changed") pending = e.lines;
  if (!s.change_pending) pending.clear();
  Report r;
  r.doc = order_row(o, s);
  Value payment;
  if (!o.payment_method.empty()) {
    payment = Value::object();
    payment.set("method", o.payment_method);
    payment.set("terms", o.payment_terms.empty() ? Value() : Value(o.payment_terms));
  }
  r.doc.set("payment", payment);
  r.doc.set("invoice", o.invoice.empty() ? Value() : Value(o.invoice));
  r.doc.set("po", o.po.empty() ? Value() : Value(o.po));
  r.doc.set("lines", lines_value(o.lines, false));
  r.doc.set("lines_in_force", lines_value(s.lines, false));
  r.doc.set("pending_lines", s.change_pending ? lines_value(pending, false) : Value());
  Value events = Value::array();
  for (const OrderEvent& e : o.events) events.push(event_value(e, zone, false));
  r.doc.set("events", events);
  r.doc.set("file", o.source.file);
  FieldLines lines;
  lines.add_fields(r.doc, {"payment", "lines", "lines_in_force", "pending_lines", "events"}, true);
  if (!o.payment_method.empty())
    lines.add("payment", o.payment_method +
                             (o.payment_terms.empty() ? "" : " (" + o.payment_terms + ")"));
  for (const OrderLine& l : s.lines)
    lines.add("line", fmt::format("{} = {:.2f}", line_text(l), rounded_amount(l.amount())));
  for (const OrderLine& l : pending)
    lines.add("pending_line", fmt::format("{} = {:.2f}", line_text(l), rounded_amount(l.amount())));
  for (const OrderEvent& e : o.events) lines.add("event", event_line(e, zone));
  r.set_table_view(lines.view());
  ctx.emit(r);
  return 0;
}

constexpr StepCommand kSteps[] = {
    {"change", "changed", "Change an order's lines (the complete new lines), for the manager's approval",
     "kamgr order change 20261110-h8n4v6ke --line 工业清洁剂A:1800:350 --line 清洁设备B:24:18000.5 "
     "--reason 客户减量"},
    {"approve", "change_approved", "Approve the order's pending change (the rep's manager or a director)",
     "kamgr --as liu-yang order approve 20261110-h8n4v6ke"},
    {"reject", "change_rejected", "Reject the order's pending change (the rep's manager or a director)",
     "kamgr --as liu-yang order reject 20261110-h8n4v6ke --note 价格不变"},
    {"cancel", "cancelled", "Cancel an order (the rep's manager or a director)",
     "kamgr --as liu-yang order cancel 20261110-h8n4v6ke --reason 客户取消"},
};

/// `--line`, once per product: each occurrence takes one value.
void add_line_option(CLI::App* cmd, std::vector<std::string>& lines) {
  cmd->add_option("--line", lines, "PRODUCT:QUANTITY:PRICE, one --line per product")
      ->required()
      ->allow_extra_args(false);
}

void add_step(CLI::App& parent, const StepCommand& step, Context& ctx, Outcome& outcome) {
  auto o = std::make_shared<StepOptions>();
  CLI::App* cmd = add_command(parent, step.command, step.description, step.example);
  cmd->add_option("id", o->id, "order ID (or a unique part of it)")->required();
  const std::string type = step.type;
  if (type == "changed") {
    add_line_option(cmd, o->lines);
    cmd->add_option("--reason", o->reason, "why the customer changes it")->required();
  }
  if (type == "cancelled") cmd->add_option("--reason", o->reason, "why it is cancelled")->required();
  cmd->add_option("--note", o->note, "a note");
  on_run(cmd, outcome, [&ctx, o, type] { return run_step(ctx, type, *o); });
}

}  // namespace

void add_order_commands(CLI::App& app, Context& ctx, Outcome& outcome) {
  CLI::App* order =
      app.add_subcommand("order", "Orders: their lines, changes approved by the manager, cancellations");
  order->require_subcommand(1);
  order->footer("\nExample:\n  kamgr order list 2026-11 --rep zhang-wei");

  auto add = std::make_shared<AddOptions>();
  CLI::App* cmd = add_command(*order, "add", "Record an order (prints its ID)",
                              "kamgr order add --customer ankang-shaoxing --date 2026-11-20 "
                              "--line 工业清洁剂A:200:350 --line 清洁设备B:2:18000.5 "
                              "--opportunity k3m8q2pz --po PO-88130 --payment transfer");
  cmd->add_option("--customer", add->customer, "ID, exact name or unique part of a name")->required();
  cmd->add_option("--date", add->date, "the order date (YYYY-MM-DD), today at the latest")->required();
  add_line_option(cmd, add->lines);
  cmd->add_option("--opportunity", add->opportunity,
                  "the opportunity it comes from (ID or a unique part), the same customer's");
  cmd->add_option("--invoice", add->invoice, "the invoice number");
  cmd->add_option("--po", add->po, "the customer's purchase order number");
  cmd->add_option("--payment", add->payment, "the payment method (free text)");
  cmd->add_option("--rep", add->rep, "who placed it (default: the acting member)");
  on_run(cmd, outcome, [&ctx, add] { return run_add(ctx, *add); });

  for (const StepCommand& step : kSteps) add_step(*order, step, ctx, outcome);

  auto list = std::make_shared<ListOptions>();
  cmd = add_command(*order, "list", "List the orders dated in a period (default: all up to today)",
                    "kamgr order list 2026-11 --rep zhang-wei");
  add_period_args(cmd, list->period);
  cmd->add_option("--customer", list->customer, "only this customer's");
  cmd->add_option("--rep", list->rep, "only this rep's");
  on_run(cmd, outcome, [&ctx, list] { return run_list(ctx, *list); });

  auto id = std::make_shared<std::string>();
  cmd = add_command(*order, "show", "Show an order: its lines in force, status and events",
                    "kamgr order show 20261110-h8n4v6ke");
  cmd->add_option("id", *id, "order ID (or a unique part of it)")->required();
  on_run(cmd, outcome, [&ctx, id] { return run_show(ctx, *id); });
}

}  // namespace kamgr::cli
