#include "kamgr/core/id.h"

#include <fmt/format.h>

#include <random>

namespace kamgr {
namespace {

constexpr std::string_view kBase32 = "0123456789abcdefghjkmnpqrstvwxyz";

std::string random_base32(int n) {
  static thread_local std::mt19937_64 rng{std::random_device{}() ^
                                          (static_cast<uint64_t>(std::random_device{}()) << 32)};
  std::string s;
  for (int i = 0; i < n; ++i) s += kBase32[rng() % kBase32.size()];
  return s;
}

bool id_char(char c, bool first) {
  if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  return !first && (c == '.' || c == '_' || c == '-');
}

}  // namespace

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (size_t i = 0; i < id.size(); ++i)
    if (!id_char(id[i], i == 0)) return false;
  return id.find("..") == std::string_view::npos;
}

std::string generate_record_id(Date date) {
  return fmt::format("{:04}{:02}{:02}-{}", date.year(), date.month(), date.day(), random_base32(8));
}

bool is_generated_id(std::string_view id) {
  if (id.size() < 15 || id[8] != '-') return false;
  for (size_t i = 0; i < 8; ++i)
    if (id[i] < '0' || id[i] > '9') return false;
  for (size_t i = 9; i < id.size(); ++i)  // any base-32 alphabet: ours, RFC 4648's, ...
    if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9'))) return false;
  return true;
}

std::string slug_from_name(std::string_view name) {
  std::string s;
  for (char c : name) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u >= 'A' && u <= 'Z') s += static_cast<char>(u - 'A' + 'a');
    else if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9')) s += c;
    else if (!s.empty() && s.back() != '-') s += '-';
  }
  while (!s.empty() && s.back() == '-') s.pop_back();
  if (s.size() > 64) s.resize(64);
  return is_valid_id(s) ? s : std::string{};
}

std::string generate_customer_id() { return "c-" + random_base32(6); }

}  // namespace kamgr
