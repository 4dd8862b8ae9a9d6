// libFuzzer harness for the record loaders: any bytes, under any record path, must give
// a record or diagnostics - never a crash, a hang, or unbounded memory.
// Build and run: see docs/testing.md ("Fuzzing").
#include <cstddef>
#include <cstdint>
#include <string>

#include "kamgr/core/error.h"
#include "kamgr/store/loaders.h"
#include "kamgr/store/repository.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the loader; the rest is the file.
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const kamgr::Config config = kamgr::Config::defaults();
  kamgr::Diagnostics diag;
  switch (data[0] % 6) {
    case 0: kamgr::load_member(text, "team/x.yaml", diag); break;
    case 1: kamgr::load_customer(text, "customers/x.yaml", config, diag); break;
    case 2: kamgr::load_visit(text, "visits/2026/11/20261122-aaaaaa.yaml", config, diag); break;
    case 3: kamgr::load_config(text, "kamgr.yaml", diag); break;
    case 4: kamgr::load_calendar_year(text, "calendar/2026.yaml", diag); break;
    default: kamgr::load_customer(text, "customers/x.yaml", config, diag); break;
  }
  return 0;
}
