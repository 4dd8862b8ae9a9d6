#pragma once
/// Parsing one file's text into a record, with every problem reported to `diag` with
/// its file and line. Pure: no disk access, so unit tests feed text directly.
/// `file` is the path relative to the data directory; the loaders check that it
/// matches the record (ID equals the file name, a visit in the folder of its date).
#include <optional>
#include <string>

#include "kamgr/core/error.h"
#include "kamgr/domain/config.h"
#include "kamgr/domain/records.h"

namespace kamgr {

/// kamgr.yaml: defaults for absent keys; a bad value is an error naming the key, an
/// unknown key a warning.
Config load_config(const std::string& text, const std::string& file, Diagnostics& diag);

std::optional<Member> load_member(const std::string& text, const std::string& file,
                                  Diagnostics& diag);
std::optional<Customer> load_customer(const std::string& text, const std::string& file,
                                      const Config& config, Diagnostics& diag);
std::optional<Visit> load_visit(const std::string& text, const std::string& file,
                                const Config& config, Diagnostics& diag);

/// The file name without folder and `.yaml` (`team/zhang-san.yaml` -> `zhang-san`).
std::string file_stem(const std::string& file);

}  // namespace kamgr
