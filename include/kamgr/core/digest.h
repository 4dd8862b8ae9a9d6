#pragma once
/// Content digests: SHA-256, e.g. to notice that an approved plan was changed later, and
/// git's blob IDs (SHA-1), to compare files with a commit without asking git to read its
/// whole index.
#include <string>
#include <string_view>

namespace kamgr {

/// The SHA-256 of `data` as 64 lowercase hex digits (FIPS 180-4).
std::string sha256_hex(std::string_view data);

/// The SHA-1 of `data` as 40 lowercase hex digits (FIPS 180-4). Not for security: only
/// to name content the way git does.
std::string sha1_hex(std::string_view data);

/// The ID git gives a file with this content (`git hash-object`): the SHA-1 of
/// `blob <size>\0<content>`.
std::string git_blob_id(std::string_view content);

}  // namespace kamgr
