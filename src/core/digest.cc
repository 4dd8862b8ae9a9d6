#include "kamgr/core/digest.h"

#include <array>
#include <cstdint>
#include <string>

namespace kamgr {

namespace {

constexpr std::array<uint32_t, 64> kRound = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

uint32_t rotr(uint32_t x, int n) {
  return (x >> n) | (x << (32 - n));
}

uint32_t rotl(uint32_t x, int n) {
  return (x << n) | (x >> (32 - n));
}

/// `data` padded as SHA-1 and SHA-256 both want it: a 1 bit, zeros, the bit length.
std::string padded(std::string_view data) {
  std::string msg(data);
  const uint64_t bits = uint64_t{data.size()} * 8;
  msg.push_back(static_cast<char>(0x80));
  while (msg.size() % 64 != 56) msg.push_back('\0');
  for (int i = 7; i >= 0; --i) msg.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
  return msg;
}

template <size_t N>
std::string hex(const std::array<uint32_t, N>& words) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (uint32_t word : words)
    for (int shift = 28; shift >= 0; shift -= 4) out.push_back(kHex[(word >> shift) & 0xf]);
  return out;
}

/// The 16 big-endian words of a 64-byte block.
void load_words(uint32_t* w, const unsigned char* block) {
  for (int i = 0; i < 16; ++i)
    w[i] = uint32_t{block[4 * i]} << 24 | uint32_t{block[4 * i + 1]} << 16 |
           uint32_t{block[4 * i + 2]} << 8 | uint32_t{block[4 * i + 3]};
}

/// SHA-1 (FIPS 180-4 6.1): processes one 64-byte block into the hash state `h`.
void compress_sha1(std::array<uint32_t, 5>& h, const unsigned char* block) {
  std::array<uint32_t, 80> w{};
  load_words(w.data(), block);
  for (int i = 16; i < 80; ++i) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
  std::array<uint32_t, 5> v = h;
  for (int i = 0; i < 80; ++i) {
    const uint32_t f = i < 20   ? (v[1] & v[2]) | (~v[1] & v[3])
                       : i < 40 ? v[1] ^ v[2] ^ v[3]
                       : i < 60 ? (v[1] & v[2]) | (v[1] & v[3]) | (v[2] & v[3])
                                : v[1] ^ v[2] ^ v[3];
    const uint32_t k = i < 20 ? 0x5a827999 : i < 40 ? 0x6ed9eba1 : i < 60 ? 0x8f1bbcdc : 0xca62c1d6;
    const uint32_t t = rotl(v[0], 5) + f + v[4] + k + w[i];
    v[4] = v[3];
    v[3] = v[2];
    v[2] = rotl(v[1], 30);
    v[1] = v[0];
    v[0] = t;
  }
  for (int i = 0; i < 5; ++i) h[i] += v[i];
}

/// SHA-256 (FIPS 180-4 6.2): processes one 64-byte block into the hash state `h`.
void compress(std::array<uint32_t, 8>& h, const unsigned char* block) {
  std::array<uint32_t, 64> w{};
  load_words(w.data(), block);
  for (int i = 16; i < 64; ++i) {
    const uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    const uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  std::array<uint32_t, 8> v = h;
  for (int i = 0; i < 64; ++i) {
    const uint32_t s1 = rotr(v[4], 6) ^ rotr(v[4], 11) ^ rotr(v[4], 25);
    const uint32_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
    const uint32_t t1 = v[7] + s1 + ch + kRound[i] + w[i];
    const uint32_t s0 = rotr(v[0], 2) ^ rotr(v[0], 13) ^ rotr(v[0], 22);
    const uint32_t maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
    for (int k = 7; k > 0; --k) v[k] = v[k - 1];
    v[4] += t1;
    v[0] = t1 + s0 + maj;
  }
  for (int i = 0; i < 8; ++i) h[i] += v[i];
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  std::array<uint32_t, 8> h = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  const std::string msg = padded(data);
  for (size_t i = 0; i < msg.size(); i += 64)
    compress(h, reinterpret_cast<const unsigned char*>(msg.data() + i));
  return hex(h);
}

std::string sha1_hex(std::string_view data) {
  std::array<uint32_t, 5> h = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
  const std::string msg = padded(data);
  for (size_t i = 0; i < msg.size(); i += 64)
    compress_sha1(h, reinterpret_cast<const unsigned char*>(msg.data() + i));
  return hex(h);
}

std::string git_blob_id(std::string_view content) {
  std::string object = "blob " + std::to_string(content.size());
  object.push_back('\0');
  object.append(content);
  return sha1_hex(object);
}

}  // namespace kamgr
