// The parse cache: the record encoding round trip and the cache's stamp rules.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "kamgr/core/digest.h"
#include "kamgr/core/progress.h"
#include "kamgr/store/parse_cache.h"
#include "kamgr/store/record_codec.h"

using namespace kamgr;
namespace fs = std::filesystem;

namespace {

Visit sample_visit() {
  Visit v;
  v.id = "20261122-k3m9qa";
  v.customer = "acme";
  v.rep = "zhang-san";
  v.date = *Date::parse("2026-11-22");
  v.start = TimeOfDay{9 * 3600};
  v.purpose = "季度回顾";
  v.outcome = "签约";
  v.next_steps = {{"送样", Date::parse("2026-11-30")}, {"回电", std::nullopt}};
  v.recorded_at = Instant{1'790'000'000};
  v.source = {"ignored", 7};
  v.customer_line = 8;
  v.rep_line = 9;
  v.opportunity = "20261105-x7k2m9pq";
  v.opportunity_line = 10;
  return v;
}

/// A scratch data directory removed at the end of the test.
struct Scratch {
  fs::path root = fs::temp_directory_path() / ("kamgr-cache-test-" + std::to_string(getpid()));
  Scratch() {
    fs::remove_all(root);
    fs::create_directories(root / "visits/2026/11");
    write("kamgr.yaml", "");
  }
  ~Scratch() { fs::remove_all(root); }
  void write(const std::string& rel, const std::string& text) const {
    std::ofstream(root / rel, std::ios::binary | std::ios::trunc) << text;
  }
};

/// Two visit files of one month folder, written in `s`.
const std::vector<std::string> kTwoVisits = {"visits/2026/11/a.yaml", "visits/2026/11/b.yaml"};
void write_two_visits(const Scratch& s) {
  s.write(kTwoVisits[0], "one");
  s.write(kTwoVisits[1], "two");
}

}  // namespace

TEST_CASE("record encoding round trip") {
  const Visit v = sample_visit();
  Visit back;
  REQUIRE(decode_record(encode_record(v), "visits/2026/11/20261122-k3m9qa.yaml", back));
  CHECK(back.id == v.id);
  CHECK(back.purpose == v.purpose);
  CHECK(back.start->seconds == 9 * 3600);
  CHECK_FALSE(back.end);
  REQUIRE(back.next_steps.size() == 2);
  CHECK(back.next_steps[0].due == Date::parse("2026-11-30"));
  CHECK_FALSE(back.next_steps[1].due);
  CHECK(back.recorded_at == v.recorded_at);
  CHECK(back.customer_line == 8);
  CHECK(back.rep_line == 9);
  CHECK(back.opportunity == "20261105-x7k2m9pq");
  CHECK(back.opportunity_line == 10);
  CHECK(back.source.file == "visits/2026/11/20261122-k3m9qa.yaml");
  CHECK(back.source.line == 7);

  Customer c;
  c.id = "acme";
  c.since = Date::parse("2024-03-15");
  c.history = {{*Date::parse("2024-03-01"), "key", "zhang-san", std::nullopt, 9},
               {*Date::parse("2026-02-01"), std::nullopt, std::nullopt, CustomerStatus::lost, 10}};
  c.contacts = {{"王敏", "采购总监", "138", "w@x"}};
  c.profile = {{"industry", "零售"}};
  Customer cb;
  REQUIRE(decode_record(encode_record(c), "customers/acme.yaml", cb));
  CHECK(cb.history[1].status == CustomerStatus::lost);
  CHECK_FALSE(cb.history[1].tier);
  CHECK(cb.contacts[0].phone == "138");
  CHECK(cb.profile[0].second == "零售");

  Complaint k;
  k.id = "20261101-aaaaaa";
  k.events = {{"closed", Instant{5}, "li-si", "ok", 2, "", 12}};
  Complaint kb;
  REQUIRE(decode_record(encode_record(k), "complaints/2026/x.yaml", kb));
  CHECK(kb.events[0].csat == 2);
  CHECK(kb.events[0].line == 12);

  Member m;
  m.id = "li-si";
  m.name = "李四";
  m.role = Role::manager;
  m.manager = "wang";
  m.email = "l@x";
  m.active = false;
  m.handle = "li-si-gh";
  m.manager_line = 4;
  Member mb;
  REQUIRE(decode_record(encode_record(m), "team/li-si.yaml", mb));
  CHECK(mb.role == Role::manager);
  CHECK_FALSE(mb.active);
  CHECK(mb.handle == "li-si-gh");
  CHECK(mb.manager_line == 4);
}

TEST_CASE("a truncated or corrupt encoding is refused, never read past its end") {
  const std::string bytes = encode_record(sample_visit());
  Visit out;
  for (size_t n = 0; n < bytes.size(); ++n)
    CHECK_FALSE(decode_record(std::string_view(bytes).substr(0, n), "f", out));
  CHECK_FALSE(decode_record(bytes + "x", "f", out));
  const std::string huge_count = std::string("\x01") + "a" + std::string(9, '\xff');
  Customer c;
  CHECK_FALSE(decode_record(huge_count, "f", c));
}

TEST_CASE("the cache hits only on an unchanged stamp, and never on racy files") {
  Scratch s;
  write_two_visits(s);
  Diagnostics diag;
  const DataDir dir = DataDir::open(s.root, diag);
  const std::vector<std::string>& files = kTwoVisits;
  {
    ParseCache cache(dir, "visit", files, true, 0);
    CHECK(cache.lookup(0).empty());
    CHECK(cache.lookup(1).empty());
    cache.remember(0, "A1");
    cache.remember(1, "B1");
    cache.save();
  }
  {
    ParseCache cache(dir, "visit", files, true, 0);
    CHECK(cache.lookup(0) == "A1");
    CHECK(cache.lookup(1) == "B1");
  }
  s.write("visits/2026/11/a.yaml", "ONE");  // same size, rewritten: a new change time
  {
    ParseCache cache(dir, "visit", files, true, 0);
    CHECK(cache.lookup(0).empty());
    CHECK(cache.lookup(1) == "B1");
    // With the real window, a file written just now is parsed but not cached.
  }
  {
    ParseCache cache(dir, "visit", files, true);
    CHECK(cache.lookup(0).empty());
    cache.remember(0, "A2");
    cache.save();
  }
  {
    ParseCache cache(dir, "visit", files, true, 0);
    CHECK(cache.lookup(0).empty());
  }
  // Another record type, or another kamgr.yaml, never sees these entries.
  {
    ParseCache cache(dir, "complaint", files, true, 0);
    CHECK(cache.lookup(1).empty());
  }
  s.write("kamgr.yaml", "# changed\n");
  const DataDir changed = DataDir::open(s.root, diag);
  ParseCache cache(changed, "visit", files, true, 0);
  CHECK(cache.lookup(1).empty());
}

TEST_CASE("the blob IDs of the files read are noted, from the read or from the cache") {
  Scratch s;
  write_two_visits(s);
  Diagnostics diag;
  const DataDir dir = DataDir::open(s.root, diag);
  dir.track_content();
  const std::vector<std::string>& files = kTwoVisits;
  {
    ParseCache cache(dir, "visit", files, true, 0);
    cache.lookup(0);
    cache.lookup(1);
    cache.note_read(0, git_blob_id("one"));
    cache.remember(0, "A1");
    cache.note_read(1, git_blob_id("two"));  // b did not parse cleanly: not cached
    cache.save();
  }
  REQUIRE(dir.noted_blob(files[1]));
  CHECK(*dir.noted_blob(files[1]) == git_blob_id("two"));
  const DataDir again = DataDir::open(s.root, diag);
  again.track_content();
  ParseCache cache(again, "visit", files, true, 0);
  CHECK(cache.lookup(0) == "A1");
  cache.save();
  REQUIRE(again.noted_blob(files[0]));
  CHECK(*again.noted_blob(files[0]) == git_blob_id("one"));
  CHECK_FALSE(again.noted_blob(files[1]));  // not read this time: nothing to say
  const DataDir untracked = DataDir::open(s.root, diag);
  ParseCache quiet(untracked, "visit", files, true, 0);
  quiet.lookup(0);
  quiet.save();
  CHECK_FALSE(untracked.noted_blob(files[0]));
}

TEST_CASE("a corrupt cache file is an empty cache") {
  Scratch s;
  s.write("visits/2026/11/a.yaml", "one");
  fs::create_directories(s.root / ".kamgr/cache/visits/2026");
  s.write(".kamgr/cache/visits/2026/11.bin", "KAMGR-PARSE-CACHE-4\n\xff\xff\xff garbage");
  Diagnostics diag;
  const DataDir dir = DataDir::open(s.root, diag);
  ParseCache cache(dir, "visit", {"visits/2026/11/a.yaml"}, true, 0);
  CHECK(cache.lookup(0).empty());
}

TEST_CASE("the progress line: drawn after the quiet time, erased at the end") {
  std::ostringstream out;
  {
    Progress quiet(&out);  // the default: nothing in the first second
    quiet.begin("visits/2026/11", 10);
    quiet.tick();
  }
  CHECK(out.str().empty());
  Progress progress(&out, std::chrono::milliseconds(0));
  progress.begin("visits/2026/11", 4);
  progress.tick();
  CHECK(out.str().find("reading visits/2026/11") != std::string::npos);
  CHECK(out.str().find("[######..................] 1 files") != std::string::npos);
  progress.tick();  // within 100 ms of the last drawing: not redrawn
  CHECK(out.str().find("2 files") == std::string::npos);
  progress.clear();
  CHECK(out.str().ends_with("\r\033[K"));
  Progress off(nullptr, std::chrono::milliseconds(0));
  off.begin("x", 1);
  off.tick();  // no stream: nothing happens
}
