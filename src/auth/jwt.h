// Access tokens: compact JWS with HS256 only. Verification pins the algorithm and checks every
// time and audience claim itself; nothing in the token's header can choose how it is verified.
// Thread-safe (pure functions).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace dadly {

struct AccessClaims {
  std::string subject;  // the user id
  int64_t issued_at = 0;
  int64_t expires_at = 0;
};

inline constexpr const char* kTokenIssuer = "dadly";
inline constexpr const char* kTokenAudience = "dadly-api";

std::string SignAccessToken(const AccessClaims& claims, std::string_view key);
// The base64url HS256 signature of a JWS signing input (`header.payload`).
std::string Hs256Signature(std::string_view signing_input, std::string_view key);
// kUnauthenticated for anything but a well-formed HS256 token signed with `key`, issued by
// kTokenIssuer for kTokenAudience, with `exp` after `now`, any `nbf` not after `now`, and a UUID
// subject.
Result<AccessClaims> VerifyAccessToken(std::string_view token, std::string_view key, int64_t now);

}  // namespace dadly
