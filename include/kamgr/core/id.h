#pragma once
/// Record identifiers (docs/formats.md "IDs").
#include <string>
#include <string_view>

#include "kamgr/core/date.h"

namespace kamgr {

/// True for a member or customer ID: `[a-z0-9][a-z0-9._-]{0,63}` and not containing `..`.
bool is_valid_id(std::string_view id);

/// A new visit or complaint ID: `YYYYMMDD-` then 8 random base-32 characters
/// (40 bits: two people on two branches do not collide in practice).
std::string generate_record_id(Date date);

/// True when `id` has the generated shape: `YYYYMMDD-` and >= 6 characters of a base-32
/// alphabet (kamgr's own leaves out i, l, o and u; any of `[a-z0-9]` is accepted).
bool is_generated_id(std::string_view id);

/// A customer ID derived from a name: lowercase ASCII letters and digits joined by `-`;
/// empty when the name has none (a Chinese name), and the caller generates one.
std::string slug_from_name(std::string_view name);

/// `c-` followed by 6 random base-32 characters.
std::string generate_customer_id();

}  // namespace kamgr
