// kamgr visit show ID: one visit, every field, with its customer's name and its file.
#include <fmt/format.h>

#include "common.h"
#include "visit_common.h"

namespace kamgr::cli {

namespace {

/// The record with `customer_name` beside `customer` and `file` last.
Value show_doc(const VisitFile& f, const std::string& customer_name, TzOffset zone) {
  const Value record = visit_value(f.visit, zone);
  Value doc = Value::object();
  for (const auto& [key, value] : record.fields()) {
    doc.set(key, value);
    if (key == "customer") doc.set("customer_name", customer_name.empty() ? Value() : Value(customer_name));
  }
  doc.set("file", f.rel);
  return doc;
}

/// FIELD/VALUE lines: every field (empty ones too), a line per next step.
Report show_lines(const Value& doc) {
  FieldLines lines;
  for (const auto& [key, value] : doc.fields()) {
    if (key != "next_steps") {
      lines.add(key, value.to_cell());
      continue;
    }
    if (value.items().empty()) lines.add(key, "");
    for (const Value& step : value.items()) lines.add(key, next_step_text(step));
  }
  return lines.view();
}

int run_show(Context& ctx, const std::string& id) {
  const VisitFile f = find_visit(ctx, id);
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const std::optional<Customer> customer = repo.load_customer(f.visit.customer);
  Report r;
  r.doc = show_doc(f, customer ? customer->name : "", ctx.zone());
  r.set_table_view(show_lines(r.doc));
  ctx.emit(r);
  return 0;
}

}  // namespace

void add_visit_show(CLI::App& visit, Context& ctx, Outcome& outcome) {
  auto id = std::make_shared<std::string>();
  CLI::App* cmd = add_command(visit, "show", "Show a visit: every field, the customer's name, the file",
                              "kamgr visit show 20261122-k3m9qa --format yaml");
  cmd->add_option("id", *id, "visit ID")->required();
  on_run(cmd, outcome, [&ctx, id] { return run_show(ctx, *id); });
}

}  // namespace kamgr::cli
