// Accounts and their sessions.
#pragma once

#include <cstdint>
#include <string>

namespace dadly {

struct User {
  std::string id;
  std::string email;          // trimmed, lower-cased
  std::string password_hash;  // argon2id encoded string; never leaves the server
  std::string display_name;
  std::string locale = "ko";  // ko | en
  int64_t created_at = 0;
};

// One refresh token of a login session. Only the SHA-256 of the token is stored.
struct RefreshToken {
  std::string token_hash;
  std::string session_id;
  std::string user_id;
  int64_t created_at = 0;
  int64_t expires_at = 0;
};

}  // namespace dadly
