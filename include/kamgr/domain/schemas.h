#pragma once
/// JSON Schemas (draft 2020-12) of the record types (docs/formats.md), for editors: the YAML
/// language server validates records as they are typed (`kamgr init` configures it).
#include <string>
#include <vector>

namespace kamgr {

/// The names of the record types (domain/record_types.h), in their table's order.
const std::vector<std::string>& record_type_names();
/// The schema of `type`, or nullptr when there is none.
const std::string* record_schema(const std::string& type);
/// Where `kamgr init` and `kamgr schema --write` keep a type's schema, relative to the
/// data directory: `schemas/<type>.schema.json` (committed, so every clone's editor
/// validates without running kamgr).
std::string schema_file(const std::string& type);
/// `.vscode/settings.json` for a new data directory: `yaml.schemas` mapping each
/// schema file to its records' glob, and 2-space YAML indentation.
std::string vscode_settings();

}  // namespace kamgr
