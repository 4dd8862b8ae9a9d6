#include "input_file.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "kamgr/core/error.h"

namespace kamgr::cli {

namespace {

constexpr size_t kMaxCsvBytes = 10 * 1024 * 1024;

/// Reads at most kMaxCsvBytes from `in`; Error (exit 2) naming `name` when there is more.
std::string read_bounded(std::istream& in, const std::string& name) {
  std::string text;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxCsvBytes)
      throw input_error(fmt::format("the file is too large (more than {} MB): is it the right "
                                    "file?",
                                    kMaxCsvBytes / (1024 * 1024)),
                        name);
  }
  if (in.bad()) throw input_error("cannot read the file", name);
  return text;
}

}  // namespace

std::string read_input_file(const std::string& file) {
  if (file == "-") return read_bounded(std::cin, "<stdin>");
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec))
    throw input_error("this is a folder, not a CSV file", file);
  std::ifstream in(file, std::ios::binary);
  if (!in) throw input_error("cannot read the file (does it exist?)", file);
  return read_bounded(in, file);
}

}  // namespace kamgr::cli
