// kamgr schema TYPE: a JSON Schema per record type, for editors (YAML language server).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common.h"
#include "kamgr/domain/schemas.h"

namespace kamgr::cli {

namespace {

int run_schema(Context& ctx, const std::string& type) {
  const std::string* schema = record_schema(type);
  if (!schema) {
    std::string message = fmt::format("unknown record type '{}' (expected {})", type,
                                      fmt::join(record_types(), ", "));
    if (const std::string near = closest_match(type, record_types()); !near.empty())
      message += fmt::format("; did you mean '{}'?", near);
    throw input_error(message);
  }
  ctx.out << *schema;
  return 0;
}

}  // namespace

void add_schema_command(CLI::App& app, Context& ctx, Outcome& outcome) {
  auto type = std::make_shared<std::string>();
  CLI::App* cmd = add_command(app, "schema", "Print the JSON Schema of a record type",
                              "kamgr schema visit > .kamgr/schemas/visit.json");
  cmd->add_option("type", *type,
                  "config, member, customer, visit, plan, complaint, kpi, review or calendar")
      ->required();
  on_run(cmd, outcome, [&ctx, type] { return run_schema(ctx, *type); });
}

}  // namespace kamgr::cli
