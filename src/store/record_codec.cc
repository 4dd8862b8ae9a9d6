#include "kamgr/store/record_codec.h"

namespace kamgr {

void ByteWriter::u64(uint64_t v) {
  while (v >= 0x80) {
    out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out_.push_back(static_cast<char>(v));
}

void ByteWriter::str(std::string_view s) {
  u64(s.size());
  out_.append(s);
}

uint64_t ByteReader::u64() {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (p_ == end_) break;
    const auto byte = static_cast<unsigned char>(*p_++);
    v |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return v;
  }
  fail();
  return 0;
}

std::string_view ByteReader::view() {
  const uint64_t n = u64();
  if (n > static_cast<uint64_t>(end_ - p_)) {
    fail();
    return {};
  }
  std::string_view s(p_, n);
  p_ += n;
  return s;
}

std::string ByteReader::str() { return std::string(view()); }

namespace {

// Small helpers for the optional and repeated parts of records.
void put_instant(ByteWriter& w, Instant t) {
  w.i64(t.seconds);
  w.u64(static_cast<uint64_t>(t.micros));
}
Instant get_instant(ByteReader& r) {
  const int64_t seconds = r.i64();
  return Instant{seconds, static_cast<int32_t>(r.u64() % 1'000'000)};
}

void put_date(ByteWriter& w, Date d) { w.i64(d.days); }
Date get_date(ByteReader& r) { return Date{static_cast<int32_t>(r.i64())}; }

void put_opt_date(ByteWriter& w, const std::optional<Date>& d) {
  w.flag(d.has_value());
  if (d) put_date(w, *d);
}
std::optional<Date> get_opt_date(ByteReader& r) {
  if (!r.flag()) return std::nullopt;
  return get_date(r);
}

void put_opt_time(ByteWriter& w, const std::optional<TimeOfDay>& t) {
  w.flag(t.has_value());
  if (t) w.i64(t->seconds);
}
std::optional<TimeOfDay> get_opt_time(ByteReader& r) {
  if (!r.flag()) return std::nullopt;
  return TimeOfDay{static_cast<int>(r.i64())};
}

void put_opt_str(ByteWriter& w, const std::optional<std::string>& s) {
  w.flag(s.has_value());
  if (s) w.str(*s);
}
std::optional<std::string> get_opt_str(ByteReader& r) {
  if (!r.flag()) return std::nullopt;
  return r.str();
}

void put_strings(ByteWriter& w, const std::vector<std::string>& v) {
  w.u64(v.size());
  for (const std::string& s : v) w.str(s);
}
/// Reads a count, bounded by the bytes left so a corrupt count cannot allocate much.
size_t get_count(ByteReader& r, std::string_view whole) {
  const uint64_t n = r.u64();
  if (n <= whole.size()) return static_cast<size_t>(n);
  r.fail();
  return 0;
}
std::vector<std::string> get_strings(ByteReader& r, std::string_view whole) {
  std::vector<std::string> v(get_count(r, whole));
  for (std::string& s : v) s = r.str();
  return v;
}

bool finish(const ByteReader& r) { return r.ok() && r.at_end(); }

}  // namespace

std::string encode_record(const Member& m) {
  ByteWriter w;
  w.str(m.id);
  w.str(m.name);
  w.u64(static_cast<uint64_t>(m.role));
  w.str(m.manager);
  w.str(m.email);
  w.flag(m.active);
  w.str(m.handle);
  w.u64(m.source.line);
  w.u64(m.manager_line);
  return std::move(w.bytes());
}

bool decode_record(std::string_view bytes, const std::string& file, Member& m) {
  ByteReader r(bytes);
  m.id = r.str();
  m.name = r.str();
  const uint64_t role = r.u64();
  if (role > static_cast<uint64_t>(Role::hr)) return false;
  m.role = static_cast<Role>(role);
  m.manager = r.str();
  m.email = r.str();
  m.active = r.flag();
  m.handle = r.str();
  m.source = {file, static_cast<int>(r.u64())};
  m.manager_line = static_cast<int>(r.u64());
  return finish(r);
}

std::string encode_record(const Customer& c) {
  ByteWriter w;
  w.str(c.id);
  w.str(c.name);
  put_opt_date(w, c.since);
  w.u64(c.history.size());
  for (const HistoryEntry& h : c.history) {
    put_date(w, h.date);
    put_opt_str(w, h.tier);
    put_opt_str(w, h.owner);
    w.u64(h.status ? static_cast<uint64_t>(*h.status) + 1 : 0);
    w.u64(h.line);
    w.u64(h.owner_line);
  }
  w.u64(c.contacts.size());
  for (const Contact& k : c.contacts) {
    w.str(k.name);
    w.str(k.title);
    w.str(k.phone);
    w.str(k.email);
  }
  put_strings(w, c.filled_fields);
  w.u64(c.profile.size());
  for (const auto& [key, value] : c.profile) {
    w.str(key);
    w.str(value);
  }
  w.u64(c.source.line);
  return std::move(w.bytes());
}

bool decode_record(std::string_view bytes, const std::string& file, Customer& c) {
  ByteReader r(bytes);
  c.id = r.str();
  c.name = r.str();
  c.since = get_opt_date(r);
  c.history.resize(get_count(r, bytes));
  for (HistoryEntry& h : c.history) {
    h.date = get_date(r);
    h.tier = get_opt_str(r);
    h.owner = get_opt_str(r);
    const uint64_t status = r.u64();
    if (status > static_cast<uint64_t>(CustomerStatus::lost) + 1) return false;
    h.status = status ? std::optional(static_cast<CustomerStatus>(status - 1)) : std::nullopt;
    h.line = static_cast<int>(r.u64());
    h.owner_line = static_cast<int>(r.u64());
  }
  c.contacts.resize(get_count(r, bytes));
  for (Contact& k : c.contacts) {
    k.name = r.str();
    k.title = r.str();
    k.phone = r.str();
    k.email = r.str();
  }
  c.filled_fields = get_strings(r, bytes);
  c.profile.resize(get_count(r, bytes));
  for (auto& [key, value] : c.profile) {
    key = r.str();
    value = r.str();
  }
  c.source = {file, static_cast<int>(r.u64())};
  return finish(r);
}

std::string encode_record(const Visit& v) {
  ByteWriter w;
  w.str(v.id);
  w.str(v.customer);
  w.str(v.rep);
  put_date(w, v.date);
  put_opt_time(w, v.start);
  put_opt_time(w, v.end);
  w.str(v.purpose);
  w.str(v.outcome);
  w.str(v.feedback);
  w.u64(v.next_steps.size());
  for (const NextStep& s : v.next_steps) {
    w.str(s.action);
    put_opt_date(w, s.due);
  }
  w.str(v.opportunity);
  put_instant(w, v.recorded_at);
  w.u64(v.source.line);
  w.u64(v.customer_line);
  w.u64(v.rep_line);
  w.u64(v.opportunity_line);
  return std::move(w.bytes());
}

bool decode_record(std::string_view bytes, const std::string& file, Visit& v) {
  ByteReader r(bytes);
  v.id = r.str();
  v.customer = r.str();
  v.rep = r.str();
  v.date = get_date(r);
  v.start = get_opt_time(r);
  v.end = get_opt_time(r);
  v.purpose = r.str();
  v.outcome = r.str();
  v.feedback = r.str();
  v.next_steps.resize(get_count(r, bytes));
  for (NextStep& s : v.next_steps) {
    s.action = r.str();
    s.due = get_opt_date(r);
  }
  v.opportunity = r.str();
  v.recorded_at = get_instant(r);
  v.source = {file, static_cast<int>(r.u64())};
  v.customer_line = static_cast<int>(r.u64());
  v.rep_line = static_cast<int>(r.u64());
  v.opportunity_line = static_cast<int>(r.u64());
  return finish(r);
}

std::string encode_record(const Complaint& c) {
  ByteWriter w;
  w.str(c.id);
  w.str(c.customer);
  w.str(c.rep);
  w.str(c.level);
  w.str(c.category);
  w.str(c.summary);
  put_instant(w, c.received_at);
  w.u64(c.events.size());
  for (const ComplaintEvent& e : c.events) {
    w.str(e.type);
    put_instant(w, e.at);
    w.str(e.by);
    w.str(e.note);
    w.flag(e.csat.has_value());
    if (e.csat) w.i64(*e.csat);
    w.str(e.reason);
    w.u64(e.line);
  }
  w.u64(c.source.line);
  w.u64(c.customer_line);
  w.u64(c.rep_line);
  return std::move(w.bytes());
}

bool decode_record(std::string_view bytes, const std::string& file, Complaint& c) {
  ByteReader r(bytes);
  c.id = r.str();
  c.customer = r.str();
  c.rep = r.str();
  c.level = r.str();
  c.category = r.str();
  c.summary = r.str();
  c.received_at = get_instant(r);
  c.events.resize(get_count(r, bytes));
  for (ComplaintEvent& e : c.events) {
    e.type = r.str();
    e.at = get_instant(r);
    e.by = r.str();
    e.note = r.str();
    e.csat = r.flag() ? std::optional(static_cast<int>(r.i64())) : std::nullopt;
    e.reason = r.str();
    e.line = static_cast<int>(r.u64());
  }
  c.source = {file, static_cast<int>(r.u64())};
  c.customer_line = static_cast<int>(r.u64());
  c.rep_line = static_cast<int>(r.u64());
  return finish(r);
}

}  // namespace kamgr
