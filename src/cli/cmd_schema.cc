// kamgr schema TYPE | --write: a JSON Schema per record type, for editors (YAML
// language server).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common.h"
#include "kamgr/domain/schemas.h"
#include "kamgr/store/mutation.h"

namespace kamgr::cli {

namespace {

struct SchemaOptions {
  std::string type;
  bool write = false;
};

const std::string& schema_of(const std::string& type) {
  const std::string* schema = record_schema(type);
  if (schema) return *schema;
  std::string message =
      fmt::format("unknown record type '{}' (expected {})", type, fmt::join(record_type_names(), ", "));
  if (const std::string near = closest_match(type, record_type_names()); !near.empty())
    message += fmt::format("; did you mean '{}'?", near);
  throw input_error(message);
}

int run_schema(Context& ctx, const SchemaOptions& o) {
  if (!o.write) {
    if (o.type.empty())
      throw input_error(
          fmt::format("give a record type ({}) or --write", fmt::join(record_type_names(), ", ")));
    ctx.out << schema_of(o.type);
    return 0;
  }
  // --write: refresh the schema files the editor settings point at (one type, or all).
  const std::vector<std::string> types =
      o.type.empty() ? record_type_names() : std::vector<std::string>{o.type};
  for (const std::string& type : types)
    replace_derived_file(ctx.data(), schema_file(type), schema_of(type));
  if (!ctx.options.quiet)
    ctx.err << fmt::format("kamgr: wrote {} schema file{} in schemas/\n", types.size(),
                           types.size() == 1 ? "" : "s");
  return 0;
}

}  // namespace

void add_schema_command(CLI::App& app, Context& ctx, Outcome& outcome) {
  auto o = std::make_shared<SchemaOptions>();
  CLI::App* cmd = add_command(app, "schema",
                              "Print the JSON Schema of a record type, or refresh schemas/ "
                              "(--write)",
                              "kamgr schema --write");
  cmd->add_option("type", o->type,
                  "config, member, customer, visit, plan, complaint, kpi, review, opportunity, order or calendar");
  cmd->add_flag("--write", o->write,
                "write schemas/<type>.schema.json in the data directory (all types without "
                "TYPE)");
  on_run(cmd, outcome, [&ctx, o] { return run_schema(ctx, *o); });
}

}  // namespace kamgr::cli
