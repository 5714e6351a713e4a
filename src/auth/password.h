// Password hashing with argon2id (libsodium). Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace dadly {

// OWASP's minimum for argon2id: 19 MiB of memory, 2 passes, 1 lane (libsodium uses one lane).
inline constexpr unsigned long long kArgonOpsLimit = 2;
inline constexpr size_t kArgonMemLimit = 19u * 1024 * 1024;

// The encoded string ($argon2id$v=19$m=19456,t=2,p=1$salt$hash) with a fresh salt.
Result<std::string> HashPassword(std::string_view password);
// Checks `password` against an encoded string, using the parameters stored in that string.
bool VerifyPassword(std::string_view password, const std::string& encoded);

}  // namespace dadly
