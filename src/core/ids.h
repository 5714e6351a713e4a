// Identifiers and random secrets. Thread-safe (libsodium's generator).
#pragma once

#include <string>
#include <string_view>

namespace dadly {

// A random (version 4) UUID in lowercase canonical form.
std::string NewUuid();
// True when `s` is a canonical lowercase or uppercase UUID string.
bool IsUuid(std::string_view s);
// `n` random bytes encoded as unpadded base64url.
std::string RandomToken(size_t n);
// SHA-256 of `data`, lowercase hex.
std::string Sha256Hex(std::string_view data);

std::string Base64UrlEncode(std::string_view data);
// Decodes unpadded base64url; false on any character outside the alphabet.
bool Base64UrlDecode(std::string_view in, std::string* out);

}  // namespace dadly
