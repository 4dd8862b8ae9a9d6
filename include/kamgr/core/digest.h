#pragma once
/// Content digests (SHA-256), e.g. to notice that an approved plan was changed later.
#include <string>
#include <string_view>

namespace kamgr {

/// The SHA-256 of `data` as 64 lowercase hex digits (FIPS 180-4).
std::string sha256_hex(std::string_view data);

}  // namespace kamgr
