#pragma once
/// A compact binary encoding of parsed records, for the parse cache in `.kamgr/cache/`.
/// It is never a format users see or commit: `kRecordCodecVersion` is part of every
/// cache key, so bump it whenever a record struct or this encoding changes and old
/// caches are simply ignored.
#include <cstdint>
#include <string>
#include <string_view>

#include "kamgr/domain/complaint.h"
#include "kamgr/domain/records.h"

namespace kamgr {

inline constexpr uint32_t kRecordCodecVersion = 2;

/// Appends little-endian varints and length-prefixed strings to a byte string.
class ByteWriter {
 public:
  void u64(uint64_t v);
  void i64(int64_t v) { u64((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
  void str(std::string_view s);
  void flag(bool b) { u64(b ? 1 : 0); }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

/// Reads what a ByteWriter wrote. Never reads past the end: a truncated or corrupt
/// input makes `ok()` false and every later read return zero / empty.
class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : p_(in.data()), end_(in.data() + in.size()) {}
  uint64_t u64();
  int64_t i64() {
    const uint64_t v = u64();
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  }
  std::string str();
  std::string_view view();
  bool flag() { return u64() != 0; }
  bool ok() const { return ok_; }
  /// Marks the input corrupt and skips to its end.
  void fail() {
    ok_ = false;
    p_ = end_;
  }
  bool at_end() const { return p_ == end_; }

 private:
  const char* p_;
  const char* end_;
  bool ok_ = true;
};

/// The records the parse cache holds, each with a one-letter tag naming its type.
/// `decode` fills `out` (its `source.file` is set from `file`) and returns false on
/// a corrupt input.
std::string encode_record(const Member& m);
std::string encode_record(const Customer& c);
std::string encode_record(const Visit& v);
std::string encode_record(const Complaint& c);
bool decode_record(std::string_view bytes, const std::string& file, Member& out);
bool decode_record(std::string_view bytes, const std::string& file, Customer& out);
bool decode_record(std::string_view bytes, const std::string& file, Visit& out);
bool decode_record(std::string_view bytes, const std::string& file, Complaint& out);

template <typename T>
constexpr const char* record_cache_tag();
template <>
constexpr const char* record_cache_tag<Member>() { return "team"; }
template <>
constexpr const char* record_cache_tag<Customer>() { return "customer"; }
template <>
constexpr const char* record_cache_tag<Visit>() { return "visit"; }
template <>
constexpr const char* record_cache_tag<Complaint>() { return "complaint"; }

}  // namespace kamgr
