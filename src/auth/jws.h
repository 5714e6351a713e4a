// Compact JWS (RFC 7515) taken apart: three base64url parts, the first two JSON objects.
// Nothing is verified here; callers check the signature and the claims. Pure functions.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/error.h"

namespace dadly {

struct CompactJws {
  nlohmann::json header;           // a JSON object
  nlohmann::json payload;          // a JSON object
  std::string_view signing_input;  // `header.payload` as sent; points into the token
  std::string signature;           // the raw signature bytes
};

// kUnauthenticated unless `token` is at most `max_size` bytes of three base64url parts whose
// first two decode to JSON objects.
Result<CompactJws> ParseCompactJws(std::string_view token, size_t max_size);

// True for a JSON integer (signed or unsigned), the only form Dadly accepts for NumericDate
// claims (`exp`, `nbf`, `iat`).
inline bool IsIntegralJson(const nlohmann::json& j) {
  return j.is_number_integer() || j.is_number_unsigned();
}

}  // namespace dadly
