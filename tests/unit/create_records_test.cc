// Writing many new records all or nothing (docs/formats.md "Importing CSV"): every
// record is validated before the first is written, and a write that fails midway
// removes the files already written.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "kamgr/core/error.h"
#include "kamgr/store/datadir.h"
#include "kamgr/store/mutation.h"

using namespace kamgr;
namespace fs = std::filesystem;

namespace {

struct Scratch {
  fs::path root = fs::temp_directory_path() / ("kamgr-create-records-" + std::to_string(getpid()));
  Scratch() {
    fs::remove_all(root);
    fs::create_directories(root / "team");
    std::ofstream(root / "kamgr.yaml") << "";
  }
  ~Scratch() { fs::remove_all(root); }
};

Value member(const std::string& id) {
  Value v = Value::object();
  v.set("id", id);
  v.set("name", "N");
  v.set("role", "director");
  return v;
}

const Validate kAccept = [](const std::string&, const std::string&, Diagnostics&) {};
const Validate kRefuse = [](const std::string&, const std::string& file, Diagnostics& d) {
  d.error(file, 1, "refused");
};

}  // namespace

TEST_CASE("create_records writes every record") {
  Scratch s;
  Diagnostics diag;
  const DataDir dir = DataDir::open(s.root, diag);
  create_records(dir, {{"team/a.yaml", member("a"), kAccept}, {"team/b.yaml", member("b"), kAccept}});
  CHECK(fs::exists(s.root / "team/a.yaml"));
  CHECK(fs::exists(s.root / "team/b.yaml"));
  CHECK(dir.written() == std::vector<std::string>{"team/a.yaml", "team/b.yaml"});
}

TEST_CASE("create_records validates all before writing any") {
  Scratch s;
  Diagnostics diag;
  const DataDir dir = DataDir::open(s.root, diag);
  CHECK_THROWS_AS(create_records(dir, {{"team/a.yaml", member("a"), kAccept},
                                       {"team/b.yaml", member("b"), kRefuse}}),
                  Error);
  CHECK_FALSE(fs::exists(s.root / "team/a.yaml"));
  CHECK_FALSE(fs::exists(s.root / "team/b.yaml"));
  CHECK(dir.written().empty());
}

TEST_CASE("a write failing midway removes the files already written") {
  Scratch s;
  Diagnostics diag;
  const DataDir dir = DataDir::open(s.root, diag);
  std::ofstream(s.root / "team/c.yaml") << "someone else's\n";  // the third write fails
  try {
    create_records(dir, {{"team/a.yaml", member("a"), kAccept},
                         {"team/b.yaml", member("b"), kAccept},
                         {"team/c.yaml", member("c"), kAccept}});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Exit::bad_input);
  }
  CHECK_FALSE(fs::exists(s.root / "team/a.yaml"));
  CHECK_FALSE(fs::exists(s.root / "team/b.yaml"));
  std::ifstream in(s.root / "team/c.yaml");
  std::string text;
  std::getline(in, text);
  CHECK(text == "someone else's");
  CHECK(dir.written().empty());
}
